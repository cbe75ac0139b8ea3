"""Jackson (2014): hedging as a mix of deference and defiance.

Van Jackson describes hedging as pursuing opposing or contradictory actions to offset the risks
each carries; read through the acts, a case hedges when it both defers to and defies the target
in meaningful amounts (Jackson 2014).

Rules, in order
---------------
1. no act -> insufficient_evidence (course convention);
2. abstention outweighs deference plus defiance -> neutrality (course convention);
3. deference and defiance are each at least ``min_share`` of their sum -> hedging;
4. deference outweighs defiance -> bandwagoning;
5. some defiance (at least as much as deference) -> balancing;
6. otherwise (only diversification or binding) -> neutrality.

Defiance here is pure defiance (``DFY_BASE``); :mod:`smallstate.frameworks.leng` adds the
option of counting restraint as defiance.

Examples
--------
>>> from smallstate.frameworks.jackson import FRAMEWORK
>>> FRAMEWORK.classify({"N": 2, "DEF": 3.0, "DFY_BASE": 1.0}).label
'hedging'
>>> FRAMEWORK.classify({"N": 2, "DEF": 3.0, "DFY_BASE": 1.0}, min_share=0.3).label
'bandwagoning'
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
    Parameter,
    Rule,
    col,
    shared_first_steps,
)

__all__ = ["FRAMEWORK", "MIN_SHARE", "JacksonFramework", "deference_defiance_conditions"]

MIN_SHARE = Parameter(
    "min_share",
    0.2,
    "smallest share that deference and defiance must each have of their sum for hedging",
    float,
    0.0,
    0.5,
)

HEDGING = Rule(
    "mixed_deference_defiance",
    "hedging",
    "The state both defers to and defies the target, each side weighing at least {share} of "
    "the two together: hedging, opposing acts that offset each other's risks (Jackson 2014).",
    ("DEF", "DFY_BASE"),
)
BANDWAGONING = Rule(
    "deference_dominates",
    "bandwagoning",
    "Deference outweighs defiance, and defiance is too slight for a hedge: bandwagoning "
    "(Jackson 2014).",
    ("DEF",),
)
BALANCING = Rule(
    "defiance_dominates",
    "balancing",
    "Defiance at least matches deference, and deference is too slight for a hedge: balancing "
    "(Jackson 2014).",
    ("DFY_BASE",),
)
NEITHER = Rule(
    "no_deference_or_defiance",
    "neutrality",
    "Neither deference nor defiance is coded (only diversification, binding or abstention), "
    "so the state neither hedges nor takes a side: neutrality (Jackson 2014).",
    ("ALL",),
)


def deference_defiance_conditions(
    p: pd.DataFrame, defiance: np.ndarray, min_share: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Masks (hedging, deference-dominant, defiance-present) shared by Jackson and Leng."""
    deference = col(p, "DEF")
    total = deference + defiance
    hedging = (
        (deference > 0)
        & (defiance > 0)
        & (deference >= min_share * total)
        & (defiance >= min_share * total)
    )
    return hedging, deference > defiance, defiance > 0


@dataclass(frozen=True)
class JacksonFramework(Framework):
    """Jackson's deference/defiance reading (see the module docstring)."""

    def conditions(
        self, p: pd.DataFrame, params: Mapping[str, Any]
    ) -> tuple[list[Condition], list[Condition]]:
        defiance = col(p, "DFY_BASE")
        share = params["min_share"]
        hedging, def_dom, dfy = deference_defiance_conditions(p, defiance, share)
        always = np.ones(len(p), dtype=bool)
        return [
            *shared_first_steps(p, defiance),
            Condition(HEDGING, hedging, HEDGING.text.format(share=f"{share:.0%}")),
            Condition(BANDWAGONING, def_dom),
            Condition(BALANCING, dfy),
            Condition(NEITHER, always),
        ], []


FRAMEWORK = JacksonFramework(
    id="jackson",
    name="Jackson: hedging as deference plus defiance",
    sources=("jackson2014",),
    summary="Hedging mixes deference and defiance; one side alone is bandwagoning or balancing.",
    parameters=(MIN_SHARE,),
    rules=(NO_ACTS, ABSTENTION_DOMINATES, HEDGING, BANDWAGONING, BALANCING, NEITHER),
)
