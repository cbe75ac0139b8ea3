"""Without a browser the browser tests skip loudly, except under CI=true where they fail."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # pytest in a subprocess, about 2 s each
REPO = Path(__file__).resolve().parents[1]
EnvMaker = Callable[..., dict[str, str]]


def _run_browser_tests(make_env: EnvMaker, ci: str | None) -> subprocess.CompletedProcess[str]:
    env = make_env(ci=ci, SMALLSTATE_CHROMIUM="/nonexistent/chromium")
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-m",
        "browser",
        "-k",
        "harness_drives",
        "tests/browser",
    ]
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)


def test_missing_browser_skips_loudly_outside_ci(subprocess_env: EnvMaker) -> None:
    result = _run_browser_tests(subprocess_env, ci=None)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert "BROWSER TESTS SKIPPED: NO BROWSER" in result.stdout


def test_missing_browser_fails_in_ci(subprocess_env: EnvMaker) -> None:
    result = _run_browser_tests(subprocess_env, ci="true")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "NO BROWSER" in result.stdout and "CI=true" in result.stdout
