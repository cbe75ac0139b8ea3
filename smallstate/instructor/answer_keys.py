"""Check every answer key against its worked solution before an assignment is built.

For each autograded exercise a child Python process runs, in a fresh namespace, the
exercise's ``setup``, its worked ``solution`` and the generated test cell (hidden tests
included), exactly as nbgrader would in the instructor's copy; every test cell must pass
(for an exercise graded in parts, the cell of each part too). Each wrong answer the exercise has ``feedback``
for must fail the answer comparison. A mismatch is reported naming the exercise and its file,
so a wrong ``answer:`` in a YAML file never reaches students.

Examples
--------
>>> from smallstate.exercises.authoring import AuthoredExercise
>>> ex = AuthoredExercise(id="L90.E1", lesson="L90", type="numeric", objective="o", prompt="p",
...     points=1.0, match="numeric", answers=(1957,), solution="answer = 1958",
...     source_file="mine.yaml")
>>> print(answer_key_problems([ex])[0])
L90.E1 (mine.yaml): the answer key does not accept what its worked solution computes (answer = 1958): L90.E1: not the expected answer
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Sequence

from smallstate.exercises.authoring import AuthoredExercise

__all__ = ["AnswerKeyError", "answer_key_problems", "check_answer_keys"]

# Runs in the child: JSON jobs on stdin, JSON problems (one string per exercise) on stdout.
_RUNNER = r"""
import contextlib, io, json, sys
jobs = json.load(sys.stdin)
real_stdout = sys.stdout
problems = []
for job in jobs:
    sink = io.StringIO()
    problem = ""
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        ns = {"__name__": "__main__"}
        try:
            for code in (job["setup"], job["solution"]):
                exec(compile(code, "<" + job["id"] + " solution>", "exec"), ns)
        except BaseException as err:
            problem = "its setup or worked solution raises %s: %s" % (type(err).__name__, err)
        else:
            value = repr(ns.get("answer", "<no answer>"))[:80]
            for number, test in enumerate(job["tests"]):
                try:
                    exec(compile(test, "<" + job["id"] + " test>", "exec"), ns)
                except AssertionError as err:
                    if number == 0:
                        problem = ("the answer key does not accept what its worked solution "
                                   "computes (answer = %s): %s" % (value, err))
                    else:
                        problem = "part %d fails on its worked solution: %s" % (number, err)
                except BaseException as err:
                    problem = "its test cell %d raises %s: %s" % (number + 1, type(err).__name__, err)
                if problem:
                    break
        for wrong in job["wrong"]:
            try:
                exec(compile(job["check"], "<" + job["id"] + " check>", "exec"), {"_v": wrong})
            except Exception:
                continue
            problem = (problem + "; " if problem else "") + (
                "the answer key accepts %r, which its feedback calls wrong" % (wrong,))
    problems.append(problem)
print(json.dumps(problems), file=real_stdout)
"""


class AnswerKeyError(ValueError):
    """An answer key that disagrees with its worked solution; the message names the exercises."""


def answer_key_problems(exercises: Sequence[AuthoredExercise], timeout: float = 300) -> list[str]:
    """One line per exercise whose answer key and worked solution disagree (empty: all agree)."""
    from smallstate.instructor.assignments import exercise_code, hidden_check, run_python

    checked = [ex for ex in exercises if ex.type != "open"]
    jobs = []
    for ex in checked:
        setup, solution, tests = exercise_code(ex)
        jobs.append(
            {
                "id": ex.id,
                "setup": setup,
                "solution": solution,
                "tests": tests,
                "check": hidden_check(ex),
                "wrong": [wrong for wrong, _ in ex.feedback],
            }
        )
    if not jobs:
        return []
    with tempfile.TemporaryDirectory(prefix="smallstate-keys-") as tmp:
        try:
            done = run_python(["-c", _RUNNER], tmp, timeout, stdin=json.dumps(jobs))
        except subprocess.TimeoutExpired:
            ids = ", ".join(ex.id for ex in checked)
            return [f"checking the worked solutions of {ids} took longer than {timeout:g} s"]
    try:
        found: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        tail = done.stderr.strip().splitlines()[-3:]
        return ["could not run the worked solutions: " + " | ".join(tail)]
    return [
        f"{ex.id} ({ex.source_file or 'course'}): {problem}"
        for ex, problem in zip(checked, found, strict=True)
        if problem
    ]


def check_answer_keys(exercises: Sequence[AuthoredExercise], timeout: float = 300) -> None:
    """Raise :class:`AnswerKeyError` naming every exercise whose key and solution disagree."""
    problems = answer_key_problems(exercises, timeout)
    if problems:
        raise AnswerKeyError(
            "answer key and worked solution disagree (fix the 'answer' or the 'solution' field; "
            "nothing was written):\n  " + "\n  ".join(problems)
        )
