"""The regional act table (datasets/region_acts.csv, lesson 08): its own rules, its reading
through course_evidence, and the coverage the lesson relies on."""

from __future__ import annotations

import pandas as pd
import pytest

from smallstate._paths import dataset_path
from smallstate.evidence import (
    DOMAINS,
    REGION_TARGETS,
    EvidenceError,
    check_region_acts,
    course_evidence,
    filed_acts,
    region_problems,
)

GOOD = {
    "act_id": "R-VNM-07",
    "actor": "VNM",
    "target": "USA",
    "date": "2017",
    "period": "2016-2020",
}


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ({"act_id": "R-PHL-07"}, "act_id"),  # the id names another state
        ({"act_id": "VNM-07"}, "act_id"),  # no R- prefix
        ({"act_id": "R-VNM-7"}, "act_id"),  # one digit
        ({"actor": "KHM", "act_id": "R-KHM-01"}, "actor"),  # Cambodia is the course's own case
        ({"target": "JPN"}, "target"),
        ({"period": ""}, "period"),
        ({"period": "2018-2020"}, "period"),  # does not contain the act's year
        ({"period": "2016 to 2020"}, "period"),
    ],
)
def test_each_rule_names_its_column(change: dict[str, str], column: str) -> None:
    assert region_problems(pd.DataFrame([GOOD])) == []
    problems = region_problems(pd.DataFrame([GOOD | change]))
    assert [p.column for p in problems] == [column]
    assert problems[0].row == 2 and problems[0].index == 0


def test_check_raises_naming_file_line_and_column() -> None:
    table = pd.DataFrame([GOOD, GOOD | {"target": "JPN"}])
    with pytest.raises(EvidenceError) as info:
        check_region_acts(table, "region.csv")
    text = str(info.value)
    assert text.startswith("region.csv: 1 problem")
    assert "line 3 (row index 1), column 'target'" in text


def test_the_course_table_reads_and_follows_its_rules() -> None:
    acts = course_evidence("region_acts")
    filed = filed_acts(acts)
    assert region_problems(filed) == []
    assert set(filed["target"]) <= set(REGION_TARGETS)
    assert filed["act_id"].is_unique
    # derived acts (the one coding rule) are added for the other powers
    assert acts["derived_from"].ne("").any()


def test_a_bad_row_in_the_file_is_reported(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from smallstate.evidence import io

    table = pd.read_csv(dataset_path("region_acts.csv"), dtype=str, keep_default_na=False)
    table.loc[3, "period"] = "1990-1991"
    (tmp_path / "region_acts.csv").write_text(table.to_csv(index=False), encoding="utf-8")
    monkeypatch.setattr("smallstate._paths.dataset_path", lambda name: tmp_path / name)
    io._course_evidence.cache_clear()
    try:
        with pytest.raises(EvidenceError, match=r"line 5 \(row index 3\), column 'period'"):
            course_evidence("region_acts")
    finally:
        io._course_evidence.cache_clear()


def test_every_state_has_the_coverage_the_lesson_needs() -> None:
    """At least 15 acts per state, in at least two periods, towards both China and the US, and
    spread over the four domains (issue 14): every domain in the table, at least three in each
    state. Coded by subject, not venue, Vietnam's and Singapore's acts include none whose
    subject is a multilateral institution itself, so four per state would force a coding."""
    filed = filed_acts(course_evidence("region_acts"))
    assert set(filed["domain"].astype(str)) == set(DOMAINS)
    for actor, acts in filed.groupby("actor", observed=True):
        assert len(acts) >= 15, actor
        assert acts["period"].nunique() >= 2, actor
        assert acts["domain"].astype(str).nunique() >= 3, actor
        assert set(acts["target"]) == set(REGION_TARGETS), actor
        contested = acts[acts["contested"].astype(str).eq("yes")]
        assert contested["note"].astype(str).str.len().gt(20).all(), actor
