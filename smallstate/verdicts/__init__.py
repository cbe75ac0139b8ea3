"""The verdicts layer: classify evidence with a framework, compare frameworks.

Every verdict names the rules that fired and the evidence rows behind them.

Examples
--------
>>> from smallstate.verdicts import classify
>>> callable(classify)
True
"""

from __future__ import annotations

from smallstate.verdicts.classify import (
    classify,
    classify_each,
    classify_frameworks,
    compare,
)

__all__ = [
    "classify",
    "classify_each",
    "classify_frameworks",
    "compare",
]
