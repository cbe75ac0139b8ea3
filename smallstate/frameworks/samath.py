"""Samath (2020): one reading per scope, as the Asian Vision Institute brief does.

Samath Chan Somanith reads Cambodia's policy area by area: a bandwagon driven by economic
pragmatism on the Belt and Road Initiative; on the FOIP, a limited bandwagon he calls ambiguous
(backing Japan's version, silent on the American one); and, through ASEAN, hedging built on
binding engagement and soft balancing (Samath 2020).

Cases: this framework pools targets by default (``case_pool = ("target",)``), so each
(actor, scope, period) is one case and a scope that engages several powers (FOIP: Japan and
the US) is read as a whole; the target column then lists the powers (``"JPN+USA"``). A scope
with one power keeps its code (``"CHN"``).

Rules, in order
---------------
1. no act -> insufficient_evidence;
2. support (deference) for one variant of an initiative family together with abstention
   towards another variant (``SPLIT``, e.g. FOIP-JP and FOIP-US), and no binding security
   commitment (``ALIGN``) -> limited_bandwagoning;
3. binding engagement that restrains (binding aimed at the target, ``RESTRAINT``) or engages
   more than one power (``BIND_TARGETS > 1``) -> hedging;
4. deference with no defiance, at least ``min_gain_share`` of it gain-motivated
   -> bandwagoning_for_profit;
5. deference outweighs defiance -> bandwagoning; defiance outweighs deference -> balancing;
6. otherwise -> neutrality.

Examples
--------
>>> from smallstate.frameworks.samath import FRAMEWORK
>>> FRAMEWORK.classify({"N": 2, "DEF": 2.0, "ABS": 1.0, "SPLIT": True}).label
'limited_bandwagoning'
>>> FRAMEWORK.classify({"N": 3, "BIND": 6.0, "RESTRAINT": 6.0}).label
'hedging'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from smallstate.frameworks.base import NO_ACTS, Condition, Framework, Rule, col
from smallstate.frameworks.schweller import MIN_GAIN_SHARE

__all__ = ["FRAMEWORK", "SamathFramework"]

LIMITED = Rule(
    "variant_split",
    "limited_bandwagoning",
    "The state backs one version of an initiative while staying silent or aloof towards a "
    "rival version, without any security commitment: limited bandwagoning (Samath 2020).",
    ("SPLIT",),
)
HEDGING = Rule(
    "binding_several_powers",
    "hedging",
    "The state binds great powers into institutions to restrain them, or engages several "
    "powers through binding acts: hedging through a multilateral space (Samath 2020).",
    ("BIND",),
)
PROFIT = Rule(
    "economic_pragmatism",
    "bandwagoning_for_profit",
    "Deference with no defiance, mostly motivated by gain ({share} or more): an "
    "economic-pragmatism bandwagon, bandwagoning for profit (Samath 2020; Schweller 1994).",
    ("DEF",),
)
BANDWAGON = Rule(
    "deference_dominates",
    "bandwagoning",
    "Deference outweighs defiance without a gain motive or binding restraint: bandwagoning "
    "(Samath 2020).",
    ("DEF",),
)
BALANCE = Rule(
    "defiance_dominates",
    "balancing",
    "Defiance outweighs deference: balancing (Samath 2020).",
    ("DFY_BASE",),
)
NONE = Rule(
    "no_pattern",
    "neutrality",
    "None of the brief's patterns (profit, limited bandwagon, binding hedge) appears: "
    "neutrality (Samath 2020).",
    ("ALL",),
)


@dataclass(frozen=True)
class SamathFramework(Framework):
    """Samath's scope-by-scope reading (see the module docstring)."""

    def conditions(
        self, p: pd.DataFrame, params: Mapping[str, Any]
    ) -> tuple[list[Condition], list[Condition]]:
        deference, defiance = col(p, "DEF"), col(p, "DFY_BASE")
        share = params["min_gain_share"]
        gain_share = np.nan_to_num(col(p, "GAIN_SHARE"), nan=0.0)
        restraint = (col(p, "RESTRAINT") > 0) | (col(p, "BIND_TARGETS") > 1)
        profit = (deference > 0) & (defiance <= 0) & (gain_share >= share)
        return [
            Condition(NO_ACTS, col(p, "N") <= 0),
            Condition(LIMITED, col(p, "SPLIT") & ~col(p, "ALIGN")),
            Condition(HEDGING, restraint),
            Condition(PROFIT, profit, PROFIT.text.format(share=f"{share:.0%}")),
            Condition(BANDWAGON, deference > defiance),
            Condition(BALANCE, defiance > deference),
            Condition(NONE, np.ones(len(p), dtype=bool)),
        ], []


FRAMEWORK = SamathFramework(
    id="samath",
    name="Samath: scope by scope",
    sources=("samath2020", "kuik2008", "schweller1994"),
    summary="Profit bandwagon on the BRI, limited bandwagon on FOIP, hedging through ASEAN.",
    parameters=(MIN_GAIN_SHARE,),
    rules=(NO_ACTS, LIMITED, HEDGING, PROFIT, BANDWAGON, BALANCE, NONE),
    case_pool=("target",),
)
