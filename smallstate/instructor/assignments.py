"""Build nbgrader assignment sources from the exercise bank, release them, and scan for leaks.

``new_assignment`` writes ``COURSE/source/NAME/NAME.ipynb`` with, per exercise:

* a markdown cell with the prompt (options, rubric criteria for open questions);
* autograded exercises: a solution cell (``answer = ...`` stub, then the worked solution between
  ``### BEGIN SOLUTION`` / ``### END SOLUTION``) and a locked test cell worth the exercise's
  points: public checks of the answer's form, then the real comparison between
  ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS``;
* open questions: a manually graded markdown answer cell whose instructor version holds the
  model answer (nbgrader replaces it with "YOUR ANSWER HERE" on release).

The generated tests call no function a student can replace: they take the real ``str`` and
``float`` types from literals (``"".__class__``, ``(0.0).__class__``) and compare the values
with plain operators, so monkeypatching ``smallstate``, ``builtins`` or shadowing ``str`` in
the notebook does not change the grade.

An exercise with ``parts`` (partial credit) gets one more locked grade cell per part, worth
that part's points; its score is the sum of its cells (see :func:`exercise_code`).

Examples
--------
>>> from smallstate.exercises.authoring import AuthoredExercise
>>> ex = AuthoredExercise(id="L90.E1", lesson="L90", type="label", objective="o", prompt="p",
...     points=1.0, match="label", answers=("hedging",), solution="answer = 'hedging'",
...     feedback=(("balancing", "Balancing needs an alliance."),))
>>> print(hidden_check(ex))
_s = "".join(["".__class__(_v)])
_k = " ".join(_s.casefold().split())
_k = "_".join(_k.replace("-", " ").replace("_", " ").split())
assert _k in {'hedging'}, {'balancing': 'Balancing needs an alliance.'}.get(_k, 'L90.E1: not the expected answer')
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from smallstate.exercises.authoring import (
    AuthoredExercise,
    Part,
    load_authored,
)
from smallstate.exercises.hashing import answer_key, to_number
from smallstate.exercises.model import unknown_exercise

__all__ = [
    "built_exercises",
    "exercise_code",
    "find_leaks",
    "grade_id",
    "hidden_check",
    "nbgrader_env",
    "new_assignment",
    "part_grade_id",
    "release_assignment",
    "select_exercises",
]

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
CODE_STUB = "# Your answer: replace the ... above (and any lines you need)."
SCHEMA_VERSION = 3


def grade_id(exercise_id: str) -> str:
    """nbgrader grade id of an exercise (``L00.E1`` -> ``L00_E1``).

    Examples
    --------
    >>> grade_id("L04.E12")
    'L04_E12'
    """
    return exercise_id.replace(".", "_")


def nbgrader_env() -> dict[str, str]:
    """Environment for nbgrader subprocesses: this Python's bin folder first on PATH."""
    env = dict(os.environ)
    bindir = str(Path(sys.executable).parent)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


def _authored_by_id(extra: Sequence[Path] = ()) -> dict[str, AuthoredExercise]:
    """Course exercises plus those of the ``extra`` files; an extra id may not reuse a course id."""
    known = {ex.id: ex for lesson in load_authored() for ex in lesson.exercises}
    for lesson in load_authored(extra) if extra else []:
        for ex in lesson.exercises:
            if ex.id in known:
                where = known[ex.id].source_file or "the course"
                raise ValueError(
                    f"{lesson.source_file}: exercise id {ex.id} is already used by {where}; "
                    "give your own exercises a lesson id the course does not use (e.g. L90)"
                )
            known[ex.id] = ex
    return known


