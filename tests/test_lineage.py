"""Tests of smallstate.lineage: concepts joined with the years of the sources citing them."""

from __future__ import annotations

import pytest

from smallstate.analysis.lineage import REALIST_CONCEPTS, concept_sources
from smallstate.plots.lineage import concept_timeline


def test_every_realist_concept_is_in_the_registry_with_a_source() -> None:
    table = concept_sources(REALIST_CONCEPTS)
    assert list(dict.fromkeys(table["concept"])) == list(REALIST_CONCEPTS)
    assert table["year"].between(1900, 2100).all()


def test_years_come_from_the_bibliography() -> None:
    table = concept_sources(["balance_of_power", "bandwagoning"])
    assert table[table["concept"] == "balance_of_power"]["key"].tolist() == ["waltz1979"]
    bandwagoning = table[table["concept"] == "bandwagoning"]
    assert bandwagoning["year"].tolist() == sorted(bandwagoning["year"].tolist())
    assert dict(zip(bandwagoning["key"], bandwagoning["year"], strict=True)) == {
        "walt1985": 1985,
        "walt1987": 1987,
        "schweller1994": 1994,
        "leng2016": 2016,
    }
    assert set(table.loc[table["key"] == "leng2016", "role"]) == {"seed article"}
    assert set(table.loc[table["key"] == "walt1985", "role"]) == {"scholarly literature"}


def test_requested_order_is_kept_and_duplicates_dropped() -> None:
    table = concept_sources(["soft_bandwagoning", "balance_of_power"])
    assert list(dict.fromkeys(table["concept"])) == ["soft_bandwagoning", "balance_of_power"]
    # soft_bandwagoning cites leng2016 twice (two locators): one row
    assert table[table["concept"] == "soft_bandwagoning"]["key"].tolist() == ["leng2016"]


def test_unknown_concept_is_an_error() -> None:
    with pytest.raises(KeyError, match="hedgehog"):
        concept_sources(["hedgehog"])


def test_timeline_figure_has_title_alt_and_points() -> None:
    fig = concept_timeline()
    try:
        assert fig.title.startswith("Where the concepts come from")
        assert "Balance of power (Waltz) 1979" in fig.alt
        assert "Leng 2016" in fig.alt
        ax = fig.figure.axes[0]
        offsets = [c.get_offsets() for c in ax.collections]
        assert sum(len(o) for o in offsets) == len(fig.data)
        # one dashed line per concept a seed article takes up, labelled with the lag in years
        used = fig.data[fig.data["role"] == "seed article"]["concept"].nunique()
        assert sum(1 for line in ax.lines if line.get_linestyle() == "--") == used
        assert "37 years" in [t.get_text() for t in ax.texts]
        assert "Internal balancing 37" in fig.alt
        assert fig.png().startswith(b"\x89PNG")
    finally:
        fig.close()
