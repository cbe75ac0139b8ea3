"""The quiz's static HTML+JS fallback (the course website) holds hashes, never an answer.

For every ``choice``/``label`` exercise in the bank: the form carries the salt and every hash the
checker needs, is deterministic, and does not depend on which option is right (moving the answer
hash to another option changes nothing but that hash). The instructor's plain answers
(instructor/exercises/*.yaml) appear only as options (like every other option) and its worked
solutions not at all.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path

import pytest

from smallstate.exercises.authoring import AuthoredExercise, read_exercise_file
from smallstate.exercises.bank import all_exercises
from smallstate.exercises.hashing import answer_key, hash_key
from smallstate.exercises.model import Exercise
from smallstate.exercises.quiz import quiz
from smallstate.exercises.static_quiz import static_quiz_html

REPO = Path(__file__).resolve().parents[1]
QUIZZES = [ex for ex in all_exercises().values() if ex.options]
_DATA = re.compile(r'<script type="application/json" class="ss-squiz-data">(.*?)</script>', re.S)


def _data(page: str) -> dict[str, object]:
    found = _DATA.search(page)
    assert found is not None
    return dict(json.loads(found.group(1)))


def _hash(ex: Exercise, option: str) -> str:
    return hash_key(ex.salt, answer_key(option, ex.match))


def _instructor_exercises() -> dict[str, AuthoredExercise]:
    found: dict[str, AuthoredExercise] = {}
    for path in sorted((REPO / "instructor" / "exercises").glob("*.yaml")):
        for ex in read_exercise_file(path).exercises:
            found[ex.id] = ex
    return found


def test_there_are_quizzes_to_check() -> None:
    assert len(QUIZZES) >= 10


@pytest.mark.parametrize("ex", QUIZZES, ids=lambda ex: ex.id)
def test_form_holds_salt_hashes_and_feedback(ex: Exercise) -> None:
    page = static_quiz_html(ex)
    assert page == static_quiz_html(ex)  # deterministic
    for css in ("ss-squiz", "ss-squiz-check", "ss-squiz-feedback"):
        assert f'class="{css}"' in page
    data = _data(page)
    assert data["salt"] == ex.salt and data["match"] == ex.match
    assert data["answers"] == sorted(ex.answer_hashes)
    assert set(data["feedback"]) == {rule.answer_hash for rule in ex.feedback}  # type: ignore[arg-type]
    for option in ex.options:
        assert html.escape(option) in page
    assert any(_hash(ex, option) in ex.answer_hashes for option in ex.options)


@pytest.mark.parametrize("ex", QUIZZES, ids=lambda ex: ex.id)
def test_form_does_not_depend_on_which_option_is_right(ex: Exercise) -> None:
    """Give the answer hash to a wrong option: only the hash strings may change."""
    page = static_quiz_html(ex)
    wrong = next(o for o in ex.options if _hash(ex, o) not in ex.answer_hashes)
    moved = dataclasses.replace(
        ex,
        answer_hashes=(_hash(ex, wrong),),
        feedback=tuple(r for r in ex.feedback if r.answer_hash != _hash(ex, wrong)),
    )
    other = static_quiz_html(moved)
    strip = re.compile(r'"answers": \[[^\]]*\]|"[0-9a-f]{64}": "(?:[^"\\]|\\.)*",? ?')
    assert strip.sub("", page) == strip.sub("", other)


def test_plain_answers_and_solutions_appear_only_as_options() -> None:
    instructor = _instructor_exercises()
    assert instructor, "no instructor/exercises/*.yaml in this checkout"
    checked = 0
    for ex in QUIZZES:
        source = instructor.get(ex.id)
        if source is None:
            continue
        page = static_quiz_html(ex)
        data = _data(page)
        # Outside the option labels and the "one of: <all options>" message, no answer text.
        rest = page.replace(str(data["wrong"]), "")
        for option in ex.options:
            rest = rest.replace(html.escape(option), "")
        for answer in source.answers:
            for form in {str(answer), str(answer).replace("_", " ")}:
                assert form.casefold() not in html.unescape(rest).casefold(), (ex.id, form)
        for line in source.solution.splitlines():
            line = line.strip().lstrip("#").strip()
            if len(line) > 20:
                assert line not in html.unescape(page), (ex.id, line)
        checked += 1
    assert checked > 0


def test_quiz_bundle_has_widget_view_and_static_form() -> None:
    data = quiz("L00.E1")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data["text/html"] == static_quiz_html(all_exercises()["L00.E1"])
