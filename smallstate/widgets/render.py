"""HTML rendering shared by the widgets: verdict tables and weighting results.

Widgets write their results into ``ipywidgets.HTML`` values; the functions here turn library
results into that HTML, so no widget imports another widget.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from smallstate.analysis.foip import WeightingResult, versions

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["render_flips", "render_verdicts", "render_weighting"]


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

    from smallstate.plots import LABEL_COLORS, label_name

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
            from smallstate.analysis.spectrum import case_names

            cells.append(case_names(pd.DataFrame([row])).iloc[0])
        cells += [str(row.get("framework", ""))]
        cells = [html.escape(c) for c in cells]
        cells.append(
            f"<span style='border-left:0.8em solid {colour};padding-left:0.3em'>"
            f"<b>{html.escape(label_name(label))}</b></span>"
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


def render_weighting(result: WeightingResult) -> str:
    """HTML for a :class:`WeightingResult`: the verdict line, the score table, the reasoning.

    Examples
    --------
    >>> from smallstate.analysis.foip import back
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
        f'<td style="padding:2px 8px;text-align:right">{score:g}</td></tr>'
        for vid, score in result.scores
    )
    return (
        f'<p class="ss-foipw-verdict" data-winner="{esc(";".join(result.winners))}">'
        f"<b>{head}</b></p>"
        f'<table style="border-collapse:collapse"><tr><th>version</th><th>weighted score</th>'
        f"</tr>{rows}</table><p>{esc(result.explanation)}</p>"
    )


def render_flips(
    table: pd.DataFrame, base_label: str, *, css_class: str = "ss-disagree-flips"
) -> str:
    """Render the output of :func:`smallstate.analysis.disagreement.flips` as an HTML table.

    ``css_class`` names the wrapping element (each widget uses its own prefix).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"assumption": ["coding of act L05"], "from": ["diversification"],
    ...                   "to": ["defiance"], "label": ["hedging"]})
    >>> "defiance" in render_flips(t, "soft_bandwagoning")
    True
    >>> "No single change" in render_flips(t.iloc[0:0], "hedging")
    True
    """
    from smallstate.plots import label_name

    base = html.escape(label_name(base_label))
    if table.empty:
        return (
            f"<div class='{css_class}'><p>No single change of these assumptions flips "
            f"the label <b>{base}</b>: it is robust to each of them taken alone.</p></div>"
        )
    rows = "".join(
        "<tr>"
        f"<td style='text-align:left'>{html.escape(str(r['assumption']))}</td>"
        f"<td>{html.escape(str(r['from']))}</td><td>{html.escape(str(r['to']))}</td>"
        f"<td><b>{html.escape(label_name(str(r['label'])))}</b></td>"
        "</tr>"
        for r in table.to_dict("records")
    )
    return (
        f"<div class='{css_class}'>"
        f"<p>Single changes that flip <b>{base}</b> ({len(table)}):</p>"
        "<table><thead><tr><th style='text-align:left'>assumption</th><th>from</th>"
        f"<th>to</th><th>new label</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )
