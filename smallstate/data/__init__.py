"""The data package: the course's curated tables, described by ``datasets/datapackage.json``.

Examples
--------
>>> from smallstate.data import list_datasets
>>> "evidence_acts" in list_datasets()
True
"""

from __future__ import annotations

from smallstate.data.figures import (
    ambiguous_figures,
    conflicts,
)
from smallstate.data.package import (
    PACKAGE_FILE,
    DatasetError,
    check,
    citation,
    describe,
    list_datasets,
    load,
    package,
    resource,
)

__all__ = [
    "PACKAGE_FILE",
    "DatasetError",
    "ambiguous_figures",
    "check",
    "citation",
    "conflicts",
    "describe",
    "list_datasets",
    "load",
    "package",
    "resource",
]
