"""From acts to case profiles: the indicators every framework reads, computed vectorized.

A *case* is (actor, target, scope, period); an empty or missing scope or period is ``"all"``.
:func:`profiles` returns one row per case. Sums are intensity-weighted (an act of intensity 3
weighs three times an act of intensity 1).

Indicators and where their idea comes from
------------------------------------------
``DEF``, ``DFY``
    Deference and defiance, the two opposite kinds of act whose mix Jackson (2014) calls
    hedging. ``DFY_BASE`` is pure defiance; ``DFY`` equals it unless
    ``restraint_counts_as_defiance`` is set, in which case binding acts aimed at the target
    (``RESTRAINT``) are added.
``DIV``, ``BIND``, ``ABS``
    Diversification towards the target's competitors (Leng 2016), binding the target into
    institutions (Kuik 2008, binding engagement) and abstention.
``RESTRAINT``
    Binding acts with ``aimed_at_target == "yes"``: institutional restraint of the target
    (Paul 2005, soft balancing; Kuik 2016).
``ALIGN``, ``HARD``
    Booleans: a security deference act of intensity 3 (alliance-like alignment) and a security
    defiance act of intensity 3 (hard balancing) (Waltz 1979; Walt 1987).
``EP``, ``BE``, ``LB`` and ``ED``, ``DD``, ``IB``
    Kuik's components (Kuik 2008, 2016). Return-maximizing: economic pragmatism (economic
    deference), binding engagement (= ``BIND``), limited bandwagoning (non-economic deference).
    Risk-contingency: economic diversification (= ``DIV``, all diversification, since the logic
    of not relying on one power applies beyond trade), dominance denial (non-security
    defiance) and indirect balancing (security defiance). ``RM = EP + BE + LB`` and
    ``RC = ED + DD + IB``. Restraint never enters ``DD``: Kuik counts binding engagement on the
    return-maximizing side (``BE``), and counting the same act as dominance denial would put it
    on both sides of his spectrum.
``DEF_GAIN``, ``DEF_SECURITY``, ``GAIN_SHARE``
    Deference by motive and the share of gain-motivated deference (Schweller 1994,
    bandwagoning for profit; Walt 1987, bandwagoning to appease a threat). Empty motive counts
    as unknown.
``SEC_DEF``, ``INT_BAL``, ``EXT_BAL``, ``DIV_SEC_AIMED``
    Security deference; security defiance by the actor itself (counterpart = actor, internal
    balancing) or with a third party (external balancing) (Waltz 1979); security
    diversification aimed at the target (alliance against a threat, Walt 1985).
``BIND_TARGETS``, ``SPLIT``, ``cp_DEF``, ``cp_ABS``
    Number of powers engaged by binding acts, whether the case backs one variant of an
    initiative family (counterparts ``FOIP-JP`` and ``FOIP-US`` share the family ``FOIP``)
    while abstaining towards another, and the counterparts of deference and abstention acts
    (Somanith 2020).
``N``
    Number of acts.
``ids_<INDICATOR>``
    Sorted tuple of the act ids behind each indicator, so every verdict can name its evidence.

Examples
--------
>>> import pandas as pd
>>> acts = pd.DataFrame({
...     "act_id": ["a", "b", "c"], "actor": "KHM", "target": "CHN",
...     "counterpart": ["BRI", "JPN", "ASEAN"], "date": "2016",
...     "domain": ["economic", "diplomatic", "institutional"],
...     "stance": ["deference", "diversification", "binding"], "intensity": ["2", "1", "2"],
...     "aimed_at_target": ["no", "no", "yes"], "source": "leng2016", "locator": "para. 1",
...     "description": "An act."})
>>> p = profiles(acts)
>>> p[["DEF", "DFY", "DIV", "BIND", "RM", "RC", "N"]].to_dict("records")
[{'DEF': 2.0, 'DFY': 0.0, 'DIV': 1.0, 'BIND': 2.0, 'RM': 4.0, 'RC': 1.0, 'N': 3}]
>>> profiles(acts, restraint_counts_as_defiance=True)[["DFY", "ids_DFY"]].to_dict("records")
[{'DFY': 2.0, 'ids_DFY': ('c',)}]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import numpy as np
import pandas as pd

from smallstate.evidence import DOMAINS, STANCES, is_validated, validate_evidence

__all__ = ["CASE_COLUMNS", "INDICATORS", "POOLABLE", "profiles"]

CASE_COLUMNS: tuple[str, ...] = ("actor", "target", "scope", "period")
#: Case columns that may be pooled (merged) by :func:`profiles`.
POOLABLE: tuple[str, ...] = ("target", "scope", "period")

#: Intensity-weighted indicators with an ``ids_`` column, in output order.
INDICATORS: tuple[str, ...] = (
    "DEF", "DFY", "DFY_BASE", "RESTRAINT", "DIV", "BIND", "ABS", "EP", "LB", "DD", "IB",
    "RM", "RC", "DEF_GAIN", "DEF_SECURITY", "SEC_DEF", "INT_BAL", "EXT_BAL", "DIV_SEC_AIMED",
)  # fmt: skip
_BOOL_FROM = {"ALIGN": "ALIGN_W", "HARD": "HARD_W"}


def _case_key(ev: pd.DataFrame, column: str) -> np.ndarray:
    """Case column as text, ``"all"`` where the column is missing or empty."""
    if column not in ev.columns:
        return np.full(len(ev), "all", dtype=object)
    values = ev[column].astype(object).to_numpy()
    return np.where((values == "") | pd.isna(values), "all", values)


def _ids_per_case(
    mask: np.ndarray, codes: np.ndarray, ids: np.ndarray, n_cases: int
) -> list[tuple[str, ...]]:
    """Tuples of act ids selected by ``mask`` for each case; inputs are sorted by (case, id)."""
    idx = np.flatnonzero(mask)
    counts = np.bincount(codes[idx], minlength=n_cases)
    bounds = np.concatenate(([0], np.cumsum(counts))).tolist()
    values = ids[idx].tolist()
    return [tuple(values[a:b]) for a, b in itertools.pairwise(bounds)]


def _sets_per_case(
    mask: np.ndarray, codes: np.ndarray, values: np.ndarray, n_cases: int
) -> list[frozenset[str]]:
    sel = pd.Series(values[mask]).groupby(codes[mask], sort=True).agg(frozenset)
    return sel.reindex(range(n_cases), fill_value=frozenset()).tolist()


def profiles(
    evidence: pd.DataFrame,
    *,
    restraint_counts_as_defiance: bool = False,
    pool: Iterable[str] = (),
) -> pd.DataFrame:
    """Summarise the acts of each case into the indicators the frameworks read.

    Parameters
    ----------
    evidence : pandas.DataFrame
        Act table, validated (see :func:`smallstate.evidence.validate_evidence`) or raw (it is
        then validated first).
    restraint_counts_as_defiance : bool, default False
        Add binding acts aimed at the target (``RESTRAINT``) to ``DFY`` (not to ``DD``; see the
        module notes). ``DFY_BASE`` always holds pure defiance.
    pool : iterable of {"target", "scope", "period"}, default ()
        Case columns to merge: a pooled scope or period reads ``"all"``; a pooled target lists
        the powers present, joined by ``+`` (e.g. ``"JPN+USA"``).

    Returns
    -------
    pandas.DataFrame
        One row per case, sorted by the case columns: the case columns, ``N``, the weighted
        indicators (float), ``ALIGN``, ``HARD``, ``SPLIT`` (bool), ``GAIN_SHARE`` (NaN without
        deference), ``BIND_TARGETS`` (int), ``cp_DEF`` and ``cp_ABS`` (frozensets) and one
        ``ids_<NAME>`` column of sorted act-id tuples per indicator (plus ``ids_ALL``,
        ``ids_ALIGN``, ``ids_HARD``, ``ids_SPLIT``).

    Examples
    --------
    >>> import pandas as pd
    >>> acts = pd.DataFrame({
    ...     "act_id": ["j1", "u1"], "actor": "KHM", "target": ["JPN", "USA"],
    ...     "counterpart": ["FOIP-JP", "FOIP-US"], "date": "2020",
    ...     "domain": "diplomatic", "stance": ["deference", "abstention"], "intensity": "1",
    ...     "aimed_at_target": "no", "source": "somanith2020", "locator": "p. 1",
    ...     "description": "An act.", "scope": "FOIP"})
    >>> p = profiles(acts, pool=["target"])
    >>> p[["target", "scope", "SPLIT", "ids_SPLIT"]].to_dict("records")
    [{'target': 'JPN+USA', 'scope': 'FOIP', 'SPLIT': True, 'ids_SPLIT': ('j1', 'u1')}]
    """
    pool = tuple(pool)
    bad = [name for name in pool if name not in POOLABLE]
    if bad:
        raise ValueError(f"cannot pool {bad}; poolable case columns are {list(POOLABLE)}")
    ev = evidence if is_validated(evidence) else validate_evidence(evidence)

    keys = {col: _case_key(ev, col) for col in CASE_COLUMNS}
    group_cols = [col for col in CASE_COLUMNS if col not in pool]
    key_frame = pd.DataFrame({col: keys[col] for col in group_cols})
    grouped = key_frame.groupby(group_cols, sort=True)
    codes_unsorted = grouped.ngroup().to_numpy()
    out = grouped.size().rename("N").reset_index()
    n_cases = len(out)

    # Sort the acts once by (case, act id): id tuples come out sorted and contiguous.
    act_ids = ev["act_id"].astype(object).to_numpy()
    order = np.lexsort((act_ids, codes_unsorted)) if len(ev) else np.zeros(0, dtype=np.int64)
    codes = codes_unsorted[order]
    ids = act_ids[order]

    def col(name: str) -> np.ndarray:
        return ev[name].to_numpy()[order]

    stance = ev["stance"].cat.codes.to_numpy()[order]
    domain = ev["domain"].cat.codes.to_numpy()[order]
    aimed = ev["aimed_at_target"].astype(object).to_numpy()[order] == "yes"
    weight = ev["intensity"].to_numpy(dtype=np.float64)[order]
    motive = (
        ev["motive"].astype(object).to_numpy()[order]
        if "motive" in ev.columns
        else np.full(len(ev), "unknown", dtype=object)
    )
    actor = keys["actor"][order]
    target = keys["target"][order]
    counterpart = ev["counterpart"].astype(object).to_numpy()[order]

    def is_stance(name: str) -> np.ndarray:
        return stance == STANCES.index(name)

    security = domain == DOMAINS.index("security")
    economic = domain == DOMAINS.index("economic")
    deference, defiance = is_stance("deference"), is_stance("defiance")
    binding = is_stance("binding")
    restraint = binding & aimed
    masks: dict[str, np.ndarray] = {
        "DEF": deference,
        "DFY": defiance | restraint if restraint_counts_as_defiance else defiance,
        "DFY_BASE": defiance,
        "RESTRAINT": restraint,
        "DIV": is_stance("diversification"),
        "BIND": binding,
        "ABS": is_stance("abstention"),
        "EP": deference & economic,
        "LB": deference & ~economic,
        "DD": defiance & ~security,
        "IB": defiance & security,
        "DEF_GAIN": deference & (motive == "gain"),
        "DEF_SECURITY": deference & (motive == "security"),
        "SEC_DEF": deference & security,
        "INT_BAL": defiance & security & (counterpart == actor),
        "EXT_BAL": defiance & security & (counterpart != actor) & (counterpart != target),
        "DIV_SEC_AIMED": is_stance("diversification") & security & aimed,
        "ALIGN_W": deference & security & (weight == 3),
        "HARD_W": defiance & security & (weight == 3),
    }
    masks["RM"] = masks["EP"] | masks["LB"] | binding
    masks["RC"] = masks["DIV"] | defiance

    weights = pd.DataFrame({name: np.where(m, weight, 0.0) for name, m in masks.items()})
    sums = weights.groupby(codes, sort=True).sum().reindex(range(n_cases), fill_value=0.0)
    for name in INDICATORS:
        out[name] = sums[name].to_numpy()
    for name, source in _BOOL_FROM.items():
        out[name] = sums[source].to_numpy() > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        out["GAIN_SHARE"] = np.where(out["DEF"] > 0, out["DEF_GAIN"] / out["DEF"], np.nan)

    # Powers engaged by binding acts (distinct targets, > 1 only when targets are pooled).
    bind_pairs = pd.DataFrame({"case": codes[binding], "target": target[binding]})
    out["BIND_TARGETS"] = np.bincount(
        bind_pairs.drop_duplicates()["case"].to_numpy(dtype=np.int64), minlength=n_cases
    )

    # Initiative families: support for one variant with abstention towards another.
    fam_rows = (deference | masks["ABS"]) & pd.Series(counterpart).str.contains("-").to_numpy()
    fam = pd.DataFrame(
        {
            "case": codes[fam_rows],
            "family": pd.Series(counterpart[fam_rows]).str.rsplit("-", n=1).str[0].to_numpy(),
            "variant": counterpart[fam_rows],
            "is_def": deference[fam_rows],
            "is_abs": masks["ABS"][fam_rows],
        }
    )
    per_family = fam.groupby(["case", "family"], sort=False).agg(
        has_def=("is_def", "any"), has_abs=("is_abs", "any"), n_var=("variant", "nunique")
    )
    per_family["split"] = per_family["has_def"] & per_family["has_abs"] & (per_family["n_var"] > 1)
    split_keys = per_family.index[per_family["split"].to_numpy()]
    split_rows = np.zeros(len(ev), dtype=bool)
    if len(split_keys):
        in_split = pd.MultiIndex.from_arrays([fam["case"], fam["family"]]).isin(split_keys)
        split_rows[np.flatnonzero(fam_rows)[in_split]] = True
    masks["SPLIT"] = split_rows
    out["SPLIT"] = np.bincount(codes[split_rows], minlength=n_cases) > 0

    out["cp_DEF"] = _sets_per_case(deference, codes, counterpart, n_cases)
    out["cp_ABS"] = _sets_per_case(masks["ABS"], codes, counterpart, n_cases)

    # Pooled columns: scope/period "all"; target lists the powers present.
    for name in pool:
        if name == "target":
            pairs = pd.DataFrame({"case": codes, "target": target}).drop_duplicates()
            joined = pairs.sort_values(["case", "target"]).groupby("case")["target"].agg("+".join)
            out["target"] = joined.reindex(range(n_cases)).to_numpy()
        else:
            out[name] = "all"

    every = np.ones(len(ev), dtype=bool)
    out["ids_ALL"] = _ids_per_case(every, codes, ids, n_cases)
    for name in (*INDICATORS, "SPLIT"):
        out[f"ids_{name}"] = _ids_per_case(masks[name], codes, ids, n_cases)
    out["ids_ALIGN"] = _ids_per_case(masks["ALIGN_W"], codes, ids, n_cases)
    out["ids_HARD"] = _ids_per_case(masks["HARD_W"], codes, ids, n_cases)

    out = out[[*CASE_COLUMNS, *[c for c in out.columns if c not in CASE_COLUMNS]]]
    out.attrs["restraint_counts_as_defiance"] = bool(restraint_counts_as_defiance)
    out.attrs["pool"] = pool
    return out
