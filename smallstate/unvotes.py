"""UN General Assembly roll-call votes: loading, downloading and voting agreement.

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

Agreement follows one exact method (the one behind the course's reference table): for a
calendar year *Y* (year of the roll-call **date**, not the session), take the roll calls dated in
*Y* on which **both** countries have a vote row; ``n_both`` is their number, ``n_same`` the number
on which the two votes are identical (abstain-abstain agrees, yes-abstain does not), and
``agreement = n_same / n_both`` rounded to 6 decimals, missing when ``n_both == 0``.

Examples
--------
>>> import pandas as pd
>>> from smallstate.unvotes import votes_from_frames, agreement
>>> votes = votes_from_frames(
...     pd.DataFrame({"rcid": [1, 1, 2, 2, 3],
...                   "country": ["Cambodia", "China", "Cambodia", "China", "China"],
...                   "vote": ["yes", "yes", "abstain", "no", "no"]}),
...     pd.DataFrame({"rcid": [1, 2, 3], "date": ["1995-10-01", "1995-11-02", "1996-12-03"]}),
... )
>>> agreement(votes, "Cambodia", "China")[["year", "n_both", "n_same", "agreement"]]
   year  n_both  n_same  agreement
0  1995       2       1        0.5
1  1996       0       0        NaN
"""

from __future__ import annotations

import difflib
import hashlib
import os
import tempfile
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

