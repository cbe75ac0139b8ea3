"""Regenerate the sample submissions (run from the repo root).

    .venv/bin/python instructor/samples/make_submissions.py [hw00] [hw02] [hw04]

``hw00`` (every L00 exercise, in ``instructor/samples/submissions``): right, wrong, partly
right, and hostile ones (infinite loop, exception, deleting files, reading the instructor's
sources, monkeypatching the checks, a fork bomb, a memory hog, malformed JSON).

``hw02`` (every L02 exercise, in ``instructor/samples/hw02/submissions``): partial credit on
L02.E2, which is graded in parts (the evidence table, then the label): right, the evidence
right but the label wrong, the label typed without building the evidence, nothing answered,
and a submission that changes how numbers are displayed to fake its score.

``hw04`` (L04.E1, in ``instructor/samples/hw04/submissions``): the coding of each act is graded
(1 point) apart from the label (1 point): right, the label right but report A coded as
diversification (a guessable label earns 1 of 2), the coding right but the label wrong, and
nothing answered.

Each assignment is built in a temp course and released; the student version is filled in.
Then update ``expected_grades.csv`` by grading them (``smallstate instructor grade NAME
SUBMISSIONS --roster roster.txt``) and reviewing every row.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import nbformat

from smallstate.instructor import new_assignment, release_assignment

HERE = Path(__file__).resolve().parent
NAME = "hw00"

# What a hostile cell can find without a sandbox: the gradebook named on the command line of
# the grading process above it (through /proc) with the course folder around it, the
# instructor's exercise files beside an installed checkout, and other students' copies in the
# grading folder. Absolute paths: no guessing from the working folder.
PROBE = (
    "import os, pathlib, re\n"
    "import smallstate\n"
    "found, pid, above = [], os.getpid(), ''\n"
    "while pid > 1:  # the processes above this kernel, up to init\n"
    "    proc = pathlib.Path('/proc', str(pid))\n"
    "    try:\n"
    "        above += (proc / 'cmdline').read_bytes().decode(errors='replace') + '\\x00'\n"
    "        pid = int((proc / 'stat').read_text().rsplit(')', 1)[1].split()[1])\n"
    "    except (OSError, ValueError, IndexError):\n"
    "        break\n"
    "for db in re.findall('sqlite:///([^\\x00]+)', above):\n"
    "    db = pathlib.Path(db)\n"
    "    found += [str(p) for p in (db, db.parent / 'source', db.parent / 'release') if p.exists()]\n"
    "checkout = pathlib.Path(smallstate.__file__).resolve().parents[1]\n"
    "found += [str(p) for p in checkout.glob('instructor/exercises/*.yaml')]\n"
    "here = pathlib.Path.cwd().resolve()\n"
    "found += [str(p) for up in here.parents for p in up.glob('*/course/*/*/hw00/hw00.ipynb')\n"
    "          if p.parent != here]\n"
    "found = sorted(set(found))\n"
)

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
            "import os, shutil\n"
            "for entry in os.listdir('.'):\n"
            "    if os.path.isfile(entry):\n"
            "        os.remove(entry)\n" + PROBE + "for target in found:\n"
            "    try:\n"
            "        shutil.rmtree(target) if os.path.isdir(target) else os.remove(target)\n"
            "    except OSError:\n"
            "        pass\n"
            'answer = "defiance"'
        ),
    },
    "reads_sources": {
        "L00.E1": (
            PROBE + "print('found:', found)\n"
            "# right answer only if the instructor's files were reachable\n"
            'answer = "defiance" if found else "deference"'
        ),
    },
    "fork_bomb": {
        "L00.E1": (
            "import os, time\n"
            "for _ in range(1000):\n"
            "    if os.fork() == 0:  # each child waits, then leaves\n"
            "        time.sleep(30)\n"
            "        os._exit(0)\n"
            'answer = "defiance"'
        ),
    },
    "memory_hog": {
        "L00.E1": (
            'hog = [bytearray(100 * 2**20) for _ in range(30)]  # 3 GB\nanswer = "defiance"'
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


EVIDENCE = (
    'acts = [("economic", "deference", 2, "no"), ("security", "defiance", 2, "yes"),\n'
    '        ("institutional", "binding", 2, "yes")]\n'
    "evidence = fictional_evidence(acts)\n"
)

ANSWERS_HW02: dict[str, dict[str, str]] = {
    "right": {
        "L02.E1": 'answer = "dominance denial"',
        "L02.E2": EVIDENCE + 'answer = classify(evidence, framework="jackson")["label"].iloc[0]',
        "L02.E3": 'answer = "Goh\'s omni-enmeshment"',
        "L02.E4": EVIDENCE
        + 'answer = round(float(classify(evidence, framework="kuik")["position"].iloc[0]), 2)',
    },
    "evidence_only": {
        "L02.E1": 'answer = "economic pragmatism"',
        "L02.E2": EVIDENCE + 'answer = "soft_balancing"',
        "L02.E3": 'answer = "Goh\'s omni-enmeshment"',
        "L02.E4": "answer = 0.3",
    },
    "label_only": {
        "L02.E2": 'acts = ...\nevidence = ...\nanswer = "hedging"',
    },
    "blank": {},
    "display_hack": {
        "L02.E1": (
            "formatter = get_ipython().display_formatter.formatters['text/plain']\n"
            "formatter.for_type(float, lambda value, printer, cycle: printer.text('2.0'))\n"
            'answer = "dominance denial"'
        ),
    },
}


def _new_acts(stance_a: str = "deference", aimed_a: str = "yes") -> str:
    """The new_acts cell of L04.E1, with report A's stance and aim as given."""
    return (
        'common = {"actor": "KHM", "source": "leng2016", "locator": "hypothetical",\n'
        '          "motive": "unknown", "scope": "", "period": "2013-2016", "contested": "no",\n'
        '          "note": "Hypothetical act invented for exercise L04.E1."}\n'
        "new_acts = pd.DataFrame([\n"
        '    {**common, "act_id": "A", "target": "USA", "counterpart": "USA", "date": "2016-03",\n'
        f'     "domain": "security", "stance": "{stance_a}", "intensity": "2",\n'
        f'     "aimed_at_target": "unknown", "aimed_at_rivals": "{aimed_a}",\n'
        '     "description": "Naval exercise with the US (hypothetical)."},\n'
        '    {**common, "act_id": "B", "target": "CHN", "counterpart": "CHN", "date": "2016-06",\n'
        '     "domain": "diplomatic", "stance": "defiance", "intensity": "1",\n'
        '     "aimed_at_target": "yes", "description": "Criticism (hypothetical)."},\n'
        "])\n"
    )


