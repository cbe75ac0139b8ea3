"""The decision game's engine: deterministic, its record is evidence, its labels are classify's.

Property tests (hypothesis) draw partial and complete runs of the shipped scenarios and seeds:

* the same scenario, choices and seed give the same steps, scores, record and verdicts;
* the record validates under the evidence schema and follows the one coding rule;
* ``classify(record, fw)`` gives the labels the engine shows, for every framework;
* a saved run replays to the same record;
* the pivotal choices equal a brute-force search (each single choice changed, every run
  classified on its own).
"""

from __future__ import annotations

import copy
import math
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_scenario_format import valid_scenario, write

from smallstate import classify
from smallstate.errors import UnknownNameError
from smallstate.evidence import filed_acts, is_validated, validate_evidence
from smallstate.evidence.lint import lint_evidence
from smallstate.evidence.schema import ALL_COLUMNS
from smallstate.frameworks import FRAMEWORKS
from smallstate.simulation import (
    Game,
    GameOverError,
    list_scenarios,
    load_scenario,
    path_table,
    pivotal_choices,
    run_record,
    run_verdicts,
)
from smallstate.simulation.runs import load_run, replay_run, save_run
from smallstate.simulation.scenario import act_row

SCENARIOS = {sid: load_scenario(sid) for sid in list_scenarios()}  # every shipped scenario
SETTINGS = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@st.composite
def runs(draw: st.DrawFn, complete: bool = False) -> tuple[str, tuple[str, ...], int]:
    sid = draw(st.sampled_from(sorted(SCENARIOS)))
    scenario = SCENARIOS[sid]
    n = len(scenario.turns) if complete else draw(st.integers(0, len(scenario.turns)))
    choices = tuple(
        draw(st.sampled_from([o.id for o in turn.options])) for turn in scenario.turns[:n]
    )
    return sid, choices, draw(st.integers(0, 2**31 - 1))


