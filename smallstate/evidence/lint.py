"""Find the rows of an act table that break the one coding rule.

Validation (:mod:`smallstate.evidence.validation`) checks that each cell is well formed; this
module checks that each act is *filed* the one way the codebook prescribes (datasets/README.md,
"One coding rule"), whoever reported it:

``file-under-engaged-power``
    An act whose counterpart is a great power, or an initiative a great power leads
    (:data:`~smallstate.evidence.schema.LEAD_POWER`), is filed under that power.
``diversification-is-towards-rivals``
    Diversification is read towards a power other than the one the act engages, so an act
    filed under the power it engages is not coded diversification towards it.
``regional-rival``
    An act with a state that is a rival of a great power but not one of the course's great
    powers (Vietnam) is filed under that great power, as diversification.
``aimed-at-rivals-needs-a-derivation``
    ``aimed_at_rivals`` is filled only on acts from which the library derives acts for rivals
    (otherwise the value would be silently ignored).
``derived-acts-are-not-stored``
    No stored row is a derived act (an ``@`` in its id, or a ``derived_from`` column).
``contested-needs-a-note``
    A contested act says why in its note.

Examples
--------
>>> import pandas as pd
>>> row = {"act_id": "X1", "actor": "KHM", "target": "CHN", "counterpart": "JPN",
...        "stance": "diversification", "contested": "no", "note": ""}
>>> [p.rule for p in lint_evidence(pd.DataFrame([row]))]
['file-under-engaged-power']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from smallstate.evidence.derive import DERIVED_MARK, _text  # _text: a column as text, once
from smallstate.evidence.schema import (
    DERIVED_FROM,
    DERIVED_STANCE,
    GREAT_POWERS,
    LEAD_POWER,
    RIVALS,
    TRUE_WORDS,
)

__all__ = ["LINT_RULES", "LintProblem", "concept_instance_problems", "lint_evidence", "lint_file"]

#: Rule id -> what it asks (the module docstring gives the reasons).
LINT_RULES: dict[str, str] = {
    "file-under-engaged-power": "file the act under the great power it engages",
    "diversification-is-towards-rivals": (
        "an act filed under the power it engages is not diversification towards it"
    ),
    "regional-rival": "an act with a regional rival is diversification towards its great power",
    "aimed-at-rivals-needs-a-derivation": (
        "aimed_at_rivals is only for acts that derive acts for rivals"
    ),
    "derived-acts-are-not-stored": "derived acts are made by the library, not stored",
    "contested-needs-a-note": "a contested act says why in its note",
}


@dataclass(frozen=True)
class LintProblem:
    """One row that breaks a rule: where (CSV line, row index, column), which rule and why."""

    line: int
    index: int
    column: str
    rule: str
    message: str
    file: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        return (
            f"{where}line {self.line} (row index {self.index}), column {self.column!r}: "
            f"[{self.rule}] {self.message}"
        )


def lint_evidence(df: pd.DataFrame, *, file: str | Path | None = None) -> list[LintProblem]:
    """Return every row of ``df`` that breaks the one coding rule, in row order.

    Parameters
    ----------
    df : pandas.DataFrame
        A stored act table (filed acts only), raw or validated.
    file : str or Path, optional
        Named in each problem.

    Returns
    -------
    list of LintProblem
        Empty when every row follows the rule.

    Examples
    --------
    >>> from smallstate.evidence import course_evidence, filed_acts
    >>> lint_evidence(filed_acts(course_evidence()))
    []
    """
    name = None if file is None else str(file)
    ids, actor, target = _text(df, "act_id"), _text(df, "actor"), _text(df, "target")
    counterpart, stance = _text(df, "counterpart"), _text(df, "stance")
    rivals_aim, contested, note = (
        _text(df, "aimed_at_rivals"),
        _text(df, "contested"),
        _text(df, "note"),
    )
    problems: list[LintProblem] = []

    def add(i: int, column: str, rule: str, message: str) -> None:
        problems.append(LintProblem(i + 2, i, column, rule, message, name))

    has_derived_column = DERIVED_FROM in df.columns
    for i in range(len(df)):
        cp, tg, st = str(counterpart[i]), str(target[i]), str(stance[i])
        lead = LEAD_POWER.get(cp)
        if lead is not None and tg != lead:
            add(
                i,
                "target",
                "file-under-engaged-power",
                f"counterpart {cp} engages {lead}: file the act under target {lead} and read "
                f"its stance towards {lead}; the library derives what it means for {tg}",
            )
        elif lead is not None and st == "diversification":
            add(
                i,
                "stance",
                "diversification-is-towards-rivals",
                f"the act engages {lead} itself; code its stance towards {lead} (deference, "
                "binding, defiance or abstention)",
            )
        regional = cp in RIVALS and cp not in GREAT_POWERS and cp != actor[i]
        if regional and (tg not in RIVALS[cp] or st != "diversification"):
            add(
                i,
                "stance" if tg in RIVALS[cp] else "target",
                "regional-rival",
                f"{cp} is not a case of its own: file the act under "
                f"{' or '.join(RIVALS[cp])} as diversification",
            )
        derives = lead == tg and st in DERIVED_STANCE and bool(RIVALS.get(tg))
        if rivals_aim[i] and not derives:
            add(
                i,
                "aimed_at_rivals",
                "aimed-at-rivals-needs-a-derivation",
                "no act is derived for rivals from this act (it is not deference or binding "
                "towards the power it engages): leave aimed_at_rivals empty",
            )
        if DERIVED_MARK in str(ids[i]) or (has_derived_column and df[DERIVED_FROM].iloc[i]):
            add(
                i,
                "act_id",
                "derived-acts-are-not-stored",
                "derived acts are made by the library; store the filed act only",
            )
        if str(contested[i]).strip().lower() in TRUE_WORDS and not str(note[i]).strip():
            add(i, "note", "contested-needs-a-note", "say in the note why the act is contested")
    return problems


def lint_file(path: str | Path) -> list[LintProblem]:
    """Read a CSV act table as text and lint it, naming the file in each problem.

    Examples
    --------
    >>> from smallstate._paths import dataset_path
    >>> lint_file(dataset_path("evidence_seeds.csv"))
    []
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    return lint_evidence(table, file=path)


