"""Accessibility checks with axe-core (npm), injected into a page the browser tests opened.

``tools/vendor_axe.sh`` (run by ``make browser``) puts ``axe.min.js`` into ``.cache/axe-core/``;
``$SMALLSTATE_AXE_JS`` names another copy. :func:`audit` runs axe over the whole page and
splits the violations in two:

* the course's own content: rendered markdown and cell outputs, widgets included
  (``.jp-MarkdownOutput``, ``.jp-OutputArea-output``, or ``main`` on a site page);
* the rest: JupyterLab's (or the site theme's) own interface, which the course does not write.

A lesson fails on any critical or serious violation in its own content. Findings in the rest
must be listed in ``axe_known.json`` with the reason they stay; a new one fails too, so it is
looked at rather than missed. ``content_pending`` in that file names the few content findings
that are not fixed yet (a rule and the element it is on, with the reason): only those exact
elements pass, and the report lists them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
AXE_JS = Path(os.environ.get("SMALLSTATE_AXE_JS") or REPO / ".cache" / "axe-core" / "axe.min.js")
KNOWN = Path(__file__).with_name("axe_known.json")
BLOCKING = ("critical", "serious")
#: What counts as the course's own content in JupyterLab.
LAB_CONTENT = ".jp-MarkdownOutput, .jp-OutputArea-output"
#: ... and on a page of the course website (the article the theme wraps).
SITE_CONTENT = "article.bd-article"

_RUN_JS = """([content]) => {
    window.__ssAxe = null;
    axe.run(document, {resultTypes: ['violations']}).then((r) => {
        window.__ssAxe = r.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => {
                let el = null;
                try { el = document.querySelector(n.target[0]); } catch (e) { el = null; }
                return {target: n.target.join(' '), html: n.html.slice(0, 240),
                        impact: n.impact, content: !!(el && el.closest(content))};
            }),
        }));
    }).catch((e) => { window.__ssAxe = {error: String(e)}; });
}"""


@dataclass(frozen=True)
class Finding:
    """One violated rule on one element."""

    rule: str
    impact: str
    help: str
    target: str
    html: str
    content: bool

    def __str__(self) -> str:
        return f"[{self.impact}] {self.rule} ({self.help}): {self.target}\n    {self.html}"


def known_findings() -> dict[str, dict[str, str]]:
    """``{"jupyterlab": {rule: reason}, "site": {rule: reason}}`` from ``axe_known.json``."""
    data: dict[str, dict[str, str]] = json.loads(KNOWN.read_text(encoding="utf-8"))
    return data


def audit(page: Any, content: str = LAB_CONTENT, timeout_ms: int = 120_000) -> list[Finding]:
    """Run axe-core over the page; every violated rule on every element, content flagged."""
    if not AXE_JS.is_file():
        raise FileNotFoundError(
            f"{AXE_JS} is missing: run tools/vendor_axe.sh (make browser does) "
            "or set SMALLSTATE_AXE_JS"
        )
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    # Fired, not awaited: page.evaluate has no timeout, wait_for_function does.
    page.evaluate(_RUN_JS, [content])
    page.wait_for_function("() => window.__ssAxe !== null", timeout=timeout_ms, polling=250)
    result = page.evaluate("() => window.__ssAxe")
    if isinstance(result, dict):
        raise AssertionError(f"axe-core failed: {result.get('error')}")
    return [
        Finding(
            v["id"],
            n["impact"] or v["impact"] or "",
            v["help"],
            n["target"],
            n["html"],
            n["content"],
        )
        for v in result
        for n in v["nodes"]
    ]


def check(findings: list[Finding], where: str, known: dict[str, str]) -> list[Finding]:
    """Assert no blocking finding in the content, and none unexplained elsewhere.

    Returns the known findings outside the content (to report them apart).
    """
    pending = known_findings().get("content_pending", {})

    def is_pending(f: Finding) -> bool:
        entry = pending.get(f.rule)
        return bool(entry) and entry["element"] in f"{f.target} {f.html}"

    ours = [f for f in findings if f.content and f.impact in BLOCKING and not is_pending(f)]
    theirs = [f for f in findings if not f.content and f.impact in BLOCKING]
    unexplained = [f for f in theirs if f.rule not in known]
    problems = []
    if ours:
        problems.append(
            f"{where}: {len(ours)} critical/serious accessibility violation(s) in the course's "
            "own content:\n" + "\n".join(str(f) for f in ours)
        )
    if unexplained:
        problems.append(
            f"{where}: critical/serious violation(s) outside the course content that "
            "tests/browser/axe_known.json does not explain:\n"
            + "\n".join(str(f) for f in unexplained)
        )
    assert not problems, "\n\n".join(problems)
    return theirs
