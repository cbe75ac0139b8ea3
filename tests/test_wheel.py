"""The wheel works on its own: built offline, installed in a fresh venv, data found inside it.

The wheel is built with ``python -m build --wheel --no-isolation`` (hatchling comes from the test
extra, so no download), installed with ``pip install --no-deps`` into a new venv whose only extra
path is the project venv's site-packages (for pandas and friends, through a ``.pth`` file that
does not process that folder's own ``.pth`` files, so the editable checkout is not visible).
A subprocess run from an empty folder must then import smallstate from the temporary venv and
find the curated data through ``smallstate._paths.datasets_dir()``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.wheel, pytest.mark.slow]

PROBE = r"""
import json, sys
import smallstate
from smallstate._paths import datasets_dir
folder = datasets_dir()
report = {
    "file": smallstate.__file__,
    "datasets_dir": str(folder),
    "has_references": (folder / "references.bib").is_file(),
    "version": smallstate.__version__,
}
if CHECK_DATASETS:
    from smallstate import data as datasets
    names = list(datasets.list_datasets())
    frame = datasets.load(names[0])
    report["datasets"] = names
    report["first_rows"] = int(len(frame))
    from smallstate.simulation import Game, list_scenarios
    report["scenarios"] = list_scenarios()
    game = Game("cambodia-2010-2025", frameworks=["kuik"])
    game.choose("a")
    report["game_label"] = game.labels()["kuik"]
print(json.dumps(report))
"""


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "SMALLSTATE_DATASETS"}}
    guard = REPO / "tools" / "deny_network"
    env["PYTHONPATH"] = str(guard)  # the wheel must work offline too
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PIP_NO_INDEX"] = "1"
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=_clean_env(),
    )
    assert result.returncode == 0, f"wheel build failed:\n{result.stdout}\n{result.stderr}"
    wheels = sorted(out.glob("smallstate-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wheelvenv")
    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=False, symlinks=True).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # Third-party packages from the project venv, appended after the temp venv's own.
    (Path(site) / "_project_venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        env=_clean_env(),
    )
    assert result.returncode == 0, f"pip install failed:\n{result.stdout}\n{result.stderr}"
    return python


def test_wheel_contains_package_and_data(wheel: Path) -> None:
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    assert "smallstate/__init__.py" in names
    assert "smallstate/_datasets/references.bib" in names
    # the decision game's scenarios are package data: every one of the checkout's is inside
    scenarios = sorted((REPO / "smallstate" / "simulation" / "scenarios").glob("*.yaml"))
    assert scenarios, "no scenario in the checkout"
    for path in scenarios:
        assert f"smallstate/simulation/scenarios/{path.name}" in names, path.name
    assert not any(name.startswith(("lessons/", "instructor/", "tests/")) for name in names)


def test_installed_wheel_imports_and_finds_data(installed: Path, tmp_path: Path) -> None:
    code = PROBE.replace("CHECK_DATASETS", "True")
    result = subprocess.run(
        [str(installed), "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_clean_env(),
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    venv_dir = installed.parent.parent
    assert Path(report["file"]).resolve().is_relative_to(venv_dir.resolve()), report
    assert Path(report["datasets_dir"]).resolve().is_relative_to(venv_dir.resolve()), report
    assert report["has_references"] is True
    assert report["datasets"], "the wheel's data package lists no dataset"
    assert report["first_rows"] > 0, report
    assert "cambodia-2010-2025" in report["scenarios"], report
    assert report["game_label"] == "hedging", report
