"""The course's curated tables, typed from ``datasets/datapackage.json``.

Every CSV in ``datasets/`` is described by one Frictionless Data Package
(``datapackage.json``): its fields, their types, their constraints and a description of each.
Two jobs, two functions:

* :func:`check` validates the package, or one table, with frictionless (header, required
  fields, types, enums, patterns, ranges, unique and primary keys, foreign keys) and raises
  :class:`DatasetError` listing every problem frictionless found;
* :func:`load` reads one table with pandas and casts each column to the type its schema gives
  (it checks no constraints; that is :func:`check`'s job):

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

A cell that cannot be cast (``"ten"`` in a number field, a value outside a string field's
``enum``) is never turned into a missing value: :func:`load` raises :class:`DatasetError`
naming the file, the row (1-based as in the CSV, the header being row 1) and the field.
Only the schema's missing values (by default the empty string) are missing. Loaded tables are
cached; every call returns a copy.

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

import csv
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smallstate._paths import datasets_dir
from smallstate.errors import InputError, unknown

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = [
    "PACKAGE_FILE",
    "DatasetError",
    "check",
    "citation",
    "describe",
    "list_datasets",
    "load",
    "package",
    "resource",
]

#: Name of the data package descriptor inside the datasets folder.
PACKAGE_FILE = "datapackage.json"


_TRUE = ("true", "True", "TRUE", "1")


_FALSE = ("false", "False", "FALSE", "0")


class DatasetError(InputError):
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
    smallstate.errors.UnknownNameError
        If ``name`` is not a resource of the package; the message suggests close names.

    Examples
    --------
    >>> from smallstate.data import resource
    >>> resource("figures")["path"]
    'figures.csv'
    >>> resource("figure")
    Traceback (most recent call last):
    ...
    smallstate.errors.UnknownNameError: unknown dataset 'figure'; did you mean 'figures'?
    """
    resources = {str(r["name"]): r for r in package(directory)["resources"]}
    if name in resources:
        return resources[name]
    raise unknown("dataset", name, sorted(resources))


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


def _where(file: str, row: int | None, field: str | None) -> str:
    """``file, row N, field 'x'`` (row 1 is the header); parts that are unknown are left out."""
    text = file
    if row is not None:
        text += f", row {row}" + (" (header)" if row == 1 else "")
    if field:
        text += f", field {field!r}"
    return text


def _problem(error: Any, file: str, key: list[str]) -> str:
    """One line for a frictionless error: where (file, row, field), the cell, what is wrong."""
    row = getattr(error, "row_number", None)
    if row is None and getattr(error, "row_numbers", None):  # header (label) errors
        row = int(error.row_numbers[0])
    field = getattr(error, "field_name", None) or getattr(error, "label", None)
    if not field and getattr(error, "field_names", None):  # foreign key
        field = ",".join(error.field_names)
    if not field and error.type == "primary-key":
        field = ",".join(key)
    value = getattr(error, "cell", getattr(error, "label", None))
    detail = error.note or error.title
    what = f"{value!r}: {detail}" if value is not None else detail
    return f"{_where(file, row, field)}: {what} [{error.type}]"


def check(name: str | None = None, directory: str | Path | None = None) -> None:
    """Validate the data package, or one table of it, with frictionless.

    Parameters
    ----------
    name : str, optional
        A resource name from :func:`list_datasets`; by default every table (and the foreign
        keys between them) is checked.
    directory : str or pathlib.Path, optional
        A datasets folder; by default the course's own.

    Raises
    ------
    KeyError
        For an unknown name (the message suggests close names).
    DatasetError
        Listing every problem frictionless reports, one per line, each with the file, the row
        (the header is row 1), the field, the cell and the rule it breaks, e.g.
        ``figures.csv, row 7, field 'value': 'ten': type is "number/default" [type-error]``.

    Examples
    --------
    >>> from smallstate.data import check
    >>> check("figures")
    >>> check()
    """
    import frictionless

    path = _folder(directory) / PACKAGE_FILE
    pkg = package(directory)  # a missing or unreadable descriptor fails here, clearly
    if name is not None:
        resource(name, directory)
    report = frictionless.validate(str(path), resource_name=name)
    if report.valid:
        return
    files = {str(r["name"]): str(r.get("path", r["name"])) for r in pkg["resources"]}
    keys = {str(r["name"]): r.get("schema", {}).get("primaryKey") or [] for r in pkg["resources"]}
    lines = [_problem(error, PACKAGE_FILE, []) for error in report.errors]
    for task in report.tasks:
        file = files.get(str(task.name), Path(str(task.place)).name)
        key = keys.get(str(task.name), [])
        key = [key] if isinstance(key, str) else list(key)
        lines += [_problem(error, file, key) for error in task.errors]
    count = f"{len(lines)} problem{'s' if len(lines) != 1 else ''}"
    raise DatasetError(f"{path}: {count} found by frictionless:\n" + "\n".join(lines))


