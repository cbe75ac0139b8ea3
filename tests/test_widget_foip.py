"""In-kernel tests of FoipComparer and FoipWeighting: set controls, assert on HTML and Image."""

from __future__ import annotations

import pytest

from smallstate.analysis.foip import DIMENSIONS
from smallstate.widgets.foip_comparer import FoipComparer
from smallstate.widgets.foip_weighting import FoipWeighting


def test_comparer_classes_and_defaults() -> None:
    comparer = FoipComparer(plot=False)
    assert "ss-foip-versions" in comparer.versions._dom_classes
    assert "ss-foip-dimensions" in comparer.dimensions._dom_classes
    assert "ss-foip-plot" in comparer.plot._dom_classes
    assert "ss-foip-table" in comparer.table._dom_classes
    assert comparer.table.value.count('class="ss-foip-row"') == 5
    assert "Samath 2020" in comparer.table.value


def test_comparer_follows_the_choice() -> None:
    comparer = FoipComparer(plot=False)
    comparer.versions.value = ("AOIP",)
    assert 'data-version="AOIP"' in comparer.table.value
    assert 'data-version="FOIP-US"' not in comparer.table.value
    comparer.dimensions.value = ()
    assert "Choose at least one" in comparer.table.value


def test_comparer_draws_a_png_that_changes() -> None:
    comparer = FoipComparer()
    first = comparer.plot.value
    assert comparer.figures.png.startswith(b"\x89PNG")
    comparer.versions.value = ("FOIP-US",)
    assert comparer.figures.png.startswith(b"\x89PNG") and comparer.plot.value != first


def test_weighting_classes() -> None:
    weighting = FoipWeighting()
    for d in DIMENSIONS:
        slider = weighting.sliders[d]
        assert "ss-foipw-" + d.replace("_", "-") in slider._dom_classes
        assert (slider.min, slider.max, slider.value) == (0, 5, 1)
    assert "ss-foipw-result" in weighting.result._dom_classes


def test_weighting_moves_with_the_sliders() -> None:
    weighting = FoipWeighting()
    assert 'data-winner="FOIP-JP"' in weighting.result.value
    for slider in weighting.sliders.values():
        slider.value = 0
    assert "zero" in weighting.result.value
    weighting.sliders["inclusiveness"].value = 2
    assert 'data-winner="FOIP-JP;FOIP-IN;AOIP"' in weighting.result.value
    assert "Tie" in weighting.result.value
    weighting.sliders["security_focus"].value = 5
    assert weighting.result_obj.winners == ("FOIP-US",)
    assert "security focus" in weighting.result.value


def test_weighting_rejects_unknown_dimension() -> None:
    with pytest.raises(KeyError):
        FoipWeighting({"military": 2})
