"""The course's curated tables, typed from ``datasets/datapackage.json``.

Every CSV in ``datasets/`` is described by one Frictionless Data Package
(``datapackage.json``): its fields, their types, their constraints and a description of each.
This module reads that JSON directly (frictionless itself is only used by the tests), loads a
table with pandas, checks it lightly against the schema (header, required fields, types, enums,
patterns, ranges, primary key) and returns it typed:

========================  ===============================================
schema                    pandas dtype
========================  ===============================================
string with ``enum``      ``category`` (categories in the schema's order)
string                    ``string``
integer, year             ``Int64`` (nullable)
number                    ``float64``
boolean                   ``boolean`` (nullable)
date                      ``datetime64``
========================  ===============================================

A malformed file raises :class:`DatasetError` naming the file, the row (1-based as in the CSV,
the header being row 1) and the field. Loaded tables are cached; every call returns a copy.

Examples
--------
>>> from smallstate.data import list_datasets, load, describe
>>> "figures" in list_datasets()
True
>>> figures = load("figures")
>>> str(figures["value"].dtype)
'float64'
>>> describe("figures").columns.tolist()
['field', 'type', 'description', 'constraints']
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smallstate._paths import datasets_dir

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = [
    "PACKAGE_FILE",
    "DatasetError",
    "citation",
    "describe",
    "list_datasets",
    "load",
    "package",
    "resource",
]

#: Name of the data package descriptor inside the datasets folder.
PACKAGE_FILE = "datapackage.json"


#: How many problems one :class:`DatasetError` message lists before "and N more".
_MAX_PROBLEMS = 8


_TRUE = ("true", "True", "TRUE", "1")


_FALSE = ("false", "False", "FALSE", "0")


class DatasetError(ValueError):
    """A curated table does not match its schema; the message names file, row and field."""


def _folder(directory: str | Path | None) -> Path:
    return Path(directory) if directory is not None else datasets_dir()


@lru_cache(maxsize=16)
def _read_package(path: str, mtime_ns: int) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        try:
            descriptor: dict[str, Any] = json.load(handle)
        except json.JSONDecodeError as exc:
            raise DatasetError(
                f"{path}, line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"
            ) from exc
    if not isinstance(descriptor.get("resources"), list):
        raise DatasetError(f"{path}: the data package has no 'resources' list")
    return descriptor


def package(directory: str | Path | None = None) -> dict[str, Any]:
    """Return the data package descriptor (the parsed ``datapackage.json``).

    Parameters
    ----------
    directory : str or pathlib.Path, optional
        A datasets folder; by default the course's own (:func:`smallstate._paths.datasets_dir`).

    Returns
    -------
    dict
        The descriptor. It is shared and cached: do not modify it.

    Examples
    --------
    >>> from smallstate.data import package
    >>> package()["name"]
    'smallstate-datasets'
    """
    path = _folder(directory) / PACKAGE_FILE
    if not path.is_file():
        raise FileNotFoundError(f"smallstate: data package {path} not found")
    return _read_package(str(path), path.stat().st_mtime_ns)


def list_datasets(directory: str | Path | None = None) -> list[str]:
    """Return the names of the tables in the data package, sorted.

    Examples
    --------
    >>> from smallstate.data import list_datasets
    >>> {"bibliography", "figures", "projects"} <= set(list_datasets())
    True
    """
    return sorted(str(r["name"]) for r in package(directory)["resources"])


def resource(name: str, directory: str | Path | None = None) -> dict[str, Any]:
    """Return the descriptor of one table, failing with the closest names if it is unknown.

    Raises
    ------
    KeyError
        If ``name`` is not a resource of the package; the message suggests close names.

    Examples
    --------
    >>> from smallstate.data import resource
    >>> resource("figures")["path"]
    'figures.csv'
    >>> resource("figure")
    Traceback (most recent call last):
    ...
    KeyError: "unknown dataset 'figure'; did you mean: figures? ..."
    """
    resources = {str(r["name"]): r for r in package(directory)["resources"]}
    if name in resources:
        return resources[name]
    close = difflib.get_close_matches(name, list(resources), n=3, cutoff=0.5)
    hint = f"did you mean: {', '.join(close)}? " if close else ""
    raise KeyError(f"unknown dataset {name!r}; {hint}known: {', '.join(sorted(resources))}")


def _constraint_text(field: dict[str, Any]) -> str:
    parts: list[str] = []
    for key, value in field.get("constraints", {}).items():
        if key == "required" and value:
            parts.append("required")
        elif key == "unique" and value:
            parts.append("unique")
        elif key == "enum":
            parts.append("one of: " + ", ".join(str(v) for v in value))
        else:
            parts.append(f"{key}: {value}")
    return "; ".join(parts)


def describe(name: str, directory: str | Path | None = None) -> pd.DataFrame:
    """Return the codebook of one table: one row per field.

    Returns
    -------
    pandas.DataFrame
        Columns ``field``, ``type``, ``description``, ``constraints`` (plain text, e.g.
        ``"required; one of: yes, no"``).

    Examples
    --------
    >>> from smallstate.data import describe
    >>> codebook = describe("figures")
    >>> codebook.set_index("field").loc["ambiguous", "constraints"]
    'required; one of: yes, no'
    """
    import pandas as pd

    fields = resource(name, directory)["schema"]["fields"]
    return pd.DataFrame(
        {
            "field": [f["name"] for f in fields],
            "type": [f.get("type", "string") for f in fields],
            "description": [f.get("description", "") for f in fields],
            "constraints": [_constraint_text(f) for f in fields],
        }
    ).astype("string")


def citation(name: str, directory: str | Path | None = None) -> str:
    """Return how to cite one table: its title, the package, its licence and its sources.

    Examples
    --------
    >>> from smallstate.data import citation
    >>> "CC-BY-4.0" in citation("figures")
    True
    """
    res = resource(name, directory)
    pkg = package(directory)
    licences = ", ".join(
        str(lic.get("name")) for lic in res.get("licenses", pkg.get("licenses", []))
    )
    sources = "; ".join(str(s.get("title")) for s in res.get("sources", []))
    text = f"{res.get('title', name)}. In: {pkg.get('title')} (version {pkg.get('version')})."
    if licences:
        text += f" Licence: {licences}."
    if sources:
        text += f" Sources: {sources}."
    return text


def _problem_rows(mask: pd.Series) -> list[int]:
    """1-based CSV rows (header = row 1) where ``mask`` is true."""
    return [int(i) + 2 for i in mask[mask].index]


def _typed_column(
    raw: pd.Series,
    field: dict[str, Any],
    missing: pd.Series,
    problems: list[tuple[int, str, str]],
) -> pd.Series:
    """Convert one column of raw strings to the schema type, recording bad cells."""
    import pandas as pd

    name = str(field["name"])
    kind = field.get("type", "string")
    constraints: dict[str, Any] = field.get("constraints", {})
    present = raw.where(~missing)

    def record(mask: pd.Series, why: str) -> None:
        for row in _problem_rows(mask & ~missing):
            problems.append((row, name, f"{raw.loc[row - 2]!r} {why}"))

    if kind in ("integer", "year"):
        number = pd.to_numeric(present, errors="coerce")
        whole = number.notna() & (number % 1 == 0)
        if kind == "year":
            whole &= raw.str.fullmatch(r"-?\d{4}")
        record(~whole, f"is not {'a year' if kind == 'year' else 'an integer'}")
        typed: pd.Series = number.where(whole).astype("Int64")
    elif kind == "number":
        typed = pd.to_numeric(present, errors="coerce").astype("float64")
        record(typed.isna(), "is not a number")
    elif kind == "boolean":
        trues = field.get("trueValues", list(_TRUE))
        falses = field.get("falseValues", list(_FALSE))
        typed = pd.Series(pd.NA, index=raw.index, dtype="boolean")
        typed[raw.isin(trues)] = True
        typed[raw.isin(falses)] = False
        record(typed.isna(), f"is not a boolean ({'/'.join(trues)} or {'/'.join(falses)})")
    elif kind == "date":
        typed = pd.to_datetime(present, format="%Y-%m-%d", errors="coerce")
        record(typed.isna(), "is not a date (YYYY-MM-DD)")
    else:
        typed = present.astype("string")

    if "pattern" in constraints:
        ok = raw.str.fullmatch(str(constraints["pattern"]))
        record(~ok, f"does not match the pattern {constraints['pattern']!r}")
    if "enum" in constraints:
        allowed = [str(v) for v in constraints["enum"]]
        record(~raw.isin(allowed), f"is not one of: {', '.join(allowed)}")
        if kind == "string":
            typed = pd.Series(
                pd.Categorical(present.where(raw.isin(allowed)), categories=allowed),
                index=raw.index,
                name=name,
            )
    for bound, op in (("minimum", "lt"), ("maximum", "gt")):
        if bound in constraints and kind in ("integer", "number", "year"):
            limit = constraints[bound]
            outside = getattr(typed, op)(limit).fillna(False).astype(bool)
            record(
                outside, f"is {'below the minimum' if op == 'lt' else 'above the maximum'} {limit}"
            )
    if "minLength" in constraints:
        short = raw.str.len() < int(constraints["minLength"])
        record(short, f"is shorter than {constraints['minLength']} characters")
    return typed


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime_ns: int, schema_json: str) -> pd.DataFrame:
    import pandas as pd

    schema: dict[str, Any] = json.loads(schema_json)
    fields: list[dict[str, Any]] = schema["fields"]
    names = [str(f["name"]) for f in fields]
    label = Path(path).name
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DatasetError(f"{label}: cannot be read as UTF-8 CSV ({exc})") from exc

    header = [str(c) for c in raw.columns]
    if header != names:
        for position, (found, expected) in enumerate(zip(header, names, strict=False), start=1):
            if found != expected:
                raise DatasetError(
                    f"{label}, row 1 (header), field {expected!r}: column {position} is "
                    f"{found!r}, the schema expects {expected!r}"
                )
        missing_names = names[len(header) :]
        extra = header[len(names) :]
        raise DatasetError(
            f"{label}, row 1 (header): "
            + (f"missing field(s) {missing_names}" if missing_names else f"extra column(s) {extra}")
        )

    missing_values = [str(v) for v in schema.get("missingValues", [""])]
    problems: list[tuple[int, str, str]] = []
    columns: dict[str, pd.Series] = {}
    for field in fields:
        name = str(field["name"])
        column = raw[name].astype(str)
        missing = column.isin(missing_values)
        if field.get("constraints", {}).get("required"):
            for row in _problem_rows(missing):
                problems.append((row, name, "is empty but the field is required"))
        columns[name] = _typed_column(column, field, missing, problems)
        if field.get("constraints", {}).get("unique"):
            dup = column.duplicated(keep="first") & ~missing
            for row in _problem_rows(dup):
                problems.append((row, name, f"{column.loc[row - 2]!r} is not unique"))

    key = schema.get("primaryKey")
    if key:
        key_fields = [key] if isinstance(key, str) else list(key)
        dup = raw.duplicated(subset=key_fields, keep="first")
        for row in _problem_rows(dup):
            problems.append((row, ",".join(key_fields), "repeats the primary key"))

    if problems:
        problems.sort()
        lines = [f"{label}, row {row}, field {name!r}: {why}" for row, name, why in problems]
        more = len(lines) - _MAX_PROBLEMS
        message = "; ".join(lines[:_MAX_PROBLEMS]) + (f"; and {more} more" if more > 0 else "")
        raise DatasetError(message)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(raw)))


def load(name: str, directory: str | Path | None = None) -> pd.DataFrame:
    """Load one curated table, checked against and typed from its schema.

    Parameters
    ----------
    name : str
        A resource name from :func:`list_datasets` (e.g. ``"figures"``).
    directory : str or pathlib.Path, optional
        A datasets folder; by default the course's own.

    Returns
    -------
    pandas.DataFrame
        A fresh copy (the parsed table is cached).

    Raises
    ------
    KeyError
        For an unknown name (the message suggests close names).
    DatasetError
        If the CSV does not match its schema; the message names file, row and field.

    Examples
    --------
    >>> from smallstate.data import load
    >>> projects = load("projects")
    >>> str(projects["funder"].dtype), str(projects["start_year"].dtype)
    ('category', 'Int64')
    """
    res = resource(name, directory)
    path = _folder(directory) / str(res["path"])
    if not path.is_file():
        raise FileNotFoundError(f"smallstate: dataset file {path} (resource {name!r}) not found")
    schema_json = json.dumps(res["schema"], sort_keys=True)
    return _load_cached(str(path), path.stat().st_mtime_ns, schema_json).copy()
