"""Grade submissions with nbgrader, one student at a time, each in an isolated temp folder.

For every student:

1. the notebook is read with nbformat; malformed JSON or an invalid notebook gives a
   ``failed`` row and nbgrader is never called for it;
2. it is copied into a fresh temporary course folder (outside the course, holding no
   ``source/`` and no ``instructor/``) and ``python -m nbgrader autograde`` runs there in a
   child process (one ``subprocess.run`` per student), with the configuration on the command
   line (no config file a student could read relative to the kernel's working directory),
   writing to the course's gradebook by absolute URL;
3. nbgrader executes the notebook in its own kernel with a per-cell time limit; the child
   process also has a wall-clock limit (``subprocess.run(timeout=...)``), after which it is
   killed and that student's row says so, while the others are graded as usual;
4. scores are read back from the gradebook and the autograded notebook is copied into the
   course's ``autograded/`` folder.

Then ``nbgrader generate_feedback`` (for the students graded now) and ``nbgrader export`` run
once for the assignment, each in a child process too, and
``grades.csv`` gets one row per student: ``student_id``, one column of points per exercise,
``total``, ``max``, ``status`` (graded, failed, missing) and ``reason``.

Submissions are matched to ids and the roster by :mod:`smallstate.instructor.submissions`:
renamed downloads and e-mail folder names are matched (the row's reason says how), and every
file or folder that gives no submission is listed in ``unmatched.csv`` with the reason and the
closest roster name. The feedback shows the authored feedback messages; the hidden tests only
when asked (:mod:`smallstate.instructor.feedback`).

Examples
--------
>>> find_submissions  # doctest: +ELLIPSIS
<function find_submissions at ...>
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from smallstate.instructor.assignments import assignment_exercises, grade_id, nbgrader_env
from smallstate.instructor.sandbox import sandboxed
from smallstate.instructor.submissions import STUDENT_ID, Unmatched, match_submissions

__all__ = ["GradeReport", "StudentResult", "find_submissions", "grade_assignment"]

_STUDENT = STUDENT_ID


@dataclass(frozen=True)
class StudentResult:
    """One row of ``grades.csv``."""

    student_id: str
    scores: dict[str, float]
    total: float
    max_score: float
    status: str
    reason: str = ""


@dataclass(frozen=True)
class GradeReport:
    """What ``grade_assignment`` did: the rows, and where it wrote them."""

    rows: tuple[StudentResult, ...]
    grades_csv: Path
    feedback_dir: Path | None
    columns: tuple[str, ...] = field(default=())
    unmatched: tuple[Unmatched, ...] = ()

    @property
    def summary(self) -> str:
        """``graded N, failed M, missing K, unmatched U``."""
        count = {s: sum(r.status == s for r in self.rows) for s in ("graded", "failed", "missing")}
        return (
            f"graded {count['graded']}, failed {count['failed']}, missing {count['missing']}, "
            f"unmatched {len(self.unmatched)}"
        )


def find_submissions(folder: Path, name: str) -> dict[str, Path]:
    """Map student id -> notebook for ``folder/<student>/NAME.ipynb`` or ``.../NAME/NAME.ipynb``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "amy" / "hw").mkdir(parents=True); _ = (d / "amy" / "hw" / "hw.ipynb").write_text("{}")
    >>> (d / "bo").mkdir(); _ = (d / "bo" / "hw.ipynb").write_text("{}")
    >>> sorted(find_submissions(d, "hw"))
    ['amy', 'bo']
    """
    return match_submissions(folder, name).found


def _config_timeout(course: Path) -> int:
    config = course / "nbgrader_config.py"
    text = config.read_text(encoding="utf-8") if config.is_file() else ""
    found = re.search(r"^c\.Execute\.timeout\s*=\s*(\d+)", text, flags=re.M)
    return int(found.group(1)) if found else 30


def _course_id(course: Path) -> str:
    config = course / "nbgrader_config.py"
    text = config.read_text(encoding="utf-8") if config.is_file() else ""
    found = re.search(r"^c\.CourseDirectory\.course_id\s*=\s*['\"]([^'\"]+)", text, flags=re.M)
    return found.group(1) if found else "smallstate"


def _validate(path: Path) -> str:
    """Empty string if the notebook can be read, else the reason it cannot."""
    import nbformat

    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except Exception as err:  # nbformat raises several unrelated types
        if "JSON" in str(err):
            return "malformed notebook: not valid JSON"
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        return f"malformed notebook: {first[:160]}"
    return ""


def _run(argv: list[str], cwd: Path, limit: float) -> str:
    """Run ``argv`` in a child process with a wall-clock ``limit``; '' or the reason it failed.

    Examples
    --------
    >>> import sys, tempfile, pathlib
    >>> _run([sys.executable, "-c", "pass"], pathlib.Path(tempfile.gettempdir()), 60)
    ''
    >>> _run([sys.executable, "-c", "import time; time.sleep(30)"], pathlib.Path("."), 0.5)
    'grading took longer than 0.5 s and was stopped'
    """
    try:
        done = subprocess.run(
            argv, cwd=cwd, env=nbgrader_env(), capture_output=True, text=True, timeout=limit
        )
    except subprocess.TimeoutExpired:
        return f"grading took longer than {limit:g} s and was stopped"
    if done.returncode == 0:
        return ""
    if done.returncode < 0:
        return f"the grading process crashed (signal {-done.returncode})"
    last = [line for line in done.stderr.splitlines() if line.strip()]
    return last[-1][:200] if last else f"the grading process failed (exit status {done.returncode})"


def _nbgrader(
    command: str, *args: str, root: Path, db_url: str, course_id: str, timeout: int
) -> list[str]:
    """``python -m nbgrader COMMAND ARGS`` with the course configuration on the command line."""
    return [
        sys.executable, "-m", "nbgrader", command, *args,
        f"--CourseDirectory.root={root}",
        f"--CourseDirectory.db_url={db_url}",
        f"--CourseDirectory.course_id={course_id}",
        f"--Execute.timeout={timeout}",
        f"--ExecutePreprocessor.timeout={timeout}",
    ]  # fmt: skip


def _errors_in(notebook: Path, timeout: int) -> str:
    """A short reason naming the errors raised in the student's own cells (not test cells)."""
    try:
        nb = json.loads(notebook.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    names = []
    for cell in nb.get("cells", []):
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade"):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                names.append(output.get("ename", "error"))
    if "CellTimeoutError" in names:
        return f"a cell ran longer than {timeout} s and was stopped"
    return f"error in a student cell: {', '.join(dict.fromkeys(names))}" if names else ""


def _scores(db_url: str, name: str, student: str, ids: list[str]) -> dict[str, float] | None:
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url) as gb:
        try:
            sub = gb.find_submission_notebook(name, name, student)
        except MissingEntry:
            return None
        scores = {g.name: float(g.score or 0.0) for g in sub.grades}
        return {ex_id: _sum_cells(scores, ex_id) for ex_id in ids if grade_id(ex_id) in scores}


