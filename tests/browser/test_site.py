"""The course website (Jupyter Book, ``make site``) in a real Chromium: quizzes work offline.

The site is built once per session into a temporary folder (stored outputs, no execution) and
served by ``http.server`` on 127.0.0.1; every request to another host is blocked and fails the
test. On lesson 00 the static quiz says "incorrect" for a wrong option and "correct" for the
right one (found by hashing the options with the bank's salt, never from a plain answer). On
every lesson page the page's JavaScript normalises every option exactly as Python does.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from smallstate.exercises.bank import all_exercises, exercise
from smallstate.exercises.hashing import answer_key, hash_key

from . import axe
from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
VENDORED = REPO / "site" / "widgets_js" / "ipywidgets" / "embed-amd.js"
# sphinx-thebe 0.3 (pulled in by Jupyter Book 1) adds its config <script> twice to every page;
# the second copy fails harmlessly. Not ours to fix; every other page error fails the test.
KNOWN_PAGE_ERRORS = ("Identifier 'THEBE_JS_URL' has already been declared",)
LESSONS = sorted(p.stem for p in (REPO / "lessons").glob("*.ipynb"))


@pytest.fixture(scope="session")
def site_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site once (about 10 s). Strict (-W -n) when the widget JS is vendored."""
    try:
        import jupyter_book  # noqa: F401
    except ImportError:
        pytest.fail("jupyter-book is not installed (pip install -e '.[test]')", pytrace=False)
    out = tmp_path_factory.mktemp("site")
    command = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        str(REPO),
        "--config",
        str(REPO / "site" / "_config.yml"),
        "--toc",
        str(REPO / "site" / "_toc.yml"),
        "--path-output",
        str(out),
    ]
    if VENDORED.exists():  # otherwise html_static_path is missing: a warning, not our subject
        command += ["-W", "-n", "--keep-going"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    html_dir = out / "_build" / "html"
    assert (html_dir / "lessons" / "00_start_here.html").exists()
    return html_dir


@pytest.fixture(scope="session")
def site_url(site_html: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site_html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def site_page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page that blocks (and records) every request leaving the loopback or file://."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.set_default_timeout(30_000)
    problems: list[str] = []

    def guard(route: Any) -> None:
        url = urlparse(route.request.url)
        if url.scheme in {"file", "data", "blob"} or url.hostname == "127.0.0.1":
            route.continue_()
        else:
            problems.append(f"external request: {route.request.url}")
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("pageerror", lambda error: _page_error(problems, error))
    try:
        yield page, problems
    finally:
        context.close()


def _page_error(problems: list[str], error: Any) -> None:
    if not any(known in str(error) for known in KNOWN_PAGE_ERRORS):
        problems.append(f"page error: {error}")


def _options(exercise_id: str) -> tuple[str, str]:
    """A wrong and the right option, found by hashing every option with the bank's salt."""
    ex = exercise(exercise_id)
    right = [
        o for o in ex.options if hash_key(ex.salt, answer_key(o, ex.match)) in ex.answer_hashes
    ]
    wrong = [o for o in ex.options if o not in right]
    assert right and wrong
    return wrong[0], right[0]


def _check(page: Any, root: Any, option: str) -> str:
    root.locator("label", has_text=option).locator("input").check()
    root.locator(".ss-squiz-check").click()
    feedback = root.locator(".ss-squiz-feedback")
    feedback.locator(".ss-check").wait_for()
    text = str(feedback.inner_text())
    feedback.evaluate("element => { element.innerHTML = ''; }")
    return text


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_quiz_on_static_page(
    site_page: tuple[Any, list[str]], site_url: str, site_html: Path, scheme: str
) -> None:
    page, problems = site_page
    path = "lessons/00_start_here.html"
    url = f"{site_url}/{path}" if scheme == "http" else (site_html / path).as_uri()
    page.goto(url)
    assert page.evaluate("window.isSecureContext && !!(window.crypto && crypto.subtle)")
    root = page.locator("#ss-squiz-L00-E1")
    root.wait_for()
    assert root.locator(".ss-squiz-inactive").count() == 0  # the script ran
    root.locator(".ss-squiz-check").click()
    root.locator(".ss-squiz-feedback .ss-check").wait_for()
    assert "not attempted" in root.locator(".ss-squiz-feedback").inner_text()
    wrong, right = _options("L00.E1")
    first = _check(page, root, wrong)
    assert "L00.E1: incorrect" in first
    assert "L00.E1: correct" in _check(page, root, right)
    if scheme == "http" and VENDORED.exists():
        # Widget snapshots render from the vendored JavaScript (no CDN).
        page.locator(".widget-radio-box, .jupyter-widgets").first.wait_for()
    assert problems == []


def test_every_quiz_normalises_like_python(site_page: tuple[Any, list[str]], site_url: str) -> None:
    page, problems = site_page
    seen: set[str] = set()
    for lesson in LESSONS:
        page.goto(f"{site_url}/lessons/{lesson}.html")
        for handle in page.locator(".ss-squiz").element_handles():
            ident = str(handle.get_attribute("data-exercise"))
            ex = exercise(ident)
            keys = handle.evaluate(
                "(root, options) => options.map(o => root.smallstateKey(o))", list(ex.options)
            )
            assert keys == [answer_key(o, ex.match) for o in ex.options], ident
            seen.add(ident)
    quizzes_used = {
        ident
        for ident in all_exercises()
        if any(
            f'quiz(\\"{ident}\\")' in (REPO / "lessons" / f"{n}.ipynb").read_text() for n in LESSONS
        )
    }
    assert quizzes_used and quizzes_used <= seen, quizzes_used - seen
    assert problems == []


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_page_is_accessible(
    site_page: tuple[Any, list[str]], site_url: str, lesson: str
) -> None:
    """axe-core on every lesson page: nothing critical or serious in the course's content
    (the page's article); the theme's own findings are listed in axe_known.json ("site")."""
    page, problems = site_page
    page.goto(f"{site_url}/lessons/{lesson}.html")
    page.wait_for_load_state("networkidle")
    findings = axe.audit(page, content=axe.SITE_CONTENT)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"axe-site-{lesson}.txt").write_text(
        "\n".join(f"{'content' if f.content else 'theme'} {f}" for f in findings),
        encoding="utf-8",
    )
    axe.check(findings, f"site page {lesson}.html", axe.known_findings()["site"])
    assert problems == []
