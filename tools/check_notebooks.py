"""Check that committed notebooks were executed top to bottom, once, without errors.

Used as a pre-commit hook on ``lessons/*.ipynb`` and by ``make lessons`` after re-execution.
A notebook passes when

* every code cell that has code (and is not tagged ``skip-execution``) has an execution count,
* those counts are exactly 1, 2, ..., n in document order (a fresh kernel, "Run All"), and
* no stored output is an error, neither in a cell (unless the cell is tagged
  ``raises-exception``, the tag nbval also honours) nor inside saved widget state.

Usage::

    python tools/check_notebooks.py lessons/*.ipynb

Exit status 0 when every notebook passes, 1 otherwise (each problem is printed on stderr).

Examples
--------
>>> nb = {"cells": [{"cell_type": "code", "source": "1 + 1", "execution_count": 2,
...                  "metadata": {}, "outputs": []}], "metadata": {}}
>>> check_notebook_dict(nb, "demo.ipynb")
['demo.ipynb: cell 1: execution count 2, expected 1 (re-run the notebook with `make lessons`)']
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["check_notebook", "check_notebook_dict", "main"]

FIX_HINT = "(re-run the notebook with `make lessons`)"


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _tags(cell: dict[str, Any]) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []) or [])


def _error_text(output: dict[str, Any]) -> str:
    return f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip()


def _widget_state_errors(nb: dict[str, Any]) -> Iterable[str]:
    state = (
        nb.get("metadata", {})
        .get("widgets", {})
        .get("application/vnd.jupyter.widget-state+json", {})
        .get("state", {})
    )
    for model_id, model in state.items():
        outputs = model.get("state", {}).get("outputs", []) if isinstance(model, dict) else []
        for output in outputs or []:
            if isinstance(output, dict) and output.get("output_type") == "error":
                yield f"widget {model_id[:8]} stored an error: {_error_text(output)}"


def check_notebook_dict(nb: dict[str, Any], name: str) -> list[str]:
    """Return the problems found in one notebook given as a JSON dict (empty list = fine).

    Parameters
    ----------
    nb : dict
        The notebook as loaded by :func:`json.load`.
    name : str
        Name used in the messages (usually the path).

    Returns
    -------
    list of str
        One message per problem, naming the notebook and the 1-based cell number.

    Examples
    --------
    >>> cell = {"cell_type": "code", "source": "x = 1", "execution_count": 1,
    ...         "metadata": {}, "outputs": []}
    >>> check_notebook_dict({"cells": [cell], "metadata": {}}, "ok.ipynb")
    []
    """
    problems: list[str] = []
    expected = 1
    for number, cell in enumerate(nb.get("cells", []), start=1):
        if cell.get("cell_type") != "code":
            continue
        tags = _tags(cell)
        where = f"{name}: cell {number}"
        if not _source(cell).strip() or "skip-execution" in tags:
            continue
        count = cell.get("execution_count")
        if count is None:
            problems.append(f"{where}: not executed {FIX_HINT}")
        elif count != expected:
            problems.append(f"{where}: execution count {count}, expected {expected} {FIX_HINT}")
        expected += 1
        if "raises-exception" in tags:
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                problems.append(f"{where}: stored error output {_error_text(output)}")
    problems.extend(f"{name}: {message}" for message in _widget_state_errors(nb))
    return problems


def check_notebook(path: str | Path) -> list[str]:
    """Read a notebook file and return its problems (see :func:`check_notebook_dict`).

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    """
    path = Path(path)
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        return [f"{path}: not valid notebook JSON ({error})"]
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return [f"{path}: not a notebook (no 'cells' list)"]
    return check_notebook_dict(nb, str(path))


def main(argv: Sequence[str] | None = None) -> int:
    """Check the notebooks named on the command line; return the exit status."""
    paths = list(sys.argv[1:] if argv is None else argv)
    problems: list[str] = []
    for path in paths:
        problems.extend(check_notebook(path))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {len(paths)} notebook(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
