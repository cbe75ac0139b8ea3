"""Tests of smallstate.analysis.foip and its figures: the comparison table, the weighting model, the offers and the FOIP reading."""

from __future__ import annotations

import pandas as pd
import pytest

from smallstate.analysis import foip
from smallstate.data import load
from smallstate.plots.foip import plot_offers, plot_scores
from smallstate.widgets.render import render_weighting


def test_score_matrix_matches_the_csv() -> None:
    raw = load("foip_versions").set_index("version_id")
    matrix = foip.score_matrix()
    assert list(matrix.columns) == list(foip.DIMENSIONS)
    assert list(matrix.index) == list(raw.index)
    assert (matrix.to_numpy() == raw[list(foip.DIMENSIONS)].astype(int).to_numpy()).all()
    assert matrix.to_numpy().min() >= 0 and matrix.to_numpy().max() <= 3


def test_unknown_version_or_dimension_raises() -> None:
    with pytest.raises(KeyError, match="FOIP-XX"):
        foip.score_matrix(["FOIP-XX"])
    with pytest.raises(KeyError, match="military"):
        foip.back({"military": 1})
    with pytest.raises(ValueError, match="positive"):
        foip.back({"security_focus": -1})


def test_comparison_table_cites_every_row() -> None:
    table = foip.comparison_table()
    assert len(table) == 5
    assert table["scores_cited"].str.startswith("Samath 2020").all()
    assert table.set_index("version_id").loc["FOIP-US", "cambodia_response"] == "silent"
    assert table.set_index("version_id").loc["FOIP-JP", "cambodia_response"] == "supports"
    assert not table["launch_cited"].str.contains("?", regex=False).any()


def test_weighted_scores_are_weight_times_score() -> None:
    weights = {"security_focus": 2, "inclusiveness": 1}
    result = foip.back(weights)
    raw = foip.score_matrix()
    expected = 2 * raw["security_focus"] + raw["inclusiveness"]
    assert dict(result.scores) == pytest.approx(expected.astype(float).to_dict())
    assert [s for _, s in result.scores] == sorted((s for _, s in result.scores), reverse=True)


def test_security_weight_picks_the_us_version_and_names_the_deciding_dimension() -> None:
    result = foip.back({"security_focus": 5})
    assert result.winners == ("FOIP-US",)
    assert result.deciding == "security_focus"
    assert "deciding dimension is security focus" in result.explanation


def test_economic_and_asean_weights_pick_japan() -> None:
    result = foip.back({"economic_focus": 3, "asean_centrality": 2})
    assert result.winners == ("FOIP-JP",)
    assert result.deciding == "economic_focus"
    assert "tie for second" in result.explanation  # FOIP-IN and AOIP both score 12


def test_ties_are_reported_and_have_no_deciding_dimension() -> None:
    result = foip.back({"inclusiveness": 1})
    assert result.winners == ("FOIP-JP", "FOIP-IN", "AOIP")
    assert result.deciding is None
    assert "Tie at 3" in result.explanation
    # asean_centrality is equal for those three too: still a tie
    assert len(foip.back({"inclusiveness": 1, "asean_centrality": 1}).winners) == 3


def test_zero_weights_give_no_winner() -> None:
    result = foip.back({})
    assert result.winners == () and result.runner_up is None
    assert "zero" in result.explanation


def test_restricting_the_versions() -> None:
    result = foip.back({"security_focus": 1}, ["FOIP-JP", "AOIP"])
    assert result.winners == ("FOIP-JP",) and result.runner_up == "AOIP"
    assert {v for v, _ in result.scores} == {"FOIP-JP", "AOIP"}


def test_render_weighting_marks_the_winner() -> None:
    text = render_weighting(foip.back({"security_focus": 1}))
    assert 'data-winner="FOIP-US"' in text and "Would back" in text
    assert "Tie:" in render_weighting(foip.back({"inclusiveness": 1}))


def test_offers_table_and_ratio() -> None:
    table = foip.offers_table().set_index("id")
    assert table.loc["F001", "value"] == 1.024e12
    assert table.loc["F002", "value"] == 113e6
    assert table.loc["F001", "times_us"] == round(1.024e12 / 113e6)
    assert table["cited"].str.startswith("Samath 2020").all()
    assert table.loc["F040", "ambiguous"] == "yes"


def test_offers_plot_uses_a_log_scale_and_describes_each_bar() -> None:
    fig = plot_offers()
    try:
        ax = fig.figure.axes[0]
        assert ax.get_xscale() == "log"
        assert "at least USD 1.024 trillion" in fig.alt and "USD 113 million" in fig.alt
        assert "ambiguous" in fig.alt
        assert not ax.patches  # points, not bars from an arbitrary baseline on a log axis
        table = fig.data
        points = [line for line in ax.lines if line.get_xdata().size == 1]
        hollow = [p.get_markerfacecolor() == "#FFFFFF" for p in points]
        assert hollow == (table["ambiguous"] == "yes").tolist()
        assert sum(hollow) >= 1
        assert fig.png().startswith(b"\x89PNG")
    finally:
        fig.close()


def test_score_heatmap_alt_text_and_empty_choice() -> None:
    fig = plot_scores(["FOIP-IN"], ["inclusiveness", "infrastructure_finance"])
    try:
        assert "FOIP-IN: inclusiveness 3, infrastructure finance 1." in fig.alt
        assert isinstance(fig.data, pd.DataFrame) and fig.data.shape == (1, 2)
    finally:
        fig.close()
    empty = plot_scores([], None)
    try:
        assert "choose at least one" in empty.alt.lower()
    finally:
        empty.close()


def test_foip_verdicts_limited_bandwagoning_for_cambodia() -> None:
    verdicts = foip.foip_verdicts().set_index("actor")
    row = verdicts.loc["KHM"]
    assert row["label"] == "limited_bandwagoning"
    assert row["rule_ids"] == ("variant_split",)
    assert row["target"] == "JPN+USA"
    assert set(row["evidence_ids"]) == {"S20-13", "S20-14", "S20-15", "S20-16"}


def test_foip_verdicts_change_when_the_us_silence_is_removed() -> None:
    from smallstate._paths import dataset_path
    from smallstate.evidence import read_evidence

    ev = read_evidence(dataset_path("evidence_acts.csv"))
    without_silence = ev[~ev["act_id"].isin(["S20-14", "S20-15"])]
    row = foip.foip_verdicts(without_silence).set_index("actor").loc["KHM"]
    assert row["label"] != "limited_bandwagoning"
