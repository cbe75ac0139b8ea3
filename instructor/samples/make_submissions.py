"""Regenerate the sample submissions in ``instructor/samples/submissions`` (run from the repo root).

    .venv/bin/python instructor/samples/make_submissions.py

Builds assignment ``hw00`` (every L00 exercise) in a temp course, releases it, and fills the
student version in the ways the grading test expects: right, wrong, partly right, and
hostile ones (infinite loop, exception, deleting files, reading the instructor's sources,
monkeypatching the checks, malformed JSON). Then update ``expected_grades.csv`` by grading
them (``smallstate instructor grade hw00 instructor/samples/submissions``) and reviewing.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import nbformat

from smallstate.instructor import new_assignment, release_assignment

HERE = Path(__file__).resolve().parent
NAME = "hw00"

OPEN = "Leng sees no defiance, so soft bandwagoning; Samath sees hedging through ASEAN."

ANSWERS: dict[str, dict[str, str]] = {
    "right": {
        "L00.E1": 'answer = "defiance"',
        "L00.E2": 'answer = "Soft-bandwagoning"',
        "L00.E3": "answer = 1958",
        "L00.E4": 'answer = "hedging"',
        "L00.E5": OPEN,
    },
    "wrong": {
        "L00.E1": 'answer = "diversification"',
        "L00.E2": 'answer = "hedging"',
        "L00.E3": "answer = 2010",
        "L00.E4": 'answer = "soft_bandwagoning"',
        "L00.E5": "Both say Cambodia hedges.",
    },
    "partial": {
        "L00.E1": 'answer = "Defiance "',
        "L00.E2": 'answer = "soft alignment"',
        "L00.E3": 'answer = "1953"',
    },
    "infinite_loop": {
        "L00.E1": "while True:\n    pass",
    },
    "exception": {
        "L00.E1": 'answer = "defiance"',
        "L00.E2": "answer = 1 / 0",
        "L00.E3": "answer = 1958",
    },
    "deletes_files": {
        "L00.E1": (
            "import os\n"
            "for entry in os.listdir('.'):\n"
            "    if os.path.isfile(entry):\n"
            "        os.remove(entry)\n"
            'answer = "defiance"'
        ),
    },
    "reads_sources": {
        "L00.E1": (
            "import pathlib\n"
            "seen = [p for up in range(1, 8) for p in (pathlib.Path('../' * up + 'source'),\n"
            "        pathlib.Path('../' * up + 'instructor'), pathlib.Path('../' * up + 'gradebook.db'))\n"
            "        if p.exists()]\n"
            "# right answer only if the instructor's files were reachable\n"
            'answer = "defiance" if seen else "deference"'
        ),
    },
    "monkeypatch": {
        "L00.E1": (
            "import builtins\n"
            "import smallstate.exercises as exercises\n"
            "exercises.check = lambda *args, **kwargs: 'correct'\n"
            "builtins.abs = lambda x: 0\n"
            "str = lambda x: 'defiance'\n"
            "float = lambda x: 1958.0\n"
            "class AlwaysEqual(builtins.str):\n"
            "    def __eq__(self, other):\n"
            "        return True\n"
            "    __hash__ = builtins.str.__hash__\n"
            "    def casefold(self):\n"
            "        return 'defiance'\n"
            "answer = AlwaysEqual('nothing')"
        ),
        "L00.E3": (
            "class Near(builtins.float):\n"
            "    def __sub__(self, other):\n"
            "        return 0.0\n"
            "answer = Near(1.0)"
        ),
    },
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        new_assignment(NAME, "L00", tmp)
        release = release_assignment(NAME, tmp)
        template = nbformat.read(release / f"{NAME}.ipynb", as_version=4)
    out = HERE / "submissions"
    shutil.rmtree(out, ignore_errors=True)
    for student, answers in ANSWERS.items():
        nb = nbformat.from_dict(template)
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            ex_id = gid.removesuffix("_answer").replace("_", ".")
            if cell.metadata.get("nbgrader", {}).get("solution") and ex_id in answers:
                cell.source = answers[ex_id]
        (out / student).mkdir(parents=True)
        nbformat.write(nb, out / student / f"{NAME}.ipynb")
    (out / "malformed").mkdir()
    text = (out / "right" / f"{NAME}.ipynb").read_text(encoding="utf-8")
    (out / "malformed" / f"{NAME}.ipynb").write_text(text[: len(text) // 2], encoding="utf-8")
    print(f"wrote {len(ANSWERS) + 1} submissions to {out}")


if __name__ == "__main__":
    main()
