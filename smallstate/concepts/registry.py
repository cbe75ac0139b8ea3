"""The concept registry: definitions, operational criteria, relations and sources.

Every concept the course uses (balancing, bandwagoning, hedging in its several versions, the
seeds' own terms) is one row of ``datasets/concepts.csv``. Definitions are written in the
course's own words; ``criteria`` says how to recognise the concept in the evidence table
(stance, domain, intensity, aimed_at_target); ``sources`` are bibliography keys with locators.

Relations are checked on loading: if A lists B as broader, B lists A as narrower; contrasts are
symmetric. Each concept belongs to one *family* (balancing, bandwagoning, hedging or other),
derived from its nearest broader ancestor that is a family root, or failing that from the
concepts it contrasts with.

Examples
--------
>>> from smallstate.concepts import concept, search
>>> concept("soft_alignment").id
'soft_bandwagoning'
>>> [c.id for c in search("hedging")][:3]
['hedging', 'hedging_critique', 'hedging_jackson']
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from smallstate._paths import dataset_path
from smallstate.errors import InputError, did_you_mean, unknown

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = [
    "COLUMNS",
    "FAMILIES",
    "Concept",
    "ConceptError",
    "concept",
    "concepts",
    "family",
    "glossary",
    "load_concepts",
    "related",
    "search",
    "table",
]

#: Columns of ``concepts.csv``, in order.
COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "aliases",
    "definition",
    "criteria",
    "sources",
    "broader",
    "narrower",
    "contrasts",
    "samath_usage",
    "leng_usage",
    "notes",
    "act_rule",
    "instances",
)


#: Concept families used by filters, in display order.
FAMILIES: tuple[str, ...] = ("balancing", "bandwagoning", "hedging", "other")


#: Concept ids that root each family (a concept inherits the family of its nearest root).
_FAMILY_ROOTS: dict[str, str] = {
    "balancing": "balancing",
    "balance_of_power": "balancing",
    "bandwagoning": "bandwagoning",
    "hedging": "hedging",
}


_RELATIONS: tuple[str, ...] = ("broader", "narrower", "contrasts")


_ID_PATTERN = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")


class ConceptError(InputError):
    """The concept table is invalid; the message names file, row and column."""


@dataclass(frozen=True)
class Concept:
    """One concept of the registry.

    Parameters
    ----------
    id
        snake_case identifier, e.g. ``"hedging_kuik"``.
    name
        Display name, e.g. ``"Hedging (Kuik)"``.
    definition
        Two to four sentences in the course's own words.
    criteria
        How to recognise the concept in evidence, in the evidence schema's vocabulary.
    sources
        ``(bibliography key, locator)`` pairs; the locator may be ``""``.
    broader, narrower, contrasts
        Ids of related concepts.
    aliases
        Other names accepted by :func:`concept` and matched by :func:`search`.
    samath_usage, leng_usage
        How each seed article uses (or would treat) the concept.
    notes
        Anything else a teacher should know.
    act_rule
        The criteria for one act as clauses a program checks (see
        :mod:`smallstate.concepts.rules`); empty for concepts that describe a whole case.
    instances
        Act ids of the course's evidence that the sources call by this concept's name.
    family
        ``balancing``, ``bandwagoning``, ``hedging`` or ``other`` (derived from relations).

    Examples
    --------
    >>> from smallstate.concepts import concept
    >>> c = concept("hedging_kuik")
    >>> c.sources[0]
    ('kuik2008', 'whole article')
    >>> c.family
    'hedging'
    """

    id: str
    name: str
    definition: str
    criteria: str
    sources: tuple[tuple[str, str], ...]
    broader: tuple[str, ...] = ()
    narrower: tuple[str, ...] = ()
    contrasts: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    samath_usage: str = ""
    leng_usage: str = ""
    notes: str = ""
    family: str = "other"
    act_rule: str = ""
    instances: tuple[str, ...] = ()

    def citations(self) -> str:
        """Author-year citations of the concept's sources, semicolon-separated.

        Examples
        --------
        >>> from smallstate.concepts import concept
        >>> concept("limited_alignment").citations()
        'Ciorciari 2010, whole book'
        """
        from smallstate.concepts.sources import cite_many

        return cite_many([(key, locator or None) for key, locator in self.sources])


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def _parse_sources(text: str, where: str) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for item in _split(text):
        key, _, locator = item.partition(":")
        key = key.strip()
        if not key:
            raise ConceptError(f"{where}, column 'sources': empty source key in {item!r}")
        pairs.append((key, locator.strip()))
    return tuple(pairs)


def _derive_families(rows: Mapping[str, dict[str, tuple[str, ...]]]) -> dict[str, str]:
    """Nearest family root up the broader chain; else the first family among contrasts."""

    def up(start: str) -> str | None:
        frontier, seen = [start], {start}
        while frontier:
            for cid in frontier:
                if cid in _FAMILY_ROOTS:
                    return _FAMILY_ROOTS[cid]
            nxt: list[str] = []
            for cid in frontier:
                for parent in rows[cid]["broader"]:
                    if parent not in seen:
                        seen.add(parent)
                        nxt.append(parent)
            frontier = nxt
        return None

    by_chain = {cid: up(cid) for cid in rows}
    families: dict[str, str] = {}
    for cid, fam in by_chain.items():
        if fam is None:
            fam = next((by_chain[o] for o in rows[cid]["contrasts"] if by_chain[o]), None)
        families[cid] = fam or "other"
    return families


@cache
def _load_cached(path_text: str) -> MappingProxyType[str, Concept]:
    from smallstate.concepts.rules import parse_act_rule
    from smallstate.concepts.sources import keys as source_keys

    path = Path(path_text)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            records = list(csv.reader(handle))
    except UnicodeDecodeError as exc:
        raise ConceptError(f"{path}: not valid UTF-8 ({exc})") from exc
    except OSError as exc:
        raise ConceptError(f"{path}: cannot read the concept table ({exc})") from exc
    if not records:
        raise ConceptError(f"{path}: the file is empty (expected a header row)")
    header = [h.strip() for h in records[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ConceptError(f"{path}, row 1 (header): missing column(s): {', '.join(missing)}")
    index = {name: header.index(name) for name in COLUMNS}

    rows: dict[str, dict[str, str]] = {}
    row_of: dict[str, int] = {}
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            raise ConceptError(
                f"{path}, row {number}: {len(record)} fields, expected {len(header)} "
                "(check the quoting)"
            )
        row = {name: record[i].strip() for name, i in index.items()}
        cid = row["id"]
        where = f"{path}, row {number}"
        if not _ID_PATTERN.fullmatch(cid):
            raise ConceptError(f"{where}, column 'id': {cid!r} is not a snake_case id")
        if cid in rows:
            raise ConceptError(
                f"{where}, column 'id': duplicate id {cid!r} (first in row {row_of[cid]})"
            )
        for column in ("name", "definition", "criteria"):
            if not row[column]:
                raise ConceptError(f"{where}, column {column!r}: empty {column} for {cid!r}")
        rows[cid] = row
        row_of[cid] = number

    known_sources = source_keys()
    aliases: dict[str, str] = {}
    parsed: dict[str, dict[str, tuple[str, ...]]] = {}
    sources: dict[str, tuple[tuple[str, str], ...]] = {}
    for cid, row in rows.items():
        where = f"{path}, row {row_of[cid]}"
        rel = {name: _split(row[name]) for name in _RELATIONS}
        for name, targets in rel.items():
            for target in targets:
                if target == cid:
                    raise ConceptError(f"{where}, column {name!r}: {cid!r} refers to itself")
                if target not in rows:
                    raise ConceptError(
                        f"{where}, column {name!r}: unknown concept id {target!r}; "
                        + did_you_mean(target, rows)
                    )
        parsed[cid] = rel
        pairs = _parse_sources(row["sources"], where)
        if not pairs:
            raise ConceptError(f"{where}, column 'sources': {cid!r} cites no source")
        for key, _ in pairs:
            if key not in known_sources:
                raise ConceptError(
                    f"{where}, column 'sources': unknown bibliography key {key!r}; "
                    + did_you_mean(key, sorted(known_sources))
                )
        sources[cid] = pairs
        try:
            parse_act_rule(row["act_rule"])
        except ValueError as exc:
            raise ConceptError(f"{where}, column 'act_rule': {exc}") from exc
        if _split(row["instances"]) and not row["act_rule"]:
            raise ConceptError(
                f"{where}, column 'instances': {cid!r} lists instances but has no act_rule "
                "to check them against"
            )
        for alias in _split(row["aliases"]):
            folded = alias.casefold()
            clash = aliases.get(folded) or (folded if folded in rows else None)
            if clash and clash != cid:
                raise ConceptError(
                    f"{where}, column 'aliases': alias {alias!r} already names {clash!r}"
                )
            aliases[folded] = cid

    inverse = {"broader": "narrower", "narrower": "broader", "contrasts": "contrasts"}
    for cid, rel in parsed.items():
        for name, targets in rel.items():
            for target in targets:
                if cid not in parsed[target][inverse[name]]:
                    raise ConceptError(
                        f"{path}, row {row_of[cid]}, column {name!r}: {cid!r} lists "
                        f"{target!r}, but row {row_of[target]} ({target!r}) does not list "
                        f"{cid!r} under {inverse[name]!r}"
                    )

    families = _derive_families(parsed)
    registry = {
        cid: Concept(
            id=cid,
            name=row["name"],
            definition=row["definition"],
            criteria=row["criteria"],
            sources=sources[cid],
            broader=parsed[cid]["broader"],
            narrower=parsed[cid]["narrower"],
            contrasts=parsed[cid]["contrasts"],
            aliases=_split(row["aliases"]),
            samath_usage=row["samath_usage"],
            leng_usage=row["leng_usage"],
            notes=row["notes"],
            family=families[cid],
            act_rule=row["act_rule"],
            instances=_split(row["instances"]),
        )
        for cid, row in rows.items()
    }
    return MappingProxyType(registry)


def load_concepts(path: str | Path | None = None) -> Mapping[str, Concept]:
    """Read and validate a concept table (cached per path), returning concepts by id.

    Parameters
    ----------
    path
        A CSV with the columns in :data:`COLUMNS`; default ``datasets/concepts.csv``.

    Raises
    ------
    ConceptError
        On a missing column, a malformed or duplicate id, an empty name, definition or
        criteria, an unknown relation target, an asymmetric relation, an unknown
        bibliography key or a clashing alias. The message names the file, the row (header =
        row 1) and the column.

    Examples
    --------
    >>> from smallstate.concepts import load_concepts
    >>> len(load_concepts()) >= 28
    True
    """
    resolved = Path(path) if path is not None else dataset_path("concepts.csv")
    return _load_cached(str(resolved.resolve()))


def concepts() -> list[Concept]:
    """Return every concept of the course registry, in file order.

    Examples
    --------
    >>> from smallstate.concepts import concepts
    >>> concepts()[0].id
    'small_state'
    """
    return list(load_concepts().values())


def _alias_index(registry: Mapping[str, Concept]) -> dict[str, str]:
    index: dict[str, str] = {}
    for c in registry.values():
        for name in (c.id, c.name, *c.aliases):
            index.setdefault(name.casefold(), c.id)
    return index


def concept(id: str) -> Concept:
    """Return a concept by id, alias or display name (case-insensitive).

    Raises
    ------
    smallstate.errors.UnknownNameError
        If nothing matches; the message names the closest ids.

    Examples
    --------
    >>> from smallstate.concepts import concept
    >>> concept("Bandwagoning for profit (Schweller)").id
    'bandwagoning_for_profit'
    >>> concept("hedgin_kuik")
    Traceback (most recent call last):
    ...
    smallstate.errors.UnknownNameError: unknown concept 'hedgin_kuik'; did you mean 'hedging_kuik', 'hedging' or 'hedging_jackson'?
    """
    registry = load_concepts()
    if id in registry:
        return registry[id]
    index = _alias_index(registry)
    found = index.get(id.strip().casefold())
    if found:
        return registry[found]
    raise unknown("concept", id, registry)


def family(id: str) -> str:
    """Return the family of a concept (``balancing``, ``bandwagoning``, ``hedging``, ``other``).

    Examples
    --------
    >>> from smallstate.concepts import family
    >>> family("limited_bandwagoning"), family("soft_balancing_paul"), family("neutrality")
    ('hedging', 'balancing', 'other')
    """
    return concept(id).family


def related(id: str) -> list[Concept]:
    """Return the concepts related to ``id``: broader, then narrower, then contrasts.

    Examples
    --------
    >>> from smallstate.concepts import related
    >>> [c.id for c in related("return_maximizing_option")][:2]
    ['hedging_kuik', 'economic_pragmatism']
    """
    c = concept(id)
    seen: dict[str, Concept] = {}
    for other in (*c.broader, *c.narrower, *c.contrasts):
        seen.setdefault(other, concept(other))
    return list(seen.values())


def search(text: str) -> list[Concept]:
    """Find concepts whose id, name, aliases, definition or criteria mention ``text``.

    The match is case-insensitive. Results are ranked: exact id, name or alias first, then
    matches in the id, name or aliases, then in the definition, then in the criteria; within
    a rank, by id. If the whole phrase matches nowhere, concepts containing every word of it
    are returned. An empty query returns every concept.

    Examples
    --------
    >>> from smallstate.concepts import search
    >>> [c.id for c in search("soft alignment")]
    ['soft_bandwagoning']
    >>> search("no such thing at all")
    []
    """
    registry = load_concepts()
    query = " ".join(text.casefold().split())
    if not query:
        return list(registry.values())
    underscored = query.replace(" ", "_")

    def rank(c: Concept, term: str) -> int | None:
        labels = [c.id, c.name.casefold(), *(a.casefold() for a in c.aliases)]
        if term in labels or term.replace(" ", "_") in labels:
            return 0
        if any(term in label or term.replace(" ", "_") in label for label in labels):
            return 1
        if term in c.definition.casefold():
            return 2
        if term in c.criteria.casefold():
            return 3
        return None

    scored = [(r, c.id, c) for c in registry.values() if (r := rank(c, query)) is not None]
    if not scored and underscored in registry:
        scored = [(0, underscored, registry[underscored])]
    if not scored:
        words = query.split()
        for c in registry.values():
            ranks = [rank(c, w) for w in words]
            if len(words) > 1 and all(r is not None for r in ranks):
                scored.append((4 + max(r for r in ranks if r is not None), c.id, c))
    return [c for _, _, c in sorted(scored, key=lambda item: (item[0], item[1]))]


def table(ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Return the registry (or the given concepts) as a DataFrame, one row per concept.

    List fields are joined with ``"; "``; ``citations`` holds the author-year citations.

    Examples
    --------
    >>> from smallstate.concepts import table
    >>> t = table()
    >>> t.loc[t["id"] == "soft_bandwagoning", "citations"].item()
    'Leng 2016, para. 1; Leng 2016, paras 13-14'
    """
    import pandas as pd

    chosen = concepts() if ids is None else [concept(i) for i in ids]
    rows = [
        {
            "id": c.id,
            "name": c.name,
            "family": c.family,
            "aliases": "; ".join(c.aliases),
            "definition": c.definition,
            "criteria": c.criteria,
            "sources": "; ".join(k for k, _ in c.sources),
            "citations": c.citations(),
            "broader": "; ".join(c.broader),
            "narrower": "; ".join(c.narrower),
            "contrasts": "; ".join(c.contrasts),
            "samath_usage": c.samath_usage,
            "leng_usage": c.leng_usage,
            "notes": c.notes,
        }
        for c in chosen
    ]
    columns = [
        "id",
        "name",
        "family",
        "aliases",
        "definition",
        "criteria",
        "sources",
        "citations",
        "broader",
        "narrower",
        "contrasts",
        "samath_usage",
        "leng_usage",
        "notes",
    ]
    return pd.DataFrame(rows, columns=columns)


def _names(ids: Iterable[str]) -> str:
    return ", ".join(concept(i).name for i in ids)


def glossary(ids: Iterable[str] | None = None) -> str:
    """Return a Markdown glossary: one section per concept with relations and citations.

    Examples
    --------
    >>> from smallstate.concepts import glossary
    >>> text = glossary(["balancing"])
    >>> text.splitlines()[0]
    '### Balancing'
    >>> "**Sources:** Waltz 1979, ch. 6" in text
    True
    """
    chosen = concepts() if ids is None else [concept(i) for i in ids]
    blocks: list[str] = []
    for c in chosen:
        lines = [f"### {c.name}", "", c.definition, "", f"**Recognise it by:** {c.criteria}"]
        relations = [
            (label, values)
            for label, values in (
                ("Broader", c.broader),
                ("Narrower", c.narrower),
                ("Compare", c.contrasts),
            )
            if values
        ]
        if relations:
            lines.append("")
            lines.append("; ".join(f"*{label}:* {_names(values)}" for label, values in relations))
        lines += ["", f"**Samath (2020):** {c.samath_usage or 'not used'}"]
        lines += ["", f"**Leng (2016):** {c.leng_usage or 'not used'}"]
        lines += ["", f"**Sources:** {c.citations()}"]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
