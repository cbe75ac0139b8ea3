"""Where the course's concepts come from, drawn against the years of the sources citing them.

The table is :func:`smallstate.analysis.lineage.concept_sources`.

Examples
--------
>>> fig = concept_timeline(["balance_of_threat", "bandwagoning_for_profit"])
>>> sorted(fig.data["concept"].unique())
['balance_of_threat', 'bandwagoning_for_profit']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from smallstate.analysis.lineage import REALIST_CONCEPTS, concept_sources

if TYPE_CHECKING:  # pragma: no cover
    from smallstate.plots.figure import CourseFigure


__all__ = ["concept_timeline"]


def concept_timeline(
    concepts: Sequence[str] = REALIST_CONCEPTS, *, figsize: tuple[float, float] = (7.5, 4.2)
) -> CourseFigure:
    """Dot chart: each concept (rows) against the publication years of the sources citing it.

    Seed articles and the scholarly literature get different greys and markers (the hues
    belong to stances and labels), so the chart reads without colour as well.

    Examples
    --------
    >>> fig = concept_timeline(["balance_of_threat", "bandwagoning_for_profit"])
    >>> fig.title
    'Where the concepts come from: sources by year'
    >>> fig.data["year"].tolist()
    [1985, 1987, 1994, 2016]
    >>> fig.close()
    """
    import seaborn as sns

    from smallstate.concepts import cite
    from smallstate.plots.figure import new_figure
    from smallstate.plots.palette import GREYS

    table = concept_sources(concepts)
    first = table.groupby("concept", sort=False)["year"].min()
    seeds = table[table["role"] == "seed article"]
    firsts = {str(concept): int(year) for concept, year in first.items()}
    alt = (
        f"Dot chart of {len(first)} concepts against the years of the sources that define or "
        f"use them. Earliest source per concept: "
        + "; ".join(
            f"{table.loc[table['concept'] == c, 'name'].iloc[0]} {y}" for c, y in first.items()
        )
        + ". "
        + (
            f"The registry lists the seed articles as using {seeds['concept'].nunique()} of "
            f"them ({'; '.join(cite(k) for k in sorted(set(seeds['key'])))}), "
            + "years after the first source: "
            + "; ".join(
                f"{table.loc[table['concept'] == c, 'name'].iloc[0]} {int(y) - firsts[str(c)]}"
                for c, y in seeds.groupby("concept", sort=False)["year"].min().items()
            )
            + "."
            if len(seeds)
            else "The registry lists neither seed article for them."
        )
    )
    fig = new_figure(
        "Where the concepts come from: sources by year", alt, figsize=figsize, data=table
    )
    ax = fig.figure.axes[0]
    sns.scatterplot(
        data=table,
        x="year",
        y="name",
        hue="role",
        style="role",
        hue_order=["scholarly literature", "seed article"],
        style_order=["scholarly literature", "seed article"],
        markers={"scholarly literature": "o", "seed article": "D"},
        palette={"scholarly literature": GREYS[0], "seed article": GREYS[3]},
        s=80,
        ax=ax,
    )
    # The lag a seed article took up each concept after its first source: the line runs from
    # the first source to the seed's use, labelled with the number of years.
    for _concept, group in table.groupby("concept", sort=False):
        used = group[group["role"] == "seed article"]
        if used.empty:
            continue
        first_year, seed_year = int(group["year"].min()), int(used["year"].min())
        name = str(group["name"].iloc[0])
        ax.plot([first_year, seed_year], [name, name], color="#777777", lw=1.2, ls="--", zorder=0)
        ax.annotate(
            f"{seed_year - first_year} years",
            ((first_year + seed_year) / 2, name),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=8,
            color="#555555",
        )
    ax.set_xlabel("year of the source")
    ax.set_ylabel("")
    ax.legend(title=None, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize="small")
    return fig
