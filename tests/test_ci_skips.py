"""Under CI=true a skipped test is a failure (tests/conftest.py); outside CI a skip stays a skip.

pytest runs in a subprocess on a tiny test folder with a copy of the root conftest, its own
(empty) configuration and a controlled environment; the outcome of every test is read from the
JUnit XML report.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # pytest in a subprocess, about 2 s each
CONFTEST = Path(__file__).resolve().parent / "conftest.py"
TINY = """
import pytest


def test_passes():
    pass


def test_skips_in_the_body():
    pytest.skip("tiny reason: nothing to see")


@pytest.mark.skipif(True, reason="tiny skipif reason")
def test_skipif():
    pass


@pytest.fixture
def absent():
    pytest.skip("tiny fixture reason")


def test_fixture_skips(absent):
    pass


@pytest.mark.xfail(reason="a known bug", strict=True)
def test_xfail():
    assert False


def test_imperative_xfail():
    pytest.xfail("known, imperative")
"""
MODULE_SKIP = 'import pytest\n\npytest.skip("tiny module reason", allow_module_level=True)\n'


def _outcomes(
    folder: Path, make_env: Callable[..., dict[str, str]], ci: str | None
) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    report = folder / f"report-{ci}.xml"
    command = [
        *(sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA", "-q"),
        *("-c", str(folder / "pytest.ini"), "--rootdir", str(folder)),
        *("--junitxml", str(report), "--continue-on-collection-errors", str(folder)),
    ]
    result = subprocess.run(
        command,
        cwd=folder,
        env=make_env(ci=ci),
        capture_output=True,
        text=True,
        timeout=120,
    )
    outcomes: dict[str, str] = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        name = case.get("name", "") or case.get("classname", "")
        kinds = [child.tag for child in case if child.tag in {"failure", "error", "skipped"}]
        if any(child.get("type") == "pytest.xfail" for child in case):
            kinds = ["xfail"]
        outcomes[name] = "+".join(kinds) or "passed"
    return result, outcomes


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    shutil.copy(CONFTEST, tmp_path / "conftest.py")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "test_tiny.py").write_text(TINY, encoding="utf-8")
    (tmp_path / "test_module_skip.py").write_text(MODULE_SKIP, encoding="utf-8")
    return tmp_path


def test_outside_ci_skips_stay_skips(
    tiny: Path, subprocess_env: Callable[..., dict[str, str]]
) -> None:
    result, outcomes = _outcomes(tiny, subprocess_env, ci=None)
    assert result.returncode == 0, result.stdout + result.stderr
    assert outcomes == {
        "test_passes": "passed",
        "test_skips_in_the_body": "skipped",
        "test_skipif": "skipped",
        "test_fixture_skips": "skipped",
        "test_xfail": "xfail",
        "test_imperative_xfail": "xfail",
        "test_module_skip": "skipped",
    }


def test_under_ci_a_skip_fails_with_its_reason(
    tiny: Path, subprocess_env: Callable[..., dict[str, str]]
) -> None:
    result, outcomes = _outcomes(tiny, subprocess_env, ci="true")
    assert result.returncode != 0, result.stdout + result.stderr
    assert outcomes == {
        "test_passes": "passed",
        "test_skips_in_the_body": "failure",
        "test_skipif": "error",  # skipped in setup -> an error in setup
        "test_fixture_skips": "error",
        "test_xfail": "xfail",
        "test_imperative_xfail": "xfail",
        "test_module_skip": "error",  # skipped at collection -> a collection error
    }
    for reason in (
        "tiny reason: nothing to see",
        "tiny skipif reason",
        "tiny fixture reason",
        "tiny module reason",
    ):
        assert reason in result.stdout, result.stdout
    assert "skipped under CI=true, which counts as a failure" in result.stdout
