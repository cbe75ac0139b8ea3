"""Each framework's rules on hand-built profile rows, plus registry and parameter checks."""

from __future__ import annotations

import dataclasses

import pytest

from smallstate.concepts import keys
from smallstate.errors import UnknownNameError
from smallstate.frameworks import FRAMEWORKS, LABELS, Verdict, get_framework
from smallstate.frameworks.base import FiredRule


def label(fw: str, **profile: object) -> str:
    return get_framework(fw).classify(profile).label


@pytest.mark.parametrize("fw", sorted(FRAMEWORKS))
def test_no_acts_is_insufficient(fw: str) -> None:
    assert label(fw, N=0) == "insufficient_evidence"


@pytest.mark.parametrize("fw", ["jackson", "leng", "kuik"])
def test_abstention_dominates(fw: str) -> None:
    assert label(fw, N=3, ABS=3.0, DEF=1.0, DFY_BASE=1.0, RM=1.0, RC=1.0) == "neutrality"


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        ({"DEF": 4.0, "DFY_BASE": 1.0}, "hedging"),
        ({"DEF": 5.0, "DFY_BASE": 1.0}, "bandwagoning"),
        ({"DEF": 1.0, "DFY_BASE": 5.0}, "balancing"),
        ({"DFY_BASE": 1.0}, "balancing"),
        ({"DIV": 2.0}, "neutrality"),
    ],
)
def test_jackson(profile: dict, expected: str) -> None:
    assert label("jackson", N=2, **profile) == expected


def test_jackson_min_share_parameter() -> None:
    assert label("jackson", N=2, DEF=5.0, DFY_BASE=1.0) == "bandwagoning"
    fw = get_framework("jackson")
    assert fw.classify({"N": 2, "DEF": 5.0, "DFY_BASE": 1.0}, min_share=0.1).label == "hedging"


def test_leng_soft_bandwagoning_and_restraint_note() -> None:
    fw = get_framework("leng")
    row = {
        "N": 4,
        "DEF": 6.0,
        "DIV": 2.0,
        "BIND": 3.0,
        "RESTRAINT": 3.0,
        "ids_DEF": ("d",),
        "ids_DIV": ("v",),
        "ids_RESTRAINT": ("r",),
        "ids_DFY_BASE": (),
    }
    plain = fw.classify(row)
    assert plain.label == "soft_bandwagoning" and plain.evidence_ids == ("d", "v")
    counted = fw.classify(row, restraint_counts_as_defiance=True)
    assert counted.label == "hedging"
    assert "restraint_counts_as_defiance" in counted.rationale
    assert "soft_bandwagoning" in counted.rationale
    assert counted.evidence_ids == ("d", "r")
    assert [r.rule_id for r in counted.rules] == [
        "mixed_deference_defiance",
        "restraint_changes_verdict",
    ]
    assert label("leng", N=2, DEF=2.0) == "bandwagoning"


def test_kuik_rules_and_position() -> None:
    fw = get_framework("kuik")
    assert label("kuik", N=1, HARD=True, RM=5.0, RC=3.0) == "balancing"
    assert label("kuik", N=1, ALIGN=True, RM=3.0) == "bandwagoning"
    # Hedging components alone stay inside the hedging zone; only security alignment or an
    # alliance against the target reaches a pole (Kuik 2008).
    assert fw.classify({"N": 2, "RM": 1.0}).label == "hedging"
    assert fw.classify({"N": 2, "RM": 1.0}).position == pytest.approx(0.8)
    assert fw.classify({"N": 2, "RC": 1.0}).position == pytest.approx(-0.8)
    assert fw.classify({"N": 1, "ALIGN": True, "RM": 3.0}).position == 1.0
    assert fw.classify({"N": 1, "HARD": True, "RC": 3.0}).position == -1.0
    v = fw.classify({"N": 2, "RM": 1.0, "RC": 3.0})
    assert v.label == "hedging" and v.position == pytest.approx(0.8 * -0.5)
    assert fw.classify({"N": 1, "ABS": 1.0}).position is None


def test_waltz() -> None:
    assert label("waltz", N=1, SEC_DFY=2.0, INT_BAL=2.0) == "internal_balancing"
    assert label("waltz", N=1, SEC_DFY=2.0, EXT_BAL=2.0) == "external_balancing"
    assert label("waltz", N=2, SEC_DFY=2.0, EXT_BAL=1.0, INT_BAL=1.0) == "balancing"
    assert label("waltz", N=1, SEC_DFY=1.0) == "balancing"
    assert label("waltz", N=2, SEC_DFY=1.0, INT_BAL=1.0, SEC_DEF=3.0, DEF=3.0) == "bandwagoning"
    fw = get_framework("waltz")
    row = {"N": 2, "SEC_DFY": 1.0, "INT_BAL": 1.0, "SEC_DEF": 3.0, "DEF": 3.0}
    assert fw.classify(row, security_defiance_wins=True).label == "internal_balancing"
    assert label("waltz", N=1, DIV=1.0) == "neutrality"
    # Only security behaviour counts: economic deference is no Waltzian bandwagoning.
    assert label("waltz", N=2, DEF=2.0, EP=2.0) == "neutrality"
    assert label("waltz", N=1, DEF=2.0, SEC_DEF=2.0) == "bandwagoning"


