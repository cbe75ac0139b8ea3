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
    Tuple of the act ids behind each indicator (in the table's row order), so every verdict
    can name its evidence; verdicts sort them.

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
    """Tuples of act ids selected by ``mask`` for each case; inputs are grouped by case."""
    idx = np.flatnonzero(mask)
    counts = np.bincount(codes[idx], minlength=n_cases)
    bounds = np.concatenate(([0], np.cumsum(counts))).tolist()
    values = ids[idx].tolist()
    return [tuple(values[a:b]) for a, b in itertools.pairwise(bounds)]


def _sets_per_case(
    mask: np.ndarray, codes: np.ndarray, cp_codes: np.ndarray, cp_values: np.ndarray, n_cases: int
) -> list[frozenset[str]]:
    """Frozen set of the counterparts selected by ``mask`` in each case (via unique pairs)."""
    width = max(len(cp_values), 1)
    pairs = np.unique(codes[mask].astype(np.int64) * width + cp_codes[mask])
    case, cp = pairs // width, pairs % width
    bounds = np.searchsorted(case, np.arange(n_cases + 1)).tolist()
    names = cp_values[cp].tolist()
    return [frozenset(names[a:b]) for a, b in itertools.pairwise(bounds)]


def profiles(
    evidence: pd.DataFrame,
    *,
    restraint_counts_as_defiance: bool = False,
    pool: Iterable[str] = (),
    ids: Iterable[str] | None = None,
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
    ids : iterable of str, optional
        Indicators whose ``ids_`` columns to build (default: all); frameworks ask only for the
        ones their rules cite, which saves time on large tables.

    Returns
    -------
    pandas.DataFrame
        One row per case, sorted by the case columns: the case columns, ``N``, the weighted
        indicators (float), ``ALIGN``, ``HARD``, ``SPLIT`` (bool), ``GAIN_SHARE`` (NaN without
        deference), ``BIND_TARGETS`` (int), ``cp_DEF`` and ``cp_ABS`` (frozensets) and one
        ``ids_<NAME>`` column of act-id tuples per indicator (plus ``ids_ALL``,
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
    return _profiles(ev, bool(restraint_counts_as_defiance), pool, ids)


def _profiles(
    ev: pd.DataFrame,
    restraint_counts_as_defiance: bool,
    pool: tuple[str, ...],
    ids_wanted: Iterable[str] | None,
) -> pd.DataFrame:
    """:func:`profiles` on a table already known to be valid."""

    keys = {col: _case_key(ev, col) for col in CASE_COLUMNS}
    group_cols = [col for col in CASE_COLUMNS if col not in pool]
    combined = np.zeros(len(ev), dtype=np.int64)
    uniques_by_col = {}
    for name in group_cols:
        col_codes, uniques = pd.factorize(keys[name], sort=True)
        uniques_by_col[name] = np.asarray(uniques, dtype=object)
        combined = combined * max(len(uniques), 1) + col_codes
    case_ids, codes_unsorted = np.unique(combined, return_inverse=True)
    codes_unsorted = codes_unsorted.astype(np.int64).reshape(-1)
    n_cases = len(case_ids)
    out = pd.DataFrame(index=range(n_cases))
    rest = case_ids
    for name in reversed(group_cols):
        size = max(len(uniques_by_col[name]), 1)
        out[name] = uniques_by_col[name][rest % size] if n_cases else np.array([], dtype=object)
        rest = rest // size
    out = out[group_cols]
    out["N"] = np.bincount(codes_unsorted, minlength=n_cases)

    # Group the acts by case once (stable, so each case keeps the table's row order).
    act_ids = ev["act_id"].astype(object).to_numpy()
    order = np.argsort(codes_unsorted, kind="stable")
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

    sums = {
        name: np.bincount(codes, weights=np.where(m, weight, 0.0), minlength=n_cases)
        for name, m in masks.items()
    }
    for name in INDICATORS:
        out[name] = sums[name]
    for name, source in _BOOL_FROM.items():
        out[name] = sums[source] > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        out["GAIN_SHARE"] = np.where(out["DEF"] > 0, out["DEF_GAIN"] / out["DEF"], np.nan)

    # Powers engaged by binding acts (distinct targets, > 1 only when targets are pooled).
    bind_pairs = pd.DataFrame({"case": codes[binding], "target": target[binding]})
    out["BIND_TARGETS"] = np.bincount(
        bind_pairs.drop_duplicates()["case"].to_numpy(dtype=np.int64), minlength=n_cases
    )

    # Initiative families: support for one variant with abstention towards another.
    cp_codes, cp_values = pd.factorize(counterpart)
    cp_values = np.asarray(cp_values, dtype=object)
    cp_family = pd.Series(cp_values, dtype=object).str.rsplit("-", n=1).str[0].to_numpy()
    has_dash = np.array(["-" in str(v) for v in cp_values], dtype=bool)
    fam_rows = (deference | masks["ABS"]) & has_dash[cp_codes] if len(ev) else deference
    fam = pd.DataFrame(
        {
            "case": codes[fam_rows],
            "family": cp_family[cp_codes[fam_rows]] if len(ev) else np.array([], dtype=object),
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

    out["cp_DEF"] = _sets_per_case(deference, codes, cp_codes, cp_values, n_cases)
    out["cp_ABS"] = _sets_per_case(masks["ABS"], codes, cp_codes, cp_values, n_cases)

    # Pooled columns: scope/period "all"; target lists the powers present.
    for name in pool:
        if name == "target":
            pairs = pd.DataFrame({"case": codes, "target": target}).drop_duplicates()
            joined = pairs.sort_values(["case", "target"]).groupby("case")["target"].agg("+".join)
            out["target"] = joined.reindex(range(n_cases)).to_numpy()
        else:
            out[name] = "all"

    masks["ALL"] = np.ones(len(ev), dtype=bool)
    masks["ALIGN"], masks["HARD"] = masks["ALIGN_W"], masks["HARD_W"]
    all_ids = ("ALL", *INDICATORS, "SPLIT", "ALIGN", "HARD")
    wanted = set(all_ids if ids_wanted is None else ids_wanted)
    for name in all_ids:
        if name in wanted:
            out[f"ids_{name}"] = _ids_per_case(masks[name], codes, ids, n_cases)

    out = out[[*CASE_COLUMNS, *[c for c in out.columns if c not in CASE_COLUMNS]]]
    out.attrs["restraint_counts_as_defiance"] = bool(restraint_counts_as_defiance)
    out.attrs["pool"] = pool
    return out
