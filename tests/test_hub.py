"""The class hub end to end (``make hub``'s configuration, driven by benchmarks/bench_hub.py).

One hub, five simulated students: all log in, start their servers, pull the course through the
nbgitpuller link and run lesson 04 (``ok 5/5``). With the hub still up:

* the course link again, after the instructor published a new commit: the student's edit
  stays and the new commit arrives (nbgitpuller's merge);
* three students fetch an assignment from the Assignments tab's API, answer (all right, half
  right, nothing), submit; the instructor collects, grades with ``smallstate instructor grade``
  and returns the feedback; each student fetches feedback showing their own score.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from smallstate.instructor.assignments import nbgrader_env

pytestmark = [pytest.mark.hub, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "hubhw"
EXERCISES = "L00.E1,L00.E3"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_hub", ROOT / "benchmarks" / "bench_hub.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_hub"] = module
    spec.loader.exec_module(module)
    return module


def _instructor(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "smallstate", "instructor", *args],
        capture_output=True,
        text=True,
        env=nbgrader_env(),
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, f"smallstate instructor {args[0]}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _solutions(source: Path) -> dict[str, str]:
    """grade id of each answer cell -> the code between the solution markers."""
    nb = json.loads(source.read_text(encoding="utf-8"))
    found = {}
    for cell in nb["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        text = "".join(cell["source"])
        if meta.get("solution") and cell["cell_type"] == "code":
            found[meta["grade_id"]] = text.split("### BEGIN SOLUTION\n")[1].split("\n### END")[0]
    return found


def _answer(student: Any, path: str, answers: dict[str, str]) -> None:
    """Edit the fetched notebook's answer cells and save it, as the student would in Lab."""
    model = student.contents(path)
    for cell in model["content"]["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell["source"] = answers[grade_id]
    student.save(path, {"type": "notebook", "format": "json", "content": model["content"]})


def _course_update(bench: ModuleType, hub: Any, tmp: Path) -> None:
    """A second click on the course link merges new commits and keeps the student's edit."""
    from smallstate.instructor.course_git import publish_course, pull_link

    student = bench.Student(hub, "student01")
    student.login()
    link = pull_link(hub.url, hub.git_url)  # what `make hub` prints
    page = student.http.get(link, timeout=120)
    assert page.status_code == 200 and page.url.startswith(f"{student.server}/git-pull?")
    assert "nbgitpuller" in page.text.lower()
    readme = student.contents("smallstate/README.md")
    edited = readme["content"] + "\nMy own note.\n"
    student.save("smallstate/README.md", {"type": "file", "format": "text", "content": edited})
    work = tmp / "instructor-clone"
    git = ["git", "-c", "user.name=Instructor", "-c", "user.email=instructor@example.invalid"]
    subprocess.run(["git", "clone", "--quiet", str(hub.bare), str(work)], check=True)
    (work / "lessons" / "NEWS.md").write_text("Week 2: lesson 05 is ready.\n", encoding="utf-8")
    subprocess.run([*git, "-C", str(work), "add", "lessons/NEWS.md"], check=True)
    subprocess.run([*git, "-C", str(work), "commit", "--quiet", "-m", "news"], check=True)
    publish_course(work, hub.bare)
    student.pull_course()
    assert student.contents("smallstate/README.md")["content"] == edited
    news = student.contents("smallstate/lessons/NEWS.md")["content"]
    assert news == "Week 2: lesson 05 is ready.\n"


def _grading_round_trip(bench: ModuleType, hub: Any, tmp: Path) -> None:
    course = tmp / "course"
    _instructor("new", ASSIGNMENT, "--exercises", EXERCISES, "--course", str(course))
    out = _instructor(
        "release", ASSIGNMENT, "--course", str(course), "--exchange", str(hub.exchange)
    )
    assert "published" in out
    right = _solutions(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    plans = {
        "student01": right,  # both right: 2 of 2
        "student02": {"L00_E1_answer": right["L00_E1_answer"]},  # one right: 1 of 2
        "student03": {},  # submits the notebook as fetched: 0 of 2
    }
    students = {}
    path = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    for name, answers in plans.items():
        student = students[name] = bench.Student(hub, name)
        student.login()
        listing = student.assignments("fetch", ASSIGNMENT)
        assert any(a["assignment_id"] == ASSIGNMENT for a in listing), listing
        _answer(student, path, answers)
        student.assignments("submit", ASSIGNMENT)
    out = _instructor(
        "collect", ASSIGNMENT, "--course", str(course), "--exchange", str(hub.exchange)
    )
    assert "collected 3 submission(s): student01, student02, student03" in out
    out = _instructor("grade", ASSIGNMENT, str(course / "submitted"), "--course", str(course))
    assert "graded 3, failed 0, missing 0" in out
    with (course / "grades.csv").open(encoding="utf-8") as handle:
        totals = {row["student_id"]: row["total"] for row in csv.DictReader(handle)}
    assert totals == {"student01": "2", "student02": "1", "student03": "0"}
    out = _instructor(
        "return", ASSIGNMENT, "--course", str(course), "--exchange", str(hub.exchange)
    )
    assert "returned feedback to 3 student(s)" in out
    for name, student in students.items():
        listing = student.assignments("fetch_feedback", ASSIGNMENT)
        submitted = [a for a in listing if a["status"] == "submitted"]
        assert submitted and submitted[0]["submissions"][0]["has_local_feedback"], listing
        feedback = hub.homes(name) / ASSIGNMENT / "feedback"
        html = next(feedback.rglob(f"{ASSIGNMENT}.html")).read_text(encoding="utf-8")
        score = re.search(r"Score:\s*([\d.]+)\s*/\s*([\d.]+)", re.sub(r"<[^>]+>", " ", html))
        assert score is not None, f"no score in {name}'s feedback"
        assert float(score.group(1)) == float(totals[name]) and float(score.group(2)) == 2.0


def test_hub_serves_five_students_and_grades_three(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bench = _bench()

    def after(hub: Any, results: list[Any]) -> None:
        assert all(r.ok for r in results), [r.error for r in results if not r.ok]
        _course_update(bench, hub, tmp_path)
        _grading_round_trip(bench, hub, tmp_path)

    status = bench.main(["--students", "5", "--state", str(tmp_path / "state")], after=after)
    lines = capsys.readouterr().out.strip().splitlines()
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert status == 0
    assert re.fullmatch(
        r"ok 5/5 kernel p50 [\d.]+ s p95 [\d.]+ s, lesson p50 [\d.]+ s p95 [\d.]+ s, "
        r"memory \d+ MiB/student, cpu [\d.]+ s/student",
        lines[-1],
    ), lines[-1]
