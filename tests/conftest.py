"""Root conftest: what every test shares. Hypothesis strategies live in tests/strategies.py.

* ``repo_root``: the checkout's root folder.
* The report header says whether the network guard (tools/deny_network) is active; ``make``
  targets run the tests with it, so a test that needs the internet fails there.
* **Under ``CI=true`` a skipped test is a failure** (``pytest_runtest_makereport`` below), with
  the skip reason in the report: CI must run everything. An xfail stays an xfail.
* ``@pytest.mark.shared_data("unvotes")`` / ``("seeds")``: the test reads ``../shared`` (beside
  the checkout): the full UN voting data (or ``$SMALLSTATE_UNVOTES``) or the two seed texts.
  They are there on the course machines and in CI, not in a bare clone, where such a test skips
  and says what is missing (and so fails under ``CI=true``). ``-m "not shared_data"`` leaves
  them out. Tests that can use the small copy in ``tests/data/unvotes_fixture`` use that.
* Fixtures for data several test files read: ``seed_evidence`` (datasets/evidence_seeds.csv,
  read and validated) and ``khm_chn_acts`` (Cambodia-China acts of the course evidence), each
  read once and copied per test; ``unvotes_raw`` and ``seed_texts`` (the shared folders above);
  ``serve_folder`` (a folder served over http on loopback, for download tests); and
  ``subprocess_env`` (a controlled environment for running pytest in a subprocess).
"""

from __future__ import annotations

import http.server
import os
import socket
import threading
from collections.abc import Callable, Generator, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
UNVOTES_FILES = (
    "un_votes.csv.gz",
    "un_roll_calls.csv.gz",
    "un_roll_call_issues.csv.gz",
    "agreement_asean_reference.csv",
)
# Variables that would change how a pytest started by a test behaves.
_PYTEST_VARIABLES = (
    "CI",
    "PYTEST_ADDOPTS",
    "PYTEST_PLUGINS",
    "PYTEST_CURRENT_TEST",
    "PYTEST_DISABLE_PLUGIN_AUTOLOAD",
    "PYTEST_DEBUG",
    "FORCE_COLOR",
)


def in_ci() -> bool:
    """True when the environment variable ``CI`` is ``true`` (as ``.ci/run`` sets it)."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def pytest_report_header() -> list[str]:
    active = hasattr(socket, "NetworkDeniedError")
    lines = [f"smallstate: network guard {'ACTIVE' if active else 'off'} (tools/deny_network)"]
    if in_ci():
        lines.append("smallstate: CI=true, so a skipped test counts as a failure")
    return lines


# --- a skip under CI=true is a failure ---------------------------------------------------------


def _skip_reason(longrepr: Any) -> str:
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        path, line, message = longrepr
        return f"{message} ({path}:{line})"
    return str(longrepr)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Under ``CI=true`` turn a skipped test (setup or call) into a failure; xfail stays xfail.

    A skip in setup (``skipif``, a fixture that skips) is then reported as an error in setup,
    a skip in the test body as a failure; either fails the run.
    """
    report = yield
    if report.skipped and not hasattr(report, "wasxfail") and in_ci():
        report.outcome = "failed"
        report.longrepr = (
            "skipped under CI=true, which counts as a failure (CI must run every test): "
            + _skip_reason(report.longrepr)
        )
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    """The same for a whole module skipped at collection (``allow_module_level=True``)."""
    report = yield
    if report.skipped and in_ci():
        report.outcome = "failed"
        report.longrepr = (
            "module skipped under CI=true, which counts as a failure: "
            + _skip_reason(report.longrepr)
        )
    return report


# --- tests that need ../shared -----------------------------------------------------------------


def unvotes_raw_dir() -> Path | None:
    """The full UN voting data: ``$SMALLSTATE_UNVOTES``, else ``../shared/data/unvotes``."""
    candidates = [Path(p) for p in [os.environ.get("SMALLSTATE_UNVOTES")] if p]
    candidates.append(SHARED / "data" / "unvotes")
    for folder in candidates:
        if all((folder / name).is_file() for name in UNVOTES_FILES):
            return folder
    return None


