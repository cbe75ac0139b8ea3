"""Fixtures for the browser tests: one JupyterLab server per session, one Chromium, one page per test.

The server runs from this venv (``python -m jupyterlab``) on 127.0.0.1 at a free port with a
random token, serving a temporary copy of ``lessons/`` (plus the harness notebooks under
``_harness/``), with temporary settings, workspaces and runtime dirs, no news or update checks,
and the network guard on the kernels' ``PYTHONPATH``. Chromium is Debian's (``/usr/bin/chromium``
or ``$SMALLSTATE_CHROMIUM``), launched by Playwright's sync API; Playwright never downloads one.

Without a browser the tests skip loudly; with ``CI=true`` they fail instead.
On failure a screenshot and the page HTML are saved under ``artifacts/browser/``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = REPO / "artifacts" / "browser"
LAB_SETTINGS = REPO / "tools" / "lab" / "settings"
GUARD_DIR = REPO / "tools" / "deny_network"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HARNESS_DIR = "_harness"
_MISSING_BROWSER: list[str] = []


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def find_chromium() -> str | None:
    """Return the browser to launch, or None.

    ``$SMALLSTATE_CHROMIUM``, when set, is the only candidate (so it can also say "none");
    otherwise Debian's ``/usr/bin/chromium`` or a ``chromium`` on ``PATH``.
    """
    chosen = os.environ.get("SMALLSTATE_CHROMIUM")
    if chosen is not None:
        candidates = [chosen]
    else:
        candidates = [
            "/usr/bin/chromium",
            shutil.which("chromium") or "",
            shutil.which("chromium-browser") or "",
        ]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        message = (
            "NO BROWSER: /usr/bin/chromium not found (set SMALLSTATE_CHROMIUM or "
            "`apt-get install chromium`); browser tests cannot run"
        )
        if _in_ci():
            pytest.fail(message + " and CI=true", pytrace=False)
        _MISSING_BROWSER.append(message)
        pytest.skip(message)
    try:
        import playwright  # noqa: F401
    except ImportError:
        # playwright is a declared test dependency: its absence is a broken install, never a skip
        pytest.fail("NO PLAYWRIGHT: install the test extra (`make install-test`)", pytrace=False)
    return path


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _MISSING_BROWSER:
        bar = "#" * 78
        terminalreporter.write_line(bar, red=True, bold=True)
        terminalreporter.write_line(
            f"BROWSER TESTS SKIPPED: {_MISSING_BROWSER[0]}", red=True, bold=True
        )
        terminalreporter.write_line(bar, red=True, bold=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LabServer:
    """A running JupyterLab: where it is, its token, its root folder and logs."""

    base_url: str
    token: str
    root: Path
    log_path: Path
    network_log: Path
    process: subprocess.Popen[bytes]

    def api(self, method: str, path: str) -> Any:
        request = urllib.request.Request(
            f"{self.base_url}{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_sessions(self) -> None:
        """Shut down every kernel session (one test's kernel must not outlive the test)."""
        try:
            for session in self.api("GET", "/api/sessions") or []:
                self.api("DELETE", f"/api/sessions/{session['id']}")
        except (OSError, urllib.error.URLError):
            pass

    def network_attempts(self) -> str:
        if self.network_log.exists():
            return self.network_log.read_text(encoding="utf-8").strip()
        return ""


def _write_settings(settings_dir: Path) -> None:
    """User settings: no news or update checks (no pop-up, no request), all cells in the DOM."""
    settings = {
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    }
    for name, values in settings.items():
        path = settings_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    # The same as an overrides.json, for JupyterLab versions that read only that file.
    overrides = {
        key.rsplit(".", 1)[0].replace("-extension/", "-extension:"): value
        for key, value in settings.items()
    }
    (settings_dir / "overrides.json").write_text(json.dumps(overrides), encoding="utf-8")


def guarded_env(network_log: Path, **extra: str) -> dict[str, str]:
    """This process's environment for a server under test: the network guard on its kernels
    (attempts logged to ``network_log``), ``extra`` variables, and no ``MPLBACKEND`` (kernels
    must use their inline backend)."""
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": os.pathsep.join(
                p for p in [str(GUARD_DIR), env.get("PYTHONPATH", "")] if p
            ),
            "SMALLSTATE_DENY_NETWORK": "1",
            "SMALLSTATE_DENY_NETWORK_LOG": str(network_log),
            **extra,
        }
    )
    env.pop("MPLBACKEND", None)
    return env


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[LabServer]:
    base = tmp_path_factory.mktemp("lab")
    root = base / "root"
    root.mkdir()
    if (REPO / "lessons").is_dir():
        shutil.copytree(
            REPO / "lessons",
            root,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns(".ipynb_checkpoints"),
        )
    shutil.copytree(FIXTURES, root / HARNESS_DIR)
    settings = base / "settings"
    _write_settings(settings)
    for name in ("workspaces", "runtime", "config", "ipython", "mpl", "app"):
        (base / name).mkdir()
    (base / "app" / "settings").mkdir()
    shutil.copy(settings / "overrides.json", base / "app" / "settings" / "overrides.json")
    # What `make lab` gives students: the nbgrader lab extension disabled (tools/lab/settings).
    shutil.copy(LAB_SETTINGS / "page_config.json", base / "app" / "settings" / "page_config.json")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / "jupyterlab.log"
    network_log = base / "network-denied.log"

    token = secrets.token_hex(24)
    port = _free_port()
    env = guarded_env(
        network_log,
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        JUPYTER_CONFIG_DIR=str(base / "config"),
        IPYTHONDIR=str(base / "ipython"),
        MPLCONFIGDIR=str(base / "mpl"),
        PYTHONHASHSEED="0",
        SMALLSTATE_PROGRESS_FILE=str(base / "progress.json"),
    )
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={base / 'workspaces'}",
        f"--LabApp.app_settings_dir={base / 'app' / 'settings'}",
        "--LabApp.expose_app_in_browser=True",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = log_path.open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=base)
    server = LabServer(f"http://127.0.0.1:{port}", token, root, log_path, network_log, process)
    deadline = time.monotonic() + 90
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"JupyterLab exited with {process.returncode}; log: {log_path}\n"
                    + log_path.read_text(errors="replace")[-3000:],
                    pytrace=False,
                )
            try:
                with urllib.request.urlopen(
                    f"{server.base_url}/api/status?token={token}", timeout=5
                ) as response:
                    if response.status == 200:
                        break
            except (OSError, urllib.error.URLError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab not ready after 90 s; log: {log_path}", pytrace=False)
            time.sleep(0.3)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def lab_page(request: pytest.FixtureRequest, browser: Any, lab_server: LabServer) -> Iterator[Any]:
    """A fresh browser page; on failure its screenshot and HTML go to artifacts/browser/."""
    with recorded_page(request, browser) as page:
        try:
            yield page
        finally:
            lab_server.shutdown_sessions()


@contextmanager
def recorded_page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    """A page in a fresh context; if the test failed, its screenshot, HTML and console are saved."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(60_000)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda msg: console.append(f"[{msg.type}] {msg.text}"))
    page.on("pageerror", lambda error: console.append(f"[pageerror] {error}"))
    try:
        yield page
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            saved = []
            try:
                page.screenshot(path=str(ARTIFACTS / f"{stem}.png"), full_page=True)
                saved.append(ARTIFACTS / f"{stem}.png")
            except Exception as error:  # the page may be gone; keep what we can
                print(f"screenshot failed: {error}")
            try:
                (ARTIFACTS / f"{stem}.html").write_text(page.content(), encoding="utf-8")
                saved.append(ARTIFACTS / f"{stem}.html")
            except Exception as error:
                print(f"saving HTML failed: {error}")
            (ARTIFACTS / f"{stem}.console.txt").write_text("\n".join(console), encoding="utf-8")
            saved.append(ARTIFACTS / f"{stem}.console.txt")
            print("browser test failed; saved: " + ", ".join(str(path) for path in saved))
        context.close()
