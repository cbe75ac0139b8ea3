"""The evidence table: one dated, sourced foreign-policy act per row, and its validation.

Every module of the course reads the same act schema (see ``docs/ARCHITECTURE.md``). This module
holds the vocabularies, :func:`validate_evidence` (returns a typed copy or raises
:class:`EvidenceError` listing *every* problem with its CSV line, 0-based row index and column)
and :func:`read_evidence` (reads a CSV as text, so that nothing is coerced before validation).

Coding conventions that the vocabularies alone do not say:

* ``aimed_at_target`` records whether the act is meant to check, counter or restrain the target
  (``yes``), is not (``no``), or the source does not say (``unknown``). Deference acts are
  normally ``no``; binding the target into institutions to restrain it is ``yes``.
* ``intensity`` is an integer 1 (rhetorical or symbolic), 2 (programmatic) or 3 (binding
  commitment). From a CSV the text ``"2"`` is accepted; ``"2.0"``, ``"2.5"``, floats such as
  ``2.0`` and booleans are rejected rather than silently rounded.
* Text cells must not carry leading or trailing white space, and the required text columns must
  not be empty. Optional columns (motive, scope, period, contested, note) may be empty: an empty
  motive means "not coded" and counts as ``unknown`` in the indicators, an empty scope or period
  means "all".
* ``date`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and must be a real calendar date; the typed
  copy gains a ``date_start`` column (the first day the date can denote) for sorting and
  filtering.

Examples
--------
>>> import pandas as pd
>>> raw = pd.DataFrame({
...     "act_id": ["X-01"], "actor": ["KHM"], "target": ["CHN"], "counterpart": ["BRI"],
...     "date": ["2016"], "domain": ["economic"], "stance": ["deference"], "intensity": ["2"],
...     "aimed_at_target": ["no"], "source": ["leng2016"], "locator": ["para. 4"],
...     "description": ["Backs an initiative."]})
>>> ev = validate_evidence(raw)
>>> ev["intensity"].dtype, str(ev["date_start"].iloc[0].date())
(Int64Dtype(), '2016-01-01')
>>> bad = raw.assign(stance=["maybe"])
>>> try:
...     validate_evidence(bad, file="acts.csv")
... except EvidenceError as err:
...     print(err.problems[0].row, err.problems[0].column)
2 stance
"""

from __future__ import annotations

import warnings
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from smallstate.errors import InputError
from smallstate.evidence.schema import (
    COUNTERPART_CODES,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    STATE_CODES,
    TEXT_OPTIONAL,
    TEXT_REQUIRED,
    VOCABULARIES,
)

__all__ = ["EvidenceError", "Problem", "UnknownCodeWarning", "is_validated", "validate_evidence"]

_CODE_PATTERN = r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*"


_DATE_PATTERN = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"


class UnknownCodeWarning(UserWarning):
    """A counterpart code is well formed (upper case) but not in the known lists."""


@dataclass(frozen=True)
class Problem:
    """One problem found in an evidence table.

    Attributes
    ----------
    row : int or None
        Line number in the CSV file, the header being line 1 (so the first data row is line 2).
        ``1`` for problems with the header (missing or duplicated columns).
    column : str or None
        The column concerned.
    value : object
        The offending value (``None`` for a missing column).
    message : str
        What is wrong, in plain words.
    index : int or None
        0-based position of the row in the DataFrame (``row - 2``); ``None`` for header problems.

    Examples
    --------
    >>> str(Problem(3, "stance", "maybe", "unknown stance", 1))
    "line 3 (row index 1), column 'stance': unknown stance (got 'maybe')"
    """

    row: int | None
    column: str | None
    value: object
    message: str
    index: int | None = None

    def __str__(self) -> str:
        where = "header" if self.index is None else f"line {self.row} (row index {self.index})"
        if self.row is None:
            where = "table"
        col = f", column {self.column!r}" if self.column is not None else ""
        got = "" if self.value is None and self.index is None else f" (got {self.value!r})"
        return f"{where}{col}: {self.message}{got}"


