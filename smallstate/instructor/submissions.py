"""Match a folder of submissions to student ids and a roster; report everything left over.

Layouts read: ``SUBMISSIONS/<student>/NAME.ipynb`` and nbgrader's
``SUBMISSIONS/<student>/NAME/NAME.ipynb``. Also matched, with a note in the student's row:

* a notebook renamed by a download (``NAME (1).ipynb``, ``NAME-2.ipynb``, another case) when it
  is the only copy in the folder; next to ``NAME.ipynb`` such copies are listed, not graded;
* a folder named by an e-mail address (``erin.smith@uni.edu``): its local part is the id;
* a folder whose name differs from a roster name only in case.

Nothing is dropped silently: every top-level file or folder that gives no submission is listed
in :attr:`Matching.unmatched` with the reason and the closest roster name; roster names with no
submission are in :attr:`Matching.missing` (with the closest unmatched folder, which is often a
roster typo), and submissions with no roster name in :attr:`Matching.unrostered` (graded, and
flagged with the closest roster name).

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> for folder, file in [("amy", "hw (1).ipynb"), ("erin.smith@uni.edu", "hw.ipynb"),
...                      ("bo", "notes.txt")]:
...     (d / folder).mkdir(); _ = (d / folder / file).write_text("{}")
>>> m = match_submissions(d, "hw", ["amy", "bo", "erin.smtih"])
>>> sorted(m.found)
['amy', 'erin.smith']
>>> m.notes["amy"]
"graded 'hw (1).ipynb' (a renamed copy of hw.ipynb)"
>>> m.missing["erin.smtih"]
"no submission; closest submission without a roster name: 'erin.smith' (a typo in the roster?)"
>>> m.unrostered["erin.smith"]
"not on the roster (closest roster name: 'erin.smtih'); folder 'erin.smith@uni.edu' read as 'erin.smith'"
>>> m.missing["bo"]
'no submission: no hw.ipynb in bo/ (it holds no notebook)'
>>> _ = (d / "hw.ipynb").write_text("{}")
>>> print(match_submissions(d, "hw", ["amy", "bo"]).unmatched[-1])
... # doctest: +ELLIPSIS
/.../hw.ipynb: a notebook outside a student folder: put it in a folder named after the student
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from smallstate.errors import close_matches

__all__ = ["STUDENT_ID", "Matching", "Unmatched", "match_submissions"]

#: A valid student id (it becomes a folder name in nbgrader's course folder).
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class Unmatched:
    """A file or folder of the submissions that gives no graded submission, and why."""

    path: Path
    reason: str
    closest: str = ""

    def __str__(self) -> str:
        hint = f" (closest roster name: {self.closest!r})" if self.closest else ""
        return f"{self.path}: {self.reason}{hint}"


@dataclass(frozen=True)
class Matching:
    """Student id -> notebook, and everything that needs the instructor's eye."""

    found: dict[str, Path]
    notes: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    unrostered: dict[str, str] = field(default_factory=dict)
    unmatched: tuple[Unmatched, ...] = ()


def _closest(name: str, roster: Sequence[str]) -> str:
    found = close_matches(name, roster, n=1) if roster else []
    return found[0] if found else ""


def _copies(folder: Path, name: str) -> list[Path]:
    """Notebooks in ``folder`` (or ``folder/NAME``) named NAME, possibly renamed by a download."""
    pattern = re.compile(rf"^{re.escape(name)}(?: ?\(\d+\)|-\d+)?\.ipynb$", re.I)
    places = [folder, folder / name]
    return sorted(
        p for place in places if place.is_dir() for p in place.iterdir()
        if p.is_file() and pattern.match(p.name)
    )  # fmt: skip


