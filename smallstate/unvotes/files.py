"""UN General Assembly roll-call votes: where the files are, reading them, checking them.

The data are Erik Voeten's UNGA roll-call votes (Voeten, Strezhnev and Bailey 2009, bibliography
key ``voeten2009``, CC0) as packaged by David Robinson's ``unvotes`` R package: three tables,

* ``un_votes``: one row per (roll call, country) with a vote of ``yes``, ``abstain`` or ``no``
  (absent countries and non-members have no row);
* ``un_roll_calls``: one row per roll call with its ``date``;
* ``un_roll_call_issues``: zero or more issue codes per roll call (``me``, ``nu``, ``di``, ``hr``,
  ``co``, ``ec``).

The files are not shipped with the course. :func:`load_votes` looks for them in a folder you
name, then in ``$SMALLSTATE_UNVOTES``, then in the user cache, where :func:`fetch_votes` puts
them.

Examples
--------
>>> import pandas as pd
>>> votes = votes_from_frames(
...     pd.DataFrame({"rcid": [1, 1], "country": ["Cambodia", "China"], "vote": ["yes", "no"]}),
...     pd.DataFrame({"rcid": [1], "date": ["1995-10-01"]}),
... )
>>> votes
Votes(2 votes, 1 roll calls, 2 countries, 1995-1995)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from smallstate.errors import InputError

__all__ = [
    "FILES",
    "ISSUES",
    "TIDYTUESDAY_FILES",
    "VOTE_LEVELS",
    "Votes",
    "VotesFileError",
    "load_votes",
    "votes_dir",
    "votes_from_frames",
]

#: The three vote values kept in the data, in this order (codes 1, 2, 3 in the vote matrix).
VOTE_LEVELS: tuple[str, ...] = ("yes", "abstain", "no")


#: Issue codes of ``un_roll_call_issues`` and their names.
ISSUES: dict[str, str] = {
    "me": "Palestinian conflict",
    "nu": "Nuclear weapons and nuclear material",
    "di": "Arms control and disarmament",
    "hr": "Human rights",
    "co": "Colonialism",
    "ec": "Economic development",
}


#: File names of the three tables as packaged for the course (gzip CSV), by role.
FILES: dict[str, str] = {
    "votes": "un_votes.csv.gz",
    "roll_calls": "un_roll_calls.csv.gz",
    "issues": "un_roll_call_issues.csv.gz",
}


#: File names of the same tables in the public tidytuesday copy (plain CSV), by role.
TIDYTUESDAY_FILES: dict[str, str] = {
    "votes": "unvotes.csv",
    "roll_calls": "roll_calls.csv",
    "issues": "issues.csv",
}


_ENV = "SMALLSTATE_UNVOTES"


_COLUMNS: dict[str, tuple[str, ...]] = {
    "votes": ("rcid", "country", "vote"),
    "roll_calls": ("rcid", "date"),
    "issues": ("rcid", "short_name"),
}


_OPTIONAL_INT = ("session", "importantvote", "amend", "para")


class VotesFileError(InputError):
    """A vote file is malformed; the message names the file, the row and the column."""


@dataclass(frozen=True)
class Votes:
    """The three UNGA tables, typed and validated.

    Attributes
    ----------
    votes
        ``rcid`` (int64), ``country`` (category), ``country_code`` (category, Namibia is the
        string ``"NA"``, unknown codes are missing), ``vote`` (category ``yes``/``abstain``/``no``).
    roll_calls
        ``rcid`` (int64), ``date`` (datetime64), ``year`` (int64, calendar year of ``date``) and
        the descriptive columns that were present (``session``, ``unres``, ``short``, ...).
    issues
        ``rcid`` (int64), ``short_name`` (category of issue codes), ``issue`` (name).
    source
        Folder the files were read from (``None`` when built from frames).
    """

    votes: pd.DataFrame
    roll_calls: pd.DataFrame
    issues: pd.DataFrame
    source: Path | None = None

    @property
    def countries(self) -> list[str]:
        """Sorted names of the countries that have at least one vote row."""
        present = self.votes["country"].cat.remove_unused_categories()
        return sorted(present.cat.categories)

    def __repr__(self) -> str:
        years = self.roll_calls["year"]
        span = f"{years.min()}-{years.max()}" if len(years) else "no roll calls"
        return (
            f"Votes({len(self.votes):,} votes, {len(self.roll_calls):,} roll calls, "
            f"{len(self.countries)} countries, {span})"
        )


def _cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("smallstate")) / "unvotes"


def _file_set(folder: Path) -> dict[str, Path] | None:
    """The three files in ``folder`` (packaged names first, then tidytuesday names), or None."""
    for names in (FILES, TIDYTUESDAY_FILES):
        paths = {role: folder / name for role, name in names.items()}
        if all(p.is_file() for p in paths.values()):
            return paths
    return None


def votes_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """Return the folder holding the vote files: ``path``, else ``$SMALLSTATE_UNVOTES``, else cache.

    Parameters
    ----------
    path
        A folder to use. When given, only this folder is searched.

    Returns
    -------
    pathlib.Path
        A folder containing ``un_votes.csv.gz``, ``un_roll_calls.csv.gz`` and
        ``un_roll_call_issues.csv.gz`` (or the tidytuesday ``unvotes.csv``, ``roll_calls.csv``,
        ``issues.csv``).

    Raises
    ------
    FileNotFoundError
        Listing the folders searched and how to get the files.

    Examples
    --------
    >>> import tempfile
    >>> try:
    ...     votes_dir(tempfile.mkdtemp())
    ... except FileNotFoundError as err:
    ...     print("fetch_votes()" in str(err))
    True
    """
    if path is not None:
        candidates = [Path(path)]
    else:
        candidates = [Path(os.environ[_ENV])] if os.environ.get(_ENV) else []
        candidates.append(_cache_dir())
    for folder in candidates:
        if _file_set(folder) is not None:
            return folder
    searched = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(
        f"smallstate.unvotes: the UNGA vote files ({', '.join(FILES.values())}) were not found "
        f"(searched: {searched}). Run smallstate.unvotes.fetch_votes() to download them into "
        f"{_cache_dir()}, or place them in a folder and set {_ENV} to it."
    )


def _row_error(file: str, index: int, column: str, problem: str) -> VotesFileError:
    # index is the 0-based data row; the CSV header is row 1, so data row i is row i + 2.
    return VotesFileError(f"{file}: row {index + 2}, column {column!r}: {problem}")


def _check_columns(frame: pd.DataFrame, role: str, file: str) -> None:
    missing = [c for c in _COLUMNS[role] if c not in frame.columns]
    if missing:
        raise VotesFileError(
            f"{file}: row 1 (header): missing column(s) {missing}; found {list(frame.columns)}"
        )


def _to_int(frame: pd.DataFrame, column: str, file: str, *, required: bool) -> pd.Series:
    """Convert a column to int64 (or nullable Int64 when not required), naming a bad cell."""
    col = frame[column]
    if pd.api.types.is_integer_dtype(col) and not isinstance(col.dtype, pd.CategoricalDtype):
        return col.astype("int64" if required else "Int64")
    numbers = pd.to_numeric(col, errors="coerce")
    bad = numbers.isna() & (col.notna() if not required else True)
    bad |= numbers.notna() & (numbers != numbers.round())
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise _row_error(file, i, column, f"expected an integer, got {col.iloc[i]!r}")
    return numbers.astype("int64" if required else "Int64")


def _first_bad(mask: pd.Series | np.ndarray) -> int:
    return int(np.flatnonzero(np.asarray(mask))[0])


def _prepare_votes(votes: pd.DataFrame, file: str) -> pd.DataFrame:
    _check_columns(votes, "votes", file)
    out = pd.DataFrame({"rcid": _to_int(votes, "rcid", file, required=True)})
    country = votes["country"].astype("category")
    if "" in country.cat.categories:
        country = country.cat.remove_categories([""])
    if country.isna().any():
        raise _row_error(file, _first_bad(country.isna()), "country", "empty country name")
    out["country"] = country
    if "country_code" in votes.columns:
        code = votes["country_code"].astype("category")
        # A CSV written with missing values as "NA" (the tidytuesday copy) cannot tell Namibia's
        # code from a missing one; only Namibia's "NA" is a code.
        wrong_na = (code == "NA").to_numpy() & (out["country"] != "Namibia").to_numpy()
        if wrong_na.any():
            code = code.mask(wrong_na)
        out["country_code"] = code
    vote = votes["vote"].astype("category")
    unexpected = set(vote.cat.categories) - set(VOTE_LEVELS)
    if unexpected or vote.isna().any():
        bad = vote.isna() | vote.isin(sorted(unexpected))
        i = _first_bad(bad)
        raise _row_error(
            file, i, "vote", f"unexpected vote {vote.iloc[i]!r} (allowed: {', '.join(VOTE_LEVELS)})"
        )
    out["vote"] = vote.cat.set_categories(list(VOTE_LEVELS))
    # Files are sorted by (rcid, country): a strictly increasing key proves there are no
    # duplicates without the cost of a hash-based duplicated().
    key = (
        out["rcid"].to_numpy() * (len(out["country"].cat.categories) + 1)
        + out["country"].cat.codes.to_numpy()
    )
    if (
        len(key) > 1
        and not (np.diff(key) > 0).all()
        and (dup := out.duplicated(["rcid", "country"])).any()
    ):
        i = _first_bad(dup)
        raise _row_error(
            file,
            i,
            "country",
            f"second vote row for {out['country'].iloc[i]!r} in rcid {out['rcid'].iloc[i]}",
        )
    return out


def _prepare_roll_calls(roll_calls: pd.DataFrame, file: str) -> pd.DataFrame:
    _check_columns(roll_calls, "roll_calls", file)
    out = roll_calls.copy()
    out["rcid"] = _to_int(roll_calls, "rcid", file, required=True)
    dup = out["rcid"].duplicated()
    if dup.any():
        i = _first_bad(dup)
        raise _row_error(file, i, "rcid", f"duplicate roll call {out['rcid'].iloc[i]}")
    date = pd.to_datetime(roll_calls["date"], format="%Y-%m-%d", errors="coerce")
    if date.isna().any():
        i = _first_bad(date.isna())
        raise _row_error(
            file, i, "date", f"expected a date YYYY-MM-DD, got {roll_calls['date'].iloc[i]!r}"
        )
    out["date"] = date
    out["year"] = date.dt.year.astype("int64")
    for column in _OPTIONAL_INT:
        if column in out.columns:
            out[column] = _to_int(roll_calls, column, file, required=False)
    return out


def _prepare_issues(issues: pd.DataFrame, file: str) -> pd.DataFrame:
    _check_columns(issues, "issues", file)
    out = issues.copy()
    out["rcid"] = _to_int(issues, "rcid", file, required=True)
    short = issues["short_name"].astype("category")
    bad = short.isna() | ~short.isin(list(ISSUES))
    if bad.any():
        i = _first_bad(bad)
        raise _row_error(
            file,
            i,
            "short_name",
            f"unknown issue code {short.iloc[i]!r} (known: {', '.join(ISSUES)})",
        )
    out["short_name"] = short.cat.set_categories(list(ISSUES))
    if "issue" not in out.columns:
        out["issue"] = out["short_name"].map(ISSUES).astype("str")
    return out


def _assemble(
    votes: pd.DataFrame,
    roll_calls: pd.DataFrame,
    issues: pd.DataFrame,
    names: Mapping[str, str],
    source: Path | None,
) -> Votes:
    v = _prepare_votes(votes, names["votes"])
    rc = _prepare_roll_calls(roll_calls, names["roll_calls"])
    iss = _prepare_issues(issues, names["issues"])
    known = pd.Index(rc["rcid"])
    for frame, file in ((v, names["votes"]), (iss, names["issues"])):
        orphan = ~frame["rcid"].isin(known)
        if orphan.any():
            i = _first_bad(orphan)
            raise _row_error(
                file,
                i,
                "rcid",
                f"roll call {frame['rcid'].iloc[i]} is not in {names['roll_calls']}",
            )
    return Votes(votes=v, roll_calls=rc, issues=iss, source=source)


def votes_from_frames(
    votes: pd.DataFrame,
    roll_calls: pd.DataFrame,
    issues: pd.DataFrame | None = None,
) -> Votes:
    """Build a validated :class:`Votes` from in-memory frames (for examples and tests).

    Parameters
    ----------
    votes
        Columns ``rcid``, ``country``, ``vote`` (``country_code`` optional).
    roll_calls
        Columns ``rcid``, ``date`` (``YYYY-MM-DD`` strings or datetimes).
    issues
        Columns ``rcid``, ``short_name``; ``None`` means no issue codes.

    Returns
    -------
    Votes

    Examples
    --------
    >>> import pandas as pd
    >>> v = votes_from_frames(
    ...     pd.DataFrame({"rcid": [1], "country": ["Namibia"], "country_code": ["NA"],
    ...                   "vote": ["yes"]}),
    ...     pd.DataFrame({"rcid": [1], "date": ["1990-12-01"]}),
    ... )
    >>> v.votes["country_code"].tolist(), v.roll_calls["year"].tolist()
    (['NA'], [1990])
    """
    if issues is None:
        issues = pd.DataFrame(
            {"rcid": pd.Series([], dtype="int64"), "short_name": pd.Series([], dtype="str")}
        )
    roll_calls = roll_calls.copy()
    if pd.api.types.is_datetime64_any_dtype(roll_calls["date"]):
        roll_calls["date"] = roll_calls["date"].dt.strftime("%Y-%m-%d")
    names = {
        "votes": "<votes frame>",
        "roll_calls": "<roll_calls frame>",
        "issues": "<issues frame>",
    }
    return _assemble(votes, roll_calls, issues, names, None)


def _read_csv(
    path: Path, dtype: Mapping[str, str], na_values: Mapping[str, list[str]]
) -> pd.DataFrame:
    """Read one CSV; ``keep_default_na=False`` so Namibia's ``"NA"`` code survives."""
    header = pd.read_csv(path, nrows=0).columns
    try:
        return pd.read_csv(
            path,
            dtype={k: t for k, t in dtype.items() if k in header},
            keep_default_na=False,
            na_values={k: v for k, v in na_values.items() if k in header},
        )
    except (ValueError, TypeError):
        # A cell that does not fit its dtype: re-read as text so validation can name it.
        return pd.read_csv(path, dtype="str", keep_default_na=False, na_values=[""])


