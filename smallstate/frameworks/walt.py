"""Walt (1985, 1987): balancing against threats, bandwagoning to appease them.

Walt's balance of threat: states mostly balance against the most threatening power, by
defying it or allying with others against it; bandwagoning is siding with the source of danger
to avoid being attacked (Walt 1985; Walt 1987). Read through the acts:

* threat balancing = security defiance (``IB``) plus security diversification aimed at the
  target (``DIV_SEC_AIMED``: security ties with others meant to counter it);
* appeasing deference = deference whose motive is security or unknown (``DEF - DEF_GAIN``).

Rules, in order
---------------
1. no act -> insufficient_evidence;
2. threat balancing > 0 and at least appeasing deference -> balancing;
3. appeasing deference > threat balancing -> bandwagoning;
4. deference that is gain-motivated only -> neutrality (refinement: Walt's bandwagoning is
   appeasement of a threat, so profit-seeking alignment falls outside it; Schweller 1994 builds
   his bandwagoning for profit on this gap). ``count_gain_deference=True`` counts it as
   appeasing deference instead;
5. otherwise -> neutrality.

Examples
--------
>>> from smallstate.frameworks.walt import FRAMEWORK
>>> case = {"N": 2, "DEF": 2.0, "DEF_GAIN": 2.0}
>>> FRAMEWORK.classify(case).label, FRAMEWORK.classify(case, count_gain_deference=True).label
('neutrality', 'bandwagoning')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from smallstate.frameworks.base import NO_ACTS, Condition, Framework, Parameter, Rule, col

__all__ = ["FRAMEWORK", "WaltFramework"]

COUNT_GAIN = Parameter(
    "count_gain_deference",
    False,
    "count gain-motivated deference as bandwagoning (Walt's threat logic does not)",
    bool,
)

BALANCE = Rule(
    "balance_threat",
    "balancing",
    "Security defiance, or security ties with others aimed at the target, at least match "
    "deference made to appease it: balancing against a threat (Walt 1985; Walt 1987).",
    ("IB", "DIV_SEC_AIMED"),
)
APPEASE = Rule(
    "appease_threat",
    "bandwagoning",
    "Deference not driven by gain outweighs any balancing against the target: bandwagoning, "
    "siding with the source of danger (Walt 1987).",
    ("DEF",),
)
GAIN_ONLY = Rule(
    "gain_outside_threat",
    "neutrality",
    "The deference coded is gain-motivated; Walt's bandwagoning is appeasement of a threat, so "
    "on his terms this is no threat-driven alignment: neutrality (Walt 1987; Schweller 1994).",
    ("DEF_GAIN",),
)
NONE = Rule(
    "no_threat_response",
    "neutrality",
    "No balancing against the target and no deference to appease it: neutrality (Walt 1987).",
    ("ALL",),
)


@dataclass(frozen=True)
class WaltFramework(Framework):
    """Walt's balance-of-threat reading (see the module docstring)."""

    def conditions(
        self, p: pd.DataFrame, params: Mapping[str, Any]
    ) -> tuple[list[Condition], list[Condition]]:
        threat = col(p, "IB") + col(p, "DIV_SEC_AIMED")
        deference, gain = col(p, "DEF"), col(p, "DEF_GAIN")
        appease = deference if params["count_gain_deference"] else deference - gain
        return [
            Condition(NO_ACTS, col(p, "N") <= 0),
            Condition(BALANCE, (threat > 0) & (threat >= appease)),
            Condition(APPEASE, appease > threat),
            Condition(GAIN_ONLY, gain > 0),
            Condition(NONE, np.ones(len(p), dtype=bool)),
        ], []


FRAMEWORK = WaltFramework(
    id="walt",
    name="Walt: balance of threat",
    sources=("walt1985", "walt1987"),
    summary="States balance against threats; bandwagoning is appeasing the threatening power.",
    parameters=(COUNT_GAIN,),
    rules=(NO_ACTS, BALANCE, APPEASE, GAIN_ONLY, NONE),
)
