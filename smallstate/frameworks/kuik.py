"""Kuik (2008, 2016): hedging as return-maximizing plus risk-contingency options.

Cheng-Chwee Kuik places a smaller state's behaviour on a line from power rejection (pure
balancing) to power acceptance (pure bandwagoning). Hedging sits between them and combines two
sets of options: return-maximizing (economic pragmatism, binding engagement, limited
bandwagoning) and risk-contingency (economic diversification, dominance denial, indirect
balancing) (Kuik 2008; Kuik 2016). See :mod:`smallstate.indicators` for how each component is
read from the acts (``EP``, ``BE``, ``LB`` and ``ED``, ``DD``, ``IB``).

Rules, in order
---------------
1. no act -> insufficient_evidence; abstention outweighs deference plus defiance -> neutrality
   (course conventions);
2. a binding security commitment against the target (``HARD``) -> balancing;
3. a binding security commitment with the target (``ALIGN``) -> bandwagoning;
4. both return-maximizing (``RM``) and risk-contingency (``RC``) acts -> hedging;
5. return-maximizing acts only -> limited_bandwagoning;
6. risk-contingency acts only -> balancing;
7. otherwise -> neutrality.

Position = (RM - RC) / (RM + RC), from -1 (power rejection) to +1 (power acceptance); NaN when
the case has neither kind of act.

Examples
--------
>>> from smallstate.frameworks.kuik import FRAMEWORK
>>> v = FRAMEWORK.classify({"N": 3, "RM": 3.0, "RC": 1.0, "ids_RM": ("a",), "ids_RC": ("b",)})
>>> v.label, v.position, v.evidence_ids
('hedging', 0.5, ('a', 'b'))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from smallstate.frameworks.base import (
    ABSTENTION_DOMINATES,
    NO_ACTS,
    Condition,
    Framework,
    Rule,
    col,
    shared_first_steps,
)

__all__ = ["FRAMEWORK", "KuikFramework"]

HARD = Rule(
    "hard_balancing",
    "balancing",
    "A binding security commitment against the target (intensity 3) is pure balancing, the "
    "power-rejection end of the spectrum (Kuik 2008).",
    ("HARD",),
)
ALIGN = Rule(
    "alignment",
    "bandwagoning",
    "A binding security commitment with the target (intensity 3) is pure bandwagoning, the "
    "power-acceptance end of the spectrum (Kuik 2008).",
    ("ALIGN",),
)
HEDGING = Rule(
    "return_and_contingency",
    "hedging",
    "Return-maximizing acts (economic pragmatism, binding engagement, limited bandwagoning) "
    "and risk-contingency acts (economic diversification, dominance denial, indirect balancing) "
    "coexist: hedging (Kuik 2008; Kuik 2016).",
    ("RM", "RC"),
)
LIMITED = Rule(
    "return_only",
    "limited_bandwagoning",
    "Only return-maximizing acts, with no risk-contingency act and no binding alliance: "
    "limited bandwagoning, on the acceptance side short of pure bandwagoning (Kuik 2008).",
    ("RM",),
)
CONTINGENCY = Rule(
    "contingency_only",
    "balancing",
    "Only risk-contingency acts, with nothing that seeks returns from the target: balancing, "
    "on the rejection side of the spectrum (Kuik 2008).",
    ("RC",),
)
OTHER = Rule(
    "no_component",
    "neutrality",
    "No act falls under any of the six hedging components: neutrality (Kuik 2008).",
    ("ALL",),
)


@dataclass(frozen=True)
class KuikFramework(Framework):
    """Kuik's hedging spectrum (see the module docstring)."""

    def conditions(
        self, p: pd.DataFrame, params: Mapping[str, Any]
    ) -> tuple[list[Condition], list[Condition]]:
        rm, rc = col(p, "RM") > 0, col(p, "RC") > 0
        return [
            *shared_first_steps(p, col(p, "DFY_BASE")),
            Condition(HARD, col(p, "HARD")),
            Condition(ALIGN, col(p, "ALIGN")),
            Condition(HEDGING, rm & rc),
            Condition(LIMITED, rm),
            Condition(CONTINGENCY, rc),
            Condition(OTHER, np.ones(len(p), dtype=bool)),
        ], []

    def position(self, p: pd.DataFrame, params: Mapping[str, Any]) -> np.ndarray:
        rm, rc = col(p, "RM"), col(p, "RC")
        total = rm + rc
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(total > 0, (rm - rc) / total, np.nan)


FRAMEWORK = KuikFramework(
    id="kuik",
    name="Kuik: the hedging spectrum",
    sources=("kuik2008", "kuik2016"),
    summary="Hedging combines return-maximizing and risk-contingency options; position runs "
    "from power rejection (-1) to power acceptance (+1).",
    parameters=(),
    rules=(NO_ACTS, ABSTENTION_DOMINATES, HARD, ALIGN, HEDGING, LIMITED, CONTINGENCY, OTHER),
)
