"""Start the course's JupyterLab (`make lab`): straight on lesson 00, no news prompt, no
nbgrader menus, protected by Jupyter's own per-run token.

* ``--LabApp.default_url`` makes both the page the browser opens and the address JupyterLab
  prints ``/lab/tree/lessons/00_start_here.ipynb?token=...``.
* ``--LabApp.app_settings_dir=tools/lab/settings`` applies the course's settings overrides
  (``overrides.json``: no news, no update check) and page config (``page_config.json``: the
  nbgrader lab extension disabled, so students see no Formgrader, Assignments or Courses menus);
  the nbgrader server extensions are switched off as well.
* No token is passed: Jupyter makes a new random one at every start, and the printed and opened
  addresses carry it. ``TOKEN=...`` (``make lab TOKEN=...``) sets a fixed one through the
  ``JUPYTER_TOKEN`` variable, so it never shows in the process list. A server without a token
  would let any local user or process run code as you, so there is no option for that.

Usage: ``python tools/lab.py [--port 8888] [--no-browser] [--dry-run]``; ``--dry-run`` prints
the command instead of running it.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = ROOT / "tools" / "lab" / "settings"
START_LESSON = "lessons/00_start_here.ipynb"
NBGRADER_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.assignment_list",
    "nbgrader.server_extensions.course_list",
    "nbgrader.server_extensions.validate_assignment",
)


def start_path(root: Path = ROOT) -> str:
    """The URL path JupyterLab opens: lesson 00, or the lessons folder while it is missing."""
    target = START_LESSON if (root / START_LESSON).is_file() else "lessons"
    return f"/lab/tree/{target}"


def lab_command(
    port: int, *, open_browser: bool = True, as_root: bool | None = None, root: Path = ROOT
) -> list[str]:
    """The ``python -m jupyterlab ...`` command line of ``make lab`` (no token on it)."""
    if as_root is None:
        as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.default_url={start_path(root)}",
        f"--LabApp.app_settings_dir={SETTINGS}",
    ]
    for extension in NBGRADER_SERVER_EXTENSIONS:
        command += ["--ServerApp.jpserver_extensions", f"{extension}=False"]
    if as_root:
        command.append("--allow-root")
    if not open_browser:
        command.append("--no-browser")
    return command


def main(argv: Sequence[str] | None = None) -> int:
    """Print where the lesson will be, then replace this process with JupyterLab."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8888)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--dry-run", action="store_true", help="print the command only")
    args = parser.parse_args(argv)
    command = lab_command(args.port, open_browser=not args.no_browser)
    if args.dry_run:
        print(shlex.join(command))
        return 0
    fixed = "the TOKEN you set" if os.environ.get("JUPYTER_TOKEN") else "a new token every start"
    print(
        f"JupyterLab opens lesson 00. Its address, printed below by JupyterLab, is\n"
        f"  http://127.0.0.1:{args.port}{start_path()}?token=...  ({fixed})\n"
        "Copy the whole line with the token into a browser if none opens. Stop with Ctrl+C.",
        flush=True,
    )
    os.execv(command[0], command)
    return 1  # pragma: no cover - execv does not return


if __name__ == "__main__":
    raise SystemExit(main())
