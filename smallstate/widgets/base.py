"""What every course widget shares: notebook display delegated to its ipywidgets root.

A course widget is a plain class that builds its controls in ``__init__`` and keeps the
ipywidgets root in ``.widget`` (see the widget contract in ``docs/ARCHITECTURE.md``). Subclassing
:class:`CourseWidget` makes the object itself display as that root in a notebook.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CourseWidget"]


class CourseWidget:
    """Mixin: display ``self.widget`` when the object is the value of a notebook cell.

    Examples
    --------
    >>> class Box(CourseWidget):
    ...     def __init__(self):
    ...         import ipywidgets
    ...         self.widget = ipywidgets.HTML("hello")
    >>> data = Box()._repr_mimebundle_()
    >>> "application/vnd.jupyter.widget-view+json" in data
    True
    """

    widget: Any

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)
