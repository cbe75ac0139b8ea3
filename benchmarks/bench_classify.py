"""Benchmark: classify synthetic acts with every framework, from raw text and from typed tables.

Builds N synthetic raw acts (text columns as read from a CSV: intensity ``"1"``/``"2"``/``"3"``,
dates ``"2019"``) spread over 10,000 cases (20 actors x 5 targets x 10 scopes x 10 periods) and,
for every framework, times

* ``classify`` on the raw table, validation included (end to end; goal <= 5 x baseline), and
* ``classify`` on the table ``validate_evidence`` returned (goal <= 2 x baseline),

against a bare pandas groupby-sum of intensity over the same rows and case keys, measured in the
same run. Every figure is the best of ``--repeat`` interleaved rounds; the ratios are printed,
not asserted.

Usage::

    python benchmarks/bench_classify.py                 # 1,000,000 acts, raw and validated
    python benchmarks/bench_classify.py --input validated   # skip the end-to-end timings
    python benchmarks/bench_classify.py --sizes 1000000 10000000   # also the 10M/1M growth

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from smallstate import classify, validate_evidence
from smallstate.evidence import DOMAINS, STANCES
from smallstate.frameworks import FRAMEWORKS

ACTORS = ["KHM", "LAO", "MMR", "THA", "VNM", "MYS", "SGP", "IDN", "PHL", "BRN",
          "MNG", "NPL", "LKA", "BGD", "KAZ", "KGZ", "TJK", "UZB", "TKM", "BTN"]  # fmt: skip
TARGETS = ["CHN", "JPN", "USA", "IND", "RUS"]
COUNTERPARTS = ["CHN", "JPN", "USA", "ASEAN", "ARF", "BRI", "FOIP-JP", "FOIP-US", "KHM", "AIIB"]
KEYS = ["actor", "target", "scope", "period"]
END_TO_END_GOAL = 5.0
VALIDATED_GOAL = 2.0


def synthetic(n: int, seed: int = 0) -> pd.DataFrame:
    """n raw acts (text columns, as read from a CSV) over 10,000 cases."""
    rng = np.random.default_rng(seed)
    pick = lambda values: np.asarray(values, dtype=object)[rng.integers(0, len(values), n)]  # noqa: E731
    years = rng.integers(1990, 2021, n).astype(str).astype(object)
    return pd.DataFrame(
        {
            "act_id": pd.Series(np.arange(n)).map("A{:08d}".format).to_numpy(),
            "actor": pick(ACTORS),
            "target": pick(TARGETS),
            "counterpart": pick(COUNTERPARTS),
            "date": years,
            "domain": pick(DOMAINS),
            "stance": pick(STANCES),
            "intensity": pick(["1", "2", "3"]),
            "aimed_at_target": pick(["yes", "no", "unknown"]),
            "source": "synthetic",
            "locator": "p. 1",
            "description": "A synthetic act.",
            "motive": pick(["gain", "security", "unknown"]),
            "scope": pick([f"S{i}" for i in range(10)]),
            "period": pick([f"P{i}" for i in range(10)]),
        }
    )


def peak_mib() -> float:
    """Peak resident memory of this process so far (MiB)."""
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib / 1024 if sys.platform != "darwin" else kib / 2**20


def timed(fn: Callable[[], object]) -> float:
    """Wall-clock time of one call (seconds)."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(n: int, repeat: int, raw_input: bool) -> dict[str, dict[str, float]]:
    """Time one size, print the ratios; return {"raw"|"validated": {framework: seconds}}
    (plus "baseline" and "validate": {"": seconds}).

    The measurements are interleaved: each round times the baseline, validation and every
    classify once, and each keeps its best round, so that a busy spell on a shared machine
    cannot favour one of them.
    """
    raw = synthetic(n)
    ev = validate_evidence(raw)
    n_cases = ev.groupby(KEYS).ngroups
    jobs: dict[tuple[str, str], Callable[[], object]] = {
        ("baseline", ""): lambda: ev.groupby(KEYS, sort=True)["intensity"].sum(),
        ("validate", ""): lambda: validate_evidence(raw),
    }
    for fw in FRAMEWORKS:
        if raw_input:
            jobs["raw", fw] = lambda fw=fw: classify(raw, fw)
        jobs["validated", fw] = lambda fw=fw: classify(ev, fw)
    best = dict.fromkeys(jobs, float("inf"))
    for _ in range(repeat):
        for key, fn in jobs.items():
            best[key] = min(best[key], timed(fn))
    t_base, t_validate = best["baseline", ""], best["validate", ""]
    print(f"\n{n:,} acts in {n_cases:,} cases (best of {repeat} interleaved rounds)")
    print(f"  bare groupby-sum baseline      {t_base:8.3f} s")
    print(f"  validate_evidence (raw text)   {t_validate:8.3f} s   {t_validate / t_base:6.2f} x")
    modes = ("raw", "validated") if raw_input else ("validated",)
    head = f"  {'classify':<12}"
    if raw_input:
        head += f"{'raw (s)':>10} {'ratio':>7}"
    print(head + f"{'validated (s)':>15} {'ratio':>7}")
    seconds: dict[str, dict[str, float]] = {mode: {} for mode in modes}
    for fw in FRAMEWORKS:
        line = f"  {fw:<12}"
        for mode in modes:
            seconds[mode][fw] = best[mode, fw]
            width = 10 if mode == "raw" else 15
            line += f"{best[mode, fw]:>{width}.3f} {best[mode, fw] / t_base:>7.2f}"
        print(line)
    for mode, goal in (("raw", END_TO_END_GOAL), ("validated", VALIDATED_GOAL)):
        if mode in seconds:
            worst = max(seconds[mode].values()) / t_base
            label = "end-to-end (raw) ratio" if mode == "raw" else "validated ratio"
            verdict = "meets" if worst <= goal else "MISSES"
            print(f"  worst {label:<24} {worst:6.2f}   {verdict} the goal <= {goal:g}")
    print(f"  peak resident memory so far    {peak_mib():8.0f} MiB")
    seconds["baseline"], seconds["validate"] = {"": t_base}, {"": t_validate}
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--repeat", type=int, default=5, help="best of this many rounds")
    parser.add_argument(
        "--input",
        choices=["raw", "validated"],
        default="raw",
        help="raw (default): time classify on the raw table and on the validated one; "
        "validated: only on the validated table",
    )
    args = parser.parse_args(argv)
    raw_input = args.input == "raw"
    results = {n: run(n, args.repeat, raw_input) for n in args.sizes}
    if len(results) > 1:
        small, large = min(results), max(results)
        goal = large / small * 1.2
        print(
            f"\ngrowth of the times from {small:,} to {large:,} acts (linear: {large / small:g}):"
        )
        for name in ("baseline", "validate"):
            growth = results[large][name][""] / results[small][name][""]
            print(
                f"  {'groupby-sum' if name == 'baseline' else 'validate_evidence':<24}{growth:6.1f}"
            )
        for fw in FRAMEWORKS:
            line = f"  {fw:<12}"
            for mode in ("raw", "validated") if raw_input else ("validated",):
                growth = results[large][mode][fw] / results[small][mode][fw]
                line += f"  {mode} {growth:6.1f}"
            print(line)
        print(f"  (classify: goal <= {goal:g}, i.e. linear + 20 %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
