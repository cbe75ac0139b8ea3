"""Every lesson follows the course's shape: objectives first, exercises, recap, further reading,
at least one figure or widget, and widget cells declared for the browser tests.

The rules (see docs/ARCHITECTURE.md, "Declaring widgets for the browser tests"):

* a markdown heading "Learning objectives" within the first three cells;
* markdown headings "Recap" and "Further reading";
* at least one stored figure (``image/png``) or widget view among the outputs;
* at least one self-check: ``check("LNN.E..")``, ``quiz("LNN.E..")`` or ``rubric(...)``
  with an id of the lesson's own number that exists in the packaged bank;
* every code cell whose stored output is a widget view carries ``metadata.smallstate.widgets``:
  a non-empty list of actions with ``name``, ``action`` (fill, select, slider, click, toggle),
  ``target`` and ``watch`` (and ``value`` for fill, select and slider).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

LESSONS_DIR = Path(__file__).resolve().parents[1] / "lessons"
LESSONS = sorted(LESSONS_DIR.glob("[0-9][0-9]_*.ipynb"))

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
ACTIONS = {"fill", "select", "slider", "click", "toggle"}
NEEDS_VALUE = {"fill", "select", "slider"}
EXERCISE_CALL = re.compile(r"""\b(?:check|quiz|rubric)\(\s*["'](L(\d\d)\.E\d+)["']""")
HEADING = re.compile(r"^#{1,6}\s+(.*)$", re.MULTILINE)


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _headings(cell: dict[str, Any]) -> list[str]:
    if cell.get("cell_type") != "markdown":
        return []
    return [h.strip().lower() for h in HEADING.findall(_source(cell))]


def _mimetypes(cell: dict[str, Any]) -> set[str]:
    return {m for out in cell.get("outputs", []) for m in out.get("data", {})}


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def problems(nb: dict[str, Any], lesson_number: str) -> list[str]:
    """All structural problems of one notebook (empty list = fine).

    Examples
    --------
    >>> problems({"cells": []}, "07")[0]
    'no "Learning objectives" heading in the first 3 cells'
    """
    cells = nb.get("cells", [])
    found: list[str] = []
    first = [h for cell in cells[:3] for h in _headings(cell)]
    if not any("learning objectives" in h for h in first):
        found.append('no "Learning objectives" heading in the first 3 cells')
    headings = [h for cell in cells for h in _headings(cell)]
    for wanted in ("recap", "further reading"):
        if not any(wanted in h for h in headings):
            found.append(f'no "{wanted.capitalize()}" heading')
    code_cells = [c for c in cells if c.get("cell_type") == "code"]
    if not any({"image/png", WIDGET_MIME} & _mimetypes(c) for c in code_cells):
        found.append("no stored figure (image/png) or widget view: execute the lesson")
    ids = [m.group(1) for c in code_cells for m in EXERCISE_CALL.finditer(_source(c))]
    own = [i for i in ids if i[1:3] == lesson_number]
    if not own:
        found.append(
            f'no self-check of the lesson\'s own exercises (check/quiz("L{lesson_number}.E..."))'
        )
    if ids:
        from smallstate.exercises import UnknownExerciseError, exercise

        for exercise_id in ids:
            try:
                exercise(exercise_id)
            except UnknownExerciseError:
                found.append(f"exercise {exercise_id} is not in the packaged bank")
    for number, cell in enumerate(cells, start=1):
        if cell.get("cell_type") != "code" or WIDGET_MIME not in _mimetypes(cell):
            continue
        declared = cell.get("metadata", {}).get("smallstate", {}).get("widgets")
        where = f"cell {number}"
        if not isinstance(declared, list) or not declared:
            found.append(f"{where} displays a widget but declares no metadata.smallstate.widgets")
            continue
        for entry in declared:
            if not isinstance(entry, dict):
                found.append(f"{where}: widget declaration {entry!r} is not an object")
                continue
            missing = [k for k in ("name", "action", "target", "watch") if not entry.get(k)]
            if missing:
                found.append(f"{where}: widget declaration lacks {missing}")
            if entry.get("action") not in ACTIONS:
                found.append(f"{where}: unknown action {entry.get('action')!r}")
            if entry.get("action") in NEEDS_VALUE and "value" not in entry:
                found.append(f"{where}: action {entry.get('action')} needs a value")
    return found


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_lesson_structure(path: Path) -> None:
    assert problems(_load(path), path.name[:2]) == []


def test_there_are_lessons() -> None:
    assert LESSONS, f"no lessons found in {LESSONS_DIR}"


def test_checker_catches_an_undeclared_widget_and_a_missing_recap() -> None:
    nb = {
        "cells": [
            {"cell_type": "markdown", "source": "# L\n\n## Learning objectives\n"},
            {
                "cell_type": "code",
                "source": 'smallstate.check("L01.E2", answer)',
                "metadata": {},
                "outputs": [{"output_type": "display_data", "data": {WIDGET_MIME: {}}}],
            },
            {"cell_type": "markdown", "source": "## Further reading\n"},
        ]
    }
    found = problems(nb, "01")
    assert found == [
        'no "Recap" heading',
        "cell 2 displays a widget but declares no metadata.smallstate.widgets",
    ]
    nb["cells"][1]["metadata"] = {
        "smallstate": {"widgets": [{"name": "x", "action": "slide", "target": ".a", "watch": ".b"}]}
    }
    assert "cell 2: unknown action 'slide'" in problems(nb, "01")


def test_checker_catches_unknown_and_foreign_exercise_ids() -> None:
    nb = {
        "cells": [
            {
                "cell_type": "markdown",
                "source": "## Learning objectives\n## Recap\n## Further reading",
            },
            {
                "cell_type": "code",
                "source": 'check("L00.E1", answer)\ncheck("L00.E99", answer)',
                "metadata": {},
                "outputs": [{"output_type": "execute_result", "data": {"image/png": ""}}],
            },
        ]
    }
    found = problems(nb, "01")
    assert any("own exercises" in p for p in found)
    assert "exercise L00.E99 is not in the packaged bank" in found
