"""The learner's saved progress: a small JSON file in the user's data folder.

``check`` saves every real attempt (not the "not attempted" runs of an unanswered cell) to
``progress.json`` in the folder that `platformdirs <https://platformdirs.readthedocs.io>`_
gives for user data (``~/.local/share/smallstate`` on Linux), or to the file named by
``$SMALLSTATE_PROGRESS_FILE`` (tests, or a shared computer). ``progress()`` reads it back,
so a restarted kernel or another lesson still knows what was attempted and passed.

Reset with ``smallstate.exercises.reset()`` (everything) or ``reset("L03")`` (one lesson),
or delete the file that :func:`progress_file` names. The file holds exercise ids, attempt
counts, the last status and whether the exercise was passed; never the answers.

An unreadable file is not fatal: it is renamed to ``progress.json.bad`` with a warning naming
it, and a fresh one is started. A folder that cannot be written gives one warning and the
progress is then kept for this session only.

Examples
--------
>>> forget()
>>> save_attempt("L00.E1", "L00", "correct", True)
>>> load()["L00.E1"]["attempts"], load()["L00.E1"]["passed"]
(1, True)
>>> forget("L00")
>>> load()
{}
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path
from typing import Any, Final

__all__ = ["ENV_FILE", "forget", "load", "progress_file", "save_attempt"]

#: Environment variable naming the progress file (overrides the user data folder).
ENV_FILE: Final[str] = "SMALLSTATE_PROGRESS_FILE"
_VERSION: Final[int] = 1
_warned: set[str] = set()


def progress_file() -> Path:
    """Where progress is saved: ``$SMALLSTATE_PROGRESS_FILE``, else the user data folder.

    Examples
    --------
    >>> progress_file().suffix
    '.json'
    """
    override = os.environ.get(ENV_FILE, "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("smallstate", appauthor=False) / "progress.json"


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        warnings.warn(message, stacklevel=3)


def _valid(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("lesson"), str)
        and isinstance(entry.get("attempts"), int)
        and isinstance(entry.get("status"), str)
        and isinstance(entry.get("passed"), bool)
    )


def load() -> dict[str, dict[str, Any]]:
    """The saved attempts by exercise id (``{}`` when nothing is saved yet)."""
    path = progress_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as err:
        _warn_once(f"cannot read saved progress {path}: {err}; using this session only")
        return {}
    try:
        document = json.loads(text)
        entries = document["exercises"]
        if not isinstance(entries, dict) or not all(_valid(e) for e in entries.values()):
            raise ValueError("malformed entries")
    except (ValueError, KeyError, TypeError) as err:
        bad = path.with_name(path.name + ".bad")
        try:
            os.replace(path, bad)
            where = f"moved to {bad}"
        except OSError:
            where = "left in place"
        _warn_once(f"saved progress {path} is unreadable ({err}); {where}, starting afresh")
        return {}
    return {str(k): dict(v) for k, v in entries.items()}


def _write(entries: dict[str, dict[str, Any]]) -> None:
    path = progress_file()
    document = {"version": _VERSION, "exercises": dict(sorted(entries.items()))}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError as err:
        _warn_once(f"cannot save progress to {path}: {err}; set {ENV_FILE} to a writable file")


def save_attempt(exercise_id: str, lesson: str, status: str, passed: bool) -> None:
    """Add one attempt at ``exercise_id`` with its status to the saved progress."""
    entries = load()
    old = entries.get(exercise_id, {"attempts": 0, "passed": False})
    entries[exercise_id] = {
        "lesson": lesson,
        "attempts": int(old["attempts"]) + 1,
        "status": status,
        "passed": bool(old["passed"]) or passed,
    }
    _write(entries)


def forget(lesson: str | None = None) -> None:
    """Delete the saved progress of one lesson (``"L03"``) or, with ``None``, all of it."""
    if lesson is None:
        try:
            progress_file().unlink()
        except FileNotFoundError:
            pass
        except OSError as err:
            _warn_once(f"cannot delete saved progress {progress_file()}: {err}")
        return
    entries = load()
    kept = {k: v for k, v in entries.items() if v["lesson"] != lesson}
    if kept != entries:
        _write(kept)
