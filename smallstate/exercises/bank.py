"""Load the packaged exercise bank (hashed answers only) and any extra exercises.

The bank is ``smallstate/exercises/bank/LNN.json``, generated from the instructor's YAML by
``smallstate instructor bank``. An instructor can add exercises without touching the
library: set ``SMALLSTATE_EXTRA_EXERCISES`` to one or more paths (separated by the
platform's path separator) of built ``.json`` banks, folders of them, or authoring ``.yaml``
files (hashed in memory when loaded).

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
        )
    except (KeyError, TypeError, ValueError) as err:
        ident = record.get("id", "?") if isinstance(record, dict) else "?"
        raise ValueError(f"{source}: exercise {ident}: bad or missing field ({err})") from None


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


@cache
def _load() -> dict[str, Exercise]:
    sources: list[Path] = sorted(BANK_DIR.glob("*.json"))
    extra = os.environ.get(ENV_EXTRA, "")
    sources += [Path(p) for p in extra.split(os.pathsep) if p.strip()]
    bank: dict[str, Exercise] = {}
    for path in sources:
        if not path.exists():
            raise FileNotFoundError(f"{ENV_EXTRA}: no such file or folder: {path}")
        for record in _records_from(path):
            ex = record_to_exercise(record, str(path))
            bank[ex.id] = ex  # later sources (extra exercises) override the packaged bank
    return bank


def clear_cache() -> None:
    """Forget the loaded bank (after changing ``SMALLSTATE_EXTRA_EXERCISES`` or rebuilding)."""
    _load.cache_clear()


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
    raise unknown_exercise(str(exercise_id), all_exercises())
