"""Load test of the class hub (``make hub``): N simulated students at once.

Starts the hub of ``deploy/hub`` on free loopback ports with a fresh state folder, publishes the
course (this checkout's HEAD) to the hub's git copy, then N students (default 20), each in a
thread, at the same moment:

1. log in through the hub (the login form, as a browser would: first use sets the password),
   then ask the hub's REST API for a token;
2. start their server through the API and wait until the hub reports it ready;
3. pull the course through the nbgitpuller link (``git-pull/api``: clone into their home);
4. open a session on ``smallstate/lessons/04_*.ipynb`` (a kernel) -> "time to a running kernel";
5. execute every code cell of the lesson they pulled in that kernel over its websocket, each
   reply checked -> "time to a finished lesson";
6. measure the memory of their server and kernel (proportional set size, so shared libraries
   are split between the processes that share them) and the CPU time both used.

Times are from the start of the student's login. Prints one line per student, then the figures,
and last ``ok K/N kernel p50 .. p95 .. s, lesson p50 .. p95 .. s, memory .. MiB/student, cpu ..
s/student``; exit status 0 only when all N succeeded. ::

    python benchmarks/bench_hub.py --students 20

Needs the hub's packages (``pip install -e ".[hub]"``) and the proxy (``make hub-proxy``).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

REPO = Path(__file__).resolve().parents[1]
HUB_DIR = REPO / "deploy" / "hub"
PROXY = HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
LESSON = next(iter(sorted((REPO / "lessons").glob("04_*.ipynb"))), REPO / "lessons" / "04.ipynb")
ADMIN = "instructor"


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def password_of(name: str) -> str:
    """The password a simulated student sets at first login."""
    return f"pw-{name}-course"


@dataclass
class Hub:
    """A running hub: its addresses, state folder and process."""

    state: Path
    url: str
    git_url: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def exchange(self) -> Path:
        return self.state / "exchange"

    @property
    def bare(self) -> Path:
        return self.state / "git" / "course.git"

    def homes(self, name: str) -> Path:
        return self.state / "homes" / name


@contextmanager
def running_hub(
    state: Path, students: Sequence[str], *, start_timeout: int = 600, ready_timeout: float = 120
) -> Iterator[Hub]:
    """Start ``deploy/hub`` with a roster of ``students`` in ``state``; stop it (and every
    server) on exit."""
    from smallstate.instructor.course_git import publish_course

    if not PROXY.exists():
        raise FileNotFoundError(f"{PROXY} is missing: run `make hub-proxy` (npm ci in deploy/hub)")
    state.mkdir(parents=True, exist_ok=True)
    public, api, proxy_api, git = _free_ports(4)
    roster = state / "roster.txt"
    roster.write_text("".join(f"{s}\n" for s in students), encoding="utf-8")
    hub = Hub(
        state=state,
        url=f"http://127.0.0.1:{public}",
        git_url=f"http://127.0.0.1:{git}/course.git",
        process=None,  # type: ignore[arg-type]
        log=state / "jupyterhub.log",
    )
    publish_course(REPO, hub.bare)
    env = dict(os.environ)
    env.update(
        {
            "SMALLSTATE_HUB_STATE": str(state),
            "SMALLSTATE_HUB_IP": "127.0.0.1",
            "SMALLSTATE_HUB_PORT": str(public),
            "SMALLSTATE_HUB_API_PORT": str(api),
            "SMALLSTATE_HUB_PROXY_API_PORT": str(proxy_api),
            "SMALLSTATE_HUB_GIT_PORT": str(git),
            "SMALLSTATE_HUB_ROSTER": str(roster),
            "SMALLSTATE_HUB_ADMIN": ADMIN,
            "SMALLSTATE_HUB_AUTH": "firstuse",
            "SMALLSTATE_HUB_START_TIMEOUT": str(start_timeout),
        }
    )
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    with hub.log.open("wb") as log:
        hub.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "jupyterhub"),
                "-f",
                str(HUB_DIR / "jupyterhub_config.py"),
            ],
            cwd=state,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            # a background job inherits SIGINT ignored, and so would the hub's services, which
            # the hub stops with SIGINT first: shutting down then took a minute
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
    try:
        _wait_up(hub, ready_timeout)
        yield hub
    finally:
        _stop(hub.process)
        _stop_leftovers(hub)


def _wait_up(hub: Hub, timeout: float) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if hub.process.poll() is not None:
            raise RuntimeError(f"the hub exited ({hub.process.returncode}):\n{_tail(hub.log)}")
        try:
            if requests.get(f"{hub.url}/hub/api/", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the hub did not answer within {timeout:g} s:\n{_tail(hub.log)}")


def _tail(path: Path, lines: int = 40) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def _stop_leftovers(hub: Hub) -> None:
    """Kill the servers and kernels of this hub that outlived it (the hub was killed)."""
    import psutil

    mine = str(hub.exchange)
    for proc in psutil.process_iter(["pid"]):
        with suppress(psutil.Error):
            if proc.environ().get("SMALLSTATE_EXCHANGE") == mine:
                proc.kill()


def _stop(process: subprocess.Popen[bytes], grace: float = 90) -> None:
    """SIGTERM the hub (it stops the servers and the proxy), then kill what is left."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            process.wait(grace)
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # the hub's own session: proxy, services
    process.wait()


