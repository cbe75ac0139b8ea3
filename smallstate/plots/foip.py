"""Figures for the versions of the FOIP: the score heatmap and the money of the offers.

The scores and the offers are computed by :mod:`smallstate.analysis.foip`.

Examples
--------
>>> fig = plot_scores()
>>> fig.data.shape[0] > 0
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from smallstate.analysis.foip import (
    DIMENSION_LABELS,
    DIMENSIONS,
    MAX_SCORE,
    OFFER_IDS,
    offers_table,
    score_matrix,
    select_ids,
    version_ids,
)
from smallstate.plots.figure import CourseFigure, new_figure

if TYPE_CHECKING:  # pragma: no cover
    pass


__all__ = ["dollars", "plot_offers", "plot_scores"]


def plot_scores(
    version_list: Sequence[str] | None = None,
    dimensions: Sequence[str] | None = None,
    *,
    title: str = "The Indo-Pacific visions on the course's five scored dimensions",
) -> CourseFigure:
    """Heatmap of the 0-3 scores (versions x dimensions), annotated with the numbers.

    An empty choice draws an empty frame saying so. The alt text is written from the data.

    Examples
    --------
    >>> fig = plot_scores(["FOIP-US"], ["security_focus"])
    >>> fig.alt.endswith("FOIP-US: security focus 3.")
    True
    >>> fig.close()
    """
    rows = select_ids(version_list, version_ids(), "version id")
    cols = select_ids(dimensions, DIMENSIONS, "dimension")
    if not rows or not cols:
        fig = new_figure(
            title,
            alt="Empty heatmap: choose at least one version and one dimension.",
            figsize=(6.0, 2.0),
        )
        ax = fig.figure.axes[0]
        ax.set_axis_off()
        ax.text(
            0.5,
            0.5,
            "choose at least one version and one dimension",
            ha="center",
            va="center",
            transform=ax.transAxes,
        )
        return fig
    matrix = score_matrix(rows, cols)
    shown = matrix.rename(columns=DIMENSION_LABELS)
    parts = [
        "Heatmap of the course's 0-3 scores (0 = absent, 3 = central; course coding, not a "
        "measurement)."
    ]
    for vid, row in shown.iterrows():
        scores = ", ".join(f"{dim} {int(v)}" for dim, v in row.items())
        parts.append(f"{vid}: {scores}.")
    fig = new_figure(
        title,
        alt=" ".join(parts),
        figsize=(1.5 + 1.35 * len(cols), 1.4 + 0.55 * len(rows)),
        data=matrix,
    )
    import seaborn as sns
    from matplotlib.colors import LinearSegmentedColormap

    from smallstate.plots.palette import GREYS

    # a score is not a stance or a label: white to dark grey (palette.GREYS)
    cmap = LinearSegmentedColormap.from_list("course_greys", ["#FFFFFF", GREYS[1]], N=4)
    ax = fig.figure.axes[0]
    sns.heatmap(
        shown,
        vmin=-0.5,
        vmax=MAX_SCORE + 0.5,
        cmap=cmap,
        annot=True,
        fmt="d",
        linewidths=0.5,
        linecolor="#999999",
        cbar_kws={"ticks": list(range(MAX_SCORE + 1)), "label": "course score (0-3)"},
        ax=ax,
    )
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.tick_params(axis="x", labelrotation=20)
    ax.tick_params(axis="y", labelrotation=0)
    return fig


def dollars(value: float) -> str:
    """A sum in US dollars, short, for an axis tick (M million, B billion, T trillion).

    Examples
    --------
    >>> dollars(1e7), dollars(2.5e9), dollars(1e12), dollars(1e15), dollars(500)
    ('10M', '2.5B', '1T', '1000T', '500')
    """
    for size, letter in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if abs(value) >= size:
            return f"{value / size:g}{letter}"
    return f"{value:g}"


def plot_offers(ids: Sequence[str] = OFFER_IDS) -> CourseFigure:
    """The offers in USD as points on a **log scale**, labelled with the source's words.

    A log scale is needed because the sums differ by orders of magnitude: on a linear axis
    everything but the BRI pledge would be invisible. A log axis has no zero, so a bar drawn on
    it would start from an arbitrary baseline and its length would mean nothing: each figure is
    a point. A hollow point marks a figure whose meaning the source leaves ambiguous.

    Examples
    --------
    >>> fig = plot_offers(["F001", "F002"])
    >>> ax = fig.figure.axes[0]
    >>> ax.get_xscale(), len(ax.patches)
    ('log', 0)
    >>> fig.close()
    """
    table = offers_table(ids)
    labels = (table["entity"] + ": " + table["indicator"]).str.wrap(38)
    table = table.assign(label=labels)
    parts = [
        "Points on a logarithmic axis of US dollars, one per figure (no bars: a log axis has "
        "no zero to start them from); a hollow point marks a figure whose meaning the source "
        "leaves ambiguous."
    ]
    for row in table.itertuples(index=False):
        flag = " (meaning ambiguous in the source)" if row.ambiguous == "yes" else ""
        parts.append(f"{row.entity}, {row.indicator}: {row.as_stated}{flag}.")
    fig = new_figure(
        "The competing offers (Samath 2020), log scale",
        alt=" ".join(parts),
        figsize=(8.0, 1.9 + 0.7 * len(table)),
        data=table,
    )
    from matplotlib.lines import Line2D

    from smallstate.plots.palette import GREYS

    # the offerer is named on each row: one dark grey for all (a hue would mean a stance or
    # a label, as China's red once meant bandwagoning here too)
    colors = [GREYS[1]] * len(table)
    ax = fig.figure.axes[0]
    ax.set_xscale("log")
    values = table["value"].astype(float).tolist()
    low, high = min(values) / 3, max(values) * 3000  # room for the source's words
    middle = (low * high) ** 0.5  # the middle of the log axis
    stated = table["as_stated"].astype(str).tolist()
    ambiguous = (table["ambiguous"] == "yes").tolist()
    for i, (value, words, color, unclear) in enumerate(
        zip(values, stated, colors, ambiguous, strict=True)
    ):
        ax.plot(
            [value],
            [i],
            marker="o",
            markersize=10,
            markeredgewidth=2,
            markeredgecolor=color,
            markerfacecolor="#FFFFFF" if unclear else color,
            linestyle="none",
            zorder=3,
        )
        note = " (ambiguous)" if unclear else ""
        # the source's words on the side of the axis with room for them (right of a point in
        # the axis's left half, left of one in its right half), so none runs off the figure
        right = value <= middle
        ax.text(
            value * 1.5 if right else value / 1.5,
            i,
            words + note,
            va="center",
            ha="left" if right else "right",
            fontsize=9,
        )
    ax.set_yticks(list(range(len(table))), table["label"].tolist())
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.set_xlim(low, high)
    ax.legend(
        handles=[
            Line2D([], [], marker="o", ls="none", color=GREYS[1], markersize=9, label="as stated"),
            Line2D(
                [],
                [],
                marker="o",
                ls="none",
                color=GREYS[1],
                markerfacecolor="#FFFFFF",
                markeredgewidth=2,
                markersize=9,
                label="meaning ambiguous in the source",
            ),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.3),
        ncol=2,
        frameon=False,
    )
    from matplotlib.ticker import FuncFormatter, NullFormatter

    # M, B, T rather than powers of ten: readable for every learner (and no mathtext)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: dollars(value)))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel(
        "US dollars, log scale: each step is ten times the one before\n(M million, B billion, T trillion)"
    )
    ax.set_ylabel("")
    return fig
