"""MechanismsExplorer: pick an ASEAN mechanism; see whom it engages, what it binds, Cambodia's roles.

The result pane shows the mechanism's founding, the great powers that took part, what it binds
its participants to, Cambodia's roles, and the dated acts of the evidence table that concern it
(:func:`smallstate.analysis.asean.mechanism`). The image is the membership matrix (mechanisms x great
powers) with the chosen mechanism outlined (:func:`smallstate.plots.asean.plot_membership`).

Following the widget contract (``docs/ARCHITECTURE.md``), results go into an ``HTML`` and an
``Image`` widget, never an ``Output`` widget:

==================  ======================================================
class               control
==================  ======================================================
``ss-mech-select``  Dropdown: the mechanism (label = its name)
``ss-mech-result``  HTML: founding, powers, what it binds, roles, acts
``ss-mech-plot``    HTML: PNG membership matrix with the choice outlined, as an img with alt text
==================  ======================================================

Examples
--------
>>> from smallstate.widgets.mechanisms_explorer import MechanismsExplorer
>>> explorer = MechanismsExplorer(plot=False)
>>> explorer.select.value = "ADMMPLUS"
>>> "D-08" in explorer.result.value and "USA" in explorer.result.value
True
"""

from __future__ import annotations

import html
from typing import Any

from smallstate.analysis.asean import Mechanism, mechanism, mechanisms
from smallstate.plots.asean import plot_membership, update_membership
from smallstate.widgets.base import CourseWidget
from smallstate.widgets.figure_view import FigureView

__all__ = ["MechanismsExplorer", "render_mechanism"]


def render_mechanism(m: Mechanism) -> str:
    """HTML for one mechanism.

    Examples
    --------
    >>> from smallstate.analysis.asean import mechanism
    >>> 'data-id="TAC"' in render_mechanism(mechanism("TAC"))
    True
    """
    esc = html.escape
    founded = ", ".join(x for x in (m.founded, m.founded_where) if x) or "not recorded"
    powers = ", ".join(m.members) if m.members else "none at the founding (ASEAN states only)"
    if m.acts:
        items = "".join(
            f"<li><b>{esc(d)}</b> ({esc(a)}): {esc(t)} <i>[{esc(c)}]</i></li>"
            for d, a, t, c in m.acts
        )
        acts = f'<ul class="ss-mech-acts">{items}</ul>'
    else:
        acts = "<p>No act in the course's evidence table concerns it directly.</p>"
    note = f"<p><b>Note:</b> {esc(m.note)}</p>" if m.note else ""
    return (
        f'<h4 class="ss-mech-name" data-id="{esc(m.id)}">{esc(m.name)} ({esc(m.id)}, '
        f"{esc(m.kind)})</h4>"
        f"<p><b>Founded:</b> {esc(founded)}</p>"
        f"<p><b>Great powers engaged:</b> {esc(powers)}</p>"
        f"<p><b>What it binds:</b> {esc(m.binds)}</p>"
        f"<p><b>Cambodia's roles:</b> {esc(m.cambodia_roles)}</p>"
        f"<p><b>Cambodia's acts over time:</b></p>{acts}{note}"
        f"<p><b>Source:</b> {esc(m.cited)}</p>"
    )


class MechanismsExplorer(CourseWidget):
    """A dropdown of the mechanisms, a detail pane and the membership matrix.

    Parameters
    ----------
    start
        Mechanism id shown first (default ``"ARF"``).
    plot
        Draw the matrix (``False`` for a text-only widget, e.g. in fast tests).

    Attributes
    ----------
    select : ipywidgets.Dropdown
        The mechanism (value = id).
    result : ipywidgets.HTML
        The detail pane.
    plot : ipywidgets.HTML
        The membership matrix (PNG).
    widget : ipywidgets.VBox
        The root widget.
    """

    def __init__(self, start: str = "ARF", *, plot: bool = True) -> None:
        import ipywidgets as w

        table = mechanisms()
        self._draw = plot
        self.select = w.Dropdown(
            options=[(str(n), str(i)) for i, n in table["name"].astype(str).items()],
            value=start,
            description="Mechanism:",
            layout=w.Layout(width="520px"),
        )
        self.select.add_class("ss-mech-select")
        self.result = w.HTML()
        self.result.add_class("ss-mech-result")
        self.plot = w.HTML(layout=w.Layout(max_width="620px"))
        self.plot.add_class("ss-mech-plot")
        self.widget = w.VBox([self.select, w.HBox([self.result, self.plot])])
        self.widget.add_class("ss-mech")
        self.select.observe(self._update, names="value")
        # one chart whose outline moves (a new chart only when the rows drawn change)
        self.figures = FigureView(self.plot, close=False)
        self._update()

    def _update(self, change: Any = None) -> None:
        self.result.value = render_mechanism(mechanism(self.select.value))
        if self._draw:
            chosen = self.select.value
            self.figures.show_kept(
                chosen,
                lambda: plot_membership(chosen),
                lambda chart: update_membership(chart, chosen),
            )
