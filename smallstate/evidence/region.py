"""The rules of the regional table ``region_acts.csv`` beyond the evidence schema.

``datasets/region_acts.csv`` holds acts of ASEAN states other than Cambodia towards China and
the United States (lesson 08). Its columns are the evidence schema's; on top of it, each row
must satisfy:

- ``act_id`` reads ``R-<ACTOR>-NN`` (two or more digits), with ``<ACTOR>`` the row's actor;
- ``actor`` is one of :data:`REGION_ACTORS` (ASEAN members other than Cambodia);
- ``target`` is ``CHN`` or ``USA`` (:data:`REGION_TARGETS`);
- ``period`` is the state's own period, written ``YYYY-YYYY``, and contains the act's year.

:func:`check_region_acts` reports every breach by file, line, row index and column, as
:class:`~smallstate.evidence.validation.EvidenceError`; ``course_evidence("region_acts")`` runs
it after the schema's validation.

Examples
--------
>>> import pandas as pd
>>> row = {"act_id": "R-PHL-01", "actor": "PHL", "target": "USA", "date": "2014-04-28",
...        "period": "2010-2016"}
>>> region_problems(pd.DataFrame([row]))
[]
>>> bad = pd.DataFrame([row | {"act_id": "R-VNM-01", "period": "2016-2022"}])
>>> [p.column for p in region_problems(bad)]
['act_id', 'period']
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from smallstate.evidence.validation import EvidenceError, Problem

__all__ = [
    "REGION_ACTORS",
    "REGION_TARGETS",
    "check_region_acts",
    "region_problems",
]

#: ASEAN members other than Cambodia (ISO 3166-1 alpha-3), the actors the table may hold.
REGION_ACTORS: tuple[str, ...] = ("BRN", "IDN", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "VNM")

#: The great powers the regional acts are filed under.
REGION_TARGETS: tuple[str, ...] = ("CHN", "USA")

_ID = re.compile(r"R-([A-Z]{3})-\d{2,}")
_PERIOD = re.compile(r"(\d{4})-(\d{4})")


def _row_problems(line: int, index: int, row: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    actor, act_id = row.get("actor", ""), row.get("act_id", "")
    match = _ID.fullmatch(act_id)
    if match is None or match.group(1) != actor:
        problems.append(
            Problem(line, "act_id", act_id, f"a regional act id reads R-{actor}-NN", index)
        )
    if actor not in REGION_ACTORS:
        problems.append(
            Problem(line, "actor", actor, f"not one of {', '.join(REGION_ACTORS)}", index)
        )
    target = row.get("target", "")
    if target not in REGION_TARGETS:
        problems.append(Problem(line, "target", target, "a regional act targets CHN or USA", index))
    period, year = row.get("period", ""), row.get("date", "")[:4]
    span = _PERIOD.fullmatch(period)
    if span is None or not (span.group(1) <= year <= span.group(2)):
        problems.append(
            Problem(
                line,
                "period",
                period,
                f"the state's period, YYYY-YYYY, containing the act's year ({year or 'no date'})",
                index,
            )
        )
    return problems


def region_problems(acts: pd.DataFrame) -> list[Problem]:
    """Return every breach of the regional table's rules (empty when it follows them).

    Parameters
    ----------
    acts : pandas.DataFrame
        Filed acts (as read from ``region_acts.csv``; derived acts are skipped), in file order.

    Returns
    -------
    list of Problem
        One per row and column at fault; ``row`` is the CSV line (header = line 1).

    Examples
    --------
    >>> import pandas as pd
    >>> bad = pd.DataFrame([{"act_id": "R-PHL-1", "actor": "PHL", "target": "JPN",
    ...                      "date": "2020", "period": ""}])
    >>> [p.column for p in region_problems(bad)]
    ['act_id', 'target', 'period']
    """
    columns = ("act_id", "actor", "target", "date", "period")
    text = pd.DataFrame({c: acts.get(c, pd.Series("", index=acts.index)) for c in columns})
    text = text.astype("string").fillna("")
    if "derived_from" in acts.columns:
        text = text[acts["derived_from"].astype("string").fillna("").eq("").to_numpy()]
    problems: list[Problem] = []
    for position, row in enumerate(text.to_dict("records")):
        problems += _row_problems(position + 2, position, {str(k): str(v) for k, v in row.items()})
    return problems


def check_region_acts(acts: pd.DataFrame, file: str | Path | None = None) -> pd.DataFrame:
    """Return ``acts`` unchanged when they follow the regional rules; raise otherwise.

    Parameters
    ----------
    acts : pandas.DataFrame
        The table read from ``region_acts.csv``.
    file : str or Path, optional
        The file named in the error.

    Returns
    -------
    pandas.DataFrame
        ``acts`` itself.

    Raises
    ------
    EvidenceError
        Listing every row and column at fault.

    Examples
    --------
    >>> import pandas as pd
    >>> row = {"act_id": "R-LAO-01", "actor": "LAO", "target": "CHN", "date": "2021-12-03",
    ...        "period": "2021-2025"}
    >>> len(check_region_acts(pd.DataFrame([row])))
    1
    >>> check_region_acts(pd.DataFrame([row | {"target": "JPN"}]), "r.csv")
    Traceback (most recent call last):
    ...
    smallstate.evidence.validation.EvidenceError: r.csv: 1 problem in the evidence table:
      - line 2 (row index 0), column 'target': a regional act targets CHN or USA (got 'JPN')
    """
    problems = region_problems(acts)
    if problems:
        raise EvidenceError(problems, file)
    return acts
