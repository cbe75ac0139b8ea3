"""CodingWorkbench: read a report, code it by the codebook, check it, compare it, pool a class.

The reports, the checks and the pooling are computed by :mod:`smallstate.evidence.practice`;
the codebook's words come from :mod:`smallstate.evidence.codebook`. This module only wires
controls to them (widget contract in ``docs/ARCHITECTURE.md``: results in ``HTML`` widgets,
no ``Output``, no printing).

========================  =====================================================
class                     control
========================  =====================================================
``ss-code-report``        Dropdown: the report (real act or hypothetical)
``ss-code-text``          HTML: the report, with who, when, source and locator
``ss-code-domain``        Dropdown: domain (first option: not chosen)
``ss-code-stance``        Dropdown: stance
``ss-code-intensity``     Dropdown: intensity
``ss-code-aimed``         Dropdown: aimed_at_target
``ss-code-rules``         HTML: the codebook's meaning of each value chosen
``ss-code-check``         Button: check the coding (validation, one coding rule)
``ss-code-feedback``      HTML: the problems found, or none
``ss-code-reveal``        Button: show the course's coding
``ss-code-course``        HTML: the course's coding beside yours, and its note
``ss-code-coder``         Text: the learner's role (never a name)
``ss-code-folder``        Text: the class folder
``ss-code-save``          Button: save my codings to the class folder
``ss-code-status``        HTML: where the codings go / were saved
``ss-code-class``         Button: show the class's codings
``ss-code-classview``     HTML: the class's codings of this report, pooled reliability
========================  =====================================================

Examples
--------
>>> bench = CodingWorkbench()
>>> bench.report.value = "H-04"
>>> "HYPOTHETICAL" in bench.text.value
True
>>> bench.stance.value = "defiance"
>>> "resists or counters" in bench.rules.value
True
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from smallstate.errors import InputError
from smallstate.evidence.codebook import codebook
from smallstate.evidence.practice import (
    HYPOTHETICAL,
    check_coding,
    class_codings,
    class_reliability,
    class_tally,
    compare_coding,
    practice_reports,
    save_codings,
)
from smallstate.evidence.reliability import CODED_FIELDS
from smallstate.widgets.base import CourseWidget
from smallstate.widgets.figure_view import SelectionCache

__all__ = ["CodingWorkbench"]

_NONE = "(choose)"
_LABELS = {
    "domain": "Domain:",
    "stance": "Stance:",
    "intensity": "Intensity:",
    "aimed_at_target": "Aimed at target:",
}
_CLASSES = {
    "domain": "ss-code-domain",
    "stance": "ss-code-stance",
    "intensity": "ss-code-intensity",
    "aimed_at_target": "ss-code-aimed",
}


def _option_label(row: Any) -> str:
    kind = "hypothetical" if row.kind == HYPOTHETICAL else "real act"
    return f"{row.report_id} ({kind})"


class CodingWorkbench(CourseWidget):
    """Code the course's reports one by one; check, compare, save, pool.

    Parameters
    ----------
    folder
        The class folder for saved codings (default ``"class_codings"``, relative to the
        notebook's folder).
    start
        The report shown first.

    Attributes
    ----------
    report, domain, stance, intensity, aimed : ipywidgets.Dropdown
    check, reveal, save, show_class : ipywidgets.Button
    coder, folder : ipywidgets.Text
    text, rules, feedback, course, status, classview : ipywidgets.HTML
    codings : dict
        Report id -> the learner's coding so far (field -> value).
    widget : ipywidgets.VBox
    """

    def __init__(self, folder: str | Path = "class_codings", *, start: str = "D-01") -> None:
        import ipywidgets as w

        self._reports = practice_reports().set_index("report_id", drop=False)
        self._book = codebook()
        self.codings: dict[str, dict[str, str]] = {}
        self._restoring = False
        self._pools = SelectionCache(maxsize=8)
        options = [(_option_label(r), r.report_id) for r in self._reports.itertuples()]
        self.report = w.Dropdown(
            options=options, value=start, description="Report:", layout=w.Layout(width="360px")
        )
        self.report.add_class("ss-code-report")
        self.text = w.HTML()
        self.text.add_class("ss-code-text")
        self.fields: dict[str, Any] = {}
        for f in CODED_FIELDS:
            control = w.Dropdown(
                options=[(_NONE, ""), *[(v, v) for v in self._book[f].values]],
                value="",
                description=_LABELS[f],
                style={"description_width": "120px"},
                layout=w.Layout(width="320px"),
            )
            control.add_class(_CLASSES[f])
            control.observe(self._on_field, names="value")
            self.fields[f] = control
        self.domain = self.fields["domain"]
        self.stance = self.fields["stance"]
        self.intensity = self.fields["intensity"]
        self.aimed = self.fields["aimed_at_target"]
        self.rules = w.HTML()
        self.rules.add_class("ss-code-rules")
        self.check = w.Button(description="Check my coding", tooltip="Check my coding")
        self.check.add_class("ss-code-check")
        self.feedback = w.HTML()
        self.feedback.add_class("ss-code-feedback")
        self.reveal = w.Button(
            description="Show the course's coding", tooltip="Show the course's coding"
        )
        self.reveal.add_class("ss-code-reveal")
        self.course = w.HTML()
        self.course.add_class("ss-code-course")
        self.coder = w.Text(
            value="",
            placeholder="e.g. student 3",
            description="Your role:",
            continuous_update=False,
        )
        self.coder.add_class("ss-code-coder")
        self.folder = w.Text(
            value=str(folder), description="Class folder:", continuous_update=False
        )
        self.folder.add_class("ss-code-folder")
        self.save = w.Button(description="Save my codings", tooltip="Save my codings")
        self.save.add_class("ss-code-save")
        self.status = w.HTML()
        self.status.add_class("ss-code-status")
        self.show_class = w.Button(
            description="Show the class's codings", tooltip="Show the class's codings"
        )
        self.show_class.add_class("ss-code-class")
        self.classview = w.HTML()
        self.classview.add_class("ss-code-classview")

        self.report.observe(self._on_report, names="value")
        self.check.on_click(self._on_check)
        self.reveal.on_click(self._on_reveal)
        self.coder.observe(self._on_where, names="value")
        self.folder.observe(self._on_where, names="value")
        self.save.on_click(self._on_save)
        self.show_class.on_click(self._on_class)

        seminar = w.VBox(
            [
                w.HTML("<b>In a seminar:</b> save your codings to the class folder, then pool."),
                w.HBox([self.coder, self.folder]),
                w.HBox([self.save, self.show_class]),
                self.status,
                self.classview,
            ]
        )
        self.widget = w.VBox(
            [
                self.report,
                self.text,
                w.HBox([w.VBox(list(self.fields.values())), self.rules]),
                w.HBox([self.check, self.reveal]),
                self.feedback,
                self.course,
                seminar,
            ]
        )
        self.widget.add_class("ss-code")
        self._on_report()
        self._on_where()

    # -- state -------------------------------------------------------------------------
    def _current(self) -> dict[str, str]:
        return {f: str(c.value) for f, c in self.fields.items()}

    def _on_report(self, change: Any = None) -> None:
        row = self._reports.loc[self.report.value]
        esc = html.escape
        marked = row["kind"] == HYPOTHETICAL
        banner = (
            '<p class="ss-code-hypothetical"><b>Hypothetical report</b>: invented for the '
            "course (Ruritania and the Great Power are fictional); it did not happen.</p>"
            if marked
            else '<p class="ss-code-real"><b>Real act</b> from the course\'s evidence.</p>'
        )
        self.text.value = (
            f"{banner}<blockquote>{esc(row['report'])}</blockquote>"
            f"<p>Actor <b>{esc(row['actor'])}</b>, read towards <b>{esc(row['target'])}</b>; "
            f"counterpart {esc(row['counterpart'])}; date {esc(row['date'])}. "
            f"Source: {esc(row['source'])}, {esc(row['locator'])}.</p>"
        )
        saved = self.codings.get(str(self.report.value), {})
        self._restoring = True
        try:
            for f, control in self.fields.items():
                control.value = saved.get(f, "")
        finally:
            self._restoring = False
        self.feedback.value = ""
        self.course.value = ""
        self.classview.value = ""
        self._show_rules()

    def _on_field(self, change: Any = None) -> None:
        if self._restoring:
            return
        coding = {f: v for f, v in self._current().items() if v}
        self.codings[str(self.report.value)] = coding
        self._show_rules()

    def _show_rules(self) -> None:
        esc = html.escape
        items = []
        for f, value in self._current().items():
            rule = self._book[f]
            if value:
                items.append(
                    f'<li data-field="{f}"><b>{esc(f)} = {esc(value)}</b>: '
                    f"{esc(rule.values[value])}</li>"
                )
            else:
                items.append(f'<li data-field="{f}"><b>{esc(f)}</b> {esc(rule.question)}</li>')
        self.rules.value = (
            "<p><b>The codebook on your choices</b></p><ul>" + "".join(items) + "</ul>"
        )

    # -- actions -----------------------------------------------------------------------
    def _on_check(self, button: Any = None) -> None:
        esc = html.escape
        result = check_coding(str(self.report.value), self._current())
        if result.ok:
            self.feedback.value = (
                '<p class="ss-code-ok">No problem found: every field is chosen and the coding '
                "follows the one coding rule. Now compare it with the course's.</p>"
            )
            return
        items = "".join(f"<li>{esc(p)}</li>" for p in result.problems)
        self.feedback.value = f'<p class="ss-code-problems"><b>To fix:</b></p><ul>{items}</ul>'

    def _on_reveal(self, button: Any = None) -> None:
        esc = html.escape
        report_id = str(self.report.value)
        table = compare_coding(report_id, self._current())
        row = self._reports.loc[report_id]
        rows = "".join(
            f'<tr data-same="{str(r.same).lower()}"><td>{esc(str(r.field))}</td>'
            f"<td>{esc(str(r.yours)) or '-'}</td><td>{esc(str(r.course))}</td>"
            f"<td>{'same' if r.same else 'differs'}</td></tr>"
            for r in table.itertuples()
        )
        contested = " The course marks this coding contested." if row["contested"] == "yes" else ""
        note = (
            f"<p><b>The course's note:</b> {esc(row['note'])}{contested}</p>" if row["note"] else ""
        )
        self.course.value = (
            f"<table><caption>Your coding and the course's ({esc(report_id)}): "
            f"{int(table['same'].sum())} of {len(table)} fields the same</caption>"
            "<tr><th>field</th><th>yours</th><th>course</th><th>match</th></tr>"
            f"{rows}</table>{note}"
        )

    def _target_file(self) -> str:
        coder = self.coder.value.strip() or "(your role)"
        from smallstate.evidence.practice import coder_file

        return str(coder_file(self.folder.value, coder))

    def _on_where(self, change: Any = None) -> None:
        self.status.value = (
            f"<p>Your codings will be saved to <code>{html.escape(self._target_file())}</code>"
            f" ({len(self.codings)} report(s) coded so far).</p>"
        )

    def _on_save(self, button: Any = None) -> None:
        esc = html.escape
        complete = {r: c for r, c in self.codings.items() if all(c.get(f) for f in CODED_FIELDS)}
        if not complete:
            self.status.value = "<p><b>Nothing to save yet:</b> code every field of a report.</p>"
            return
        try:
            path = save_codings(complete, self.folder.value, self.coder.value)
        except InputError as error:
            self.status.value = f"<p><b>Not saved:</b> {esc(str(error))}</p>"
            return
        left = len(self.codings) - len(complete)
        partly = f"; {left} partly coded report(s) not saved" if left else ""
        self.status.value = (
            f'<p class="ss-code-saved">Saved {len(complete)} coding(s) to '
            f"<code>{esc(str(path))}</code>{partly}.</p>"
        )

    def _pooled(self, folder: str) -> tuple[Any, Any]:
        """The class's codings and the pooled reliability, cached while the folder's files stay.

        The key is every CSV file's name, size and modification time: a file saved, changed
        or removed pools again; clicking again (or for another report) reuses the figures.
        """
        where = Path(folder)
        files = sorted(where.glob("*.csv")) if where.is_dir() else []
        key = (
            str(where.resolve()),
            tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files),
        )

        def pool() -> tuple[Any, Any]:
            return class_codings(folder), class_reliability(folder)

        result: tuple[Any, Any] = self._pools.get(key, pool)
        return result

    def _on_class(self, button: Any = None) -> None:
        esc = html.escape
        try:
            codings, pooled = self._pooled(self.folder.value)
        except InputError as error:
            self.classview.value = f"<p><b>Cannot pool:</b> {esc(str(error))}</p>"
            return
        report_id = str(self.report.value)
        tally = class_tally(codings, report_id)
        if tally.empty:
            mine = f"<p>No one in the class folder has coded {esc(report_id)} yet.</p>"
        else:
            lines = "".join(
                f"<li><b>{esc(str(f))}</b>: "
                + ", ".join(
                    f"{esc(str(v))} ({n})" for v, n in zip(part["value"], part["n"], strict=True)
                )
                + "</li>"
                for f, part in tally.groupby("field", sort=False)
            )
            mine = f"<p>The class on {esc(report_id)}:</p><ul>{lines}</ul>"
        figures = "".join(
            f"<tr><td>{esc(str(r.field))}</td><td>{r.n_coders}</td><td>{r.kappa:.3f}</td>"
            f"<td>{r.alpha:.3f}</td></tr>"
            for r in pooled.table.itertuples()
        )
        self.classview.value = (
            f"{mine}<p>{esc(pooled.summary)}</p><table><caption>Reliability with the class "
            "pooled in</caption><tr><th>field</th><th>coders</th><th>Cohen's kappa (mean of "
            f"pairs)</th><th>Krippendorff's alpha</th></tr>{figures}</table>"
        )
