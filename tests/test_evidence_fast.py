"""Distinct-value validation equals cell-by-cell validation, and classify reuses its codes.

:func:`smallstate.evidence.validate_evidence` checks each distinct value of a column once and
maps the verdicts back to the rows (see ``benchmarks/bench_classify.py`` for the speed). The
property tests here hold it to the cell-by-cell implementation it replaced, kept below as
:func:`reference_validate`: on random small tables with bad values, odd types and odd dtypes
mixed in, both return the same typed copy, or raise :class:`EvidenceError` with the same
problems in the same order, and issue the same :class:`UnknownCodeWarning`\\ s.
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Collection
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import act_tables

from smallstate import classify, compare, profiles
from smallstate.evidence import (
    COUNTERPART_CODES,
    DOMAINS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    STANCES,
    STATE_CODES,
    TEXT_OPTIONAL,
    TEXT_REQUIRED,
    VOCABULARIES,
    EvidenceError,
    Problem,
    UnknownCodeWarning,
    validate_evidence,
)
from smallstate.evidence.validation import FACTORIZED_COLUMNS, validate_evidence_factorized
from smallstate.frameworks import FRAMEWORKS
from smallstate.indicators.profiles import _sets_per_case

_CODE_PATTERN = r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*"
_DATE_PATTERN = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"

# -- random tables: good values, bad values, odd values and odd dtypes ---------------------------

GOOD: dict[str, list[Any]] = {
    "act_id": ["A00"],
    "actor": ["KHM", "SGP", "VNM", "SUN", "XRU"],
    "target": ["CHN", "JPN", "USA"],
    "counterpart": ["ASEAN", "BRI", "FOIP-JP", "CHN", "KHM", "MYFORUM", "NEW-CODE"],
    "date": ["2019", "2019-06", "2019-06-23", "2000-02-29", "1990"],
    "domain": list(DOMAINS),
    "stance": list(STANCES),
    "intensity": ["1", "2", "3"],
    "aimed_at_target": ["yes", "no", "unknown"],
    "source": ["leng2016", "samath2020"],
    "locator": ["p. 1", "para. 2"],
    "description": ["An act.", "Another act."],
    "motive": ["gain", "security", "unknown", ""],
    "scope": ["", "BRI", "FOIP"],
    "period": ["", "2013-2016"],
    "contested": ["yes", "no", ""],
    "note": ["", "A note\non two lines."],
    "aimed_at_rivals": ["yes", "no", "unknown", ""],
    "extra": ["kept", 1, None],
}
BAD: dict[str, list[Any]] = {
    "act_id": ["", " A1", "A1 ", "A\n1", 7, None],
    "actor": ["khm", "XXX", "KH", "K1M", "Khm", "CHN"],
    "target": ["chn", "QQQ", "KHM", "SGP", "US"],
    "counterpart": ["asean", "FOIP JP", "foip-jp", "-X", "A--B", "ZZZ-1"],
    "date": [
        "2019-13",
        "2019-02-30",
        "19",
        "2019/01",
        "2019-1",
        "1999-00",
        "\uff12\uff10\uff11\uff19",
    ],
    "domain": ["military", "Security"],
    "stance": ["appeasement", "Deference"],
    "intensity": [
        "0",
        "4",
        "2.5",
        "2.0",
        "two",
        "-1",
        " 1",
        "\uff11",
        2,
        0,
        2.0,
        True,
        np.int64(3),
    ],
    "aimed_at_target": ["maybe", "YES"],
    "source": ["unknown2020"],
    "motive": ["greed", "Gain"],
    "contested": ["perhaps"],
    "aimed_at_rivals": ["maybe"],
    "scope": ["a\nb", "a\rb"],
    "period": ["2013-\n2016"],
}
ODD: list[Any] = [
    "", " ", " x", "x ", "\tx", "x\u3000", "\u00a0x", "\x1cx", "x\x85", "a\nb", "a\rb",
    None, np.nan, pd.NA, 7, 2.5, True, np.str_("ASEAN"),
]  # fmt: skip
DTYPES = ("auto", "auto", "object", "string", "category")


def _column_array(values: list[Any], dtype: str) -> Any:
    """``values`` as the column dtype asked for (plain list when the dtype does not fit)."""
    if dtype == "object":
        return pd.array(values, dtype=object)
    if dtype == "string" and all(isinstance(v, str) or v is None for v in values):
        return pd.array(values, dtype="string")
    if dtype == "category":
        try:
            return pd.Categorical(values)
        except TypeError:  # categories of unorderable types
            return values
    return values


@st.composite
def messy_tables(draw: st.DrawFn) -> tuple[pd.DataFrame, list[str] | None]:
    """A small act table with, at a random rate, bad and odd values and odd column dtypes."""
    n = draw(st.integers(0, 9))
    rate = draw(st.sampled_from([0.0, 0.0, 0.1, 0.3, 0.8]))
    columns: dict[str, Any] = {}
    names = [*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS, "extra"]
    for col in names:
        required = col in REQUIRED_COLUMNS
        if not draw(st.booleans()) and not (required and draw(st.integers(0, 30))):
            continue  # optional columns often absent, required ones rarely
        if col == "act_id":
            ids = [f"A{i:02d}" for i in range(n)]
            order = draw(st.sampled_from(["sorted", "reversed", "shuffled", "repeat"]))
            if order == "reversed":
                ids.reverse()
            elif order == "shuffled":
                ids = draw(st.permutations(ids))
            elif order == "repeat" and n > 1:
                ids[draw(st.integers(1, n - 1))] = ids[0]
            values = list(ids)
        else:
            good = GOOD[col]
            values = [draw(st.sampled_from(good)) for _ in range(n)]
        bad = BAD.get(col, []) + ODD
        for i in range(n):
            if rate and draw(st.floats(0, 1)) < rate:
                values[i] = draw(st.sampled_from(bad))
        if col == "intensity" and draw(st.integers(0, 5)) == 0:
            ints = [draw(st.sampled_from([1, 2, 3, 0, 4, None])) for _ in range(n)]
            kind = draw(st.sampled_from(["Int64", "int64", "bool"]))
            if kind == "Int64":
                columns[col] = pd.array(ints, dtype="Int64")
            elif kind == "int64":
                columns[col] = np.array([1 if v is None else v for v in ints], dtype=np.int64)
            else:
                columns[col] = np.array([bool(v) for v in ints], dtype=bool)
            continue
        columns[col] = _column_array(values, draw(st.sampled_from(DTYPES)))
    df = pd.DataFrame(columns, index=pd.RangeIndex(n))
    if draw(st.integers(0, 4)) == 0:
        df.index = pd.Index([f"r{i}" for i in range(n)])[::-1]
    if len(df.columns) and draw(st.integers(0, 15)) == 0:  # a duplicated header
        df = pd.concat([df, df[[df.columns[0]]]], axis=1)
    sources = draw(st.sampled_from([None, ["leng2016", "samath2020"], []]))
    return df, sources


def _problem_key(p: Problem) -> tuple[Any, ...]:
    """A Problem as comparable values (NaN and NA compare by type and repr)."""
    return (p.row, p.column, type(p.value), repr(p.value), p.message, p.index)


def _run(fn: Any, df: pd.DataFrame, sources: list[str] | None) -> tuple[Any, list[Any]]:
    """(typed copy or the EvidenceError, the warnings as (category, message))."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result: Any = fn(df, sources, file="acts.csv")
        except EvidenceError as err:
            result = err
    return result, [(w.category, str(w.message)) for w in caught]


