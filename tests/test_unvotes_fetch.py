"""fetch_votes through pooch: error messages, forced re-download, progress bar (loopback only)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from smallstate import unvotes
from smallstate.unvotes import ChecksumError, DownloadError, fetch_votes, load_votes

FIXTURE = Path(__file__).parent / "data" / "unvotes_fixture"
FILES = tuple(unvotes.FILES.values())


@pytest.fixture
def url(serve_folder: Callable[[Path], str]) -> str:
    """The fixture folder served on loopback."""
    return serve_folder(FIXTURE)


def _sum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sums() -> dict[str, str]:
    return {name: _sum(FIXTURE / name) for name in FILES}


def test_checksum_error_names_file_expected_and_actual(url: str, tmp_path: Path) -> None:
    wrong = "ab" * 32
    with pytest.raises(ChecksumError) as err:
        fetch_votes(tmp_path, base_url=url, sha256={**_sums(), FILES[0]: wrong}, progress=False)
    message = str(err.value)
    assert FILES[0] in message and url + FILES[0] in message
    assert f"expected {wrong}" in message
    assert f"SHA-256 is {_sum(FIXTURE / FILES[0])}" in message
    assert isinstance(err.value, ValueError)
    assert list(tmp_path.iterdir()) == []


def test_http_error_is_a_download_error_naming_the_url(url: str, tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match=r"could not download http://127\.0\.0\.1:\d+/nowhere/"):
        fetch_votes(tmp_path, base_url=url + "nowhere/", progress=False)
    assert list(tmp_path.iterdir()) == []


def test_force_replaces_a_file_only_with_a_checked_download(url: str, tmp_path: Path) -> None:
    for name in FILES:
        (tmp_path / name).write_bytes(b"old")
    with pytest.raises(ChecksumError):
        fetch_votes(tmp_path, base_url=url, force=True, progress=False)
    # the failed download left the old files as they were, and no side file
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES)
    assert all((tmp_path / name).read_bytes() == b"old" for name in FILES)
    fetch_votes(tmp_path, base_url=url, force=True, sha256=_sums(), progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES)
    assert {name: _sum(tmp_path / name) for name in FILES} == _sums()
    assert len(load_votes(tmp_path).votes) == 30


def test_default_folder_is_the_user_cache(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(unvotes.files, "_cache_dir", lambda: tmp_path / "cache")
    assert fetch_votes(base_url=url, sha256=_sums(), progress=False) == tmp_path / "cache"
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == sorted(FILES)


def test_progress_bar_runs(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fetch_votes(tmp_path, base_url=url, sha256=_sums(), progress=True)
    assert "100%|" in capsys.readouterr().err  # tqdm's bar, drawn by pooch
