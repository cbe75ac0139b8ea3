"""Hints are tiered: the first hint of an exercise never gives its answer or the code that
computes it (later hints may)."""

from __future__ import annotations

import re

import pytest

from smallstate.exercises.authoring import AuthoredExercise, load_authored

EXERCISES = [ex for lesson in load_authored() for ex in lesson.exercises if ex.type != "open"]
#: A call such as ``classify(...)`` or an assignment such as ``answer = ...``.
CODE = re.compile(r"[A-Za-z_][\w.]*\([^)]*\)|\b\w+\s*=\s*\S")


def first_hint_problems(hint: str, answers: list[str]) -> list[str]:
    """What a first hint gives away (empty list = nothing).

    Examples
    --------
    >>> first_hint_problems("Ask what the state is after: safety or gain.", ["bandwagoning"])
    []
    >>> first_hint_problems("Read it with classify(acts)['label'].", ["hedging"])
    ['code: classify(acts)']
    >>> first_hint_problems("The answer is 0.27.", ["0.27"])
    ['answer: 0.27']
    """
    found = [
        f"answer: {a}"
        for a in answers
        if re.search(rf"(?<![\w.]){re.escape(a)}(?!\w|\.\d)", hint, flags=re.IGNORECASE)
    ]
    code = CODE.search(hint)
    if code:
        found.append(f"code: {code.group(0)}")
    return found


def test_there_are_exercises_with_hints() -> None:
    assert sum(1 for ex in EXERCISES if ex.hints) >= 20


@pytest.mark.parametrize("ex", EXERCISES, ids=[ex.id for ex in EXERCISES])
def test_first_hint_gives_neither_answer_nor_code(ex: AuthoredExercise) -> None:
    assert ex.hints, f"{ex.id} has no hint"
    assert first_hint_problems(ex.hints[0], [str(a) for a in ex.answers]) == []
