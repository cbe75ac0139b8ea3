"""In-kernel tests for the ConceptBrowser widget (set control values, read the HTML)."""

from __future__ import annotations

import pytest

from smallstate.concepts import concept, concepts
from smallstate.widgets.concept_browser import ConceptBrowser


def test_lazy_export_and_css_classes() -> None:
    browser = ConceptBrowser()
    assert "ss-concepts-query" in browser.query._dom_classes
    assert "ss-concepts-family" in browser.family._dom_classes
    assert "ss-concepts-list" in browser.matches._dom_classes
    assert "ss-concepts-result" in browser.result._dom_classes
    assert browser.query.continuous_update is False
    # Empty query lists every concept.
    assert browser.match_ids == [c.id for c in concepts()]


def test_query_hedging_lists_both_and_cites_kuik() -> None:
    browser = ConceptBrowser()
    browser.query.value = "hedging"
    html = browser.result.value
    assert "Kuik" in html
    assert "Hedging (Kuik)" in html and "Hedging (Jackson)" in html
    assert {"hedging_kuik", "hedging_jackson"} <= set(browser.match_ids)
    assert browser.matches.value == browser.match_ids[0] == "hedging"
    assert f"{len(browser.match_ids)} concepts match" in html


def test_selecting_a_match_shows_its_details() -> None:
    browser = ConceptBrowser(query="hedging")
    browser.matches.value = "hedging_jackson"
    html = browser.result.value
    assert 'data-id="hedging_jackson"' in html
    assert "Jackson 2014" in html
    assert "Leng (2016):" in html


def test_empty_result_is_helpful() -> None:
    browser = ConceptBrowser()
    browser.query.value = "zzzz no such concept"
    assert browser.match_ids == []
    assert browser.matches.value is None
    assert "No concept matches" in browser.result.value
    assert "hedging" in browser.result.value  # suggests a word to try


def test_family_filter() -> None:
    browser = ConceptBrowser(query="hedging")
    browser.family.value = "bandwagoning"
    assert browser.match_ids
    assert all(concept(i).family == "bandwagoning" for i in browser.match_ids)
    assert "soft_bandwagoning" in browser.match_ids
    assert "hedging_kuik" not in browser.match_ids
    browser.query.value = ""
    assert set(browser.match_ids) >= {"bandwagoning", "jackal_bandwagoning"}
    assert "balancing" not in browser.match_ids
    browser.query.value = "hedging"
    browser.family.value = "other"
    assert "family <b>other</b>" in browser.result.value
    browser.family.value = "balancing"
    assert browser.match_ids == []
    assert "family filter to <i>all</i>" in browser.result.value


def test_html_is_escaped() -> None:
    browser = ConceptBrowser()
    browser.query.value = "<script>"
    assert "<script>" not in browser.result.value
    assert "&lt;script&gt;" in browser.result.value


def test_bad_family_rejected() -> None:
    with pytest.raises(ValueError, match="family"):
        ConceptBrowser(family="realism")