def _missing_shared(what: str) -> str | None:
    """Why the shared data ``what`` cannot be used here, or None when it is there."""
    where = "present on the course machines and in CI, not in a bare clone"
    if what == "unvotes":
        if unvotes_raw_dir() is not None:
            return None
        return (
            f"needs the full UN voting data ({', '.join(UNVOTES_FILES)}) in "
            f"$SMALLSTATE_UNVOTES or {SHARED / 'data' / 'unvotes'}, {where}"
        )
    if what == "seeds":
        if (SHARED / "seeds").is_dir():
            return None
        return f"needs the seed texts (the folder {SHARED / 'seeds'}), {where}"
    raise ValueError(f"@pytest.mark.shared_data({what!r}): use 'unvotes' or 'seeds'")


_SHARED_FIXTURES = {"unvotes_raw": "unvotes", "seed_texts": "seeds"}


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A test that takes a shared-data fixture is a shared_data test, marked or not.
    for item in items:
        marked = {m.args[0] for m in item.iter_markers("shared_data") if m.args}
        for fixture, what in _SHARED_FIXTURES.items():
            if fixture in getattr(item, "fixturenames", ()) and what not in marked:
                item.add_marker(pytest.mark.shared_data(what))


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("shared_data"):
        if len(mark.args) != 1:
            raise pytest.UsageError(
                f"{item.nodeid}: write @pytest.mark.shared_data('unvotes') or ('seeds')"
            )
        reason = _missing_shared(mark.args[0])
        if reason is not None:
            pytest.skip(reason)


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The root of the checkout (where pyproject.toml is)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def _seed_evidence_once() -> pd.DataFrame:
    from smallstate._paths import dataset_path
    from smallstate.evidence import read_evidence

    return read_evidence(dataset_path("evidence_seeds.csv"))


@pytest.fixture
def seed_evidence(_seed_evidence_once: pd.DataFrame) -> pd.DataFrame:
    """datasets/evidence_seeds.csv, read and validated once; each test gets its own copy."""
    return _seed_evidence_once.copy()


@pytest.fixture(scope="session")
def _khm_chn_acts_once() -> pd.DataFrame:
    from smallstate.analysis.timeline import relation_acts

    return relation_acts()


@pytest.fixture
def khm_chn_acts(_khm_chn_acts_once: pd.DataFrame) -> pd.DataFrame:
    """Cambodia's acts towards China from the course evidence (``relation_acts()``), a copy."""
    return _khm_chn_acts_once.copy()


@pytest.fixture(scope="session")
def unvotes_raw() -> Path:
    """The full UN voting data folder (marks the test ``shared_data("unvotes")``)."""
    folder = unvotes_raw_dir()
    if folder is None:  # pragma: no cover - pytest_runtest_setup skipped the test already
        pytest.skip(_missing_shared("unvotes") or "")
    return folder


@pytest.fixture(scope="session")
def seed_texts() -> Path:
    """The folder with the two seed texts (marks the test ``shared_data("seeds")``)."""
    return SHARED / "seeds"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def serve_folder() -> Iterator[Callable[[Path], str]]:
    """Return ``serve(folder) -> url``: the folder served over http on 127.0.0.1 (no network).

    The servers stop when the test ends.
    """
    servers: list[http.server.ThreadingHTTPServer] = []

    def serve(folder: Path) -> str:
        handler = partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        # a short poll interval: shutdown() waits for one poll
        threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def subprocess_env() -> Callable[..., dict[str, str]]:
    """Return ``make_env(ci=None, **extra)``: this environment for a child process, controlled.

    ``CI`` and the variables that change how pytest runs (``PYTEST_ADDOPTS``, plugins, colours)
    are removed; ``CI`` is set to ``ci`` when given, then ``extra`` is applied. The network
    guard's variables (``PYTHONPATH``, ``SMALLSTATE_DENY_NETWORK*``) are kept.
    """

    def make_env(ci: str | None = None, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in _PYTEST_VARIABLES}
        env["PY_COLORS"] = "0"
        if ci is not None:
            env["CI"] = ci
        env.update(extra)
        return env

    return make_env
