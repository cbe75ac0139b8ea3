"""Three measures of UN voting alignment, side by side, and what the choice does to a verdict.

The data package's ``unga_agreement`` table holds, per year and pair of countries, the share
of identical votes (``agreement``), Signorino and Ritter's S (``s_score``) and Cohen's kappa
(``kappa``) over the same roll calls (:mod:`smallstate.unvotes.agreement` defines them). This
module reads them for one country and its partners, in long form, adds the agreement that
chance alone would give (the base rate behind kappa), and says, per year or per period and per
measure, which partner the country looks closest to.

Chance agreement: kappa is ``(p_o - p_e) / (1 - p_e)`` with ``p_o`` the agreement, so
``p_e = (p_o - kappa) / (1 - kappa)``: the agreement two countries would reach if each voted
yes, abstain and no as often as it did, but independently of the other. It is missing where
kappa is (no shared vote, or one shared vote throughout).

Examples
--------
>>> table = measures("Cambodia", ["China", "United States"])
>>> sorted(table["measure"].unique())
['agreement', 'kappa', 's_score']
>>> row = table[(table.year == 2019) & (table.partner == "China") & (table.measure == "kappa")]
>>> float(row["value"].iloc[0])
0.51198
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from smallstate.errors import unknown

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "MEASURES",
    "MEASURE_NAMES",
    "PERIODS",
    "chance_agreement",
    "closest_partner",
    "measure_disagreements",
    "measures",
    "period_means",
]

#: The measures, in the order the course shows them.
MEASURES: tuple[str, ...] = ("agreement", "s_score", "kappa")
#: Readable names for figures and tables.
MEASURE_NAMES: dict[str, str] = {
    "agreement": "agreement (share of identical votes)",
    "s_score": "S score (Signorino and Ritter)",
    "kappa": "Cohen's kappa",
}
#: Default periods: three decades. 2020 is left out: the table has a single roll call for it.
PERIODS: tuple[tuple[int, int], ...] = ((1990, 1999), (2000, 2009), (2010, 2019))


def _table() -> pd.DataFrame:
    from smallstate.data import load

    return load("unga_agreement")


def chance_agreement(agreement: pd.Series, kappa: pd.Series) -> pd.Series:
    """The agreement chance alone would give, ``p_e = (p_o - kappa) / (1 - kappa)``.

    Rounded to 3 decimals (the inputs are rounded to 6); missing where kappa is missing or 1.

    Examples
    --------
    >>> import pandas as pd
    >>> chance_agreement(pd.Series([0.9, 0.5]), pd.Series([0.5, float("nan")])).tolist()
    [0.8, nan]
    """
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        out = (agreement - kappa) / (1 - kappa)
    return out.where(kappa.notna() & (kappa != 1)).round(3)


def measures(
    country: str = "Cambodia",
    partners: Sequence[str] = ("China", "United States"),
    *,
    years: tuple[int, int] | None = None,
    table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One country's agreement, S and kappa with each partner, per year, in long form.

    Parameters
    ----------
    country
        A country of the ``unga_agreement`` table (e.g. ``"Cambodia"``).
    partners
        Partners as named in the table (``"China"``, ``"United States"``, ``"Japan"``).
    years
        Inclusive (first, last) years to keep; default all (1990-2020; 2020 has one roll call).
    table
        Another table with the same columns (default: the data package's).

    Returns
    -------
    pandas.DataFrame
        ``year``, ``partner`` (in the order given), ``n_both``, ``chance`` (the chance
        agreement, see the module docstring), ``measure`` (one of :data:`MEASURES`) and
        ``value``; years where the two did not vote together have a missing ``value``.

    Raises
    ------
    smallstate.errors.UnknownNameError
        For a country or partner not in the table.

    Examples
    --------
    >>> measures("Cambodia", ["Chna"])
    Traceback (most recent call last):
    ...
    smallstate.errors.UnknownNameError: unknown partner 'Chna' in unga_agreement; did you mean 'China'?
    """
    import pandas as pd

    data = _table() if table is None else table
    countries = sorted(set(data["country"].astype(str)))
    if country not in countries:
        raise unknown("country", country, countries, where="in unga_agreement")
    mine = data[data["country"].astype(str) == country]
    available = list(dict.fromkeys(mine["partner"].astype(str)))
    for partner in partners:
        if partner not in available:
            raise unknown("partner", partner, available, where="in unga_agreement")
    mine = mine[mine["partner"].astype(str).isin(list(partners))].copy()
    if years is not None:
        mine = mine[(mine["year"] >= years[0]) & (mine["year"] <= years[1])]
    mine["partner"] = pd.Categorical(mine["partner"].astype(str), categories=list(partners))
    mine["chance"] = chance_agreement(mine["agreement"], mine["kappa"])
    long = mine.melt(
        id_vars=["year", "partner", "n_both", "chance"],
        value_vars=list(MEASURES),
        var_name="measure",
        value_name="value",
    )
    long["year"] = long["year"].astype("int64")
    long["n_both"] = long["n_both"].astype("int64")
    return long.sort_values(["measure", "partner", "year"], kind="stable").reset_index(drop=True)


