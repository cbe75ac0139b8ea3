"""The evidence layer: one schema of acts, its validation, reading and selection.

One row of an evidence table is one dated, sourced foreign-policy act of a small state bearing on
its relation with one great power. :mod:`~smallstate.evidence.schema` defines every column,
vocabulary and order once; :mod:`~smallstate.evidence.validation` checks a table against it and
reports every problem by line, row and column; :mod:`~smallstate.evidence.io` reads CSV files and
the course's own tables; :mod:`~smallstate.evidence.selection` picks cases, windows and re-codings;
:mod:`~smallstate.evidence.fictional` builds acts for the fictional teaching state Ruritania;
:mod:`~smallstate.evidence.region` checks the regional table's own rules (lesson 08);
:mod:`~smallstate.evidence.reliability` measures how far independent codings of the same acts
agree (Cohen's kappa, Krippendorff's alpha); :mod:`~smallstate.evidence.codebook` reads the
codebook of the coded fields from ``datasets/README.md``; :mod:`~smallstate.evidence.practice`
holds the coding practice (reports, checks of a coding, a class's codings pooled).

Examples
--------
>>> from smallstate.evidence import STANCES, course_evidence
>>> set(course_evidence("evidence_seeds")["stance"].unique()) <= set(STANCES)
True
"""

from __future__ import annotations

from smallstate.evidence.codebook import codebook
from smallstate.evidence.derive import (
    DERIVED_MARK,
    course_forum_members,
    derive_acts,
    filed_acts,
    is_derived,
)
from smallstate.evidence.fictional import (
    ACTOR,
    OTHER_POWER,
    STARTING_ACTS,
    TARGET,
    fictional_evidence,
)
from smallstate.evidence.io import (
    COURSE_EVIDENCE,
    course_evidence,
    read_evidence,
)
from smallstate.evidence.practice import (
    check_coding,
    class_codings,
    class_reliability,
    practice_reports,
    save_codings,
)
from smallstate.evidence.region import (
    REGION_ACTORS,
    REGION_TARGETS,
    check_region_acts,
    region_problems,
)
from smallstate.evidence.reliability import (
    CodingError,
    coding_reliability,
    pairwise_kappa,
    second_coding,
)
from smallstate.evidence.schema import (
    AIMED,
    ALL_COLUMNS,
    CASE_COLUMNS,
    CONTESTED,
    COUNTERPART_CODES,
    DERIVED_FROM,
    DERIVED_STANCE,
    DOMAIN_ORDER,
    DOMAINS,
    FICTIONAL_CODES,
    FIELDS,
    GREAT_POWERS,
    HISTORICAL_CODES,
    INDICATORS,
    INTENSITIES,
    ISO_ALPHA3,
    LEAD_POWER,
    MOTIVES,
    OPTIONAL_COLUMNS,
    POOLABLE,
    REQUIRED_COLUMNS,
    RIVALS,
    STANCE_ORDER,
    STANCES,
    STATE_CODES,
    TEXT_OPTIONAL,
    TEXT_REQUIRED,
    TRUE_WORDS,
    VOCABULARIES,
    Field,
    table_schema,
)
from smallstate.evidence.selection import (
    act_years,
    apply_codings,
    case_acts,
    contested_acts,
    filter_window,
    normalise_case,
)
from smallstate.evidence.validation import (
    EvidenceError,
    Problem,
    UnknownCodeWarning,
    is_validated,
    validate_evidence,
)

__all__ = [
    "ACTOR",
    "AIMED",
    "ALL_COLUMNS",
    "CASE_COLUMNS",
    "CONTESTED",
    "COUNTERPART_CODES",
    "COURSE_EVIDENCE",
    "DERIVED_FROM",
    "DERIVED_MARK",
    "DERIVED_STANCE",
    "DOMAINS",
    "DOMAIN_ORDER",
    "FICTIONAL_CODES",
    "FIELDS",
    "GREAT_POWERS",
    "HISTORICAL_CODES",
    "INDICATORS",
    "INTENSITIES",
    "ISO_ALPHA3",
    "LEAD_POWER",
    "MOTIVES",
    "OPTIONAL_COLUMNS",
    "OTHER_POWER",
    "POOLABLE",
    "REGION_ACTORS",
    "REGION_TARGETS",
    "REQUIRED_COLUMNS",
    "RIVALS",
    "STANCES",
    "STANCE_ORDER",
    "STARTING_ACTS",
    "STATE_CODES",
    "TARGET",
    "TEXT_OPTIONAL",
    "TEXT_REQUIRED",
    "TRUE_WORDS",
    "VOCABULARIES",
    "CodingError",
    "EvidenceError",
    "Field",
    "Problem",
    "UnknownCodeWarning",
    "act_years",
    "apply_codings",
    "case_acts",
    "check_coding",
    "check_region_acts",
    "class_codings",
    "class_reliability",
    "codebook",
    "coding_reliability",
    "contested_acts",
    "course_evidence",
    "course_forum_members",
    "derive_acts",
    "fictional_evidence",
    "filed_acts",
    "filter_window",
    "is_derived",
    "is_validated",
    "normalise_case",
    "pairwise_kappa",
    "practice_reports",
    "read_evidence",
    "region_problems",
    "save_codings",
    "second_coding",
    "table_schema",
    "validate_evidence",
]
