"""The versions of the Free and Open Indo-Pacific: compare them, weigh them, size the offers.

``datasets/foip_versions.csv`` holds one row per Indo-Pacific vision (the US, Japanese,
Australian and Indian versions and the ASEAN Outlook) with five scores from 0 to 3. The scores
are the **course's coding** with the rubric in ``datasets/README.md`` (each row's
``score_basis`` says why), not measurements. This module

* lays the versions side by side with their sources (:func:`comparison_table`; the heatmap is
  :func:`smallstate.plots.foip.plot_scores`);
* answers "which version would a small state back?" for given weights on the scored
  dimensions (:func:`back`), explaining the outcome: the weighted scores, the dimension that
  decides between the two best versions, and ties;
* tabulates the money attached to the competing offers as the seed brief reports it
  (:func:`offers_table`; drawn by :func:`smallstate.plots.foip.plot_offers`);
* reads the FOIP scope of the evidence with Samath's framework (:func:`foip_verdicts`).

Examples
--------
>>> result = back({"economic_focus": 3, "asean_centrality": 2})
>>> result.winners
('FOIP-JP',)
>>> result.deciding
'economic_focus'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from smallstate.errors import unknown

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = [
    "DIMENSIONS",
    "DIMENSION_LABELS",
    "MAX_SCORE",
    "OFFER_IDS",
    "WeightingResult",
    "back",
    "comparison_table",
    "foip_verdicts",
    "offers_table",
    "score_matrix",
    "select_ids",
    "version_ids",
    "versions",
]

#: The five scored dimensions of ``foip_versions.csv``, in column order.
DIMENSIONS: Final[tuple[str, ...]] = (
    "security_focus",
    "economic_focus",
    "inclusiveness",
    "asean_centrality",
    "infrastructure_finance",
)


#: Readable names of the dimensions.
DIMENSION_LABELS: Final[dict[str, str]] = {
    "security_focus": "security focus",
    "economic_focus": "economic focus",
    "inclusiveness": "inclusiveness",
    "asean_centrality": "ASEAN centrality",
    "infrastructure_finance": "infrastructure finance",
}


#: Rows of ``figures.csv`` sizing the competing offers: the BRI pledge and the US down payment
#: (region-wide), then Japan's sums for Cambodia (ODA, the bridge-and-roads grant, the port loan).
OFFER_IDS: Final[tuple[str, ...]] = ("F001", "F002", "F040", "F043", "F045")


MAX_SCORE: Final[int] = 3


def versions() -> pd.DataFrame:
    """Return ``foip_versions.csv`` indexed by ``version_id`` (file order kept).

    Examples
    --------
    >>> versions().loc["FOIP-JP", "promoter"]
    'JPN'
    """
    from smallstate.data import load

    return load("foip_versions").set_index("version_id")


def version_ids() -> tuple[str, ...]:
    """The version ids in file order.

    Examples
    --------
    >>> version_ids()
    ('FOIP-JP', 'FOIP-US', 'FOIP-AU', 'FOIP-IN', 'AOIP')
    """
    return tuple(str(v) for v in versions().index)


def select_ids(chosen: Sequence[str] | None, valid: Sequence[str], what: str) -> list[str]:
    """The chosen ids in the given order (all of ``valid`` for None), failing on unknown ones.

    ``what`` names one id in the error message (``"version id"``, ``"dimension"``).

    Examples
    --------
    >>> select_ids(None, ["a", "b"], "version id")
    ['a', 'b']
    >>> select_ids(["FOIP-JP", "FOIP-UK"], ["FOIP-JP", "FOIP-US"], "version id")
    Traceback (most recent call last):
    ...
    smallstate.errors.UnknownNameError: unknown version id 'FOIP-UK'; did you mean 'FOIP-US' or 'FOIP-JP'?
    """
    if chosen is None:
        return list(valid)
    picked = list(chosen)
    for c in picked:
        if c not in valid:
            raise unknown(what, c, valid)
    return picked


def score_matrix(
    version_list: Sequence[str] | None = None, dimensions: Sequence[str] | None = None
) -> pd.DataFrame:
    """The 0-3 scores as a versions x dimensions integer table.

    Parameters
    ----------
    version_list
        Version ids to keep, in this order (default: all, file order).
    dimensions
        Dimension ids to keep (default: :data:`DIMENSIONS`).

    Examples
    --------
    >>> score_matrix(["FOIP-US", "FOIP-JP"], ["security_focus", "economic_focus"])
    ... # doctest: +NORMALIZE_WHITESPACE
    dimension   security_focus  economic_focus
    version_id
    FOIP-US                  3               1
    FOIP-JP                  2               3
    """
    table = versions()
    rows = select_ids(version_list, list(table.index), "version id")
    cols = select_ids(dimensions, DIMENSIONS, "dimension")
    out = table.loc[rows, cols].astype("int64")
    out.columns.name = "dimension"
    return out


def comparison_table(
    version_list: Sequence[str] | None = None, dimensions: Sequence[str] | None = None
) -> pd.DataFrame:
    """The versions side by side: launch, emphasis, Cambodia's response, scores and sources.

    Returns
    -------
    pandas.DataFrame
        One row per version: ``version_id``, ``name``, ``launched``, ``launch_event``,
        ``launch_cited`` (citation of the launch facts), ``main_emphasis``,
        ``china_inclusion``, ``cambodia_response``, the chosen score columns, ``score_basis``
        and ``scores_cited`` (citation of the source the scores were coded from).

    Examples
    --------
    >>> t = comparison_table(["FOIP-JP"], ["economic_focus"])
    >>> t.loc[0, "cambodia_response"], int(t.loc[0, "economic_focus"])
    ('supports', 3)
    >>> t.loc[0, "scores_cited"]
    "Samath 2020, 'Cambodia and the Free and Open Indo-Pacific', paras. 3, 6-8"
    """
    from smallstate.concepts import cite

    table = versions()
    rows = select_ids(version_list, list(table.index), "version id")
    cols = select_ids(dimensions, DIMENSIONS, "dimension")
    sub = table.loc[rows].reset_index()
    launch = [
        cite(k, loc) for k, loc in zip(sub["launch_source"], sub["launch_locator"], strict=True)
    ]
    scored = [cite(k, loc) for k, loc in zip(sub["source"], sub["locator"], strict=True)]
    out = sub[
        [
            "version_id",
            "name",
            "launched",
            "launch_event",
            "main_emphasis",
            "china_inclusion",
            "cambodia_response",
        ]
    ].copy()
    out.insert(4, "launch_cited", launch)
    for c in cols:
        out[c] = sub[c].astype("int64")
    out["score_basis"] = sub["score_basis"]
    out["scores_cited"] = scored
    return out


@dataclass(frozen=True)
class WeightingResult:
    """The outcome of weighing the versions' scores (see :func:`back`).

    Attributes
    ----------
    weights
        ``(dimension, weight)`` pairs, in :data:`DIMENSIONS` order.
    scores
        ``(version_id, weighted score)`` pairs, best first (ties in file order).
    winners
        The version ids with the highest weighted score (more than one = a tie); empty when
        every weight is zero.
    runner_up
        The best version below the winners, or ``None``.
    deciding
        The dimension that contributes most to the lead of the (first) winner over the
        runner-up, or ``None`` (tie at the top, or no runner-up).
    explanation
        The reasoning in plain English.
    """

    weights: tuple[tuple[str, float], ...]
    scores: tuple[tuple[str, float], ...]
    winners: tuple[str, ...]
    runner_up: str | None
    deciding: str | None
    explanation: str

    def score(self, version_id: str) -> float:
        """Weighted score of one version.

        Examples
        --------
        >>> back({"security_focus": 1}).score("FOIP-US")
        3.0
        """
        return dict(self.scores)[version_id]


def _fmt(x: float) -> str:
    return f"{x:g}"


def back(
    weights: Mapping[str, float], version_list: Sequence[str] | None = None
) -> WeightingResult:
    """Which version would a small state back, given weights on the scored dimensions?

    The weighted score of a version is the sum over dimensions of weight x course score
    (0-3). The version(s) with the highest sum win. The dimension that decides is the one
    whose weighted score difference contributes most to the winner's lead over the
    runner-up. This is a teaching model of a choice, not of how any government decides.

    Parameters
    ----------
    weights
        Dimension id -> non-negative weight; dimensions left out weigh 0.
    version_list
        Versions that compete (default: all five).

    Returns
    -------
    WeightingResult

    Raises
    ------
    smallstate.errors.UnknownNameError
        For an unknown dimension or version (naming the closest ones).
    ValueError
        For a negative weight.

    Examples
    --------
    >>> r = back({"security_focus": 3})
    >>> r.winners, r.runner_up, r.deciding
    (('FOIP-US',), 'FOIP-JP', 'security_focus')
    >>> back({"inclusiveness": 1}).winners
    ('FOIP-JP', 'FOIP-IN', 'AOIP')
    >>> back({}).winners
    ()
    """
    import numpy as np

    select_ids(list(weights), DIMENSIONS, "dimension")
    w = np.array([float(weights.get(d, 0.0)) for d in DIMENSIONS])
    if (w < 0).any():
        raise ValueError("weights must be zero or positive")
    matrix = score_matrix(version_list)
    totals = matrix.to_numpy(dtype=float) @ w
    ids = list(matrix.index)
    order = np.argsort(-totals, kind="stable")
    scores = tuple((ids[i], float(totals[i])) for i in order)
    pairs = tuple((d, float(x)) for d, x in zip(DIMENSIONS, w, strict=True))
    name = versions()["name"]
    if not w.any():
        text = (
            "Every weight is zero, so every version scores 0 and nothing separates them. "
            "Give at least one dimension a weight."
        )
        return WeightingResult(pairs, scores, (), None, None, text)
    best = totals.max()
    winners = tuple(ids[i] for i in order if totals[i] == best)
    rest = [i for i in order if totals[i] < best]
    runner = ids[rest[0]] if rest else None
    used = [d for d, x in pairs if x > 0]
    formula = " + ".join(f"{_fmt(x)} x {DIMENSION_LABELS[d]}" for d, x in pairs if x > 0)
    lines = [f"Weighted score = {formula}."]
    ranking = "; ".join(f"{vid} {_fmt(s)}" for vid, s in scores)
    lines.append(f"Scores: {ranking}.")
    deciding: str | None = None
    if len(winners) > 1:
        tied = ", ".join(winners)
        lines.append(
            f"Tie at {_fmt(best)} between {tied}: with these weights the scored dimensions "
            "cannot separate them, so the choice would turn on something the scores leave out."
        )
        differ = [d for d in used if matrix.loc[list(winners), d].nunique() > 1]
        if differ:
            lines.append(
                "They differ on "
                + ", ".join(DIMENSION_LABELS[d] for d in differ)
                + ", but the differences cancel out; weight one of these a little more to "
                "break the tie."
            )
    else:
        top = winners[0]
        lines.insert(0, f"{top} ({name[top]}) comes first with {_fmt(best)}.")
        if runner is not None:
            gap = (matrix.loc[top, used] - matrix.loc[runner, used]) * np.array(
                [weights[d] for d in used], dtype=float
            )
            top_gap = float(gap.max())
            decisive = [str(d) for d in gap.index if gap[d] == top_gap]
            deciding = decisive[0]
            margin = best - totals[ids.index(runner)]
            second = [ids[i] for i in rest if totals[i] == totals[rest[0]]]
            if len(second) > 1:
                lines.append(
                    f"{' and '.join(second)} tie for second place; {runner} is compared below."
                )
            worth = _fmt(top_gap)
            lines.append(
                f"It leads {runner} by {_fmt(margin)}. The deciding dimension is "
                f"{DIMENSION_LABELS[deciding]}: {top} scores {matrix.loc[top, deciding]} "
                f"there against {matrix.loc[runner, deciding]} for {runner}, worth "
                f"{worth} point{'' if top_gap == 1 else 's'} at weight "
                f"{_fmt(weights[deciding])}."
            )
            if len(decisive) > 1:
                lines.append(
                    "Equally decisive: "
                    + ", ".join(DIMENSION_LABELS[d] for d in decisive[1:])
                    + f" (each also worth {worth})."
                )
            behind = [d for d in used if gap[d] < 0]
            if behind:
                lines.append(
                    f"{runner} does better on "
                    + ", ".join(DIMENSION_LABELS[d] for d in behind)
                    + ", but not by enough."
                )
    lines.append(
        "The scores are the course's coding with a rubric (datasets/README.md), not measurements."
    )
    return WeightingResult(pairs, scores, winners, runner, deciding, " ".join(lines))


def offers_table(ids: Sequence[str] = OFFER_IDS) -> pd.DataFrame:
    """The sums attached to the competing offers, from ``figures.csv``, with their citations.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``entity``, ``indicator``, ``value`` (USD), ``as_stated``, ``qualifier``,
        ``ambiguous``, ``cited``, and ``times_us`` (the value divided by the US down payment,
        row F002, rounded to the nearest whole number).

    Examples
    --------
    >>> t = offers_table(["F001", "F002"])
    >>> t[["id", "times_us"]].values.tolist()
    [['F001', 9062], ['F002', 1]]
    """
    from smallstate.concepts import cite
    from smallstate.data import load

    figures = load("figures").set_index("id")
    picked = select_ids(ids, list(figures.index), "figure id")
    sub = figures.loc[picked].reset_index()
    if (sub["unit"] != "USD").any():
        raise ValueError("offers_table: every figure must be in USD")
    us = float(figures["value"].astype(float)["F002"])
    out = sub[["id", "entity", "indicator", "value", "as_stated", "qualifier", "ambiguous"]].copy()
    out["value"] = out["value"].astype(float)
    out["cited"] = [cite(k, loc) for k, loc in zip(sub["source"], sub["locator"], strict=True)]
    out["times_us"] = (out["value"] / us).round().astype("int64")
    return out


def foip_verdicts(evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """Samath's reading of every actor's FOIP-scope acts, with its rule and act ids.

    Parameters
    ----------
    evidence
        An evidence table (default: the course's ``evidence_acts``).

    Returns
    -------
    pandas.DataFrame
        One row per actor: ``actor``, ``target`` (the pooled powers, e.g. ``JPN+USA``),
        ``label``, ``rule_ids``, ``rationale``, ``evidence_ids``.

    Examples
    --------
    >>> v = foip_verdicts()
    >>> v.set_index("actor").loc["KHM", ["label", "evidence_ids"]].tolist()
    ['limited_bandwagoning', ('S20-13', 'S20-14', 'S20-15', 'S20-16')]
    """
    from smallstate.evidence import course_evidence
    from smallstate.verdicts import classify

    ev = course_evidence() if evidence is None else evidence
    foip = ev[ev["scope"].astype(str) == "FOIP"]
    out = classify(foip, "samath")
    return out[["actor", "target", "label", "rule_ids", "rationale", "evidence_ids"]].reset_index(
        drop=True
    )
