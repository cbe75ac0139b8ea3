"""FoipComparer: pick Indo-Pacific visions and scored dimensions; see the heatmap and sources.

The scores are the course's coding (0-3) with the rubric in ``datasets/README.md``; the table
under the heatmap gives, for each chosen version, its launch (with citation), Cambodia's
response, the scores, why they were given and where they were coded from
(:func:`smallstate.analysis.foip.comparison_table`).

Following the widget contract (``docs/ARCHITECTURE.md``), results go into an ``Image`` and an
``HTML`` widget, never an ``Output`` widget:

======================  =====================================================
class                   control
======================  =====================================================
``ss-foip-versions``    SelectMultiple: the versions (label ``FOIP-JP (JPN)``)
``ss-foip-dimensions``  SelectMultiple: the scored dimensions
``ss-foip-plot``        HTML: PNG heatmap of the chosen scores, as an img with alt text
``ss-foip-table``       HTML: the comparison table with sources
======================  =====================================================

Examples
--------
>>> from smallstate.widgets.foip_comparer import FoipComparer
>>> comparer = FoipComparer(plot=False)
>>> comparer.versions.value = ("FOIP-US", "FOIP-JP")
>>> comparer.table.value.count('class="ss-foip-row"')
2
>>> comparer.dimensions.value = ("economic_focus",)
>>> "security focus" in comparer.table.value
False
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from smallstate.analysis.foip import DIMENSION_LABELS, DIMENSIONS, comparison_table, versions
from smallstate.plots.foip import plot_scores
from smallstate.widgets.base import CourseWidget
from smallstate.widgets.figure_view import FigureView

__all__ = ["FoipComparer", "render_table"]


def render_table(version_list: Sequence[str], dimensions: Sequence[str]) -> str:
    """HTML table of the chosen versions and dimensions, with the sources of every row.

    Examples
    --------
    >>> text = render_table(["AOIP"], ["inclusiveness"])
    >>> "co-conceived" in text and "Samath 2020" in text
    True
    >>> render_table([], DIMENSIONS).startswith('<p class="ss-foip-empty">')
    True
    """

    def esc(value: object) -> str:
        return html.escape(str(value))

    if not version_list or not dimensions:
        return (
            '<p class="ss-foip-empty">Choose at least one version and one dimension '
            "(hold Ctrl or Shift to choose several).</p>"
        )
    ordered = [d for d in DIMENSIONS if d in dimensions]
    table = comparison_table(list(version_list), ordered)
    head = "".join(
        f"<th>{esc(h)}</th>"
        for h in [
            "version",
            "launched",
            "Cambodia's response",
            *[DIMENSION_LABELS[d] for d in ordered],
            "why these scores",
            "sources",
        ]
    )
    cell = 'style="padding:3px 6px;vertical-align:top;border-top:1px solid #ccc"'
    num = 'style="padding:3px 6px;vertical-align:top;border-top:1px solid #ccc;text-align:center"'
    rows = []
    for row in table.itertuples(index=False):
        scores = "".join(f"<td {num}>{int(getattr(row, d))}</td>" for d in ordered)
        rows.append(
            f'<tr class="ss-foip-row" data-version="{esc(row.version_id)}">'
            f"<td {cell}><b>{esc(row.version_id)}</b><br>{esc(row.name)}</td>"
            f"<td {cell}>{esc(row.launched)}: {esc(row.launch_event)}</td>"
            f"<td {cell}>{esc(row.cambodia_response)}</td>{scores}"
            f"<td {cell}>{esc(row.score_basis)}</td>"
            f"<td {cell}>launch: {esc(row.launch_cited)}; scores: {esc(row.scores_cited)}</td>"
            "</tr>"
        )
    note = (
        "<p><i>Scores 0-3 are the course's coding with the rubric in datasets/README.md, "
        "not measurements.</i></p>"
    )
    body = "".join(rows)
    return f'<table style="border-collapse:collapse"><tr>{head}</tr>{body}</table>{note}'


class FoipComparer(CourseWidget):
    """Choose versions and dimensions; a heatmap and a sourced table follow the choice.

    Parameters
    ----------
    version_list
        Versions chosen at the start (default: all five).
    dimensions
        Dimensions chosen at the start (default: all five).
    plot
        Draw the heatmap (``False`` for a text-only widget, e.g. in fast tests).

    Attributes
    ----------
    versions, dimensions : ipywidgets.SelectMultiple
        The two choices (values are version ids and dimension ids).
    plot : ipywidgets.HTML
        The heatmap (PNG).
    table : ipywidgets.HTML
        The comparison table with sources.
    widget : ipywidgets.VBox
        The root widget.
    """

    def __init__(
        self,
        version_list: Sequence[str] | None = None,
        dimensions: Sequence[str] | None = None,
        *,
        plot: bool = True,
    ) -> None:
        import ipywidgets as w

        table = versions()
        ids = [str(v) for v in table.index]
        self._draw = plot
        self.versions = w.SelectMultiple(
            options=[(f"{v} ({table['promoter'].astype(str)[v]})", v) for v in ids],
            value=tuple(ids if version_list is None else version_list),
            rows=len(ids),
            description="Versions:",
        )
        self.versions.add_class("ss-foip-versions")
        self.dimensions = w.SelectMultiple(
            options=[(DIMENSION_LABELS[d], d) for d in DIMENSIONS],
            value=tuple(DIMENSIONS if dimensions is None else dimensions),
            rows=len(DIMENSIONS),
            description="Dimensions:",
        )
        self.dimensions.add_class("ss-foip-dimensions")
        self.plot = w.HTML(layout=w.Layout(max_width="760px"))
        self.plot.add_class("ss-foip-plot")
        self.table = w.HTML()
        self.table.add_class("ss-foip-table")
        self.widget = w.VBox([w.HBox([self.versions, self.dimensions]), self.plot, self.table])
        self.widget.add_class("ss-foip")
        self.versions.observe(self._update, names="value")
        self.dimensions.observe(self._update, names="value")
        self.figures = FigureView(self.plot)
        self._update()

    def _chosen(self) -> tuple[list[str], list[str]]:
        order = [o[1] for o in self.versions.options]
        chosen_versions = [v for v in order if v in self.versions.value]
        chosen_dims = [d for d in DIMENSIONS if d in self.dimensions.value]
        return chosen_versions, chosen_dims

    def _update(self, change: Any = None) -> None:
        chosen_versions, chosen_dims = self._chosen()
        self.table.value = render_table(chosen_versions, chosen_dims)
        if self._draw:
            key = (tuple(chosen_versions), tuple(chosen_dims))
            self.figures.show(key, lambda: plot_scores(chosen_versions, chosen_dims))
