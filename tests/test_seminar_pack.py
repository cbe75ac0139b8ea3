"""The seminar pack in ``instructor/`` cannot go stale.

* **Facilitator notes** (``instructor/facilitator-notes.md``): every ``**Discuss`` and
  ``**Try this`` prompt of every lesson has exactly one note, and every note belongs to a
  prompt that still exists. A note is a heading ``### Lesson NN, Discuss: "<opening>"`` (or
  ``Try this``) whose quoted opening (at least six words, ``...`` allowed at the end) is the
  start of the prompt's text as the notebook has it now: edit a prompt's opening and its note
  must be reread and requoted. The prompts are found as ``tests/test_lessons_structure.py``
  counts them (the bold markers).
* **Notes pending**: a lesson listed in :data:`NOTES_PENDING` may lack notes (for a lesson that
  lands after the notes were written). The list is explicit and carries a reason per lesson;
  a listed lesson whose prompts all have notes fails the test until it is taken off the list,
  so the list cannot outlive its purpose. Lessons 00-06 are never on it.
* **Act ids** cited anywhere in the pack exist: a plain id in ``datasets/evidence_acts.csv``,
  a derived id (``L16-09@CHN``) among the rows ``derive_acts`` makes from it.
* **Exemplars of L04.E4** are graded with exactly the criteria and maximum points of the rubric
  in ``instructor/exercises/L04.yaml``, their totals add up, and the levels are ordered.
* **Readings**: every key the syllabi and ``readings.md`` cite is in the course bibliography,
  a page range given for a journal article lies within the bibliography's pages, and every
  syllabus week names its lessons, exercises (ids that exist, ranges included), readings and
  assignment; a week that runs a lesson names exercises of that lesson, and each syllabus runs
  every lesson. The exercise ids of the guide's six-week and single-seminar plans exist too.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
INSTRUCTOR = REPO / "instructor"
NOTES = INSTRUCTOR / "facilitator-notes.md"
EXEMPLARS = INSTRUCTOR / "exemplars-L04E4.md"
READINGS = INSTRUCTOR / "readings.md"
SYLLABI = sorted(INSTRUCTOR.glob("syllabus-*.md"))
PACK = [NOTES, EXEMPLARS, READINGS, INSTRUCTOR / "grading-scheme.md", *SYLLABI]
LESSONS = sorted((REPO / "lessons").glob("[0-9][0-9]_*.ipynb"))

#: Lessons allowed to lack facilitator notes, with the reason. Keep it short: a lesson leaves
#: the list as soon as its notes are written (the test below fails while a listed lesson is
#: fully covered). Empty: every lesson (00-09) has its notes.
NOTES_PENDING: dict[str, str] = {}

MARKER = re.compile(r"\*\*(Discuss|Try this)\b[^*]*[.:]\*\*")
NOTE = re.compile(r'^### Lesson (\d\d), (Discuss|Try this): "(.+)"\s*$', re.MULTILINE)
MIN_WORDS = 6


def _normalise(text: str) -> str:
    """Prompt text without Markdown emphasis, code ticks and list markers, on one line."""
    lines = [re.sub(r"^\s*(?:\d+\.|[*-])\s+", "", line) for line in text.splitlines()]
    flat = " ".join(lines).replace("*", "").replace("`", "")
    return re.sub(r"\s+", " ", flat).strip()


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def prompts(nb: dict[str, Any]) -> list[tuple[str, str]]:
    """(kind, text) of every Discuss and Try-this prompt, in notebook order.

    The text runs from the end of the bold marker to the next marker or the end of the cell.

    Examples
    --------
    >>> cell = {"cell_type": "markdown",
    ...         "source": "Intro.\\n\\n**Discuss (3 minutes).** Is *this* fair?\\n\\n**Try this:**\\n\\n1. Move `x`."}
    >>> prompts({"cells": [cell]})
    [('Discuss', 'Is this fair?'), ('Try this', 'Move x.')]
    """
    found: list[tuple[str, str]] = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        text = _source(cell)
        marks = list(MARKER.finditer(text))
        for i, mark in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
            found.append((mark.group(1), _normalise(text[mark.end() : end])))
    return found


def notes(markdown: str) -> list[tuple[str, str, str]]:
    """(lesson, kind, quoted opening) of every note heading in the notes file."""
    return [(m.group(1), m.group(2), m.group(3)) for m in NOTE.finditer(markdown)]


def _matches(quote: str, prompt: str) -> bool:
    opening = quote[:-3].rstrip() if quote.endswith("...") else quote
    return len(opening.split()) >= MIN_WORDS and prompt.startswith(opening)


def coverage_problems(
    lessons: dict[str, dict[str, Any]], markdown: str, pending: dict[str, str]
) -> list[str]:
    """Prompts without a note, notes without a prompt, and pending entries that are done.

    ``lessons`` maps a lesson number to its notebook; ``markdown`` is the notes file.

    Examples
    --------
    >>> nb = {"cells": [{"cell_type": "markdown",
    ...                  "source": "**Discuss (2 minutes).** Which of the two readings do you trust, and why?"}]}
    >>> coverage_problems({"07": nb}, "", {})
    ["lesson 07: Discuss 'Which of the two readings do you trust, and why?' has no facilitator note"]
    >>> coverage_problems({"07": nb}, "", {"07": "lands later"})
    []
    >>> good = '### Lesson 07, Discuss: "Which of the two readings do you ..."'
    >>> coverage_problems({"07": nb}, good, {})
    []
    >>> coverage_problems({"07": nb}, good, {"07": "lands later"})
    ['lesson 07 is on the notes-pending list but every prompt has a note: remove it from NOTES_PENDING']
    """
    found: list[str] = []
    written = notes(markdown)
    used: set[int] = set()
    for number, nb in sorted(lessons.items()):
        missing = 0
        for kind, text in prompts(nb):
            hits = [
                i
                for i, (lesson, k, quote) in enumerate(written)
                if lesson == number and k == kind and _matches(quote, text)
            ]
            used.update(hits)
            if len(hits) > 1:
                found.append(f"lesson {number}: {kind} {text[:60]!r} has {len(hits)} notes")
            if not hits:
                missing += 1
                if number not in pending:
                    found.append(f"lesson {number}: {kind} {text[:60]!r} has no facilitator note")
        if number in pending and missing == 0:
            found.append(
                f"lesson {number} is on the notes-pending list but every prompt has a note: "
                "remove it from NOTES_PENDING"
            )
    for i, (lesson, kind, quote) in enumerate(written):
        if i not in used:
            found.append(
                f"note 'Lesson {lesson}, {kind}: {quote[:50]}' matches no prompt of lesson "
                f"{lesson} (the prompt was edited or removed, or the quote is under "
                f"{MIN_WORDS} words)"
            )
    return found


def _lessons() -> dict[str, dict[str, Any]]:
    return {p.name[:2]: json.loads(p.read_text(encoding="utf-8")) for p in LESSONS}


def test_every_prompt_has_a_facilitator_note() -> None:
    assert coverage_problems(_lessons(), NOTES.read_text(encoding="utf-8"), NOTES_PENDING) == []


def test_notes_pending_never_covers_the_first_lessons() -> None:
    assert not {f"{n:02d}" for n in range(7)} & set(NOTES_PENDING)
    assert all(reason.strip() for reason in NOTES_PENDING.values())


def test_a_stale_or_missing_note_is_reported() -> None:
    texts = (
        "**Discuss (3 minutes).** Old text of the prompt here.",
        "**Try this:**\n\n1. Move the slider to the right.",
    )
    nb = {"cells": [{"cell_type": "markdown", "source": text} for text in texts]}
    markdown = (
        '### Lesson 07, Discuss: "Old text of the prompt here."\n\n'
        '### Lesson 07, Try this: "Move the slider to the right."\n'
    )
    assert coverage_problems({"07": nb}, markdown, {}) == []
    nb["cells"][0]["source"] = "**Discuss (3 minutes).** New text of the prompt here."
    problems = coverage_problems({"07": nb}, markdown, {})
    assert "lesson 07: Discuss 'New text of the prompt here.' has no facilitator note" in problems
    assert any(p.startswith("note 'Lesson 07, Discuss: Old text") for p in problems)
    short = '### Lesson 07, Try this: "Move the slider"\n'
    assert any("under 6 words" in p for p in coverage_problems({"07": nb}, short, {}))


# --- act ids -------------------------------------------------------------------------------

ACT_ID = re.compile(
    r"\b(?:(?:L16|S20)-(?:X\d|\d{2})|D-\d{2}|U-[A-Z]{3}-\d{4}|R-[A-Z]{3}-\d{2,})(?:@[A-Z]{3})?\b"
)


def _known_act_ids() -> tuple[set[str], set[str]]:
    """(ids in evidence_acts.csv and region_acts.csv, ids of every row the library loads,
    derived ones included)."""
    from smallstate.evidence import course_evidence

    raw: set[str] = set()
    for name in ("evidence_acts.csv", "region_acts.csv"):
        with open(REPO / "datasets" / name, encoding="utf-8", newline="") as handle:
            raw |= {row["act_id"] for row in csv.DictReader(handle)}
    loaded = set(course_evidence()["act_id"]) | set(course_evidence("evidence_seeds")["act_id"])
    loaded |= set(course_evidence("region_acts")["act_id"])
    return raw, loaded


def test_cited_act_ids_exist() -> None:
    raw, loaded = _known_act_ids()
    unknown = []
    for path in PACK:
        for act in sorted(set(ACT_ID.findall(path.read_text(encoding="utf-8")))):
            base = act.split("@")[0]
            if base not in raw or ("@" in act and act not in loaded):
                unknown.append(f"{path.name}: {act}")
    assert unknown == []
    assert ACT_ID.findall("acts L16-09@CHN, S20-X1, D-14, U-KHM-5877 and R-PHL-15@CHN") == [
        "L16-09@CHN",
        "S20-X1",
        "D-14",
        "U-KHM-5877",
        "R-PHL-15@CHN",
    ]


# --- exemplars ------------------------------------------------------------------------------

GRADE_ROW = re.compile(r"^\| (\d) \| ([^|]+?) \| (\d+(?:\.\d+)?) / (\d+(?:\.\d+)?) \|", re.M)
TOTAL = re.compile(r"^\*\*Total: (\d+(?:\.\d+)?) / (\d+(?:\.\d+)?)\*\*", re.M)
LEVEL = re.compile(r"^## Exemplar \d: (strong|adequate|weak)\b", re.M)


def test_exemplars_are_graded_with_the_rubric() -> None:
    exercise = next(
        e
        for e in yaml.safe_load((INSTRUCTOR / "exercises" / "L04.yaml").read_text("utf-8"))[
            "exercises"
        ]
        if e["id"] == "L04.E4"
    )
    rubric = [float(item["points"]) for item in exercise["rubric"]]
    text = EXEMPLARS.read_text(encoding="utf-8")
    sections = re.split(r"^## Exemplar \d: ", text, flags=re.M)[1:]
    assert [m.group(1) for m in LEVEL.finditer(text)] == ["strong", "adequate", "weak"]
    totals: list[float] = []
    essays: list[str] = []
    for section in sections:
        rows = GRADE_ROW.findall(section)
        assert [int(r[0]) for r in rows] == list(range(1, len(rubric) + 1)), section[:40]
        assert [float(r[3]) for r in rows] == rubric, "maximum points differ from L04.yaml"
        points = [float(r[2]) for r in rows]
        assert all(0 <= p <= m for p, m in zip(points, rubric, strict=True))
        total = TOTAL.search(section)
        assert total is not None
        assert float(total.group(1)) == sum(points) and float(total.group(2)) == sum(rubric)
        totals.append(sum(points))
        essays.append(" ".join(line[2:] for line in section.splitlines() if line.startswith("> ")))
    assert totals[0] > totals[1] > totals[2]
    # the strong and the adequate answer keep to the prompt's 250-400 words
    for essay in essays[:2]:
        assert 250 <= len(essay.replace("**", "").split()) <= 400


# --- readings and syllabi --------------------------------------------------------------------


def _bibliography() -> dict[str, str]:
    """Bibliography key -> its ``pages`` field ("" when it has none)."""
    from smallstate.concepts import source

    with open(REPO / "datasets" / "bibliography.csv", encoding="utf-8", newline="") as handle:
        keys = [row["key"] for row in csv.DictReader(handle)]
    return {key: (source(key).pages or "") for key in keys}


PAGES = re.compile(r"pp\. (\d+)-(\d+)")
KEY = re.compile(r"`([a-z]+\d{4}[a-z]*)`")


def _within(pages: str, bib_pages: str) -> bool:
    first, last = (int(n) for n in re.findall(r"\d+", bib_pages)[:2])
    low, high = (int(n) for n in PAGES.search(pages).groups())  # type: ignore[union-attr]
    return first <= low <= high <= last


def test_readings_are_in_the_bibliography_and_pages_agree() -> None:
    bib = _bibliography()
    rows = re.findall(
        r"^\| `([a-z0-9]+)` \| [^|]+ \| ([^|]+) \|", READINGS.read_text("utf-8"), re.M
    )
    assert rows, "readings.md has no reading rows"
    for key, what in rows:
        assert key in bib, f"readings.md: {key} is not in datasets/references.bib"
        if PAGES.search(what) and bib[key]:
            assert _within(what, bib[key]), f"readings.md: {key} {what} vs bibliography {bib[key]}"
    listed = {key for key, _ in rows}
    for syllabus in SYLLABI:
        text = syllabus.read_text(encoding="utf-8")
        for key in KEY.findall(text):
            assert key in listed, f"{syllabus.name}: {key} is not in readings.md"
        for item in re.findall(r"[^;.(]*?pp\. \d+-\d+[^;]*?\(`[a-z0-9]+`\)", text):
            key = KEY.findall(item)[-1]
            if bib[key]:
                assert _within(item, bib[key]), f"{syllabus.name}: {item.strip()}"


WEEK = re.compile(r"^### Week (\d+): (.+)$", re.M)
FIELDS = ("Lessons", "Exercises", "Readings", "Assignment")
EXERCISE_ID = re.compile(r"\bL\d\d\.E\d+\b")
ID_RANGE = re.compile(r"\bL(\d\d)\.E(\d+)-L(\d\d)\.E(\d+)\b")
SHORT_RANGE = re.compile(r"\bL\d\d\.E\d+-E\d+\b")
RUNS_LESSON = re.compile(r"^- \*\*Lessons:\*\* lesson (\d\d),", re.M)


def _exercise_ids() -> set[str]:
    return {
        e["id"]
        for path in (INSTRUCTOR / "exercises").glob("L*.yaml")
        for e in yaml.safe_load(path.read_text(encoding="utf-8"))["exercises"]
    }


def exercise_id_problems(text: str, known: set[str]) -> list[str]:
    """Exercise ids a text cites that do not exist, ranges included (``L07.E1-L07.E5`` cites
    E1 to E5), and shortened ranges (``L07.E1-E5``), whose end no check could read.

    Examples
    --------
    >>> known = {"L07.E1", "L07.E2", "L07.E3"}
    >>> exercise_id_problems("L07.E1-L07.E3 and L07.E2", known)
    []
    >>> exercise_id_problems("L07.E1-L07.E4; L07.E1-E3", known)
    ['unknown exercise L07.E4', 'write the range L07.E1-E3 in full (L07.E1-L07.E3)']
    """
    found: list[str] = []
    cited = set(EXERCISE_ID.findall(text))
    for first, low, last, high in ID_RANGE.findall(text):
        if first != last or int(low) > int(high):
            found.append(f"range L{first}.E{low}-L{last}.E{high} is not one lesson's, in order")
            continue
        cited |= {f"L{first}.E{n}" for n in range(int(low), int(high) + 1)}
    found += [f"unknown exercise {e}" for e in sorted(cited - known)]
    for short in SHORT_RANGE.findall(text):
        lesson, rest = short.split(".", 1)
        low, high = rest.split("-")
        found.append(f"write the range {short} in full ({lesson}.{low}-{lesson}.{high})")
    return found


def test_syllabi_have_12_to_14_complete_weeks() -> None:
    exercise_ids = _exercise_ids()
    lessons = {p.name[:2] for p in LESSONS}
    assert len(SYLLABI) == 2
    for syllabus in SYLLABI:
        text = syllabus.read_text(encoding="utf-8")
        weeks = [int(n) for n, _ in WEEK.findall(text)]
        assert weeks == list(range(1, len(weeks) + 1)) and 12 <= len(weeks) <= 14, syllabus.name
        bodies = re.split(r"^### Week \d+: .+$", text, flags=re.M)[1:]
        for number, body in zip(weeks, bodies, strict=True):
            body = body.split("\n## ", 1)[0]
            for field in FIELDS:
                assert f"- **{field}:**" in body, f"{syllabus.name}: a week lacks {field}"
            where = f"{syllabus.name}, week {number}"
            assert exercise_id_problems(body, exercise_ids) == [], where
            # a week that runs a lesson names that lesson's exercises, which then exist
            runs = RUNS_LESSON.search(body)
            if runs:
                lesson = runs.group(1)
                assert lesson in lessons, f"{where}: lesson {lesson} has no notebook"
                assert any(e.startswith(f"L{lesson}.") for e in EXERCISE_ID.findall(body)), (
                    f"{where}: names no exercise of lesson {lesson}"
                )
    # every lesson of the course is run in some week of each syllabus
    for syllabus in SYLLABI:
        run = set(RUNS_LESSON.findall(syllabus.read_text(encoding="utf-8")))
        assert lessons <= run, f"{syllabus.name} runs no week of lessons {sorted(lessons - run)}"


def test_the_guides_plans_cite_exercises_that_exist() -> None:
    guide = (INSTRUCTOR / "README.md").read_text(encoding="utf-8")
    plans = guide.split("### Six-week module", 1)[1].split("### Present mode", 1)[0]
    assert exercise_id_problems(plans, _exercise_ids()) == []
    for lesson in re.findall(r"\bL(\d\d)\b(?!\.)", plans):
        assert (INSTRUCTOR / "exercises" / f"L{lesson}.yaml").is_file(), f"L{lesson}"


@pytest.mark.parametrize("path", PACK, ids=[p.name for p in PACK])
def test_pack_files_exist_and_are_linked_from_the_guide(path: Path) -> None:
    guide = (INSTRUCTOR / "README.md").read_text(encoding="utf-8")
    assert path.is_file()
    assert f"]({path.name})" in guide, f"instructor/README.md does not link {path.name}"


POINTS_LINE = re.compile(r"auto-checked points\s+per lesson:((?:\s*\d\d: \d+,?)+)")


def test_grading_scheme_points_match_the_exercise_files() -> None:
    """The scheme's auto-checked points per lesson are those of instructor/exercises/LNN.yaml."""
    text = (INSTRUCTOR / "grading-scheme.md").read_text(encoding="utf-8")
    found = POINTS_LINE.search(re.sub(r"\s+", " ", text))
    assert found, "grading-scheme.md: no 'auto-checked points per lesson: NN: P, ...' line"
    stated = {m[0]: int(m[1]) for m in re.findall(r"(\d\d): (\d+)", found.group(1))}
    actual: dict[str, int] = {}
    for path in sorted((INSTRUCTOR / "exercises").glob("L[0-9][0-9].yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        exercises = data["exercises"] if isinstance(data, dict) else data
        actual[path.stem[1:]] = sum(
            int(ex.get("points", 1)) for ex in exercises if "rubric" not in ex
        )
    assert stated == actual, f"grading-scheme.md states {stated}; the exercise files give {actual}"