__all__ = [
    "FILES",
    "ISSUES",
    "SHA256",
    "TIDYTUESDAY_FILES",
    "TIDYTUESDAY_URL",
    "VOTE_LEVELS",
    "ChecksumError",
    "DownloadError",
    "Votes",
    "VotesFileError",
    "agreement",
    "agreement_all_pairs",
    "fetch_votes",
    "load_votes",
    "pooled",
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

#: Public location of the tidytuesday copy (rfordatascience/tidytuesday, 2021-03-23).
TIDYTUESDAY_URL = (
    "https://raw.githubusercontent.com/rfordatascience/tidytuesday/main/data/2021/2021-03-23/"
)

#: SHA-256 of the packaged gzip CSVs (converted from dgrtwo/unvotes commit 7eb7034, the data of
#: CRAN unvotes 0.3.0). The tidytuesday CSVs are different bytes (other row order, plain text)
#: and have no published checksum: pass ``sha256=`` to :func:`fetch_votes` to pin them.
SHA256: dict[str, str] = {
    "un_votes.csv.gz": "0bd9db6b0dbf62acd9ab5f07297c1b6e7b934ecedb7545599f0a3387ef74f88b",
    "un_roll_calls.csv.gz": "4bdc60644ce208c2c4173198b8447bbda2d1914731439b91f9b7f551c4128a8f",
    "un_roll_call_issues.csv.gz": "563112d5bdb82bc2c78bbbff9e1aa508add0c38e98e79f92ab01b1f11a34827a",
}

_ENV = "SMALLSTATE_UNVOTES"
_COLUMNS: dict[str, tuple[str, ...]] = {
    "votes": ("rcid", "country", "vote"),
    "roll_calls": ("rcid", "date"),
    "issues": ("rcid", "short_name"),
}
_OPTIONAL_INT = ("session", "importantvote", "amend", "para")


class VotesFileError(ValueError):
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


# ---------------------------------------------------------------------------------------------
# Locating, reading and validating
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# Downloading
# ---------------------------------------------------------------------------------------------


class DownloadError(OSError):
    """A vote file could not be downloaded (offline, unreachable server, HTTP error)."""


class ChecksumError(ValueError):
    """A downloaded file does not have the expected SHA-256; nothing was written."""


def _download(url: str, target: Path, expected: str | None, progress: bool, timeout: float) -> str:
    """Stream ``url`` into a temp file beside ``target``, check SHA-256, rename. Return the sum."""
    import urllib.error
    import urllib.request

    from tqdm.auto import tqdm

    digest = hashlib.sha256()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                response = urllib.request.urlopen(url, timeout=timeout)
            except (urllib.error.URLError, OSError) as err:
                reason = getattr(err, "reason", err)
                raise DownloadError(
                    f"could not download {url} ({reason}) (are you offline?) — place the files "
                    f"in {target.parent} or set {_ENV} to a folder that holds them"
                ) from err
            with response:
                length = response.headers.get("Content-Length")
                total = int(length) if length and length.isdigit() else None
                with tqdm(
                    total=total,
                    unit="B",
                    unit_scale=True,
                    desc=target.name,
                    disable=not progress,
                    leave=False,
                ) as bar:
                    while chunk := response.read(1 << 16):
                        out.write(chunk)
                        digest.update(chunk)
                        bar.update(len(chunk))
        actual = digest.hexdigest()
        if expected is not None and actual != expected.lower():
            raise ChecksumError(
                f"{url}: SHA-256 is {actual}, expected {expected}; the file was not saved "
                f"(a changed or corrupted download)"
            )
        os.replace(tmp, target)
        return actual
    finally:
        tmp.unlink(missing_ok=True)


def fetch_votes(
    cache_dir: str | os.PathLike[str] | None = None,
    *,
    base_url: str = TIDYTUESDAY_URL,
    layout: Literal["packaged", "tidytuesday"] | None = None,
    force: bool = False,
    sha256: Mapping[str, str] | None = None,
    progress: bool = True,
    timeout: float = 60.0,
) -> Path:
    """Download the three vote files into the cache and return the folder.

    Parameters
    ----------
    cache_dir
        Target folder. Default: ``platformdirs.user_cache_dir("smallstate") / "unvotes"``.
    base_url
        Where the files are served. Default: the public tidytuesday copy
        (``rfordatascience/tidytuesday``, ``data/2021/2021-03-23/``).
    layout
        ``"tidytuesday"``: plain CSVs ``unvotes.csv``, ``roll_calls.csv``, ``issues.csv``;
        ``"packaged"``: the course's gzip CSVs ``un_votes.csv.gz``, ``un_roll_calls.csv.gz``,
        ``un_roll_call_issues.csv.gz`` (e.g. from a course mirror). Default: ``"tidytuesday"``
        for the default ``base_url``, ``"packaged"`` for any other.
    force
        Download again even when a file is already there.
    sha256
        File name -> expected SHA-256, overriding or extending :data:`SHA256`. The table in
        :data:`SHA256` covers the packaged gzip files only; the tidytuesday CSVs have no
        published sums, so they are checked only when you pass them here (otherwise a warning
        reports the sum of what was downloaded).
    progress
        Show a tqdm progress bar per file.
    timeout
        Seconds before a stalled connection fails.

    Returns
    -------
    pathlib.Path
        The folder, ready for :func:`load_votes`.

    Raises
    ------
    DownloadError
        (an ``OSError``) when a file cannot be fetched, e.g. offline.
    ChecksumError
        (a ``ValueError``) when a file's SHA-256 differs; the file is not kept.

    Notes
    -----
    Each file is written to a temporary file in the target folder and renamed into place only
    after its checksum matched, so an interrupted or corrupted download never leaves a partial
    file under the real name.

    Examples
    --------
    >>> fetch_votes  # doctest: +ELLIPSIS
    <function fetch_votes at ...>
    """
    folder = Path(cache_dir) if cache_dir is not None else _cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if layout is None:
        layout = "tidytuesday" if base_url == TIDYTUESDAY_URL else "packaged"
    if layout not in ("packaged", "tidytuesday"):
        raise ValueError(f"layout must be 'packaged' or 'tidytuesday', got {layout!r}")
    names = FILES if layout == "packaged" else TIDYTUESDAY_FILES
    sums = {**SHA256, **(sha256 or {})}
    base = base_url if base_url.endswith("/") else base_url + "/"
    for name in names.values():
        target = folder / name
        if target.is_file() and not force:
            continue
        expected = sums.get(name)
        actual = _download(base + name, target, expected, progress, timeout)
        if expected is None:
            warnings.warn(
                f"{name}: no published SHA-256 to check against; downloaded file has "
                f"SHA-256 {actual} (pass sha256={{{name!r}: ...}} to pin it)",
                UserWarning,
                stacklevel=2,
            )
    return folder


# ---------------------------------------------------------------------------------------------
# Agreement
# ---------------------------------------------------------------------------------------------


def _check_country(votes: Votes, name: str) -> None:
    categories = votes.votes["country"].cat.categories
    if name not in categories:
        close = difflib.get_close_matches(name, list(categories), n=5, cutoff=0.5)
        lower = [c for c in categories if name.lower() in c.lower() and c not in close]
        hint = ", ".join(repr(c) for c in [*close, *lower][:5]) or "none"
        raise KeyError(f"unknown country {name!r} in the UN votes; closest names: {hint}")


def _selected_roll_calls(
    votes: Votes, issue: str | None, years: tuple[int, int] | None
) -> pd.DataFrame:
    rc = votes.roll_calls[["rcid", "year"]]
    if issue is not None:
        if issue not in ISSUES:
            raise ValueError(
                f"unknown issue code {issue!r}; known: "
                + ", ".join(f"{k} ({v})" for k, v in ISSUES.items())
            )
        keep = votes.issues.loc[votes.issues["short_name"] == issue, "rcid"]
        rc = rc[rc["rcid"].isin(keep)]
    if years is not None:
        first, last = years
        rc = rc[(rc["year"] >= first) & (rc["year"] <= last)]
    return rc.sort_values(["year", "rcid"], kind="stable")


def _vote_matrix(votes: Votes, rcids: np.ndarray, countries: Sequence[str]) -> np.ndarray:
    """(roll call x country) int8 matrix: 0 absent, 1 yes, 2 abstain, 3 no."""
    v = votes.votes
    row = pd.Index(rcids).get_indexer(v["rcid"])
    categories = v["country"].cat.categories
    lookup = np.full(len(categories) + 1, -1, dtype=np.int64)  # last slot: missing code -1
    lookup[categories.get_indexer(pd.Index(list(countries)))] = np.arange(len(countries))
    col = lookup[v["country"].cat.codes.to_numpy()]
    keep = (row >= 0) & (col >= 0)
    matrix = np.zeros((len(rcids), len(countries)), dtype=np.int8)
    matrix[row[keep], col[keep]] = v["vote"].cat.codes.to_numpy()[keep] + 1
    return matrix


def _pair_counts(block: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """n_both and n_same (country x country) for one block of roll calls."""
    # One-hot of the three vote values stacked along the roll-call axis: O.T @ O sums the
    # three per-value co-occurrence matrices; float32 is exact for counts below 2**24.
    onehot = np.concatenate([block == k for k in (1, 2, 3)], axis=0).astype(np.float32)
    present = (block > 0).astype(np.float32)
    n_same = onehot.T @ onehot
    n_both = present.T @ present
    return n_both, n_same


def _all_pairs(
    votes: Votes,
    countries: Sequence[str],
    by: Literal["year"] | None,
    issue: str | None,
    years: tuple[int, int] | None,
) -> pd.DataFrame:
    if by not in ("year", None):
        raise ValueError(f"by must be 'year' or None, got {by!r}")
    countries = list(dict.fromkeys(countries))
    for name in countries:
        _check_country(votes, name)
    rc = _selected_roll_calls(votes, issue, years)
    matrix = _vote_matrix(votes, rc["rcid"].to_numpy(), countries)
    rc_years = rc["year"].to_numpy()
    if by == "year":
        labels, starts = np.unique(rc_years, return_index=True)
        bounds = [*starts.tolist(), len(rc_years)]
    else:
        labels, bounds = np.array([0]), [0, len(rc_years)]
    n = len(countries)
    both = np.empty((len(labels), n, n), dtype=np.int64)
    same = np.empty((len(labels), n, n), dtype=np.int64)
    for k in range(len(labels)):  # one block per year, never per roll call
        b, s = _pair_counts(matrix[bounds[k] : bounds[k + 1]])
        both[k], same[k] = b, s
    n_rc = np.diff(np.asarray(bounds))
    i, j = np.nonzero(~np.eye(n, dtype=bool))  # every ordered pair, no self pairs
    per_block = len(i)
    diag = both[:, np.arange(n), np.arange(n)]
    n_both = np.take(both.reshape(len(labels), -1), i * n + j, axis=1).reshape(-1)
    n_same = np.take(same.reshape(len(labels), -1), i * n + j, axis=1).reshape(-1)
    share = np.full(len(n_both), np.nan)
    np.divide(n_same, n_both, out=share, where=n_both > 0)
    share = np.round(share, 6, out=share)
    names = pd.Index(countries, dtype="str")
    out = pd.DataFrame(
        {
            "year": np.repeat(labels.astype("int64"), per_block),
            "country": pd.Categorical.from_codes(
                np.tile(i, len(labels)), categories=names, validate=False
            ),
            "partner": pd.Categorical.from_codes(
                np.tile(j, len(labels)), categories=names, validate=False
            ),
            "n_rollcalls_year": np.repeat(n_rc.astype("int64"), per_block),
            "n_country_voted": np.take(diag, i, axis=1).reshape(-1),
            "n_partner_voted": np.take(diag, j, axis=1).reshape(-1),
            "n_both": n_both,
            "n_same": n_same,
            "agreement": share,
        },
        copy=False,
    )
    if by is None:
        out = out.drop(columns="year").rename(columns={"n_rollcalls_year": "n_rollcalls"})
    return out


def agreement_all_pairs(
    votes: Votes,
    countries: Iterable[str] | None = None,
    by: Literal["year"] | None = "year",
    issue: str | None = None,
    *,
    years: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """Voting agreement of every ordered pair of countries, per year or pooled (vectorized).

    The votes are pivoted once into a (roll call x country) int8 matrix (0 absent, 1 yes,
    2 abstain, 3 no); for each year block, ``n_both = P.T @ P`` (P = present) and
    ``n_same = sum_k (V == k).T @ (V == k)``. No Python loop runs over roll calls.

    Parameters
    ----------
    votes
        From :func:`load_votes` or :func:`votes_from_frames`.
    countries
        Names as in the data (``"Cambodia"``, ``"United States"``). Default: all countries.
    by
        ``"year"`` (calendar year of the roll-call date) or ``None`` to pool all selected years.
    issue
        Keep only roll calls with this issue code (``"hr"``, ``"me"``, ...).
    years
        Inclusive (first, last) calendar years to keep, e.g. ``(1990, 2019)``.

    Returns
    -------
    pandas.DataFrame
        ``year`` (absent when ``by=None``), ``country``, ``partner`` (categoricals whose
        categories are ``countries`` in the order given), ``n_rollcalls_year`` (or
        ``n_rollcalls``), ``n_country_voted``, ``n_partner_voted``, ``n_both``, ``n_same``,
        ``agreement`` (NaN when ``n_both == 0``). Every ordered pair (both directions, no self
        pairs) appears for every year that has a selected roll call.

    Examples
    --------
    >>> import pandas as pd
    >>> v = votes_from_frames(
    ...     pd.DataFrame({"rcid": [1, 1, 1, 2, 2], "vote": ["yes", "yes", "no", "no", "no"],
    ...                   "country": ["Cambodia", "China", "Japan", "China", "Japan"]}),
    ...     pd.DataFrame({"rcid": [1, 2], "date": ["2000-01-01", "2000-06-01"]}),
    ... )
    >>> t = agreement_all_pairs(v)
    >>> t[t.country == "China"][["partner", "n_both", "n_same", "agreement"]]
        partner  n_both  n_same  agreement
    2  Cambodia       1       1        1.0
    3     Japan       2       1        0.5
    """
    names = votes.countries if countries is None else list(countries)
    return _all_pairs(votes, names, by, issue, years)


def agreement(
    votes: Votes,
    a: str,
    b: str,
    by: Literal["year"] | None = "year",
    issue: str | None = None,
    *,
    years: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """Voting agreement of country ``a`` with country ``b``, per calendar year or pooled.

    Parameters
    ----------
    votes
        From :func:`load_votes` or :func:`votes_from_frames`.
    a, b
        Country names as in the data, e.g. ``"Cambodia"``, ``"United States"``.
    by
        ``"year"`` or ``None`` (pool all selected roll calls into one row).
    issue
        Keep only roll calls with this issue code, e.g. ``"hr"`` (human rights).
    years
        Inclusive (first, last) calendar years, e.g. ``(1990, 2019)``.

    Returns
    -------
    pandas.DataFrame
        ``year`` (absent when ``by=None``), ``n_rollcalls_year`` (``n_rollcalls``), ``n_a_voted``,
        ``n_b_voted``, ``n_both``, ``n_same``, ``agreement`` = ``n_same / n_both`` rounded to 6
        decimals, NaN when ``n_both == 0``.

    Raises
    ------
    KeyError
        For a name not in the data, with the closest names.

    Examples
    --------
    >>> import pandas as pd
    >>> v = votes_from_frames(
    ...     pd.DataFrame({"rcid": [1, 1, 2, 2, 3, 3],
    ...                   "country": ["Laos", "China"] * 3,
    ...                   "vote": ["yes", "yes", "abstain", "abstain", "no", "yes"]}),
    ...     pd.DataFrame({"rcid": [1, 2, 3], "date": ["2001-03-01", "2001-09-01", "2002-01-01"]}),
    ...     pd.DataFrame({"rcid": [3], "short_name": ["hr"]}),
    ... )
    >>> agreement(v, "Laos", "China", by=None)[["n_both", "n_same", "agreement"]]
       n_both  n_same  agreement
    0       3       2   0.666667
    >>> agreement(v, "Laos", "China", issue="hr")[["year", "n_both", "agreement"]]
       year  n_both  agreement
    0  2002       1        0.0
    >>> agreement(v, "Lao", "China")
    Traceback (most recent call last):
    ...
    KeyError: "unknown country 'Lao' in the UN votes; closest names: 'Laos'"
    """
    _check_country(votes, a)
    _check_country(votes, b)
    if a == b:
        raise ValueError(f"a and b are the same country ({a!r})")
    table = _all_pairs(votes, [a, b], by, issue, years)
    table = table[table["country"] == a].drop(columns=["country", "partner"])
    table = table.rename(columns={"n_country_voted": "n_a_voted", "n_partner_voted": "n_b_voted"})
    return table.reset_index(drop=True)


def pooled(
    votes: Votes,
    countries: Iterable[str],
    partners: Iterable[str],
    *,
    years: tuple[int, int] | None = (1990, 2019),
    issue: str | None = None,
) -> pd.DataFrame:
    """Pooled agreement (sum of ``n_same`` / sum of ``n_both``) of countries with partners.

    Parameters
    ----------
    votes
        From :func:`load_votes` or :func:`votes_from_frames`.
    countries, partners
        Names as in the data; self pairs are skipped.
    years
        Inclusive calendar years to pool; default 1990-2019 (2020 has a single roll call).
    issue
        Optional issue code filter.

    Returns
    -------
    pandas.DataFrame
        ``country``, ``partner``, ``n_rollcalls``, ``n_country_voted``, ``n_partner_voted``,
        ``n_both``, ``n_same``, ``agreement``, in the order given.

    Examples
    --------
    >>> import pandas as pd
    >>> v = votes_from_frames(
    ...     pd.DataFrame({"rcid": [1, 1, 2, 2], "country": ["Laos", "China"] * 2,
    ...                   "vote": ["yes", "yes", "no", "yes"]}),
    ...     pd.DataFrame({"rcid": [1, 2], "date": ["1990-03-01", "2019-09-01"]}),
    ... )
    >>> pooled(v, ["Laos"], ["China"])[["country", "partner", "n_both", "agreement"]]
      country partner  n_both  agreement
    0    Laos   China       2        0.5
    """
    countries, partners = list(countries), list(partners)
    table = _all_pairs(votes, [*countries, *partners], None, issue, years)
    wanted = pd.MultiIndex.from_tuples(
        [(c, p) for c in countries for p in partners if c != p], names=["country", "partner"]
    )
    table = table.set_index(["country", "partner"]).loc[wanted].reset_index()
    return table
