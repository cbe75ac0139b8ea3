"""Views: figures drawn from the analyses, each with a title and alt text.

:mod:`~smallstate.plots.figure` holds :class:`CourseFigure` and :func:`new_figure`;
:mod:`~smallstate.plots.palette` the one palette; one module per family of figures
(``spectrum``, ``timeline``, ``projects``, ``foip``, ``asean``, ``threat``, ``lineage``,
``vote_measures``).
No computation lives here: each figure module draws what :mod:`smallstate.analysis` computes.
"""

from __future__ import annotations

from smallstate.plots.figure import (
    CourseFigure,
    new_figure,
    set_theme,
)
from smallstate.plots.palette import (
    DOMAIN_COLORS,
    LABEL_COLORS,
    LABEL_NAMES,
    OKABE_ITO,
    POWER_COLORS,
    POWER_MARKERS,
    STANCE_COLORS,
    colors_for,
    label_name,
)

__all__ = [
    "DOMAIN_COLORS",
    "LABEL_COLORS",
    "LABEL_NAMES",
    "OKABE_ITO",
    "POWER_COLORS",
    "POWER_MARKERS",
    "STANCE_COLORS",
    "CourseFigure",
    "colors_for",
    "label_name",
    "new_figure",
    "set_theme",
]
