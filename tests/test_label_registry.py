"""The label registry: every verdict label has one readable name and one colour, used by the
figures instead of the raw id."""

from __future__ import annotations

import pandas as pd

from smallstate.frameworks import FRAMEWORKS
from smallstate.plots import LABEL_COLORS, LABEL_NAMES, label_name
from smallstate.plots.spectrum import plot_spectrum


def _framework_labels() -> set[str]:
    return {r.label for f in FRAMEWORKS.values() for r in f.rules if r.label}


def test_every_framework_label_has_a_name_and_a_colour() -> None:
    labels = _framework_labels()
    assert labels, "no framework labels found"
    assert labels <= set(LABEL_NAMES), labels - set(LABEL_NAMES)
    assert labels <= set(LABEL_COLORS), labels - set(LABEL_COLORS)
    assert set(LABEL_NAMES) == set(LABEL_COLORS)


def test_names_are_readable_and_distinct() -> None:
    names = list(LABEL_NAMES.values())
    assert len(set(names)) == len(names)
    assert all("_" not in name and name == name.strip() for name in names)
    assert label_name("hedging") == "hedging"
    assert label_name("unknown_label") == "unknown label"


def test_labels_a_lesson_shows_side_by_side_have_distinct_colours() -> None:
    # The verdicts lessons 02-06 put in one figure or legend: one colour per meaning. The
    # balancing family (internal, external) shares balancing's colour on purpose.
    side_by_side = [
        "bandwagoning",
        "bandwagoning_for_profit",
        "limited_bandwagoning",
        "soft_bandwagoning",
        "hedging",
        "neutrality",
        "balancing",
        "insufficient_evidence",
    ]
    colours = [LABEL_COLORS[label] for label in side_by_side]
    assert len(set(colours)) == len(colours)
    assert LABEL_COLORS["internal_balancing"] == LABEL_COLORS["balancing"]
    assert LABEL_COLORS["external_balancing"] == LABEL_COLORS["balancing"]


def test_spectrum_legend_and_alt_text_use_readable_names() -> None:
    verdicts = pd.DataFrame(
        {"label": ["soft_bandwagoning", "limited_bandwagoning"], "position": [0.2, 0.6]}
    )
    fig = plot_spectrum(verdicts, names=["A", "B"])
    try:
        legend = fig.figure.axes[0].get_legend()
        texts = [t.get_text() for t in legend.get_texts()]
        assert texts == ["soft bandwagoning", "limited bandwagoning"]
        assert "soft_bandwagoning" not in fig.alt and "soft bandwagoning" in fig.alt
        from matplotlib.colors import to_hex

        colours = [to_hex(h.get_markerfacecolor()) for h in legend.legend_handles]
        expected = [LABEL_COLORS["soft_bandwagoning"], LABEL_COLORS["limited_bandwagoning"]]
        assert [c.lower() for c in colours] == [c.lower() for c in expected]
    finally:
        fig.close()
