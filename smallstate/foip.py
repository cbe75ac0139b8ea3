"""The versions of the Free and Open Indo-Pacific: compare them, weigh them, size the offers.

``datasets/foip_versions.csv`` holds one row per Indo-Pacific vision (the US, Japanese,
Australian and Indian versions and the ASEAN Outlook) with five scores from 0 to 3. The scores
are the **course's coding** with the rubric in ``datasets/README.md`` (each row's
``score_basis`` says why), not measurements. This module

* lays the versions side by side with their sources (:func:`comparison_table`) and draws the
  scores as a heatmap (:func:`plot_scores`);
* answers "which version would a small state back?" for given weights on the scored
  dimensions (:func:`back`), explaining the outcome: the weighted scores, the dimension that
  decides between the two best versions, and ties;
* tabulates and draws, on a log scale, the money attached to the competing offers as the
  seed brief reports it (:func:`offers_table`, :func:`plot_offers`);
* reads the FOIP scope of the evidence with Somanith's framework (:func:`foip_verdicts`).

Examples
--------
>>> result = back({"economic_focus": 3, "asean_centrality": 2})
>>> result.winners
('FOIP-JP',)
>>> result.deciding
'economic_focus'
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from smallstate.plots import CourseFigure, new_figure

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "DIMENSIONS",
    "DIMENSION_LABELS",
    "OFFER_IDS",
    "WeightingResult",
    "back",
    "comparison_table",
    "foip_verdicts",
    "offers_table",
    "plot_offers",
    "plot_scores",
    "score_matrix",
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

_MAX_SCORE: Final[int] = 3


def versions() -> pd.DataFrame:
    """Return ``foip_versions.csv`` indexed by ``version_id`` (file order kept).

    Examples
    --------
    >>> versions().loc["FOIP-JP", "promoter"]
    'JPN'
    """
    from smallstate.datasets import load

    return load("foip_versions").set_index("version_id")


def version_ids() -> tuple[str, ...]:
    """The version ids in file order.

    Examples
    --------
    >>> version_ids()
    ('FOIP-JP', 'FOIP-US', 'FOIP-AU', 'FOIP-IN', 'AOIP')
    """
    return tuple(str(v) for v in versions().index)


def _check(chosen: Sequence[str] | None, valid: Sequence[str], what: str) -> list[str]:
    if chosen is None:
        return list(valid)
    picked = list(chosen)
    unknown = [c for c in picked if c not in valid]
    if unknown:
        raise KeyError(f"unknown {what} {unknown}; valid: {list(valid)}")
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
    rows = _check(version_list, list(table.index), "version id(s)")
    cols = _check(dimensions, DIMENSIONS, "dimension(s)")
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
    "Somanith 2020, 'Cambodia and the Free and Open Indo-Pacific', paras. 3, 6-8"
    """
    from smallstate.sources import cite

    table = versions()
    rows = _check(version_list, list(table.index), "version id(s)")
    cols = _check(dimensions, DIMENSIONS, "dimension(s)")
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


def plot_scores(
    version_list: Sequence[str] | None = None,
    dimensions: Sequence[str] | None = None,
    *,
    title: str = "The Indo-Pacific visions on the course's five scored dimensions",
) -> CourseFigure:
    """Heatmap of the 0-3 scores (versions x dimensions), annotated with the numbers.

    An empty choice draws an empty frame saying so. The alt text is written from the data.

    Examples
    --------
    >>> fig = plot_scores(["FOIP-US"], ["security_focus"])
    >>> fig.alt.endswith("FOIP-US: security focus 3.")
    True
    >>> fig.close()
    """
    rows = _check(version_list, version_ids(), "version id(s)")
    cols = _check(dimensions, DIMENSIONS, "dimension(s)")
    if not rows or not cols:
        fig = new_figure(
            title,
            alt="Empty heatmap: choose at least one version and one dimension.",
            figsize=(6.0, 2.0),
        )
        ax = fig.figure.axes[0]
        ax.set_axis_off()
        ax.text(
            0.5,
            0.5,
            "choose at least one version and one dimension",
            ha="center",
            va="center",
            transform=ax.transAxes,
        )
        return fig
    matrix = score_matrix(rows, cols)
    shown = matrix.rename(columns=DIMENSION_LABELS)
    parts = [
        "Heatmap of the course's 0-3 scores (0 = absent, 3 = central; course coding, not a "
        "measurement)."
    ]
    for vid, row in shown.iterrows():
        scores = ", ".join(f"{dim} {int(v)}" for dim, v in row.items())
        parts.append(f"{vid}: {scores}.")
    fig = new_figure(
        title,
        alt=" ".join(parts),
        figsize=(1.5 + 1.35 * len(cols), 1.4 + 0.55 * len(rows)),
        data=matrix,
    )
    import seaborn as sns
    from matplotlib.colors import LinearSegmentedColormap

    from smallstate.palette import OKABE_ITO

    cmap = LinearSegmentedColormap.from_list("course_blue", ["#FFFFFF", OKABE_ITO[5]], N=4)
    ax = fig.figure.axes[0]
    sns.heatmap(
        shown,
        vmin=-0.5,
        vmax=_MAX_SCORE + 0.5,
        cmap=cmap,
        annot=True,
        fmt="d",
        linewidths=0.5,
        linecolor="#999999",
        cbar_kws={"ticks": list(range(_MAX_SCORE + 1)), "label": "course score (0-3)"},
        ax=ax,
    )
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.tick_params(axis="x", labelrotation=20)
    ax.tick_params(axis="y", labelrotation=0)
    return fig


