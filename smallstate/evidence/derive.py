"""The one coding rule's second half: the acts an act implies for the other powers it bears on.

Every act is filed once, under the great power it engages (``LEAD_POWER``: the counterpart
itself, or the power leading the counterpart initiative), with its stance read towards that
power; acts with a forum or a third state are filed under the power the source reads them
against. The library then derives, by one rule and whoever reported the act:

1. **rivals**: an act of deference or binding towards a great power counts as
   diversification towards each of that power's rivals (:data:`~smallstate.evidence.schema.RIVALS`,
   :data:`~smallstate.evidence.schema.DERIVED_STANCE`), or as defiance when the source says it
   is aimed at them (``aimed_at_rivals`` yes: external balancing, such as an exercise with one
   power meant as a warning to its rival); its ``aimed_at_target`` there is the filed act's
   ``aimed_at_rivals`` (unknown when empty). Defiance and abstention derive nothing: refusing
   one power is not, by itself, an act towards its rival.
2. **forums**: binding through a forum whose founding members include several of the course's
   great powers (``members`` of ``asean_mechanisms.csv``) counts as binding towards each of them.

A derived act keeps everything but ``act_id`` (``<filed id>@<power>``), ``target``, ``stance``
and ``aimed_at_target``, and names its filed act in ``derived_from``. Derived acts are never
stored: :func:`derive_acts` drops any it finds and derives them again, so re-coding a filed act
(:func:`smallstate.evidence.apply_codings`) re-derives its copies. When a case pools targets,
the indicators count an act once (:func:`smallstate.indicators.profiles`).

Examples
--------
>>> import pandas as pd
>>> row = {"act_id": "J1", "actor": "KHM", "target": "JPN", "counterpart": "FOIP-JP",
...        "date": "2020", "domain": "diplomatic", "stance": "deference", "intensity": 1,
...        "aimed_at_target": "no", "source": "samath2020", "locator": "p. 1",
...        "description": "Backs Japan's FOIP.", "aimed_at_rivals": "no"}
>>> out = derive_acts(pd.DataFrame([row]))
>>> out[["act_id", "target", "stance", "aimed_at_target", "derived_from"]].values.tolist()
[['J1', 'JPN', 'deference', 'no', ''], ['J1@CHN', 'CHN', 'diversification', 'no', 'J1']]
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import numpy as np
import pandas as pd

from smallstate.evidence.schema import (
    AIMED_RIVAL_STANCE,
    DERIVED_FROM,
    DERIVED_STANCE,
    GREAT_POWERS,
    LEAD_POWER,
    RIVALS,
)

__all__ = ["DERIVED_MARK", "course_forum_members", "derive_acts", "filed_acts", "is_derived"]

#: Separator between a filed act's id and the power of an act derived from it.
DERIVED_MARK = "@"


@cache
def _members() -> dict[str, tuple[str, ...]]:
    from smallstate.data.package import load

    table = load("asean_mechanisms")
    out: dict[str, tuple[str, ...]] = {}
    members_of = table["members"].astype(object).where(table["members"].notna(), "")
    for forum, members in zip(table["id"].astype(str), members_of, strict=True):
        powers = tuple(m for m in str(members).split(";") if m in GREAT_POWERS)
        if len(powers) > 1:
            out[forum] = powers
    return out


def course_forum_members() -> dict[str, tuple[str, ...]]:
    """Forum -> the course's great powers among its founding members (two or more).

    Read from ``asean_mechanisms.csv`` (column ``members``), the one place the course records
    who takes part in a forum.

    Examples
    --------
    >>> course_forum_members()["ARF"]
    ('CHN', 'JPN', 'USA')
    """
    return dict(_members())


def is_derived(evidence: pd.DataFrame) -> np.ndarray:
    """Boolean mask of the derived acts (a non-empty ``derived_from``).

    Examples
    --------
    >>> import pandas as pd
    >>> is_derived(pd.DataFrame({"derived_from": ["", "A"]})).tolist()
    [False, True]
    """
    if DERIVED_FROM not in evidence.columns:
        return np.zeros(len(evidence), dtype=bool)
    origin = evidence[DERIVED_FROM].astype(object).to_numpy()
    return np.asarray(pd.notna(origin) & (origin != ""), dtype=bool)


def filed_acts(evidence: pd.DataFrame) -> pd.DataFrame:
    """The filed acts of a table: the derived ones and the ``derived_from`` column removed.

    Examples
    --------
    >>> import pandas as pd
    >>> filed_acts(pd.DataFrame({"act_id": ["A", "A@CHN"], "derived_from": ["", "A"]}))
    ...     # doctest: +NORMALIZE_WHITESPACE
      act_id
    0      A
    """
    if DERIVED_FROM not in evidence.columns:
        return evidence
    return evidence.loc[~is_derived(evidence)].drop(columns=DERIVED_FROM)


def _text(evidence: pd.DataFrame, column: str) -> np.ndarray:
    if column not in evidence.columns:
        return np.full(len(evidence), "", dtype=object)
    values = evidence[column].astype(object).to_numpy()
    return np.where(pd.isna(values), "", values).astype(object)


def _lookup(values: np.ndarray, table: Mapping[str, object], default: object) -> np.ndarray:
    """``table.get(v, default)`` for each value, computed once per distinct value."""
    codes, uniques = pd.factorize(values)
    mapped = np.array([table.get(u, default) for u in uniques] + [default], dtype=object)
    return mapped[codes]


def derive_acts(
    evidence: pd.DataFrame, forum_members: Mapping[str, tuple[str, ...]] | None = None
) -> pd.DataFrame:
    """Return the filed acts followed by the acts the one coding rule derives from them.

    Parameters
    ----------
    evidence : pandas.DataFrame
        An act table (raw or validated); derived acts already in it are dropped and derived
        again.
    forum_members : mapping, optional
        Forum code -> great powers among its members; default :func:`course_forum_members`.

    Returns
    -------
    pandas.DataFrame
        The filed acts (same order, index reset) and then the derived acts, with a
        ``derived_from`` column (empty for filed acts). Column dtypes are kept.

    Examples
    --------
    >>> from smallstate.evidence import course_evidence
    >>> ev = course_evidence("evidence_seeds")
    >>> ev.set_index("act_id").loc["L16-09@CHN", ["stance", "derived_from"]].tolist()
    ['diversification', 'L16-09']
    """
    filed = filed_acts(evidence).reset_index(drop=True)
    members = course_forum_members() if forum_members is None else forum_members
    ids = _text(filed, "act_id")
    target = _text(filed, "target")
    counterpart = _text(filed, "counterpart")
    stance = _text(filed, "stance")
    rivals_aim = _text(filed, "aimed_at_rivals")

    engaged = _lookup(counterpart, LEAD_POWER, "") == target
    new_stance = _lookup(stance, DERIVED_STANCE, "")
    rival_rows = np.flatnonzero(engaged & (new_stance != ""))
    forum_rows = np.flatnonzero(stance == "binding")
    derived: list[tuple[int, str, str, str | None]] = []  # row, power, stance, aim (None: keep)
    for i in rival_rows.tolist():
        aim = rivals_aim[i] or "unknown"
        stance_there = AIMED_RIVAL_STANCE if aim == "yes" else new_stance[i]
        derived += [(i, r, stance_there, aim) for r in RIVALS.get(target[i], ())]
    for i in forum_rows.tolist():
        powers = members.get(counterpart[i], ())
        if target[i] in powers:
            derived += [(i, p, "binding", None) for p in powers if p != target[i]]

    filed[DERIVED_FROM] = np.full(len(filed), "", dtype=object)
    if not derived:
        return filed
    rows = np.array([d[0] for d in derived])
    extra = filed.iloc[rows].copy()
    power = np.array([d[1] for d in derived], dtype=object)
    extra["act_id"] = ids[rows] + DERIVED_MARK + power
    extra[DERIVED_FROM] = ids[rows]
    for column, values in (
        ("target", power),
        ("stance", np.array([d[2] for d in derived], dtype=object)),
        (
            "aimed_at_target",
            np.array(
                [
                    d[3] if d[3] is not None else a
                    for d, a in zip(derived, _text(extra, "aimed_at_target"), strict=True)
                ],
                dtype=object,
            ),
        ),
    ):
        dtype = filed[column].dtype
        if isinstance(dtype, pd.CategoricalDtype):
            extra[column] = pd.Categorical(values, dtype=dtype)
        else:
            extra[column] = pd.Series(values, index=extra.index).astype(dtype)
    for column in ("act_id", DERIVED_FROM):
        dtype = filed[column].dtype
        if not isinstance(dtype, pd.CategoricalDtype):
            extra[column] = extra[column].astype(dtype)
    return pd.concat([filed, extra], ignore_index=True)
