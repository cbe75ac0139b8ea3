"""The client-state reading: alignment that serves the ruling elite's security.

A third position on Cambodia, beside Leng's soft bandwagoning and the AVI brief's hedging,
comes from work that reads Cambodia's China policy through its domestic politics. Ciorciari
(2013) asks whether the tie has become one of patron and client; Chheang (2021) argues that
Cambodia's ruling elite manages its asymmetry with China while using the Belt and Road to
strengthen its hold at home; Doung, Kang and Kim (2022) trace a move from strategic hedging
to bandwagoning over 2010-2020, driven largely by domestic politics; Po and Primiano (2020)
explain the bandwagoning with several variables. The evidence table cannot code a motive such
as regime survival, so this framework reads what such a relationship leaves in the acts:
security cooperation with the patron, and deference that ties with the patron's rivals no
longer offset. Leng (2016) rejects the client label for his period, and the brief rejects
the "mini-China" narrative; lessons 03, 04 and 06 set the three readings side by side.

Rules, in order
---------------
1. no act -> insufficient_evidence; abstention outweighs deference plus defiance -> neutrality
   (course conventions);
2. security deference towards the target (exercises, base works, arms) and deference
   outweighing defiance -> bandwagoning (a client's security alignment);
3. deference outweighing both defiance and diversification towards the target's rivals
   -> bandwagoning (the ties with others no longer offset it);
4. otherwise deference at least matching defiance (offset by ties with rivals, or by
   defiance) -> hedging (the "strategic hedging" Doung, Kang and Kim find before the shift);
5. defiance outweighing deference -> balancing;
6. otherwise -> neutrality.

Examples
--------
>>> from smallstate.frameworks.client import FRAMEWORK
>>> FRAMEWORK.classify({"N": 3, "DEF": 3.0, "SEC_DEF": 2.0, "DIV": 4.0}).label
'bandwagoning'
>>> FRAMEWORK.classify({"N": 3, "DEF": 3.0, "DIV": 4.0}).label
'hedging'
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

__all__ = ["FRAMEWORK", "ClientFramework"]

SECURITY_CLIENT = Rule(
    "security_client",
    "bandwagoning",
    "Security cooperation with the target (exercises, base works, arms) together with "
    "predominant deference: a client's security alignment, which this reading traces to the "
    "ruling elite's need for its patron (Ciorciari 2013; Chheang 2021).",
    ("SEC_DEF", "DEF"),
)
POLITICAL_CLIENT = Rule(
    "deference_not_offset",
    "bandwagoning",
    "Deference to the target outweighs both defiance and the ties with its rivals, so those "
    "ties no longer offset it: bandwagoning (Doung, Kang and Kim 2022; Po and Primiano 2020).",
    ("DEF",),
)
HEDGE = Rule(
    "offset_deference",
    "hedging",
    "Deference to the target is offset by ties with its rivals or by defiance, with no security "
    "cooperation with it: the strategic hedging that Doung, Kang and Kim (2022) find before "
    "Cambodia's shift to bandwagoning.",
    ("DEF", "DIV", "DFY_BASE"),
)
BALANCE = Rule(
    "defiance_predominant",
    "balancing",
    "Defiance of the target outweighs deference: no client relationship (Ciorciari 2013).",
    ("DFY_BASE",),
)
NONE = Rule(
    "no_pattern",
    "neutrality",
    "Neither deference nor defiance predominates: the client reading finds no alignment "
    "(course convention).",
    ("ALL",),
)


@dataclass(frozen=True)
class ClientFramework(Framework):
    """The client-state reading (see the module docstring)."""

    def conditions(
        self, p: pd.DataFrame, params: Mapping[str, Any]
    ) -> tuple[list[Condition], list[Condition]]:
        deference, defiance = col(p, "DEF"), col(p, "DFY_BASE")
        leads = deference > defiance
        return [
            *shared_first_steps(p, defiance),
            Condition(SECURITY_CLIENT, leads & (col(p, "SEC_DEF") > 0)),
            Condition(POLITICAL_CLIENT, leads & (deference > col(p, "DIV"))),
            Condition(HEDGE, (deference > 0) & (deference >= defiance)),
            Condition(BALANCE, defiance > deference),
            Condition(NONE, np.ones(len(p), dtype=bool)),
        ], []


FRAMEWORK = ClientFramework(
    id="client",
    name="Client state: alignment for regime security",
    sources=("ciorciari2013", "chheang2021", "doung2022", "poprimiano2020"),
    summary="Security cooperation and deference that ties with rivals no longer offset read as "
    "a client's bandwagoning; balanced ties as hedging.",
    parameters=(),
    rules=(
        NO_ACTS,
        ABSTENTION_DOMINATES,
        SECURITY_CLIENT,
        POLITICAL_CLIENT,
        HEDGE,
        BALANCE,
        NONE,
    ),
)
