"""Instructor tools: build, release and grade nbgrader assignments from the exercise bank.

Never imported by the lessons; the ``smallstate instructor`` command (:mod:`smallstate.cli`)
calls it.
"""

from __future__ import annotations

from smallstate.instructor.answer_keys import AnswerKeyError, check_answer_keys
from smallstate.instructor.assignments import (
    find_leaks,
    grade_id,
    hidden_check,
    nbgrader_env,
    new_assignment,
    release_assignment,
    select_exercises,
)
from smallstate.instructor.course_git import publish_course, pull_link
from smallstate.instructor.exchange import collect, publish, return_feedback
from smallstate.instructor.grading import (
    GradeReport,
    StudentResult,
    find_submissions,
    grade_assignment,
)
from smallstate.instructor.sandbox import SandboxUnavailableError
from smallstate.instructor.submissions import Matching, Unmatched, match_submissions

__all__ = [
    "AnswerKeyError",
    "GradeReport",
    "Matching",
    "SandboxUnavailableError",
    "StudentResult",
    "Unmatched",
    "check_answer_keys",
    "collect",
    "find_leaks",
    "find_submissions",
    "grade_assignment",
    "grade_id",
    "hidden_check",
    "match_submissions",
    "nbgrader_env",
    "new_assignment",
    "publish",
    "publish_course",
    "pull_link",
    "release_assignment",
    "return_feedback",
    "select_exercises",
]