class StudentError(RuntimeError):
    """A step of a simulated student failed; the message names the step."""


class Student:
    """One simulated student: a logged-in browser session and an API token."""

    def __init__(self, hub: Hub, name: str) -> None:
        import requests

        self.hub, self.name = hub, name
        self.http = requests.Session()
        self.token = ""

    @property
    def server(self) -> str:
        return f"{self.hub.url}/user/{self.name}"

    def _api(self, method: str, url: str, **kwargs: Any) -> Any:
        headers = {"Authorization": f"token {self.token}"} if self.token else {}
        response = self.http.request(method, url, headers=headers, timeout=600, **kwargs)
        if response.status_code >= 400:
            raise StudentError(f"{method} {url}: HTTP {response.status_code} {response.text[:300]}")
        return response

    def login(self) -> None:
        """The login form (first use sets the password), then a token from the REST API."""
        self.http.get(f"{self.hub.url}/hub/login", timeout=60)
        xsrf = self.http.cookies.get("_xsrf", "")
        form = {"username": self.name, "password": password_of(self.name), "_xsrf": xsrf}
        done = self.http.post(
            f"{self.hub.url}/hub/login", data=form, allow_redirects=False, timeout=120
        )
        if done.status_code != 302 or "/login" in done.headers.get("Location", "/login"):
            raise StudentError(f"login refused (HTTP {done.status_code})")
        # the hub's API accepts the login cookie with the _xsrf token in a header
        reply = self.http.post(
            f"{self.hub.url}/hub/api/users/{self.name}/tokens",
            json={"note": "bench", "expires_in": 7200},
            headers={"X-XSRFToken": self.http.cookies.get("_xsrf", xsrf)},
            timeout=120,
        )
        if reply.status_code >= 400:
            raise StudentError(f"token request: HTTP {reply.status_code} {reply.text[:200]}")
        self.token = reply.json()["token"]

    def start_server(self, timeout: float) -> None:
        """Ask the hub to start the server; wait until the hub says it is ready."""
        self._api("POST", f"{self.hub.url}/hub/api/users/{self.name}/server")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self._api("GET", f"{self.hub.url}/hub/api/users/{self.name}").json()
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return
            if not server:
                raise StudentError("the server stopped while starting (see the hub's log)")
            time.sleep(0.5)
        raise StudentError(f"server not ready after {timeout:g} s")

    def pull_course(self) -> list[str]:
        """nbgitpuller's API, with the course link's parameters, as the link's page calls it."""
        from smallstate.instructor.course_git import pull_link

        params = dict(parse_qsl(urlsplit(pull_link(self.hub.url, self.hub.git_url)).query))
        params.pop("urlpath")
        query = urlencode(params)
        response = self._api("GET", f"{self.server}/git-pull/api?{query}", stream=True)
        lines = []
        for raw in response.iter_lines(decode_unicode=True):
            if not raw or not raw.startswith("data:"):
                continue
            event = json.loads(raw[5:])
            if event.get("phase") == "error":
                raise StudentError(
                    f"nbgitpuller: {event.get('message', '')} {event.get('output', '')}"
                )
            if event.get("output"):
                lines.append(event["output"])
            if event.get("phase") == "finished":
                return lines
        raise StudentError("nbgitpuller's stream ended before 'finished'")

    def contents(self, path: str, content: bool = True) -> Any:
        return self._api(
            "GET", f"{self.server}/api/contents/{path}", params={"content": int(content)}
        ).json()

    def save(self, path: str, model: dict[str, Any]) -> None:
        self._api("PUT", f"{self.server}/api/contents/{path}", json=model)

    def assignments(self, action: str, assignment: str, course_id: str = "smallstate") -> Any:
        """nbgrader's Assignments tab: ``fetch``, ``submit`` or ``fetch_feedback``; the listing."""
        reply = self._api(
            "POST",
            f"{self.server}/assignments/{action}",
            params={"assignment_id": assignment, "course_id": course_id},
        )
        result = reply.json()
        if not result.get("success"):
            raise StudentError(f"assignments/{action}: {result.get('value') or result}")
        return result["value"]

    def open_kernel(self, notebook: str) -> Kernel:
        session = self._api(
            "POST",
            f"{self.server}/api/sessions",
            json={"path": notebook, "type": "notebook", "name": "", "kernel": {"name": "python3"}},
        ).json()
        ws_url = self.server.replace("http://", "ws://", 1)
        return Kernel(f"{ws_url}/api/kernels/{session['kernel']['id']}/channels", self.token)


