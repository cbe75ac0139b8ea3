"""smallstate.analysis.vote_measures and its figure: the three measures side by side, by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from smallstate.analysis.vote_measures import (
    chance_agreement,
    closest_partner,
    measure_disagreements,
    measures,
    period_means,
)
from smallstate.errors import UnknownNameError


def _table() -> pd.DataFrame:
    """Two years of a made-up country A with partners P and Q (values chosen by hand)."""
    rows = [
        # year, partner, n_both, agreement, s_score, kappa
        (2001, "P", 10, 0.9, 0.8, 0.1),
        (2001, "Q", 10, 0.5, 0.0, 0.2),
        (2002, "P", 10, 0.8, 0.7, 0.5),
        (2002, "Q", 10, 0.4, -0.2, 0.0),
        (2003, "P", 0, math.nan, math.nan, math.nan),
        (2003, "Q", 4, 1.0, 1.0, math.nan),
    ]
    table = pd.DataFrame(
        rows, columns=["year", "partner", "n_both", "agreement", "s_score", "kappa"]
    )
    return table.assign(country="A")


def test_chance_agreement_by_hand() -> None:
    # p_e = (p_o - kappa) / (1 - kappa): (0.9 - 0.1) / 0.9 = 0.889; (0.5 - 0.2) / 0.8 = 0.375.
    got = chance_agreement(pd.Series([0.9, 0.5, 1.0]), pd.Series([0.1, 0.2, 1.0]))
    assert got.iloc[:2].tolist() == [0.889, 0.375]
    assert math.isnan(got.iloc[2])


def test_measures_long_form_and_chance() -> None:
    table = measures("A", ["P", "Q"], table=_table())
    assert len(table) == 3 * 6
    row = table[(table.year == 2001) & (table.partner == "Q") & (table.measure == "s_score")]
    assert row["value"].tolist() == [0.0] and row["chance"].tolist() == [0.375]
    assert measures("A", ["P"], years=(2002, 2002), table=_table())["year"].unique().tolist() == [
        2002
    ]


def test_closest_partner_per_year_and_disagreements() -> None:
    per_year = closest_partner(measures("A", ["P", "Q"], table=_table()), by="year")
    per_year = per_year.set_index("year")
    # 2001: P is higher on agreement and S, Q on kappa (0.2 > 0.1): the measures disagree.
    assert per_year.loc[2001, ["agreement", "s_score", "kappa"]].tolist() == ["P", "P", "Q"]
    assert not per_year.loc[2001, "measures_agree"]
    assert per_year.loc[2002, "measures_agree"]
    # 2003: P has no shared vote, so no partner is named and no disagreement is claimed.
    assert per_year.loc[2003, ["agreement", "kappa"]].isna().all()
    assert measure_disagreements(measures("A", ["P", "Q"], table=_table()))["year"].tolist() == [
        2001
    ]


def test_period_means_by_hand() -> None:
    means = period_means(measures("A", ["P", "Q"], table=_table()), [(2001, 2003)])
    got = means.set_index(["partner", "measure"])
    # P's kappa: mean of 0.1 and 0.5 (2003 has none) = 0.3 over 2 years; Q's: 0.2 and 0.0.
    assert got.loc[("P", "kappa"), "value"] == 0.3 and got.loc[("P", "kappa"), "n_years"] == 2
    assert got.loc[("Q", "agreement"), "value"] == round((0.5 + 0.4 + 1.0) / 3, 3)
    verdict = closest_partner(means, by="period").set_index("period")
    assert verdict.loc["2001-2003", ["agreement", "s_score", "kappa"]].tolist() == ["P", "P", "P"]


def test_cambodia_choice_of_measure_changes_the_verdict() -> None:
    """Cambodia in 1994: agreement and S say China, kappa says the United States."""
    table = measures("Cambodia", ["China", "United States"])
    year = table[table.year == 1994].pivot(index="measure", columns="partner", values="value")
    assert year.loc["agreement", "China"] > year.loc["agreement", "United States"]
    assert year.loc["kappa", "China"] < year.loc["kappa", "United States"]
    assert measure_disagreements(table)["year"].tolist() == [1994]
    decades = closest_partner(period_means(table), by="period")
    assert decades["measures_agree"].all() and set(decades["kappa"]) == {"China"}


def test_unknown_names() -> None:
    with pytest.raises(UnknownNameError, match="did you mean 'Cambodia'"):
        measures("Cambodja", ["China"])
    with pytest.raises(ValueError, match="by must be"):
        closest_partner(measures("Cambodia", ["China"]), by="decade")


def test_figure_has_title_alt_and_power_colours() -> None:
    from smallstate.plots.palette import POWER_COLORS
    from smallstate.plots.vote_measures import plot_vote_measures

    fig = plot_vote_measures("Cambodia", ["China", "United States"])
    try:
        assert fig.title and "1994" in fig.alt and "Cohen's kappa" in fig.alt
        lines = fig.figure.axes[2].get_lines()
        colours = {line.get_label(): line.get_color() for line in lines}
        assert colours["China"] == POWER_COLORS["China"]
        assert colours["United States"] == POWER_COLORS["United States"]
        assert fig.png().startswith(b"\x89PNG")
    finally:
        fig.close()
