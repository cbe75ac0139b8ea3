"""smallstate: concepts, evidence and frameworks for teaching small-state alignment.

The library reads one table of dated, sourced foreign-policy acts through several theories of
alignment (Waltz, Walt, Schweller, Paul, Kuik, Jackson, Leng, Somanith) and returns a label for
each case together with the rules that fired and the evidence rows behind them.

    concepts -> evidence -> indicators -> frameworks -> verdicts -> views -> lessons

Importing ``smallstate`` is cheap: the submodules (and their pandas, seaborn and ipywidgets
imports) load on first use of a name.

Examples
--------
>>> import smallstate
>>> "classify" in smallstate.__all__
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> module that defines it. Loaded lazily by __getattr__ below.
_EXPORTS: dict[str, str] = {
    # sources: the one bibliography
    "source": "smallstate.sources",
    "cite": "smallstate.sources",
    "bibliography": "smallstate.sources",
    # concepts: the registry of definitions
    "concept": "smallstate.concepts",
    "Concept": "smallstate.concepts",
    # evidence: the act table and its validation
    "validate_evidence": "smallstate.evidence",
    "EvidenceError": "smallstate.evidence",
    "read_evidence": "smallstate.evidence",
    "course_evidence": "smallstate.evidence",
    # indicators: evidence -> one profile per case
    "profiles": "smallstate.indicators",
    # frameworks and verdicts
    "Verdict": "smallstate.frameworks",
    "Framework": "smallstate.frameworks",
    "get_framework": "smallstate.frameworks",
    "FRAMEWORKS": "smallstate.frameworks",
    # entry points
    "classify": "smallstate.classification",
    "compare": "smallstate.classification",
    # datasets
    "load": "smallstate.datasets",
    "list_datasets": "smallstate.datasets",
    "describe": "smallstate.datasets",
    "conflicts": "smallstate.datasets",
    # exercises
    "check": "smallstate.exercises",
    "progress": "smallstate.exercises",
}

_SUBMODULES: frozenset[str] = frozenset(
    {
        # spine
        "sources",
        "concepts",
        "evidence",
        "indicators",
        "frameworks",
        "classification",
        # data
        "datasets",
        "unvotes",
        "vote_acts",
        # analyses behind the lessons
        "threat",
        "lineage",
        "spectrum",
        "disagreement",
        "timeline",
        "projects_chart",
        "foip",
        "asean",
        # views and exercises
        "palette",
        "plots",
        "widgets",
        "exercises",
        "instructor",
    }
)
__all__ = sorted([*_EXPORTS, *_SUBMODULES, "__version__"])


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        module = importlib.import_module(f"smallstate.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'smallstate' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from smallstate.classification import classify, compare
    from smallstate.concepts import Concept, concept
    from smallstate.datasets import conflicts, describe, list_datasets, load
    from smallstate.evidence import (
        EvidenceError,
        course_evidence,
        read_evidence,
        validate_evidence,
    )
    from smallstate.exercises import check, progress
    from smallstate.frameworks import FRAMEWORKS, Framework, Verdict, get_framework
    from smallstate.indicators import profiles
    from smallstate.sources import bibliography, cite, source
