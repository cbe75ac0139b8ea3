"""StrategyBuilder: compose the foreign policy of a fictional small state, act by act.

The learner plays the foreign ministry of *Ruritania*, a fictional small state, facing a
fictional great power. Each act has a domain, a stance towards the great power and an
intensity; the learner adds and removes acts and watches every framework of the course label
the resulting policy, each with its reasons, and Kuik's position on the spectrum from power
rejection (-1) to power acceptance (+1).

The acts form a real evidence table (validated by :func:`smallstate.evidence.validate_evidence`)
and are classified by :func:`smallstate.classify`, exactly as the Cambodian cases are. The
fictional states use ISO 3166-1 *user-assigned* codes (``XRU``, ``XGP``, ``XOP``), which no
real country carries (see ``smallstate.evidence.FICTIONAL_CODES``).

Following the widget contract (``docs/ARCHITECTURE.md``), results go into ``HTML`` and
``Image`` widgets, never into an ``Output`` widget, and every part has a CSS class:

==========================  ===========================================================
class                       part
==========================  ===========================================================
``ss-strategy-domain``      Dropdown: domain of the new act
``ss-strategy-stance``      Dropdown: stance of the new act towards the great power
``ss-strategy-intensity``   Dropdown: intensity (1 rhetorical, 2 programmatic, 3 binding)
``ss-strategy-aimed``       Dropdown: is the act aimed at checking the great power?
``ss-strategy-preview``     HTML: the act that Add would add (updates on every choice)
``ss-strategy-add``         Button: add the act
``ss-strategy-remove-act``  Dropdown: the act to remove
``ss-strategy-remove``      Button: remove it
``ss-strategy-acts``        HTML: the acts so far
``ss-strategy-verdicts``    HTML: the label under every framework with its reasons
``ss-strategy-plot``        HTML: Kuik's position on the spectrum, as an img with alt text
==========================  ===========================================================

Examples
--------
>>> from smallstate.widgets.strategy_builder import StrategyBuilder
>>> builder = StrategyBuilder(plot=False)
>>> len(builder.evidence)
2
>>> builder.stance.value = "defiance"
>>> builder.add.click()
>>> len(builder.evidence), builder.evidence["stance"].iloc[-1]
(3, 'defiance')
>>> "kuik" in set(builder.verdicts["framework"])
True
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from smallstate.errors import unknown
from smallstate.evidence.fictional import STANCE_TEXT, STARTING_ACTS, fictional_evidence
from smallstate.evidence.schema import INTENSITY_LABELS
from smallstate.widgets.base import CourseWidget
from smallstate.widgets.figure_view import FigureView
from smallstate.widgets.render import render_verdicts

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = ["StrategyBuilder"]


def _framework_ids(frameworks: Sequence[str] | None) -> list[str]:
    from smallstate.frameworks import FRAMEWORKS

    return list(frameworks) if frameworks is not None else list(FRAMEWORKS)


class StrategyBuilder(CourseWidget):
    """Add and remove Ruritania's acts; see every framework's label and Kuik's position.

    Parameters
    ----------
    acts
        Starting acts, tuples ``(domain, stance, intensity[, aimed])``
        (default :data:`STARTING_ACTS`).
    frameworks
        Framework ids to show (default: every framework in ``FRAMEWORKS``).
    plot
        Draw the spectrum (set ``False`` for a text-only panel, e.g. in fast tests).

    Attributes
    ----------
    domain, stance, intensity, aimed : ipywidgets.Dropdown
        The new act's fields.
    preview : ipywidgets.HTML
        The act that Add would add.
    add : ipywidgets.Button
        Adds the act.
    remove_act : ipywidgets.Dropdown
        Which act to remove (options are the act ids).
    remove : ipywidgets.Button
        Removes it.
    acts_view, result : ipywidgets.HTML
        The acts so far; the verdicts under every framework with reasons.
    plot : ipywidgets.HTML
        Kuik's position on the spectrum (PNG).
    acts : list of tuple
        The current acts.
    evidence : pandas.DataFrame
        The current acts as a validated evidence table.
    verdicts : pandas.DataFrame
        One row per framework (the rows of :func:`smallstate.classify`).
    widget : ipywidgets.VBox
        The root widget.
    """

    def __init__(
        self,
        acts: Iterable[Sequence[Any]] | None = None,
        *,
        frameworks: Sequence[str] | None = None,
        plot: bool = True,
    ) -> None:
        import ipywidgets as w

        from smallstate.evidence import DOMAINS, STANCES

        self.acts: list[tuple[str, str, int, str]] = [
            (a[0], a[1], int(a[2]), a[3] if len(a) > 3 else "no")
            for a in (STARTING_ACTS if acts is None else acts)
        ]
        self.frameworks = _framework_ids(frameworks)
        self._draw = plot
        style = {"description_width": "90px"}
        layout = w.Layout(width="260px")
        self.domain = w.Dropdown(
            options=list(DOMAINS),
            value="security",
            description="Domain",
            style=style,
            layout=layout,
        )
        self.stance = w.Dropdown(
            options=list(STANCES),
            value="deference",
            description="Stance",
            style=style,
            layout=layout,
        )
        self.intensity = w.Dropdown(
            options=[(text, level) for level, text in INTENSITY_LABELS.items()],
            value=2,
            description="Intensity",
            style=style,
            layout=layout,
        )
        self.aimed = w.Dropdown(
            options=[("no", "no"), ("yes: meant to check it", "yes"), ("unknown", "unknown")],
            value="no",
            description="Aimed at it?",
            style=style,
            layout=layout,
        )
        self.add = w.Button(description="Add act", button_style="primary", icon="plus")
        self.remove_act = w.Dropdown(options=[], description="Act", style=style, layout=layout)
        self.remove = w.Button(description="Remove act", icon="minus")
        self.preview = w.HTML()
        self.acts_view = w.HTML()
        self.result = w.HTML()
        self.plot = w.HTML(layout=w.Layout(max_width="720px"))
        for control, part in (
            (self.domain, "domain"),
            (self.stance, "stance"),
            (self.intensity, "intensity"),
            (self.aimed, "aimed"),
            (self.preview, "preview"),
            (self.add, "add"),
            (self.remove_act, "remove-act"),
            (self.remove, "remove"),
            (self.acts_view, "acts"),
            (self.result, "verdicts"),
            (self.plot, "plot"),
        ):
            control.add_class(f"ss-strategy-{part}")
        intro = w.HTML(
            "<small>Ruritania (code XRU) is a fictional small state; the Great Power (XGP) "
            "and the Other Power (XOP) are fictional too. Every act you add is a row of a "
            "real evidence table, classified by <code>smallstate.classify</code>.</small>"
        )
        self.widget = w.VBox(
            [
                intro,
                w.HBox(
                    [
                        w.VBox([self.domain, self.stance]),
                        w.VBox([self.intensity, self.aimed]),
                        self.add,
                    ]
                ),
                self.preview,
                w.HBox([self.remove_act, self.remove]),
                self.acts_view,
                self.result,
                self.plot,
            ]
        )
        self.widget.add_class("ss-strategy")
        self.add.on_click(self._on_add)
        for control in (self.domain, self.stance, self.intensity, self.aimed):
            control.observe(self._update_preview, names="value")
        self._update_preview()
        self.remove.on_click(self._on_remove)
        self.evidence: pd.DataFrame
        self.verdicts: pd.DataFrame
        self.figures = FigureView(self.plot, dpi=80, close=False)
        self._update()

    # -- actions -----------------------------------------------------------------------------
    def add_act(self, domain: str, stance: str, intensity: int = 2, aimed: str = "no") -> str:
        """Add one act and refresh the verdicts; return its act id."""
        self.acts.append((domain, stance, int(intensity), aimed))
        self._update()
        return f"R{len(self.acts):02d}"

    def remove_act_id(self, act_id: str) -> None:
        """Remove the act with this id (ids are renumbered afterwards) and refresh."""
        ids = [f"R{i:02d}" for i in range(1, len(self.acts) + 1)]
        if act_id not in ids:
            raise unknown("act id", act_id, ids, where="among the current acts")
        del self.acts[ids.index(act_id)]
        self._update()

    def _update_preview(self, _change: Any = None) -> None:
        level = INTENSITY_LABELS[int(self.intensity.value)].split(" ", 1)[-1]
        aimed = {
            "yes": "meant to check it",
            "no": "not meant to check it",
            "unknown": "aim unknown",
        }[self.aimed.value]
        self.preview.value = (
            f"<p>Next act: Ruritania {html.escape(STANCE_TEXT[self.stance.value])} "
            f"({html.escape(self.domain.value)}, {html.escape(level)}; {aimed}).</p>"
        )

    def _on_add(self, _button: Any = None) -> None:
        self.add_act(self.domain.value, self.stance.value, self.intensity.value, self.aimed.value)

    def _on_remove(self, _button: Any = None) -> None:
        if self.remove_act.value:
            self.remove_act_id(self.remove_act.value)

    # -- views -------------------------------------------------------------------------------
    def _classify(self) -> pd.DataFrame:
        import pandas as pd

        from smallstate.verdicts import classify_frameworks

        if not self.acts:
            return pd.DataFrame(
                {
                    "framework": self.frameworks,
                    "label": "insufficient_evidence",
                    "position": float("nan"),
                    "rationale": "No acts yet: add one.",
                    "evidence_ids": "",
                }
            )
        # validated once, one profiles table shared by the frameworks that pool cases alike
        return classify_frameworks(self.evidence, self.frameworks)

    def _update(self) -> None:
        self.evidence = fictional_evidence(self.acts)
        self.verdicts = self._classify()
        ids = self.evidence["act_id"].astype(str).tolist()
        self.remove_act.options = ids
        self.remove_act.value = ids[-1] if ids else None
        self.acts_view.value = _render_acts(self.evidence)
        self.result.value = render_verdicts(self.verdicts)
        if self._draw:
            from smallstate.plots.spectrum import plot_spectrum, update_spectrum

            kuik, names = self._spectrum()
            # the point moves on the chart already drawn (cheaper than a new chart)
            self.figures.show_kept(
                tuple(map(tuple, self.acts)),
                lambda: plot_spectrum(kuik, names=names, title="Ruritania on Kuik's spectrum"),
                lambda chart: update_spectrum(chart, kuik, names=names),
            )

    def _spectrum(self) -> tuple[Any, list[str]]:
        kuik = self.verdicts.loc[self.verdicts["framework"].eq("kuik")]
        return kuik, ["Ruritania"] * len(kuik)


def _render_acts(evidence: pd.DataFrame) -> str:
    if evidence.empty:
        return "<p><i>Ruritania has no acts yet.</i></p>"
    rows = "".join(
        f"<tr><td>{html.escape(str(r['act_id']))}</td><td>{html.escape(str(r['domain']))}</td>"
        f"<td>{html.escape(str(r['stance']))}</td><td>{int(r['intensity'])}</td>"
        f"<td>{html.escape(str(r['aimed_at_target']))}</td>"
        f"<td style='text-align:left'>{html.escape(str(r['description']))}</td></tr>"
        for r in evidence.to_dict("records")
    )
    return (
        "<table class='ss-strategy-table'><thead><tr><th>act</th><th>domain</th><th>stance</th>"
        "<th>intensity</th><th>aimed</th><th style='text-align:left'>description</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
    )
