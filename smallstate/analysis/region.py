"""Hedging across Southeast Asia: the computations behind lesson 08, no drawing.

The course's frameworks were written for one case, Cambodia. Lesson 08 runs them over the acts
of its neighbours (``datasets/region_acts.csv``, read with
``smallstate.evidence.course_evidence("region_acts")``) and over the course's own Cambodian
record cut into periods, and asks where the frameworks agree, where they disagree, and which
single assumption flips a state's verdict.

* :func:`region_evidence` puts the regional acts and Cambodia's curated acts into one table,
  each case being (state, power, period); scopes are pooled (a state's bilateral, ASEAN and
  multilateral acts of a period count together);
* :func:`verdict_matrix` classifies every state x power x period under each framework: one row
  per cell with the label, the position, the reasons and the act ids (computed once, cached);
* :func:`spectrum_positions` is Kuik's column of that matrix: every state's position on the
  line from power rejection to power acceptance, by period;
* :func:`disagreement` counts, per case, how many different labels the frameworks give;
* :func:`region_cases` lists the cases, for
  :func:`smallstate.analysis.disagreement.flips_by_case` (the single changes of assumption
  that flip each state's label; the analysis modules do not import each other);
* :func:`unga_measures` averages the UN-vote measures (agreement, S, kappa) of
  ``unga_agreement.csv`` per ASEAN member, partner and span of years.

Examples
--------
>>> m = verdict_matrix()
>>> {"KHM", "LAO", "PHL", "VNM"} <= set(m["actor"])
True
>>> row = m[(m.actor == "VNM") & (m.target == "CHN") & (m.period == "2021-2025")
...         & (m.framework == "kuik")].iloc[0]
>>> row["label"]
'hedging'
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "CAMBODIA_PERIODS",
    "REGION_FRAMEWORKS",
    "STATE_NAMES",
    "disagreement",
    "period_of",
    "region_cases",
    "region_evidence",
    "spectrum_positions",
    "unga_measures",
    "verdict_matrix",
]

#: The frameworks compared across the region, in teaching order. Samath (2020) is left out: the
#: AVI brief's readings are defined per scope of Cambodia's policy and pool the great powers, so
#: they have no cell per state, power and period.
REGION_FRAMEWORKS: tuple[str, ...] = (
    "waltz",
    "walt",
    "schweller",
    "paul",
    "jackson",
    "kuik",
    "leng",
    "client",
)

#: Cambodia's periods for the comparison (its curated acts carry no period of their own):
#: 2010-2015 up to the arbitral award, 2016-2022 from the award and the first Golden Dragon
#: exercise to the end of Hun Sen's premiership, 2023-2025 under Hun Manet (from August 2023).
CAMBODIA_PERIODS: tuple[str, ...] = ("2010-2015", "2016-2022", "2023-2025")

#: Readable names of the states the comparison can hold (ASEAN members).
STATE_NAMES: dict[str, str] = {
    "BRN": "Brunei",
    "IDN": "Indonesia",
    "KHM": "Cambodia",
    "LAO": "Laos",
    "MMR": "Myanmar",
    "MYS": "Malaysia",
    "PHL": "Philippines",
    "SGP": "Singapore",
    "THA": "Thailand",
    "VNM": "Vietnam",
}

#: UNGA file country names -> ISO codes (the names as ``unga_agreement.csv`` spells them).
_UNGA_CODES: dict[str, str] = {
    "Brunei": "BRN",
    "Cambodia": "KHM",
    "Indonesia": "IDN",
    "Laos": "LAO",
    "Malaysia": "MYS",
    "Myanmar (Burma)": "MMR",
    "Philippines": "PHL",
    "Singapore": "SGP",
    "Thailand": "THA",
    "Vietnam": "VNM",
}
_PARTNER_CODES: dict[str, str] = {"China": "CHN", "United States": "USA", "Japan": "JPN"}


def period_of(years: Sequence[int] | Any, periods: Sequence[str]) -> Any:
    """Return the first of ``periods`` (``"YYYY-YYYY"``) containing each year, or ``""``.

    Parameters
    ----------
    years
        Years (array-like of int).
    periods
        Period labels, in order; a year on a boundary goes to the first period containing it.

    Examples
    --------
    >>> period_of([2009, 2015, 2016, 2024], CAMBODIA_PERIODS).tolist()
    ['', '2010-2015', '2016-2022', '2023-2025']
    """
    import numpy as np

    values = np.asarray(years, dtype=int)
    out = np.full(values.shape, "", dtype=object)
    for label in reversed(list(periods)):
        first, last = (int(part) for part in label.split("-"))
        out = np.where((values >= first) & (values <= last), label, out)
    return out


def _cambodia_acts() -> pd.DataFrame:
    """Cambodia's curated acts towards China and the US (UNGA votes left out), with periods."""
    from smallstate.evidence import act_years, course_evidence

    acts = course_evidence("evidence_acts")
    keep = (
        acts["actor"].astype(str).eq("KHM")
        & acts["target"].astype(str).isin(["CHN", "USA"])
        & acts["scope"].astype(str).ne("UNGA")
    )
    acts = acts.loc[keep].copy()
    acts["period"] = period_of(act_years(acts).to_numpy(), CAMBODIA_PERIODS)
    return acts.loc[acts["period"].ne("")]


