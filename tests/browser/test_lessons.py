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


def _press_until_focused(
    page: Any, start: Any, goal: Any, key: str = "Tab", limit: int = 40
) -> None:
    """From ``start``, press ``key`` until ``goal`` has the keyboard focus (fail after ``limit``)."""
    start.focus()
    goal_handle = goal.element_handle()
    for _ in range(limit):
        if page.evaluate("(el) => document.activeElement === el", goal_handle):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{key} from {start} never reached {goal}")


def _selected(select: Any) -> str:
    return str(select.evaluate("el => el.options[el.selectedIndex].text"))


def _inner(locator: Any) -> str:
    return str(locator.evaluate("el => el.innerHTML"))


def _wait_changed(page: Any, watch: Any, before: str, what: str) -> None:
    try:
        page.wait_for_function(
            "([el, before]) => el.innerHTML !== before",
            arg=[watch.element_handle(), before],
            timeout=30_000,
            polling=100,
        )
    except Exception as error:
        raise AssertionError(f"{what} with the keyboard only did not change the widget") from error


def test_lesson_widgets_work_with_the_keyboard_only(lab_page: Any, lab_server: LabServer) -> None:
    """Lesson 03: a dropdown, a slider and a button, operated with keys alone (no clicks).

    Each control is reached with Tab from the control before it (or the previous cell's
    output), changed with the keys a keyboard user has (arrows, Enter), and the widget's
    output must change each time.
    """
    lesson = REPO / "lessons" / "03_cambodia_china.ipynb"
    _run(lab_page, lab_server, lesson.name, lesson)
    page = lab_page
    timeline = page.locator(".ss-timeline").first
    table = timeline.locator(".ss-timeline-table").first
    verdicts = timeline.locator(".ss-timeline-verdicts").first

    cells = page.locator(".jp-Notebook .jp-Cell").count()
    # Dropdown: Tab from the counterpart dropdown to the stance one; Space opens its list,
    # ArrowDown moves to the next option, Enter picks it. (Unmodified letters or arrows on a
    # closed dropdown reach JupyterLab's command-mode shortcuts instead: "x" would cut the
    # cell. That is JupyterLab's, not the widget's; the list keys work.)
    counterpart = timeline.locator(".ss-timeline-counterpart select").first
    stance = timeline.locator(".ss-timeline-stance select").first
    _press_until_focused(page, counterpart, stance)
    before, chosen = _inner(table), _selected(stance)
    for key in ("Space", "ArrowDown", "Enter"):
        page.keyboard.press(key)
    _wait_changed(page, table, before, "the stance dropdown")
    assert _selected(stance) != chosen

    # Slider: Tab reaches the window's first handle from the widget's heading region; the
    # arrow keys move it and the verdicts follow.
    handle = timeline.locator(".ss-timeline-window .noUi-handle").first
    _press_until_focused(page, timeline.locator(".ss-timeline-window").first, handle)
    before = _inner(verdicts)
    for _ in range(30):  # far enough for the window to drop some years with acts
        page.keyboard.press("ArrowRight")
    _wait_changed(page, verdicts, before, "the years slider")

    # Button: a quiz's Check button. Space picks the first option (a radio button reached
    # by focus), Tab goes on to Check, Enter presses it; the feedback changes.
    check = page.locator(".ss-quiz-check").last
    cell = page.locator(".jp-Notebook .jp-Cell").filter(has=check)
    radio = cell.locator(".ss-quiz-options input").first
    feedback = cell.locator(".ss-quiz-feedback").first
    radio.focus()
    page.keyboard.press("Space")
    _press_until_focused(page, radio, check)
    before = _inner(feedback)
    page.keyboard.press("Enter")
    _wait_changed(page, feedback, before, "the quiz's Check button")
    assert page.locator(".jp-Notebook .jp-Cell").count() == cells, (
        "a key reached a notebook shortcut"
    )
    axe.check(
        axe.audit(page), f"{lesson.name} after keyboard use", axe.known_findings()["jupyterlab"]
    )
