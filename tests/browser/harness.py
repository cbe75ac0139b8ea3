"""Drive one notebook in JupyterLab the way a student does, and fail on anything a student would see.

``run_notebook(page, lab, relpath)`` opens the notebook, waits until the kernel is really ready
(JupyterLab issue #8490: the toolbar's "idle" is not enough), clears stored outputs, runs all
cells from the Run menu, waits until every code cell has an execution count and the kernel is
idle, and asserts that no cell shows an error. Then it performs every widget action declared in
the cells' ``smallstate.widgets`` metadata (contract: docs/ARCHITECTURE.md), waits for each
update to finish (text and decoded images) and asserts again: no error, and nothing in the log
console (where JupyterLab puts output it could not route to a cell).

``exercise_widget(page, declaration, VOILA)`` drives the same declarations on a lesson served
by Voila (``make present``), where the code is hidden and the kernel is not exposed.

Every wait has a timeout; no JavaScript promise is awaited inside ``page.evaluate``.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Timeouts in milliseconds.
READY_TIMEOUT = 90_000
RUN_ALL_TIMEOUT = 600_000
WIDGET_RENDER_TIMEOUT = 60_000
WIDGET_UPDATE_TIMEOUT = 60_000

ACTIONS = ("fill", "select", "slider", "click", "toggle")

_READY_JS = """
(path) => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return false;
  const w = app.shell.currentWidget;
  if (!w || !w.context || !w.sessionContext || !w.content || !w.content.model) return false;
  if (w.context.path !== path || !w.context.isReady || !w.sessionContext.isReady) return false;
  const session = w.sessionContext.session;
  const kernel = session && session.kernel;
  if (!kernel || kernel.connectionStatus !== 'connected' || kernel.status !== 'idle') return false;
  if (!window.__ss || window.__ss.panel !== w) {
    const record = {panel: w, unhandled: []};
    w.sessionContext.unhandledMessage.connect((_, msg) => {
      const type = msg.header.msg_type;
      if (['stream', 'error', 'display_data', 'execute_result'].includes(type)) {
        record.unhandled.push(JSON.stringify({type: type, content: msg.content}).slice(0, 3000));
      }
    });
    window.__ss = record;
  }
  return true;
}
"""

_KERNEL_IDLE_JS = """
() => {
  const k = window.__ss.panel.sessionContext.session && window.__ss.panel.sessionContext.session.kernel;
  return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
}
"""

# Code cells that should run: non-empty source. Returns their count of missing execution counts.
_CELL_STATE_JS = """
() => {
  const panel = window.__ss.panel;
  const cells = panel.content.model.cells;
  let pending = 0, withCount = 0, errors = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type !== 'code' || !c.sharedModel.getSource().trim()) continue;
    if (c.executionCount === null || c.executionCount === undefined) pending++; else withCount++;
    for (let j = 0; j < c.outputs.length; j++) if (c.outputs.get(j).type === 'error') errors++;
  }
  return {pending, withCount, errors};
}
"""

_ERRORS_JS = """
() => {
  const panel = window.__ss.panel;
  const cells = panel.content.model.cells;
  const found = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    const tags = (c.getMetadata && c.getMetadata('tags')) || [];
    if (tags.includes('raises-exception')) continue;
    for (let j = 0; j < c.outputs.length; j++) {
      const o = c.outputs.get(j).toJSON();
      if (o.output_type === 'error') {
        found.push(`cell ${i + 1}: ${o.ename}: ${o.evalue}`);
      }
    }
    const node = panel.content.widgets[i] && panel.content.widgets[i].node;
    if (!node) continue;
    const shown = node.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-RenderedText');
    for (const el of shown) {
      const text = el.innerText || '';
      if (text.includes('Traceback')) {
        found.push(`cell ${i + 1} shows: ${text.slice(0, 1500)}`);
      }
    }
  }
  return [...new Set(found)];
}
"""

_CHANGED_JS = """
([el, before]) => {
  if (window.__ss && window.__ss.unhandled.length > 0) return true;
  if (document.querySelectorAll('.jp-LogConsole .jp-OutputArea-child').length > 0) return true;
  const now = el.tagName === 'IMG' ? el.outerHTML : el.innerHTML;
  if (now === before) return false;
  const imgs = el.tagName === 'IMG' ? [el] : Array.from(el.querySelectorAll('img'));
  return imgs.every((img) => img.complete && img.naturalWidth > 0);
}
"""


# Voila (``make present``): no code, no log console; an error shows as a traceback or, without
# --show_tracebacks, as Voila's own notice.
_VOILA_ERRORS_JS = """
() => {
  const found = [];
  document.querySelectorAll('.jp-Cell').forEach((cell, i) => {
    for (const el of cell.querySelectorAll('.jp-OutputArea-output')) {
      const text = el.innerText || '';
      if (text.includes('Traceback') || text.includes('There was an error when executing cell')) {
        found.push(`cell ${i + 1} shows: ${text.slice(0, 1500)}`);
      }
    }
  });
  return [...new Set(found)];
}
"""


@dataclass(frozen=True)
class Frontend:
    """Where a front end puts a notebook's cells, and how it shows trouble.

    ``cells`` selects the notebook's cells in order (the n-th is notebook cell n); ``idle_js``
    is true once the kernel is idle (``None``: the front end does not expose its kernel, and
    only the watched element's stability says an update is over); ``errors_js`` lists the
    errors a reader would see.
    """

    name: str
    cells: str
    idle_js: str | None
    errors_js: str


JUPYTERLAB = Frontend(
    "JupyterLab", ".jp-NotebookPanel .jp-Notebook .jp-Cell", _KERNEL_IDLE_JS, _ERRORS_JS
)
VOILA = Frontend("Voila", ".jp-Cell", None, _VOILA_ERRORS_JS)


@dataclass(frozen=True)
class WidgetDeclaration:
    """One ``smallstate.widgets`` entry of a code cell (see docs/ARCHITECTURE.md)."""

    cell_index: int
    name: str
    action: str
    target: str
    watch: str
    value: Any = None


def widget_declarations(notebook: Path) -> list[WidgetDeclaration]:
    """Read the widget declarations of a notebook, validating them against the contract.

    Raises
    ------
    ValueError
        If a declaration lacks a field or names an unknown action (message names the cell).
    """
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    found: list[WidgetDeclaration] = []
    for index, cell in enumerate(nb.get("cells", [])):
        entries = cell.get("metadata", {}).get("smallstate", {}).get("widgets", [])
        for entry in entries:
            where = f"{notebook.name} cell {index + 1}: widget declaration {entry!r}"
            missing = [key for key in ("name", "action", "target", "watch") if key not in entry]
            if missing:
                raise ValueError(f"{where} lacks {', '.join(missing)}")
            if entry["action"] not in ACTIONS:
                raise ValueError(f"{where}: action must be one of {', '.join(ACTIONS)}")
            if cell.get("cell_type") != "code":
                raise ValueError(f"{where}: only code cells can declare widgets")
            found.append(
                WidgetDeclaration(
                    cell_index=index,
                    name=str(entry["name"]),
                    action=str(entry["action"]),
                    target=str(entry["target"]),
                    watch=str(entry["watch"]),
                    value=entry.get("value"),
                )
            )
    return found


def _fail(message: str) -> None:
    raise AssertionError(message)


def _assert_clean(page: Any, when: str, frontend: Frontend = JUPYTERLAB) -> None:
    errors = page.evaluate(frontend.errors_js)
    if errors:
        _fail(f"{when}: a cell shows an error:\n" + "\n".join(errors))
    if frontend is not JUPYTERLAB:
        return
    unhandled = page.evaluate("() => window.__ss.unhandled")
    if unhandled:
        _fail(f"{when}: output JupyterLab could not route (log console):\n" + "\n".join(unhandled))
    log_items = page.locator(".jp-LogConsole .jp-OutputArea-child")
    if log_items.count():
        _fail(f"{when}: the log console is not empty:\n" + "\n".join(log_items.all_inner_texts()))


def _perform(page: Any, target: Any, declaration: WidgetDeclaration) -> None:
    action, value = declaration.action, declaration.value
    tag = target.evaluate("el => el.tagName").upper()
    if action == "fill":
        field = target if tag in {"INPUT", "TEXTAREA"} else target.locator("input, textarea").first
        field.fill(str(value if value is not None else ""))
        field.press("Enter")
    elif action == "select":
        select = target if tag == "SELECT" else target.locator("select").first
        select.select_option(label=str(value))
    elif action == "slider":
        classes = target.evaluate("el => el.className") or ""
        handle = target if "noUi-handle" in str(classes) else target.locator(".noUi-handle").first
        handle.focus()
        for _ in range(int(value if value is not None else 1)):
            handle.press("ArrowRight")
    elif action == "click":
        target.click()
    elif action == "toggle":
        box = target if tag == "INPUT" else target.locator('input[type="checkbox"]').first
        box.click()
    else:  # pragma: no cover - rejected by widget_declarations
        _fail(f"unknown action {action!r}")


def _wait_stable(page: Any, watch: Any, timeout_s: float, frontend: Frontend = JUPYTERLAB) -> None:
    """Wait until the watched element stops changing (the last of several updates landed)."""
    deadline = time.monotonic() + timeout_s
    last = watch.evaluate("el => el.tagName === 'IMG' ? el.outerHTML : el.innerHTML")
    while time.monotonic() < deadline:
        page.wait_for_timeout(300 if frontend.idle_js else 1000)
        if frontend.idle_js:
            page.wait_for_function(frontend.idle_js, timeout=WIDGET_UPDATE_TIMEOUT, polling=100)
        now = watch.evaluate("el => el.tagName === 'IMG' ? el.outerHTML : el.innerHTML")
        if now == last:
            return
        last = now
    _fail("the watched element kept changing")


def exercise_widget(
    page: Any, declaration: WidgetDeclaration, frontend: Frontend = JUPYTERLAB
) -> None:
    """Perform one declared widget action and wait until its result is fully updated."""
    label = f"widget {declaration.name!r} (cell {declaration.cell_index + 1}, {frontend.name})"
    cell = page.locator(frontend.cells).nth(declaration.cell_index)
    outputs = cell.locator(".jp-OutputArea")
    target = outputs.locator(declaration.target).first
    watch = outputs.locator(declaration.watch).first
    try:
        target.wait_for(state="visible", timeout=WIDGET_RENDER_TIMEOUT)
        watch.wait_for(state="attached", timeout=WIDGET_RENDER_TIMEOUT)
    except Exception as error:
        _fail(
            f"{label}: target {declaration.target!r} or watch {declaration.watch!r} "
            f"not found in the cell's output: {error}"
        )
    before = watch.evaluate("el => el.tagName === 'IMG' ? el.outerHTML : el.innerHTML")
    _perform(page, target, declaration)
    try:
        page.wait_for_function(
            _CHANGED_JS,
            arg=[watch.element_handle(), before],
            timeout=WIDGET_UPDATE_TIMEOUT,
            polling=100,
        )
    except Exception as error:
        _assert_clean(page, f"after {label}", frontend)
        _fail(
            f"{label}: {declaration.action} on {declaration.target!r} did not change "
            f"{declaration.watch!r} within {WIDGET_UPDATE_TIMEOUT / 1000:.0f} s: {error}"
        )
    _assert_clean(page, f"after {label}", frontend)
    _wait_stable(page, watch, WIDGET_UPDATE_TIMEOUT / 1000, frontend)
    _assert_clean(page, f"after {label}", frontend)


def run_notebook(page: Any, base_url: str, token: str, relpath: str, source: Path) -> None:
    """Open ``relpath`` in JupyterLab, run all cells, exercise the declared widgets.

    Raises
    ------
    AssertionError
        Naming the cell and the error a student would have seen.
    """
    declarations = widget_declarations(source)
    page.goto(f"{base_url}/lab/tree/{relpath}?token={token}&reset", timeout=READY_TIMEOUT)
    page.wait_for_function(_READY_JS, arg=relpath, timeout=READY_TIMEOUT, polling=200)

    # Open the log console for this notebook (fired, not awaited), then give focus back.
    page.evaluate(
        "(path) => { window.jupyterapp.commands.execute('logconsole:open', "
        "{source: path, insertMode: 'split-bottom'}); }",
        relpath,
    )
    page.wait_for_selector(".jp-LogConsole", state="attached", timeout=READY_TIMEOUT)
    page.evaluate("() => window.jupyterapp.shell.activateById(window.__ss.panel.id)")
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget === window.__ss.panel", timeout=READY_TIMEOUT
    )

    # Clear the stored outputs so the counts below can only come from this run.
    page.evaluate(
        "() => { window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs'); }"
    )
    page.wait_for_function(f"() => ({_CELL_STATE_JS})().withCount === 0", timeout=READY_TIMEOUT)

    if (
        page.evaluate(
            f"() => {{ const s = ({_CELL_STATE_JS})(); return s.pending + s.withCount; }}"
        )
        == 0
    ):
        return  # no code to run

    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^\s*Run\s*$")).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^\s*Run All Cells\s*$")).first.click()
    page.wait_for_function(
        f"""() => {{
            const k = window.__ss.panel.sessionContext.session.kernel;
            if (!k || k.status !== 'idle') return false;
            const s = ({_CELL_STATE_JS})();
            return s.withCount > 0 && (s.pending === 0 || s.errors > 0);
        }}""",
        timeout=RUN_ALL_TIMEOUT,
        polling=250,
    )
    _assert_clean(page, f"{relpath} after Run All")
    state = page.evaluate(_CELL_STATE_JS)
    if state["pending"]:
        _fail(f"{relpath}: {state['pending']} code cell(s) did not run")

    for declaration in declarations:
        exercise_widget(page, declaration)