class Kernel:
    """A kernel reached over the server's websocket (Jupyter's JSON message protocol)."""

    def __init__(self, url: str, token: str, timeout: float = 600) -> None:
        import websocket

        self.ws = websocket.create_connection(
            url, header=[f"Authorization: token {token}"], timeout=timeout
        )
        self.session = uuid.uuid4().hex

    def request(
        self, msg_type: str, content: dict[str, Any], channel: str = "shell"
    ) -> dict[str, Any]:
        """Send a request; return its reply once the kernel is idle again. Errors are collected."""
        msg_id = uuid.uuid4().hex
        header = {
            "msg_id": msg_id, "msg_type": msg_type, "username": "bench", "session": self.session,
            "date": "", "version": "5.3",
        }  # fmt: skip
        self.ws.send(json.dumps({"header": header, "parent_header": {}, "metadata": {},
                                 "content": content, "channel": channel, "buffers": []}))  # fmt: skip
        reply: dict[str, Any] | None = None
        idle = False
        while reply is None or not idle:
            message = json.loads(self.ws.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["header"]["msg_type"]
            if kind.endswith("_reply"):
                reply = message["content"]
            elif kind == "status" and message["content"].get("execution_state") == "idle":
                idle = True
        return reply

    def run(self, code: str) -> None:
        reply = self.request("execute_request", {"code": code, "silent": False,
                                                 "store_history": True, "allow_stdin": False})  # fmt: skip
        if reply.get("status") != "ok":
            raise StudentError(f"cell failed: {reply.get('ename')}: {reply.get('evalue')}")

    def close(self) -> None:
        self.ws.close()


def _usage(name: str) -> tuple[float, float]:
    """(PSS in MiB, CPU seconds) of every process started for user ``name`` (server, kernels)."""
    import psutil

    pss = cpu = 0.0
    for proc in psutil.process_iter(["pid"]):
        try:
            if proc.environ().get("JUPYTERHUB_USER") != name:
                continue
            pss += proc.memory_full_info().pss / 2**20
            times = proc.cpu_times()
            cpu += times.user + times.system
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return pss, cpu


@dataclass
class Result:
    """What happened to one simulated student."""

    name: str
    ok: bool = False
    kernel_s: float = float("nan")
    lesson_s: float = float("nan")
    memory_mib: float = float("nan")
    cpu_s: float = float("nan")
    error: str = ""
    cells: int = 0
    steps: dict[str, float] = field(default_factory=dict)


def simulate(hub: Hub, name: str, barrier: threading.Barrier | None, timeout: float) -> Result:
    """One student from login to a finished lesson 04 (the kernel stays running)."""
    result = Result(name)
    lesson = f"smallstate/lessons/{LESSON.name}"
    if barrier is not None:
        barrier.wait()
    start = time.monotonic()
    step = "login"
    try:
        student = Student(hub, name)
        student.login()
        result.steps["login"] = time.monotonic() - start
        step = "server start"
        student.start_server(timeout)
        result.steps["server"] = time.monotonic() - start
        step = "nbgitpuller"
        student.pull_course()
        result.steps["pull"] = time.monotonic() - start
        step = "kernel"
        notebook = student.contents(lesson)["content"]
        kernel = student.open_kernel(lesson)
        kernel.request("kernel_info_request", {})
        result.kernel_s = time.monotonic() - start
        step = "lesson"
        try:
            for cell in notebook["cells"]:
                if cell["cell_type"] == "code" and cell["source"].strip():
                    kernel.run(cell["source"])
                    result.cells += 1
        finally:
            kernel.close()
        result.lesson_s = time.monotonic() - start
        result.memory_mib, result.cpu_s = _usage(name)
        result.ok = True
    except Exception as err:  # one student's failure is reported, the others go on
        result.error = f"{step}: {type(err).__name__}: {err}"[:400]
    return result


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0-100) of the values; nan when there are none.

    Examples
    --------
    >>> percentile([4.0, 1.0, 3.0, 2.0], 50), percentile([4.0, 1.0, 3.0, 2.0], 95)
    (2.0, 4.0)
    """
    data = sorted(values)
    if not data:
        return float("nan")
    rank = max(1, -(-len(data) * q // 100))
    return data[int(rank) - 1]


def summary(results: Sequence[Result]) -> str:
    """The last line: ``ok K/N`` and the figures."""
    good = [r for r in results if r.ok]
    kernel = [r.kernel_s for r in good]
    lesson = [r.lesson_s for r in good]
    memory = statistics.median([r.memory_mib for r in good]) if good else float("nan")
    cpu = statistics.median([r.cpu_s for r in good]) if good else float("nan")
    return (
        f"ok {len(good)}/{len(results)} kernel p50 {percentile(kernel, 50):.1f} s "
        f"p95 {percentile(kernel, 95):.1f} s, lesson p50 {percentile(lesson, 50):.1f} s "
        f"p95 {percentile(lesson, 95):.1f} s, memory {memory:.0f} MiB/student, "
        f"cpu {cpu:.1f} s/student"
    )


def run_students(hub: Hub, names: Sequence[str], timeout: float = 600) -> list[Result]:
    """All ``names`` at once (a barrier releases the threads together)."""
    results: dict[str, Result] = {}
    barrier = threading.Barrier(len(names))

    def one(name: str) -> None:
        results[name] = simulate(hub, name, barrier, timeout)

    threads = [threading.Thread(target=one, args=(n,), daemon=True) for n in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout + 900)
    return [results.get(n) or Result(n, error="did not finish") for n in names]


def report(results: Sequence[Result], wall: float, hub_mib: float) -> list[str]:
    lines = []
    for r in results:
        if r.ok:
            steps = ", ".join(f"{k} {v:.1f} s" for k, v in r.steps.items())
            lines.append(
                f"{r.name}: ok ({steps}, kernel {r.kernel_s:.1f} s, lesson {r.lesson_s:.1f} s, "
                f"{r.cells} cells, {r.memory_mib:.0f} MiB, cpu {r.cpu_s:.1f} s)"
            )
        else:
            lines.append(f"{r.name}: FAILED {r.error}")
    cores = os.cpu_count() or 1
    lines.append(
        f"students {len(results)}, cores {cores}, wall {wall:.1f} s, hub+proxy {hub_mib:.0f} MiB"
    )
    lines.append(summary(results))
    return lines


def _hub_memory(hub: Hub) -> float:
    import psutil

    total = 0.0
    try:
        root = psutil.Process(hub.process.pid)
        for proc in [root, *root.children(recursive=True)]:
            try:
                if "JUPYTERHUB_USER" not in proc.environ():
                    total += proc.memory_full_info().pss / 2**20
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
    except psutil.NoSuchProcess:
        pass
    return total


def main(
    argv: Sequence[str] | None = None, after: Callable[[Hub, list[Result]], None] | None = None
) -> int:
    """Run the benchmark; ``after(hub, results)`` runs while the hub is still up (tests)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=20, help="simulated students (20)")
    parser.add_argument("--state", type=Path, default=None, help="hub state folder (a temp one)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per server start")
    args = parser.parse_args(argv)
    if args.students < 1:
        parser.error("--students must be at least 1")
    names = [f"student{i:02d}" for i in range(1, args.students + 1)]
    with tempfile.TemporaryDirectory(prefix="smallstate-hub-") as tmp:
        state = args.state or Path(tmp) / "state"
        with running_hub(state, [*names, ADMIN], start_timeout=int(args.timeout)) as hub:
            start = time.monotonic()
            results = run_students(hub, names, args.timeout)
            wall = time.monotonic() - start
            lines = report(results, wall, _hub_memory(hub))
            for line in lines:
                print(line, flush=True)
            if after is not None:
                after(hub, results)
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
