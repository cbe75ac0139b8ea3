"""Write the reliability figures into ``datasets/README.md``, between the reliability markers.

The figures compare the course's current coding (``evidence_acts.csv``) with the second coding
(``coding_reliability.csv``) by :func:`smallstate.evidence.reliability.coding_reliability`. They are
never typed by hand: whenever a coding changes, run this script (a test fails while the README
differs from a fresh computation).

Run from the repository root::

    .venv/bin/python datasets/build/write_reliability_readme.py          # rewrite the block
    .venv/bin/python datasets/build/write_reliability_readme.py --check  # exit 1 if stale
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(REPO))

import smallstate.evidence.reliability as rel  # noqa: E402
from tools.generated import replace_block, write_or_check  # noqa: E402

README = REPO / "datasets" / "README.md"
BEGIN = "<!-- reliability:begin (written by datasets/build/write_reliability_readme.py) -->"
END = "<!-- reliability:end -->"


def _number(value: float) -> str:
    return "n/a" if pd.isna(value) else f"{value:.3f}"


def render(table: pd.DataFrame, codings: pd.DataFrame) -> str:
    """The Markdown block: the figures per field, then every disagreement.

    ``table`` is :func:`coding_reliability`'s result; ``codings`` the course's and the second
    coder's codes side by side (:func:`side_by_side`).
    """
    coders = sorted(c for c in codings.columns if c != rel.COURSE_CODER)
    lines = [
        "| field | level | acts | coders | agreement | Cohen's kappa | Krippendorff's alpha |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in table.itertuples(index=False):
        lines.append(
            f"| `{row.field}` | {row.level} | {row.n_acts} | {row.n_coders} | "
            f"{_number(row.agreement)} | {_number(row.kappa)} | {_number(row.alpha)} |"
        )
    lines += ["", f"Disagreements ({rel.COURSE_CODER} / {' / '.join(coders)}):", ""]
    for field in rel.CODED_FIELDS:
        part = codings.xs(field, level="field")
        differ = part[part.nunique(axis=1) > 1]
        if differ.empty:
            lines.append(f"- `{field}`: none.")
            continue
        items = [
            f"{act_id} ({' / '.join(str(v) for v in values)})"
            for act_id, values in zip(
                differ.index, differ[[rel.COURSE_CODER, *coders]].to_numpy(), strict=True
            )
        ]
        lines.append(f"- `{field}` ({len(items)}): " + ", ".join(items) + ".")
    return "\n".join(lines)


def side_by_side() -> pd.DataFrame:
    """(field, act_id) x coder: the course's and the second coder's codes."""
    second = rel.second_coding()
    course = rel.course_coding(list(second["act_id"]), targets=rel.reading_targets(second))
    both = pd.concat([course, second], ignore_index=True)
    long = both.melt(id_vars=["act_id", "coder"], value_vars=list(rel.CODED_FIELDS))
    long = long.rename(columns={"variable": "field"})
    return long.pivot(index=["field", "act_id"], columns="coder", values="value")


def block() -> str:
    """The current figures, as they stand between the markers."""
    return f"\n{render(rel.coding_reliability(), side_by_side())}\n"


def updated(text: str) -> str:
    """``text`` (the README) with the block between the markers replaced."""
    return replace_block(text, BEGIN, END, block(), name=README.name)


def main(argv: list[str] | None = None) -> int:
    return write_or_check(
        README,
        updated,
        what="the reliability figures",
        description=__doc__.splitlines()[0],
        argv=argv,
    )


if __name__ == "__main__":
    sys.exit(main())
