"""Benchmark: yearly UNGA agreement of every pair of countries over all 870k votes.

Compares ``smallstate.unvotes.agreement_all_pairs(votes)`` (every ordered pair of the 200
countries, every year 1946-2020, returned as a long DataFrame) with a bare numpy floor: the
minimal pivot-and-compare computation of the same ``n_both`` and ``n_same`` matrices from
ready-made integer arrays (no validation, no output table). Goal: ratio <= 3.

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench_unvotes.py [--raw DIR] [--repeat 7]

``--raw`` defaults to ``$SMALLSTATE_UNVOTES``, the user cache, then ``../shared/data/unvotes``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from smallstate import unvotes  # noqa: E402


def _raw_default() -> Path | None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_unga_agreement", REPO / "datasets" / "build" / "build_unga_agreement.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.default_raw()


def interleaved(
    first: Callable[[], object], second: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Minimum wall time of each function over ``repeat`` alternating calls, in seconds.

    Alternating the two keeps both exposed to the same machine load (the cores are shared).
    """
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for fn, bucket in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - start)
    return min(times[0]), min(times[1])


def floor_inputs(votes: unvotes.Votes) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Plain arrays for the floor: row of each vote, country column, vote code 1-3, year bounds."""
    rc = votes.roll_calls.sort_values(["year", "rcid"])
    order = np.argsort(rc["rcid"].to_numpy())
    row = order[np.searchsorted(rc["rcid"].to_numpy()[order], votes.votes["rcid"].to_numpy())]
    col = votes.votes["country"].cat.codes.to_numpy().astype(np.int64)
    code = (votes.votes["vote"].cat.codes.to_numpy() + 1).astype(np.int8)
    years = rc["year"].to_numpy()
    _, starts = np.unique(years, return_index=True)
    bounds = np.append(starts, len(years))
    return row, col, code, bounds


def numpy_floor(
    row: np.ndarray, col: np.ndarray, code: np.ndarray, bounds: np.ndarray, n_rows: int, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Pivot to an int8 (roll call x country) matrix and compare per year block."""
    matrix = np.zeros((n_rows, n), dtype=np.int8)
    matrix[row, col] = code
    both = np.empty((len(bounds) - 1, n, n), dtype=np.float32)
    same = np.empty_like(both)
    for k in range(len(bounds) - 1):
        block = matrix[bounds[k] : bounds[k + 1]]
        present = (block > 0).astype(np.float32)
        onehot = np.concatenate([block == v for v in (1, 2, 3)], axis=0).astype(np.float32)
        both[k] = present.T @ present
        same[k] = onehot.T @ onehot
    return both, same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    raw = args.raw or _raw_default()
    if raw is None:
        parser.error("raw vote files not found; pass --raw DIR or run fetch_votes()")

    start = time.perf_counter()
    votes = unvotes.load_votes(raw)
    load = time.perf_counter() - start
    n = len(votes.votes["country"].cat.categories)
    row, col, code, bounds = floor_inputs(votes)
    n_rows = len(votes.roll_calls)

    table = unvotes.agreement_all_pairs(votes)  # warm-up and sanity check against the floor
    both, same = numpy_floor(row, col, code, bounds, n_rows, n)
    names = list(votes.votes["country"].cat.categories)
    assert names == votes.countries
    i, j = np.nonzero(~np.eye(n, dtype=bool))
    assert (table["n_both"].to_numpy() == both[:, i, j].reshape(-1)).all()
    assert (table["n_same"].to_numpy() == same[:, i, j].reshape(-1)).all()

    lib, floor = interleaved(
        lambda: unvotes.agreement_all_pairs(votes),
        lambda: numpy_floor(row, col, code, bounds, n_rows, n),
        args.repeat,
    )
    print(
        f"votes: {len(votes.votes):,} rows, {n_rows:,} roll calls, {n} countries, {len(bounds) - 1} years"
    )
    print(f"load_votes:                      {load:7.3f} s")
    print(f"agreement_all_pairs (by year):   {lib:7.3f} s  -> {len(table):,} rows")
    print(f"numpy pivot-and-compare floor:   {floor:7.3f} s")
    print(f"ratio library / floor:           {lib / floor:7.2f}  (goal <= 3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
