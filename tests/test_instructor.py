"""Assignments from the bank: structure, zero leaks on release, and safe grading of samples."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from smallstate.cli import main as _main
from smallstate.exercises.authoring import load_authored
from smallstate.exercises.bank import BANK_DIR
from smallstate.instructor import find_leaks, new_assignment, release_assignment
from smallstate.instructor.assignments import build_notebook, exercise_code

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "instructor" / "samples"
NAME = "hw00"
EVERYTHING = "every_exercise"
PARTS = "hw02"  # L02, whose exercise L02.E2 is graded in parts
CODING = "hw04"  # L04.E1, whose coding of each act is graded apart from the label


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
        parts = [graded[f"{ex.id.replace('.', '_')}_part{n}"] for n in range(1, len(ex.parts) + 1)]
        total = meta["points"] + sum(c.metadata["nbgrader"]["points"] for c in parts)
        assert total == ex.points and meta["schema_version"] == 3
        assert all(c.metadata["nbgrader"]["locked"] for c in parts)
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
        setup, solution, (test, *parts) = exercise_code(ex)
        scope: dict[str, object] = {}
        exec(setup, scope)
        exec(solution, scope)  # the instructor's version runs its worked solution
        for code in (test, *parts):
            exec(code, scope)
        for wrong, message in ex.feedback:
            scope = {"answer": wrong}
            with pytest.raises(AssertionError) as err:
                exec(test, scope)
            assert str(err.value) == message  # the authored feedback is what students see
        for code in parts:  # an unanswered part fails
            with pytest.raises(Exception):  # noqa: B017 - NameError, AttributeError, ...
                exec(code, {"answer": ..., **{n: ... for n in ("evidence", "acts", "members")}})


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
    new_assignment(PARTS, "L02", root, timeout=10)
    release_assignment(PARTS, root)
    new_assignment(CODING, "L04.E1", root, timeout=20)
    release_assignment(CODING, root)
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


@pytest.mark.slow
def test_grading_reports_misnamed_files_odd_folders_and_roster_typos(
    course: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    subs = tmp_path / "lms"
    for folder, sample, file in [
        ("amy", "right", f"{NAME} (1).ipynb"),  # renamed by the download
        ("erin.smith@uni.edu", "wrong", f"{NAME}.ipynb"),  # e-mail folder name
        ("Dan Lee", "right", f"{NAME}.ipynb"),  # not a valid id
    ]:
        (subs / folder).mkdir(parents=True)
        shutil.copy(SAMPLES / "submissions" / sample / f"{NAME}.ipynb", subs / folder / file)
    shutil.copy(SAMPLES / "submissions" / "right" / f"{NAME}.ipynb", subs / f"{NAME}.ipynb")
    roster = tmp_path / "roster.txt"
    roster.write_text("amy\nerin.smtih\ndan.lee\n", encoding="utf-8")
    status = instructor_main(
        ["grade", NAME, str(subs), "--course", str(course), "--timeout", "5",
         "--roster", str(roster)]
    )  # fmt: skip
    assert status == 0
    out, err = capsys.readouterr()
    assert "graded 2, failed 0, missing 2, unmatched 2" in out
    rows = {row["student_id"]: row for row in _read(course / "grades.csv")}
    assert sorted(rows) == ["amy", "dan.lee", "erin.smith", "erin.smtih"]
    assert (rows["amy"]["total"], rows["amy"]["status"]) == ("4", "graded")
    assert rows["amy"]["reason"] == f"graded '{NAME} (1).ipynb' (a renamed copy of {NAME}.ipynb)"
    assert rows["erin.smith"]["status"] == "graded"
    assert rows["erin.smith"]["reason"] == (
        "not on the roster (closest roster name: 'erin.smtih'); "
        "folder 'erin.smith@uni.edu' read as 'erin.smith'"
    )
    assert rows["erin.smtih"]["reason"] == (
        "no submission; closest submission without a roster name: 'erin.smith' "
        "(a typo in the roster?)"
    )
    assert rows["dan.lee"]["status"] == "missing" and "'Dan Lee'" in rows["dan.lee"]["reason"]
    unmatched = _read(course / "unmatched.csv")
    assert [(Path(u["path"]).name, u["closest_roster_name"]) for u in unmatched] == [
        ("Dan Lee", "dan.lee"),
        (f"{NAME}.ipynb", ""),
    ]
    assert "Dan Lee: folder name is not a valid student id" in err
    # the feedback shows the authored message for a known wrong answer, not the hidden tests
    html = (course / "feedback" / "erin.smith" / NAME / f"{NAME}.html").read_text()
    assert "Leng sees plenty of diversification" in html
    assert "BEGIN HIDDEN TESTS" not in html and "AssertionError" in html
    assert "----&gt;" not in html  # no traceback quoting the failing (hidden) line


@pytest.mark.slow
def test_feedback_shows_hidden_tests_when_asked(course: Path, tmp_path: Path) -> None:
    def grade(student: str, sample: str, *flags: str) -> str:
        subs = tmp_path / student
        (subs / student).mkdir(parents=True)
        shutil.copy(SAMPLES / "submissions" / sample / f"{NAME}.ipynb", subs / student)
        argv = ["grade", NAME, str(subs), "--course", str(course), "--timeout", "5", *flags]
        assert instructor_main(argv) == 0
        return (course / "feedback" / student / NAME / f"{NAME}.html").read_text()

    hidden = grade("early", "wrong")
    assert "BEGIN HIDDEN TESTS" not in hidden and "----&gt;" not in hidden
    shown = grade("late", "wrong", "--show-hidden-tests")
    assert "BEGIN HIDDEN TESTS" in shown and "Leng sees plenty of diversification" in shown
    assert "----&gt;" in shown  # full tracebacks
    # feedback made by an earlier run keeps the settings it was made with
    early = (course / "feedback" / "early" / NAME / f"{NAME}.html").read_text()
    assert early == hidden


def _unbound_names(code: str) -> set[str]:
    """Names ``code`` reads without binding them itself (and that are not builtins)."""
    import ast
    import builtins

    tree = ast.parse(code)
    bound: set[str] = set()
    read: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return read - bound - set(dir(builtins))


def test_assignment_exercises_stand_alone() -> None:
    """No prompt points at another exercise; what a solution takes from setup is introduced."""
    own = re.compile(r"\bL\d\d\.E\d+\b|\bexercises? \d+\b|\bE\d+\b", re.I)
    for ex in _authored():
        shown = "\n".join([ex.context, ex.prompt, ex.stub])
        others = [m for m in own.findall(shown) if m != ex.id]
        assert not others, f"{ex.id} refers to {others}: say what it needs instead"
        if ex.type == "open":
            continue
        needed = _unbound_names(ex.solution)
        assert needed <= _bound_by(ex.setup), f"{ex.id}: setup does not define {needed}"
        for name in needed:
            assert re.search(rf"\b{name}\b", shown), f"{ex.id}: context never introduces {name!r}"


def _bound_by(code: str) -> set[str]:
    scope: dict[str, object] = {}
    exec(code, scope)
    return set(scope)


@pytest.mark.slow
def test_partial_credit_on_the_hw02_samples(course: Path, tmp_path: Path) -> None:
    """L02.E2 gives 1 of 2 points for the evidence alone or the label alone; faking the display
    of numbers earns nothing (each part is a grade cell of its own, scored by its errors)."""
    samples = SAMPLES / PARTS
    status = instructor_main(
        ["grade", PARTS, str(samples / "submissions"), "--course", str(course), "--timeout", "10",
         "--roster", str(samples / "roster.txt")]
    )  # fmt: skip
    assert status == 0
    got = _read(course / "grades.csv")
    assert got == _read(samples / "expected_grades.csv")
    e2 = {row["student_id"]: row["L02.E2"] for row in got}
    assert e2 == {"blank": "0", "display_hack": "0", "evidence_only": "1", "label_only": "1",
                  "right": "2"}  # fmt: skip
    html = (course / "feedback" / "evidence_only" / PARTS / f"{PARTS}.html").read_text()
    assert "Soft balancing is Paul" in html and "BEGIN HIDDEN TESTS" not in html


@pytest.mark.slow
def test_the_coding_of_each_act_is_graded_on_the_hw04_samples(course: Path) -> None:
    """L04.E1: the coding earns 1 of 2 points, the label the other; a guessed label with report A
    miscoded earns only the label's point, and the feedback names the act that is off."""
    samples = SAMPLES / CODING
    status = instructor_main(
        ["grade", CODING, str(samples / "submissions"), "--course", str(course), "--timeout", "30",
         "--roster", str(samples / "roster.txt")]
    )  # fmt: skip
    assert status == 0
    got = _read(course / "grades.csv")
    assert got == _read(samples / "expected_grades.csv")
    e1 = {row["student_id"]: row["L04.E1"] for row in got}
    assert e1 == {"blank": "0", "coding_only": "1", "label_guessed": "1", "right": "2"}
    html = (course / "feedback" / "label_guessed" / CODING / f"{CODING}.html").read_text()
    assert "the coding of act_id A is off in" in html and "BEGIN HIDDEN TESTS" not in html


def test_find_leaks_reads_sealed_text_as_ciphertext(tmp_path: Path) -> None:
    # A short plain answer can stand between a "+" and a "/" of a sealed explanation's base64
    # by chance (a one-digit answer once did); ciphertext is blanked before the search, while
    # the same answer in plain text is still caught.
    exercises = _authored()
    sealed = tmp_path / "sealed.json"
    sealed.write_text('{"keys": ["0qY64GyM0mF5uMF8ueGQTXLipk5Mwuu++1958/PPuZ2Q339124X1EyeDk=="]}')
    assert find_leaks([sealed], exercises) == []
    plain = tmp_path / "plain.txt"
    plain.write_text("the relation dates from 1958")
    assert any("plain answer of L00.E3" in p for p in find_leaks([plain], exercises))
