"""DisagreementExplorer: change one assumption at a time and see whether a verdict survives.

Leng (2016) and Samath (2020) read much the same Cambodian record and disagree about whether
Cambodia hedges. This widget lays the assumptions behind a verdict out as controls: the
framework (which definition), whether restraint counts as defiance, the share of acts that
makes a pattern, the years looked at, and the coding of every contested act. The result panel
shows the verdict with its reasons and the act ids behind them, and the single changes of
assumption that would flip the label (computed by :func:`smallstate.analysis.disagreement.flips`).

Following the widget contract (``docs/ARCHITECTURE.md``), results go into an ``HTML`` widget,
never into an ``Output`` widget, and every part has a CSS class:

==========================  ===========================================================
class                       part
==========================  ===========================================================
``ss-disagree-framework``   Dropdown: the framework
``ss-disagree-restraint``   Checkbox: restraint counts as defiance
``ss-disagree-minshare``    FloatSlider: minimum share of acts for a pattern
``ss-disagree-window``      IntRangeSlider: first and last year
``ss-disagree-act``         Dropdown (one per contested act): its stance
``ss-disagree-result``      HTML: verdict, reasons, act ids, and the flips
==========================  ===========================================================

A control whose parameter the chosen framework does not have is disabled (and not passed).

Examples
--------
>>> from smallstate.widgets.disagreement_explorer import DisagreementExplorer
>>> ex = DisagreementExplorer(framework="leng")
>>> ex.framework.value
'leng'
>>> ex.label == ex.current["label"]
True
>>> "ss-disagree-flips" in ex.result.value
True
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from smallstate.errors import unknown
from smallstate.widgets.base import CourseWidget
from smallstate.widgets.figure_view import SelectionCache
from smallstate.widgets.render import render_flips

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["DisagreementExplorer", "render_flips"]

#: Widget controls and the framework parameter each one sets.
CONTROL_PARAMETERS: dict[str, str] = {
    "restraint": "restraint_counts_as_defiance",
    "minshare": "min_share",
}


class DisagreementExplorer(CourseWidget):
    """Controls for every assumption behind one case's verdict, and what flips it.

    Parameters
    ----------
    evidence
        The evidence table (default: ``datasets/evidence_seeds.csv``).
    case
        ``(actor, target, scope, period)``; missing parts mean ``"all"``.
    framework
        The framework selected at the start.
    frameworks
        Framework ids offered (default: all of ``FRAMEWORKS``).
    show_flips
        Compute the flips table on every change (set ``False`` for speed in tests).

    Attributes
    ----------
    framework : ipywidgets.Dropdown
    restraint : ipywidgets.Checkbox
    minshare : ipywidgets.FloatSlider
    window : ipywidgets.IntRangeSlider
    acts : dict of str to ipywidgets.Dropdown
        One stance dropdown per contested act of the case, keyed by act id.
    result : ipywidgets.HTML
    current : dict
        The latest verdict (``label``, ``position``, ``rationale``, ``evidence_ids``).
    flips : pandas.DataFrame
        The latest flips table.
    widget : ipywidgets.VBox
    """

    def __init__(
        self,
        evidence: pd.DataFrame | None = None,
        case: Sequence[str] | Mapping[str, str] = ("KHM", "CHN", "all", "2013-2016"),
        framework: str = "leng",
        *,
        frameworks: Sequence[str] | None = None,
        show_flips: bool = True,
    ) -> None:
        import ipywidgets as w

        from smallstate.evidence import (
            STANCES,
            act_years,
            case_acts,
            contested_acts,
            normalise_case,
        )
        from smallstate.frameworks import FRAMEWORKS

        if evidence is None:
            from smallstate.evidence import course_evidence

            evidence = course_evidence("evidence_seeds")
        self.evidence = evidence
        self.case = normalise_case(case)
        self._show_flips = show_flips
        acts = case_acts(evidence, self.case)
        if acts.empty:
            raise ValueError(f"the evidence has no acts for the case {self.case}")
        ids = list(frameworks) if frameworks is not None else list(FRAMEWORKS)
        if framework not in ids:
            raise unknown("framework", framework, ids)
        years = act_years(acts)
        style = {"description_width": "190px"}
        self.framework = w.Dropdown(
            options=ids,
            value=framework,
            description="Framework",
            style=style,
            layout=w.Layout(width="360px"),
        )
        self.restraint = w.Checkbox(
            value=False, description="Restraint counts as defiance", indent=False
        )
        self.minshare = w.FloatSlider(
            value=0.5,
            min=0.0,
            max=1.0,
            step=0.05,
            description="Minimum share for a pattern",
            continuous_update=False,
            readout_format=".2f",
            style=style,
            layout=w.Layout(width="460px"),
        )
        self.window = w.IntRangeSlider(
            value=(int(years.min()), int(years.max())),
            min=int(years.min()),
            max=int(years.max()),
            step=1,
            description="Years",
            continuous_update=False,
            style=style,
            layout=w.Layout(width="460px"),
        )
        self.acts: dict[str, w.Dropdown] = {}
        contested = contested_acts(evidence, self.case)
        self._original: dict[str, str] = {}
        notes = []
        for row in contested.to_dict("records"):
            act_id = str(row["act_id"])
            stance = str(row["stance"])
            self._original[act_id] = stance
            dropdown = w.Dropdown(
                options=list(STANCES),
                value=stance,
                description=act_id,
                style={"description_width": "80px"},
                layout=w.Layout(width="260px"),
            )
            dropdown.add_class("ss-disagree-act")
            self.acts[act_id] = dropdown
            note = str(row.get("note") or "")
            text = str(row.get("description") or "")
            notes.append(
                f"<li><b>{html.escape(act_id)}</b> (coded {html.escape(stance)}): "
                f"{html.escape(text)}" + (f" <i>{html.escape(note)}</i>" if note else "") + "</li>"
            )
        self.result = w.HTML()
        for control, part in (
            (self.framework, "framework"),
            (self.restraint, "restraint"),
            (self.minshare, "minshare"),
            (self.window, "window"),
            (self.result, "result"),
        ):
            control.add_class(f"ss-disagree-{part}")
        contested_box: list[Any] = []
        if self.acts:
            contested_box = [
                w.HTML(
                    "<b>Contested acts</b>: recode them (the note says why each is arguable)"
                    f"<ul>{''.join(notes)}</ul>"
                ),
                w.GridBox(
                    list(self.acts.values()),
                    layout=w.Layout(grid_template_columns="repeat(3, 270px)"),
                ),
            ]
        title = w.HTML(
            f"<b>Case</b>: {html.escape(' / '.join(self.case))} "
            f"({len(acts)} acts, {len(contested)} contested)"
        )
        self.widget = w.VBox(
            [
                title,
                self.framework,
                self.restraint,
                self.minshare,
                self.window,
                *contested_box,
                self.result,
            ]
        )
        self.widget.add_class("ss-disagree")
        for control in (
            self.framework,
            self.restraint,
            self.minshare,
            self.window,
            *self.acts.values(),
        ):
            control.observe(self._update, names="value")
        self.current: dict[str, Any]
        self.flips: pd.DataFrame
        self._verdicts = SelectionCache()
        self._flips = SelectionCache()
        self._sync_parameters()
        self._update()

    # -- state -------------------------------------------------------------------------------
    def _framework_parameters(self) -> dict[str, Any]:
        from smallstate.frameworks import get_framework

        return {str(p.name): p for p in get_framework(self.framework.value).parameters}

    def _sync_parameters(self) -> None:
        """Enable the controls the framework has a parameter for; show its default."""
        available = self._framework_parameters()
        self._syncing = True
        try:
            for part, name in CONTROL_PARAMETERS.items():
                control = getattr(self, part)
                control.disabled = name not in available
                if name in available and part == "minshare":
                    # the slider spans what the parameter accepts (min_share: 0 to 0.5)
                    parameter = available[name]
                    if parameter.maximum is not None:
                        control.max = float(parameter.maximum)
                    if parameter.minimum is not None:
                        control.min = float(parameter.minimum)
                if name in available:
                    default = getattr(available[name], "default", None)
                    if default is not None:
                        control.value = bool(default) if part == "restraint" else float(default)
        finally:
            self._syncing = False

    @property
    def params(self) -> dict[str, Any]:
        """The parameter values in force (only those the framework has)."""
        available = self._framework_parameters()
        out: dict[str, Any] = {}
        if "restraint_counts_as_defiance" in available:
            out["restraint_counts_as_defiance"] = bool(self.restraint.value)
        if "min_share" in available:
            out["min_share"] = round(float(self.minshare.value), 4)
        return out

    @property
    def codings(self) -> dict[str, str]:
        """Contested acts whose stance differs from the evidence table."""
        return {a: d.value for a, d in self.acts.items() if d.value != self._original[a]}

    @property
    def window_years(self) -> tuple[int, int]:
        """The window as ``(first_year, last_year)``."""
        return (int(self.window.value[0]), int(self.window.value[1]))

    @property
    def label(self) -> str:
        """The current label."""
        return str(self.current["label"])

    def reset(self) -> None:
        """Put every contested act back to its coding in the evidence table."""
        for act_id, dropdown in self.acts.items():
            dropdown.value = self._original[act_id]

    # -- views -------------------------------------------------------------------------------
    def _update(self, change: Any = None) -> None:
        import pandas as pd

        from smallstate.analysis.disagreement import Assumptions, flips, verdict
        from smallstate.widgets.render import render_verdicts

        if getattr(self, "_syncing", False):
            return
        owner = change.get("owner") if isinstance(change, dict) else getattr(change, "owner", None)
        if owner is self.framework:
            self._sync_parameters()
        framework = str(self.framework.value)
        params, window, codings = self.params, self.window_years, self.codings
        # Results per set of assumptions: going back to one costs nothing.
        key = (framework, tuple(sorted(params.items())), window, tuple(sorted(codings.items())))
        if self._show_flips:
            # flips() classifies the assumptions in force too (its base): one pass for both
            self.flips = self._flips.get(
                key,
                lambda: flips(
                    self.evidence, self.case, framework, params, window=window, codings=codings
                ),
            )
            base = self.flips.attrs["base"]
            self.current = self._verdicts.get(key, lambda: dict(base))
        else:
            self.current = self._verdicts.get(
                key,
                lambda: verdict(
                    self.evidence, self.case, Assumptions(framework, params, window, codings)
                ),
            )
            self.flips = pd.DataFrame(
                columns=["assumption", "kind", "key", "from", "to", "label", "position", "flips"]
            )
        row = {"framework": framework, **self.current}
        parts = [self._assumptions_html(), render_verdicts(pd.DataFrame([row]))]
        if self._show_flips:
            parts.append(render_flips(self.flips, self.label))
        else:
            parts.append("<div class='ss-disagree-flips'></div>")
        self.result.value = "".join(parts)

    def _assumptions_html(self) -> str:
        """One line stating every assumption in force (so any change shows in the result)."""
        params = self.params
        parts = [f"framework <b>{html.escape(str(self.framework.value))}</b>"]
        if "restraint_counts_as_defiance" in params:
            yes = "yes" if params["restraint_counts_as_defiance"] else "no"
            parts.append(f"restraint counts as defiance: {yes}")
        if "min_share" in params:
            parts.append(f"min_share {params['min_share']:.2f}")
        first, last = self.window_years
        parts.append(f"years {first}-{last}")
        recoded = ", ".join(f"{a} as {s}" for a, s in sorted(self.codings.items()))
        parts.append(f"recoded: {html.escape(recoded) if recoded else 'none'}")
        return f"<p class='ss-disagree-assumptions'>Assumptions: {'; '.join(parts)}.</p>"
