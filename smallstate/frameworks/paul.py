"""Paul (2005): soft balancing.

T. V. Paul describes soft balancing as restraining a dominant power by means short of military
alliance and arms build-up: institutional constraints, limited and tacit cooperation, and
diplomatic opposition (Paul 2005).

Rules, in order
---------------
1. no act -> insufficient_evidence;
2. a binding security commitment against the target (``HARD``) -> balancing (hard balancing);
3. soft means (defiance without ``HARD``, plus binding acts aimed at restraining the target if
   ``count_restraint``) present and at least as heavy as deference -> soft_balancing.
   ``count_restraint`` is off by default: Paul's soft balancing is aimed at a preponderant
   power and coordinated against it (Paul 2005), while binding all powers into shared
   institutions is engagement (Kuik's binding engagement, Goh's omni-enmeshment, the brief's
   "soft balancing"); set it to read institutional restraint as Paul's soft balancing;
4. deference outweighs them -> bandwagoning;
5. otherwise -> neutrality.

Examples
--------
>>> from smallstate.frameworks.paul import FRAMEWORK
>>> case = {"N": 2, "RESTRAINT": 2.0, "DEF": 1.0}
>>> FRAMEWORK.classify(case).label, FRAMEWORK.classify(case, count_restraint=True).label
('bandwagoning', 'soft_balancing')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from smallstate.frameworks.base import NO_ACTS, Condition, Framework, Parameter, Rule, col

__all__ = ["FRAMEWORK", "PaulFramework"]

COUNT_RESTRAINT = Parameter(
    "count_restraint",
    False,
    "count binding acts aimed at restraining the target as soft balancing",
    bool,
)

HARD = Rule(
    "hard_balancing",
    "balancing",
    "A binding security commitment against the target (intensity 3) is hard, not soft, "
    "balancing (Paul 2005).",
    ("HARD",),
)
SOFT = Rule(
    "soft_means",
    "soft_balancing",
    "The target is checked by means short of military alliance (non-military or low-intensity "
    "defiance, institutional restraint) that weigh at least as much as deference: soft "
    "balancing (Paul 2005).",
    ("DFY_BASE", "RESTRAINT"),
)
BANDWAGON = Rule(
    "deference_dominates",
    "bandwagoning",
    "Deference outweighs any soft or hard balancing: bandwagoning (Paul 2005).",
    ("DEF",),
)
NONE = Rule(
    "no_balancing_or_deference",
    "neutrality",
    "Neither balancing, soft or hard, nor deference is coded: neutrality (Paul 2005).",
    ("ALL",),
)


@dataclass(frozen=True)
class PaulFramework(Framework):
    """Paul's soft-balancing reading (see the module docstring)."""

    def conditions(
        self, p: pd.DataFrame, params: Mapping[str, Any]
    ) -> tuple[list[Condition], list[Condition]]:
        restraint = params["count_restraint"]
        soft = col(p, "DFY_BASE") + (col(p, "RESTRAINT") if restraint else 0.0)
        deference = col(p, "DEF")
        evidence = ("DFY_BASE", "RESTRAINT") if restraint else ("DFY_BASE",)
        return [
            Condition(NO_ACTS, col(p, "N") <= 0),
            Condition(HARD, col(p, "HARD")),
            Condition(SOFT, (soft > 0) & (soft >= deference), None, evidence),
            Condition(BANDWAGON, deference > 0),
            Condition(NONE, np.ones(len(p), dtype=bool)),
        ], []


FRAMEWORK = PaulFramework(
    id="paul",
    name="Paul: soft balancing",
    sources=("paul2005",),
    summary="Restraining a strong power by institutions and diplomacy is soft balancing.",
    parameters=(COUNT_RESTRAINT,),
    rules=(NO_ACTS, HARD, SOFT, BANDWAGON, NONE),
)
