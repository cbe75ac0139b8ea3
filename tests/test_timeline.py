"""Tests for smallstate.analysis.timeline (filtering acts, the timeline chart, window verdicts) and
smallstate.analysis.projects (projects by funder and instrument, sourced figures, conflicts)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from smallstate.analysis.projects import conflict_table, project_counts, sourced_figures
from smallstate.analysis.timeline import (
    ALL,
    acts_table,
    filter_acts,
    relation_acts,
    window_verdicts,
    year_span,
)
from smallstate.data import conflicts, load
from smallstate.evidence import validate_evidence
from smallstate.plots import STANCE_COLORS, CourseFigure
from smallstate.plots.projects import plot_projects
from smallstate.plots.timeline import OTHER_SOURCES, plot_timeline
from smallstate.verdicts import compare


def _acts() -> pd.DataFrame:
    """Six hand-made Ruritania acts towards one power; the expected filters are counted by hand."""
    return validate_evidence(
        pd.DataFrame(
            {
                "act_id": ["r1", "r2", "r3", "r4", "r5", "r6"],
                "actor": "XRU",
                "target": "CHN",
                "counterpart": ["CHN", "BRI", "JPN", "ASEAN", "CHN", "USA"],
                "date": ["1958", "2013", "2014-05", "2016-02", "2016-02", "2020-04"],
                "domain": [
                    "diplomatic",
                    "economic",
                    "diplomatic",
                    "institutional",
                    "diplomatic",
                    "security",
                ],
                "stance": [
                    "deference",
                    "deference",
                    "diversification",
                    "binding",
                    "deference",
                    "diversification",
                ],
                "intensity": [1, 2, 2, 2, 1, 1],
                "aimed_at_target": "no",
                "source": [
                    "samath2020",
                    "samath2020",
                    "leng2016",
                    "samath2020",
                    "leng2016",
                    "leng2016",
                ],
                "locator": ["para. 3", "para. 3", "para. 9", "para. 2", "para. 6", "para. 10"],
                "description": [f"Act {i}." for i in range(1, 7)],
            }
        )
    )


@pytest.fixture(scope="module")
def acts() -> pd.DataFrame:
    return _acts()


# -- relation_acts / year_span -------------------------------------------------------------------


def test_relation_acts_is_one_pair_sorted_by_date(
    khm_chn_acts: pd.DataFrame, seed_evidence: pd.DataFrame
) -> None:
    assert set(khm_chn_acts["actor"]) == {"KHM"} and set(khm_chn_acts["target"]) == {"CHN"}
    assert khm_chn_acts["date_start"].is_monotonic_increasing
    assert khm_chn_acts["act_id"].is_unique
    # The seeds' Cambodia-China acts are all there, whichever dataset is the default.
    seeds = seed_evidence
    seed_ids = set(seeds.loc[(seeds.actor == "KHM") & (seeds.target == "CHN"), "act_id"])
    assert seed_ids <= set(khm_chn_acts["act_id"])


def test_relation_acts_validates_raw_tables(acts: pd.DataFrame) -> None:
    raw = acts.drop(columns=["date_start"]).astype({"intensity": str})
    out = relation_acts("XRU", "CHN", raw)
    assert out["act_id"].tolist() == ["r1", "r2", "r3", "r4", "r5", "r6"]
    assert relation_acts("XRU", "JPN", raw).empty


def test_year_span(acts: pd.DataFrame) -> None:
    assert year_span(acts) == (1958, 2020)
    with pytest.raises(ValueError, match="no acts"):
        year_span(acts.iloc[0:0])


# -- filter_acts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, ["r1", "r2", "r3", "r4", "r5", "r6"]),
        ({"window": (2014, 2016)}, ["r3", "r4", "r5"]),
        ({"window": (1958, 1958)}, ["r1"]),
        ({"domains": "diplomatic"}, ["r1", "r3", "r5"]),
        ({"domains": ["economic", "security"]}, ["r2", "r6"]),
        ({"counterparts": "CHN"}, ["r1", "r5"]),
        ({"stances": "deference", "window": (2000, 2020)}, ["r2", "r5"]),
        ({"sources": "leng2016", "domains": ALL}, ["r3", "r5", "r6"]),
        ({"stances": [ALL, "binding"]}, ["r1", "r2", "r3", "r4", "r5", "r6"]),
        ({"stances": []}, []),
        ({"window": (1960, 2000)}, []),
    ],
)
def test_filter_acts(acts: pd.DataFrame, kwargs: dict, expected: list[str]) -> None:
    assert filter_acts(acts, **kwargs)["act_id"].tolist() == expected


def test_filter_acts_rejects_bad_input(acts: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="after last year"):
        filter_acts(acts, window=(2020, 2010))
    with pytest.raises(KeyError, match="stance"):
        filter_acts(acts.drop(columns=["stance"]), stances="deference")


def test_filter_keeps_the_index_and_rows_unchanged(acts: pd.DataFrame) -> None:
    out = filter_acts(acts, window=(2013, 2016))
    pd.testing.assert_frame_equal(out, acts.loc[out.index])


# -- acts_table and the timeline -----------------------------------------------------------------


def test_acts_table_cites_each_act(acts: pd.DataFrame) -> None:
    table = acts_table(acts)
    assert table["citation"].tolist()[:3] == [
        "Samath 2020, para. 3",
        "Samath 2020, para. 3",
        "Leng 2016, para. 9",
    ]
    assert table["year"].tolist() == [1958, 2013, 2014, 2016, 2016, 2020]
    assert acts_table(acts.iloc[0:0]).empty


def test_plot_timeline_positions_and_alt(acts: pd.DataFrame) -> None:
    fig = plot_timeline(acts)
    try:
        assert isinstance(fig, CourseFigure)
        data = fig.data.set_index("act_id")
        # 2014-05 sits in the fifth month of 2014; a bare year sits mid-year.
        assert data.loc["r3", "x"] == pytest.approx(2014 + 4.5 / 12)
        assert data.loc["r1", "x"] == pytest.approx(1958 + 5.5 / 12)
        # r4 and r5 share a date but not a domain; r1, r3, r5 share the diplomatic row.
        assert data.loc["r1", "row"] == data.loc["r3", "row"] == data.loc["r5", "row"] == 0
        assert fig.alt.startswith("Timeline of 6 acts from 1958 to 2020")
        assert "diplomatic: 3 (deference 2, diversification 1)." in fig.alt
        ax = fig.figure.axes[0]
        assert [t.get_text() for t in ax.get_yticklabels()] == [
            "diplomatic",
            "economic",
            "institutional",
            "security",
        ]
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert {"Leng 2016", "Samath 2020"} <= set(legend)
        assert OTHER_SOURCES not in legend
        assert fig.png().startswith(b"\x89PNG")
    finally:
        fig.close()


def test_plot_timeline_stacks_acts_of_one_date_and_domain(acts: pd.DataFrame) -> None:
    twin = pd.concat([acts, acts.assign(act_id=acts["act_id"] + "b")], ignore_index=True)
    fig = plot_timeline(twin)
    try:
        data = fig.data.set_index("act_id")
        assert data.loc["r1", "y"] != data.loc["r1b", "y"]
        assert data.loc["r1", "y"] + data.loc["r1b", "y"] == pytest.approx(0.0)
    finally:
        fig.close()


def test_plot_timeline_other_sources_share_a_marker(acts: pd.DataFrame) -> None:
    fig = plot_timeline(acts, highlight=("leng2016",))
    try:
        legend = [t.get_text() for t in fig.figure.axes[0].get_legend().get_texts()]
        assert "Leng 2016" in legend and OTHER_SOURCES in legend
        assert "Samath 2020" not in legend
    finally:
        fig.close()


def test_plot_timeline_empty_selection(acts: pd.DataFrame) -> None:
    fig = plot_timeline(acts.iloc[0:0])
    try:
        assert "no acts" in fig.alt
        assert fig.png().startswith(b"\x89PNG")
    finally:
        fig.close()


def test_stance_colours_come_from_the_palette(acts: pd.DataFrame) -> None:
    import matplotlib.colors as mcolors

    fig = plot_timeline(acts.iloc[[0]])
    try:
        face = fig.figure.axes[0].collections[0].get_facecolor()[0]
        assert mcolors.to_hex(face) == STANCE_COLORS["deference"].lower()
    finally:
        fig.close()


# -- window_verdicts ------------------------------------------------------------------------------


def test_window_verdicts_match_compare_with_pooled_case(khm_chn_acts: pd.DataFrame) -> None:
    window = filter_acts(khm_chn_acts, window=(2013, 2016))
    table = window_verdicts(window)
    wide = compare(window, pool=("scope", "period"))
    assert len(wide) == 1
    for row in table.itertuples(index=False):
        assert row.label == wide.loc[0, row.framework]
        assert row.acts == len(window)
    kuik = table.set_index("framework").loc["kuik"]
    assert kuik["position"] == pytest.approx(wide.loc[0, "kuik_position"])
    assert math.isnan(table.set_index("framework").loc["leng", "position"])


def test_window_verdicts_leng_window(khm_chn_acts: pd.DataFrame) -> None:
    # Leng's own years, read by his framework: his label.
    window = filter_acts(khm_chn_acts, window=(2013, 2016))
    assert window_verdicts(window, ["leng"]).loc[0, "label"] == "soft_bandwagoning"


def test_window_verdicts_empty_window(acts: pd.DataFrame) -> None:
    table = window_verdicts(acts.iloc[0:0], ["leng", "kuik"])
    assert table["label"].tolist() == ["insufficient_evidence"] * 2
    assert table["acts"].tolist() == [0, 0]


def test_window_verdicts_refuses_several_pairs(acts: pd.DataFrame) -> None:
    mixed = pd.concat([acts, acts.assign(target="JPN", act_id=acts["act_id"] + "j")])
    with pytest.raises(ValueError, match="several actor-target pairs"):
        window_verdicts(mixed)


# -- projects_chart -------------------------------------------------------------------------------


def test_project_counts_against_the_csv() -> None:
    projects = load("projects")
    counts = project_counts()
    top_level = projects[projects["part_of"].isna()]
    assert counts["projects"].sum() == len(top_level)
    assert project_counts(components=True)["projects"].sum() == len(projects)
    china = counts[counts["funder"] == "CHN"]
    assert china["projects"].sum() == (top_level["funder"] == "CHN").sum()
    assert (
        china["by_context"].sum()
        == ((top_level["funder"] == "CHN") & (top_level["attribution"] == "context")).sum()
    )
    japan = counts[counts["funder"] == "JPN"].set_index("instrument")
    assert japan.loc["grant", "amount_usd"] == 120_000_000
    assert japan.loc["loan", "amount_usd"] == 203_000_000
    assert counts.set_index(["funder", "instrument"]).loc[("CHN", "FDI"), "amount_usd"] != 0


def test_plot_projects_alt_is_written_from_the_counts() -> None:
    fig = plot_projects()
    try:
        counts = project_counts()
        assert fig.alt.startswith(f"Bar chart of {counts['projects'].sum()} projects")
        assert "Japan: 2 (grant 1, loan 1)." in fig.alt
        assert fig.data.equals(counts)
    finally:
        fig.close()


def test_sourced_figures_keep_order_and_cite() -> None:
    table = sourced_figures(["F024", "F009"])
    assert table["id"].tolist() == ["F024", "F009"]
    assert table.loc[0, "value"] == 3_800_000_000
    assert table.loc[0, "citation"].startswith("Samath 2020, 'Cambodia and the BRI")
    with pytest.raises(KeyError, match="F999"):
        sourced_figures(["F999"])


def test_conflict_table_side_by_side() -> None:
    raw = conflicts()
    table = conflict_table(raw)
    groups = raw.groupby(["entity", "indicator"]).ngroups
    assert len(table) == groups
    trade = table[table["indicator"] == "two-way trade"].iloc[0]
    assert trade["low_citation"].startswith("Samath 2020")
    assert trade["high_citation"].startswith("Vietnam News Agency 2020")
    assert trade["ratio"] == round(9.42 / 3.8, 2)
    assert trade["difference"] == pytest.approx(5.62e9)


def test_conflict_table_with_three_values_uses_the_extremes() -> None:
    raw = pd.DataFrame(
        {
            "entity": "E",
            "indicator": "i",
            "year_or_period": "2019",
            "value": [2.0, 8.0, 4.0],
            "as_stated": ["two", "eight", "four"],
            "source": ["leng2016", "samath2020", "leng2016"],
            "locator": ["para. 1", "para. 2", "para. 3"],
        }
    )
    row = conflict_table(raw).iloc[0]
    assert (row["low"], row["high"], row["ratio"]) == (2.0, 8.0, 4.0)
    assert row["high_as_stated"] == "eight"
