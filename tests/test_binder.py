"""The repository launches on Binder: repo2docker builds it from environment.yml, then postBuild.

repo2docker's own build planner (``--no-build --debug``: the Dockerfile it would build, no
Docker and no network needed) must pick the conda build pack with environment.yml, the pinned
Python, and run postBuild after the environment exists. README.md's badge opens the repository
and branch that site/_config.yml names, on the same BinderHub.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]


def _site_config() -> dict[str, dict[str, str]]:
    data = yaml.safe_load((REPO / "site" / "_config.yml").read_text(encoding="utf-8"))
    return {"repository": data["repository"], "launch_buttons": data["launch_buttons"]}


def test_postbuild_only_installs_the_course() -> None:
    script = REPO / "postBuild"
    assert script.stat().st_mode & 0o111, "postBuild must be executable"
    commands = [
        line.strip()
        for line in script.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert commands == ["set -euo pipefail", "python -m pip install --no-deps -e ."]
    # no other repo2docker configuration that would shadow environment.yml
    for other in ("binder", ".binder", "requirements.txt", "Pipfile", "setup.py", "runtime.txt"):
        assert not (REPO / other).exists(), f"{other} would change how Binder builds the repo"


def test_readme_badge_opens_the_configured_repository() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    badges = re.findall(r"\[!\[[^\]]*\]\(([^)]*badge_logo\.svg)\)\]\(([^)]+)\)", readme)
    assert len(badges) == 1, "README.md should carry exactly one Binder badge"
    image, target = badges[0]
    config = _site_config()
    binder = config["launch_buttons"]["binderhub_url"].rstrip("/")
    repo = urlsplit(config["repository"]["url"])
    assert repo.netloc == "github.com", "the badge below assumes a GitHub repository"
    owner, name = repo.path.strip("/").split("/")
    branch = config["repository"]["branch"]
    assert image == f"{binder}/badge_logo.svg"
    expected = f"{binder}/v2/gh/{owner}/{name}/{branch}?urlpath=lab/tree/"
    assert target.startswith(expected), (target, expected)
    assert (REPO / target.removeprefix(expected)).is_file()


@pytest.mark.slow
def test_repo2docker_builds_from_environment_yml_then_runs_postbuild(tmp_path: Path) -> None:
    repo2docker = Path(sys.executable).with_name("repo2docker")
    assert repo2docker.exists(), "repo2docker is missing: pip install -e '.[test]'"
    done = subprocess.run(
        [str(repo2docker), "--no-build", "--no-run", "--debug", str(REPO)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    dockerfile, log = done.stdout, done.stderr
    assert "Building conda environment for python=3.11" in log, log
    update = dockerfile.index('env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"')
    assert dockerfile.index("RUN ./postBuild") > update
    assert "requirements.txt" not in dockerfile
