"""Leng (2016): soft bandwagoning, deference without defiance plus diversification.

Leng Thearith argues that Cambodia cannot be said to hedge against China because its strategy
holds no defiance, yet it is not full alignment either, since Cambodia also draws closer to
China's competitors (Vietnam, Japan, the US); he calls this soft bandwagoning or soft alignment
(Leng 2016). He takes hedging from Jackson (2014).

Rules, in order
---------------
As :mod:`smallstate.frameworks.jackson`, except that a deference-dominant case that also
diversifies (``DIV > 0``) is soft_bandwagoning.

Parameter ``restraint_counts_as_defiance`` (default False) counts binding acts aimed at the
target (institutional restraint, ``RESTRAINT``) as defiance. Leng counts no such restraint;
Samath (2020) and Paul (2005) read institutional restraint as a way of checking great powers.
When the setting changes the verdict, the rationale says so and names it.

Examples
--------
>>> from smallstate.frameworks.leng import FRAMEWORK
>>> case = {"N": 4, "DEF": 4.0, "DIV": 2.0, "RESTRAINT": 2.0, "BIND": 2.0}
>>> FRAMEWORK.classify(case).label
'soft_bandwagoning'
>>> v = FRAMEWORK.classify(case, restraint_counts_as_defiance=True)
>>> v.label, "restraint_counts_as_defiance" in v.rationale
('hedging', True)
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
from smallstate.frameworks.jackson import (
    BALANCING,
    BANDWAGONING,
    HEDGING,
    MIN_SHARE,
    NEITHER,
    deference_defiance_conditions,
)

__all__ = ["FRAMEWORK", "RESTRAINT", "LengFramework"]

RESTRAINT = Parameter(
    "restraint_counts_as_defiance",
    False,
    "count binding acts aimed at restraining the target as defiance",
    bool,
)

SOFT = Rule(
    "deference_with_diversification",
    "soft_bandwagoning",
    "Deference outweighs defiance, defiance is too slight for a hedge, and the state also "
    "draws closer to the target's competitors: soft bandwagoning (Leng 2016).",
    ("DEF", "DIV"),
)
RESTRAINT_NOTE = Rule(
    "restraint_changes_verdict",
    None,
    "restraint_counts_as_defiance=True: binding acts meant to restrain the target were counted "
    "as defiance; without this setting the verdict would be {other} (Leng 2016 counts no "
    "restraint; Paul 2005 reads it as soft balancing).",
    ("RESTRAINT",),
)


@dataclass(frozen=True)
class LengFramework(Framework):
    """Leng's soft-bandwagoning reading (see the module docstring)."""

    def _decisive(self, p: pd.DataFrame, share: float, restraint: bool) -> list[Condition]:
        defiance = col(p, "DFY_BASE") + (col(p, "RESTRAINT") if restraint else 0.0)
        hedging, def_dom, dfy = deference_defiance_conditions(p, defiance, share)
        always = np.ones(len(p), dtype=bool)
        dfy_ids = ("DFY_BASE", "RESTRAINT") if restraint else ("DFY_BASE",)
        return [
            *shared_first_steps(p, defiance),
            Condition(
                HEDGING, hedging, HEDGING.text.format(share=f"{share:.0%}"), ("DEF", *dfy_ids)
            ),
            Condition(SOFT, def_dom & (col(p, "DIV") > 0)),
            Condition(BANDWAGONING, def_dom),
            Condition(BALANCING, dfy, None, dfy_ids),
            Condition(NEITHER, always),
        ]

    def conditions(
        self, p: pd.DataFrame, params: Mapping[str, Any]
    ) -> tuple[list[Condition], list[Condition]]:
        share = params["min_share"]
        plain = self._decisive(p, share, restraint=False)
        if not params["restraint_counts_as_defiance"]:
            return plain, []
        counted = self._decisive(p, share, restraint=True)
        labels = np.array([c.rule.label for c in plain], dtype=object)
        label_plain = labels[np.select([c.mask for c in plain], np.arange(len(plain)))]
        label_counted = labels[np.select([c.mask for c in counted], np.arange(len(counted)))]
        changed = label_plain != label_counted
        notes = [
            Condition(
                RESTRAINT_NOTE,
                changed & (label_plain == other),
                RESTRAINT_NOTE.text.format(other=other),
            )
            for other in sorted(set(label_plain[changed]))
        ]
        return counted, notes


FRAMEWORK = LengFramework(
    id="leng",
    name="Leng: soft bandwagoning",
    sources=("leng2016", "jackson2014"),
    summary="Deference without defiance, plus ties with the target's competitors, is soft "
    "bandwagoning; hedging needs defiance.",
    parameters=(MIN_SHARE, RESTRAINT),
    rules=(
        NO_ACTS,
        ABSTENTION_DOMINATES,
        HEDGING,
        SOFT,
        BANDWAGONING,
        BALANCING,
        NEITHER,
        RESTRAINT_NOTE,
    ),
)
