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
``ss-strategy-plot``        Image: Kuik's position on the spectrum
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
from typing import TYPE_CHECKING, Any, Final

from smallstate.widgets.base import CourseWidget

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "ACTOR",
    "OTHER_POWER",
    "STARTING_ACTS",
    "TARGET",
    "StrategyBuilder",
    "fictional_evidence",
    "render_verdicts",
]

#: Fictional codes (ISO 3166-1 user-assigned range, never a real country).
ACTOR: Final[str] = "XRU"
TARGET: Final[str] = "XGP"
OTHER_POWER: Final[str] = "XOP"

#: Names shown to learners.
NAMES: Final[dict[str, str]] = {
    ACTOR: "Ruritania",
    TARGET: "the Great Power",
    OTHER_POWER: "the Other Power",
}

INTENSITY_LABELS: Final[dict[int, str]] = {
    1: "1 rhetorical",
    2: "2 programmatic",
    3: "3 binding commitment",
}

#: What each stance means for Ruritania's act (used to write the act's description).
STANCE_TEXT: Final[dict[str, str]] = {
    "deference": "accommodates the Great Power",
    "defiance": "resists or checks the Great Power",
    "diversification": "deepens ties with the Other Power",
    "binding": "draws the Great Power into shared institutions",
    "abstention": "stays silent or abstains on the Great Power's initiative",
}

#: Counterpart of an act by stance: the target itself, the other power, or the UN.
COUNTERPART: Final[dict[str, str]] = {
    "deference": TARGET,
    "defiance": TARGET,
    "diversification": OTHER_POWER,
    "binding": "UN",
    "abstention": TARGET,
}

#: The two acts Ruritania starts with: economic deference and diplomatic diversification.
STARTING_ACTS: Final[tuple[tuple[str, str, int, str], ...]] = (
    ("economic", "deference", 2, "no"),
    ("diplomatic", "diversification", 2, "no"),
)

#: Every fictional act cites this string as its source: there is no real source.
HYPOTHETICAL_SOURCE: Final[str] = "hypothetical"


def fictional_evidence(acts: Iterable[Sequence[Any]]) -> pd.DataFrame:
    """Build a validated evidence table for Ruritania from ``(domain, stance, intensity, aimed)``.

    Each act gets an id ``R01``, ``R02``..., a year (2001, 2002, ... in order), a
    counterpart chosen from its stance (:data:`COUNTERPART`) and a one-line description. The
    source is ``"hypothetical"``: these acts are invented for teaching.

    Parameters
    ----------
    acts
        Tuples ``(domain, stance, intensity)`` or ``(domain, stance, intensity, aimed)``,
        ``aimed`` being ``"yes"``, ``"no"`` or ``"unknown"`` (default ``"no"``).

    Returns
    -------
    pandas.DataFrame
        The typed copy returned by :func:`smallstate.evidence.validate_evidence`.

    Examples
    --------
    >>> ev = fictional_evidence([("security", "defiance", 3, "yes")])
    >>> ev[["act_id", "actor", "target", "counterpart", "stance"]].values.tolist()
    [['R01', 'XRU', 'XGP', 'XGP', 'defiance']]
    >>> ev["description"].iloc[0]
    'Ruritania resists or checks the Great Power (security, binding commitment).'
    """
    import pandas as pd

    from smallstate.evidence import ALL_COLUMNS, validate_evidence

    rows = []
    for i, act in enumerate(acts, start=1):
        domain, stance, intensity = act[0], act[1], int(act[2])
        aimed = act[3] if len(act) > 3 else "no"
        if stance not in STANCE_TEXT:
            raise ValueError(f"unknown stance {stance!r}; expected one of {list(STANCE_TEXT)}")
        level = INTENSITY_LABELS.get(intensity, str(intensity)).split(" ", 1)[-1]
        rows.append(
            {
                "act_id": f"R{i:02d}",
                "actor": ACTOR,
                "target": TARGET,
                "counterpart": COUNTERPART[stance],
                "date": str(2000 + i),
                "domain": domain,
                "stance": stance,
                "intensity": str(intensity),
                "aimed_at_target": aimed,
                "source": HYPOTHETICAL_SOURCE,
                "locator": "fictional act",
                "description": f"Ruritania {STANCE_TEXT[stance]} ({domain}, {level}).",
                "motive": "unknown",
                "scope": "",
                "period": "",
                "contested": "no",
                "note": "Invented for teaching; Ruritania is fictional.",
            }
        )
    frame = pd.DataFrame(rows, columns=list(ALL_COLUMNS))
    return validate_evidence(frame)


