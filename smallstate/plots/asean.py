"""The membership matrix of ASEAN's mechanisms against the outside powers, as a figure.

The matrix itself is computed by :func:`smallstate.analysis.asean.membership_matrix`.

Examples
--------
>>> fig = plot_membership(highlight="ARF")
>>> fig.title.startswith("Which")
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smallstate.analysis.asean import POWERS, mechanisms, membership_matrix
from smallstate.errors import unknown
from smallstate.plots.figure import CourseFigure, freeze_layout, new_figure

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = ["plot_membership", "update_membership"]


def plot_membership(highlight: str | None = None) -> CourseFigure:
    """Heatmap of :func:`membership_matrix`, optionally outlining one mechanism's row.

    Rows are the mechanisms that engaged at least one outside power at their founding, under
    their names (the alt text lists the others); the highlighted mechanism is always drawn.
    The columns are the outside powers of the table: not all of them are great powers
    (Australia, India and South Korea are not), so the figure calls them outside powers.

    Examples
    --------
    >>> fig = plot_membership("ARF")
    >>> "ARF: AUS, CHN, JPN, KOR, RUS, USA." in fig.alt
    True
    >>> [t.get_text() for t in fig.figure.axes[0].get_yticklabels()][:2]
    ['ASEAN Regional Forum', 'ASEAN Plus Three']
    >>> fig.close()
    """
    matrix = membership_matrix()
    drawn, alt = _drawn_and_alt(matrix, highlight)
    shown = matrix.loc[drawn]
    labels = _row_labels()
    shown.index = [labels[mid] for mid in drawn]
    fig = new_figure(
        "Which outside powers each ASEAN mechanism engaged at its founding",
        alt=alt,
        figsize=(7.5, 1.6 + 0.55 * len(drawn)),
        data=matrix,
    )
    import seaborn as sns
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Rectangle

    from smallstate.plots.palette import GREYS

    ax = fig.figure.axes[0]
    sns.heatmap(
        shown,
        cmap=ListedColormap(["#FFFFFF", GREYS[2]]),  # membership is not a stance: grey
        vmin=0,
        vmax=1,
        cbar=False,
        linewidths=0.5,
        linecolor="#999999",
        ax=ax,
    )
    if highlight is not None:
        y = drawn.index(highlight)
        ax.add_patch(
            Rectangle(
                (0, y),
                len(POWERS),
                1,
                fill=False,
                edgecolor=GREYS[0],
                linewidth=3,
                gid=_OUTLINE,
            )
        )
    ax.set_xlabel("outside power (filled = took part at the founding)")
    ax.set_ylabel("")
    ax.tick_params(axis="y", labelrotation=0)
    return fig


_OUTLINE = "ss-membership-outline"


def _drawn_and_alt(matrix: pd.DataFrame, highlight: str | None) -> tuple[list[str], str]:
    """The mechanisms drawn as rows (in order) and the alt text, for one highlight."""
    names = matrix.apply(lambda r: ", ".join(p for p in POWERS if r[p]) or "none", axis=1)
    if highlight is not None and highlight not in matrix.index:
        raise unknown("mechanism", highlight, list(matrix.index))
    drawn = [mid for mid in matrix.index if names[mid] != "none" or mid == highlight]
    left_out = [mid for mid in matrix.index if mid not in drawn]
    parts = [
        "Grid of the ASEAN mechanisms that engaged outside powers at their founding (rows, in "
        "founding order) against the outside powers (columns); a filled cell means the power "
        "took part at the founding."
    ]
    parts += [f"{mid}: {who}." for mid, who in names.items()]
    if left_out:
        parts.append(f"Not drawn (no outside power at the founding): {', '.join(left_out)}.")
    if highlight is not None:
        parts.append(f"Outlined: {highlight}.")
    return drawn, " ".join(parts)


def _row_labels() -> dict[str, str]:
    """Mechanism id -> its name wrapped for a row label."""
    import textwrap

    names = mechanisms()["name"].astype(str)
    return {
        str(mid): textwrap.fill(name, 34, break_on_hyphens=False) for mid, name in names.items()
    }


def update_membership(chart: CourseFigure, highlight: str) -> CourseFigure:
    """The chart of :func:`plot_membership` with another mechanism outlined.

    When the new mechanism is one of the rows already drawn, only the outline moves (nothing
    is laid out or created again, which is what a widget needs); otherwise, a new chart is
    drawn (the mechanism gets its own row).

    Examples
    --------
    >>> chart = plot_membership("ARF")
    >>> moved = update_membership(chart, "APT")
    >>> moved.figure is chart.figure, moved.alt.endswith("Outlined: APT.")
    (True, True)
    >>> moved.close()
    """
    from dataclasses import replace

    matrix = chart.data
    drawn, alt = _drawn_and_alt(matrix, highlight)
    ax = chart.figure.axes[0]
    from matplotlib.patches import Rectangle

    outline = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_gid() == _OUTLINE]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    labels = _row_labels()
    if len(outline) != 1 or rows != [labels[mid] for mid in drawn]:
        return plot_membership(highlight)
    outline[0].set_y(drawn.index(highlight))
    freeze_layout(chart.figure)  # the labels stay: lay out once, not on every draw
    return replace(chart, alt=alt)
