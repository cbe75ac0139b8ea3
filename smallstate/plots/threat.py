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


__all__ = ["threat_chart", "update_threat_chart"]


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

    from smallstate.plots.figure import hatch_groups, new_figure
    from smallstate.plots.palette import greys_for

    table = threat_table(prediction)
    a, b = prediction.a, prediction.b
    fig = new_figure(
        f"Sources of threat: {a.name} and {b.name}", _alt(prediction), figsize=figsize, data=table
    )
    ax = fig.figure.axes[0]
    sns.barplot(
        data=table,
        x="source",
        y="value",
        hue="power",
        ax=ax,
        palette=greys_for(2),  # two powers, not two stances: greys and hatches
        edgecolor="#000000",
        linewidth=0.5,
    )
    ax.set_ylim(0, 10)
    ax.set_xlabel("")
    ax.set_ylabel("score (0-10)")
    ax.tick_params(axis="x", labelrotation=20)
    handles, names = hatch_groups(ax, 2)
    ax.legend(handles, names, title=None, loc="upper right", fontsize="small")
    return fig


def update_threat_chart(chart: CourseFigure, prediction: ThreatPrediction) -> CourseFigure:
    """The same chart with the bars set to a new prediction of the same two powers.

    A widget that shows one chart while sliders move calls this instead of
    :func:`threat_chart`: only the bar heights change, so nothing is laid out or created
    again. The chart's layout is frozen at its last state (its labels do not change).

    Examples
    --------
    >>> from smallstate.analysis.threat import Power, predict
    >>> chart = threat_chart(predict(Power("A", 8, 9, 7, 6), Power("B", 9, 2, 8, 3)))
    >>> new = update_threat_chart(chart, predict(Power("A", 1, 1, 1, 1), Power("B", 9, 2, 8, 3)))
    >>> new.figure is chart.figure, "threat score 1" in new.alt
    (True, True)
    >>> [round(bar.get_height(), 1) for bar in new.figure.axes[0].containers[0]]
    [1.0, 1.0, 1.0, 1.0, 1.0]
    >>> new.close()
    """
    from dataclasses import replace

    from smallstate.plots.figure import freeze_layout

    names = (chart.data["power"].iloc[0], chart.data["power"].iloc[-1])
    if (prediction.a.name, prediction.b.name) != names:
        raise ValueError(f"update_threat_chart: the chart shows {names[0]} and {names[1]}")
    table = threat_table(prediction)
    ax = chart.figure.axes[0]
    for container, name in zip(ax.containers, names, strict=True):
        values = table.loc[table["power"].eq(name), "value"].tolist()
        for bar, value in zip(container, values, strict=True):
            bar.set_height(value)
    freeze_layout(chart.figure)  # the labels stay: lay out once, not on every draw
    return replace(chart, alt=_alt(prediction), data=table)


def _alt(prediction: ThreatPrediction) -> str:
    def describe(power: Power, score: float) -> str:
        parts = ", ".join(
            f"{SOURCE_LABELS[s]} {format_score(v)}" for s, v in power.components().items()
        )
        return f"{power.name}: {parts}, threat score {format_score(score)}"

    return (
        "Grouped bar chart on a 0 to 10 scale of the four sources of threat and the threat "
        f"score. {describe(prediction.a, prediction.threat_a)}. "
        f"{describe(prediction.b, prediction.threat_b)}."
    )
