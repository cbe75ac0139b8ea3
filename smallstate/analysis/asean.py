"""ASEAN as a hedging space: the mechanisms, who they bind, and what the ASEAN scope changes.

Samath (2020) argues that Cambodia hedges through ASEAN, by *binding engagement* (drawing
the great powers into ASEAN-led institutions and their norms) and *soft balancing* (giving
every power a role so that none dominates). This module

* reads ``datasets/asean_mechanisms.csv`` (:func:`mechanisms`, :func:`mechanism`): what each
  mechanism binds, which great powers took part at its founding, and Cambodia's roles over
  time, joined with the dated acts of the evidence table that concern it;
* builds the membership matrix mechanisms x great powers (:func:`membership_matrix`; drawn by
  :func:`smallstate.plots.asean.plot_membership`);
* switches the ASEAN scope on and off: every framework's verdict on Cambodia-China read as
  one bilateral case, with and without the ASEAN-scope acts, plus Samath's scope-by-scope
  reading (:func:`scope_switch`).

Examples
--------
>>> mechanism("ARF").members
('AUS', 'CHN', 'JPN', 'KOR', 'RUS', 'USA')
>>> table = scope_switch(frameworks=["samath"]).table
>>> table.loc[0, "label_with"], bool(table.loc[0, "changed"])
('hedging', True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from smallstate.errors import unknown

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = [
    "POWERS",
    "Mechanism",
    "ScopeReading",
    "linked_acts",
    "mechanism",
    "mechanisms",
    "membership_matrix",
    "scope_switch",
]

#: The great powers of the membership matrix (the ``members`` codes of the dataset).
POWERS: Final[tuple[str, ...]] = ("AUS", "CHN", "IND", "JPN", "KOR", "RUS", "USA")


#: Mechanisms whose acts are found by a word in the act's description, not by a code.
_TEXT_LINKS: Final[dict[str, str]] = {"ASEANCHAIR": r"\bchair\w* (?:the )?ASEAN"}


def mechanisms() -> pd.DataFrame:
    """``asean_mechanisms.csv`` indexed by ``id`` (file order, which is founding order).

    Examples
    --------
    >>> list(mechanisms().index[:3])
    ['TAC', 'ARF', 'APT']
    """
    from smallstate.data import load

    return load("asean_mechanisms").set_index("id")


def membership_matrix() -> pd.DataFrame:
    """Mechanisms x great powers: 1 if the power took part at the founding, else 0.

    An all-zero row means ASEAN states only, or not applicable (a document or treaty among
    the members).

    Examples
    --------
    >>> m = membership_matrix()
    >>> m.loc["EAS"].to_dict()
    {'AUS': 1, 'CHN': 1, 'IND': 1, 'JPN': 1, 'KOR': 1, 'RUS': 0, 'USA': 0}
    """
    members = mechanisms()["members"].fillna("").astype(str)
    dummies = members.str.get_dummies(sep=";")
    out = dummies.reindex(columns=list(POWERS), fill_value=0).astype("int64")
    out.columns.name = "power"
    return out


def linked_acts(mechanism_id: str, evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """Cambodia's dated acts concerning one mechanism, oldest first.

    An act is linked when its ``counterpart`` is the mechanism's id, when it cites the same
    source document as the mechanism's row (unless that source is the seed brief, which is
    about everything), or, for the chairmanship, when its description mentions chairing.

    Examples
    --------
    >>> linked_acts("ADMMPLUS")["act_id"].tolist()
    ['D-08', 'D-09']
    >>> linked_acts("ASEANCHAIR")["act_id"].tolist()
    ['D-10', 'S20-20', 'D-19']
    """
    from smallstate.evidence import course_evidence

    row = _row(mechanism_id)
    from smallstate.evidence.derive import filed_acts

    ev = filed_acts(course_evidence() if evidence is None else evidence)  # each act once
    ev = ev[ev["actor"].astype(str) == "KHM"]
    linked = ev["counterpart"].astype(str) == mechanism_id
    if row["source"] != "samath2020":
        linked |= ev["source"].astype(str) == str(row["source"])
    if mechanism_id in _TEXT_LINKS:
        linked |= (
            ev["description"]
            .astype(str)
            .str.contains(_TEXT_LINKS[mechanism_id], case=False, regex=True)
        )
    out = ev[linked].sort_values(["date", "act_id"], kind="stable")
    return out[["act_id", "date", "counterpart", "stance", "description", "source", "locator"]]


def _row(mechanism_id: str) -> pd.Series:
    table = mechanisms()
    if mechanism_id not in table.index:
        raise unknown("mechanism", mechanism_id, list(table.index))
    row: pd.Series = table.loc[mechanism_id]  # type: ignore[assignment]
    return row


@dataclass(frozen=True)
class Mechanism:
    """One ASEAN mechanism with its members, what it binds, Cambodia's roles and acts.

    Attributes
    ----------
    id, name, kind, founded, founded_where
        From the dataset (``founded``/``founded_where`` empty when not recorded).
    members
        Great powers taking part at the founding (empty: ASEAN states only).
    binds
        What it binds its participants to.
    cambodia_roles
        Cambodia's roles, in the course's words.
    cited
        Citation of the row's source.
    note
        Coding note ("" if none).
    acts
        ``(date, act_id, description, citation)`` of the linked acts, oldest first.
    """

    id: str
    name: str
    kind: str
    founded: str
    founded_where: str
    members: tuple[str, ...]
    binds: str
    cambodia_roles: str
    cited: str
    note: str
    acts: tuple[tuple[str, str, str, str], ...]


def _text(value: object) -> str:
    import pandas as pd

    return "" if value is None or pd.isna(value) else str(value)  # type: ignore[call-overload]


def mechanism(mechanism_id: str, evidence: pd.DataFrame | None = None) -> Mechanism:
    """One mechanism as a :class:`Mechanism`, with its linked acts.

    Raises
    ------
    smallstate.errors.UnknownNameError
        For an unknown mechanism id, naming the closest ones.

    Examples
    --------
    >>> m = mechanism("AOIP")
    >>> m.founded, m.members, [a[1] for a in m.acts]
    ('2019-06', (), ['D-15', 'S20-19'])
    >>> mechanism("ADMM-Plus")
    Traceback (most recent call last):
    ...
    smallstate.errors.UnknownNameError: unknown mechanism 'ADMM-Plus'; did you mean 'ADMMPLUS'?
    """
    from smallstate.concepts import cite

    row = _row(mechanism_id)
    acts = linked_acts(mechanism_id, evidence)
    cited_acts = tuple(
        (str(d), str(a), str(t), cite(str(s), str(loc)))
        for d, a, t, s, loc in zip(
            acts["date"],
            acts["act_id"],
            acts["description"],
            acts["source"],
            acts["locator"],
            strict=True,
        )
    )
    members = _text(row["members"])
    return Mechanism(
        id=mechanism_id,
        name=_text(row["name"]),
        kind=_text(row["kind"]),
        founded=_text(row["founded"]),
        founded_where=_text(row["founded_where"]),
        members=tuple(members.split(";")) if members else (),
        binds=_text(row["binds"]),
        cambodia_roles=_text(row["cambodia_roles"]),
        cited=cite(_text(row["source"]), _text(row["locator"])),
        note=_text(row["note"]),
        acts=cited_acts,
    )


@dataclass(frozen=True)
class ScopeReading:
    """Every framework's verdict on one dyad, with and without the ASEAN-scope acts.

    Attributes
    ----------
    actor, target
        The dyad (e.g. ``KHM``, ``CHN``).
    asean_ids
        The act ids that the switch removes (scope ``ASEAN``).
    table
        One row per framework: ``framework``, ``label_with``, ``label_without``, ``changed``,
        ``position_with``, ``position_without``, ``rationale_with``, ``rationale_without``,
        ``ids_with``, ``ids_without`` (act ids behind each verdict).
    by_scope
        Samath's scope-by-scope reading of the dyad (all acts): ``scope``, ``label``,
        ``rationale``, ``evidence_ids``.
    """

    actor: str
    target: str
    asean_ids: tuple[str, ...]
    table: pd.DataFrame
    by_scope: pd.DataFrame


def scope_switch(
    evidence: pd.DataFrame | None = None,
    actor: str = "KHM",
    target: str = "CHN",
    frameworks: Sequence[str] | None = None,
) -> ScopeReading:
    """Classify one dyad as a single bilateral case with and without its ASEAN-scope acts.

    All of the dyad's acts are pooled into one case (scope and period cleared), so each
    framework gives one verdict on the whole relationship; the same is done after dropping
    the acts whose scope is ``ASEAN``. Comparing the two shows what the ASEAN track does to
    each reading. Samath's own reading keeps the scopes apart (``by_scope``).

    Examples
    --------
    >>> r = scope_switch(frameworks=["kuik", "leng"])
    >>> r.table[["framework", "label_with", "label_without", "changed"]].values.tolist()
    [['kuik', 'hedging', 'hedging', False], ['leng', 'soft_bandwagoning', 'soft_bandwagoning', False]]
    >>> "S20-21" in r.asean_ids and "D-16" not in r.asean_ids
    True
    """
    import pandas as pd

    from smallstate.evidence import course_evidence, is_validated, validate_evidence
    from smallstate.frameworks import FRAMEWORKS
    from smallstate.verdicts import classify

    ev = course_evidence() if evidence is None else evidence
    ev = ev if is_validated(ev) else validate_evidence(ev)
    dyad = ev[(ev["actor"].astype(str) == actor) & (ev["target"].astype(str) == target)]
    if dyad.empty:
        raise ValueError(f"no acts of {actor} towards {target} in the evidence")
    is_asean = dyad["scope"].astype(str) == "ASEAN"
    pooled = dyad.assign(scope="", period="")
    chosen = list(FRAMEWORKS) if frameworks is None else list(frameworks)
    rows = []
    for fw in chosen:
        with_ = classify(pooled, fw).iloc[0]
        without = classify(pooled[~is_asean.to_numpy()], fw).iloc[0] if (~is_asean).any() else None
        rows.append(
            {
                "framework": fw,
                "label_with": with_["label"],
                "label_without": "insufficient_evidence" if without is None else without["label"],
                "position_with": with_["position"],
                "position_without": None if without is None else without["position"],
                "rationale_with": with_["rationale"],
                "rationale_without": "" if without is None else without["rationale"],
                "ids_with": with_["evidence_ids"],
                "ids_without": () if without is None else without["evidence_ids"],
            }
        )
    table = pd.DataFrame(rows)
    table.insert(3, "changed", table["label_with"] != table["label_without"])
    table["position_with"] = pd.to_numeric(table["position_with"]).round(2)
    table["position_without"] = pd.to_numeric(table["position_without"]).round(2)
    scoped = classify(dyad, "samath", pool=())
    by_scope = scoped[["scope", "period", "label", "rationale", "evidence_ids"]].reset_index(
        drop=True
    )
    return ScopeReading(
        actor=actor,
        target=target,
        asean_ids=tuple(sorted(dyad.loc[is_asean, "act_id"].astype(str))),
        table=table,
        by_scope=by_scope,
    )
