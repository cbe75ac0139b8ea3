"""Concept criteria and row codings agree (issue 11 (b)): each concept's act rule holds for every
act the sources call by that concept's name."""

from __future__ import annotations

import pandas as pd
import pytest

from smallstate.concepts import ConceptError, concept, load_concepts
from smallstate.concepts.rules import act_failures, parse_act_rule
from smallstate.evidence import course_evidence
from smallstate.evidence.lint import concept_instance_problems


def test_every_instance_meets_its_concepts_rule() -> None:
    assert concept_instance_problems() == []


def test_the_seeds_acts_are_linked() -> None:
    linked = {a for c in load_concepts().values() for a in c.instances}
    # the brief's ASEAN acts, its BRI projects, its FOIP support; Leng's balancers
    assert {"S20-18", "S20-23", "S20-04", "S20-13", "L16-14"} <= linked
    assert concept("soft_balancing_samath").instances == tuple(f"S20-{n}" for n in range(18, 24))


def test_the_old_asean_coding_is_caught() -> None:
    """Coding the brief's ASEAN acts as aimed at China contradicts binding engagement."""
    ev = course_evidence()
    asean = ev["act_id"].isin([f"S20-{n}" for n in range(18, 24)])
    ev["aimed_at_target"] = ev["aimed_at_target"].astype(object).where(~asean, "yes")
    problems = concept_instance_problems(ev)
    assert "soft_balancing_samath: S20-21: aimed_at_target is 'yes'; the rule wants no" in problems
    assert any(p.startswith("binding_engagement: S20-18:") for p in problems)
    assert any(p.startswith("omni_enmeshment: S20-23:") for p in problems)


def test_missing_instance_and_unknown_column_are_reported() -> None:
    ev = course_evidence()
    problems = concept_instance_problems(ev[ev["act_id"] != "S20-13"])
    assert "limited_bandwagoning: instance S20-13 is not in the evidence" in problems


def test_rule_grammar() -> None:
    rule = parse_act_rule("stance=deference|binding; motive!=security")
    assert act_failures(rule, {"stance": "binding", "motive": "gain"}) == []
    assert act_failures(rule, {"stance": "defiance", "motive": "security"}) == [
        "stance is 'defiance'; the rule wants deference or binding",
        "motive is 'security'; the rule wants not security",
    ]
    with pytest.raises(ValueError, match="is not 'column=value"):
        parse_act_rule("stance deference")


def test_bad_rule_in_the_table_names_file_row_and_column(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from smallstate._paths import dataset_path

    table = pd.read_csv(dataset_path("concepts.csv"), dtype=str, keep_default_na=False)
    table.loc[0, "act_rule"] = "stance deference"
    path = tmp_path / "concepts.csv"
    table.to_csv(path, index=False)
    with pytest.raises(ConceptError, match=r"concepts.csv, row 2, column 'act_rule': clause"):
        load_concepts(path)
    table.loc[0, ["act_rule", "instances"]] = ["", "S20-01"]
    table.to_csv(path, index=False)
    with pytest.raises(ConceptError, match=r"row 2, column 'instances'"):
        load_concepts(path)
