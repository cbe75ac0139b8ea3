"""tools/execute_notebooks.py (``make lessons``): in-place execution that is byte-stable."""

from __future__ import annotations

import doctest
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
TOOL = REPO / "tools" / "execute_notebooks.py"
FIXTURE = REPO / "tests" / "browser" / "fixtures" / "harness_widgets.ipynb"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("execute_notebooks", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docstring_examples() -> None:
    result = doctest.testmod(_load(), verbose=False)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.slow
def test_reexecution_is_byte_stable_and_checked(tmp_path: Path) -> None:
    notebook = tmp_path / FIXTURE.name
    shutil.copy(FIXTURE, notebook)
    run = [sys.executable, str(TOOL), str(notebook)]
    subprocess.run(run, check=True, capture_output=True)
    first = notebook.read_bytes()
    subprocess.run(run, check=True, capture_output=True)
    assert notebook.read_bytes() == first, "re-running an unchanged notebook changed it"
    assert b'"execution"' not in first  # no timing metadata
    assert b"application/vnd.jupyter.widget-state+json" in first  # widget snapshot kept


@pytest.mark.slow
def test_failing_notebook_is_not_written(tmp_path: Path) -> None:
    notebook = tmp_path / "broken_cell.ipynb"
    shutil.copy(REPO / "tests" / "browser" / "fixtures" / "broken_cell.ipynb", notebook)
    before = notebook.read_bytes()
    result = subprocess.run(
        [sys.executable, str(TOOL), str(notebook)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "ValueError" in result.stderr and "deliberate failure" in result.stderr
    assert notebook.read_bytes() == before
