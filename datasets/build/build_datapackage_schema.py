"""Write the evidence schema of ``smallstate.evidence.schema`` into ``datasets/datapackage.json``.

The evidence columns are defined once, in :mod:`smallstate.evidence.schema`; the data package
describes the same columns for Frictionless. This script replaces the ``fields`` of every
evidence resource (``evidence_acts``, ``evidence_seeds``) with ``table_schema()["fields"]`` and
keeps everything else (keys, descriptions of the resources, other resources) as it is. The
coded fields of the reliability table (``coding_reliability``: domain, stance, intensity,
aimed_at_target) get the same definitions as in the evidence schema.
``tests/test_schema.py`` fails while the two differ.

Run from the repository root::

    python datasets/build/build_datapackage_schema.py          # rewrite
    python datasets/build/build_datapackage_schema.py --check  # exit 1 if out of date
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(REPO))

from smallstate.evidence.io import COURSE_EVIDENCE  # noqa: E402
from smallstate.evidence.schema import table_schema  # noqa: E402
from tools.generated import write_or_check  # noqa: E402

PACKAGE = Path(__file__).resolve().parents[1] / "datapackage.json"
#: Resources whose fields of these names are copies of the evidence schema's.
CODED_FIELDS = ("domain", "stance", "intensity", "aimed_at_target")
CODING_RESOURCES = ("coding_reliability", "coding_practice")


def updated(package: dict[str, Any]) -> dict[str, Any]:
    """The package with the schema's fields in every evidence resource."""
    out = json.loads(json.dumps(package))
    fields = table_schema()["fields"]
    for resource in out["resources"]:
        if resource["name"] in COURSE_EVIDENCE:
            resource["schema"]["fields"] = fields
        if resource["name"] in CODING_RESOURCES:
            coded = {f["name"]: f for f in fields if f["name"] in CODED_FIELDS}
            resource["schema"]["fields"] = [
                coded.get(f["name"], f) for f in resource["schema"]["fields"]
            ]
    return out


def main(argv: list[str] | None = None) -> int:
    def rewrite(text: str) -> str:
        return json.dumps(updated(json.loads(text)), indent=2, ensure_ascii=False) + "\n"

    return write_or_check(
        PACKAGE,
        rewrite,
        what="the evidence fields",
        description=__doc__.splitlines()[0],
        argv=argv,
    )


if __name__ == "__main__":
    sys.exit(main())
