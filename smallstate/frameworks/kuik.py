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
5. return-maximizing acts only -> hedging, at the acceptance end of the zone (economic
   pragmatism, binding engagement and limited bandwagoning are hedging components in Kuik);
6. risk-contingency acts only -> hedging, at the rejection end of the zone;
7. otherwise -> neutrality.

Position on the line from -1 (pure balancing, power rejection) to +1 (pure bandwagoning, power
acceptance): -1 with ``HARD``, +1 with ``ALIGN``, otherwise
``HEDGING_ZONE * (RM - RC) / (RM + RC)``, inside the hedging zone (``HEDGING_ZONE`` = 0.8); NaN
when the case has neither kind of act.

Examples
--------
>>> from smallstate.frameworks.kuik import FRAMEWORK
>>> v = FRAMEWORK.classify({"N": 3, "RM": 3.0, "RC": 1.0, "ids_RM": ("a",), "ids_RC": ("b",)})
>>> v.label, v.position, v.evidence_ids
('hedging', 0.4, ('a', 'b'))
>>> only_returns = FRAMEWORK.classify({"N": 1, "RM": 2.0, "ids_RM": ("a",)})
>>> only_returns.label, only_returns.position
('hedging', 0.8)
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

__all__ = ["FRAMEWORK", "HEDGING_ZONE", "KuikFramework"]

#: Half-width of the hedging zone on the line from -1 (pure balancing) to +1 (pure
#: bandwagoning). Kuik draws the zone between the poles but gives no numbers; the course uses
#: 0.8, so a case with only return-maximizing (or only risk-contingency) acts sits at +0.8
#: (-0.8), inside the zone, and only a binding security commitment reaches a pole.
HEDGING_ZONE = 0.8

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
    "hedging",
    "Only return-maximizing acts (economic pragmatism, binding engagement, limited "
    "bandwagoning) and no binding security commitment: these are components of hedging, so the "
    "case sits inside the hedging zone at its acceptance end; pure bandwagoning needs security "
    "alignment with the target (Kuik 2008).",
    ("RM",),
)
CONTINGENCY = Rule(
    "contingency_only",
    "hedging",
    "Only risk-contingency acts (economic diversification, dominance denial, indirect "
    "balancing) and no binding security commitment against the target: components of hedging, "
    "so the case sits inside the hedging zone at its rejection end; pure balancing needs an "
    "alliance or arms build-up against the target (Kuik 2008).",
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
            inside = np.round(np.where(total > 0, HEDGING_ZONE * (rm - rc) / total, np.nan), 6)
        hard, align = col(p, "HARD").astype(bool), col(p, "ALIGN").astype(bool)
        return np.where(hard, -1.0, np.where(align, 1.0, inside))


FRAMEWORK = KuikFramework(
    id="kuik",
    name="Kuik: the hedging spectrum",
    sources=("kuik2008", "kuik2016"),
    summary="Hedging combines return-maximizing and risk-contingency options; position runs "
    "from power rejection (-1) to power acceptance (+1).",
    parameters=(),
    rules=(NO_ACTS, ABSTENTION_DOMINATES, HARD, ALIGN, HEDGING, LIMITED, CONTINGENCY, OTHER),
)
