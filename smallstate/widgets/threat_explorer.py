"""ThreatExplorer: move the sources of threat of two powers and see what Walt and Schweller predict.

Sliders set Walt's four sources of threat (aggregate power, proximity, offensive capability,
aggressive intentions) for two great powers, and the small state's expected gains from joining
the stronger one; a checkbox says whether an ally is available. The result panel shows the
prediction of each theory with its reason (from :func:`smallstate.analysis.threat.predict`), and a bar
chart shows the threat components of both powers.

Following the widget contract (``docs/ARCHITECTURE.md``), results go into an ``HTML`` and an
``Image`` widget, never into an ``Output`` widget, and every control carries a CSS class
``ss-threat-<part>``:

========================  =============================================
class                     control
========================  =============================================
``ss-threat-a-power``     IntSlider: aggregate power of power A (0-10)
``ss-threat-a-proximity`` IntSlider: proximity of power A
``ss-threat-a-offensive`` IntSlider: offensive capability of power A
``ss-threat-a-intentions`` IntSlider: aggressive intentions of power A
``ss-threat-b-...``       the same four for power B
``ss-threat-gains``       IntSlider: expected gains from joining the stronger power
``ss-threat-ally``        Checkbox: an ally is available
``ss-threat-result``      HTML: both predictions and their reasons
``ss-threat-plot``        HTML: PNG bar chart of the threat components, as an img with alt text
========================  =============================================

Examples
--------
>>> from smallstate.widgets.threat_explorer import ThreatExplorer
>>> explorer = ThreatExplorer()
>>> explorer.prediction.walt.label
'balancing'
>>> explorer.sliders["a"]["intentions"].value = 0
>>> explorer.prediction.walt.label
'neutrality'
>>> "neutrality" in explorer.result.value
True
"""

from __future__ import annotations

import html
from typing import Any, Final

from smallstate.analysis.threat import Power, ThreatPrediction, predict
from smallstate.plots.palette import label_name
from smallstate.plots.threat import threat_chart, update_threat_chart
from smallstate.widgets.base import CourseWidget
from smallstate.widgets.figure_view import FigureView

__all__ = ["ThreatExplorer"]

#: Slider part name -> (Power attribute, slider label).
PARTS: Final[dict[str, tuple[str, str]]] = {
    "power": ("aggregate_power", "Aggregate power"),
    "proximity": ("proximity", "Proximity"),
    "offensive": ("offensive_capability", "Offensive capability"),
    "intentions": ("aggressive_intentions", "Aggressive intentions"),
}

#: Starting values: a near, hostile power A and a stronger, distant power B.
DEFAULT_A: Final[tuple[int, int, int, int]] = (7, 8, 6, 7)
DEFAULT_B: Final[tuple[int, int, int, int]] = (9, 2, 7, 3)


