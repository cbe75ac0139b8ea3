"""Normalise answers and hash them with a per-exercise salt.

The packaged bank never holds a plain answer: it stores ``sha256(salt | key)`` for every
accepted *key*, where the key is the normalised answer:

* ``text`` (multiple choice): casefold, strip, collapse runs of whitespace to one space.
* ``label`` (category ids such as ``soft_bandwagoning``): as ``text``, then spaces and
  hyphens become ``_`` so that "Soft-bandwagoning" and "soft bandwagoning" match.
* ``numeric``: with tolerance 0 (or none) the key is the number written with 12
  significant digits (``1958.0`` and ``1958`` give the same key). With a tolerance ``t > 0``
  the number is rounded to a grid of step ``t / 10`` and the key is the grid index; the bank
  stores the hash of every grid point within ``t`` of the answer (21 hashes, sorted, so their
  order reveals nothing). A learner's value is accepted if its nearest grid point is one of
  them: values within ``t`` of the answer pass, values more than ``t + t/20`` away fail.

Hashes hide the answer from a casual reader of the bank; they are not a security boundary
(a determined learner can try every year or every option). Graded work relies on nbgrader's
hidden tests, not on these hashes.

Examples
--------
>>> normalise_text("  Soft   Bandwagoning ")
'soft bandwagoning'
>>> normalise_label("Soft-bandwagoning")
'soft_bandwagoning'
>>> numeric_key(1958.0, None)
'num:1958'
>>> accepted_numeric_keys(10, 0.5)[:2]
['grid:0.05:190', 'grid:0.05:191']
>>> numeric_key(10.5, 0.5) in accepted_numeric_keys(10, 0.5)
True
>>> numeric_key(10.6, 0.5) in accepted_numeric_keys(10, 0.5)
False
"""

from __future__ import annotations

import hashlib
import math
import numbers
import secrets
from collections.abc import Iterable
from typing import Any

__all__ = [
    "accepted_keys",
    "accepted_numeric_keys",
    "answer_key",
    "coding_key",
    "hash_key",
    "new_salt",
    "normalise_label",
    "normalise_text",
    "numeric_key",
    "to_number",
]

_EPS = 1e-9


def new_salt() -> str:
    """Return a fresh random salt (16 bytes, hex).

    Examples
    --------
    >>> len(new_salt())
    32
    """
    return secrets.token_hex(16)


def hash_key(salt: str, key: str) -> str:
    """Hash one normalised key with a salt (sha256, hex).

    Examples
    --------
    >>> hash_key("00", "defiance") == hash_key("00", "defiance")
    True
    >>> hash_key("00", "defiance") == hash_key("01", "defiance")
    False
    """
    return hashlib.sha256(f"{salt}|{key}".encode()).hexdigest()


def _scalar(value: Any) -> Any:
    """Unwrap one-element containers (a pandas cell, a numpy scalar) to a Python value."""
    if hasattr(value, "item") and getattr(value, "size", 1) == 1:
        try:
            return value.item()
        except (ValueError, TypeError, AttributeError):
            return value
    return value


def _text(value: Any) -> str:
    value = _scalar(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    return str(value)


def normalise_text(value: Any) -> str:
    """Casefold, strip and collapse whitespace.

    Examples
    --------
    >>> normalise_text("Defiance\\n")
    'defiance'
    >>> normalise_text(True)
    'true'
    """
    return " ".join(_text(value).casefold().split())


def normalise_label(value: Any) -> str:
    """Normalise a category label: like :func:`normalise_text`, then spaces/hyphens -> ``_``.

    Examples
    --------
    >>> normalise_label(" Limited bandwagoning")
    'limited_bandwagoning'
    """
    return "_".join(normalise_text(value).replace("-", " ").replace("_", " ").split())


def to_number(value: Any) -> float:
    """Convert an answer to a finite float, or raise ``ValueError`` saying why.

    Examples
    --------
    >>> to_number("1,958")
    1958.0
    >>> to_number("about 1958")
    Traceback (most recent call last):
    ...
    ValueError: expected a number, got 'about 1958'
    """
    value = _scalar(value)
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {value!r}")
    if isinstance(value, numbers.Real):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "").replace("_", ""))
        except ValueError:
            raise ValueError(f"expected a number, got {value!r}") from None
    else:
        raise ValueError(f"expected a number, got {value!r}")
    if not math.isfinite(number):
        raise ValueError(f"expected a finite number, got {value!r}")
    return number


