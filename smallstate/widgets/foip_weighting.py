"""FoipWeighting: which Indo-Pacific vision would a small state back, given its priorities?

One slider per scored dimension sets how much the small state cares about it (0-5). The result
names the version with the highest weighted score (weight x course score, summed), shows every
version's score, the dimension that decides between the two best, and ties
(:func:`smallstate.analysis.foip.back`). The scores are the course's coding, not measurements.

Following the widget contract (``docs/ARCHITECTURE.md``), the result goes into an ``HTML``
widget, never an ``Output`` widget:

==================================  ==========================================
class                               control
==================================  ==========================================
``ss-foipw-security-focus``         IntSlider: weight on security focus (0-5)
``ss-foipw-economic-focus``         IntSlider: weight on economic focus
``ss-foipw-inclusiveness``          IntSlider: weight on inclusiveness
``ss-foipw-asean-centrality``       IntSlider: weight on ASEAN centrality
``ss-foipw-infrastructure-finance`` IntSlider: weight on infrastructure finance
``ss-foipw-result``                 HTML: the winner, the scores and the reasons
==================================  ==========================================

(The class is ``ss-foipw-`` plus the dimension id with ``_`` written as ``-``.)

Examples
--------
>>> from smallstate.widgets.foip_weighting import FoipWeighting
>>> weighting = FoipWeighting()
>>> weighting.result_obj.winners
('FOIP-JP',)
>>> for slider in weighting.sliders.values():
...     slider.value = 0
>>> weighting.sliders["security_focus"].value = 5
>>> weighting.result_obj.winners
('FOIP-US',)
>>> 'data-winner="FOIP-US"' in weighting.result.value
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from smallstate.analysis.foip import (
    DIMENSION_LABELS,
    DIMENSIONS,
    WeightingResult,
    back,
    select_ids,
)
from smallstate.widgets.base import CourseWidget
from smallstate.widgets.render import render_weighting

__all__ = ["DEFAULT_WEIGHTS", "FoipWeighting"]

#: Starting weights: every dimension counts equally.
DEFAULT_WEIGHTS: Final[dict[str, int]] = {d: 1 for d in DIMENSIONS}


class FoipWeighting(CourseWidget):
    """Sliders for the weights and a panel naming the version a small state would back.

    Parameters
    ----------
    weights
        Starting weights (dimension id -> 0-5); missing dimensions start at 1.

    Attributes
    ----------
    sliders : dict
        Dimension id -> ``IntSlider``.
    result : ipywidgets.HTML
        The winner, the weighted scores and the explanation.
    result_obj : WeightingResult
        The latest outcome of :func:`smallstate.analysis.foip.back`.
    widget : ipywidgets.VBox
        The root widget.
    """

    def __init__(self, weights: Mapping[str, int] | None = None) -> None:
        import ipywidgets as w

        start = {**DEFAULT_WEIGHTS, **(weights or {})}
        select_ids(list(start), DIMENSIONS, "dimension")
        self.sliders: dict[str, w.IntSlider] = {}
        for d in DIMENSIONS:
            slider = w.IntSlider(
                value=int(start[d]),
                min=0,
                max=5,
                step=1,
                description=DIMENSION_LABELS[d],
                continuous_update=False,
                style={"description_width": "170px"},
                layout=w.Layout(width="380px"),
            )
            slider.add_class("ss-foipw-" + d.replace("_", "-"))
            slider.observe(self._update, names="value")
            self.sliders[d] = slider
        self.result = w.HTML()
        self.result.add_class("ss-foipw-result")
        heading = w.HTML("<b>How much does the small state care about each dimension?</b>")
        self.widget = w.VBox([heading, *self.sliders.values(), self.result])
        self.widget.add_class("ss-foipw")
        self.result_obj: WeightingResult
        self._update()

    def _update(self, change: Any = None) -> None:
        self.result_obj = back({d: s.value for d, s in self.sliders.items()})
        self.result.value = render_weighting(self.result_obj)