def assert_same_validation(df: pd.DataFrame, sources: list[str] | None) -> None:
    before = df.copy()
    new, new_warnings = _run(validate_evidence, df, sources)
    old, old_warnings = _run(reference_validate, df.copy(), sources)
    pd.testing.assert_frame_equal(df, before)  # the input is left as it was
    assert new_warnings == old_warnings
    if isinstance(old, EvidenceError):
        assert isinstance(new, EvidenceError), "the reference rejects the table"
        assert [_problem_key(p) for p in new.problems] == [_problem_key(p) for p in old.problems]
        assert str(new) == str(old)
        assert new.file == old.file
        return
    assert not isinstance(new, EvidenceError), str(new)
    pd.testing.assert_frame_equal(new, old, check_exact=True)
    assert list(new.dtypes) == list(old.dtypes)
    for col in new.columns:
        if isinstance(new[col].dtype, pd.CategoricalDtype):
            assert new[col].cat.categories.dtype == old[col].cat.categories.dtype
    assert new.index.equals(old.index)


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messy_tables())
def test_distinct_value_validation_equals_cell_by_cell(case: Any) -> None:
    df, sources = case
    assert_same_validation(df, sources)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(act_tables(1, 30))
def test_valid_tables_validate_alike(df: pd.DataFrame) -> None:
    assert_same_validation(df, None)
    assert_same_validation(df.astype(object), None)


