"""The projects named in the sources, by funder and instrument, as a figure.

The counts come from :func:`smallstate.analysis.projects.project_counts`.

Examples
--------
>>> fig = plot_projects()
>>> "funder" in fig.data.columns
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smallstate.analysis.projects import FUNDER_NAMES, INSTRUMENTS, project_counts
from smallstate.plots.figure import CourseFigure, hatch_groups, new_figure
from smallstate.plots.palette import GREYS, greys_for

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = ["plot_projects"]


def plot_projects(
    projects: pd.DataFrame | None = None,
    *,
    components: bool = False,
    title: str = "Projects named in the sources, by funder and instrument",
    alt: str | None = None,
    figsize: tuple[float, float] = (7.5, 3.6),
) -> CourseFigure:
    """Bar chart of the projects by funder, one bar per financing instrument.

    Parameters
    ----------
    projects, components
        As in :func:`project_counts`.
    title, alt, figsize
        Figure title, alt text (default: written from the counts) and size in inches.

    Returns
    -------
    CourseFigure
        ``data`` holds :func:`project_counts`.

    Examples
    --------
    >>> fig = plot_projects()
    >>> fig.alt.split(".")[0]
    'Bar chart of 11 projects by funder and financing instrument'
    >>> fig.close()
    """
    counts = project_counts(projects, components=components)
    if alt is None:
        total = int(counts["projects"].sum())
        parts = [f"Bar chart of {total} projects by funder and financing instrument."]
        for funder, group in counts.groupby("funder", sort=False):
            detail = ", ".join(
                f"{inst} {n}"
                for inst, n in zip(group["instrument"], group["projects"], strict=True)
            )
            context = int(group["by_context"].sum())
            extra = f"; {context} listed under it by context only" if context else ""
            name = FUNDER_NAMES.get(str(funder), str(funder))
            parts.append(f"{name}: {int(group['projects'].sum())} ({detail}{extra}).")
        alt = " ".join(parts)
    plotted = counts.assign(funder=counts["funder"].map(FUNDER_NAMES).fillna(counts["funder"]))
    fig = new_figure(title, alt, figsize=figsize, data=counts)
    ax = fig.figure.axes[0]
    if counts.empty:
        ax.text(0.5, 0.5, "no projects", ha="center", va="center", transform=ax.transAxes)
        return fig

    import seaborn as sns

    instruments = [i for i in INSTRUMENTS if i in set(counts["instrument"])]
    instruments += sorted(set(counts["instrument"]) - set(instruments))
    # instruments are not stances or labels: greys told apart by hatches (palette.GREYS)
    palette = dict(zip(instruments, greys_for(len(instruments)), strict=True))
    if "unknown" in palette:
        palette["unknown"] = GREYS[4]
    sns.barplot(
        data=plotted,
        x="funder",
        y="projects",
        hue="instrument",
        hue_order=instruments,
        palette=palette,
        edgecolor="#000000",
        linewidth=0.5,
        ax=ax,
    )
    ax.set_xlabel("funder named by the source")
    ax.set_ylabel("number of projects")
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    handles, names = hatch_groups(ax, len(instruments))
    ax.legend(
        handles,
        names,
        title="instrument",
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        frameon=False,
    )
    return fig
