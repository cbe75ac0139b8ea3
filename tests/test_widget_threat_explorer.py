"""In-kernel tests of the ThreatExplorer widget: set controls, assert on the HTML and Image."""

from __future__ import annotations

import pytest

from smallstate.widgets.threat_explorer import ThreatExplorer, render

PARTS = ("power", "proximity", "offensive", "intentions")


def set_power(explorer: ThreatExplorer, key: str, values: tuple[int, int, int, int]) -> None:
    for part, value in zip(PARTS, values, strict=True):
        explorer.sliders[key][part].value = value


def label_cell(html: str, theory: str) -> str:
    """The data-label attribute of the prediction cell of one theory."""
    marker = f'class="ss-threat-label-{theory}" data-label="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


@pytest.fixture
def explorer() -> ThreatExplorer:
    return ThreatExplorer("Near", "Far", plot=False)


def test_controls_carry_the_contract_classes(explorer: ThreatExplorer) -> None:
    for key in ("a", "b"):
        for part in PARTS:
            slider = explorer.sliders[key][part]
            assert f"ss-threat-{key}-{part}" in slider._dom_classes
            assert (slider.min, slider.max) == (0, 10)
    assert "ss-threat-gains" in explorer.gains._dom_classes
    assert "ss-threat-ally" in explorer.ally._dom_classes
    assert "ss-threat-result" in explorer.result._dom_classes
    assert "ss-threat-plot" in explorer.plot._dom_classes


def test_no_output_widget_in_the_tree(explorer: ThreatExplorer) -> None:
    import ipywidgets as w

    def walk(widget: w.Widget) -> list[w.Widget]:
        children = getattr(widget, "children", ())
        return [widget, *[d for c in children for d in walk(c)]]

    assert not any(isinstance(x, w.Output) for x in walk(explorer.widget))
    assert explorer.result in walk(explorer.widget)
    assert explorer.plot in walk(explorer.widget)


def test_start_state_balances_against_the_near_power(explorer: ThreatExplorer) -> None:
    html = explorer.result.value
    assert label_cell(html, "walt") == "balancing"
    assert "balancing against Near" in html
    assert "Walt 1985" in html and "Schweller 1994" in html


def test_raising_the_far_power_s_threat_moves_the_target(explorer: ThreatExplorer) -> None:
    before = explorer.result.value
    set_power(explorer, "b", (9, 9, 9, 9))
    after = explorer.result.value
    assert after != before
    assert explorer.prediction.walt.toward == "Far"
    # Far is close and 2 points stronger: not overwhelming, so still balancing
    assert label_cell(after, "walt") == "balancing"
    assert "balancing against Far" in after


def test_removing_the_ally_makes_walt_predict_bandwagoning(explorer: ThreatExplorer) -> None:
    explorer.ally.value = False
    html = explorer.result.value
    assert label_cell(html, "walt") == "bandwagoning"
    assert "bandwagoning with Near" in html
    assert "No ally is available" in html


def test_high_gains_make_schweller_predict_profit(explorer: ThreatExplorer) -> None:
    assert label_cell(explorer.result.value, "schweller") == "balancing"
    explorer.gains.value = 9
    html = explorer.result.value
    assert label_cell(html, "schweller") == "bandwagoning_for_profit"
    assert "bandwagoning for profit with Far" in html
    # Walt ignores gains
    assert label_cell(html, "walt") == "balancing"


def test_calm_neighbourhood_gives_neutrality(explorer: ThreatExplorer) -> None:
    set_power(explorer, "a", (3, 3, 2, 1))
    set_power(explorer, "b", (4, 1, 3, 1))
    explorer.gains.value = 1
    html = explorer.result.value
    assert label_cell(html, "walt") == "neutrality"
    assert label_cell(html, "schweller") == "neutrality"


def test_plot_is_redrawn_as_png() -> None:
    explorer = ThreatExplorer()
    first = explorer.figures.png
    assert first.startswith(b"\x89PNG")
    explorer.sliders["a"]["proximity"].value = 1
    second = explorer.figures.png
    assert second.startswith(b"\x89PNG")
    assert second != first


def test_names_are_escaped_and_must_differ() -> None:
    explorer = ThreatExplorer("<A>", "B&", plot=False)
    assert "&lt;A&gt;" in explorer.result.value
    assert "<A>" not in explorer.result.value
    with pytest.raises(ValueError):
        ThreatExplorer("X", "X")


def test_render_matches_prediction(explorer: ThreatExplorer) -> None:
    assert render(explorer.prediction) == explorer.result.value


def test_display_delegates_to_the_root(explorer: ThreatExplorer) -> None:
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    model_id = bundle["application/vnd.jupyter.widget-view+json"]["model_id"]
    assert model_id == explorer.widget.model_id
