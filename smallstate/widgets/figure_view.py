"""Show course figures in a widget: cached per selection, with alt text.

A widget that redraws a figure on every change spends most of its time in matplotlib. A
:class:`FigureView` keeps the PNG and the alt text of the last selections (least recently used
first out), so going back to a selection costs nothing. The figure is shown in an
``ipywidgets.HTML`` as ``<img alt="...">`` with the figure's own alt text, so screen readers
get a description that changes with the figure (``ipywidgets.Image`` has no alt attribute).

Examples
--------
>>> import ipywidgets
>>> from smallstate.plots import new_figure
>>> target = ipywidgets.HTML()
>>> view = FigureView(target)
>>> view.show("a", lambda: new_figure("A", alt="An empty plot named A."))
>>> 'alt="An empty plot named A."' in target.value, view.png[:4]
(True, b'\x89PNG')
>>> view.show("a", lambda: 1 / 0)  # cached: not drawn again
>>> view.misses
1
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from smallstate.plots.figure import CourseFigure

__all__ = ["FigureView", "SelectionCache"]


class SelectionCache:
    """A small least-recently-used cache of results per selection (``key -> value``).

    Examples
    --------
    >>> cache = SelectionCache(maxsize=2)
    >>> cache.get("a", lambda: 1), cache.get("b", lambda: 2), cache.get("a", lambda: 9)
    (1, 2, 1)
    >>> _ = cache.get("c", lambda: 3)  # evicts "b", the least recently used
    >>> cache.get("b", lambda: 20)
    20
    """

    def __init__(self, maxsize: int = 64) -> None:
        self.maxsize = maxsize
        self.misses = 0
        self._items: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value for ``key``, computing (and storing) it on a miss."""
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        self.misses += 1
        value = compute()
        self._items[key] = value
        if len(self._items) > self.maxsize:
            self._items.popitem(last=False)
        return value


class FigureView(SelectionCache):
    """Draw a :class:`~smallstate.plots.figure.CourseFigure` into an ``HTML`` widget.

    Parameters
    ----------
    target : ipywidgets.HTML
        The widget that shows the figure as ``<img alt="...">``.
    dpi : int
        Resolution of the PNG.
    maxsize : int
        How many selections to remember.
    close : bool
        Release each figure once rendered (``False`` for a widget that keeps one figure and
        updates its artists in place, which is cheaper than drawing a new one).

    Attributes
    ----------
    png : bytes
        The PNG shown now.
    alt : str
        Its alt text.
    """

    def __init__(
        self, target: Any, *, dpi: int = 100, maxsize: int = 64, close: bool = True
    ) -> None:
        super().__init__(maxsize)
        self.target = target
        self.dpi = dpi
        self.close = close
        self.png = b""
        self.alt = ""
        self.chart: CourseFigure | None = None

    def _render(self, draw: Callable[[], CourseFigure]) -> tuple[bytes, str, str]:
        figure = draw()
        png = figure.png(dpi=self.dpi, close=self.close)
        return png, figure.alt, figure.img_tag(png)

    def show(self, key: Hashable, draw: Callable[[], CourseFigure]) -> None:
        """Show the figure of selection ``key`` (drawn by ``draw()`` the first time only)."""
        self.png, self.alt, tag = self.get(key, lambda: self._render(draw))
        self.target.value = tag

    def show_kept(
        self,
        key: Hashable,
        draw: Callable[[], CourseFigure],
        update: Callable[[CourseFigure], CourseFigure],
    ) -> None:
        """Like :meth:`show`, on one kept chart: ``draw()`` makes it the first time, then
        ``update(chart)`` moves its artists for a new selection (cheaper than a new chart).

        Use with ``close=False``. Examples: the ThreatExplorer's bars, the TimelineExplorer's
        points.
        """

        def kept() -> CourseFigure:
            self.chart = draw() if self.chart is None else update(self.chart)
            return self.chart

        self.show(key, kept)