def _sum_cells(by_name: dict[str, float], ex_id: str) -> float:
    """An exercise's points: its test cell plus the cells of its parts (``<id>_partN``)."""
    gid = grade_id(ex_id)
    return sum(v for k, v in by_name.items() if k == gid or k.startswith(f"{gid}_part"))


def _max_scores(db_url: str, name: str, ids: list[str]) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gb:
        nb = gb.find_notebook(name, name)
        by_name = {c.name: float(c.max_score) for c in nb.grade_cells}
    return {ex_id: _sum_cells(by_name, ex_id) for ex_id in ids}


def _prepare(name: str, student: str, notebook: Path, tmp: Path) -> Path:
    """A fresh course folder for one student, holding only the submission."""
    root = tmp / student / "course"
    target = root / "submitted" / student / name
    target.mkdir(parents=True)
    shutil.copy2(notebook, target / f"{name}.ipynb")
    return root


def _collect(name: str, student: str, root: Path, course: Path, timeout: int) -> str:
    """Copy the autograded notebook into the course; return the reason to report ('' if none)."""
    produced = root / "autograded" / student / name
    dest = course / "autograded" / student / name
    if dest.exists():
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(produced, dest)
    return _errors_in(produced / f"{name}.ipynb", timeout)


def _read_roster(path: Path | None) -> list[str]:
    if path is None:
        return []
    students = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        student = line.strip()
        if not student or student.startswith("#"):
            continue
        if not _STUDENT.match(student):
            raise ValueError(f"{path}, line {number}: {student!r} is not a valid student id")
        students.append(student)
    return students


def _grade_one(
    name: str,
    student: str,
    notebook: Path | None,
    tmp: Path,
    course: Path,
    ids: list[str],
    maxima: dict[str, float],
    config: dict[str, Any],
    wall: float,
    submissions: Path,
) -> StudentResult:
    """Grade one submission in its own temp course folder and child process: its row."""
    zero = dict.fromkeys(ids, 0.0)
    total_max = sum(maxima.values())
    if notebook is None:
        return StudentResult(student, zero, 0.0, total_max, "missing", "no submission")
    reason = _validate(notebook)
    if reason:
        return StudentResult(student, zero, 0.0, total_max, "failed", reason)
    root = _prepare(name, student, notebook, tmp)
    argv = _nbgrader("autograde", name, f"--student={student}", "--force", root=root, **config)
    # the student's code runs in a bubblewrap sandbox that cannot see these (nor the rest)
    argv = sandboxed(argv, root, hidden=(course, submissions.resolve(), tmp))
    reason = _run(argv, root.parent, wall)
    if reason or not (root / "autograded" / student / name / f"{name}.ipynb").is_file():
        return StudentResult(
            student, zero, 0.0, total_max, "failed", reason or "nbgrader autograde failed"
        )
    reason = _collect(name, student, root, course, config["timeout"])
    scores = _scores(config["db_url"], name, student, ids)
    if scores is None:
        return StudentResult(student, zero, 0.0, total_max, "failed", "no scores in the gradebook")
    merged = {**zero, **scores}
    return StudentResult(student, merged, sum(merged.values()), total_max, "graded", reason)