class EvidenceError(InputError):
    """Raised when an evidence table is malformed; ``problems`` lists every problem found.

    Examples
    --------
    >>> err = EvidenceError([Problem(2, "date", "2019-13", "not a calendar date", 0)], "a.csv")
    >>> print(err)
    a.csv: 1 problem in the evidence table:
      - line 2 (row index 0), column 'date': not a calendar date (got '2019-13')
    """

    def __init__(self, problems: Iterable[Problem], file: str | Path | None = None) -> None:
        self.problems: list[Problem] = list(problems)
        self.file: str | None = None if file is None else str(file)
        n = len(self.problems)
        head = f"{self.file or '<DataFrame>'}: {n} problem{'s' if n != 1 else ''} in the evidence table:"
        super().__init__("\n  - ".join([head, *(str(p) for p in self.problems)]))


class _Collector:
    """Accumulates problems for one validation run."""

    def __init__(self, n: int) -> None:
        self.problems: list[Problem] = []
        self.n = n

    def header(self, column: str, message: str) -> None:
        self.problems.append(Problem(1, column, None, message, None))

    def rows(self, column: str, values: pd.Series, bad: np.ndarray, message: str) -> None:
        """Record one problem per True position of ``bad`` (a loop over problems only)."""
        positions = np.flatnonzero(bad)
        if positions.size == 0:
            return
        vals = values.iloc[positions].tolist()
        self.problems.extend(
            Problem(int(p) + 2, column, v, message, int(p))
            for p, v in zip(positions.tolist(), vals, strict=True)
        )


def _text_mask(s: pd.Series) -> np.ndarray:
    """Boolean array: True where the cell holds a Python/NumPy string (NaN and None are False)."""
    if isinstance(s.dtype, pd.StringDtype) or (
        isinstance(s.dtype, pd.CategoricalDtype)
        and pd.api.types.infer_dtype(s.dtype.categories, skipna=True) == "string"
    ):
        return np.asarray(s.notna(), dtype=bool)
    if s.dtype == object:
        if pd.api.types.infer_dtype(s, skipna=False) == "string":
            return np.ones(len(s), dtype=bool)
        return np.asarray(s.map(lambda v: isinstance(v, str)), dtype=bool)
    return np.zeros(len(s), dtype=bool)


def _check_text(
    c: _Collector, s: pd.Series, column: str, *, required: bool, one_line: bool = False
) -> tuple[np.ndarray, pd.Series]:
    """Check a text column; return (ok mask, the values as str with non-text replaced by "")."""
    is_text = _text_mask(s)
    c.rows(column, s, ~is_text, "expected text (a string); got a missing or non-text value")
    text = s.astype(object).where(is_text, "").astype(str)
    stripped = text.str.strip()
    padded = np.asarray(is_text & (text != stripped).to_numpy(), dtype=bool)
    c.rows(column, s, padded, "leading or trailing white space")
    ok = is_text & ~padded
    if required:
        empty = np.asarray(is_text & (text == "").to_numpy(), dtype=bool)
        c.rows(column, s, empty, "must not be empty")
        ok &= ~empty
    if one_line:
        multi = np.asarray(is_text & text.str.contains(r"[\r\n]", regex=True).to_numpy(), bool)
        c.rows(column, s, multi, "must be one line (contains a line break)")
        ok &= ~multi
    return ok, text


def _check_vocab(
    c: _Collector, s: pd.Series, column: str, allowed: tuple[str, ...], *, optional: bool
) -> np.ndarray:
    ok, text = _check_text(c, s, column, required=not optional)
    known = np.asarray(text.isin(allowed).to_numpy(), dtype=bool)
    empty = np.asarray((text == "").to_numpy(), dtype=bool)
    bad = ok & ~known & ~(empty if optional else False)
    choices = ", ".join(allowed)
    extra = " (or empty)" if optional else ""
    c.rows(column, s, bad, f"unknown {column} value; expected one of {choices}{extra}")
    return ok & ~bad


def _check_codes(c: _Collector, s: pd.Series, column: str) -> np.ndarray:
    ok, text = _check_text(c, s, column, required=True)
    known = np.asarray(text.isin(STATE_CODES).to_numpy(), dtype=bool)
    upper_form = np.asarray(text.str.fullmatch(r"[A-Z]{3}").to_numpy(), dtype=bool)
    lower = ok & ~known & np.asarray(text.str.fullmatch(r"[A-Za-z]{3}").to_numpy(), bool)
    lower &= ~upper_form
    c.rows(column, s, lower, "country codes are upper case ISO 3166-1 alpha-3 (e.g. KHM)")
    other = ok & ~known & ~lower
    c.rows(column, s, other, "not an ISO 3166-1 alpha-3 country code (nor a historical one)")
    return ok & known


