"""Assignments from the bank: structure, zero leaks on release, and safe grading of samples."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from smallstate.cli import main as _main
from smallstate.exercises.authoring import load_authored
from smallstate.exercises.bank import BANK_DIR
from smallstate.instructor import find_leaks, new_assignment, release_assignment
from smallstate.instructor.assignments import build_notebook

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "instructor" / "samples"
NAME = "hw00"
EVERYTHING = "every_exercise"


def instructor_main(argv: list[str]) -> int:
    return _main(["instructor", *argv])


def _authored() -> list:
    return [ex for lesson in load_authored() for ex in lesson.exercises]


def _salts() -> list[str]:
    return [
        record["salt"]
        for path in BANK_DIR.glob("*.json")
        for record in json.loads(path.read_text())["exercises"]
    ]


# --- fast: building the source notebook --------------------------------------------------


def test_source_notebook_cells_carry_nbgrader_metadata() -> None:
    exercises = _authored()
    nb = build_notebook("demo", exercises)
    graded = {
        c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if c.metadata["nbgrader"]["grade"]
    }
    for ex in exercises:
        cell = graded[ex.id.replace(".", "_")]
        meta = cell.metadata["nbgrader"]
        assert meta["points"] == ex.points and meta["schema_version"] == 3
        if ex.type == "open":
            assert cell.cell_type == "markdown" and meta["solution"] is True
            assert ex.model_answer.splitlines()[0] in cell.source
        else:
            assert cell.cell_type == "code" and meta["locked"] is True
            assert "### BEGIN HIDDEN TESTS" in cell.source and "### END HIDDEN TESTS" in cell.source
    answers = {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in nb.cells
        if c.metadata["nbgrader"]["grade_id"].endswith("_answer")
    }
    for ex in exercises:
        if ex.type != "open":
            source = answers[ex.id.replace(".", "_") + "_answer"]
            assert source.startswith(ex.stub or "answer = ...")
            assert "### BEGIN SOLUTION" in source and "### END SOLUTION" in source


def test_generated_hidden_tests_pass_the_solution_and_fail_wrong_answers() -> None:
    """Run each setup + solution + test cell in a fresh namespace (what nbgrader does).

    A worked solution may only use names its own ``setup`` defines, not the lesson's.
    """
    for ex in _authored():
        if ex.type == "open":
            continue
        nb = build_notebook("demo", [ex])
        *setup, solution, test = (c.source for c in nb.cells if c.cell_type == "code")
        scope: dict[str, object] = {}
        for code in setup:
            exec(code, scope)
        exec(solution, scope)  # the instructor's version runs its worked solution
        exec(test, scope)
        for wrong, _message in ex.feedback:
            scope = {"answer": wrong}
            with pytest.raises(AssertionError):
                exec(test, scope)


def test_unknown_exercise_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = instructor_main(["new", "x", "--exercises", "L00.E77", "--course", str(tmp_path)])
    assert status == 2
    assert "in lesson L00; known: 'L00.E1'" in capsys.readouterr().err


def test_bank_check_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert instructor_main(["bank", "--check"]) == 0
    assert "is current" in capsys.readouterr().out


def test_find_leaks_catches_a_planted_leak(tmp_path: Path) -> None:
    exercises = _authored()
    clean = tmp_path / "clean.txt"
    clean.write_text("Year 1952 and id L00.E4; options: deference, defiance")
    assert find_leaks([clean], exercises) == []
    leaky = tmp_path / "leaky.txt"
    leaky.write_text("the position is 0.27 on Kuik's line")
    assert any("plain answer of L02.E4" in p for p in find_leaks([leaky], exercises))
    salted = tmp_path / "salted.txt"
    salted.write_text(_salts()[0])
    assert find_leaks([salted], exercises, _salts())


# --- slow: release and grading (nbgrader) -------------------------------------------------


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("course")
    new_assignment(NAME, "L00", root, timeout=5)
    release_assignment(NAME, root)
    new_assignment(EVERYTHING, "all", root, timeout=5)
    release_assignment(EVERYTHING, root)
    return root


@pytest.mark.slow
def test_release_of_every_exercise_leaks_nothing(course: Path) -> None:
    released = [p for p in (course / "release" / EVERYTHING).rglob("*") if p.is_file()]
    assert [p.name for p in released] == [f"{EVERYTHING}.ipynb"]
    assert find_leaks(released, _authored(), _salts()) == []
    text = released[0].read_text()
    assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
    assert "Model answer" not in text
    # the instructor's source does hold them (the scan is not vacuous)
    assert find_leaks([course / "source" / EVERYTHING / f"{EVERYTHING}.ipynb"], _authored())


def test_packaged_bank_files_hold_no_plain_answers() -> None:
    bank_files = list(BANK_DIR.glob("*"))
    assert bank_files
    assert find_leaks(bank_files, _authored()) == []


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.slow
def test_grading_samples_matches_expected(course: Path, tmp_path: Path) -> None:
    submissions = tmp_path / "submissions"
    shutil.copytree(SAMPLES / "submissions", submissions)
    db_before = (course / "gradebook.db").stat().st_size
    status = instructor_main(
        ["grade", NAME, str(submissions), "--course", str(course), "--timeout", "5",
         "--roster", str(SAMPLES / "roster.txt")]
    )  # fmt: skip
    assert status == 0
    got = _read(course / "grades.csv")
    expected = _read(SAMPLES / "expected_grades.csv")
    assert got == expected
    # every graded student has feedback; the hostile ones damaged nothing outside their copy
    for row in got:
        html = course / "feedback" / row["student_id"] / NAME / f"{NAME}.html"
        assert html.is_file() is (row["status"] == "graded"), row["student_id"]
    assert (course / "source" / NAME / f"{NAME}.ipynb").is_file()
    assert (course / "release" / NAME / f"{NAME}.ipynb").is_file()
    assert (course / "gradebook.db").stat().st_size >= db_before
    assert sorted(p.name for p in submissions.iterdir()) == sorted(
        p.name for p in (SAMPLES / "submissions").iterdir()
    )
    assert (submissions / "deletes_files" / f"{NAME}.ipynb").is_file()
    assert (course / "nbgrader_export.csv").is_file()
