"""environment.yml (conda) and pyproject.toml (pip) must list the same packages with the same bounds.

Python is the exception: environment.yml pins the lowest version pyproject allows (``=X.Y``),
because Binder's repo2docker reads only that form.

pyproject's runtime dependencies and every extra (test, instructor, dev) are compared with
environment.yml's conda and pip entries, after the documented name map below. A package in one
file and not in the other, or with different version bounds, fails with a message naming it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]

# pyproject (PyPI) name -> conda-forge name, where they differ. Keep in sync with the comment
# at the top of environment.yml.
PYPI_TO_CONDA = {"build": "python-build"}
# Conda-only entries that are not Python packages of the project.
CONDA_ONLY = {"python", "pip"}

_CONDA_SPEC = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*$")


def pyproject_requirements(path: Path) -> dict[str, SpecifierSet]:
    """Name (canonical, mapped to conda-forge) -> specifier, over dependencies and all extras."""
    project = tomllib.loads(path.read_text(encoding="utf-8"))["project"]
    lines = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        lines.extend(extra)
    found: dict[str, SpecifierSet] = {}
    for line in lines:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        name = PYPI_TO_CONDA.get(name, name)
        if name in found and found[name] != requirement.specifier:
            raise AssertionError(f"pyproject lists {name} twice with different bounds")
        found[name] = requirement.specifier
    return found


def environment_requirements(path: Path) -> tuple[dict[str, SpecifierSet], str]:
    """Name (canonical) -> specifier from environment.yml, and the python spec."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found: dict[str, SpecifierSet] = {}
    python = ""
    for entry in data["dependencies"]:
        if isinstance(entry, dict):
            for line in entry.get("pip", []):
                requirement = Requirement(line)
                found[canonicalize_name(requirement.name)] = requirement.specifier
            continue
        match = _CONDA_SPEC.match(str(entry))
        if not match:
            raise AssertionError(f"cannot parse environment.yml entry {entry!r}")
        name, spec = canonicalize_name(match.group(1)), match.group(2).replace(" ", "")
        if name == "python":
            python = spec
        if name in CONDA_ONLY:
            continue
        found[name] = SpecifierSet(spec)
    return found, python


@pytest.fixture(scope="module")
def both() -> tuple[dict[str, SpecifierSet], dict[str, SpecifierSet], str]:
    pip = pyproject_requirements(REPO / "pyproject.toml")
    conda, python = environment_requirements(REPO / "environment.yml")
    return pip, conda, python


def test_environment_is_named_and_uses_conda_forge() -> None:
    data = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    assert data["name"] == "smallstate"
    assert data["channels"] == ["conda-forge"]


def test_same_package_names(both: tuple[dict[str, SpecifierSet], ...]) -> None:
    pip, conda, _ = both
    only_pyproject = sorted(set(pip) - set(conda))
    only_environment = sorted(set(conda) - set(pip))
    assert not only_pyproject and not only_environment, (
        f"in pyproject.toml only: {only_pyproject}; in environment.yml only: {only_environment} "
        "(add the package to both, or extend PYPI_TO_CONDA in this test and the comment in "
        "environment.yml if conda-forge names it differently)"
    )


def test_same_version_bounds(both: tuple[dict[str, SpecifierSet], ...]) -> None:
    pip, conda, _ = both
    differ = {
        name: (str(pip[name]), str(conda[name]))
        for name in sorted(set(pip) & set(conda))
        if pip[name] != conda[name]
    }
    assert not differ, f"version bounds differ (pyproject, environment.yml): {differ}"


def test_same_python(both: tuple[dict[str, SpecifierSet], ...]) -> None:
    """environment.yml pins one Python (``=X.Y``, the only form Binder's repo2docker reads)
    that pyproject's ``requires-python`` allows, and it is the lowest one allowed."""
    _, _, python = both
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned = re.fullmatch(r"=(\d+)\.(\d+)", python)
    assert pinned, f"environment.yml: python {python!r}; pin one version as `python =X.Y`"
    requires = SpecifierSet(project["requires-python"])
    major, minor = int(pinned.group(1)), int(pinned.group(2))
    assert requires.contains(f"{major}.{minor}.0")
    assert not requires.contains(f"{major}.{minor - 1}.0")


def test_drift_is_detected(tmp_path: Path) -> None:
    """The comparison itself fails on a one-sided package (guards against a vacuous test)."""
    source = (REPO / "environment.yml").read_text(encoding="utf-8")
    drifted = tmp_path / "environment.yml"
    drifted.write_text(source.replace("  - tqdm >=4.66\n", ""), encoding="utf-8")
    conda, _ = environment_requirements(drifted)
    assert "tqdm" in pyproject_requirements(REPO / "pyproject.toml")
    assert "tqdm" not in conda
