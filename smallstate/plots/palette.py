"""The course's one colour-blind-safe palette (Okabe & Ito 2008) and its fixed assignments.

Every plot and widget takes its colours from here, so a stance or a label has the same colour
in every lesson. The Okabe-Ito set stays distinguishable under the common forms of colour
vision deficiency. It is also the course's label registry: :data:`LABEL_NAMES` gives the
readable name of every verdict label id, and :func:`label_name` is what figures, legends and
widgets print instead of the raw id.

Examples
--------
>>> from smallstate.plots import OKABE_ITO, STANCE_COLORS
>>> len(OKABE_ITO)
8
>>> STANCE_COLORS["defiance"] == OKABE_ITO[5]
True
>>> label_name("soft_bandwagoning"), LABEL_COLORS["soft_bandwagoning"] == OKABE_ITO[7]
('soft bandwagoning', True)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

__all__ = [
    "DOMAIN_COLORS",
    "LABEL_COLORS",
    "LABEL_NAMES",
    "OKABE_ITO",
    "POWER_COLORS",
    "STANCE_COLORS",
    "colors_for",
    "label_name",
]

#: Okabe-Ito: black, orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple.
OKABE_ITO: Final[tuple[str, ...]] = (
    "#000000",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
)

_BLACK, _ORANGE, _SKY, _GREEN, _YELLOW, _BLUE, _VERMILLION, _PURPLE = OKABE_ITO

#: Stance of an act towards its target (see ``smallstate.evidence``).
STANCE_COLORS: Final[dict[str, str]] = {
    "deference": _ORANGE,
    "diversification": _SKY,
    "binding": _GREEN,
    "abstention": _YELLOW,
    "defiance": _BLUE,
}

#: Policy domain of an act.
DOMAIN_COLORS: Final[dict[str, str]] = {
    "security": _VERMILLION,
    "economic": _GREEN,
    "diplomatic": _BLUE,
    "institutional": _PURPLE,
}

#: Great powers in figures of their relations with a small state (UN votes), by the name the
#: UN voting data give them.
POWER_COLORS: Final[dict[str, str]] = {
    "China": _VERMILLION,
    "United States": _BLUE,
    "Japan": _PURPLE,
}

#: Verdict labels, ordered roughly from power acceptance to power rejection.
LABEL_COLORS: Final[dict[str, str]] = {
    "bandwagoning": _VERMILLION,
    "bandwagoning_for_profit": _ORANGE,
    "limited_bandwagoning": _YELLOW,
    "soft_bandwagoning": _PURPLE,
    "hedging": _GREEN,
    "neutrality": _SKY,
    "soft_balancing": _SKY,
    "balancing": _BLUE,
    "internal_balancing": _BLUE,
    "external_balancing": _BLUE,
    "insufficient_evidence": "#999999",
}


#: Readable names of the verdict label ids, in the order of :data:`LABEL_COLORS`: the one place
#: figures, legends and widgets take them from.
LABEL_NAMES: Final[dict[str, str]] = {
    "bandwagoning": "bandwagoning",
    "bandwagoning_for_profit": "bandwagoning for profit",
    "limited_bandwagoning": "limited bandwagoning",
    "soft_bandwagoning": "soft bandwagoning",
    "hedging": "hedging",
    "neutrality": "neutrality",
    "soft_balancing": "soft balancing",
    "balancing": "balancing",
    "internal_balancing": "internal balancing",
    "external_balancing": "external balancing",
    "insufficient_evidence": "insufficient evidence",
}


def label_name(label_id: str) -> str:
    """The readable name of a verdict label id, for figures, legends and widgets.

    An id outside the registry (a label of a learner's own framework) is shown with its
    underscores as spaces, so nothing is hidden; the registry's ids come from
    :data:`LABEL_NAMES`.

    Examples
    --------
    >>> label_name("bandwagoning_for_profit")
    'bandwagoning for profit'
    >>> label_name("my_own_label")
    'my own label'
    """
    return LABEL_NAMES.get(label_id, str(label_id).replace("_", " "))


def colors_for(keys: Sequence[str]) -> list[str]:
    """Return one palette colour per key, using the fixed assignments where they exist.

    Keys without a fixed colour cycle through the Okabe-Ito set (black last), so any
    categorical plot stays within the safe palette.

    Examples
    --------
    >>> colors_for(["deference", "defiance"])
    ['#E69F00', '#0072B2']
    >>> colors_for(["a", "b"])
    ['#E69F00', '#56B4E9']
    """
    fixed = {**STANCE_COLORS, **DOMAIN_COLORS, **LABEL_COLORS}
    cycle = OKABE_ITO[1:] + OKABE_ITO[:1]
    out: list[str] = []
    free = 0
    for key in keys:
        if key in fixed:
            out.append(fixed[key])
        else:
            out.append(cycle[free % len(cycle)])
            free += 1
    return out
