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

    Examples
    --------
    >>> fig = plot_membership("ARF")
    >>> "ARF: AUS, CHN, JPN, KOR, RUS, USA." in fig.alt
    True
    >>> fig.close()
    """
    matrix = membership_matrix()
    names = matrix.apply(lambda r: ", ".join(p for p in POWERS if r[p]) or "none", axis=1)
    parts = [
        "Grid of ASEAN mechanisms (rows, in founding order) against great powers (columns); "
        "a filled cell means the power took part at the founding."
    ]
    parts += [f"{mid}: {who}." for mid, who in names.items()]
    if highlight is not None:
        mechanism(highlight)  # fails with the valid ids on an unknown one
        parts.append(f"Outlined: {highlight}.")
    fig = new_figure(
        "Which great powers each ASEAN mechanism engaged at its founding",
        alt=" ".join(parts),
        figsize=(6.5, 5.2),
        data=matrix,
    )
    import seaborn as sns
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Rectangle

    from smallstate.plots.palette import OKABE_ITO

    ax = fig.figure.axes[0]
    sns.heatmap(
        matrix,
        cmap=ListedColormap(["#FFFFFF", OKABE_ITO[3]]),
        vmin=0,
        vmax=1,
        cbar=False,
        linewidths=0.5,
        linecolor="#999999",
        ax=ax,
    )
    if highlight is not None:
        y = list(matrix.index).index(highlight)
        ax.add_patch(
            Rectangle((0, y), len(POWERS), 1, fill=False, edgecolor=OKABE_ITO[6], linewidth=3)
        )
    ax.set_xlabel("great power (filled = took part at the founding)")
    ax.set_ylabel("")
    ax.tick_params(axis="y", labelrotation=0)
    return fig