def select_exercises(spec: str, extra: Sequence[Path] = ()) -> list[AuthoredExercise]:
    """Resolve ``all``, lesson ids (``L00``) and exercise ids (``L00.E1``), comma-separated.

    Examples
    --------
    >>> [ex.id for ex in select_exercises("L00.E3,L00.E1")]
    ['L00.E3', 'L00.E1']
    >>> select_exercises("L00.E9")
    Traceback (most recent call last):
    ...
    smallstate.exercises.model.UnknownExerciseError: unknown exercise 'L00.E9' in lesson L00; known: 'L00.E1', 'L00.E2', 'L00.E3', 'L00.E4', 'L00.E5'
    """
    known = _authored_by_id(extra)
    chosen: list[AuthoredExercise] = []
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        if part == "all":
            chosen += list(known.values())
        elif part in known:
            chosen.append(known[part])
        elif re.fullmatch(r"L\d\d", part) and any(ex.lesson == part for ex in known.values()):
            chosen += [ex for ex in known.values() if ex.lesson == part]
        else:
            err = unknown_exercise(part, known)
            lesson = part.split(".", 1)[0]
            if re.fullmatch(r"L\d\d", lesson) and not any(
                ex.lesson == lesson for ex in known.values()
            ):
                err.args = (
                    f"{err.args[0]}. If {part} is one of your own exercises, pass its file: "
                    f"--extra my_exercises.yaml (see instructor/exercise-format.md)",
                )
            raise err
    unique = list(dict.fromkeys(chosen))
    if not unique:
        raise ValueError("no exercises selected (use ids such as L00.E1, a lesson L00, or all)")
    return unique


def hidden_check(ex: AuthoredExercise) -> str:
    """The generated hidden test comparing ``_v`` (the learner's answer) with the answer.

    A wrong answer the exercise has ``feedback`` for fails with that message (so nbgrader's
    feedback shows it); any other wrong answer with ``"<id>: not the expected answer"``.
    """
    default = f"{ex.id}: not the expected answer"
    if ex.match == "numeric":
        targets = sorted({to_number(a) for a in ex.answers})
        tol = (ex.tolerance or 0.0) + 1e-9
        conditions = " or ".join(f"-{tol!r} <= _x - {t!r} <= {tol!r}" for t in targets)
        lines = ["_x = (0.0).__class__(_v)", f"_m = {default!r}"]
        for wrong, message in ex.feedback:
            lines.append(f"if -{tol!r} <= _x - {to_number(wrong)!r} <= {tol!r}: _m = {message!r}")
        return "\n".join([*lines, f"assert {conditions}, _m"])
    keys = sorted({answer_key(a, ex.match) for a in ex.answers})
    lines = ['_s = "".join(["".__class__(_v)])', '_k = " ".join(_s.casefold().split())']
    if ex.match == "label":
        lines.append('_k = "_".join(_k.replace("-", " ").replace("_", " ").split())')
    messages = {answer_key(w, ex.match): m for w, m in ex.feedback}
    message = f"{messages!r}.get(_k, {default!r})" if messages else repr(default)
    lines.append(f"assert _k in {{{', '.join(repr(k) for k in keys)}}}, {message}")
    return "\n".join(lines)


def _public_check(ex: AuthoredExercise) -> str:
    points = ex.answer_points
    lines = [
        f"# Tests for {ex.id} ({points:g} point{'s' if points != 1 else ''}). Do not edit.",
        "_v = answer",
        f'assert _v is not ... and _v is not None, "{ex.id}: replace ... with your answer"',
    ]
    if ex.match == "numeric":
        lines.append(f'assert (0.0).__class__(_v) == (0.0).__class__(_v), "{ex.id}: give a number"')
    else:
        lines.append('_s = "".join(["".__class__(_v)])')
        if ex.options and ex.type == "choice":
            normal = sorted({answer_key(o, ex.match) for o in ex.options})
            norm = '" ".join(_s.casefold().split())'
            if ex.match == "label":
                norm = f'"_".join({norm}.replace("-", " ").replace("_", " ").split())'
            lines.append(
                f"assert {norm} in {{{', '.join(repr(k) for k in normal)}}}, "
                f'"{ex.id}: answer with one of the options"'
            )
    return "\n".join(lines)


