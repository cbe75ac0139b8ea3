"""Write the instructor guide's course table from the lessons themselves (run from the repo root).

    .venv/bin/python tools/course_table.py           # rewrite the table in instructor/README.md
    .venv/bin/python tools/course_table.py --check   # exit 1 if the table is stale

One row per lesson of README.md's lesson table: its title (the notebook's first heading), its
status (``ready`` when the notebook exists, ``in preparation`` otherwise), the class time its
seminar plan states and the plan's parts, and its exercises (auto-checked and open, from the
exercise bank). Nothing in the table is typed by hand, so it cannot go stale.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(REPO))

from tools.generated import replace_block, write_or_check  # noqa: E402

GUIDE = REPO / "instructor" / "README.md"
BEGIN = "<!-- course-table: begin (tools/course_table.py writes this) -->"
END = "<!-- course-table: end -->"
README_ROW = re.compile(r"^\| (\d\d) \| (.+?) \| \[`(lessons/[^`]+)`\]", re.M)
PLAN = re.compile(r"\*\*Seminar plan \(about (\d+) minutes\)\.\*\*(.*?)(?:\n\n|$)", re.S)
PART = re.compile(r"(\d+) min\b")


class PlanError(ValueError):
    """A lesson's seminar plan is missing or its parts do not add up to its total."""


def lesson_plan(notebook: Path) -> tuple[int, list[int]]:
    """(total minutes, minutes of each part) from the lesson's ``**Seminar plan ...**`` line."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        match = PLAN.search("".join(cell["source"]))
        if match:
            parts = [int(m) for m in PART.findall(match.group(2))]
            total = int(match.group(1))
            if sum(parts) != total:
                raise PlanError(
                    f"{notebook.name}: the seminar plan says about {total} minutes but its parts "
                    f"add up to {sum(parts)} ({' + '.join(map(str, parts))})"
                )
            return total, parts
    raise PlanError(f"{notebook.name}: no '**Seminar plan (about N minutes).**' line")


def exercise_counts(lesson: str) -> tuple[int, int]:
    """(auto-checked, open) exercises of a lesson, from its answer-key YAML."""
    import yaml

    path = REPO / "instructor" / "exercises" / f"L{lesson}.yaml"
    if not path.is_file():
        return 0, 0
    exercises = yaml.safe_load(path.read_text(encoding="utf-8"))["exercises"]
    open_ = sum(1 for e in exercises if e["type"] == "open")
    return len(exercises) - open_, open_


def table() -> str:
    """The course table, as Markdown."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = [
        "| lesson | title | status | time in class (seminar plan) | exercises |",
        "|---|---|---|---|---|",
    ]
    for number, title, link in README_ROW.findall(readme):
        notebook = REPO / link
        if notebook.is_file():
            total, parts = lesson_plan(notebook)
            status, time = "ready", f"{total} min ({len(parts)} parts)"
            auto, open_ = exercise_counts(number)
            exercises = f"{auto} auto-checked, {open_} open"
        else:
            status, time, exercises = "in preparation", "", ""
        rows.append(f"| {number} | {title.strip()} | {status} | {time} | {exercises} |")
    return "\n".join(rows)


def updated(text: str) -> str:
    """The guide with its course table rewritten between the markers."""
    return replace_block(text, BEGIN, END, f"\n{table()}\n", name=str(GUIDE))


def main(argv: list[str] | None = None) -> int:
    return write_or_check(
        GUIDE, updated, what="the course table", description=__doc__.splitlines()[0], argv=argv
    )


if __name__ == "__main__":
    sys.exit(main())
