"""Self-study feedback: explanations after a right answer, model answers after an attempt,
progress saved across sessions, and nothing of either readable in a graded release."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from smallstate.exercises import all_exercises, check, progress, progress_file, reset
from smallstate.exercises.authoring import (
    ExerciseFileError,
    load_authored,
    parse_exercises,
    reflow,
)
from smallstate.exercises.bank import BANK_DIR
from smallstate.exercises.progress import _SESSION_LESSONS
from smallstate.exercises.sealing import seal, unseal
from smallstate.exercises.store import ENV_FILE

AUTHORED = {ex.id: ex for lesson in load_authored() for ex in lesson.exercises}


@pytest.fixture
def progress_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "progress.json"
    monkeypatch.setenv(ENV_FILE, str(path))
    _SESSION_LESSONS.clear()
    yield path
    _SESSION_LESSONS.clear()


def _sentences(text: str) -> list[str]:
    """Sentences (and long clauses) of a text, whitespace-normalised, long enough to be unique."""
    flat = " ".join(text.split())
    return [s for s in re.split(r"(?<=[.;:])\s+", flat) if len(s) >= 25]


def _readable(path: Path) -> str:
    """All the text a reader of the file sees, whitespace-normalised: for JSON files (the bank,
    notebooks) every string value, with a notebook's multi-line sources joined."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix not in (".json", ".ipynb"):
        return " ".join(raw.split())
    parts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            parts.append(node)
        elif isinstance(node, list) and all(isinstance(x, str) for x in node):
            parts.append("".join(node))
        elif isinstance(node, list):
            for x in node:
                walk(x)
        elif isinstance(node, dict):
            for x in node.values():
                walk(x)

    walk(json.loads(raw))
    return " ".join(" ".join(parts).split())


# --- explanations and model answers ------------------------------------------------------


def test_every_exercise_has_an_explanation_or_a_model_answer() -> None:
    missing = [
        ex_id
        for ex_id, ex in AUTHORED.items()
        if not (ex.model_answer if ex.type == "open" else ex.explanation)
    ]
    assert missing == []
    assert all(all_exercises()[i].explanation for i, e in AUTHORED.items() if e.type != "open")


@pytest.mark.parametrize("ex_id", [i for i, e in AUTHORED.items() if e.type != "open"])
def test_right_answer_opens_the_explanation_and_wrong_ones_do_not(
    ex_id: str, progress_path: Path
) -> None:
    ex = AUTHORED[ex_id]
    coded = None
    if ex.coding is not None:  # an exercise that checks the coding too: the expected rows
        key, rows = ex.coding
        coded = [
            {key: row_id, **{c: v[0] for c, v in cols.items()}} for row_id, cols in rows.items()
        ]
    right = check(ex_id, ex.answers[0], coded=coded)
    assert right.status == "correct"
    assert right.explanation == " ".join(ex.explanation.split())
    assert f"Why: {right.explanation}" in repr(right) and "Why:" in right._repr_html_()
    for wrong, _ in ex.feedback:
        result = check(ex_id, wrong, coded=coded)
        assert result.status == "incorrect" and result.explanation == ""
    assert check(ex_id, ...).explanation == ""


def test_an_answer_within_the_tolerance_opens_the_explanation(progress_path: Path) -> None:
    tolerant = [e for e in AUTHORED.values() if e.tolerance]
    assert tolerant, "the bank has numeric exercises with a tolerance"
    for ex in tolerant:
        near = float(ex.answers[0]) + 0.9 * ex.tolerance
        far = float(ex.answers[0]) + 2 * ex.tolerance
        assert check(ex.id, near).explanation, ex.id
        assert check(ex.id, far).explanation == "", ex.id


@pytest.mark.parametrize("ex_id", [i for i, e in AUTHORED.items() if e.type == "open"])
def test_an_attempt_at_an_open_question_shows_its_model_answer(
    ex_id: str, progress_path: Path
) -> None:
    assert check(ex_id, ...).model_answer == ""
    assert check(ex_id, "   ").model_answer == ""
    result = check(ex_id, "My own reading: Cambodia defers to China but also binds it.")
    assert result.status == "recorded"
    assert result.model_answer == reflow(AUTHORED[ex_id].model_answer)
    assert "Model answer" in repr(result) and "<details>" in result._repr_html_()


def test_packaged_bank_holds_no_explanation_or_model_answer_in_readable_form() -> None:
    bank_text = " ".join(_readable(p) for p in sorted(BANK_DIR.glob("*.json")))
    secrets = [
        s for ex in AUTHORED.values() for s in _sentences(ex.explanation + " " + ex.model_answer)
    ]
    assert len(secrets) > 50
    assert [s for s in secrets if s in bank_text] == []


