"""The indicators layer: evidence -> one profile row per case, vectorized.

Examples
--------
>>> from smallstate.indicators import profiles
>>> callable(profiles)
True
"""

from __future__ import annotations

from smallstate.indicators.profiles import (
    profiles,
)

__all__ = [
    "profiles",
]
