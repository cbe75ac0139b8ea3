"""A relationship as a timeline: select and tabulate dated acts, and classify windows of them.

Lesson 03 follows Cambodia and China from diplomatic relations (1958) to the Belt and Road
years. The acts of the evidence table (see ``docs/ARCHITECTURE.md``) are the raw material:

* :func:`relation_acts` loads the acts of one pair (by default Cambodia-China) from the
  course's ``evidence_acts`` table;
* :func:`filter_acts` keeps the acts inside a window of years and of chosen domains,
  counterparts, stances or sources (``"all"`` or ``None`` means no filter);
* :func:`acts_table` adds a year and an author-year citation to every act, for display;
* :func:`smallstate.plots.timeline.plot_timeline` draws the acts on a time axis, one row per domain, coloured by stance
  and shaped by source;
* :func:`window_verdicts` classifies the acts of a window under every framework, pooling scope
  and period so that the window itself is the case; an empty window gives
  ``insufficient_evidence`` everywhere.

Examples
--------
>>> import pandas as pd
>>> acts = pd.DataFrame({"act_id": ["a", "b", "c"], "date": ["1958", "2014", "2016-02"],
...                      "domain": ["diplomatic", "economic", "diplomatic"],
...                      "counterpart": ["CHN", "AIIB", "CHN"],
...                      "stance": ["deference", "deference", "deference"]})
>>> filter_acts(acts, window=(2010, 2020), domains="diplomatic")["act_id"].tolist()
['c']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final

from smallstate.evidence.selection import act_years

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = ["ALL", "acts_table", "filter_acts", "relation_acts", "window_verdicts", "year_span"]

#: The value of a filter that keeps everything.
ALL: Final[str] = "all"


#: Columns of :func:`acts_table`, in display order.
TABLE_COLUMNS: Final[tuple[str, ...]] = (
    "act_id",
    "date",
    "year",
    "domain",
    "counterpart",
    "stance",
    "intensity",
    "description",
    "citation",
)


def relation_acts(
    actor: str = "KHM", target: str = "CHN", evidence: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the validated acts of one actor towards one target, sorted by date.

    Parameters
    ----------
    actor, target
        ISO alpha-3 codes (default Cambodia and China).
    evidence
        An evidence table; by default the course's ``evidence_acts`` table
        (:func:`smallstate.evidence.course_evidence`).

    Returns
    -------
    pandas.DataFrame
        The validated rows (with ``date_start``), sorted by date then act id, index reset.

    Examples
    --------
    >>> acts = relation_acts()
    >>> sorted(set(acts["actor"])), sorted(set(acts["target"]))
    (['KHM'], ['CHN'])
    >>> acts["date"].iloc[0]
    '1958'
    """
    from smallstate.evidence import is_validated, validate_evidence

    if evidence is None:
        from smallstate.evidence import course_evidence

        evidence = course_evidence()
    elif not is_validated(evidence):
        evidence = validate_evidence(evidence)
    mask = evidence["actor"].astype(str).eq(actor) & evidence["target"].astype(str).eq(target)
    out = evidence.loc[mask]
    return out.sort_values(["date_start", "act_id"], kind="stable").reset_index(drop=True)


def year_span(evidence: pd.DataFrame) -> tuple[int, int]:
    """Return the first and last year of the acts.

    Raises
    ------
    ValueError
        If the table has no acts.

    Examples
    --------
    >>> import pandas as pd
    >>> year_span(pd.DataFrame({"date": ["2016-02", "1958", "2020-04"]}))
    (1958, 2020)
    """
    if evidence.empty:
        raise ValueError("year_span: the table has no acts")
    years = act_years(evidence)
    return int(years.min()), int(years.max())


def _choice(value: str | Iterable[str] | None) -> list[str] | None:
    """Normalise a filter value: None or "all" (alone or in a list) means no filter."""
    if value is None:
        return None
    chosen = [value] if isinstance(value, str) else [str(v) for v in value]
    if ALL in chosen:
        return None
    return chosen


