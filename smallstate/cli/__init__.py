"""The ``smallstate`` console script: one parser, one module per subcommand.

Examples
--------
>>> from smallstate.cli import build_parser
>>> build_parser().prog
'smallstate'
"""

from __future__ import annotations

from smallstate.cli.app import build_parser, main

__all__ = ["build_parser", "main"]