def load_votes(path: str | os.PathLike[str] | None = None) -> Votes:
    """Read and validate the three UNGA tables.

    Parameters
    ----------
    path
        Folder holding the files. Default: ``$SMALLSTATE_UNVOTES``, else the user cache
        (``platformdirs.user_cache_dir("smallstate") / "unvotes"``, filled by
        :func:`fetch_votes`).

    Returns
    -------
    Votes
        Typed tables: ``rcid`` int64, ``country`` category, ``vote`` category
        (``yes``/``abstain``/``no``), ``date`` datetime, ``year`` int64.

    Raises
    ------
    FileNotFoundError
        When no searched folder holds the files; says where it looked and that
        :func:`fetch_votes` downloads them.
    VotesFileError
        When a file is malformed; the message names the file, the row (header = row 1) and the
        column.

    Examples
    --------
    >>> import tempfile
    >>> try:
    ...     load_votes(tempfile.mkdtemp())
    ... except FileNotFoundError as err:
    ...     print("fetch_votes()" in str(err))
    True
    """
    folder = votes_dir(path)
    files = _file_set(folder)
    assert files is not None  # votes_dir checked it
    missing_text = [""]
    frames = {
        "votes": _read_csv(
            files["votes"],
            {
                "rcid": "int64",
                "country": "category",
                "country_code": "category",
                "vote": "category",
            },
            {
                "rcid": missing_text,
                "country": missing_text,
                "country_code": missing_text,
                "vote": missing_text,
            },
        ),
        "roll_calls": _read_csv(
            files["roll_calls"],
            {"rcid": "int64", "date": "str", "unres": "str", "short": "str", "descr": "str"},
            {
                c: ["", "NA"]
                for c in ("session", "importantvote", "amend", "para", "short", "descr", "unres")
            }
            | {"rcid": missing_text, "date": missing_text},
        ),
        "issues": _read_csv(
            files["issues"],
            {"rcid": "int64", "short_name": "category", "issue": "str"},
            {"rcid": missing_text, "short_name": missing_text, "issue": missing_text},
        ),
    }
    names = {role: str(p) for role, p in files.items()}
    return _assemble(frames["votes"], frames["roll_calls"], frames["issues"], names, folder)