class ThreatExplorer(CourseWidget):
    """Two great powers, four sources of threat each, and two realist predictions.

    Parameters
    ----------
    name_a, name_b
        Names of the two powers shown in the panel and the chart.
    a, b
        Starting values (aggregate power, proximity, offensive capability, aggressive
        intentions), each an integer 0-10.
    expected_gains
        Starting value of the expected-gains slider (0-10).
    ally_available
        Starting value of the ally checkbox.
    plot
        Draw the bar chart (set ``False`` for a text-only panel, e.g. in fast tests).

    Attributes
    ----------
    sliders : dict
        ``sliders["a"]["intentions"]`` etc.: the eight ``IntSlider`` controls.
    gains : ipywidgets.IntSlider
        Expected gains from joining the stronger power.
    ally : ipywidgets.Checkbox
        Whether an ally is available.
    result : ipywidgets.HTML
        The predictions and reasons.
    plot : ipywidgets.HTML
        The PNG bar chart.
    prediction : ThreatPrediction
        The latest prediction (updated on every change).
    widget : ipywidgets.VBox
        The root widget.
    """

    def __init__(
        self,
        name_a: str = "Power A",
        name_b: str = "Power B",
        *,
        a: tuple[int, int, int, int] = DEFAULT_A,
        b: tuple[int, int, int, int] = DEFAULT_B,
        expected_gains: int = 4,
        ally_available: bool = True,
        plot: bool = True,
    ) -> None:
        import ipywidgets as w

        if name_a == name_b:
            raise ValueError("the two powers need different names")
        self.names = {"a": name_a, "b": name_b}
        self._draw = plot
        self.sliders: dict[str, dict[str, w.IntSlider]] = {}
        columns = []
        for key, start in (("a", a), ("b", b)):
            if len(start) != len(PARTS):
                raise ValueError(f"{key} needs {len(PARTS)} starting values, got {len(start)}")
            row: dict[str, w.IntSlider] = {}
            for (part, (_attr, label)), value in zip(PARTS.items(), start, strict=True):
                slider = w.IntSlider(
                    value=value,
                    min=0,
                    max=10,
                    step=1,
                    description=label,
                    continuous_update=False,
                    style={"description_width": "150px"},
                    layout=w.Layout(width="340px"),
                )
                slider.add_class(f"ss-threat-{key}-{part}")
                row[part] = slider
            self.sliders[key] = row
            heading = w.HTML(f"<b>{html.escape(self.names[key])}</b>")
            heading.add_class(f"ss-threat-{key}-name")
            columns.append(w.VBox([heading, *row.values()]))
        self.gains = w.IntSlider(
            value=expected_gains,
            min=0,
            max=10,
            step=1,
            description="Expected gains",
            continuous_update=False,
            style={"description_width": "150px"},
            layout=w.Layout(width="340px"),
        )
        self.gains.add_class("ss-threat-gains")
        self.ally = w.Checkbox(value=ally_available, description="An ally is available")
        self.ally.add_class("ss-threat-ally")
        self.result = w.HTML()
        self.result.add_class("ss-threat-result")
        self.plot = w.HTML(layout=w.Layout(max_width="640px"))
        self.plot.add_class("ss-threat-plot")
        note = w.HTML(
            "<small>Expected gains: what the small state expects from joining the "
            "<i>stronger</i> power (higher aggregate power). A teaching model, not Walt's or "
            "Schweller's own: see <code>smallstate.analysis.threat</code> for the rules.</small>"
        )
        self.widget = w.VBox(
            [
                w.HBox(columns),
                w.HBox([self.gains, self.ally]),
                note,
                self.result,
                self.plot,
            ]
        )
        self.widget.add_class("ss-threat")
        for control in [*self.sliders["a"].values(), *self.sliders["b"].values()]:
            control.observe(self._update, names="value")
        self.gains.observe(self._update, names="value")
        self.ally.observe(self._update, names="value")
        self.prediction: ThreatPrediction
        # one chart, its bars moved on each change (cheaper than drawing a new chart)
        self.figures = FigureView(self.plot, dpi=80, close=False)
        self._update()

    def power(self, key: str) -> Power:
        """The :class:`~smallstate.analysis.threat.Power` currently set for ``"a"`` or ``"b"``."""
        values = {attr: self.sliders[key][part].value for part, (attr, _) in PARTS.items()}
        return Power(self.names[key], **values)

    def _update(self, change: Any = None) -> None:
        self.prediction = predict(
            self.power("a"),
            self.power("b"),
            self.gains.value,
            ally_available=self.ally.value,
        )
        self.result.value = render(self.prediction)
        if self._draw:
            prediction = self.prediction
            self.figures.show_kept(
                prediction,
                lambda: threat_chart(prediction),
                lambda chart: update_threat_chart(chart, prediction),
            )


def render(prediction: ThreatPrediction) -> str:
    """HTML table of both predictions with their reasons (used by :class:`ThreatExplorer`).

    Examples
    --------
    >>> from smallstate.analysis.threat import Power, predict
    >>> text = render(predict(Power("A", 8, 9, 7, 6), Power("B", 9, 2, 8, 3)))
    >>> "Walt" in text and "Schweller" in text and "against A" in text
    True
    """
    scores = ", ".join(f"{html.escape(n)} {s:g}" for n, s in prediction.threat.items())
    rows = []
    for title, p in (
        ("Walt: balance of threat", prediction.walt),
        ("Schweller: balance of interests", prediction.schweller),
    ):
        label = html.escape(label_name(p.label))
        if p.toward is not None:
            preposition = "against" if p.label == "balancing" else "with"
            label = f"{label} {preposition} {html.escape(p.toward)}"
        if p.kind:
            label = f"{label} ({html.escape(p.kind)})"
        rows.append(
            f'<tr><td style="padding:4px 8px"><b>{title}</b></td>'
            f'<td class="ss-threat-label-{p.theory}" data-label="{p.label}" '
            f'style="padding:4px 8px"><b>{label}</b></td>'
            f'<td style="padding:4px 8px">{html.escape(p.reason)}</td></tr>'
        )
    return (
        f"<p>Threat scores (mean of the four sources): {scores}</p>"
        '<table style="border-collapse:collapse">'
        "<tr><th>Theory</th><th>Prediction</th><th>Why</th></tr>" + "".join(rows) + "</table>"
    )
