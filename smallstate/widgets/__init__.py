"""Interactive widgets for the lessons, one class per module, loaded lazily.

Importing ``smallstate.widgets`` imports nothing heavy: a widget class (and ipywidgets with
it) loads on first access. To add a widget, add one entry to :data:`_WIDGETS`
(class name -> module).

Examples
--------
>>> import smallstate.widgets as widgets
>>> "ConceptBrowser" in widgets.__all__
True
"""

from __future__ import annotations

import importlib
from typing import Any

# Public widget class name -> module that defines it. Other modules append entries here.
_WIDGETS: dict[str, str] = {
    "ConceptBrowser": "smallstate.widgets.concept_browser",
    "ThreatExplorer": "smallstate.widgets.threat_explorer",
    "StrategyBuilder": "smallstate.widgets.strategy_builder",
    "DisagreementExplorer": "smallstate.widgets.disagreement_explorer",
    "TimelineExplorer": "smallstate.widgets.timeline_explorer",
    "FoipComparer": "smallstate.widgets.foip_comparer",
    "FoipWeighting": "smallstate.widgets.foip_weighting",
    "MechanismsExplorer": "smallstate.widgets.mechanisms_explorer",
    "ScopeSwitch": "smallstate.widgets.scope_switch",
    "CodingWorkbench": "smallstate.widgets.coding_workbench",
    "VerdictMatrix": "smallstate.widgets.verdict_matrix",
    "ForeignMinisterGame": "smallstate.widgets.game",
}

__all__ = sorted(_WIDGETS)


def __getattr__(name: str) -> Any:
    if name in _WIDGETS:
        value = getattr(importlib.import_module(_WIDGETS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'smallstate.widgets' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*__all__, *globals()})
