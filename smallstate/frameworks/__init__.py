"""Frameworks: theories of small-state alignment as ordered, cited rules over case profiles.

One module per framework; each exposes ``FRAMEWORK``. :data:`FRAMEWORKS` maps ids to them and
:func:`get_framework` looks one up.

Examples
--------
>>> from smallstate.frameworks import FRAMEWORKS, get_framework
>>> sorted(FRAMEWORKS)
['client', 'jackson', 'kuik', 'leng', 'paul', 'samath', 'schweller', 'walt', 'waltz']
>>> get_framework("kuik").name
'Kuik: the hedging spectrum'
"""

from __future__ import annotations

import warnings

from smallstate.errors import unknown
from smallstate.frameworks import client, jackson, kuik, leng, paul, samath, schweller, walt, waltz
from smallstate.frameworks.base import (
    LABELS,
    FiredRule,
    Framework,
    Parameter,
    Rule,
    Verdict,
)

__all__ = [
    "DEPRECATED_IDS",
    "FRAMEWORKS",
    "LABELS",
    "FiredRule",
    "Framework",
    "Parameter",
    "Rule",
    "Verdict",
    "get_framework",
]

#: Framework id -> framework, in teaching order.
FRAMEWORKS: dict[str, Framework] = {
    fw.id: fw
    for fw in (
        waltz.FRAMEWORK,
        walt.FRAMEWORK,
        schweller.FRAMEWORK,
        paul.FRAMEWORK,
        jackson.FRAMEWORK,
        kuik.FRAMEWORK,
        leng.FRAMEWORK,
        samath.FRAMEWORK,
        client.FRAMEWORK,
    )
}


#: Old framework id -> its new id (0.1 named the AVI brief's framework after the author's given
#: name; the byline "SAMATH Chan Somanith" puts the family name first, so it is ``samath``).
DEPRECATED_IDS: dict[str, str] = {"somanith": "samath"}


def get_framework(framework_id: str | Framework) -> Framework:
    """Return the framework with this id (a Framework is returned unchanged).

    Raises
    ------
    smallstate.errors.UnknownNameError
        For an unknown id, naming the closest ids (a ``KeyError`` and a ``ValueError``).

    Examples
    --------
    >>> get_framework("lengg")
    Traceback (most recent call last):
    ...
    smallstate.errors.UnknownNameError: unknown framework 'lengg'; did you mean 'leng'?
    """
    if isinstance(framework_id, Framework):
        return framework_id
    if framework_id in DEPRECATED_IDS:
        new = DEPRECATED_IDS[framework_id]
        warnings.warn(
            f"framework id {framework_id!r} is deprecated and will be removed in smallstate 0.3; "
            f"use {new!r}",
            DeprecationWarning,
            stacklevel=2,
        )
        return FRAMEWORKS[new]
    try:
        return FRAMEWORKS[framework_id]
    except KeyError:
        raise unknown("framework", framework_id, FRAMEWORKS) from None
