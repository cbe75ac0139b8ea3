"""Where the sources disagree: conflicting and ambiguous figures in ``figures.csv``.

Examples
--------
>>> table = conflicts()
>>> {"entity", "indicator"} <= set(table.columns)
True
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from smallstate.data.package import load

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = ["ambiguous_figures", "conflicts"]

_FIGURE_KEY = ["entity", "indicator", "year_or_period"]


def conflicts(directory: str | Path | None = None) -> pd.DataFrame:
    """List the figures that disagree: same entity, indicator and period, different values.

    Every observation in ``figures.csv`` belongs to a group (entity, indicator,
    year_or_period; an empty period counts as its own value). Groups with more than one
    distinct value are conflicts; their rows are returned side by side, sorted by group,
    with the source and locator of each value.

    Returns
    -------
    pandas.DataFrame
        Columns ``entity``, ``indicator``, ``year_or_period``, ``value``, ``unit``,
        ``as_stated``, ``qualifier``, ``source``, ``locator``, ``id``, ``n_values``.

    Examples
    --------
    >>> from smallstate.data import conflicts
    >>> table = conflicts()
    >>> bool((table["n_values"] > 1).all())
    True
    >>> sorted(table.loc[table["indicator"] == "publication year", "value"].astype(int))
    [1987, 1990]
    """
    figures = load("figures", directory)
    keys = figures[_FIGURE_KEY].astype("string").fillna("")
    n_values = figures["value"].groupby([keys[k] for k in _FIGURE_KEY]).transform("nunique")
    columns = [*_FIGURE_KEY, "value", "unit", "as_stated", "qualifier", "source", "locator", "id"]
    out = figures.loc[n_values > 1, columns].assign(n_values=n_values[n_values > 1].astype("Int64"))
    return out.sort_values([*_FIGURE_KEY, "value"]).reset_index(drop=True)


def ambiguous_figures(directory: str | Path | None = None) -> pd.DataFrame:
    """Return the figures whose meaning the source leaves open, with the reason.

    Examples
    --------
    >>> from smallstate.data import ambiguous_figures
    >>> table = ambiguous_figures()
    >>> bool(table["ambiguity_note"].notna().all())
    True
    """
    figures = load("figures", directory)
    return figures.loc[figures["ambiguous"] == "yes"].reset_index(drop=True)
