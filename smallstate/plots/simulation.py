"""A class's decision-game runs as one figure: final verdicts by framework, pivotal choices.

Draws what :func:`smallstate.simulation.collect.collect_runs` computes.

Examples
--------
>>> import tempfile, pathlib
>>> from smallstate.simulation import Game, collect_runs, save_run
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = save_run(Game.replay("cambodia-2010-2025", ["a"] * 12), folder / "a.json")
>>> fig = plot_collected(collect_runs(folder, frameworks=["kuik", "samath"]))
>>> fig.alt.split(".")[0]
'Two bar charts of 1 decision-game run'
>>> fig.close()
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smallstate.plots.figure import CourseFigure, new_figure
from smallstate.plots.palette import LABEL_COLORS, LABEL_NAMES, colors_for, label_name

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from smallstate.simulation.collect import CollectedRuns


__all__ = ["plot_collected", "verdict_counts"]


def _short(framework: str) -> str:
    from smallstate.frameworks import get_framework

    return get_framework(framework).name.split(":")[0]


def verdict_counts(collected: CollectedRuns) -> pd.DataFrame:
    """Runs per framework and final label (long table: framework, label, runs).

    Examples
    --------
    >>> import pandas as pd
    >>> from smallstate.simulation.collect import CollectedRuns
    >>> runs = pd.DataFrame({"kuik": ["hedging", "hedging", "neutrality"]})
    >>> c = CollectedRuns(runs, pd.DataFrame(), pd.DataFrame(), ("kuik",))
    >>> verdict_counts(c).values.tolist()
    [['kuik', 'hedging', 2], ['kuik', 'neutrality', 1]]
    """
    import pandas as pd

    rows = []
    order = list(LABEL_NAMES)
    for fid in collected.frameworks:
        counts = collected.runs[fid].astype(str).value_counts()
        labels = sorted(counts.index, key=lambda x: (order.index(x) if x in order else 99, x))
        rows += [{"framework": fid, "label": lab, "runs": int(counts[lab])} for lab in labels]
    return pd.DataFrame(rows, columns=["framework", "label", "runs"])


def plot_collected(
    collected: CollectedRuns,
    *,
    top: int = 8,
    title: str = "A class's runs: final verdicts and pivotal choices",
    alt: str | None = None,
    figsize: tuple[float, float] = (11.0, 5.2),
) -> CourseFigure:
    """Two bar charts: each framework's final labels over the runs; the most pivotal choices.

    Parameters
    ----------
    collected
        The pooled runs (:func:`smallstate.simulation.collect.collect_runs`).
    top
        How many of the most frequent pivotal choices to draw.
    title, alt, figsize
        Figure title, alt text (default: written from the counts) and size in inches.

    Returns
    -------
    CourseFigure
        ``data`` holds :func:`verdict_counts`.
    """
    counts = verdict_counts(collected)
    pivotal = collected.pivotal.head(top)
    n = len(collected.runs)
    if alt is None:
        parts = [
            f"Two bar charts of {n} decision-game run{'s' if n != 1 else ''}. Left, the final "
            "verdict of each framework, as numbers of runs:"
        ]
        for fid, group in counts.groupby("framework", sort=False):
            detail = ", ".join(
                f"{label_name(lab)} {r}"
                for lab, r in zip(group["label"], group["runs"], strict=True)
            )
            parts.append(f"{_short(str(fid))}: {detail}.")
        if len(pivotal):
            parts.append(
                "Right, the choices most often pivotal (runs where changing it flips a verdict):"
            )
            parts += [
                f"turn {t}, option {c}, for {_short(f)}: {r};"
                for t, c, f, r in zip(
                    pivotal["turn"],
                    pivotal["chosen"],
                    pivotal["framework"],
                    pivotal["runs"],
                    strict=True,
                )
            ]
        else:
            parts.append("Right: no single choice flips a verdict in these runs.")
        alt = " ".join(parts).rstrip(";") + "."
    fig = new_figure(title, alt, figsize=figsize, data=counts)
    figure = fig.figure
    left = figure.axes[0]
    grid = figure.add_gridspec(1, 2, width_ratios=[3, 2])
    left.set_subplotspec(grid[0])
    right = figure.add_subplot(grid[1])
    left.set_title("Final verdict by framework (runs)")
    figure.suptitle(title)

    names = [_short(f) for f in collected.frameworks]
    bottoms = dict.fromkeys(collected.frameworks, 0)
    drawn: set[str] = set()
    for label in [lab for lab in LABEL_COLORS if lab in set(counts["label"])] + sorted(
        set(counts["label"]) - set(LABEL_COLORS)
    ):
        part = counts.loc[counts["label"] == label]
        widths = [int(part.loc[part["framework"] == f, "runs"].sum()) for f in collected.frameworks]
        starts = [bottoms[f] for f in collected.frameworks]
        left.barh(
            names,
            widths,
            left=starts,
            color=colors_for([label])[0],
            edgecolor="#000000",
            linewidth=0.5,
            label=label_name(label) if label not in drawn else None,
        )
        drawn.add(label)
        for f, w in zip(collected.frameworks, widths, strict=True):
            bottoms[f] += w
    left.invert_yaxis()
    left.set_xlabel("number of runs")
    if n == 0:
        left.text(0.5, 0.5, "no runs", ha="center", va="center", transform=left.transAxes)
    else:
        left.legend(
            title="final verdict",
            loc="upper center",
            bbox_to_anchor=(0.5, -0.16),
            ncol=3,
            fontsize="small",
            frameon=False,
        )
    from matplotlib.ticker import MaxNLocator

    left.xaxis.set_major_locator(MaxNLocator(integer=True))

    right.set_title("Most often pivotal choices (runs)")
    if len(pivotal):
        ticks = [
            f"{t} ({c}), {_short(f)}"
            for t, c, f in zip(
                pivotal["turn"], pivotal["chosen"], pivotal["framework"], strict=True
            )
        ]
        right.barh(
            ticks, pivotal["runs"].astype(int), color="#999999", edgecolor="#000000", linewidth=0.5
        )
        right.invert_yaxis()
        right.tick_params(axis="y", labelsize="small")
        right.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        right.text(
            0.5, 0.5, "no pivotal choice", ha="center", va="center", transform=right.transAxes
        )
        right.set_yticks([])
    right.set_xlabel("number of runs")
    return fig
