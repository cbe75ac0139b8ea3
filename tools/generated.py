"""Files the repository writes from the library: rewrite them, or check that they are current.

Three scripts keep a generated file in step with the code (``tools/course_table.py``,
``datasets/build/write_reliability_readme.py``, ``datasets/build/build_datapackage_schema.py``);
each gives the new text, and this module does the rest once: the marked block, the ``--check``
flag, the message and the exit status.

    >>> replace_block("a <!-- b --> old <!-- e --> z", "<!-- b -->", "<!-- e -->", " new ")
    'a <!-- b --> new <!-- e --> z'
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

__all__ = ["replace_block", "write_or_check"]


def replace_block(text: str, begin: str, end: str, block: str, *, name: str = "file") -> str:
    """``text`` with what stands between the ``begin`` and ``end`` markers replaced by ``block``.

    Raises ``ValueError`` naming the file when a marker is missing or out of order.
    """
    start = text.find(begin)
    stop = text.find(end, start + len(begin)) if start >= 0 else -1
    if start < 0 or stop < 0:
        raise ValueError(f"{name}: the markers {begin!r} ... {end!r} are missing")
    return text[: start + len(begin)] + block + text[stop:]


def write_or_check(
    path: Path,
    new_text: Callable[[str], str],
    *,
    what: str,
    description: str,
    argv: Sequence[str] | None = None,
) -> int:
    """Rewrite ``path`` with ``new_text(old text)``, or with ``--check`` report whether it is current.

    ``what`` names the generated part in the messages ("the course table"). Returns the exit
    status: 0, or 1 when ``--check`` finds the file stale.
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="only report; exit 1 if stale")
    args = parser.parse_args(argv)
    text = path.read_text(encoding="utf-8")
    new = new_text(text)
    if args.check:
        if new != text:
            print(f"{path}: out of date ({what}); run the script again without --check")
            return 1
        print(f"{path}: up to date ({what})")
        return 0
    path.write_text(new, encoding="utf-8")
    print(f"wrote {what} into {path}")
    return 0