def test_sealing_rejects_other_keys_purposes_and_salts() -> None:
    sealed = seal("why it is so", "0a0b", ["defiance", "defiance_act"], "explanation")
    assert unseal(sealed, "0a0b", "defiance_act", "explanation") == "why it is so"
    assert unseal(sealed, "0a0c", "defiance", "explanation") is None
    assert unseal(sealed, "0a0b", "defiance", "model answer") is None
    assert unseal(sealed, "0a0b", "deference", "explanation") is None
    # deterministic: rebuilding an unchanged bank gives the same bytes
    assert seal("why it is so", "0a0b", ["defiance_act", "defiance"], "explanation") == sealed
    with pytest.raises(ValueError, match="purpose"):
        seal("x", "00", ["a"], "answer")


def test_explanation_field_is_validated() -> None:
    base = {"id": "L09.E1", "objective": "o", "prompt": "p"}
    open_q = dict(base, type="open", rubric=[{"criterion": "c", "points": 1}], explanation="e")
    with pytest.raises(ExerciseFileError, match=r"x.yaml, exercise 1 \(L09.E1\).*explanation"):
        parse_exercises({"lesson": "L09", "exercises": [open_q]}, "x.yaml")
    label = dict(base, type="label", answer="hedging", solution="s", explanation=["a", "list"])
    with pytest.raises(ExerciseFileError, match="field 'explanation' must be text"):
        parse_exercises({"lesson": "L09", "exercises": [label]}, "x.yaml")


# --- progress across sessions ------------------------------------------------------------


def test_progress_is_saved_and_read_back(progress_path: Path) -> None:
    check("L00.E1", "deference")
    check("L00.E1", "defiance")
    check("L00.E2", ...)  # not an attempt: nothing saved for it
    saved = json.loads(progress_path.read_text())["exercises"]
    assert saved == {
        "L00.E1": {"lesson": "L00", "attempts": 2, "status": "correct", "passed": True}
    }
    _SESSION_LESSONS.clear()  # as after a kernel restart
    table = progress().table.set_index("exercise_id")
    assert table.loc["L00.E1", "attempts"] == 2 and bool(table.loc["L00.E1", "passed"])
    assert table.loc["L00.E2", "status"] == "not attempted"
    assert progress_file() == progress_path


def test_progress_survives_a_new_python_process(progress_path: Path) -> None:
    env = dict(os.environ, **{ENV_FILE: str(progress_path)})
    code = (
        "import smallstate.exercises as e; e.check('L03.E2', 'no act'); e.check('L03.E5', 'mine')"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=120)
    code = "import smallstate.exercises as e; print(repr(e.progress()))"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    ).stdout
    n_l03 = len([i for i in AUTHORED if i.startswith("L03")])
    points = sum(e.points for i, e in AUTHORED.items() if i.startswith("L03"))
    head, line = out.splitlines()
    assert head == "Progress: 1 passed, 2 attempted"
    assert re.fullmatch(
        rf"  L03: 1(\.0)? of {n_l03}(\.0)? passed, "
        rf"{AUTHORED['L03.E2'].points:g} of {points:g} points",
        line,
    ), line


def test_reset_forgets_one_lesson_or_everything(progress_path: Path) -> None:
    check("L00.E1", "defiance")
    check("L03.E2", "no act")
    reset("L03")
    assert set(json.loads(progress_path.read_text())["exercises"]) == {"L00.E1"}
    assert set(progress().table["lesson"]) == {"L00"}
    reset()
    assert not progress_path.exists()
    assert progress().table.empty


def test_an_unreadable_progress_file_is_set_aside_with_a_warning(progress_path: Path) -> None:
    progress_path.parent.mkdir(parents=True)
    progress_path.write_text("{not json")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = check("L00.E1", "defiance")
    assert result.passed
    assert any(str(progress_path) in str(w.message) for w in caught)
    assert (progress_path.parent / "progress.json.bad").read_text() == "{not json"
    assert json.loads(progress_path.read_text())["exercises"]["L00.E1"]["passed"] is True


def test_an_unwritable_progress_folder_keeps_check_working(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(ENV_FILE, str(blocker / "progress.json"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert check("L00.E1", "defiance").passed
    assert any("cannot save progress" in str(w.message) for w in caught)


# --- a graded release (nbgrader) ---------------------------------------------------------


@pytest.mark.slow
def test_graded_release_holds_no_explanation_or_model_answer(tmp_path: Path) -> None:
    from smallstate.instructor import new_assignment, release_assignment

    new_assignment("graded", "all", tmp_path, timeout=5)
    release = release_assignment("graded", tmp_path)
    released = [p for p in release.rglob("*") if p.is_file()]
    assert released, "the release holds the student notebook"
    student_files = released + sorted(BANK_DIR.glob("*.json"))
    texts = {p: _readable(p) for p in student_files}
    explanations = [s for ex in AUTHORED.values() for s in _sentences(ex.explanation)]
    models = [s for ex in AUTHORED.values() for s in _sentences(ex.model_answer)]
    leaks = [
        f"{p.name}: {what}: {s!r}"
        for p, text in texts.items()
        for what, sentences in (("explanation", explanations), ("model answer", models))
        for s in sentences
        if s in text
    ]
    assert leaks == []
    # The scan is not vacuous: the instructor's source notebook holds the model answers.
    source = _readable(tmp_path / "source" / "graded" / "graded.ipynb")
    assert [s for s in models if s not in source] == []
