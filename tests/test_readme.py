"""README.md's lesson table lists exactly the lessons that exist (no invented ones, none missing)."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_readme_lesson_table_matches_lessons_folder() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\((lessons/[^)]+\.ipynb)\)", readme))
    existing = {path.relative_to(REPO).as_posix() for path in (REPO / "lessons").glob("*.ipynb")}
    assert not linked - existing, f"README links lessons that do not exist: {linked - existing}"
    assert not existing - linked, f"lessons missing from the README table: {existing - linked}"


def test_readme_puts_the_two_commands_first() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_heading = re.search(r"^## (.+)$", readme, flags=re.MULTILINE)
    assert first_heading is not None and first_heading.group(1) == "Two commands"
    assert readme.index("make lab") < readme.index("## Lessons")
    assert readme.index("make test") < readme.index("## Lessons")
