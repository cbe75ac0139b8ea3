"""Run the code of a submission in an OS sandbox (bubblewrap) while nbgrader grades it.

nbgrader itself is trusted: it holds the gradebook and the hidden tests, so it runs outside.
Only the kernel that executes the student's cells runs inside the sandbox. The pieces:

1. :func:`sandboxed` wraps the ``nbgrader autograde`` command line of one student. It writes a
   kernel spec (``smallstate-sandbox``) and a runtime folder beside the student's temporary
   course folder, and returns a command that runs this module's ``run`` step: that sets
   ``JUPYTER_PATH`` / ``JUPYTER_RUNTIME_DIR`` and replaces itself with nbgrader, told to use
   that kernel over Unix sockets (``--KernelManager.transport=ipc``: the sandbox has no
   network, not even the loopback of the host).
2. nbgrader starts the kernel through the spec, that is through this module's ``kernel`` step
   (still outside, as the grading user): it hands the student's working copy and the connection
   file to the sandbox user and replaces itself with ``bwrap``.
3. Inside: no network, its own process, IPC and host-name namespaces, a private ``/tmp``, the
   operating system (``/usr``, ``/etc``), the Python environment and the course's package and
   data **read-only**, the student's own working copy read-write, and nothing else: no other
   submission, no gradebook, no instructor sources, no home folders. When grading runs as root
   the kernel runs as an unprivileged user of its own (a number without an account; see
   :class:`Limits`), so the limits hold: address space, processes, CPU seconds, file size and
   open files (``prlimit``). A kernel that hits one gets a note in its output (see
   :func:`load_ipython_extension`), which the feedback shows.

Without ``bwrap`` grading stops with :class:`SandboxUnavailableError`; it never runs a
submission unsandboxed.

Examples
--------
>>> Limits().memory_mb
1024
>>> Limits.from_env({"SMALLSTATE_SANDBOX_MEMORY_MB": "512"}).memory_mb
512
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

__all__ = [
    "KERNEL_NAME",
    "Limits",
    "SandboxUnavailableError",
    "bwrap_command",
    "find_bwrap",
    "load_ipython_extension",
    "readable_paths",
    "sandboxed",
]

KERNEL_NAME = "smallstate-sandbox"
_SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32", "/etc")
_ENV_PASS = ("LANG", "LC_ALL", "TZ")


class SandboxUnavailableError(FileNotFoundError):
    """``bwrap`` (bubblewrap) is missing, so submissions cannot be run in a sandbox."""


@dataclass(frozen=True)
class Limits:
    """Resource limits of one sandboxed kernel (``SMALLSTATE_SANDBOX_<FIELD>`` overrides).

    ``memory_mb`` is the address space (``RLIMIT_AS``), ``processes`` the number of processes
    and threads of the sandbox user (``RLIMIT_NPROC``), ``cpu_seconds`` the CPU time of the
    kernel, ``file_mb`` the largest file it may write, ``open_files`` its open descriptors;
    ``uid_base``: when grading runs as root, each kernel runs as a user of its own, number
    ``uid_base`` + the launcher's process id (no account needed), so the process limit counts
    that kernel's processes only, not those of ``nobody`` or of another grading run.
    """

    memory_mb: int = 1024
    processes: int = 64
    cpu_seconds: int = 600
    file_mb: int = 64
    open_files: int = 256
    uid_base: int = 1_000_000_000

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Limits:
        """The defaults, overridden by ``SMALLSTATE_SANDBOX_MEMORY_MB`` and the like.

        Examples
        --------
        >>> Limits.from_env({"SMALLSTATE_SANDBOX_PROCESSES": "x"})
        Traceback (most recent call last):
        ...
        ValueError: SMALLSTATE_SANDBOX_PROCESSES must be a positive whole number, not 'x'
        """
        env = os.environ if env is None else env
        values: dict[str, int] = {}
        for item in fields(cls):
            key = f"SMALLSTATE_SANDBOX_{item.name.upper()}"
            if key in env:
                text = env[key].strip()
                if not text.isdigit() or int(text) == 0:
                    raise ValueError(f"{key} must be a positive whole number, not {env[key]!r}")
                values[item.name] = int(text)
        return cls(**values)


def find_bwrap() -> str:
    """Path of ``bwrap``, or :class:`SandboxUnavailableError` saying how to install it.

    Examples
    --------
    >>> find_bwrap().endswith("bwrap")
    True
    """
    found = shutil.which("bwrap")
    if found is None:
        raise SandboxUnavailableError(
            "grading runs every submission in a bubblewrap sandbox, but `bwrap` is not on "
            "PATH; install it (Debian/Ubuntu: apt-get install bubblewrap) and grade again"
        )
    return found


def readable_paths() -> list[Path]:
    """What the kernel may read besides the operating system: Python and the course package.

    The Python environment (``sys.prefix`` and the interpreter it is based on), the
    ``smallstate`` package and its curated data folder; not the folder the package sits in
    (in a checkout that holds ``instructor/``).

    Examples
    --------
    >>> import sys
    >>> from pathlib import Path
    >>> paths = readable_paths()
    >>> any(p == Path(sys.prefix).resolve() or p in Path(sys.prefix).resolve().parents
    ...     for p in paths)
    True
    """
    from smallstate._paths import datasets_dir

    package = Path(__file__).resolve().parents[1]
    found = [Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix), package]
    with contextlib.suppress(FileNotFoundError):  # a wheel without its data: nothing to add
        found.append(datasets_dir())
    out: list[Path] = []
    for path in (p.resolve() for p in found):
        if path.is_dir() and not any(_within(path, other) for other in out):
            out = [o for o in out if not _within(o, path)] + [path]
    return sorted(out)


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _parents(path: Path) -> list[str]:
    """Create the folders above a mount point traversable (bwrap makes them 0700 otherwise)."""
    args: list[str] = []
    for parent in reversed(path.parents[:-1]):
        if parent != Path("/tmp"):
            args += ["--perms", "0755", "--dir", str(parent)]
    return args


def _mounts(readable: Sequence[Path], hidden: Sequence[Path], blank: Path) -> list[str]:
    args: list[str] = []
    for name in _SYSTEM:
        path = Path(name)
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), name]
        elif path.is_dir():
            args += ["--ro-bind", name, name]
    system = [Path(n).resolve() for n in _SYSTEM if Path(n).is_dir()]
    for path in readable:
        if not any(_within(path, s) for s in system):
            args += [*_parents(path), "--ro-bind", str(path), str(path)]
    for path in hidden:
        # visible only if a bound folder holds it: cover it with an empty, read-only stand-in
        if any(_within(path, bound) for bound in [*system, *readable]) and path.exists():
            if path.is_dir():
                args += ["--tmpfs", str(path), "--remount-ro", str(path)]
            else:
                args += ["--ro-bind", str(blank), str(path)]
    return args


def bwrap_command(
    bwrap: str,
    workdir: Path,
    runtime: Path,
    kernel: Sequence[str],
    *,
    limits: Limits,
    readable: Sequence[Path],
    hidden: Sequence[Path] = (),
    blank: Path = Path("blank"),
    user: int | None = None,
) -> list[str]:
    """The ``bwrap`` command line that runs ``kernel`` in the sandbox.

    ``workdir`` (the student's copy) and ``runtime`` (the kernel's sockets) are the only
    folders it may write; ``readable`` are bound read-only beside the system folders; a
    ``hidden`` path inside one of those is covered by an empty folder, or by ``blank`` (an
    empty file) if it is a file. ``user``: the uid (and gid) the kernel runs as, switched to
    by ``setpriv`` inside (grading as root); ``None`` runs it as the caller in a user namespace.

    Examples
    --------
    >>> from pathlib import Path
    >>> cmd = bwrap_command("bwrap", Path("/tmp/w"), Path("/tmp/r"), ["python"],
    ...                     limits=Limits(), readable=[], user=1000000123)
    >>> "--unshare-net" in cmd and cmd[cmd.index("--chdir") + 1]
    '/tmp/w'
    >>> cmd[-8:]
    ['--', 'prlimit', '--as=1073741824', '--nproc=64', '--cpu=600', '--fsize=67108864', '--nofile=256', 'python']
    """
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": "/tmp",
        "TMPDIR": "/tmp",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": "/tmp/matplotlib",
        "IPYTHONDIR": "/tmp/ipython",
        "PYTHONHASHSEED": "0",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "SMALLSTATE_SANDBOX_LIMITS": json.dumps(asdict(limits)),
        **{k: os.environ[k] for k in _ENV_PASS if k in os.environ},
    }
    cmd = [bwrap, "--die-with-parent", "--clearenv", "--unshare-net", "--unshare-pid"]
    cmd += ["--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--hostname", "sandbox"]
    if user is None:
        cmd.append("--unshare-user")
    for key, value in env.items():
        cmd += ["--setenv", key, value]
    cmd += ["--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--tmpfs", "/tmp"]
    cmd += _mounts(readable, hidden, blank)
    for path in (runtime, workdir):
        cmd += [*_parents(path), "--bind", str(path), str(path)]
    cmd += ["--chdir", str(workdir), "--"]
    if user is not None:
        cmd += ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"]
        cmd += ["--no-new-privs", "--"]
    mib = 1024 * 1024
    cmd += [
        "prlimit", f"--as={limits.memory_mb * mib}", f"--nproc={limits.processes}",
        f"--cpu={limits.cpu_seconds}", f"--fsize={limits.file_mb * mib}",
        f"--nofile={limits.open_files}",
    ]  # fmt: skip
    return [*cmd, *kernel]


def sandboxed(argv: Sequence[str], root: Path, hidden: Sequence[Path] = ()) -> list[str]:
    """Wrap an ``nbgrader autograde`` command so the submission's kernel runs in the sandbox.

    ``root`` is the student's temporary course folder; the spec and runtime folders are written
    beside it. ``hidden`` lists what must stay unreadable even if a readable folder holds it
    (the course folder, the submissions, the grading temp folder). Raises
    :class:`SandboxUnavailableError` when ``bwrap`` is missing.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> root = Path(tempfile.mkdtemp()) / "amy" / "course"
    >>> argv = sandboxed(["nbgrader", "autograde", "hw"], root)
    >>> argv[3:5], argv[-4:-2]
    (['run', '...sandbox'], ['hw', '--Execute.kernel_name=smallstate-sandbox'])
    >>> sorted(p.name for p in (root.parent / "sandbox").iterdir())
    ['blank', 'jupyter', 'runtime', 'spec.json']
    """
    bwrap = find_bwrap()
    base = Path(root).resolve().parent / "sandbox"
    runtime = base / "runtime"
    kernels = base / "jupyter" / "kernels" / KERNEL_NAME
    runtime.mkdir(parents=True, exist_ok=True)
    kernels.mkdir(parents=True, exist_ok=True)
    spec: dict[str, Any] = {
        "bwrap": bwrap,
        "root": str(Path(root).resolve()),
        "runtime": str(runtime),
        "limits": asdict(Limits.from_env()),
        "readable": [str(p) for p in readable_paths()],
        "hidden": [str(Path(p).resolve()) for p in hidden],
    }
    blank = base / "blank"
    blank.write_bytes(b"")
    blank.chmod(0o444)
    spec["blank"] = str(blank)
    (base / "spec.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    me = [sys.executable, "-c", "from smallstate.instructor.sandbox import main; main()"]
    kernel_json = {
        "argv": [*me, "kernel", str(base / "spec.json"), "{connection_file}"],
        "display_name": "Python 3 (smallstate grading sandbox)",
        "language": "python",
        # a signal from outside does not reach into the sandbox's process namespace
        "interrupt_mode": "message",
    }
    (kernels / "kernel.json").write_text(json.dumps(kernel_json, indent=1), encoding="utf-8")
    nbgrader = [
        *argv, f"--Execute.kernel_name={KERNEL_NAME}", "--KernelManager.transport=ipc",
        f"--KernelManager.connection_file={runtime / 'kernel.json'}",
    ]  # fmt: skip
    return [*me, "run", str(base), "--", *nbgrader]


def _chown_tree(path: Path, uid: int, gid: int) -> None:
    os.chown(path, uid, gid)
    for folder, dirs, files in os.walk(path):
        for name in [*dirs, *files]:
            os.chown(os.path.join(folder, name), uid, gid, follow_symlinks=False)


def _start_kernel(spec_file: Path, connection_file: Path) -> None:
    """Outside the sandbox: hand the working copy to the sandbox user, then become ``bwrap``."""
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    limits = Limits(**spec["limits"])
    workdir = Path.cwd().resolve()
    root = Path(spec["root"])
    if not _within(workdir, root):
        raise SystemExit(f"sandbox: refusing to run a kernel in {workdir}, outside {root}")
    runtime = Path(spec["runtime"])
    if connection_file.resolve().parent != runtime:
        raise SystemExit(f"sandbox: the connection file {connection_file} is not in {runtime}")
    user = limits.uid_base + os.getpid() if os.geteuid() == 0 else None
    if user is not None:
        _chown_tree(workdir, user, user)
        os.chown(runtime, user, user)
        os.chown(connection_file, user, user)
    kernel = [
        sys.executable, "-m", "ipykernel_launcher", "-f", str(connection_file.resolve()),
        "--HistoryManager.hist_file=:memory:", "--IPKernelApp.extensions=" + json.dumps([__name__]),
    ]  # fmt: skip
    cmd = bwrap_command(
        spec["bwrap"],
        workdir,
        runtime,
        kernel,
        limits=limits,
        readable=[Path(p) for p in spec["readable"]],
        hidden=[Path(p) for p in spec["hidden"]],
        blank=Path(spec["blank"]),
        user=user,
    )
    os.execv(cmd[0], cmd)


def _run_nbgrader(base: Path, argv: list[str]) -> None:
    """Become ``argv`` (nbgrader) with the sandbox kernel spec and runtime folder in its env."""
    env = dict(os.environ)
    old = env.get("JUPYTER_PATH")
    env["JUPYTER_PATH"] = str(base / "jupyter") + (os.pathsep + old if old else "")
    env["JUPYTER_RUNTIME_DIR"] = str(base / "runtime")
    os.execvpe(argv[0], argv, env)


# ------------------------------------------------------------------- inside the kernel

_NOTES = {
    "memory": "[sandbox] Stopped: this code asked for more memory than grading allows "
    "({memory_mb} MiB). Use less memory; this cell raised MemoryError.",
    "processes": "[sandbox] Stopped: this code started more processes or threads than "
    "grading allows ({processes}). Do not start processes in an exercise.",
}


def _note(kind: str) -> str:
    limits = json.loads(os.environ.get("SMALLSTATE_SANDBOX_LIMITS", "{}")) or asdict(Limits())
    return _NOTES[kind].format(**limits)


def load_ipython_extension(ipython: Any) -> None:
    """In the sandboxed kernel: a limit that stops a cell adds a plain note to its output.

    Examples
    --------
    >>> _note("memory")
    '[sandbox] Stopped: this code asked for more memory than grading allows (1024 MiB). Use less memory; this cell raised MemoryError.'
    """

    def explain(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: Any = None):  # type: ignore[no-untyped-def]
        kind = "memory" if isinstance(value, MemoryError) else "processes"
        print(_note(kind), file=sys.stderr, flush=True)
        return shell.showtraceback((etype, value, tb), tb_offset=tb_offset)

    # EAGAIN from fork or thread start is BlockingIOError or RuntimeError("can't start ...")
    ipython.set_custom_exc((MemoryError, BlockingIOError), explain)


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m smallstate.instructor.sandbox run|kernel ...`` (used by :func:`sandboxed`)."""
    parser = argparse.ArgumentParser(prog="python -m smallstate.instructor.sandbox")
    sub = parser.add_subparsers(dest="step", required=True)
    run = sub.add_parser("run", help="run nbgrader with the sandbox kernel spec")
    run.add_argument("base", type=Path)
    run.add_argument("command", nargs=argparse.REMAINDER)
    kernel = sub.add_parser("kernel", help="start one kernel in the sandbox")
    kernel.add_argument("spec", type=Path)
    kernel.add_argument("connection_file", type=Path)
    args = parser.parse_args(argv)
    if args.step == "run":
        command = args.command[1:] if args.command[:1] == ["--"] else args.command
        _run_nbgrader(args.base, command)
    else:
        _start_kernel(args.spec, args.connection_file)


if __name__ == "__main__":
    main()
