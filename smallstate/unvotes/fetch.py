"""Download the UN General Assembly vote files into the user cache, checked by SHA-256.

The download, the cache and the progress bar are pooch's (:func:`pooch.retrieve`); the
checksums are :data:`SHA256`. Nothing here runs at import time, and the lessons never call it:
they use the course's derived tables.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from smallstate.unvotes.files import _ENV, FILES, TIDYTUESDAY_FILES, _cache_dir

__all__ = ["SHA256", "TIDYTUESDAY_URL", "ChecksumError", "DownloadError", "fetch_votes"]

#: Public location of the tidytuesday copy (rfordatascience/tidytuesday, 2021-03-23).
TIDYTUESDAY_URL = (
    "https://raw.githubusercontent.com/rfordatascience/tidytuesday/main/data/2021/2021-03-23/"
)


#: SHA-256 of the packaged gzip CSVs (converted from dgrtwo/unvotes commit 7eb7034, the data of
#: CRAN unvotes 0.3.0). The tidytuesday CSVs are different bytes (other row order, plain text)
#: and have no published checksum: pass ``sha256=`` to :func:`fetch_votes` to pin them.
SHA256: dict[str, str] = {
    "un_votes.csv.gz": "0bd9db6b0dbf62acd9ab5f07297c1b6e7b934ecedb7545599f0a3387ef74f88b",
    "un_roll_calls.csv.gz": "4bdc60644ce208c2c4173198b8447bbda2d1914731439b91f9b7f551c4128a8f",
    "un_roll_call_issues.csv.gz": "563112d5bdb82bc2c78bbbff9e1aa508add0c38e98e79f92ab01b1f11a34827a",
}


class DownloadError(OSError):
    """A vote file could not be downloaded (offline, unreachable server, HTTP error)."""


class ChecksumError(ValueError):
    """A downloaded file does not have the expected SHA-256; nothing was written."""


def _download(url: str, target: Path, expected: str | None, progress: bool, timeout: float) -> str:
    """Stream ``url`` into a temp file beside ``target``, check SHA-256, rename. Return the sum."""
    import urllib.error
    import urllib.request

    from tqdm.auto import tqdm

    digest = hashlib.sha256()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                response = urllib.request.urlopen(url, timeout=timeout)
            except (urllib.error.URLError, OSError) as err:
                reason = getattr(err, "reason", err)
                raise DownloadError(
                    f"could not download {url} ({reason}) (are you offline?) — place the files "
                    f"in {target.parent} or set {_ENV} to a folder that holds them"
                ) from err
            with response:
                length = response.headers.get("Content-Length")
                total = int(length) if length and length.isdigit() else None
                with tqdm(
                    total=total,
                    unit="B",
                    unit_scale=True,
                    desc=target.name,
                    disable=not progress,
                    leave=False,
                ) as bar:
                    while chunk := response.read(1 << 16):
                        out.write(chunk)
                        digest.update(chunk)
                        bar.update(len(chunk))
        actual = digest.hexdigest()
        if expected is not None and actual != expected.lower():
            raise ChecksumError(
                f"{url}: SHA-256 is {actual}, expected {expected}; the file was not saved "
                f"(a changed or corrupted download)"
            )
        os.replace(tmp, target)
        return actual
    finally:
        tmp.unlink(missing_ok=True)


def fetch_votes(
    cache_dir: str | os.PathLike[str] | None = None,
    *,
    base_url: str = TIDYTUESDAY_URL,
    layout: Literal["packaged", "tidytuesday"] | None = None,
    force: bool = False,
    sha256: Mapping[str, str] | None = None,
    progress: bool = True,
    timeout: float = 60.0,
) -> Path:
    """Download the three vote files into the cache and return the folder.

    Parameters
    ----------
    cache_dir
        Target folder. Default: ``platformdirs.user_cache_dir("smallstate") / "unvotes"``.
    base_url
        Where the files are served. Default: the public tidytuesday copy
        (``rfordatascience/tidytuesday``, ``data/2021/2021-03-23/``).
    layout
        ``"tidytuesday"``: plain CSVs ``unvotes.csv``, ``roll_calls.csv``, ``issues.csv``;
        ``"packaged"``: the course's gzip CSVs ``un_votes.csv.gz``, ``un_roll_calls.csv.gz``,
        ``un_roll_call_issues.csv.gz`` (e.g. from a course mirror). Default: ``"tidytuesday"``
        for the default ``base_url``, ``"packaged"`` for any other.
    force
        Download again even when a file is already there.
    sha256
        File name -> expected SHA-256, overriding or extending :data:`SHA256`. The table in
        :data:`SHA256` covers the packaged gzip files only; the tidytuesday CSVs have no
        published sums, so they are checked only when you pass them here (otherwise a warning
        reports the sum of what was downloaded).
    progress
        Show a tqdm progress bar per file.
    timeout
        Seconds before a stalled connection fails.

    Returns
    -------
    pathlib.Path
        The folder, ready for :func:`load_votes`.

    Raises
    ------
    DownloadError
        (an ``OSError``) when a file cannot be fetched, e.g. offline.
    ChecksumError
        (a ``ValueError``) when a file's SHA-256 differs; the file is not kept.

    Notes
    -----
    Each file is written to a temporary file in the target folder and renamed into place only
    after its checksum matched, so an interrupted or corrupted download never leaves a partial
    file under the real name.

    Examples
    --------
    >>> fetch_votes  # doctest: +ELLIPSIS
    <function fetch_votes at ...>
    """
    folder = Path(cache_dir) if cache_dir is not None else _cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if layout is None:
        layout = "tidytuesday" if base_url == TIDYTUESDAY_URL else "packaged"
    if layout not in ("packaged", "tidytuesday"):
        raise ValueError(f"layout must be 'packaged' or 'tidytuesday', got {layout!r}")
    names = FILES if layout == "packaged" else TIDYTUESDAY_FILES
    sums = {**SHA256, **(sha256 or {})}
    base = base_url if base_url.endswith("/") else base_url + "/"
    for name in names.values():
        target = folder / name
        if target.is_file() and not force:
            continue
        expected = sums.get(name)
        actual = _download(base + name, target, expected, progress, timeout)
        if expected is None:
            warnings.warn(
                f"{name}: no published SHA-256 to check against; downloaded file has "
                f"SHA-256 {actual} (pass sha256={{{name!r}: ...}} to pin it)",
                UserWarning,
                stacklevel=2,
            )
    return folder
