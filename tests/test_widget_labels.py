"""Every widget shows verdict labels by their readable names (the one label registry in
``smallstate.plots.palette``), never the raw ids, in the text a learner reads."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from smallstate.plots import LABEL_NAMES, label_name

RAW_IDS = [label for label in LABEL_NAMES if "_" in label]


def _texts(widget: Any) -> Iterator[str]:
    """The visible text of every HTML/Label in a widget tree (tags and attributes removed)."""
    import ipywidgets as w

    if isinstance(widget, w.HTML | w.Label | w.HTMLMath):
        yield html.unescape(re.sub(r"<[^>]*>", " ", str(widget.value)))
    if isinstance(widget, w.Dropdown | w.Select | w.SelectMultiple | w.RadioButtons):
        yield from (str(label) for label in widget._options_labels)
    for child in getattr(widget, "children", ()):
        yield from _texts(child)


def _builders() -> dict[str, Callable[[], Any]]:
    from smallstate import course_evidence
    from smallstate.analysis import asean
    from smallstate.widgets import (
        DisagreementExplorer,
        ScopeSwitch,
        StrategyBuilder,
        ThreatExplorer,
        TimelineExplorer,
    )

    def strategy() -> Any:
        builder = StrategyBuilder(plot=False)
        for stance in ("deference", "deference", "diversification"):
            builder.add_act("economic", stance)
        return builder

    def threat() -> Any:
        explorer = ThreatExplorer(plot=False)
        explorer.gains.value = 10  # Schweller: bandwagoning for profit
        return explorer

    return {
        "strategy": strategy,
        "threat": threat,
        "timeline": lambda: TimelineExplorer(),
        "disagreement": lambda: DisagreementExplorer(
            course_evidence("evidence_seeds"),
            case=("KHM", "CHN", "all", "2013-2016"),
            framework="leng",
        ),
        "scope": lambda: ScopeSwitch(asean.scope_switch()),
    }


@pytest.mark.parametrize("name", list(_builders()))
def test_widget_text_uses_readable_label_names(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Rename every label in the registry: a widget that writes its own names (or the raw
    # ids) instead of calling label_name() then shows none of the new names.
    for label, readable in list(LABEL_NAMES.items()):
        monkeypatch.setitem(LABEL_NAMES, label, f"{readable.upper()} (registry)")
    widget = _builders()[name]()
    text = " ".join(_texts(widget.widget))
    assert text.strip(), f"{name}: no text found"
    raw = [label for label in RAW_IDS if re.search(rf"\b{label}\b", text)]
    assert not raw, f"{name} shows raw label ids {raw}; use label_name()"
    shown = [label for label in LABEL_NAMES if label_name(label) in text]
    assert shown, f"{name}: no verdict label is shown through label_name()"