def _grid(tolerance: float) -> float:
    return tolerance / 10


def numeric_key(value: Any, tolerance: float | None) -> str:
    """Key of a number: exact (12 significant digits) or its index on the tolerance grid.

    Examples
    --------
    >>> numeric_key("0.30000000000000004", 0)
    'num:0.3'
    >>> numeric_key(2.0, 1)
    'grid:0.1:20'
    """
    number = to_number(value)
    if not tolerance:
        return f"num:{number:.12g}"
    step = _grid(tolerance)
    return f"grid:{step:g}:{round(number / step)}"


def accepted_numeric_keys(answer: float, tolerance: float | None) -> list[str]:
    """Every key that counts as correct for ``answer`` within ``tolerance``.

    Examples
    --------
    >>> accepted_numeric_keys(1958, 0)
    ['num:1958']
    >>> len(accepted_numeric_keys(52, 1))
    21
    """
    if not tolerance:
        return [numeric_key(answer, tolerance)]
    step = _grid(tolerance)
    low = math.ceil((answer - tolerance) / step - _EPS)
    high = math.floor((answer + tolerance) / step + _EPS)
    return [f"grid:{step:g}:{k}" for k in range(low, high + 1)]


def coding_key(row_id: Any, column: str, value: Any) -> str:
    """The key hashed for one coded cell of a learner's table: row, column and value.

    The value is normalised as a label (case, spaces, hyphens), a number as its integer when
    it is one (``2``, ``"2"`` and ``2.0`` read alike).

    Examples
    --------
    >>> coding_key("A", "stance", " Defiance")
    'a|stance|defiance'
    >>> coding_key("A", "intensity", 2.0) == coding_key("A", "intensity", "2")
    True
    """
    value = _scalar(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{normalise_text(row_id)}|{column}|{normalise_label(value)}"


def answer_key(value: Any, match: str, tolerance: float | None = None) -> str:
    """Normalise one answer for the given match kind (``text``, ``label``, ``numeric``).

    Raises ``ValueError`` when the value cannot be read (e.g. text for a numeric answer).

    Examples
    --------
    >>> answer_key("Hedging ", "label")
    'hedging'
    >>> answer_key(1958, "numeric")
    'num:1958'
    """
    if match == "text":
        return normalise_text(value)
    if match == "label":
        return normalise_label(value)
    if match == "numeric":
        return numeric_key(value, tolerance)
    raise ValueError(f"answers of match kind {match!r} are not checked automatically")


def accepted_keys(values: Iterable[Any], match: str, tolerance: float | None) -> list[str]:
    """Sorted, de-duplicated keys that ``check`` accepts for the answers ``values``.

    Examples
    --------
    >>> accepted_keys(["Hedging", "hedging "], "label", None)
    ['hedging']
    """
    keys: set[str] = set()
    for value in values:
        if match == "numeric":
            keys.update(accepted_numeric_keys(to_number(value), tolerance))
        else:
            keys.add(answer_key(value, match, tolerance))
    return sorted(keys)


def hashes_for(values: Iterable[Any], match: str, salt: str, tolerance: float | None) -> list[str]:
    """Sorted, de-duplicated hashes of every accepted key of ``values``.

    Examples
    --------
    >>> len(hashes_for(["Hedging", "hedging "], "label", "00", None))
    1
    """
    return sorted(hash_key(salt, key) for key in accepted_keys(values, match, tolerance))
