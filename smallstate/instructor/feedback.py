"""What the feedback returned to students shows: authored messages, hidden tests only by choice.

nbgrader's ``generate_feedback`` renders the autograded notebook, whose test cells hold the
hidden tests again, and whose tracebacks quote the failing line (``assert _k in {'defiance'}``,
the expected answer). Unless the instructor asks to show them, the feedback is generated with
:class:`HideHiddenTests` added to nbgrader's preprocessors: it removes the hidden-test region of
each test cell (nbgrader's own ``ClearHiddenTests``) and shortens the error of a test cell to
its last line, ``AssertionError: <message>``, where the message is the exercise's authored
feedback for that wrong answer (see :func:`smallstate.instructor.assignments.hidden_check`).
Scores are not touched: they are read from the gradebook.

This module imports nbgrader: only the nbgrader child process loads it, through the
configuration :func:`feedback_config` writes.

Examples
--------
>>> import nbformat
>>> cell = nbformat.v4.new_code_cell("_v = answer\\n### BEGIN HIDDEN TESTS\\nassert _v == 1, 'no'\\n"
...     "### END HIDDEN TESTS", metadata={"nbgrader": {"grade": True, "grade_id": "t",
...     "points": 1, "solution": False, "locked": True, "schema_version": 3}})
>>> cell.outputs = [nbformat.v4.new_output("error", ename="AssertionError", evalue="no",
...     traceback=["----> 3 assert _v == 1, 'no'"])]
>>> cell, _ = HideHiddenTests().preprocess_cell(cell, {}, 0)
>>> cell.source, cell.outputs[0].traceback
('_v = answer', ['AssertionError: no'])
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nbgrader.preprocessors import ClearHiddenTests

__all__ = ["HideHiddenTests", "feedback_config"]


class HideHiddenTests(ClearHiddenTests):  # type: ignore[misc]  # nbgrader is untyped
    """nbgrader's ``ClearHiddenTests``, plus test-cell errors cut to ``Name: message``."""

    def preprocess_cell(self, cell: Any, resources: Any, cell_index: int) -> tuple[Any, Any]:
        """Clear the hidden tests of ``cell`` and shorten the tracebacks of a test cell."""
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [
                        f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
                    ]
        return cell, resources


def feedback_config(folder: Path) -> Path:
    """Write an ``nbgrader_config.py`` in ``folder`` that hides hidden tests in feedback."""
    path = Path(folder) / "nbgrader_config.py"
    path.write_text(
        '"""Written by smallstate instructor grade: feedback without the hidden tests."""\n'
        "from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor\n"
        "from nbgrader.preprocessors import GetGrades\n\n"
        "from smallstate.instructor.feedback import HideHiddenTests\n\n"
        "c = get_config()  # noqa: F821 - provided by nbgrader\n"
        "c.GenerateFeedback.preprocessors = [GetGrades, CSSHTMLHeaderPreprocessor, HideHiddenTests]\n",
        encoding="utf-8",
    )
    return path
