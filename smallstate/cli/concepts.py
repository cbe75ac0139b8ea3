"""``smallstate concepts [QUERY]``: list the concept registry, or the concepts matching QUERY.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="smallstate concepts")
>>> add_arguments(parser)
>>> parser.parse_args(["soft", "balancing"]).query
['soft', 'balancing']
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from smallstate.concepts.registry import Concept, search

if TYPE_CHECKING:  # pragma: no cover
    pass


__all__ = ["add_arguments", "run_cli"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``concepts`` subcommand's arguments to ``parser``."""
    parser.add_argument(
        "query",
        nargs="*",
        help="words to search for in ids, names, aliases, definitions and criteria",
    )


def run_cli(args: argparse.Namespace) -> int:
    """List the registry, or the concepts matching the query; exit 1 when nothing matches.

    Examples
    --------
    >>> import argparse
    >>> run_cli(argparse.Namespace(query=["domino"]))
    id                      name                                sources
    contagion_bandwagoning  Contagion bandwagoning (Schweller)  Schweller 1994
    0
    """
    query = " ".join(getattr(args, "query", None) or [])
    found = search(query)
    if not found:
        print(f"No concept matches {query!r}. Try a broader word, e.g. 'hedging'.")
        return 1
    rows = [(c.id, c.name, "; ".join(_short_cites(c))) for c in found]
    header = ("id", "name", "sources")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(2)]
    for r in [header, *rows]:
        print(f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]}".rstrip())
    return 0


def _short_cites(c: Concept) -> list[str]:
    from smallstate.concepts import cite

    seen: dict[str, None] = {}
    for key, _ in c.sources:
        seen.setdefault(cite(key))
    return list(seen)
