"""Where the course's curated data lives, from a checkout or from an installed wheel.

In a checkout (and an editable install) the data sits in ``datasets/`` beside the package.
A wheel carries the same folder inside the package as ``smallstate/_datasets`` (see
``[tool.hatch.build.targets.wheel.force-include]`` in ``pyproject.toml``).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

__all__ = ["dataset_path", "datasets_dir"]

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def datasets_dir() -> Path:
    """Return the folder that holds the curated CSVs, the bibliography and the data package.

    The environment variable ``SMALLSTATE_DATASETS`` overrides the search (useful for
    testing a modified copy of the data).

    Returns
    -------
    pathlib.Path
        An existing directory containing ``datapackage.json`` or ``references.bib``.

    Raises
    ------
    FileNotFoundError
        If no data folder can be found; the message lists the places searched.

    Examples
    --------
    >>> from smallstate._paths import datasets_dir
    >>> (datasets_dir() / "references.bib").is_file()
    True
    """
    override = os.environ.get("SMALLSTATE_DATASETS")
    candidates = [Path(override)] if override else []
    candidates += [_PACKAGE_DIR / "_datasets", _PACKAGE_DIR.parent / "datasets"]
    for candidate in candidates:
        if candidate.is_dir() and (candidate / "references.bib").is_file():
            return candidate
    searched = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"smallstate: no datasets folder found (searched: {searched})")


def dataset_path(name: str) -> Path:
    """Return the path of one file in the datasets folder, failing clearly if it is missing.

    Examples
    --------
    >>> from smallstate._paths import dataset_path
    >>> dataset_path("references.bib").name
    'references.bib'
    """
    path = datasets_dir() / name
    if not path.exists():
        raise FileNotFoundError(f"smallstate: dataset file {name!r} not found in {path.parent}")
    return path
