"""The Belt and Road in Cambodia in numbers: projects by funder and instrument, sourced figures.

Three views over the curated tables (``datasets/projects.csv`` and ``datasets/figures.csv``),
each keeping the source and locator next to every number:

* :func:`project_counts` (drawn by :func:`smallstate.plots.projects.plot_projects`): how many of the projects named in the
  sources each funder finances, by instrument (grant, loan, FDI, aid, or unknown when the
  source does not say), and how many are attributed to the funder only by context;
* :func:`sourced_figures`: chosen rows of ``figures.csv`` with an author-year citation;
* :func:`conflict_table`: the figures on which sources disagree, one row per disputed
  quantity with the values side by side and the ratio of the largest to the smallest.

Examples
--------
>>> counts = project_counts()
>>> int(counts.loc[(counts.funder == "JPN") & (counts.instrument == "loan"), "projects"].sum())
1
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from smallstate.errors import unknown

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = [
    "FUNDER_NAMES",
    "INSTRUMENTS",
    "conflict_table",
    "project_counts",
    "sourced_figures",
]

#: Display names of the funder codes used in ``projects.csv``.
FUNDER_NAMES: Final[dict[str, str]] = {
    "CHN": "China",
    "JPN": "Japan",
    "KHM": "Cambodia",
    "unknown": "not stated",
}


#: Instruments in display order.
INSTRUMENTS: Final[tuple[str, ...]] = ("grant", "loan", "FDI", "aid", "unknown")


def project_counts(
    projects: pd.DataFrame | None = None, *, components: bool = False
) -> pd.DataFrame:
    """Count projects by funder and instrument, with how many are attributed by context only.

    Parameters
    ----------
    projects
        A projects table (default: the ``projects`` dataset).
    components
        Count the works financed from a package (rows with ``part_of``) as well as the
        package. By default they are left out so that one grant is counted once.

    Returns
    -------
    pandas.DataFrame
        Columns ``funder``, ``instrument``, ``projects`` (count), ``by_context`` (how many of
        them the source lists under the funder without naming it in the sentence),
        ``amount_usd`` (sum of the stated amounts; NaN when none is stated) and ``ids``
        (comma-separated project ids). Only non-empty combinations, funders in the order
        China, Japan, Cambodia, not stated.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"id": ["P1", "P2", "P3"], "funder": ["CHN", "CHN", "JPN"],
    ...                   "instrument": ["unknown", "unknown", "grant"],
    ...                   "attribution": ["stated", "context", "stated"],
    ...                   "amount_usd": [None, None, 1.0e8], "part_of": [None, None, None]})
    >>> project_counts(p)[["funder", "instrument", "projects", "by_context"]].to_dict("records")
    [{'funder': 'CHN', 'instrument': 'unknown', 'projects': 2, 'by_context': 1}, {'funder': 'JPN', 'instrument': 'grant', 'projects': 1, 'by_context': 0}]
    """
    import pandas as pd

    if projects is None:
        from smallstate.data import load

        projects = load("projects")
    frame = projects
    if not components and "part_of" in frame.columns:
        frame = frame.loc[frame["part_of"].isna() | frame["part_of"].astype("string").eq("")]
    table = pd.DataFrame(
        {
            "funder": frame["funder"].astype(str).to_numpy(),
            "instrument": frame["instrument"].astype(str).to_numpy(),
            "context": frame["attribution"].astype(str).eq("context").astype(int).to_numpy(),
            "amount_usd": pd.to_numeric(frame["amount_usd"], errors="coerce").to_numpy(),
            "id": frame["id"].astype(str).to_numpy(),
        }
    )
    by = table.groupby(["funder", "instrument"], sort=False)
    grouped = by.agg(projects=("id", "size"), by_context=("context", "sum"), ids=("id", ", ".join))
    grouped.insert(2, "amount_usd", by["amount_usd"].sum(min_count=1))
    out = grouped.reset_index()
    funder_rank = {f: i for i, f in enumerate(FUNDER_NAMES)}
    instrument_rank = {k: i for i, k in enumerate(INSTRUMENTS)}
    out = (
        out.assign(
            _f=out["funder"].map(funder_rank).fillna(len(funder_rank)),
            _i=out["instrument"].map(instrument_rank).fillna(len(instrument_rank)),
        )
        .sort_values(["_f", "_i", "instrument"])
        .drop(columns=["_f", "_i"])
    )
    out["projects"] = out["projects"].astype(int)
    out["by_context"] = out["by_context"].astype(int)
    return out.reset_index(drop=True)


def sourced_figures(ids: Sequence[str], figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return chosen rows of ``figures.csv`` with the wording of the source and a citation.

    Parameters
    ----------
    ids
        Figure ids (``F001`` ...), returned in this order.
    figures
        A figures table (default: the ``figures`` dataset).

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``entity``, ``indicator``, ``value``, ``unit``, ``year_or_period``,
        ``as_stated``, ``qualifier``, ``ambiguous``, ``citation``.

    Raises
    ------
    smallstate.errors.UnknownNameError
        If an id is not in the table (naming the closest ones).

    Examples
    --------
    >>> sourced_figures(["F009"])[["value", "citation"]].to_dict("records")
    [{'value': 1958.0, 'citation': "Samath 2020, 'Cambodia and the BRI: An Economic Pragmatism Bandwagon', para. 3"}]
    """
    from smallstate.concepts import cite

    if figures is None:
        from smallstate.data import load

        figures = load("figures")
    indexed = figures.set_index(figures["id"].astype(str))
    for i in ids:
        if i not in indexed.index:
            raise unknown("figure id", i, indexed.index.tolist())
    rows = indexed.loc[list(ids)]
    columns = [
        "id",
        "entity",
        "indicator",
        "value",
        "unit",
        "year_or_period",
        "as_stated",
        "qualifier",
        "ambiguous",
    ]
    out = rows[columns].reset_index(drop=True)
    out["citation"] = [
        cite(str(s), str(loc)) for s, loc in zip(rows["source"], rows["locator"], strict=True)
    ]
    return out


