"""The scenario format: the shipped scenarios load, and malformed ones fail naming file, turn, field.

Each malformed case starts from a small valid scenario (:func:`valid_scenario`), breaks one
thing, writes it to a YAML file and expects :class:`ScenarioError` with a problem whose file is
that file, whose turn and field are the broken ones, and whose message says what is wrong.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from smallstate.concepts.sources import keys as bib_keys
from smallstate.evidence import course_evidence, validate_evidence
from smallstate.evidence.lint import lint_evidence
from smallstate.simulation.scenario import (
    Scenario,
    ScenarioError,
    check_scenario,
    list_scenarios,
    load_scenario,
    scenario_path,
)


def _act(**changes: Any) -> dict[str, Any]:
    act = {
        "target": "CHN",
        "counterpart": "CHN",
        "domain": "diplomatic",
        "stance": "deference",
        "intensity": 2,
        "aimed_at_target": "no",
        "description": "An act towards China.",
    }
    act.update(changes)
    return act


def _option(oid: str, **changes: Any) -> dict[str, Any]:
    option = {
        "id": oid,
        "label": f"Option {oid}",
        "text": "What the option means.",
        "acts": [_act()],
        "consequence": {"text": "What follows.", "effects": {"CHN": 1}},
    }
    option.update(changes)
    return option


def valid_scenario(sid: str = "toy-game") -> dict[str, Any]:
    """A small valid scenario: three turns of two options each."""
    turns = []
    for n, date in enumerate(["2010", "2012-07", "2016-07-12"], start=1):
        turns.append(
            {
                "id": f"t{n}",
                "date": date,
                "title": f"Turn {n}",
                "situation": "A situation in the course's own words.",
                "sources": [{"key": "leng2016", "locator": "para. 9"}],
                "actual": {"option": "a", "acts": ["L16-06"]},
                "options": [
                    _option("a"),
                    _option(
                        "b",
                        acts=[_act(target="USA", counterpart="USA", stance="defiance")],
                        consequence={"text": "Washington minds.", "effects": {"USA": -1}},
                    ),
                ],
            }
        )
    return {
        "id": sid,
        "title": "A toy game",
        "actor": "KHM",
        "powers": ["CHN", "USA"],
        "summary": "A scenario for the tests.",
        "turns": turns,
    }


def write(tmp_path: Path, data: Any, name: str = "toy-game") -> Path:
    path = tmp_path / f"{name}.yaml"
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_valid_toy_scenario_loads(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, valid_scenario()))
    assert isinstance(scenario, Scenario)
    assert scenario.focus == "CHN" and scenario.period == "2010-2016"
    assert [t.date for t in scenario.turns] == ["2010", "2012-07", "2016-07-12"]


@pytest.mark.parametrize("sid", list_scenarios())
def test_shipped_scenarios_are_valid(sid: str) -> None:
    assert check_scenario(scenario_path(sid)) == []
    scenario = load_scenario(sid)
    assert scenario.id == sid
    known = bib_keys()
    ids = set(course_evidence("evidence_acts")["act_id"])
    for turn in scenario.turns:
        assert 2 <= len(turn.options) <= 4
        assert turn.sources and all(s.key in known for s in turn.sources)
        if turn.actual is not None:
            assert set(turn.actual.acts) <= ids
            turn.option(turn.actual.option)
        for option in turn.options:  # an unsourced consequence says it is the game's model
            c = option.consequence
            assert c.sources or "in the game" in c.text.lower(), (turn.id, option.id)


def test_cambodia_has_eight_to_twelve_sourced_turns_with_actual_choices() -> None:
    scenario = load_scenario("cambodia-2010-2025")
    assert 8 <= len(scenario.turns) <= 12
    assert all(t.actual is not None and t.actual.acts for t in scenario.turns)
    # a consequence that names no source speaks of the game only ("In the game, ...")
    for turn in scenario.turns:
        for option in turn.options:
            c = option.consequence
            assert c.sources or c.text.startswith("In the game"), (turn.id, option.id)


def test_every_option_act_validates_and_follows_the_one_coding_rule() -> None:
    import pandas as pd

    from smallstate.simulation.scenario import act_row

    for sid in list_scenarios():
        s = load_scenario(sid)
        rows = [
            act_row(s, t, o, k + 1, a)
            for t in s.turns
            for o in t.options
            for k, a in enumerate(o.acts)
        ]
        table = pd.DataFrame(rows)
        validate_evidence(table, bib_keys() | {s.id.replace("-", "_")})
        assert lint_evidence(table) == []


Breaker = Callable[[dict[str, Any]], Any]


def _set(path: str, value: Any) -> Breaker:
    def breaker(data: dict[str, Any]) -> Any:
        target: Any = data
        parts = path.split(".")
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        last = parts[-1]
        if value is _DELETE:
            del target[int(last) if last.isdigit() else last]
        elif last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value
        return data

    return breaker


_DELETE = object()

# (case, how to break the valid scenario, expected turn, expected field, words in the message)
MALFORMED: list[tuple[str, Breaker | str, str | None, str | None, str]] = [
    ("not YAML", "id: [unclosed\n  title: x\n", None, None, "not valid YAML (line"),
    ("top level is a list", "- a\n- b\n", None, None, "expected a mapping"),
    ("missing title", _set("title", _DELETE), None, "title", "required field is missing"),
    ("id differs from file", _set("id", "other-game"), None, "id", "must equal the file name"),
    ("unknown actor", _set("actor", "XXX"), None, "actor", "not a country code"),
    ("power equals actor", _set("powers", ["CHN", "KHM"]), None, "powers[1]", "differ"),
    ("focus not a power", _set("focus", "JPN"), None, "focus", "must be one of the powers"),
    ("too few turns", _set("turns", []), None, "turns", "3 to 20 turns"),
    ("dates not increasing", _set("turns.2.date", "2011"), "t3", "date", "increase strictly"),
    ("not a calendar date", _set("turns.1.date", "2012-13"), "t2", "date", "YYYY-MM"),
    ("duplicate turn id", _set("turns.1.id", "t1"), "t1", "id", "must be unique"),
    ("bad turn id", _set("turns.0.id", "Turn One"), "Turn One", "id", "lower-case"),
    ("missing situation", _set("turns.0.situation", _DELETE), "t1", "situation", "missing"),
    ("no sources", _set("turns.0.sources", []), "t1", "sources", "at least one source"),
    (
        "unknown source key",
        _set("turns.1.sources.0.key", "leng2061"),
        "t2",
        "sources[0].key",
        "unknown bibliography key 'leng2061'",
    ),
    ("one option", _set("turns.0.options", [_option("a")]), "t1", "options", "2 to 4 options"),
    (
        "five options",
        _set("turns.0.options", [_option(x) for x in "abcde"]),
        "t1",
        "options",
        "2 to 4 options",
    ),
    (
        "duplicate option id",
        _set("turns.0.options.1.id", "a"),
        "t1",
        "options[1].id",
        "used twice",
    ),
    (
        "missing option label",
        _set("turns.2.options.1.label", _DELETE),
        "t3",
        "options[1].label",
        "required field is missing",
    ),
    (
        "unknown stance",
        _set("turns.1.options.0.acts.0.stance", "appeasement"),
        "t2",
        "options[0].acts[0].stance",
        "unknown stance value",
    ),
    (
        "intensity out of range",
        _set("turns.0.options.0.acts.0.intensity", 5),
        "t1",
        "options[0].acts[0].intensity",
        "intensity must be the integer 1, 2 or 3",
    ),
    (
        "lower-case target",
        _set("turns.0.options.1.acts.0.target", "usa"),
        "t1",
        "options[1].acts[0].target",
        "upper case",
    ),
    (
        "engine field in an act",
        _set("turns.0.options.0.acts.0.act_id", "X-1"),
        "t1",
        "options[0].acts[0].act_id",
        "the engine fills it",
    ),
    (
        "missing act field",
        _set("turns.0.options.0.acts.0.domain", _DELETE),
        "t1",
        "options[0].acts[0].domain",
        "required field is missing",
    ),
    (
        "breaks the one coding rule",
        _set("turns.1.options.1.acts.0.counterpart", "AIIB"),
        "t2",
        "options[1].acts[0].target",
        "file-under-engaged-power",
    ),
    (
        "unknown counterpart code",
        _set("turns.2.options.0.acts.0.counterpart", "MYFORUM"),
        "t3",
        "options[0].acts[0].counterpart",
        "not a known country, organisation or initiative code",
    ),
    (
        "effect on a non-power",
        _set("turns.0.options.0.consequence.effects", {"JPN": 1}),
        "t1",
        "options[0].consequence.effects.JPN",
        "not one of the scenario's powers",
    ),
    (
        "effect not an integer",
        _set("turns.0.options.0.consequence.effects", {"CHN": 0.5}),
        "t1",
        "options[0].consequence.effects.CHN",
        "integer",
    ),
    (
        "missing consequence",
        _set("turns.2.options.0.consequence", _DELETE),
        "t3",
        "options[0].consequence",
        "required field is missing",
    ),
    (
        "chance probability out of range",
        _set("turns.0.options.0.consequence.chance", {"probability": 1.5, "text": "x"}),
        "t1",
        "options[0].consequence.chance.probability",
        "strictly between 0 and 1",
    ),
    (
        "actual option unknown",
        _set("turns.0.actual.option", "z"),
        "t1",
        "actual.option",
        "not an option of this turn",
    ),
    (
        "actual act id not in the course evidence",
        _set("turns.2.actual.acts", ["L16-66"]),
        "t3",
        "actual.acts[0]",
        "not in the course evidence",
    ),
    (
        "unknown key in a turn",
        _set("turns.1.situaton", "typo"),
        "t2",
        "situaton",
        "unknown key",
    ),
]


@pytest.mark.parametrize(
    ("case", "breaker", "turn", "field", "words"), MALFORMED, ids=[m[0] for m in MALFORMED]
)
def test_malformed_scenarios_name_file_turn_and_field(
    tmp_path: Path,
    case: str,
    breaker: Breaker | str,
    turn: str | None,
    field: str | None,
    words: str,
) -> None:
    data = breaker if isinstance(breaker, str) else breaker(copy.deepcopy(valid_scenario()))
    path = write(tmp_path, data)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    problems = info.value.problems
    matching = [p for p in problems if p.turn == turn and p.field == field and words in p.message]
    assert matching, f"{case}: expected turn={turn!r} field={field!r} {words!r} in:\n{info.value}"
    assert all(p.file == str(path) for p in problems)
    assert str(path) in str(info.value) and words in str(info.value)
    assert check_scenario(path) == problems


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    data = valid_scenario()
    data["actor"] = "XXX"
    data["turns"][0]["sources"][0]["key"] = "nokey2000"
    data["turns"][2]["options"][0]["label"] = ""
    problems = check_scenario(write(tmp_path, data))
    assert {p.field for p in problems} >= {"actor", "sources[0].key", "options[0].label"}


def test_yaml_booleans_for_yes_no_fields_are_read_as_words(tmp_path: Path) -> None:
    text = yaml.safe_dump(valid_scenario(), sort_keys=False).replace(
        "aimed_at_target: 'no'", "aimed_at_target: no"
    )
    assert "aimed_at_target: no\n" in text
    scenario = load_scenario(write(tmp_path, text))
    assert scenario.turns[0].options[0].acts[0]["aimed_at_target"] == "no"


def test_unknown_shipped_name_suggests_the_closest() -> None:
    from smallstate.errors import UnknownNameError

    with pytest.raises(UnknownNameError, match="cambodia-2010-2025"):
        load_scenario("cambodia-2010-2026")


def test_missing_file_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_scenario(tmp_path / "absent.yaml")


def test_the_documented_example_is_valid(tmp_path: Path) -> None:
    """docs/scenario-format.md's complete example passes the checker and plays."""
    import re

    from smallstate.simulation import Game

    page = (Path(__file__).resolve().parents[1] / "docs" / "scenario-format.md").read_text()
    block = re.search(r"## A complete example.*?```yaml\n(.*?)```", page, re.S)
    assert block is not None
    data = yaml.safe_load(block.group(1))
    path = tmp_path / f"{data['id']}.yaml"
    path.write_text(block.group(1), encoding="utf-8")
    assert check_scenario(path) == []
    game = Game.replay(load_scenario(path), ["a", "a", "a"], seed=1)
    assert game.finished and not game.record.empty
