"""Widget figures: cached per selection (a revisit draws nothing), and every image has alt text
that follows the figure. No timings here: benchmarks/bench_widgets.py prints them."""

from __future__ import annotations

from typing import Any

import ipywidgets
import pytest

from smallstate.analysis.timeline import relation_acts
from smallstate.widgets import (
    DisagreementExplorer,
    FoipComparer,
    MechanismsExplorer,
    StrategyBuilder,
    ThreatExplorer,
    TimelineExplorer,
)


def _images(widget: Any) -> list[ipywidgets.Image]:
    found: list[ipywidgets.Image] = []

    def walk(node: Any) -> None:
        if isinstance(node, ipywidgets.Image):
            found.append(node)
        for child in getattr(node, "children", ()):
            walk(child)

    walk(widget.widget)
    return found


@pytest.mark.parametrize(
    "build",
    [
        lambda: TimelineExplorer(relation_acts(), frameworks=["leng"]),
        FoipComparer,
        MechanismsExplorer,
        ThreatExplorer,
        StrategyBuilder,
    ],
    ids=["timeline", "foip", "mechanisms", "threat", "strategy"],
)
def test_every_widget_image_has_alt_text(build: Any) -> None:
    widget = build()
    images = _images(widget)
    assert images, "the widget shows a figure"
    for image in images:
        assert image.value, "the image is drawn"
        assert len(image.tooltip or "") > 20, "the image has alt text (its title attribute)"


def test_timeline_alt_text_follows_the_window_and_revisits_draw_nothing() -> None:
    ex = TimelineExplorer(relation_acts(), frameworks=["leng"])
    whole = ex.plot.tooltip
    drawn = ex._figures.misses
    ex.window.value = (2013, 2016)
    narrow = ex.plot.tooltip
    assert narrow != whole and f"{len(ex.selected)} act" in narrow
    assert ex._figures.misses == drawn + 1
    png = ex.plot.value
    ex.window.value = (ex.window.min, ex.window.max)
    assert ex.plot.tooltip == whole
    ex.window.value = (2013, 2016)
    assert ex._figures.misses == drawn + 1  # both selections came from the cache
    assert ex.plot.value == png and ex.plot.tooltip == narrow
    assert ex.verdicts.loc[0, "label"] == "soft_bandwagoning"


def test_disagreement_revisit_reuses_the_verdict_and_flips() -> None:
    ex = DisagreementExplorer(framework="leng")
    first_label, first_flips = ex.label, ex.flips
    act = next(iter(ex.acts))
    original = ex.acts[act].value
    ex.acts[act].value = "defiance" if original != "defiance" else "deference"
    misses = ex._flips.misses
    ex.acts[act].value = original
    assert ex._flips.misses == misses  # back to a set of assumptions already computed
    assert ex.label == first_label and ex.flips is first_flips


def test_min_share_slider_spans_only_what_the_framework_accepts() -> None:
    from smallstate.frameworks import get_framework

    ex = DisagreementExplorer(framework="jackson")
    parameter = next(p for p in get_framework("jackson").parameters if p.name == "min_share")
    assert (ex.minshare.min, ex.minshare.max) == (parameter.minimum, parameter.maximum)
    ex.minshare.value = ex.minshare.max  # the far end of the slider gives a verdict
    assert ex.params["min_share"] == parameter.maximum and ex.label
