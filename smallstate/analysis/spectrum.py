"""Cases on Kuik's alignment spectrum, as a table (the figures are in :mod:`smallstate.plots.spectrum`).

Kuik (2008) pictures the choices of a smaller state as one line: at one end pure balancing
(power *rejection*), at the other pure bandwagoning (power *acceptance*), and hedging as the
ground in between. The ``kuik`` framework returns a ``position`` on that line, from -1 (power
rejection) to +1 (power acceptance). This module names the cases and orders them on it.

Examples
--------
>>> import pandas as pd
>>> verdicts = pd.DataFrame({"actor": ["KHM"], "target": ["CHN"], "scope": ["all"],
...                          "period": ["all"], "label": ["hedging"], "position": [0.2]})
>>> spectrum_table(verdicts)[["case", "position"]].to_dict("records")
[{'case': 'KHM-CHN', 'position': 0.2}]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd


__all__ = ["case_names", "spectrum_table"]


def case_names(verdicts: pd.DataFrame) -> pd.Series:
    """Return one short readable name per row of a verdict table.

    The name is ``ACTOR-TARGET``, followed by the scope and the period when they are not
    ``"all"`` (or missing).

    Parameters
    ----------
    verdicts
        A table with the columns ``actor`` and ``target`` and optionally ``scope`` and
        ``period`` (as returned by :func:`smallstate.classify`).

    Returns
    -------
    pandas.Series
        Strings, aligned with ``verdicts.index``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"actor": ["KHM", "KHM"], "target": ["CHN", "JPN"],
    ...                    "scope": ["BRI", "all"], "period": ["2013-2016", None]})
    >>> case_names(df).tolist()
    ['KHM-CHN, BRI, 2013-2016', 'KHM-JPN']
    """
    import pandas as pd

    missing = [c for c in ("actor", "target") if c not in verdicts.columns]
    if missing:
        raise KeyError(f"case_names: the verdict table has no column(s) {missing}")
    name = verdicts["actor"].astype(str) + "-" + verdicts["target"].astype(str)
    for column in ("scope", "period"):
        if column not in verdicts.columns:
            continue
        part = verdicts[column].astype("string").fillna("all").str.strip()
        keep = part.ne("all") & part.ne("")
        name = name.where(~keep, name + ", " + part)
    return pd.Series(name.astype(str).to_numpy(), index=verdicts.index, name="case")


def spectrum_table(verdicts: pd.DataFrame, names: Sequence[str] | None = None) -> pd.DataFrame:
    """Return the tidy table a spectrum plot draws: case, label, position, placed.

    Parameters
    ----------
    verdicts
        Verdict rows with ``label`` and ``position`` (and the case columns, unless ``names``
        is given).
    names
        Optional display names, one per row, used instead of :func:`case_names`.

    Returns
    -------
    pandas.DataFrame
        Columns ``case``, ``label``, ``position`` (float, NaN when the framework gave none)
        and ``placed`` (bool).

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.DataFrame({"label": ["hedging", "insufficient_evidence"],
    ...                   "position": [0.25, None]})
    >>> spectrum_table(v, names=["A", "B"])["placed"].tolist()
    [True, False]
    """
    import pandas as pd

    for column in ("label", "position"):
        if column not in verdicts.columns:
            raise KeyError(f"spectrum_table: the verdict table has no column {column!r}")
    case: Sequence[str] | np.ndarray
    if names is None:
        case = case_names(verdicts).to_numpy()
    else:
        if len(names) != len(verdicts):
            raise ValueError(f"spectrum_table: {len(names)} names for {len(verdicts)} verdict rows")
        case = list(names)
    position = pd.to_numeric(verdicts["position"], errors="coerce").astype(float)
    out = pd.DataFrame(
        {
            "case": case,
            "label": verdicts["label"].astype(str).to_numpy(),
            "position": position.to_numpy(),
        }
    )
    out["placed"] = out["position"].notna()
    return out
