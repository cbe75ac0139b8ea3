"""JupyterHub configuration for one server (`make hub`): the smallstate course for a class.

Everything is read from environment variables (the Makefile sets them; defaults in brackets):

SMALLSTATE_HUB_STATE      folder for the hub's state: database, cookie secret, passwords,
                          students' homes, the nbgrader exchange, the course's git copy
                          [<checkout>/.hub]
SMALLSTATE_HUB_IP         address the hub listens on [127.0.0.1]
SMALLSTATE_HUB_PORT       public port [8000]; the hub's own API, the proxy's API and the course's
                          git server use SMALLSTATE_HUB_API_PORT [8081],
                          SMALLSTATE_HUB_PROXY_API_PORT [8001], SMALLSTATE_HUB_GIT_PORT [8002]
                          (all on 127.0.0.1)
SMALLSTATE_HUB_ADMIN      the instructor's user name, an admin [instructor]
SMALLSTATE_HUB_ROSTER     text file, one student id a line ('#' comments): only these students
                          (and the admin) may log in. Without it anyone reaching the hub may
                          create an account [unset]
SMALLSTATE_HUB_AUTH       firstuse (each name on the roster sets its password at first login) |
                          lti (LTI 1.3 from Canvas or Moodle, see lti13.py) [firstuse]
SMALLSTATE_HUB_COURSE_ID  nbgrader course id [smallstate]
SMALLSTATE_HUB_CULL_TIMEOUT  seconds of inactivity before the idle culler stops a server [3600]
SMALLSTATE_HUB_START_TIMEOUT seconds a server may take to start [120]

Spawner: one home folder per student (``STATE/homes/<name>``); every server runs as the hub's
own system user. This gives each student their own copy of the course and their own files, but
it is not isolation between students: student code can read other homes. Run the hub on a
machine (or in a VM/container) that holds nothing else, and see instructor/README.md.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

from jupyterhub.spawner import SimpleLocalProcessSpawner

c = get_config()  # noqa: F821 - provided by JupyterHub

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parents[1]
ENV = os.environ


def _setting(name: str, default: str) -> str:
    return ENV.get(f"SMALLSTATE_HUB_{name}", "") or default


def _port(name: str, default: int) -> int:
    raw = _setting(name, str(default))
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise ValueError(f"SMALLSTATE_HUB_{name}={raw!r} is not a port number (1-65535)")
    return int(raw)


def read_roster(path: Path) -> list[str]:
    """Student ids from a roster file, one a line; '#' starts a comment."""
    names = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        name = line.split("#", 1)[0].strip()
        if not name:
            continue
        if not name.replace("-", "").replace("_", "").replace(".", "").isalnum():
            raise ValueError(f"{path}, line {number}: {name!r} is not a valid user name")
        names.append(name.lower())
    return names


STATE = Path(_setting("STATE", str(CHECKOUT / ".hub"))).resolve()
HOMES = STATE / "homes"
EXCHANGE = STATE / "exchange"
GIT_ROOT = STATE / "git"
for folder in (STATE, HOMES, EXCHANGE, GIT_ROOT):
    folder.mkdir(parents=True, exist_ok=True)
STATE.chmod(0o700)

IP = _setting("IP", "127.0.0.1")
PORT = _port("PORT", 8000)
GIT_PORT = _port("GIT_PORT", 8002)
ADMIN = _setting("ADMIN", "instructor").lower()
AUTH = _setting("AUTH", "firstuse")
COURSE_ID = _setting("COURSE_ID", "smallstate")

# --------------------------------------------------------------------------- hub and proxy
c.JupyterHub.bind_url = f"http://{IP}:{PORT}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{_port('API_PORT', 8081)}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{_port('PROXY_API_PORT', 8001)}"
proxy = HERE / "node_modules" / ".bin" / "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [str(proxy)]
c.ConfigurableHTTPProxy.should_start = True
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.default_url = "/hub/home"

# --------------------------------------------------------------------------- login
c.Authenticator.admin_users = {ADMIN}
roster_file = _setting("ROSTER", "")
roster = read_roster(Path(roster_file)) if roster_file else []
if AUTH == "firstuse":
    c.JupyterHub.authenticator_class = "firstuseauthenticator.FirstUseAuthenticator"
    c.FirstUseAuthenticator.dbm_path = str(STATE / "passwords.dbm")
    c.FirstUseAuthenticator.min_password_length = 8
    if roster:
        # only the roster (created in the hub's database at start-up) may log in; the first
        # login of a name sets its password
        c.FirstUseAuthenticator.create_users = False
        c.Authenticator.allowed_users = set(roster) | {ADMIN}
elif AUTH == "lti":
    sys.path.insert(0, str(HERE))
    from lti13 import configure_lti13  # deploy/hub/lti13.py

    configure_lti13(c, ENV)
else:
    raise ValueError(f"SMALLSTATE_HUB_AUTH={AUTH!r}: use firstuse or lti")

# --------------------------------------------------------------------------- servers
c.JupyterHub.spawner_class = SimpleLocalProcessSpawner
c.SimpleLocalProcessSpawner.home_dir_template = str(HOMES / "{username}")
c.Spawner.notebook_dir = str(HOMES / "{username}")
c.Spawner.default_url = "/lab"
c.Spawner.cmd = [str(Path(sys.executable).parent / "jupyterhub-singleuser")]
# Kernels talk to their server over Unix sockets, not TCP: with many servers starting kernels
# at once, TCP ports picked at random collided ("Address already in use") and kernels died.
# The sockets live in a short per-user runtime folder (a socket path has at most 107 bytes).
c.Spawner.args = ["--KernelManager.transport=ipc"]
if os.geteuid() == 0:
    c.Spawner.args.append("--allow-root")
    print(
        "WARNING: the hub runs as root, so every student's server and kernel does too: students "
        "can read the hub's secrets and every file. Run `make hub` as an unprivileged user on a "
        "machine that holds nothing else (instructor/README.md, 'Limits of one server').",
        file=sys.stderr,
    )
RUNTIME = Path(tempfile.gettempdir()) / f"sshub-{hashlib.sha1(bytes(STATE)).hexdigest()[:8]}"
atexit.register(shutil.rmtree, RUNTIME, ignore_errors=True)
c.Spawner.start_timeout = int(_setting("START_TIMEOUT", "120"))
c.Spawner.http_timeout = int(_setting("START_TIMEOUT", "120"))
student_config = HERE / "student"
instructor_config = HERE / "instructor"


def _server_environment(spawner: object) -> None:
    """Per-user environment: nbgrader's exchange and course id, the user's role."""
    user = spawner.user  # type: ignore[attr-defined]
    runtime = RUNTIME / f"u{user.id}"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    admin = bool(getattr(user, "admin", False)) or user.name == ADMIN
    spawner.environment.update(  # type: ignore[attr-defined]
        {
            # the course's environment is the hub's: its bin first (jupyter, nbgrader, git)
            "PATH": str(Path(sys.executable).parent) + os.pathsep + ENV.get("PATH", "/usr/bin"),
            "JUPYTER_CONFIG_PATH": str(instructor_config if admin else student_config),
            "JUPYTER_RUNTIME_DIR": str(runtime),
            "SMALLSTATE_EXCHANGE": str(EXCHANGE),
            "SMALLSTATE_COURSE_ID": COURSE_ID,
            "NBGITPULLER_DEPTH": "0",  # the course's git server speaks git's dumb HTTP: no shallow clones
        }
    )
    for name in ("SMALLSTATE_DENY_NETWORK", "SMALLSTATE_DENY_NETWORK_LOG", "PYTHONHASHSEED"):
        if name in ENV:  # the test suite's network guard reaches the students' kernels too
            spawner.environment[name] = ENV[name]  # type: ignore[attr-defined]


c.Spawner.pre_spawn_hook = _server_environment

# --------------------------------------------------------------------------- services
# The course's git repository (a bare copy made by `make hub`), served read-only over git's
# "dumb" HTTP protocol on loopback: the nbgitpuller link clones and later merges from it.
c.JupyterHub.services = [
    {
        "name": "course-git",
        "command": [
            sys.executable,
            "-m",
            "http.server",
            str(GIT_PORT),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(GIT_ROOT),
        ],
    },
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={int(_setting('CULL_TIMEOUT', '3600'))}",
            "--cull-every=300",
        ],
    },
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
