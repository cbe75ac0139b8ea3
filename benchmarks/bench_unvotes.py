"""Benchmark: yearly UNGA agreement of every pair of countries over all 870k votes.

Compares ``smallstate.unvotes.agreement_all_pairs(votes)`` (every ordered pair of the 200
countries, every year 1946-2020, returned as a long DataFrame with ``agreement``, ``s_score``
and ``kappa``) with two bare numpy floors from ready-made integer arrays (no validation, no
output table):

- the floor of today's goal: the minimal pivot-and-compare computation of the ``n_both`` and
  ``n_same`` matrices. Goal: ratio <= 3, the same goal as before S and kappa were added;
- a floor that also computes the counts S and kappa need (yes-no pairs, each country's yes,
  abstain and no counts on the roll calls both voted on), for the cost of the new columns.

Both floors use numpy's default BLAS threading, as when the goal was set; the library runs its
per-year products on one BLAS thread (see ``smallstate.unvotes.agreement``), and the first floor
is also timed on one BLAS thread, for information (on shared cores the default threading of
these small products varies several-fold from run to run). All are timed in alternation.

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


def interleaved(functions: list[Callable[[], object]], repeat: int) -> list[float]:
    """Minimum wall time of each function over ``repeat`` alternating calls, in seconds.

    Alternating them keeps all exposed to the same machine load (the cores are shared).
    """
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(repeat):
        for fn, bucket in zip(functions, times, strict=True):
            start = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - start)
    return [min(bucket) for bucket in times]


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


def numpy_floor_measures(
    row: np.ndarray, col: np.ndarray, code: np.ndarray, bounds: np.ndarray, n_rows: int, n: int
) -> tuple[np.ndarray, ...]:
    """The floor plus what S and kappa need: yes-no pairs and each side's vote counts."""
    matrix = np.zeros((n_rows, n), dtype=np.int8)
    matrix[row, col] = code
    shape = (len(bounds) - 1, n, n)
    both, same, yes_no, n_yes, n_abstain = (np.empty(shape, dtype=np.float32) for _ in range(5))
    for k in range(len(bounds) - 1):
        block = matrix[bounds[k] : bounds[k + 1]]
        present = (block > 0).astype(np.float32)
        onehot = [(block == v).astype(np.float32) for v in (1, 2, 3)]
        both[k] = present.T @ present
        same[k] = sum(o.T @ o for o in onehot)
        yes_no[k] = onehot[0].T @ onehot[2]
        n_yes[k] = onehot[0].T @ present
        n_abstain[k] = onehot[1].T @ present
    return both, same, yes_no, n_yes, n_abstain


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

    # The new columns against the second floor's counts, for one pair-year checked by hand.
    _, _, yes_no, n_yes, n_abstain = numpy_floor_measures(row, col, code, bounds, n_rows, n)
    k, a, b = len(bounds) - 3, names.index("Cambodia"), names.index("China")
    nb, ns = both[k, a, b], same[k, a, b]
    shares_a = np.array([n_yes[k, a, b], n_abstain[k, a, b], 0.0])
    shares_b = np.array([n_yes[k, b, a], n_abstain[k, b, a], 0.0])
    shares_a[2], shares_b[2] = nb - shares_a[:2].sum(), nb - shares_b[:2].sum()
    p_e = float(shares_a @ shares_b) / nb**2
    row_ab = table[(table["country"] == "Cambodia") & (table["partner"] == "China")].iloc[k]
    opposite = yes_no[k, a, b] + yes_no[k, b, a]
    assert abs(row_ab["s_score"] - (ns - opposite) / nb) <= 1e-6
    assert abs(row_ab["kappa"] - (ns / nb - p_e) / (1 - p_e)) <= 1e-6

    from threadpoolctl import threadpool_limits

    def one_thread_floor() -> object:
        with threadpool_limits(limits=1, user_api="blas"):
            return numpy_floor(row, col, code, bounds, n_rows, n)

    lib, floor, floor_measures, floor_1 = interleaved(
        [
            lambda: unvotes.agreement_all_pairs(votes),
            lambda: numpy_floor(row, col, code, bounds, n_rows, n),
            lambda: numpy_floor_measures(row, col, code, bounds, n_rows, n),
            one_thread_floor,
        ],
        args.repeat,
    )
    print(
        f"votes: {len(votes.votes):,} rows, {n_rows:,} roll calls, {n} countries, {len(bounds) - 1} years"
    )
    print(f"load_votes:                      {load:7.3f} s")
    print(f"agreement_all_pairs (by year):   {lib:7.3f} s  -> {len(table):,} rows")
    print(f"numpy pivot-and-compare floor:   {floor:7.3f} s")
    print(f"  + the counts for S and kappa:  {floor_measures:7.3f} s")
    print(f"ratio library / floor:           {lib / floor:7.2f}  (goal <= 3; with s_score, kappa)")
    print(f"ratio library / floor with S, kappa counts: {lib / floor_measures:7.2f}")
    print(f"floor on one BLAS thread:        {floor_1:7.3f} s  (ratio {lib / floor_1:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
