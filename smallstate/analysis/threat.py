"""A teaching model of what balance-of-threat and balance-of-interests reasoning predict.

A small state sits between two great powers, A and B. This module turns a few judgements about
the two powers (each on a 0-10 scale) into what two realist arguments would expect the small
state to do, and says why in plain English:

* **Walt** (1985; 1987): states ally against the power that *threatens* them most, not simply
  against the strongest. Threat comes from four sources: aggregate power, geographic proximity,
  offensive capability and perceived aggressive intentions. Balancing is the rule; bandwagoning
  with the threatening power (to appease it and avoid attack) is the exception, more likely for
  weak states, when no ally is available, and when the threat is both close and overwhelming.
* **Schweller** (1994): alignment follows interests, not only threats. States often bandwagon
  for *profit*: they join the stronger side because they expect to gain from it. His types of
  bandwagoning include jackal bandwagoning (a limited-aims revisionist joins a stronger
  revisionist for a share of the spoils), piling on (joining the side that is winning as a war
  ends), wave of the future and contagion.

This is a **teaching simplification**, not either author's formal model: neither author scores
threats on a 0-10 scale or uses the thresholds below. The thresholds and weights are explicit
parameters so that a class can change them and see how much a "prediction" depends on them.
Neither theory has a hedging outcome; the later lessons take that up (Leng 2016; Samath 2020).

The rules
---------
Threat score of a power
    The weighted mean of its four sources (equal weights by default, see
    :data:`DEFAULT_WEIGHTS`), so it stays on the 0-10 scale.
Walt
    1. If neither threat score reaches ``threat_threshold``, nothing threatens the small state
       enough to align: ``neutrality``.
    2. If the two scores differ by less than ``margin``, the model cannot tell which power is
       the threat, so it names no target: ``neutrality`` (a model choice; Walt gives no rule
       for a tie).
    3. Otherwise let T be the more threatening power. If no ally is available, the weak state
       bandwagons with T: ``bandwagoning``.
    4. If T is close (proximity at least ``proximity_threshold``) and overwhelming (its
       aggregate power exceeds the other power's by at least ``overwhelm_gap``), the weak state
       bandwagons with T as well: ``bandwagoning``.
    5. Otherwise: ``balancing`` against T, with the other power.
Schweller
    Let S be the stronger power (higher aggregate power; on a tie the more threatening one;
    on a full tie A). ``expected_gains`` is what the small state expects to gain by joining S.

    1. If ``expected_gains`` reaches ``gains_threshold`` and is at least S's threat score:
       ``bandwagoning_for_profit`` with S. The type is named only when an input says so:
       ``"piling on"`` if ``war_ending`` (S is then taken to be the winning side), else
       ``"jackal"`` if ``revisionist_aims`` (the small state itself wants limited change).
       Wave of the future and contagion depend on ideas and leaders the model has no input
       for, so it never names them.
    2. Otherwise, if the higher threat score reaches ``threat_threshold``, a state with little
       to gain defends what it has: ``balancing`` against the more threatening power.
    3. Otherwise neither gain nor threat gives a reason to align: ``neutrality``.

Examples
--------
>>> near = Power("Power A", aggregate_power=8, proximity=9, offensive_capability=7,
...              aggressive_intentions=6)
>>> far = Power("Power B", aggregate_power=9, proximity=2, offensive_capability=8,
...             aggressive_intentions=3)
>>> result = predict(near, far, expected_gains=3)
>>> result.threat
{'Power A': 7.5, 'Power B': 5.5}
>>> result.walt.phrase
'balancing against Power A'
>>> result.schweller.label
'balancing'
>>> predict(near, far, expected_gains=8).schweller.phrase
'bandwagoning_for_profit with Power B'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from smallstate.concepts import cite

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = [
    "DEFAULT_WEIGHTS",
    "SOURCES_OF_THREAT",
    "Power",
    "Prediction",
    "ThreatPrediction",
    "format_score",
    "predict",
    "threat_table",
]

#: Walt's four sources of threat, in his order, as ``Power`` attribute names.
SOURCES_OF_THREAT: Final[tuple[str, ...]] = (
    "aggregate_power",
    "proximity",
    "offensive_capability",
    "aggressive_intentions",
)


#: Readable names of the four sources (for tables, charts and reasons).
SOURCE_LABELS: Final[dict[str, str]] = {
    "aggregate_power": "aggregate power",
    "proximity": "proximity",
    "offensive_capability": "offensive capability",
    "aggressive_intentions": "aggressive intentions",
}


#: Equal weights: the threat score is the plain mean of the four sources.
DEFAULT_WEIGHTS: Final[Mapping[str, float]] = dict.fromkeys(SOURCES_OF_THREAT, 1.0)


def _walt_ref() -> str:
    return f"{cite('walt1985')}; {cite('walt1987')}"


def _schweller_ref() -> str:
    return cite("schweller1994")


def _score(value: float, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{what} must be a number from 0 to 10, got {value!r}")
    if not 0 <= value <= 10:
        raise ValueError(f"{what} must be between 0 and 10, got {value!r}")
    return float(value)


def format_score(value: float) -> str:
    """Format a score without a trailing ``.0`` (``7`` not ``7.0``, ``6.5`` stays).

    Examples
    --------
    >>> format_score(7.5), format_score(6.0)
    ('7.5', '6')
    """
    return f"{value:g}"


@dataclass(frozen=True)
class Power:
    """A great power as the small state sees it: Walt's four sources of threat, each 0-10.

    Parameters
    ----------
    name
        How the power is named in reasons and charts (e.g. ``"Power A"``).
    aggregate_power
        Overall resources: population, economy, military, technology.
    proximity
        Geographic closeness to the small state (10 = on its border).
    offensive_capability
        Ability to project force against the small state at acceptable cost.
    aggressive_intentions
        How aggressive the small state judges the power's intentions towards it.

    Examples
    --------
    >>> p = Power("Power A", 8, 9, 7, 6)
    >>> p.threat()
    7.5
    >>> p.threat({"aggregate_power": 1, "proximity": 1, "offensive_capability": 1,
    ...           "aggressive_intentions": 3})
    7.0
    >>> Power("X", 11, 0, 0, 0)
    Traceback (most recent call last):
    ...
    ValueError: aggregate_power of X must be between 0 and 10, got 11
    """

    name: str
    aggregate_power: float
    proximity: float
    offensive_capability: float
    aggressive_intentions: float

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("a Power needs a non-empty name")
        for source in SOURCES_OF_THREAT:
            _score(getattr(self, source), f"{source} of {self.name}")

    def components(self) -> dict[str, float]:
        """The four sources of threat as a dict (attribute name -> value)."""
        return {source: float(getattr(self, source)) for source in SOURCES_OF_THREAT}

    def threat(self, weights: Mapping[str, float] | None = None) -> float:
        """Weighted mean of the four sources (0-10), rounded to 2 decimals.

        Parameters
        ----------
        weights
            One non-negative weight per source (keys of :data:`SOURCES_OF_THREAT`); default
            :data:`DEFAULT_WEIGHTS` (all 1, the plain mean).
        """
        w = _check_weights(weights)
        total = sum(w.values())
        return round(sum(w[s] * getattr(self, s) for s in SOURCES_OF_THREAT) / total, 2)


def _check_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    if weights is None:
        return dict(DEFAULT_WEIGHTS)
    unknown = set(weights) - set(SOURCES_OF_THREAT)
    missing = set(SOURCES_OF_THREAT) - set(weights)
    if unknown or missing:
        raise ValueError(
            f"weights need exactly the keys {list(SOURCES_OF_THREAT)}; "
            f"unknown {sorted(unknown)}, missing {sorted(missing)}"
        )
    out = {s: float(weights[s]) for s in SOURCES_OF_THREAT}
    if any(v < 0 for v in out.values()) or sum(out.values()) <= 0:
        raise ValueError("weights must be non-negative and not all zero")
    return out


@dataclass(frozen=True)
class Prediction:
    """What one theory predicts, towards which power, and why.

    Parameters
    ----------
    theory
        ``"walt"`` or ``"schweller"``.
    label
        A course label id: ``balancing``, ``bandwagoning``, ``bandwagoning_for_profit`` or
        ``neutrality``.
    toward
        The power the label is directed at (balance *against* it, bandwagon *with* it), or
        ``None`` for neutrality.
    reason
        Plain-English reason naming the inputs, with the citation.
    kind
        Schweller's type of bandwagoning when the inputs justify naming one
        (``"jackal"``, ``"piling on"``), else ``None``.

    Examples
    --------
    >>> Prediction("walt", "balancing", "Power A", "...").phrase
    'balancing against Power A'
    >>> Prediction("walt", "neutrality", None, "...").phrase
    'neutrality'
    """

    theory: str
    label: str
    toward: str | None
    reason: str
    kind: str | None = None

    @property
    def phrase(self) -> str:
        """Short phrase such as ``"balancing against Power A"``."""
        if self.toward is None:
            return self.label
        preposition = "against" if self.label == "balancing" else "with"
        text = f"{self.label} {preposition} {self.toward}"
        return f"{text} ({self.kind})" if self.kind else text


@dataclass(frozen=True)
class ThreatPrediction:
    """The inputs, the threat scores and both predictions for one scenario.

    Build it with :func:`predict`. ``threat`` maps each power's name to its threat score;
    ``walt`` and ``schweller`` are :class:`Prediction` objects; ``params`` records the
    thresholds and weights used, so a result can always be traced back to its settings.
    """

    a: Power
    b: Power
    expected_gains: float
    ally_available: bool
    threat_a: float
    threat_b: float
    walt: Prediction
    schweller: Prediction
    params: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def threat(self) -> dict[str, float]:
        """Threat score per power name."""
        return {self.a.name: self.threat_a, self.b.name: self.threat_b}

    @property
    def predictions(self) -> tuple[Prediction, Prediction]:
        """``(walt, schweller)``."""
        return (self.walt, self.schweller)


def predict(
    a: Power,
    b: Power,
    expected_gains: float = 0,
    *,
    ally_available: bool = True,
    revisionist_aims: bool = False,
    war_ending: bool = False,
    weights: Mapping[str, float] | None = None,
    threat_threshold: float = 4.0,
    margin: float = 1.0,
    proximity_threshold: float = 7.0,
    overwhelm_gap: float = 3.0,
    gains_threshold: float = 6.0,
) -> ThreatPrediction:
    """Predict the small state's alignment between powers ``a`` and ``b`` (Walt and Schweller).

    The rules are listed in the module docstring. This is a teaching simplification: the
    numbers are judgements, and the thresholds are ours, not Walt's or Schweller's.

    Parameters
    ----------
    a, b
        The two great powers (their names must differ).
    expected_gains
        0-10: what the small state expects to gain by joining the stronger power.
    ally_available
        Whether the small state could find support against the more threatening power.
    revisionist_aims
        The small state itself wants limited change to the status quo (Schweller's jackal).
    war_ending
        A war is ending and the stronger power is the side that is winning (piling on).
    weights
        Weights of the four sources in the threat score (default: equal).
    threat_threshold
        Threat score from which a power counts as a threat worth aligning against.
    margin
        Smallest difference of threat scores for which one power counts as *the* threat.
    proximity_threshold, overwhelm_gap
        When the more threatening power counts as close (its proximity) and overwhelming (its
        lead in aggregate power over the other power).
    gains_threshold
        Expected gains from which joining the stronger side pays (Schweller).

    Returns
    -------
    ThreatPrediction

    Examples
    --------
    Nobody is threatening and there is little to gain:

    >>> calm = predict(Power("A", 3, 2, 2, 1), Power("B", 4, 1, 3, 1), expected_gains=2)
    >>> calm.walt.label, calm.schweller.label
    ('neutrality', 'neutrality')

    A close, overwhelming threat and no ally:

    >>> r = predict(Power("A", 9, 9, 8, 7), Power("B", 5, 2, 4, 2), ally_available=False)
    >>> r.walt.phrase
    'bandwagoning with A'

    Joining the winner as a war ends:

    >>> predict(Power("A", 9, 3, 6, 2), Power("B", 4, 3, 3, 2), 8, war_ending=True).schweller.kind
    'piling on'
    """
    if not isinstance(a, Power) or not isinstance(b, Power):
        raise TypeError("a and b must be Power objects")
    if a.name == b.name:
        raise ValueError(f"the two powers need different names (both are {a.name!r})")
    gains = _score(expected_gains, "expected_gains")
    w = _check_weights(weights)
    ta, tb = a.threat(w), b.threat(w)
    params: dict[str, Any] = {
        "weights": w,
        "threat_threshold": threat_threshold,
        "margin": margin,
        "proximity_threshold": proximity_threshold,
        "overwhelm_gap": overwhelm_gap,
        "gains_threshold": gains_threshold,
        "revisionist_aims": revisionist_aims,
        "war_ending": war_ending,
    }
    walt = _walt(
        a, b, ta, tb, ally_available, threat_threshold, margin, proximity_threshold, overwhelm_gap
    )
    schweller = _schweller(
        a, b, ta, tb, gains, revisionist_aims, war_ending, threat_threshold, gains_threshold
    )
    return ThreatPrediction(a, b, gains, bool(ally_available), ta, tb, walt, schweller, params)


def _scores_text(a: Power, b: Power, ta: float, tb: float) -> str:
    return f"threat scores: {a.name} {format_score(ta)}, {b.name} {format_score(tb)}"


def _walt(
    a: Power,
    b: Power,
    ta: float,
    tb: float,
    ally_available: bool,
    threat_threshold: float,
    margin: float,
    proximity_threshold: float,
    overwhelm_gap: float,
) -> Prediction:
    scores = _scores_text(a, b, ta, tb)
    if max(ta, tb) < threat_threshold:
        return Prediction(
            "walt",
            "neutrality",
            None,
            f"Neither power is threatening enough to align against ({scores}, both below "
            f"{format_score(threat_threshold)}). Alliances form against threats, so with no serious "
            f"threat there is no reason to take sides ({_walt_ref()}).",
        )
    if abs(ta - tb) < margin:
        return Prediction(
            "walt",
            "neutrality",
            None,
            f"The two powers are about equally threatening ({scores}, less than "
            f"{format_score(margin)} apart). Balance-of-threat theory needs one power to be the "
            f"greater threat; with none, this model names no side ({_walt_ref()}).",
        )
    top, other = (a, b) if ta > tb else (b, a)
    t_top, t_other = max(ta, tb), min(ta, tb)
    head = (
        f"{top.name} is the greater threat ({top.name} {format_score(t_top)} against "
        f"{other.name} {format_score(t_other)}, the mean of aggregate power, proximity, offensive "
        f"capability and aggressive intentions)."
    )
    if not ally_available:
        return Prediction(
            "walt",
            "bandwagoning",
            top.name,
            f"{head} No ally is available, and a weak state cannot balance alone, so it gives "
            f"in to {top.name} to avoid being attacked: bandwagoning, the exception Walt "
            f"expects when allies are missing ({_walt_ref()}).",
        )
    lead = top.aggregate_power - other.aggregate_power
    close = top.proximity >= proximity_threshold
    overwhelming = lead >= overwhelm_gap
    if close and overwhelming:
        return Prediction(
            "walt",
            "bandwagoning",
            top.name,
            f"{head} {top.name} is close (proximity {format_score(top.proximity)}) and overwhelming "
            f"(aggregate power {format_score(lead)} points above {other.name}), so even with an ally "
            f"a weak state may appease it: bandwagoning with the threat ({_walt_ref()}).",
        )
    why_not = (
        f"it is not close (proximity {format_score(top.proximity)}, below {format_score(proximity_threshold)})"
        if not close
        else f"it is not overwhelming (aggregate power {format_score(top.aggregate_power)} against "
        f"{format_score(other.aggregate_power)} for {other.name}; overwhelming needs a lead of "
        f"{format_score(overwhelm_gap)})"
    )
    return Prediction(
        "walt",
        "balancing",
        top.name,
        f"{head} An ally is available and {why_not}, so the small state balances against "
        f"{top.name} by aligning with {other.name}; balancing is the rule and bandwagoning "
        f"the exception ({_walt_ref()}).",
    )


def _stronger(a: Power, b: Power, ta: float, tb: float) -> tuple[Power, float]:
    if a.aggregate_power != b.aggregate_power:
        return (a, ta) if a.aggregate_power > b.aggregate_power else (b, tb)
    return (b, tb) if tb > ta else (a, ta)


def _schweller(
    a: Power,
    b: Power,
    ta: float,
    tb: float,
    gains: float,
    revisionist_aims: bool,
    war_ending: bool,
    threat_threshold: float,
    gains_threshold: float,
) -> Prediction:
    strong, t_strong = _stronger(a, b, ta, tb)
    if gains >= gains_threshold and gains >= t_strong:
        kind: str | None = None
        if war_ending:
            kind = "piling on"
            typed = (
                f" As a war is ending and {strong.name} is winning, this is what Schweller "
                f"calls piling on: joining the victor to share in the spoils."
            )
        elif revisionist_aims:
            kind = "jackal"
            typed = (
                " As the small state itself wants limited change, this is what Schweller "
                "calls jackal bandwagoning: following a stronger power for a share of the gains."
            )
        else:
            typed = (
                " The inputs do not say which of Schweller's types (jackal, piling on, wave "
                "of the future, contagion) applies, so the model names none."
            )
        return Prediction(
            "schweller",
            "bandwagoning_for_profit",
            strong.name,
            f"Expected gains from joining {strong.name}, the stronger power, are "
            f"{format_score(gains)}: at least {format_score(gains_threshold)} and no smaller than the threat "
            f"it poses ({format_score(t_strong)}). States often bandwagon for profit, not for "
            f"security ({_schweller_ref()}).{typed}",
            kind,
        )
    top, t_top = (a, ta) if ta >= tb else (b, tb)
    if t_top >= threat_threshold:
        return Prediction(
            "schweller",
            "balancing",
            top.name,
            f"Expected gains ({format_score(gains)}) do not outweigh the risks of joining "
            f"{strong.name} (threat {format_score(t_strong)}), while {top.name} poses a threat of "
            f"{format_score(t_top)}. A state with little to gain defends what it has and balances "
            f"against {top.name} ({_schweller_ref()}).",
        )
    return Prediction(
        "schweller",
        "neutrality",
        None,
        f"Expected gains ({format_score(gains)}, below {format_score(gains_threshold)} or below the threat "
        f"{format_score(t_strong)}) give no reason to join {strong.name}, and no power threatens "
        f"enough to balance against ({_scores_text(a, b, ta, tb)}). Neither profit nor "
        f"fear calls for alignment ({_schweller_ref()}).",
    )


def threat_table(prediction: ThreatPrediction) -> pd.DataFrame:
    """Tidy table of the threat components and scores: one row per power and source.

    Columns: ``power``, ``source`` (readable name, plus ``"threat score"``), ``value``.

    Examples
    --------
    >>> r = predict(Power("A", 8, 9, 7, 6), Power("B", 9, 2, 8, 3))
    >>> t = threat_table(r)
    >>> t.shape
    (10, 3)
    >>> t.loc[t["source"].eq("threat score"), "value"].tolist()
    [7.5, 5.5]
    """
    import pandas as pd

    rows = []
    for power, score in ((prediction.a, prediction.threat_a), (prediction.b, prediction.threat_b)):
        for source, value in power.components().items():
            rows.append({"power": power.name, "source": SOURCE_LABELS[source], "value": value})
        rows.append({"power": power.name, "source": "threat score", "value": score})
    return pd.DataFrame(rows, columns=["power", "source", "value"])
