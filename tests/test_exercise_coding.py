"""Exercises that check the learner's coding, not only the answer it leads to (L04.E1).

The bank holds one salted hash per expected cell (row id, column, value); ``check(id, answer,
coded=table)`` finds each expected row by its id and names the rows and columns whose coding
is off, never the right values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from smallstate.exercises import check, exercise
from smallstate.exercises.authoring import ExerciseFileError, parse_exercises, to_bank_record
from smallstate.exercises.hashing import coding_key

ROOT = Path(__file__).resolve().parents[1]


def _solution(exercise_id: str) -> dict[str, Any]:
    lesson = exercise_id.split(".")[0]
    spec = yaml.safe_load((ROOT / "instructor" / "exercises" / f"{lesson}.yaml").read_text())
    (item,) = [e for e in spec["exercises"] if e["id"] == exercise_id]
    names: dict[str, Any] = {}
    exec(item["solution"], names)
    return names


@pytest.fixture(scope="module")
def solved() -> dict[str, Any]:
    return _solution("L04.E1")


def test_l04_e1_right_coding_and_label_pass(solved: dict[str, Any]) -> None:
    assert exercise("L04.E1").coding is not None
    result = check("L04.E1", solved["answer"], coded=solved["new_acts"])
    assert result.status == "correct", result.message
    assert result.explanation  # the sealed explanation opens with the right answer


def test_l04_e1_the_label_alone_does_not_pass(solved: dict[str, Any]) -> None:
    result = check("L04.E1", solved["answer"])
    assert result.status == "incorrect"
    assert "coded=" in result.message


def test_l04_e1_names_the_act_and_columns_whose_coding_is_off(solved: dict[str, Any]) -> None:
    acts = solved["new_acts"].copy()
    acts.loc[acts["act_id"].eq("A"), "stance"] = "diversification"
    acts.loc[acts["act_id"].eq("A"), "aimed_at_rivals"] = "no"
    result = check("L04.E1", "hedging", coded=acts)
    assert result.status == "incorrect"
    assert "act_id A" in result.message and "stance" in result.message
    assert "aimed_at_rivals" in result.message
    assert "act_id B" not in result.message  # B is right: not named
    assert "deference" not in result.message and "yes" not in result.message  # no answers


def test_l04_e1_a_missing_act_is_named(solved: dict[str, Any]) -> None:
    acts = solved["new_acts"]
    result = check("L04.E1", "hedging", coded=acts[acts["act_id"].eq("A")])
    assert result.status == "incorrect"
    assert "No row with act_id 'B'" in result.message


def _demo(coding: dict[str, Any]) -> Any:
    """A one-exercise file with this ``coding``, parsed."""
    exercise_spec = {
        "id": "L09.E1",
        "type": "label",
        "objective": "o",
        "prompt": "p",
        "answer": "hedging",
        "solution": "answer = 'hedging'",
        "coding": coding,
    }
    return parse_exercises({"lesson": "L09", "exercises": [exercise_spec]}, "demo.yaml")


def test_coding_accepts_lists_of_dicts_and_numbers_read_alike() -> None:
    spec = _demo({"key": "id", "rows": {"X": {"intensity": 2, "stance": ["a", "b"]}}})
    record = to_bank_record(spec.exercises[0], salt="00")
    text = str(record)
    assert "'b'" not in text and "intensity': 2" not in text  # hashes only
    assert record["coding"]["key"] == "id"
    assert coding_key("X", "intensity", 2.0) == coding_key("X", "intensity", "2")


def test_a_malformed_coding_names_the_file() -> None:
    with pytest.raises(ExerciseFileError, match=r"demo\.yaml.*coding"):
        _demo({"rows": {"X": {"stance": "a"}}})


def test_coded_table_as_records(solved: dict[str, Any]) -> None:
    records = pd.DataFrame(solved["new_acts"]).to_dict("records")
    assert check("L04.E1", "hedging", coded=records).status == "correct"
