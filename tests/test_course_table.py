"""The instructor guide's course table is written from the lessons and cannot go stale."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "course_table", REPO / "tools" / "course_table.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_guide_table_matches_the_lessons() -> None:
    tool = _tool()
    text = tool.GUIDE.read_text(encoding="utf-8")
    assert tool.updated(text) == text, "instructor/README.md: run tools/course_table.py"
    for line in tool.table().splitlines()[2:]:
        assert "| ready |" in line  # every lesson the README lists exists


def test_every_lesson_plan_adds_up() -> None:
    tool = _tool()
    for notebook in sorted((REPO / "lessons").glob("[0-9][0-9]_*.ipynb")):
        total, parts = tool.lesson_plan(notebook)
        assert sum(parts) == total and len(parts) >= 3


def _notebook(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "99_test.ipynb"
    cell = {"cell_type": "markdown", "metadata": {}, "source": [text]}
    path.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4}), "utf-8")
    return path


def test_a_plan_that_does_not_add_up_is_refused(tmp_path: Path) -> None:
    tool = _tool()
    good = "**Seminar plan (about 30 minutes).** 10 min a; 20 min b."
    assert tool.lesson_plan(_notebook(tmp_path, good)) == (30, [10, 20])
    bad = "**Seminar plan (about 30 minutes).** 10 min a; 15 min b."
    with pytest.raises(tool.PlanError, match="add up to 25"):
        tool.lesson_plan(_notebook(tmp_path, bad))
    with pytest.raises(tool.PlanError, match="no '\\*\\*Seminar plan"):
        tool.lesson_plan(_notebook(tmp_path, "No plan here."))


def test_a_stale_table_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tool = _tool()
    guide = tmp_path / "README.md"
    guide.write_text(f"x\n{tool.BEGIN}\n| old |\n{tool.END}\ny\n", encoding="utf-8")
    monkeypatch.setattr(tool, "GUIDE", guide)
    assert tool.main(["--check"]) == 1
    assert tool.main([]) == 0
    assert tool.main(["--check"]) == 0


def _section(text: str, heading: str) -> str:
    return text.split(heading, 1)[1].split("\n### ", 1)[0]


def test_the_guides_plans_use_the_lesson_times() -> None:
    """The six-week module and the single seminar take each lesson's time from its seminar
    plan, and every session adds up to its 90 minutes."""
    tool = _tool()
    text = tool.GUIDE.read_text(encoding="utf-8")
    notebooks = {p.name[:2]: p for p in (REPO / "lessons").glob("[0-9][0-9]_*.ipynb")}
    six = _section(text, "### Six-week module (one 90-minute seminar a week)")
    rows = re.findall(r"^\| (\d) \| [^|]+ \| (.+) \|$", six, re.M)
    assert [int(week) for week, _ in rows] == [1, 2, 3, 4, 5, 6]
    for week, cell in rows:
        taught = re.findall(r"lesson (\d\d) \((\d+) min\)", cell)
        assert taught, f"week {week} names no lesson with its time"
        for number, minutes in taught:
            assert int(minutes) == tool.lesson_plan(notebooks[number])[0], (week, number)
        assert sum(int(m) for m in re.findall(r"(\d+) min\b", cell)) == 90, f"week {week}"
    # the note on lessons 07-09 under the table gives their plans' times too
    for number, minutes in re.findall(r"lesson (\d\d)\s+\((\d+) min\)", six):
        assert int(minutes) == tool.lesson_plan(notebooks[number])[0], ("six-week", number)
    single = _section(text, "### A single seminar (90 minutes)")
    steps = re.findall(r"^\d\. (\d+) min: (.*?)(?=^\d\. |\Z)", single, re.M | re.S)
    assert sum(int(minutes) for minutes, _ in steps) == 90
    for minutes, step in steps:
        match = re.match(r"lesson (\d\d) projected", step)
        if match is None:
            continue
        plan = json.loads(notebooks[match.group(1)].read_text(encoding="utf-8"))
        plan_text = " ".join(
            "".join(c["source"]) for c in plan["cells"] if c["cell_type"] == "markdown"
        )
        plan_text = re.sub(r"\s+", " ", plan_text)
        parts = re.findall(r"([a-z][a-z ]+?) \((\d+) min\)", re.sub(r"\s+", " ", step))
        assert parts and sum(int(m) for _, m in parts) == int(minutes)
        for name, part_minutes in parts:
            name = re.sub(r"^(?:plan: |and )", "", name.strip())
            assert f"{part_minutes} min {name}" in plan_text, (name, part_minutes)


SYLLABUS_LESSON = re.compile(r"^- \*\*Lessons:\*\* lesson (\d\d), ([^(\n]+?) \((\d+) min\b", re.M)


def test_the_syllabi_use_the_lesson_times() -> None:
    """A syllabus week that runs a lesson gives it the title and time of its seminar plan (the
    course table's), so a syllabus cannot keep a stale time or a lesson's working title."""
    tool = _tool()
    notebooks = {p.name[:2]: p for p in (REPO / "lessons").glob("[0-9][0-9]_*.ipynb")}
    titles = {
        row.split(" | ")[0].strip("| "): row.split(" | ")[1]
        for row in tool.table().splitlines()[2:]
    }
    syllabi = sorted((REPO / "instructor").glob("syllabus-*.md"))
    assert len(syllabi) == 2
    for syllabus in syllabi:
        text = syllabus.read_text(encoding="utf-8")
        weeks = re.findall(r"^- \*\*Lessons:\*\* lesson (\d\d),", text, re.M)
        timed = SYLLABUS_LESSON.findall(text)
        assert [n for n, _, _ in timed] == weeks, f"{syllabus.name}: a lesson without its time"
        for number, title, minutes in timed:
            where = f"{syllabus.name}: lesson {number}"
            assert int(minutes) == tool.lesson_plan(notebooks[number])[0], where
            assert title == titles[number], f"{where}: title {title!r}, not {titles[number]!r}"
