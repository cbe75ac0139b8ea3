"""The layer order of the package, read from the imports (AST, including imports in functions).

The design line is concepts -> evidence -> indicators -> frameworks -> verdicts -> views ->
lessons. :data:`LAYERS` lists the subpackages from the bottom up; a module may import only from
its own layer or below. Views are peers: an analysis module imports no other analysis module,
a plot no other plot, a widget no other widget, except the shared modules named in
:data:`SHARED`. No module imports a private name (``_x``) from another subpackage.
docs/ARCHITECTURE.md draws the same layers and names every module (checked here too).
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "smallstate"
ARCHITECTURE = REPO / "docs" / "ARCHITECTURE.md"

#: Bottom to top. Each entry is a layer: the top-level modules or subpackages in it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("_paths", "_compat", "errors"),
    ("concepts",),
    ("data",),
    ("evidence",),
    ("unvotes",),
    ("indicators",),
    ("frameworks",),
    ("verdicts",),
    ("analysis",),
    ("simulation",),
    ("plots",),
    ("widgets",),
    ("exercises",),
    ("instructor",),
    ("cli",),
)
#: Subpackages whose modules are peers: they may import only the shared modules of their own
#: subpackage, never each other.
PEERS: frozenset[str] = frozenset({"analysis", "plots", "widgets"})
SHARED: dict[str, frozenset[str]] = {
    "plots": frozenset({"figure", "palette"}),
    "widgets": frozenset({"base", "figure_view", "render"}),
    "analysis": frozenset(),
}
#: The package's own entry points sit above every layer.
TOP: frozenset[str] = frozenset({"__init__", "__main__"})


def _layer_of(top: str) -> int:
    for index, names in enumerate(LAYERS):
        if top in names:
            return index
    raise AssertionError(
        f"smallstate.{top} is in no layer: add it to LAYERS in tests/test_layers.py "
        "and to docs/ARCHITECTURE.md"
    )


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path: Path) -> list[tuple[int, str, tuple[str, ...]]]:
    """(line, imported module, names) for every smallstate import anywhere in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path.parent)
    out: list[tuple[int, str, tuple[str, ...]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [
                (node.lineno, a.name, ()) for a in node.names if a.name.startswith("smallstate")
            ]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            if module == "smallstate" or module.startswith("smallstate."):
                out.append((node.lineno, module, tuple(a.name for a in node.names)))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
            arg = node.args[0] if node.args else None
            if isinstance(arg, ast.Constant) and str(arg.value).startswith("smallstate."):
                out.append((node.lineno, str(arg.value), ()))
    return out


def _target(module: str, names: tuple[str, ...]) -> list[str]:
    """The modules an import really reaches: ``from smallstate import x`` reaches smallstate.x."""
    if module == "smallstate":
        return [
            f"smallstate.{n}"
            for n in names
            if (PACKAGE / n).exists() or (PACKAGE / f"{n}.py").exists()
        ]
    return [module]


def _violations() -> list[str]:
    problems: list[str] = []
    for path in _modules():
        name = _module_name(path)
        parts = name.split(".")
        if len(parts) == 1 or (len(parts) == 2 and parts[1] in TOP):
            continue  # smallstate/__init__.py and __main__.py: the public entry points
        top = parts[1]
        own = _layer_of(top)
        for line, module, names in _imports(path):
            where = f"{path.relative_to(REPO)}:{line}"
            for target in _target(module, names):
                tparts = target.split(".")
                if len(tparts) < 2:
                    continue
                ttop = tparts[1]
                if ttop in TOP:
                    problems.append(f"{where}: imports the package entry point {target}")
                    continue
                layer = _layer_of(ttop)
                if layer > own:
                    problems.append(
                        f"{where}: {name} (layer {own}, {top}) imports {target} "
                        f"(layer {layer}, {ttop}), a higher layer"
                    )
                if (
                    ttop == top
                    and top in PEERS
                    and len(parts) > 2
                    and len(tparts) > 2
                    and tparts[2] != parts[2]
                    and tparts[2] not in SHARED[top]
                ):
                    problems.append(
                        f"{where}: {name} imports its peer {target}; move what they share to "
                        f"one of {sorted(SHARED[top])} or a lower layer"
                    )
                if ttop != top:
                    private = [n for n in names if n.startswith("_")]
                    if private:
                        problems.append(f"{where}: imports private name(s) {private} from {target}")
    return problems


def test_every_module_is_in_a_layer() -> None:
    tops = {_module_name(p).split(".")[1] for p in _modules() if _module_name(p) != "smallstate"}
    for top in sorted(tops - TOP):
        _layer_of(top)


def test_imports_follow_the_layers() -> None:
    problems = _violations()
    assert not problems, "layer violations:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from smallstate.widgets.base import CourseWidget\n", []),
        ("from smallstate.widgets.render import render_verdicts\n", []),
        (
            "def f():\n    from smallstate.widgets.timeline_explorer import TimelineExplorer\n",
            ["peer"],
        ),
        ("def f():\n    from smallstate.cli import main\n", ["higher layer"]),
        ("from smallstate.analysis.foip import _check\n", ["private"]),
        (
            "import importlib\nimportlib.import_module('smallstate.exercises.quiz')\n",
            ["higher layer"],
        ),
    ],
)
def test_the_checker_catches_violations(
    source: str, expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rules fail on a planted violation (a widget importing a widget, a view importing up)."""
    fake_repo = tmp_path / "repo"
    widget = fake_repo / "smallstate" / "widgets" / "planted.py"
    widget.parent.mkdir(parents=True)
    (fake_repo / "smallstate" / "__init__.py").write_text("")
    (widget.parent / "__init__.py").write_text("")
    widget.write_text(source)
    for sub in ("analysis", "cli", "exercises"):
        (fake_repo / "smallstate" / sub).mkdir()
        (fake_repo / "smallstate" / sub / "__init__.py").write_text("")
    globals_ = globals()
    monkeypatch.setitem(globals_, "REPO", fake_repo)
    monkeypatch.setitem(globals_, "PACKAGE", fake_repo / "smallstate")
    problems = _violations()
    for word in expected:
        assert any(word in p for p in problems), problems
    if not expected:
        assert problems == []


def _documented_modules(text: str) -> set[str]:
    return set(re.findall(r"`(smallstate(?:\.[a-z_]+)+)`", text))


def test_architecture_names_every_module() -> None:
    documented = _documented_modules(ARCHITECTURE.read_text(encoding="utf-8"))
    modules = {_module_name(p) for p in _modules()} - {"smallstate"}
    missing = sorted(m for m in modules if m not in documented)
    assert not missing, f"docs/ARCHITECTURE.md does not name: {missing}"
    stale = sorted(m for m in documented if m not in modules and not _is_attribute(m))
    assert not stale, f"docs/ARCHITECTURE.md names modules that do not exist: {stale}"


def _is_attribute(dotted: str) -> bool:
    """``smallstate.evidence.selection.case_part``-style references name attributes."""
    from smallstate._compat import MOVED

    if dotted in MOVED:  # old paths, documented as deprecated
        return True
    module, _, attr = dotted.rpartition(".")
    try:
        return hasattr(importlib.import_module(module), attr)
    except ImportError:
        return False


def test_architecture_draws_the_layers_in_order() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    table = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "`smallstate" in line]
    drawn = [tuple(re.findall(r"`smallstate\.([a-z_]+)`", row.split("|")[2])) for row in rows]
    assert drawn == [tuple(layer) for layer in LAYERS], drawn
