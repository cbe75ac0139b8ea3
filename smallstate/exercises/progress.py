"""What was attempted and passed in this kernel session (nothing is written to disk).

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

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from smallstate.exercises.feedback import CheckResult
    from smallstate.exercises.model import Exercise

__all__ = ["Progress", "progress", "record", "reset"]

_COLUMNS = ["lesson", "exercise_id", "type", "points", "attempts", "status", "passed"]
# exercise id -> (lesson, type, points, attempts, last status, passed at least once)
_SESSION: dict[str, tuple[str, str, float, int, str, bool]] = {}


def record(ex: Exercise, result: CheckResult) -> None:
    """Note one call of ``check`` (``not attempted`` calls count as no attempt)."""
    _, _, _, attempts, status, passed = _SESSION.get(
        ex.id, ("", "", 0.0, 0, "not attempted", False)
    )
    if result.status != "not attempted":
        attempts, status = attempts + 1, result.status
    _SESSION[ex.id] = (ex.lesson, ex.type, ex.points, attempts, status, passed or result.passed)


def reset() -> None:
    """Forget this session's attempts."""
    _SESSION.clear()


@dataclass(frozen=True)
class Progress:
    """A summary of the session: one row per exercise of every lesson touched.

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
            return "Progress: no exercises checked yet in this session."
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
    """Summarise this session's self-checks, per exercise and per lesson.

    Every exercise of a lesson in which at least one exercise was checked is listed, so the
    table also shows what is still to do.

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

    lessons = {entry[0] for entry in _SESSION.values()}
    rows: list[dict[str, Any]] = []
    for ex_id, ex in all_exercises().items():
        if ex.lesson not in lessons:
            continue
        _, _, _, attempts, status, passed = _SESSION.get(
            ex_id, (ex.lesson, ex.type, ex.points, 0, "not attempted", False)
        )
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
