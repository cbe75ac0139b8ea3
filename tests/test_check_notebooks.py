"""tools/check_notebooks.py: the pre-commit hook that rejects notebooks not run cleanly top to bottom."""

from __future__ import annotations

import doctest
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
TOOL = REPO / "tools" / "check_notebooks.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_notebooks", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_notebooks"] = module
    spec.loader.exec_module(module)
    return module


check = _load()


def code(
    source: str,
    count: int | None,
    outputs: list[dict[str, Any]] | None = None,
    tags: list[str] | None = None,
) -> dict[str, Any]:
    metadata = {"tags": tags} if tags else {}
    return {
        "cell_type": "code",
        "source": source,
        "execution_count": count,
        "metadata": metadata,
        "outputs": outputs or [],
    }


def notebook(*cells: dict[str, Any]) -> dict[str, Any]:
    return {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


MARKDOWN = {"cell_type": "markdown", "source": "# Title", "metadata": {}}
ERROR = {"output_type": "error", "ename": "ValueError", "evalue": "boom", "traceback": []}


def test_clean_notebook_passes() -> None:
    nb = notebook(MARKDOWN, code("a = 1", 1), code("", None), code("a", 2))
    assert check.check_notebook_dict(nb, "ok.ipynb") == []


def test_out_of_order_counts_fail() -> None:
    problems = check.check_notebook_dict(notebook(code("a = 1", 2), code("a", 1)), "nb")
    assert problems == [
        "nb: cell 1: execution count 2, expected 1 (re-run the notebook with `make lessons`)",
        "nb: cell 2: execution count 1, expected 2 (re-run the notebook with `make lessons`)",
    ]


def test_gap_in_counts_fails() -> None:
    problems = check.check_notebook_dict(notebook(code("a = 1", 1), code("a", 3)), "nb")
    assert problems == [
        "nb: cell 2: execution count 3, expected 2 (re-run the notebook with `make lessons`)"
    ]


def test_unexecuted_cell_fails() -> None:
    problems = check.check_notebook_dict(notebook(code("a = 1", None)), "nb")
    assert problems == ["nb: cell 1: not executed (re-run the notebook with `make lessons`)"]


def test_error_output_fails_unless_tagged() -> None:
    assert check.check_notebook_dict(notebook(code("f()", 1, [ERROR])), "nb") == [
        "nb: cell 1: stored error output ValueError: boom"
    ]
    tagged = notebook(code("f()", 1, [ERROR], tags=["raises-exception"]))
    assert check.check_notebook_dict(tagged, "nb") == []


def test_skip_execution_tag_is_honoured() -> None:
    nb = notebook(code("download()", None, tags=["skip-execution"]), code("a = 1", 1))
    assert check.check_notebook_dict(nb, "nb") == []


def test_error_inside_widget_state_fails() -> None:
    nb = notebook(code("w", 1))
    nb["metadata"]["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {
            "state": {"abcdef0123456789": {"state": {"outputs": [ERROR]}}}
        }
    }
    assert check.check_notebook_dict(nb, "nb") == [
        "nb: widget abcdef01 stored an error: ValueError: boom"
    ]


def test_cli_exit_status(tmp_path: Path) -> None:
    good = tmp_path / "good.ipynb"
    good.write_text(json.dumps(notebook(code("a = 1", 1))), encoding="utf-8")
    bad = tmp_path / "bad.ipynb"
    bad.write_text(json.dumps(notebook(code("a = 1", 5))), encoding="utf-8")
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json", encoding="utf-8")
    run = [sys.executable, str(TOOL)]
    assert subprocess.run([*run, str(good)], capture_output=True).returncode == 0
    result = subprocess.run(
        [*run, str(good), str(bad), str(broken)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "bad.ipynb: cell 1: execution count 5, expected 1" in result.stderr
    assert "broken.ipynb: not valid notebook JSON" in result.stderr


@pytest.mark.parametrize("path", sorted((REPO / "lessons").glob("*.ipynb")), ids=lambda p: p.stem)
def test_committed_lessons_pass(path: Path) -> None:
    assert check.check_notebook(path) == []


def test_harness_notebook_passes() -> None:
    assert check.check_notebook(REPO / "tests/browser/fixtures/harness_widgets.ipynb") == []


def test_docstring_examples() -> None:
    result = doctest.testmod(check, verbose=False)
    assert result.attempted > 0 and result.failed == 0
