"""Indicators on small hand-built act tables."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from smallstate.indicators import profiles

BASE: dict[str, Any] = {
    "actor": "KHM", "target": "CHN", "date": "2016", "aimed_at_target": "no",
    "source": "leng2016", "locator": "para. 1", "description": "An act.",
}  # fmt: skip


def acts(*rows: tuple[str, str, str, int, str]) -> pd.DataFrame:
    """rows of (act_id, stance, domain, intensity, counterpart)."""
    return pd.DataFrame(
        [
            BASE | {"act_id": a, "stance": s, "domain": d, "intensity": str(i), "counterpart": c}
            for a, s, d, i, c in rows
        ]
    )


def test_weighted_sums_and_kuik_components() -> None:
    df = acts(
        ("a", "deference", "economic", 2, "BRI"),
        ("b", "deference", "diplomatic", 1, "CHN"),
        ("c", "defiance", "security", 3, "KHM"),
        ("d", "defiance", "diplomatic", 1, "CHN"),
        ("e", "diversification", "economic", 2, "JPN"),
        ("f", "binding", "institutional", 2, "ASEAN"),
        ("g", "abstention", "diplomatic", 1, "FOIP-US"),
    )
    p = profiles(df).iloc[0]
    assert (p.DEF, p.DFY, p.DIV, p.BIND, p.ABS, p.N) == (3, 4, 2, 2, 1, 7)
    assert (p.EP, p.LB, p.BIND) == (2, 1, 2)  # BIND is Kuik's binding engagement
    # Kuik's risk-contingency components as concepts.csv defines them: economic diversification
    # (e), dominance denial (non-military defiance, d) and indirect balancing (security, c).
    assert (p.ED, p.DD, p.IB, p.SEC_DFY) == (2, 1, 3, 3)
    assert p.ED + p.DD + p.IB == p.RC
    assert (p.RM, p.RC) == (2 + 1 + 2, 2 + 1 + 3)
    assert p.HARD and not p.ALIGN
    assert p.INT_BAL == 3 and p.EXT_BAL == 0
    assert p.ids_DEF == ("a", "b") and p.ids_HARD == ("c",) and p.ids_RC == ("c", "d", "e")
    assert p.cp_ABS == frozenset({"FOIP-US"})


def test_restraint_adds_to_dfy_not_dd() -> None:
    df = acts(("b1", "binding", "institutional", 2, "ASEAN")).assign(aimed_at_target="yes")
    plain = profiles(df).iloc[0]
    counted = profiles(df, restraint_counts_as_defiance=True).iloc[0]
    assert plain.DFY == 0 and counted.DFY == 2 and counted.DFY_BASE == 0
    assert counted.DD == plain.DD == 0
    assert counted.RESTRAINT == 2 and counted.ids_DFY == ("b1",)


def test_cases_scope_period_and_all() -> None:
    df = acts(("a", "deference", "economic", 1, "BRI"), ("b", "deference", "economic", 1, "BRI"))
    df["scope"] = ["BRI", ""]
    p = profiles(df)
    assert sorted(p["scope"]) == ["BRI", "all"]
    assert (p["period"] == "all").all()
    pooled = profiles(df, pool=["scope"])
    assert len(pooled) == 1 and pooled["scope"].iloc[0] == "all" and pooled["N"].iloc[0] == 2


def test_pool_target_lists_powers_and_split() -> None:
    df = acts(
        ("j", "deference", "diplomatic", 1, "FOIP-JP"),
        ("u", "abstention", "diplomatic", 1, "FOIP-US"),
    )
    df["target"] = ["JPN", "USA"]
    assert len(profiles(df)) == 2 and not profiles(df)["SPLIT"].any()
    p = profiles(df, pool=["target"]).iloc[0]
    assert p.target == "JPN+USA" and p.SPLIT and p.ids_SPLIT == ("j", "u")


def test_same_variant_is_no_split() -> None:
    df = acts(
        ("j", "deference", "diplomatic", 1, "FOIP-JP"),
        ("k", "abstention", "diplomatic", 1, "FOIP-JP"),
    )
    assert not profiles(df)["SPLIT"].iloc[0]


def test_motive_summary() -> None:
    df = acts(("a", "deference", "economic", 3, "BRI"), ("b", "deference", "diplomatic", 1, "CHN"))
    df["motive"] = ["gain", ""]
    p = profiles(df).iloc[0]
    assert p.DEF_GAIN == 3 and pytest.approx(0.75) == p.GAIN_SHARE


def test_raw_input_is_validated() -> None:
    df = acts(("a", "deference", "economic", 2, "BRI")).assign(stance="nonsense")
    with pytest.raises(ValueError, match="stance"):
        profiles(df)


def test_bad_pool() -> None:
    with pytest.raises(ValueError, match="poolable"):
        profiles(acts(("a", "deference", "economic", 2, "BRI")), pool=["actor"])


def test_empty_evidence() -> None:
    empty = acts(("a", "deference", "economic", 2, "BRI")).iloc[:0]
    assert len(profiles(empty)) == 0


# -- the fast paths give the results of the plain ones ----------------------------------------


@pytest.mark.parametrize("dataset", ["evidence_acts.csv", "evidence_seeds.csv"])
@pytest.mark.parametrize("pool", [None, ("target",), ("target", "scope", "period")])
def test_classify_evidence_ids_match_the_ids_columns(dataset: str, pool: Any) -> None:
    """classify builds evidence ids from act masks; they equal those from the ids_ columns."""
    from smallstate._paths import dataset_path
    from smallstate.evidence import read_evidence
    from smallstate.frameworks import FRAMEWORKS, get_framework
    from smallstate.verdicts import classify

    ev = read_evidence(dataset_path(dataset))
    for fw_id in FRAMEWORKS:
        fw = get_framework(fw_id)
        chosen = fw.case_pool if pool is None else pool
        full = fw.evaluate(profiles(ev, pool=chosen), fw.resolve({}))[0]
        fast = classify(ev, fw_id, pool=pool)
        pd.testing.assert_frame_equal(fast, full)
        assert list(fast["evidence_ids"]) == list(full["evidence_ids"])


def test_group_matches_numpy_unique() -> None:
    import numpy as np

    from smallstate.indicators.profiles import _group

    rng = np.random.default_rng(1)
    for keys in (rng.integers(0, 50, 1000), rng.integers(0, 10**12, 1000), np.array([], int)):
        uniq, inverse = _group(keys)
        expected_uniq, expected_inverse = np.unique(keys, return_inverse=True)
        assert uniq.tolist() == expected_uniq.tolist()
        assert inverse.tolist() == expected_inverse.reshape(-1).tolist()


def test_missing_and_empty_case_columns_read_all() -> None:
    df = acts(("a", "deference", "economic", 1, "BRI"), ("b", "defiance", "security", 1, "USA"))
    df["scope"] = ["", "X"]
    p = profiles(df)
    assert p[["scope", "period"]].to_dict("records") == [
        {"scope": "X", "period": "all"},
        {"scope": "all", "period": "all"},
    ]
    assert list(p["ids_ALL"]) == [("b",), ("a",)]
