"""Entry points: classify evidence under one framework, compare frameworks, and the CLI.

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

import argparse
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from smallstate.evidence import EvidenceError, is_validated, read_evidence, validate_evidence
from smallstate.frameworks import FRAMEWORKS, Framework, Verdict, get_framework
from smallstate.indicators import CASE_COLUMNS, _profiles, _profiles_lazy

__all__ = ["add_arguments", "classify", "compare", "run_cli", "verdicts"]


def _profiles_for(
    evidence: pd.DataFrame, framework: Framework, pool: Iterable[str] | None
) -> pd.DataFrame:
    ev = evidence if is_validated(evidence) else validate_evidence(evidence)
    wanted = {name for rule in framework.rules for name in rule.evidence}
    chosen = framework.case_pool if pool is None else tuple(pool)
    return _profiles(ev, False, chosen, wanted)


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
        framework's own ``case_pool`` (empty except for ``somanith``, which pools targets).
    **params
        Framework parameters; unknown names raise TypeError naming the valid ones.

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
    ev = evidence if is_validated(evidence) else validate_evidence(evidence)
    return _classify_valid(ev, fw, pool, resolved)


def _classify_valid(
    ev: pd.DataFrame, fw: Framework, pool: Iterable[str] | None, resolved: dict[str, Any]
) -> pd.DataFrame:
    """:func:`classify` on a table known to be valid, with parameters already resolved."""
    chosen = fw.case_pool if pool is None else tuple(pool)
    # Evidence ids are built once, for the indicators each verdict cites (not per indicator).
    profile, act_ids = _profiles_lazy(ev, False, chosen)
    return fw._run(profile, resolved, act_ids)[0]


def verdicts(
    evidence: pd.DataFrame,
    framework: str | Framework = "kuik",
    *,
    pool: Iterable[str] | None = None,
    **params: Any,
) -> list[Verdict]:
    """Like :func:`classify` but return :class:`~smallstate.frameworks.Verdict` objects.

    Examples
    --------
    >>> from smallstate._paths import dataset_path
    >>> from smallstate.evidence import read_evidence
    >>> vs = verdicts(read_evidence(dataset_path("evidence_seeds.csv")), "somanith")
    >>> [v.label for v in vs if v.case[:3] == ("KHM", "JPN+USA", "FOIP")]
    ['limited_bandwagoning']
    """
    fw = get_framework(framework)
    fw.resolve(params)
    return fw.verdicts(_profiles_for(evidence, fw, pool), **params)


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
        frameworks that define positions. Frameworks that pool cases differently (somanith
        pools targets) contribute their own rows; other frameworks show NaN there.

    Examples
    --------
    >>> from smallstate._paths import dataset_path
    >>> from smallstate.evidence import read_evidence
    >>> wide = compare(read_evidence(dataset_path("evidence_seeds.csv")))
    >>> "kuik_position" in wide.columns
    True
    """
    ev = evidence if is_validated(evidence) else validate_evidence(evidence)
    chosen = [get_framework(f) for f in (frameworks if frameworks is not None else FRAMEWORKS)]
    keys = list(CASE_COLUMNS)
    wide: pd.DataFrame | None = None
    for fw in chosen:
        out = _classify_valid(ev, fw, pool, fw.resolve({}))  # ev is validated once, above
        part = out[keys].copy()
        part[fw.id] = out["label"].to_numpy()
        if out["position"].notna().any():
            part[f"{fw.id}_position"] = out["position"].to_numpy()
        wide = part if wide is None else wide.merge(part, on=keys, how="outer")
    if wide is None:
        return pd.DataFrame(columns=keys)
    return wide.sort_values(keys, kind="stable").reset_index(drop=True)


# -- command line ------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``classify`` subcommand's arguments to ``parser``.

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> parser.parse_args(["acts.csv", "--param", "min_share=0.3"]).param
    ['min_share=0.3']
    """
    parser.add_argument("file", metavar="FILE", help="evidence CSV file")
    parser.add_argument(
        "--framework", choices=list(FRAMEWORKS), default="kuik", help="framework id (default kuik)"
    )
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="framework parameter, repeatable (e.g. restraint_counts_as_defiance=true)",
    )
    parser.add_argument("--format", choices=["table", "csv"], default="table", help="output")


def _parse_params(fw: Framework, items: Sequence[str]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    valid = ", ".join(p.name for p in fw.parameters) or "none"
    for item in items:
        name, sep, text = item.partition("=")
        if not sep or not name:
            raise ValueError(f"--param expects NAME=VALUE, got {item!r}")
        try:
            parameter = fw.parameter(name.strip())
        except KeyError:
            raise ValueError(
                f"framework {fw.id!r} has no parameter {name.strip()!r}; valid: {valid}"
            ) from None
        params[parameter.name] = parameter.parse(text)
    return params


def run_cli(args: argparse.Namespace) -> int:
    """Run ``smallstate classify``; print verdicts on stdout, problems on stderr.

    Returns 0 on success and 2 for a missing or malformed file or a bad parameter.
    """
    fw = get_framework(args.framework)
    try:
        params = _parse_params(fw, args.param)
    except (ValueError, TypeError) as exc:
        print(f"smallstate classify: {exc}", file=sys.stderr)
        return 2
    try:
        evidence = read_evidence(args.file)
    except (FileNotFoundError, EvidenceError) as exc:
        print(f"smallstate classify: {exc}", file=sys.stderr)
        return 2
    out = classify(evidence, fw, **params)
    out = out.assign(evidence_ids=out["evidence_ids"].map(";".join))
    if args.format == "csv":
        out.drop(columns=["rule_ids"]).to_csv(sys.stdout, index=False)
    else:
        shown = out[[*CASE_COLUMNS, "label", "position", "evidence_ids"]]
        print(shown.to_string(index=False, na_rep="-", float_format=lambda x: f"{x:+.2f}"))
    return 0
