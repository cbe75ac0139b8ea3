"""Where the course's concepts come from: each concept against the years of the sources citing it.

The concept registry (``datasets/concepts.csv``) lists for every concept the sources that
define or use it, as ``key:locator`` pairs separated by ``;``. Joined with the bibliography's
years, this gives a small lineage of the vocabulary: which ideas date from the realist
classics (Waltz 1979, Walt 1985 and 1987, Schweller 1994) and which later works, including
the two seed articles, take them up.

Examples
--------
>>> table = concept_sources(["balance_of_threat", "bandwagoning_for_profit"])
>>> table["key"].tolist()
['walt1985', 'walt1987', 'schweller1994', 'leng2016']
>>> table["role"].tolist()[-1]
'seed article'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = ["REALIST_CONCEPTS", "SEED_KEYS", "concept_sources"]

#: The two seed articles of the course.
SEED_KEYS: Final[frozenset[str]] = frozenset({"samath2020", "leng2016"})


#: The concepts of lesson 01 (realist theories of alignment), in teaching order.
REALIST_CONCEPTS: Final[tuple[str, ...]] = (
    "balance_of_power",
    "internal_balancing",
    "external_balancing",
    "balance_of_threat",
    "bandwagoning",
    "bandwagoning_for_profit",
    "jackal_bandwagoning",
    "piling_on",
    "wave_of_the_future",
    "contagion_bandwagoning",
)


def concept_sources(concepts: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per (concept, cited source) with the source's year.

    Parameters
    ----------
    concepts
        Concept ids to keep, in the order wanted (default: all, in registry order).

    Returns
    -------
    pandas.DataFrame
        Columns ``concept``, ``name``, ``key``, ``year`` (int), ``role`` (``"seed article"``
        for the two seeds, else ``"scholarly literature"``), ``locator``; sorted by the
        requested concept order, then year. A source cited twice for one concept appears once.

    Raises
    ------
    smallstate.errors.UnknownNameError
        If a requested concept id is not in the registry (naming the closest ids).
    KeyError
        If a cited key has no year.
    """
    import pandas as pd

    from smallstate.concepts.registry import concept
    from smallstate.concepts.registry import concepts as all_concepts
    from smallstate.data import load

    years = load("bibliography").set_index("key")["year"]
    order = [c.id for c in all_concepts()] if concepts is None else list(concepts)
    chosen = [concept(cid) for cid in order]  # the registry parses concepts.csv once
    rows = [(c.id, c.name, key, locator) for c in chosen for key, locator in c.sources]
    table = pd.DataFrame(rows, columns=["concept", "name", "key", "locator"], dtype=object)
    missing = sorted(set(table["key"]) - set(years.index))
    if missing:
        raise KeyError(f"cited key(s) without a bibliography year: {missing}")
    table["year"] = table["key"].map(years).astype(int)
    table["role"] = (
        table["key"].isin(SEED_KEYS).map({True: "seed article", False: "scholarly literature"})
    )
    table = table.drop_duplicates(["concept", "key"])
    rank = {c: i for i, c in enumerate(order)}
    table = table.assign(_rank=table["concept"].map(rank)).sort_values(["_rank", "year", "key"])
    columns = ["concept", "name", "key", "year", "role", "locator"]
    return table[columns].reset_index(drop=True)