def _prompt_markdown(ex: AuthoredExercise) -> str:
    points = f"{ex.points:g} point{'s' if ex.points != 1 else ''}"
    parts = [f"### {ex.id} ({points})", ""]
    if ex.context:
        parts += [ex.context, ""]
    parts.append(ex.prompt)
    if ex.parts:
        parts += ["", "Graded in parts (points):", ""]
        parts += [f"- the answer in `answer` ({ex.answer_points:g})"]
        parts += [f"- {part.says} ({part.points:g})" for part in ex.parts]
    if ex.options:
        parts += ["", "Options: " + ", ".join(f"`{o}`" for o in ex.options)]
    if ex.type == "open":
        parts += ["", "Your answer is graded with this rubric:", ""]
        parts += [f"- {c} ({p:g} point{'s' if p != 1 else ''})" for c, p in ex.rubric]
        parts += ["", "Write your answer in the next cell."]
    else:
        parts += ["", "Put your answer in `answer` in the next cell, then run the test cell."]
    return "\n".join(parts)


def _meta(gid: str, *, solution: bool, grade: bool, points: float = 0, locked: bool = False) -> Any:
    meta: dict[str, Any] = {
        "grade": grade,
        "grade_id": gid,
        "locked": locked,
        "schema_version": SCHEMA_VERSION,
        "solution": solution,
    }
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def part_grade_id(exercise_id: str, number: int) -> str:
    """nbgrader grade id of part ``number`` (1-based) of an exercise graded in parts.

    Examples
    --------
    >>> part_grade_id("L02.E2", 1)
    'L02_E2_part1'
    """
    return f"{grade_id(exercise_id)}_part{number}"


def _part_test(ex: AuthoredExercise, number: int) -> str:
    part = ex.parts[number - 1]
    points = f"{part.points:g} point{'s' if part.points != 1 else ''}"
    return (
        f"# Part {number} of {ex.id}: {part.says} ({points}). Do not edit.\n"
        f"### BEGIN HIDDEN TESTS\n{part.test}\n### END HIDDEN TESTS"
    )


def exercise_code(ex: AuthoredExercise) -> tuple[str, str, list[str]]:
    """The ``(setup, solution, tests)`` code of an autograded exercise's assignment cells.

    The solution cell holds the stub, then the worked solution between the nbgrader markers.
    ``tests`` holds the test cell of the answer (public checks, then the hidden ones), then,
    for an exercise graded in ``parts``, one test cell per part (hidden): each is an nbgrader
    grade cell of its own, so a part earns its points when its cell runs without error.
    """
    stub = ex.stub or "answer = ..."
    solution = f"{stub}\n### BEGIN SOLUTION\n{ex.solution}\n### END SOLUTION"
    hidden = hidden_check(ex)
    if ex.hidden_tests:
        hidden += "\nanswer = _v\n" + ex.hidden_tests
    test = f"{_public_check(ex)}\n### BEGIN HIDDEN TESTS\n{hidden}\n### END HIDDEN TESTS"
    parts = [_part_test(ex, number) for number in range(1, len(ex.parts) + 1)]
    return ex.setup, solution, [test, *parts]


