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
from dataclasses import dataclass, field
from typing import Final, Literal

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


class UnknownExerciseError(LookupError):
    """An exercise id that is not in the bank; the message lists the lesson's ids."""


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

    @property
    def number(self) -> int:
        """The exercise's number within its lesson (``L04.E2`` -> 2)."""
        found = EXERCISE_ID.match(self.id)
        if found is None:  # pragma: no cover - ids are validated when the bank is built
            raise ValueError(f"malformed exercise id {self.id!r}")
        return int(found.group(2))
