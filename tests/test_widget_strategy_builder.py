"""In-kernel tests of the StrategyBuilder widget: controls, classes, add/remove, verdicts."""

from __future__ import annotations

import pandas as pd
import pytest

from smallstate import classify
from smallstate.evidence import STARTING_ACTS, fictional_evidence
from smallstate.frameworks import FRAMEWORKS
from smallstate.widgets.render import render_verdicts
from smallstate.widgets.strategy_builder import StrategyBuilder


@pytest.fixture(scope="module")
def builder() -> StrategyBuilder:
    return StrategyBuilder(plot=False)


def test_every_part_has_its_css_class(builder: StrategyBuilder) -> None:
    expected = {
        builder.domain: "ss-strategy-domain",
        builder.stance: "ss-strategy-stance",
        builder.intensity: "ss-strategy-intensity",
        builder.aimed: "ss-strategy-aimed",
        builder.preview: "ss-strategy-preview",
        builder.add: "ss-strategy-add",
        builder.remove_act: "ss-strategy-remove-act",
        builder.remove: "ss-strategy-remove",
        builder.acts_view: "ss-strategy-acts",
        builder.result: "ss-strategy-verdicts",
        builder.plot: "ss-strategy-plot",
    }
    for control, css in expected.items():
        assert css in control._dom_classes


def test_fictional_evidence_is_valid_and_uses_no_real_country() -> None:
    ev = fictional_evidence([("security", "defiance", 3, "yes"), ("diplomatic", "binding", 1)])
    assert set(ev["actor"]) == {"XRU"} and set(ev["target"]) == {"XGP"}
    assert ev["counterpart"].tolist() == ["XGP", "UN"]
    assert ev["act_id"].tolist() == ["R01", "R02"]
    with pytest.raises(ValueError, match="unknown stance"):
        fictional_evidence([("security", "neutral", 1)])


def test_starting_verdicts_cover_every_framework(builder: StrategyBuilder) -> None:
    assert len(builder.evidence) == len(STARTING_ACTS)
    assert sorted(builder.verdicts["framework"]) == sorted(FRAMEWORKS)
    for fid in FRAMEWORKS:
        assert f">{fid}<" in builder.result.value


def test_stance_choice_updates_the_preview_only(builder: StrategyBuilder) -> None:
    before = builder.result.value
    builder.stance.value = "binding"
    assert "draws the Great Power into shared institutions" in builder.preview.value
    assert builder.result.value == before
    builder.stance.value = "deference"


def test_add_and_remove_change_the_verdicts_like_classify() -> None:
    b = StrategyBuilder(plot=False)
    b.domain.value = "security"
    b.stance.value = "defiance"
    b.intensity.value = 2
    b.aimed.value = "yes"
    b.add.click()
    assert b.evidence["act_id"].tolist() == ["R01", "R02", "R03"]
    assert "R03" in b.acts_view.value and "R03" in b.result.value
    expected = classify(b.evidence, framework="jackson")["label"].iloc[0]
    got = b.verdicts.set_index("framework").loc["jackson", "label"]
    assert got == expected
    assert b.remove_act.options == ("R01", "R02", "R03")
    b.remove_act.value = "R03"
    b.remove.click()
    assert len(b.evidence) == 2 and "R03" not in b.result.value


def test_removing_every_act_gives_insufficient_evidence() -> None:
    b = StrategyBuilder([("economic", "deference", 1)], plot=False)
    b.remove.click()
    assert b.acts == []
    assert set(b.verdicts["label"]) == {"insufficient_evidence"}
    assert "no acts yet" in b.acts_view.value.lower()
    with pytest.raises(KeyError):
        b.remove_act_id("R01")


def test_plot_is_a_png_of_kuiks_position() -> None:
    b = StrategyBuilder(frameworks=["kuik", "leng"])
    assert b.figures.png[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(b.verdicts["framework"]) == ["kuik", "leng"]


def test_render_verdicts_escapes_and_lists_ids() -> None:
    v = pd.DataFrame(
        {
            "framework": ["kuik"],
            "label": ["hedging"],
            "position": [0.1],
            "rationale": ["a < b"],
            "evidence_ids": [("R01",)],
        }
    )
    text = render_verdicts(v)
    assert "a &lt; b" in text and "+0.10" in text and "R01" in text
