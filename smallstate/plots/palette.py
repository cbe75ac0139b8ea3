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
    "GREYS",
    "HATCHES",
    "LABEL_COLORS",
    "LABEL_NAMES",
    "OKABE_ITO",
    "POWER_COLORS",
    "POWER_MARKERS",
    "STANCE_COLORS",
    "colors_for",
    "colour_meanings",
    "greys_for",
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

#: Greys, dark to light: the colours of everything that is neither a stance nor a verdict
#: label (powers, funders, instruments, kinds of source, memberships, scores, a split inside a
#: stance chart), told apart by hatches or markers as well. The hues of the Okabe-Ito set
#: are kept for stances and labels, so a hue means the same thing in every lesson.
GREYS: Final[tuple[str, ...]] = ("#000000", "#595959", "#8C8C8C", "#BFBFBF", "#E6E6E6")

#: Hatches that tell grey groups apart without colour (first group plain).
HATCHES: Final[tuple[str, ...]] = ("", "//", "..", "xx", "\\\\", "oo", "--", "++")

#: Policy domain of an act: drawn as rows or groups, never in a hue (see :data:`GREYS`).
DOMAIN_COLORS: Final[dict[str, str]] = {
    "security": GREYS[1],
    "economic": GREYS[2],
    "diplomatic": GREYS[3],
    "institutional": GREYS[4],
}

#: Great powers in figures of their relations with a small state (UN votes), by the name the
#: UN voting data give them: greys (a power is neither a stance nor a label), told apart by
#: :data:`POWER_MARKERS` as well.
POWER_COLORS: Final[dict[str, str]] = {
    "China": GREYS[0],
    "United States": GREYS[2],
    "Japan": GREYS[1],
}

#: The marker of each great power in the same figures, so no power rests on shade alone.
POWER_MARKERS: Final[dict[str, str]] = {"China": "o", "United States": "s", "Japan": "^"}

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


def greys_for(n: int) -> list[str]:
    """``n`` greys from dark to light for groups that are not stances or labels.

    Examples
    --------
    >>> greys_for(2)
    ['#595959', '#BFBFBF']
    >>> len(set(greys_for(4)))
    4
    """
    shades = GREYS[1:]
    spread = {1: (0,), 2: (0, 2), 3: (0, 1, 2)}  # few groups: greys far apart
    picks = spread.get(n, tuple(i % len(shades) for i in range(max(n, 0))))
    return [shades[i] for i in picks]


def colors_for(keys: Sequence[str]) -> list[str]:
    """One colour per key: its fixed stance or label colour, else a grey.

    Only stances and verdict labels own a hue; any other key (a power, a funder, a kind of
    source) gets a grey from :func:`greys_for`, so it never borrows a hue that means a stance
    or a label elsewhere in the course.

    Examples
    --------
    >>> colors_for(["deference", "defiance"])
    ['#E69F00', '#0072B2']
    >>> colors_for(["Power A", "Power B"])
    ['#595959', '#BFBFBF']
    """
    fixed = {**STANCE_COLORS, **LABEL_COLORS}
    free = [k for k in keys if k not in fixed]
    greys = dict(zip(dict.fromkeys(free), greys_for(len(dict.fromkeys(free))), strict=True))
    return [fixed.get(key, greys.get(key, GREYS[2])) for key in keys]


def colour_meanings() -> dict[str, list[str]]:
    """Each hue of the palette and what it means: the stance and the labels that use it.

    Only these two families own hues, and no figure colours by stance and by label at once
    (a stance chart shows acts, a spectrum shows verdicts); everything else is grey. The tests
    draw every course figure and hold its hues to this table.

    Examples
    --------
    >>> colour_meanings()["#0072B2"]
    ['stance defiance', 'label balancing', 'label internal_balancing', 'label external_balancing']
    """
    out: dict[str, list[str]] = {}
    for stance, colour in STANCE_COLORS.items():
        out.setdefault(colour, []).append(f"stance {stance}")
    for label, colour in LABEL_COLORS.items():
        if colour in OKABE_ITO[1:]:
            out.setdefault(colour, []).append(f"label {label}")
    return out
