"""nbgrader's exchange on the hub: publish an assignment, collect submissions, return feedback.

Students fetch and submit from JupyterLab's Assignments tab; the exchange is a folder that their
servers and the instructor share (``STATE/exchange`` on ``make hub``). The instructor's side:

1. :func:`publish` (``smallstate instructor release NAME --exchange DIR``) copies the released
   student version into the exchange's outbound folder;
2. :func:`collect` (``smallstate instructor collect NAME --exchange DIR``) copies each student's
   latest submission into ``COURSE/submitted/<student>/NAME/``, which ``smallstate instructor
   grade NAME COURSE/submitted`` grades;
3. :func:`return_feedback` (``smallstate instructor return NAME --exchange DIR``) puts each
   student's feedback HTML where their Assignments tab fetches it.

Every nbgrader call runs in a child process with the course and the exchange on the command line.

Examples
--------
>>> exchange_args("/srv/exchange", "/home/me/course", "smallstate")[:2]
['--Exchange.root=/srv/exchange', '--CourseDirectory.root=/home/me/course']
"""

from __future__ import annotations

import shutil
from pathlib import Path

from smallstate.instructor.assignments import run_nbgrader
from smallstate.instructor.grading import _course_id, find_submissions

__all__ = ["collect", "exchange_args", "publish", "return_feedback"]

# files nbgrader's submit writes beside the notebook; release_feedback needs both to address
# the feedback to the submission it was made from
_SUBMISSION_FILES = ("timestamp.txt", "submission_secret.txt")


def exchange_args(exchange: Path | str, course: Path | str, course_id: str) -> list[str]:
    """nbgrader options naming the exchange, the course folder and the course id."""
    return [
        f"--Exchange.root={exchange}",
        f"--CourseDirectory.root={course}",
        f"--CourseDirectory.course_id={course_id}",
    ]


def _nbgrader(command: str, name: str, course: Path, exchange: Path, *extra: str) -> str:
    course = course.resolve()
    exchange = Path(exchange).resolve()
    if not exchange.is_dir():
        raise FileNotFoundError(f"exchange folder {exchange} does not exist (is the hub set up?)")
    args = [command, name, *exchange_args(exchange, course, _course_id(course)), *extra]
    done = run_nbgrader(args, course, timeout=600)
    if done.returncode != 0:
        raise ValueError(f"nbgrader {command} {name} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout + done.stderr


def publish(name: str, course: Path | str, exchange: Path | str) -> Path:
    """Copy ``COURSE/release/NAME`` into the exchange (``nbgrader release_assignment``)."""
    course = Path(course).resolve()
    if not (course / "release" / name).is_dir():
        raise FileNotFoundError(f"{course / 'release' / name} does not exist: run release first")
    _nbgrader("release_assignment", name, course, Path(exchange), "--force")
    return Path(exchange).resolve() / _course_id(course) / "outbound" / name


def collect(name: str, course: Path | str, exchange: Path | str) -> dict[str, Path]:
    """Copy the latest submission of every student into ``COURSE/submitted``; student -> notebook.

    The hub runs every server as one system user, so nbgrader's check that a submission's owner
    is the student it names is switched off; the student id comes from the hub's login.
    """
    course = Path(course).resolve()
    _nbgrader("collect", name, course, Path(exchange), "--update", "--CollectApp.check_owner=False")
    submitted = course / "submitted"
    return find_submissions(submitted, name) if submitted.is_dir() else {}


def return_feedback(name: str, course: Path | str, exchange: Path | str) -> list[str]:
    """Release the feedback of ``grade`` to the students who submitted through the exchange.

    Returns the students whose feedback was released. ``grade`` writes the feedback from a copy
    of each notebook; the submission's timestamp and secret, which the student's Assignments tab
    needs to match the feedback to its submission, are copied from ``COURSE/submitted``.
    """
    course = Path(course).resolve()
    feedback = course / "feedback"
    released = []
    for student, notebook in sorted(find_submissions(course / "submitted", name).items()):
        target = feedback / student / name
        if not (target / f"{name}.html").is_file():
            continue
        if not all((notebook.parent / f).is_file() for f in _SUBMISSION_FILES):
            continue  # not submitted through the exchange: nothing to address the feedback to
        for file_name in _SUBMISSION_FILES:
            shutil.copy2(notebook.parent / file_name, target / file_name)
        released.append(student)
    if released:
        _nbgrader("release_feedback", name, course, Path(exchange))
    return released
