"""Draw the acts of the reliability study and write their text (no coding) for a second coder.

The rule (reproducible, no random-number generator whose stream could change between library
versions):

1. Population: the acts listed in ``reliability_population.txt`` beside this script, i.e. the
   curated acts of ``datasets/evidence_acts.csv`` on 2026-11-27 (every act whose id does not
   start with ``U-``: the UNGA-derived acts are coded by a fixed rule, not by a reader). The
   list is frozen so that acts added later do not change the sample. Left out: the acts whose
   coding ``datasets/README.md`` states or discusses (``CODEBOOK_EXAMPLES``: the worked examples
   of the codebook and the coding fixes of its changelog), which a coder who reads the codebook
   has already seen coded.
2. Strata by source: the Leng (2016) feature (``leng2016``), the Samath (2020) brief
   (``samath2020``), and every other source (official documents and news outlets).
3. Sample size 36, allocated to the strata in proportion to their size (largest remainder).
4. Within a stratum, acts are ranked by the SHA-256 of ``"<SEED>:<act_id>"`` (hexadecimal, the
   seed below) and the first ones are taken.

Usage (from the repository root)::

    .venv/bin/python datasets/build/draw_reliability_sample.py             # list the sample
    .venv/bin/python datasets/build/draw_reliability_sample.py --text FILE # + the acts' text

``--text`` writes, for each sampled act, only act_id, actor, target, counterpart, date, source,
locator and description: never the course's domain, stance, intensity, aimed_at_target,
motive, scope, period, contested flag or note, so that the second coder codes blind.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
POPULATION = HERE / "reliability_population.txt"
EVIDENCE = REPO / "datasets" / "evidence_acts.csv"
SEED = "smallstate-reliability-2026-11-27"
SIZE = 36
#: Acts whose coding datasets/README.md states or discusses (worked examples, coding fixes).
CODEBOOK_EXAMPLES = frozenset(
    {
        "L16-02", "L16-04", "L16-09", "D-04", "D-05", "D-11", "D-14", "D-16", "D-31", "D-43",
        "D-55", "S20-14", "S20-18", "S20-19", "S20-20", "S20-21", "S20-22", "S20-23",
    }
)  # fmt: skip
#: Stratum of a source key: the two seeds apart, every other source together.
SEED_SOURCES = ("leng2016", "samath2020")
#: The columns a blind second coder may see.
TEXT_COLUMNS = (
    "act_id",
    "actor",
    "target",
    "counterpart",
    "date",
    "source",
    "locator",
    "description",
)


def stratum(source: str) -> str:
    """The stratum of a source key: ``leng2016``, ``samath2020`` or ``other``."""
    return source if source in SEED_SOURCES else "other"


def rank_key(act_id: str, seed: str = SEED) -> str:
    """The seeded SHA-256 that orders acts within a stratum."""
    return hashlib.sha256(f"{seed}:{act_id}".encode()).hexdigest()


def allocate(sizes: dict[str, int], total: int) -> dict[str, int]:
    """Proportional allocation of ``total`` to strata (largest remainder, ties by name).

    >>> allocate({"leng2016": 18, "other": 74, "samath2020": 33}, 36)
    {'leng2016': 5, 'other': 21, 'samath2020': 10}
    """
    population = sum(sizes.values())
    if not 0 < total <= population:
        raise ValueError(f"sample size {total} must be between 1 and {population}")
    quotas = {name: total * size / population for name, size in sizes.items()}
    out = {name: int(q) for name, q in quotas.items()}
    left = total - sum(out.values())
    by_remainder = sorted(quotas, key=lambda name: (-(quotas[name] - out[name]), name))
    for name in by_remainder[:left]:
        out[name] += 1
    return dict(sorted(out.items()))


def draw(sources: dict[str, str], size: int = SIZE, seed: str = SEED) -> list[str]:
    """The sampled act ids (sorted), given act_id -> source key of the population.

    >>> draw({"A": "leng2016", "B": "leng2016", "C": "x", "D": "y"}, 2, seed="s")
    ['A', 'D']
    """
    strata: dict[str, list[str]] = {}
    for act_id, source in sources.items():
        strata.setdefault(stratum(source), []).append(act_id)
    quota = allocate({name: len(ids) for name, ids in strata.items()}, size)
    chosen: list[str] = []
    for name, ids in strata.items():
        chosen += sorted(ids, key=lambda act_id: rank_key(act_id, seed))[: quota[name]]
    return sorted(chosen)


def population() -> list[str]:
    """The frozen population: ids of ``reliability_population.txt`` less ``CODEBOOK_EXAMPLES``."""
    lines = POPULATION.read_text(encoding="utf-8").splitlines()
    ids = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return [act_id for act_id in ids if act_id not in CODEBOOK_EXAMPLES]


def read_acts(path: Path = EVIDENCE) -> dict[str, dict[str, str]]:
    """act_id -> the act's text columns only (``TEXT_COLUMNS``), read from the evidence CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["act_id"]: {c: row[c] for c in TEXT_COLUMNS} for row in csv.DictReader(handle)}


def sample(path: Path = EVIDENCE) -> list[str]:
    """The sample drawn from the frozen population, sources as in the evidence table."""
    acts = read_acts(path)
    ids = population()
    missing = [act_id for act_id in ids if act_id not in acts]
    if missing:
        raise KeyError(f"{POPULATION.name}: act ids not in {path}: {', '.join(missing)}")
    return draw({act_id: acts[act_id]["source"] for act_id in ids})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=Path, help="write the sampled acts' text (CSV) here")
    args = parser.parse_args(argv)
    ids = sample()
    acts = read_acts()
    counts: dict[str, int] = {}
    for act_id in ids:
        name = stratum(acts[act_id]["source"])
        counts[name] = counts.get(name, 0) + 1
    print(f"{len(ids)} acts ({', '.join(f'{k}: {v}' for k, v in sorted(counts.items()))})")
    print(" ".join(ids))
    if args.text:
        with args.text.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(TEXT_COLUMNS), lineterminator="\n")
            writer.writeheader()
            writer.writerows(acts[act_id] for act_id in ids)
        print(f"wrote the text of {len(ids)} acts to {args.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
