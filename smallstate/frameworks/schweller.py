"""Schweller (1994): bandwagoning for profit.

Randall Schweller argues that states often bandwagon not to appease a threat but to share in
the gains of a rising power; alignment is driven by opportunity as much as by danger
(Schweller 1994).

Rules, in order
---------------
1. no act -> insufficient_evidence;
2. deference outweighs defiance, no defiance at all, and gain-motivated deference is at least
   ``min_gain_share`` of deference -> bandwagoning_for_profit;
3. deference outweighs defiance -> bandwagoning;
4. defiance outweighs deference -> balancing;
5. otherwise -> neutrality.

Examples
--------
>>> from smallstate.frameworks.schweller import FRAMEWORK
>>> FRAMEWORK.classify({"N": 2, "DEF": 4.0, "DEF_GAIN": 3.0}).label
'bandwagoning_for_profit'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from smallstate.frameworks.base import NO_ACTS, Condition, Framework, Parameter, Rule, col

__all__ = ["FRAMEWORK", "MIN_GAIN_SHARE", "SchwellerFramework"]

MIN_GAIN_SHARE = Parameter(
    "min_gain_share",
    0.5,
    "smallest share of deference (by intensity) that must be gain-motivated to read profit",
    float,
    0.0,
    1.0,
)

PROFIT = Rule(
    "profit",
    "bandwagoning_for_profit",
    "Deference with no defiance, mostly motivated by gain ({share} or more): bandwagoning for "
    "profit, joining the rising side to share its gains (Schweller 1994).",
    ("DEF_GAIN",),
)
BANDWAGON = Rule(
    "deference_dominates",
    "bandwagoning",
    "Deference outweighs defiance but is not mainly gain-driven or is mixed with defiance: "
    "bandwagoning (Schweller 1994).",
    ("DEF",),
)
BALANCE = Rule(
    "defiance_dominates",
    "balancing",
    "Defiance outweighs deference: balancing (Schweller 1994).",
    ("DFY_BASE",),
)
NONE = Rule(
    "neither_dominates",
    "neutrality",
    "Neither deference nor defiance predominates: neutrality (Schweller 1994).",
    ("ALL",),
)


@dataclass(frozen=True)
class SchwellerFramework(Framework):
    """Schweller's bandwagoning-for-profit reading (see the module docstring)."""

    def conditions(
        self, p: pd.DataFrame, params: Mapping[str, Any]
    ) -> tuple[list[Condition], list[Condition]]:
        deference, defiance = col(p, "DEF"), col(p, "DFY_BASE")
        share = params["min_gain_share"]
        gain_share = np.nan_to_num(col(p, "GAIN_SHARE"), nan=0.0)
        profit = (deference > defiance) & (defiance <= 0) & (deference > 0) & (gain_share >= share)
        return [
            Condition(NO_ACTS, col(p, "N") <= 0),
            Condition(PROFIT, profit, PROFIT.text.format(share=f"{share:.0%}")),
            Condition(BANDWAGON, deference > defiance),
            Condition(BALANCE, defiance > deference),
            Condition(NONE, np.ones(len(p), dtype=bool)),
        ], []


FRAMEWORK = SchwellerFramework(
    id="schweller",
    name="Schweller: bandwagoning for profit",
    sources=("schweller1994",),
    summary="Bandwagoning is often for gain, not safety: gain-driven deference is profit.",
    parameters=(MIN_GAIN_SHARE,),
    rules=(NO_ACTS, PROFIT, BANDWAGON, BALANCE, NONE),
)