def test_every_kind_of_problem_alike() -> None:
    """One table holding every odd value in every column, next to good rows."""
    good = {col: GOOD[col][0] for col in [*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS]}
    rows = [good | {"act_id": f"G{i}"} for i in range(3)]
    for col in [*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS]:
        for k, value in enumerate(BAD.get(col, []) + ODD):
            rows.append(good | {"act_id": f"B-{col}-{k}", col: value})
    df = pd.DataFrame(rows)
    assert_same_validation(df, ["leng2016"])
    assert_same_validation(df.astype(object), None)
    with pytest.raises(EvidenceError) as err, warnings.catch_warnings():
        warnings.simplefilter("ignore", UnknownCodeWarning)
        validate_evidence(df)
    assert len({p.index for p in err.value.problems}) > 300  # most odd values are bad


def test_duplicate_ids_name_every_line() -> None:
    good = {col: GOOD[col][0] for col in REQUIRED_COLUMNS if col != "act_id"}
    df = pd.DataFrame([good | {"act_id": a} for a in ["B", "A", "B", "C", "A", "B"]])
    assert_same_validation(df, None)
    with pytest.raises(EvidenceError) as err:
        validate_evidence(df)
    assert [p.message for p in err.value.problems][:2] == [
        "duplicate act_id (on lines 2, 4, 7)",
        "duplicate act_id (on lines 3, 6)",
    ]


# -- the codes validation hands on to classify ---------------------------------------------------


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(act_tables(1, 25))
def test_factorized_codes_are_those_of_the_typed_copy(df: pd.DataFrame) -> None:
    typed, known = validate_evidence_factorized(df)
    pd.testing.assert_frame_equal(typed, validate_evidence(df))
    assert set(known) == {col for col in FACTORIZED_COLUMNS if col in df.columns}
    for col, (codes, uniques) in known.items():
        expected_codes, expected_uniques = pd.factorize(typed[col])
        assert codes.tolist() == expected_codes.tolist()
        assert list(uniques) == list(expected_uniques)


