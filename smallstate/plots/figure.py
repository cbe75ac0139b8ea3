"""Course figures: seaborn plots with a title, the course palette and alt text.

Every plotting function in the library returns a :class:`CourseFigure`. In a notebook it shows
as an HTML ``<img>`` of its PNG with its alt text (``text/html``, which JupyterLab and the course
site prefer; JupyterLab ignores the ``alt`` metadata of a plain ``image/png`` output), with the
PNG and a plain-text description (``text/plain``) beside it. nbval compares the description and
the HTML with the PNG data sanitized (``tests/nbval_sanitize.cfg``), not the pixels.

seaborn and matplotlib are imported inside the functions, never at import time.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["CourseFigure", "freeze_layout", "hatch_groups", "new_figure", "set_theme"]


@dataclass(frozen=True)
class CourseFigure:
    """A matplotlib figure with the title and alt text the course requires.

    Parameters
    ----------
    figure
        The matplotlib figure (drawn with the Agg backend).
    title
        The visible title, also the first line of the text description.
    alt
        Alt text: what the figure shows, in a sentence or two, for readers who cannot see it.
    data
        The tidy table the figure was drawn from (optional), so a test or a learner can
        check the plotted numbers.

    Examples
    --------
    >>> fig = new_figure("Acts by stance", alt="Bar chart of acts per stance.")
    >>> fig.title
    'Acts by stance'
    >>> fig.text().splitlines()[0]
    'Figure: Acts by stance'
    """

    figure: Figure
    title: str
    alt: str
    data: Any = field(default=None, compare=False)

    def text(self) -> str:
        """Plain-text stand-in for the figure: title and alt text."""
        return f"Figure: {self.title}\nAlt text: {self.alt}"

    def png(self, dpi: int = 100, *, close: bool = False, tight: bool = False) -> bytes:
        """Render the figure to PNG bytes; ``close=True`` releases it afterwards (widgets).

        The figure's constrained layout already keeps every label and legend inside it, so the
        margins are not trimmed unless ``tight=True``, which costs a second full draw. Without
        it the figure is drawn once on an Agg canvas (``savefig`` would draw it twice: once to
        lay it out, once to render) and the pixels are encoded with a fast zlib setting.
        """
        buffer = io.BytesIO()
        try:
            if tight:
                self.figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
            else:
                _draw_png(self.figure, dpi, buffer)
        finally:
            if close:
                self.close()
        return buffer.getvalue()

    def img_tag(self, png: bytes | None = None) -> str:
        """An HTML ``<img>`` of the PNG with the alt text (JupyterLab ignores ``alt`` metadata).

        Examples
        --------
        >>> fig = new_figure("Empty", alt='An "empty" plot.')
        >>> fig.img_tag(b"png").endswith('alt="An &quot;empty&quot; plot." style="max-width:100%;height:auto">')
        True
        """
        data = base64.b64encode(self.png() if png is None else png).decode("ascii")
        return (
            f'<img class="ss-figure" src="data:image/png;base64,{data}" '
            f'alt="{html.escape(self.alt)}" style="max-width:100%;height:auto">'
        )

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        png = self.png()
        # text/html first in JupyterLab and on the site: an <img> that carries the alt text.
        data = {"image/png": png, "text/html": self.img_tag(png), "text/plain": self.text()}
        metadata = {"image/png": {"alt": self.alt}}
        return data, metadata

    def __repr__(self) -> str:
        return self.text()

    def close(self) -> None:
        """Release the matplotlib figure (call when a widget redraws)."""
        import matplotlib.pyplot as plt

        plt.close(self.figure)


def _draw_png(figure: Figure, dpi: float, buffer: io.BytesIO) -> None:
    """Draw ``figure`` once at ``dpi`` on an Agg canvas and write it to ``buffer`` as PNG.

    ``Figure.draw`` runs the layout engine itself, so one draw both lays out and renders.
    zlib level 1 encodes several times faster than the default for a slightly larger file.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    saved = figure.dpi
    try:
        figure.set_dpi(dpi)
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        size = canvas.get_width_height(physical=True)
        pixels = Image.frombuffer("RGBA", size, canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        # matplotlib's imsave converts the pixels again first: twice as slow here
        pixels.save(buffer, format="png", compress_level=1, dpi=(dpi, dpi))
    finally:
        figure.set_dpi(saved)


def freeze_layout(figure: Figure) -> None:
    """Lay ``figure`` out once more, then keep that layout for every later draw.

    For a figure whose labels stay while its data artists change (a widget moving bars or
    points): each draw then skips the layout engine, about half the cost of a draw. Nothing
    happens when the layout is already frozen.

    Examples
    --------
    >>> fig = new_figure("Frozen", alt="An empty plot.")
    >>> freeze_layout(fig.figure)
    >>> fig.figure.get_layout_engine().__class__.__name__
    'PlaceHolderLayoutEngine'
    """
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    engine = figure.get_layout_engine()
    if engine is None or isinstance(engine, PlaceHolderLayoutEngine):
        return
    figure.draw_without_rendering()  # runs the layout engine on the figure as it is now
    figure.set_layout_engine("none")


def hatch_groups(ax: Any, n_groups: int) -> tuple[list[Any], list[str]]:
    """Hatch the bar groups of a grouped bar chart (one container per group) and its legend.

    Grey groups (see :data:`smallstate.plots.palette.GREYS`) then read without colour too.
    Returns the legend handles and names, hatched like the bars.

    Examples
    --------
    >>> fig = new_figure("Bars", alt="Two groups of bars.")
    >>> ax = fig.figure.axes[0]
    >>> _ = ax.bar([0, 1], [1, 2], label="a"); _ = ax.bar([0.4, 1.4], [2, 1], label="b")
    >>> handles, names = hatch_groups(ax, 2)
    >>> names, [bar.get_hatch() for bar in ax.containers[1]]
    (['a', 'b'], ['//', '//'])
    """
    from matplotlib.patches import Patch

    from smallstate.plots.palette import HATCHES

    hatches = [HATCHES[k % len(HATCHES)] for k in range(n_groups)]
    for container, hatch in zip(ax.containers, hatches, strict=False):
        for bar in container:
            bar.set_hatch(hatch)
    handles, names = ax.get_legend_handles_labels()
    for handle, hatch in zip(handles, hatches, strict=False):
        if isinstance(handle, Patch):
            handle.set_hatch(hatch)
    return handles, names


def set_theme() -> None:
    """Apply the course's seaborn theme and colour-blind-safe palette.

    Examples
    --------
    >>> set_theme()
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import seaborn as sns

    from smallstate.plots.palette import GREYS

    # a figure that names no colour draws in greys: the hues belong to stances and labels
    sns.set_theme(style="whitegrid", context="notebook", palette=list(GREYS[1:]))


def new_figure(
    title: str, alt: str, *, figsize: tuple[float, float] = (7.0, 4.0), data: Any = None
) -> CourseFigure:
    """Create an empty titled figure with one axes, themed for the course.

    The caller draws on ``result.figure.axes[0]``; the figure is detached from pyplot's state
    so that it is not shown twice in a notebook.

    Examples
    --------
    >>> fig = new_figure("Empty", alt="An empty plot.")
    >>> len(fig.figure.axes)
    1
    """
    if not title or not alt:
        raise ValueError("a course figure needs both a title and alt text")
    set_theme()
    from matplotlib.figure import Figure

    figure = Figure(figsize=figsize, layout="constrained")
    ax = figure.add_subplot()
    ax.set_title(title)
    return CourseFigure(figure=figure, title=title, alt=alt, data=data)
