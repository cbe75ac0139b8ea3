"""UN General Assembly votes read as evidence acts, by one stated coding rule.

A roll call on which a great power (the *target*, e.g. China) voted **no** while a rival power
(e.g. the United States) voted **yes** puts a small state before a visible choice. This module
turns the small state's vote on such roll calls into rows of the evidence schema
(``smallstate.evidence``):

=====================  =============  ==========================================================
small state's vote     stance         reading
=====================  =============  ==========================================================
no (with the target)   deference      sides with the target against the rival's position
yes (with the rival)   defiance       votes through a text the target opposed
abstain                abstention     deliberate non-alignment on the question
absent                 (no act)       absence cannot be told apart from non-participation
=====================  =============  ==========================================================

Every act is diplomatic, intensity 1 (a recorded vote is a symbolic act), ``aimed_at_target``
``unknown`` (most such resolutions concern a third country, not the target), scope ``UNGA``,
source ``voeten2009`` with the roll-call id as locator, and ``contested = yes``: a vote on a
third country's human-rights record bears on the target only indirectly, which is exactly the
kind of coding a reader should be able to question (see ``datasets/README.md``).

The rule is vectorized: one pivot of the votes, no loop over roll calls.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smallstate.errors import unknown
from smallstate.unvotes.files import Votes

__all__ = ["VOTE_STANCE", "acts_from_votes"]

#: The small state's vote -> stance towards the target (absent votes make no act).
VOTE_STANCE: dict[str, str] = {"no": "deference", "yes": "defiance", "abstain": "abstention"}

_VERB = {"no": "votes no", "yes": "votes yes", "abstain": "abstains"}


def _subject(roll_calls: pd.DataFrame) -> pd.Series:
    """The data's own subject line of each roll call (``short``), or a note that it has none."""
    short = roll_calls.get("short", pd.Series(pd.NA, index=roll_calls.index)).astype("string")
    return ("subject in the data: " + short.str.strip()).fillna("no subject recorded in the data")


def _symbols(calls: pd.DataFrame) -> pd.Series:
    """Each roll call's resolution symbol, written ``A/RES/...`` (missing: NA)."""
    unres = calls.get("unres", pd.Series(pd.NA, index=calls.index)).astype("string")
    return (
        unres.str.strip().str.replace(r"^R/", "A/RES/", regex=True).replace("", pd.NA)  # type: ignore[call-overload]  # pandas-stubs omits a scalar NA value
    )


