"""Benchmark: classify synthetic acts with every framework.

Builds N synthetic acts spread over 10,000 cases (20 actors x 5 targets x 10 scopes x 10
periods), validates them once, then times ``classify`` (profiles + rules + evidence ids) for
every framework and compares with a bare pandas groupby-sum over the same rows and keys.

Usage::

    python benchmarks/bench_classify.py                 # 1,000,000 acts
    python benchmarks/bench_classify.py --sizes 1000000 10000000   # also the 10M/1M ratio

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

import numpy as np
import pandas as pd

from smallstate.evidence import DOMAINS, STANCES, validate_evidence
from smallstate.frameworks import FRAMEWORKS
from smallstate.verdicts import classify

ACTORS = ["KHM", "LAO", "MMR", "THA", "VNM", "MYS", "SGP", "IDN", "PHL", "BRN",
          "MNG", "NPL", "LKA", "BGD", "KAZ", "KGZ", "TJK", "UZB", "TKM", "BTN"]  # fmt: skip
TARGETS = ["CHN", "JPN", "USA", "IND", "RUS"]
COUNTERPARTS = ["CHN", "JPN", "USA", "ASEAN", "ARF", "BRI", "FOIP-JP", "FOIP-US", "KHM", "AIIB"]
KEYS = ["actor", "target", "scope", "period"]


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


def timed(fn, repeat: int = 1) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def run(n: int, repeat: int) -> dict[str, float]:
    raw = synthetic(n)
    start = time.perf_counter()
    ev = validate_evidence(raw)
    t_validate = time.perf_counter() - start
    del raw
    n_cases = ev.groupby(KEYS).ngroups
    t_base = timed(lambda: ev.groupby(KEYS, sort=True)["intensity"].sum(), repeat)
    print(f"\n{n:,} acts in {n_cases:,} cases")
    print(f"  validate_evidence (raw text)      {t_validate:8.2f} s")
    print(f"  bare groupby-sum baseline         {t_base:8.3f} s")
    times: dict[str, float] = {}
    for fw in FRAMEWORKS:
        times[fw] = timed(lambda fw=fw: classify(ev, fw), repeat)
        print(
            f"  classify {fw:<10} {times[fw]:8.2f} s   ratio to baseline {times[fw] / t_base:6.1f}"
        )
    print(f"  peak resident memory so far       {peak_mib():8.0f} MiB")
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs")
    args = parser.parse_args(argv)
    results = {n: run(n, args.repeat) for n in args.sizes}
    if len(results) > 1:
        small, large = min(results), max(results)
        print(f"\nscaling {large:,}/{small:,} acts (goal <= {large / small * 1.2:.0f}, linear):")
        for fw in FRAMEWORKS:
            print(f"  {fw:<10} {results[large][fw] / results[small][fw]:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
