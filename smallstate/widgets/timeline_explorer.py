"""TimelineExplorer: pick a window of years and kinds of acts, see the acts and every verdict.

A verdict depends on which acts it reads. This widget filters the acts of one relationship
(by default Cambodia towards China) by years, domain, counterpart and stance, and shows the
matching acts as a table with citations, as a timeline, and as the label every framework
gives to exactly those acts (:func:`smallstate.analysis.timeline.window_verdicts`, which calls
:func:`smallstate.compare`).

Following the widget contract (``docs/ARCHITECTURE.md``), results go into ``HTML`` and
``Image`` widgets, never into an ``Output`` widget, and every part has a CSS class:

===========================  ======================================================
class                        part
===========================  ======================================================
``ss-timeline-window``       IntRangeSlider: first and last year
``ss-timeline-domain``       Dropdown: a domain or "all"
``ss-timeline-counterpart``  Dropdown: a counterpart or "all"
``ss-timeline-stance``       Dropdown: a stance or "all"
``ss-timeline-table``        HTML: the matching acts (id, date, stance, description, source)
``ss-timeline-plot``         HTML: the timeline of the matching acts (PNG), as an img with alt text
``ss-timeline-verdicts``     HTML: one label per framework for the matching acts
===========================  ======================================================

Examples
--------
>>> from smallstate.widgets.timeline_explorer import TimelineExplorer
>>> ex = TimelineExplorer(frameworks=["leng"])
>>> ex.stance.value
'all'
>>> ex.window.value = (2013, 2016)
>>> ex.verdicts.loc[0, "label"]
'soft_bandwagoning'
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from smallstate.widgets.base import CourseWidget
from smallstate.widgets.figure_view import FigureView, SelectionCache

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["TimelineExplorer", "render_acts", "render_window_verdicts"]

#: Message shown when the selection keeps no act.
NO_ACTS = "No acts in this window match the selection."


def render_acts(table: pd.DataFrame) -> str:
    """Render :func:`smallstate.analysis.timeline.acts_table` as an HTML table (or the empty message).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"act_id": ["a<1>"], "date": ["2016-02"], "domain": ["diplomatic"],
    ...                   "counterpart": ["CHN"], "stance": ["deference"],
    ...                   "description": ["A visit."], "citation": ["Leng 2016, para. 6"]})
    >>> "a&lt;1&gt;" in render_acts(t)
    True
    >>> NO_ACTS in render_acts(t.iloc[0:0])
    True
    """
    if table.empty:
        return f"<p class='ss-timeline-empty'><b>{html.escape(NO_ACTS)}</b></p>"
    head = ["act", "date", "domain", "counterpart", "stance", "description", "source"]
    columns = ["act_id", "date", "domain", "counterpart", "stance", "description", "citation"]
    body = "".join(
        "<tr>"
        + "".join(
            f"<td style='text-align:left;vertical-align:top'>{html.escape(str(row[c]))}</td>"
            for c in columns
        )
        + "</tr>"
        for row in table[columns].to_dict("records")
    )
    return (
        f"<p>{len(table)} act{'s' if len(table) != 1 else ''}</p>"
        # tabindex and a name: the keyboard can reach and scroll the region (axe-core)
        "<div style='max-height:22em;overflow-y:auto' tabindex='0' role='region' "
        "aria-label='The selected acts'><table class='ss-timeline-acts'><thead><tr>"
        + "".join(f"<th style='text-align:left'>{h}</th>" for h in head)
        + f"</tr></thead><tbody>{body}</tbody></table></div>"
    )


def render_window_verdicts(verdicts: pd.DataFrame, window: tuple[int, int]) -> str:
    """Render :func:`smallstate.analysis.timeline.window_verdicts` as an HTML table.

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.DataFrame({"framework": ["leng"], "label": ["insufficient_evidence"],
    ...                   "position": [float("nan")], "acts": [0]})
    >>> text = render_window_verdicts(v, (1990, 1995))
    >>> "insufficient evidence" in text and "no acts" in text
    True
    """
    import pandas as pd

    from smallstate.plots import LABEL_COLORS, label_name

    n = int(verdicts["acts"].iloc[0]) if len(verdicts) else 0
    first, last = window
    if n == 0:
        intro = (
            f"<p>{first} to {last}: no acts in this window match the selection, so "
            "every framework reports insufficient evidence.</p>"
        )
    else:
        intro = (
            f"<p>{first} to {last}: what each framework makes of the {n} act"
            f"{'s' if n != 1 else ''} shown (only these acts are read).</p>"
        )
    rows = []
    for row in verdicts.to_dict("records"):
        label = str(row["label"])
        colour = LABEL_COLORS.get(label, "#999999")
        position = row.get("position")
        pos = "" if position is None or pd.isna(position) else f"{float(position):+.2f}"
        rows.append(
            f"<tr><td style='text-align:left'>{html.escape(str(row['framework']))}</td>"
            f"<td style='text-align:left'><span style='border-left:0.8em solid {colour};"
            f"padding-left:0.3em'><b>{html.escape(label_name(label))}</b></span></td>"
            f"<td>{pos}</td></tr>"
        )
    return (
        intro + "<table class='ss-verdicts'><thead><tr><th style='text-align:left'>framework"
        "</th><th style='text-align:left'>label</th><th>position</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


class TimelineExplorer(CourseWidget):
    """Filter one relationship's acts and see them as a table, a timeline and verdicts.

    Parameters
    ----------
    evidence
        The acts of one actor-target pair (default: :func:`smallstate.analysis.timeline.relation_acts`,
        Cambodia towards China).
    frameworks
        Framework ids whose verdicts are shown (default: all).
    window
        The first selected window (default: every year of the acts).

    Attributes
    ----------
    window : ipywidgets.IntRangeSlider
    domain, counterpart, stance : ipywidgets.Dropdown
    table : ipywidgets.HTML
    plot : ipywidgets.HTML
    verdicts_html : ipywidgets.HTML
    selected : pandas.DataFrame
        The acts that match the current selection.
    verdicts : pandas.DataFrame
        :func:`smallstate.analysis.timeline.window_verdicts` of the selected acts.
    widget : ipywidgets.VBox
    """

    def __init__(
        self,
        evidence: pd.DataFrame | None = None,
        *,
        frameworks: Sequence[str] | None = None,
        window: tuple[int, int] | None = None,
    ) -> None:
        import ipywidgets as w

        from smallstate.analysis.timeline import ALL, relation_acts, year_span
        from smallstate.evidence import DOMAIN_ORDER, STANCE_ORDER

        acts = (
            relation_acts()
            if evidence is None
            else relation_acts(*self._pair(evidence), evidence=evidence)
        )
        if acts.empty:
            raise ValueError("TimelineExplorer: the evidence has no acts")
        self.evidence = acts
        self.frameworks = list(frameworks) if frameworks is not None else None
        first, last = year_span(acts)
        present = set(acts["domain"].astype(str))
        domains = [d for d in DOMAIN_ORDER if d in present] + sorted(present - set(DOMAIN_ORDER))
        present = set(acts["stance"].astype(str))
        stances = [s for s in STANCE_ORDER if s in present] + sorted(present - set(STANCE_ORDER))
        counterparts = sorted(set(acts["counterpart"].astype(str)))
        style = {"description_width": "110px"}
        self.window = w.IntRangeSlider(
            value=window if window is not None else (first, last),
            min=first,
            max=last,
            step=1,
            description="Years",
            continuous_update=False,
            style=style,
            layout=w.Layout(width="520px"),
        )
        self.domain = w.Dropdown(
            options=[ALL, *domains],
            value=ALL,
            description="Domain",
            style=style,
            layout=w.Layout(width="300px"),
        )
        self.counterpart = w.Dropdown(
            options=[ALL, *counterparts],
            value=ALL,
            description="Counterpart",
            style=style,
            layout=w.Layout(width="300px"),
        )
        self.stance = w.Dropdown(
            options=[ALL, *stances],
            value=ALL,
            description="Stance",
            style=style,
            layout=w.Layout(width="300px"),
        )
        self.table = w.HTML()
        self.plot = w.HTML(layout=w.Layout(max_width="900px"))
        self.verdicts_html = w.HTML()
        for control, part in (
            (self.window, "window"),
            (self.domain, "domain"),
            (self.counterpart, "counterpart"),
            (self.stance, "stance"),
            (self.table, "table"),
            (self.plot, "plot"),
            (self.verdicts_html, "verdicts"),
        ):
            control.add_class(f"ss-timeline-{part}")
        pair = " towards ".join(self._pair(acts))
        self.widget = w.VBox(
            [
                w.HTML(f"<b>Acts of {html.escape(pair)}</b>: choose years and kinds of acts"),
                self.window,
                w.HBox([self.domain, self.counterpart, self.stance]),
                w.HTML("<b>Verdicts for the acts shown</b>"),
                self.verdicts_html,
                self.plot,
                w.HTML("<b>The acts</b>"),
                self.table,
            ]
        )
        self.widget.add_class("ss-timeline")
        # Per selection: the acts and their table; per set of acts: the verdicts; the figure.
        self._selections = SelectionCache()
        self._verdicts = SelectionCache()
        # the timeline of all acts is drawn once; each selection hides the other points
        self.figures = FigureView(self.plot, close=False)
        self.selected: pd.DataFrame
        self.verdicts: pd.DataFrame
        for control in (self.window, self.domain, self.counterpart, self.stance):
            control.observe(self._update, names="value")
        self._update()

    @staticmethod
    def _pair(evidence: pd.DataFrame) -> tuple[str, str]:
        pairs = evidence[["actor", "target"]].astype(str).drop_duplicates()
        if len(pairs) != 1:
            raise ValueError(
                "TimelineExplorer: pass the acts of exactly one actor-target pair "
                f"(found {len(pairs)})"
            )
        actor, target = pairs.iloc[0]
        return str(actor), str(target)

    @property
    def window_years(self) -> tuple[int, int]:
        """The window as ``(first_year, last_year)``."""
        return (int(self.window.value[0]), int(self.window.value[1]))

    def _select(self) -> tuple[pd.DataFrame, str]:
        from smallstate.analysis.timeline import acts_table, filter_acts

        selected = filter_acts(
            self.evidence,
            window=self.window_years,
            domains=self.domain.value,
            counterparts=self.counterpart.value,
            stances=self.stance.value,
        )
        return selected, render_acts(acts_table(selected))

    def _update(self, change: Any = None) -> None:
        from smallstate.analysis.timeline import window_verdicts
        from smallstate.plots.timeline import plot_timeline, update_timeline

        key = (self.window_years, self.domain.value, self.counterpart.value, self.stance.value)
        self.selected, self.table.value = self._selections.get(key, self._select)
        first, last = self.window_years
        title = f"Acts from {first} to {last}"
        self.figures.show_kept(
            key,
            lambda: update_timeline(
                plot_timeline(self.evidence), self.selected, title=title, window=self.window_years
            ),
            lambda chart: update_timeline(
                chart, self.selected, window=self.window_years, title=title
            ),
        )
        # Windows that keep the same acts share their verdicts.
        acts_key = tuple(self.selected["act_id"].astype(str))
        self.verdicts = self._verdicts.get(
            acts_key, lambda: window_verdicts(self.selected, self.frameworks)
        )
        self.verdicts_html.value = render_window_verdicts(self.verdicts, self.window_years)
