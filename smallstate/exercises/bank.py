"""Load the packaged exercise bank (hashed answers only) and any extra exercises.

The bank is ``smallstate/exercises/bank/LNN.json``, generated from the instructor's YAML by
``smallstate instructor bank``. An instructor can add exercises without touching the
library: set ``SMALLSTATE_EXTRA_EXERCISES`` to one or more paths (separated by the
platform's path separator) of built ``.json`` banks, folders of them, or authoring ``.yaml``
files (hashed in memory when loaded), or call :func:`load_exercises` in a notebook. The bank
follows the variable and the files: setting it (or rebuilding a file) after the first
``check`` takes effect at the next call. An extra exercise may not reuse an id of the packaged
bank (nor of another extra file): that raises, naming both files.

Examples
--------
>>> exercise("L00.E1").type
'choice'
>>> "L00.E1" in lesson_ids("L00")
True
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from smallstate.exercises.model import (
    EXERCISE_ID,
    Coding,
    Criterion,
    Exercise,
    FeedbackRule,
    unknown_exercise,
)
from smallstate.exercises.sealing import Sealed

__all__ = [
    "BANK_DIR",
    "all_exercises",
    "clear_cache",
    "exercise",
    "lesson_ids",
    "load_exercises",
    "record_to_exercise",
]

BANK_DIR = Path(__file__).resolve().parent / "bank"
ENV_EXTRA = "SMALLSTATE_EXTRA_EXERCISES"


def record_to_exercise(record: dict[str, Any], source: str = "bank") -> Exercise:
    """Turn one bank JSON record into an :class:`Exercise`, naming the source on error."""
    try:
        return Exercise(
            id=record["id"],
            lesson=record["lesson"],
            objective=record["objective"],
            type=record["type"],
            prompt=record["prompt"],
            points=float(record["points"]),
            match=record["match"],
            salt=record["salt"],
            answer_hashes=tuple(record.get("answer_hashes", ())),
            tolerance=record.get("tolerance"),
            options=tuple(record.get("options", ())),
            hints=tuple(record.get("hints", ())),
            feedback=tuple(
                FeedbackRule(f["hash"], f["message"]) for f in record.get("feedback", ())
            ),
            rubric=tuple(
                Criterion(c["criterion"], float(c["points"])) for c in record.get("rubric", ())
            ),
            explanation=Sealed.from_json(record.get("sealed_explanation"), source),
            model_answer=Sealed.from_json(record.get("sealed_model_answer"), source),
            coding=_coding(record.get("coding")),
        )
    except (KeyError, TypeError, ValueError) as err:
        ident = record.get("id", "?") if isinstance(record, dict) else "?"
        raise ValueError(f"{source}: exercise {ident}: bad or missing field ({err})") from None


def _coding(item: Any) -> Coding | None:
    if item is None:
        return None
    rows = {
        str(row): {str(col): tuple(hashes) for col, hashes in columns.items()}
        for row, columns in item["rows"].items()
    }
    return Coding(str(item["key"]), rows)


def _records_from(path: Path) -> list[dict[str, Any]]:
    if path.is_dir():
        return [r for p in sorted(path.glob("*.json")) for r in _records_from(p)]
    if path.suffix in (".yaml", ".yml"):
        from smallstate.exercises.authoring import read_exercise_file, to_bank_record

        return [to_bank_record(ex) for ex in read_exercise_file(path).exercises]
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise ValueError(f"{path}: cannot read exercise bank ({err})") from None
    records: list[dict[str, Any]] = document.get("exercises", [])
    return records


def _extra_paths() -> tuple[Path, ...]:
    extra = os.environ.get(ENV_EXTRA, "")
    return tuple(Path(p) for p in extra.split(os.pathsep) if p.strip())


def _stamp(path: Path) -> tuple[str, int]:
    """A path and its modification time (of the newest file in a folder): the cache key."""
    if not path.exists():
        raise FileNotFoundError(f"{ENV_EXTRA}: no such file or folder: {path}")
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    return str(path), max((f.stat().st_mtime_ns for f in files), default=0)


def _load() -> dict[str, Exercise]:
    """The bank: packaged files plus the current extra files (re-read when either changes)."""
    return _load_from(tuple(_stamp(p) for p in _extra_paths()))


@cache
def _load_from(extra: tuple[tuple[str, int], ...]) -> dict[str, Exercise]:
    bank: dict[str, Exercise] = {}
    origin: dict[str, str] = {}
    for path in sorted(BANK_DIR.glob("*.json")):
        for record in _records_from(path):
            ex = record_to_exercise(record, str(path))
            bank[ex.id], origin[ex.id] = ex, "the course's own exercises"
    for name, _ in extra:
        path = Path(name)
        for record in _records_from(path):
            ex = record_to_exercise(record, str(path))
            if ex.id in bank:
                raise ValueError(
                    f"{ENV_EXTRA}: {path}: exercise id {ex.id} is already used by "
                    f"{origin[ex.id]}; give your exercises a lesson id of your own (e.g. L90)"
                )
            bank[ex.id], origin[ex.id] = ex, str(path)
    return bank


def load_exercises(*paths: Path | str) -> list[str]:
    """Add extra exercise banks (``.json``, folders of them, or ``.yaml``) for this session.

    Appends the paths to ``SMALLSTATE_EXTRA_EXERCISES`` (so kernels started from here see them
    too) and returns the ids they hold. :func:`check`, :func:`hint` and :func:`rubric` find the
    exercises at once: no cache to clear.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> bank = pathlib.Path(tempfile.mkdtemp()) / "L90.yaml"
    >>> _ = bank.write_text("lesson: L90\\nexercises:\\n  - {id: L90.E1, type: numeric, "
    ...     "objective: o, prompt: p, answer: 10, solution: answer = 10}\\n")
    >>> load_exercises(bank)
    ['L90.E1']
    >>> exercise("L90.E1").type
    'numeric'
    >>> os.environ[ENV_EXTRA] = os.environ[ENV_EXTRA].replace(str(bank), "").strip(os.pathsep)
    """
    new = [Path(p) for p in paths]
    for path in new:
        _stamp(path)  # raises for a path that does not exist
    current = [str(p) for p in _extra_paths()]
    os.environ[ENV_EXTRA] = os.pathsep.join(dict.fromkeys([*current, *map(str, new)]))
    ids = {record["id"] for path in new for record in _records_from(path)}
    return [k for k in all_exercises() if k in ids]


def clear_cache() -> None:
    """Forget the loaded bank (only needed after rebuilding the packaged bank in place)."""
    _load_from.cache_clear()


def all_exercises() -> dict[str, Exercise]:
    """Every exercise by id, in lesson and exercise order.

    Examples
    --------
    >>> list(all_exercises())[0]
    'L00.E1'
    """
    bank = _load()
    return {k: bank[k] for k in sorted(bank, key=lambda i: (bank[i].lesson, bank[i].number))}


def lesson_ids(lesson: str) -> list[str]:
    """The ids of one lesson's exercises (``lesson`` like ``L00``), in order."""
    return [k for k, ex in all_exercises().items() if ex.lesson == lesson]


def exercise(exercise_id: str) -> Exercise:
    """Look up one exercise; unknown ids raise with the list of that lesson's ids.

    Raises
    ------
    smallstate.exercises.UnknownExerciseError
        For an unknown id (a :class:`smallstate.errors.UnknownNameError`).

    Examples
    --------
    >>> exercise("L00.E99")
    Traceback (most recent call last):
    ...
    smallstate.exercises.model.UnknownExerciseError: unknown exercise 'L00.E99' in lesson L00; known: 'L00.E1', 'L00.E2', 'L00.E3', 'L00.E4', 'L00.E5'
    """
    bank = _load()
    if isinstance(exercise_id, str) and exercise_id in bank:
        return bank[exercise_id]
    err = unknown_exercise(str(exercise_id), all_exercises())
    lesson = str(exercise_id).split(".", 1)[0]
    if EXERCISE_ID.match(str(exercise_id)) and not any(ex.lesson == lesson for ex in bank.values()):
        err.args = (
            f"{err.args[0]}. If {exercise_id} is one of your instructor's own exercises, load "
            f"its bank first: smallstate.exercises.load_exercises('path/to/{lesson}.json') (or "
            f"set {ENV_EXTRA} to that path before starting Jupyter)",
        )
    raise err
