"""The concepts layer: the course's words (the concept registry) and works (the bibliography).

Examples
--------
>>> from smallstate.concepts import concept, cite
>>> concept("hedging").id
'hedging'
>>> cite("leng2016").startswith("Leng")
True
"""

from __future__ import annotations

from smallstate.concepts.registry import (
    COLUMNS,
    FAMILIES,
    Concept,
    ConceptError,
    concept,
    concepts,
    family,
    glossary,
    load_concepts,
    related,
    search,
    table,
)
from smallstate.concepts.sources import (
    BibliographyError,
    Source,
    bibliography,
    cite,
    cite_many,
    keys,
    load_bibliography,
    reference,
    source,
    to_bibtex,
)

__all__ = [
    "COLUMNS",
    "FAMILIES",
    "BibliographyError",
    "Concept",
    "ConceptError",
    "Source",
    "bibliography",
    "cite",
    "cite_many",
    "concept",
    "concepts",
    "family",
    "glossary",
    "keys",
    "load_bibliography",
    "load_concepts",
    "reference",
    "related",
    "search",
    "source",
    "table",
    "to_bibtex",
]
