"""Coding practice: reports to code, checks of a coding, a class's codings pooled.

The reports are the real acts of the reliability sample (``coding_reliability.csv``: the acts
the second coder coded, shown with the same text and read towards the same power, the course's
coding hidden until asked for) followed by the **hypothetical** reports of
``coding_practice.csv`` (invented acts of the fictional Ruritania, marked as such). A learner's
coding of a report is checked against the codebook (:func:`check_coding`: every field chosen,
the values in the schema's vocabularies, the one coding rule's lint rules, and the codebook's
meaning of each value chosen), compared with the course's (:func:`compare_coding`), saved to a
small CSV per coder (:func:`save_codings`), and a folder of such files is pooled
(:func:`class_codings`) into the reliability study (:func:`class_reliability`).

Examples
--------
>>> reports = practice_reports()
>>> reports["kind"].value_counts().to_dict()
{'real': 36, 'hypothetical': 5}
>>> check = check_coding("H-04", {"domain": "security", "stance": "defiance",
...                               "intensity": "3", "aimed_at_target": "yes"})
>>> check.ok
True
>>> compare_coding("H-04", {"domain": "security", "stance": "deference",
...                         "intensity": "3", "aimed_at_target": "yes"})["same"].tolist()
[True, False, True, True]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from smallstate.errors import unknown
from smallstate.evidence.reliability import (
    CODED_FIELDS,
    COURSE_CODER,
    CodingError,
    coding_reliability,
    validate_codings,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "HYPOTHETICAL",
    "ClassReliability",
    "CodingCheck",
    "check_coding",
    "class_codings",
    "class_reliability",
    "class_tally",
    "coder_file",
    "compare_coding",
    "practice_reports",
    "save_codings",
]

_CACHE: dict[str, pd.DataFrame] = {}
#: The ``kind`` of an invented report (and its ``source``).
HYPOTHETICAL = "hypothetical"
_COLUMNS = (
    "report_id", "kind", "actor", "target", "counterpart", "date", "report", "source", "locator",
    *CODED_FIELDS, "contested", "note",
)  # fmt: skip
_CODER = re.compile(r"^[a-z][a-z0-9 -]{0,39}$")


def practice_reports() -> pd.DataFrame:
    """Every report to code: the real acts of the reliability sample, then the hypothetical ones.

    Returns
    -------
    pandas.DataFrame
        ``report_id`` (the act id), ``kind`` (``real`` or ``hypothetical``), ``actor``,
        ``target`` (the power to read it towards), ``counterpart``, ``date``, ``report`` (the
        text to code), ``source``, ``locator``, the course's ``domain``, ``stance``,
        ``intensity`` (as text) and ``aimed_at_target``, ``contested`` and ``note``.

    Examples
    --------
    >>> reports = practice_reports().set_index("report_id")
    >>> reports.loc["D-18", "target"], reports.loc["H-01", "kind"]
    ('CHN', 'hypothetical')
    """
    return _reports().copy()


def _reports() -> pd.DataFrame:
    """The reports, built once per session (the course's tables do not change while it runs)."""
    if "reports" not in _CACHE:
        _CACHE["reports"] = _build_reports()
    return _CACHE["reports"]


def _build_reports() -> pd.DataFrame:
    import pandas as pd

    from smallstate.data import load
    from smallstate.evidence.io import course_evidence
    from smallstate.evidence.reliability import course_coding, reading_targets, second_coding

    second = second_coding()
    targets = reading_targets(second)
    ids = list(second["act_id"])
    course = course_coding(ids, targets=targets).set_index("act_id")
    acts = course_evidence("evidence_acts").set_index("act_id").loc[ids]
    text = lambda column: acts[column].astype(str).to_numpy()  # noqa: E731
    real = pd.DataFrame(
        {
            "report_id": ids,
            "kind": "real",
            "actor": text("actor"),
            "target": [targets.get(i) or str(acts.loc[i, "target"]) for i in ids],
            "counterpart": text("counterpart"),
            "date": text("date"),
            "report": text("description"),
            "source": text("source"),
            "locator": text("locator"),
            **{f: course.loc[ids, f].to_numpy() for f in CODED_FIELDS},
            "contested": acts["contested"].astype(str).replace("<NA>", "").to_numpy(),
            "note": acts["note"].astype(str).replace("<NA>", "").to_numpy(),
        }
    )
    made_up = load("coding_practice").astype(str)
    made_up = made_up.assign(kind=HYPOTHETICAL, contested="", source=made_up["origin"])
    out = pd.concat([real, made_up[list(_COLUMNS)]], ignore_index=True)
    return out[list(_COLUMNS)].astype(str)


def _report(report_id: str) -> pd.Series:
    reports = _reports()
    found = reports[reports["report_id"] == report_id]
    if found.empty:
        raise unknown("report", report_id, list(reports["report_id"]), where="in the practice")
    return found.iloc[0]


@dataclass(frozen=True)
class CodingCheck:
    """What the codebook says about one coding: problems (empty = none) and the rules."""

    report_id: str
    problems: tuple[str, ...]
    rules: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems


def check_coding(report_id: str, coding: Mapping[str, object]) -> CodingCheck:
    """Check a learner's coding of one report against the codebook.

    Parameters
    ----------
    report_id
        A ``report_id`` of :func:`practice_reports`.
    coding
        Field -> value for ``domain``, ``stance``, ``intensity``, ``aimed_at_target``; a missing
        or empty value is reported.

    Returns
    -------
    CodingCheck
        ``problems``: each field left empty, each value outside the field's vocabulary
        (:func:`~smallstate.evidence.reliability.validate_codings`), each break of the one
        coding rule (:func:`~smallstate.evidence.lint.lint_evidence` on the act with this
        coding); ``rules``: field -> the codebook's meaning of the value chosen.

    Examples
    --------
    >>> check = check_coding("D-37", {"domain": "security", "stance": "diversification",
    ...                               "intensity": 2, "aimed_at_target": ""})
    >>> for problem in check.problems:
    ...     print(problem)
    aimed_at_target: choose a value
    one coding rule [diversification-is-towards-rivals]: an act filed under the power it engages is not diversification towards it
    """
    import pandas as pd

    from smallstate.evidence.codebook import codebook
    from smallstate.evidence.lint import LINT_RULES, lint_evidence

    report = _report(report_id)
    values = {f: "" if coding.get(f) is None else str(coding.get(f)).strip() for f in CODED_FIELDS}
    problems = [f"{f}: choose a value" for f in CODED_FIELDS if not values[f]]
    chosen = {f: v for f, v in values.items() if v}
    if len(chosen) == len(CODED_FIELDS):
        row = pd.DataFrame([{"act_id": report_id, "coder": "you", **chosen}])
        try:
            validate_codings(row, file="your coding")
        except CodingError as error:
            problems += [line.split(": ", 1)[-1].strip() for line in str(error).splitlines()[1:]]
    act = {
        "act_id": report_id,
        "actor": report["actor"],
        "target": report["target"],
        "counterpart": report["counterpart"],
        "contested": "no",
        "note": "",
        **chosen,
    }
    for problem in lint_evidence(pd.DataFrame([act])):
        problems.append(f"one coding rule [{problem.rule}]: {LINT_RULES[problem.rule]}")
    book = codebook()
    rules = {f: book[f].values[v] for f, v in chosen.items() if v in book[f].values}
    return CodingCheck(report_id, tuple(problems), rules)


def compare_coding(report_id: str, coding: Mapping[str, object]) -> pd.DataFrame:
    """The learner's coding beside the course's, field by field.

    Returns
    -------
    pandas.DataFrame
        ``field``, ``yours``, ``course``, ``same``.

    Examples
    --------
    >>> compare_coding("H-05", {"stance": "abstention"})[["field", "same"]].to_dict("list")
    {'field': ['domain', 'stance', 'intensity', 'aimed_at_target'], 'same': [False, True, False, False]}
    """
    import pandas as pd

    report = _report(report_id)
    rows = []
    for f in CODED_FIELDS:
        yours = "" if coding.get(f) is None else str(coding.get(f)).strip()
        same = bool(yours == report[f])
        rows.append({"field": f, "yours": yours, "course": report[f], "same": same})
    return pd.DataFrame(rows)


def coder_file(folder: str | Path, coder: str) -> Path:
    """The file a coder's codings are saved to in a class folder (spaces become hyphens).

    Examples
    --------
    >>> coder_file("class", "student 3").as_posix()
    'class/student-3.csv'
    """
    return Path(folder) / (coder.replace(" ", "-") + ".csv")


def _check_coder(coder: str) -> str:
    name = coder.strip()
    if not _CODER.match(name) or name in (COURSE_CODER, "second coder"):
        raise CodingError(
            f"coder {coder!r}: use a role in lower case, such as 'student 3' or 'group b' "
            "(letters, digits, spaces, hyphens; not 'course' or 'second coder', and never a "
            "person's name)"
        )
    return name


def save_codings(
    codings: Mapping[str, Mapping[str, object]], folder: str | Path, coder: str
) -> Path:
    """Write one coder's codings (report id -> field -> value) to ``folder/<coder>.csv``.

    The file is rewritten whole; every coding is validated first (all four fields, known
    values, a known report).

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> path = save_codings({"H-05": {"domain": "diplomatic", "stance": "abstention",
    ...                               "intensity": "1", "aimed_at_target": "unknown"}},
    ...                     folder, "student 1")
    >>> path.name, len(class_codings(folder))
    ('student-1.csv', 1)
    """
    import pandas as pd

    name = _check_coder(coder)
    reports = _reports().set_index("report_id")
    rows = [
        {
            "act_id": report_id,
            "target": reports.loc[report_id, "target"] if report_id in reports.index else "",
            "coder": name,
            **{f: values.get(f, "") for f in CODED_FIELDS},
        }
        for report_id, values in codings.items()
    ]
    columns = ["act_id", "target", "coder", *CODED_FIELDS]
    table = pd.DataFrame(rows, columns=columns)
    target = Path(folder)
    path = coder_file(target, name)
    validate_codings(table, file=path.name, known_acts=set(reports.index))
    target.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False)
    return path


