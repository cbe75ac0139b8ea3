"""Lesson 08's computations (smallstate.analysis.region), figure and widget."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from smallstate.analysis import region
from smallstate.analysis.disagreement import flips
from smallstate.evidence import case_acts, filed_acts
from smallstate.verdicts import classify


def test_matrix_has_one_cell_per_state_power_period_and_framework() -> None:
    m = region.verdict_matrix()
    keys = ["actor", "target", "period", "framework"]
    assert not m.duplicated(keys).any()
    ev = region.region_evidence()
    cases = ev[["actor", "target", "period"]].drop_duplicates()
    assert len(m) == len(cases) * len(region.REGION_FRAMEWORKS)
    assert {"KHM", "LAO", "PHL", "VNM"} <= set(m["actor"])


def test_every_label_names_its_reasons_and_acts() -> None:
    m = region.verdict_matrix()
    informative = m[m["label"] != "insufficient_evidence"]
    assert informative["rationale"].str.len().gt(0).all()
    ev = region.region_evidence()
    known = set(ev["act_id"])
    for ids in informative["evidence_ids"]:
        assert set(ids) <= known


def test_matrix_cell_equals_classifying_the_case_alone() -> None:
    """The matrix classifies all cases at once; one case alone gives the same label."""
    ev = region.region_evidence()
    m = region.verdict_matrix()
    for actor, target, period in [("PHL", "CHN", "2022-2025"), ("LAO", "USA", "2016-2020")]:
        acts = case_acts(ev, (actor, target, "all", period))
        for framework in ("kuik", "leng", "walt"):
            alone = classify(acts, framework, pool=()).iloc[0]
            cell = m[(m.actor == actor) & (m.target == target) & (m.period == period)
                     & (m.framework == framework)].iloc[0]  # fmt: skip
            assert cell["label"] == alone["label"]


def test_cambodia_keeps_its_curated_acts_and_drops_the_votes() -> None:
    ev = region.region_evidence()
    khm = ev[ev["actor"] == "KHM"]
    assert not khm["act_id"].str.startswith("U-").any()
    assert set(khm["period"]) == set(region.CAMBODIA_PERIODS)
    assert len(region.region_evidence(include_cambodia=False)) < len(ev)


def test_period_of_puts_boundary_years_in_the_first_period() -> None:
    out = region.period_of([2016, 2022, 2023, 2026], region.CAMBODIA_PERIODS).tolist()
    assert out == ["2016-2022", "2016-2022", "2023-2025", ""]


def test_spectrum_positions_are_kuik_positions() -> None:
    p = region.spectrum_positions("CHN")
    m = region.verdict_matrix()
    kuik = m[(m.framework == "kuik") & (m.target == "CHN")]
    assert len(p) == len(kuik)
    merged = p.merge(kuik, on=["actor", "period"], suffixes=("", "_m"))
    assert (merged["position"] - merged["position_m"]).abs().max() < 1e-12


def test_philippines_moves_towards_rejection_after_2022() -> None:
    """The lesson's claim: the 2022 turn moves the Philippines towards power rejection."""
    p = region.spectrum_positions("CHN").set_index(["actor", "period"])["position"]
    assert p[("PHL", "2022-2025")] < p[("PHL", "2016-2022")] < p[("PHL", "2010-2016")]


def test_disagreement_counts_distinct_labels() -> None:
    d = region.disagreement()
    m = region.verdict_matrix()
    row = d.iloc[0]
    cell = m[(m.actor == row["actor"]) & (m.target == row["target"]) & (m.period == row["period"])]
    informative = cell[cell["label"] != "insufficient_evidence"]
    assert row["n_labels"] == informative["label"].nunique()
    assert d["n_labels"].is_monotonic_decreasing


def test_flips_by_case_stacks_flips_for_every_case() -> None:
    from smallstate.analysis.disagreement import ROBUST, flips_by_case

    ev = region.region_evidence()
    cases = region.region_cases("CHN")
    assert ("VNM", "CHN", "all", "2011-2015") in cases
    table = flips_by_case(ev, cases[:3], "walt")
    for case in cases[:3]:
        block = table[(table.actor == case[0]) & (table.period == case[3])]
        direct = flips(ev, case, "walt")
        assert block["base_label"].iloc[0] == direct.attrs["base_label"]
        if direct.empty:
            assert block["assumption"].tolist() == [ROBUST]
        else:
            assert block["assumption"].tolist() == direct["assumption"].tolist()
            assert (block["label"] != block["base_label"]).all()


