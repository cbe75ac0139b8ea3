"""The network guard (tools/deny_network) denies non-loopback connections before any traffic.

Proved where it matters: in a notebook kernel started the way nbval and ``make lessons`` start
it. The denied address is 192.0.2.1 (TEST-NET-1, documentation only); the guard raises before
connecting, so nothing is sent even if the guard were broken only partly (the test would then
time out on the unroutable address rather than reach anything).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

REPO = Path(__file__).resolve().parents[1]
GUARD = REPO / "tools" / "deny_network"
MARKER = "smallstate: network access denied"


def guarded_env(log: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(GUARD), env.get("PYTHONPATH", "")] if p)
    env["SMALLSTATE_DENY_NETWORK"] = "1"
    env["SMALLSTATE_DENY_NETWORK_LOG"] = str(log)
    return env


PROBE = """
import socket, urllib.request, urllib.error
results = {}
try:
    urllib.request.urlopen("http://192.0.2.1/", timeout=2)
except urllib.error.URLError as error:
    results["urlopen"] = str(error.reason)
sock = socket.socket()
try:
    sock.connect(("192.0.2.1", 80))
except OSError as error:
    results["connect"] = f"{type(error).__name__}: {error}"
finally:
    sock.close()
try:
    socket.create_connection(("example.invalid", 80), timeout=2)
except OSError as error:
    results["lookup"] = str(error)
server = socket.create_server(("127.0.0.1", 0))
port = server.getsockname()[1]
with socket.create_connection(("127.0.0.1", port), timeout=2):
    results["loopback"] = "ok"
with socket.create_connection(("localhost", port), timeout=2):
    results["localhost"] = "ok"
server.close()
print(results)
"""


@pytest.mark.slow
def test_kernel_cannot_reach_network_but_loopback_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "denied.log"
    for key, value in guarded_env(log).items():
        monkeypatch.setenv(key, value)
    nb = new_notebook(cells=[new_code_cell(PROBE)])
    NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    text = "".join(o.get("text", "") for o in nb.cells[0].outputs if o.output_type == "stream")
    results = eval(text)  # the probe prints a dict literal
    assert results["urlopen"].startswith(MARKER) and "'192.0.2.1'" in results["urlopen"]
    assert results["connect"].startswith(f"NetworkDeniedError: {MARKER}: connection to '192.0.2.1'")
    assert results["lookup"].startswith(f"{MARKER}: name lookup of 'example.invalid'")
    assert results["loopback"] == results["localhost"] == "ok"
    logged = log.read_text(encoding="utf-8")
    assert logged.count(MARKER) == 3 and "ipykernel" in logged


def test_guard_is_off_without_pythonpath_and_with_opt_out(tmp_path: Path) -> None:
    code = "import socket; print(getattr(socket, 'NetworkDeniedError', None) is not None)"
    env = guarded_env(tmp_path / "log")
    on = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    env["SMALLSTATE_DENY_NETWORK"] = "0"
    off = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert (on.stdout.strip(), off.stdout.strip()) == ("True", "False")


def test_other_sitecustomize_still_runs(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "sitecustomize.py").write_text("import builtins; builtins.OTHER_RAN = True\n")
    env = guarded_env(tmp_path / "log")
    env["PYTHONPATH"] = os.pathsep.join([str(GUARD), str(other)])
    code = (
        "import builtins, socket; print(builtins.OTHER_RAN, hasattr(socket, 'NetworkDeniedError'))"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.stdout.strip() == "True True", result.stderr


def test_ipv6_and_mapped_loopback_allowed_public_denied(tmp_path: Path) -> None:
    code = (
        "import socket\n"
        "s = socket.socket(socket.AF_INET6)\n"
        "try:\n"
        "    s.connect(('2001:db8::1', 80, 0, 0))\n"
        "except PermissionError as e:\n"
        "    print('denied', e)\n"
        "s.close()\n"
        "s = socket.socket(socket.AF_INET6)\n"
        "try:\n"
        "    s.connect(('::ffff:127.0.0.1', 9, 0, 0))\n"
        "except PermissionError:\n"
        "    print('wrongly denied')\n"
        "except OSError:\n"
        "    print('allowed')\n"
    )
    env = guarded_env(tmp_path / "log")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith(f"denied {MARKER}: connection to '2001:db8::1'"), result
    assert lines[1] == "allowed", result
