"""Waltz (1979): balancing, internal or external, as the structural expectation.

In Waltz's account states balance by building up their own strength (internal balancing) or
by combining with others (external balancing); Leng (2016) summarises the two forms this way.
Only security behaviour counts.

Rules, in order
---------------
1. no act -> insufficient_evidence;
2. security defiance (``SEC_DFY``) at least as heavy as security deference (``SEC_DEF``):
   with both own and allied efforts -> balancing; own efforts only (counterpart = actor)
   -> internal_balancing; with a third party or alliance -> external_balancing; against the
   target with no partner named -> balancing;
3. a binding security commitment with the target (``ALIGN``), or security deference
   (``SEC_DEF``) outweighing security defiance -> bandwagoning;
4. otherwise -> neutrality (no security balancing and no deference).

Refinement: the brief for this module lets any security defiance count as balancing; here
security deference that outweighs it wins instead, because Waltz reads the balance of a state's
security behaviour, not a single act. Setting ``security_defiance_wins=True`` restores the
simpler rule.

Examples
--------
>>> from smallstate.frameworks.waltz import FRAMEWORK
>>> FRAMEWORK.classify({"N": 1, "SEC_DFY": 2.0, "INT_BAL": 2.0}).label
'internal_balancing'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from smallstate.frameworks.base import NO_ACTS, Condition, Framework, Parameter, Rule, col

__all__ = ["FRAMEWORK", "WaltzFramework"]

SECURITY_WINS = Parameter(
    "security_defiance_wins",
    False,
    "any security defiance is balancing, even when security deference outweighs it",
    bool,
)

BOTH = Rule(
    "internal_and_external",
    "balancing",
    "The state arms itself and combines with others against the target: balancing by both "
    "internal and external means (Waltz 1979).",
    ("INT_BAL", "EXT_BAL"),
)
INTERNAL = Rule(
    "internal",
    "internal_balancing",
    "The state builds up its own security capability against the target: internal balancing "
    "(Waltz 1979).",
    ("INT_BAL",),
)
EXTERNAL = Rule(
    "external",
    "external_balancing",
    "The state combines in security with a third party or alliance against the target: "
    "external balancing (Waltz 1979).",
    ("EXT_BAL",),
)
GENERIC = Rule(
    "security_defiance",
    "balancing",
    "The state defies the target in security matters with no partner named: balancing "
    "(Waltz 1979).",
    ("SEC_DFY",),
)
BANDWAGON = Rule(
    "deference",
    "bandwagoning",
    "In security matters the state aligns with the target (a binding security commitment, or "
    "security deference outweighing security defiance) instead of balancing it: bandwagoning "
    "(Waltz 1979, ch. 6).",
    ("SEC_DEF", "ALIGN"),
)
NONE = Rule(
    "no_security_balancing",
    "neutrality",
    "No security balancing and no predominant deference: neither of Waltz's behaviours is "
    "visible, so neutrality (Waltz 1979).",
    ("ALL",),
)


@dataclass(frozen=True)
class WaltzFramework(Framework):
    """Waltz's balancing reading (see the module docstring)."""

    def conditions(
        self, p: pd.DataFrame, params: Mapping[str, Any]
    ) -> tuple[list[Condition], list[Condition]]:
        ib = col(p, "SEC_DFY")
        balance = ib > 0
        if not params["security_defiance_wins"]:
            balance &= ib >= col(p, "SEC_DEF")
        internal, external = col(p, "INT_BAL") > 0, col(p, "EXT_BAL") > 0
        bandwagon = col(p, "ALIGN") | (col(p, "SEC_DEF") > ib)
        return [
            Condition(NO_ACTS, col(p, "N") <= 0),
            Condition(BOTH, balance & internal & external),
            Condition(INTERNAL, balance & internal),
            Condition(EXTERNAL, balance & external),
            Condition(GENERIC, balance),
            Condition(BANDWAGON, bandwagon),
            Condition(NONE, np.ones(len(p), dtype=bool)),
        ], []


FRAMEWORK = WaltzFramework(
    id="waltz",
    name="Waltz: internal and external balancing",
    sources=("waltz1979",),
    summary="States balance by their own efforts or with allies; security behaviour decides.",
    parameters=(SECURITY_WINS,),
    rules=(NO_ACTS, BOTH, INTERNAL, EXTERNAL, GENERIC, BANDWAGON, NONE),
)
