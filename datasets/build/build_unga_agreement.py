"""Rebuild ``datasets/unga_agreement.csv`` from the raw UNGA roll-call votes (Voeten data).

The table: for each of the ten ASEAN members plus Japan, Australia and India, and each partner
in China, the United States and Japan (no self pairs), for each calendar year 1990-2020, the
counts behind voting agreement, the agreement itself, Signorino and Ritter's S and Cohen's
kappa, computed by :func:`smallstate.unvotes.agreement_all_pairs` (calendar year of the
roll-call date; roll calls on which both voted; agreement = exact match of yes/abstain/no;
S with yes 1, abstain 0.5, no 0; kappa over the three votes; rounded to 6 decimals; empty when
``n_both`` is 0, and kappa also when both cast one and the same vote throughout). 2020 has a
single roll call: treat it as non-informative.

Usage (from the repository root)::

    .venv/bin/python datasets/build/build_unga_agreement.py            # raw data found as below
    .venv/bin/python datasets/build/build_unga_agreement.py --raw DIR --out datasets/unga_agreement.csv

``--raw`` defaults to ``$SMALLSTATE_UNVOTES``, else the user cache filled by
``smallstate.unvotes.fetch_votes()``, else ``../shared/data/unvotes`` beside the repository.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(REPO))

from smallstate import unvotes  # noqa: E402

#: Names exactly as they appear in the data (Myanmar is "Myanmar (Burma)").
COUNTRIES: tuple[str, ...] = (
    "Brunei",
    "Cambodia",
    "Indonesia",
    "Laos",
    "Malaysia",
    "Myanmar (Burma)",
    "Philippines",
    "Singapore",
    "Thailand",
    "Vietnam",
    "Japan",
    "Australia",
    "India",
)
PARTNERS: tuple[str, ...] = ("China", "United States", "Japan")
YEARS: tuple[int, int] = (1990, 2020)
SOURCE = "voeten2009"
COLUMNS: tuple[str, ...] = (
    "year",
    "country",
    "country_code",
    "partner",
    "partner_code",
    "n_rollcalls_year",
    "n_country_voted",
    "n_partner_voted",
    "n_both",
    "n_same",
    "agreement",
    "s_score",
    "kappa",
    "source",
    "locator",
)


def default_raw() -> Path | None:
    """First folder holding the raw files: $SMALLSTATE_UNVOTES, user cache, ../shared/data/unvotes."""
    try:
        return unvotes.votes_dir()  # $SMALLSTATE_UNVOTES, then the user cache
    except FileNotFoundError:
        pass
    try:
        return unvotes.votes_dir(REPO.parent / "shared" / "data" / "unvotes")
    except FileNotFoundError:
        return None


def build(votes: unvotes.Votes) -> pd.DataFrame:
    """Return the agreement table (rows ordered by country, partner, year as listed above)."""
    table = unvotes.agreement_all_pairs(votes, [*COUNTRIES, *PARTNERS], years=YEARS)
    wanted = pd.DataFrame(
        [(c, p) for c in COUNTRIES for p in PARTNERS if c != p], columns=["country", "partner"]
    )
    table = table.astype({"country": "str", "partner": "str"})
    table = wanted.merge(table, on=["country", "partner"], how="left", validate="one_to_many")
    v = votes.votes
    codes = (
        v[v["country"].isin([*COUNTRIES, *PARTNERS])]
        .groupby("country", observed=True)["country_code"]
        .agg(lambda s: s.mode().iloc[0])
        .astype(str)
    )
    table["country_code"] = table["country"].map(codes)
    table["partner_code"] = table["partner"].map(codes)
    table["source"] = SOURCE
    table["locator"] = "un_votes + un_roll_calls, year " + table["year"].astype(str)
    return table.loc[:, list(COLUMNS)].reset_index(drop=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=None, help="folder with the raw vote files")
    parser.add_argument(
        "--out", type=Path, default=REPO / "datasets" / "unga_agreement.csv", help="output CSV"
    )
    args = parser.parse_args(argv)
    raw = args.raw or default_raw()
    if raw is None:
        parser.error(
            "no raw vote files found ($SMALLSTATE_UNVOTES, user cache, ../shared/data/unvotes); "
            "run smallstate.unvotes.fetch_votes() or pass --raw DIR"
        )
    table = build(unvotes.load_votes(raw))
    table.to_csv(args.out, index=False, lineterminator="\n")
    print(f"wrote {len(table)} rows to {args.out} (raw data: {raw})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
