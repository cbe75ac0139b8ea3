"""Every lesson follows the course's one template: title, objectives, a plan with times, a
warm-up, sections, Discuss prompts, Try-this, exercises, a ``progress()`` call, a recap and
further reading, at least one figure or widget, and widget cells declared for the browser tests.

The rules (see docs/ARCHITECTURE.md, "Declaring widgets for the browser tests", and
CONTRIBUTING.md, "Adding a lesson"):

* the first cell's title is ``# Lesson NN: <title>``, with the title the README's lesson table
  gives;
* a markdown heading "Learning objectives" within the first three cells;
* a seminar plan with times (``**Seminar plan (about N minutes).**`` followed by at least three
  ``N min`` items) and a ``**Warm-up`` prompt, both before the first section;
* at least three sections (``##`` headings other than the template's own);
* at least two ``**Discuss`` prompts and at least one ``**Try this`` prompt;
* headings "Exercises", "Recap" and "Further reading", in that order, and a code cell calling
  ``progress()`` between the recap and the further reading;
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
PLAN = re.compile(r"\*\*Seminar plan \(about \d+ minutes\)\.\*\*")
MINUTES = re.compile(r"\b\d+ min\b")
TITLE = re.compile(r"^# Lesson (\d\d): (.+)$", re.MULTILINE)
README_ROW = re.compile(r"^\| (\d\d) \| ([^|]+?) \| \[`lessons/", re.MULTILINE)
TEMPLATE_HEADINGS = ("learning objectives", "exercises", "recap", "further reading")
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


def readme_titles() -> dict[str, str]:
    """Lesson number -> title, from the README's lesson table."""
    readme = (LESSONS_DIR.parent / "README.md").read_text(encoding="utf-8")
    return {number: title.strip() for number, title in README_ROW.findall(readme)}


def _first(cells: list[dict[str, Any]], wanted: str) -> int | None:
    """Index of the first markdown cell with a heading containing ``wanted``."""
    for index, cell in enumerate(cells):
        if any(wanted in h for h in _headings(cell)):
            return index
    return None


def template_problems(nb: dict[str, Any], lesson_number: str, title: str | None) -> list[str]:
    """Where a notebook departs from the lesson template (empty list = follows it).

    Examples
    --------
    >>> template_problems({"cells": [{"cell_type": "markdown", "source": "# Lesson 07: X"}]},
    ...                   "07", "X")[:2]
    ['no seminar plan with times (**Seminar plan (about N minutes).** and N min items)', 'no **Warm-up prompt before the first section']
    """
    cells = nb.get("cells", [])
    found: list[str] = []
    heading = TITLE.search(_source(cells[0])) if cells else None
    if heading is None or heading.group(1) != lesson_number:
        found.append(f'the first cell has no title "# Lesson {lesson_number}: ..."')
    elif title is not None and heading.group(2).strip() != title:
        found.append(f"title {heading.group(2).strip()!r} differs from the README's {title!r}")
    markdown = [(i, _source(c)) for i, c in enumerate(cells) if c.get("cell_type") == "markdown"]
    numbered = [
        i
        for i, c in enumerate(cells)
        for h in _headings(c)
        if h.startswith("1.") or (h and h not in TEMPLATE_HEADINGS and not h.startswith("lesson"))
    ]
    first_section = min(numbered) if numbered else len(cells)
    plan = [i for i, text in markdown if PLAN.search(text) and len(MINUTES.findall(text)) >= 3]
    if not plan or plan[0] > first_section:
        found.append(
            "no seminar plan with times (**Seminar plan (about N minutes).** and N min items)"
        )
    warm_up = [i for i, text in markdown if "**Warm-up" in text]
    if not warm_up or warm_up[0] > first_section:
        found.append("no **Warm-up prompt before the first section")
    sections = [
        h
        for c in cells
        for h in _headings(c)
        if not any(t in h for t in TEMPLATE_HEADINGS) and not h.startswith("lesson")
    ]
    if len(sections) < 3:
        found.append(f"only {len(sections)} sections (## headings besides the template's)")
    discuss = sum(text.count("**Discuss") for _, text in markdown)
    if discuss < 2:
        found.append(f"only {discuss} **Discuss prompt(s); the template asks for at least two")
    if not any("**Try this" in text for _, text in markdown):
        found.append("no **Try this prompt")
    where = {name: _first(cells, name) for name in ("exercises", "recap", "further reading")}
    for name, index in where.items():
        if index is None:
            found.append(f'no "{name.capitalize()}" heading')
    order = [where[n] for n in ("exercises", "recap", "further reading")]
    if None not in order and not order[0] < order[1] < order[2]:  # type: ignore[operator]
        found.append("Exercises, Recap and Further reading are not in that order")
    calls = [
        i
        for i, c in enumerate(cells)
        if c.get("cell_type") == "code" and re.search(r"\bprogress\(\)", _source(c))
    ]
    recap, further = where["recap"], where["further reading"]
    if not any(recap is not None and further is not None and recap < i < further for i in calls):
        found.append("no progress() call between the Recap and the Further reading")
    return found


AUTO_CHECK = re.compile(r"""\b(?:check|quiz)\(\s*["'](L(\d\d)\.E\d+)["']""")
APPLIES = re.compile(r"\((?:apply|predict)\b", re.IGNORECASE)
WARM_UP = re.compile(r"\(warm-up\b", re.IGNORECASE)


