"""ScopeSwitch: include or exclude Cambodia's ASEAN acts and see every framework's verdict.

Cambodia-China is read as one bilateral case by every framework, with or without the acts
whose scope is ASEAN (:func:`smallstate.analysis.asean.scope_switch`, computed once when the widget is
built). The result lists every framework's verdict with its reason, marks what changes when the
ASEAN acts are dropped, and gives the chosen framework's rule and act ids in full, with
Samath's own scope-by-scope reading for contrast.

Following the widget contract (``docs/ARCHITECTURE.md``), the result goes into an ``HTML``
widget, never an ``Output`` widget:

======================  ==================================================
class                   control
======================  ==================================================
``ss-scope-asean``      Checkbox: include the ASEAN-scope acts
``ss-scope-framework``  Dropdown: framework shown in detail
``ss-scope-result``     HTML: all verdicts, what changed, the detail
======================  ==================================================

Examples
--------
>>> from smallstate.widgets.scope_switch import ScopeSwitch
>>> switch = ScopeSwitch()
>>> 'data-samath="hedging"' in switch.result.value
True
>>> switch.asean.value = False
>>> 'data-samath="hedging"' in switch.result.value
False
"""

from __future__ import annotations

import html
from typing import Any

from smallstate.analysis.asean import ScopeReading, scope_switch
from smallstate.widgets.base import CourseWidget

__all__ = ["ScopeSwitch", "render_scope"]


def _label(text: object) -> str:
    """The readable name of a verdict label (the course's one label registry)."""
    from smallstate.plots import label_name

    return label_name(str(text))


def render_scope(reading: ScopeReading, include_asean: bool, framework: str) -> str:
    """HTML for the switch: the verdict table, what changed, and one framework in detail.

    Examples
    --------
    >>> from smallstate.analysis.asean import scope_switch
    >>> r = scope_switch(frameworks=["samath", "kuik"])
    >>> "what changed" in render_scope(r, False, "kuik").lower()
    True
    """
    esc = html.escape
    t = reading.table
    now, other = ("with", "without") if include_asean else ("without", "with")
    state = "included" if include_asean else "excluded"
    attrs = " ".join(
        f'data-{esc(f)}="{esc(str(lab))}"'
        for f, lab in zip(t["framework"], t[f"label_{now}"], strict=True)
    )
    cell = 'style="padding:3px 6px;vertical-align:top;border-top:1px solid #ccc"'
    rows = []
    for r in t.to_dict("records"):
        mark = " &#9888; changes" if r["changed"] else ""
        rows.append(
            f"<tr><td {cell}><b>{esc(r['framework'])}</b></td>"
            f"<td {cell}>{esc(_label(r[f'label_{now}']))}{mark}</td>"
            f"<td {cell}>{esc(str(r[f'rationale_{now}']))}</td></tr>"
        )
    changed = t[t["changed"]]
    if changed.empty:
        what = "No framework changes its label when the ASEAN acts are switched."
    else:
        what = "; ".join(
            f"{esc(r['framework'])}: {esc(_label(r[f'label_{other}']))} &rarr; "
            f"{esc(_label(r[f'label_{now}']))}"
            for r in changed.to_dict("records")
        )
    moved = t.dropna(subset=["position_with", "position_without"])
    pos = "".join(
        f" {esc(r['framework'])} position {r[f'position_{other}']:+.2f} &rarr; "
        f"{r[f'position_{now}']:+.2f}."
        for r in moved.to_dict("records")
        if r["position_with"] != r["position_without"]
    )
    chosen = t[t["framework"] == framework]
    detail = ""
    if not chosen.empty:
        r = chosen.iloc[0].to_dict()
        ids = ", ".join(r[f"ids_{now}"])
        detail = (
            f'<h4 class="ss-scope-detail">{esc(framework)} in detail</h4>'
            f"<p><b>Label:</b> {esc(_label(r[f'label_{now}']))}. <b>Rule:</b> "
            f"{esc(str(r[f'rationale_{now}']))}</p><p><b>Acts behind it:</b> {esc(ids)}</p>"
        )
    scoped = "".join(
        f"<li>{esc(str(s))}{'' if p == 'all' else ', ' + esc(str(p))}: "
        f"<b>{esc(_label(lab))}</b></li>"
        for s, p, lab in zip(
            reading.by_scope["scope"],
            reading.by_scope["period"],
            reading.by_scope["label"],
            strict=True,
        )
    )
    return (
        f'<p class="ss-scope-state" {attrs}><b>{esc(reading.actor)}-{esc(reading.target)} as '
        f"one bilateral case, ASEAN-scope acts {state}</b> ({len(reading.asean_ids)} acts).</p>"
        f'<table style="border-collapse:collapse"><tr><th>framework</th><th>label</th>'
        f"<th>why</th></tr>{''.join(rows)}</table>"
        f"<p><b>What changed</b> when the ASEAN acts are switched: {what}{pos}</p>{detail}"
        f"<p><b>Samath reads each scope on its own</b> (all acts): <ul>{scoped}</ul></p>"
    )


class ScopeSwitch(CourseWidget):
    """A checkbox for the ASEAN acts, a framework dropdown and the verdict panel.

    Parameters
    ----------
    reading
        A precomputed :class:`~smallstate.analysis.asean.ScopeReading` (default: Cambodia-China on the
        course's evidence).
    framework
        Framework shown in detail at the start.

    Attributes
    ----------
    asean : ipywidgets.Checkbox
        Include the ASEAN-scope acts.
    framework : ipywidgets.Dropdown
        The framework shown in detail.
    result : ipywidgets.HTML
        The verdict panel.
    reading : ScopeReading
        The verdicts with and without the ASEAN acts.
    widget : ipywidgets.VBox
        The root widget.
    """

    def __init__(self, reading: ScopeReading | None = None, framework: str = "samath") -> None:
        import ipywidgets as w

        self.reading = scope_switch() if reading is None else reading
        ids = [str(f) for f in self.reading.table["framework"]]
        self.asean = w.Checkbox(
            value=True, description="include the ASEAN-scope acts", indent=False
        )
        self.asean.add_class("ss-scope-asean")
        self.framework = w.Dropdown(options=ids, value=framework, description="Framework:")
        self.framework.add_class("ss-scope-framework")
        self.result = w.HTML()
        self.result.add_class("ss-scope-result")
        self.widget = w.VBox([w.HBox([self.asean, self.framework]), self.result])
        self.widget.add_class("ss-scope")
        self.asean.observe(self._update, names="value")
        self.framework.observe(self._update, names="value")
        self._update()

    def _update(self, change: Any = None) -> None:
        self.result.value = render_scope(self.reading, self.asean.value, self.framework.value)
