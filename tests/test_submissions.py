"""Matching submissions to students: renamed downloads, e-mail folders, roster typos, leftovers."""

from __future__ import annotations

from pathlib import Path

import pytest

from smallstate.instructor.submissions import match_submissions

NAME = "seminar1"


def _tree(root: Path, files: list[str]) -> Path:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}", encoding="utf-8")
    return root


def test_a_misnamed_download_is_matched_and_noted(tmp_path: Path) -> None:
    _tree(tmp_path, ["amy/seminar1 (1).ipynb", "bo/Seminar1-2.ipynb", "cy/seminar1/seminar1.ipynb"])
    m = match_submissions(tmp_path, NAME, ["amy", "bo", "cy"])
    assert m.found == {
        "amy": tmp_path / "amy" / "seminar1 (1).ipynb",
        "bo": tmp_path / "bo" / "Seminar1-2.ipynb",
        "cy": tmp_path / "cy" / "seminar1" / "seminar1.ipynb",
    }
    assert m.notes["amy"] == "graded 'seminar1 (1).ipynb' (a renamed copy of seminar1.ipynb)"
    assert "cy" not in m.notes and not m.unmatched and not m.missing


def test_copies_next_to_the_exact_name_are_listed_and_several_copies_fail(tmp_path: Path) -> None:
    _tree(tmp_path, ["amy/seminar1.ipynb", "amy/seminar1 (1).ipynb",
                     "bo/seminar1 (1).ipynb", "bo/seminar1 (2).ipynb"])  # fmt: skip
    m = match_submissions(tmp_path, NAME, ["amy", "bo"])
    assert m.found == {"amy": tmp_path / "amy" / "seminar1.ipynb"}
    assert [(u.path.name, u.reason) for u in m.unmatched] == [
        ("seminar1 (1).ipynb", "another copy; amy/seminar1.ipynb was graded")
    ]
    assert m.failed["bo"].startswith("several copies ('seminar1 (1).ipynb', 'seminar1 (2).ipynb')")


def test_odd_folder_names_are_matched_or_reported_with_the_closest_roster_name(
    tmp_path: Path,
) -> None:
    _tree(tmp_path, ["erin.smith@uni.edu/seminar1.ipynb", "Dan Lee/seminar1.ipynb",
                     "Amy/seminar1.ipynb", "seminar1 (1).ipynb", "bo/notes.ipynb"])  # fmt: skip
    m = match_submissions(tmp_path, NAME, ["amy", "bo", "dan.lee", "erin.smith"])
    assert sorted(m.found) == ["amy", "erin.smith"]
    assert m.notes["erin.smith"] == "folder 'erin.smith@uni.edu' read as 'erin.smith'"
    assert m.notes["amy"] == "folder 'Amy' matched to roster name 'amy'"
    unmatched = {u.path.name: (u.reason, u.closest) for u in m.unmatched}
    assert unmatched == {
        "Dan Lee": (
            "folder name is not a valid student id (letters, digits, '.', '_', '-')",
            "dan.lee",
        ),
        "seminar1 (1).ipynb": (
            "a notebook outside a student folder: put it in a folder named after the student",
            "",
        ),
    }
    assert m.missing == {
        "bo": "no submission: no seminar1.ipynb in bo/ (it holds notes.ipynb)",
        "dan.lee": "no submission; closest submission without a roster name: 'Dan Lee' "
        "(a typo in the roster?)",
    }


def test_a_roster_typo_is_reported_on_both_sides(tmp_path: Path) -> None:
    _tree(tmp_path, ["erin.smith/seminar1.ipynb", "amy/seminar1.ipynb"])
    m = match_submissions(tmp_path, NAME, ["amy", "erin.smtih", "zoe"])
    assert sorted(m.found) == ["amy", "erin.smith"]  # graded all the same
    assert m.unrostered == {"erin.smith": "not on the roster (closest roster name: 'erin.smtih')"}
    assert m.missing == {
        "erin.smtih": "no submission; closest submission without a roster name: 'erin.smith' "
        "(a typo in the roster?)",
        "zoe": "no submission",
    }


def test_without_a_roster_every_folder_is_a_student(tmp_path: Path) -> None:
    _tree(tmp_path, ["amy/seminar1.ipynb", "x@y.org/seminar1.ipynb", "x/seminar1.ipynb"])
    m = match_submissions(tmp_path, NAME)
    assert sorted(m.found) == ["amy", "x"]
    assert [str(u) for u in m.unmatched] == [
        f"{tmp_path / 'x@y.org'}: folder 'x' already gives student 'x'"
    ]
    assert not m.missing and not m.unrostered


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        match_submissions(tmp_path / "nope", NAME)
