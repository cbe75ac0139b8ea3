"""Why analysts disagree: which single assumption flips a verdict.

Two careful readers of the same evidence can label the same case differently because they
made different *assumptions*: which framework (definition) they apply, how they set its
parameters (does restraint count as defiance? what share of acts makes a pattern?), which
years they look at, and how they coded the acts whose meaning is arguable (the rows marked
``contested``). This module makes those assumptions explicit and changes them one at a time.

The evidence is selected with :mod:`smallstate.evidence.selection` (``filter_window`` keeps
a window of years, ``apply_codings`` re-codes the stance of chosen acts); this module

* :func:`verdict` classifies one case under a full set of :class:`Assumptions`;
* :func:`flips` tries every *single* change of assumption and reports the ones that change
  the label.

Examples
--------
>>> from smallstate.evidence import course_evidence
>>> acts = course_evidence("evidence_seeds")
>>> verdict(acts, ("KHM", "CHN", "all", "2013-2016"), Assumptions("leng"))["label"]
'soft_bandwagoning'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from smallstate.evidence.schema import CASE_COLUMNS, STANCES
from smallstate.evidence.selection import (
    Case,
    act_years,
    apply_codings,
    case_acts,
    case_part,
    contested_acts,
    filter_window,
    normalise_case,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = [
    "ROBUST",
    "Assumptions",
    "flips",
    "flips_by_case",
    "parameter_alternatives",
    "variant_verdicts",
    "verdict",
]

Classifier = Callable[..., "pd.DataFrame"]


@dataclass(frozen=True)
class Assumptions:
    """One full set of assumptions under which a case is classified.

    Parameters
    ----------
    framework
        Framework id (``"kuik"``, ``"leng"``, ...).
    params
        Parameter values passed to the framework (the others keep their defaults).
    window
        ``(first_year, last_year)``, inclusive, or ``None`` for all years.
    codings
        ``act_id -> stance`` re-codings of contested acts.

    Examples
    --------
    >>> a = Assumptions("leng", {"restraint_counts_as_defiance": True}, (2013, 2016))
    >>> a.window
    (2013, 2016)
    """

    framework: str = "kuik"
    params: Mapping[str, Any] | None = None
    window: tuple[int, int] | None = None
    codings: Mapping[str, str] | None = None


def _framework_parameters(framework: str) -> list[Any]:
    from smallstate.frameworks import get_framework

    return list(get_framework(framework).parameters)


def _param_name(param: Any) -> str:
    return str(getattr(param, "name", param))


def _attr(param: Any, *names: str) -> Any:
    for name in names:
        value = getattr(param, name, None)
        if value is not None:
            return value
    return None


def parameter_alternatives(param: Any, current: Any) -> list[Any]:
    """Return the values a single change of one parameter can take, nearest first.

    A boolean is toggled. A parameter with ``choices`` takes each other choice. A number
    steps through its range (``minimum``/``maximum``, ``step``; by default 0..1 in steps of
    0.05 for a fraction, and +-1..5 for an integer), nearest values first, so the first
    value that flips a label is the smallest change that does.

    Examples
    --------
    >>> from types import SimpleNamespace as P
    >>> parameter_alternatives(P(name="r", default=False), False)
    [True]
    >>> parameter_alternatives(P(name="s", default=0.5, minimum=0.3, maximum=0.7, step=0.1), 0.5)
    [0.4, 0.6, 0.3, 0.7]
    >>> parameter_alternatives(P(name="c", default="a", choices=("a", "b")), "a")
    ['b']
    """
    choices = _attr(param, "choices", "options")
    if isinstance(current, bool) or isinstance(_attr(param, "default"), bool):
        return [not bool(current)]
    if choices:
        return [c for c in choices if c != current]
    if isinstance(current, int | float):
        is_int = isinstance(current, int) and isinstance(_attr(param, "default", "step") or 1, int)
        lo = _attr(param, "minimum", "min", "low", "lower")
        hi = _attr(param, "maximum", "max", "high", "upper")
        step = _attr(param, "step")
        if is_int:
            step = int(step or 1)
            lo = current - 5 * step if lo is None else lo
            hi = current + 5 * step if hi is None else hi
        else:
            step = float(step or 0.05)
            lo = 0.0 if lo is None else lo
            hi = 1.0 if hi is None else hi
        values: list[tuple[int, int, Any]] = []
        for direction in (-1, 1):
            k = 1
            while True:
                value = current + direction * k * step
                if value < lo - 1e-9 or value > hi + 1e-9:
                    break
                if not is_int:
                    value = round(float(value), 10)
                values.append((k, 0 if direction < 0 else 1, value))
                k += 1
        return [v for _, _, v in sorted(values)]
    return []


_NO_ACTS = "No acts of this case fall under these assumptions."


def _empty_result() -> dict[str, Any]:
    return {
        "label": "insufficient_evidence",
        "position": float("nan"),
        "rationale": _NO_ACTS,
        "evidence_ids": (),
    }


def _result(row: pd.Series, strip: str | None = None) -> dict[str, Any]:
    """One classification row as a result dict, optionally removing variant tags."""
    import pandas as pd

    def clean(text: str) -> str:
        return re.sub(strip, "", text) if strip else text

    position = row.get("position")
    ids = row.get("evidence_ids", ())
    return {
        "label": str(row["label"]),
        "position": float(position) if pd.notna(position) else float("nan"),
        "rationale": clean(str(row.get("rationale", ""))),
        "evidence_ids": tuple(clean(str(i)) for i in ids) if not isinstance(ids, str) else ids,
    }


def _classify_one(
    evidence: pd.DataFrame,
    case: Case,
    framework: str,
    params: Mapping[str, Any],
    classifier: Classifier,
) -> dict[str, Any]:
    """Classify one case with a caller-supplied classifier (tests use small stand-ins)."""
    import pandas as pd

    acts = case_acts(evidence, case)
    if acts.empty:
        return _empty_result()
    # a case's verdict depends only on its own acts: classify just those (much faster)
    table = classifier(acts, framework=framework, **dict(params))
    mask = pd.Series(True, index=table.index)
    for column, value in zip(CASE_COLUMNS, case, strict=True):
        mask &= case_part(table, column).eq(value)
    rows = table.loc[mask]
    return _empty_result() if rows.empty else _result(rows.iloc[0])


def verdict(
    evidence: pd.DataFrame,
    case: Sequence[str] | Mapping[str, str],
    assumptions: Assumptions | None = None,
    *,
    classifier: Classifier | None = None,
) -> dict[str, Any]:
    """Classify one case under a full set of assumptions.

    Parameters
    ----------
    evidence
        The evidence table.
    case
        ``(actor, target, scope, period)``; missing parts mean ``"all"``.
    assumptions
        Framework, parameters, window and re-codings (default: Kuik, defaults, all years).
    classifier
        The classification function (default :func:`smallstate.classify`); tests may pass
        a small stand-in with the same signature and output columns.

    Returns
    -------
    dict
        ``label``, ``position`` (NaN if none), ``rationale`` and ``evidence_ids``. A case
        with no acts under the assumptions is ``insufficient_evidence``.

    Examples
    --------
    >>> import pandas as pd
    >>> def by_majority(ev, framework="toy", **params):
    ...     g = ev.groupby(["actor", "target"], as_index=False)["stance"].agg(
    ...         lambda s: s.value_counts().index[0])
    ...     return g.assign(scope="all", period="all", label=g["stance"], position=0.0)
    >>> ev = pd.DataFrame({"act_id": ["a", "b", "c"], "actor": ["XRU"] * 3,
    ...     "target": ["XGP"] * 3, "date": ["2001", "2002", "2003"],
    ...     "stance": ["defiance", "defiance", "deference"]})
    >>> verdict(ev, ("XRU", "XGP"), Assumptions("toy"), classifier=by_majority)["label"]
    'defiance'
    >>> verdict(ev, ("XRU", "XGP"), Assumptions("toy", window=(2003, 2003)),
    ...         classifier=by_majority)["label"]
    'deference'
    """
    a = assumptions or Assumptions()
    case_t = normalise_case(case)
    modified = filter_window(apply_codings(evidence, a.codings), a.window)
    params = dict(a.params or {})
    if classifier is None:
        return _verdicts_together(modified, case_t, a.framework, [(params, {}, None)])[0]
    return _classify_one(modified, case_t, a.framework, params, classifier)


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple) and len(value) == 2:
        return f"{value[0]}-{value[1]}"
    return str(value)


def _window_alternatives(
    years: Sequence[int], window: tuple[int, int]
) -> list[tuple[str, tuple[int, int]]]:
    first, last = window
    inside = sorted({y for y in years if first <= y <= last})
    before = sorted({y for y in years if y < first})
    after = sorted({y for y in years if y > last})
    out: list[tuple[str, tuple[int, int]]] = []
    if len(inside) > 1:
        out.append(("start later", (inside[1], last)))
        out.append(("end earlier", (first, inside[-2])))
    if before:
        out.append(("start earlier", (before[-1], last)))
    if after:
        out.append(("end later", (first, after[0])))
    return out


_VARIANT_TAG = "~v"


def _verdicts_together(
    evidence: pd.DataFrame,
    case: Case,
    framework: str,
    specs: Sequence[tuple[Mapping[str, Any], Mapping[str, str], tuple[int, int] | None]],
) -> list[dict[str, Any]]:
    """Classify one case under many assumption sets, reading the case's acts once.

    Within one case a re-coding only changes stances: the acts a re-coded act derives go to
    other powers, hence other cases. So each distinct (re-codings, window) is one copy of the
    case's acts (rows picked and stances replaced with numpy, no per-variant table copy), with
    its own period tag and act-id suffix, so the copies are separate cases of one table
    (classifying cases together equals classifying each alone: a property the tests check).
    That table is validated and profiled once; the framework's rules run once per distinct
    parameter set (:func:`smallstate.verdicts.classify_each`); the tags are then removed.
    """
    import numpy as np
    import pandas as pd

    from smallstate.verdicts import classify_each

    acts = case_acts(evidence, case)
    results = [_empty_result() for _ in specs]
    if acts.empty:
        return results
    ids = acts["act_id"].astype(str).to_numpy()
    row_of = {a: i for i, a in enumerate(ids)}
    years = act_years(acts).to_numpy()
    stances = acts["stance"].astype(object).to_numpy()
    copies: dict[tuple[Any, ...], int | None] = {}  # (codings, window) -> tag (None: no acts)
    picked: list[np.ndarray] = []
    coded: list[np.ndarray] = []
    param_sets: dict[tuple[tuple[str, Any], ...], int] = {}
    where: list[tuple[int, int] | None] = []  # per spec: (tag, parameter set)
    for params, codings, window in specs:
        mine = tuple(sorted((a, s) for a, s in codings.items() if a in row_of))
        key = (mine, window)
        if key not in copies:
            keep = np.ones(len(ids), dtype=bool)
            if window is not None:
                first, last = int(window[0]), int(window[1])
                if first > last:
                    raise ValueError(f"window: first year {first} is after last year {last}")
                keep = (years >= first) & (years <= last)
            rows = np.flatnonzero(keep)
            if rows.size:
                stance = stances.copy()
                for act_id, new_stance in mine:
                    stance[row_of[act_id]] = new_stance
                copies[key] = len(picked)
                picked.append(rows)
                coded.append(stance[rows])
            else:
                copies[key] = None
        tag = copies[key]
        if tag is None:
            where.append(None)
            continue
        pkey = tuple(sorted(dict(params).items()))
        where.append((tag, param_sets.setdefault(pkey, len(param_sets))))
    if not picked:
        return results
    rows = np.concatenate(picked)
    tags = np.concatenate([np.full(len(r), t) for t, r in enumerate(picked)])
    suffix = np.char.add(_VARIANT_TAG, tags.astype(str)).astype(object)
    table = acts.iloc[rows].reset_index(drop=True)
    stance_values = np.concatenate(coded)
    dtype = acts["stance"].dtype
    table["stance"] = (
        pd.Categorical(stance_values, dtype=dtype)
        if isinstance(dtype, pd.CategoricalDtype)
        else pd.Series(stance_values).astype(dtype)
    )
    for column, values in (("period", suffix), ("act_id", ids[rows] + suffix)):
        kind = acts[column].dtype if column in acts.columns else object
        text = pd.Series(values, dtype=object)
        table[column] = text if isinstance(kind, pd.CategoricalDtype) else text.astype(kind)
    outs = classify_each(table, framework, [dict(k) for k in param_sets])
    strip = rf"{_VARIANT_TAG}\d+"
    position = [dict(zip(out["period"].astype(str), range(len(out)), strict=True)) for out in outs]
    for i, found in enumerate(where):
        if found is None:
            continue
        tag, pset = found
        row_number = position[pset].get(f"{_VARIANT_TAG}{tag}")
        if row_number is not None:
            results[i] = _result(outs[pset].iloc[row_number], strip)
    return results


def _classify_tagged(
    variants: Sequence[tuple[int, pd.DataFrame]],
    framework: str,
    params: Mapping[str, Any],
    target: str | None,
) -> dict[int, dict[str, Any]]:
    """Classify several act tables of one case with one call to ``classify``.

    Each variant's acts get their own period tag and act-id suffix, so the variants are
    separate cases of one table (classifying cases together equals classifying each alone: a
    property the tests check); the tags are removed from the results. With ``target``, the
    row of that power is read (any row when the framework pools targets); without, the
    variant's only row. A variant without a row is missing from the result.
    """
    import pandas as pd

    from smallstate.frameworks import get_framework
    from smallstate.verdicts import classify

    frames = []
    for i, variant in variants:
        if len(variant):
            tag = f"{_VARIANT_TAG}{i}"
            frames.append(variant.assign(period=tag, act_id=variant["act_id"].astype(str) + tag))
    if not frames:
        return {}
    table = classify(pd.concat(frames, ignore_index=True), framework=framework, **dict(params))
    if target is not None and "target" not in get_framework(framework).case_pool:
        table = table.loc[table["target"].astype(str) == target]
    strip = rf"{_VARIANT_TAG}\d+"
    tags = table["period"].astype(str).str.removeprefix(_VARIANT_TAG).astype(int)
    out: dict[int, dict[str, Any]] = {}
    for i, (_, row) in zip(tags, table.iterrows(), strict=True):
        out.setdefault(int(i), _result(row, strip))
    return out


def variant_verdicts(
    variants: Sequence[pd.DataFrame],
    framework: str = "kuik",
    params: Mapping[str, Any] | None = None,
    *,
    target: str | None = None,
) -> list[dict[str, Any]]:
    """Classify one case in each of several act tables, with one call to ``classify``.

    The machinery :func:`flips` uses for its variants, open to other callers (the decision
    game's debrief classifies the runs that differ from a player's by one choice with it).

    Parameters
    ----------
    variants
        Act tables (validated), each holding one version of the case's acts.
    framework, params
        Framework id and parameter values.
    target
        The power whose case is read when a table holds acts towards several (a framework that
        pools targets reads them all); default: each table's only case.

    Returns
    -------
    list of dict
        One result per table, in order: ``label``, ``position``, ``rationale``,
        ``evidence_ids``; ``insufficient_evidence`` for a table without acts of the case.

    Examples
    --------
    >>> from smallstate.evidence import course_evidence
    >>> from smallstate.evidence.selection import case_acts
    >>> acts = case_acts(course_evidence("evidence_seeds"), ("KHM", "CHN", "all", "2013-2016"))
    >>> out = variant_verdicts([acts, acts.iloc[:0]], "leng")
    >>> [r["label"] for r in out]
    ['soft_bandwagoning', 'insufficient_evidence']
    """
    found = _classify_tagged(list(enumerate(variants)), framework, dict(params or {}), target)
    return [found.get(i, _empty_result()) for i in range(len(variants))]


def flips(
    evidence: pd.DataFrame,
    case: Sequence[str] | Mapping[str, str],
    framework: str = "kuik",
    params: Mapping[str, Any] | None = None,
    *,
    window: tuple[int, int] | None = None,
    codings: Mapping[str, str] | None = None,
    include_all: bool = False,
    classifier: Classifier | None = None,
    parameters: Sequence[Any] | None = None,
) -> pd.DataFrame:
    """Try every single change of assumption and report the ones that flip the label.

    The changes tried, one at a time, from the given assumptions:

    * each framework parameter: a boolean toggled, a threshold stepped through its range
      (only the nearest value that flips is kept in each direction);
    * each contested act of the case: every other stance;
    * the time window: start one act-year later or earlier, end one act-year earlier or later.

    Parameters
    ----------
    evidence
        The evidence table.
    case
        ``(actor, target, scope, period)``; missing parts mean ``"all"``.
    framework
        Framework id.
    params
        Parameter values in force (the framework's defaults fill the rest).
    window
        ``(first_year, last_year)`` in force, or ``None`` for all the case's years.
    codings
        Re-codings already in force (``act_id -> stance``).
    include_all
        Return every change tried (with a ``flips`` column) instead of only the flips.
    classifier
        Classification function (default :func:`smallstate.classify`).
    parameters
        The framework's parameters (default: ``get_framework(framework).parameters``);
        objects with ``name`` and ``default`` (and optionally ``choices``, ``minimum``,
        ``maximum``, ``step``).

    Returns
    -------
    pandas.DataFrame
        Columns ``assumption``, ``kind`` (parameter, coding, window), ``key`` (parameter
        name, act id or ``window``), ``from``, ``to``, ``label`` (the new label), ``position``
        and ``flips``. ``.attrs["base_label"]`` holds the label before any change.

    Examples
    --------
    A toy classifier: "hedging" when there is at least one defiant and one deferent act,
    else the majority stance.

    >>> import pandas as pd
    >>> from types import SimpleNamespace as P
    >>> def toy(ev, framework="toy", **params):
    ...     s = set(ev["stance"])
    ...     label = "hedging" if {"defiance", "deference"} <= s else ev["stance"].mode()[0]
    ...     return pd.DataFrame({"actor": ["XRU"], "target": ["XGP"], "scope": ["all"],
    ...                          "period": ["all"], "label": [label], "position": [0.0]})
    >>> ev = pd.DataFrame({"act_id": ["a", "b"], "actor": ["XRU"] * 2, "target": ["XGP"] * 2,
    ...     "date": ["2001", "2005"], "stance": ["deference", "defiance"],
    ...     "contested": ["no", "yes"]})
    >>> out = flips(ev, ("XRU", "XGP"), "toy", classifier=toy, parameters=[])
    >>> out.attrs["base_label"]
    'hedging'
    >>> out[["assumption", "to", "label"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['coding of act b', 'deference', 'deference'],
     ['coding of act b', 'diversification', 'deference'],
     ['coding of act b', 'binding', 'binding'],
     ['coding of act b', 'abstention', 'abstention'],
     ['time window', '2005-2005', 'defiance'],
     ['time window', '2001-2001', 'deference']]
    """
    import pandas as pd

    case_t = normalise_case(case)
    params = dict(params or {})
    codings = dict(codings or {})
    if parameters is None:
        parameters = _framework_parameters(framework)
    coded = apply_codings(evidence, codings)  # raises on unknown acts or stances
    all_years = act_years(case_acts(coded, case_t)).tolist() if len(coded) else []
    if window is None and all_years:
        window = (min(all_years), max(all_years))

    # Every variant to try: (assumption, kind, key, from, to, direction, params, codings, window).
    # Variant 0 is the base. They are classified together (one call per distinct parameter
    # set), which is what makes the explorer widget responsive.
    variants: list[
        tuple[str, str, str, Any, Any, int, dict[str, Any], dict[str, str], tuple[int, int] | None]
    ] = [("base", "base", "", None, None, 0, params, codings, window)]
    for param in parameters:
        name = _param_name(param)
        current = params.get(name, getattr(param, "default", None))
        for value in parameter_alternatives(param, current):
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            direction = (-1 if value < current else 1) if numeric else 0
            variants.append(
                (
                    f"parameter {name}",
                    "parameter",
                    name,
                    current,
                    value,
                    direction,
                    {**params, name: value},
                    codings,
                    window,
                )
            )
    contested = contested_acts(coded, case_t)
    for act_id, stance in zip(
        contested["act_id"].astype(str), contested["stance"].astype(str), strict=True
    ):
        for alternative in (s for s in STANCES if s != stance):
            variants.append(
                (
                    f"coding of act {act_id}",
                    "coding",
                    act_id,
                    stance,
                    alternative,
                    0,
                    params,
                    {**codings, act_id: alternative},
                    window,
                )
            )
    if window is not None:
        for _, new_window in _window_alternatives(all_years, window):
            variants.append(
                (
                    "time window",
                    "window",
                    "window",
                    window,
                    new_window,
                    0,
                    params,
                    codings,
                    new_window,
                )
            )

    specs = [(v[6], v[7], v[8]) for v in variants]
    if classifier is None:
        results = _verdicts_together(coded, case_t, framework, specs)
    else:
        results = [
            verdict(evidence, case_t, Assumptions(framework, p, w, c), classifier=classifier)
            for p, c, w in specs
        ]
    base = results[0]
    rows: list[dict[str, Any]] = []
    found_directions: dict[str, set[int]] = {}
    for variant, result in zip(variants[1:], results[1:], strict=True):
        assumption, kind, key, old, new, direction, *_ = variant
        flipped = result["label"] != base["label"]
        if kind == "parameter":
            seen = found_directions.setdefault(key, set())
            if direction in seen and not include_all:
                continue
            if flipped and direction != 0:
                seen.add(direction)
            if not (flipped or include_all):
                continue
        rows.append(
            {
                "assumption": assumption,
                "kind": kind,
                "key": key,
                "from": _fmt(old),
                "to": _fmt(new),
                "label": result["label"],
                "position": result["position"],
                "flips": flipped,
            }
        )

    columns = ["assumption", "kind", "key", "from", "to", "label", "position", "flips"]
    out = pd.DataFrame(rows, columns=columns)
    if not include_all:
        out = out.loc[out["flips"]].reset_index(drop=True)
    out["flips"] = out["flips"].astype(bool)
    out.attrs["base_label"] = base["label"]
    out.attrs["base"] = base
    return out


#: The ``assumption`` of the row :func:`flips_by_case` gives a case that no single change flips.
ROBUST = "no single change flips it"


def flips_by_case(
    evidence: pd.DataFrame,
    cases: Sequence[Sequence[str]],
    framework: str = "kuik",
    params: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Run :func:`flips` for several cases and stack the results, one block per case.

    Parameters
    ----------
    evidence
        The evidence table.
    cases
        ``(actor, target, scope, period)`` tuples.
    framework, params
        As for :func:`flips`.

    Returns
    -------
    pandas.DataFrame
        The case columns, ``base_label``, and :func:`flips`' columns (``assumption``, ``kind``,
        ``key``, ``from``, ``to``, ``label``, ``position``). A case that no single change flips
        gets one row whose ``assumption`` is :data:`ROBUST` and whose ``label`` is its own.

    Examples
    --------
    >>> from smallstate.evidence import course_evidence
    >>> out = flips_by_case(course_evidence("evidence_seeds"),
    ...                     [("KHM", "CHN", "all", "2013-2016")], "leng")
    >>> out["base_label"].iloc[0]
    'soft_bandwagoning'
    """
    import pandas as pd

    frames = []
    for case in cases:
        actor, target, scope, period = normalise_case(case)
        table = flips(evidence, (actor, target, scope, period), framework, params)
        base = str(table.attrs.get("base_label", ""))
        if table.empty:
            table = pd.DataFrame([{"assumption": ROBUST, "label": base}])
        frames.append(
            table.assign(actor=actor, target=target, scope=scope, period=period, base_label=base)
        )
    columns = ["actor", "target", "scope", "period", "base_label", "assumption", "kind", "key"]
    columns += ["from", "to", "label", "position"]
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)
    return out.reindex(columns=columns)
