"""The course bibliography: one BibTeX file, parsed once, cited everywhere in the same style.

Every source the course uses lives in ``datasets/references.bib``. This module reads it with
bibtexparser (v2), checks it, and turns each entry into a :class:`Source`. Lessons, concepts,
evidence rows and verdicts cite through :func:`cite`, so a citation always looks the same.

Citation rule (author-year): one author gives ``"Leng 2016"``, two authors give
``"Lim and Cooper 2015"``, three or more give the first surname plus ``"et al."``
(``"Voeten et al. 2009"``). A locator is appended after a comma, unchanged.

Examples
--------
>>> from smallstate.concepts import cite, source
>>> cite("leng2016")
'Leng 2016'
>>> cite("samath2020", "'Cambodia and ASEAN: A Hedging Space', para. 2")
"Samath 2020, 'Cambodia and ASEAN: A Hedging Space', para. 2"
>>> source("walt1985").container
'International Security'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from smallstate._paths import dataset_path
from smallstate.errors import InputError, unknown

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "BibliographyError",
    "Source",
    "bibliography",
    "cite",
    "cite_many",
    "keys",
    "load_bibliography",
    "reference",
    "source",
    "to_bibtex",
]

#: Fields every entry must carry (a missing one is a :class:`BibliographyError`).
REQUIRED_FIELDS: tuple[str, ...] = ("author", "title", "year")

#: Field that names the container of a work, by preference.
_CONTAINER_FIELDS: tuple[str, ...] = (
    "journal",
    "booktitle",
    "publisher",
    "institution",
    "howpublished",
    "organization",
)

_BIBLIOGRAPHY_COLUMNS: list[str] = [
    "key",
    "type",
    "authors",
    "year",
    "title",
    "container",
    "volume",
    "number",
    "pages",
    "doi",
    "url",
]


class BibliographyError(InputError):
    """A bibliography file cannot be used; the message names the file, entry and line."""


@dataclass(frozen=True)
class Source:
    """One bibliography entry, with its fields cleaned for display.

    Parameters
    ----------
    key
        The BibTeX key, e.g. ``"kuik2008"``.
    entry_type
        The BibTeX entry type in lower case (``article``, ``book``, ``techreport``, ``misc``).
    authors
        Authors as ``"Surname, Given names"`` strings, in the order of the entry.
    surnames
        The surnames alone (with any "von" part), used by :func:`cite`.
    year
        Publication year as written in the entry.
    title
        Title with BibTeX case-protecting braces removed.
    container
        Journal, publisher, institution or outlet, whichever the entry has first.
    volume, number, pages, note, url, doi
        The corresponding fields, ``""`` when absent. ``pages`` uses an en dash.
    fields
        Every field of the entry, raw (as written in the file), read-only.

    Examples
    --------
    >>> from smallstate.concepts import source
    >>> s = source("limcooper2015")
    >>> s.surnames
    ('Lim', 'Cooper')
    >>> s.pages
    '696–727'
    """

    key: str
    entry_type: str
    authors: tuple[str, ...]
    surnames: tuple[str, ...]
    year: str
    title: str
    container: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    note: str = ""
    url: str = ""
    doi: str = ""
    fields: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({}), compare=False, repr=False
    )

    @property
    def author_label(self) -> str:
        """The author part of an author-year citation (see the module docstring).

        Examples
        --------
        >>> from smallstate.concepts import source
        >>> source("voeten2009").author_label
        'Voeten et al.'
        """
        names = self.surnames
        if len(names) == 1:
            return names[0]
        if len(names) == 2:
            return f"{names[0]} and {names[1]}"
        return f"{names[0]} et al."


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Remove BibTeX braces and LaTeX quote marks, collapse whitespace."""
    text = text.replace("``", "\u201c").replace("''", "\u201d")
    text = text.replace("--", "\u2013")
    text = text.replace("\\&", "&").replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", text).strip()


def _field_text(value: object) -> str:
    return value if isinstance(value, str) else str(value)


def _location(path: Path, line0: int | None) -> str:
    return f"{path}, line {line0 + 1}" if line0 is not None else str(path)


