"""Benchmark: executing every lesson against the floor of a fresh kernel plus the imports.

For each lesson, in the same run and interleaved, the script times

* the lesson: start a fresh kernel and execute every cell (nbclient, as ``make lessons`` does,
  without saving), and
* the floor: start a fresh kernel and execute one cell importing what every lesson needs
  (``pandas``, ``seaborn``, ``ipywidgets``, ``smallstate``),

and prints each lesson's best time, its floor, and the ratio of the totals. Goal (issue 12):
all lessons <= 1.3 x the floor. Figures are printed, not asserted.

Usage::

    python benchmarks/bench_lessons.py              # every lesson, best of 2
    python benchmarks/bench_lessons.py --repeat 3 lessons/03_*.ipynb

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOAL = 1.3
FLOOR_SOURCE = "import pandas, seaborn, ipywidgets\nimport smallstate\nfrom smallstate import plots"


def _run(nb: object, folder: Path) -> float:
    from nbclient import NotebookClient

    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
        record_timing=False,
    )
    t0 = time.perf_counter()
    client.execute()
    return time.perf_counter() - t0


def main() -> None:
    import nbformat

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    lessons = args.lessons or sorted((REPO / "lessons").glob("*.ipynb"))
    scratch = Path(tempfile.mkdtemp(prefix="smallstate-bench-"))
    os.environ["SMALLSTATE_PROGRESS_FILE"] = str(scratch / "progress.json")
    os.environ["MPLCONFIGDIR"] = str(scratch / "mpl")
    floor_nb = nbformat.v4.new_notebook()
    floor_nb.cells = [nbformat.v4.new_code_cell(FLOOR_SOURCE)]
    _run(floor_nb, REPO / "lessons")  # warm the file cache and matplotlib's font cache
    rows = []
    for path in lessons:
        lesson_times, floor_times = [], []
        for _ in range(args.repeat):
            floor_times.append(_run(nbformat.v4.new_notebook(cells=floor_nb.cells), path.parent))
            lesson_times.append(_run(nbformat.read(path, as_version=4), path.parent))
        rows.append((path.name, min(lesson_times), min(floor_times)))
        print(f"  {path.name:<36} {rows[-1][1]:6.2f} s  floor {rows[-1][2]:5.2f} s", flush=True)
    total, floor = sum(r[1] for r in rows), sum(r[2] for r in rows)
    ratio = total / floor
    print(
        f"all {len(rows)} lessons: {total:.2f} s; floor {floor:.2f} s; ratio {ratio:.2f} "
        f"(goal <= {GOAL:g}: {'met' if ratio <= GOAL else 'MISSED'})"
    )


if __name__ == "__main__":
    sys.exit(main())
