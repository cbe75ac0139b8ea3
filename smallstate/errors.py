"""The exceptions the library raises on purpose, and the one "did you mean ...?" helper.

This is the bottom layer: it imports only the standard library, and every other layer may
import it. Which exception to raise for which mistake:

:class:`SmallstateError`
    The base of everything below: ``except SmallstateError`` catches every mistake the library
    reports on purpose (and nothing else, such as a bug or a missing file).
:class:`UnknownNameError`
    An id, key or name that is not known: a framework, concept, bibliography key, dataset,
    country, mechanism, version id, dimension, exercise id, stance, label, parameter ... Build
    it with :func:`unknown`, which adds the closest known names. It subclasses both
    :class:`KeyError` and :class:`ValueError`, so older ``except KeyError`` and
    ``except ValueError`` handlers keep working. Exercise ids raise its subclass
    :class:`smallstate.exercises.UnknownExerciseError`.
:class:`InputError`
    Bad input data: a file or table that cannot be used as it is. The message names the file,
    the row (1-based data row as in the CSV, header = row 1) and the column. Each kind of file
    has its own subclass, in the module that reads it: ``EvidenceError`` (evidence tables),
    ``DatasetError`` (curated tables), ``VotesFileError`` (UN votes files), ``ConceptError``
    (the concept registry), ``BibliographyError`` (the BibTeX file), ``ExerciseFileError``
    (authored exercises) and ``ChecksumError`` (a downloaded file with the wrong checksum). It
    subclasses :class:`ValueError`.

Other mistakes keep the built-in type Python itself would use: :class:`TypeError` for an
argument of the wrong type, :class:`ValueError` for a value out of range (a negative weight, an
empty selection), :class:`FileNotFoundError` for a missing file. ``DownloadError`` (a download
that failed) is an :class:`OSError` and a :class:`SmallstateError`.

A name that is unknown is reported in one phrase, built by :func:`did_you_mean`:
``unknown framework 'lengg'; did you mean 'leng'?``, or, when no known name is close, the list
of known names (``known: 'a', 'b', ...``).

Examples
--------
>>> from smallstate.errors import UnknownNameError, unknown
>>> err = unknown("framework", "lengg", ["waltz", "kuik", "leng"])
>>> print(err)
unknown framework 'lengg'; did you mean 'leng'?
>>> isinstance(err, KeyError) and isinstance(err, ValueError)
True
>>> try:
...     raise err
... except UnknownNameError as caught:
...     caught.suggestions
('leng',)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TypeVar, overload

__all__ = [
    "InputError",
    "SmallstateError",
    "UnknownNameError",
    "close_matches",
    "did_you_mean",
    "unknown",
]

#: How similar (difflib ratio, ignoring case) a known name must be to be suggested.
CUTOFF = 0.6
#: How many known names ``known: ...`` lists before ``...``.
LISTED = 10


class SmallstateError(Exception):
    """Base of every exception the library raises on purpose.

    Examples
    --------
    >>> issubclass(UnknownNameError, SmallstateError), issubclass(InputError, SmallstateError)
    (True, True)
    """


class UnknownNameError(SmallstateError, KeyError, ValueError):
    """An id, key or name that is not known; the message suggests the closest known names.

    Raise it through :func:`unknown`. It is also a :class:`KeyError` and a :class:`ValueError`,
    and, unlike a plain ``KeyError``, its message is printed without quotes.

    Attributes
    ----------
    name : str or None
        The name that was not found (set by :func:`unknown`).
    suggestions : tuple of str
        The close known names the message suggests, best first (may be empty).

    Examples
    --------
    >>> str(UnknownNameError("unknown colour 'rde'"))
    "unknown colour 'rde'"
    >>> str(KeyError("unknown colour 'rde'"))
    '"unknown colour \\'rde\\'"'
    """

    name: str | None = None
    suggestions: tuple[str, ...] = ()

    def __str__(self) -> str:
        return Exception.__str__(self)


class InputError(SmallstateError, ValueError):
    """Bad input data: a file or table the library cannot use; the message says where.

    The base of the per-file errors (``EvidenceError``, ``DatasetError``, ``VotesFileError``,
    ``ConceptError``, ``BibliographyError``, ``ExerciseFileError``, ``ChecksumError``).

    Examples
    --------
    >>> class TableError(InputError):
    ...     pass
    >>> isinstance(TableError("table.csv, row 3, column 'date': not a date"), ValueError)
    True
    """


def _names(known: Iterable[object]) -> list[str]:
    # Sets have no order of their own: sort them so that messages are reproducible.
    names = [str(k) for k in known]
    return sorted(names) if isinstance(known, set | frozenset) else names


def close_matches(name: str, known: Iterable[object], *, n: int = 3) -> list[str]:
    """The known names closest to ``name``, best first (at most ``n``; may be empty).

    Matching ignores case. It tries, in order: the same name in another case, similar spelling
    (:mod:`difflib` ratio of at least :data:`CUTOFF`), names that start with ``name``, names
    that contain it, and names that share its first four characters. A step that finds more than ``n`` equally good names
    suggests none of them (they would not help choose), and the next step is tried.

    Parameters
    ----------
    name
        The name that was not found.
    known
        The valid names, in the order to list them (a set is sorted).
    n
        The largest number of names to return.

    Examples
    --------
    >>> close_matches("lengg", ["waltz", "kuik", "leng"])
    ['leng']
    >>> close_matches("KUIK", ["waltz", "kuik", "leng"])
    ['kuik']
    >>> close_matches("Korea", ["Republic of Korea", "Japan"])
    ['Republic of Korea']
    >>> close_matches("L00.E9", ["L00.E1", "L00.E2", "L00.E3", "L00.E4", "L00.E5"])
    []
    """
    names = list(dict.fromkeys(_names(known)))
    target = str(name).casefold()
    if not target or n < 1:
        return []
    folded = [k.casefold() for k in names]
    same = [names[i] for i, k in enumerate(folded) if k == target]
    if same:  # the name in another case: nothing else is as close
        return same[:n]

    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(target)
    scored: list[tuple[float, int]] = []
    for i, k in enumerate(folded):
        matcher.set_seq1(k)
        if matcher.real_quick_ratio() >= CUTOFF and matcher.quick_ratio() >= CUTOFF:
            ratio = matcher.ratio()
            if ratio >= CUTOFF:
                scored.append((ratio, i))
    scored.sort(key=lambda pair: -pair[0])  # stable: equal scores keep the order of `known`
    if scored and not (len(scored) > n and scored[n][0] == scored[0][0]):
        return [names[i] for _, i in scored[:n]]

    steps = (
        lambda k: k.startswith(target),
        lambda k: target in k,
        lambda k: len(target) >= 4 and k[:4] == target[:4],
    )
    for matches in steps:
        found = [names[i] for i, k in enumerate(folded) if matches(k)]
        if 0 < len(found) <= n:
            return found
    return []


def _quoted(names: list[str]) -> str:
    quoted = [repr(k) for k in names]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def did_you_mean(name: str, known: Iterable[object], *, n: int = 3) -> str:
    """One phrase that helps fix an unknown ``name``: the closest known names, or all of them.

    Parameters
    ----------
    name
        The name that was not found.
    known
        The valid names, in the order to list them (a set is sorted).
    n
        The largest number of close names to suggest (see :func:`close_matches`); ``0`` lists
        the known names instead.

    Returns
    -------
    str
        ``"did you mean 'a'?"`` or ``"did you mean 'a' or 'b'?"`` when some known names are
        close; otherwise ``"known: 'a', 'b', ..."``, listing the first :data:`LISTED` names
        (``"known: none"`` if there are none).

    Examples
    --------
    >>> did_you_mean("lengg", ["waltz", "kuik", "leng"])
    "did you mean 'leng'?"
    >>> did_you_mean("kuik2009", ["kuik2008", "kuik2016", "leng2016"])
    "did you mean 'kuik2008' or 'kuik2016'?"
    >>> did_you_mean("xyz", ["waltz", "kuik", "leng"])
    "known: 'waltz', 'kuik', 'leng'"
    >>> did_you_mean("L00.E12", ["L00.E1", "L00.E2"], n=0)
    "known: 'L00.E1', 'L00.E2'"
    >>> did_you_mean("x", [f"id{i}" for i in range(12)])
    "known: 'id0', 'id1', 'id2', 'id3', 'id4', 'id5', 'id6', 'id7', 'id8', 'id9', ... (12 in all)"
    """
    names = list(dict.fromkeys(_names(known)))
    close = close_matches(name, names, n=n)
    if close:
        return f"did you mean {_quoted(close)}?"
    if not names:
        return "known: none"
    listed = ", ".join(repr(k) for k in names[:LISTED])
    more = f", ... ({len(names)} in all)" if len(names) > LISTED else ""
    return f"known: {listed}{more}"


_E = TypeVar("_E", bound=UnknownNameError)


@overload
def unknown(
    what: str, name: object, known: Iterable[object], *, where: str = ..., n: int = ...
) -> UnknownNameError: ...
@overload
def unknown(
    what: str,
    name: object,
    known: Iterable[object],
    *,
    where: str = ...,
    n: int = ...,
    error: type[_E],
) -> _E: ...
def unknown(
    what: str,
    name: object,
    known: Iterable[object],
    *,
    where: str = "",
    n: int = 3,
    error: type[UnknownNameError] = UnknownNameError,
) -> UnknownNameError:
    """Build (not raise) the error for a ``name`` that is not among the ``known`` ones.

    Parameters
    ----------
    what
        What the name names, in the singular: ``"framework"``, ``"source key"``, ...
    name
        The name that was not found.
    known
        The valid names, in the order to list them (a set is sorted).
    where
        Optional context after the name, such as ``"in the UN votes"``.
    n
        The largest number of close names to suggest; ``0`` lists the known names instead.
    error
        The class to build: :class:`UnknownNameError` or a subclass of it.

    Returns
    -------
    UnknownNameError
        With the message ``"unknown WHAT 'NAME'[ WHERE]; <did_you_mean phrase>"`` and the
        attributes ``name`` and ``suggestions`` set.

    Examples
    --------
    >>> raise unknown("framework", "lengg", ["waltz", "kuik", "leng"])
    Traceback (most recent call last):
    ...
    smallstate.errors.UnknownNameError: unknown framework 'lengg'; did you mean 'leng'?
    >>> print(unknown("country", "Lao", ["Laos", "China"], where="in the UN votes"))
    unknown country 'Lao' in the UN votes; did you mean 'Laos'?
    """
    text = str(name)
    names = _names(known)
    context = f" {where}" if where else ""
    err = error(f"unknown {what} {text!r}{context}; {did_you_mean(text, names, n=n)}")
    err.name = text
    err.suggestions = tuple(close_matches(text, names, n=n))
    return err
