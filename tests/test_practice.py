"""The codebook read from datasets/README.md, the practice reports, checks and class pooling."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from smallstate.evidence.codebook import CodebookError, codebook, rule_for, worked_example
from smallstate.evidence.practice import (
    check_coding,
    class_codings,
    class_reliability,
    compare_coding,
    practice_reports,
    save_codings,
)
from smallstate.evidence.reliability import CodingError, coding_reliability, second_coding
from smallstate.evidence.schema import AIMED, DOMAINS, STANCES


def test_codebook_has_every_value_and_a_worked_example_that_matches_the_data() -> None:
    book = codebook()
    assert list(book["domain"].values) == list(DOMAINS)
    assert list(book["stance"].values) == list(STANCES)
    assert list(book["intensity"].values) == ["1", "2", "3"]
    assert list(book["aimed_at_target"].values) == list(AIMED)
    for field, rule in book.items():
        act = worked_example(field)
        coded = str(act[field])
        # The example's text names the act's coded value, so README and data cannot drift.
        assert f"*{coded}*" in rule.example, (field, coded, rule.example)
        assert rule.question and all(rule.values.values())


def test_rule_for_and_errors(tmp_path: Path) -> None:
    assert rule_for("intensity", 3).startswith("legally binding")
    with pytest.raises(KeyError, match="did you mean 'stance'"):
        rule_for("stanse", "binding")
    bad = tmp_path / "README.md"
    bad.write_text(
        "<!-- codebook:begin -->\n**domain** asks x\n- *security*: a\n<!-- codebook:end -->\n"
    )
    with pytest.raises(CodebookError, match=r"README\.md, line .*no worked example"):
        codebook(bad)
    bad.write_text("no block here\n")
    with pytest.raises(CodebookError, match="no codebook block"):
        codebook(bad)


def test_reports_are_the_reliability_sample_then_hypothetical() -> None:
    reports = practice_reports()
    real = reports[reports["kind"] == "real"]
    assert list(real["report_id"]) == list(second_coding()["act_id"])
    made_up = reports[reports["kind"] == "hypothetical"]
    assert len(made_up) == 5 and made_up["report"].str.startswith("HYPOTHETICAL.").all()
    assert set(made_up["actor"]) == {"XRU"}
    # D-18 is filed under Japan but read towards China, as the second coder read it.
    assert reports.set_index("report_id").loc["D-18", "target"] == "CHN"


def test_check_coding_names_each_problem() -> None:
    empty = check_coding("H-01", {})
    assert len(empty.problems) == 4 and not empty.ok
    wrong = check_coding(
        "H-01",
        {"domain": "military", "stance": "deference", "intensity": "4", "aimed_at_target": "yes"},
    )
    assert any("'military' is not one of" in p for p in wrong.problems)
    assert any("'4' is not one of 1, 2, 3" in p for p in wrong.problems)
    # Diversification towards the power the act engages breaks the one coding rule.
    lint = check_coding(
        "D-37",
        {
            "domain": "security",
            "stance": "diversification",
            "intensity": "2",
            "aimed_at_target": "no",
        },
    )
    assert lint.problems == (
        "one coding rule [diversification-is-towards-rivals]: an act filed under the power it "
        "engages is not diversification towards it",
    )
    good = check_coding(
        "D-37",
        {"domain": "security", "stance": "deference", "intensity": "2", "aimed_at_target": "no"},
    )
    assert good.ok and good.rules["stance"].startswith("accommodates the target")


def test_compare_coding_field_by_field() -> None:
    course = practice_reports().set_index("report_id").loc["H-03"]
    mine = {"domain": "security", "stance": "defiance", "intensity": "2", "aimed_at_target": "no"}
    table = compare_coding("H-03", mine).set_index("field")
    assert table["course"].tolist() == [course[f] for f in table.index]
    assert table["same"].to_dict() == {
        "domain": True,
        "stance": False,
        "intensity": True,
        "aimed_at_target": True,
    }


def _as_coder(codings: pd.DataFrame, coder: str) -> dict[str, dict[str, str]]:
    fields = ["domain", "stance", "intensity", "aimed_at_target"]
    return {r["act_id"]: {f: str(r[f]) for f in fields} for _, r in codings.iterrows()}


def test_class_folder_pools_into_the_reliability_figures(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    second = second_coding()
    # Student 1 codes exactly as the second coder did, plus one hypothetical report.
    codings = _as_coder(second, "student 1")
    codings["H-05"] = {
        "domain": "diplomatic",
        "stance": "abstention",
        "intensity": "1",
        "aimed_at_target": "unknown",
    }
    save_codings(codings, folder, "student 1")
    pooled = class_reliability(folder)
    assert pooled.coders == ("student 1",) and pooled.n_real == 36 and pooled.n_hypothetical == 1
    assert "1 codings of hypothetical reports are left out" in pooled.summary
    before = coding_reliability().set_index("field")
    after = pooled.table.set_index("field")
    assert (after["n_coders"] == 3).all()
    # Three pairs: course-second and course-student are the old figure, second-student is 1.
    expected = (2 * before.loc["domain", "kappa"] + 1.0) / 3
    assert after.loc["domain", "kappa"] == pytest.approx(expected)
    assert after.loc["stance", "kappa"] == pytest.approx(1.0)
    pairs = pooled.pairwise().set_index(["field", "coder_a", "coder_b"])
    assert pairs.loc[("domain", "second coder", "student 1"), "kappa"] == pytest.approx(1.0)
    assert pairs.loc[("domain", "course", "student 1"), "kappa"] == pytest.approx(
        before.loc["domain", "kappa"]
    )


def test_class_codings_errors_name_the_file(tmp_path: Path) -> None:
    assert class_codings(tmp_path / "none").empty
    (tmp_path / "a.csv").write_text(
        "act_id,target,coder,domain,stance,intensity,aimed_at_target\n"
        "H-01,XGP,student 2,diplomatic,deference,5,unknown\n"
    )
    with pytest.raises(CodingError, match=r"a\.csv, row 2, column .intensity."):
        class_codings(tmp_path)
    with pytest.raises(CodingError, match=r"use a role"):
        save_codings({}, tmp_path, "Course")
    (tmp_path / "a.csv").unlink()
    row = {"domain": "diplomatic", "stance": "deference", "intensity": "1", "aimed_at_target": "no"}
    save_codings({"H-01": row}, tmp_path, "student 2")
    (tmp_path / "copy.csv").write_text((tmp_path / "student-2.csv").read_text())
    with pytest.raises(CodingError, match="more than one file"):
        class_codings(tmp_path)
