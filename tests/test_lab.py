"""`make lab`: lesson 00 as the start page, no news prompt, no nbgrader menus, a per-run token.

The fast tests check the command line and the settings files; the slow one runs `make lab` for
real (no browser) and asks the running server what a student's browser would get.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))
import lab  # noqa: E402

LESSON_URL = "/lab/tree/lessons/00_start_here.ipynb"


def test_command_opens_lesson_00_with_the_course_settings_and_no_token() -> None:
    command = lab.lab_command(8899, open_browser=False, as_root=False)
    joined = " ".join(command)
    assert f"--LabApp.default_url={LESSON_URL}" in command
    assert f"--LabApp.app_settings_dir={REPO / 'tools' / 'lab' / 'settings'}" in command
    assert "--ServerApp.ip=127.0.0.1" in command and "--ServerApp.port=8899" in command
    assert "--no-browser" in command and "--allow-root" not in command
    # no token on the command line (other users can read it there), none switched off either
    assert "token" not in joined.casefold() and "password" not in joined.casefold()
    for ext in lab.NBGRADER_SERVER_EXTENSIONS:
        assert f"{ext}=False" in command
    assert "--no-browser" not in lab.lab_command(8899, open_browser=True, as_root=True)


def test_start_page_falls_back_to_the_lessons_folder(tmp_path: Path) -> None:
    assert lab.start_path(REPO) == LESSON_URL
    assert lab.start_path(tmp_path) == "/lab/tree/lessons"


def test_settings_turn_off_news_and_the_nbgrader_lab_extension() -> None:
    settings = REPO / "tools" / "lab" / "settings"
    overrides = json.loads((settings / "overrides.json").read_text())
    notification = overrides["@jupyterlab/apputils-extension:notification"]
    assert notification == {"checkForUpdates": False, "fetchNews": "false"}
    page = json.loads((settings / "page_config.json").read_text())
    assert page["disabledExtensions"] == {"@jupyter/nbgrader": True}
    # the name is the one nbgrader's lab extension really has
    installed = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter" / "nbgrader"
    assert json.loads((installed / "package.json").read_text())["name"] == "@jupyter/nbgrader"


def test_makefile_passes_a_chosen_token_through_the_environment() -> None:
    makefile = (REPO / "Makefile").read_text()
    recipe = makefile[makefile.index("\nlab:") : makefile.index("\n\n", makefile.index("\nlab:"))]
    assert "tools/lab.py" in recipe and "JUPYTER_TOKEN" in recipe
    assert "IdentityProvider.token" not in recipe


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, ""


@pytest.mark.slow
def test_make_lab_serves_lesson_00_with_a_token_and_the_course_settings(
    tmp_path: Path, subprocess_env: Callable[..., dict[str, str]]
) -> None:
    port = _free_port()
    env = subprocess_env(
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"),
    )
    env.pop("JUPYTER_TOKEN", None)
    log = (tmp_path / "lab.log").open("w")
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"PORT={port}", "NO_BROWSER=1"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        pattern = re.compile(rf"http://127\.0\.0\.1:{port}(/\S*)\?token=([0-9a-f]{{32,}})")
        found = None
        deadline = time.monotonic() + 90
        while found is None and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.5)
            found = pattern.search((tmp_path / "lab.log").read_text())
        text = (tmp_path / "lab.log").read_text()
        assert found, f"no address with a token printed:\n{text}"
        path, token = found.groups()
        assert path == LESSON_URL
        assert f"http://127.0.0.1:{port}{LESSON_URL}?token=..." in text  # tools/lab.py's note
        base = f"http://127.0.0.1:{port}"
        status, page = _get(f"{base}{path}?token={token}")
        assert status == 200
        config = json.loads(
            re.search(r'id="jupyter-config-data"[^>]*>\s*(\{.*?\})\s*</script>', page, re.S)[1]
        )
        assert "@jupyter/nbgrader" in config["disabledExtensions"]
        assert _get(f"{base}{path}")[0] in (302, 403)  # no token, no lesson
        assert _get(f"{base}/api/contents?token=wrong")[0] == 403
        status, body = _get(
            f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={token}"
        )
        assert status == 200
        defaults = json.loads(body)["schema"]["properties"]  # overrides change the defaults
        assert defaults["fetchNews"]["default"] == "false"
        assert defaults["checkForUpdates"]["default"] is False
        assert _get(f"{base}/formgrader?token={token}")[0] == 404
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
