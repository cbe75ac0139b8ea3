"""In-kernel tests of the DisagreementExplorer widget on the seed evidence."""

from __future__ import annotations

import pytest

from smallstate.analysis.disagreement import Assumptions, flips, verdict
from smallstate.evidence import contested_acts
from smallstate.widgets.disagreement_explorer import DisagreementExplorer

CASE = ("KHM", "CHN", "all", "2013-2016")


@pytest.fixture()
def explorer(seed_evidence) -> DisagreementExplorer:
    return DisagreementExplorer(seed_evidence, case=CASE, framework="leng")


def test_classes_and_one_dropdown_per_contested_act(explorer, seed_evidence) -> None:
    for control, css in (
        (explorer.framework, "ss-disagree-framework"),
        (explorer.restraint, "ss-disagree-restraint"),
        (explorer.minshare, "ss-disagree-minshare"),
        (explorer.window, "ss-disagree-window"),
        (explorer.result, "ss-disagree-result"),
    ):
        assert css in control._dom_classes
    contested = contested_acts(seed_evidence, CASE)["act_id"].tolist()
    assert list(explorer.acts) == contested
    assert all("ss-disagree-act" in d._dom_classes for d in explorer.acts.values())


def test_initial_verdict_matches_the_library(explorer, seed_evidence) -> None:
    expected = verdict(
        seed_evidence, CASE, Assumptions("leng", explorer.params, explorer.window_years)
    )
    assert explorer.label == expected["label"]
    table = flips(seed_evidence, CASE, "leng", explorer.params, window=explorer.window_years)
    assert len(explorer.flips) == len(table)
    assert explorer.label.replace("_", " ") in explorer.result.value


def test_recoding_an_act_reclassifies(explorer, seed_evidence) -> None:
    act_id = next(iter(explorer.acts))
    explorer.acts[act_id].value = "defiance"
    assert explorer.codings == {act_id: "defiance"}
    expected = verdict(
        seed_evidence,
        CASE,
        Assumptions("leng", explorer.params, explorer.window_years, explorer.codings),
    )
    assert explorer.label == expected["label"]
    explorer.reset()
    assert explorer.codings == {}


def test_window_and_framework_controls(explorer, seed_evidence) -> None:
    _first, last = explorer.window.value
    explorer.window.value = (last, last)
    assert explorer.window_years == (last, last)
    expected = verdict(seed_evidence, CASE, Assumptions("leng", explorer.params, (last, last)))
    assert explorer.label == expected["label"]
    explorer.framework.value = "kuik"
    assert ">kuik<" in explorer.result.value
    expected = verdict(seed_evidence, CASE, Assumptions("kuik", explorer.params, (last, last)))
    assert explorer.label == expected["label"]


def test_parameters_passed_only_when_the_framework_has_them(explorer) -> None:
    from smallstate.frameworks import get_framework

    for fid in ("leng", "kuik", "samath"):
        explorer.framework.value = fid
        names = {p.name for p in get_framework(fid).parameters}
        assert set(explorer.params) <= names
        assert explorer.minshare.disabled == ("min_share" not in names)
        assert explorer.restraint.disabled == ("restraint_counts_as_defiance" not in names)


def test_unknown_case_or_framework_is_rejected(seed_evidence) -> None:
    with pytest.raises(ValueError, match="no acts"):
        DisagreementExplorer(seed_evidence, case=("KHM", "FRA"))
    with pytest.raises(ValueError, match="unknown framework"):
        DisagreementExplorer(seed_evidence, case=CASE, framework="nope")
