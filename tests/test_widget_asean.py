"""In-kernel tests of MechanismsExplorer and ScopeSwitch: set controls, assert on HTML/Image."""

from __future__ import annotations

import pytest

from smallstate.analysis.asean import scope_switch
from smallstate.widgets.mechanisms_explorer import MechanismsExplorer
from smallstate.widgets.scope_switch import ScopeSwitch


def test_mechanisms_explorer_classes_and_update() -> None:
    explorer = MechanismsExplorer()
    assert "ss-mech-select" in explorer.select._dom_classes
    assert "ss-mech-result" in explorer.result._dom_classes
    assert "ss-mech-plot" in explorer.plot._dom_classes
    first = explorer.plot.value
    assert explorer.figures.png.startswith(b"\x89PNG") and 'data-id="ARF"' in explorer.result.value
    explorer.select.value = "TAC"
    assert 'data-id="TAC"' in explorer.result.value
    assert "ASEAN states only" in explorer.result.value
    assert explorer.plot.value != first


@pytest.fixture(scope="module")
def switch() -> ScopeSwitch:
    return ScopeSwitch(scope_switch(frameworks=["samath", "kuik", "leng"]))


def test_scope_switch_classes(switch: ScopeSwitch) -> None:
    assert "ss-scope-asean" in switch.asean._dom_classes
    assert "ss-scope-framework" in switch.framework._dom_classes
    assert "ss-scope-result" in switch.result._dom_classes


def test_scope_switch_toggles(switch: ScopeSwitch) -> None:
    switch.asean.value = True
    assert 'data-samath="hedging"' in switch.result.value
    assert "included" in switch.result.value
    switch.asean.value = False
    assert 'data-samath="hedging"' not in switch.result.value
    assert "excluded" in switch.result.value and "samath: hedging" in switch.result.value
    switch.framework.value = "kuik"
    assert "kuik in detail" in switch.result.value
    switch.asean.value = True
