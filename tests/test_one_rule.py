"""The one coding rule: every course table follows it, the checker catches each breach, and the
derived acts are what the rule says (issue 11 (a))."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smallstate._paths import dataset_path
from smallstate.cli.app import main
from smallstate.evidence import (
    COURSE_EVIDENCE,
    DERIVED_STANCE,
    LEAD_POWER,
    RIVALS,
    STANCES,
    apply_codings,
    case_acts,
    course_evidence,
    derive_acts,
    filed_acts,
    is_derived,
)
from smallstate.evidence.lint import LINT_RULES, lint_evidence, lint_file
from smallstate.verdicts import classify

BASE = {
    "act_id": "X1", "actor": "KHM", "target": "JPN", "counterpart": "JPN", "date": "2020",
    "domain": "diplomatic", "stance": "deference", "intensity": "1", "aimed_at_target": "no",
    "source": "samath2020", "locator": "p. 1", "description": "An act.", "motive": "",
    "scope": "", "period": "", "contested": "no", "note": "", "aimed_at_rivals": "",
}  # fmt: skip


@pytest.mark.parametrize("name", COURSE_EVIDENCE)
def test_every_course_table_follows_the_rule(name: str) -> None:
    assert lint_file(dataset_path(f"{name}.csv")) == []
    assert lint_evidence(filed_acts(course_evidence(name))) == []


BREACHES = {
    "file-under-engaged-power": {"target": "CHN", "stance": "diversification"},
    "diversification-is-towards-rivals": {"stance": "diversification"},
    "regional-rival": {"counterpart": "VNM", "target": "CHN", "stance": "deference"},
    "aimed-at-rivals-needs-a-derivation": {"stance": "defiance", "aimed_at_rivals": "no"},
    "derived-acts-are-not-stored": {"act_id": "X1@CHN"},
    "contested-needs-a-note": {"contested": "yes"},
}


@pytest.mark.parametrize("rule", sorted(LINT_RULES))
def test_each_rule_catches_its_breach(rule: str) -> None:
    assert rule in BREACHES, "every rule has a planted breach"
    good = pd.DataFrame([BASE])
    assert lint_evidence(good) == []
    bad = pd.DataFrame([BASE | BREACHES[rule]])
    problems = lint_evidence(bad, file="mine.csv")
    assert [p.rule for p in problems] == [rule]
    text = str(problems[0])
    assert text.startswith("mine.csv: line 2 (row index 0), column ")


def test_the_old_two_rule_table_is_caught(tmp_path: object) -> None:
    """Filing Japan ties under China as diversification (the old convention) breaks the rule."""
    table = pd.read_csv(dataset_path("evidence_acts.csv"), dtype=str, keep_default_na=False)
    row = table.index[table["act_id"] == "L16-09"][0]
    table.loc[row, ["target", "stance", "aimed_at_rivals"]] = ["CHN", "diversification", ""]
    problems = lint_evidence(table)
    assert [(p.line, p.column, p.rule) for p in problems] == [
        (row + 2, "target", "file-under-engaged-power")
    ]


def test_cli_reports_file_line_and_column(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "acts.csv"
    pd.DataFrame([BASE | {"target": "USA"}]).to_csv(bad, index=False)
    assert main(["lint", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}: line 2 (row index 0), column 'target': [file-under-engaged-power]" in out
    assert main(["lint", str(dataset_path("evidence_acts.csv"))]) == 0
    assert main(["lint", str(tmp_path / "missing.csv")]) == 2


def test_japan_ties_count_in_the_china_case() -> None:
    """The brief's Japan FOIP support and Leng's Japan partnership reach the China case alike."""
    ev = course_evidence()
    china = case_acts(ev, ("KHM", "CHN", "FOIP"))
    assert {"S20-13@CHN", "S20-16@CHN", "S20-17@CHN"} <= set(china["act_id"])
    assert set(china.loc[is_derived(china), "stance"].astype(str)) == {"diversification"}
    leng = case_acts(ev, ("KHM", "CHN", "all", "2013-2016"))
    assert {"L16-09@CHN", "L16-10@CHN", "L16-11@CHN", "L16-12@CHN"} <= set(leng["act_id"])


def test_external_balancing_counts_as_defiance_of_the_rival() -> None:
    row = BASE | {"target": "USA", "counterpart": "USA", "domain": "security",
                  "aimed_at_rivals": "yes"}  # fmt: skip
    out = derive_acts(pd.DataFrame([row]), {}).set_index("act_id")
    assert out.loc["X1@CHN", ["stance", "aimed_at_target"]].tolist() == ["defiance", "yes"]
    verdict = classify(out.reset_index(), "waltz").set_index("target").loc["CHN"]
    assert verdict["label"] == "external_balancing"  # of China, with the US


def test_defiance_and_abstention_derive_nothing() -> None:
    ev = course_evidence()
    derived_from = set(ev.loc[is_derived(ev), "derived_from"].astype(str))
    filed = filed_acts(ev).set_index("act_id")
    for act in ("D-35", "D-43", "D-45", "D-46", "D-77", "S20-14", "S20-15"):
        assert filed.loc[act, "stance"] in {"defiance", "abstention"}
        assert act not in derived_from


def test_forum_binding_counts_for_each_member_power() -> None:
    ev = course_evidence("evidence_seeds").set_index("act_id")
    assert ev.loc["S20-21@USA", "stance"] == "binding"  # the ARF holds China, Japan and the US
    assert ev.loc["S20-21@JPN", "target"] == "JPN"
    assert "S20-18@USA" not in ev.index  # ASEAN itself has no great power among its members


def test_pooled_cases_count_each_act_once(seed_evidence: pd.DataFrame) -> None:
    out = classify(seed_evidence, "samath").set_index("scope")
    foip = out.loc["FOIP"]
    assert foip["target"] == "JPN+USA"
    assert not any("@" in act for act in foip["evidence_ids"])
    asean = out.loc["ASEAN"]
    assert asean["label"] == "hedging"  # binding engages China, Japan and the US via forums


def test_recoding_a_filed_act_rederives_its_copies() -> None:
    ev = course_evidence("evidence_seeds")
    recoded = apply_codings(ev, {"L16-09": "defiance"}).set_index("act_id")
    assert "L16-09@CHN" not in recoded.index
    back = apply_codings(ev, {"L16-09": "binding"}).set_index("act_id")
    assert back.loc["L16-09@CHN", "stance"] == "diversification"
    reading = apply_codings(ev, {"L16-09@CHN": "defiance"}).set_index("act_id")
    assert reading.loc["L16-09@CHN", "stance"] == "defiance"  # a reading towards China only
    assert reading.loc["L16-09", "stance"] == "deference"
    with pytest.raises(ValueError, match="no longer exists once 'L16-09' is re-coded"):
        apply_codings(ev, {"L16-09": "defiance", "L16-09@CHN": "binding"})


acts = st.lists(
    st.tuples(
        st.sampled_from(["CHN", "JPN", "USA"]),
        st.sampled_from([*LEAD_POWER, "ASEAN", "ARF", "UN"]),
        st.sampled_from(STANCES),
        st.sampled_from(["", "yes", "no"]),
    ),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(acts)
def test_derivation_follows_the_rule(rows: list[tuple[str, str, str, str]]) -> None:
    table = pd.DataFrame(
        [
            BASE
            | {"act_id": f"A{i}", "target": t, "counterpart": c, "stance": s, "aimed_at_rivals": a}
            for i, (t, c, s, a) in enumerate(rows)
        ],
        columns=list(BASE),
    )
    members = {"ARF": ("CHN", "JPN", "USA")}
    out = derive_acts(table, members)
    assert derive_acts(out, members).equals(out)  # idempotent
    assert filed_acts(out).reset_index(drop=True).equals(table)
    expected = 0
    for t, c, s, _ in rows:
        if LEAD_POWER.get(c) == t and s in DERIVED_STANCE:
            expected += len(RIVALS[t])
        if s == "binding" and c == "ARF":
            expected += 2
    derived = out.loc[is_derived(out)]
    assert len(derived) == expected
    rival = derived["stance"].astype(str) != "binding"
    aimed_yes = derived["aimed_at_target"].astype(str) == "yes"
    assert (derived.loc[rival & aimed_yes, "stance"] == "defiance").all()
    assert (derived.loc[rival & ~aimed_yes, "stance"] == "diversification").all()
    assert (
        derived["target"]
        != table.set_index("act_id").loc[derived["derived_from"], "target"].to_numpy()
    ).all()