def concept_instance_problems(evidence: pd.DataFrame | None = None) -> list[str]:
    """Check each concept's ``instances`` against its ``act_rule`` (``concepts.csv``).

    The words (``criteria``), the rule and the codings of the acts the sources call by the
    concept's name must agree; each disagreement is reported with the concept, the act and the
    clause it breaks. Instances missing from the evidence and rule columns that are not
    evidence columns are reported too.

    Parameters
    ----------
    evidence : pandas.DataFrame, optional
        Act table to look the instances up in; default the course's ``evidence_acts``.

    Examples
    --------
    >>> concept_instance_problems()
    []
    """
    from smallstate.concepts import load_concepts
    from smallstate.concepts.rules import act_failures, parse_act_rule
    from smallstate.evidence.io import course_evidence
    from smallstate.evidence.schema import ALL_COLUMNS

    table = course_evidence() if evidence is None else evidence
    acts = table.astype({"intensity": str}).set_index(table["act_id"].astype(str))
    problems = []
    for c in load_concepts().values():
        rule = parse_act_rule(c.act_rule)
        for clause in rule:
            if clause.column not in ALL_COLUMNS:
                problems.append(
                    f"{c.id}: act_rule column {clause.column!r} is not an evidence column"
                )
        for act_id in c.instances:
            if act_id not in acts.index:
                problems.append(f"{c.id}: instance {act_id} is not in the evidence")
                continue
            row: dict[str, object] = {
                str(k): ("" if pd.isna(v) else v) for k, v in acts.loc[act_id].items()
            }
            problems += [f"{c.id}: {act_id}: {why}" for why in act_failures(rule, row)]
    return problems
