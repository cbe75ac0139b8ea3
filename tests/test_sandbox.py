"""Grading runs every submission's kernel in a bubblewrap sandbox (smallstate.instructor.sandbox).

Fast: the command line, the limits, and the refusal to grade without ``bwrap``; the hostile
probe of the samples does find the instructor's files when nothing stops it.
Slow: a real sandboxed kernel (who it runs as, what it sees, network, /tmp, limits), and the
hostile sample submissions graded by nbgrader through the sandbox.
There is no skip: without ``bwrap`` these tests fail, as grading does.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from smallstate._paths import datasets_dir
from smallstate.instructor import grading, sandbox

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "instructor" / "samples"
sys.path.insert(0, str(SAMPLES))
import make_submissions  # noqa: E402  (the sample generator holds the hostile probe)

NAME = "hw00"
HOSTILE = ("reads_sources", "deletes_files", "fork_bomb", "memory_hog")


# --- fast --------------------------------------------------------------------------------


def test_limits_come_from_the_environment() -> None:
    limits = sandbox.Limits.from_env({"SMALLSTATE_SANDBOX_MEMORY_MB": "512", "OTHER": "1"})
    assert (limits.memory_mb, limits.processes) == (512, 64)
    with pytest.raises(ValueError, match="SMALLSTATE_SANDBOX_CPU_SECONDS must be a positive"):
        sandbox.Limits.from_env({"SMALLSTATE_SANDBOX_CPU_SECONDS": "0"})


def test_the_command_line_shares_nothing_writable_but_the_copy(tmp_path: Path) -> None:
    work, runtime = tmp_path / "work", tmp_path / "runtime"
    package = Path(sandbox.__file__).resolve().parents[1]
    secret = package / "errors.py"
    cmd = sandbox.bwrap_command(
        "bwrap", work, runtime, ["python"], limits=sandbox.Limits(),
        readable=[package], hidden=[secret, tmp_path / "elsewhere"], blank=tmp_path / "blank", user=1_000_000_123,
    )  # fmt: skip
    pairs = list(zip(cmd, cmd[1:], cmd[2:], strict=False))
    writable = sorted(src for flag, src, dst in pairs if flag == "--bind")
    assert writable == sorted([str(work), str(runtime)])
    assert ("--ro-bind", str(package), str(package)) in pairs
    # a hidden file inside a readable folder is covered; one outside every mount needs nothing
    assert ("--ro-bind", str(tmp_path / "blank"), str(secret)) in pairs
    assert str(tmp_path / "elsewhere") not in cmd
    for flag in ("--unshare-net", "--unshare-pid", "--clearenv", "--die-with-parent"):
        assert flag in cmd
    assert cmd[cmd.index("--tmpfs") + 1] == "/tmp"
    assert "setpriv" in cmd and "--reuid=1000000123" in cmd
    assert cmd[-2:] == ["--nofile=256", "python"]


def test_readable_paths_hold_python_and_the_package_not_the_checkout() -> None:
    paths = sandbox.readable_paths()
    assert Path(sys.prefix).resolve() in paths or any(
        p in Path(sys.prefix).resolve().parents for p in paths
    )
    assert Path(sandbox.__file__).resolve().parents[1] in paths
    assert datasets_dir().resolve() in paths
    assert ROOT not in paths and (ROOT / "instructor") not in paths


def test_grading_without_bwrap_stops_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    notebook = SAMPLES / "submissions" / "right" / f"{NAME}.ipynb"
    config = {"db_url": "sqlite:///unused.db", "course_id": "c", "timeout": 5}
    with pytest.raises(sandbox.SandboxUnavailableError, match="apt-get install bubblewrap"):
        grading._grade_one(
            NAME, "amy", notebook, tmp_path, tmp_path, ["L00.E1"], {}, config, 60, tmp_path
        )
    assert not (tmp_path / "amy" / "course" / "autograded").exists()


def test_the_hostile_probe_finds_the_instructors_files_without_a_sandbox(tmp_path: Path) -> None:
    """Not vacuous: run unsandboxed under a parent naming a gradebook, the probe finds it."""
    course = tmp_path / "course"
    (course / "source").mkdir(parents=True)
    (course / "gradebook.db").write_bytes(b"SQLite format 3\x00")
    probe = make_submissions.PROBE + "print(json.dumps(found))"
    child = [sys.executable, "-c", "import json\n" + probe]
    parent = [
        sys.executable, "-c", "import subprocess, sys; subprocess.run(sys.argv[1:], check=True)",
        *child, f"--db=sqlite:///{course / 'gradebook.db'}",
    ]  # fmt: skip
    out = subprocess.run(parent, capture_output=True, text=True, check=True, cwd=tmp_path)
    found = json.loads(out.stdout.splitlines()[-1])
    assert str(course / "gradebook.db") in found and str(course / "source") in found
    assert str(ROOT / "instructor" / "exercises" / "L00.yaml") in found


# --- slow: a real sandboxed kernel -------------------------------------------------------


class Kernel:
    def __init__(self, client: Any) -> None:
        self.client = client

    def run(self, code: str) -> tuple[str, str]:
        """stdout and stderr of one cell, plus ``ename: evalue`` of an error in stderr."""
        out: list[str] = []
        err: list[str] = []

        def hook(msg: dict[str, Any]) -> None:
            content = msg["content"]
            if msg["msg_type"] == "stream":
                (out if content["name"] == "stdout" else err).append(content["text"])
            elif msg["msg_type"] == "error":
                err.append(f"{content['ename']}: {content['evalue']}")

        self.client.execute_interactive(code, output_hook=hook, timeout=60)
        return "".join(out).strip(), "".join(err).strip()


@pytest.fixture(scope="module")
def kernel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kernel]:
    from jupyter_client import KernelManager

    tmp = tmp_path_factory.mktemp("grade")
    root = tmp / "amy" / "course"
    work = root / "autograded" / "amy" / NAME
    work.mkdir(parents=True)
    (work / f"{NAME}.ipynb").write_text("{}")
    hidden = [datasets_dir() / "references.bib", tmp]
    argv = sandbox.sandboxed(["nbgrader", "autograde"], root, hidden=hidden)
    base = Path(argv[argv.index("run") + 1])
    saved = {k: os.environ.get(k) for k in ("JUPYTER_PATH", "JUPYTER_RUNTIME_DIR")}
    os.environ["JUPYTER_PATH"] = str(base / "jupyter")
    os.environ["JUPYTER_RUNTIME_DIR"] = str(base / "runtime")
    os.environ["SMALLSTATE_TEST_SECRET"] = "grading-token"
    km = KernelManager(
        kernel_name=sandbox.KERNEL_NAME, transport="ipc",
        connection_file=str(base / "runtime" / "kernel.json"),
    )  # fmt: skip
    try:
        km.start_kernel(cwd=str(work))
        client = km.client()
        client.start_channels()
        client.wait_for_ready(timeout=60)
        yield Kernel(client)
        client.stop_channels()
    finally:
        km.shutdown_kernel(now=True)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        os.environ.pop("SMALLSTATE_TEST_SECRET", None)


@pytest.mark.slow
def test_the_kernel_runs_unprivileged_in_its_own_copy(kernel: Kernel, tmp_path: Path) -> None:
    out, err = kernel.run("import os; print(os.getuid(), os.getcwd(), sorted(os.listdir('.')))")
    assert not err
    uid, cwd, listing = out.split(" ", 2)
    if os.geteuid() == 0:
        assert int(uid) > sandbox.Limits().uid_base
    assert cwd.endswith(f"/amy/course/autograded/amy/{NAME}") and listing == "['hw00.ipynb']"
    out, err = kernel.run("open('mine.txt', 'w').write('ok'); import os; os.remove('hw00.ipynb')")
    assert not err, err
    assert (Path(cwd) / "mine.txt").read_text() == "ok"
    # what the grading process knows stays outside
    out, _ = kernel.run("import os; print(sorted(os.environ))")
    assert "SMALLSTATE_TEST_SECRET" not in out and "JUPYTER_RUNTIME_DIR" not in out


@pytest.mark.slow
def test_the_kernel_sees_no_checkout_no_host_tmp_no_other_process(
    kernel: Kernel, tmp_path: Path
) -> None:
    mark = tmp_path / "host-file"
    mark.write_text("x")
    out, err = kernel.run(
        "import os, pathlib\n"
        f"print(pathlib.Path({str(mark)!r}).exists(), pathlib.Path({str(ROOT / 'instructor')!r}).exists(),\n"
        f"      pathlib.Path({str(ROOT / 'pyproject.toml')!r}).exists(),\n"
        "      len([p for p in os.listdir('/proc') if p.isdigit()]), os.listdir('/tmp'))"
    )  # fmt: skip
    assert not err, err
    host_tmp, instructor, pyproject, processes, tmp = out.split(" ", 4)
    assert (host_tmp, instructor, pyproject) == ("False", "False", "False")
    assert int(processes) < 8  # bwrap, the kernel and its helpers; nothing of the host
    # /tmp is the sandbox's own: its files, and the folders down to the bound copy
    assert set(ast.literal_eval(tmp)) <= {"ipython", "matplotlib", Path(tmp_path).parts[2]}
    # the course's package and data are readable, not writable; a hidden file is covered
    out, err = kernel.run(
        "import pathlib, smallstate\n"
        "pkg = pathlib.Path(smallstate.__file__).parent\n"
        "print(len((pkg / '__init__.py').read_text()) > 0, end=' ')\n"
        f"print(len(pathlib.Path({str(datasets_dir() / 'references.bib')!r}).read_text()), end=' ')\n"
        "try:\n    (pkg / 'planted.py').write_text('x')\nexcept OSError as e:\n    print(type(e).__name__)"
    )  # fmt: skip
    assert out in ("True 0 OSError", "True 0 PermissionError"), (out, err)
    assert not (Path(sandbox.__file__).parent.parent / "planted.py").exists()


@pytest.mark.slow
def test_the_kernel_has_no_network(kernel: Kernel) -> None:
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    try:
        out, err = kernel.run(
            "import socket\n"
            f"try:\n    socket.create_connection(('127.0.0.1', {port}), timeout=3)\n"
            "    print('connected')\nexcept OSError as e:\n    print('refused', e.errno)"
        )  # fmt: skip
    finally:
        server.close()
    assert out.startswith("refused"), (out, err)
    out, _ = kernel.run("import socket; print(socket.if_nameindex())")
    assert out == "[(1, 'lo')]"


@pytest.mark.slow
def test_process_and_memory_limits_stop_the_cell_with_a_note(kernel: Kernel) -> None:
    out, err = kernel.run(
        "import os, time\n"
        "for _ in range(500):\n    if os.fork() == 0:\n        time.sleep(20)\n        os._exit(0)"
    )  # fmt: skip
    assert "[sandbox] Stopped" in err and "processes or threads" in err and "(64)" in err
    assert "BlockingIOError" in err
    out, err = kernel.run("hog = bytearray(3 * 2**30)")
    assert "[sandbox] Stopped" in err and "(1024 MiB)" in err and "MemoryError" in err
    out, err = kernel.run("print(sum(range(10)))")  # the kernel lives on
    assert out == "45" and not err


# --- slow: the hostile samples graded through the sandbox --------------------------------


@pytest.mark.slow
def test_hostile_submissions_are_contained(tmp_path: Path) -> None:
    from smallstate.instructor import grade_assignment, new_assignment, release_assignment

    course = tmp_path / "course"
    new_assignment(NAME, "L00", course, timeout=5)
    release_assignment(NAME, course)
    submissions = tmp_path / "submissions"
    for student in (*HOSTILE, "right"):
        shutil.copytree(SAMPLES / "submissions" / student, submissions / student)
    before = sorted(p.relative_to(course) for p in course.rglob("*"))
    report = grade_assignment(NAME, submissions, course, timeout=5, progress_bar=False)
    rows = {r.student_id: r for r in report.rows}
    statuses = {s: (rows[s].status, rows[s].reason) for s in rows}
    assert statuses == {
        s: (rows[s].status, rows[s].reason) for s in rows if rows[s].status == "graded"
    }, statuses
    assert set(rows) == {*HOSTILE, "right"}
    # reads_sources: found nothing (it prints what it found), so got the wrong answer
    read = json.loads(
        (course / "autograded" / "reads_sources" / NAME / f"{NAME}.ipynb").read_text()
    )
    printed = [
        "".join(o["text"]) for c in read["cells"] for o in c.get("outputs", []) if "text" in o
    ]
    assert "found: []\n" in printed and rows["reads_sources"].scores["L00.E1"] == 0
    # deletes_files: everything outside its own copy is still there
    after = {p.relative_to(course) for p in course.rglob("*")}
    assert set(before) <= after
    assert rows["right"].total == 4 and rows["deletes_files"].scores["L00.E1"] == 1
    assert sorted(p.name for p in submissions.iterdir()) == sorted((*HOSTILE, "right"))
    # the fork bomb and the memory hog were stopped, with a note in their feedback
    for student, words in (("fork_bomb", "processes or threads"), ("memory_hog", "memory")):
        html = (course / "feedback" / student / NAME / f"{NAME}.html").read_text()
        assert "[sandbox] Stopped" in html and words in html, student
        assert rows[student].reason.startswith("error in a student cell:")
