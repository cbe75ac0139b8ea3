"""Evidence for Ruritania, the course's fictional small state, built act by act.

Lessons and the StrategyBuilder widget let learners compose a policy from
``(domain, stance, intensity, aimed_at_target)`` tuples; :func:`fictional_evidence` turns them
into a validated evidence table with the fictional codes of :data:`ACTOR`, :data:`TARGET` and
:data:`OTHER_POWER` (ISO 3166-1 user-assigned range, never a real country) and the source
``hypothetical``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

from smallstate.errors import unknown
from smallstate.evidence.schema import (
    FICTIONAL_ACTOR,
    FICTIONAL_OTHER,
    FICTIONAL_TARGET,
    INTENSITY_LABELS,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = ["ACTOR", "OTHER_POWER", "STARTING_ACTS", "TARGET", "fictional_evidence"]

#: Fictional codes (ISO 3166-1 user-assigned range, never a real country).
ACTOR: Final[str] = FICTIONAL_ACTOR
TARGET: Final[str] = FICTIONAL_TARGET
OTHER_POWER: Final[str] = FICTIONAL_OTHER

#: Names shown to learners.
NAMES: Final[dict[str, str]] = {
    ACTOR: "Ruritania",
    TARGET: "the Great Power",
    OTHER_POWER: "the Other Power",
}

#: What each stance means for Ruritania's act (used to write the act's description).
STANCE_TEXT: Final[dict[str, str]] = {
    "deference": "accommodates the Great Power",
    "defiance": "resists or checks the Great Power",
    "diversification": "deepens ties with the Other Power",
    "binding": "draws the Great Power into shared institutions",
    "abstention": "stays silent or abstains on the Great Power's initiative",
}

#: Counterpart of an act by stance: the target itself, the other power, or the UN.
COUNTERPART: Final[dict[str, str]] = {
    "deference": TARGET,
    "defiance": TARGET,
    "diversification": OTHER_POWER,
    "binding": "UN",
    "abstention": TARGET,
}

#: The two acts Ruritania starts with: economic deference and diplomatic diversification.
STARTING_ACTS: Final[tuple[tuple[str, str, int, str], ...]] = (
    ("economic", "deference", 2, "no"),
    ("diplomatic", "diversification", 2, "no"),
)

#: Every fictional act cites this string as its source: there is no real source.
HYPOTHETICAL_SOURCE: Final[str] = "hypothetical"


def fictional_evidence(acts: Iterable[Sequence[Any]]) -> pd.DataFrame:
    """Build a validated evidence table for Ruritania from ``(domain, stance, intensity, aimed)``.

    Each act gets an id ``R01``, ``R02``..., a year (2001, 2002, ... in order), a
    counterpart chosen from its stance (:data:`COUNTERPART`) and a one-line description. The
    source is ``"hypothetical"``: these acts are invented for teaching.

    Parameters
    ----------
    acts
        Tuples ``(domain, stance, intensity)`` or ``(domain, stance, intensity, aimed)``,
        ``aimed`` being ``"yes"``, ``"no"`` or ``"unknown"`` (default ``"no"``).

    Returns
    -------
    pandas.DataFrame
        The typed copy returned by :func:`smallstate.evidence.validate_evidence`.

    Examples
    --------
    >>> ev = fictional_evidence([("security", "defiance", 3, "yes")])
    >>> ev[["act_id", "actor", "target", "counterpart", "stance"]].values.tolist()
    [['R01', 'XRU', 'XGP', 'XGP', 'defiance']]
    >>> ev["description"].iloc[0]
    'Ruritania resists or checks the Great Power (security, binding commitment).'
    """
    import pandas as pd

    from smallstate.evidence.schema import ALL_COLUMNS
    from smallstate.evidence.validation import validate_evidence

    rows = []
    for i, act in enumerate(acts, start=1):
        domain, stance, intensity = act[0], act[1], int(act[2])
        aimed = act[3] if len(act) > 3 else "no"
        if stance not in STANCE_TEXT:
            raise unknown("stance", stance, STANCE_TEXT)
        level = INTENSITY_LABELS.get(intensity, str(intensity)).split(" ", 1)[-1]
        rows.append(
            {
                "act_id": f"R{i:02d}",
                "actor": ACTOR,
                "target": TARGET,
                "counterpart": COUNTERPART[stance],
                "date": str(2000 + i),
                "domain": domain,
                "stance": stance,
                "intensity": str(intensity),
                "aimed_at_target": aimed,
                "source": HYPOTHETICAL_SOURCE,
                "locator": "fictional act",
                "description": f"Ruritania {STANCE_TEXT[stance]} ({domain}, {level}).",
                "motive": "unknown",
                "scope": "",
                "period": "",
                "contested": "no",
                "note": "Invented for teaching; Ruritania is fictional.",
                "aimed_at_rivals": "",
            }
        )
    frame = pd.DataFrame(rows, columns=list(ALL_COLUMNS))
    return validate_evidence(frame)
