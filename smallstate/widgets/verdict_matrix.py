"""VerdictMatrix: every state x framework x period, and the reasons behind any one cell.

Lesson 08 compares the course's frameworks across Southeast Asia. The matrix shows, towards the
chosen power, one row per state and period and one column per framework, each cell the
framework's label in its readable name and colour. Choosing a state, a period and a framework
opens that cell: its label and position, the rules that fired (the reasons), the act ids
behind them, and the single changes of assumption that would flip it
(:func:`smallstate.analysis.disagreement.flips` over
:func:`smallstate.analysis.region.region_evidence`). All computation is in
:mod:`smallstate.analysis.region` and cached; the widget only renders.

Following the widget contract (``docs/ARCHITECTURE.md``), results go into ``HTML`` widgets and
every part has a CSS class:

===========================  ========================================================
class                        part
===========================  ========================================================
``ss-matrix-target``         Dropdown: the great power (China, United States)
``ss-matrix-state``          Dropdown: the state whose cell is opened
``ss-matrix-period``         Dropdown: the period (the chosen state's own periods)
``ss-matrix-framework``      Dropdown: the framework
``ss-matrix-table``          HTML: the matrix towards the chosen power
``ss-matrix-result``         HTML: the chosen cell, its reasons, act ids and flips
===========================  ========================================================

Examples
--------
>>> from smallstate.widgets.verdict_matrix import VerdictMatrix
>>> vm = VerdictMatrix(state="PHL", period="2016-2022")
>>> vm.framework.value
'kuik'
>>> "R-PHL-" in vm.result.value and "<caption" in vm.table.value
True
>>> vm.state.value = "VNM"
>>> vm.period.value in vm.periods("VNM")
True
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from smallstate.errors import unknown
from smallstate.widgets.base import CourseWidget
from smallstate.widgets.figure_view import SelectionCache
from smallstate.widgets.render import render_flips, render_verdicts

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["TARGET_NAMES", "VerdictMatrix", "render_matrix"]

#: The powers the matrix can face, with their readable names.
TARGET_NAMES: dict[str, str] = {"CHN": "China", "USA": "United States"}


def render_matrix(
    matrix: pd.DataFrame, target: str, selected: tuple[str, str] | None = None
) -> str:
    """Render one power's verdict matrix as an accessible HTML table.

    Parameters
    ----------
    matrix
        A :func:`smallstate.analysis.region.verdict_matrix` table.
    target
        ``"CHN"`` or ``"USA"``.
    selected
        ``(actor, period)`` of the row to mark as chosen.

    Returns
    -------
    str
        A ``<table>`` with a caption, column and row headers (``scope`` attributes) and, in each
        cell, the label's readable name beside a colour bar (the colour repeats the name, it is
        never the only cue).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"actor": ["PHL"], "state": ["Philippines"], "target": ["CHN"],
    ...                   "period": ["2016-2022"], "framework": ["kuik"],
    ...                   "label": ["hedging"], "position": [0.0]})
    >>> text = render_matrix(m, "CHN", ("PHL", "2016-2022"))
    >>> "<caption" in text, "scope='col'" in text, "aria-current" in text
    (True, True, True)
    """
    return _compose(_matrix_parts(matrix, target), selected)


#: (table head, one (actor, period, row header text, cells) per row, table tail)
_Parts = tuple[str, list[tuple[str, str, str, str]], str]


def _matrix_parts(matrix: pd.DataFrame, target: str) -> _Parts:
    """The pieces of :func:`render_matrix` that do not depend on the chosen row."""
    from smallstate.plots.palette import LABEL_COLORS, label_name

    rows = matrix.loc[matrix["target"].astype(str).eq(target)]
    frameworks = list(dict.fromkeys(rows["framework"].astype(str)))
    wide = rows.pivot_table(
        index=["state", "actor", "period"], columns="framework", values="label", aggfunc="first"
    )
    power = TARGET_NAMES.get(target, target)
    head = [
        "<table class='ss-verdict-matrix'>",
        f"<caption>Labels towards {html.escape(power)}: one row per state and period, one "
        "column per framework (the chosen row is marked)</caption>",
        "<thead><tr><th scope='col' style='text-align:left'>state, period</th>",
    ]
    head += [f"<th scope='col'>{html.escape(f)}</th>" for f in frameworks]
    head.append("</tr></thead><tbody>")
    body = []
    for key, labels in wide.iterrows():
        state, actor, period = (str(part) for part in cast("tuple[Any, ...]", key))
        cells = []
        for framework in frameworks:
            label = str(labels.get(framework, "insufficient_evidence"))
            colour = LABEL_COLORS.get(label, "#999999")
            cells.append(
                f"<td><span style='border-left:0.7em solid {colour};padding-left:0.3em'>"
                f"{html.escape(label_name(label))}</span></td>"
            )
        body.append((actor, period, html.escape(f"{state}, {period}"), "".join(cells)))
    return "".join(head), body, "</tbody></table>"


def _compose(parts: _Parts, selected: tuple[str, str] | None) -> str:
    head, body, tail = parts
    out = [head]
    for actor, period, name, cells in body:
        chosen = selected == (actor, period)
        mark = " aria-current='true' style='background:#eeeeee'" if chosen else ""
        out.append(
            f"<tr{mark}><th scope='row' style='text-align:left'>"
            f"{'&#9656; ' if chosen else ''}{name}</th>{cells}</tr>"
        )
    out.append(tail)
    return "".join(out)


class VerdictMatrix(CourseWidget):
    """The region's verdict matrix towards one power, and any cell's reasons and flips.

    Parameters
    ----------
    target
        ``"CHN"`` or ``"USA"`` at the start.
    state
        The state whose cell is opened at the start (ISO code).
    period
        Its period (default: the state's first).
    framework
        The framework of the opened cell.
    frameworks
        Framework ids shown (default :data:`smallstate.analysis.region.REGION_FRAMEWORKS`).
    show_flips
        Compute the flips of the opened cell (``False`` for speed in tests).

    Attributes
    ----------
    target, state, period, framework : ipywidgets.Dropdown
    table : ipywidgets.HTML
        The matrix.
    result : ipywidgets.HTML
        The opened cell.
    current : dict
        The opened cell's row of the matrix (label, position, rationale, evidence_ids, ...).
    widget : ipywidgets.VBox
    """

    target: Any
    state: Any
    period: Any
    framework: Any

    def __init__(
        self,
        target: str = "CHN",
        state: str = "PHL",
        period: str | None = None,
        framework: str = "kuik",
        *,
        frameworks: Sequence[str] | None = None,
        show_flips: bool = True,
    ) -> None:
        import ipywidgets as w

        from smallstate.analysis.region import REGION_FRAMEWORKS, verdict_matrix

        ids = tuple(frameworks) if frameworks is not None else REGION_FRAMEWORKS
        self.matrix = verdict_matrix(frameworks=ids)
        self._show_flips = show_flips
        self._evidence: pd.DataFrame | None = None
        if target not in TARGET_NAMES:
            raise unknown("power", target, TARGET_NAMES)
        states = (
            self.matrix[["actor", "state"]].drop_duplicates().sort_values("state").values.tolist()
        )
        codes = [code for code, _ in states]
        if state not in codes:
            raise unknown("state", state, codes)
        if framework not in ids:
            raise unknown("framework", framework, ids)
        first_periods = self.periods(state)
        if period is None:
            period = first_periods[0]
        if period not in first_periods:
            raise unknown("period", period, first_periods)
        style = {"description_width": "90px"}
        layout = w.Layout(width="330px")
        self.target = w.Dropdown(
            options=[(name, code) for code, name in TARGET_NAMES.items()],
            value=target,
            description="Towards",
            style=style,
            layout=layout,
        )
        self.state = w.Dropdown(
            options=[(name, code) for code, name in states],
            value=state,
            description="State",
            style=style,
            layout=layout,
        )
        self.period = w.Dropdown(
            options=first_periods, value=period, description="Period", style=style, layout=layout
        )
        self.framework = w.Dropdown(
            options=list(ids), value=framework, description="Framework", style=style, layout=layout
        )
        self.table = w.HTML()
        self.result = w.HTML()
        for control, part in (
            (self.target, "target"),
            (self.state, "state"),
            (self.period, "period"),
            (self.framework, "framework"),
            (self.table, "table"),
            (self.result, "result"),
        ):
            control.add_class(f"ss-matrix-{part}")
        intro = w.HTML(
            "<p>Choose the power, then a state, a period and a framework to open one cell: "
            "its label, the rules that fired, the acts behind them and the single assumptions "
            "that would flip it.</p>"
        )
        self.widget = w.VBox(
            [
                intro,
                w.HBox([self.target, self.framework]),
                w.HBox([self.state, self.period]),
                self.table,
                self.result,
            ]
        )
        self.widget.add_class("ss-matrix")
        self.current: dict[str, Any] = {}
        self._tables = SelectionCache()
        self._parts = SelectionCache(maxsize=len(TARGET_NAMES))
        self._case_rows: dict[tuple[str, str, str], Any] | None = None
        self._cells = SelectionCache()
        self._syncing = False
        for control in (self.target, self.state, self.period, self.framework):
            control.observe(self._update, names="value")
        self._update()

    def periods(self, state: str) -> list[str]:
        """The periods of one state, in order."""
        rows = self.matrix.loc[self.matrix["actor"].eq(state), "period"]
        return sorted(set(rows.astype(str)))

    # -- views -------------------------------------------------------------------------------
    def _update(self, change: Any = None) -> None:
        if self._syncing:
            return
        owner = change.get("owner") if isinstance(change, dict) else getattr(change, "owner", None)
        if owner is not None and owner is self.state:
            # the new state's own periods; keep the same place in its sequence when possible
            periods = self.periods(str(self.state.value))
            old = list(self.period.options)
            index = old.index(self.period.value) if self.period.value in old else 0
            self._syncing = True
            try:
                self.period.options = periods
                self.period.value = periods[min(index, len(periods) - 1)]
            finally:
                self._syncing = False
        target, state = str(self.target.value), str(self.state.value)
        period, framework = str(self.period.value), str(self.framework.value)
        # the matrix of each power is laid out once; a new choice only moves the mark
        parts = self._parts.get(target, lambda: _matrix_parts(self.matrix, target))
        self.table.value = self._tables.get(
            (target, state, period), lambda: _compose(parts, (state, period))
        )
        self.result.value = self._cells.get(
            (target, state, period, framework), lambda: self._cell(target, state, period, framework)
        )

    def _case_acts(self, state: str, target: str, period: str) -> pd.DataFrame:
        """The region's acts of one case (what ``case_acts`` selects), found by a lookup.

        :func:`~smallstate.analysis.disagreement.flips` reads only the case's own acts, so
        giving it these instead of the whole table changes nothing but the time.
        """
        from smallstate.analysis.region import region_evidence

        if self._evidence is None or self._case_rows is None:
            self._evidence = region_evidence()
            keys = self._evidence.groupby(["actor", "target", "period"], sort=False)
            self._case_rows = {
                cast(
                    "tuple[str, str, str]",
                    tuple(str(part) for part in cast("tuple[Any, ...]", key)),
                ): rows
                for key, rows in keys.indices.items()
            }
        rows = self._case_rows.get((state, target, period))
        evidence = self._evidence
        return evidence.iloc[rows] if rows is not None else evidence.iloc[:0]

    def _cell(self, target: str, state: str, period: str, framework: str) -> str:
        import pandas as pd

        from smallstate.analysis.disagreement import flips

        m = self.matrix
        rows = m.loc[
            m["actor"].eq(state)
            & m["target"].eq(target)
            & m["period"].eq(period)
            & m["framework"].eq(framework)
        ]
        name = html.escape(f"{rows['state'].iloc[0] if len(rows) else state}, {period}")
        power = html.escape(TARGET_NAMES[target])
        head = f"<h4 class='ss-matrix-cell'>{name}, towards {power}, under {framework}</h4>"
        if rows.empty:
            self.current = {"label": "insufficient_evidence", "evidence_ids": ()}
            return head + "<p>No acts of this state towards this power in this period.</p>"
        self.current = {str(k): v for k, v in rows.iloc[0].to_dict().items()}
        parts = [head, render_verdicts(pd.DataFrame([self.current]))]
        if self._show_flips:
            table = flips(self._case_acts(state, target, period), (state, target, "all", period),
                          framework)  # fmt: skip
            parts.append(
                render_flips(table, str(self.current["label"]), css_class="ss-matrix-flips")
            )
        return "".join(parts)
