"""Every lesson, run in JupyterLab in a real Chromium, as a student would; plus the harness itself.

Each lesson found in ``lessons/*.ipynb`` is opened, run with "Run All Cells", and every widget its
cells declare (``smallstate.widgets`` cell metadata, docs/ARCHITECTURE.md) is driven once.
The harness notebooks under ``tests/browser/fixtures/`` prove the harness works (all five actions)
and that it catches a failing cell and a failing widget callback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from . import axe
from .conftest import ARTIFACTS, FIXTURES, HARNESS_DIR, REPO, LabServer
from .harness import run_notebook, widget_declarations

pytestmark = pytest.mark.browser

LESSONS = sorted((REPO / "lessons").glob("*.ipynb"))


def _run(page: Any, lab: LabServer, relpath: str, source: Path) -> None:
    run_notebook(page, lab.base_url, lab.token, relpath, source)
    attempts = lab.network_attempts()
    assert not attempts, f"{relpath} tried to reach the network:\n{attempts}"


@pytest.mark.parametrize("lesson", LESSONS, ids=[path.stem for path in LESSONS])
def test_lesson_runs_in_jupyterlab(lab_page: Any, lab_server: LabServer, lesson: Path) -> None:
    _run(lab_page, lab_server, lesson.name, lesson)
    # After Run All and every widget driven: accessible, in what the course itself shows.
    findings = axe.audit(lab_page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"axe-{lesson.stem}.txt").write_text(
        "\n".join(f"{'content' if f.content else 'jupyterlab'} {f}" for f in findings),
        encoding="utf-8",
    )
    axe.check(findings, lesson.name, axe.known_findings()["jupyterlab"])


def test_harness_drives_every_widget_action(lab_page: Any, lab_server: LabServer) -> None:
    source = FIXTURES / "harness_widgets.ipynb"
    declared = {d.action for d in widget_declarations(source)}
    assert declared == {"fill", "select", "slider", "click", "toggle"}
    _run(lab_page, lab_server, f"{HARNESS_DIR}/{source.name}", source)
    result = lab_page.locator(".ss-fixture-result").first.inner_text()
    # Every action reached the kernel and came back: the fill, the choice, the toggle, the click.
    assert result == "text='hedging' choice=bandwagoning flag=True clicks=1", result
    assert lab_page.locator(".ss-fixture-slider-result").first.inner_text() == "n = 5"


def test_harness_reports_a_failing_cell(lab_page: Any, lab_server: LabServer) -> None:
    source = FIXTURES / "broken_cell.ipynb"
    with pytest.raises(AssertionError, match=r"cell 3: ValueError: deliberate failure"):
        run_notebook(
            lab_page, lab_server.base_url, lab_server.token, f"{HARNESS_DIR}/{source.name}", source
        )


def test_harness_reports_a_failing_callback(lab_page: Any, lab_server: LabServer) -> None:
    source = FIXTURES / "broken_callback.ipynb"
    with pytest.raises(AssertionError, match=r"deliberate callback failure"):
        run_notebook(
            lab_page, lab_server.base_url, lab_server.token, f"{HARNESS_DIR}/{source.name}", source
        )


def test_students_see_no_nbgrader_interface(lab_page: Any, lab_server: LabServer) -> None:
    """The course's lab settings (tools/lab/settings) disable nbgrader's lab extension."""
    lesson = LESSONS[0]
    _run(lab_page, lab_server, lesson.name, lesson)
    menus = lab_page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
    assert "Run" in [m.strip() for m in menus]  # the menu bar is there
    assert not {"Nbgrader", "Formgrader", "Assignments", "Courses"} & {m.strip() for m in menus}
    assert lab_page.locator(".validate-button").count() == 0  # nbgrader's "Validate" button
