"""Malformed evidence: every kind of problem is reported with its line, row index and column."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from strategies import GOOD_ROW

from smallstate.evidence import EvidenceError, read_evidence, validate_evidence

GOOD: dict[str, Any] = GOOD_ROW

# (id, column, bad value): the bad value goes into the second data row (line 3, index 1).
CASES: list[tuple[str, str, Any]] = [
    ("unknown_actor_code", "actor", "XYZ"),
    ("lower_case_actor", "actor", "khm"),
    ("two_letter_actor", "actor", "KH"),
    ("lower_case_target", "target", "chn"),
    ("numeric_target", "target", 156),
    ("target_equals_actor", "target", "KHM"),
    ("lower_case_counterpart", "counterpart", "asean"),
    ("counterpart_with_space", "counterpart", "FOIP JP"),
    ("empty_counterpart", "counterpart", ""),
    ("bad_date_text", "date", "June 2019"),
    ("month_13", "date", "2019-13"),
    ("february_30", "date", "2019-02-30"),
    ("two_digit_year", "date", "19-06-01"),
    ("date_with_slashes", "date", "2019/06/01"),
    ("unknown_stance", "stance", "appeasement"),
    ("capitalised_stance", "stance", "Deference"),
    ("bad_domain", "domain", "military"),
    ("intensity_zero", "intensity", "0"),
    ("intensity_four", "intensity", "4"),
    ("intensity_decimal_text", "intensity", "4.5"),
    ("intensity_two_point_zero", "intensity", "2.0"),
    ("intensity_word", "intensity", "two"),
    ("intensity_float", "intensity", 2.5),
    ("intensity_bool", "intensity", True),
    ("intensity_empty", "intensity", ""),
    ("aimed_maybe", "aimed_at_target", "maybe"),
    ("aimed_empty", "aimed_at_target", ""),
    ("bad_motive", "motive", "greed"),
    ("contested_perhaps", "contested", "perhaps"),
    ("empty_act_id", "act_id", ""),
    ("duplicate_act_id", "act_id", "T-01"),
    ("empty_source", "source", ""),
    ("empty_locator", "locator", ""),
    ("empty_description", "description", ""),
    ("two_line_description", "description", "First line.\nSecond line."),
    ("nan_description", "description", np.nan),
    ("none_locator", "locator", None),
    ("int_act_id", "act_id", 7),
    ("padded_actor", "actor", " KHM"),
    ("padded_stance", "stance", "deference "),
    ("padded_source", "source", "leng2016 "),
    ("padded_scope", "scope", "BRI "),
    ("multi_line_period", "period", "2013-\n2016"),
    ("nan_description", "description", np.nan),
]


@pytest.mark.parametrize("column", ["note", "scope", "motive", "aimed_at_rivals"])
def test_missing_optional_value_reads_as_empty(column: str) -> None:
    """Rows concatenated to a table with more optional columns get NaN there: read as empty."""
    typed = validate_evidence(frame_with(column, np.nan))
    value = typed[column].iloc[1]
    assert value == "" or pd.isna(value)  # vocabulary columns hold empty as a missing category


def frame_with(column: str, value: Any) -> pd.DataFrame:
    second = GOOD | {"act_id": "T-02", column: value}
    if column == "act_id":
        second[column] = value
    df = pd.DataFrame([GOOD, second])
    if isinstance(value, float | int | bool) or value is None:
        df[column] = df[column].astype(object)
        df.loc[1, column] = value
    return df


@pytest.mark.parametrize(("case", "column", "value"), CASES, ids=[c[0] for c in CASES])
def test_each_malformed_value_is_reported(case: str, column: str, value: Any) -> None:
    df = frame_with(column, value)
    with pytest.raises(EvidenceError) as info:
        validate_evidence(df, file="acts.csv")
    problems = [p for p in info.value.problems if p.column == column and p.index == 1]
    assert problems, info.value
    assert problems[0].row == 3
    text = str(info.value)
    assert "acts.csv" in text and "line 3 (row index 1)" in text and repr(column) in text


def test_duplicate_reports_both_lines() -> None:
    with pytest.raises(EvidenceError) as info:
        validate_evidence(frame_with("act_id", "T-01"))
    rows = sorted(p.row for p in info.value.problems if p.column == "act_id")
    assert rows == [2, 3]
    assert "lines 2, 3" in str(info.value)


def test_unknown_source_with_sources_given() -> None:
    df = frame_with("source", "nobody2099")
    with pytest.raises(EvidenceError, match=r"line 3 .*'source': unknown source key"):
        validate_evidence(df, sources={"samath2020", "leng2016"})


@pytest.mark.parametrize("column", ["act_id", "stance", "description", "intensity"])
def test_missing_required_column(column: str) -> None:
    df = pd.DataFrame([GOOD]).drop(columns=column)
    with pytest.raises(EvidenceError) as info:
        validate_evidence(df)
    (problem,) = [p for p in info.value.problems if p.column == column]
    assert problem.row == 1 and "missing" in problem.message


def test_duplicated_column_in_header(tmp_path: Any) -> None:
    path = tmp_path / "dup.csv"
    header = ",".join([*GOOD, "stance"])
    row = ",".join([*(str(v) for v in GOOD.values()), "binding"])
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.columns = [*GOOD, "stance"]  # pandas renames duplicates; restore the raw header
    with pytest.raises(EvidenceError, match="more than once"):
        validate_evidence(df)


def test_numeric_column_dtype_reported_per_row() -> None:
    df = pd.DataFrame([GOOD, GOOD | {"act_id": "T-02"}])
    df["actor"] = [1, 2]
    with pytest.raises(EvidenceError) as info:
        validate_evidence(df)
    assert sorted(p.row for p in info.value.problems if p.column == "actor") == [2, 3]


def test_ragged_csv_is_an_evidence_error(tmp_path: Any) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("act_id,actor\nA,KHM,EXTRA,MORE\n", encoding="utf-8")
    with pytest.raises(EvidenceError, match=r"ragged\.csv"):
        read_evidence(path)


def test_all_problems_reported_at_once(tmp_path: Any) -> None:
    rows = [
        GOOD,
        GOOD | {"act_id": "T-02", "stance": "maybe", "date": "2019-02-30"},
        GOOD | {"act_id": "T-03", "actor": "khm", "intensity": "4.5", "locator": ""},
        GOOD | {"act_id": "T-01", "aimed_at_target": "perhaps"},
    ]
    path = tmp_path / "many.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    with pytest.raises(EvidenceError) as info:
        read_evidence(path)
    found = {(p.row, p.column) for p in info.value.problems}
    expected = {
        (3, "stance"),
        (3, "date"),
        (4, "actor"),
        (4, "intensity"),
        (4, "locator"),
        (2, "act_id"),
        (5, "act_id"),
        (5, "aimed_at_target"),
    }
    assert expected <= found
    text = str(info.value)
    assert text.startswith(str(path))
    assert f"{len(info.value.problems)} problems" in text
    for row, column in expected:
        assert f"line {row} (row index {row - 2}), column {column!r}" in text