def grade_assignment(
    name: str,
    submissions: Path | str,
    course: Path | str,
    *,
    timeout: int | None = None,
    roster: Path | str | None = None,
    feedback: bool = True,
    progress_bar: bool = True,
    show_hidden_tests: bool = False,
) -> GradeReport:
    """Autograde every submission of ``name`` and write ``COURSE/grades.csv``.

    Parameters
    ----------
    name : str
        Assignment released with ``smallstate instructor release``.
    submissions : path
        ``<student>/NAME.ipynb`` or ``<student>/NAME/NAME.ipynb`` folders.
    course : path
        Course folder holding ``nbgrader_config.py`` and ``gradebook.db``.
    timeout : int, optional
        Seconds per cell (default: ``c.Execute.timeout`` of the course's config, else 30).
    roster : path, optional
        One student id per line; students listed without a submission get ``missing``.
    feedback : bool
        Run ``nbgrader generate_feedback`` (HTML in ``COURSE/feedback``).
    show_hidden_tests : bool
        Show the hidden tests (and full tracebacks of test cells) in the feedback; by default
        students see the authored feedback message of each failed test, not the tests.

    Files or folders that give no submission are in ``report.unmatched`` and
    ``COURSE/unmatched.csv`` (path, reason, closest roster name).
    """
    from tqdm.auto import tqdm

    course = Path(course).resolve()
    ids = assignment_exercises(name, course)
    if not (course / "gradebook.db").is_file() or not (course / "release" / name).is_dir():
        raise FileNotFoundError(
            f"assignment {name!r} is not released in {course}: run release first"
        )
    timeout = timeout or _config_timeout(course)
    db_url = f"sqlite:///{course / 'gradebook.db'}"
    maxima = _max_scores(db_url, name, ids)
    listed = _read_roster(Path(roster) if roster else None)
    matching = match_submissions(Path(submissions), name, listed)
    found = matching.found
    students = sorted(set(found) | set(listed) | set(matching.failed))
    rows: dict[str, StudentResult] = {}
    course_id = _course_id(course)
    bar = tqdm(
        total=len(students), desc=f"grading {name}", unit="student", disable=not progress_bar
    )
    config: dict[str, Any] = {"db_url": db_url, "course_id": course_id, "timeout": timeout}
    # nbgrader's own start (imports, gradebook check) plus, per exercise, a setup and a test
    # cell that may each run up to the cell limit
    wall = 60.0 + timeout * (2 * len(ids) + 3)
    with tempfile.TemporaryDirectory(prefix="smallstate-grade-") as tmp_name:
        tmp = Path(tmp_name)
        for student in students:
            rows[student] = _with_notes(
                _grade_one(
                    name,
                    student,
                    found.get(student),
                    tmp,
                    course,
                    ids,
                    maxima,
                    config,
                    wall,
                    Path(submissions),
                ),
                matching,
            )
            bar.update()
        bar.close()
        graded = [s for s in students if rows[s].status == "graded"]
        work = tmp / "_nbgrader"
        work.mkdir()
        feedback_dir = None
        if feedback and graded:
            if not show_hidden_tests:
                from smallstate.instructor.feedback import feedback_config

                feedback_config(work)  # nbgrader reads it from its working directory
            # only the students graded now: the others of this run, and those graded by an
            # earlier run (whose feedback keeps the settings it was made with), are excluded
            earlier = {p.name for p in (course / "autograded").iterdir() if p.is_dir()}
            others = ",".join(sorted((earlier | set(students)) - set(graded)))
            argv = _nbgrader(
                "generate_feedback", name, "--force",
                f"--CourseDirectory.student_id_exclude={others}", root=course, **config,
            )  # fmt: skip
            if not _run(argv, work, 120.0 + 5.0 * len(graded)):
                feedback_dir = course / "feedback"
        export = _nbgrader(
            "export", f"--to={course / 'nbgrader_export.csv'}", root=course, **config
        )
        _run(export, work, 120.0)
    grades_csv = course / "grades.csv"
    columns = ("student_id", *ids, "total", "max", "status", "reason")
    with grades_csv.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in (rows[k] for k in students):
            writer.writerow(
                [row.student_id, *(f"{row.scores[i]:g}" for i in ids), f"{row.total:g}",
                 f"{row.max_score:g}", row.status, row.reason]
            )  # fmt: skip
    with (course / "unmatched.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["path", "reason", "closest_roster_name"])
        writer.writerows([u.path, u.reason, u.closest] for u in matching.unmatched)
    return GradeReport(
        tuple(rows[k] for k in students), grades_csv, feedback_dir, columns, matching.unmatched
    )


def _with_notes(row: StudentResult, matching: Any) -> StudentResult:
    """The row with what matching found about its student (renamed file, typo, not rostered)."""
    student = row.student_id
    if student in matching.failed:
        return replace(row, status="failed", reason=matching.failed[student])
    if row.status == "missing" and student in matching.missing:
        return replace(row, reason=matching.missing[student])
    extra = [matching.notes.get(student, ""), matching.unrostered.get(student, "")]
    reason = "; ".join(x for x in (row.reason, *extra) if x)
    return replace(row, reason=reason)
