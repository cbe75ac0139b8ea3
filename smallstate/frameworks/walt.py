"""Walt (1985, 1987): balancing against threats, bandwagoning to appease them.

Walt's balance of threat: states mostly balance against the most threatening power, by
defying it or allying with others against it. Bandwagoning, siding with the source of danger,
has two motives in Walt: appeasement (defensive: to avoid being attacked) and sharing the
spoils of victory (offensive: to gain from the stronger side) (Walt 1985; Walt 1987). Read
through the acts:

* threat balancing = security defiance (``SEC_DFY``) plus security diversification aimed at the
  target (``DIV_SEC_AIMED``: security ties with others meant to counter it);
* appeasing deference = deference whose motive is security or unknown (``DEF - DEF_GAIN``);
* deference to share the spoils = gain-motivated deference (``DEF_GAIN``).

Rules, in order
---------------
1. no act -> insufficient_evidence;
2. threat balancing > 0 and at least all deference -> balancing;
3. appeasing deference outweighs threat balancing (and is at least the gain-motivated part)
   -> bandwagoning (appeasement);
4. gain-motivated deference outweighs threat balancing -> bandwagoning (sharing the spoils);
   ``count_gain_deference=False`` keeps only appeasement, as readings that take Walt's
   bandwagoning to be threat-driven do (Schweller 1994 builds his bandwagoning for profit on
   that reading), and gain-only deference then gives neutrality;
5. otherwise -> neutrality.

Examples
--------
>>> from smallstate.frameworks.walt import FRAMEWORK
>>> case = {"N": 2, "DEF": 2.0, "DEF_GAIN": 2.0}
>>> FRAMEWORK.classify(case).label, FRAMEWORK.classify(case, count_gain_deference=False).label
('bandwagoning', 'neutrality')
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
    True,
    "count gain-motivated deference as bandwagoning (Walt's second motive, sharing the spoils); "
    "False keeps only appeasement",
    bool,
)

BALANCE = Rule(
    "balance_threat",
    "balancing",
    "Security defiance, or security ties with others aimed at the target, at least match "
    "deference made to appease it: balancing against a threat (Walt 1985; Walt 1987).",
    ("SEC_DFY", "DIV_SEC_AIMED"),
)
APPEASE = Rule(
    "appease_threat",
    "bandwagoning",
    "Deference not driven by gain outweighs any balancing against the target: bandwagoning, "
    "siding with the source of danger (Walt 1987).",
    ("DEF",),
)
SPOILS = Rule(
    "share_spoils",
    "bandwagoning",
    "Gain-motivated deference outweighs any balancing against the target: bandwagoning to share "
    "the spoils of the stronger side, the offensive motive Walt names beside appeasement "
    "(Walt 1985; Walt 1987).",
    ("DEF_GAIN",),
)
GAIN_ONLY = Rule(
    "gain_outside_threat",
    "neutrality",
    "With count_gain_deference=False only appeasement counts, and the deference coded is "
    "gain-motivated: no threat-driven alignment, so neutrality (Walt 1987; Schweller 1994).",
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
        threat = col(p, "SEC_DFY") + col(p, "DIV_SEC_AIMED")
        deference, gain = col(p, "DEF"), col(p, "DEF_GAIN")
        appease = deference - gain
        spoils = gain if params["count_gain_deference"] else np.zeros(len(p))
        return [
            Condition(NO_ACTS, col(p, "N") <= 0),
            Condition(BALANCE, (threat > 0) & (threat >= appease + spoils)),
            Condition(APPEASE, (appease > threat) & (appease >= spoils)),
            Condition(SPOILS, spoils > threat),
            Condition(GAIN_ONLY, gain > 0),
            Condition(NONE, np.ones(len(p), dtype=bool)),
        ], []


FRAMEWORK = WaltFramework(
    id="walt",
    name="Walt: balance of threat",
    sources=("walt1985", "walt1987"),
    summary="States balance against threats; bandwagoning appeases the threat or shares the spoils.",
    parameters=(COUNT_GAIN,),
    rules=(NO_ACTS, BALANCE, APPEASE, SPOILS, GAIN_ONLY, NONE),
)
