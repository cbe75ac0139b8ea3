"""Rebuild the UNGA-derived acts (act_id ``U-...``) inside ``datasets/evidence_acts.csv``.

The acts are the recorded votes on the roll calls where China voted no and the United States
yes: Cambodia's for 2010-2019, and for 2013-2016 (the window of Leng's comparison) those of the
comparator states the seeds name (Singapore, Malaysia, Vietnam, Laos, Indonesia), coded by the rule in :mod:`smallstate.vote_acts` (documented in
``datasets/README.md``). Every other row of ``evidence_acts.csv`` is kept as it is, in order;
the ``U-`` rows are replaced by a fresh build and appended at the end.

Usage::

    python datasets/build/build_unga_acts.py [--raw DIR] [--out datasets/evidence_acts.csv]
    python datasets/build/build_unga_acts.py --check   # exit 1 if the CSV is out of date

``--raw`` defaults to ``$SMALLSTATE_UNVOTES``, then the user cache, then ``../shared/data/unvotes``
beside the repository (the raw files are never committed).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[2]
#: (name in the vote data, alpha-3 code, inclusive years)
STATES: tuple[tuple[str, str, tuple[int, int]], ...] = (
    ("Cambodia", "KHM", (2010, 2019)),
    ("Singapore", "SGP", (2013, 2016)),
    ("Malaysia", "MYS", (2013, 2016)),
    ("Vietnam", "VNM", (2013, 2016)),
    ("Laos", "LAO", (2013, 2016)),
    ("Indonesia", "IDN", (2013, 2016)),
)
PREFIX = "U-"


def raw_dir(explicit: str | None) -> Path:
    """The folder holding the raw vote files (first that exists)."""
    from smallstate.unvotes import votes_dir

    if explicit:
        return Path(explicit)
    try:
        return votes_dir(os.environ.get("SMALLSTATE_UNVOTES"))
    except FileNotFoundError:
        return REPO.parent / "shared" / "data" / "unvotes"


def rebuilt(current: pd.DataFrame, raw: Path) -> pd.DataFrame:
    """``current`` with its ``U-`` rows replaced by a fresh build from ``raw``."""
    from smallstate.unvotes import acts_from_votes, load_votes

    votes = load_votes(raw)
    acts = pd.concat(
        [acts_from_votes(votes, name, code, years=years) for name, code, years in STATES],
        ignore_index=True,
    )
    kept = current[~current["act_id"].str.startswith(PREFIX)]
    acts = acts.reindex(columns=current.columns, fill_value="").astype(str)
    return pd.concat([kept, acts], ignore_index=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", help="folder with the three un_*.csv.gz files")
    parser.add_argument("--out", default=str(REPO / "datasets" / "evidence_acts.csv"))
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 if stale")
    args = parser.parse_args(argv)
    out = Path(args.out)
    current = pd.read_csv(out, dtype=str, keep_default_na=False)
    table = rebuilt(current, raw_dir(args.raw))
    text = table.to_csv(index=False, lineterminator="\n")
    if args.check:
        same = out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{out} is out of date: run {Path(__file__).name}")
        return 0 if same else 1
    out.write_text(text, encoding="utf-8")
    n = int(table["act_id"].str.startswith(PREFIX).sum())
    print(f"wrote {out}: {len(table)} acts, {n} of them UNGA-derived")
    return 0


if __name__ == "__main__":
    sys.exit(main())