def _check_counterpart(c: _Collector, s: pd.Series) -> np.ndarray:
    ok, text = _check_text(c, s, "counterpart", required=True)
    known = np.asarray(text.isin(STATE_CODES | COUNTERPART_CODES).to_numpy(), dtype=bool)
    form = np.asarray(text.str.fullmatch(_CODE_PATTERN).to_numpy(), dtype=bool)
    bad = ok & ~form
    c.rows(
        "counterpart",
        s,
        bad,
        "must be an upper-case code: ISO alpha-3 or an organisation/initiative code such as "
        "ASEAN or FOIP-JP",
    )
    unknown = ok & form & ~known
    if unknown.any():
        positions = np.flatnonzero(unknown)
        values = text.iloc[positions]
        for value, pos in values.groupby(values, sort=True).groups.items():
            lines = ", ".join(str(int(p) + 2) for p in np.sort(np.asarray(pos)))
            warnings.warn(
                f"counterpart {value!r} (line(s) {lines}) is not a known country, organisation "
                "or initiative code; accepted as written",
                UnknownCodeWarning,
                stacklevel=4,
            )
    return ok & ~bad


def _check_date(c: _Collector, s: pd.Series) -> tuple[np.ndarray, pd.Series]:
    ok, text = _check_text(c, s, "date", required=True)
    parts = text.str.extract(f"^{_DATE_PATTERN}$")
    form = np.asarray(parts[0].notna().to_numpy(), dtype=bool)
    bad_form = ok & ~form
    c.rows("date", s, bad_form, "date must be YYYY, YYYY-MM or YYYY-MM-DD")
    full = parts[0].fillna("2000") + "-" + parts[1].fillna("01") + "-" + parts[2].fillna("01")
    start = pd.to_datetime(full.where(ok & form, "2000-01-01"), format="%Y-%m-%d", errors="coerce")
    bad_cal = ok & form & np.asarray(start.isna().to_numpy(), dtype=bool)
    c.rows("date", s, bad_cal, "not a calendar date (month 01-12, day valid for the month)")
    good = ok & form & ~bad_cal
    return good, start.where(good)


