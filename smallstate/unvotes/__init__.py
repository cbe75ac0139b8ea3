"""UN General Assembly roll-call votes: files, download, agreement, and votes read as acts.

The data are Erik Voeten's UNGA roll-call votes (Voeten, Strezhnev and Bailey 2009, CC0).
:mod:`~smallstate.unvotes.files` finds, reads and validates them; :mod:`~smallstate.unvotes.fetch`
downloads them (with pooch: checksum, cache, progress); :mod:`~smallstate.unvotes.agreement`
computes voting agreement; :mod:`~smallstate.unvotes.acts` turns votes into evidence rows.
"""

from __future__ import annotations

from smallstate.unvotes.acts import (
    VOTE_STANCE,
    acts_from_votes,
)
from smallstate.unvotes.agreement import (
    agreement,
    agreement_all_pairs,
    pooled,
)
from smallstate.unvotes.fetch import (
    SHA256,
    TIDYTUESDAY_URL,
    ChecksumError,
    DownloadError,
    fetch_votes,
)
from smallstate.unvotes.files import (
    FILES,
    ISSUES,
    TIDYTUESDAY_FILES,
    VOTE_LEVELS,
    Votes,
    VotesFileError,
    load_votes,
    votes_dir,
    votes_from_frames,
)

__all__ = [
    "FILES",
    "ISSUES",
    "SHA256",
    "TIDYTUESDAY_FILES",
    "TIDYTUESDAY_URL",
    "VOTE_LEVELS",
    "VOTE_STANCE",
    "ChecksumError",
    "DownloadError",
    "Votes",
    "VotesFileError",
    "acts_from_votes",
    "agreement",
    "agreement_all_pairs",
    "fetch_votes",
    "load_votes",
    "pooled",
    "votes_dir",
    "votes_from_frames",
]
