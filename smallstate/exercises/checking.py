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
from smallstate.exercises.hashing import answer_key, coding_key, hash_key
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


def _coding_problems(ex: Exercise, coded: Any) -> list[str]:
    """What is off in the learner's coding, one sentence per row (empty: all right).

    ``coded`` is a table (a pandas DataFrame, or a list of dicts) with the exercise's key
    column; each expected row is found by its id and each expected column compared by hash.
    The sentence names the row and the columns whose coding is off, never the right values.
    """
    if ex.coding is None:
        return []
    key = ex.coding.key
    if coded is None or coded is ...:
        return [
            f"This exercise checks the coding of each row too: pass your table, "
            f'check("{ex.id}", answer, coded=your_table).'
        ]
    records = coded.to_dict("records") if hasattr(coded, "to_dict") else list(coded)
    by_id: dict[str, dict[str, Any]] = {}
    for record in records:
        if isinstance(record, dict) and key in record:
            by_id[" ".join(str(record[key]).casefold().split())] = record
    problems = []
    for row_id, columns in ex.coding.rows.items():
        record = by_id.get(" ".join(row_id.casefold().split()))
        if record is None:
            problems.append(f"No row with {key} {row_id!r} in your table.")
            continue
        off = [
            column
            for column, hashes in columns.items()
            if column not in record
            or hash_key(ex.salt, coding_key(row_id, column, record[column])) not in hashes
        ]
        if off:
            problems.append(f"The coding of {key} {row_id} is off in: {', '.join(off)}.")
    return problems


def _evaluate(ex: Exercise, answer: Any, coded: Any = None) -> CheckResult:
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
    problems = _coding_problems(ex, coded)
    if problems:
        right = digest in ex.answer_hashes
        verdict = "Your answer is right; now check your coding." if right else "Not yet."
        return CheckResult(ex.id, "incorrect", f"{verdict} {' '.join(problems)}", "")
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


def check(exercise_id: str, answer: Any, *, coded: Any = None) -> CheckResult:
    """Check an answer against the bank and record the attempt for :func:`progress`.

    Parameters
    ----------
    exercise_id : str
        ``LNN.EK``. An unknown id raises ``UnknownExerciseError`` listing the lesson's ids.
    answer : object
        Text, a number, or a value computed by code (a pandas cell, a numpy scalar).
        ``...`` or ``None`` means "not attempted": ``check`` never raises on the answer.
    coded : pandas.DataFrame or list of dict, optional
        The learner's own coding, for an exercise that checks it (L04.E1: the new acts). Each
        expected row is found by its id column and each coded column compared with the
        hashed coding; the feedback names the rows whose coding is off and the columns.

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
    result = _evaluate(ex, answer, coded)
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
