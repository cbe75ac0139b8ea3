"""UNGA votes read as evidence acts (smallstate.unvotes.acts) and the U- rows of evidence_acts.csv."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from smallstate.concepts import keys
from smallstate.evidence import validate_evidence
from smallstate.unvotes import acts_from_votes, votes_from_frames

REPO = Path(__file__).resolve().parents[1]


def _votes() -> object:
    # rcid 1: China no, US yes -> Cambodia no = deference; Laos absent (no row)
    # rcid 2: China no, US yes -> Cambodia yes = defiance
    # rcid 3: China no, US yes -> Cambodia abstain = abstention (important vote, 2015)
    # rcid 4: China yes, US no -> not a split of the coded kind: no act
    # rcid 5: China no, US abstain -> not coded: no act
    # rcid 6: China no, US yes, Cambodia absent -> no act
    rows = [
        (1, "China", "no"),
        (1, "United States", "yes"),
        (1, "Cambodia", "no"),
        (2, "China", "no"),
        (2, "United States", "yes"),
        (2, "Cambodia", "yes"),
        (3, "China", "no"),
        (3, "United States", "yes"),
        (3, "Cambodia", "abstain"),
        (4, "China", "yes"),
        (4, "United States", "no"),
        (4, "Cambodia", "yes"),
        (5, "China", "no"),
        (5, "United States", "abstain"),
        (5, "Cambodia", "no"),
        (6, "China", "no"),
        (6, "United States", "yes"),
        (6, "Laos", "yes"),
    ]
    votes = pd.DataFrame(rows, columns=["rcid", "country", "vote"])
    calls = pd.DataFrame(
        {
            "rcid": [1, 2, 3, 4, 5, 6],
            "date": [
                "2012-12-20",
                "2013-12-18",
                "2015-12-17",
                "2015-12-17",
                "2016-12-19",
                "2016-12-19",
            ],
            "importantvote": [0, 0, 1, 0, 0, 0],
            "unres": ["R/67/1", "A/RES/68/2", "R/70/3", "R/70/4", "R/71/5", ""],
            "short": ["HUMAN RIGHTS", None, "DISARMAMENT", "X", "Y", "Z"],
        }
    )
    return votes_from_frames(votes, calls)


def test_each_vote_becomes_the_documented_stance() -> None:
    acts = acts_from_votes(_votes(), "Cambodia", "KHM")
    assert acts["act_id"].tolist() == ["U-KHM-1", "U-KHM-2", "U-KHM-3"]
    assert acts["stance"].tolist() == ["deference", "defiance", "abstention"]
    assert set(acts["scope"]) == {"UNGA"} and set(acts["contested"]) == {"yes"}
    assert acts["locator"].tolist() == [
        "roll call rcid 1 (A/RES/67/1)",
        "roll call rcid 2 (A/RES/68/2)",
        "roll call rcid 3 (A/RES/70/3)",
    ]
    assert "no subject recorded" in acts.loc[1, "description"]
    assert "HUMAN RIGHTS" in acts.loc[0, "description"]


def test_years_and_important_filters() -> None:
    votes = _votes()
    assert acts_from_votes(votes, "Cambodia", "KHM", years=(2013, 2016))["act_id"].tolist() == [
        "U-KHM-2",
        "U-KHM-3",
    ]
    assert acts_from_votes(votes, "Cambodia", "KHM", important_only=True)["act_id"].tolist() == [
        "U-KHM-3"
    ]


def test_absent_states_make_no_acts_and_unknown_names_fail() -> None:
    acts = acts_from_votes(_votes(), "Laos", "LAO")
    assert acts["act_id"].tolist() == ["U-LAO-6"]
    assert acts.loc[0, "locator"] == "roll call rcid 6 (no resolution number)"
    with pytest.raises(KeyError, match="Narnia"):
        acts_from_votes(_votes(), "Narnia", "XXA")


def test_acts_pass_the_evidence_schema() -> None:
    acts = acts_from_votes(_votes(), "Cambodia", "KHM").astype(str)
    checked = validate_evidence(acts, sources=keys())
    assert len(checked) == 3


@pytest.mark.shared_data("unvotes")
def test_committed_unga_acts_equal_a_fresh_build(unvotes_raw: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_unga_acts", REPO / "datasets/build/build_unga_acts.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--raw", str(unvotes_raw), "--check"]) == 0


def test_one_act_per_resolution() -> None:
    """Paragraph votes and the vote on the whole text of one resolution make one act."""
    rows = []
    for rcid, cambodia in ((10, "yes"), (11, "no"), (12, "no"), (13, "abstain")):
        rows += [
            (rcid, "China", "no"),
            (rcid, "United States", "yes"),
            (rcid, "Cambodia", cambodia),
        ]
    calls = pd.DataFrame(
        {
            "rcid": [10, 11, 12, 13],
            "date": ["2016-12-05"] * 4,
            # 10 and 11: paragraph votes on 71/49; 12: the vote on its whole text (written
            # A/RES/ in the data, R/ for the part votes); 13: another text, part votes only.
            "unres": ["R/71/49", "R/71/49", "A/RES/71/49", "R/71/69"],
            "para": [1, 1, None, 1],
        }
    )
    v = votes_from_frames(pd.DataFrame(rows, columns=["rcid", "country", "vote"]), calls)
    acts = acts_from_votes(v, "Cambodia", "KHM")
    assert acts["act_id"].tolist() == ["U-KHM-12", "U-KHM-13"]
    assert acts["stance"].tolist() == ["deference", "abstention"]
    every = acts_from_votes(v, "Cambodia", "KHM", one_per_resolution=False)
    assert len(every) == 4
