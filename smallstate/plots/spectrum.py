"""Draw verdicts on the alignment spectrum and acts by stance.

Kuik (2008) pictures the choices of a smaller state as one line: at one end pure balancing
(power *rejection*), at the other pure bandwagoning (power *acceptance*), and hedging as the
ground in between. The ``kuik`` framework returns a ``position`` on that line, from -1 (power
rejection) to +1 (power acceptance). This module draws the cases on it
(:func:`smallstate.analysis.spectrum.spectrum_table`) and the evidence behind them (acts
counted by stance).

Every function returns a :class:`smallstate.plots.CourseFigure` with a title and an alt text
written from the data, so the description stays true when the data change. seaborn and
matplotlib are imported inside the functions.

Examples
--------
>>> import pandas as pd
>>> verdicts = pd.DataFrame({"actor": ["KHM"], "target": ["CHN"], "scope": ["all"],
...                          "period": ["all"], "label": ["hedging"], "position": [0.2]})
>>> fig = plot_spectrum(verdicts)
>>> fig.title
'Cases on the spectrum from power rejection to power acceptance'
>>> fig.data[["case", "position"]].to_dict("records")
[{'case': 'KHM-CHN', 'position': 0.2}]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from smallstate.analysis.spectrum import spectrum_table
from smallstate.evidence.schema import STANCE_ORDER
from smallstate.plots.figure import CourseFigure, hatch_groups, new_figure
from smallstate.plots.palette import (
    LABEL_COLORS,
    STANCE_COLORS,
    colors_for,
    greys_for,
    label_name,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.ticker import MaxNLocator


__all__ = ["plot_acts", "plot_spectrum", "update_spectrum"]


def plot_spectrum(
    verdicts: pd.DataFrame,
    *,
    names: Sequence[str] | None = None,
    title: str = "Cases on the spectrum from power rejection to power acceptance",
    alt: str | None = None,
    figsize: tuple[float, float] = (7.5, 3.2),
) -> CourseFigure:
    """Place each case at its position on Kuik's line from -1 to +1, coloured by its label.

    Parameters
    ----------
    verdicts
        Verdict rows with ``label`` and ``position`` (e.g. ``classify(ev, framework="kuik")``).
        Rows without a position are not drawn; the alt text lists them.
    names
        Optional display names for the rows (default: :func:`case_names`).
    title
        Figure title.
    alt
        Alt text; by default written from the data (each case, its label and position).
    figsize
        Figure size in inches.

    Returns
    -------
    CourseFigure
        ``data`` holds :func:`spectrum_table`.

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.DataFrame({"label": ["limited_bandwagoning", "hedging"],
    ...                   "position": [0.6, -0.1]})
    >>> fig = plot_spectrum(v, names=["Ruritania", "Freedonia"])
    >>> print(fig.alt)  # doctest: +NORMALIZE_WHITESPACE
    A line from -1 (power rejection, pure balancing) to +1 (power acceptance, pure
    bandwagoning). Ruritania: limited bandwagoning at +0.60. Freedonia: hedging at -0.10.
    >>> fig.close()
    """
    table = spectrum_table(verdicts, names)
    placed = table[table["placed"]].reset_index(drop=True)
    if alt is None:
        alt = _spectrum_alt(table)
    height = max(figsize[1], 1.6 + 0.45 * len(placed))
    fig = new_figure(title, alt, figsize=(figsize[0], height), data=table)
    ax = fig.figure.axes[0]

    import seaborn as sns

    ax.axvspan(-1.0, 0.0, color=LABEL_COLORS["balancing"], alpha=0.06, lw=0)
    ax.axvspan(0.0, 1.0, color=LABEL_COLORS["bandwagoning"], alpha=0.06, lw=0)
    ax.axvline(0.0, color="#999999", lw=1, ls="--")
    if not placed.empty:
        labels = list(dict.fromkeys(placed["label"]))
        names = [label_name(label) for label in labels]
        palette = dict(zip(names, colors_for(labels), strict=True))
        sns.scatterplot(
            data=placed.assign(label=[label_name(str(label)) for label in placed["label"]]),
            x="position",
            y="case",
            hue="label",
            hue_order=names,
            palette=palette,
            s=140,
            edgecolor="#000000",
            linewidth=1.0,  # a dark rim keeps light colours (yellow) visible on white
            ax=ax,
            zorder=3,
        )
        ax.legend(title="label", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xticks([-1.0, -0.5, 0.0, 0.5, 1.0])
    ax.set_xticklabels(
        [
            "-1\npower rejection\n(pure balancing)",
            "-0.5",
            "0",
            "+0.5",
            "+1\npower acceptance\n(pure bandwagoning)",
        ]
    )
    ax.set_xlabel("Kuik's position")
    ax.set_ylabel("")
    if placed.empty:
        ax.set_yticks([])
        ax.text(
            0.0,
            0.5,
            "no case has a position",
            ha="center",
            va="center",
            transform=ax.get_xaxis_transform(),
        )
    return fig


def _spectrum_alt(table: pd.DataFrame) -> str:
    parts = [
        "A line from -1 (power rejection, pure balancing) to +1 (power acceptance, "
        "pure bandwagoning)."
    ]
    for row in table.itertuples(index=False):
        case, label = str(row.case), label_name(str(row.label))
        if row.placed:
            parts.append(f"{case}: {label} at {row.position:+.2f}.")
        else:
            parts.append(f"{case}: {label}, not placed (no position).")
    if table.empty:
        parts.append("No cases to place.")
    return " ".join(parts)


def update_spectrum(
    chart: CourseFigure, verdicts: pd.DataFrame, *, names: Sequence[str] | None = None
) -> CourseFigure:
    """The chart of :func:`plot_spectrum` with its one case moved to a new verdict.

    A widget that follows one case (the StrategyBuilder's Ruritania) calls this on each
    change: when the chart and the new verdict both place one case, the point moves and takes
    its label's colour, and the legend entry is renamed, with no new artist created;
    otherwise the chart is drawn anew (same title).

    Examples
    --------
    >>> import pandas as pd
    >>> chart = plot_spectrum(pd.DataFrame({"label": ["hedging"], "position": [0.1]}),
    ...                       names=["Ruritania"])
    >>> moved = update_spectrum(chart, pd.DataFrame({"label": ["limited_bandwagoning"],
    ...                         "position": [0.6]}), names=["Ruritania"])
    >>> moved.figure is chart.figure, moved.alt.endswith("limited bandwagoning at +0.60.")
    (True, True)
    >>> [t.get_text() for t in moved.figure.axes[0].get_legend().get_texts()]
    ['limited bandwagoning']
    >>> moved.close()
    """
    from dataclasses import replace

    table = spectrum_table(verdicts, names)
    placed = table[table["placed"]].reset_index(drop=True)
    old = chart.data
    ax = chart.figure.axes[0]
    legend = ax.get_legend()
    same_frame = (
        old is not None
        and len(placed) == 1
        and int(old["placed"].sum()) == 1
        and list(old.loc[old["placed"], "case"]) == list(placed["case"])
        and legend is not None
        and len(legend.get_texts()) == 1
        and len(ax.collections) == 1
    )
    if not same_frame:
        return plot_spectrum(verdicts, names=names, title=chart.title)
    assert legend is not None  # checked above
    from matplotlib.lines import Line2D

    label = str(placed["label"].iloc[0])
    colour = colors_for([label])[0]
    point = ax.collections[0]
    point.set_offsets([[float(placed["position"].astype(float).iloc[0]), 0.0]])
    point.set_facecolor(colour)
    legend.get_texts()[0].set_text(label_name(label))
    handle = legend.legend_handles[0]
    if isinstance(handle, Line2D):  # seaborn's scatter legend: a marker on a line
        handle.set_markerfacecolor(colour)
    # not frozen: the legend's one label changes width, so the layout follows it
    return replace(chart, alt=_spectrum_alt(table), data=table)


def plot_acts(
    evidence: pd.DataFrame,
    *,
    by: str = "scope",
    title: str = "Acts by stance",
    alt: str | None = None,
    figsize: tuple[float, float] = (7.5, 4.0),
) -> CourseFigure:
    """Count the acts of an evidence table by stance, split by another column.

    Parameters
    ----------
    evidence
        An evidence table (see ``smallstate.evidence``) with a ``stance`` column.
    by
        The column that splits each bar (``"scope"``, ``"domain"``, ``"period"``...).
        Missing values count as ``"all"``.
    title
        Figure title.
    alt
        Alt text; by default written from the counts.
    figsize
        Figure size in inches.

    Returns
    -------
    CourseFigure
        ``data`` holds the counts (columns ``stance``, ``by``, ``acts``).

    Examples
    --------
    >>> import pandas as pd
    >>> ev = pd.DataFrame({"stance": ["deference", "deference", "diversification"],
    ...                    "scope": ["BRI", "BRI", None]})
    >>> fig = plot_acts(ev)
    >>> fig.data.to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'stance': 'deference', 'scope': 'BRI', 'acts': 2},
     {'stance': 'diversification', 'scope': 'all', 'acts': 1}]
    >>> print(fig.alt)  # doctest: +NORMALIZE_WHITESPACE
    Bar chart of 3 acts by stance, split by scope. deference: 2 (BRI 2). diversification: 1
    (all 1). No acts coded as binding, abstention, defiance (their bars are empty).
    >>> fig.close()

    Every stance of the codebook gets a slot on the axis, so an empty one (no defiance, say) is
    visible as such. The split is drawn in greys with hatches, never in the stance colours, so
    a colour keeps one meaning across the course.
    """
    import pandas as pd

    from smallstate.evidence.selection import case_part

    for column in ("stance", by):
        if column not in evidence.columns:
            raise KeyError(f"plot_acts: the evidence table has no column {column!r}")
    if by == "stance":
        raise ValueError(
            "plot_acts: by='stance' would split each stance's bar by itself; the bars already "
            "count stances, so choose another column ('scope', 'domain', 'period', ...)"
        )
    frame = pd.DataFrame(
        {
            "stance": evidence["stance"].astype(str).to_numpy(),
            by: case_part(evidence, by).to_numpy(),
        }
    )
    counts = frame.groupby(["stance", by], sort=False).size().rename("acts").reset_index()
    other = sorted(set(counts["stance"]) - set(STANCE_ORDER))
    order = [*STANCE_ORDER, *other]  # empty stances keep their slot: an absence is a finding
    empty = [s for s in STANCE_ORDER if s not in set(counts["stance"])]
    counts["stance"] = pd.Categorical(counts["stance"], categories=order, ordered=True)
    counts = counts.sort_values(["stance", by]).reset_index(drop=True)
    counts["stance"] = counts["stance"].astype(str)
    counts["acts"] = counts["acts"].astype(int)
    if alt is None:
        total = int(counts["acts"].sum())
        parts = [f"Bar chart of {total} acts by stance, split by {by}."]
        for stance, group in counts.groupby("stance", sort=False):
            detail = ", ".join(f"{g} {n}" for g, n in zip(group[by], group["acts"], strict=True))
            parts.append(f"{stance}: {int(group['acts'].sum())} ({detail}).")
        if empty:
            parts.append(f"No acts coded as {', '.join(empty)} (their bars are empty).")
        alt = " ".join(parts)
    fig = new_figure(title, alt, figsize=figsize, data=counts)
    ax = fig.figure.axes[0]

    import seaborn as sns

    groups = list(dict.fromkeys(counts[by]))
    if by == "stance":
        fallback = colors_for(groups)
        palette = {s: STANCE_COLORS.get(s, c) for s, c in zip(groups, fallback, strict=True)}
    else:
        # The split (scope, domain, period...) must not borrow the stance colours the x axis
        # already means: greys, told apart by hatches as well.
        palette = dict(zip(groups, greys_for(len(groups)), strict=True))
    if not counts.empty:
        sns.barplot(
            data=counts,
            x="stance",
            y="acts",
            hue=by,
            order=order,
            hue_order=groups,
            palette=palette,
            edgecolor="#000000",
            linewidth=0.5,
            ax=ax,
        )
        if by != "stance":
            handles, names = hatch_groups(ax, len(groups))
        else:
            handles, names = ax.get_legend_handles_labels()
        ax.legend(
            handles, names, title=by, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False
        )
    else:
        ax.set_xticks(range(len(order)))
        ax.set_xticklabels(order)
    for position, stance in enumerate(order):
        if stance in empty:
            ax.annotate("0", (position, 0), xytext=(0, 3), textcoords="offset points",
                        ha="center", va="bottom", color="#555555")  # fmt: skip
    ax.set_xlabel("stance of the act towards the target")
    ax.set_ylabel("number of acts")
    # The count axis keeps matplotlib's default AutoLocator, a MaxNLocator (which takes
    # ``integer``); the stubs type get_major_locator() as the base Locator.
    cast("MaxNLocator", ax.yaxis.get_major_locator()).set_params(integer=True)
    return fig
