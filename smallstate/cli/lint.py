"""``smallstate lint FILE.csv [FILE.csv ...]``: check act tables against the one coding rule.

Prints each row that breaks a rule (file, line, row index, column, rule id and why) and exits
with status 1 when any does; 2 when a file cannot be read.

Examples
--------
>>> import argparse
>>> from smallstate._paths import dataset_path
>>> run_cli(argparse.Namespace(files=[str(dataset_path("evidence_seeds.csv"))]))
evidence_seeds.csv: every row follows the one coding rule
0
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_arguments", "run_cli"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``lint`` subcommand's arguments to ``parser``."""
    parser.add_argument("files", nargs="+", help="evidence CSV files to check")


def run_cli(args: argparse.Namespace) -> int:
    """Lint each file; return 0 when all follow the rule, 1 when a row breaks it, 2 on I/O."""
    from smallstate.evidence.lint import lint_file

    status = 0
    for name in args.files:
        path = Path(name)
        try:
            problems = lint_file(path)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            print(f"{path}: cannot read: {exc}", file=sys.stderr)
            status = 2
            continue
        if not problems:
            print(f"{path.name}: every row follows the one coding rule")
            continue
        status = max(status, 1)
        for problem in problems:
            print(problem)
    return status