def conflict_table(conflicts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Put disagreeing figures side by side: one row per disputed quantity.

    Parameters
    ----------
    conflicts
        The output of :func:`smallstate.data.conflicts` (default: computed).

    Returns
    -------
    pandas.DataFrame
        Columns ``entity``, ``indicator``, ``year_or_period``, ``low``, ``low_as_stated``,
        ``low_citation``, ``high``, ``high_as_stated``, ``high_citation``, ``difference``
        (high minus low) and ``ratio`` (high divided by low, rounded to 2 decimals). With more than two values, ``low`` and
        ``high`` are the extremes.

    Examples
    --------
    >>> table = conflict_table()
    >>> trade = table[table["indicator"] == "two-way trade"].iloc[0]
    >>> float(trade["low"]), float(trade["high"]), float(trade["ratio"])
    (3800000000.0, 9420000000.0, 2.48)
    """
    import pandas as pd

    from smallstate.concepts import cite

    if conflicts is None:
        from smallstate.data import conflicts as compute

        conflicts = compute()
    keys = ["entity", "indicator", "year_or_period"]
    frame = conflicts.assign(
        _key=conflicts[keys].astype("string").fillna("").agg("|".join, axis=1),
        citation=[
            cite(str(s), str(loc))
            for s, loc in zip(conflicts["source"], conflicts["locator"], strict=True)
        ],
    ).sort_values(["_key", "value"], kind="stable")
    low = frame.groupby("_key", sort=False).head(1).set_index("_key")
    high = frame.groupby("_key", sort=False).tail(1).set_index("_key")
    out = pd.DataFrame(
        {
            "entity": low["entity"],
            "indicator": low["indicator"],
            "year_or_period": low["year_or_period"],
            "low": low["value"].astype(float),
            "low_as_stated": low["as_stated"],
            "low_citation": low["citation"],
            "high": high["value"].astype(float),
            "high_as_stated": high["as_stated"],
            "high_citation": high["citation"],
        }
    )
    out["difference"] = out["high"] - out["low"]
    out["ratio"] = (out["high"] / out["low"]).round(2)
    return out.reset_index(drop=True)
