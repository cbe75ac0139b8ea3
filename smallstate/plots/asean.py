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

from smallstate.analysis.asean import POWERS, mechanism, membership_matrix
from smallstate.plots.figure import CourseFigure, new_figure

if TYPE_CHECKING:  # pragma: no cover
    pass


__all__ = ["plot_membership"]


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
    import textwrap

    matrix = membership_matrix()
    names = matrix.apply(lambda r: ", ".join(p for p in POWERS if r[p]) or "none", axis=1)
    if highlight is not None:
        mechanism(highlight)  # fails with the valid ids on an unknown one
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
    shown = matrix.loc[drawn]
    shown.index = [textwrap.fill(mechanism(mid).name, 34, break_on_hyphens=False) for mid in drawn]
    fig = new_figure(
        "Which outside powers each ASEAN mechanism engaged at its founding",
        alt=" ".join(parts),
        figsize=(7.5, 1.6 + 0.55 * len(drawn)),
        data=matrix,
    )
    import seaborn as sns
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Rectangle

    from smallstate.plots.palette import OKABE_ITO

    ax = fig.figure.axes[0]
    sns.heatmap(
        shown,
        cmap=ListedColormap(["#FFFFFF", OKABE_ITO[3]]),
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
            Rectangle((0, y), len(POWERS), 1, fill=False, edgecolor=OKABE_ITO[6], linewidth=3)
        )
    ax.set_xlabel("outside power (filled = took part at the founding)")
    ax.set_ylabel("")
    ax.tick_params(axis="y", labelrotation=0)
    return fig
