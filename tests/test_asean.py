"""Tests of smallstate.analysis.asean (and its figure): mechanisms, membership matrix, linked acts and the scope switch."""

from __future__ import annotations

import pandas as pd
import pytest

from smallstate.analysis import asean
from smallstate.data import load
from smallstate.evidence import course_evidence
from smallstate.frameworks import FRAMEWORKS
from smallstate.plots.asean import plot_membership


def test_membership_matrix_matches_the_members_column() -> None:
    raw = load("asean_mechanisms").set_index("id")
    matrix = asean.membership_matrix()
    assert list(matrix.index) == list(raw.index)
    assert set(matrix.columns) == set(asean.POWERS)
    for mid, members in raw["members"].fillna("").items():
        expected = set(members.split(";")) if members else set()
        assert {p for p in asean.POWERS if matrix.loc[mid, p]} == expected


def test_mechanism_fields_and_unknown_id() -> None:
    m = asean.mechanism("ADMMPLUS")
    assert m.members == ("AUS", "CHN", "IND", "JPN", "KOR", "RUS", "USA")
    assert m.founded == "2010-10-12" and m.founded_where == "Hanoi"
    assert [a[1] for a in m.acts] == ["D-08", "D-09"]
    assert m.acts[0][3].startswith("ASEAN Defence Ministers") or "2013" in m.acts[0][3]
    with pytest.raises(KeyError, match="NATO"):
        asean.mechanism("NATO")


def test_chair_links_exclude_the_asem_chair() -> None:
    ids = asean.linked_acts("ASEANCHAIR")["act_id"].tolist()
    assert {"D-10", "D-19", "S20-20"} <= set(ids)
    assert "S20-24" not in ids  # chairing the Asia-Europe Meeting is not an ASEAN chair


def test_linked_acts_are_sorted_by_date() -> None:
    acts = asean.linked_acts("EAS")
    assert acts["date"].tolist() == sorted(acts["date"].tolist())


def test_plot_membership_highlights_and_describes() -> None:
    fig = plot_membership("APT")
    try:
        assert "APT: CHN, JPN, KOR." in fig.alt and "Outlined: APT." in fig.alt
        assert "TAC: none." in fig.alt
    finally:
        fig.close()
    with pytest.raises(KeyError):
        plot_membership("XYZ")


def test_scope_switch_samath_changes_and_drops_only_asean_acts() -> None:
    reading = asean.scope_switch()
    ev = course_evidence()
    asean_ids = set(
        ev.loc[
            (ev["scope"] == "ASEAN") & (ev["actor"] == "KHM") & (ev["target"] == "CHN"), "act_id"
        ]
    )
    assert set(reading.asean_ids) == asean_ids
    table = reading.table.set_index("framework")
    assert len(table) == len(FRAMEWORKS)
    assert table.loc["samath", "label_with"] == "hedging"
    assert table.loc["samath", "changed"]
    assert not set(table.loc["samath", "ids_without"]) & asean_ids
    assert table["changed"].tolist() == (table["label_with"] != table["label_without"]).tolist()


def test_scope_switch_on_a_toy_dyad() -> None:
    base = dict(
        actor="XRU",
        target="CHN",
        date="2020",
        intensity=2,
        aimed_at_target="yes",
        source="samath2020",
        locator="para. 1",
        description="A fictional act.",
    )
    acts = pd.DataFrame(
        [
            dict(
                base,
                act_id="a1",
                counterpart="ASEAN",
                domain="institutional",
                stance="binding",
                scope="ASEAN",
            ),
            dict(
                base,
                act_id="a2",
                counterpart="ARF",
                domain="institutional",
                stance="binding",
                scope="ASEAN",
            ),
            dict(
                base,
                act_id="b1",
                counterpart="CHN",
                domain="economic",
                stance="deference",
                scope="bilateral",
                aimed_at_target="no",
            ),
        ]
    )
    reading = asean.scope_switch(acts, actor="XRU", frameworks=["samath"])
    row = reading.table.iloc[0]
    assert row["label_with"] == "hedging"
    assert row["label_without"] != "hedging"
    assert row["ids_without"] == ("b1",)
    with pytest.raises(ValueError, match="no acts"):
        asean.scope_switch(acts, actor="XGP")
