"""The evidence table: one dated, sourced foreign-policy act per row, and its validation.

Every module of the course reads the same act schema (see ``docs/ARCHITECTURE.md``). This module
holds the vocabularies, :func:`validate_evidence` (returns a typed copy or raises
:class:`EvidenceError` listing *every* problem with its CSV line, 0-based row index and column)
and :func:`read_evidence` (reads a CSV as text, so that nothing is coerced before validation).

Coding conventions that the vocabularies alone do not say:

* ``aimed_at_target`` records whether the act is meant to check, counter or restrain the target
  (``yes``), is not (``no``), or the source does not say (``unknown``, the default when the
  source is silent; codebook in ``datasets/README.md``).
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
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
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

__all__ = [
    "FACTORIZED_COLUMNS",
    "EvidenceError",
    "Factorized",
    "Problem",
    "UnknownCodeWarning",
    "is_validated",
    "validate_evidence",
    "validate_evidence_factorized",
]

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


# ---------------------------------------------------------------------------------------------
# column checks. A column of a million acts holds a handful of actors, dates or stances, so each
# check runs once per DISTINCT value of the column (see _Distinct) and its verdicts reach the
# rows through the factorize codes (numpy indexing); only problems are looped over.


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
        self.at(column, values, positions, message)

    def at(self, column: str, values: pd.Series, positions: np.ndarray, message: str) -> None:
        """Record one problem per row position in ``positions`` (ascending)."""
        vals = values.iloc[positions].tolist()
        self.problems.extend(
            Problem(int(p) + 2, column, v, message, int(p))
            for p, v in zip(positions.tolist(), vals, strict=True)
        )

    def distinct(self, d: _Distinct, bad: np.ndarray, message: str) -> None:
        """Record one problem per row whose distinct value ``bad`` (per value of ``d``) flags."""
        if bad.any():
            self.rows(d.column, d.series, d.rows(bad), message)


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


def _strictly_increasing(values: np.ndarray) -> bool:
    """True when the strings in ``values`` strictly increase (so none repeats, none is missing).

    A missing value makes the comparison raise or fail, which answers False; so do fewer than
    two values (the callers then take their general path).
    """
    if len(values) < 2:
        return False
    try:
        return bool((values[1:] > values[:-1]).all())
    except (TypeError, ValueError):
        return False


class _Distinct:
    """A column as its distinct values plus, per row, the position of the row's value.

    ``values`` holds the distinct values and, last, a stand-in for the missing cells (code -1
    then indexes it), so a per-value mask ``m`` reads per row as ``m[codes]``. Text columns
    (string dtypes, all-string object columns, categoricals of strings) are factorized (or,
    with ``maybe_unique``, kept as they are when their strings strictly increase: row ids).
    Any other column (mixed objects, numbers, ...) keeps one entry per row, which runs the
    checks cell by cell.

    Attributes
    ----------
    codes : numpy.ndarray
        Position in ``values`` of each row's value (-1 for a missing cell).
    values : numpy.ndarray of object
        The distinct values, then ``None`` for the missing cells.
    is_text : numpy.ndarray of bool
        Whether each entry of ``values`` is a string (``_text_mask`` per value).
    unique : bool
        True when the entries of ``values`` differ from each other (always, except for a
        column kept cell by cell).
    factorized : bool
        True when ``values`` are the column's distinct values in order of first appearance
        (so ``codes`` and ``values[:-1]`` equal ``pd.factorize`` of the column); False for a
        column kept cell by cell, a categorical or row ids kept as they are.
    """

    def __init__(self, s: pd.Series, column: str, *, maybe_unique: bool = False) -> None:
        self.series, self.column = s, column
        self.factorized = False
        self.unique = True
        found = self._text_values(s)
        if found is None:  # not a text column: one entry per cell, checked as before
            values = s.astype(object).to_numpy()
            self.codes = np.arange(len(s), dtype=np.intp)
            is_text = _text_mask(s)
            self.unique = False
        else:
            self.codes, values, categorical = found
            if not categorical and maybe_unique and _strictly_increasing(values):
                self.codes = np.arange(len(values), dtype=np.intp)
            elif not categorical:
                codes, uniques = pd.factorize(values)
                self.codes, values = codes.astype(np.intp, copy=False), uniques
                self.factorized = True
            is_text = np.ones(len(values), dtype=bool)
        # None is a valid element of an object array; numpy's stubs accept only ArrayLike
        missing = np.array([None], dtype=object)
        self.values = np.concatenate([np.asarray(values, dtype=object), missing])
        self.is_text = np.append(is_text, False)

    @cached_property
    def text(self) -> pd.Series:
        """``values`` as ``str``, non-text entries replaced by ``""``: what the checks read."""
        return pd.Series(self.values, dtype=object).where(self.is_text, "").astype(str)

    @cached_property
    def strings(self) -> np.ndarray:
        """:attr:`text` as an object array (without building the Series for a text column)."""
        if not self.unique:
            return self.text.to_numpy(dtype=object)
        strings = self.values.copy()
        strings[-1] = ""  # the missing cells' stand-in; every other entry is a string
        return strings

    @staticmethod
    def _text_values(s: pd.Series) -> tuple[np.ndarray, np.ndarray, bool] | None:
        """(codes or an empty array, values, is categorical) of a text column, else None."""
        dtype = s.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            if pd.api.types.infer_dtype(dtype.categories, skipna=True) != "string":
                return None
            codes = s.cat.codes.to_numpy().astype(np.intp)
            return codes, np.asarray(dtype.categories, dtype=object), True
        if isinstance(dtype, pd.StringDtype):
            return np.empty(0, np.intp), s.to_numpy(dtype=object), False
        if s.dtype == object and pd.api.types.infer_dtype(s, skipna=False) == "string":
            return np.empty(0, np.intp), s.to_numpy(), False
        return None

    def rows(self, mask: np.ndarray) -> np.ndarray:
        """A per-value array read per row."""
        return mask[self.codes]

    def factorization(self) -> tuple[np.ndarray, np.ndarray] | None:
        """``pd.factorize`` of the column (codes, uniques), when known; else None."""
        return (self.codes, self.values[:-1]) if self.factorized else None


def _check_text(
    c: _Collector, d: _Distinct, *, required: bool, one_line: bool = False
) -> np.ndarray:
    """Check a text column; return the ok mask per distinct value."""
    is_text = d.is_text
    c.distinct(d, ~is_text, "expected text (a string); got a missing or non-text value")
    strings = d.strings
    texts = strings.tolist()
    n = len(texts)
    padded = is_text & np.fromiter((t != t.strip() for t in texts), dtype=bool, count=n)
    c.distinct(d, padded, "leading or trailing white space")
    ok = is_text & ~padded
    if required:
        empty = is_text & np.asarray(strings == "", dtype=bool)
        c.distinct(d, empty, "must not be empty")
        ok &= ~empty
    if one_line:
        joined = "".join(texts)  # one scan answers "no line break anywhere", the usual case
        if "\r" in joined or "\n" in joined:
            lines = ("\r" in t or "\n" in t for t in texts)
            multi = is_text & np.fromiter(lines, dtype=bool, count=n)
            c.distinct(d, multi, "must be one line (contains a line break)")
            ok &= ~multi
    return ok


def _check_vocab(
    c: _Collector, d: _Distinct, allowed: tuple[str, ...], *, optional: bool
) -> np.ndarray:
    ok, text = _check_text(c, d, required=not optional), d.text
    known = np.asarray(text.isin(allowed).to_numpy(), dtype=bool)
    empty = np.asarray((text == "").to_numpy(), dtype=bool)
    bad = ok & ~known & ~(empty if optional else False)
    choices = ", ".join(allowed)
    extra = " (or empty)" if optional else ""
    c.distinct(d, bad, f"unknown {d.column} value; expected one of {choices}{extra}")
    return ok & ~bad


def _check_codes(c: _Collector, d: _Distinct) -> np.ndarray:
    ok, text = _check_text(c, d, required=True), d.text
    known = np.asarray(text.isin(STATE_CODES).to_numpy(), dtype=bool)
    upper_form = np.asarray(text.str.fullmatch(r"[A-Z]{3}").to_numpy(), dtype=bool)
    lower = ok & ~known & np.asarray(text.str.fullmatch(r"[A-Za-z]{3}").to_numpy(), bool)
    lower &= ~upper_form
    c.distinct(d, lower, "country codes are upper case ISO 3166-1 alpha-3 (e.g. KHM)")
    other = ok & ~known & ~lower
    c.distinct(d, other, "not an ISO 3166-1 alpha-3 country code (nor a historical one)")
    return ok & known


def _check_counterpart(c: _Collector, d: _Distinct, stacklevel: int) -> np.ndarray:
    ok, text = _check_text(c, d, required=True), d.text
    known = np.asarray(text.isin(STATE_CODES | COUNTERPART_CODES).to_numpy(), dtype=bool)
    form = np.asarray(text.str.fullmatch(_CODE_PATTERN).to_numpy(), dtype=bool)
    bad = ok & ~form
    c.distinct(
        d,
        bad,
        "must be an upper-case code: ISO alpha-3 or an organisation/initiative code such as "
        "ASEAN or FOIP-JP",
    )
    unknown = ok & form & ~known
    if unknown.any():
        positions = np.flatnonzero(d.rows(unknown))
        values = text.iloc[d.codes[positions]].set_axis(positions)
        for value, pos in values.groupby(values, sort=True).groups.items():
            lines = ", ".join(str(int(p) + 2) for p in np.sort(np.asarray(pos)))
            warnings.warn(
                f"counterpart {value!r} (line(s) {lines}) is not a known country, organisation "
                "or initiative code; accepted as written",
                UnknownCodeWarning,
                stacklevel=stacklevel,
            )
    return ok & ~bad


def _check_date(c: _Collector, d: _Distinct) -> tuple[np.ndarray, pd.Series]:
    """Return (good per value, the first day of each value, NaT where not good)."""
    ok, text = _check_text(c, d, required=True), d.text
    parts = text.str.extract(f"^{_DATE_PATTERN}$")
    form = np.asarray(parts[0].notna().to_numpy(), dtype=bool)
    bad_form = ok & ~form
    c.distinct(d, bad_form, "date must be YYYY, YYYY-MM or YYYY-MM-DD")
    full = parts[0].fillna("2000") + "-" + parts[1].fillna("01") + "-" + parts[2].fillna("01")
    start = pd.to_datetime(full.where(ok & form, "2000-01-01"), format="%Y-%m-%d", errors="coerce")
    bad_cal = ok & form & np.asarray(start.isna().to_numpy(), dtype=bool)
    c.distinct(d, bad_cal, "not a calendar date (month 01-12, day valid for the month)")
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
    if _Distinct._text_values(s) is not None:  # text only: check each distinct value once
        d = _Distinct(s, "intensity")
        digit = d.text.str.fullmatch(r"[123]").to_numpy(dtype=bool) & d.is_text
        c.distinct(d, d.is_text & ~digit, f"{msg} (written 1, 2 or 3, no decimals)")
        c.distinct(d, ~d.is_text, f"{msg}; got a missing or non-integer value")
        per_value = np.zeros(len(d.values), dtype=np.int64)
        per_value[digit] = d.text[digit].astype(np.int64).to_numpy()
        return d.rows(digit), d.rows(per_value)
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


def _duplicate_ids(c: _Collector, d: _Distinct, ok: np.ndarray) -> np.ndarray:
    """Report repeated act ids (each row naming the lines of its id); return the row mask."""
    if d.unique:  # one entry per distinct id: count the rows of each
        counts = np.bincount(d.codes[d.codes >= 0], minlength=len(d.values))
        repeated = ok & (counts > 1)
        dup = d.rows(repeated) if repeated.any() else None
    else:  # cell by cell: text values that occur more than once
        repeated = d.text.iloc[:-1].duplicated(keep=False).to_numpy()
        dup = d.rows(ok) & repeated if repeated.any() else None
    if dup is None or not dup.any():
        return np.zeros(len(d.codes), dtype=bool)
    positions = np.flatnonzero(dup)
    ids = d.text.iloc[d.codes[positions]].set_axis(positions)
    for where in ids.groupby(ids, sort=True).groups.values():
        rows = np.sort(np.asarray(where))
        lines = ", ".join(str(int(p) + 2) for p in rows)
        c.at("act_id", d.series, rows, f"duplicate act_id (on lines {lines})")
    return dup


def validate_evidence(
    df: pd.DataFrame, sources: Collection[str] | None = None, *, file: str | Path | None = None
) -> pd.DataFrame:
    """Check an act table against the evidence schema and return a typed copy.

    Parameters
    ----------
    df : pandas.DataFrame
        The acts, one per row, with the required columns (see :data:`REQUIRED_COLUMNS`) and any
        of the optional ones (a missing value there reads as empty, as when rows without that
        column are concatenated to a table with it); other columns are kept unchanged.
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

    Notes
    -----
    Each check runs once per distinct value of a column and reaches the rows through the
    codes of :func:`pandas.factorize`, so a million acts with a few thousand distinct values
    per column validate in well under a second; the problems are the same, in the same order,
    as checking cell by cell.

    Examples
    --------
    >>> import pandas as pd
    >>> row = {"act_id": "A", "actor": "KHM", "target": "CHN", "counterpart": "ASEAN",
    ...        "date": "2019-06", "domain": "institutional", "stance": "binding",
    ...        "intensity": 2, "aimed_at_target": "yes", "source": "samath2020",
    ...        "locator": "p. 1", "description": "Helps draft an outlook."}
    >>> validate_evidence(pd.DataFrame([row]))["stance"].cat.categories.tolist()
    ['deference', 'defiance', 'diversification', 'binding', 'abstention']
    >>> try:
    ...     validate_evidence(pd.DataFrame([row | {"date": "2019-02-30", "intensity": 4}]))
    ... except EvidenceError as err:
    ...     print(sorted(p.column for p in err.problems))
    ['date', 'intensity']
    """
    return _validate(df, sources, file, stacklevel=2)[0]


#: ``pd.factorize`` results, (codes, uniques), of act-table columns by column name.
Factorized = Mapping[str, tuple[np.ndarray, np.ndarray]]
#: Columns whose factorize codes :func:`validate_evidence_factorized` hands on.
FACTORIZED_COLUMNS: tuple[str, ...] = ("actor", "target", "counterpart", "scope", "period")


def validate_evidence_factorized(
    df: pd.DataFrame,
    sources: Collection[str] | None = None,
    *,
    file: str | Path | None = None,
    stacklevel: int = 1,
) -> tuple[pd.DataFrame, Factorized]:
    """:func:`validate_evidence`, plus the factorize codes of the typed copy's case columns.

    Validation factorizes every text column anyway; the codes of the columns in
    :data:`FACTORIZED_COLUMNS` are returned so that :func:`smallstate.classify` and
    :func:`smallstate.indicators.profiles` do not hash the same strings a second time.

    Parameters
    ----------
    df, sources, file
        As for :func:`validate_evidence`.
    stacklevel : int, default 1
        The frame an :class:`UnknownCodeWarning` names, counted as for :func:`warnings.warn`
        from the caller's side: 1 names the line that calls this function, 2 its caller.

    Returns
    -------
    tuple
        The typed copy (exactly what :func:`validate_evidence` returns) and a mapping from
        column to ``(codes, uniques)``, equal to ``pd.factorize(typed[column])`` (uniques as an
        object array), for the columns whose codes were computed (text columns that are
        neither categorical nor checked cell by cell).

    Examples
    --------
    >>> import pandas as pd
    >>> row = {"act_id": "A", "actor": "KHM", "target": "CHN", "counterpart": "ASEAN",
    ...        "date": "2019", "domain": "economic", "stance": "deference", "intensity": "1",
    ...        "aimed_at_target": "no", "source": "leng2016", "locator": "p. 1",
    ...        "description": "An act."}
    >>> typed, codes = validate_evidence_factorized(pd.DataFrame([row, row | {"act_id": "B"}]))
    >>> codes["actor"][0].tolist(), codes["actor"][1].tolist()
    ([0, 0], ['KHM'])
    """
    return _validate(df, sources, file, stacklevel=stacklevel)


def _validate(
    df: pd.DataFrame,
    sources: Collection[str] | None,
    file: str | Path | None,
    *,
    stacklevel: int,
) -> tuple[pd.DataFrame, Factorized]:
    """Validate ``df``; return the typed copy and the factorize codes of its case columns.

    ``stacklevel`` counts from the caller of the public function that calls this one (1 names
    that caller's line); ``_check_counterpart`` adds the three frames in between.
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
    for col in OPTIONAL_COLUMNS:  # a missing value in an optional column reads as empty
        if col in frame and bool(frame[col].isna().any()):
            frame[col] = frame[col].astype(object).where(frame[col].notna(), "")
    present = set(columns)
    distinct: dict[str, _Distinct] = {}

    def of(col: str, **kwargs: bool) -> _Distinct:
        distinct[col] = _Distinct(frame[col], col, **kwargs)
        return distinct[col]

    oks: dict[str, np.ndarray] = {}
    if "act_id" in present:
        d = of("act_id", maybe_unique=True)
        ok = _check_text(c, d, required=True)
        oks["act_id"] = d.rows(ok) & ~_duplicate_ids(c, d, ok)
    for col in ("actor", "target"):
        if col in present:
            oks[col] = _check_codes(c, of(col))
    if "actor" in present and "target" in present:
        actor, target = distinct["actor"], distinct["target"]
        both = actor.rows(oks["actor"]) & target.rows(oks["target"])
        if actor.factorized and target.factorized:  # compare codes: actor's value as a target
            as_target = pd.Index(target.values[:-1]).get_indexer(actor.values[:-1])
            as_target = np.append(np.where(as_target < 0, -2, as_target), -3)
            equal = actor.rows(as_target) == target.codes
        else:  # compare the cells where both hold valid codes, strings (NA does not compare)
            rows = np.flatnonzero(both)
            equal = np.zeros(len(frame), dtype=bool)
            equal[rows] = (
                frame["actor"].astype(object).to_numpy()[rows]
                == frame["target"].astype(object).to_numpy()[rows]
            )
        c.rows("target", frame["target"], both & equal, "target must differ from actor")
    if "counterpart" in present:
        _check_counterpart(c, of("counterpart"), stacklevel + 3)
    date_start = None
    if "date" in present:
        d = of("date")
        good, start = _check_date(c, d)
        date_start = start.take(d.codes).reset_index(drop=True).where(d.rows(good))
        if not len(frame):  # no text parsed at all: pandas then picks another time unit
            date_start = pd.to_datetime(pd.Series([], dtype=str), format="%Y-%m-%d")
    intensity = None
    if "intensity" in present:
        ok_int, values = _check_intensity(c, frame["intensity"])
        intensity = pd.array(np.where(ok_int, values, 0), dtype="Int64")
    for col, allowed in VOCABULARIES.items():
        if col in present:
            _check_vocab(c, of(col), allowed, optional=col in OPTIONAL_COLUMNS)
    for col in TEXT_REQUIRED:
        if col in present and col != "act_id":
            _check_text(c, of(col), required=True, one_line=col == "description")
    if sources is not None and "source" in present:
        d = distinct["source"]
        allowed_sources = frozenset(sources)
        text = pd.Series(d.values, dtype=object)
        unknown = np.asarray(d.is_text & ~text.isin(allowed_sources).to_numpy(), dtype=bool)
        unknown &= np.asarray((text != "").to_numpy(), dtype=bool)
        c.distinct(d, unknown, "unknown source key (not in the bibliography)")
    for col in TEXT_OPTIONAL:
        if col in present:
            _check_text(c, of(col), required=False, one_line=col != "note")

    if c.problems:
        c.problems.sort(key=lambda p: (-1 if p.index is None else p.index, p.column or ""))
        raise EvidenceError(c.problems, file)

    out = frame.copy(deep=False)  # copy-on-write: columns are copied when either side changes
    for col in REQUIRED_COLUMNS + TEXT_OPTIONAL:
        if col in present and col != "intensity" and col not in VOCABULARIES:
            out[col] = out[col].astype("str")
    for col, allowed in VOCABULARIES.items():
        if col in present:
            # Category of each distinct value (-1 for "", read as missing): no row is hashed.
            d = distinct[col]
            category = pd.Index(list(allowed)).get_indexer(pd.Index(d.values[:-1], dtype=object))
            codes = np.append(category, -1)[d.codes]
            out[col] = pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(list(allowed)))
    out["intensity"] = intensity
    out["date_start"] = date_start
    out.index = df.index
    factorized = {
        col: distinct[col].factorization() for col in FACTORIZED_COLUMNS if col in distinct
    }
    return out, {col: found for col, found in factorized.items() if found is not None}


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
    if isinstance(values.dtype, pd.StringDtype) and _strictly_increasing(
        values.to_numpy(dtype=object)
    ):
        return True  # ids in order: one pass of comparisons, nothing to convert
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
