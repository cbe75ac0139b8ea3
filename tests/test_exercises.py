"""Self-checks, hashing, the bank, hints, rubrics, progress and the quiz widget."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smallstate.exercises import (
    UnknownExerciseError,
    check,
    clear_cache,
    exercise,
    hint,
    lesson_ids,
    progress,
    quiz,
    reset,
    rubric,
)
from smallstate.exercises.authoring import (
    ExerciseFileError,
    bank_is_current,
    load_authored,
    parse_exercises,
    to_bank_record,
)
from smallstate.exercises.bank import BANK_DIR
from smallstate.exercises.hashing import (
    accepted_numeric_keys,
    hash_key,
    normalise_label,
    normalise_text,
    numeric_key,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _fresh_session() -> None:
    reset()


# --- normalisation and hashing -------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Defiance ", "defiance"),
        ("Binding\n  Engagement", "binding engagement"),
        (True, "true"),
        ("ẞ", "ss"),
    ],
)
def test_normalise_text(raw: object, expected: str) -> None:
    assert normalise_text(raw) == expected


@pytest.mark.parametrize("raw", ["Soft-Bandwagoning", "soft bandwagoning", " soft__bandwagoning"])
def test_normalise_label_variants(raw: str) -> None:
    assert normalise_label(raw) == "soft_bandwagoning"


def test_hash_depends_on_salt_and_key() -> None:
    assert hash_key("a", "x") != hash_key("b", "x")
    assert hash_key("a", "x") != hash_key("a", "y")
    assert len(hash_key("a", "x")) == 64


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (10.0, True),
        (10.5, True),
        (9.5, True),
        (10.52, True),
        (10.53, False),
        (9.47, False),
        (11, False),
        ("10.3", True),
    ],
)
def test_numeric_tolerance_edges(value: object, ok: bool) -> None:
    assert (numeric_key(value, 0.5) in accepted_numeric_keys(10, 0.5)) is ok


def test_numeric_exact_ignores_float_noise() -> None:
    assert numeric_key(0.1 + 0.2, 0) == numeric_key(0.3, 0)
    assert numeric_key(1958, None) == numeric_key("1958.0", None)
    assert numeric_key(1958.4, 0) != numeric_key(1958, 0)


# --- check ---------------------------------------------------------------------------


def test_check_correct_variants() -> None:
    assert check("L00.E1", "defiance").status == "correct"
    assert check("L00.E1", " DEFIANCE ").passed
    assert check("L00.E1", "b").passed  # option letter
    assert check("L00.E2", "Soft-bandwagoning").passed
    assert check("L00.E2", "soft alignment").passed
    assert check("L00.E3", 1958).passed
    assert check("L00.E3", "1958").passed


def test_check_code_value_from_numpy_and_pandas() -> None:
    import numpy as np
    import pandas as pd

    assert check("L00.E3", np.int64(2010) - np.int64(52)).passed
    assert check("L00.E3", pd.Series([1958]).iloc[0]).passed
    assert not check("L00.E3", np.float64(1957)).passed
    assert check("L02.E4", np.float64(0.2667)).passed  # tolerance 0.01
    assert check("L00.E4", pd.Series(["hedging"]).iloc[0]).passed


@pytest.mark.parametrize("answer", [..., None, "", "   "])
def test_not_attempted_never_raises(answer: object) -> None:
    result = check("L00.E1", answer)
    assert result.status == "not attempted"
    assert result.hint == exercise("L00.E1").hints[0]


def test_incorrect_with_registered_feedback() -> None:
    result = check("L00.E1", "diversification")
    assert result.status == "incorrect"
    assert "diversification" in result.message and "criterion" in result.message
    assert "not defiance in" in check("L00.E2", "hedging").message
    assert "Partnership" in check("L00.E3", 2010).message


def test_incorrect_generic_gives_first_hint() -> None:
    result = check("L00.E2", "neutrality")
    assert result.status == "incorrect"
    assert result.message.startswith("Not quite.")
    assert result.hint == exercise("L00.E2").hints[0]


def test_unreadable_numeric_answer_is_incorrect_not_error() -> None:
    result = check("L00.E3", "nineteen fifty-eight")
    assert result.status == "incorrect" and "expected a number" in result.message


def test_unknown_id_lists_lesson_ids() -> None:
    with pytest.raises(UnknownExerciseError) as err:
        check("L00.E42", "x")
    for ex_id in lesson_ids("L00"):
        assert ex_id in str(err.value)
    with pytest.raises(UnknownExerciseError, match="ids look like"):
        check("hedging", "x")


def test_output_is_deterministic_and_rich() -> None:
    first, second = check("L00.E1", "deference"), check("L00.E1", "deference")
    assert repr(first) == repr(second) and first._repr_html_() == second._repr_html_()
    html = check("L00.E1", "defiance")._repr_html_()
    assert 'role="status"' in html and "correct" in html and "#009E73" in html
    first_line, why = repr(check("L00.E1", "defiance")).split("\n")
    assert first_line == "[correct] L00.E1: Correct, well done." and why.startswith("Why: ")


def test_open_question_is_recorded_and_rubric_shown() -> None:
    assert check("L00.E5", "Leng says ... Samath says ...").status == "recorded"
    assert check("L00.E5", ...).status == "not attempted"
    shown = rubric("L00.E5")
    assert shown.total == 4.0
    text = repr(shown)
    assert text.startswith("Rubric for L00.E5 (4 points):") and "defiance" in text
    assert "<li>" in shown._repr_html_()
    # the bank holds the model answer only sealed (tests/test_selfstudy.py checks every text)
    records = json.loads((BANK_DIR / "L00.json").read_text())["exercises"]
    sealed = next(r for r in records if r["id"] == "L00.E5")["sealed_model_answer"]
    assert sorted(sealed) == ["keys", "text"] and " " not in sealed["text"]


def test_hints_in_order_and_clamped() -> None:
    ex = exercise("L00.E1")
    assert hint("L00.E1").text == ex.hints[0]
    assert hint("L00.E1", 2).text == ex.hints[1]
    assert hint("L00.E1", 99).n == len(ex.hints)
    assert "Hint 1 of" in repr(hint("L00.E1"))


# --- progress ------------------------------------------------------------------------


def test_progress_counts_attempts_and_passes() -> None:
    assert progress().table.empty
    check("L00.E1", "deference")
    check("L00.E1", "defiance")
    check("L00.E2", "hedging")
    check("L00.E3", ...)
    report = progress()
    table = report.table.set_index("exercise_id")
    assert table.loc["L00.E1", "attempts"] == 2 and bool(table.loc["L00.E1", "passed"])
    assert table.loc["L00.E2", "status"] == "incorrect"
    assert table.loc["L00.E3", "attempts"] == 0
    assert (report.attempted, report.passed) == (2, 1)
    lesson = report.by_lesson().loc["L00"]
    assert lesson["points"] == 1.0 and lesson["max_points"] == 8.0
    assert "1 passed, 2 attempted" in repr(report) and "<table" in report._repr_html_()


# --- quiz widget ---------------------------------------------------------------------


def test_quiz_widget_in_kernel() -> None:
    q = quiz("L00.E1")
    assert "ss-quiz-options" in q.options._dom_classes
    assert "ss-quiz-check" in q.button._dom_classes
    assert "ss-quiz-feedback" in q.feedback._dom_classes
    q.button.click()
    assert "not attempted" in q.feedback.value
    q.options.value = "diversification"
    q.button.click()
    assert "incorrect" in q.feedback.value and "criterion" in q.feedback.value
    q.options.value = "defiance"
    q.button.click()
    assert "correct" in q.feedback.value and "incorrect" not in q.feedback.value
    assert progress().passed == 1


def test_quiz_refuses_exercise_without_options() -> None:
    with pytest.raises(ValueError, match="without options"):
        quiz("L00.E3")


# --- authoring and the packaged bank -------------------------------------------------


def test_packaged_bank_is_in_sync_with_instructor_yaml() -> None:
    problems = bank_is_current(load_authored(), BANK_DIR)
    assert problems == [], "\n".join(problems) + "\nrun: make bank"


def test_bank_holds_no_plain_answers() -> None:
    from smallstate.instructor import find_leaks

    exercises = [ex for lesson in load_authored() for ex in lesson.exercises]
    assert find_leaks(list(BANK_DIR.glob("*")), exercises) == []
    for ex in exercises:
        assert not ex.solution or ex.solution not in json.dumps(to_bank_record(ex))
    for path in BANK_DIR.glob("*.json"):
        for record in json.loads(path.read_text())["exercises"]:
            assert set(record) >= {"salt", "answer_hashes"}
            assert not {"answer", "solution", "hidden_tests", "model_answer"} & set(record)


def test_stale_bank_is_detected(tmp_path: Path) -> None:
    lessons = [lesson for lesson in load_authored() if lesson.lesson == "L00"]
    (tmp_path / "L00.json").write_text((BANK_DIR / "L00.json").read_text())
    assert bank_is_current(lessons, tmp_path) == []
    data = json.loads((tmp_path / "L00.json").read_text())
    data["exercises"][0]["answer_hashes"] = [hash_key(data["exercises"][0]["salt"], "deference")]
    (tmp_path / "L00.json").write_text(json.dumps(data))
    assert bank_is_current(lessons, tmp_path) == [
        f"{tmp_path / 'L00.json'} is out of date with L00.yaml"
    ]


def _minimal(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "L09.E1",
        "type": "label",
        "objective": "o",
        "prompt": "p",
        "answer": "hedging",
        "solution": "answer = 'hedging'",
    }
    base.update(fields)
    return {"lesson": "L09", "exercises": [base]}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"type": "essay"}, "field 'type'"),
        ({"id": "L9.E1"}, "must look like L04.E2"),
        ({"answer": None}, "missing field 'answer'"),
        ({"points": "many"}, "field 'points'"),
        ({"colour": "red"}, "unknown field"),
        ({"type": "choice", "options": ["a"]}, "two choices"),
        ({"type": "numeric", "answer": "soon"}, "expected a number"),
        ({"type": "open", "answer": None}, "rubric"),
    ],
)
def test_bad_exercise_files_name_the_place(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ExerciseFileError) as err:
        parse_exercises(_minimal(**fields), "my.yaml")
    assert str(err.value).startswith("my.yaml") and message in str(err.value)


def test_extra_exercises_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "lesson: L90\nexercises:\n  - id: L90.E1\n    type: numeric\n    objective: o\n"
        "    prompt: How many ASEAN members are there?\n    answer: 10\n    tolerance: 0\n"
        "    solution: answer = 10\n"
    )
    monkeypatch.setenv("SMALLSTATE_EXTRA_EXERCISES", str(extra))
    clear_cache()
    try:
        assert check("L90.E1", 10).passed and not check("L90.E1", 11).passed
        assert check("L00.E1", "defiance").passed  # the packaged bank is still there
    finally:
        monkeypatch.delenv("SMALLSTATE_EXTRA_EXERCISES")
        clear_cache()
