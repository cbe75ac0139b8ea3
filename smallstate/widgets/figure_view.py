"""Show course figures in a widget's ``Image``: cached per selection, with alt text.

A widget that redraws a figure on every change spends most of its time in matplotlib. A
:class:`FigureView` keeps the PNG and the alt text of the last selections (least recently used
first out), so going back to a selection costs nothing. Every image gets its figure's alt text as its
accessible name (the ``title`` attribute, via the widget's ``tooltip``), so the name changes
with the figure.

Examples
--------
>>> import ipywidgets
>>> from smallstate.plots import new_figure
>>> image = ipywidgets.Image(format="png")
>>> view = FigureView(image)
>>> view.show("a", lambda: new_figure("A", alt="An empty plot named A."))
>>> image.tooltip
'An empty plot named A.'
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
    """Draw a :class:`~smallstate.plots.figure.CourseFigure` into an ``Image`` widget.

    Parameters
    ----------
    image : ipywidgets.Image
        The widget that shows the PNG.
    dpi : int
        Resolution of the PNG.
    maxsize : int
        How many selections to remember.
    """

    def __init__(self, image: Any, *, dpi: int = 100, maxsize: int = 64) -> None:
        super().__init__(maxsize)
        self.image = image
        self.dpi = dpi
        self.alt = ""

    def _render(self, draw: Callable[[], CourseFigure]) -> tuple[bytes, str]:
        figure = draw()
        return figure.png(dpi=self.dpi, close=True), figure.alt

    def show(self, key: Hashable, draw: Callable[[], CourseFigure]) -> None:
        """Show the figure of selection ``key`` (drawn by ``draw()`` the first time only)."""
        png, alt = self.get(key, lambda: self._render(draw))
        self.alt = alt
        self.image.value = png
        self.image.tooltip = alt