def _check_intensity(c: _Collector, s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Accept integers 1..3 and the strings "1", "2", "3"; return (ok mask, int values)."""
    n = len(s)
    values = np.zeros(n, dtype=np.int64)
    msg = "intensity must be the integer 1, 2 or 3"
    if pd.api.types.is_bool_dtype(s.dtype):
        c.rows("intensity", s, np.ones(n, dtype=bool), f"{msg}; got a boolean")
        return np.zeros(n, dtype=bool), values
    if pd.api.types.is_integer_dtype(s.dtype):
        na = np.asarray(s.isna().to_numpy(), dtype=bool)
        c.rows("intensity", s, na, f"{msg}; the cell is missing")
        ints = s.fillna(0).astype(np.int64).to_numpy()
        out = ~na & ((ints < 1) | (ints > 3))
        c.rows("intensity", s, out, f"{msg}; out of range")
        ok = ~na & ~out
        values[ok] = ints[ok]
        return ok, values
    if s.dtype == object:
        kinds = s.map(type)
        is_int = np.asarray(
            kinds.map(
                lambda t: issubclass(t, int | np.integer) and not issubclass(t, bool | np.bool_)
            ),
            dtype=bool,
        )
    else:
        is_int = np.zeros(n, dtype=bool)
    is_text = _text_mask(s) & ~is_int
    text = s.astype(object).where(is_text, "").astype(str)
    digit = np.asarray(text.str.fullmatch(r"[123]").to_numpy(), dtype=bool) & is_text
    ints = np.where(is_int, s.astype(object).where(is_int, 0).to_numpy(), 0).astype(np.int64)
    int_ok = is_int & (ints >= 1) & (ints <= 3)
    c.rows("intensity", s, is_int & ~int_ok, f"{msg}; out of range")
    c.rows("intensity", s, is_text & ~digit, f"{msg} (written 1, 2 or 3, no decimals)")
    c.rows("intensity", s, ~is_text & ~is_int, f"{msg}; got a missing or non-integer value")
    values[int_ok] = ints[int_ok]
    values[digit] = text[digit].astype(np.int64).to_numpy()
    return int_ok | digit, values


def validate_evidence(
    df: pd.DataFrame, sources: Collection[str] | None = None, *, file: str | Path | None = None
) -> pd.DataFrame:
    """Check an act table against the evidence schema and return a typed copy.

    Parameters
    ----------
    df : pandas.DataFrame
        The acts, one per row, with the required columns (see :data:`REQUIRED_COLUMNS`) and any
        of the optional ones; other columns are kept unchanged.
    sources : collection of str, optional
        Allowed bibliography keys; when given, every ``source`` must be one of them.
    file : str or Path, optional
        Name used in the error report (``read_evidence`` passes the CSV path).

    Returns
    -------
    pandas.DataFrame
        A copy with categorical vocabularies, ``Int64`` intensity and a ``date_start`` column.

    Raises
    ------
    EvidenceError
        Listing every problem with its CSV line (header = line 1), 0-based row index and column.
    TypeError
        If ``df`` is not a DataFrame.

    Warns
    -----
    UnknownCodeWarning
        For an upper-case counterpart code that is not in the known lists (line and value named).

    Examples
    --------
    >>> import pandas as pd
    >>> row = {"act_id": "A", "actor": "KHM", "target": "CHN", "counterpart": "ASEAN",
    ...        "date": "2019-06", "domain": "institutional", "stance": "binding",
    ...        "intensity": 2, "aimed_at_target": "yes", "source": "somanith2020",
    ...        "locator": "p. 1", "description": "Helps draft an outlook."}
    >>> validate_evidence(pd.DataFrame([row]))["stance"].cat.categories.tolist()
    ['deference', 'defiance', 'diversification', 'binding', 'abstention']
    >>> try:
    ...     validate_evidence(pd.DataFrame([row | {"date": "2019-02-30", "intensity": 4}]))
    ... except EvidenceError as err:
    ...     print(sorted(p.column for p in err.problems))
    ['date', 'intensity']
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"validate_evidence expects a pandas DataFrame, got {type(df).__name__}")
    c = _Collector(len(df))
    columns = [str(col) for col in df.columns]
    dupes = sorted({col for col in columns if columns.count(col) > 1})
    for col in dupes:
        c.header(col, "column appears more than once in the header")
    for col in REQUIRED_COLUMNS:
        if col not in columns:
            c.header(col, "required column is missing")
    if dupes:
        raise EvidenceError(c.problems, file)
    frame = df.reset_index(drop=True)
    frame.columns = columns
    present = set(columns)

    oks: dict[str, np.ndarray] = {}
    if "act_id" in present:
        ok, text = _check_text(c, frame["act_id"], "act_id", required=True)
        dup = ok & np.asarray(text.duplicated(keep=False).to_numpy(), dtype=bool)
        if dup.any():
            lines = pd.Series(np.flatnonzero(dup) + 2, index=text[dup].to_numpy())
            by_id = lines.groupby(level=0).agg(lambda g: ", ".join(map(str, g)))
            for act_id, where in by_id.items():
                mask = dup & np.asarray((text == act_id).to_numpy(), dtype=bool)
                c.rows("act_id", frame["act_id"], mask, f"duplicate act_id (on lines {where})")
        oks["act_id"] = ok & ~dup
    for col in ("actor", "target"):
        if col in present:
            oks[col] = _check_codes(c, frame[col], col)
    if "actor" in present and "target" in present:
        same = (
            oks["actor"]
            & oks["target"]
            & (
                frame["actor"].astype(object).to_numpy()
                == frame["target"].astype(object).to_numpy()
            )
        )
        c.rows("target", frame["target"], same, "target must differ from actor")
    if "counterpart" in present:
        _check_counterpart(c, frame["counterpart"])
    date_start = None
    if "date" in present:
        _, date_start = _check_date(c, frame["date"])
    intensity = None
    if "intensity" in present:
        ok_int, values = _check_intensity(c, frame["intensity"])
        intensity = pd.array(np.where(ok_int, values, 0), dtype="Int64")
    for col, allowed in VOCABULARIES.items():
        if col in present:
            _check_vocab(c, frame[col], col, allowed, optional=col in OPTIONAL_COLUMNS)
    for col in TEXT_REQUIRED:
        if col in present and col != "act_id":
            _check_text(c, frame[col], col, required=True, one_line=col == "description")
    if sources is not None and "source" in present:
        allowed_sources = frozenset(sources)
        text = frame["source"].astype(object)
        unknown = np.asarray(
            _text_mask(frame["source"]) & ~text.isin(allowed_sources).to_numpy(), dtype=bool
        )
        unknown &= np.asarray((text != "").to_numpy(), dtype=bool)
        c.rows("source", frame["source"], unknown, "unknown source key (not in the bibliography)")
    for col in TEXT_OPTIONAL:
        if col in present:
            _check_text(c, frame[col], col, required=False, one_line=col != "note")

    if c.problems:
        c.problems.sort(key=lambda p: (-1 if p.index is None else p.index, p.column or ""))
        raise EvidenceError(c.problems, file)

    out = frame.copy()
    for col in REQUIRED_COLUMNS + TEXT_OPTIONAL:
        if col in present and col != "intensity" and col not in VOCABULARIES:
            out[col] = out[col].astype("str")
    for col, allowed in VOCABULARIES.items():
        if col in present:
            cells = out[col].astype(object).replace("", np.nan)
            out[col] = pd.Categorical(cells, categories=list(allowed))
    out["intensity"] = intensity
    out["date_start"] = date_start
    out.index = df.index
    return out


