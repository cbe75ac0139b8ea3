"""The ``smallstate`` console script: one parser, each subcommand handled by its own module.

Subcommands
-----------
``smallstate classify FILE.csv --framework kuik [--param name=value ...]``
    Validate an evidence file and print one verdict per case (exit status 2 on bad input).
``smallstate concepts [QUERY]``
    List the concept registry, or the concepts matching QUERY.
``smallstate instructor new|release|grade ...``
    Build, release and grade nbgrader assignments from the exercise bank.
``smallstate lint FILE.csv ...``
    Check evidence files against the one coding rule (exit status 1 when a row breaks it).
``smallstate scenario check FILE.yaml ...``
    Check decision-game scenario files (every problem names the file, turn and field).
``smallstate seminar collect DIR [--out CSV] [--figure PNG]``
    Pool a folder of saved game runs: final verdicts, pivotal choices, skipped files.

Each subcommand has its own module in :mod:`smallstate.cli` (``classify``, ``concepts``,
``instructor``, ``lint``, ``scenario``, ``seminar``) with ``add_arguments(parser)`` and
``run_cli(args) -> int``; the library it calls is imported only when the subcommand runs, so
``smallstate --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

__all__ = ["build_parser", "main"]

# subcommand -> (module, help text). The module provides ``add_arguments(parser)`` and
# ``run_cli(args) -> int``.
_SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "classify": ("smallstate.cli.classify", "classify the cases in an evidence CSV"),
    "concepts": ("smallstate.cli.concepts", "list or search the concept registry"),
    "instructor": ("smallstate.cli.instructor", "build, release and grade assignments"),
    "lint": ("smallstate.cli.lint", "check evidence CSVs against the one coding rule"),
    "scenario": ("smallstate.cli.scenario", "check decision-game scenario files"),
    "seminar": ("smallstate.cli.seminar", "pool a class's saved decision-game runs"),
}


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand.

    Examples
    --------
    >>> parser = build_parser()
    >>> parser.prog
    'smallstate'
    """
    parser = argparse.ArgumentParser(
        prog="smallstate",
        description="Concepts, evidence and frameworks for small-state alignment.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module_name, help_text) in _SUBCOMMANDS.items():
        module = importlib.import_module(module_name)
        child = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(child)
        child.set_defaults(_module=module_name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the console script and return its exit status.

    Exit status 0 means success, 2 means bad input (the report is printed on stderr).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    module = importlib.import_module(args._module)
    status: int = module.run_cli(args)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
