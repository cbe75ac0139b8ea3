"""``smallstate seminar collect DIR [--out CSV] [--figure PNG]``: pool a class's game runs.

Replays every run file in DIR (as the game saves them) and prints one row per run (each
framework's final verdict), the choices most often pivotal, and every file skipped with the
reason. ``--out`` writes the runs table as CSV (the pivotal counts beside it, as
``<name>-pivotal.csv``); ``--figure`` writes the figure (final verdicts by framework, most
pivotal choices) as PNG, with its alt text in ``<name>.txt``. Exit status 0 when at least one
run was read, 1 when none was, 2 when DIR is not a folder or a ``--scenario`` file or
``--framework`` does not load. Skipped files never change the status: they are listed.

Examples
--------
>>> import argparse, tempfile
>>> run_cli(argparse.Namespace(seminar_command="collect", folder=tempfile.mkdtemp(),
...     out=None, figure=None, scenario=[], framework=None))
0 runs read; 0 files skipped.
1
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_arguments", "run_cli"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``seminar`` subcommands to ``parser``."""
    sub = parser.add_subparsers(dest="seminar_command", required=True, metavar="ACTION")
    collect = sub.add_parser(
        "collect",
        help="pool a folder of saved game runs into a table and a figure",
        description="Pool a folder of saved decision-game runs: final verdicts, pivotal "
        "choices, skipped files with the reason.",
    )
    collect.add_argument("folder", type=Path, help="folder of run files (.json)")
    collect.add_argument("--out", type=Path, default=None, help="write the runs table as CSV")
    collect.add_argument("--figure", type=Path, default=None, help="write the figure as PNG")
    collect.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="FILE",
        help="a scenario file of your own the runs were played on (repeatable)",
    )
    collect.add_argument(
        "--framework",
        action="append",
        default=None,
        metavar="ID",
        help="a framework id to report (repeatable; default: all)",
    )


def run_cli(args: argparse.Namespace) -> int:
    """Collect the runs; print the table, the pivotal choices and the skipped files."""
    import pandas as pd

    from smallstate.errors import InputError
    from smallstate.simulation.collect import collect_runs

    try:
        pooled = collect_runs(args.folder, scenarios=args.scenario, frameworks=args.framework)
    except (NotADirectoryError, InputError) as exc:  # no folder, a bad --scenario or --framework
        print(f"smallstate seminar collect: {exc}", file=sys.stderr)
        return 2
    if len(pooled.runs):
        with pd.option_context("display.width", 200, "display.max_columns", None):
            print(pooled.runs.drop(columns=["scenario"]).to_string(index=False))
            print()
            if len(pooled.pivotal):
                print("Choices most often pivotal (runs):")
                print(pooled.pivotal.head(10).to_string(index=False))
            else:
                print("No single choice flips a verdict in these runs.")
            print()
    print(pooled.report(), file=sys.stderr if len(pooled.skipped) else sys.stdout)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        pooled.runs.to_csv(args.out, index=False)
        pivotal = args.out.with_name(f"{args.out.stem}-pivotal.csv")
        pooled.pivotal.to_csv(pivotal, index=False)
        print(f"wrote {args.out} and {pivotal}")
    if args.figure is not None:
        from smallstate.plots.simulation import plot_collected

        fig = plot_collected(pooled)
        args.figure.parent.mkdir(parents=True, exist_ok=True)
        args.figure.write_bytes(fig.png(close=True))
        args.figure.with_suffix(".txt").write_text(fig.alt + "\n", encoding="utf-8")
        print(f"wrote {args.figure} (alt text in {args.figure.with_suffix('.txt')})")
    return 0 if len(pooled.runs) else 1