def _same_frames(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


@SETTINGS
@given(runs())
def test_a_run_is_deterministic_for_scenario_and_seed(
    run: tuple[str, tuple[str, ...], int],
) -> None:
    sid, choices, seed = run
    one, two = Game.replay(sid, choices, seed), Game.replay(sid, choices, seed)
    assert one.steps == two.steps
    assert one.relations == two.relations
    _same_frames(one.record, two.record)
    _same_frames(one.verdicts(), two.verdicts())


@SETTINGS
@given(runs())
def test_the_record_is_valid_evidence_and_follows_the_coding_rule(
    run: tuple[str, tuple[str, ...], int],
) -> None:
    sid, choices, seed = run
    record = Game.replay(sid, choices, seed).record
    assert is_validated(record)
    filed = filed_acts(record)
    assert len(filed) == sum(
        len(t.option(c).acts) for t, c in zip(SCENARIOS[sid].turns, choices, strict=False)
    )
    # the record's filed acts are what validating the run's own acts gives (the engine takes
    # them from one validation of every option's acts)
    scenario = SCENARIOS[sid]
    own = [
        act_row(scenario, t, t.option(c), k + 1, a)
        for t, c in zip(scenario.turns, choices, strict=False)
        for k, a in enumerate(t.option(c).acts)
    ]
    if own:
        fresh = validate_evidence(pd.DataFrame(own, columns=list(ALL_COLUMNS)))
        _same_frames(fresh, filed.drop(columns=["derived_from"], errors="ignore"))
    assert lint_evidence(filed) == []
    assert set(filed["source"]) <= {sid.replace("-", "_")}
    assert filed["act_id"].str.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*").all()


@SETTINGS
@given(runs())
def test_classifying_the_record_gives_the_engine_labels(
    run: tuple[str, tuple[str, ...], int],
) -> None:
    sid, choices, seed = run
    game = Game.replay(sid, choices, seed)
    shown = game.verdicts().set_index("framework")
    focus = game.scenario.focus
    for fid, fw in FRAMEWORKS.items():
        if game.record.empty:
            assert shown.loc[fid, "label"] == "insufficient_evidence"
            continue
        out = classify(game.record, fid)
        if "target" not in fw.case_pool:
            out = out.loc[out["target"] == focus]
        expected = out["label"].iloc[0] if len(out) else "insufficient_evidence"
        assert shown.loc[fid, "label"] == expected, fid
        if len(out):
            assert shown.loc[fid, "rationale"] == out["rationale"].iloc[0]
            assert shown.loc[fid, "evidence_ids"] == tuple(out["evidence_ids"].iloc[0])
    kuik = shown.loc["kuik", "position"]
    assert (math.isnan(kuik) and math.isnan(game.position())) or kuik == game.position()


@SETTINGS
@given(runs())
def test_a_saved_run_replays_to_the_same_record(
    tmp_path_factory: pytest.TempPathFactory, run: tuple[str, tuple[str, ...], int]
) -> None:
    sid, choices, seed = run
    game = Game.replay(sid, choices, seed)
    path = save_run(game, tmp_path_factory.mktemp("runs") / "run.json", player="p")
    again = replay_run(path)
    assert (again.scenario.id, again.seed, again.choices) == (sid, seed, choices)
    assert load_run(path).player == "p"
    _same_frames(again.record, game.record)
    assert again.relations == game.relations


@pytest.mark.slow
@settings(max_examples=6, deadline=None)
@given(runs(complete=True))
def test_pivotal_choices_equal_a_brute_force_search(run: tuple[str, tuple[str, ...], int]) -> None:
    sid, choices, _ = run
    scenario = SCENARIOS[sid]
    frameworks = ["kuik", "leng", "samath", "jackson"]
    found = pivotal_choices(scenario, choices, frameworks)
    base = run_verdicts(run_record(scenario, choices), scenario, frameworks).set_index("framework")
    assert found.attrs["labels"] == base["label"].to_dict()
    expected = set()
    for i, turn in enumerate(scenario.turns):
        for option in turn.options:
            if option.id == choices[i]:
                continue
            changed = (*choices[:i], option.id, *choices[i + 1 :])
            other = run_verdicts(run_record(scenario, changed), scenario, frameworks)
            for fid, label in zip(other["framework"], other["label"], strict=True):
                if label != base.loc[fid, "label"]:
                    expected.add((turn.id, option.id, fid, label))
    got = set(
        zip(
            found["turn"], found["alternative"], found["framework"], found["new_label"], strict=True
        )
    )
    assert got == expected


def test_the_record_does_not_depend_on_the_seed() -> None:
    choices = ["a", "b", "c", "a"]
    _same_frames(
        Game.replay("cambodia-2010-2025", choices, 1).record,
        Game.replay("cambodia-2010-2025", choices, 99).record,
    )


def test_chance_outcomes_follow_the_seed_and_only_the_scores(tmp_path: Path) -> None:
    data = valid_scenario()
    data["turns"][0]["options"][0]["consequence"]["chance"] = {
        "probability": 0.5,
        "text": "A chance outcome.",
        "effects": {"USA": -3},
    }
    scenario = load_scenario(write(tmp_path, data))
    outcomes = {}
    for seed in range(40):
        step = Game(scenario, seed).choose("a")
        again = Game(scenario, seed).choose("a")
        assert step == again  # the same seed, the same outcome
        outcomes[seed] = step.chance
        assert step.relations == ({"CHN": 1, "USA": -3} if step.chance else {"CHN": 1, "USA": 0})
        assert step.consequence.endswith("A chance outcome.") == step.chance
    assert 5 < sum(outcomes.values()) < 35  # both outcomes occur over the seeds
    records = {Game.replay(scenario, ["a", "a", "b"], s).record.to_csv() for s in range(5)}
    assert len(records) == 1


def test_a_game_walks_through_every_turn_then_stops() -> None:
    game = Game("cambodia-2010-2025", frameworks=["kuik", "leng"])
    assert game.turn is not None and game.turn.id == "t01-partnership"
    assert game.verdicts()["label"].tolist() == ["insufficient_evidence"] * 2
    assert game.relations == {"CHN": 0, "USA": 0, "JPN": 0}
    while not game.finished:
        assert game.turn is not None
        step = game.choose(game.turn.options[-1].id)
        assert step.turn.id == game.steps[-1].turn.id
    assert game.turn is None and game.number == len(game.scenario.turns) + 1
    with pytest.raises(GameOverError):
        game.choose("a")
    trail = game.trail()
    assert len(trail) == len(game.scenario.turns)
    assert trail["position"].between(-1, 1).all()
    assert list(game.labels()) == ["kuik", "leng"]


def test_an_unknown_option_names_the_turn_and_its_options() -> None:
    game = Game("cambodia-2010-2025")
    with pytest.raises(UnknownNameError, match="t01-partnership"):
        game.choose("z")
    assert game.choices == ()


def test_the_seed_must_be_an_integer() -> None:
    with pytest.raises(TypeError):
        Game("cambodia-2010-2025", seed="1")  # type: ignore[arg-type]


def test_the_actual_path_of_cambodia_matches_the_scenario() -> None:
    scenario = SCENARIOS["cambodia-2010-2025"]
    actual = [t.actual.option for t in scenario.turns if t.actual is not None]
    table = path_table(Game.replay(scenario, actual))
    assert table["same"].all()
    assert table["actual_acts"].map(len).gt(0).all()


def test_a_consequence_text_and_effects_reach_the_step() -> None:
    game = Game("cambodia-2010-2025")
    step = game.choose("a")
    option = game.scenario.turns[0].option("a")
    assert step.consequence == option.consequence.text
    assert step.effects == dict(option.consequence.effects)


def test_a_toy_run_records_filed_and_derived_acts(tmp_path: Path) -> None:
    data = copy.deepcopy(valid_scenario())
    path = write(tmp_path, yaml.safe_dump(data))
    record = Game.replay(load_scenario(path), ["a", "b", "a"]).record
    assert filed_acts(record)["target"].isin(["CHN", "USA"]).all()
    # the one coding rule derives the acts towards China's rivals, the scenario's powers or not
    assert set(record["target"]) == {"CHN", "USA", "JPN"}


@SETTINGS
@given(runs())
def test_the_trail_in_one_pass_equals_the_game_trail(run: tuple[str, tuple[str, ...], int]) -> None:
    """run_trail classifies every prefix together; each row equals the game's own trail."""
    from smallstate.simulation import run_trail

    sid, choices, seed = run
    game = Game.replay(sid, choices, seed)
    pd.testing.assert_frame_equal(run_trail(SCENARIOS[sid], choices), game.trail())


@SETTINGS
@given(runs(complete=True))
def test_variants_under_every_framework_equal_one_framework_at_a_time(
    run: tuple[str, tuple[str, ...], int],
) -> None:
    from smallstate.analysis.disagreement import variant_verdicts, variant_verdicts_by_framework

    sid, choices, _ = run
    scenario = SCENARIOS[sid]
    tables = [run_record(scenario, choices[:n]) for n in (0, 1, len(choices))]
    every = variant_verdicts_by_framework(tables, list(FRAMEWORKS), target=scenario.focus)
    for fid in FRAMEWORKS:
        alone = variant_verdicts(tables, fid, target=scenario.focus)
        assert [r["label"] for r in every[fid]] == [r["label"] for r in alone], fid
        assert [r["rationale"] for r in every[fid]] == [r["rationale"] for r in alone], fid
        assert [r["evidence_ids"] for r in every[fid]] == [r["evidence_ids"] for r in alone]


@SETTINGS
@given(runs())
def test_a_record_from_every_act_derived_once_equals_deriving_the_run(
    run: tuple[str, tuple[str, ...], int],
) -> None:
    """run_record takes the chosen acts' copies from every act derived once per scenario."""
    from smallstate.evidence import derive_acts
    from smallstate.simulation.engine import _every_act

    sid, choices, _ = run
    scenario = SCENARIOS[sid]
    every, keys = _every_act(scenario)
    picked = {(t.id, c) for t, c in zip(scenario.turns, choices, strict=False)}
    chosen = [i for i, key in enumerate(keys) if key in picked]
    if not chosen:  # nothing played yet: the record is empty
        assert run_record(scenario, choices).empty
        return
    expected = derive_acts(every.iloc[chosen].reset_index(drop=True))
    pd.testing.assert_frame_equal(run_record(scenario, choices), expected)