def class_codings(folder: str | Path) -> pd.DataFrame:
    """Every coding in the CSV files of a folder (a class's files), validated and pooled.

    A missing or empty folder gives an empty table. Each file is validated with its name in
    the message; a coder who appears in two files is an error.

    Returns
    -------
    pandas.DataFrame
        ``act_id``, ``target``, ``coder``, the four fields (text), ``kind`` (``real`` or
        ``hypothetical``) and ``file``.
    """
    import pandas as pd

    columns = ["act_id", "target", "coder", *CODED_FIELDS, "kind", "file"]
    where = Path(folder)
    files = sorted(where.glob("*.csv")) if where.is_dir() else []
    reports = _reports().set_index("report_id")
    parts = []
    for path in files:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
        table = validate_codings(raw, file=path.name, known_acts=set(reports.index))
        if "target" not in table.columns:
            table["target"] = ""
        table["kind"] = reports.loc[table["act_id"], "kind"].to_numpy()
        table["file"] = path.name
        parts.append(table)
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=str) for c in columns})
    out = pd.concat(parts, ignore_index=True)[columns]
    twice = out.duplicated(["act_id", "coder"], keep=False)
    if twice.any():
        first = out[twice]
        raise CodingError(
            f"{where}: coder {first['coder'].iloc[0]!r} codes act {first['act_id'].iloc[0]!r} in "
            f"more than one file ({', '.join(sorted(set(first['file'])))})"
        )
    return out


