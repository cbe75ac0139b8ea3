"""Exercises: self-checks against a hashed answer bank, hints, rubrics, quizzes, progress.

Learners call :func:`check` after answering; it never raises on the answer itself, so a
lesson runs top to bottom with the ``answer = ...`` stubs still in place.

>>> from smallstate.exercises import check, hint, rubric
>>> check("L00.E2", "soft bandwagoning").status
'correct'

Authors write ``instructor/exercises/LNN.yaml`` and rebuild the bank with
``smallstate instructor bank`` (see ``smallstate.exercises.authoring``). An instructor's own
exercises are loaded with :func:`load_exercises` (or ``SMALLSTATE_EXTRA_EXERCISES``).
"""

from __future__ import annotations

from smallstate.exercises.bank import (
    all_exercises,
    clear_cache,
    exercise,
    lesson_ids,
    load_exercises,
)
from smallstate.exercises.checking import check, hint, rubric
from smallstate.exercises.feedback import CheckResult, Hint, Rubric
from smallstate.exercises.model import Criterion, Exercise, UnknownExerciseError
from smallstate.exercises.progress import Progress, progress, progress_file, reset
from smallstate.exercises.quiz import Quiz, quiz

__all__ = [
    "CheckResult",
    "Criterion",
    "Exercise",
    "Hint",
    "Progress",
    "Quiz",
    "Rubric",
    "UnknownExerciseError",
    "all_exercises",
    "check",
    "clear_cache",
    "exercise",
    "hint",
    "lesson_ids",
    "load_exercises",
    "progress",
    "progress_file",
    "quiz",
    "reset",
    "rubric",
]
