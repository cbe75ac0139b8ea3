"""Self-checks: compare a learner's answer with the hashed bank and say what to do next.

Examples
--------
>>> check("L00.E1", ...)
[not attempted] L00.E1: Not attempted yet: replace ... with your answer and run the cell again.
Hint: Look for the sentence in which Leng says what hedging normally combines.
>>> check("L00.E1", "Defiance").status
'correct'
"""

from __future__ import annotations

from typing import Any

from smallstate.exercises.bank import exercise
from smallstate.exercises.feedback import CheckResult, Hint, Rubric
from smallstate.exercises.hashing import answer_key, hash_key
from smallstate.exercises.model import Exercise
from smallstate.exercises.progress import record as _record
from smallstate.exercises.sealing import ATTEMPT_KEY, unseal

__all__ = ["check", "hint", "rubric"]

_NOT_ATTEMPTED = "Not attempted yet: replace ... with your answer and run the cell again."


def _first_hint(ex: Exercise) -> str:
    return ex.hints[0] if ex.hints else ""


def _resolve_choice(ex: Exercise, answer: Any) -> Any:
    """Let a learner answer a choice question with the option's letter (a, b, ...)."""
    if ex.type == "choice" and isinstance(answer, str):
        letter = answer.strip().casefold().rstrip(")")
        if len(letter) == 1 and "a" <= letter < chr(ord("a") + len(ex.options)):
            return ex.options[ord(letter) - ord("a")]
    return answer


def _evaluate(ex: Exercise, answer: Any) -> CheckResult:
    if answer is None or answer is ... or (isinstance(answer, str) and not answer.strip()):
        return CheckResult(ex.id, "not attempted", _NOT_ATTEMPTED, _first_hint(ex))
    if ex.type == "open":
        model = unseal(ex.model_answer, ex.salt, ATTEMPT_KEY, "model answer") or ""
        message = (
            "Answer noted. Open questions are not checked automatically: compare your answer "
            f'with the criteria shown by rubric("{ex.id}")'
            + (" and with the model answer below." if model else ".")
        )
        return CheckResult(ex.id, "recorded", message, model_answer=model)
    try:
        key = answer_key(_resolve_choice(ex, answer), ex.match, ex.tolerance)
    except ValueError as err:
        return CheckResult(
            ex.id, "incorrect", f"Could not read your answer: {err}.", _first_hint(ex)
        )
    digest = hash_key(ex.salt, key)
    if digest in ex.answer_hashes:
        why = unseal(ex.explanation, ex.salt, key, "explanation") or ""
        return CheckResult(ex.id, "correct", "Correct, well done.", explanation=why)
    for rule in ex.feedback:
        if rule.answer_hash == digest:
            return CheckResult(ex.id, "incorrect", rule.message, "")
    message = "Not quite."
    if ex.options:
        message += " The answer is one of: " + ", ".join(ex.options) + "."
    return CheckResult(ex.id, "incorrect", message, _first_hint(ex))


def check(exercise_id: str, answer: Any) -> CheckResult:
    """Check an answer against the bank and record the attempt for :func:`progress`.

    Parameters
    ----------
    exercise_id : str
        ``LNN.EK``. An unknown id raises ``UnknownExerciseError`` listing the lesson's ids.
    answer : object
        Text, a number, or a value computed by code (a pandas cell, a numpy scalar).
        ``...`` or ``None`` means "not attempted": ``check`` never raises on the answer.

    Returns
    -------
    CheckResult
        Status ``correct``, ``incorrect``, ``not attempted`` or (open questions) ``recorded``,
        with feedback for common wrong answers or else the first hint; after a correct answer,
        the explanation of why it is right; after an attempt at an open question (any text),
        its model answer to compare with.

    Examples
    --------
    >>> check("L00.E2", "hedging").status
    'incorrect'
    >>> check("L00.E3", "1958.0").passed
    True
    """
    ex = exercise(exercise_id)
    result = _evaluate(ex, answer)
    _record(ex, result)
    return result


def hint(exercise_id: str, n: int = 1) -> Hint:
    """Show hint ``n`` (1-based) of an exercise; past the last hint, the last one.

    Examples
    --------
    >>> hint("L00.E1").n
    1
    """
    ex = exercise(exercise_id)
    if not ex.hints:
        return Hint(ex.id, 0, 0, "This exercise has no hints.")
    k = min(max(int(n), 1), len(ex.hints))
    return Hint(ex.id, k, len(ex.hints), ex.hints[k - 1])


def rubric(exercise_id: str) -> Rubric:
    """Show the grading criteria of an open question (other types: one line for the answer).

    Examples
    --------
    >>> rubric("L00.E5").total
    4.0
    """
    ex = exercise(exercise_id)
    if ex.rubric:
        return Rubric(ex.id, tuple((c.criterion, c.points) for c in ex.rubric))
    return Rubric(ex.id, ((f"correct answer ({ex.type}, checked automatically)", ex.points),))