def test_walt() -> None:
    assert label("walt", N=1, SEC_DFY=2.0, DEF=1.0) == "balancing"
    assert label("walt", N=1, DIV_SEC_AIMED=2.0) == "balancing"
    assert label("walt", N=1, DEF=2.0) == "bandwagoning"
    # Walt's two motives: appeasement and sharing the spoils (Walt 1985).
    assert label("walt", N=1, DEF=2.0, DEF_GAIN=2.0) == "bandwagoning"
    fw = get_framework("walt")
    gain_only = {"N": 1, "DEF": 2.0, "DEF_GAIN": 2.0}
    assert fw.classify(gain_only, count_gain_deference=False).label == "neutrality"
    assert [r.rule_id for r in fw.classify(gain_only).rules] == ["share_spoils"]
    assert label("walt", N=1, SEC_DFY=1.0, DEF=2.0, DEF_GAIN=2.0) == "bandwagoning"
    assert label("walt", N=1, SEC_DFY=3.0, DEF=2.0, DEF_GAIN=2.0) == "balancing"
    assert label("walt", N=1, DIV=1.0) == "neutrality"


def test_schweller() -> None:
    assert label("schweller", N=1, DEF=2.0, DEF_GAIN=2.0) == "bandwagoning_for_profit"
    assert label("schweller", N=1, DEF=2.0, DEF_GAIN=2.0, DFY_BASE=1.0) == "bandwagoning"
    assert label("schweller", N=1, DEF=2.0, DEF_GAIN=0.5) == "bandwagoning"
    assert label("schweller", N=1, DFY_BASE=2.0) == "balancing"
    fw = get_framework("schweller")
    assert fw.classify({"N": 1, "DEF": 2.0, "DEF_GAIN": 0.5}, min_gain_share=0.2).label == (
        "bandwagoning_for_profit"
    )


def test_paul() -> None:
    assert label("paul", N=1, HARD=True, DFY_BASE=3.0) == "balancing"
    assert label("paul", N=1, DFY_BASE=1.0) == "soft_balancing"
    # Binding all powers into institutions is not Paul's soft balancing unless asked for.
    assert label("paul", N=1, RESTRAINT=2.0, DEF=2.0) == "bandwagoning"
    assert label("paul", N=1, RESTRAINT=2.0) == "neutrality"
    fw = get_framework("paul")
    assert fw.classify({"N": 1, "RESTRAINT": 2.0, "DEF": 2.0}, count_restraint=True).label == (
        "soft_balancing"
    )
    assert fw.classify({"N": 1, "RESTRAINT": 2.0, "DEF": 3.0}, count_restraint=True).label == (
        "bandwagoning"
    )


def test_samath() -> None:
    assert label("samath", N=2, DEF=1.0, ABS=1.0, SPLIT=True) == "limited_bandwagoning"
    assert label("samath", N=2, DEF=1.0, ABS=1.0, SPLIT=True, ALIGN=True) != "limited_bandwagoning"
    assert label("samath", N=2, BIND=2.0, RESTRAINT=2.0) == "hedging"
    assert label("samath", N=2, BIND=2.0, BIND_TARGETS=2) == "hedging"
    assert label("samath", N=2, BIND=2.0, BIND_TARGETS=1) == "neutrality"
    assert label("samath", N=2, DEF=2.0, DEF_GAIN=2.0) == "bandwagoning_for_profit"
    assert label("samath", N=2, DEF=2.0) == "bandwagoning"


@pytest.mark.parametrize("fw", sorted(FRAMEWORKS))
def test_rules_cite_sources_and_labels_valid(fw: str) -> None:
    framework = get_framework(fw)
    for rule in framework.rules:
        assert rule.label is None or rule.label in LABELS
        assert "(" in rule.text and ")" in rule.text
    assert set(framework.sources) <= keys()


def test_unknown_parameter_names_valid_ones() -> None:
    with pytest.raises(
        UnknownNameError, match="unknown parameter 'min_shar' of framework 'leng'; did you mean"
    ):
        get_framework("leng").classify({"N": 1}, min_shar=0.3)
    with pytest.raises(TypeError, match="must be True or False"):
        get_framework("leng").classify({"N": 1}, restraint_counts_as_defiance="yes")
    with pytest.raises(ValueError, match="must lie in"):
        get_framework("jackson").classify({"N": 1}, min_share=0.9)


def test_get_framework_suggests() -> None:
    with pytest.raises(KeyError, match="did you mean 'kuik'"):
        get_framework("kiuk")


def test_verdict_is_frozen_and_checks_label() -> None:
    v = Verdict(
        ("KHM", "CHN", "all", "all"), "x", "hedging", 0.1, (FiredRule("r", "t", ("b", "a")),)
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.label = "balancing"  # type: ignore[misc]
    assert v.evidence_ids == ("a", "b")
    with pytest.raises(ValueError, match="unknown label"):
        Verdict(("KHM", "CHN", "all", "all"), "x", "hedgehog", None, ())


def test_client() -> None:
    fw = get_framework("client")
    assert fw.classify({"N": 2, "DEF": 2.0, "SEC_DEF": 1.0, "DIV": 5.0}).label == "bandwagoning"
    assert [r.rule_id for r in fw.classify({"N": 2, "DEF": 3.0, "DIV": 1.0}).rules] == [
        "deference_not_offset"
    ]
    assert label("client", N=2, DEF=3.0, DIV=3.0) == "hedging"
    assert label("client", N=2, DEF=2.0, DFY_BASE=2.0) == "hedging"
    assert label("client", N=2, DEF=1.0, DFY_BASE=2.0) == "balancing"
    assert label("client", N=1, BIND=2.0) == "neutrality"
    assert set(fw.sources) <= set(keys())