@cache
def _load_cached(path_text: str) -> MappingProxyType[str, Source]:
    import bibtexparser
    from bibtexparser.middlewares import names

    path = Path(path_text)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise BibliographyError(f"{path}: not valid UTF-8 ({exc})") from exc
    except OSError as exc:
        raise BibliographyError(f"{path}: cannot read the bibliography ({exc})") from exc
    raw = bibtexparser.parse_string(text)
    problems: list[str] = []
    for block in raw.failed_blocks:
        key = getattr(block, "key", None)
        what = f"entry {key!r}" if key else "block"
        detail = getattr(block.error, "abort_reason", None) or str(block.error or "")
        reason = " ".join(detail.split()) or "cannot parse"
        if type(block).__name__ == "DuplicateBlockKeyBlock":
            reason = f"duplicate key {key!r}"
        raw_text = (block.raw or "").strip()
        first = raw_text.splitlines()[0][:60] if raw_text else ""
        problems.append(f"{_location(path, block.start_line)}: {what} {first!r}: {reason}")
    if problems:
        raise BibliographyError("malformed bibliography:\n  " + "\n  ".join(problems))

    sources: dict[str, Source] = {}
    for entry in raw.entries:
        where = _location(path, entry.start_line)
        fields = {name.lower(): _field_text(f.value) for name, f in entry.fields_dict.items()}
        missing = [name for name in REQUIRED_FIELDS if not fields.get(name, "").strip()]
        if missing:
            raise BibliographyError(
                f"{where}: entry {entry.key!r} lacks required field(s): {', '.join(missing)}"
            )
        if not re.fullmatch(r"\d{4}", fields["year"].strip()):
            raise BibliographyError(
                f"{where}: entry {entry.key!r}, field 'year': expected four digits, "
                f"got {fields['year']!r}"
            )
        try:
            parts = [
                names.parse_single_name_into_parts(person)
                for person in names.split_multiple_persons_names(fields["author"])
            ]
        except names.InvalidNameError as exc:
            raise BibliographyError(f"{where}: entry {entry.key!r}, field 'author': {exc}") from exc
        authors: list[str] = []
        surnames: list[str] = []
        for part in parts:
            surname = _clean(" ".join([*part.von, *part.last]))
            given = _clean(" ".join(part.first))
            jr = _clean(" ".join(part.jr))
            if not surname:
                raise BibliographyError(
                    f"{where}: entry {entry.key!r}, field 'author': an author has no surname"
                )
            surnames.append(surname)
            full = f"{surname}, {given}" if given else surname
            authors.append(f"{full}, {jr}" if jr else full)
        container = next(
            (_clean(fields[name]) for name in _CONTAINER_FIELDS if fields.get(name)), ""
        )
        sources[entry.key] = Source(
            key=entry.key,
            entry_type=entry.entry_type.lower(),
            authors=tuple(authors),
            surnames=tuple(surnames),
            year=fields["year"].strip(),
            title=_clean(fields["title"]),
            container=container,
            volume=_clean(fields.get("volume", "")),
            number=_clean(fields.get("number", "")),
            pages=_clean(fields.get("pages", "")),
            note=_clean(fields.get("note", "")),
            url=fields.get("url", "").strip(),
            doi=fields.get("doi", "").strip(),
            fields=MappingProxyType(dict(fields)),
        )
    return MappingProxyType(sources)


def load_bibliography(path: str | Path | None = None) -> Mapping[str, Source]:
    """Read and check a bibliography file, returning its entries by key (cached per path).

    Parameters
    ----------
    path
        A ``.bib`` file; default the course bibliography ``datasets/references.bib``.

    Returns
    -------
    Mapping[str, Source]
        Read-only mapping from key to :class:`Source`, in file order.

    Raises
    ------
    BibliographyError
        If the file cannot be parsed, holds a duplicate key, or an entry lacks an author,
        title or four-digit year. The message names the file, the entry and its line.

    Examples
    --------
    >>> from smallstate.concepts import load_bibliography
    >>> "kuik2008" in load_bibliography()
    True
    """
    resolved = Path(path) if path is not None else dataset_path("references.bib")
    return _load_cached(str(resolved.resolve()))


# --------------------------------------------------------------------------------------------
# Look-up and citation
# --------------------------------------------------------------------------------------------


def keys(path: str | Path | None = None) -> frozenset[str]:
    """Return every key in the bibliography.

    Examples
    --------
    >>> from smallstate.concepts import keys
    >>> {"leng2016", "samath2020"} <= keys()
    True
    """
    return frozenset(load_bibliography(path))


def source(key: str, path: str | Path | None = None) -> Source:
    """Return the :class:`Source` for a bibliography key.

    Raises
    ------
    smallstate.errors.UnknownNameError
        If the key is unknown; the message names the closest keys.

    Examples
    --------
    >>> from smallstate.concepts import source
    >>> source("kuik2008").title
    "The Essence of Hedging: Malaysia and Singapore's Response to a Rising China"
    >>> source("kuik2009")
    Traceback (most recent call last):
    ...
    smallstate.errors.UnknownNameError: unknown source key 'kuik2009'; did you mean 'kuik2008' or 'kuik2016'?
    """
    entries = load_bibliography(path)
    try:
        return entries[key]
    except KeyError:
        raise unknown("source key", key, sorted(entries)) from None


def cite(key: str, locator: str | None = None) -> str:
    """Return an author-year citation, optionally with a locator.

    Parameters
    ----------
    key
        Bibliography key.
    locator
        Where in the source (section, paragraph, page); appended after ``", "`` unchanged.

    Examples
    --------
    >>> from smallstate.concepts import cite
    >>> cite("limcooper2015")
    'Lim and Cooper 2015'
    >>> cite("kuik2008", "whole article")
    'Kuik 2008, whole article'
    """
    src = source(key)
    text = f"{src.author_label} {src.year}"
    return f"{text}, {locator}" if locator else text