# -- which version would a small state back? ---------------------------------------------------


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
    KeyError
        For an unknown dimension or version.
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

    unknown = [d for d in weights if d not in DIMENSIONS]
    if unknown:
        raise KeyError(f"unknown dimension(s) {unknown}; valid: {list(DIMENSIONS)}")
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


def render_weighting(result: WeightingResult) -> str:
    """HTML for a :class:`WeightingResult`: the verdict line, the score table, the reasoning.

    Examples
    --------
    >>> text = render_weighting(back({"economic_focus": 1}))
    >>> 'data-winner="FOIP-JP"' in text
    True
    """
    esc = html.escape
    names = versions()["name"]
    if result.winners:
        winner_names = " and ".join(f"{esc(w)} ({esc(names[w])})" for w in result.winners)
        head = ("Tie: " if len(result.winners) > 1 else "Would back: ") + winner_names
    else:
        head = "No version stands out"
    rows = "".join(
        f'<tr><td style="padding:2px 8px">{"<b>" if vid in result.winners else ""}{esc(vid)}'
        f"{'</b>' if vid in result.winners else ''}</td>"
        f'<td style="padding:2px 8px;text-align:right">{_fmt(score)}</td></tr>'
        for vid, score in result.scores
    )
    return (
        f'<p class="ss-foipw-verdict" data-winner="{esc(";".join(result.winners))}">'
        f"<b>{head}</b></p>"
        f'<table style="border-collapse:collapse"><tr><th>version</th><th>weighted score</th>'
        f"</tr>{rows}</table><p>{esc(result.explanation)}</p>"
    )


# -- the competing offers ----------------------------------------------------------------------


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
    from smallstate.datasets import load
    from smallstate.sources import cite

    figures = load("figures").set_index("id")
    picked = _check(ids, list(figures.index), "figure id(s)")
    sub = figures.loc[picked].reset_index()
    if (sub["unit"] != "USD").any():
        raise ValueError("offers_table: every figure must be in USD")
    us = float(figures["value"].astype(float)["F002"])
    out = sub[["id", "entity", "indicator", "value", "as_stated", "qualifier", "ambiguous"]].copy()
    out["value"] = out["value"].astype(float)
    out["cited"] = [cite(k, loc) for k, loc in zip(sub["source"], sub["locator"], strict=True)]
    out["times_us"] = (out["value"] / us).round().astype("int64")
    return out


def plot_offers(ids: Sequence[str] = OFFER_IDS) -> CourseFigure:
    """Horizontal bars of the offers in USD on a **log scale**, labelled with the source's words.

    A log scale is needed because the sums differ by orders of magnitude: on a linear axis
    everything but the BRI pledge would be invisible.

    Examples
    --------
    >>> fig = plot_offers(["F001", "F002"])
    >>> fig.figure.axes[0].get_xscale()
    'log'
    >>> fig.close()
    """
    table = offers_table(ids)
    labels = (table["entity"] + ": " + table["indicator"]).str.wrap(38)
    table = table.assign(label=labels)
    parts = ["Bars on a logarithmic axis of US dollars."]
    for row in table.itertuples(index=False):
        flag = " (meaning ambiguous in the source)" if row.ambiguous == "yes" else ""
        parts.append(f"{row.entity}, {row.indicator}: {row.as_stated}{flag}.")
    fig = new_figure(
        "The competing offers (Somanith 2020), log scale",
        alt=" ".join(parts),
        figsize=(8.0, 1.6 + 0.7 * len(table)),
        data=table,
    )
    from smallstate.palette import OKABE_ITO

    colors = [
        OKABE_ITO[6]
        if e.startswith("China")
        else OKABE_ITO[5]
        if e.startswith("United States")
        else OKABE_ITO[3]
        for e in table["entity"]
    ]
    ax = fig.figure.axes[0]
    floor = float(table["value"].min()) / 3
    ax.set_xscale("log")
    positions = range(len(table))
    ax.barh(
        list(positions),
        table["value"] - floor,
        left=floor,
        color=colors,
        edgecolor="#000000",
        linewidth=0.5,
    )
    ax.set_yticks(list(positions), table["label"].tolist())
    ax.invert_yaxis()
    values = table["value"].astype(float).tolist()
    stated = table["as_stated"].astype(str).tolist()
    for i, (value, words) in enumerate(zip(values, stated, strict=True)):
        ax.text(value * 1.15, i, words, va="center", fontsize=9)
    ax.set_xlim(floor, table["value"].max() * 40)
    ax.set_xlabel("US dollars (log scale: each step is ten times the one before)")
    ax.set_ylabel("")
    return fig


# -- the FOIP scope read by Somanith's framework ---------------------------------------------


def foip_verdicts(evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """Somanith's reading of every actor's FOIP-scope acts, with its rule and act ids.

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
    from smallstate.classification import classify
    from smallstate.evidence import course_evidence

    ev = course_evidence() if evidence is None else evidence
    foip = ev[ev["scope"].astype(str) == "FOIP"]
    out = classify(foip, "somanith")
    return out[["actor", "target", "label", "rule_ids", "rationale", "evidence_ids"]].reset_index(
        drop=True
    )
