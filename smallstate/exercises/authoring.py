"""Read the instructor's exercise files (YAML, with plain answers) and build the hashed bank.

Authoring format: one YAML file per lesson, ``instructor/exercises/LNN.yaml``::

    lesson: L00
    title: Start here
    exercises:
      - id: L00.E1
        type: choice            # choice | numeric | label | code | open
        objective: Name Leng's criterion for hedging
        prompt: Which element ...?
        options: [deference, defiance, diversification]
        answer: defiance        # or a list of accepted answers
        points: 1
        hints: [Re-read the paragraph where Leng defines hedging.]
        feedback:               # common wrong answer -> message
          diversification: You counted diversification as defiance ...
        explanation: >-         # why it is right: check() shows it after a right answer
          Leng's hedging combines deference with defiance ...
        solution: |             # worked solution (instructor only)
          answer = "defiance"
        hidden_tests: |         # optional extra asserts on `answer` (instructor only)
          assert answer != "deference"

``numeric`` takes ``tolerance`` (absolute, default 0); ``code`` takes ``value: numeric`` when
its answer is a number (otherwise ``text``/``label``) and optionally ``tolerance`` and
``stub`` (the starter code shown to learners). Any exercise may take ``setup``: code its
solution needs from the lesson (e.g. loading a table), put in a read-only cell before the
answer cell of an assignment. ``open`` takes ``rubric`` (a list of
``{criterion, points}``) and ``model_answer`` instead of ``answer`` and ``explanation``.

The bank seals ``explanation`` with the accepted answers and ``model_answer`` with
:data:`smallstate.exercises.sealing.ATTEMPT_KEY` (:mod:`smallstate.exercises.sealing`): a
learner sees the one after a correct answer and the other after writing an attempt, and
neither is readable in the bank or in an assignment released to students.

Assignments only: ``context`` (markdown shown before the prompt, so the exercise stands alone
outside its lesson) and ``parts`` (partial credit: a list of ``{says, points, test}``; each
part's ``test`` asserts on the student's names and becomes a grade cell of its own, ``says``
tells the student what it checks, and the answer itself is worth ``points`` minus the parts'
points). The complete format, with an
example, is in ``instructor/exercise-format.md``.

:func:`build_bank` turns these records into the learner bank (JSON-ready dicts) holding only
salted hashes; :func:`write_bank` writes ``smallstate/exercises/bank/LNN.json``.

Examples
--------
>>> spec = parse_exercises({"lesson": "L09", "exercises": [{"id": "L09.E1", "type": "label",
...     "objective": "o", "prompt": "p", "answer": "hedging", "solution": "answer = 'hedging'"}]},
...     "demo.yaml")
>>> record = to_bank_record(spec.exercises[0], salt="00")
>>> "hedging" in str(record)
False
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smallstate.errors import InputError
from smallstate.exercises.hashing import (
    accepted_keys,
    answer_key,
    coding_key,
    hash_key,
    hashes_for,
    new_salt,
)
from smallstate.exercises.model import EXERCISE_ID, EXERCISE_TYPES
from smallstate.exercises.sealing import ATTEMPT_KEY, seal

__all__ = [
    "AuthoredExercise",
    "ExerciseFileError",
    "LessonExercises",
    "Part",
    "bank_is_current",
    "build_bank",
    "instructor_exercises_dir",
    "load_authored",
    "parse_exercises",
    "read_exercise_file",
    "reflow",
    "to_bank_record",
    "write_bank",
]

_MATCH_FOR_TYPE = {"choice": "text", "numeric": "numeric", "label": "label", "open": "none"}
_KNOWN_KEYS = frozenset(
    {
        "id", "type", "objective", "prompt", "options", "answer", "points", "hints", "feedback",
        "solution", "hidden_tests", "tolerance", "value", "stub", "rubric", "model_answer",
        "setup", "context", "parts", "explanation", "coding",
    }
)  # fmt: skip


class ExerciseFileError(InputError):
    """A malformed exercise file; the message names the file, the exercise and the field."""


@dataclass(frozen=True)
class Part:
    """One separately graded part of an exercise (partial credit in assignments).

    ``says`` is shown to students (what the part checks), ``test`` is hidden (asserts on the
    names the student's cell defines), ``points`` is what the part is worth.
    """

    says: str
    points: float
    test: str


@dataclass(frozen=True)
class AuthoredExercise:
    """One exercise as the instructor wrote it, plain answer included (never shipped)."""

    id: str
    lesson: str
    type: str
    objective: str
    prompt: str
    points: float
    match: str
    answers: tuple[Any, ...]
    solution: str
    hidden_tests: str = ""
    tolerance: float | None = None
    options: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    feedback: tuple[tuple[Any, str], ...] = ()
    rubric: tuple[tuple[str, float], ...] = ()
    model_answer: str = ""
    explanation: str = ""
    stub: str = ""
    setup: str = ""
    source_file: str = ""
    context: str = ""
    parts: tuple[Part, ...] = ()
    #: The expected coding of the learner's table: ``(key column, {row id: {column: accepted
    #: values}})``, or ``None``; checked column by column (hashed) besides the answer.
    coding: tuple[str, dict[str, dict[str, tuple[str, ...]]]] | None = field(
        default=None, compare=False
    )

    @property
    def answer_points(self) -> float:
        """Points for the answer itself: ``points`` minus the points of the ``parts``."""
        return self.points - sum(part.points for part in self.parts)


@dataclass(frozen=True)
class LessonExercises:
    """All the exercises of one lesson file."""

    lesson: str
    title: str
    exercises: tuple[AuthoredExercise, ...]
    source_file: str = ""


def instructor_exercises_dir() -> Path:
    """The folder of the instructor's YAML files.

    ``$SMALLSTATE_INSTRUCTOR_DIR/exercises`` when that variable is set, else the
    ``instructor/exercises`` folder of the course checkout that holds the current directory (the
    working directory or one of its parents). The package never ships these files.

    Raises
    ------
    FileNotFoundError
        Outside a course checkout, with the folders searched and the variable to set.

    Examples
    --------
    >>> instructor_exercises_dir().name  # run from the course checkout
    'exercises'
    """
    import os

    override = os.environ.get("SMALLSTATE_INSTRUCTOR_DIR")
    if override:
        return Path(override) / "exercises"
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        candidate = folder / "instructor" / "exercises"
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"no instructor/exercises folder in {here} or its parents: run from the course "
        "checkout or set SMALLSTATE_INSTRUCTOR_DIR to the folder that holds exercises/"
    )


def _fail(where: str, message: str) -> ExerciseFileError:
    return ExerciseFileError(f"{where}: {message}")


def _text_field(raw: Mapping[str, Any], key: str, where: str, required: bool = True) -> str:
    value = raw.get(key)
    if value is None:
        if required:
            raise _fail(where, f"missing field {key!r}")
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise _fail(where, f"field {key!r} must be text, got {type(value).__name__}")
    text = str(value).strip()
    if required and not text:
        raise _fail(where, f"field {key!r} is empty")
    return text


def _str_list(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key) or []
    if isinstance(value, str) or not isinstance(value, list):
        raise _fail(where, f"field {key!r} must be a list")
    return tuple(str(v).strip() for v in value)


def _parse_one(raw: Any, lesson: str, where: str) -> AuthoredExercise:
    if not isinstance(raw, Mapping):
        raise _fail(where, "each exercise must be a mapping of fields")
    unknown = sorted(set(raw) - _KNOWN_KEYS)
    if unknown:
        raise _fail(where, f"unknown field(s) {unknown}; allowed: {sorted(_KNOWN_KEYS)}")
    ex_id = _text_field(raw, "id", where)
    found = EXERCISE_ID.match(ex_id)
    if found is None:
        raise _fail(where, f"field 'id' {ex_id!r} must look like L04.E2")
    where = f"{where} ({ex_id})"
    if f"L{found.group(1)}" != lesson:
        raise _fail(where, f"field 'id' belongs to lesson L{found.group(1)}, file is {lesson}")
    ex_type = _text_field(raw, "type", where)
    if ex_type not in EXERCISE_TYPES:
        raise _fail(where, f"field 'type' is {ex_type!r}; expected one of {EXERCISE_TYPES}")
    try:
        points = float(raw.get("points", 1))
    except (TypeError, ValueError):
        raise _fail(where, f"field 'points' must be a number, got {raw.get('points')!r}") from None
    tolerance: float | None = None
    if raw.get("tolerance") is not None:
        try:
            tolerance = float(raw["tolerance"])
        except (TypeError, ValueError):
            raise _fail(where, "field 'tolerance' must be a number") from None
        if tolerance < 0:
            raise _fail(where, "field 'tolerance' must not be negative")
    if ex_type == "code":
        match = _text_field(raw, "value", where, required=False) or "text"
        if match not in ("text", "label", "numeric"):
            raise _fail(where, f"field 'value' is {match!r}; expected text, label or numeric")
    else:
        if "value" in raw:
            raise _fail(where, "field 'value' is only for code exercises")
        match = _MATCH_FOR_TYPE[ex_type]
    options = _str_list(raw, "options", where)
    if ex_type == "choice" and len(options) < 2:
        raise _fail(where, "field 'options' needs at least two choices")
    rubric: tuple[tuple[str, float], ...] = ()
    answers: tuple[Any, ...] = ()
    if ex_type == "open":
        items = raw.get("rubric")
        if not isinstance(items, list) or not items:
            raise _fail(where, "open questions need a non-empty 'rubric' list")
        parsed = []
        for i, item in enumerate(items, start=1):
            if not isinstance(item, Mapping) or "criterion" not in item or "points" not in item:
                raise _fail(where, f"rubric item {i} needs 'criterion' and 'points'")
            parsed.append((str(item["criterion"]).strip(), float(item["points"])))
        rubric = tuple(parsed)
        if "answer" in raw or "explanation" in raw:
            raise _fail(
                where, "open questions have a 'model_answer', not an 'answer' or 'explanation'"
            )
        total = sum(p for _, p in rubric)
        if abs(total - points) > 1e-9 and "points" in raw:
            raise _fail(where, f"rubric points add up to {total:g}, field 'points' is {points:g}")
        points = total
    else:
        value = raw.get("answer")
        if value is None or value == "":
            raise _fail(where, "missing field 'answer'")
        answers = tuple(value) if isinstance(value, list) else (value,)
        for answer in answers:
            try:
                answer_key(answer, match, tolerance)
            except ValueError as err:
                raise _fail(where, f"field 'answer': {err}") from None
        if options and match in ("text", "label"):
            keys = {answer_key(o, match) for o in options}
            if ex_type in ("choice", "label") and answer_key(answers[0], match) not in keys:
                raise _fail(where, f"field 'answer' {answers[0]!r} is not one of the options")
    feedback_raw = raw.get("feedback") or {}
    if not isinstance(feedback_raw, Mapping):
        raise _fail(where, "field 'feedback' must map a wrong answer to a message")
    feedback = []
    for wrong, message in feedback_raw.items():
        if match != "none":
            try:
                answer_key(wrong, match, tolerance)
            except ValueError as err:
                raise _fail(where, f"feedback key {wrong!r}: {err}") from None
        feedback.append((wrong, str(message).strip()))
    solution = _text_field(raw, "solution", where, required=ex_type != "open")
    coding = _parse_coding(raw, where)
    parts = _parse_parts(raw, ex_type, points, where, coding)
    return AuthoredExercise(
        id=ex_id,
        lesson=lesson,
        type=ex_type,
        objective=_text_field(raw, "objective", where),
        prompt=_text_field(raw, "prompt", where),
        points=points,
        match=match,
        answers=answers,
        solution=solution,
        hidden_tests=_text_field(raw, "hidden_tests", where, required=False),
        tolerance=tolerance,
        options=options,
        hints=_str_list(raw, "hints", where),
        feedback=tuple(feedback),
        rubric=rubric,
        model_answer=_text_field(raw, "model_answer", where, required=False),
        explanation=_text_field(raw, "explanation", where, required=False),
        stub=_text_field(raw, "stub", where, required=False),
        setup=_text_field(raw, "setup", where, required=False),
        source_file=where.split(",", 1)[0],
        context=_text_field(raw, "context", where, required=False),
        parts=parts,
        coding=coding,
    )


def _parse_coding(
    raw: Mapping[str, Any], where: str
) -> tuple[str, dict[str, dict[str, tuple[str, ...]]]] | None:
    """The ``coding`` of an exercise: ``{key: COLUMN, rows: {ID: {COLUMN: value or [values]}}}``.

    Examples
    --------
    >>> _parse_coding({"coding": {"key": "act_id", "rows": {"A": {"stance": "defiance"}}}}, "x")
    ('act_id', {'A': {'stance': ('defiance',)}})
    >>> _parse_coding({}, "x") is None
    True
    """
    item = raw.get("coding")
    if item is None:
        return None
    if not isinstance(item, Mapping) or not isinstance(item.get("key"), str):
        raise _fail(where, "field 'coding' needs 'key' (the column naming each row) and 'rows'")
    rows = item.get("rows")
    if not isinstance(rows, Mapping) or not rows:
        raise _fail(where, "field 'coding.rows' must map each row id to {column: value}")
    unknown_keys = sorted(set(item) - {"key", "rows"})
    if unknown_keys:
        raise _fail(where, f"field 'coding': unknown key(s) {unknown_keys}; allowed: key, rows")
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for row_id, columns in rows.items():
        if not isinstance(columns, Mapping) or not columns:
            raise _fail(where, f"coding of row {row_id!r} must map columns to values")
        out[str(row_id)] = {
            str(column): tuple(str(v) for v in (value if isinstance(value, list) else [value]))
            for column, value in columns.items()
        }
    return str(item["key"]), out


def coding_test(exercise_id: str, table: str, coding: tuple[str, Any]) -> str:
    """The hidden assignment test of a coding part: each expected row of ``table``, cell by cell.

    It fails naming the row (by its key) and the columns whose coding is off, as ``check``
    does for a self-studying learner.

    Examples
    --------
    >>> print(coding_test("L09.E1", "acts", ("act_id", {"A": {"stance": ("defiance",)}})))
    ... # doctest: +ELLIPSIS
    _t = "".__class__
    _want = {'A': {'stance': ('defiance',)}}
    ...
    """
    key, rows = coding
    return "\n".join(
        [
            '_t = "".__class__',
            f"_want = {dict(rows)!r}",
            "_norm = lambda v: '_'.join(' '.join(_t(v).casefold().split()).replace('-', ' ')"
            ".replace('_', ' ').split())",
            f"_rows = {{_norm(r[{key!r}]): r for r in {table}.to_dict('records')}}",
            "for _id, _cols in _want.items():",
            f"    assert _norm(_id) in _rows, '{exercise_id}: no row with {key} ' + _id + "
            f"' in {table}'",
            "    _r = _rows[_norm(_id)]",
            "    _off = [c for c, ok in _cols.items()",
            "            if _norm(_r.get(c, '')).removesuffix('.0') not in {_norm(v) for v in ok}]",
            f"    assert not _off, '{exercise_id}: the coding of {key} ' + _id + "
            "' is off in: ' + ', '.join(_off)",
        ]
    )


def _parse_parts(
    raw: Mapping[str, Any],
    ex_type: str,
    points: float,
    where: str,
    coding: tuple[str, Any] | None = None,
) -> tuple[Part, ...]:
    """The ``parts`` of an exercise, checked: each part is worth something, the answer too.

    A part may give ``coding: TABLE`` instead of ``test``: its test is then generated from
    the exercise's ``coding`` (:func:`coding_test`), applied to the learner's ``TABLE``.
    """
    items = raw.get("parts")
    if items is None:
        return ()
    if ex_type == "open":
        raise _fail(
            where, "field 'parts' is for autograded exercises (open questions have a rubric)"
        )
    if not isinstance(items, list) or not items:
        raise _fail(where, "field 'parts' must be a non-empty list of {says, points, test}")
    parts = []
    for i, item in enumerate(items, start=1):
        here = f"{where}, part {i}"
        if not isinstance(item, Mapping):
            raise _fail(here, "each part must be a mapping with 'says', 'points' and 'test'")
        unknown = sorted(set(item) - {"says", "points", "test", "coding"})
        if unknown:
            raise _fail(
                here, f"unknown field(s) {unknown}; allowed: ['coding', 'points', 'says', 'test']"
            )
        try:
            value = float(item.get("points", ""))
        except (TypeError, ValueError):
            raise _fail(
                here, f"field 'points' must be a number, got {item.get('points')!r}"
            ) from None
        if value <= 0:
            raise _fail(here, "field 'points' must be positive")
        if "coding" in item:
            if coding is None or not str(item["coding"]).isidentifier():
                raise _fail(
                    here, "field 'coding' names the learner's table and needs the exercise's coding"
                )
            test = coding_test(str(raw.get("id", "")), str(item["coding"]), coding)
        else:
            test = _text_field(item, "test", here)
        parts.append(Part(_text_field(item, "says", here), value, test))
    rest = points - sum(p.points for p in parts)
    if rest <= 1e-9:
        raise _fail(
            where,
            f"the parts are worth {points - rest:g} of the exercise's {points:g} points; the "
            "answer itself must be worth the rest (raise 'points' or lower the parts)",
        )
    return tuple(parts)


def parse_exercises(data: Any, source: str) -> LessonExercises:
    """Validate the parsed YAML of one exercise file.

    Raises
    ------
    ExerciseFileError
        Naming the file, the exercise (position and id) and the field at fault.

    Examples
    --------
    >>> parse_exercises({"lesson": "L00", "exercises": [{"id": "L01.E1"}]}, "x.yaml")
    Traceback (most recent call last):
    ...
    smallstate.exercises.authoring.ExerciseFileError: x.yaml, exercise 1 (L01.E1): field 'id' belongs to lesson L01, file is L00
    """
    if not isinstance(data, Mapping):
        raise _fail(source, "expected a mapping with 'lesson' and 'exercises'")
    lesson = str(data.get("lesson", "")).strip()
    if not lesson or not EXERCISE_ID.match(f"{lesson}.E1"):
        raise _fail(source, f"field 'lesson' must look like L04, got {lesson!r}")
    items = data.get("exercises")
    if not isinstance(items, list) or not items:
        raise _fail(source, "field 'exercises' must be a non-empty list")
    parsed = tuple(
        _parse_one(raw, lesson, f"{source}, exercise {i}") for i, raw in enumerate(items, start=1)
    )
    seen: set[str] = set()
    for ex in parsed:
        if ex.id in seen:
            raise _fail(source, f"exercise id {ex.id} appears twice")
        seen.add(ex.id)
    return LessonExercises(lesson, str(data.get("title", "")).strip(), parsed, source)


def read_exercise_file(path: Path | str) -> LessonExercises:
    """Read and validate one YAML exercise file."""
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise _fail(str(path), f"not valid YAML: {err}") from None
    return parse_exercises(data, str(path))


def load_authored(paths: Iterable[Path | str] | None = None) -> list[LessonExercises]:
    """Read the instructor's lesson files (default: every ``LNN.yaml``) and any extra files."""
    files = sorted(instructor_exercises_dir().glob("L[0-9][0-9].yaml")) if paths is None else paths
    return [read_exercise_file(p) for p in files]


def reflow(text: str) -> str:
    """Join the lines of each paragraph (YAML ``|`` blocks keep the author's line breaks).

    Examples
    --------
    >>> reflow("one\\ntwo\\n\\nthree")
    'one two\\n\\nthree'
    """
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def to_bank_record(ex: AuthoredExercise, salt: str | None = None) -> dict[str, Any]:
    """The learner-visible JSON record of one exercise: hashes instead of answers.

    Examples
    --------
    >>> ex = AuthoredExercise(id="L09.E1", lesson="L09", type="numeric", objective="o",
    ...     prompt="p", points=1.0, match="numeric", answers=(1958,), solution="s")
    >>> sorted(to_bank_record(ex, salt="ab"))[:3]
    ['answer_hashes', 'feedback', 'hints']
    """
    salt = salt or new_salt()
    record: dict[str, Any] = {
        "id": ex.id,
        "lesson": ex.lesson,
        "type": ex.type,
        "objective": ex.objective,
        "prompt": ex.prompt,
        "points": ex.points,
        "match": ex.match,
        "tolerance": ex.tolerance,
        "options": list(ex.options),
        "hints": list(ex.hints),
        "rubric": [{"criterion": c, "points": p} for c, p in ex.rubric],
        "salt": salt,
        "answer_hashes": [],
        "feedback": [],
    }
    if ex.match != "none":
        record["answer_hashes"] = hashes_for(ex.answers, ex.match, salt, ex.tolerance)
        record["feedback"] = sorted(
            (
                {"hash": hash_key(salt, answer_key(w, ex.match, ex.tolerance)), "message": m}
                for w, m in ex.feedback
            ),
            key=lambda item: item["hash"],
        )
        if ex.explanation:
            keys = accepted_keys(ex.answers, ex.match, ex.tolerance)
            record["sealed_explanation"] = seal(ex.explanation, salt, keys, "explanation").to_json()
    if ex.coding is not None:
        key_column, rows = ex.coding
        record["coding"] = {
            "key": key_column,
            "rows": {
                row_id: {
                    column: sorted(hash_key(salt, coding_key(row_id, column, v)) for v in values)
                    for column, values in columns.items()
                }
                for row_id, columns in rows.items()
            },
        }
    if ex.model_answer:
        sealed = seal(reflow(ex.model_answer), salt, [ATTEMPT_KEY], "model answer")
        record["sealed_model_answer"] = sealed.to_json()
    return record


def build_bank(
    lessons: Sequence[LessonExercises], salts: Mapping[str, str] | None = None
) -> dict[str, dict[str, Any]]:
    """Build one bank document per lesson; reuse ``salts`` (id -> salt) where given."""
    salts = salts or {}
    return {
        lesson.lesson: {
            "lesson": lesson.lesson,
            "title": lesson.title,
            "generated_by": "smallstate instructor bank (do not edit: edit the YAML and rebuild)",
            "exercises": [to_bank_record(ex, salts.get(ex.id)) for ex in lesson.exercises],
        }
        for lesson in lessons
    }


def _dump(document: Mapping[str, Any]) -> str:
    return json.dumps(document, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def _existing_salts(out_dir: Path) -> dict[str, str]:
    salts: dict[str, str] = {}
    for path in sorted(out_dir.glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")).get("exercises", []):
            salts[record["id"]] = record["salt"]
    return salts


def write_bank(lessons: Sequence[LessonExercises], out_dir: Path | str) -> list[Path]:
    """Write ``out_dir/LNN.json`` for every lesson, keeping the salts already on disk.

    Keeping salts makes a rebuild of unchanged YAML byte-identical, so ``git diff`` shows only
    real changes. Returns the paths written.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    documents = build_bank(lessons, _existing_salts(out_dir))
    written = []
    for lesson_id, document in documents.items():
        path = out_dir / f"{lesson_id}.json"
        path.write_text(_dump(document), encoding="utf-8")
        written.append(path)
    return written


def bank_is_current(lessons: Sequence[LessonExercises], out_dir: Path | str) -> list[str]:
    """Problems that make the bank in ``out_dir`` differ from the YAML (empty list: current).

    The YAML answers are re-hashed with the salts stored in the bank, so the comparison is
    exact even though salts are random.
    """
    out_dir = Path(out_dir)
    problems = []
    documents = build_bank(lessons, _existing_salts(out_dir))
    for lesson_id, document in documents.items():
        path = out_dir / f"{lesson_id}.json"
        if not path.is_file():
            problems.append(f"{path} is missing")
        elif path.read_text(encoding="utf-8") != _dump(document):
            problems.append(f"{path} is out of date with {lesson_id}.yaml")
    expected = {f"{lesson_id}.json" for lesson_id in documents}
    problems += [
        f"{p} has no YAML source" for p in sorted(out_dir.glob("L*.json")) if p.name not in expected
    ]
    return problems
