"""ConceptBrowser: search the concept registry and read one concept in full.

Type a word, optionally narrow by family (balancing, bandwagoning, hedging, other), pick a match
from the list; the result pane shows a count line, the names of all matches, and the selected
concept's definition, criteria, relations, how each seed uses it, and its citations.

Following the widget contract (``docs/ARCHITECTURE.md``), results are rendered into an
``HTML`` widget only, and every part carries a CSS class ``ss-concepts-<part>``:

=======================  ====================================================
class                    control
=======================  ====================================================
``ss-concepts-query``    Text: search words (applied on Enter or blur)
``ss-concepts-family``   Dropdown: all / balancing / bandwagoning / hedging / other
``ss-concepts-list``     Select: the matching concepts (label = concept name)
``ss-concepts-result``   HTML: count line, match names, details of the selection
=======================  ====================================================

Examples
--------
>>> from smallstate.widgets.concept_browser import ConceptBrowser
>>> browser = ConceptBrowser()
>>> browser.query.value = "hedging"
>>> browser.matches.value
'hedging'
>>> "Hedging (Kuik)" in browser.result.value and "Hedging (Jackson)" in browser.result.value
True
>>> browser.family.value = "balancing"
>>> browser.match_ids
[]
"""

from __future__ import annotations

import html
from typing import Any, Final

from smallstate.concepts import FAMILIES, Concept, concept, search
from smallstate.errors import unknown
from smallstate.widgets.base import CourseWidget

__all__ = ["ConceptBrowser", "render_concept", "render_result"]

_ALL: Final[str] = "all"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def render_concept(c: Concept) -> str:
    """HTML for one concept: definition, criteria, relations, seed usage and citations.

    Examples
    --------
    >>> from smallstate.concepts import concept
    >>> text = render_concept(concept("soft_bandwagoning"))
    >>> "Leng 2016, para. 1" in text and "<h4" in text
    True
    """

    def names(ids: tuple[str, ...]) -> str:
        return ", ".join(_esc(concept(i).name) for i in ids)

    relations = [
        (label, ids)
        for label, ids in (
            ("Broader", c.broader),
            ("Narrower", c.narrower),
            ("Compare", c.contrasts),
        )
        if ids
    ]
    rel_html = "".join(f"<li><b>{label}:</b> {names(ids)}</li>" for label, ids in relations)
    aliases = f" <i>(also: {_esc('; '.join(c.aliases))})</i>" if c.aliases else ""
    parts = [
        f'<h4 class="ss-concepts-name" data-id="{_esc(c.id)}">{_esc(c.name)}{aliases}</h4>',
        f"<p><b>Family:</b> {_esc(c.family)}</p>",
        f"<p>{_esc(c.definition)}</p>",
        f"<p><b>Recognise it by:</b> {_esc(c.criteria)}</p>",
    ]
    if rel_html:
        parts.append(f"<ul>{rel_html}</ul>")
    parts += [
        f"<p><b>Samath (2020):</b> {_esc(c.samath_usage or 'not used')}</p>",
        f"<p><b>Leng (2016):</b> {_esc(c.leng_usage or 'not used')}</p>",
    ]
    if c.notes:
        parts.append(f"<p><b>Note:</b> {_esc(c.notes)}</p>")
    parts.append(f"<p><b>Sources:</b> {_esc(c.citations())}</p>")
    return "".join(parts)


def render_result(query: str, family: str, matches: list[Concept], selected: str | None) -> str:
    """HTML for the result pane: a count line, the match names and the selected concept.

    Examples
    --------
    >>> render_result("zzz", "all", [], None).startswith('<p class="ss-concepts-count">')
    True
    """
    where = f" in family <b>{_esc(family)}</b>" if family != _ALL else ""
    shown = f"&ldquo;{_esc(query)}&rdquo;" if query.strip() else "any text"
    if not matches:
        hint = (
            " Try a shorter or more general word (for example <i>hedging</i> or "
            "<i>balancing</i>)"
            + (", or set the family filter to <i>all</i>." if family != _ALL else ".")
        )
        return f'<p class="ss-concepts-count">No concept matches {shown}{where}.{hint}</p>'
    noun = "concept matches" if len(matches) == 1 else "concepts match"
    count = f'<p class="ss-concepts-count">{len(matches)} {noun} {shown}{where}.</p>'
    items = "".join(
        f'<li data-id="{_esc(c.id)}">'
        + (f"<b>{_esc(c.name)}</b>" if c.id == selected else _esc(c.name))
        + "</li>"
        for c in matches
    )
    chosen = next((c for c in matches if c.id == selected), matches[0])
    return f'{count}<ul class="ss-concepts-matches">{items}</ul><hr>{render_concept(chosen)}'


class ConceptBrowser(CourseWidget):
    """Search box, family filter, list of matches and a detail pane for the concept registry.

    Parameters
    ----------
    query
        Starting search text (default: empty, which lists every concept).
    family
        Starting family filter: ``"all"`` or one of :data:`smallstate.concepts.FAMILIES`.

    Attributes
    ----------
    query, family, matches, result
        The ipywidgets controls (``Text``, ``Dropdown``, ``Select``, ``HTML``).
    widget
        The root ``VBox``.
    match_ids
        Ids of the concepts currently listed.
    """

    def __init__(self, query: str = "", family: str = _ALL) -> None:
        import ipywidgets as w

        if family != _ALL and family not in FAMILIES:
            raise unknown("family", family, (_ALL, *FAMILIES))
        self.query = w.Text(
            value=query,
            placeholder="search concepts, e.g. hedging",
            description="Search:",
            continuous_update=False,
        )
        self.query.add_class("ss-concepts-query")
        self.family = w.Dropdown(
            options=[(name, name) for name in (_ALL, *FAMILIES)],
            value=family,
            description="Family:",
        )
        self.family.add_class("ss-concepts-family")
        self.matches = w.Select(options=[], rows=10, description="Matches:")
        self.matches.add_class("ss-concepts-list")
        self.result = w.HTML()
        self.result.add_class("ss-concepts-result")
        self.widget = w.VBox(
            [
                w.HBox([self.query, self.family]),
                w.HBox([self.matches, self.result]),
            ]
        )
        self.widget.add_class("ss-concepts")
        self.match_ids: list[str] = []
        self._found: list[Concept] = []
        self._refreshing = False
        self.query.observe(self._refresh, names="value")
        self.family.observe(self._refresh, names="value")
        self.matches.observe(self._render, names="value")
        self._refresh()

    def _refresh(self, change: Any = None) -> None:
        found = search(self.query.value)
        if self.family.value != _ALL:
            found = [c for c in found if c.family == self.family.value]
        self._found = found
        self.match_ids = [c.id for c in found]
        self._refreshing = True
        try:
            self.matches.options = [(c.name, c.id) for c in found]
            self.matches.value = found[0].id if found else None
        finally:
            self._refreshing = False
        self._render()

    def _render(self, change: Any = None) -> None:
        if self._refreshing:
            return
        self.result.value = render_result(
            self.query.value, self.family.value, self._found, self.matches.value
        )
