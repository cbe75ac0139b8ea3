"""The codebook of the coded fields, read from the one place it is written: ``datasets/README.md``.

The rules for ``domain``, ``stance``, ``intensity`` and ``aimed_at_target`` (what each field
asks, what each value means, and one worked example on a real act) live between the markers
``<!-- codebook:begin ... -->`` and ``<!-- codebook:end -->`` of the data package's README. This
module parses that block, so a lesson or a widget shows the codebook without retyping it, and
joins each worked example to the act's coding in the course's evidence
(:func:`worked_example`), so the page shows the act as the data record it.

Block format: a paragraph starting ``**field**`` (the question), items ``- *value*: meaning``
(continuation lines indented), and a paragraph ``Worked example (ACT-ID): why``.

Examples
--------
>>> book = codebook()
>>> list(book)
['domain', 'stance', 'intensity', 'aimed_at_target']
>>> book["intensity"].values["3"][:25]
'legally binding commitmen'
>>> book["stance"].example_act
'D-11'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from smallstate.errors import InputError, unknown
from smallstate.evidence.schema import AIMED, DOMAINS, INTENSITIES, STANCES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "CODEBOOK_FIELDS",
    "CodebookError",
    "FieldRule",
    "codebook",
    "rule_for",
    "worked_example",
]

#: The coded fields and their values, in codebook order.
CODEBOOK_FIELDS: dict[str, tuple[str, ...]] = {
    "domain": DOMAINS,
    "stance": STANCES,
    "intensity": tuple(str(i) for i in INTENSITIES),
    "aimed_at_target": AIMED,
}

_BEGIN = re.compile(r"^<!-- codebook:begin\b.*-->$", re.MULTILINE)
_END = re.compile(r"^<!-- codebook:end -->$", re.MULTILINE)
_FIELD = re.compile(r"^\*\*(\w+)\*\*:?\s*(.*)$")
_VALUE = re.compile(r"^- \*([^*]+)\*:\s*(.*)$")
_EXAMPLE = re.compile(r"^Worked example \(([A-Za-z0-9_.@-]+)\):\s*(.*)$")


class CodebookError(InputError):
    """The codebook block of the README cannot be read: the message names file and line."""


@dataclass(frozen=True)
class FieldRule:
    """One coded field: its question, the meaning of each value and a worked example."""

    field: str
    question: str
    values: dict[str, str]
    example_act: str
    example: str

    def markdown(self) -> str:
        """The rule as Markdown (question, one item per value, the worked example)."""
        items = "\n".join(f"- *{value}*: {text}" for value, text in self.values.items())
        return (
            f"**{self.field}** {self.question}\n\n{items}\n\n"
            f"*Worked example ({self.example_act}):* {self.example}"
        )


def _join(lines: list[str]) -> str:
    return " ".join(line.strip() for line in lines).strip()


def _parse(text: str, file: str) -> dict[str, FieldRule]:
    begin, end = _BEGIN.search(text), _END.search(text)
    if begin is None or end is None or end.start() < begin.end():
        raise CodebookError(f"{file}: no codebook block (<!-- codebook:begin --> ... end)")
    first_line = text.count("\n", 0, begin.end()) + 2
    rules: dict[str, FieldRule] = {}
    field: str | None = None
    question: list[str] = []
    values: dict[str, list[str]] = {}
    example: tuple[str, list[str]] | None = None
    current: list[str] | None = None

    def close(line_no: int) -> None:
        if field is None:
            return
        if example is None:
            raise CodebookError(f"{file}, line {line_no}: field {field!r} has no worked example")
        wanted = CODEBOOK_FIELDS[field]
        if list(values) != list(wanted):
            raise CodebookError(
                f"{file}, line {line_no}: field {field!r} defines values {list(values)}, "
                f"expected {list(wanted)} in that order"
            )
        rules[field] = FieldRule(
            field,
            _join(question),
            {v: _join(t) for v, t in values.items()},
            example[0],
            _join(example[1]),
        )

    lines = text[begin.end() : end.start()].strip("\n").split("\n")
    for offset, line in enumerate(lines):
        line_no = first_line + offset
        if not line.strip():
            current = None
            continue
        if (m := _FIELD.match(line)) is not None:
            close(line_no)
            if m.group(1) not in CODEBOOK_FIELDS:
                raise unknown("coded field", m.group(1), list(CODEBOOK_FIELDS), where=file)
            field, question, values, example = m.group(1), [m.group(2)], {}, None
            current = question
        elif field is None:
            raise CodebookError(f"{file}, line {line_no}: text before the first **field**")
        elif (m := _VALUE.match(line)) is not None:
            values[m.group(1)] = [m.group(2)]
            current = values[m.group(1)]
        elif (m := _EXAMPLE.match(line)) is not None:
            example = (m.group(1), [m.group(2)])
            current = example[1]
        elif current is not None:
            current.append(line)
        else:
            raise CodebookError(f"{file}, line {line_no}: cannot place {line.strip()[:40]!r}")
    close(first_line + len(lines))
    missing = [f for f in CODEBOOK_FIELDS if f not in rules]
    if missing:
        raise CodebookError(f"{file}: the codebook block lacks field(s) {', '.join(missing)}")
    return {f: rules[f] for f in CODEBOOK_FIELDS}


@cache
def _cached(path: str) -> dict[str, FieldRule]:
    return _parse(Path(path).read_text(encoding="utf-8"), Path(path).name)


def codebook(path: str | Path | None = None) -> dict[str, FieldRule]:
    """The codebook of the four coded fields, field -> :class:`FieldRule`.

    Parameters
    ----------
    path
        Another Markdown file with a codebook block; by default the data package's README.

    Raises
    ------
    CodebookError
        When the block is missing or malformed (file and line named).

    Examples
    --------
    >>> codebook()["aimed_at_target"].example_act
    'D-04'
    """
    from smallstate._paths import dataset_path

    file = Path(path) if path is not None else dataset_path("README.md")
    return dict(_cached(str(file)))


def rule_for(field: str, value: str | int) -> str:
    """What one value of a field means, in the codebook's words.

    Examples
    --------
    >>> rule_for("stance", "abstention")
    'keeps out or stays silent (Cambodia on the US FOIP, S20-14).'
    >>> rule_for("intensity", 1)
    'words or symbols (statements, visits, support voiced).'
    """
    book = codebook()
    if field not in book:
        raise unknown("coded field", field, list(book))
    values = book[field].values
    key = str(value)
    if key not in values:
        raise unknown(f"value of {field}", key, list(values))
    return values[key]


def worked_example(field: str, evidence: pd.DataFrame | None = None) -> pd.Series:
    """The act of a field's worked example, as the course's evidence records it.

    Examples
    --------
    >>> act = worked_example("domain")
    >>> act["act_id"], act["domain"]
    ('D-04', 'security')
    """
    from smallstate.evidence.io import course_evidence

    book = codebook()
    if field not in book:
        raise unknown("coded field", field, list(book))
    acts = course_evidence("evidence_acts") if evidence is None else evidence
    found = acts[acts["act_id"].astype(str) == book[field].example_act]
    if found.empty:
        raise unknown("act", book[field].example_act, list(acts["act_id"]), where="in the evidence")
    return found.iloc[0]