#: What a cell of each schema type must look like to be cast (by :func:`_cast`).
_MUST_BE = {
    "integer": "an integer",
    "year": "a year (YYYY)",
    "number": "a number",
    "date": "a date (YYYY-MM-DD)",
}


def _cast(
    raw: pd.Series, field: dict[str, Any], missing: pd.Series
) -> tuple[pd.Series, pd.Series, str]:
    """Cast one column of raw strings to its schema type.

    Returns the typed column, the mask of non-missing cells that could not be cast, and what
    such a cell should have been.
    """
    import pandas as pd

    kind = field.get("type", "string")
    present = raw.where(~missing)
    enum = field.get("constraints", {}).get("enum")
    if kind in ("integer", "year"):
        digits = raw.str.fullmatch(r"[+-]?\d+" if kind == "integer" else r"-?\d{4}")
        typed: pd.Series = pd.to_numeric(present.where(digits)).astype("Int64")
        return typed, ~digits & ~missing, _MUST_BE[kind]
    if kind == "number":
        typed = pd.to_numeric(present, errors="coerce").astype("float64")
        return typed, typed.isna() & ~missing, _MUST_BE[kind]
    if kind == "date":
        typed = pd.to_datetime(present, format="%Y-%m-%d", errors="coerce")
        return typed, typed.isna() & ~missing, _MUST_BE[kind]
    if kind == "boolean":
        trues = [str(v) for v in field.get("trueValues", _TRUE)]
        falses = [str(v) for v in field.get("falseValues", _FALSE)]
        typed = pd.Series(pd.NA, index=raw.index, dtype="boolean")
        typed[raw.isin(trues)] = True
        typed[raw.isin(falses)] = False
        return typed, typed.isna() & ~missing, f"a boolean ({'/'.join(trues + falses)})"
    if enum is not None:
        allowed = [str(v) for v in enum]
        known = raw.isin(allowed)
        categories = pd.Categorical(present.where(known), categories=allowed)
        typed = pd.Series(categories, index=raw.index, name=raw.name)
        return typed, ~known & ~missing, f"one of: {', '.join(allowed)}"
    return present.astype("string"), pd.Series(False, index=raw.index), ""


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime_ns: int, schema_json: str) -> pd.DataFrame:
    import pandas as pd

    schema: dict[str, Any] = json.loads(schema_json)
    fields: list[dict[str, Any]] = schema["fields"]
    names = [str(f["name"]) for f in fields]
    label = Path(path).name
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            rows = list(reader)
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{label}: not UTF-8 text ({exc})") from exc
    except csv.Error as exc:
        raise DatasetError(f"{label}, line {reader.line_num}: not valid CSV ({exc})") from exc
    if not rows:
        raise DatasetError(f"{_where(label, 1, None)}: the file is empty")
    header, data = rows[0], rows[1:]
    if header != names:
        for position, (found, expected) in enumerate(zip(header, names, strict=False), start=1):
            if found != expected:
                raise DatasetError(
                    f"{_where(label, 1, expected)}: column {position} is "
                    f"{found!r}, the schema expects {expected!r}"
                )
        missing_names = names[len(header) :]
        extra = header[len(names) :]
        raise DatasetError(
            f"{_where(label, 1, None)}: "
            + (f"missing field(s) {missing_names}" if missing_names else f"extra column(s) {extra}")
        )

    # a row with more or fewer cells than the header, or a blank line: nothing is padded or cut
    width = [len(row) for row in data]
    uneven = [(number, n) for number, n in enumerate(width, start=2) if n != len(names)]
    if uneven:
        raise DatasetError(
            "\n".join(
                f"{_where(label, number, None)}: "
                + (f"{n} cells, the header has {len(names)}" if n else "a blank row")
                for number, n in uneven
            )
        )
    raw = pd.DataFrame(data, columns=names, dtype=str)
    problems: list[tuple[int, int, str]] = []
    missing_values = [str(v) for v in schema.get("missingValues", [""])]
    columns: dict[str, pd.Series] = {}
    for number, field in enumerate(fields):
        name = names[number]
        column = raw[name]
        typed, failed, must_be = _cast(column, field, column.isin(missing_values))
        for row in failed[failed].index:
            problems.append((int(row) + 2, number, f"{column[row]!r} is not {must_be}"))
        columns[name] = typed
    if problems:
        problems.sort()
        lines = [f"{_where(label, row, names[col])}: {why}" for row, col, why in problems]
        raise DatasetError("\n".join(lines))
    return pd.DataFrame(columns, index=pd.RangeIndex(len(raw)))


def load(name: str, directory: str | Path | None = None) -> pd.DataFrame:
    """Load one curated table, its columns cast to the types of its schema.

    Only types are checked here (a cell that cannot be cast is an error); the constraints
    (required, enum of non-strings, pattern, range, keys) are :func:`check`'s job.

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
    smallstate.errors.UnknownNameError
        For an unknown name (the message suggests close names).
    DatasetError
        If the header differs from the schema or a cell cannot be cast to its field's type;
        the message names the file, the row and the field of every such cell.

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
