"""Download the UN General Assembly vote files into the user cache, checked by SHA-256.

The download, the cache and the progress bar are pooch's (:func:`pooch.retrieve`); the
checksums are :data:`SHA256`. Nothing here runs at import time, and the lessons never call it:
they use the course's derived tables.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from smallstate.errors import InputError, SmallstateError
from smallstate.unvotes import files
from smallstate.unvotes.files import _ENV, FILES, TIDYTUESDAY_FILES

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


class DownloadError(SmallstateError, OSError):
    """A vote file could not be downloaded (offline, unreachable server, HTTP error)."""


class ChecksumError(InputError):
    """A downloaded file does not have the expected SHA-256; nothing was written."""


#: Suffix of a forced re-download until it replaces the old file.
_NEW = ".new"

#: pooch's hash-mismatch message: "... expected sha256:<hex> but got <hex>. ..."
_MISMATCH = re.compile(
    r"expected (?:sha256:)?(?P<expected>[0-9a-fA-F]+) but got (?P<actual>[0-9a-fA-F]+)"
)


def _retrieve(
    url: str, folder: Path, fname: str, expected: str | None, progress: bool, timeout: float
) -> Path:
    """Download ``url`` to ``folder/fname`` with pooch; translate its errors to ours."""
    import pooch
    import requests

    logger = pooch.get_logger()
    level = logger.level
    if not progress:  # quiet: no "Downloading data from ..." lines either
        logger.setLevel("WARNING")
    try:
        return Path(
            pooch.retrieve(
                url,
                known_hash=f"sha256:{expected.lower()}" if expected else None,
                fname=fname,
                path=folder,
                downloader=pooch.HTTPDownloader(progressbar=progress, timeout=timeout),
            )
        )
    except requests.exceptions.RequestException as err:
        raise DownloadError(
            f"could not download {url} ({err}) (are you offline?) — place the files in "
            f"{folder} or set {_ENV} to a folder that holds them"
        ) from err
    except ValueError as err:
        found = _MISMATCH.search(str(err))
        if found is None:
            raise
        raise ChecksumError(
            f"{fname.removesuffix(_NEW)} from {url}: SHA-256 is {found['actual'].lower()}, "
            f"expected {found['expected'].lower()}; the file was not saved (a changed or "
            f"corrupted download)"
        ) from err
    finally:
        logger.setLevel(level)


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
        Show pooch's progress bar (tqdm) and its log lines for each file; ``False`` is quiet.
    timeout
        Seconds before a stalled connection fails.

    Returns
    -------
    pathlib.Path
        The folder, ready for :func:`load_votes`.

    Raises
    ------
    DownloadError
        (an ``OSError``) when a file cannot be fetched, e.g. offline; the message names the URL.
    ChecksumError
        (a ``ValueError``) when a file's SHA-256 differs; the message names the file, the
        expected and the actual sum, and the file is not kept.

    Notes
    -----
    pooch downloads each file to a temporary file in the target folder and moves it into place
    only after its checksum matched, so an interrupted or corrupted download never leaves a
    partial file under the real name. With ``force=True`` an existing file is replaced only
    by a complete, checked download.

    Examples
    --------
    Files already in the folder are kept, so nothing is downloaded here:

    >>> import tempfile
    >>> from pathlib import Path
    >>> from smallstate.unvotes import FILES
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in FILES.values():
    ...     (folder / name).touch()
    >>> fetch_votes(folder, base_url="https://mirror.example/unvotes/") == folder
    True

    An unreachable server gives a :class:`DownloadError` naming the URL:

    >>> try:
    ...     fetch_votes(tempfile.mkdtemp(), base_url="http://127.0.0.1:9/", progress=False)
    ... except DownloadError as err:
    ...     print(str(err).split(" (")[0])
    could not download http://127.0.0.1:9/un_votes.csv.gz
    """
    folder = Path(cache_dir) if cache_dir is not None else files._cache_dir()
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
        # pooch does not download a file that is already there: a forced download goes to a
        # side name and replaces the old file only once it is complete and checked.
        fname = name + _NEW if target.exists() else name
        (folder / fname).unlink(missing_ok=True)  # a leftover of an interrupted forced run
        got = _retrieve(base + name, folder, fname, expected, progress, timeout)
        os.replace(got, target)
        if expected is None:
            import pooch

            warnings.warn(
                f"{name}: no published SHA-256 to check against; downloaded file has "
                f"SHA-256 {pooch.file_hash(str(target))} (pass sha256={{{name!r}: ...}} to pin it)",
                UserWarning,
                stacklevel=2,
            )
    return folder
