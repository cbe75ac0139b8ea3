"""Re-execute notebooks in a fresh, network-denied kernel and store their outputs in place.

``make lessons`` runs this over ``lessons/*.ipynb`` in order. Each notebook gets its own fresh
kernel started in the notebook's folder, with ``tools/deny_network`` on its ``PYTHONPATH`` (a
download fails the run) and ``PYTHONHASHSEED=0``. Stored outputs are what nbval later compares,
so nothing volatile is written: no execution timing metadata; widget state is kept (the static
site shows it as a snapshot; nbval skips widget views). A notebook whose execution fails is not
written, and the exit status is 1.

Usage::

    python tools/execute_notebooks.py [--timeout SECONDS] NOTEBOOK.ipynb ...
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GUARD_DIR = HERE / "deny_network"
sys.path.insert(0, str(HERE))

from check_notebooks import check_notebook  # noqa: E402

VOLATILE_CELL_METADATA = ("execution", "collapsed", "scrolled")
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_MODEL_REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")
_MODEL_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")
_ID_NAMESPACE = uuid.UUID("5b1e4c1e-6d2a-4d8e-9a41-7f3c2b0d9e11")


def stable_widget_ids(nb: dict[str, Any], key: str) -> dict[str, Any]:
    """Rename widget model ids deterministically, so re-running an unchanged lesson gives no diff.

    Models are numbered in the order they are displayed (cell outputs, top to bottom) and then
    referenced (children, layout, style); the id is ``uuid5(namespace, f"{key}:{n}")``. The saved
    widget state is re-ordered the same way.

    Examples
    --------
    >>> a, b = "a" * 32, "b" * 32
    >>> nb = {"metadata": {"widgets": {WIDGET_STATE: {"state": {
    ...     b: {"state": {"layout": f"IPY_MODEL_{a}"}}, a: {"state": {}}}}}},
    ...     "cells": [{"outputs": [{"data": {WIDGET_VIEW: {"model_id": b}}}]}]}
    >>> out = stable_widget_ids(nb, "demo")
    >>> first, second = (uuid.uuid5(_ID_NAMESPACE, f"demo:{n}").hex for n in (0, 1))
    >>> list(out["metadata"]["widgets"][WIDGET_STATE]["state"]) == [first, second]
    True
    >>> out["metadata"]["widgets"][WIDGET_STATE]["state"][first]["state"]["layout"] == (
    ...     f"IPY_MODEL_{second}")
    True
    """
    state = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state")
    if not state:
        return nb
    order: list[str] = []
    seen: set[str] = set()

    def visit(model_id: str) -> None:
        pending = [model_id]
        while pending:
            current = pending.pop(0)
            if current in seen or current not in state:
                continue
            seen.add(current)
            order.append(current)
            refs = _MODEL_REF.findall(json.dumps(state[current].get("state", {}), sort_keys=True))
            pending.extend(refs)

    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if isinstance(view, dict) and "model_id" in view:
                visit(view["model_id"])

    def canonical(model_id: str) -> str:
        return _MODEL_ID.sub("", json.dumps(state[model_id], sort_keys=True))

    for model_id in sorted(set(state) - seen, key=canonical):
        visit(model_id)
    mapping = {old: uuid.uuid5(_ID_NAMESPACE, f"{key}:{n}").hex for n, old in enumerate(order)}
    text = _MODEL_ID.sub(lambda m: mapping.get(m.group(0), m.group(0)), json.dumps(nb))
    renamed: dict[str, Any] = json.loads(text)
    wstate = renamed["metadata"]["widgets"][WIDGET_STATE]
    wstate["state"] = {mapping[old]: wstate["state"][mapping[old]] for old in order}
    return renamed


def kernel_environment(log_path: Path) -> None:
    """Set the environment that the kernels started from this process inherit."""
    pythonpath = os.environ.get("PYTHONPATH", "")
    parts = [str(GUARD_DIR), *[p for p in pythonpath.split(os.pathsep) if p]]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(parts))
    os.environ["SMALLSTATE_DENY_NETWORK"] = "1"
    os.environ["SMALLSTATE_DENY_NETWORK_LOG"] = str(log_path)
    os.environ["PYTHONHASHSEED"] = "0"
    # A fresh, empty progress file: stored outputs never show the developer's own progress.
    os.environ["SMALLSTATE_PROGRESS_FILE"] = str(log_path.with_name("progress.json"))


def execute(path: Path, timeout: int) -> None:
    """Execute one notebook in place (raises on the first failing cell)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    kernel_name = nb.metadata.get("kernelspec", {}).get("name", "python3")
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel_name,
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=True,
        allow_errors=False,
    )
    client.execute()
    for cell in nb.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
    nb = nbformat.from_dict(stable_widget_ids(nb, path.name))
    nbformat.validate(nb)
    nbformat.write(nb, path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks, run in this order")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell (600)")
    args = parser.parse_args(argv)
    if not args.notebooks:
        print("execute_notebooks: no notebooks given (nothing to do)", file=sys.stderr)
        return 0
    failures = 0
    with tempfile.TemporaryDirectory(prefix="smallstate-exec-") as tmp:
        log_path = Path(tmp) / "network-denied.log"
        kernel_environment(log_path)
        for path in args.notebooks:
            start = time.perf_counter()
            print(f"executing {path} ...", flush=True)
            try:
                execute(path, args.timeout)
            except Exception as error:
                failures += 1
                print(f"FAILED {path}: {type(error).__name__}: {error}", file=sys.stderr)
                continue
            problems = check_notebook(path)
            if problems:
                failures += 1
                print("\n".join(problems), file=sys.stderr)
            print(f"  done in {time.perf_counter() - start:.1f} s", flush=True)
        if log_path.exists() and log_path.read_text(encoding="utf-8").strip():
            failures += 1
            print("Network access was attempted (lessons must run offline):", file=sys.stderr)
            print(log_path.read_text(encoding="utf-8"), file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
