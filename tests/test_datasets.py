"""smallstate.data: typed loading from the data package, caching, clear errors."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from smallstate import data as datasets
from smallstate.data import DatasetError, check, describe, list_datasets, load
from smallstate.evidence import read_evidence, validate_evidence

DATASETS = Path(__file__).resolve().parents[1] / "datasets"


def _schema(name: str) -> dict:
    package = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))
    return next(r for r in package["resources"] if r["name"] == name)["schema"]


def test_list_datasets_names_every_resource() -> None:
    names = list_datasets()
    assert names == sorted(names)
    assert {"bibliography", "figures", "projects"} <= set(names)


@pytest.mark.parametrize("name", list_datasets())
def test_load_types_follow_the_schema(name: str) -> None:
    frame = load(name)
    schema = _schema(name)
    assert list(frame.columns) == [f["name"] for f in schema["fields"]]
    for field in schema["fields"]:
        dtype = frame[field["name"]].dtype
        kind = field.get("type", "string")
        if kind == "string" and "enum" in field.get("constraints", {}):
            assert isinstance(dtype, pd.CategoricalDtype), field["name"]
            assert list(dtype.categories) == field["constraints"]["enum"]
        elif kind == "string":
            assert isinstance(dtype, pd.StringDtype), field["name"]
        elif kind in ("integer", "year"):
            assert str(dtype) == "Int64", field["name"]
        elif kind == "number":
            assert str(dtype) == "float64", field["name"]
        elif kind == "date":
            assert pd.api.types.is_datetime64_any_dtype(dtype), field["name"]


def test_load_returns_independent_copies() -> None:
    first = load("figures")
    first.loc[0, "entity"] = "changed"
    assert load("figures").loc[0, "entity"] != "changed"


def test_unknown_name_suggests_close_names() -> None:
    with pytest.raises(KeyError, match="did you mean 'projects'"):
        load("project")
    with pytest.raises(KeyError, match="known:"):
        describe("zzz")


def test_describe_lists_every_field_with_a_description() -> None:
    for name in list_datasets():
        codebook = describe(name)
        assert list(codebook["field"]) == [f["name"] for f in _schema(name)["fields"]]
        assert (codebook["description"].str.len() > 0).all(), name


def test_citation_names_licence_and_title() -> None:
    text = datasets.citation("projects")
    assert "CC-BY-4.0" in text and "projects" in text.lower()


# --- malformed copies -------------------------------------------------------------------------


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "datasets"
    shutil.copytree(DATASETS, folder, ignore=shutil.ignore_patterns("build", "__pycache__"))
    return folder


def _edit(folder: Path, file: str, data_row: int, field: str, value: str) -> None:
    path = folder / file
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[data_row][rows[0].index(field)] = value
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def test_the_course_package_passes_the_check() -> None:
    check()
    for name in list_datasets():
        check(name)


def test_check_of_an_unknown_table_suggests_close_names() -> None:
    with pytest.raises(KeyError, match="projects"):
        check("project")


@pytest.mark.parametrize(
    ("file", "name", "field", "value", "error_type"),
    [
        ("figures.csv", "figures", "qualifier", "roughly", "constraint-error"),  # enum
        ("figures.csv", "figures", "value", "ten", "type-error"),
        ("figures.csv", "figures", "entity", "", "constraint-error"),  # required
        ("figures.csv", "figures", "id", "X1", "constraint-error"),  # pattern
        ("figures.csv", "figures", "id", "F001", "unique-error"),
        ("figures.csv", "figures", "locator", "p.", "constraint-error"),  # minLength
        ("projects.csv", "projects", "start_year", "2016.5", "type-error"),
        ("projects.csv", "projects", "amount_usd", "-5", "constraint-error"),  # minimum
    ],
)
def test_check_reports_a_bad_cell_with_file_row_and_field(
    tmp_path: Path, file: str, name: str, field: str, value: str, error_type: str
) -> None:
    folder = _copy(tmp_path)
    _edit(folder, file, 5, field, value)  # data row 5 = CSV row 6
    for table in (name, None):  # one table, and the whole package
        with pytest.raises(DatasetError) as info:
            check(table, directory=folder)
        text = str(info.value)
        assert f"{file}, row 6, field {field!r}: {value!r}: " in text, text
        assert f"[{error_type}]" in text, text


def test_check_lists_every_problem_of_every_table(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "figures.csv", 2, "value", "ten")
    _edit(folder, "figures.csv", 7, "source", "nosuchkey2099")
    _edit(folder, "projects.csv", 3, "funder", "")
    with pytest.raises(DatasetError) as info:
        check(directory=folder)
    lines = str(info.value).splitlines()
    assert "3 problems found by frictionless" in lines[0]
    assert lines[1:] == [
        "figures.csv, row 3, field 'value': 'ten': type is \"number/default\" [type-error]",
        'figures.csv, row 8, field \'source\': for "source": values "nosuchkey2099" not found '
        'in the lookup table "bibliography" as "key" [foreign-key]',
        "projects.csv, row 4, field 'funder': '': constraint \"required\" is \"True\" "
        "[constraint-error]",
    ]


@pytest.mark.parametrize(
    ("file", "name", "field", "value", "message"),
    [
        ("figures.csv", "figures", "qualifier", "roughly", "is not one of: exact, more than"),
        ("figures.csv", "figures", "value", "ten", "is not a number"),
        ("figures.csv", "figures", "value", "nan", "is not a number"),
        ("projects.csv", "projects", "start_year", "2016.5", "is not an integer"),
        ("projects.csv", "projects", "start_year", "2016.0", "is not an integer"),
        ("evidence_acts.csv", "evidence_acts", "intensity", "two", "is not an integer"),
    ],
)
def test_load_names_a_cell_it_cannot_cast(
    tmp_path: Path, file: str, name: str, field: str, value: str, message: str
) -> None:
    """Nothing is coerced to a missing value: a cell that does not cast is an error."""
    folder = _copy(tmp_path)
    _edit(folder, file, 5, field, value)  # data row 5 = CSV row 6
    with pytest.raises(DatasetError) as info:
        load(name, directory=folder)
    assert f"{file}, row 6, field {field!r}: {value!r} {message}" in str(info.value)


def test_load_lists_every_cell_it_cannot_cast(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "projects.csv", 2, "start_year", "soon")
    _edit(folder, "projects.csv", 4, "funder", "FRA")
    _edit(folder, "projects.csv", 4, "amount_usd", "1,5")
    with pytest.raises(DatasetError) as info:
        load("projects", directory=folder)
    assert str(info.value).splitlines() == [
        "projects.csv, row 3, field 'start_year': 'soon' is not an integer",
        "projects.csv, row 5, field 'funder': 'FRA' is not one of: CHN, JPN, KHM, unknown",
        "projects.csv, row 5, field 'amount_usd': '1,5' is not a number",
    ]


def test_load_casts_and_leaves_constraints_to_check(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "projects.csv", 5, "amount_usd", "-5")  # below the minimum, but a number
    assert load("projects", directory=folder).loc[4, "amount_usd"] == -5.0
    with pytest.raises(DatasetError, match=r"projects.csv, row 6, field 'amount_usd': '-5'"):
        check("projects", directory=folder)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda row: [*row, "x"], "projects.csv, row 4: 18 cells, the header has 17"),
        (lambda row: row[:-1], "projects.csv, row 4: 16 cells, the header has 17"),
        (lambda row: [], "projects.csv, row 4: a blank row"),
    ],
)
def test_load_refuses_a_row_of_the_wrong_width(tmp_path: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    folder = _copy(tmp_path)
    path = folder / "projects.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[3] = change(rows[3])
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    with pytest.raises(DatasetError) as info:
        load("projects", directory=folder)
    assert str(info.value) == message
    with pytest.raises(DatasetError, match=r"projects.csv, row 4"):
        check("projects", directory=folder)


def test_wrong_header_is_reported(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "figures.csv"
    text = path.read_text(encoding="utf-8").replace("qualifier", "qualifer", 1)
    path.write_text(text, encoding="utf-8")
    for run in (load, check):
        with pytest.raises(DatasetError, match=r"figures.csv, row 1 \(header\), field 'qualifier'"):
            run("figures", directory=folder)


def test_missing_column_is_reported(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "projects.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join(line.rsplit(",", 1)[0] for line in lines[:1]) + "\n", encoding="utf-8"
    )
    with pytest.raises(DatasetError, match=r"projects.csv, row 1 \(header\).*note"):
        load("projects", directory=folder)


def test_edits_to_a_file_are_seen_despite_the_cache(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    before = load("figures", directory=folder)
    _edit(folder, "figures.csv", 1, "note", "edited")
    import os
    import time

    stamp = time.time_ns() + 10_000_000
    os.utime(folder / "figures.csv", ns=(stamp, stamp))
    after = load("figures", directory=folder)
    assert after.loc[0, "note"] == "edited" != before.loc[0, "note"]


# --- evidence ---------------------------------------------------------------------------------


def _evidence_rows(file: str) -> list[dict[str, str]]:
    with open(DATASETS / file, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_evidence_acts_is_a_superset_of_the_seed_evidence() -> None:
    seeds = _evidence_rows("evidence_seeds.csv")
    acts = {row["act_id"]: row for row in _evidence_rows("evidence_acts.csv")}
    for row in seeds:
        assert row["act_id"] in acts, f"seed act {row['act_id']} missing from evidence_acts.csv"
        full = acts[row["act_id"]]
        changed = {k: (v, full.get(k)) for k, v in row.items() if full.get(k, "") != v}
        assert not changed, f"act {row['act_id']} differs from evidence_seeds.csv: {changed}"


def test_evidence_acts_has_unique_ids_and_adds_to_the_seeds() -> None:
    acts = _evidence_rows("evidence_acts.csv")
    ids = [row["act_id"] for row in acts]
    assert len(ids) == len(set(ids))
    assert len(ids) > len(_evidence_rows("evidence_seeds.csv"))


def test_evidence_acts_reaches_the_issue_target_of_120() -> None:
    assert len(_evidence_rows("evidence_acts.csv")) >= 120


@pytest.mark.parametrize("file", ["evidence_acts.csv", "evidence_seeds.csv"])
def test_evidence_validates_with_the_evidence_module(file: str) -> None:
    frame = read_evidence(DATASETS / file)
    checked = validate_evidence(frame)
    assert len(checked) == len(frame)
