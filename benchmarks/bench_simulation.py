"""Benchmark: the decision game's costs against one classification of the same record.

For each shipped scenario, plays complete runs (turn i takes its (i + k)-th option) and times,
against a baseline measured in the same run (``classify`` of a finished run's record under one
framework, Kuik):

* one turn: ``choose`` then ``verdicts`` (every framework) and ``trail``, what the game widget
  shows after a click (goal: about 100 ms, so within a few baselines);
* the debrief: ``pivotal_choices`` of a finished run (every single-choice variant, every
  framework);
* ``collect_runs`` of a folder of ``--runs`` saved runs, per run.

Every figure is the best of ``--repeat`` rounds; the ratios are printed, not asserted.

Usage::

    python benchmarks/bench_simulation.py            # 10 runs per scenario, best of 3
    python benchmarks/bench_simulation.py --runs 30  # a class of 30

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from smallstate import classify
from smallstate.simulation import (
    Game,
    Scenario,
    collect_runs,
    list_scenarios,
    load_scenario,
    pivotal_choices,
    save_run,
)


def best(fn: Callable[[], object], repeat: int) -> float:
    """The best wall time of ``repeat`` calls, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per scenario to collect")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best is kept")
    args = parser.parse_args()
    for sid in list_scenarios():
        scenario = load_scenario(sid)

        def choices(k: int, s: Scenario = scenario) -> list[str]:
            return [t.options[(i + k) % len(t.options)].id for i, t in enumerate(s.turns)]

        finished = Game.replay(scenario, choices(0))
        record = finished.record
        baseline = best(lambda r=record: classify(r, "kuik"), args.repeat)

        def one_turn_each(s: Scenario = scenario) -> None:
            game = Game(s)
            for choice in choices(1, s):
                game.choose(choice)
                game.verdicts()
                game.trail()

        per_turn = best(one_turn_each, args.repeat) / len(scenario.turns)
        debrief = best(lambda g=finished: pivotal_choices(g), args.repeat)
        with tempfile.TemporaryDirectory() as folder:
            for k in range(args.runs):
                save_run(Game.replay(scenario, choices(k), seed=k), Path(folder) / f"r{k}.json")
            per_run = best(lambda f=folder: collect_runs(f), args.repeat) / args.runs
        print(f"{sid}: {len(scenario.turns)} turns, record of {len(record)} acts")
        print(f"  baseline classify(record, 'kuik'):       {baseline * 1000:8.1f} ms")
        print(f"  one turn (choose, verdicts, trail):     {per_turn * 1000:8.1f} ms  "
              f"{per_turn / baseline:6.1f} x baseline")  # fmt: skip
        print(f"  debrief (pivotal_choices, finished run): {debrief * 1000:8.1f} ms  "
              f"{debrief / baseline:6.1f} x baseline")  # fmt: skip
        print(f"  collect_runs, per run ({args.runs} runs):     {per_run * 1000:8.1f} ms  "
              f"{per_run / baseline:6.1f} x baseline")  # fmt: skip


if __name__ == "__main__":
    main()