def is_validated(df: pd.DataFrame) -> bool:
    """Tell whether ``df`` has the typed shape :func:`validate_evidence` returns.

    A cheap structural test (required columns, categorical vocabularies with the exact
    categories and no missing value, ``Int64`` intensity within 1..3, unique act ids), used by
    :func:`smallstate.classify` to skip re-validating a typed table.

    Examples
    --------
    >>> import pandas as pd
    >>> is_validated(pd.DataFrame({"act_id": ["A"]}))
    False
    """
    if not set(REQUIRED_COLUMNS) <= set(df.columns) or "date_start" not in df.columns:
        return False
    for col in ("domain", "stance", "aimed_at_target"):
        dtype = df[col].dtype
        if not isinstance(dtype, pd.CategoricalDtype):
            return False
        if list(dtype.categories) != list(VOCABULARIES[col]) or bool(df[col].isna().any()):
            return False
    for col in ("motive", "contested"):
        if col not in df.columns:
            continue
        dtype = df[col].dtype
        if not (
            isinstance(dtype, pd.CategoricalDtype)
            and list(dtype.categories) == list(VOCABULARIES[col])
        ):
            return False
    intensity = df["intensity"]
    if str(intensity.dtype) != "Int64" or bool(intensity.isna().any()):
        return False
    if len(df) and not bool(intensity.between(1, 3).all()):
        return False
    return _all_distinct(df["act_id"])


def _all_distinct(values: pd.Series) -> bool:
    """True when no value of ``values`` repeats (missing values count as equal).

    Text columns are checked on a numpy variable-width string copy: already strictly
    increasing (ids in order) needs one comparison pass, otherwise a sort and a comparison of
    neighbours. Both scale far better than hashing millions of Python strings, whose hash
    table outgrows the CPU caches. Other columns use :meth:`pandas.Series.duplicated`.

    >>> _all_distinct(pd.Series(["a", "b", "c"], dtype="str"))
    True
    >>> _all_distinct(pd.Series(["b", "a", "b"], dtype="str"))
    False
    """
    string_dtype = getattr(np.dtypes, "StringDType", None)  # numpy >= 2.0
    if (
        len(values) < 2
        or string_dtype is None
        or not isinstance(values.dtype, pd.StringDtype)
        or bool(values.isna().any())
    ):
        return not bool(values.duplicated().any())
    try:
        text = np.asarray(values.to_numpy(), dtype=object).astype(string_dtype())
    except (TypeError, ValueError):  # e.g. a lone surrogate, which UTF-8 cannot encode
        return not bool(values.duplicated().any())
    if bool((text[1:] > text[:-1]).all()):
        return True
    text.sort()
    return not bool((text[1:] == text[:-1]).any())
