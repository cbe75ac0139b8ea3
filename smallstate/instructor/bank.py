"""Build the learner bank: the hashed answers the package ships, from the authored YAML files."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["build_bank"]


def build_bank(extra: Sequence[Path] = (), out: Path | None = None, *, check: bool = False) -> int:
    """Rebuild (or, with ``check``, verify) the hashed learner bank; return an exit status.

    Parameters
    ----------
    extra
        Extra exercise files (YAML) to build instead of the course's own lessons.
    out
        Output folder: default the packaged bank, or the folder of the first extra file.
    check
        Only report whether the bank is current (status 1 if it is not).

    Returns
    -------
    int
        0 on success, 1 when ``check`` finds the bank stale, 2 on a bad exercise file.
    """
    from smallstate.exercises.authoring import (
        ExerciseFileError,
        bank_is_current,
        load_authored,
        write_bank,
    )
    from smallstate.exercises.bank import BANK_DIR

    try:
        lessons = load_authored([Path(p) for p in extra] if extra else None)
    except (ExerciseFileError, OSError) as err:
        print(f"smallstate instructor bank: {err}", file=sys.stderr)
        return 2
    if extra:
        import json

        course = {
            record["id"]: path.name
            for path in sorted(BANK_DIR.glob("*.json"))
            for record in json.loads(path.read_text(encoding="utf-8"))["exercises"]
        }
        for lesson in lessons:
            for ex in lesson.exercises:
                if ex.id in course:
                    print(
                        f"smallstate instructor bank: {lesson.source_file}: exercise id {ex.id} "
                        f"is a course exercise (bank/{course[ex.id]}); give your own exercises "
                        "a lesson id the course does not use (e.g. L90)",
                        file=sys.stderr,
                    )
                    return 2
    target = out or (Path(extra[0]).parent if extra else BANK_DIR)
    if check:
        problems = bank_is_current(lessons, target)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("rebuild with: make bank", file=sys.stderr)
            return 1
        print(f"bank in {target} is current ({sum(len(x.exercises) for x in lessons)} exercises)")
        return 0
    for path in write_bank(lessons, target):
        print(f"wrote {path}")
    return 0
