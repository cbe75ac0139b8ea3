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
    Risk-contingency: economic diversification (economic diversification acts), dominance denial
    (diplomatic or institutional diversification, cultivating other powers' presence, and
    non-military defiance) and indirect balancing (security diversification and security
    defiance), as ``datasets/concepts.csv`` defines them. ``RM = EP + BE + LB`` and
    ``RC = ED + DD + IB`` (together: every diversification and defiance act). Restraint never enters ``DD``: Kuik counts binding engagement on the
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
    Number of great powers engaged by binding acts (each act's target, and for binding through
    a forum the course's great powers among its members, ``asean_mechanisms.csv``), whether
    the case backs one variant of an
    initiative family (counterparts ``FOIP-JP`` and ``FOIP-US`` share the family ``FOIP``)
    while abstaining towards another, and the counterparts of deference and abstention acts
    (Samath 2020).
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
from numpy.typing import ArrayLike

from smallstate.evidence import DOMAINS, STANCES, is_validated
from smallstate.evidence.derive import course_forum_members, is_derived
from smallstate.evidence.schema import CASE_COLUMNS, DERIVED_FROM, INDICATORS, POOLABLE
from smallstate.evidence.validation import Factorized, validate_evidence_factorized

__all__ = ["ActIds", "case_profiles", "gain_share", "profiles"]

_BOOL_FROM = {"ALIGN": "ALIGN_W", "HARD": "HARD_W"}


def _small_codes(codes: np.ndarray, n_cases: int) -> np.ndarray:
    """``codes`` in the narrowest integer type, so a stable argsort can use radix sort."""
    if n_cases <= np.iinfo(np.int16).max:
        return codes.astype(np.int16)
    if n_cases <= np.iinfo(np.int32).max:
        return codes.astype(np.int32)
    return codes


def _group(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct non-negative integer ``keys`` and each key's position among them.

    Same result as ``np.unique(keys, return_inverse=True)``, by counting when the keys span a
    small range (no sort).

    >>> uniq, inverse = _group(np.array([7, 2, 7, 5]))
    >>> uniq.tolist(), inverse.tolist()
    ([2, 5, 7], [2, 0, 2, 1])
    """
    keys = np.asarray(keys, dtype=np.int64)
    if len(keys) == 0:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    span = int(keys.max()) + 1
    if span > max(4 * len(keys), 1 << 16):
        uniq, inverse = np.unique(keys, return_inverse=True)
        return uniq.astype(np.int64), inverse.astype(np.int64).reshape(-1)
    present = np.bincount(keys, minlength=span) > 0
    rank = np.cumsum(present) - 1
    return np.flatnonzero(present).astype(np.int64), rank[keys].astype(np.int64)


def _factorize(
    ev: pd.DataFrame, column: str, known: Factorized | None
) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(ev[column])`` as (codes, uniques), taken from ``known`` when it has them.

    A text column is factorized as its object array: the same codes and values as factorizing
    the Series, about twice as fast (no comparison of every value with the NA value).
    """
    if known is not None and column in known:
        return known[column]
    s = ev[column]
    codes, uniques = pd.factorize(
        s.to_numpy(dtype=object) if isinstance(s.dtype, pd.StringDtype) else s
    )
    return codes, np.asarray(uniques, dtype=object)


def _count_once(
    ev: pd.DataFrame, known: Factorized | None
) -> tuple[pd.DataFrame, Factorized | None]:
    """Drop derived acts from a table whose cases pool targets, so each act counts once.

    A derived act has its filed act's actor, scope and period, so with targets pooled both
    fall in one case. Returns the filed acts and their factorize codes.
    """
    derived = is_derived(ev)
    if not derived.any():
        return ev, known
    keep = ~derived
    subset = None if known is None else {k: (c[keep], u) for k, (c, u) in known.items()}
    return ev.loc[keep], subset


def _case_codes(
    ev: pd.DataFrame, column: str, known: Factorized | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Codes of a case column and its sorted distinct values; missing or empty reads ``"all"``.

    Factorizes the column once (or takes its codes from ``known``) and substitutes ``"all"``
    among its few distinct values, which gives the codes ``pd.factorize(values, sort=True)``
    gives on the substituted column.
    """
    if column not in ev.columns:
        return np.zeros(len(ev), dtype=np.int64), np.array(["all"], dtype=object)
    raw_codes, raw_uniques = _factorize(ev, column, known)
    values = np.append(np.asarray(raw_uniques, dtype=object), "all")  # code -1 (missing) last
    values = np.where((values == "") | pd.isna(values), "all", values)
    lut, uniques = pd.factorize(values, sort=True)
    return lut.astype(np.int64)[raw_codes], np.asarray(uniques, dtype=object)


def _is_value(ev: pd.DataFrame, column: str, value: str) -> np.ndarray:
    """``ev[column] == value`` as a boolean array, on category codes where possible."""
    s = ev[column]
    if isinstance(s.dtype, pd.CategoricalDtype):
        categories = s.cat.categories
        if value not in categories:
            return np.zeros(len(s), dtype=bool)
        return s.cat.codes.to_numpy() == categories.get_loc(value)
    return np.asarray(s.astype(object).to_numpy() == value, dtype=bool)


def _split_tuples(values: list[str], codes: np.ndarray, n_cases: int) -> list[tuple[str, ...]]:
    """Cut ``values`` (grouped by case, ``codes`` their cases) into one tuple per case."""
    bounds = np.concatenate(([0], np.cumsum(np.bincount(codes, minlength=n_cases)))).tolist()
    return [tuple(values[a:b]) for a, b in itertools.pairwise(bounds)]


def _sets_per_case(
    mask: np.ndarray, codes: np.ndarray, cp_codes: np.ndarray, cp_values: np.ndarray, n_cases: int
) -> list[frozenset[str]]:
    """Frozen set of the counterparts selected by ``mask`` in each case (via unique pairs).

    With few counterparts, each case's set is first a bit pattern (one bit per counterpart),
    and one frozenset is built per distinct pattern, shared by the cases that have it.
    """
    width = max(len(cp_values), 1)
    keys = codes[mask].astype(np.int64) * width + cp_codes[mask]
    if width <= 62 and n_cases * width <= 4 * len(codes) + (1 << 16) and keys.min(initial=0) >= 0:
        present = np.bincount(keys, minlength=n_cases * width).reshape(n_cases, width) > 0
        bits = present.astype(np.int64) @ (np.int64(1) << np.arange(width, dtype=np.int64))
        patterns, which = np.unique(bits, return_inverse=True)
        one_bits = (patterns[:, None] >> np.arange(width, dtype=np.int64)) & 1
        sets = [frozenset(cp_values[np.flatnonzero(row)].tolist()) for row in one_bits]
        return [sets[i] for i in which.reshape(-1).tolist()]
    pairs, _ = _group(keys)
    case, cp = pairs // width, pairs % width
    bounds = np.searchsorted(case, np.arange(n_cases + 1)).tolist()
    names = cp_values[cp].tolist()
    return [frozenset(names[a:b]) for a, b in itertools.pairwise(bounds)]


class ActIds:
    """The act ids behind each indicator, kept as row masks until a verdict cites them.

    :meth:`evidence` builds, for every case, the sorted tuple of the ids of the acts selected
    by the indicators its verdict names: the same tuples as sorting the union of the case's
    ``ids_<NAME>`` columns, without building those columns for every indicator.
    """

    def __init__(
        self, act_ids: np.ndarray, codes: np.ndarray, n_cases: int, masks: dict[str, np.ndarray]
    ) -> None:
        self.act_ids, self.codes, self.n_cases, self.masks = act_ids, codes, n_cases, masks

    def evidence(self, groups: Iterable[tuple[np.ndarray, list[str]]]) -> list[tuple[str, ...]]:
        """One sorted tuple of act ids per case; ``groups`` pairs case rows with indicators."""
        selected = np.zeros(len(self.codes), dtype=bool)
        for rows, names in groups:
            if not names:
                continue
            in_rows = np.zeros(self.n_cases, dtype=bool)
            in_rows[rows] = True
            cited = np.logical_or.reduce([self.masks[name] for name in names])
            selected |= cited & in_rows[self.codes]
        idx = np.flatnonzero(selected)
        case = _small_codes(self.codes[idx], self.n_cases)
        idx = idx[np.argsort(case, kind="stable")]
        bounds = np.concatenate(([0], np.cumsum(np.bincount(case, minlength=self.n_cases))))
        # One small list per case: a list of every cited id would be traversed by the garbage
        # collector while the tuples are built, touching each id (in random memory order).
        act_ids = self.act_ids
        return [
            tuple(sorted(act_ids[idx[a:b]].tolist()))
            for a, b in itertools.pairwise(bounds.tolist())
        ]


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
    ...     "aimed_at_target": "no", "source": "samath2020", "locator": "p. 1",
    ...     "description": "An act.", "scope": "FOIP"})
    >>> p = profiles(acts, pool=["target"])
    >>> p[["target", "scope", "SPLIT", "ids_SPLIT"]].to_dict("records")
    [{'target': 'JPN+USA', 'scope': 'FOIP', 'SPLIT': True, 'ids_SPLIT': ('j1', 'u1')}]
    """
    pool = tuple(pool)
    bad = [name for name in pool if name not in POOLABLE]
    if bad:
        raise ValueError(f"cannot pool {bad}; poolable case columns are {list(POOLABLE)}")
    if is_validated(evidence):
        ev, known = evidence, None
    else:  # validate once, keeping the case columns' codes (a warning names our caller)
        ev, known = validate_evidence_factorized(evidence, stacklevel=2)
    return _build(ev, bool(restraint_counts_as_defiance), pool, ids, known=known)[0]


def gain_share(def_gain: ArrayLike, deference: ArrayLike) -> np.ndarray:
    """Share of deference (by intensity) that is gain-motivated; NaN where there is none.

    Examples
    --------
    >>> gain_share([2.0, 0.0], [4.0, 0.0]).tolist()
    [0.5, nan]
    """
    gain = np.asarray(def_gain, dtype=np.float64)
    total = np.asarray(deference, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, gain / total, np.nan)


def case_profiles(
    ev: pd.DataFrame,
    restraint_counts_as_defiance: bool,
    pool: tuple[str, ...],
    known: Factorized | None = None,
) -> tuple[pd.DataFrame, ActIds]:
    """:func:`profiles` of a validated table without ``ids_`` columns, plus its :class:`ActIds`.

    The verdicts layer uses this: it builds the evidence ids only for the indicators that the
    fired rules cite, instead of an ``ids_`` column for every indicator. ``known`` holds the
    factorize codes that :func:`~smallstate.evidence.validation.validate_evidence_factorized`
    returned with ``ev``, so that the case columns are not hashed again.

    Examples
    --------
    >>> from smallstate.evidence import course_evidence
    >>> table, ids = case_profiles(course_evidence("evidence_seeds"), False, ())
    >>> "ids_DEF" in table.columns, len(table) > 0
    (False, True)
    """
    out, act_ids = _build(ev, restraint_counts_as_defiance, pool, (), lazy=True, known=known)
    assert act_ids is not None
    return out, act_ids


def _build(
    ev: pd.DataFrame,
    restraint_counts_as_defiance: bool,
    pool: tuple[str, ...],
    ids_wanted: Iterable[str] | None,
    lazy: bool = False,
    known: Factorized | None = None,
) -> tuple[pd.DataFrame, ActIds | None]:
    """Profiles (with the ``ids_`` columns in ``ids_wanted``) and, if ``lazy``, the act ids.

    Everything is computed on integer codes in the table's row order: case columns and
    counterparts are factorized once (not at all when validation handed on their codes in
    ``known``), masks come from category codes, and sums are bincounts.
    """
    if "target" in pool and DERIVED_FROM in ev.columns:
        ev, known = _count_once(ev, known)
    group_cols = [col for col in CASE_COLUMNS if col not in pool]
    needed = dict.fromkeys([*group_cols, "actor", "target"])
    coded = {col: _case_codes(ev, col, known) for col in needed}
    combined = np.zeros(len(ev), dtype=np.int64)
    for name in group_cols:
        col_codes, uniques = coded[name]
        combined = combined * max(len(uniques), 1) + col_codes
    case_ids, codes = _group(combined)
    n_cases = len(case_ids)
    out = pd.DataFrame(index=range(n_cases))
    rest = case_ids
    for name in reversed(group_cols):
        uniques = coded[name][1]
        size = max(len(uniques), 1)
        out[name] = uniques[rest % size] if n_cases else np.array([], dtype=object)
        rest = rest // size
    out = out[group_cols]
    out["N"] = np.bincount(codes, minlength=n_cases)

    stance = ev["stance"].cat.codes.to_numpy()
    domain = ev["domain"].cat.codes.to_numpy()
    aimed = _is_value(ev, "aimed_at_target", "yes")
    weight = ev["intensity"].to_numpy(dtype=np.float64)
    if "motive" in ev.columns:
        gain, for_security = _is_value(ev, "motive", "gain"), _is_value(ev, "motive", "security")
    else:
        gain = for_security = np.zeros(len(ev), dtype=bool)
    actor_codes, actor_values = coded["actor"]
    target_codes, target_values = coded["target"]
    cp_codes, cp_values = _factorize(ev, "counterpart", known)
    cp_position = {value: i for i, value in enumerate(cp_values.tolist())}

    def as_counterpart(values: np.ndarray) -> np.ndarray:
        """Counterpart code of each value (-2 when no act has it as counterpart)."""
        return np.array([cp_position.get(v, -2) for v in values.tolist()], dtype=np.int64)

    actor_cp = as_counterpart(actor_values)[actor_codes]
    target_cp = as_counterpart(target_values)[target_codes]

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
        "ED": is_stance("diversification") & economic,
        "DD": (is_stance("diversification") & ~economic & ~security) | (defiance & ~security),
        "IB": (defiance | is_stance("diversification")) & security,
        "SEC_DFY": defiance & security,
        "DEF_GAIN": deference & gain,
        "DEF_SECURITY": deference & for_security,
        "SEC_DEF": deference & security,
        "INT_BAL": defiance & security & (cp_codes == actor_cp),
        "EXT_BAL": defiance & security & (cp_codes != actor_cp) & (cp_codes != target_cp),
        "DIV_SEC_AIMED": is_stance("diversification") & security & aimed,
        "ALIGN_W": deference & security & (weight == 3),
        "HARD_W": defiance & security & (weight == 3),
    }
    masks["RM"] = masks["EP"] | masks["LB"] | binding
    masks["RC"] = masks["DIV"] | defiance

    # Every mask above is a function of a few row attributes; sum the weights once per case
    # and attribute combination, then add up the combinations each mask selects.
    attributes = [
        stance.astype(np.int64) - stance.min(initial=0),
        security, economic, aimed, gain, for_security, weight == 3,
        masks["INT_BAL"], masks["EXT_BAL"],
    ]  # fmt: skip
    key = np.zeros(len(ev), dtype=np.int64)
    for attribute in attributes:
        key = key * (int(attribute.max(initial=0)) + 1) + attribute
    kinds, kind = _group(key)
    sums: dict[str, np.ndarray]  # float64 sums per case (bincount with weights)
    if n_cases * len(kinds) <= 4 * len(ev) + (1 << 16):
        table = np.bincount(
            codes * len(kinds) + kind, weights=weight, minlength=n_cases * len(kinds)
        ).reshape(n_cases, len(kinds))
        example = np.zeros(len(kinds), dtype=np.int64)
        example[kind] = np.arange(len(ev))  # one row of each attribute combination
        # One column per mask: does each attribute combination count for the mask?
        selects = np.stack([m[example] for m in masks.values()], axis=1).astype(np.float64)
        # Weights are whole numbers, so these float sums are exact whatever their order.
        summed = table @ selects  # one product for all masks: the table is read once
        sums = {name: summed[:, j] for j, name in enumerate(masks)}
    else:
        sums = {
            name: np.bincount(codes, weights=np.where(m, weight, 0.0), minlength=n_cases)
            for name, m in masks.items()
        }
    for name in INDICATORS:
        out[name] = sums[name]
    for name, source in _BOOL_FROM.items():
        out[name] = sums[source] > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        out["GAIN_SHARE"] = gain_share(out["DEF_GAIN"], out["DEF"])

    # Great powers engaged by binding acts: each act's target and, for binding through a forum
    # whose members include it, the forum's other great powers (asean_mechanisms.csv).
    n_targets = max(len(target_values), 1)
    bind_case = codes[binding]
    bind_power = target_values[target_codes[binding]].astype(object)
    forums = course_forum_members()
    bind_cp = cp_values[cp_codes[binding]] if len(cp_values) else np.array([], dtype=object)
    extra_case, extra_power = [bind_case], [bind_power]
    for forum, powers in forums.items():
        in_forum = (bind_cp == forum) & np.isin(bind_power, powers)
        if in_forum.any():
            for power in powers:
                extra_case.append(bind_case[in_forum])
                extra_power.append(np.full(int(in_forum.sum()), power, dtype=object))
    power_codes, powers_seen = pd.factorize(np.concatenate(extra_power))
    n_powers = max(len(powers_seen), 1)
    pairs = np.concatenate(extra_case).astype(np.int64) * n_powers + power_codes
    bind_pairs, _ = _group(pairs)
    out["BIND_TARGETS"] = np.bincount(bind_pairs // n_powers, minlength=n_cases)

    # Initiative families: support for one variant with abstention towards another.
    cp_family = pd.Series(cp_values, dtype=object).str.rsplit("-", n=1).str[0].to_numpy()
    has_dash = np.array(["-" in str(v) for v in cp_values], dtype=bool)
    fam_rows = (deference | masks["ABS"]) & has_dash[cp_codes] if len(ev) else deference
    fam_idx = np.flatnonzero(fam_rows)
    family_of_cp, families = pd.factorize(cp_family)
    n_families = max(len(families), 1)
    fam_cp = cp_codes[fam_idx]
    _, fam_group = _group(codes[fam_idx] * n_families + family_of_cp[fam_cp])
    n_groups = int(fam_group.max()) + 1 if len(fam_group) else 0
    has_def = np.bincount(fam_group[deference[fam_idx]], minlength=n_groups) > 0
    has_abs = np.bincount(fam_group[masks["ABS"][fam_idx]], minlength=n_groups) > 0
    n_cp = max(len(cp_values), 1)
    variants, _ = _group(fam_group * n_cp + fam_cp)
    n_var = np.bincount(variants // n_cp, minlength=n_groups)
    split_group = has_def & has_abs & (n_var > 1)
    split_rows = np.zeros(len(ev), dtype=bool)
    split_rows[fam_idx[split_group[fam_group]]] = True
    masks["SPLIT"] = split_rows
    out["SPLIT"] = np.bincount(codes[split_rows], minlength=n_cases) > 0

    # a list of frozensets is a valid column; pandas-stubs' __setitem__ does not list it
    out["cp_DEF"] = _sets_per_case(deference, codes, cp_codes, cp_values, n_cases)  # type: ignore[assignment]
    out["cp_ABS"] = _sets_per_case(masks["ABS"], codes, cp_codes, cp_values, n_cases)  # type: ignore[assignment]

    # Pooled columns: scope/period "all"; target lists the powers present (sorted).
    for name in pool:
        if name == "target":
            pairs, _ = _group(codes * n_targets + target_codes)
            bounds = np.searchsorted(pairs // n_targets, np.arange(n_cases + 1)).tolist()
            names = target_values[pairs % n_targets].tolist()
            joined = ["+".join(names[a:b]) for a, b in itertools.pairwise(bounds)]
            out["target"] = np.array(joined, dtype=object)
        else:
            out[name] = "all"

    masks["ALL"] = np.ones(len(ev), dtype=bool)
    masks["ALIGN"], masks["HARD"] = masks["ALIGN_W"], masks["HARD_W"]
    all_ids = ("ALL", *INDICATORS, "SPLIT", "ALIGN", "HARD")
    act_ids = ev["act_id"].astype(object).to_numpy()
    wanted = [n for n in all_ids if n in set(all_ids if ids_wanted is None else ids_wanted)]
    if wanted:
        # Group the acts by case once (stable, so each case keeps the table's row order).
        order = np.argsort(_small_codes(codes, n_cases), kind="stable")
        for name in wanted:
            rows = order[masks[name][order]]
            out[f"ids_{name}"] = _split_tuples(act_ids[rows].tolist(), codes[rows], n_cases)

    out = out[[*CASE_COLUMNS, *[c for c in out.columns if c not in CASE_COLUMNS]]]
    out.attrs["restraint_counts_as_defiance"] = bool(restraint_counts_as_defiance)
    out.attrs["pool"] = pool
    return out, (ActIds(act_ids, codes, n_cases, masks) if lazy else None)
