"""Write ``datasets/bibliography.csv``: a flat view of ``datasets/references.bib``.

The data package needs a table of bibliography keys so that Frictionless can check the
foreign keys ``source -> bibliography.key`` of every curated table. ``references.bib`` stays
the one source of truth; this script derives the CSV from it, and
``tests/test_datapackage.py`` fails when the two drift apart.

Usage (from the repository root)::

    .venv/bin/python datasets/build/build_bibliography_csv.py          # rewrite the CSV
    .venv/bin/python datasets/build/build_bibliography_csv.py --check  # exit 1 if stale

Examples
--------
>>> import importlib.util, pathlib
>>> spec = importlib.util.spec_from_file_location("b", pathlib.Path("datasets/build/build_bibliography_csv.py"))
>>> module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
>>> module.render(pathlib.Path("datasets/references.bib")).splitlines()[0]
'key,entry_type,author,year,title'
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

HEADER = ["key", "entry_type", "author", "year", "title"]
DATASETS = Path(__file__).resolve().parents[1]


def _clean(value: str) -> str:
    """Drop protective braces and collapse white space."""
    return re.sub(r"\s+", " ", value.replace("{", "").replace("}", "")).strip()


def render(bib_path: Path) -> str:
    """Return the CSV text for the entries of ``bib_path``, in file order."""
    import bibtexparser

    library = bibtexparser.parse_string(bib_path.read_text(encoding="utf-8"))
    if library.failed_blocks:
        block = library.failed_blocks[0]
        raise ValueError(f"{bib_path}, line {block.start_line + 1}: cannot parse this BibTeX block")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for entry in library.entries:
        fields = {f.key.lower(): str(f.value) for f in entry.fields}
        writer.writerow(
            [
                entry.key,
                entry.entry_type.lower(),
                _clean(fields.get("author", "")),
                _clean(fields.get("year", "")),
                _clean(fields.get("title", "")),
            ]
        )
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render(DATASETS / "references.bib")
    target = DATASETS / "bibliography.csv"
    if "--check" in args:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is out of date: run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({text.count(chr(10)) - 1} entries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
