"""The evidence schema is defined once: every other description of it is checked against it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

from smallstate import describe
from smallstate.evidence import schema
from smallstate.evidence.io import COURSE_EVIDENCE

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "datasets" / "datapackage.json"
BUILD = REPO / "datasets" / "build" / "build_datapackage_schema.py"


def _evidence_resources() -> list[dict]:
    package = json.loads(PACKAGE.read_text(encoding="utf-8"))
    return [r for r in package["resources"] if r["name"] in COURSE_EVIDENCE]


def test_datapackage_evidence_fields_equal_the_schema() -> None:
    resources = _evidence_resources()
    assert {r["name"] for r in resources} == set(COURSE_EVIDENCE)
    for resource in resources:
        assert resource["schema"]["fields"] == schema.table_schema()["fields"], resource["name"]


def test_fields_follow_the_column_lists() -> None:
    names = [f.name for f in schema.FIELDS]
    assert names == list(schema.ALL_COLUMNS)
    assert [f.name for f in schema.FIELDS if f.required] == list(schema.REQUIRED_COLUMNS)
    assert set(schema.VOCABULARIES) <= set(names)
    assert set(schema.CASE_COLUMNS) <= set(names)
    assert sorted(schema.STANCE_ORDER) == sorted(schema.STANCES)
    assert sorted(schema.DOMAIN_ORDER) == sorted(schema.DOMAINS)
    assert set(schema.INTENSITY_LABELS) == set(schema.INTENSITIES)


def test_describe_shows_the_schema() -> None:
    table = describe("evidence_acts")
    assert isinstance(table, pd.DataFrame)
    assert table.iloc[:, 0].tolist() == list(schema.ALL_COLUMNS)


def test_build_script_detects_and_repairs_drift(tmp_path: Path) -> None:
    """A hand edit of one enum in the package is reported, and the script restores it."""
    sys.path.insert(0, str(BUILD.parent))
    try:
        import build_datapackage_schema as build
    finally:
        sys.path.remove(str(BUILD.parent))
    package = json.loads(PACKAGE.read_text(encoding="utf-8"))
    broken = json.loads(json.dumps(package))
    stance = next(
        f
        for r in broken["resources"]
        if r["name"] == "evidence_acts"
        for f in r["schema"]["fields"]
        if f["name"] == "stance"
    )
    stance["constraints"]["enum"].append("maybe")
    assert build.updated(broken) == package
    result = subprocess.run(
        [sys.executable, str(BUILD), "--check"], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0, result.stdout + result.stderr
    copy = tmp_path / "datapackage.json"
    copy.write_text(json.dumps(broken), encoding="utf-8")
    original, build.PACKAGE = build.PACKAGE, copy
    try:
        assert build.main(["--check"]) == 1  # the hand edit is detected
        assert build.main([]) == 0  # and repaired
        assert build.main(["--check"]) == 0
    finally:
        build.PACKAGE = original
    assert json.loads(copy.read_text(encoding="utf-8")) == package


def test_no_module_redefines_the_schema_constants() -> None:
    """CASE_COLUMNS, STANCES, INDICATORS ... are assigned only in evidence/schema.py."""
    constants = ("CASE_COLUMNS", "STANCES", "DOMAINS", "INDICATORS", "STANCE_ORDER", "POOLABLE")
    offenders = []
    for path in sorted((REPO / "smallstate").rglob("*.py")):
        if path.name == "schema.py" and path.parent.name == "evidence":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.lstrip()
            if any(
                stripped.startswith((f"{c}:", f"{c} =", f"_{c}:", f"_{c} =")) for c in constants
            ):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {stripped[:60]}")
    assert not offenders, offenders
