"""Widget figures: cached per selection (a revisit draws nothing), and every image has alt text
that follows the figure. No timings here: benchmarks/bench_widgets.py prints them."""

from __future__ import annotations

import html
import re
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


def _images(widget: Any) -> list[str]:
    """The ``<img>`` tags of every HTML part of the widget (figures are shown that way)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, ipywidgets.Image):
            found.append("<img> without alt (ipywidgets.Image)")
        if isinstance(node, ipywidgets.HTML):
            found.extend(re.findall(r"<img\b[^>]*>", node.value))
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
        assert 'src="data:image/png;base64,' in image, image
        alt = re.search(r'alt="([^"]*)"', image)
        assert alt and len(alt[1]) > 20, f"the image has alt text: {image[:80]}"


def test_timeline_alt_text_follows_the_window_and_revisits_draw_nothing() -> None:
    ex = TimelineExplorer(relation_acts(), frameworks=["leng"])
    whole = ex.figures.alt
    drawn = ex.figures.misses
    ex.window.value = (2013, 2016)
    narrow = ex.figures.alt
    assert narrow != whole and f"{len(ex.selected)} act" in narrow
    assert f'alt="{html.escape(narrow)}"' in ex.plot.value
    assert ex.figures.misses == drawn + 1
    png = ex.plot.value
    ex.window.value = (ex.window.min, ex.window.max)
    assert ex.figures.alt == whole and f'alt="{html.escape(whole)}"' in ex.plot.value
    ex.window.value = (2013, 2016)
    assert ex.figures.misses == drawn + 1  # both selections came from the cache
    assert ex.plot.value == png and ex.figures.alt == narrow
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
