"""Grading runs nbgrader in one child process per student: a hang or a crash stays in that row.

Fast: the child command is replaced by a tiny Python program, so no course is needed (the
real nbgrader runs are in tests/test_instructor.py).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from smallstate.instructor import grading

SAMPLES = Path(__file__).resolve().parents[1] / "instructor" / "samples" / "submissions"
NAME = "hw00"
IDS = ["L00.E1", "L00.E2"]
MAXIMA = {"L00.E1": 1.0, "L00.E2": 2.0}
CONFIG = {"db_url": "sqlite:///unused.db", "course_id": "c", "timeout": 5}


@pytest.fixture
def child(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    real = grading._nbgrader
    seen: list[list[str]] = []

    def use(code: str) -> list[list[str]]:
        def fake(command: str, *args: str, **config: object) -> list[str]:
            seen.append(real(command, *args, **config))  # type: ignore[arg-type]
            return [sys.executable, "-c", code]

        monkeypatch.setattr(grading, "_nbgrader", fake)
        return seen

    return use


def _one(tmp_path: Path, student: str, wall: float = 60.0) -> grading.StudentResult:
    course = tmp_path / "course"
    course.mkdir(exist_ok=True)
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    notebook = SAMPLES / "right" / f"{NAME}.ipynb"
    return grading._grade_one(
        NAME, student, notebook, work, course, IDS, MAXIMA, CONFIG, wall, SAMPLES
    )


def test_the_child_gets_the_course_configuration_on_its_command_line(child, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seen = child("raise SystemExit(0)")
    row = _one(tmp_path, "amy")
    argv = seen[0]
    assert argv[:5] == [sys.executable, "-m", "nbgrader", "autograde", NAME]
    assert "--student=amy" in argv and "--force" in argv
    root = tmp_path / "work" / "amy" / "course"
    assert f"--CourseDirectory.root={root}" in argv
    assert "--Execute.timeout=5" in argv and "--CourseDirectory.db_url=sqlite:///unused.db" in argv
    # the submission was copied into the student's own temp course folder
    assert (root / "submitted" / "amy" / NAME / f"{NAME}.ipynb").is_file()
    # the child "succeeded" but produced no autograded notebook
    assert (row.status, row.reason) == ("failed", "nbgrader autograde failed")
    assert row.total == 0 and row.max_score == 3.0


def test_a_hanging_child_is_stopped_and_reported(child, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    child("import time; time.sleep(60)")
    row = _one(tmp_path, "slow", wall=1.0)
    assert row.status == "failed"
    assert row.reason == "grading took longer than 1 s and was stopped"


def test_a_crashing_child_is_reported(child, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    child("import os; os.abort()")
    row = _one(tmp_path, "boom")
    assert (row.status, row.reason) == ("failed", "the grading process crashed (signal 6)")


def test_a_failing_child_reports_its_last_log_line(child, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    child("import sys; print('[AutogradeApp | ERROR] first', file=sys.stderr); "
          "print('[AutogradeApp | ERROR] last words', file=sys.stderr); sys.exit(1)")  # fmt: skip
    row = _one(tmp_path, "bad")
    assert (row.status, row.reason) == ("failed", "[AutogradeApp | ERROR] last words")


def test_missing_and_malformed_never_start_a_child(child, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seen = child("raise SystemExit(0)")
    missing = grading._grade_one(
        NAME, "zoe", None, tmp_path, tmp_path, IDS, MAXIMA, CONFIG, 60, tmp_path
    )
    assert (missing.status, missing.reason) == ("missing", "no submission")
    bad = tmp_path / "bad.ipynb"
    shutil.copy(SAMPLES / "malformed" / f"{NAME}.ipynb", bad)
    malformed = grading._grade_one(
        NAME, "mal", bad, tmp_path, tmp_path, IDS, MAXIMA, CONFIG, 60, tmp_path
    )
    assert (malformed.status, malformed.reason) == ("failed", "malformed notebook: not valid JSON")
    assert seen == []
