"""Without a browser the browser tests skip loudly, except under CI=true where they fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run_browser_tests(ci: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["SMALLSTATE_CHROMIUM"] = "/nonexistent/chromium"
    if ci is not None:
        env["CI"] = ci
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


def test_missing_browser_skips_loudly_outside_ci() -> None:
    result = _run_browser_tests(ci=None)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert "BROWSER TESTS SKIPPED: NO BROWSER" in result.stdout


def test_missing_browser_fails_in_ci() -> None:
    result = _run_browser_tests(ci="true")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "NO BROWSER" in result.stdout and "CI=true" in result.stdout
