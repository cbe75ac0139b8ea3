"""In-kernel tests of the ForeignMinisterGame widget and its trail figure (issue 15)."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
import pytest

from smallstate.errors import UnknownNameError
from smallstate.frameworks import FRAMEWORKS
from smallstate.plots.game import plot_trail
from smallstate.plots.palette import label_name
from smallstate.simulation import (
    Game,
    list_scenarios,
    load_run,
    load_scenario,
    path_table,
    pivotal_choices,
    run_record,
    run_verdicts,
)
from smallstate.widgets.game import MAX_OPTIONS, ForeignMinisterGame

PHL = "philippines-2012-2024"


def _actual(scenario_id: str) -> list[str]:
    return [t.actual.option for t in load_scenario(scenario_id).turns if t.actual is not None]


@pytest.fixture()
def game(tmp_path: Path) -> ForeignMinisterGame:
    return ForeignMinisterGame(PHL, plot=False, runs_dir=tmp_path / "runs")


def test_every_part_has_its_css_class(game: ForeignMinisterGame) -> None:
    expected = {
        game.scenario: "ss-game-scenario",
        game.restart: "ss-game-restart",
        game.turn_view: "ss-game-turn",
        game.situation: "ss-game-situation",
        game.consequence: "ss-game-consequence",
        game.verdicts_view: "ss-game-verdicts",
        game.plot: "ss-game-plot",
        game.debrief: "ss-game-debrief",
        game.player: "ss-game-player",
        game.save: "ss-game-save",
        game.saved: "ss-game-saved",
    }
    for control, css in expected.items():
        assert css in control._dom_classes
    for i, button in enumerate(game.option_buttons, start=1):
        assert {"ss-game-option", f"ss-game-option-{i}"} <= set(button._dom_classes)


def test_both_scenarios_are_offered_by_title() -> None:
    g = ForeignMinisterGame(plot=False)
    offered = {value for _, value in g.scenario.options}
    assert offered == set(list_scenarios())
    assert {"cambodia-2010-2025", PHL} <= offered
    assert g.scenario.value == "cambodia-2010-2025"
    with pytest.raises(UnknownNameError, match="did you mean"):
        ForeignMinisterGame("philipines-2012-2024", plot=False)


def test_option_buttons_name_every_option_and_hide_the_rest(game: ForeignMinisterGame) -> None:
    turn = load_scenario(PHL).turns[0]
    shown = [b for b in game.option_buttons if b.layout.display != "none"]
    assert [b.description for b in shown] == [o.label for o in turn.options]
    for button, option in zip(shown, turn.options, strict=True):
        assert option.text.strip()[:20] in button.tooltip and not button.disabled
    for button in game.option_buttons[len(turn.options) : MAX_OPTIONS]:
        assert button.layout.display == "none" and button.disabled
    assert "Turn 1 of 10" in game.turn_view.value
    assert html.escape(turn.situation.split(".")[0]) in game.situation.value
    assert "No act yet" in game.verdicts_view.value


def test_a_choice_shows_its_consequence_and_the_engines_verdicts(
    game: ForeignMinisterGame,
) -> None:
    scenario = load_scenario(PHL)
    game.option_buttons[1].click()  # b: step back and talk
    assert game.game.choices == ("b",)
    option = scenario.turns[0].options[1]
    assert html.escape(option.label) in game.consequence.value
    assert html.escape(option.consequence.text.split(",")[1]) in game.consequence.value
    assert "CHN +1" in game.consequence.value
    expected = run_verdicts(run_record(scenario, ["b"]), scenario)
    for row in expected.to_dict("records"):
        assert f">{row['framework']}<" in game.verdicts_view.value
        assert row["label"].replace("_", " ") in game.verdicts_view.value
        for act in row["evidence_ids"]:
            assert html.escape(act) in game.verdicts_view.value
    assert "Turn 2 of 10" in game.turn_view.value


def test_trail_equals_the_engines_trail(game: ForeignMinisterGame) -> None:
    for index in (0, 2, 0, 1):
        game.option_buttons[index].click()
    mine = game.trail()
    engine = Game.replay(PHL, game.game.choices).trail()
    pd.testing.assert_frame_equal(mine[["step", "label"]], engine[["step", "label"]])
    assert mine["position"].tolist() == pytest.approx(engine["position"].tolist(), nan_ok=True)


def test_a_whole_game_of_actual_choices_ends_in_the_debrief(game: ForeignMinisterGame) -> None:
    scenario = load_scenario(PHL)
    for choice in _actual(PHL):
        ids = [o.id for o in game.game.turn.options]
        game.option_buttons[ids.index(choice)].click()
    assert game.game.finished
    assert all(b.layout.display == "none" for b in game.option_buttons)
    assert "The game is over" in game.turn_view.value
    text = game.debrief.value
    assert f"actual choice at {len(scenario.turns)} of {len(scenario.turns)} turns" in text
    path = path_table(game.game)
    for row in path.to_dict("records"):
        assert html.escape(row["title"]) in text
    pivots = pivotal_choices(game.game)
    for fid in FRAMEWORKS:
        final = pivots.attrs["labels"][fid]
        assert f"<b>{fid}</b> ({label_name(final)})" in text
        for row in pivots.loc[pivots["framework"] == fid].to_dict("records"):
            assert html.escape(str(row["alternative_label"])) in text


def test_restart_and_scenario_switch_reset_and_revisits_hit_the_cache(
    game: ForeignMinisterGame,
) -> None:
    game.option_buttons[0].click()
    misses = game._panels.misses
    game.restart.click()
    assert game.game.choices == () and "Turn 1 of 10" in game.turn_view.value
    game.option_buttons[0].click()
    assert game._panels.misses == misses  # both states seen before: nothing recomputed
    game.scenario.value = "cambodia-2010-2025"
    assert game.game.scenario.id == "cambodia-2010-2025" and game.game.choices == ()
    first = load_scenario("cambodia-2010-2025").turns[0]
    assert game.option_buttons[0].description == first.options[0].label


def test_save_writes_a_run_file_the_engine_replays(game: ForeignMinisterGame) -> None:
    game.option_buttons[0].click()
    game.option_buttons[2].click()
    game.player.value = "Ana María / group 2"
    game.save.click()
    path = game.last_saved
    assert path is not None and path.name == f"{PHL}-Ana-Mar-a-group-2.json"
    run = load_run(path)
    assert run.scenario == PHL and run.choices == ("a", "c") and run.player == "Ana María / group 2"
    assert html.escape(str(path)) in game.saved.value
    game.player.value = ""
    assert game.save_run().name == f"{PHL}-anonymous.json"


def test_the_trail_figure_has_alt_text_that_follows_the_game(tmp_path: Path) -> None:
    g = ForeignMinisterGame(PHL, runs_dir=tmp_path)
    assert g.figures.png[:8] == b"\x89PNG\r\n\x1a\n"
    assert "no turn played yet" in g.figures.alt
    g.option_buttons[0].click()
    assert "turn 1 (2012-04)" in g.figures.alt
    assert f'alt="{html.escape(g.figures.alt)}"' in g.plot.value


def test_plot_trail_draws_both_paths_with_readable_labels() -> None:
    you = pd.DataFrame(
        {"step": [1, 2], "date": ["2012", "2013"], "label": ["hedging", "soft_balancing"],
         "position": [-0.5, float("nan")]}
    )  # fmt: skip
    actual = you.assign(label=["balancing", "balancing"], position=[-1.0, -1.0])
    fig = plot_trail(you, actual=actual, case="PHL-CHN", turns=5)
    assert fig.title == "Your course on Kuik's spectrum: PHL-CHN"
    assert "turn 2 (2013) soft balancing, not placed" in fig.alt
    assert "The actual path: turn 1 (2012) balancing at -1.00" in fig.alt
    assert sorted(set(fig.data["path"])) == ["actual", "you"]
    ax = fig.figure.axes[0]
    assert ax.get_xlim() == (0.5, 5.5)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["the actual path", "you: hedging"]
    fig.close()


def test_the_actual_trail_in_one_pass_equals_the_trail_of_the_actual_choices(
    tmp_path: Path,
) -> None:
    g = ForeignMinisterGame(PHL, runs_dir=tmp_path, plot=False)
    pd.testing.assert_frame_equal(g.actual_trail(), g.trail(g.actual_choices()))


def test_the_kept_chart_draws_what_a_full_draw_draws() -> None:
    """The blitted PNG (background kept, moving artists drawn over it) equals a full draw."""
    import io

    import numpy as np
    from PIL import Image

    from smallstate.plots.figure import CourseFigure
    from smallstate.plots.game import TrailChart
    from smallstate.plots.palette import LABEL_COLORS

    you = pd.DataFrame(
        {"step": [1, 2], "date": ["2012", "2013"], "label": ["hedging", "balancing"],
         "position": [-0.5, -1.0]}
    )  # fmt: skip
    chart = TrailChart(case="PHL-CHN", turns=4)
    chart.render(80)  # the background, before any point
    fig = chart.update(you, actual=you.assign(position=[0.0, -1.0]))
    kept = np.asarray(Image.open(io.BytesIO(fig.png(80))).convert("RGBA"))
    full = CourseFigure(fig.figure, fig.title, fig.alt).png(80)
    assert np.array_equal(kept, np.asarray(Image.open(io.BytesIO(full)).convert("RGBA")))
    faces = [tuple(round(c, 3) for c in f) for f in chart._points.get_facecolors()]
    from matplotlib.colors import to_rgba

    assert faces == [tuple(round(c, 3) for c in to_rgba(LABEL_COLORS[k])) for k in you["label"]]
    chart.close()
