"""Deny network access to every Python process started with this folder on ``PYTHONPATH``.

``make test``, ``make lessons`` and the browser-test fixture put ``tools/deny_network`` on the
``PYTHONPATH`` of the notebook kernels, so a lesson that tries to download something fails
instead of silently depending on the internet.

What is denied, before any packet is sent:

* ``socket.connect``/``connect_ex``/``sendto``/``sendmsg`` to an address that is not loopback
  (127.0.0.0/8, ::1, ``localhost``), not the unspecified address and not a unix socket;
* ``socket.getaddrinfo``/``gethostbyname``/``create_connection`` for a host name other than
  ``localhost`` (name resolution itself would send a DNS query).

The error is :class:`NetworkDeniedError` (a ``PermissionError``, hence an ``OSError``), and its
message names the host. If ``SMALLSTATE_DENY_NETWORK_LOG`` names a file, every denied attempt
is also appended to it, so a lesson that catches the error still fails the test run (the
Makefile and the browser fixture check that file). ``SMALLSTATE_DENY_NETWORK=0`` disables the
guard. Any other ``sitecustomize`` further down ``sys.path`` is still executed.
"""

from __future__ import annotations

import builtins
import importlib.machinery
import importlib.util
import ipaddress
import os
import socket
import sys
from typing import Any

MARKER = "smallstate: network access denied"
_HERE = os.path.dirname(os.path.abspath(__file__))


class NetworkDeniedError(PermissionError):
    """Raised instead of opening a connection to a non-loopback address."""


def _is_local_name(host: str) -> bool:
    name = host.strip().rstrip(".").lower()
    return name in {"", "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"} or (
        name.endswith(".localhost")
    )


def _is_local_host(host: Any) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return True
    text = host.split("%", 1)[0].strip("[]")
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return _is_local_name(text)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified


def _lookup_what(host: Any) -> str:
    try:
        ipaddress.ip_address(str(host).split("%", 1)[0].strip("[]"))
    except ValueError:
        return "name lookup of"
    return "connection to"


def _deny(host: Any, what: str) -> None:
    message = f"{MARKER}: {what} {host!r} (lessons and tests must run offline)"
    log = os.environ.get("SMALLSTATE_DENY_NETWORK_LOG")
    if log:
        try:
            with open(log, "a", encoding="utf-8") as stream:
                stream.write(f"{message} [pid {os.getpid()} argv {sys.argv!r}]\n")
        except OSError:
            pass
    raise NetworkDeniedError(message)


def _check_address(sock: socket.socket, address: Any, what: str) -> None:
    family = getattr(sock, "family", None)
    inet = family in (socket.AF_INET, socket.AF_INET6)
    if inet and isinstance(address, tuple) and address and not _is_local_host(address[0]):
        _deny(address[0], what)


def _install() -> None:
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex
    original_sendto = socket.socket.sendto
    original_sendmsg = socket.socket.sendmsg
    original_getaddrinfo = socket.getaddrinfo
    original_gethostbyname = socket.gethostbyname
    original_gethostbyname_ex = socket.gethostbyname_ex

    def connect(self: socket.socket, address: Any) -> None:
        _check_address(self, address, "connection to")
        return original_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        _check_address(self, address, "connection to")
        return original_connect_ex(self, address)

    def sendto(self: socket.socket, data: Any, *args: Any) -> int:
        _check_address(self, args[-1] if args else None, "datagram to")
        return original_sendto(self, data, *args)

    def sendmsg(self: socket.socket, buffers: Any, *args: Any) -> int:
        if len(args) >= 3:
            _check_address(self, args[2], "message to")
        return original_sendmsg(self, buffers, *args)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_local_host(host):
            _deny(host, _lookup_what(host))
        return original_getaddrinfo(host, *args, **kwargs)

    def gethostbyname(host: str) -> str:
        if not _is_local_host(host):
            _deny(host, _lookup_what(host))
        return original_gethostbyname(host)

    def gethostbyname_ex(host: str) -> Any:
        if not _is_local_host(host):
            _deny(host, _lookup_what(host))
        return original_gethostbyname_ex(host)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.socket.sendto = sendto  # type: ignore[method-assign, assignment]
    socket.socket.sendmsg = sendmsg  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo
    socket.gethostbyname = gethostbyname
    socket.gethostbyname_ex = gethostbyname_ex
    socket.NetworkDeniedError = NetworkDeniedError  # type: ignore[attr-defined]
    builtins.__dict__.setdefault("_smallstate_network_denied", True)


def _chain_next_sitecustomize() -> None:
    """Run the next ``sitecustomize`` on ``sys.path`` (the one this module shadows), if any."""
    others = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", others)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # pragma: no cover - mirrors site.py's behaviour
        print(
            f"Error in chained sitecustomize; set PYTHONVERBOSE for traceback: {error!r}",
            file=sys.stderr,
        )


if os.environ.get("SMALLSTATE_DENY_NETWORK", "1") != "0":
    _install()
_chain_next_sitecustomize()
