"""Publish the course to a bare git repository, and build the nbgitpuller link to it.

The hub (``make hub``) serves ``STATE/git/course.git`` read-only over git's "dumb" HTTP protocol;
students click the link, nbgitpuller clones the course into their home the first time and,
on later clicks, merges the instructor's new commits without overwriting the student's edits.
Only committed work is published: the instructor publishes again after each commit.

Examples
--------
>>> print(pull_link("http://127.0.0.1:8000", "http://127.0.0.1:8002/course.git"))
http://127.0.0.1:8000/hub/user-redirect/git-pull?repo=http%3A%2F%2F127.0.0.1%3A8002%2Fcourse.git&branch=main&targetpath=smallstate&urlpath=lab%2Ftree%2Fsmallstate%2Flessons%2F00_start_here.ipynb
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import urlencode

__all__ = ["BRANCH", "TARGET", "publish_course", "pull_link"]

BRANCH = "main"
TARGET = "smallstate"  # the folder the course lands in, in each student's home
START = "lessons/00_start_here.ipynb"


def _git(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=300
    )
    if done.returncode != 0:
        raise ValueError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


def publish_course(checkout: Path | str, bare: Path | str, ref: str = "HEAD") -> str:
    """Push ``ref`` of ``checkout`` to branch ``main`` of the bare repository ``bare``.

    Creates ``bare`` when missing and refreshes the files the dumb HTTP protocol reads
    (``git update-server-info``). Returns the published commit. Uncommitted changes in the
    checkout are not published.

    Examples
    --------
    >>> import tempfile, pathlib, subprocess
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = subprocess.run(["git", "init", "-q", str(d / "src")], check=True)
    >>> _ = (d / "src" / "a.txt").write_text("one")
    >>> _ = subprocess.run(["git", "-C", str(d / "src"), "add", "a.txt"], check=True)
    >>> _ = subprocess.run(["git", "-C", str(d / "src"), "-c", "user.name=t", "-c",
    ...     "user.email=t@example.invalid", "commit", "-qm", "one"], check=True)
    >>> commit = publish_course(d / "src", d / "course.git")
    >>> (d / "course.git" / "info" / "refs").read_text().split()[0] == commit
    True
    """
    checkout, bare = Path(checkout).resolve(), Path(bare).resolve()
    commit = _git("rev-parse", "--verify", f"{ref}^{{commit}}", cwd=checkout)
    if not (bare / "HEAD").is_file():
        bare.mkdir(parents=True, exist_ok=True)
        _git("init", "--quiet", "--bare", f"--initial-branch={BRANCH}", str(bare))
    _git("push", "--quiet", "--force", str(bare), f"{commit}:refs/heads/{BRANCH}", cwd=checkout)
    _git("update-server-info", cwd=bare)
    return commit


def pull_link(hub_url: str, repo_url: str, path: str = START, branch: str = BRANCH) -> str:
    """The nbgitpuller link that clones (or updates) the course and opens ``path`` in JupyterLab.

    ``hub_url`` is the hub's public address; ``repo_url`` where the students' servers reach the
    course's git repository.
    """
    query = urlencode(
        {
            "repo": repo_url,
            "branch": branch,
            "targetpath": TARGET,
            "urlpath": f"lab/tree/{TARGET}/{path}",
        }
    )
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"