def _framework_ids(frameworks: Sequence[str] | None) -> list[str]:
    from smallstate.frameworks import FRAMEWORKS

    return list(frameworks) if frameworks is not None else list(FRAMEWORKS)


def _framework_title(framework_id: str) -> str:
    from smallstate.frameworks import get_framework

    fw = get_framework(framework_id)
    return str(getattr(fw, "name", None) or getattr(fw, "title", None) or framework_id)


def render_verdicts(verdicts: pd.DataFrame, *, case_column: bool = False) -> str:
    """Render verdict rows as an HTML table: framework, label, position, reasons, act ids.

    Parameters
    ----------
    verdicts
        Rows as returned by :func:`smallstate.classify` (``framework``, ``label``,
        ``position``, ``rationale``, ``evidence_ids``).
    case_column
        Add a first column naming the case.

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.DataFrame({"framework": ["leng"], "label": ["soft_bandwagoning"],
    ...                   "position": [None], "rationale": ["No defiance <found>."],
    ...                   "evidence_ids": [("L1", "L2")]})
    >>> text = render_verdicts(v)
    >>> "soft bandwagoning" in text, "&lt;found&gt;" in text, "L1, L2" in text
    (True, True, True)
    """
    import pandas as pd

    from smallstate.palette import LABEL_COLORS

    head = ["case"] if case_column else []
    head += ["framework", "label", "position", "reasons", "acts"]
    out = ['<table class="ss-verdicts"><thead><tr>']
    out += [f"<th style='text-align:left'>{h}</th>" for h in head]
    out.append("</tr></thead><tbody>")
    for row in verdicts.to_dict("records"):
        label = str(row.get("label", ""))
        colour = LABEL_COLORS.get(label, "#999999")
        position = row.get("position")
        pos = "" if position is None or pd.isna(position) else f"{float(position):+.2f}"
        ids = row.get("evidence_ids", "")
        if not isinstance(ids, str):
            ids = ", ".join(str(i) for i in ids)
        cells = []
        if case_column:
            from smallstate.spectrum import case_names

            cells.append(case_names(pd.DataFrame([row])).iloc[0])
        cells += [str(row.get("framework", ""))]
        cells = [html.escape(c) for c in cells]
        cells.append(
            f"<span style='border-left:0.8em solid {colour};padding-left:0.3em'>"
            f"<b>{html.escape(label.replace('_', ' '))}</b></span>"
        )
        cells.append(pos)
        cells.append(html.escape(str(row.get("rationale", ""))))
        cells.append(html.escape(ids))
        out.append(
            "<tr>"
            + "".join(f"<td style='text-align:left;vertical-align:top'>{c}</td>" for c in cells)
            + "</tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


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
    plot : ipywidgets.Image
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
        self.plot = w.Image(format="png", layout=w.Layout(max_width="720px"))
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
            raise KeyError(f"no act {act_id!r}; current acts: {ids}")
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

        from smallstate.classification import classify

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
        tables = [classify(self.evidence, framework=fid) for fid in self.frameworks]
        return pd.concat(tables, ignore_index=True)

    def _update(self) -> None:
        self.evidence = fictional_evidence(self.acts)
        self.verdicts = self._classify()
        ids = self.evidence["act_id"].astype(str).tolist()
        self.remove_act.options = ids
        self.remove_act.value = ids[-1] if ids else None
        self.acts_view.value = _render_acts(self.evidence)
        self.result.value = render_verdicts(self.verdicts)
        if self._draw:
            self.plot.value = self._spectrum_png()

    def _spectrum_png(self) -> bytes:
        from smallstate.spectrum import plot_spectrum

        kuik = self.verdicts.loc[self.verdicts["framework"].eq("kuik")]
        fig = plot_spectrum(
            kuik,
            names=["Ruritania"] * len(kuik),
            title="Ruritania on Kuik's spectrum",
        )
        return fig.png(dpi=80, close=True)


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
