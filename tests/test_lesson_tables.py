"""Every table a lesson shows is shown in full: no cell of a stored table output is cut.

pandas shortens a cell longer than ``display.max_colwidth`` (50 characters by default) to its
first characters and "...", and elides rows or columns beyond ``display.max_rows`` or
``display.max_columns`` with a "..." cell. Students are asked to read these tables (definitions,
rationales, descriptions, citations), so a lesson sets ``pd.set_option("display.max_colwidth",
None)`` (JupyterLab wraps the text) or shows fewer rows, and this test reads the stored HTML of
every table in every lesson and fails on a cut cell.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

LESSONS_DIR = Path(__file__).resolve().parents[1] / "lessons"
LESSONS = sorted(LESSONS_DIR.glob("[0-9][0-9]_*.ipynb"))
ELLIPSES = ("...", "\u2026")


class _Cells(HTMLParser):
    """Collect the text of every ``td``/``th`` cell of the tables in an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.tables = 0
        self._depth = 0
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables += 1
        elif tag in ("td", "th"):
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._text is not None:
            self.cells.append("".join(self._text).strip())
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def cut_cells(html: str) -> list[str]:
    """The cells of the HTML tables in ``html`` that pandas cut or elided.

    Examples
    --------
    >>> cut_cells("<table><tr><td>Kuik's way of ordering alignment choices on on...</td>"
    ...           "<td>whole</td></tr></table>")
    ["Kuik's way of ordering alignment choices on on..."]
    >>> cut_cells("<table><tr><th>...</th><td>fine</td></tr></table>")
    ['...']
    >>> cut_cells("<table><tr><td>a full sentence.</td></tr></table>")
    []
    """
    parser = _Cells()
    parser.feed(html)
    return [cell for cell in parser.cells if cell.endswith(ELLIPSES)]


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def lesson_cut_cells(nb: dict[str, Any]) -> list[str]:
    """One line per cut table cell in the stored outputs of a notebook (cell number, text)."""
    found: list[str] = []
    for number, cell in enumerate(nb.get("cells", []), start=1):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            html = output.get("data", {}).get("text/html")
            if html is None:
                continue
            found += [f"cell {number}: {text[:70]!r}" for text in cut_cells(_text(html))]
    return found


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_no_stored_table_is_cut(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert lesson_cut_cells(nb) == [], (
        f"{path.name}: table cells cut by pandas; set "
        'pd.set_option("display.max_colwidth", None) or show fewer rows, then re-execute'
    )


def test_the_check_finds_a_cut_cell_in_a_stored_output() -> None:
    import pandas as pd

    frame = pd.DataFrame({"definition": ["x" * 80], "n": [1]})
    with pd.option_context("display.max_colwidth", 50):
        cut = {
            "cells": [
                {"cell_type": "code", "outputs": [{"data": {"text/html": frame._repr_html_()}}]}
            ]
        }
    with pd.option_context("display.max_colwidth", None):
        full = {
            "cells": [
                {"cell_type": "code", "outputs": [{"data": {"text/html": frame._repr_html_()}}]}
            ]
        }
    assert lesson_cut_cells(cut) == [f"cell 1: {'x' * 46 + '...'!r}"]
    assert lesson_cut_cells(full) == []
    with pd.option_context("display.max_rows", 4, "display.min_rows", 4):
        many = pd.DataFrame({"n": range(10)})._repr_html_()
    assert cut_cells(many)  # elided rows count as cut too
