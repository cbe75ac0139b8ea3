"""Select from an evidence table: cases, windows of years, contested acts, re-codings.

Examples
--------
>>> import pandas as pd
>>> ev = pd.DataFrame({"act_id": ["a1", "a2", "a3"],
...                    "date": ["2010", "2014-05", "2019-01-02"],
...                    "stance": ["deference", "deference", "defiance"]})
>>> filter_window(ev, (2012, 2020))["act_id"].tolist()
['a2', 'a3']
>>> apply_codings(ev, {"a3": "diversification"})["stance"].tolist()
['deference', 'deference', 'diversification']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from smallstate.errors import unknown
from smallstate.evidence.derive import derive_acts, is_derived
from smallstate.evidence.schema import CASE_COLUMNS, DERIVED_FROM, STANCES, TRUE_WORDS

__all__ = [
    "act_years",
    "apply_codings",
    "case_acts",
    "case_part",
    "contested_acts",
    "filter_window",
    "normalise_case",
]

Case = tuple[str, str, str, str]


def case_part(frame: pd.DataFrame, column: str) -> pd.Series:
    """A case-key column as the library reads it: a missing column or empty value is ``"all"``.

    Examples
    --------
    >>> import pandas as pd
    >>> case_part(pd.DataFrame({"scope": ["BRI", "", None]}), "scope").tolist()
    ['BRI', 'all', 'all']
    >>> case_part(pd.DataFrame({"actor": ["KHM"]}), "period").tolist()
    ['all']
    """
    if column not in frame.columns:
        return pd.Series("all", index=frame.index, dtype=object)
    part = frame[column].astype("string").fillna("")
    return part.where(part.ne(""), "all").astype(object)


def normalise_case(case: Sequence[str] | Mapping[str, str]) -> Case:
    """Return a case as the tuple ``(actor, target, scope, period)``, ``"all"`` for missing parts.

    Examples
    --------
    >>> normalise_case(("KHM", "CHN"))
    ('KHM', 'CHN', 'all', 'all')
    >>> normalise_case({"actor": "KHM", "target": "JPN", "scope": "FOIP"})
    ('KHM', 'JPN', 'FOIP', 'all')
    """
    if isinstance(case, Mapping):
        parts = [case.get(c) for c in CASE_COLUMNS]
    else:
        parts = list(case) + [None] * (4 - len(case))
        if len(parts) != 4:
            raise ValueError(f"a case has at most 4 parts (actor, target, scope, period): {case}")
    if not parts[0] or not parts[1]:
        raise ValueError(f"a case needs an actor and a target: {case}")
    out = [str(p).strip() if p is not None and str(p).strip() else "all" for p in parts]
    return (out[0], out[1], out[2], out[3])


def act_years(evidence: pd.DataFrame) -> pd.Series:
    """Return the year of each act (the first four characters of ``date``) as integers.

    Examples
    --------
    >>> import pandas as pd
    >>> act_years(pd.DataFrame({"date": ["2013", "2016-02", "2020-04-12"]})).tolist()
    [2013, 2016, 2020]
    """
    years = pd.to_numeric(evidence["date"].astype(str).str.slice(0, 4), errors="coerce")
    if years.isna().any():
        bad = evidence.index[years.isna()].tolist()
        raise ValueError(f"act_years: dates without a year in rows {bad} (expected YYYY...)")
    return years.astype(int)


def filter_window(evidence: pd.DataFrame, window: tuple[int, int] | None) -> pd.DataFrame:
    """Keep the acts dated from ``window[0]`` to ``window[1]`` inclusive (``None``: keep all).

    Examples
    --------
    >>> import pandas as pd
    >>> ev = pd.DataFrame({"date": ["2010", "2014", "2019"]})
    >>> len(filter_window(ev, (2014, 2014)))
    1
    >>> len(filter_window(ev, None))
    3
    """
    if window is None:
        return evidence
    first, last = int(window[0]), int(window[1])
    if first > last:
        raise ValueError(f"filter_window: first year {first} is after last year {last}")
    years = act_years(evidence)
    return evidence.loc[years.between(first, last)]


def apply_codings(evidence: pd.DataFrame, codings: Mapping[str, str] | None) -> pd.DataFrame:
    """Return a copy of the evidence with the stance of some acts replaced.

    Parameters
    ----------
    evidence
        The evidence table (needs ``act_id`` and ``stance``).
    codings
        ``act_id -> new stance``; each stance must be one of :data:`STANCES`.

    Raises
    ------
    smallstate.errors.UnknownNameError
        If an act id is not in the table or a stance is not a schema stance (naming the
        closest ones).
    ValueError
        If an act re-coded as a derived act no longer exists because the act it comes from
        is re-coded too (as defiance, say, which derives nothing).

    Notes
    -----
    When the table carries derived acts (a ``derived_from`` column), the acts derived from a
    re-coded act are derived again (:func:`smallstate.evidence.derive.derive_acts`); the
    others are kept, and the result then has a fresh index. Re-coding a derived act itself
    (``"L16-09@CHN"``) reads that act differently towards that one power: a contested reading,
    such as the Japan partnership as defiance of China, without touching the filed act.

    Examples
    --------
    >>> import pandas as pd
    >>> ev = pd.DataFrame({"act_id": ["a", "b"], "stance": ["deference", "abstention"]})
    >>> apply_codings(ev, {"b": "defiance"})["stance"].tolist()
    ['deference', 'defiance']
    >>> apply_codings(ev, {"b": "defience"})
    Traceback (most recent call last):
    ...
    smallstate.errors.UnknownNameError: unknown stance 'defience'; did you mean 'defiance' or 'deference'?
    """
    if not codings:
        return evidence
    act_ids = evidence["act_id"].astype(str)
    known = set(act_ids)
    origin = (
        dict(zip(act_ids, evidence[DERIVED_FROM].astype(str), strict=True))
        if (DERIVED_FROM in evidence.columns)
        else {}
    )
    for act_id, stance in codings.items():
        if act_id not in known:
            raise unknown("act id", act_id, act_ids.tolist(), where="in the evidence")
        if stance not in STANCES:
            raise unknown("stance", stance, STANCES)
    filed = {a: s for a, s in codings.items() if not origin.get(a)}
    derived_codings = {a: s for a, s in codings.items() if origin.get(a)}
    out = _set_stances(evidence, filed)
    if origin and filed:  # the table carries derived acts: derive those of the re-coded acts
        recoded = out["act_id"].astype(str).isin(list(filed)).to_numpy()
        derived = is_derived(out)
        stale = derived & out[DERIVED_FROM].astype(str).isin(list(filed)).to_numpy()
        fresh = derive_acts(out.loc[recoded & ~derived])
        fresh = fresh.loc[is_derived(fresh)]
        out = pd.concat([out.loc[~stale], fresh], ignore_index=True)
        gone = sorted(set(derived_codings) - set(out["act_id"].astype(str)))
        if gone:
            raise ValueError(
                f"act {gone[0]!r} no longer exists once {origin[gone[0]]!r} is re-coded as "
                f"{filed[origin[gone[0]]]!r}: the one coding rule derives no act from it"
            )
    return _set_stances(out, derived_codings)


def _set_stances(evidence: pd.DataFrame, codings: Mapping[str, str]) -> pd.DataFrame:
    """A copy of ``evidence`` with the stance of the acts in ``codings`` replaced."""
    out = evidence.copy()
    if not codings:
        return out
    new = out["act_id"].astype(str).map(dict(codings))
    out["stance"] = new.where(new.notna(), out["stance"].astype(object))
    if hasattr(evidence["stance"], "cat"):
        out["stance"] = out["stance"].astype(evidence["stance"].dtype)
    return out


def case_acts(evidence: pd.DataFrame, case: Sequence[str] | Mapping[str, str]) -> pd.DataFrame:
    """Return the acts of one case: same actor, target, scope and period.

    As everywhere in the library, an empty scope or period is the value ``"all"``: the case
    ``("KHM", "CHN", "all", "2013-2016")`` holds the rows with no scope and that period.

    Examples
    --------
    >>> import pandas as pd
    >>> ev = pd.DataFrame({"act_id": ["a", "b", "c"], "actor": ["KHM"] * 3,
    ...                    "target": ["CHN", "CHN", "JPN"], "scope": ["BRI", "", "FOIP"]})
    >>> case_acts(ev, ("KHM", "CHN"))["act_id"].tolist()
    ['b']
    >>> case_acts(ev, ("KHM", "CHN", "BRI"))["act_id"].tolist()
    ['a']
    """
    actor, target, scope, period = normalise_case(case)
    mask = evidence["actor"].astype(str).eq(actor) & evidence["target"].astype(str).eq(target)
    mask &= case_part(evidence, "scope").eq(scope) & case_part(evidence, "period").eq(period)
    return evidence.loc[mask]


def contested_acts(evidence: pd.DataFrame, case: Sequence[str] | Mapping[str, str]) -> pd.DataFrame:
    """Return the contested acts of a case (``contested`` is yes/true), in evidence order.

    A derived act is contested when the act it comes from is (see
    :mod:`smallstate.evidence.derive`).

    Examples
    --------
    >>> import pandas as pd
    >>> ev = pd.DataFrame({"act_id": ["a", "b"], "actor": ["KHM"] * 2, "target": ["CHN"] * 2,
    ...                    "contested": ["yes", "no"]})
    >>> contested_acts(ev, ("KHM", "CHN"))["act_id"].tolist()
    ['a']
    """
    acts = case_acts(evidence, case)
    if "contested" not in acts.columns:
        return acts.iloc[0:0]
    flag = acts["contested"].astype("string").fillna("").str.strip().str.lower().isin(TRUE_WORDS)
    return acts.loc[flag]
