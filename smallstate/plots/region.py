"""Draw every state's position on Kuik's spectrum, period by period (lesson 08).

One row per state, the line from -1 (power rejection, pure balancing) to +1 (power acceptance,
pure bandwagoning) across; each of the state's periods is a point, joined in time order by a
grey arrow so a period change shows as a move along the line. Colour means the label (from
:data:`smallstate.plots.palette.LABEL_COLORS`), the marker's shape means the period's place in
the state's sequence (first, second, third), and each point is annotated with its years, so no
meaning rests on colour alone. The positions come from
:func:`smallstate.analysis.region.spectrum_positions`.

Examples
--------
>>> import pandas as pd
>>> p = pd.DataFrame({"state": ["Laos", "Laos"], "period": ["2011-2015", "2016-2020"],
...                   "label": ["hedging", "hedging"], "position": [0.8, 0.16]})
>>> fig = plot_region_spectrum(p, target="CHN")
>>> fig.title
"Each state's position towards China on Kuik's spectrum, by period"
>>> "Laos: 2011-2015 hedging at +0.80, then 2016-2020 hedging at +0.16." in fig.alt
True
>>> fig.close()
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING

from smallstate.plots.figure import CourseFigure, new_figure
from smallstate.plots.palette import LABEL_COLORS, label_name

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["PERIOD_MARKERS", "plot_region_spectrum"]

#: Marker of a state's first, second, third ... period.
PERIOD_MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v")
_ORDINALS = ("first", "second", "third", "fourth", "fifth")
_POWER_NAMES = {"CHN": "China", "USA": "the United States"}


def _alt(table: pd.DataFrame, power: str) -> str:
    parts = [
        f"For each state, its position towards {power} on a line from -1 (power rejection, "
        "pure balancing) to +1 (power acceptance, pure bandwagoning), one point per period."
    ]
    for state, rows in table.groupby("state", sort=True):
        steps = []
        for row in rows.to_dict("records"):
            label = label_name(str(row["label"]))
            position = float(row["position"])
            if math.isnan(position):
                steps.append(f"{row['period']} {label}, not placed")
            else:
                steps.append(f"{row['period']} {label} at {position:+.2f}")
        parts.append(f"{state}: " + ", then ".join(steps) + ".")
    if table.empty:
        parts.append("No state to place.")
    return " ".join(parts)


def plot_region_spectrum(
    positions: pd.DataFrame,
    *,
    target: str = "CHN",
    title: str | None = None,
    alt: str | None = None,
) -> CourseFigure:
    """Draw each state's Kuik position by period, with the moves between periods.

    Parameters
    ----------
    positions
        Rows with ``state``, ``period``, ``label`` and ``position`` (as returned by
        :func:`smallstate.analysis.region.spectrum_positions`). Rows without a position are
        named in the alt text but not drawn.
    target
        The power the positions face (``"CHN"`` or ``"USA"``), named in the title.
    title, alt
        Override the title and the alt text (both are written from the data by default).

    Returns
    -------
    CourseFigure
        ``data`` holds the rows drawn, ordered by state and period.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"state": ["Vietnam"], "period": ["2021-2025"],
    ...                   "label": ["hedging"], "position": [float("nan")]})
    >>> fig = plot_region_spectrum(p)
    >>> "2021-2025 hedging, not placed" in fig.alt
    True
    >>> fig.close()
    """
    table = positions.sort_values(["state", "period"]).reset_index(drop=True)
    power = _POWER_NAMES.get(target, target)
    if title is None:
        title = f"Each state's position towards {power} on Kuik's spectrum, by period"
    if alt is None:
        alt = _alt(table, power)
    states = sorted(set(table["state"].astype(str)), reverse=True)
    height = 1.8 + 0.55 * len(states)
    fig = new_figure(title, alt, figsize=(8.0, height), data=table)
    ax = fig.figure.axes[0]
    ax.axvspan(-1.0, 0.0, color=LABEL_COLORS["balancing"], alpha=0.06, lw=0)
    ax.axvspan(0.0, 1.0, color=LABEL_COLORS["bandwagoning"], alpha=0.06, lw=0)
    ax.axvline(0.0, color="#999999", lw=1, ls="--")
    seen_labels: dict[str, str] = {}
    seen_orders: set[int] = set()
    for y, state in enumerate(states):
        rows = table.loc[table["state"].astype(str).eq(state)]
        placed = rows.loc[rows["position"].notna()]
        xs = placed["position"].astype(float).tolist()
        for x0, x1 in itertools.pairwise(xs):
            ax.annotate(
                "",
                xy=(x1, y),
                xytext=(x0, y),
                arrowprops={"arrowstyle": "->", "color": "#777777", "lw": 1.2},
                zorder=2,
            )
        for order, row in enumerate(rows.to_dict("records")):
            position = float(row["position"])
            if math.isnan(position):
                continue
            label = str(row["label"])
            marker = PERIOD_MARKERS[min(order, len(PERIOD_MARKERS) - 1)]
            ax.scatter(
                [position],
                [y],
                s=110,
                marker=marker,
                color=LABEL_COLORS.get(label, "#999999"),
                edgecolor="#000000",
                linewidth=1.0,
                zorder=3,
            )
            offset = 0.28 if order % 2 == 0 else -0.36
            ax.text(position, y + offset, str(row["period"]), ha="center", fontsize=7)
            seen_labels[label] = LABEL_COLORS.get(label, "#999999")
            seen_orders.add(min(order, len(PERIOD_MARKERS) - 1))
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], marker="o", ls="", color=colour, markeredgecolor="#000000",
               label=f"label: {label_name(label)}")
        for label, colour in seen_labels.items()
    ]  # fmt: skip
    handles += [
        Line2D([], [], marker=PERIOD_MARKERS[i], ls="", color="#bbbbbb",
               markeredgecolor="#000000", label=f"{_ORDINALS[i]} period")
        for i in sorted(seen_orders)
    ]  # fmt: skip
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.set_yticks(range(len(states)))
    ax.set_yticklabels(states)
    ax.set_ylim(-0.7, len(states) - 0.3)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xticks([-1.0, -0.5, 0.0, 0.5, 1.0])
    ax.set_xticklabels(["-1\npower rejection", "-0.5", "0", "+0.5", "+1\npower acceptance"])
    ax.set_xlabel("Kuik's position")
    return fig
