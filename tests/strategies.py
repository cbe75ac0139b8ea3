"""Hypothesis strategies: well-formed act tables and single-field corruptions of them."""

from __future__ import annotations

from typing import Any

import pandas as pd
from hypothesis import strategies as st

from smallstate.evidence import DOMAINS, STANCES

#: One well-formed act with every optional column; tests override single fields.
GOOD_ROW: dict[str, Any] = {
    "act_id": "T-01",
    "actor": "KHM",
    "target": "CHN",
    "counterpart": "ASEAN",
    "date": "2019-06-23",
    "domain": "institutional",
    "stance": "binding",
    "intensity": "2",
    "aimed_at_target": "yes",
    "source": "samath2020",
    "locator": "para. 2",
    "description": "Helps draft an outlook.",
    "motive": "unknown",
    "scope": "ASEAN",
    "period": "",
    "contested": "no",
    "note": "",
}
#: The required columns of GOOD_ROW only.
GOOD_REQUIRED: dict[str, Any] = {k: GOOD_ROW[k] for k in list(GOOD_ROW)[:12]}

ACTORS = ("KHM", "SGP", "MYS", "VNM", "LAO")
TARGETS = ("CHN", "JPN", "USA")
COUNTERPARTS = ("CHN", "JPN", "USA", "KHM", "VNM", "ASEAN", "ARF", "BRI", "FOIP-JP", "FOIP-US")
SCOPES = ("", "BRI", "FOIP", "ASEAN", "bilateral")
PERIODS = ("", "2013-2016", "2017-2020")


@st.composite
def acts(draw: st.DrawFn, prefix: str = "A") -> dict[str, Any]:
    """One well-formed act (without act_id; tables number them)."""
    year = draw(st.integers(1950, 2030))
    date = draw(
        st.sampled_from([f"{year}", f"{year}-{draw(st.integers(1, 12)):02d}", f"{year}-02-28"])
    )
    return {
        "actor": draw(st.sampled_from(ACTORS)),
        "target": draw(st.sampled_from(TARGETS)),
        "counterpart": draw(st.sampled_from(COUNTERPARTS)),
        "date": date,
        "domain": draw(st.sampled_from(DOMAINS)),
        "stance": draw(st.sampled_from(STANCES)),
        "intensity": str(draw(st.integers(1, 3))),
        "aimed_at_target": draw(st.sampled_from(("yes", "no", "unknown"))),
        "source": "leng2016",
        "locator": "para. 1",
        "description": "A generated act.",
        "motive": draw(st.sampled_from(("gain", "security", "unknown", ""))),
        "scope": draw(st.sampled_from(SCOPES)),
        "period": draw(st.sampled_from(PERIODS)),
    }


def table(rows: list[dict[str, Any]], prefix: str = "A") -> pd.DataFrame:
    """Number the acts and build the DataFrame (columns in schema order)."""
    return pd.DataFrame([{"act_id": f"{prefix}{i:04d}", **row} for i, row in enumerate(rows)])


def act_tables(min_size: int = 1, max_size: int = 30) -> st.SearchStrategy[pd.DataFrame]:
    """Well-formed act tables."""
    return st.lists(acts(), min_size=min_size, max_size=max_size).map(table)


# column -> strategy of values that must be rejected in that column
BAD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "actor": st.sampled_from(["khm", "XXX", "KH", "", " KHM", "K1M"]),
    "target": st.sampled_from(["chn", "QQQ", "", "CHN "]),
    "counterpart": st.sampled_from(["asean", "", "FOIP JP", "foip-jp"]),
    "date": st.sampled_from(["2019-13", "2019-02-30", "19", "2019/01", "", "2019-1", "1999-00"]),
    "domain": st.sampled_from(["military", "", "Security"]),
    "stance": st.sampled_from(["appeasement", "", "Deference", "binding "]),
    "intensity": st.sampled_from(["0", "4", "2.5", "2.0", "two", "", "-1"]),
    "aimed_at_target": st.sampled_from(["maybe", "", "YES"]),
    "source": st.just(""),
    "locator": st.sampled_from(["", " "]),
    "description": st.sampled_from(["", "two\nlines", " padded"]),
    "motive": st.sampled_from(["greed", "Gain"]),
    "scope": st.sampled_from([" BRI", "a\nb"]),
}


@st.composite
def corrupted_tables(draw: st.DrawFn) -> tuple[pd.DataFrame, int, str]:
    """A well-formed table with one field of one row made invalid: (table, row, column)."""
    df = draw(act_tables(1, 12))
    row = draw(st.integers(0, len(df) - 1))
    column = draw(st.sampled_from(sorted(BAD_VALUES)))
    bad = draw(BAD_VALUES[column])
    if column == "target" and bad == df.loc[row, "actor"]:  # pragma: no cover - never equal
        bad = "chn"
    df.loc[row, column] = bad
    return df, row, column


# --------------------------------------------------------------------------------------------
# UN General Assembly votes
# --------------------------------------------------------------------------------------------

VOTE_COUNTRIES = ("Cambodia", "China", "Japan", "Laos", "United States")


@st.composite
def vote_frames(draw: st.DrawFn) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(votes, roll calls) for a few countries: any mix of yes/abstain/no and absences.

    Roll calls fall in one to three calendar years; some countries may vote the same way
    every time (p_e = 1 for kappa), some may never meet (n_both = 0).
    """
    n_rollcalls = draw(st.integers(1, 14))
    years = draw(st.lists(st.sampled_from((1990, 1991, 1995)), min_size=n_rollcalls,
                          max_size=n_rollcalls))  # fmt: skip
    choice = st.sampled_from(("yes", "abstain", "no", None))
    rows = []
    for rcid in range(1, n_rollcalls + 1):
        for country in VOTE_COUNTRIES:
            vote = draw(choice)
            if vote is not None:
                rows.append({"rcid": rcid, "country": country, "vote": vote})
    votes = pd.DataFrame(rows, columns=["rcid", "country", "vote"])
    roll_calls = pd.DataFrame(
        {"rcid": range(1, n_rollcalls + 1), "date": [f"{y}-06-01" for y in years]}
    )
    return votes, roll_calls