def build_notebook(name: str, exercises: Sequence[AuthoredExercise]) -> Any:
    """The instructor (source) notebook of an assignment, as an nbformat node."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    total = sum(ex.points for ex in exercises)
    intro = (
        f"# {name}\n\nAnswer each exercise by replacing `...` in the answer cell, then run the "
        f"test cell below it: it checks the form of your answer only (the grade uses further "
        f"tests). Restart the kernel and run all cells before you submit. Total: {total:g} points."
    )
    cells = [
        nbformat.v4.new_markdown_cell(
            intro, metadata=_meta("intro", solution=False, grade=False, locked=True)
        )
    ]
    for ex in exercises:
        gid = grade_id(ex.id)
        cells.append(
            nbformat.v4.new_markdown_cell(
                _prompt_markdown(ex),
                metadata=_meta(f"{gid}_prompt", solution=False, grade=False, locked=True),
            )
        )
        if ex.type == "open":
            answer = ex.model_answer or "(no model answer written)"
            cells.append(
                nbformat.v4.new_markdown_cell(
                    f"**Model answer (instructor copy only).**\n\n{answer}",
                    metadata=_meta(gid, solution=True, grade=True, points=ex.points),
                )
            )
            continue
        setup, solution, tests = exercise_code(ex)
        if setup:
            cells.append(
                nbformat.v4.new_code_cell(
                    setup,
                    metadata=_meta(f"{gid}_setup", solution=False, grade=False, locked=True),
                )
            )
        cells.append(
            nbformat.v4.new_code_cell(
                solution, metadata=_meta(f"{gid}_answer", solution=True, grade=False)
            )
        )
        graded = [(gid, ex.answer_points)]
        graded += [(part_grade_id(ex.id, n), p.points) for n, p in enumerate(ex.parts, start=1)]
        for code, (cell_id, points) in zip(tests, graded, strict=True):
            cells.append(
                nbformat.v4.new_code_cell(
                    code,
                    metadata=_meta(cell_id, solution=False, grade=True, points=points, locked=True),
                )
            )
    nb.cells = cells
    return nb


def _config_text(course_id: str, timeout: int) -> str:
    return f'''"""nbgrader configuration written by `smallstate instructor new`."""

c = get_config()  # noqa: F821 - provided by nbgrader
c.CourseDirectory.course_id = {course_id!r}
c.CourseDirectory.db_url = "sqlite:///gradebook.db"  # relative to the course folder
c.ExecutePreprocessor.timeout = {timeout}  # seconds per cell when grading
c.Execute.timeout = {timeout}
c.Execute.interrupt_on_timeout = True
c.ClearSolutions.code_stub = {{"python": {CODE_STUB!r}}}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
'''


def _readme_text(name: str, exercises: Sequence[AuthoredExercise]) -> str:
    rows = "\n".join(
        f"| {ex.id} | {ex.type} | {ex.points:g} | {ex.objective} |" for ex in exercises
    )
    return f"""# Course folder (nbgrader)

Generated by `smallstate instructor new`. Assignment `{name}`:

| exercise | type | points | objective |
|---|---|---|---|
{rows}

- `source/` holds the instructor version (answers and hidden tests): never share it.
- `smallstate instructor release {name}` writes the student version to `release/{name}/`.
- Collect submissions as `SUBMISSIONS/<student>/{name}.ipynb`, then
  `smallstate instructor grade {name} SUBMISSIONS --roster students.txt` writes `grades.csv`,
  `feedback/` (hidden tests left out unless `--show-hidden-tests`) and `unmatched.csv` (every
  file or folder it could not match to a student, with the closest roster name).
- Open questions are graded by hand: `nbgrader formgrader` or read the notebooks with the
  rubric in the prompt; their points stay 0 in `grades.csv` until graded.
