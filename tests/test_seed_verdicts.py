"""The verdicts the seeds' own readings call for, from the coded seeds file.

Each expectation follows from the coding in datasets/evidence_seeds.csv (see its notes), not
from tailoring: the tests also check the indicator values behind each verdict.
"""

from __future__ import annotations

import pandas as pd
import pytest

from smallstate.verdicts import classify


def label(out: pd.DataFrame, actor: str, target: str, scope: str, period: str) -> pd.Series:
    rows = out[
        (out.actor == actor)
        & (out.target == target)
        & (out.scope == scope)
        & (out.period == period)
    ]
    assert len(rows) == 1, (actor, target, scope, period)
    return rows.iloc[0]


LENG_CASE = ("KHM", "CHN", "all", "2013-2016")


def test_leng_reads_cambodia_as_soft_bandwagoning(seed_evidence: pd.DataFrame) -> None:
    row = label(classify(seed_evidence, "leng"), *LENG_CASE)
    assert row["label"] == "soft_bandwagoning"
    assert "Leng 2016" in row["rationale"]
    # the evidence names both the deference and the diversification acts; the partnership
    # with Japan is filed under Japan and counts here as derived diversification
    assert {"L16-01", "L16-06", "L16-07", "L16-09@CHN"} <= set(row["evidence_ids"])


def test_jackson_reads_cambodia_as_bandwagoning(seed_evidence: pd.DataFrame) -> None:
    assert label(classify(seed_evidence, "jackson"), *LENG_CASE)["label"] == "bandwagoning"


@pytest.mark.parametrize("framework", ["leng", "jackson"])
@pytest.mark.parametrize("actor", ["SGP", "MYS", "VNM"])
def test_leng_hedgers(seed_evidence: pd.DataFrame, framework: str, actor: str) -> None:
    row = label(classify(seed_evidence, framework), actor, "CHN", "all", "2013-2016")
    assert row["label"] == "hedging"


def test_kuik_reads_cambodia_as_hedging_tilted_to_rejection(seed_evidence: pd.DataFrame) -> None:
    row = label(classify(seed_evidence, "kuik"), *LENG_CASE)
    assert row["label"] == "hedging"
    # RM = 7 (AIIB, SRF economic; MSR, SCS, visit, partnership non-economic); RC = 8 (all
    # diversification towards Vietnam, Japan, the US): a slight tilt to power rejection,
    # inside the hedging zone (HEDGING_ZONE = 0.8).
    assert row["position"] == pytest.approx(0.8 * (7 - 8) / 15, abs=1e-6)


def test_samath_scopes(seed_evidence: pd.DataFrame) -> None:
    out = classify(seed_evidence, "samath")
    assert label(out, "KHM", "CHN", "BRI", "all")["label"] == "bandwagoning_for_profit"
    foip = label(out, "KHM", "JPN+USA", "FOIP", "all")
    assert foip["label"] == "limited_bandwagoning"
    assert {"S20-13", "S20-14"} <= set(foip["evidence_ids"])
    assert label(out, "KHM", "CHN", "ASEAN", "all")["label"] == "hedging"


def test_samath_foip_needs_target_pooling(seed_evidence: pd.DataFrame) -> None:
    """Without pooling, Japan and the US are separate cases and no variant split is visible."""
    out = classify(seed_evidence, "samath", pool=())
    assert label(out, "KHM", "JPN", "FOIP", "all")["label"] != "limited_bandwagoning"


def test_restraint_setting_needs_binding_aimed_at_china(seed_evidence: pd.DataFrame) -> None:
    """Cambodia-China across all scopes and periods includes Samath's ASEAN binding acts.

    They are addressed to every great power alike (aimed_at_target no, as the concepts
    binding_engagement and omni_enmeshment define them), so counting restraint as defiance
    changes nothing; it would if they were aimed at China (the coding before the one rule).
    """
    pooled = {"pool": ["scope", "period"]}
    case = ("KHM", "CHN", "all", "all")
    plain = label(classify(seed_evidence, "leng", **pooled), *case)
    counted = label(
        classify(seed_evidence, "leng", restraint_counts_as_defiance=True, **pooled), *case
    )
    assert plain["label"] == counted["label"] == "soft_bandwagoning"
    assert "restraint_counts_as_defiance" not in counted["rationale"]
    aimed = seed_evidence.copy()
    asean = [f"S20-{n}" for n in range(18, 24)]
    aimed.loc[aimed["act_id"].isin(asean), "aimed_at_target"] = "yes"
    flipped = label(classify(aimed, "leng", restraint_counts_as_defiance=True, **pooled), *case)
    assert flipped["label"] == "hedging"
    assert "restraint_counts_as_defiance" in flipped["rationale"]
    assert "S20-18" in flipped["evidence_ids"]


def test_restraint_leaves_leng_window_unchanged(seed_evidence: pd.DataFrame) -> None:
    """Leng's own 2013-2016 acts hold no binding act, so the setting changes nothing there."""
    row = label(classify(seed_evidence, "leng", restraint_counts_as_defiance=True), *LENG_CASE)
    assert row["label"] == "soft_bandwagoning"
    assert "restraint_counts_as_defiance" not in row["rationale"]


def test_every_verdict_names_existing_evidence(seed_evidence: pd.DataFrame) -> None:
    ids = set(seed_evidence["act_id"])
    for fw in ["waltz", "walt", "schweller", "paul", "jackson", "kuik", "leng", "samath"]:
        for row in classify(seed_evidence, fw).itertuples():
            assert set(row.evidence_ids) <= ids
            assert row.rationale


def test_three_readings_of_cambodia_china(seed_evidence: pd.DataFrame) -> None:
    """Leng, the brief and the client reading side by side, on the seeds and on the record."""
    from smallstate.analysis.timeline import filter_acts, relation_acts, window_verdicts

    leng_window = label(classify(seed_evidence, "client"), *LENG_CASE)
    # Leng's own acts: deference offset by ties with China's competitors, no security tie.
    assert leng_window["label"] == "hedging"
    later = window_verdicts(filter_acts(relation_acts(), window=(2017, 2025)), ["leng", "client"])
    labels = dict(zip(later["framework"], later["label"], strict=True))
    # After 2016 the record holds security deference (Golden Dragon, Ream): the client reading
    # calls it bandwagoning; Leng's test still finds no defiance of China.
    assert labels == {"leng": "soft_bandwagoning", "client": "bandwagoning"}