def cite_many(items: Iterable[str | tuple[str, str | None]]) -> str:
    """Cite several sources, separated by semicolons, in the order given.

    Each item is a key or a ``(key, locator)`` pair.

    Examples
    --------
    >>> from smallstate.concepts import cite_many
    >>> cite_many(["waltz1979", "walt1985"])
    'Waltz 1979; Walt 1985'
    >>> cite_many([("jackson2014", None), ("leng2016", "para. 3")])
    'Jackson 2014; Leng 2016, para. 3'
    """
    parts: list[str] = []
    for item in items:
        if isinstance(item, str):
            parts.append(cite(item))
        else:
            key, locator = item
            parts.append(cite(key, locator))
    return "; ".join(parts)


def _author_list(src: Source) -> str:
    if not src.authors:
        return ""
    names = [src.authors[0]]
    for full in src.authors[1:]:
        surname, _, given = full.partition(", ")
        names.append(f"{given} {surname}".strip())
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]


def reference(key: str) -> str:
    """Return one full reference line (author-date style) for the bibliography key.

    Examples
    --------
    >>> from smallstate.concepts import reference
    >>> reference("walt1985")
    'Walt, Stephen M. 1985. "Alliance Formation and the Balance of World Power." International Security 9 (4): 3–43.'
    >>> reference("waltz1979")
    'Waltz, Kenneth N. 1979. Theory of International Politics. Reading, MA: Addison-Wesley.'
    """
    src = source(key)
    f = src.fields
    names = _author_list(src)
    head = f"{names if names.endswith('.') else names + '.'} {src.year}."
    title = src.title.rstrip(".")
    end = "" if title.endswith(("?", "!")) else "."
    parts: list[str] = [head]
    if src.entry_type == "book":
        parts.append(f"{title}{end}")
        publisher = _clean(f.get("publisher", ""))
        address = _clean(f.get("address", ""))
        if publisher:
            parts.append(f"{address}: {publisher}." if address else f"{publisher}.")
    else:
        parts.append(f'"{title}{end}"')
        if src.entry_type == "article":
            journal = src.container
            if src.volume:
                journal += f" {src.volume}"
            if src.number:
                journal += f" ({src.number})"
            if src.pages:
                journal += f": {src.pages}"
            parts.append(f"{journal}.")
        else:
            series = " ".join(
                x for x in (_clean(f.get("type", "")), _clean(f.get("number", ""))) if x
            )
            where = ", ".join(x for x in (series, src.container, _clean(f.get("address", ""))) if x)
            if where:
                parts.append(f"{where}.")
            if f.get("date"):
                parts.append(f"{f['date'].strip()}.")
    if src.doi:
        parts.append(f"https://doi.org/{src.doi}.")
    elif src.url:
        parts.append(f"{src.url}.")
    return " ".join(parts)


def _sort_key(src: Source) -> tuple[str, str, str]:
    return (" ".join(src.surnames).lower(), src.year, src.title.lower())


def _select(keys_: Iterable[str] | None, path: str | Path | None) -> list[Source]:
    entries = load_bibliography(path)
    chosen = list(entries.values()) if keys_ is None else [source(k, path) for k in keys_]
    return sorted(chosen, key=_sort_key)


def bibliography(keys: Iterable[str] | None = None) -> pd.DataFrame:
    """Return the bibliography (or the given keys) as a table sorted by author and year.

    Columns: key, type, authors (``"; "``-separated), year, title, container, volume, number,
    pages, doi, url.

    Examples
    --------
    >>> from smallstate.concepts import bibliography
    >>> table = bibliography(["walt1987", "leng2016", "walt1985"])
    >>> list(table["key"])
    ['leng2016', 'walt1985', 'walt1987']
    """
    import pandas as pd

    rows = [
        {
            "key": s.key,
            "type": s.entry_type,
            "authors": "; ".join(s.authors),
            "year": s.year,
            "title": s.title,
            "container": s.container,
            "volume": s.volume,
            "number": s.number,
            "pages": s.pages,
            "doi": s.doi,
            "url": s.url,
        }
        for s in _select(keys, None)
    ]
    return pd.DataFrame(rows, columns=_BIBLIOGRAPHY_COLUMNS)


def to_bibtex(keys: Iterable[str] | None = None) -> str:
    """Export the bibliography (or the given keys) as BibTeX text, sorted by author and year.

    The raw field values are written back unchanged, so the text parses again to the same
    entries.

    Examples
    --------
    >>> from smallstate.concepts import to_bibtex
    >>> text = to_bibtex(["leng2016"])
    >>> text.lstrip().startswith("@misc{leng2016,")
    True
    """
    import bibtexparser
    from bibtexparser.model import Entry, Field

    library = bibtexparser.Library()
    for src in _select(keys, None):
        fields = [Field(name, value) for name, value in src.fields.items()]
        library.add(Entry(src.entry_type, src.key, fields))
    return bibtexparser.write_string(library)
