"""Tests of the balance-of-threat / balance-of-interests teaching model (smallstate.analysis.threat, smallstate.plots.threat)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smallstate.analysis.threat import (
    DEFAULT_WEIGHTS,
    SOURCES_OF_THREAT,
    Power,
    Prediction,
    predict,
    threat_table,
)
from smallstate.plots.threat import threat_chart

LABELS = {"balancing", "bandwagoning", "bandwagoning_for_profit", "neutrality"}

score = st.integers(min_value=0, max_value=10)


@st.composite
def powers(draw: st.DrawFn, name: str) -> Power:
    return Power(name, draw(score), draw(score), draw(score), draw(score))


# --- Power and threat scores -----------------------------------------------------------------


def test_threat_score_is_mean_of_four_sources() -> None:
    assert Power("A", 10, 0, 4, 2).threat() == 4.0
    assert Power("A", 1, 2, 3, 5).threat() == 2.75


def test_weights_change_the_score_and_are_recorded() -> None:
    weights = {**DEFAULT_WEIGHTS, "aggressive_intentions": 3.0}
    a = Power("A", 0, 0, 0, 10)
    assert a.threat() == 2.5
    assert a.threat(weights) == 5.0
    result = predict(a, Power("B", 0, 0, 0, 0), weights=weights)
    assert result.threat_a == 5.0
    assert result.params["weights"]["aggressive_intentions"] == 3.0


@pytest.mark.parametrize(
    "weights",
    [
        {"aggregate_power": 1.0},
        {**DEFAULT_WEIGHTS, "ideology": 1.0},
        dict.fromkeys(SOURCES_OF_THREAT, 0.0),
        {**DEFAULT_WEIGHTS, "proximity": -1.0},
    ],
)
def test_bad_weights_are_rejected(weights: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="weights"):
        Power("A", 1, 1, 1, 1).threat(weights)


@pytest.mark.parametrize("bad", [-1, 10.5, 11])
def test_power_scores_must_be_0_to_10(bad: float) -> None:
    with pytest.raises(ValueError, match="proximity of A"):
        Power("A", 5, bad, 5, 5)


def test_power_rejects_non_numbers_and_empty_names() -> None:
    with pytest.raises(TypeError):
        Power("A", "high", 5, 5, 5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Power("A", True, 5, 5, 5)
    with pytest.raises(ValueError, match="name"):
        Power(" ", 5, 5, 5, 5)


def test_power_and_prediction_are_frozen() -> None:
    power = Power("A", 1, 2, 3, 4)
    with pytest.raises(dataclasses.FrozenInstanceError):
        power.proximity = 9  # type: ignore[misc]
    result = predict(power, Power("B", 1, 1, 1, 1))
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.walt = result.schweller  # type: ignore[misc]


def test_predict_validates_inputs() -> None:
    with pytest.raises(ValueError, match="different names"):
        predict(Power("A", 1, 1, 1, 1), Power("A", 2, 2, 2, 2))
    with pytest.raises(ValueError, match="expected_gains"):
        predict(Power("A", 1, 1, 1, 1), Power("B", 2, 2, 2, 2), expected_gains=12)
    with pytest.raises(TypeError):
        predict((1, 1, 1, 1), Power("B", 2, 2, 2, 2))  # type: ignore[arg-type]


# --- Walt: one test per rule ------------------------------------------------------------------


def test_walt_neutral_when_nothing_threatens() -> None:
    result = predict(Power("A", 3, 3, 3, 2), Power("B", 2, 2, 2, 2))
    assert result.walt.label == "neutrality"
    assert result.walt.toward is None
    assert "below 4" in result.walt.reason


def test_walt_neutral_when_threats_are_tied() -> None:
    result = predict(Power("A", 6, 6, 6, 6), Power("B", 6, 6, 6, 5))
    assert result.walt.label == "neutrality"
    assert "about equally threatening" in result.walt.reason


def test_walt_balances_against_the_more_threatening_not_the_stronger() -> None:
    # B is stronger in aggregate power, but A is nearer and more hostile: Walt's core point.
    a = Power("Near", 6, 9, 6, 8)
    b = Power("Far", 10, 1, 7, 2)
    result = predict(a, b)
    assert result.walt.label == "balancing"
    assert result.walt.toward == "Near"
    assert "aligning with Far" in result.walt.reason
    assert "Walt 1985" in result.walt.reason and "Walt 1987" in result.walt.reason


def test_walt_bandwagons_when_no_ally_is_available() -> None:
    a = Power("A", 6, 9, 6, 8)
    b = Power("B", 10, 1, 7, 2)
    result = predict(a, b, ally_available=False)
    assert result.walt.label == "bandwagoning"
    assert result.walt.toward == "A"
    assert "No ally is available" in result.walt.reason


def test_walt_bandwagons_with_a_close_overwhelming_threat() -> None:
    a = Power("A", 10, 9, 8, 6)
    b = Power("B", 5, 2, 4, 2)
    assert predict(a, b).walt.phrase == "bandwagoning with A"
    # the same power further away is balanced against
    far = dataclasses.replace(a, proximity=5)
    assert predict(far, b).walt.phrase == "balancing against A"
    # and a closer but not overwhelming one too
    rival = dataclasses.replace(b, aggregate_power=8)
    assert predict(a, rival).walt.phrase == "balancing against A"


def test_walt_thresholds_are_parameters() -> None:
    a, b = Power("A", 10, 9, 8, 6), Power("B", 5, 2, 4, 2)
    assert predict(a, b, overwhelm_gap=6).walt.label == "balancing"
    assert predict(a, b, proximity_threshold=10).walt.label == "balancing"
    assert predict(a, b, threat_threshold=9).walt.label == "neutrality"


# --- Schweller --------------------------------------------------------------------------------


def test_schweller_bandwagons_for_profit_with_the_stronger_side() -> None:
    a = Power("A", 9, 3, 5, 2)  # stronger, threat 4.75
    b = Power("B", 5, 4, 4, 3)
    result = predict(a, b, expected_gains=8)
    assert result.schweller.label == "bandwagoning_for_profit"
    assert result.schweller.toward == "A"
    assert result.schweller.kind is None
    assert "Schweller 1994" in result.schweller.reason
    assert "names none" in result.schweller.reason


def test_schweller_names_a_type_only_when_an_input_justifies_it() -> None:
    a, b = Power("A", 9, 3, 5, 2), Power("B", 5, 4, 4, 3)
    assert predict(a, b, 8, revisionist_aims=True).schweller.kind == "jackal"
    assert predict(a, b, 8, war_ending=True).schweller.kind == "piling on"
    assert predict(a, b, 8, war_ending=True).schweller.phrase == (
        "bandwagoning_for_profit with A (piling on)"
    )
    # no profit, no type
    assert predict(a, b, 2, revisionist_aims=True).schweller.kind is None


def test_schweller_gains_must_outweigh_the_threat_of_the_side_joined() -> None:
    a = Power("A", 10, 9, 9, 9)  # stronger and threat 9.25
    b = Power("B", 4, 2, 3, 2)
    result = predict(a, b, expected_gains=8)
    assert result.schweller.label == "balancing"
    assert result.schweller.toward == "A"
    assert predict(a, b, expected_gains=10).schweller.label == "bandwagoning_for_profit"


def test_schweller_neutral_with_little_gain_and_little_threat() -> None:
    result = predict(Power("A", 5, 2, 2, 1), Power("B", 3, 2, 2, 1), expected_gains=3)
    assert result.schweller.label == "neutrality"


def test_the_two_theories_can_disagree() -> None:
    # a distant strong power offering gains; a near, hostile weaker power
    a = Power("Near", 6, 9, 6, 8)
    b = Power("Far", 10, 1, 5, 1)
    result = predict(a, b, expected_gains=7)
    assert result.walt.phrase == "balancing against Near"
    assert result.schweller.phrase == "bandwagoning_for_profit with Far"
    # Same label (alignment with Far), different reasons: threat versus profit.
    assert "greater threat" in result.walt.reason
    assert "Expected gains" in result.schweller.reason


def test_prediction_phrase() -> None:
    assert Prediction("walt", "bandwagoning", "A", "r").phrase == "bandwagoning with A"


# --- Properties -------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(powers("A"), powers("B"), score, st.booleans(), st.integers(1, 10))
def test_more_aggressive_a_never_makes_walt_balance_against_b(
    a: Power, b: Power, gains: int, ally: bool, extra: int
) -> None:
    before = predict(a, b, gains, ally_available=ally).walt
    hostile = dataclasses.replace(a, aggressive_intentions=min(10, a.aggressive_intentions + extra))
    after = predict(hostile, b, gains, ally_available=ally).walt
    if after.label == "balancing" and after.toward == "B":
        assert before.label == "balancing" and before.toward == "B"


@settings(max_examples=300, deadline=None)
@given(powers("A"), powers("B"), score, score, st.booleans(), st.booleans(), st.booleans())
def test_more_gains_never_move_schweller_from_profit_to_balancing(
    a: Power, b: Power, g1: int, g2: int, ally: bool, revisionist: bool, war: bool
) -> None:
    low, high = sorted((g1, g2))
    kwargs = {"ally_available": ally, "revisionist_aims": revisionist, "war_ending": war}
    before = predict(a, b, low, **kwargs).schweller
    after = predict(a, b, high, **kwargs).schweller
    if before.label == "bandwagoning_for_profit":
        assert after.label == "bandwagoning_for_profit"
        assert after.toward == before.toward
    if after.label == "balancing":
        assert before.label == "balancing"


@settings(max_examples=300, deadline=None)
@given(powers("A"), powers("B"), score, st.booleans())
def test_walt_ignores_gains_and_outputs_are_well_formed(
    a: Power, b: Power, gains: int, ally: bool
) -> None:
    result = predict(a, b, gains, ally_available=ally)
    assert result.walt == predict(a, b, 0, ally_available=ally).walt
    for p in result.predictions:
        assert p.label in LABELS
        assert (p.toward is None) == (p.label == "neutrality")
        assert p.toward in {None, "A", "B"}
        assert p.reason
    assert 0 <= result.threat_a <= 10 and 0 <= result.threat_b <= 10


@settings(max_examples=200, deadline=None)
@given(powers("A"), powers("B"), score)
def test_swapping_the_powers_swaps_the_walt_target(a: Power, b: Power, gains: int) -> None:
    # Symmetry of Walt's rules (Schweller's tie-break favours A, so it is not symmetric).
    one = predict(a, b, gains).walt
    two = predict(b, a, gains).walt
    assert (one.label, one.toward) == (two.label, two.toward)


# --- Table and chart --------------------------------------------------------------------------


def test_threat_table_and_chart() -> None:
    result = predict(Power("A", 8, 9, 7, 6), Power("B", 9, 2, 8, 3))
    table = threat_table(result)
    assert list(table.columns) == ["power", "source", "value"]
    assert table.groupby("power")["value"].size().to_dict() == {"A": 5, "B": 5}
    row = table[(table["power"] == "B") & (table["source"] == "proximity")]
    assert row["value"].item() == 2.0
    fig = threat_chart(result)
    try:
        assert fig.title == "Sources of threat: A and B"
        assert "A: aggregate power 8, proximity 9" in fig.alt
        assert "threat score 5.5" in fig.alt
        png = fig.png()
        assert png.startswith(b"\x89PNG")
        ax = fig.figure.axes[0]
        heights = sorted(round(p.get_height(), 2) for p in ax.patches if p.get_height() > 0)
        assert heights == sorted(table["value"].tolist())
    finally:
        fig.close()
