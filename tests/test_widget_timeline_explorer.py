"""In-kernel tests of the TimelineExplorer widget: set control values, read the results."""

from __future__ import annotations

import pandas as pd
import pytest

from smallstate.analysis.timeline import filter_acts, window_verdicts
from smallstate.widgets.timeline_explorer import (
    NO_ACTS,
    TimelineExplorer,
    render_acts,
    render_window_verdicts,
)

FRAMEWORKS = ["leng", "kuik", "samath"]


@pytest.fixture()
def explorer(khm_chn_acts) -> TimelineExplorer:
    return TimelineExplorer(khm_chn_acts, frameworks=FRAMEWORKS)


def test_controls_and_results_carry_their_classes(explorer) -> None:
    for part in ("window", "domain", "counterpart", "stance", "table", "plot", "verdicts"):
        element = explorer.verdicts_html if part == "verdicts" else getattr(explorer, part)
        assert f"ss-timeline-{part}" in element._dom_classes
    assert "ss-timeline" in explorer.widget._dom_classes


def test_no_output_widget_anywhere(explorer) -> None:
    import ipywidgets as w

    def walk(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from walk(child)

    assert not any(isinstance(x, w.Output) for x in walk(explorer.widget))


def test_initial_state_shows_every_act(explorer, khm_chn_acts) -> None:
    first, last = explorer.window.min, explorer.window.max
    assert explorer.window_years == (first, last)
    assert len(explorer.selected) == len(khm_chn_acts)
    assert f"<p>{len(khm_chn_acts)} acts</p>" in explorer.table.value
    assert explorer.figures.png.startswith(b"\x89PNG")
    expected = window_verdicts(khm_chn_acts, FRAMEWORKS)
    pd.testing.assert_frame_equal(explorer.verdicts, expected)


def test_options_list_only_values_present(explorer, khm_chn_acts) -> None:
    assert explorer.domain.options[0] == "all"
    assert set(explorer.domain.options[1:]) == set(khm_chn_acts["domain"].astype(str))
    assert set(explorer.stance.options[1:]) == set(khm_chn_acts["stance"].astype(str))
    assert set(explorer.counterpart.options[1:]) == set(khm_chn_acts["counterpart"].astype(str))


def test_stance_filter_updates_table_plot_and_verdicts(explorer, khm_chn_acts) -> None:
    before_plot = explorer.figures.png
    explorer.stance.value = "deference"
    expected = filter_acts(khm_chn_acts, stances="deference")
    assert explorer.selected["act_id"].tolist() == expected["act_id"].tolist()
    assert set(explorer.selected["stance"].astype(str)) == {"deference"}
    for act_id in expected["act_id"]:
        assert f">{act_id}<" in explorer.table.value
    assert explorer.figures.png != before_plot
    assert (
        explorer.verdicts["label"].tolist()
        == window_verdicts(expected, FRAMEWORKS)["label"].tolist()
    )


def test_window_filter_matches_the_library(explorer, khm_chn_acts) -> None:
    explorer.window.value = (2013, 2016)
    expected = filter_acts(khm_chn_acts, window=(2013, 2016))
    assert explorer.selected["act_id"].tolist() == expected["act_id"].tolist()
    leng = explorer.verdicts.set_index("framework").loc["leng", "label"]
    assert leng == "soft_bandwagoning"
    assert "soft bandwagoning" in explorer.verdicts_html.value
    assert "2013 to 2016" in explorer.verdicts_html.value


def test_combined_filters(explorer, khm_chn_acts) -> None:
    explorer.domain.value = "diplomatic"
    explorer.counterpart.value = "CHN"
    expected = filter_acts(khm_chn_acts, domains="diplomatic", counterparts="CHN")
    assert explorer.selected["act_id"].tolist() == expected["act_id"].tolist()
    assert len(expected) > 0


def test_empty_selection_is_handled(explorer) -> None:
    explorer.window.value = (explorer.window.min + 1, explorer.window.min + 1)
    assert explorer.selected.empty
    assert NO_ACTS in explorer.table.value
    assert "no acts in this window" in explorer.verdicts_html.value
    assert set(explorer.verdicts["label"]) == {"insufficient_evidence"}
    assert explorer.figures.png.startswith(b"\x89PNG")


def test_citations_in_table(explorer) -> None:
    explorer.window.value = (2016, 2016)
    assert "Leng 2016, para. 6" in explorer.table.value


def test_refuses_several_pairs(khm_chn_acts) -> None:
    mixed = pd.concat(
        [khm_chn_acts, khm_chn_acts.assign(target="JPN", act_id=khm_chn_acts["act_id"] + "j")]
    )
    with pytest.raises(ValueError, match="exactly one actor-target pair"):
        TimelineExplorer(mixed)


def test_renderers_escape_html() -> None:
    table = pd.DataFrame(
        {
            "act_id": ["x"],
            "date": ["2020"],
            "domain": ["economic"],
            "counterpart": ["BRI"],
            "stance": ["deference"],
            "description": ["<script>"],
            "citation": ["Samath 2020"],
        }
    )
    assert "&lt;script&gt;" in render_acts(table)
    verdicts = pd.DataFrame(
        {"framework": ["kuik"], "label": ["hedging"], "position": [0.25], "acts": [1]}
    )
    text = render_window_verdicts(verdicts, (2013, 2016))
    assert "+0.25" in text and "1 act shown" in text


def test_registered_in_the_widget_registry() -> None:
    import smallstate.widgets as widgets

    assert widgets.TimelineExplorer is TimelineExplorer
