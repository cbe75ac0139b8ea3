"""Results of self-checks, hints and rubrics, shown richly in a notebook and as plain text.

Every object here has ``_repr_html_`` (a coloured box with a text label, so the status never
relies on colour alone, and ``role="status"`` for screen readers) and a plain ``__repr__``
used by terminals, nbval text comparison and doctests. Output is deterministic.

Examples
--------
>>> CheckResult("L00.E1", "correct", "Well done.")
[correct] L00.E1: Well done.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Final, Literal

from smallstate.plots import OKABE_ITO

__all__ = ["STATUSES", "CheckResult", "Hint", "Rubric", "Status"]

Status = Literal["correct", "incorrect", "not attempted", "recorded"]
#: ``recorded``: an open question's answer was noted; it is graded with its rubric.
STATUSES: Final[tuple[str, ...]] = ("correct", "incorrect", "not attempted", "recorded")

_BLACK, _ORANGE, _SKY, _GREEN, _YELLOW, _BLUE, _VERMILLION, _PURPLE = OKABE_ITO
_COLOURS: Final[dict[str, str]] = {
    "correct": _GREEN,
    "incorrect": _VERMILLION,
    "not attempted": "#999999",
    "recorded": _BLUE,
}
_ICONS: Final[dict[str, str]] = {
    "correct": "✔", "incorrect": "✘", "not attempted": "…", "recorded": "✎",
}  # fmt: skip


def _box(colour: str, title: str, body: str) -> str:
    return (
        f'<div class="ss-check" role="status" style="border-left: 6px solid {colour}; '
        f'padding: 0.4em 0.8em; margin: 0.3em 0;">'
        f"<strong>{html.escape(title)}</strong><br>{body}</div>"
    )


@dataclass(frozen=True)
class CheckResult:
    """The outcome of ``check(exercise_id, answer)``.

    Attributes
    ----------
    exercise_id : str
    status : {"correct", "incorrect", "not attempted", "recorded"}
    message : str
        Feedback in plain text.
    hint : str
        A hint to try next (empty when correct).
    explanation : str
        Why the answer is right (after a correct answer, when the bank has one).
    model_answer : str
        An open question's model answer (once an attempt is written, when the bank has one).

    Examples
    --------
    >>> r = CheckResult("L00.E2", "incorrect", "Not quite.", "Look at the last paragraph.")
    >>> r.passed
    False
    >>> "incorrect" in r._repr_html_()
    True
    """

    exercise_id: str
    status: Status
    message: str
    hint: str = ""
    explanation: str = ""
    model_answer: str = ""

    @property
    def passed(self) -> bool:
        """True when the answer was accepted."""
        return self.status == "correct"

    def __repr__(self) -> str:
        text = f"[{self.status}] {self.exercise_id}: {self.message}"
        for label, value in (("Hint", self.hint), ("Why", self.explanation),
                             ("Model answer, to compare with yours", self.model_answer)):  # fmt: skip
            if value:
                text += f"\n{label}: {value}"
        return text

    def _repr_html_(self) -> str:
        body = html.escape(self.message)
        if self.hint:
            body += f"<br><em>Hint:</em> {html.escape(self.hint)}"
        if self.explanation:
            body += f"<br><em>Why:</em> {html.escape(self.explanation)}"
        if self.model_answer:
            body += (
                "<details><summary>Model answer, to compare with yours</summary>"
                f"<p>{html.escape(self.model_answer)}</p></details>"
            )
        title = f"{_ICONS[self.status]} {self.exercise_id}: {self.status}"
        return _box(_COLOURS[self.status], title, body)


@dataclass(frozen=True)
class Hint:
    """Hint number ``n`` of ``count`` for one exercise.

    Examples
    --------
    >>> Hint("L00.E1", 1, 2, "Re-read the definition.")
    Hint 1 of 2 for L00.E1: Re-read the definition.
    """

    exercise_id: str
    n: int
    count: int
    text: str

    def __repr__(self) -> str:
        return f"Hint {self.n} of {self.count} for {self.exercise_id}: {self.text}"

    def _repr_html_(self) -> str:
        title = f"Hint {self.n} of {self.count} for {self.exercise_id}"
        return _box(_SKY, title, html.escape(self.text))


@dataclass(frozen=True)
class Rubric:
    """The grading criteria of an open question.

    Examples
    --------
    >>> Rubric("L00.E5", (("states both positions", 2.0), ("cites evidence", 1.0)))
    Rubric for L00.E5 (3 points):
      - states both positions (2 points)
      - cites evidence (1 point)
    """

    exercise_id: str
    criteria: tuple[tuple[str, float], ...]

    @property
    def total(self) -> float:
        """Sum of the criteria's points."""
        return sum(points for _, points in self.criteria)

    @staticmethod
    def _points(value: float) -> str:
        return f"{value:g} point" + ("" if value == 1 else "s")

    def __repr__(self) -> str:
        lines = [f"Rubric for {self.exercise_id} ({self._points(self.total)}):"]
        lines += [f"  - {c} ({self._points(p)})" for c, p in self.criteria]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(c)} ({self._points(p)})</li>" for c, p in self.criteria)
        title = f"Rubric for {self.exercise_id} ({self._points(self.total)})"
        return _box(_BLUE, title, f"<ul>{items}</ul>")
