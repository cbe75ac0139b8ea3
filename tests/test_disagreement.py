"""Tests for smallstate.disagreement: windows, re-codings and the single changes that flip a label.

Most tests use a tiny stand-in classifier with known behaviour, so the expected flips can be
worked out by hand; the last ones run the real frameworks on the seed evidence.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from smallstate.analysis.disagreement import Assumptions, flips, parameter_alternatives, verdict
from smallstate.evidence import (
    STANCES,
    act_years,
    apply_codings,
    case_acts,
    contested_acts,
    filter_window,
    normalise_case,
)

CASE = ("XRU", "XGP", "all", "all")


def toy_classifier(ev: pd.DataFrame, framework: str = "toy", **params: object) -> pd.DataFrame:
    """Label per case: 'hedging' if the share of defiance among deference+defiance acts is at
    least ``min_share`` (default 0.3) and some deference exists; 'bandwagoning' if there is
    deference only; 'balancing' otherwise. Restraint (abstention) counts as defiance when
    ``restraint_counts_as_defiance`` is true."""
    min_share = float(params.get("min_share", 0.3))
    restraint = bool(params.get("restraint_counts_as_defiance", False))
    frame = ev.assign(
        scope=ev.get("scope", pd.Series("", index=ev.index)).fillna("").replace("", "all"),
        period=ev.get("period", pd.Series("", index=ev.index)).fillna("").replace("", "all"),
    )
    defiant = frame["stance"].eq("defiance") | (restraint & frame["stance"].eq("abstention"))
    deferent = frame["stance"].eq("deference")
    keys = ["actor", "target", "scope", "period"]
    g = frame.assign(d=defiant, f=deferent).groupby(keys, as_index=False)[["d", "f"]].sum()
    share = g["d"] / (g["d"] + g["f"]).where(lambda s: s > 0)
    label = pd.Series("balancing", index=g.index)
    label = label.mask(g["f"].gt(0) & g["d"].eq(0), "bandwagoning")
    label = label.mask(g["f"].gt(0) & share.ge(min_share - 1e-9) & g["d"].gt(0), "hedging")
    label = label.mask(g["f"].gt(0) & share.lt(min_share - 1e-9) & g["d"].gt(0), "bandwagoning")
    return g[keys].assign(
        framework=framework,
        label=label,
        position=(g["f"] - g["d"]) / (g["f"] + g["d"]).clip(lower=1),
        rationale="toy",
        evidence_ids="",
    )


PARAMS = [
    SimpleNamespace(name="restraint_counts_as_defiance", default=False),
    SimpleNamespace(name="min_share", default=0.3, minimum=0.0, maximum=1.0, step=0.1),
]


def acts(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """rows: (act_id, date, stance, contested)"""
    return pd.DataFrame(
        {
            "act_id": [r[0] for r in rows],
            "actor": "XRU",
            "target": "XGP",
            "scope": "",
            "period": "",
            "date": [r[1] for r in rows],
            "stance": [r[2] for r in rows],
            "contested": [r[3] for r in rows],
        }
    )


def run_flips(ev: pd.DataFrame, **kwargs: object) -> pd.DataFrame:
    return flips(ev, CASE, "toy", classifier=toy_classifier, parameters=PARAMS, **kwargs)


# -- helpers ------------------------------------------------------------------------------------


def test_normalise_case_fills_all_and_rejects_empty_actor() -> None:
    assert normalise_case(["KHM", "CHN", "", None]) == ("KHM", "CHN", "all", "all")
    with pytest.raises(ValueError, match="actor and a target"):
        normalise_case(("", "CHN"))
    with pytest.raises(ValueError, match="at most 4"):
        normalise_case(("A", "B", "C", "D", "E"))


def test_act_years_rejects_dates_without_year() -> None:
    with pytest.raises(ValueError, match="rows \\[1\\]"):
        act_years(pd.DataFrame({"date": ["2014", "soon"]}))


def test_filter_window_is_inclusive_and_checks_order() -> None:
    ev = acts(("a", "2013", "deference", "no"), ("b", "2016-05", "defiance", "no"))
    assert filter_window(ev, (2013, 2015))["act_id"].tolist() == ["a"]
    assert filter_window(ev, (2016, 2016))["act_id"].tolist() == ["b"]
    with pytest.raises(ValueError, match="after last year"):
        filter_window(ev, (2016, 2013))


def test_apply_codings_copies_and_validates() -> None:
    ev = acts(("a", "2013", "deference", "yes"))
    ev["stance"] = pd.Categorical(ev["stance"], categories=list(STANCES))
    out = apply_codings(ev, {"a": "defiance"})
    assert out["stance"].tolist() == ["defiance"]
    assert isinstance(out["stance"].dtype, pd.CategoricalDtype)
    assert ev["stance"].tolist() == ["deference"]  # the input is untouched
    with pytest.raises(KeyError, match="zz"):
        apply_codings(ev, {"zz": "defiance"})
    with pytest.raises(ValueError, match="unknown stance"):
        apply_codings(ev, {"a": "maybe"})


def test_case_acts_treats_empty_scope_as_all() -> None:
    ev = acts(("a", "2013", "deference", "no"), ("b", "2014", "defiance", "yes"))
    ev.loc[1, "scope"] = "BRI"
    assert case_acts(ev, CASE)["act_id"].tolist() == ["a"]
    assert case_acts(ev, ("XRU", "XGP", "BRI"))["act_id"].tolist() == ["b"]
    assert contested_acts(ev, ("XRU", "XGP", "BRI"))["act_id"].tolist() == ["b"]
    assert contested_acts(ev.drop(columns="contested"), CASE).empty


def test_parameter_alternatives_nearest_first_within_range() -> None:
    assert parameter_alternatives(PARAMS[0], True) == [False]
    assert parameter_alternatives(PARAMS[1], 0.3) == [
        0.2,
        0.4,
        0.1,
        0.5,
        0.0,
        0.6,
        0.7,
        0.8,
        0.9,
        1.0,
    ]
    assert parameter_alternatives(SimpleNamespace(name="n", default=2), 2)[:2] == [1, 3]
    assert parameter_alternatives(SimpleNamespace(name="t", default="x"), "x") == []


# -- verdict ------------------------------------------------------------------------------------


def test_verdict_applies_window_and_codings() -> None:
    ev = acts(("a", "2013", "deference", "no"), ("b", "2016", "defiance", "yes"))
    assert verdict(ev, CASE, Assumptions("toy"), classifier=toy_classifier)["label"] == "hedging"
    only_2013 = Assumptions("toy", window=(2013, 2013))
    assert verdict(ev, CASE, only_2013, classifier=toy_classifier)["label"] == "bandwagoning"
    recoded = Assumptions("toy", codings={"b": "deference"})
    assert verdict(ev, CASE, recoded, classifier=toy_classifier)["label"] == "bandwagoning"


def test_verdict_without_acts_is_insufficient_evidence() -> None:
    ev = acts(("a", "2013", "deference", "no"))
    out = verdict(ev, CASE, Assumptions("toy", window=(2000, 2001)), classifier=toy_classifier)
    assert out["label"] == "insufficient_evidence"


# -- flips --------------------------------------------------------------------------------------


def test_flips_parameter_toggle() -> None:
    # one deference, one abstention: bandwagoning; counting restraint as defiance -> hedging
    ev = acts(("a", "2013", "deference", "no"), ("b", "2014", "abstention", "no"))
    out = run_flips(ev)
    assert out.attrs["base_label"] == "bandwagoning"
    toggles = out[out["key"].eq("restraint_counts_as_defiance")]
    assert toggles[["from", "to", "label"]].values.tolist() == [["no", "yes", "hedging"]]


def test_flips_threshold_reports_nearest_flipping_value_only() -> None:
    # 1 defiance of 4 acts: share 0.25 < 0.3 -> bandwagoning; min_share 0.2 gives hedging
    ev = acts(
        ("a", "2013", "deference", "no"),
        ("b", "2013", "deference", "no"),
        ("c", "2013", "deference", "no"),
        ("d", "2013", "defiance", "no"),
    )
    out = run_flips(ev)
    share = out[out["key"].eq("min_share")]
    assert share[["from", "to", "label"]].values.tolist() == [["0.3", "0.2", "hedging"]]
    every = run_flips(ev, include_all=True)
    tried = every[every["key"].eq("min_share")]
    assert len(tried) == 10 and tried["flips"].sum() == 3  # 0.2, 0.1, 0.0


def test_flips_contested_codings_known_answers() -> None:
    ev = acts(("a", "2013", "deference", "no"), ("b", "2014", "defiance", "yes"))
    out = run_flips(ev)
    codings = out[out["kind"].eq("coding")]
    assert codings[["key", "from", "to", "label"]].values.tolist() == [
        ["b", "defiance", "deference", "bandwagoning"],
        ["b", "defiance", "diversification", "bandwagoning"],
        ["b", "defiance", "binding", "bandwagoning"],
        ["b", "defiance", "abstention", "bandwagoning"],
    ]
    # the uncontested act 'a' is never recoded
    assert not out["key"].eq("a").any()


def test_flips_window_both_ends() -> None:
    ev = acts(
        ("a", "2010", "deference", "no"),
        ("b", "2013", "defiance", "no"),
        ("c", "2016", "deference", "no"),
    )
    out = run_flips(ev, include_all=True)
    window = out[out["kind"].eq("window")]
    assert window[["from", "to", "label", "flips"]].values.tolist() == [
        ["2010-2016", "2013-2016", "hedging", False],
        ["2010-2016", "2010-2013", "hedging", False],
    ]
    narrowed = run_flips(ev, window=(2013, 2013), include_all=True)
    w2 = narrowed[narrowed["kind"].eq("window")]
    assert w2[["to", "label"]].values.tolist() == [
        ["2010-2013", "hedging"],
        ["2013-2016", "hedging"],
    ]
    assert narrowed.attrs["base_label"] == "balancing"


def test_flips_respects_codings_in_force() -> None:
    ev = acts(("a", "2013", "deference", "no"), ("b", "2014", "defiance", "yes"))
    out = run_flips(ev, codings={"b": "deference"}, include_all=True)
    assert out.attrs["base_label"] == "bandwagoning"
    back = out[out["key"].eq("b") & out["to"].eq("defiance")]
    assert back["label"].tolist() == ["hedging"]
    assert set(out.loc[out["key"].eq("b"), "from"]) == {"deference"}


def test_flips_columns_and_empty_result() -> None:
    ev = acts(("a", "2013", "deference", "no"))
    out = flips(ev, CASE, "toy", classifier=toy_classifier, parameters=[])
    assert list(out.columns) == [
        "assumption",
        "kind",
        "key",
        "from",
        "to",
        "label",
        "position",
        "flips",
    ]
    assert out.empty and out.attrs["base_label"] == "bandwagoning"


@pytest.mark.parametrize("framework", ["leng", "kuik", "samath"])
def test_flips_classified_together_equal_one_by_one(
    framework: str, seed_evidence: pd.DataFrame
) -> None:
    """The batched default path gives the same table as classifying each variant alone."""
    from smallstate import classify

    seeds = seed_evidence
    case = ("KHM", "CHN", "all", "2013-2016")
    together = flips(seeds, case, framework, include_all=True)
    alone = flips(seeds, case, framework, include_all=True, classifier=classify)
    columns = ["assumption", "kind", "key", "from", "to", "label", "flips"]
    assert len(together) > 5
    pd.testing.assert_frame_equal(together[columns], alone[columns])
    pd.testing.assert_series_equal(together["position"], alone["position"])
    assert together.attrs["base_label"] == alone.attrs["base_label"]
    assert "~v" not in together.attrs["base"]["rationale"]
