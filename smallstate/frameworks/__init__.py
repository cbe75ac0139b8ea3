"""Frameworks: theories of small-state alignment as ordered, cited rules over case profiles.

One module per framework; each exposes ``FRAMEWORK``. :data:`FRAMEWORKS` maps ids to them and
:func:`get_framework` looks one up.

Examples
--------
>>> from smallstate.frameworks import FRAMEWORKS, get_framework
>>> sorted(FRAMEWORKS)
['jackson', 'kuik', 'leng', 'paul', 'schweller', 'somanith', 'walt', 'waltz']
>>> get_framework("kuik").name
'Kuik: the hedging spectrum'
"""

from __future__ import annotations

from smallstate.errors import unknown
from smallstate.frameworks import jackson, kuik, leng, paul, schweller, somanith, walt, waltz
from smallstate.frameworks.base import (
    LABELS,
    FiredRule,
    Framework,
    Parameter,
    Rule,
    Verdict,
)

__all__ = [
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
        somanith.FRAMEWORK,
    )
}


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
    try:
        return FRAMEWORKS[framework_id]
    except KeyError:
        raise unknown("framework", framework_id, FRAMEWORKS) from None
