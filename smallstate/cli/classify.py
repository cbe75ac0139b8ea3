"""``smallstate classify FILE.csv --framework ID [--param name=value ...]``.

Validates an evidence file and prints one verdict per case; exit status 2 with the full report
(file, line, column) on bad input.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="smallstate classify")
>>> add_arguments(parser)
>>> parser.parse_args(["acts.csv", "--framework", "leng"]).framework
'leng'
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from smallstate.evidence import (
    CASE_COLUMNS,
    EvidenceError,
    read_evidence,
)
from smallstate.frameworks import FRAMEWORKS, Framework, get_framework
from smallstate.verdicts.classify import classify

__all__ = ["add_arguments", "run_cli"]


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
    for item in items:
        name, sep, text = item.partition("=")
        if not sep or not name:
            raise ValueError(f"--param expects NAME=VALUE, got {item!r}")
        parameter = fw.parameter(name.strip())  # UnknownNameError (a ValueError) if unknown
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