"""


def new_assignment(
    name: str,
    selection: str,
    course: Path | str,
    *,
    course_id: str = "smallstate",
    extra: Sequence[Path] = (),
    timeout: int = 30,
    force: bool = False,
) -> list[Path]:
    """Write the assignment source, ``nbgrader_config.py`` and ``README.md`` in ``course``.

    Returns the paths written. An existing source is kept unless ``force``. Every answer key
    is first checked against its worked solution
    (:func:`smallstate.instructor.answer_keys.check_answer_keys`): a mismatch raises
    ``AnswerKeyError`` naming the exercise, and nothing is written. An ``extra`` exercise whose
    id the course already uses raises ``ValueError``.
    """
    import nbformat

    if not _NAME.match(name):
        raise ValueError(f"assignment name {name!r}: use letters, digits, '-' and '_' only")
    from smallstate.instructor.answer_keys import check_answer_keys

    exercises = select_exercises(selection, extra)
    course = Path(course).resolve()
    target = course / "source" / name / f"{name}.ipynb"
    if target.exists() and not force:
        raise FileExistsError(f"{target} exists (use --force to overwrite)")
    check_answer_keys(exercises, timeout=60.0 + timeout * 3 * len(exercises))
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(build_notebook(name, exercises), target)
    written = [target]
    config = course / "nbgrader_config.py"
    if force or not config.exists():
        config.write_text(_config_text(course_id, timeout), encoding="utf-8")
        written.append(config)
    readme = course / "README.md"
    readme.write_text(_readme_text(name, exercises), encoding="utf-8")
    written.append(readme)
    manifest = course / ".smallstate" / f"{name}.json"
    manifest.parent.mkdir(exist_ok=True)
    # the exercises as built (extra ones included), so `release` checks them all for leaks
    document = {
        "exercises": [ex.id for ex in exercises],
        "authored": [asdict(ex) for ex in exercises],
    }
    manifest.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return written


def _from_manifest(record: dict[str, Any]) -> AuthoredExercise:
    fields: dict[str, Any] = dict(record)
    for key in ("answers", "options", "hints"):
        fields[key] = tuple(fields.get(key, ()))
    fields["feedback"] = tuple(tuple(pair) for pair in fields.get("feedback", ()))
    fields["rubric"] = tuple((c, float(p)) for c, p in fields.get("rubric", ()))
    fields["parts"] = tuple(Part(**part) for part in fields.get("parts", ()))
    return AuthoredExercise(**fields)


def built_exercises(
    name: str, course: Path | str, extra: Sequence[Path] = ()
) -> list[AuthoredExercise]:
    """The exercises of an assignment as :func:`new_assignment` built them (extra ones too).

    Raises ``ValueError`` for an assignment built by an older version that did not record them
    and whose ids are no longer all known: a leak check must never skip an exercise.
    """
    manifest = Path(course) / ".smallstate" / f"{name}.json"
    ids = assignment_exercises(name, course)
    document = json.loads(manifest.read_text(encoding="utf-8"))
    if "authored" in document:
        return [_from_manifest(record) for record in document["authored"]]
    known = _authored_by_id(extra)
    missing = [i for i in ids if i not in known]
    if missing:
        raise ValueError(
            f"{manifest}: cannot check {', '.join(missing)} for leaks (not course exercises); "
            "rebuild the assignment with `new ... --extra FILE.yaml --force`"
        )
    return [known[i] for i in ids]


def assignment_exercises(name: str, course: Path | str) -> list[str]:
    """The exercise ids of an assignment built by :func:`new_assignment`."""
    manifest = Path(course) / ".smallstate" / f"{name}.json"
    if not manifest.is_file():
        raise FileNotFoundError(f"{manifest} not found: build the assignment with `new` first")
    ids: list[str] = json.loads(manifest.read_text(encoding="utf-8"))["exercises"]
    return ids


def run_nbgrader(
    args: Sequence[str], course: Path, timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m nbgrader ARGS`` in ``course`` with the venv's bin on PATH."""
    return run_python(["-m", "nbgrader", *args], course, timeout)