def test_unga_measures_cover_every_asean_member() -> None:
    u = region.unga_measures()
    assert set(u["actor"]) == {"BRN", "IDN", "KHM", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "VNM"}
    assert set(u["partner"]) == {"CHN", "USA"}
    assert u[["agreement", "s_score", "kappa"]].notna().all().all()
    assert (u["s_score"] <= u["agreement"] + 1e-9).all()  # S counts a yes-no split double
    one = u[(u.actor == "VNM") & (u.partner == "CHN") & (u.years == "2016-2020")].iloc[0]
    from smallstate.data import load

    raw = load("unga_agreement")
    raw = raw[(raw.country == "Vietnam") & (raw.partner == "China") & raw.year.between(2016, 2020)]
    assert math.isclose(one["agreement"], round(raw["agreement"].mean(), 3))


def test_region_figure_has_title_alt_and_every_state() -> None:
    from smallstate.plots.region import plot_region_spectrum

    positions = region.spectrum_positions("USA")
    fig = plot_region_spectrum(positions, target="USA")
    try:
        assert "United States" in fig.title
        for state in set(positions["state"]):
            assert f"{state}:" in fig.alt
        assert fig.png(dpi=40)[:4] == b"\x89PNG"
    finally:
        fig.close()


def test_widget_drives_every_control() -> None:
    from smallstate.widgets import VerdictMatrix

    vm = VerdictMatrix(show_flips=False)
    before = vm.result.value
    vm.framework.value = "leng"
    assert "under leng" in vm.result.value and vm.result.value != before
    vm.state.value = "LAO"
    assert vm.period.value in vm.periods("LAO")
    assert "Laos, " in vm.result.value
    table = vm.table.value
    vm.target.value = "USA"
    assert "towards United States" in vm.result.value and vm.table.value != table
    vm.period.value = vm.periods("LAO")[-1]
    assert vm.current["period"] == vm.periods("LAO")[-1]
    for ids in [vm.current["evidence_ids"]]:
        assert all(str(i).startswith("R-LAO-") for i in ids)


def test_widget_shows_flips_and_rejects_unknown_names() -> None:
    from smallstate.errors import UnknownNameError
    from smallstate.widgets import VerdictMatrix

    vm = VerdictMatrix(state="PHL", period="2022-2025", framework="kuik")
    assert "ss-matrix-flips" in vm.result.value
    with pytest.raises(UnknownNameError):
        VerdictMatrix(state="KHMX")
    with pytest.raises(UnknownNameError):
        VerdictMatrix(target="JPN")


def test_the_table_counts_in_the_lesson_match_the_data() -> None:
    filed = filed_acts(region.region_evidence(include_cambodia=False))
    counts = filed.groupby("actor").size()
    assert counts.get("PHL", 0) >= 15 and counts.get("VNM", 0) >= 15 and counts.get("LAO", 0) >= 15


def test_the_matrix_hands_flips_the_same_acts_as_case_acts() -> None:
    """The widget looks a case's acts up; flips over them equal flips over the whole table."""
    from smallstate.analysis.disagreement import flips
    from smallstate.analysis.region import region_evidence
    from smallstate.evidence.selection import case_acts
    from smallstate.widgets.verdict_matrix import VerdictMatrix, render_matrix

    vm = VerdictMatrix(state="PHL", show_flips=False)
    evidence = region_evidence()
    for state in ("PHL", "VNM", "KHM"):
        for period in vm.periods(state):
            case = (state, "CHN", "all", period)
            mine = vm._case_acts(state, "CHN", period)
            pd.testing.assert_frame_equal(mine, case_acts(evidence, case))
            assert flips(mine, case, "leng").equals(flips(evidence, case, "leng"))
    vm.state.value = "VNM"
    assert vm.table.value == render_matrix(vm.matrix, "CHN", ("VNM", str(vm.period.value)))