def _one_per_resolution(calls: pd.DataFrame, vote: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Keep one roll call per resolution symbol (the whole-text vote, else the last one)."""
    symbol = _symbols(calls)
    part = np.zeros(len(calls), dtype=bool)
    for column in ("para", "amend"):
        if column in calls:
            part |= (calls[column] == 1).fillna(False).to_numpy(dtype=bool)
    order = pd.DataFrame(
        {"symbol": symbol.to_numpy(), "whole": ~part, "call": calls.index.to_numpy()}
    )
    named = order[order["symbol"].notna()]
    best = named.sort_values(["symbol", "whole", "call"]).groupby("symbol").tail(1)["call"]
    keep = calls.index.isin(best) | ~calls.index.isin(named["call"])
    return calls[keep], vote[keep]


def acts_from_votes(
    votes: Votes,
    actor: str,
    actor_code: str,
    *,
    target: str = "China",
    target_code: str = "CHN",
    rival: str = "United States",
    years: tuple[int, int] | None = None,
    important_only: bool = False,
    id_prefix: str = "U",
    one_per_resolution: bool = True,
) -> pd.DataFrame:
    """Code a small state's votes on roll calls the target opposed and the rival supported.

    Parameters
    ----------
    votes
        Loaded UNGA data (:func:`smallstate.unvotes.load_votes` or ``votes_from_frames``).
    actor, target, rival
        Country names as spelled in the data ("Cambodia", "China", "United States").
    actor_code, target_code
        ISO 3166-1 alpha-3 codes written into the evidence rows.
    years
        Inclusive range of calendar years of the roll-call date, or ``None`` for all.
    important_only
        Keep only roll calls the data marks as important votes (coded from session 39).
    id_prefix
        First part of each ``act_id`` (``U-KHM-5108``).
    one_per_resolution
        Count one act per resolution: when several selected roll calls carry the same
        resolution symbol (separate votes on paragraphs or amendments, then the text as a
        whole), keep the vote on the whole text, or, if only part votes were selected, the last
        of them. Roll calls without a symbol are kept as they are.

    Returns
    -------
    pandas.DataFrame
        Evidence rows (required columns plus motive, scope, period, contested, note), one per
        roll call on which the actor voted, ordered by date and roll-call id.

    Raises
    ------
    smallstate.errors.UnknownNameError
        If a country name is not in the data (naming the closest ones).

    Examples
    --------
    >>> import pandas as pd
    >>> from smallstate.unvotes import votes_from_frames
    >>> v = votes_from_frames(
    ...     votes=pd.DataFrame({
    ...         "rcid": [1, 1, 1, 2, 2, 2],
    ...         "country": ["China", "United States", "Cambodia"] * 2,
    ...         "country_code": ["CN", "US", "KH"] * 2,
    ...         "vote": ["no", "yes", "abstain", "yes", "yes", "yes"]}),
    ...     roll_calls=pd.DataFrame({"rcid": [1, 2], "date": ["2014-12-18", "2014-12-18"],
    ...                              "short": ["HUMAN RIGHTS", "DISARMAMENT"]}))
    >>> acts = acts_from_votes(v, "Cambodia", "KHM")
    >>> acts[["act_id", "stance", "scope"]].to_records(index=False).tolist()
    [('U-KHM-1', 'abstention', 'UNGA')]
    """
    names = votes.countries
    for name in (actor, target, rival):
        if name not in names:
            raise unknown("country", name, names, where="in the UN votes")
    table = votes.votes.loc[votes.votes["country"].isin([actor, target, rival])]
    wide = table.pivot_table(
        index="rcid", columns="country", values="vote", aggfunc="first", observed=True
    ).astype("object")
    wide = wide.reindex(columns=[actor, target, rival])
    split = wide[(wide[target] == "no") & (wide[rival] == "yes") & wide[actor].notna()]

    calls = votes.roll_calls.set_index("rcid").loc[split.index]
    keep = np.ones(len(calls), dtype=bool)
    if years is not None:
        keep &= calls["year"].between(years[0], years[1]).to_numpy()
    if important_only and "importantvote" in calls:
        keep &= (calls["importantvote"] == 1).fillna(False).to_numpy(dtype=bool)
    calls, vote = calls[keep], split.loc[keep, actor]
    if one_per_resolution:
        calls, vote = _one_per_resolution(calls, vote)

    rcid = calls.index.to_series().astype(str)
    resolution = _symbols(calls).fillna("no resolution number")
    subject = _subject(calls)
    verb = vote.map(_VERB)
    acts = pd.DataFrame(
        {
            "act_id": id_prefix + "-" + actor_code + "-" + rcid,
            "actor": actor_code,
            "target": target_code,
            "counterpart": "UN",
            "date": calls["date"].dt.strftime("%Y-%m-%d"),
            "domain": "diplomatic",
            "stance": vote.map(VOTE_STANCE),
            "intensity": 1,
            "aimed_at_target": "unknown",
            "source": "voeten2009",
            "locator": "roll call rcid " + rcid + " (" + resolution + ")",
            "description": actor
            + " "
            + verb
            + " in UNGA roll call "
            + rcid
            + " ("
            + resolution
            + "), where "
            + target
            + " voted no and the "
            + rival
            + " yes ("
            + subject
            + ").",
            "motive": "unknown",
            "scope": "UNGA",
            "period": "",
            "contested": "yes",
            "note": "Coded by rule from the recorded vote (datasets/README.md, UNGA-derived "
            "acts); the resolution concerns the target only indirectly.",
        }
    )
    return acts.sort_values(["date", "act_id"], kind="stable").reset_index(drop=True)
