"""One country's UN voting alignment with great powers over time, under three measures.

The table is :func:`smallstate.analysis.vote_measures.measures`: one panel per measure
(agreement, S, kappa), one line per partner in the partner's grey and marker
(:data:`smallstate.plots.palette.POWER_COLORS`, :data:`~smallstate.plots.palette.POWER_MARKERS`), and in the agreement panel the agreement chance
alone would give, dashed, in the same colour.

Examples
--------
>>> fig = plot_vote_measures("Cambodia", ["China", "United States"])
>>> fig.title
"Cambodia's UN votes with China and United States, 1990-2019, three measures"
>>> "1994" in fig.alt
True
>>> fig.close()
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from smallstate.analysis.vote_measures import (
    MEASURE_NAMES,
    MEASURES,
    measure_disagreements,
    measures,
)

if TYPE_CHECKING:  # pragma: no cover
    from smallstate.plots.figure import CourseFigure

__all__ = ["plot_vote_measures"]

_LIMITS = {"agreement": (0.0, 1.0), "s_score": (-1.0, 1.0), "kappa": (-1.0, 1.0)}


def _alt(country: str, partners: Sequence[str], table: object) -> str:
    import pandas as pd

    assert isinstance(table, pd.DataFrame)
    parts = []
    for measure in MEASURES:
        rows = table[table["measure"] == measure].dropna(subset=["value"])
        ranges = []
        for partner in partners:
            values = rows.loc[rows["partner"] == partner, "value"]
            if len(values):
                ranges.append(f"{partner} {values.min():.2f} to {values.max():.2f}")
        parts.append(f"{MEASURE_NAMES[measure]}: " + ", ".join(ranges))
    flips = measure_disagreements(table)["year"].tolist()
    years = ", ".join(str(y) for y in flips) if flips else "none"
    return (
        f"Three line charts, one per measure, of {country}'s yearly alignment in UN General "
        f"Assembly votes with {' and '.join(partners)}, {int(table['year'].min())}-"
        f"{int(table['year'].max())} (years without shared votes left blank). Ranges: "
        + "; ".join(parts)
        + f". Years in which the measures disagree about the closest partner: {years}."
    )


def plot_vote_measures(
    country: str = "Cambodia",
    partners: Sequence[str] = ("China", "United States"),
    *,
    years: tuple[int, int] = (1990, 2019),
    figsize: tuple[float, float] = (11.0, 4.3),
) -> CourseFigure:
    """Three panels, agreement, S and kappa per year, one line per partner.

    Parameters
    ----------
    country, partners
        Names as in the ``unga_agreement`` table.
    years
        Inclusive years; by default 1990-2019 (the table has a single roll call for 2020).
    figsize
        Figure size in inches.

    Examples
    --------
    >>> fig = plot_vote_measures("Cambodia", ["China", "Japan"])
    >>> [ax.get_title() for ax in fig.figure.axes][:1]
    ['agreement (share of identical votes)']
    >>> fig.close()
    """
    from smallstate.plots.figure import new_figure
    from smallstate.plots.palette import OKABE_ITO, POWER_COLORS, POWER_MARKERS, colors_for

    partners = list(partners)
    table = measures(country, partners, years=years)
    span = f"{years[0]}-{years[1]}"
    title = f"{country}'s UN votes with {' and '.join(partners)}, {span}, three measures"
    fig = new_figure(title, _alt(country, partners, table), figsize=figsize, data=table)
    figure = fig.figure
    figure.clear()
    axes = figure.subplots(1, len(MEASURES), sharex=True)
    figure.suptitle(title)
    colours = [POWER_COLORS.get(p) or colors_for([p])[0] for p in partners]
    for ax, measure in zip(axes, MEASURES, strict=True):
        rows = table[table["measure"] == measure]
        for partner, colour in zip(partners, colours, strict=True):
            mine = rows[rows["partner"] == partner]
            marker = POWER_MARKERS.get(partner, "o")
            ax.plot(mine["year"], mine["value"], color=colour, marker=marker, ms=3, label=partner)
            if measure == "agreement":
                ax.plot(
                    mine["year"],
                    mine["chance"],
                    color=colour,
                    linestyle="--",
                    linewidth=1,
                    label=f"{partner}: chance agreement",
                )
        if measure != "agreement":
            ax.axhline(0, color=OKABE_ITO[0], linewidth=0.8)
        ax.set_ylim(*_LIMITS[measure])
        ax.set_title(MEASURE_NAMES[measure], fontsize=10)
        ax.set_xlabel("year")
    axes[0].set_ylabel("value")
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside lower center", ncol=4, fontsize=8)
    return fig
