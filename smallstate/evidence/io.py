"""Read evidence: a CSV file read as text and validated, and the course's own act tables.

Examples
--------
>>> ev = course_evidence("evidence_seeds")
>>> ev["act_id"].is_unique
True
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from smallstate.errors import unknown
from smallstate.evidence.derive import derive_acts
from smallstate.evidence.validation import EvidenceError, Problem, validate_evidence

__all__ = ["COURSE_EVIDENCE", "course_evidence", "read_evidence"]


def read_evidence(
    path: str | Path,
    sources: Collection[str] | None = None,
    *,
    derive: bool = True,
    **kwargs: Any,
) -> pd.DataFrame:
    """Read an evidence CSV as text and validate it, naming the file in any error.

    Parameters
    ----------
    path : str or Path
        The CSV file (UTF-8, header on line 1).
    sources : collection of str, optional
        Allowed bibliography keys (see :func:`validate_evidence`).
    derive : bool, default True
        Append the acts the one coding rule derives for the other powers each act bears on
        (:func:`smallstate.evidence.derive.derive_acts`); False returns the filed acts only.
    **kwargs
        Passed to :func:`pandas.read_csv` (except ``dtype`` and ``keep_default_na``).

    Returns
    -------
    pandas.DataFrame
        The validated, typed act table (with a ``derived_from`` column when ``derive``).

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    EvidenceError
        If the file cannot be parsed as CSV or its rows break the schema.

    Examples
    --------
    >>> from smallstate._paths import dataset_path
    >>> ev = read_evidence(dataset_path("evidence_seeds.csv"))
    >>> ev["act_id"].is_unique
    True
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"evidence file not found: {path}")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, **kwargs)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise EvidenceError(
            [Problem(None, None, None, f"cannot parse as CSV: {exc}")], path
        ) from exc
    typed = validate_evidence(df, sources, file=path)
    return derive_acts(typed) if derive else typed


#: The course's evidence tables in ``datasets/`` (see the codebook, ``datasets/README.md``).
COURSE_EVIDENCE: tuple[str, ...] = ("evidence_acts", "evidence_seeds", "region_acts")


@cache
def _course_evidence(name: str) -> pd.DataFrame:
    from smallstate._paths import dataset_path

    path = dataset_path(f"{name}.csv")
    if name != "region_acts":
        return read_evidence(path)
    from smallstate.evidence.region import check_region_acts

    return derive_acts(check_region_acts(read_evidence(path, derive=False), path))


def course_evidence(name: str = "evidence_acts") -> pd.DataFrame:
    """Return one of the course's validated evidence tables (read once, then a fresh copy).

    Parameters
    ----------
    name : {"evidence_acts", "evidence_seeds", "region_acts"}
        ``evidence_acts`` is the full evidence base; ``evidence_seeds`` holds only the acts the
        two seed articles cite; ``region_acts`` holds acts of other ASEAN states towards China
        and the US (lesson 08), also checked by
        :func:`smallstate.evidence.region.check_region_acts` (ids ``R-<ACTOR>-NN``, targets CHN
        or USA, the state's own periods).

    Returns
    -------
    pandas.DataFrame
        The validated, typed act table; callers may modify it freely.

    Raises
    ------
    smallstate.errors.UnknownNameError
        For another name (naming the closest one).

    Examples
    --------
    >>> course_evidence().set_index("act_id").loc["S20-14", "stance"]
    'abstention'
    >>> len(course_evidence("evidence_seeds")) < len(course_evidence())
    True
    """
    if name not in COURSE_EVIDENCE:
        raise unknown("evidence table", name, COURSE_EVIDENCE)
    return _course_evidence(name).copy()
