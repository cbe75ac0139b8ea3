"""A relationship as a timeline: dated acts drawn by domain and stance.

The acts are selected by :mod:`smallstate.analysis.timeline`; this module only draws them.

Examples
--------
>>> from smallstate.analysis.timeline import relation_acts
>>> fig = plot_timeline(relation_acts())
>>> fig.alt.startswith("Timeline")
True
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from smallstate.analysis.timeline import acts_table
from smallstate.evidence import STANCE_ORDER
from smallstate.evidence.schema import DOMAIN_ORDER
from smallstate.plots.figure import CourseFigure, freeze_layout, new_figure
from smallstate.plots.palette import STANCE_COLORS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = ["plot_timeline", "update_timeline"]

#: Marker per source key in the timeline; other sources cycle through the rest.
_MARKERS: Final[tuple[str, ...]] = ("o", "s", "D", "^", "v", "P", "X")


#: Marker label of the acts reported by sources that are not highlighted.
OTHER_SOURCES: Final[str] = "other sources"

#: Figure -> (layout table, offsets, face colours, marker paths) of all its points, kept for
#: :func:`update_timeline`; entries go when the figure does.
_FULL: weakref.WeakKeyDictionary[Any, tuple[Any, Any, Any, Any]] = weakref.WeakKeyDictionary()


def _layout(table: pd.DataFrame) -> pd.DataFrame:
    """Positions of the points: x = year plus month, y = domain row plus a stacking offset."""
    import pandas as pd

    month = pd.to_numeric(table["date"].str.slice(5, 7), errors="coerce").fillna(6)
    x = table["year"].astype(float) + (month - 0.5) / 12.0
    domains = [d for d in DOMAIN_ORDER if d in set(table["domain"])]
    domains += sorted(set(table["domain"]) - set(domains))
    row = table["domain"].map({d: i for i, d in enumerate(domains)}).astype(float)
    # Acts at the same date and domain are stacked vertically and centred on the row.
    group = [table["domain"], table["date"]]
    rank = table.groupby(group, sort=False).cumcount()
    size = table.groupby(group, sort=False)["act_id"].transform("size")
    step = (0.7 / size.clip(lower=1)).clip(upper=0.18)
    y = row + (rank - (size - 1) / 2.0) * step
    return table.assign(
        x=x.to_numpy(),
        y=y.to_numpy(),
        row=row.to_numpy(),
        domain=pd.Categorical(table["domain"], categories=domains),
    )


def _timeline_alt(table: pd.DataFrame) -> str:
    if table.empty:
        return "An empty timeline: no acts match the selection."
    first, last = int(table["year"].min()), int(table["year"].max())
    parts = [
        f"Timeline of {len(table)} acts from {first} to {last}, one row per domain, "
        "coloured by stance; the marker shows the reporting source."
    ]
    counts = table.groupby(["domain", "stance"], observed=True).size()
    for domain in [d for d in table["domain"].cat.categories]:
        if domain not in counts.index.get_level_values(0):
            continue
        per = counts.loc[domain]
        order = [s for s in STANCE_ORDER if s in per.index] + sorted(
            set(per.index) - set(STANCE_ORDER)
        )
        detail = ", ".join(f"{s} {int(per[s])}" for s in order)
        parts.append(f"{domain}: {int(per.sum())} ({detail}).")
    return " ".join(parts)


def plot_timeline(
    evidence: pd.DataFrame,
    *,
    highlight: Sequence[str] = ("leng2016", "samath2020"),
    title: str = "Acts over time by domain and stance",
    alt: str | None = None,
    figsize: tuple[float, float] = (9.5, 3.8),
) -> CourseFigure:
    """Draw each act at its date, in the row of its domain, coloured by its stance.

    Acts with a month are placed within their year; acts dated by year alone sit mid-year.
    Acts sharing a date and domain are stacked. The marker shape shows which of the
    ``highlight`` sources reports the act (all other sources share one marker), so two
    authors' readings can be told apart.

    Parameters
    ----------
    evidence
        An evidence table (``act_id``, ``date``, ``domain``, ``stance``, ``source``,
        ``locator``, ``counterpart``, ``intensity``, ``description``).
    highlight
        Source keys given their own marker (default: the two seed articles).
    title, alt, figsize
        Figure title, alt text (default: written from the counts) and size in inches.

    Returns
    -------
    CourseFigure
        ``data`` holds :func:`acts_table` with the plotted ``x`` and ``y``.

    Examples
    --------
    >>> import pandas as pd
    >>> acts = pd.DataFrame({"act_id": ["a", "b"], "date": ["2013", "2016-02"],
    ...     "domain": ["economic", "diplomatic"], "counterpart": ["BRI", "CHN"],
    ...     "stance": ["deference", "deference"], "intensity": [1, 1],
    ...     "description": ["x", "y"], "source": ["samath2020", "leng2016"],
    ...     "locator": ["para. 3", "para. 6"]})
    >>> fig = plot_timeline(acts)
    >>> print(fig.alt)  # doctest: +NORMALIZE_WHITESPACE
    Timeline of 2 acts from 2013 to 2016, one row per domain, coloured by stance; the marker
    shows the reporting source. diplomatic: 1 (deference 1). economic: 1 (deference 1).
    >>> fig.close()
    """
    from smallstate.concepts import cite

    table = _layout(acts_table(evidence))
    if alt is None:
        alt = _timeline_alt(table)
    fig = new_figure(title, alt, figsize=figsize, data=table)
    ax = fig.figure.axes[0]
    domains = list(table["domain"].cat.categories)
    if table.empty:
        ax.set_yticks([])
        ax.text(
            0.5,
            0.5,
            "no acts match the selection",
            ha="center",
            va="center",
            transform=ax.transAxes,
        )
        ax.set_xlabel("year")
        return fig

    import seaborn as sns

    stances = [s for s in STANCE_ORDER if s in set(table["stance"])]
    stances += sorted(set(table["stance"]) - set(stances))
    author = table["citation"].str.split(",").str[0]
    keys = set(evidence["source"].astype(str))
    named = [cite(k) for k in highlight if k in keys]
    table = table.assign(**{"reported by": author.where(author.isin(named), OTHER_SOURCES)})
    others = [OTHER_SOURCES] if table["reported by"].eq(OTHER_SOURCES).any() else []
    sources = [*named, *others]
    markers = {s: _MARKERS[i % len(_MARKERS)] for i, s in enumerate(sources)}
    points = sns.scatterplot(
        data=table,
        x="x",
        y="y",
        hue="stance",
        hue_order=stances,
        palette={s: STANCE_COLORS.get(s, "#999999") for s in stances},
        style="reported by",
        style_order=sources,
        markers=markers,
        s=70,
        edgecolor="#000000",
        linewidth=0.5,
        ax=ax,
        zorder=3,
    )
    for i in range(1, len(domains)):
        ax.axhline(i - 0.5, color="#dddddd", lw=0.8, zorder=1)
    ax.set_yticks(range(len(domains)))
    ax.set_yticklabels(domains)
    ax.set_ylim(len(domains) - 0.5, -0.5)
    _set_xlim(ax, int(table["year"].min()), int(table["year"].max()))
    scatter = points.collections[0]
    paths = scatter.get_paths()
    _FULL[fig.figure] = (
        fig.data,
        scatter.get_offsets().copy(),
        scatter.get_facecolors().copy(),
        list(paths) if len(paths) == len(table) else None,
    )
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    ax.set_xlabel("year")
    ax.set_ylabel("")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize="small")
    return fig


#: Text shown on a timeline whose selection keeps no act.
_EMPTY_TEXT: Final[str] = "no acts match the selection"


def _set_xlim(ax: Any, first: int, last: int) -> None:
    pad = max(1.0, (last - first) * 0.03)
    ax.set_xlim(first - pad, last + 1 + pad)


def update_timeline(
    chart: CourseFigure,
    evidence: pd.DataFrame,
    *,
    window: tuple[int, int] | None = None,
    title: str | None = None,
) -> CourseFigure:
    """The timeline of all acts (``chart``, from :func:`plot_timeline`) showing some of them.

    A widget that filters one relationship's acts draws the chart of all of them once, then
    calls this for each selection: the points outside ``evidence`` are hidden and the time
    axis is set to ``window`` (default: the years of the acts shown). Every domain row and
    legend entry of the whole relationship stays, so selections can be compared; nothing is
    laid out again (the labels do not change), which keeps a redraw cheap.

    Parameters
    ----------
    chart
        ``plot_timeline(all_acts)``.
    evidence
        The acts to show: a subset of the acts of ``chart`` (by ``act_id``).
    window
        ``(first_year, last_year)`` of the time axis.
    title
        A new title (default: keep it).

    Examples
    --------
    >>> from smallstate.analysis.timeline import filter_acts, relation_acts
    >>> acts = relation_acts()
    >>> chart = plot_timeline(acts)
    >>> shown = update_timeline(chart, filter_acts(acts, window=(2013, 2016)),
    ...                         window=(2013, 2016), title="Acts from 2013 to 2016")
    >>> shown.figure is chart.figure, shown.alt.startswith("Timeline of")
    (True, True)
    >>> len(shown.data) == len(filter_acts(acts, window=(2013, 2016)))
    True
    >>> shown.figure.axes[0].get_title()
    'Acts from 2013 to 2016'
    >>> shown.close()
    """
    from dataclasses import replace

    full = _FULL.get(chart.figure)
    if full is None:
        raise ValueError("update_timeline: pass a chart drawn by plot_timeline")
    table, offsets, colours, paths = full
    ids = set(evidence["act_id"].astype(str))
    unknown_ids = ids - set(table["act_id"].astype(str))
    if unknown_ids:
        raise ValueError(f"update_timeline: acts not in the chart: {sorted(unknown_ids)[:5]}")
    keep = table["act_id"].astype(str).isin(ids).to_numpy()
    ax = chart.figure.axes[0]
    points = ax.collections[0]
    points.set_offsets(offsets[keep])
    points.set_facecolor(colours[keep])
    if paths is not None:
        points.set_paths([path for path, k in zip(paths, keep, strict=True) if k])
    shown = table.loc[keep].reset_index(drop=True)
    empty = [t for t in ax.texts if t.get_gid() == _EMPTY_TEXT]
    for text in empty:
        text.set_visible(shown.empty)
    if not empty and shown.empty:
        ax.text(
            0.5, 0.5, _EMPTY_TEXT, ha="center", va="center", transform=ax.transAxes, gid=_EMPTY_TEXT
        )
    if window is None and not shown.empty:
        window = (int(shown["year"].min()), int(shown["year"].max()))
    if window is not None:
        _set_xlim(ax, int(window[0]), int(window[1]))
    if title is not None:
        ax.set_title(title)
    freeze_layout(chart.figure)  # the labels stay: lay out once, not on every draw
    return replace(chart, title=title or chart.title, alt=_timeline_alt(shown), data=shown)