def test_categorical_columns_hand_on_no_codes() -> None:
    df = pd.DataFrame([{col: GOOD[col][0] for col in REQUIRED_COLUMNS if col != "act_id"}] * 2)
    df.insert(0, "act_id", ["A", "B"])
    df["actor"] = df["actor"].astype("category")
    _, known = validate_evidence_factorized(df)
    assert "actor" not in known and "target" in known


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(act_tables(1, 40))
def test_classify_raw_equals_classify_validated(df: pd.DataFrame) -> None:
    typed = validate_evidence(df)
    for fw in FRAMEWORKS:
        pd.testing.assert_frame_equal(classify(df, fw), classify(typed, fw))
    pd.testing.assert_frame_equal(profiles(df), profiles(typed))
    pd.testing.assert_frame_equal(profiles(df, pool=["target"]), profiles(typed, pool=["target"]))
    pd.testing.assert_frame_equal(compare(df), compare(typed))


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 70).flatmap(
        lambda width: st.tuples(
            st.just(width),
            st.lists(st.tuples(st.integers(0, 5), st.integers(0, width - 1), st.booleans())),
        )
    )
)
def test_counterpart_sets_per_case(case: tuple[int, list[tuple[int, int, bool]]]) -> None:
    """Bit patterns (few counterparts) and unique pairs (many) give the naive sets."""
    width, rows = case
    n_cases = 6
    codes = np.array([r[0] for r in rows], dtype=np.int64)
    cp_codes = np.array([r[1] for r in rows], dtype=np.int64)
    mask = np.array([r[2] for r in rows], dtype=bool)
    cp_values = np.array([f"CP{i}" for i in range(width)], dtype=object)
    expected = [
        frozenset(f"CP{cp}" for case_, cp, on in rows if on and case_ == k) for k in range(n_cases)
    ]
    assert _sets_per_case(mask, codes, cp_codes, cp_values, n_cases) == expected


# -- warnings name the same line as before -------------------------------------------------------


def _acts_with_unknown_counterpart() -> pd.DataFrame:
    good = {col: GOOD[col][0] for col in REQUIRED_COLUMNS}
    return pd.DataFrame([good | {"counterpart": "MYFORUM"}])


def _validate_via_helper(df: pd.DataFrame, fn: Any) -> Any:
    return fn(df)  # validate_evidence names the caller of the function that calls it


@pytest.mark.parametrize("name", ["validate_evidence", "reference_validate"])
def test_unknown_code_warning_names_the_callers_caller(name: str) -> None:
    fn = globals()[name]  # the reference is defined at the end of this file
    df = _acts_with_unknown_counterpart()
    with pytest.warns(UnknownCodeWarning) as caught:
        line = inspect.currentframe().f_lineno + 1  # type: ignore[union-attr]
        _validate_via_helper(df, fn)
    assert (Path(caught[0].filename), caught[0].lineno) == (Path(__file__), line)


@pytest.mark.parametrize(
    "call",
    [
        lambda df: classify(df, "kuik"),
        lambda df: profiles(df),
        lambda df: compare(df, ["kuik"]),
    ],
)
def test_unknown_code_warning_names_the_caller_of_the_entry_point(call: Any) -> None:
    df = _acts_with_unknown_counterpart()
    with pytest.warns(UnknownCodeWarning, match="MYFORUM") as caught:
        call(df)
    assert Path(caught[0].filename) == Path(__file__)


# -- the reference: cell-by-cell validation as it was (smallstate 0.1, evidence.py) -------------


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


def reference_validate(
    df: pd.DataFrame, sources: Collection[str] | None = None, *, file: str | Path | None = None
) -> pd.DataFrame:
    """The cell-by-cell validation as it was before distinct-value checking."""
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
    for col in OPTIONAL_COLUMNS:  # documented: a missing optional value reads as empty
        if col in frame and bool(frame[col].isna().any()):
            frame[col] = frame[col].astype(object).where(frame[col].notna(), "")
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
        # One deliberate change: compare only where both codes are valid (strings); comparing
        # every cell raised "boolean value of NA is ambiguous" on pd.NA in an object column.
        both = oks["actor"] & oks["target"]
        rows = np.flatnonzero(both)
        same = np.zeros(len(frame), dtype=bool)
        same[rows] = (
            frame["actor"].astype(object).to_numpy()[rows]
            == frame["target"].astype(object).to_numpy()[rows]
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
            values = out[col].astype(object).replace("", np.nan)
            out[col] = pd.Categorical(values, categories=list(allowed))
    out["intensity"] = intensity
    out["date_start"] = date_start
    out.index = df.index
    return out