def exercise_kinds(nb: dict[str, Any], lesson_number: str) -> dict[str, str]:
    """Auto-checked exercise id -> "apply" (new evidence, or predict then check), "warm-up" or
    "other", read from the marker in the markdown prompt above its check or quiz cell.

    Examples
    --------
    >>> cells = [{"cell_type": "markdown", "source": "**L07.E1 (predict, then check).** ..."},
    ...          {"cell_type": "code", "source": 'check("L07.E1", answer)'},
    ...          {"cell_type": "markdown", "source": "**L07.E2.** Which year ...?"},
    ...          {"cell_type": "code", "source": 'check("L07.E2", answer)'}]
    >>> exercise_kinds({"cells": cells}, "07")
    {'L07.E1': 'apply', 'L07.E2': 'other'}
    """
    kinds: dict[str, str] = {}
    prompt = ""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            prompt = _source(cell)
            continue
        for match in AUTO_CHECK.finditer(_source(cell)):
            if match.group(2) != lesson_number or match.group(1) in kinds:
                continue
            own = prompt if match.group(1) in prompt else ""
            kind = "warm-up" if WARM_UP.search(own) else "apply" if APPLIES.search(own) else "other"
            kinds[match.group(1)] = kind
    return kinds


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


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_lesson_follows_the_template(path: Path) -> None:
    number = path.name[:2]
    titles = readme_titles()
    assert number in titles, f"README's lesson table has no row for lesson {number}"
    assert template_problems(_load(path), number, titles[number]) == []


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_half_of_the_auto_checked_exercises_apply_or_predict(path: Path) -> None:
    """Lookup and arithmetic are warm-ups; at least half of the rest apply a concept to new
    evidence or ask for a prediction that the learner then checks."""
    kinds = exercise_kinds(_load(path), path.name[:2])
    graded = [k for k in kinds.values() if k != "warm-up"]
    assert graded, f"{path.name}: no auto-checked exercise"
    applying = graded.count("apply")
    assert 2 * applying >= len(graded), (
        f"{path.name}: only {applying} of {len(graded)} auto-checked exercises are marked "
        f"(apply ...) or (predict, then check): {kinds}"
    )


MATH = re.compile(r"\$\$|(?<![\\\w])\$[^$\n]+\$")


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_no_tex_math_in_markdown(path: Path) -> None:
    """The course site is offline: TeX math ($...$) would make it load MathJax from a CDN.
    Write formulas as code (a fenced block or backticks) instead."""
    cells = _load(path).get("cells", [])
    found = [
        f"cell {n}: {m.group(0)[:40]!r}"
        for n, cell in enumerate(cells, start=1)
        if cell.get("cell_type") == "markdown"
        for m in MATH.finditer(_source(cell))
    ]
    assert found == []
    assert MATH.search("where $RM$ is") and MATH.search("$$x$$") and not MATH.search("USD 5")


def test_readme_titles_are_read() -> None:
    titles = readme_titles()
    assert titles.get("00") == "Start here"
    assert len(titles) == len(LESSONS)


def _md(text: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "source": text}


def _code(text: str) -> dict[str, Any]:
    return {"cell_type": "code", "source": text, "metadata": {}, "outputs": []}


TEMPLATE_NB: list[dict[str, Any]] = [
    _md("# Lesson 07: Demo\n\n## Learning objectives\n\n1. one"),
    _md("**Seminar plan (about 60 minutes).** 10 min a; 20 min b; 30 min c."),
    _md("**Warm-up (2 minutes).** Think."),
    _md("## 1. First\n\n**Discuss (3 minutes).** Talk."),
    _md("## 2. Second\n\n**Try this:** move it."),
    _md("## 3. Third\n\n**Discuss (2 minutes).** Again."),
    _md("## Exercises"),
    _md("## Recap"),
    _code("smallstate.progress()"),
    _md("## Further reading"),
]


def test_template_checker_accepts_a_complete_lesson() -> None:
    assert template_problems({"cells": TEMPLATE_NB}, "07", "Demo") == []


def test_template_checker_names_each_missing_part() -> None:
    def without(index: int) -> dict[str, Any]:
        return {"cells": [c for i, c in enumerate(TEMPLATE_NB) if i != index]}

    assert template_problems(without(1), "07", "Demo") == [
        "no seminar plan with times (**Seminar plan (about N minutes).** and N min items)"
    ]
    assert template_problems(without(2), "07", "Demo") == [
        "no **Warm-up prompt before the first section"
    ]
    assert template_problems(without(4), "07", "Demo") == [
        "only 2 sections (## headings besides the template's)",
        "no **Try this prompt",
    ]
    assert template_problems(without(5), "07", "Demo") == [
        "only 2 sections (## headings besides the template's)",
        "only 1 **Discuss prompt(s); the template asks for at least two",
    ]
    assert template_problems(without(8), "07", "Demo") == [
        "no progress() call between the Recap and the Further reading"
    ]
    assert template_problems({"cells": TEMPLATE_NB}, "07", "Other") == [
        "title 'Demo' differs from the README's 'Other'"
    ]
    moved = [*TEMPLATE_NB[:2], *TEMPLATE_NB[3:6], TEMPLATE_NB[2], *TEMPLATE_NB[6:]]
    assert template_problems({"cells": moved}, "07", "Demo") == [
        "no **Warm-up prompt before the first section"
    ]


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
