"""The threat scores of two powers as a bar chart (the model is :mod:`smallstate.analysis.threat`).

Examples
--------
>>> from smallstate.analysis.threat import Power, predict
>>> a = Power("Power A", aggregate_power=8, proximity=9, offensive_capability=7,
...           aggressive_intentions=6)
>>> b = Power("Power B", aggregate_power=9, proximity=2, offensive_capability=8,
...           aggressive_intentions=3)
>>> threat_chart(predict(a, b)).title
'Sources of threat: Power A and Power B'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smallstate.analysis.threat import (
    SOURCE_LABELS,
    Power,
    ThreatPrediction,
    format_score,
    threat_table,
)

if TYPE_CHECKING:  # pragma: no cover
    from smallstate.plots.figure import CourseFigure


__all__ = ["threat_chart"]


def threat_chart(
    prediction: ThreatPrediction, *, figsize: tuple[float, float] = (6.4, 3.4)
) -> CourseFigure:
    """Bar chart of the four sources of threat and the threat score of both powers.

    Examples
    --------
    >>> from smallstate.analysis.threat import Power, predict
    >>> fig = threat_chart(predict(Power("A", 8, 9, 7, 6), Power("B", 9, 2, 8, 3)))
    >>> fig.title
    'Sources of threat: A and B'
    >>> "threat score 7.5" in fig.alt
    True
    >>> fig.close()
    """
    import seaborn as sns

    from smallstate.plots.figure import new_figure
    from smallstate.plots.palette import colors_for

    table = threat_table(prediction)
    a, b = prediction.a, prediction.b

    def describe(power: Power, score: float) -> str:
        parts = ", ".join(
            f"{SOURCE_LABELS[s]} {format_score(v)}" for s, v in power.components().items()
        )
        return f"{power.name}: {parts}, threat score {format_score(score)}"

    alt = (
        "Grouped bar chart on a 0 to 10 scale of the four sources of threat and the threat "
        f"score. {describe(a, prediction.threat_a)}. {describe(b, prediction.threat_b)}."
    )
    fig = new_figure(f"Sources of threat: {a.name} and {b.name}", alt, figsize=figsize, data=table)
    ax = fig.figure.axes[0]
    sns.barplot(
        data=table, x="source", y="value", hue="power", ax=ax, palette=colors_for([a.name, b.name])
    )
    ax.set_ylim(0, 10)
    ax.set_xlabel("")
    ax.set_ylabel("score (0-10)")
    ax.tick_params(axis="x", labelrotation=20)
    ax.legend(title=None, loc="upper right", fontsize="small")
    return fig
