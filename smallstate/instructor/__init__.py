"""Instructor tools: build, release and grade nbgrader assignments from the exercise bank.

Never imported by the lessons; the ``smallstate instructor`` command (:mod:`smallstate.cli`)
calls it.
"""

from __future__ import annotations

from smallstate.instructor.assignments import (
    find_leaks,
    grade_id,
    hidden_check,
    nbgrader_env,
    new_assignment,
    release_assignment,
    select_exercises,
)
from smallstate.instructor.grading import (
    GradeReport,
    StudentResult,
    find_submissions,
    grade_assignment,
)
from smallstate.instructor.sandbox import SandboxUnavailableError

__all__ = [
    "GradeReport",
    "SandboxUnavailableError",
    "StudentResult",
    "find_leaks",
    "find_submissions",
    "grade_assignment",
    "grade_id",
    "hidden_check",
    "nbgrader_env",
    "new_assignment",
    "release_assignment",
    "select_exercises",
]
