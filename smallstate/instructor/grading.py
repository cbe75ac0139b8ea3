"""Grade submissions with nbgrader, one student at a time, each in an isolated temp folder.

For every student:

1. the notebook is read with nbformat; malformed JSON or an invalid notebook gives a
   ``failed`` row and nbgrader is never called for it;
2. it is copied into a fresh temporary course folder (outside the course, holding no
   ``source/`` and no ``instructor/``) and ``nbgrader autograde`` runs there with the
   configuration on the command line (no config file a student could read relative to the
   kernel's working directory), writing to the course's gradebook by absolute URL;
3. nbgrader executes the notebook in its own kernel with a per-cell time limit; the whole
   run also has a wall-clock limit, after which its process group is killed;
4. scores are read back from the gradebook and the autograded notebook is copied into the
   course's ``autograded/`` folder.

Then ``nbgrader generate_feedback`` and ``nbgrader export`` run once for the assignment, and
``grades.csv`` gets one row per student: ``student_id``, one column of points per exercise,
``total``, ``max``, ``status`` (graded, failed, missing) and ``reason``.

Examples
--------
>>> find_submissions  # doctest: +ELLIPSIS
<function find_submissions at ...>
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from smallstate.instructor.assignments import assignment_exercises, grade_id, nbgrader_env

__all__ = ["GradeReport", "StudentResult", "find_submissions", "grade_assignment"]

_STUDENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


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

    @property
    def summary(self) -> str:
        """``graded N, failed M, missing K``."""
        count = {s: sum(r.status == s for r in self.rows) for s in ("graded", "failed", "missing")}
        return f"graded {count['graded']}, failed {count['failed']}, missing {count['missing']}"


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
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"submissions folder {folder} does not exist")
    found: dict[str, Path] = {}
    for student_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        if not _STUDENT.match(student_dir.name):
            continue
        for candidate in (student_dir / f"{name}.ipynb", student_dir / name / f"{name}.ipynb"):
            if candidate.is_file():
                found[student_dir.name] = candidate
                break
    return found


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


_PREFIX = "SMALLSTATE-RESULT "


def _worker_main(jobs_file: str) -> int:
    """Grade the jobs in ``jobs_file`` in this process (nbgrader imported once).

    One JSON line per job goes to stdout, prefixed by ``SMALLSTATE-RESULT``. Each notebook
    still runs in its own fresh kernel started by nbgrader.
    """
    from nbgrader.api import Gradebook
    from nbgrader.apps import NbGraderAPI
    from nbgrader.plugins.export import CsvExportPlugin
    from traitlets.config import Config

    jobs = json.loads(Path(jobs_file).read_text(encoding="utf-8"))
    for job in jobs:
        cfg = Config()
        cfg.CourseDirectory.root = job["root"]
        cfg.CourseDirectory.db_url = job["db_url"]
        cfg.CourseDirectory.course_id = job["course_id"]
        cfg.Execute.timeout = job["timeout"]
        cfg.ExecutePreprocessor.timeout = job["timeout"]
        result: dict[str, object]
        if job["kind"] == "export":
            with Gradebook(job["db_url"]) as gb:
                CsvExportPlugin(to=job["to"]).export(gb)
            result = {"success": True}
        else:
            api = NbGraderAPI(config=cfg)
            action = api.autograde if job["kind"] == "autograde" else api.generate_feedback
            result = action(job["name"], job["student"], force=True)
        line = {"key": job["key"], "success": bool(result.get("success")),
                "log": str(result.get("error") or result.get("log") or "")[-2000:]}  # fmt: skip
        print(_PREFIX + json.dumps(line), flush=True)
    return 0


def _run_jobs(
    jobs: list[dict[str, object]], wall: float, workdir: Path, on_done: object = None
) -> dict[str, dict[str, object]]:
    """Run jobs in a worker process; restart it after a crash or a job over ``wall`` seconds.

    Returns job key -> result (``success``, ``log``). A job that crashed or timed out gets
    ``success`` False and a reason.
    """
    import queue
    import threading

    results: dict[str, dict[str, object]] = {}
    pending = list(jobs)
    while pending:
        jobs_file = workdir / f"jobs-{len(results)}.json"
        jobs_file.write_text(json.dumps(pending), encoding="utf-8")
        log = (workdir / "worker.log").open("a", encoding="utf-8")
        proc = subprocess.Popen(
            [sys.executable, "-m", "smallstate.instructor.grading", str(jobs_file)],
            cwd=workdir, env=nbgrader_env(), stdout=subprocess.PIPE, stderr=log,
            text=True, start_new_session=True,
        )  # fmt: skip
        lines: queue.Queue[str | None] = queue.Queue()

        def pump(stream: object = proc.stdout, sink: queue.Queue[str | None] = lines) -> None:
            for raw in stream:  # type: ignore[attr-defined]
                sink.put(raw)
            sink.put(None)

        threading.Thread(target=pump, daemon=True).start()
        # the first job also pays for importing nbgrader
        limit = wall + 120.0
        while pending:
            try:
                raw = lines.get(timeout=limit)
            except queue.Empty:
                os.killpg(proc.pid, signal.SIGKILL)
                key = str(pending.pop(0)["key"])
                results[key] = {
                    "success": False,
                    "log": f"grading took longer than {limit:g} s and was stopped",
                }
                if callable(on_done):
                    on_done(key)
                break
            if raw is None:  # the worker died: blame the job it was on
                key = str(pending.pop(0)["key"])
                results[key] = {"success": False, "log": "the grading process crashed"}
                if callable(on_done):
                    on_done(key)
                break
            if not raw.startswith(_PREFIX):
                continue
            line = json.loads(raw[len(_PREFIX) :])
            results[line["key"]] = line
            pending = [j for j in pending if j["key"] != line["key"]]
            if callable(on_done):
                on_done(line["key"])
            limit = wall
        if proc.poll() is None and not pending:
            proc.wait(timeout=30)
        elif proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
    return results


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
        by_name = {g.name: g for g in sub.grades}
        return {
            ex_id: float(by_name[grade_id(ex_id)].score or 0.0)
            for ex_id in ids
            if grade_id(ex_id) in by_name
        }


def _max_scores(db_url: str, name: str, ids: list[str]) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gb:
        nb = gb.find_notebook(name, name)
        by_name = {c.name: float(c.max_score) for c in nb.grade_cells}
    return {ex_id: by_name.get(grade_id(ex_id), 0.0) for ex_id in ids}


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


def grade_assignment(
    name: str,
    submissions: Path | str,
    course: Path | str,
    *,
    timeout: int | None = None,
    roster: Path | str | None = None,
    feedback: bool = True,
    progress_bar: bool = True,
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
    found = find_submissions(Path(submissions), name)
    students = sorted(set(found) | set(_read_roster(Path(roster) if roster else None)))
    rows: dict[str, StudentResult] = {}
    total_max = sum(maxima.values())
    zero = dict.fromkeys(ids, 0.0)
    course_id = _course_id(course)
    bar = tqdm(
        total=len(students), desc=f"grading {name}", unit="student", disable=not progress_bar
    )
    with tempfile.TemporaryDirectory(prefix="smallstate-grade-") as tmp_name:
        tmp = Path(tmp_name)
        jobs: list[dict[str, object]] = []
        roots: dict[str, Path] = {}
        for student in students:
            if student not in found:
                rows[student] = StudentResult(
                    student, zero, 0.0, total_max, "missing", "no submission"
                )
                bar.update()
                continue
            reason = _validate(found[student])
            if reason:
                rows[student] = StudentResult(student, zero, 0.0, total_max, "failed", reason)
                bar.update()
                continue
            roots[student] = _prepare(name, student, found[student], tmp)
            jobs.append({"key": student, "kind": "autograde", "name": name, "student": student,
                         "root": str(roots[student]), "db_url": db_url, "course_id": course_id,
                         "timeout": timeout})  # fmt: skip
        wall = 30.0 + timeout * (2 * len(ids) + 3)
        work = tmp / "_worker"
        work.mkdir()
        results = _run_jobs(jobs, wall, work, on_done=lambda _key: bar.update())
        bar.close()
        for student, root in roots.items():
            outcome = results.get(student, {"success": False, "log": "not graded"})
            graded_nb = root / "autograded" / student / name / f"{name}.ipynb"
            if not outcome.get("success") or not graded_nb.is_file():
                last = [ln for ln in str(outcome.get("log", "")).splitlines() if ln.strip()]
                reason = last[-1][:200] if last else "nbgrader autograde failed"
                rows[student] = StudentResult(student, zero, 0.0, total_max, "failed", reason)
                continue
            reason = _collect(name, student, root, course, timeout)
            scores = _scores(db_url, name, student, ids)
            if scores is None:
                rows[student] = StudentResult(
                    student, zero, 0.0, total_max, "failed", "no scores in the gradebook"
                )
                continue
            merged = {**zero, **scores}
            rows[student] = StudentResult(
                student, merged, sum(merged.values()), total_max, "graded", reason
            )
        after = []
        if feedback:
            after += [{"key": f"feedback:{s}", "kind": "feedback", "name": name, "student": s,
                       "root": str(course), "db_url": db_url, "course_id": course_id,
                       "timeout": timeout} for s in roots if rows[s].status == "graded"]  # fmt: skip
        after.append({"key": "export", "kind": "export", "to": str(course / "nbgrader_export.csv"),
                      "root": str(course), "db_url": db_url, "course_id": course_id,
                      "timeout": timeout})  # fmt: skip
        done = _run_jobs(after, 120.0, work)
    feedback_dir = (
        course / "feedback"
        if feedback and any(k.startswith("feedback:") and v.get("success") for k, v in done.items())
        else None
    )
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
    return GradeReport(tuple(rows[k] for k in students), grades_csv, feedback_dir, columns)


if __name__ == "__main__":  # pragma: no cover - the grading worker
    sys.exit(_worker_main(sys.argv[1]))
