"""smallstate: concepts, evidence and frameworks for teaching small-state alignment.

The library reads one table of dated, sourced foreign-policy acts through several theories of
alignment (Waltz, Walt, Schweller, Paul, Kuik, Jackson, Leng, Samath and the client-state
reading) and returns a label for each case together with the rules that fired and the evidence
rows behind them.

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

from smallstate import _compat

__version__ = "0.2.0"

# Public name -> module that defines it. Loaded lazily by __getattr__ below.
_EXPORTS: dict[str, str] = {
    # errors: the exception types every layer raises
    "SmallstateError": "smallstate.errors",
    "UnknownNameError": "smallstate.errors",
    "InputError": "smallstate.errors",
    # concepts: the bibliography and the registry of definitions
    "source": "smallstate.concepts.sources",
    "cite": "smallstate.concepts.sources",
    "bibliography": "smallstate.concepts.sources",
    "concept": "smallstate.concepts.registry",
    "Concept": "smallstate.concepts.registry",
    # evidence: the act table and its validation
    "validate_evidence": "smallstate.evidence.validation",
    "EvidenceError": "smallstate.evidence.validation",
    "read_evidence": "smallstate.evidence.io",
    "course_evidence": "smallstate.evidence.io",
    "coding_reliability": "smallstate.evidence.reliability",
    # indicators: evidence -> one profile per case
    "profiles": "smallstate.indicators.profiles",
    # frameworks and verdicts
    "Verdict": "smallstate.frameworks",
    "Framework": "smallstate.frameworks",
    "get_framework": "smallstate.frameworks",
    "FRAMEWORKS": "smallstate.frameworks",
    "classify": "smallstate.verdicts.classify",
    "compare": "smallstate.verdicts.classify",
    # the data package
    "load": "smallstate.data.package",
    "list_datasets": "smallstate.data.package",
    "describe": "smallstate.data.package",
    "conflicts": "smallstate.data.figures",
    # simulation: the decision game
    "Game": "smallstate.simulation.engine",
    "load_scenario": "smallstate.simulation.scenario",
    "check_scenario": "smallstate.simulation.scenario",
    "ScenarioError": "smallstate.simulation.scenario",
    "save_run": "smallstate.simulation.runs",
    "load_run": "smallstate.simulation.runs",
    "replay_run": "smallstate.simulation.runs",
    "RunFileError": "smallstate.simulation.runs",
    "path_table": "smallstate.simulation.debrief",
    "pivotal_choices": "smallstate.simulation.debrief",
    "collect_runs": "smallstate.simulation.collect",
    # exercises
    "check": "smallstate.exercises",
    "progress": "smallstate.exercises",
}

# The layers, in order (docs/ARCHITECTURE.md; tests/test_layers.py enforces it).
_SUBMODULES: frozenset[str] = frozenset(
    {
        "errors",
        "concepts",
        "data",
        "evidence",
        "unvotes",
        "indicators",
        "frameworks",
        "verdicts",
        "analysis",
        "simulation",
        "plots",
        "widgets",
        "exercises",
        "instructor",
        "cli",
    }
)
# Old module paths, deprecated (see smallstate._compat); reachable as attributes too.
_compat.install()
_DEPRECATED: frozenset[str] = frozenset(m.rsplit(".", 1)[1] for m in _compat.MOVED)
__all__ = sorted([*_EXPORTS, *_SUBMODULES, "__version__"])


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES or name in _DEPRECATED:
        module = importlib.import_module(f"smallstate.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'smallstate' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from smallstate.concepts import Concept, bibliography, cite, concept, source
    from smallstate.data import conflicts, describe, list_datasets, load
    from smallstate.errors import InputError, SmallstateError, UnknownNameError
    from smallstate.evidence import (
        EvidenceError,
        course_evidence,
        read_evidence,
        validate_evidence,
    )
    from smallstate.exercises import check, progress
    from smallstate.frameworks import FRAMEWORKS, Framework, Verdict, get_framework
    from smallstate.indicators import profiles
    from smallstate.simulation import (
        Game,
        RunFileError,
        ScenarioError,
        check_scenario,
        collect_runs,
        load_run,
        load_scenario,
        path_table,
        pivotal_choices,
        replay_run,
        save_run,
    )
    from smallstate.verdicts import classify, compare
