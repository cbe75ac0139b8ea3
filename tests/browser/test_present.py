"""``make present LESSON=04``: one lesson in Voila, code hidden, widgets live, in a real Chromium.

The test runs the make target itself (on a free port, with the network guard on the kernels),
opens the page, checks that no code is shown, and drives every widget lesson 04 declares with
the same harness as the JupyterLab tests (``exercise_widget(..., VOILA)``): each action must
change what its widget shows, which only a live kernel can do.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .conftest import ARTIFACTS, REPO, _free_port, guarded_env, recorded_page
from .harness import VOILA, _assert_clean, exercise_widget, widget_declarations

pytestmark = pytest.mark.browser

LESSON = next((REPO / "lessons").glob("04_*.ipynb"))


@dataclass
class Present:
    url: str
    log: Path
    network_log: Path


@pytest.fixture(scope="module")
def present(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[Present]:
    base = tmp_path_factory.mktemp("present")
    port = _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / "present.log"
    network_log = base / "network-denied.log"
    env = guarded_env(network_log, JUPYTER_RUNTIME_DIR=str(base), MPLCONFIGDIR=str(base))
    command = [
        "make",
        "--no-print-directory",
        "present",
        "LESSON=04",
        f"PORT={port}",
        "NO_BROWSER=1",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 90
            while True:  # a GET of / starts a kernel: wait for the port instead
                if process.poll() is not None:
                    pytest.fail(f"make present exited: {log_path.read_text()[-3000:]}")
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        pytest.fail(f"Voila not listening after 90 s; log: {log_path}")
                    time.sleep(0.3)
            yield Present(f"http://127.0.0.1:{port}/", log_path, network_log)
        finally:
            os.killpg(process.pid, signal.SIGTERM)  # make, and the Voila it started
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


@pytest.fixture
def voila_page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    with recorded_page(request, browser) as page:
        yield page


def test_present_serves_the_lesson_with_code_hidden_and_widgets_live(
    voila_page: Any, present: Present
) -> None:
    page = voila_page
    page.goto(present.url, timeout=120_000)
    declarations = widget_declarations(LESSON)
    assert declarations, "lesson 04 declares no widgets to drive"
    first = page.locator(VOILA.cells).nth(declarations[0].cell_index)
    first.locator(declarations[0].target).first.wait_for(state="visible", timeout=120_000)
    # every cell of the lesson is there, in order, and no code is shown
    notebook = json.loads(LESSON.read_text(encoding="utf-8"))
    assert page.locator(VOILA.cells).count() == len(notebook["cells"])
    assert page.locator(".jp-CodeCell .jp-InputArea, .jp-CodeCell .cm-editor").count() == 0
    assert page.locator(".jp-CodeCell .jp-OutputArea-output").count() > 0
    shown = page.locator("body").inner_text()
    code_lines = {
        line.strip()
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
        for line in "".join(cell["source"]).splitlines()
        if len(line.strip()) > 25 and not line.strip().startswith("#")
    }
    assert code_lines and not [line for line in code_lines if line in shown]
    _assert_clean(page, "lesson 04 in Voila after loading", VOILA)
    for declaration in declarations:
        exercise_widget(page, declaration, VOILA)
    attempts = present.network_log.read_text() if present.network_log.exists() else ""
    assert not attempts, f"lesson 04 in Voila tried to reach the network:\n{attempts}"