@cache
def _region_evidence(include_cambodia: bool) -> pd.DataFrame:
    import pandas as pd

    from smallstate.evidence import course_evidence

    parts = [course_evidence("region_acts")]
    if include_cambodia:
        parts.append(_cambodia_acts())
    table = pd.concat(parts, ignore_index=True)
    for column in ("scope", "period", "actor", "target"):
        table[column] = table[column].astype(str)
    table["scope"] = "all"  # pool scopes: one case per state, power and period
    table = table.loc[table["target"].isin(["CHN", "USA"])]
    return table.reset_index(drop=True)


def region_evidence(*, include_cambodia: bool = True) -> pd.DataFrame:
    """The acts the comparison classifies: the regional table plus Cambodia's, by period.

    Parameters
    ----------
    include_cambodia
        Add Cambodia's curated acts of ``evidence_acts.csv`` towards China and the US (not the
        UNGA votes), cut into :data:`CAMBODIA_PERIODS`.

    Returns
    -------
    pandas.DataFrame
        Filed and derived acts towards China and the US, scope pooled to ``"all"``; a fresh
        copy (callers may modify it).

    Examples
    --------
    >>> ev = region_evidence()
    >>> set(ev["target"]) == {"CHN", "USA"}, set(ev["scope"])
    (True, {'all'})
    >>> "KHM" in set(region_evidence(include_cambodia=False)["actor"])
    False
    """
    return _region_evidence(include_cambodia).copy()


@cache
def _matrix(include_cambodia: bool, frameworks: tuple[str, ...]) -> pd.DataFrame:
    import pandas as pd

    from smallstate.verdicts import classify

    evidence = _region_evidence(include_cambodia)
    frames = [classify(evidence, framework, pool=()) for framework in frameworks]
    table = pd.concat(frames, ignore_index=True)
    columns = ["actor", "target", "period", "framework", "label", "position"]
    columns += ["rule_ids", "rationale", "evidence_ids"]
    table = table[columns].copy()
    table["state"] = table["actor"].map(STATE_NAMES).fillna(table["actor"])
    return table.sort_values(["actor", "target", "period", "framework"], ignore_index=True)


def verdict_matrix(
    *,
    include_cambodia: bool = True,
    frameworks: Sequence[str] = REGION_FRAMEWORKS,
) -> pd.DataFrame:
    """Every state x power x period under each framework, with its reasons and act ids.

    Parameters
    ----------
    include_cambodia
        Include Cambodia's cases (see :func:`region_evidence`).
    frameworks
        Framework ids (default :data:`REGION_FRAMEWORKS`).

    Returns
    -------
    pandas.DataFrame
        One row per (actor, target, period, framework): ``label``, ``position``,
        ``rule_ids``, ``rationale``, ``evidence_ids`` and the readable ``state``. Computed once
        per argument set, then copied.

    Examples
    --------
    >>> m = verdict_matrix(frameworks=("kuik", "leng"))
    >>> sorted(set(m["framework"]))
    ['kuik', 'leng']
    >>> bool(m["evidence_ids"].map(len).gt(0).any())
    True
    """
    return _matrix(include_cambodia, tuple(frameworks)).copy()


def spectrum_positions(target: str = "CHN", *, include_cambodia: bool = True) -> pd.DataFrame:
    """Kuik's column of the matrix: each state's position towards one power, by period.

    Parameters
    ----------
    target
        ``"CHN"`` or ``"USA"``.
    include_cambodia
        Include Cambodia.

    Returns
    -------
    pandas.DataFrame
        ``actor``, ``state``, ``period``, ``label``, ``position`` (-1 power rejection to +1 power
        acceptance; NaN when Kuik's rules give none), ``evidence_ids``; ordered by state and
        period.

    Examples
    --------
    >>> p = spectrum_positions("CHN")
    >>> bool(p["position"].between(-1, 1).all())
    True
    """
    m = _matrix(include_cambodia, ("kuik",))
    rows = m.loc[m["target"].eq(target)]
    columns = ["actor", "state", "period", "label", "position", "evidence_ids"]
    return rows[columns].sort_values(["state", "period"], ignore_index=True)