def class_tally(codings: pd.DataFrame, report_id: str) -> pd.DataFrame:
    """How many coders chose each value of each field for one report.

    Examples
    --------
    >>> import pandas as pd
    >>> codings = pd.DataFrame({"act_id": ["H-05", "H-05"], "coder": ["a", "b"],
    ...     "domain": ["diplomatic", "diplomatic"], "stance": ["abstention", "deference"],
    ...     "intensity": ["1", "1"], "aimed_at_target": ["unknown", "no"]})
    >>> tally = class_tally(codings, "H-05")
    >>> tally[tally.field == "stance"][["value", "n"]].to_dict("records")
    [{'value': 'abstention', 'n': 1}, {'value': 'deference', 'n': 1}]
    """
    import pandas as pd

    mine = codings[codings["act_id"] == report_id]
    rows = [
        {"field": f, "value": str(value), "n": int(n)}
        for f in CODED_FIELDS
        for value, n in mine[f].value_counts(sort=False).sort_index().items()
    ]
    return pd.DataFrame(rows, columns=["field", "value", "n"])


@dataclass(frozen=True)
class ClassReliability:
    """The reliability figures with a class's codings pooled in, and what was pooled."""

    table: pd.DataFrame
    n_files: int
    coders: tuple[str, ...]
    n_real: int
    n_hypothetical: int
    pooled: pd.DataFrame | None = None

    def pairwise(self) -> pd.DataFrame:
        """Cohen's kappa of every pair of coders, class coders included (``pairwise_kappa``)."""
        from smallstate.evidence.reliability import pairwise_kappa

        return pairwise_kappa(extra=self.pooled)

    @property
    def summary(self) -> str:
        """One sentence on what the figures compare."""
        if not self.coders:
            return (
                "No class codings found: the figures compare the course's coding with the "
                "second coder's only."
            )
        left = (
            f"; {self.n_hypothetical} codings of hypothetical reports are left out (they are "
            "not acts of the evidence)"
            if self.n_hypothetical
            else ""
        )
        return (
            f"Pooled {self.n_real} codings of real acts by {len(self.coders)} class coder(s) "
            f"({', '.join(self.coders)}) from {self.n_files} file(s) with the course's and the "
            f"second coder's{left}."
        )


def class_reliability(folder: str | Path) -> ClassReliability:
    """Cohen's kappa and Krippendorff's alpha per field, with a class's codings pooled in.

    The class's codings of real acts join the course's and the second coder's
    (:func:`~smallstate.evidence.reliability.coding_reliability` with ``extra``); codings of
    hypothetical reports are counted and left out, never silently.

    Examples
    --------
    >>> import tempfile
    >>> result = class_reliability(tempfile.mkdtemp())
    >>> result.table["n_coders"].tolist()
    [2, 2, 2, 2]
    >>> result.pairwise()[["coder_a", "coder_b"]].drop_duplicates().to_dict("records")
    [{'coder_a': 'course', 'coder_b': 'second coder'}]
    """
    codings = class_codings(folder)
    real = codings[codings["kind"] == "real"]
    columns = ["act_id", "target", "coder", *CODED_FIELDS]
    extra = real[columns] if len(real) else None
    table = coding_reliability(extra=extra)
    return ClassReliability(
        table=table,
        n_files=int(codings["file"].nunique()),
        coders=tuple(dict.fromkeys(codings["coder"])),
        n_real=len(real),
        n_hypothetical=int((codings["kind"] == HYPOTHETICAL).sum()),
        pooled=extra,
    )
