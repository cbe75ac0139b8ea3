"""Draw a decision game's trail: Kuik's position of the run after each turn.

The foreign-minister game (:mod:`smallstate.simulation`) classifies the player's record after
every turn. This module draws the trail of those positions on Kuik's line from -1 (power
rejection, pure balancing) to +1 (power acceptance, pure bandwagoning), one point per turn,
coloured by Kuik's label; at the debrief it can draw the state's actual path beside it.
A turn whose record has no position (no act bearing on the power yet) is left out of the line
and named in the alt text.

seaborn and matplotlib are imported inside the function (through
:func:`smallstate.plots.new_figure`).

Examples
--------
>>> import pandas as pd
>>> trail = pd.DataFrame({"step": [1, 2], "date": ["2012-04", "2013-01-22"],
...                       "label": ["hedging", "balancing"], "position": [-0.8, -1.0]})
>>> fig = plot_trail(trail, case="the Philippines and China")
>>> fig.title
"Your course on Kuik's spectrum: the Philippines and China"
>>> print(fig.alt)  # doctest: +NORMALIZE_WHITESPACE
Kuik's position after each turn, on a scale from -1 (power rejection, pure balancing) to +1
(power acceptance, pure bandwagoning). Your path: turn 1 (2012-04) hedging at -0.80; turn 2
(2013-01-22) balancing at -1.00.
>>> fig.close()
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smallstate.plots.figure import CourseFigure, new_figure
from smallstate.plots.palette import LABEL_COLORS, OKABE_ITO, label_name

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["plot_trail"]

_SCALE = (
    "Kuik's position after each turn, on a scale from -1 (power rejection, pure balancing) to +1 "
    "(power acceptance, pure bandwagoning)."
)


def _describe(name: str, trail: pd.DataFrame) -> str:
    import pandas as pd

    parts = []
    for row in trail.to_dict("records"):
        where = f"turn {int(row['step'])} ({row['date']}) {label_name(str(row['label']))}"
        position = row["position"]
        if position is None or pd.isna(position):
            parts.append(f"{where}, not placed")
        else:
            parts.append(f"{where} at {float(position):+.2f}")
    if not parts:
        return f"{name}: no turn played yet."
    return f"{name}: " + "; ".join(parts) + "."


def plot_trail(
    trail: pd.DataFrame,
    *,
    actual: pd.DataFrame | None = None,
    case: str = "",
    turns: int | None = None,
    title: str | None = None,
    figsize: tuple[float, float] = (7.0, 3.4),
) -> CourseFigure:
    """Draw the player's positions turn by turn, and optionally the actual path.

    Parameters
    ----------
    trail
        One row per played turn: ``step`` (1-based), ``date``, ``label`` (Kuik's label id) and
        ``position`` (NaN when not placed), as :meth:`smallstate.simulation.Game.trail` gives.
    actual
        The same columns for the state's actual choices (drawn dashed, in grey), or None.
    case
        Readable name of the case, for the title (e.g. "Cambodia and China").
    turns
        Number of turns of the scenario (fixes the x axis while a game is under way).
    title
        Figure title (default: "Your course on Kuik's spectrum" and the case).
    figsize
        Figure size in inches.

    Returns
    -------
    CourseFigure
        ``data`` holds the rows drawn, with a column ``path`` ("you" or "actual").

    Examples
    --------
    >>> import pandas as pd
    >>> empty = pd.DataFrame(columns=["step", "date", "label", "position"])
    >>> fig = plot_trail(empty, turns=3)
    >>> fig.alt.endswith("Your path: no turn played yet.")
    True
    >>> fig.close()
    """
    import pandas as pd

    if title is None:
        title = "Your course on Kuik's spectrum" + (f": {case}" if case else "")
    paths = [("you", "Your path", trail)]
    if actual is not None:
        paths.append(("actual", "The actual path", actual))
    alt = " ".join([_SCALE, *(_describe(name, table) for _, name, table in paths)])
    frames = [table.assign(path=key) for key, _, table in paths if not table.empty]
    data = pd.concat(frames, ignore_index=True) if frames else trail.assign(path="you")
    fig = new_figure(title, alt, figsize=figsize, data=data)
    ax = fig.figure.axes[0]
    ax.axhspan(-1.05, 0.0, color=LABEL_COLORS["balancing"], alpha=0.06, lw=0)
    ax.axhspan(0.0, 1.05, color=LABEL_COLORS["bandwagoning"], alpha=0.06, lw=0)
    ax.axhline(0.0, color="#999999", lw=1, ls="--")
    grey = "#666666"
    handles = []
    if actual is not None and not actual.empty:
        placed = actual.dropna(subset=["position"])
        handles += ax.plot(
            placed["step"], placed["position"], ls="--", color=grey, lw=1.5, marker="s",
            ms=6, mfc="white", mec=grey, label="the actual path", zorder=2,
        )  # fmt: skip
    placed = trail.dropna(subset=["position"]) if not trail.empty else trail
    if not placed.empty:
        ax.plot(placed["step"], placed["position"], color=OKABE_ITO[0], lw=1.5, zorder=3)
        labels = [str(label) for label in placed["label"]]
        ax.scatter(
            placed["step"], placed["position"], s=90, zorder=4, edgecolor=OKABE_ITO[0],
            c=[LABEL_COLORS.get(label, "#999999") for label in labels],
        )  # fmt: skip
        from matplotlib.lines import Line2D

        handles += [
            Line2D(
                [],
                [],
                ls="",
                marker="o",
                ms=9,
                mec=OKABE_ITO[0],
                mfc=LABEL_COLORS.get(label, "#999999"),
                label=f"you: {label_name(label)}",
            )
            for label in dict.fromkeys(labels)
        ]
    steps = [int(step) for _, _, table in paths for step in table["step"]]
    last = turns or max([1, *steps])
    ax.set_xlim(0.5, last + 0.5)
    ax.set_xticks(range(1, last + 1))
    ax.set_xlabel("turn")
    ax.set_ylim(-1.1, 1.1)
    ax.set_yticks([-1.0, 0.0, 1.0])
    ax.set_yticklabels(["-1\nrejection", "0", "+1\nacceptance"])
    ax.set_ylabel("Kuik's position (power)")
    if handles:
        ax.legend(
            handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
            fontsize="small",
        )  # fmt: skip
    # One draw instead of the constrained layout's two: fixed margins leave room for the
    # y tick labels on the left and the legend on the right.
    fig.figure.set_layout_engine("none")
    ax.set_position((0.17, 0.16, 0.53, 0.72))
    return fig