def filter_acts(
    evidence: pd.DataFrame,
    *,
    window: tuple[int, int] | None = None,
    domains: str | Iterable[str] | None = None,
    counterparts: str | Iterable[str] | None = None,
    stances: str | Iterable[str] | None = None,
    sources: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Keep the acts inside a window of years and matching the chosen values.

    Every filter is optional; ``None`` or ``"all"`` keeps every value. A filter given as a
    string keeps that value, given as a list keeps any of its values (an empty list keeps
    nothing).

    Parameters
    ----------
    evidence
        An evidence table (needs ``date`` and the columns that are filtered on).
    window
        ``(first_year, last_year)``, inclusive.
    domains, counterparts, stances, sources
        Values of ``domain``, ``counterpart``, ``stance`` and ``source`` to keep.

    Returns
    -------
    pandas.DataFrame
        The matching rows, in their original order and with their original index.

    Raises
    ------
    ValueError
        If the window's first year is after its last.

    Examples
    --------
    >>> import pandas as pd
    >>> acts = pd.DataFrame({"act_id": ["a", "b", "c"], "date": ["2013", "2014", "2020-04"],
    ...                      "stance": ["diversification", "deference", "binding"],
    ...                      "source": ["leng2016", "leng2016", "samath2020"]})
    >>> filter_acts(acts, stances=["deference", "binding"])["act_id"].tolist()
    ['b', 'c']
    >>> filter_acts(acts, window=(2014, 2019), sources="all")["act_id"].tolist()
    ['b']
    >>> len(filter_acts(acts, stances=[]))
    0
    """
    import pandas as pd

    keep = pd.Series(True, index=evidence.index)
    if window is not None:
        first, last = int(window[0]), int(window[1])
        if first > last:
            raise ValueError(f"filter_acts: first year {first} is after last year {last}")
        keep &= act_years(evidence).between(first, last)
    for column, value in (
        ("domain", domains),
        ("counterpart", counterparts),
        ("stance", stances),
        ("source", sources),
    ):
        chosen = _choice(value)
        if chosen is None:
            continue
        if column not in evidence.columns:
            raise KeyError(f"filter_acts: the evidence table has no column {column!r}")
        keep &= evidence[column].astype(str).isin(chosen)
    return evidence.loc[keep]


def acts_table(evidence: pd.DataFrame) -> pd.DataFrame:
    """Return the acts for display: date, year, domain, counterpart, stance and a citation.

    The citation is the author-year form of the act's ``source`` with its ``locator``
    (:func:`smallstate.concepts.cite`).

    Examples
    --------
    >>> import pandas as pd
    >>> acts = pd.DataFrame({"act_id": ["L16-05"], "date": ["2016-02"],
    ...     "domain": ["diplomatic"], "counterpart": ["CHN"], "stance": ["deference"],
    ...     "intensity": [1], "description": ["A visit."], "source": ["leng2016"],
    ...     "locator": ["para. 6"]})
    >>> acts_table(acts)[["act_id", "year", "citation"]].to_dict("records")
    [{'act_id': 'L16-05', 'year': 2016, 'citation': 'Leng 2016, para. 6'}]
    """
    import pandas as pd

    from smallstate.concepts import cite

    missing = [
        c
        for c in (*TABLE_COLUMNS, "source", "locator")
        if c not in evidence.columns and c not in ("year", "citation")
    ]
    if missing:
        raise KeyError(f"acts_table: the evidence table has no column(s) {missing}")
    pairs = evidence[["source", "locator"]].astype(str).drop_duplicates()
    cited = {(s, loc): cite(s, loc or None) for s, loc in pairs.itertuples(index=False)}
    keys = pd.Series(
        list(zip(evidence["source"].astype(str), evidence["locator"].astype(str), strict=True)),
        index=evidence.index,
        dtype=object,
    )
    out = pd.DataFrame(
        {
            "act_id": evidence["act_id"].astype(str),
            "date": evidence["date"].astype(str),
            "year": act_years(evidence) if len(evidence) else pd.Series(dtype=int),
            "domain": evidence["domain"].astype(str),
            "counterpart": evidence["counterpart"].astype(str),
            "stance": evidence["stance"].astype(str),
            "intensity": pd.to_numeric(evidence["intensity"]).astype(int),
            "description": evidence["description"].astype(str),
            "citation": keys.map(cited).astype(str),
        },
        index=evidence.index,
    )
    return out.reset_index(drop=True)


def window_verdicts(
    evidence: pd.DataFrame, frameworks: Sequence[str] | None = None
) -> pd.DataFrame:
    """Classify the acts of a window under several frameworks, the window being one case.

    The acts are pooled over scope and period
    (:func:`smallstate.verdicts.classify_frameworks` with ``pool=("scope", "period")``), so
    each framework gives one label per actor-target pair for exactly the acts passed in. With no acts, every framework reports
    ``insufficient_evidence``.

    Parameters
    ----------
    evidence
        The (filtered) acts of one actor-target pair.
    frameworks
        Framework ids (default: all of :data:`smallstate.frameworks.FRAMEWORKS`).

    Returns
    -------
    pandas.DataFrame
        One row per framework: ``framework``, ``label``, ``position`` (NaN where the framework
        defines none), ``acts`` (the number of acts read).

    Raises
    ------
    ValueError
        If the acts span more than one actor-target pair.

    Examples
    --------
    >>> acts = relation_acts()
    >>> window = filter_acts(acts, window=(2013, 2016))
    >>> window_verdicts(window, ["leng"]).loc[0, "label"]
    'soft_bandwagoning'
    >>> window_verdicts(acts.iloc[0:0], ["leng"]).loc[0, "label"]
    'insufficient_evidence'
    """
    import numpy as np
    import pandas as pd

    from smallstate.frameworks import FRAMEWORKS
    from smallstate.verdicts import classify_frameworks

    ids = [str(f) for f in (frameworks if frameworks is not None else FRAMEWORKS)]
    n = len(evidence)
    if n == 0:
        return pd.DataFrame(
            {"framework": ids, "label": "insufficient_evidence", "position": np.nan, "acts": 0}
        )
    pairs = evidence[["actor", "target"]].astype(str).drop_duplicates()
    if len(pairs) > 1:
        found = ", ".join(f"{a}-{t}" for a, t in pairs.itertuples(index=False))
        raise ValueError(f"window_verdicts: the acts span several actor-target pairs ({found})")
    # one row per framework (the pair is the only case once scope and period are pooled)
    long = classify_frameworks(evidence, ids, pool=("scope", "period"))
    labels = long["label"].astype(str).tolist()
    positions = pd.to_numeric(long["position"], errors="coerce").astype(float).tolist()
    return pd.DataFrame({"framework": ids, "label": labels, "position": positions, "acts": n})
