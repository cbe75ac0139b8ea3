"""What a learner attempted and passed, in this session and saved from earlier ones.

Every real attempt is saved to a small file in the user's data folder
(:mod:`smallstate.exercises.store`), so ``progress()`` still knows it after a kernel restart
or in another lesson. ``reset()`` forgets everything, ``reset("L03")`` one lesson;
``progress_file()`` says where the file is.

Examples
--------
>>> reset()
>>> progress().attempted
0
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from smallstate.exercises.store import forget, load, progress_file, save_attempt

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from smallstate.exercises.feedback import CheckResult
    from smallstate.exercises.model import Exercise

__all__ = ["Progress", "progress", "progress_file", "record", "reset"]

_COLUMNS = ["lesson", "exercise_id", "type", "points", "attempts", "status", "passed"]
# Lessons in which ``check`` ran in this session (even on an unanswered cell).
_SESSION_LESSONS: set[str] = set()


def record(ex: Exercise, result: CheckResult) -> None:
    """Note one call of ``check``; a real attempt (not ``not attempted``) is saved."""
    _SESSION_LESSONS.add(ex.lesson)
    if result.status != "not attempted":
        save_attempt(ex.id, ex.lesson, result.status, result.passed)


def reset(lesson: str | None = None) -> None:
    """Forget the saved progress of every lesson, or of one (``reset("L03")``).

    Examples
    --------
    >>> reset("L03")
    """
    if lesson is None:
        _SESSION_LESSONS.clear()
    else:
        _SESSION_LESSONS.discard(lesson)
    forget(lesson)


@dataclass(frozen=True)
class Progress:
    """A summary of the saved progress: one row per exercise of every lesson touched.

    Attributes
    ----------
    table : pandas.DataFrame
        Columns lesson, exercise_id, type, points, attempts, status, passed.
    """

    table: pd.DataFrame

    @property
    def attempted(self) -> int:
        """Number of exercises attempted at least once."""
        return int((self.table["attempts"] > 0).sum())

    @property
    def passed(self) -> int:
        """Number of exercises answered correctly at least once."""
        return int(self.table["passed"].sum())

    def by_lesson(self) -> pd.DataFrame:
        """Per lesson: exercises, attempted, passed, points earned of points available."""
        t = self.table.assign(
            attempted=self.table["attempts"] > 0,
            earned=self.table["points"].where(self.table["passed"], 0.0),
        )
        return t.groupby("lesson", sort=True).agg(
            exercises=("exercise_id", "size"),
            attempted=("attempted", "sum"),
            passed=("passed", "sum"),
            points=("earned", "sum"),
            max_points=("points", "sum"),
        )

    def __repr__(self) -> str:
        if self.table.empty:
            return "Progress: no exercises checked yet."
        lines = [f"Progress: {self.passed} passed, {self.attempted} attempted"]
        for lesson, row in self.by_lesson().iterrows():
            lines.append(
                f"  {lesson}: {row['passed']} of {row['exercises']} passed, "
                f"{row['points']:g} of {row['max_points']:g} points"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        if self.table.empty:
            return f"<p>{html.escape(repr(self))}</p>"
        title = html.escape(repr(self).splitlines()[0])
        return (
            f'<div class="ss-progress"><strong>{title}</strong>'
            f"{self.by_lesson().to_html()}{self.table.to_html(index=False)}</div>"
        )


def progress() -> Progress:
    """Summarise the self-checks, per exercise and per lesson, across sessions.

    Every exercise of a lesson with a saved attempt, or in which ``check`` ran in this session,
    is listed, so the table also shows what is still to do.

    Examples
    --------
    >>> from smallstate.exercises import check
    >>> reset()
    >>> _ = check("L00.E1", "defiance")
    >>> p = progress()
    >>> (p.attempted, p.passed, len(p.table))
    (1, 1, 5)
    """
    import pandas as pd

    from smallstate.exercises.bank import all_exercises

    saved = load()
    lessons = _SESSION_LESSONS | {entry["lesson"] for entry in saved.values()}
    rows: list[dict[str, Any]] = []
    for ex_id, ex in all_exercises().items():
        if ex.lesson not in lessons:
            continue
        entry = saved.get(ex_id, {})
        attempts = int(entry.get("attempts", 0))
        status = str(entry.get("status", "not attempted"))
        passed = bool(entry.get("passed", False))
        rows.append(
            dict(
                zip(
                    _COLUMNS,
                    [ex.lesson, ex_id, ex.type, ex.points, attempts, status, passed],
                    strict=True,
                )
            )
        )
    return Progress(pd.DataFrame(rows, columns=_COLUMNS))
