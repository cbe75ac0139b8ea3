"""Classify evidence under one framework, or compare several: labels with their reasons.

Examples
--------
>>> from smallstate._paths import dataset_path
>>> from smallstate.evidence import read_evidence
>>> ev = read_evidence(dataset_path("evidence_seeds.csv"))
>>> out = classify(ev, "leng")
>>> row = out[(out.actor == "KHM") & (out.period == "2013-2016")].iloc[0]
>>> row["label"]
'soft_bandwagoning'
>>> wide = compare(ev, ["jackson", "leng"])
>>> list(wide.columns)
['actor', 'target', 'scope', 'period', 'jackson', 'leng']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from smallstate.evidence import (
    CASE_COLUMNS,
    is_validated,
)
from smallstate.evidence.validation import Factorized, validate_evidence_factorized
from smallstate.frameworks import FRAMEWORKS, Framework, get_framework
from smallstate.indicators.profiles import case_profiles

__all__ = ["classify", "classify_each", "classify_frameworks", "compare"]


def classify(
    evidence: pd.DataFrame,
    framework: str | Framework = "kuik",
    *,
    pool: Iterable[str] | None = None,
    **params: Any,
) -> pd.DataFrame:
    """Classify every case of an act table under one framework.

    Parameters
    ----------
    evidence : pandas.DataFrame
        Validated or raw act table (raw tables are validated first).
    framework : str or Framework, default "kuik"
        A framework id (see :data:`smallstate.frameworks.FRAMEWORKS`).
    pool : iterable of {"target", "scope", "period"}, optional
        Case columns to merge (see :func:`smallstate.indicators.profiles`); by default the
        framework's own ``case_pool`` (empty except for ``samath``, which pools targets).
    **params
        Framework parameters; an unknown name raises UnknownNameError naming the closest ones.

    Returns
    -------
    pandas.DataFrame
        One row per case: actor, target, scope, period, framework, label, position, rule_ids,
        rationale, evidence_ids.

    Examples
    --------
    >>> import pandas as pd
    >>> acts = pd.DataFrame({"act_id": ["a", "b"], "actor": "SGP", "target": "CHN",
    ...     "counterpart": "CHN", "date": "2016", "domain": ["diplomatic", "security"],
    ...     "stance": ["deference", "defiance"], "intensity": "1", "aimed_at_target": "no",
    ...     "source": "leng2016", "locator": "para. 4", "description": "An act."})
    >>> classify(acts, "jackson")[["label", "evidence_ids"]].to_dict("records")
    [{'label': 'hedging', 'evidence_ids': ('a', 'b')}]
    """
    fw = get_framework(framework)
    resolved = fw.resolve(params)
    ev, known = _validated(evidence)
    return _classify_valid(ev, fw, pool, resolved, known)


def classify_each(
    evidence: pd.DataFrame,
    framework: str | Framework,
    param_sets: Iterable[dict[str, Any]],
    *,
    pool: Iterable[str] | None = None,
) -> list[pd.DataFrame]:
    """Classify one act table under several sets of parameters, reading the evidence once.

    The table is validated and its case profiles are built once (they do not depend on the
    parameters); only the framework's rules run once per set. Each result equals
    ``classify(evidence, framework, pool=pool, **params)``.

    Parameters
    ----------
    evidence : pandas.DataFrame
        Validated or raw act table.
    framework : str or Framework
        A framework id.
    param_sets : iterable of dict
        One dict of framework parameters per classification.
    pool : iterable of {"target", "scope", "period"}, optional
        As in :func:`classify`.

    Returns
    -------
    list of pandas.DataFrame
        One :func:`classify` table per parameter set, in order.

    Examples
    --------
    >>> from smallstate._paths import dataset_path
    >>> from smallstate.evidence import read_evidence
    >>> ev = read_evidence(dataset_path("evidence_seeds.csv"))
    >>> sets = [{}, {"restraint_counts_as_defiance": True}]
    >>> each = classify_each(ev, "leng", sets)
    >>> all(t.equals(classify(ev, "leng", **p)) for t, p in zip(each, sets))
    True
    """
    fw = get_framework(framework)
    resolved = [fw.resolve(params) for params in param_sets]
    ev, known = _validated(evidence)
    shared: dict[tuple[str, ...], Any] = {}  # the profiles, built for the first set only
    return [_classify_valid(ev, fw, pool, params, known, shared) for params in resolved]


def _validated(evidence: pd.DataFrame) -> tuple[pd.DataFrame, Factorized | None]:
    """The table, validated unless it already is, and the codes validation computed.

    A raw table is validated once; the factorize codes of its case columns then serve the
    profiles, which do not hash the same strings again. An
    :class:`~smallstate.evidence.UnknownCodeWarning` names the caller of the public function.
    """
    if is_validated(evidence):
        return evidence, None
    return validate_evidence_factorized(evidence, stacklevel=3)


def _classify_valid(
    ev: pd.DataFrame,
    fw: Framework,
    pool: Iterable[str] | None,
    resolved: dict[str, Any],
    known: Factorized | None = None,
    shared: dict[tuple[str, ...], Any] | None = None,
) -> pd.DataFrame:
    """:func:`classify` on a table known to be valid, with parameters already resolved.

    ``shared`` (pooling -> profiles) lets several frameworks that pool cases alike read one
    profiles table (frameworks only read it).
    """
    chosen = fw.case_pool if pool is None else tuple(pool)
    # Evidence ids are built once, for the indicators each verdict cites (not per indicator).
    if shared is not None and chosen in shared:
        profile, act_ids = shared[chosen]
    else:
        profile, act_ids = case_profiles(ev, False, chosen, known)
        if shared is not None:
            shared[chosen] = (profile, act_ids)
    return fw.evaluate(profile, resolved, act_ids)[0]


def _each_framework(
    validated: tuple[pd.DataFrame, Factorized | None],
    frameworks: Iterable[str | Framework] | None,
    pool: Iterable[str] | None,
) -> list[tuple[Framework, pd.DataFrame]]:
    """Each framework with its :func:`classify` table (default parameters).

    ``validated`` is what :func:`_validated` returned (called by the public function, so a
    warning names its caller); one profiles table is built per way of pooling cases.
    """
    ev, known = validated
    chosen = [get_framework(f) for f in (frameworks if frameworks is not None else FRAMEWORKS)]
    shared: dict[tuple[str, ...], Any] = {}  # one profiles table per way of pooling cases
    return [(fw, _classify_valid(ev, fw, pool, fw.resolve({}), known, shared)) for fw in chosen]


def classify_frameworks(
    evidence: pd.DataFrame,
    frameworks: Iterable[str | Framework] | None = None,
    *,
    pool: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Classify the cases under several frameworks (default: all), one table in long form.

    The rows of ``classify(evidence, f)`` for each framework ``f`` in turn (default
    parameters), computed with the evidence validated once and one profiles table per way of
    pooling cases, as :func:`compare` does.

    Examples
    --------
    >>> from smallstate._paths import dataset_path
    >>> from smallstate.evidence import read_evidence
    >>> ev = read_evidence(dataset_path("evidence_seeds.csv"))
    >>> long = classify_frameworks(ev, ["jackson", "leng"])
    >>> long.equals(pd.concat([classify(ev, "jackson"), classify(ev, "leng")], ignore_index=True))
    True
    """
    tables = [out for _, out in _each_framework(_validated(evidence), frameworks, pool)]
    if not tables:
        return pd.DataFrame(columns=[*CASE_COLUMNS, "framework", "label", "position"])
    return pd.concat(tables, ignore_index=True)


def compare(
    evidence: pd.DataFrame,
    frameworks: Iterable[str | Framework] | None = None,
    *,
    pool: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Classify the cases under several frameworks (default: all) with default parameters.

    Returns
    -------
    pandas.DataFrame
        One row per case, one column of labels per framework and ``<id>_position`` for
        frameworks that define positions. Frameworks that pool cases differently (samath
        pools targets) contribute their own rows; other frameworks show NaN there.

    Examples
    --------
    >>> from smallstate._paths import dataset_path
    >>> from smallstate.evidence import read_evidence
    >>> wide = compare(read_evidence(dataset_path("evidence_seeds.csv")))
    >>> "kuik_position" in wide.columns
    True
    """
    keys = list(CASE_COLUMNS)
    wide: pd.DataFrame | None = None
    for fw, out in _each_framework(_validated(evidence), frameworks, pool):
        part = out[keys].copy()
        part[fw.id] = out["label"].to_numpy()
        if out["position"].notna().any():
            part[f"{fw.id}_position"] = out["position"].to_numpy()
        wide = part if wide is None else wide.merge(part, on=keys, how="outer")
    if wide is None:
        return pd.DataFrame(columns=keys)
    return wide.sort_values(keys, kind="stable").reset_index(drop=True)