LABEL_L04 = (
    "evidence = derive_acts(validate_evidence(pd.concat([seeds, new_acts], ignore_index=True)))\n"
    'out = classify(evidence, framework="leng")\n'
    'answer = out[(out.actor == "KHM") & (out.target == "CHN") & (out.period == "2013-2016")]'
    '["label"].iloc[0]\n'
)

ANSWERS_HW04: dict[str, dict[str, str]] = {
    "right": {"L04.E1": _new_acts() + LABEL_L04},
    "label_guessed": {"L04.E1": _new_acts("diversification", "no") + 'answer = "hedging"'},
    "coding_only": {"L04.E1": _new_acts() + 'answer = "soft_bandwagoning"'},
    "blank": {},
}

ASSIGNMENTS = {
    "hw00": ("L00", ANSWERS, HERE / "submissions"),
    "hw02": ("L02", ANSWERS_HW02, HERE / "hw02" / "submissions"),
    "hw04": ("L04.E1", ANSWERS_HW04, HERE / "hw04" / "submissions"),
}


def write_samples(name: str, selection: str, samples: dict[str, dict[str, str]], out: Path) -> None:
    """Build and release ``name`` in a temp course; write one filled-in copy per sample."""
    with tempfile.TemporaryDirectory() as tmp:
        new_assignment(name, selection, tmp)
        release = release_assignment(name, tmp)
        template = nbformat.read(release / f"{name}.ipynb", as_version=4)
    shutil.rmtree(out, ignore_errors=True)
    for student, answers in samples.items():
        nb = nbformat.from_dict(template)
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            ex_id = gid.removesuffix("_answer").replace("_", ".")
            if cell.metadata.get("nbgrader", {}).get("solution") and ex_id in answers:
                cell.source = answers[ex_id]
        (out / student).mkdir(parents=True)
        nbformat.write(nb, out / student / f"{name}.ipynb")
    print(f"wrote {len(samples)} submissions to {out}")


def main(names: list[str]) -> None:
    for name in names or list(ASSIGNMENTS):
        selection, samples, out = ASSIGNMENTS[name]
        write_samples(name, selection, samples, out)
        if name == NAME:
            (out / "malformed").mkdir()
            text = (out / "right" / f"{name}.ipynb").read_text(encoding="utf-8")
            (out / "malformed" / f"{name}.ipynb").write_text(
                text[: len(text) // 2], encoding="utf-8"
            )
            print(f"wrote {out / 'malformed'}")


if __name__ == "__main__":
    main(sys.argv[1:])
