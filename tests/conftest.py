"""Root conftest: generic, shared by every test. Keep it small; put specifics beside the tests.

* ``repo_root``: the checkout's root folder.
* The report header says whether the network guard (tools/deny_network) is active; ``make``
  targets run the tests with it, so a test that needs the internet fails there.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def pytest_report_header() -> str:
    active = hasattr(socket, "NetworkDeniedError")
    return f"smallstate: network guard {'ACTIVE' if active else 'off'} (tools/deny_network)"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The root of the checkout (where pyproject.toml is)."""
    return REPO_ROOT
