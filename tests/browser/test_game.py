"""The decision game in JupyterLab: a whole game of each scenario, played through the widget.

The fixture notebook ``fixtures/game_widget.ipynb`` shows one :class:`ForeignMinisterGame`. For
each shipped scenario the test chooses it in the scenario list, plays every turn by pressing the
button of the state's actual choice (the Philippines with the keyboard only: Tab focus and
Enter), and checks what a student then sees: the end of the game, the debrief (every turn's
path row, "the actual choice at N of N turns", each framework's final label and pivotal choices
as the library computes them), the trail figure's alt text with the actual path, and a saved run
file that replays to the same choices. After every step: no error in a cell, nothing in the log
console.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from smallstate.frameworks import FRAMEWORKS
from smallstate.plots.palette import label_name
from smallstate.simulation import Game, list_scenarios, load_run, load_scenario, pivotal_choices

from .conftest import FIXTURES, HARNESS_DIR, LabServer
from .harness import JUPYTERLAB, WIDGET_UPDATE_TIMEOUT, _assert_clean, run_notebook

pytestmark = pytest.mark.browser

NOTEBOOK = "game_widget.ipynb"
DEBRIEF_TIMEOUT = 180_000  # the last turn also computes every alternative under every framework


def _text(page: Any, css: str) -> str:
    return str(page.locator(f".jp-OutputArea {css}").first.inner_text())


def _wait_text(page: Any, css: str, pattern: str, timeout: int = WIDGET_UPDATE_TIMEOUT) -> None:
    page.wait_for_function(
        """([css, pattern]) => {
            const el = document.querySelector('.jp-OutputArea ' + css);
            return !!el && new RegExp(pattern).test(el.innerText);
        }""",
        arg=[css, pattern],
        timeout=timeout,
        polling=100,
    )
    page.wait_for_function(JUPYTERLAB.idle_js, timeout=timeout, polling=100)


def _play(page: Any, scenario_id: str, *, switch: bool, keyboard: bool) -> None:
    scenario = load_scenario(scenario_id)
    total = len(scenario.turns)
    if switch:
        select = page.locator(".jp-OutputArea .ss-game-scenario select").first
        select.select_option(label=scenario.title)
    else:
        page.locator(".jp-OutputArea .ss-game-restart").first.click()
    _wait_text(page, ".ss-game-turn", f"Turn 1 of {total}:")
    _wait_text(page, ".ss-game-situation", re.escape(scenario.turns[0].situation.split(".")[0]))
    for number, turn in enumerate(scenario.turns, start=1):
        assert turn.actual is not None, f"{scenario_id}: {turn.id} has no actual choice"
        index = [o.id for o in turn.options].index(turn.actual.option)
        button = page.locator(f".jp-OutputArea .ss-game-option-{index + 1}").first
        assert button.inner_text().strip() == turn.options[index].label
        if keyboard:
            button.focus()
            page.keyboard.press("Enter")
        else:
            button.click()
        after = f"Turn {number + 1} of {total}:" if number < total else "The game is over"
        timeout = DEBRIEF_TIMEOUT if number == total else WIDGET_UPDATE_TIMEOUT
        _wait_text(page, ".ss-game-turn", after, timeout)
        _wait_text(page, ".ss-game-consequence", re.escape(f"Turn {number}, you chose"))
        _assert_clean(page, f"{scenario_id}, turn {number}")


def _check_debrief(page: Any, lab: LabServer, scenario_id: str) -> None:
    scenario = load_scenario(scenario_id)
    total = len(scenario.turns)
    _wait_text(page, ".ss-game-debrief", "Debrief", DEBRIEF_TIMEOUT)
    debrief = page.locator(".jp-OutputArea .ss-game-debrief").first
    text = debrief.inner_text()
    assert f"You made the state's actual choice at {total} of {total} turns" in text
    assert debrief.locator("table.ss-game-path tbody tr").count() == total
    game = Game.replay(scenario, [t.actual.option for t in scenario.turns])
    pivots = pivotal_choices(game)
    items = debrief.locator("ul.ss-game-pivots li").all_inner_texts()
    assert len(items) == len(FRAMEWORKS)
    for fid, item in zip(FRAMEWORKS, items, strict=True):
        final = label_name(pivots.attrs["labels"][fid])
        assert item.startswith(f"{fid} ({final})"), item
        mine = pivots.loc[pivots["framework"] == fid]
        if mine.empty:
            assert "no single choice flips it" in item
        for row in mine.to_dict("records"):
            assert f"turn {row['step']} ({row['date']})" in item, item
    # every option button is gone, and the trail's alt text now includes the actual path
    assert page.locator(".jp-OutputArea .ss-game-option:visible").count() == 0
    alt = page.locator(".jp-OutputArea .ss-game-plot img").first.get_attribute("alt") or ""
    assert f"turn {total} (" in alt and "The actual path:" in alt, alt
    # save the run under a pseudonym; the file replays to the actual choices
    name = f"tester-{scenario_id}"
    page.locator(".jp-OutputArea .ss-game-player input").first.fill(name)
    page.locator(".jp-OutputArea .ss-game-save").first.click()
    _wait_text(page, ".ss-game-saved", "Saved")
    saved = lab.root / HARNESS_DIR / "runs" / f"{scenario_id}-{name}.json"
    assert saved.name in _text(page, ".ss-game-saved")
    run = load_run(saved)
    assert run.scenario == scenario_id and run.player == name
    assert list(run.choices) == [t.actual.option for t in scenario.turns]
    _assert_clean(page, f"{scenario_id}, after the debrief and the save")


def test_whole_games_of_both_scenarios(lab_page: Any, lab_server: LabServer) -> None:
    source = FIXTURES / NOTEBOOK
    run_notebook(
        lab_page, lab_server.base_url, lab_server.token, f"{HARNESS_DIR}/{NOTEBOOK}", source
    )
    scenarios = list_scenarios()
    assert {"cambodia-2010-2025", "philippines-2012-2024"} <= set(scenarios)
    # the notebook starts on Cambodia (played with the mouse), then switches (keyboard only)
    for scenario_id, later in (("cambodia-2010-2025", False), ("philippines-2012-2024", True)):
        _play(lab_page, scenario_id, switch=later, keyboard=later)
        _check_debrief(lab_page, lab_server, scenario_id)
    assert not lab_server.network_attempts()