def disagreement(matrix: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many different labels the frameworks give each case, most disagreement first.

    Parameters
    ----------
    matrix
        A :func:`verdict_matrix` table (default: the full matrix).

    Returns
    -------
    pandas.DataFrame
        ``actor``, ``state``, ``target``, ``period``, ``n_labels`` (distinct labels, not
        counting ``insufficient_evidence``) and ``labels`` (``framework: label`` pairs).

    Examples
    --------
    >>> d = disagreement()
    >>> int(d["n_labels"].iloc[0]) >= int(d["n_labels"].iloc[-1])
    True
    """
    m = verdict_matrix() if matrix is None else matrix
    keys = ["actor", "state", "target", "period"]
    informative = m.loc[m["label"].ne("insufficient_evidence")]
    counts = informative.groupby(keys, observed=True)["label"].nunique().rename("n_labels")
    pairs = (
        m.assign(pair=m["framework"].astype(str) + ": " + m["label"].astype(str))
        .groupby(keys, observed=True)["pair"]
        .agg("; ".join)
        .rename("labels")
    )
    out = pairs.to_frame().join(counts).fillna({"n_labels": 0}).reset_index()
    out["n_labels"] = out["n_labels"].astype(int)
    return out.sort_values(["n_labels", "state", "target", "period"], ascending=[False] + [True] * 3,
                           ignore_index=True)  # fmt: skip


def region_cases(target: str = "CHN", *, include_cambodia: bool = True) -> list[tuple[str, ...]]:
    """Every (state, power, scope, period) case towards one power, for the flips of each.

    The scope is ``"all"`` (pooled). Pass the result with :func:`region_evidence` to
    :func:`smallstate.analysis.disagreement.flips_by_case` to see which single assumption flips
    each state's verdict (this module does not import its peer).

    Examples
    --------
    >>> ("PHL", "CHN", "all", "2022-2025") in region_cases("CHN")
    True
    """
    m = _matrix(include_cambodia, ("kuik",))
    rows = m.loc[m["target"].eq(target), ["actor", "period"]].drop_duplicates()
    return [(str(a), target, "all", str(p)) for a, p in rows.itertuples(index=False)]


def unga_measures(
    spans: Sequence[tuple[int, int]] = ((2010, 2015), (2016, 2020)),
    partners: Sequence[str] = ("CHN", "USA"),
) -> pd.DataFrame:
    """Mean UN General Assembly agreement, S and kappa per ASEAN member, partner and span.

    Parameters
    ----------
    spans
        ``(first, last)`` year spans, inclusive (the data run from 1990 to 2020).
    partners
        ``"CHN"``, ``"USA"`` and/or ``"JPN"``.

    Returns
    -------
    pandas.DataFrame
        ``actor``, ``state``, ``partner``, ``years`` (``"YYYY-YYYY"``), ``agreement``,
        ``s_score``, ``kappa`` (means over the years with a value, rounded to 3 decimals) and
        ``n_years``.

    Examples
    --------
    >>> u = unga_measures(((2016, 2020),), ("CHN",))
    >>> sorted(u["actor"]) == sorted(_UNGA_CODES.values())
    True
    >>> bool((u["kappa"] < u["agreement"]).all())
    True
    """
    import pandas as pd

    from smallstate.data import load

    votes = load("unga_agreement")
    votes = votes.loc[votes["country"].isin(list(_UNGA_CODES))].copy()
    votes["actor"] = votes["country"].map(_UNGA_CODES)
    votes["partner_code"] = votes["partner"].map(_PARTNER_CODES)
    votes = votes.loc[votes["partner_code"].isin(list(partners))]
    frames = []
    for first, last in spans:
        part = votes.loc[votes["year"].between(first, last)]
        grouped = part.groupby(["actor", "partner_code"], observed=True)
        means = grouped[["agreement", "s_score", "kappa"]].mean().round(3)
        means["n_years"] = grouped["year"].nunique()
        frames.append(means.reset_index().assign(years=f"{first}-{last}"))
    out = pd.concat(frames, ignore_index=True).rename(columns={"partner_code": "partner"})
    out["state"] = out["actor"].map(STATE_NAMES)
    columns = ["actor", "state", "partner", "years", "agreement", "s_score", "kappa", "n_years"]
    return out[columns].sort_values(["state", "partner", "years"], ignore_index=True)
