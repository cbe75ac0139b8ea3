"""Old module paths, kept working for one release with a :class:`DeprecationWarning`.

Version 0.1 had 25 modules side by side; 0.2 has one subpackage per layer. Each old path below
still imports: it is an alias module whose names are looked up in the new modules, in order.
Importing one warns with the new location. The aliases go away in 0.3.

Examples
--------
>>> import sys, warnings
>>> _ = sys.modules.pop("smallstate.foip", None)  # as on a first import
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     from smallstate.foip import back, plot_scores
>>> back.__module__, plot_scores.__module__
('smallstate.analysis.foip', 'smallstate.plots.foip')
>>> "smallstate.analysis.foip" in str(caught[0].message)
True
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
import warnings
from collections.abc import Sequence
from typing import Any

__all__ = ["MOVED", "install"]

#: Old module path -> the new modules that now hold its names (searched in this order).
MOVED: dict[str, tuple[str, ...]] = {
    "smallstate.sources": ("smallstate.concepts.sources",),
    "smallstate.classification": ("smallstate.verdicts.classify", "smallstate.cli.classify"),
    "smallstate.datasets": ("smallstate.data.package", "smallstate.data.figures"),
    "smallstate.vote_acts": ("smallstate.unvotes.acts",),
    "smallstate.disagreement": (
        "smallstate.analysis.disagreement",
        "smallstate.evidence.selection",
        "smallstate.evidence.schema",
    ),
    "smallstate.threat": ("smallstate.analysis.threat", "smallstate.plots.threat"),
    "smallstate.foip": (
        "smallstate.analysis.foip",
        "smallstate.plots.foip",
        "smallstate.widgets.render",
    ),
    "smallstate.asean": ("smallstate.analysis.asean", "smallstate.plots.asean"),
    "smallstate.timeline": (
        "smallstate.analysis.timeline",
        "smallstate.plots.timeline",
        "smallstate.evidence.schema",
    ),
    "smallstate.lineage": ("smallstate.analysis.lineage", "smallstate.plots.lineage"),
    "smallstate.spectrum": (
        "smallstate.analysis.spectrum",
        "smallstate.plots.spectrum",
        "smallstate.evidence.schema",
    ),
    "smallstate.projects_chart": ("smallstate.analysis.projects", "smallstate.plots.projects"),
    "smallstate.palette": ("smallstate.plots.palette",),
    "smallstate.frameworks.somanith": ("smallstate.frameworks.samath",),
    "smallstate.assignments": ("smallstate.instructor.assignments",),
    "smallstate.instructor_grading": ("smallstate.instructor.grading",),
}


def _alias_module(name: str, targets: Sequence[str]) -> types.ModuleType:
    module = types.ModuleType(name, f"Deprecated alias of {', '.join(targets)}.")

    def __getattr__(attr: str) -> Any:
        for target in targets:
            new = importlib.import_module(target)
            if hasattr(new, attr):
                return getattr(new, attr)
        raise AttributeError(f"module {name!r} has no attribute {attr!r}")

    def __dir__() -> list[str]:
        names: set[str] = set()
        for target in targets:
            names.update(getattr(importlib.import_module(target), "__all__", ()))
        return sorted(names)

    module.__getattr__ = __getattr__  # type: ignore[method-assign]
    module.__dir__ = __dir__  # type: ignore[method-assign]
    module.__all__ = __dir__()  # type: ignore[attr-defined]
    return module


class _Loader(importlib.abc.Loader):
    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        targets = MOVED[spec.name]
        warnings.warn(
            f"{spec.name} is deprecated and will be removed in smallstate 0.3; "
            f"import from {' or '.join(targets)} instead",
            DeprecationWarning,
            stacklevel=2,
        )
        return _alias_module(spec.name, targets)

    def exec_module(self, module: types.ModuleType) -> None:
        return None


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname in MOVED:
            return importlib.machinery.ModuleSpec(fullname, _Loader())
        return None


def install() -> None:
    """Make the old module paths importable (idempotent; called by ``smallstate/__init__``)."""
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.append(_Finder())
