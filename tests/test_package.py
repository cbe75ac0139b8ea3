"""The package's public surface: cheap import, every exported name resolves, the CLI starts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import smallstate

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "seaborn", "matplotlib", "ipywidgets")


def _module_of(name: str) -> str | None:
    if name in smallstate._EXPORTS:
        return smallstate._EXPORTS[name]
    if name in smallstate._SUBMODULES:
        return f"smallstate.{name}"
    return None


def test_import_is_cheap() -> None:
    code = (
        "import json, sys, smallstate; "
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert json.loads(result.stdout) == [], f"importing smallstate loaded {result.stdout}"


def test_all_is_sorted_unique_and_complete() -> None:
    names = smallstate.__all__
    assert names == sorted(set(names))
    assert set(smallstate._EXPORTS) | set(smallstate._SUBMODULES) | {"__version__"} == set(names)
    assert all(module.startswith("smallstate.") for module in smallstate._EXPORTS.values())


def test_unknown_attribute_raises_clearly() -> None:
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        _ = smallstate.no_such_name  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", [n for n in smallstate.__all__ if n != "__version__"])
def test_exported_name_resolves(name: str) -> None:
    module = _module_of(name)
    assert module is not None
    assert getattr(smallstate, name) is not None


def test_cli_help() -> None:
    from smallstate.cli import app as cli

    script = Path(sys.executable).with_name("smallstate")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "smallstate"]
    result = subprocess.run([*command, "--help"], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    for subcommand in cli._SUBCOMMANDS:
        assert subcommand in result.stdout
