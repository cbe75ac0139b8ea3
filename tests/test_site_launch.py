"""The course website's lesson pages carry launch buttons for Binder and for a JupyterHub.

``tools/site_config.py`` (used by ``make site``) fills in the hub, BinderHub, repository and
branch; the site is built here with made-up addresses (nothing is fetched) and every lesson page
must link to Binder for that lesson and to the hub's nbgitpuller route for it.
"""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
TOOL = REPO / "tools" / "site_config.py"
sys.path.insert(0, str(TOOL.parent))
import site_config  # noqa: E402

LESSONS = sorted(p.stem for p in (REPO / "lessons").glob("*.ipynb"))
HUB = "https://hub.example.edu"
BINDER = "https://binder.example.org"
REPO_URL = "https://github.com/example-org/smallstate-course"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [value for key, value in attrs if key == "href" and value]


def _links(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.hrefs


# --- fast: the configuration tool --------------------------------------------------------


def test_site_config_keeps_the_file_and_overrides_what_is_given(tmp_path: Path) -> None:
    out = tmp_path / "_config.yml"
    assert site_config.main(["--out", str(out)]) == 0
    source = yaml.safe_load((REPO / "site" / "_config.yml").read_text(encoding="utf-8"))
    assert yaml.safe_load(out.read_text(encoding="utf-8")) == source
    assert source["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert source["launch_buttons"]["jupyterhub_url"] == ""  # no hub unless one is given
    argv = ["--out", str(out), "--hub-url", HUB + "/", "--repo-url", REPO_URL, "--branch", "v1"]
    assert site_config.main(argv) == 0
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written["launch_buttons"]["jupyterhub_url"] == HUB
    assert written["repository"] == {**source["repository"], "url": REPO_URL, "branch": "v1"}
    assert written["sphinx"] == source["sphinx"]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--hub-url", "hub.example.edu", "expected an http(s) address"),
        ("--hub-url", "https://hub.example.edu/hub/", "without /hub"),
        ("--repo-url", "https://github.com/smallstate", "https://host/OWNER/REPOSITORY"),
        ("--binder-url", "ftp://binder.example.org", "expected an http(s) address"),
        ("--branch", "my branch", "not a branch name"),
    ],
)
def test_site_config_rejects_bad_addresses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    out = tmp_path / "_config.yml"
    assert site_config.main(["--out", str(out), option, value]) == 2
    err = capsys.readouterr().err
    assert option in err and message in err
    assert not out.exists()


# --- slow: the built pages ---------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    config = out / "_config.yml"
    argv = ["--out", str(config), "--hub-url", HUB, "--binder-url", BINDER, "--repo-url", REPO_URL]
    assert site_config.main(argv) == 0
    command = [
        str(Path(sys.executable).with_name("jupyter-book")), "build", str(REPO),
        "--config", str(config), "--toc", str(REPO / "site" / "_toc.yml"),
        "--path-output", str(out),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    warnings = [
        line
        for line in (done.stdout + done.stderr).splitlines()
        if "WARNING" in line and ("launch" in line.lower() or "repository" in line.lower())
    ]
    assert not warnings, warnings
    return out / "_build" / "html"


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_page_launches_on_binder_and_on_the_hub(built: Path, lesson: str) -> None:
    hrefs = _links(built / "lessons" / f"{lesson}.html")
    notebook = f"lessons/{lesson}.ipynb"
    binder = f"{BINDER}/v2/gh/example-org/smallstate-course/main?urlpath=lab/tree/{notebook}"
    assert binder in hrefs, [h for h in hrefs if "binder" in h]
    pulls = [h for h in hrefs if h.startswith(f"{HUB}/hub/user-redirect/git-pull?")]
    assert len(pulls) == 1, hrefs
    query = parse_qs(urlsplit(pulls[0]).query)
    assert query == {
        "repo": [REPO_URL],
        "branch": ["main"],
        # nbgitpuller clones into a folder named after the repository
        "urlpath": [f"lab/tree/smallstate-course/{notebook}"],
    }


@pytest.mark.slow
def test_pages_that_are_not_notebooks_have_no_launch_buttons(built: Path) -> None:
    hrefs = _links(built / "site" / "intro.html")
    assert not [h for h in hrefs if "git-pull" in h or "/v2/gh/" in h]
