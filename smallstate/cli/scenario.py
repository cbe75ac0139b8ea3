"""``smallstate scenario check FILE [FILE ...]``: check decision-game scenario files.

Prints a summary of each valid file (id, turns, options, sources) and exits 0; prints every
problem of each invalid file, each naming the file, the turn and the field, and exits 1; 2 when
a file cannot be found. A shipped scenario can be named by its id.

Examples
--------
>>> import argparse
>>> args = argparse.Namespace(scenario_command="check", files=["cambodia-2010-2025"])
>>> run_cli(args)  # doctest: +ELLIPSIS
cambodia-2010-2025.yaml: valid scenario 'cambodia-2010-2025' (KHM; powers CHN, USA, JPN): ...
0
"""

from __future__ import annotations

import argparse
import sys

__all__ = ["add_arguments", "run_cli"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``scenario`` subcommands to ``parser``."""
    sub = parser.add_subparsers(dest="scenario_command", required=True, metavar="ACTION")
    check = sub.add_parser(
        "check",
        help="check scenario YAML files (every problem names the file, turn and field)",
        description="Check decision-game scenario files against the format of "
        "docs/scenario-format.md.",
    )
    check.add_argument("files", nargs="+", help="scenario YAML files (or shipped scenario ids)")


def run_cli(args: argparse.Namespace) -> int:
    """Check each file; 0 when all are valid, 1 when one has a problem, 2 when one is missing."""
    from smallstate.errors import UnknownNameError
    from smallstate.simulation.scenario import ScenarioError, load_scenario, scenario_path

    status = 0
    for name in args.files:
        try:
            path = scenario_path(name)
            scenario = load_scenario(path)
        except (FileNotFoundError, UnknownNameError) as exc:
            print(f"{name}: cannot read: {exc}", file=sys.stderr)
            status = 2
            continue
        except ScenarioError as exc:
            print(str(exc), file=sys.stderr)
            status = max(status, 1)
            continue
        options = sum(len(t.options) for t in scenario.turns)
        acts = sum(len(o.acts) for t in scenario.turns for o in t.options)
        cited = sum(len(t.sources) for t in scenario.turns) + sum(
            len(o.consequence.sources) for t in scenario.turns for o in t.options
        )
        actual = sum(t.actual is not None for t in scenario.turns)
        print(
            f"{path.name}: valid scenario {scenario.id!r} ({scenario.actor}; powers "
            f"{', '.join(scenario.powers)}): {len(scenario.turns)} turns, {options} options, "
            f"{acts} acts, {cited} source citations, {actual} turns with the actual choice"
        )
    return status
