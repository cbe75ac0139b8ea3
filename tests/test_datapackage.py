"""The data package: validated by frictionless as a whole, and every row sourced and located."""

from __future__ import annotations

import csv
import importlib.util
import json
import shutil
from pathlib import Path

import frictionless
import pytest

from smallstate.concepts import sources

DATASETS = Path(__file__).resolve().parents[1] / "datasets"
PACKAGE = DATASETS / "datapackage.json"


def _descriptor() -> dict:
    return json.loads(PACKAGE.read_text(encoding="utf-8"))


def _resources() -> list[dict]:
    return _descriptor()["resources"]


def _rows(resource: dict, folder: Path = DATASETS) -> list[dict[str, str]]:
    with open(folder / resource["path"], encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _bib_keys() -> set[str]:
    with open(DATASETS / "bibliography.csv", encoding="utf-8", newline="") as handle:
        return {row["key"] for row in csv.DictReader(handle)}


def _error_summary(report) -> list[str]:
    lines = [f"{e.type}: {e.message}" for e in report.errors]
    for task in report.tasks:
        lines += [f"{task.name}: {e.type}: {e.message}" for e in task.errors]
    return lines


def test_package_is_valid_according_to_frictionless() -> None:
    report = frictionless.validate(str(PACKAGE))
    assert report.valid, "\n".join(_error_summary(report)[:30])


def test_every_csv_in_datasets_is_a_resource() -> None:
    described = {r["path"] for r in _resources()}
    on_disk = {p.name for p in DATASETS.glob("*.csv")}
    assert on_disk <= described, f"CSV files without a resource: {sorted(on_disk - described)}"


@pytest.mark.parametrize("resource", _resources(), ids=lambda r: r["name"])
def test_resource_metadata_and_field_descriptions(resource: dict) -> None:
    for key in ("name", "path", "title", "description", "licenses", "sources", "schema"):
        assert resource.get(key), f"resource {resource.get('name')!r} lacks {key!r}"
    for field in resource["schema"]["fields"]:
        assert field.get("description", "").strip(), (
            f"{resource['path']}: field {field['name']!r} has no description"
        )
    assert resource["schema"].get("primaryKey"), f"{resource['path']}: no primary key"


@pytest.mark.parametrize("resource", _resources(), ids=lambda r: r["name"])
def test_header_matches_schema(resource: dict) -> None:
    with open(DATASETS / resource["path"], encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [f["name"] for f in resource["schema"]["fields"]], resource["path"]


@pytest.mark.parametrize("resource", _resources(), ids=lambda r: r["name"])
def test_every_source_resolves_and_every_locator_is_filled(resource: dict) -> None:
    names = {f["name"] for f in resource["schema"]["fields"]}
    keys = _bib_keys()
    source_columns = [n for n in ("source", "launch_source", "sources") if n in names]
    for number, row in enumerate(_rows(resource), start=2):
        for column in source_columns:
            value = row[column].strip()
            if column == "sources":  # concepts.csv: "key:locator; key:locator"
                cited = [part.split(":", 1)[0].strip() for part in value.split(";") if part.strip()]
                assert all(":" in part for part in value.split(";") if part.strip()), (
                    f"{resource['path']}, row {number}, field 'sources': each item needs key:locator"
                )
            else:
                cited = [value]
            for key in cited:
                if column == "launch_source" and not key:
                    continue
                assert key in keys, (
                    f"{resource['path']}, row {number}, field {column!r}: unknown key {key!r}"
                )
        if "locator" in names:
            assert row["locator"].strip(), (
                f"{resource['path']}, row {number}, field 'locator' is empty"
            )
        if "launch_source" in names and row["launch_source"].strip():
            assert row["launch_locator"].strip(), (
                f"{resource['path']}, row {number}: launch_locator empty"
            )


def test_bibliography_keys_match_the_sources_module() -> None:
    assert _bib_keys() == set(sources.keys())


def test_bibliography_csv_is_in_sync_with_references_bib() -> None:
    script = DATASETS / "build" / "build_bibliography_csv.py"
    spec = importlib.util.spec_from_file_location("build_bibliography_csv", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.render(DATASETS / "references.bib")
    assert (DATASETS / "bibliography.csv").read_text(encoding="utf-8") == expected, (
        "datasets/bibliography.csv is stale: run datasets/build/build_bibliography_csv.py"
    )


def _broken_copy(tmp_path: Path, resource_name: str, data_row: int, field: str, value: str) -> Path:
    """Copy the datasets folder and put ``value`` in one cell (``data_row`` 1-based)."""
    folder = tmp_path / "datasets"
    shutil.copytree(DATASETS, folder, ignore=shutil.ignore_patterns("build", "__pycache__"))
    resource = next(r for r in _resources() if r["name"] == resource_name)
    path = folder / resource["path"]
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index(field)
    rows[data_row][column] = value
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return folder


@pytest.mark.parametrize(
    ("resource_name", "field", "value", "error_type"),
    [
        ("figures", "qualifier", "roughly", "constraint-error"),
        ("figures", "value", "three", "type-error"),
        ("figures", "source", "nosuchkey2099", "foreign-key"),
        ("projects", "funder", "", "constraint-error"),
    ],
)
def test_broken_copy_is_reported_with_file_row_and_field(
    tmp_path: Path, resource_name: str, field: str, value: str, error_type: str
) -> None:
    folder = _broken_copy(tmp_path, resource_name, 3, field, value)
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert not report.valid
    errors = [e for task in report.tasks for e in task.errors]
    bad = [e for e in errors if getattr(e, "row_number", None) == 4]
    assert bad, _error_summary(report)
    error = bad[0]
    assert error.type == error_type
    task = next(t for t in report.tasks if error in t.errors)
    assert task.name == resource_name
    assert Path(task.place).name == f"{resource_name}.csv"
    if error_type != "foreign-key":
        assert error.field_name == field
    else:
        assert field in error.message or field in str(getattr(error, "cells", ""))