def run_python(
    args: Sequence[str], cwd: Path | str, timeout: float | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run this Python with ``args`` in ``cwd`` (the venv's bin first on PATH), output captured.

    Raises ``subprocess.TimeoutExpired`` after ``timeout`` seconds.
    """
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=nbgrader_env(),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def release_assignment(name: str, course: Path | str, extra: Sequence[Path] = ()) -> Path:
    """Run ``nbgrader generate_assignment NAME`` and refuse a release that leaks answers.

    Every exercise of the assignment is scanned, custom (``--extra``) ones included: their
    definitions were recorded by :func:`new_assignment` (``extra`` is only needed for an
    assignment built before they were recorded).
    """
    course = Path(course).resolve()
    exercises = built_exercises(name, course, extra)
    result = run_nbgrader(["generate_assignment", name, "--force", "--create"], course)
    release = course / "release" / name
    if result.returncode != 0 or not release.is_dir():
        raise ValueError(f"nbgrader generate_assignment failed:\n{result.stdout}\n{result.stderr}")
    leaks = find_leaks(release.rglob("*"), exercises)
    if leaks:
        raise ValueError("release leaks instructor material:\n" + "\n".join(leaks))
    return release


def _visible_text(ex: AuthoredExercise) -> str:
    """Everything about an exercise that learners are meant to see."""
    parts = [ex.prompt, ex.context, ex.stub, ex.setup, ex.objective, *ex.options, *ex.hints]
    parts += [part.says for part in ex.parts]
    parts += [message for _, message in ex.feedback] + [c for c, _ in ex.rubric]
    return "\n".join(parts)


def _secrets(ex: AuthoredExercise, visible: str) -> list[tuple[str, str]]:
    """(what, text) pairs that must never reach a student file.

    A plain answer that learners see anyway (an option, or a word such as ``hedging`` that the
    course's visible text uses) is not searched for: what must not leak is which one is right,
    and the solution and hidden-test lines would reveal that.
    """
    found: list[tuple[str, str]] = []
    hidden = hidden_check(ex) if ex.match != "none" else ""
    tests = "\n".join([ex.hidden_tests, hidden, *(part.test for part in ex.parts)])
    for what, block in (("solution", ex.solution), ("hidden test", tests),
                        ("model answer", ex.model_answer)):  # fmt: skip
        for line in block.splitlines():
            line = line.strip()
            if len(line) >= 12 and line not in visible and not line.startswith("_s = "):
                found.append((what, line))
    for answer in ex.answers:
        if not _word_in(str(answer), visible):
            found.append(("plain answer", str(answer)))
    return found


def _word_in(word: str, text: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(word)}(?![\w.])", text, flags=re.I) is not None


def _file_text(path: Path) -> str:
    """The text to scan: in a notebook only the answer and test cells (prompts are public)."""
    if path.suffix == ".ipynb":
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
            cells = [
                c for c in nb.get("cells", [])
                if (c.get("metadata", {}).get("nbgrader", {}).get("solution")
                    or c.get("metadata", {}).get("nbgrader", {}).get("grade"))
                or not c.get("metadata", {}).get("nbgrader")
            ]  # fmt: skip
            return "\n".join("".join(c.get("source", "")) for c in cells)
        except (ValueError, UnicodeDecodeError):
            pass
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        text = path.read_bytes().decode("latin-1")
    # hashes (hex) and sealed text (base64) are ciphertext: a one-digit answer such as "7" can
    # stand between a "+" and a "/" there by chance, which is no leak
    text = re.sub(r"\b[0-9a-f]{32,64}\b", "#", text)
    return re.sub(r"[A-Za-z0-9+/]{40,}={0,2}", "#", text)


def find_leaks(
    paths: Iterable[Path], exercises: Sequence[AuthoredExercise], salts: Sequence[str] = ()
) -> list[str]:
    """Report every secret (solution line, hidden test, model answer, plain answer, salt) found.

    Plain answers that are not options are searched as whole words (``52`` does not match
    ``1952``); options are shown to students anyway, so for choice and label exercises the
    secret is which option is right, which the solution and hidden-test lines would reveal.

    Examples
    --------
    >>> from smallstate.exercises.authoring import load_authored
    >>> exs = load_authored()[0].exercises
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> exs = [ex for lesson in load_authored() for ex in lesson.exercises]
    >>> _ = (d / "a.txt").write_text("result = predict(a, b, ally_available=False)")
    >>> find_leaks([d / "a.txt"], exs)[0].endswith(
    ...     "solution of L01.E3: 'result = predict(a, b, ally_available=False)'")
    True
    """
    problems = []
    visible = "\n".join(_visible_text(ex) for ex in exercises)
    secrets = [(ex.id, what, text) for ex in exercises for what, text in _secrets(ex, visible)]
    for path in paths:
        if not path.is_file():
            continue
        text = _file_text(path)
        for ex_id, what, secret in secrets:
            if _word_in(secret, text) if what == "plain answer" else secret in text:
                problems.append(f"{path}: {what} of {ex_id}: {secret!r}")
        raw = path.read_bytes().decode("utf-8", errors="replace") if salts else ""
        problems += [f"{path}: salt {salt[:8]}..." for salt in salts if salt in raw]
    return problems