def _label(period: tuple[int, int]) -> str:
    return f"{period[0]}-{period[1]}"


def period_means(table: pd.DataFrame, periods: Sequence[tuple[int, int]] = PERIODS) -> pd.DataFrame:
    """Mean of each measure per partner and period (years without a value are skipped).

    Parameters
    ----------
    table
        From :func:`measures`.
    periods
        Inclusive (first, last) years; a year outside every period is not counted.

    Returns
    -------
    pandas.DataFrame
        ``period`` (``"1990-1999"``), ``partner``, ``measure``, ``value`` (the mean of the
        yearly values, not a pooled figure), ``n_years`` (years with a value).

    Examples
    --------
    >>> means = period_means(measures("Cambodia", ["China"]), [(2010, 2019)])
    >>> means[means.measure == "agreement"][["value", "n_years"]].to_dict("records")
    [{'value': 0.855, 'n_years': 10}]
    """
    import pandas as pd

    parts = []
    for period in periods:
        inside = table[(table["year"] >= period[0]) & (table["year"] <= period[1])]
        grouped = inside.groupby(["partner", "measure"], observed=True, sort=False)["value"]
        part = grouped.agg(value="mean", n_years="count").reset_index()
        part.insert(0, "period", _label(period))
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out["value"] = out["value"].round(3)
    return out[["period", "partner", "measure", "value", "n_years"]]


def closest_partner(table: pd.DataFrame, by: str = "period") -> pd.DataFrame:
    """Which partner the country looks closest to, per year or period, under each measure.

    Parameters
    ----------
    table
        From :func:`measures` (``by="year"``) or :func:`period_means` (``by="period"``).
    by
        ``"year"`` or ``"period"``.

    Returns
    -------
    pandas.DataFrame
        One row per year (period): ``by``, then per measure the closest partner (the highest
        value; missing when a partner has no value that year), then ``measures_agree``
        (True when every measure names the same partner).

    Examples
    --------
    >>> table = measures("Cambodia", ["China", "United States"])
    >>> per_year = closest_partner(table, by="year").set_index("year")
    >>> per_year.loc[1994, ["agreement", "s_score", "kappa"]].tolist()
    ['China', 'China', 'United States']
    """
    if by not in ("year", "period"):
        raise ValueError(f"by must be 'year' or 'period', got {by!r}")
    wide = table.pivot_table(
        index=[by, "measure"], columns="partner", values="value", observed=True, dropna=False
    )
    complete = wide.notna().all(axis=1)
    best = wide.fillna(float("-inf")).idxmax(axis=1).astype(object).where(complete)
    out = best.unstack("measure").reindex(columns=list(MEASURES))
    out.columns.name = None
    named = out.notna().all(axis=1)
    out["measures_agree"] = named & out.nunique(axis=1).eq(1)
    return out.reset_index()


def measure_disagreements(table: pd.DataFrame) -> pd.DataFrame:
    """The years in which the measures disagree about the closest partner.

    Examples
    --------
    >>> table = measures("Cambodia", ["China", "United States"])
    >>> measure_disagreements(table)["year"].tolist()
    [1994]
    """
    per_year = closest_partner(table, by="year")
    complete = per_year[list(MEASURES)].notna().all(axis=1)
    return per_year[complete & ~per_year["measures_agree"]].reset_index(drop=True)
