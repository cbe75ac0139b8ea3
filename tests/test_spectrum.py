"""Tests for smallstate.spectrum: the spectrum of verdicts and the acts-by-stance chart."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from smallstate.analysis.spectrum import case_names, spectrum_table
from smallstate.plots import LABEL_COLORS, STANCE_COLORS, CourseFigure
from smallstate.plots.spectrum import plot_acts, plot_spectrum


@pytest.fixture()
def verdicts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "actor": ["KHM", "KHM", "KHM"],
            "target": ["CHN", "JPN", "USA"],
            "scope": ["BRI", "FOIP", None],
            "period": ["all", "all", "2013-2016"],
            "label": ["bandwagoning_for_profit", "limited_bandwagoning", "insufficient_evidence"],
            "position": [0.8, 0.5, None],
        }
    )


def test_case_names_skip_all_and_missing(verdicts: pd.DataFrame) -> None:
    assert case_names(verdicts).tolist() == [
        "KHM-CHN, BRI",
        "KHM-JPN, FOIP",
        "KHM-USA, 2013-2016",
    ]


def test_case_names_needs_actor_and_target() -> None:
    with pytest.raises(KeyError, match="actor"):
        case_names(pd.DataFrame({"target": ["CHN"]}))


def test_spectrum_table_marks_unplaced(verdicts: pd.DataFrame) -> None:
    table = spectrum_table(verdicts)
    assert table["placed"].tolist() == [True, True, False]
    assert math.isnan(table.loc[2, "position"])


def test_spectrum_table_rejects_wrong_number_of_names(verdicts: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="2 names for 3"):
        spectrum_table(verdicts, names=["a", "b"])


def test_plot_spectrum_draws_only_placed_cases_in_label_colours(verdicts: pd.DataFrame) -> None:
    fig = plot_spectrum(verdicts)
    try:
        assert isinstance(fig, CourseFigure)
        ax = fig.figure.axes[0]
        points = ax.collections[0]
        assert len(points.get_offsets()) == 2
        xs = sorted(float(x) for x, _ in points.get_offsets())
        assert xs == [0.5, 0.8]
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert legend == ["bandwagoning for profit", "limited bandwagoning"]  # readable names
        handle_colours = {
            h.get_markerfacecolor()
            for h in ax.get_legend().legend_handles  # type: ignore[union-attr]
        }
        assert {c.lower() for c in handle_colours} == {
            LABEL_COLORS["bandwagoning_for_profit"].lower(),
            LABEL_COLORS["limited_bandwagoning"].lower(),
        }
        assert "KHM-USA, 2013-2016: insufficient evidence, not placed" in fig.alt
        assert fig.png().startswith(b"\x89PNG")
    finally:
        fig.close()


def test_plot_spectrum_empty_table_still_draws() -> None:
    fig = plot_spectrum(pd.DataFrame({"label": [], "position": []}), names=[])
    try:
        assert "No cases to place." in fig.alt
        assert fig.png().startswith(b"\x89PNG")
    finally:
        fig.close()


def test_plot_acts_counts_and_orders_stances() -> None:
    evidence = pd.DataFrame(
        {
            "stance": ["defiance", "deference", "deference", "binding", "deference"],
            "scope": ["all", "BRI", "BRI", "ASEAN", None],
        }
    )
    fig = plot_acts(evidence)
    try:
        records = fig.data.to_dict("records")
        assert records == [
            {"stance": "deference", "scope": "BRI", "acts": 2},
            {"stance": "deference", "scope": "all", "acts": 1},
            {"stance": "binding", "scope": "ASEAN", "acts": 1},
            {"stance": "defiance", "scope": "all", "acts": 1},
        ]
        assert fig.alt.startswith("Bar chart of 5 acts by stance, split by scope.")
        ax = fig.figure.axes[0]
        ticks = [t.get_text() for t in ax.get_xticklabels()]
        # every stance keeps its slot, so an empty one shows as empty
        assert ticks == ["deference", "binding", "abstention", "diversification", "defiance"]
        assert fig.alt.endswith(
            "No acts coded as abstention, diversification (their bars are empty)."
        )
        assert [t.get_text() for t in ax.texts] == ["0", "0"]
        # the split is drawn in greys with hatches, never in the stance colours
        from matplotlib.colors import to_hex

        fills = {to_hex(bar.get_facecolor()) for c in ax.containers for bar in c}
        assert not fills & {c.lower() for c in STANCE_COLORS.values()}
        hatches = [c[0].get_hatch() or "" for c in ax.containers]
        assert len(set(hatches)) == len(hatches) == 3
        legend = ax.get_legend()
        assert legend is not None
        assert [h.get_hatch() or "" for h in legend.legend_handles] == hatches  # type: ignore[union-attr]
    finally:
        fig.close()


def test_plot_acts_unknown_column() -> None:
    with pytest.raises(KeyError, match="domain"):
        plot_acts(pd.DataFrame({"stance": ["deference"]}), by="domain")


def test_plot_acts_refuses_to_split_stances_by_stance() -> None:
    # once a pandas "cannot insert stance, already exists"; now a message naming the choice
    with pytest.raises(ValueError, match=r"by='stance'.*choose another column"):
        plot_acts(pd.DataFrame({"stance": ["deference"]}), by="stance")
