"""Custom (``--extra``) exercises: answer keys checked, clashes refused, leaks caught, hints."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest

from smallstate.cli import main as _main
from smallstate.exercises import check, load_exercises
from smallstate.exercises.bank import ENV_EXTRA, exercise
from smallstate.instructor import new_assignment, release_assignment
from smallstate.instructor.answer_keys import AnswerKeyError

ROOT = Path(__file__).resolve().parents[1]
FORMAT_PAGE = ROOT / "instructor" / "exercise-format.md"


def _example_yaml() -> str:
    """The complete example of the format page (its first ```yaml block)."""
    found = re.search(r"```yaml\n(.*?)```", FORMAT_PAGE.read_text(encoding="utf-8"), re.S)
    assert found, f"{FORMAT_PAGE} has no ```yaml example"
    return found.group(1)


def _instructor(argv: list[str]) -> int:
    return _main(["instructor", *argv])


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    path = tmp_path / "my_exercises.yaml"
    path.write_text(_example_yaml(), encoding="utf-8")
    return path


@pytest.fixture
def no_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_EXTRA, raising=False)


def test_the_format_page_example_builds_an_assignment(mine: Path, tmp_path: Path) -> None:
    course = tmp_path / "course"
    assert _instructor(["new", "quiz1", "--exercises", "L90", "--extra", str(mine),
                        "--course", str(course)]) == 0  # fmt: skip
    source = (course / "source" / "quiz1" / "quiz1.ipynb").read_text(encoding="utf-8")
    assert "L90.E1" in source and "L90.E2" in source and "Graded in parts" in source


def test_a_wrong_answer_key_stops_new_naming_the_exercise(
    mine: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = mine.read_text(encoding="utf-8")
    key = "answer: 10 "
    assert key in text
    mine.write_text(text.replace(key, "answer: 11 ", 1), encoding="utf-8")
    course = tmp_path / "course"
    status = _instructor(["new", "quiz1", "--exercises", "L90", "--extra", str(mine),
                          "--course", str(course)])  # fmt: skip
    err = capsys.readouterr().err
    assert status == 2
    assert f"L90.E1 ({mine})" in err and "does not accept what its worked solution computes" in err
    assert not (course / "source").exists()  # nothing was written
    with pytest.raises(AnswerKeyError, match=r"L90\.E1"):
        new_assignment("quiz1", "L90.E1", course, extra=[mine])


def test_a_feedback_answer_the_key_accepts_is_refused(mine: Path, tmp_path: Path) -> None:
    text = mine.read_text(encoding="utf-8")
    mine.write_text(text.replace("      9: ", "      10: ", 1), encoding="utf-8")
    with pytest.raises(AnswerKeyError, match="accepts 10, which its feedback calls wrong"):
        new_assignment("quiz1", "L90", tmp_path, extra=[mine])


def test_an_extra_id_that_clashes_with_a_course_exercise_is_refused(
    mine: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clash = tmp_path / "clash.yaml"
    clash.write_text(
        _example_yaml().replace("lesson: L90", "lesson: L00").replace("L90.E", "L00.E"),
        encoding="utf-8",
    )
    status = _instructor(["new", "x", "--exercises", "L00.E1", "--extra", str(clash),
                          "--course", str(tmp_path / "c")])  # fmt: skip
    err = capsys.readouterr().err
    assert status == 2 and f"{clash}: exercise id L00.E1 is already used by" in err
    assert _instructor(["bank", "--extra", str(clash), "--out", str(tmp_path / "b")]) == 2
    assert "L00.E1 is a course exercise" in capsys.readouterr().err


def test_a_forgotten_extra_gets_a_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _instructor(["new", "x", "--exercises", "L90", "--course", str(tmp_path)]) == 2
    assert "pass its file: --extra my_exercises.yaml" in capsys.readouterr().err


def test_the_learner_check_names_how_to_load_and_late_loading_works(
    mine: Path, tmp_path: Path, no_extra: None
) -> None:
    assert check("L00.E1", "defiance").passed  # the bank is loaded (and cached) first
    with pytest.raises(LookupError, match=r"load_exercises\('path/to/L90.json'\)") as err:
        check("L90.E1", 10)
    assert ENV_EXTRA in str(err.value)
    try:
        assert _instructor(["bank", "--extra", str(mine), "--out", str(tmp_path / "b")]) == 0
        assert load_exercises(tmp_path / "b" / "L90.json") == ["L90.E1", "L90.E2", "L90.E3"]
        assert check("L90.E1", 10).passed and not check("L90.E1", 11).passed
        assert check("L00.E1", "defiance").passed
    finally:
        import os

        os.environ.pop(ENV_EXTRA, None)
    with pytest.raises(LookupError):
        exercise("L90.E1")  # unloading works without clear_cache() as well


def test_a_learner_bank_reusing_a_course_id_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(ROOT / "smallstate" / "exercises" / "bank" / "L00.json", tmp_path / "L00.json")
    monkeypatch.setenv(ENV_EXTRA, str(tmp_path / "L00.json"))
    with pytest.raises(ValueError, match=r"L00\.E1 is already used by the course.s own exercises"):
        exercise("L00.E1")


@pytest.mark.slow
def test_the_release_leak_check_covers_extra_exercises(mine: Path, tmp_path: Path) -> None:
    course = tmp_path / "course"
    new_assignment("quiz1", "L90", course, extra=[mine], timeout=5)
    source = course / "source" / "quiz1" / "quiz1.ipynb"
    release_assignment("quiz1", course)  # clean: releases
    # an instructor edits the source and moves a solution line out of its block
    nb = nbformat.read(source, as_version=4)
    line = "members = len(FOUNDERS)"
    cell = next(c for c in nb.cells if "### BEGIN SOLUTION\n" + line in c.source)
    cell.source = cell.source.replace("### BEGIN SOLUTION\n" + line, line + "\n### BEGIN SOLUTION")
    nbformat.write(nb, source)
    with pytest.raises(ValueError, match=r"release leaks instructor material:\n.*solution of L90"):
        release_assignment("quiz1", course)
    assert _instructor(["release", "quiz1", "--course", str(course)]) == 2
