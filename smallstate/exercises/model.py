"""The learner-visible shape of an exercise and of a check result.

An :class:`Exercise` is what the packaged bank holds: everything a learner may see (prompt,
options, hints, points, rubric criteria) plus the answer as salted hashes only. The plain
answer, the worked solution and the hidden tests stay in ``instructor/exercises/LNN.yaml``.

Examples
--------
>>> ex = Exercise(id="L00.E9", lesson="L00", objective="o", type="label", prompt="p",
...               points=1.0, match="label", salt="00", answer_hashes=("ab",))
>>> ex.number
9
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final, Literal

from smallstate.errors import UnknownNameError, close_matches, unknown
from smallstate.exercises.sealing import Sealed

__all__ = [
    "EXERCISE_ID",
    "EXERCISE_TYPES",
    "MATCH_KINDS",
    "Criterion",
    "Exercise",
    "ExerciseType",
    "FeedbackRule",
    "MatchKind",
    "UnknownExerciseError",
    "unknown_exercise",
]

ExerciseType = Literal["choice", "numeric", "label", "code", "open"]
MatchKind = Literal["text", "label", "numeric", "none"]

#: Allowed exercise types: multiple choice, number with tolerance, category label,
#: a value computed by code, open reflection graded by hand with a rubric.
EXERCISE_TYPES: Final[tuple[str, ...]] = ("choice", "numeric", "label", "code", "open")
#: How a learner's value is normalised before hashing (see ``smallstate.exercises.hashing``).
MATCH_KINDS: Final[tuple[str, ...]] = ("text", "label", "numeric", "none")
#: Exercise ids look like ``L04.E2``: lesson number, then exercise number.
EXERCISE_ID: Final[re.Pattern[str]] = re.compile(r"^L(\d\d)\.E(\d+)$")


class UnknownExerciseError(UnknownNameError):
    """An exercise id that is not in the bank; the message lists the lesson's ids.

    A :class:`smallstate.errors.UnknownNameError` (so also a ``KeyError``, a ``LookupError``
    and a ``ValueError``); build it with :func:`unknown_exercise`.
    """


def unknown_exercise(exercise_id: str, known: Iterable[str]) -> UnknownExerciseError:
    """Build the error for an exercise id that is not among the ``known`` ids.

    The message lists all the ids of the exercise's lesson when that lesson has exercises, else
    suggests close ids, else says what ids look like.

    Examples
    --------
    >>> known = ["L00.E1", "L00.E2", "L01.E1"]
    >>> print(unknown_exercise("L00.E9", known))
    unknown exercise 'L00.E9' in lesson L00; known: 'L00.E1', 'L00.E2'
    >>> print(unknown_exercise("l01.e1", known))
    unknown exercise 'l01.e1'; did you mean 'L01.E1'?
    >>> print(unknown_exercise("hedging", known))
    unknown exercise 'hedging'; ids look like L00.E1 (lessons with exercises: L00, L01)
    """
    ids = list(known)
    found = EXERCISE_ID.match(exercise_id)
    lesson = f"L{found.group(1)}" if found else ""
    in_lesson = [k for k in ids if lesson and k.startswith(f"{lesson}.")]
    if in_lesson:
        where = f"in lesson {lesson}"
        return unknown(
            "exercise", exercise_id, in_lesson, where=where, n=0, error=UnknownExerciseError
        )
    if close_matches(exercise_id, ids):
        return unknown("exercise", exercise_id, ids, error=UnknownExerciseError)
    lessons = ", ".join(sorted({k.split(".", 1)[0] for k in ids}))
    err = UnknownExerciseError(
        f"unknown exercise {exercise_id!r}; ids look like L00.E1 (lessons with exercises: "
        f"{lessons or 'none'})"
    )
    err.name = exercise_id
    return err


@dataclass(frozen=True)
class Criterion:
    """One line of an open question's rubric: what earns points, and how many.

    Examples
    --------
    >>> Criterion("names both authors", 1.0).points
    1.0
    """

    criterion: str
    points: float


@dataclass(frozen=True)
class FeedbackRule:
    """Feedback for one common wrong answer, keyed by the salted hash of that answer."""

    answer_hash: str
    message: str


@dataclass(frozen=True)
class Coding:
    """The expected coding of a learner's table, hashed: checked cell by cell.

    ``key`` is the column that names each row (``act_id``); ``rows`` maps a row id to
    ``{column: accepted hashes}`` (:func:`smallstate.exercises.hashing.coding_key`).

    Examples
    --------
    >>> Coding("act_id", {"A": {"stance": ("ab",)}}).key
    'act_id'
    """

    key: str
    rows: dict[str, dict[str, tuple[str, ...]]]


@dataclass(frozen=True)
class Exercise:
    """One exercise as shipped to learners (no plain answer, no worked solution).

    Attributes
    ----------
    id, lesson : str
        ``LNN.EK`` and ``LNN``.
    objective, prompt : str
        What the exercise trains, and the question in the course's own words.
    type : {"choice", "numeric", "label", "code", "open"}
    points : float
    match : {"text", "label", "numeric", "none"}
        Normalisation applied to an answer before hashing (``none`` for open questions).
    salt : str
        Random per-exercise salt (hex) mixed into every hash.
    answer_hashes : tuple of str
        Sorted hashes of every accepted normalised answer (for numeric answers with a
        tolerance: every accepted point of the tolerance grid).
    tolerance : float or None
        Absolute tolerance of numeric answers.
    options : tuple of str
        Choices for ``choice`` and ``label`` exercises, in display order.
    hints : tuple of str
    feedback : tuple of FeedbackRule
    rubric : tuple of Criterion
        Criteria of an ``open`` question (shown by ``rubric(id)``).
    explanation : Sealed or None
        Why the right answer is right, sealed so that only an accepted answer opens it
        (:mod:`smallstate.exercises.sealing`); ``check`` shows it after a correct answer.
    model_answer : Sealed or None
        An open question's model answer, sealed; ``check`` shows it once an attempt is written.
    coding : Coding or None
        The expected coding of the learner's table (``check(id, answer, coded=table)``), for
        exercises where coding is the skill, not only the answer it leads to.
    """

    id: str
    lesson: str
    objective: str
    type: ExerciseType
    prompt: str
    points: float
    match: MatchKind
    salt: str
    answer_hashes: tuple[str, ...] = ()
    tolerance: float | None = None
    options: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    feedback: tuple[FeedbackRule, ...] = field(default=())
    rubric: tuple[Criterion, ...] = ()
    explanation: Sealed | None = None
    model_answer: Sealed | None = None
    coding: Coding | None = None

    @property
    def number(self) -> int:
        """The exercise's number within its lesson (``L04.E2`` -> 2)."""
        found = EXERCISE_ID.match(self.id)
        if found is None:  # pragma: no cover - ids are validated when the bank is built
            raise ValueError(f"malformed exercise id {self.id!r}")
        return int(found.group(2))
