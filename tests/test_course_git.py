"""`smallstate instructor publish-course` and the exchange commands' errors (no hub needed).

The hub itself, with the course link and the exchange in use, is tested in tests/test_hub.py.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from smallstate.cli import main

GIT = ["git", "-c", "user.name=Instructor", "-c", "user.email=instructor@example.invalid"]


def _commit(repo: Path, name: str, text: str) -> str:
    (repo / name).write_text(text, encoding="utf-8")
    subprocess.run([*GIT, "-C", str(repo), "add", name], check=True)
    subprocess.run([*GIT, "-C", str(repo), "commit", "--quiet", "-m", name], check=True)
    return subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_publish_course_and_print_the_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, bare = tmp_path / "src", tmp_path / "state" / "git" / "course.git"
    subprocess.run(["git", "init", "--quiet", str(src)], check=True)
    first = _commit(src, "lesson.md", "one\n")
    argv = ["instructor", "publish-course", str(bare), "--checkout", str(src)]
    links = ["--hub-url", "http://127.0.0.1:8000", "--repo-url", "http://127.0.0.1:8002/course.git"]
    assert main([*argv, *links]) == 0
    out = capsys.readouterr().out
    assert f"published {first} to {bare}" in out
    link = out.split("course link: ")[1].strip()
    query = parse_qs(urlsplit(link).query)
    assert link.startswith("http://127.0.0.1:8000/hub/user-redirect/git-pull?")
    assert query["repo"] == ["http://127.0.0.1:8002/course.git"] and query["branch"] == ["main"]
    assert query["urlpath"] == ["lab/tree/smallstate/lessons/00_start_here.ipynb"]
    # what git's dumb HTTP protocol serves, and what a clone gets
    assert (bare / "info" / "refs").read_text().split() == [first, "refs/heads/main"]
    second = _commit(src, "lesson.md", "two\n")
    (src / "lesson.md").write_text("not committed\n", encoding="utf-8")
    assert main(argv) == 0
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(bare), str(clone)], check=True)
    assert (clone / "lesson.md").read_text() == "two\n"
    assert (bare / "info" / "refs").read_text().split()[0] == second


def test_publish_course_outside_git_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        ["instructor", "publish-course", str(tmp_path / "b.git"), "--checkout", str(tmp_path)]
    )
    assert status == 2
    assert "git rev-parse --verify HEAD^{commit} failed" in capsys.readouterr().err


@pytest.mark.parametrize("action", ["collect", "return"])
def test_exchange_commands_name_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], action: str
) -> None:
    course = tmp_path / "course"
    course.mkdir()
    status = main(
        ["instructor", action, "hw", "--course", str(course), "--exchange", str(tmp_path / "none")]
    )
    assert status == 2
    err = capsys.readouterr().err
    if action == "collect":
        assert f"exchange folder {tmp_path / 'none'} does not exist" in err
    else:
        assert f"submissions folder {course / 'submitted'} does not exist" in err


def test_release_to_exchange_needs_a_release(tmp_path: Path) -> None:
    from smallstate.instructor import publish

    with pytest.raises(FileNotFoundError, match="release/hw does not exist: run release first"):
        publish("hw", tmp_path, tmp_path)