def _student_id(folder: Path, roster: Sequence[str]) -> tuple[str, str]:
    """(id, note) for a student folder, or ('', reason) when no id can be read from its name."""
    name, note = folder.name, ""
    if "@" in name:
        local = name.split("@", 1)[0]
        if not STUDENT_ID.match(local):
            return "", f"e-mail folder name whose local part {local!r} is not a valid student id"
        name, note = local, f"folder {folder.name!r} read as {local!r}"
    elif not STUDENT_ID.match(name):
        return "", "folder name is not a valid student id (letters, digits, '.', '_', '-')"
    if roster and name not in roster:
        same = [r for r in roster if r.casefold() == name.casefold()]
        if len(same) == 1:
            note = f"folder {folder.name!r} matched to roster name {same[0]!r}"
            name = same[0]
    return name, note


def _notebook(folder: Path, name: str) -> tuple[Path | None, str, list[Unmatched]]:
    """(notebook, note or failure reason, copies left out) for one student folder."""
    copies = _copies(folder, name)
    exact = [p for p in copies if p.name == f"{name}.ipynb"]
    if exact:
        chosen = exact[0]
        others = [
            Unmatched(p, f"another copy; {chosen.relative_to(folder.parent)} was graded")
            for p in copies
            if p != chosen
        ]
        return chosen, "", others
    if len(copies) == 1:
        return copies[0], f"graded {copies[0].name!r} (a renamed copy of {name}.ipynb)", []
    if copies:
        listed = ", ".join(repr(p.name) for p in copies)
        return None, f"several copies ({listed}): keep one, named {name}.ipynb", []
    return None, "", []


def match_submissions(folder: Path | str, name: str, roster: Sequence[str] = ()) -> Matching:
    """Match ``folder``'s student folders to ids (and the ``roster``), listing what is left."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"submissions folder {folder} does not exist")
    found: dict[str, Path] = {}
    notes: dict[str, str] = {}
    failed: dict[str, str] = {}
    unmatched: list[Unmatched] = []
    origin: dict[str, Path] = {}
    empty: dict[str, str] = {}
    for entry in sorted(folder.iterdir()):
        closest = _closest(entry.name.split("@", 1)[0].removesuffix(".ipynb"), roster)
        if not entry.is_dir():
            what = "a notebook" if entry.suffix == ".ipynb" else "a file"
            reason = f"{what} outside a student folder: put it in a folder named after the student"
            unmatched.append(Unmatched(entry, reason, closest))
            continue
        student, note = _student_id(entry, roster)
        if not student:
            unmatched.append(Unmatched(entry, note, closest))
            continue
        if student in origin:
            reason = f"folder {origin[student].name!r} already gives student {student!r}"
            unmatched.append(Unmatched(entry, reason, closest))
            continue
        notebook, message, others = _notebook(entry, name)
        unmatched += others
        if notebook is None and not message:
            held = sorted(p.name for p in entry.rglob("*.ipynb"))
            inside = f"it holds {', '.join(held)}" if held else "it holds no notebook"
            reason = f"no {name}.ipynb in this folder ({inside})"
            if student in roster:
                empty[student] = f"no submission: {reason.replace('this folder', entry.name + '/')}"
            else:
                unmatched.append(Unmatched(entry, reason, closest))
            continue
        origin[student] = entry
        if notebook is None:
            failed[student] = message
            continue
        found[student] = notebook
        if note or message:
            notes[student] = "; ".join(x for x in (message, note) if x)
    missing: dict[str, str] = {}
    unrostered: dict[str, str] = {}
    if roster:
        extra = sorted(s for s in [*found, *failed] if s not in roster)
        loose = extra + [u.path.name for u in unmatched if u.path.is_dir()]
        for student in roster:
            if student in found or student in failed:
                continue
            if student in empty:
                missing[student] = empty[student]
                continue
            near = _closest(student, loose)
            typo = (
                f"; closest submission without a roster name: {near!r} (a typo in the roster?)"
                if near
                else ""
            )
            missing[student] = f"no submission{typo}"
        for student in extra:
            near = _closest(student, [r for r in roster if r not in found])
            hint = f" (closest roster name: {near!r})" if near else ""
            unrostered[student] = "; ".join(
                x for x in (f"not on the roster{hint}", notes.pop(student, "")) if x
            )
    return Matching(found, notes, failed, missing, unrostered, tuple(unmatched))
