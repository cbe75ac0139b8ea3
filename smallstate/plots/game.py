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

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from smallstate.plots.figure import CourseFigure, new_figure
from smallstate.plots.palette import LABEL_COLORS, OKABE_ITO, label_name

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["TrailChart", "plot_trail"]

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
    chart = TrailChart(case=case, turns=turns, title=title, figsize=figsize)
    return chart.update(trail, actual=actual)


@dataclass(frozen=True)
class _TrailFigure(CourseFigure):
    """A :class:`TrailChart`'s figure: its PNG drawn over the chart's kept background."""

    chart: Any = field(default=None, compare=False)

    def png(self, dpi: int = 100, *, close: bool = False, tight: bool = False) -> bytes:
        if tight or self.chart is None:
            return super().png(dpi, close=close, tight=tight)
        try:
            return bytes(self.chart.render(dpi))
        finally:
            if close:
                self.close()


class TrailChart:
    """One trail figure kept and updated in place: the game widget's chart.

    The axes, bands, ticks and labels are drawn once, into a kept background; :meth:`update`
    only moves the line, the points and the actual path and rebuilds the legend, and a PNG
    draws just those over the background (blitting), a fraction of a new figure's cost.
    ``TrailChart(...).update(trail)`` is :func:`plot_trail` (same arguments).

    Examples
    --------
    >>> import pandas as pd
    >>> chart = TrailChart(case="the Philippines and China", turns=3)
    >>> one = pd.DataFrame({"step": [1], "date": ["2012"], "label": ["hedging"],
    ...                     "position": [-0.5]})
    >>> fig = chart.update(one)
    >>> fig.figure is chart.update(one.iloc[:0]).figure
    True
    >>> chart.close()
    """

    def __init__(
        self,
        *,
        case: str = "",
        turns: int | None = None,
        title: str | None = None,
        figsize: tuple[float, float] = (7.0, 3.4),
    ) -> None:
        import numpy as np

        self.title = ""
        self.turns = turns
        base = new_figure("Your course on Kuik's spectrum", _SCALE, figsize=figsize)
        self.figure = base.figure
        ax = self.ax = base.figure.axes[0]
        ax.axhspan(-1.05, 0.0, color=LABEL_COLORS["balancing"], alpha=0.06, lw=0)
        ax.axhspan(0.0, 1.05, color=LABEL_COLORS["bandwagoning"], alpha=0.06, lw=0)
        ax.axhline(0.0, color="#999999", lw=1, ls="--")
        grey = "#666666"
        (self._actual,) = ax.plot(
            [], [], ls="--", color=grey, lw=1.5, marker="s", ms=6, mfc="white", mec=grey,
            label="the actual path", zorder=2,
        )  # fmt: skip
        (self._line,) = ax.plot([], [], color=OKABE_ITO[0], lw=1.5, zorder=3)
        self._points = ax.scatter(np.empty(0), np.empty(0), s=90, zorder=4, edgecolors=OKABE_ITO[0])
        ax.set_xlabel("turn")
        ax.set_ylim(-1.1, 1.1)
        ax.set_yticks([-1.0, 0.0, 1.0])
        ax.set_yticklabels(["-1\nrejection", "0", "+1\nacceptance"])
        ax.set_ylabel("Kuik's position (power)")
        self._last: int | None = None
        self._canvas: Any = None
        self._background: tuple[tuple[Any, ...], Any] | None = None
        self._legend: Any = None
        self.reset(case=case, turns=turns, title=title)
        # One draw instead of the constrained layout's two: fixed margins leave room for the
        # y tick labels on the left and the legend on the right.
        self.figure.set_layout_engine("none")
        ax.set_position((0.21, 0.16, 0.49, 0.72))

    def reset(self, *, case: str = "", turns: int | None = None, title: str | None = None) -> None:
        """Make the chart another case's (title, number of turns), as new (another scenario)."""
        if title is None:
            title = "Your course on Kuik's spectrum" + (f": {case}" if case else "")
        self.title = title
        self.turns = turns
        self.ax.set_title(title)
        self._last = None

    def update(self, trail: pd.DataFrame, *, actual: pd.DataFrame | None = None) -> CourseFigure:
        """Show this trail (and the actual path, or none); return the figure with its alt text."""
        import numpy as np
        import pandas as pd
        from matplotlib.lines import Line2D

        paths = [("you", "Your path", trail)]
        if actual is not None:
            paths.append(("actual", "The actual path", actual))
        alt = " ".join([_SCALE, *(_describe(name, table) for _, name, table in paths)])
        frames = [table.assign(path=key) for key, _, table in paths if not table.empty]
        data = pd.concat(frames, ignore_index=True) if frames else trail.assign(path="you")
        ax = self.ax
        handles: list[Any] = []
        shown = actual is not None and not actual.empty
        if actual is not None and shown:
            placed = actual.dropna(subset=["position"])
            self._actual.set_data(placed["step"].to_numpy(), placed["position"].to_numpy())
            handles.append(self._actual)
        self._actual.set_visible(shown)
        placed = trail.dropna(subset=["position"]) if not trail.empty else trail
        steps = placed["step"].to_numpy(dtype=float) if not placed.empty else np.empty(0)
        where = placed["position"].to_numpy(dtype=float) if not placed.empty else np.empty(0)
        labels = [str(label) for label in placed["label"]] if not placed.empty else []
        self._line.set_data(steps, where)
        self._points.set_offsets(np.column_stack([steps, where]))
        self._points.set_facecolor([LABEL_COLORS.get(label, "#999999") for label in labels])
        for label in dict.fromkeys(labels):
            colour = LABEL_COLORS.get(label, "#999999")
            handles.append(
                Line2D([], [], ls="", marker="o", ms=9, mec=OKABE_ITO[0], mfc=colour,
                       label=f"you: {label_name(label)}")
            )  # fmt: skip
        every = [int(step) for _, _, table in paths for step in table["step"]]
        last = self.turns or max([1, *every])
        if last != self._last:
            ax.set_xlim(0.5, last + 0.5)
            ax.set_xticks(range(1, last + 1))
            self._last = last
        old = ax.get_legend()
        if old is not None:
            old.remove()
        self._legend = None
        if handles:
            self._legend = ax.legend(
                handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
                fontsize="small",
            )  # fmt: skip
        return _TrailFigure(figure=self.figure, title=self.title, alt=alt, data=data, chart=self)

    def render(self, dpi: int = 100) -> bytes:
        """The chart as PNG: the kept background (drawn again only when the title, the turns
        or the resolution change), the moving artists drawn over it, encoded fast (zlib 1)."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from PIL import Image

        key = (dpi, self.title, self._last)
        moving = [a for a in (self._actual, self._line, self._points, self._legend) if a]
        shown = [a for a in moving if a.get_visible()]
        if self._background is None or self._background[0] != key:
            self.figure.set_dpi(dpi)
            self._canvas = FigureCanvasAgg(self.figure)
            for artist in shown:  # the background holds every artist but the moving ones
                artist.set_visible(False)
            try:
                self._canvas.draw()
            finally:
                for artist in shown:
                    artist.set_visible(True)
            self._background = (key, self._canvas.copy_from_bbox(self.figure.bbox))
        else:
            self._canvas.restore_region(self._background[1])
        for artist in shown:
            self.ax.draw_artist(artist)
        size = self._canvas.get_width_height(physical=True)
        pixels = Image.frombuffer("RGBA", size, self._canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buffer = io.BytesIO()
        pixels.save(buffer, format="png", compress_level=1, dpi=(dpi, dpi))
        return buffer.getvalue()

    def close(self) -> None:
        """Release the figure."""
        import matplotlib.pyplot as plt

        plt.close(self.figure)
