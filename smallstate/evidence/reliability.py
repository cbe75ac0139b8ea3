"""How reliable is the course's coding? Agreement between independent codings of the same acts.

The course codes each act's ``domain``, ``stance``, ``intensity`` and ``aimed_at_target`` by the
codebook (``datasets/README.md``). To check that the codebook, not one reader's judgement,
drives the coding, a sample of acts was coded a second time, blind, by a second coder
(``datasets/coding_reliability.csv``; coders are recorded by role, never by name). This module
compares the course's **current** coding (from ``evidence_acts.csv``, so a change to the
course's coding changes the figures) with the second coding and with any extra coders' rows,
for example a class's codings from the coding workbench:

- Cohen's kappa (``cohen1960``, computed by scikit-learn): agreement corrected for the agreement
  the two coders' own category shares would produce by chance. With more than two coders,
  ``kappa`` is the mean of the Cohen's kappas of every pair of coders on the acts both coded
  (:func:`pairwise_kappa` lists them).
- Krippendorff's alpha (``hayes2007``, computed by the ``krippendorff`` package): any number of
  coders, acts coded by only some of them, nominal for ``domain``, ``stance`` and
  ``aimed_at_target``, ordinal for ``intensity`` (1 < 2 < 3: coding 1 for 3 is a larger
  disagreement than 2 for 3).

Examples
--------
>>> import pandas as pd
>>> second = pd.DataFrame({"act_id": ["D-01", "D-12", "L16-01"], "coder": "second coder",
...                        "domain": ["institutional", "institutional", "economic"],
...                        "stance": ["binding", "binding", "deference"],
...                        "intensity": [3, 2, 1],
...                        "aimed_at_target": ["unknown", "unknown", "yes"]})
>>> table = coding_reliability(second)
>>> list(table.columns)
['field', 'level', 'n_acts', 'n_coders', 'agreement', 'kappa', 'alpha']
>>> table["field"].tolist()
['domain', 'stance', 'intensity', 'aimed_at_target']
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from smallstate.errors import InputError
from smallstate.evidence.codebook import CODEBOOK_FIELDS

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = [
    "CODED_FIELDS",
    "COURSE_CODER",
    "LEVELS",
    "CodingError",
    "coding_reliability",
    "course_coding",
    "pairwise_kappa",
    "reading_targets",
    "second_coding",
    "validate_codings",
]

#: The coded fields and their level of measurement (for Krippendorff's alpha).
LEVELS: dict[str, Literal["nominal", "ordinal"]] = {
    "domain": "nominal",
    "stance": "nominal",
    "intensity": "ordinal",
    "aimed_at_target": "nominal",
}
CODED_FIELDS: tuple[str, ...] = tuple(LEVELS)
#: The coder role of the course's own coding (``evidence_acts.csv``); reserved.
COURSE_CODER = "course"
#: The values of each field, in order (intensity as text: "1" < "2" < "3"): the codebook's.
_VALUES = CODEBOOK_FIELDS
_REQUIRED = ("act_id", "coder", *CODED_FIELDS)


class CodingError(InputError):
    """A table of codings that cannot be compared: the message names file, row and column."""


def _text(column: pd.Series) -> pd.Series:
    """Cells as stripped text; integral numbers (intensity read as 2.0) as "2"."""
    import pandas as pd

    if pd.api.types.is_float_dtype(column):
        whole = column.notna() & (column % 1 == 0)
        return column.astype(object).where(~whole, column[whole].astype("int64").astype(str))
    return column.astype(object).where(column.isna(), column.astype(str).str.strip())


def validate_codings(
    codings: pd.DataFrame, *, file: str = "<codings>", known_acts: set[str] | None = None
) -> pd.DataFrame:
    """Check a table of codings; return it as text columns (``act_id``, ``coder``, fields).

    Every problem is reported at once, by file, row (1-based as in the CSV, header = row 1)
    and column: a missing column, an empty act id or coder, the reserved coder ``"course"``, a
    value outside a field's vocabulary, an act coded twice by one coder, an act id that is not
    in the course's evidence (when ``known_acts`` is given).

    Examples
    --------
    >>> import pandas as pd
    >>> bad = pd.DataFrame({"act_id": ["D-01"], "coder": ["student 1"], "domain": ["military"],
    ...                     "stance": ["binding"], "intensity": [4], "aimed_at_target": ["yes"]})
    >>> validate_codings(bad, file="class.csv")
    Traceback (most recent call last):
    ...
    smallstate.evidence.reliability.CodingError: 2 problems in class.csv:
      class.csv, row 2, column 'domain': 'military' is not one of security, economic, diplomatic, institutional
      class.csv, row 2, column 'intensity': '4' is not one of 1, 2, 3
    """
    missing = [c for c in _REQUIRED if c not in codings.columns]
    if missing:
        raise CodingError(f"{file}, row 1 (header): missing column(s) {', '.join(missing)}")
    table = codings.reset_index(drop=True)
    text = {c: _text(table[c]) for c in _REQUIRED}
    problems: list[tuple[int, int, str]] = []

    def report(mask: pd.Series, column: str, why: str) -> None:
        for row in mask[mask].index:
            problems.append((int(row) + 2, _REQUIRED.index(column), why.format(text[column][row])))

    for column in ("act_id", "coder"):
        report(text[column].isna() | (text[column] == ""), column, "is empty")
    report(text["coder"] == COURSE_CODER, "coder", "{!r} is reserved for the course's coding")
    for field in CODED_FIELDS:
        allowed = _VALUES[field]
        report(~text[field].isin(allowed), field, "{!r} is not one of " + ", ".join(allowed))
    duplicated = table.assign(**text).duplicated(["act_id", "coder"], keep="first")
    report(duplicated, "act_id", "{!r} is coded twice by the same coder")
    if known_acts is not None:
        unknown_act = text["act_id"].notna() & ~text["act_id"].isin(known_acts)
        report(unknown_act, "act_id", "{!r} is not an act of the course's evidence")
    if problems:
        problems.sort()
        lines = [f"  {file}, row {row}, column {_REQUIRED[c]!r}: {why}" for row, c, why in problems]
        noun = "problem" if len(lines) == 1 else "problems"
        raise CodingError(f"{len(lines)} {noun} in {file}:\n" + "\n".join(lines))
    import pandas as pd

    out = pd.DataFrame({c: text[c].astype(str) for c in _REQUIRED})
    if "target" in table.columns:  # the power each act was read towards (optional)
        out["target"] = _text(table["target"]).fillna("").astype(str).to_numpy()
    return out


def second_coding(path: str | Path | None = None) -> pd.DataFrame:
    """The second coding of the data package (``coding_reliability.csv``), validated.

    Parameters
    ----------
    path
        Another CSV with the same columns; by default the package's table.

    Examples
    --------
    >>> table = second_coding()
    >>> set(table["coder"])
    {'second coder'}
    >>> len(table) >= 30
    True
    """
    import pandas as pd

    from smallstate._paths import dataset_path

    file = Path(path) if path is not None else dataset_path("coding_reliability.csv")
    table = pd.read_csv(file, dtype=str, keep_default_na=False)
    return validate_codings(table, file=file.name, known_acts=_course_acts())


def _course_acts() -> set[str]:
    from smallstate.evidence.io import course_evidence

    return set(course_evidence("evidence_acts")["act_id"])


def course_coding(
    act_ids: list[str],
    evidence: pd.DataFrame | None = None,
    targets: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The course's current coding of these acts (coder ``"course"``), as text columns.

    Parameters
    ----------
    act_ids
        Acts to take, in this order.
    evidence
        A validated evidence table; by default the course's ``evidence_acts`` (with the acts
        the one coding rule derives).
    targets
        Act id -> the power the other coders read the act towards. When the course files the
        act under another power, its reading towards that one is the derived act
        ``<act_id>@<power>`` (see :mod:`smallstate.evidence.derive`), which is compared.

    Examples
    --------
    >>> course_coding(["S20-14"])[["act_id", "coder", "stance"]].to_dict("records")
    [{'act_id': 'S20-14', 'coder': 'course', 'stance': 'abstention'}]
    """
    import pandas as pd

    from smallstate.errors import unknown
    from smallstate.evidence.derive import DERIVED_MARK
    from smallstate.evidence.io import course_evidence

    acts = course_evidence("evidence_acts") if evidence is None else evidence
    acts = acts.set_index(acts["act_id"].astype(str))
    for act_id in act_ids:
        if act_id not in acts.index:
            raise unknown("act", act_id, list(acts.index), where="in the evidence")
    readings = []
    for act_id in act_ids:
        power = (targets or {}).get(act_id, "")
        reading = act_id
        filed_under = str(acts.loc[act_id, "target"]) if power else ""
        if power and filed_under != power:
            reading = f"{act_id}{DERIVED_MARK}{power}"
            if reading not in acts.index:
                raise CodingError(
                    f"act {act_id!r} is coded towards {power}, but the course files it under "
                    f"{filed_under} and derives no act towards {power}"
                )
        readings.append(reading)
    rows = acts.loc[readings, list(CODED_FIELDS)]
    out = pd.DataFrame({"act_id": list(act_ids), "coder": COURSE_CODER})
    for field in CODED_FIELDS:
        out[field] = _text(rows[field].reset_index(drop=True)).astype(str).to_numpy()
    return out


def _all_codings(
    codings: pd.DataFrame | None, extra: pd.DataFrame | None, evidence: pd.DataFrame | None
) -> pd.DataFrame:
    import pandas as pd

    known = _course_acts() if evidence is None else set(evidence["act_id"].astype(str))
    base = (
        second_coding()
        if codings is None
        else validate_codings(codings, file="codings", known_acts=known)
    )
    parts = [base]
    if extra is not None:
        parts.append(validate_codings(extra, file="extra codings", known_acts=known))
    others = pd.concat(parts, ignore_index=True)
    clash = others.duplicated(["act_id", "coder"])
    if clash.any():
        first = others[clash].iloc[0]
        raise CodingError(
            f"extra codings: coder {first['coder']!r} already coded act {first['act_id']!r} "
            "in the codings; give each coder one role name"
        )
    acts = list(dict.fromkeys(others["act_id"]))
    course = course_coding(acts, evidence, reading_targets(others))
    return pd.concat([course, others.drop(columns="target", errors="ignore")], ignore_index=True)


def reading_targets(codings: pd.DataFrame) -> dict[str, str]:
    """Act id -> the power the coders read it towards (the optional ``target`` column).

    Examples
    --------
    >>> reading_targets(second_coding())["D-18"]
    'CHN'
    """
    if "target" not in codings.columns:
        return {}
    found = codings[["act_id", "target"]].astype(str)
    found = found[found["target"] != ""]
    return dict(zip(found["act_id"], found["target"], strict=True))


def _matrix(codings: pd.DataFrame, field: str) -> tuple[list[str], np.ndarray]:
    """(coders, coder x act matrix of value codes, NaN where a coder did not code the act)."""
    import numpy as np

    wide = codings.pivot(index="coder", columns="act_id", values=field)
    coders = [COURSE_CODER, *[c for c in wide.index if c != COURSE_CODER]]
    wide = wide.loc[coders]
    import pandas as pd

    # One vectorized lookup of every cell's code (-1 where the coder did not code the act).
    cells = wide.to_numpy(dtype=object).ravel()
    codes = pd.Index(_VALUES[field]).get_indexer(pd.Index(cells)).astype(float)
    codes[codes < 0] = np.nan
    return coders, codes.reshape(wide.shape)


def _kappa(a: np.ndarray, b: np.ndarray, field: str) -> float:
    """Cohen's kappa (scikit-learn); NaN when chance agreement is 1 (one shared code)."""
    import numpy as np
    from sklearn.exceptions import UndefinedMetricWarning
    from sklearn.metrics import cohen_kappa_score

    labels = list(range(len(_VALUES[field])))
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        return float(cohen_kappa_score(a.astype(int), b.astype(int), labels=labels))


def _pairs(everything: pd.DataFrame) -> pd.DataFrame:
    """Agreement and Cohen's kappa of every pair of coders, per field (see pairwise_kappa)."""
    import numpy as np
    import pandas as pd

    rows = []
    for field in CODED_FIELDS:
        coders, matrix = _matrix(everything, field)
        for x in range(len(coders)):
            for y in range(x + 1, len(coders)):
                both = ~np.isnan(matrix[x]) & ~np.isnan(matrix[y])
                a, b = matrix[x, both], matrix[y, both]
                n = int(both.sum())
                rows.append(
                    {
                        "field": field,
                        "coder_a": coders[x],
                        "coder_b": coders[y],
                        "n_acts": n,
                        "agreement": float((a == b).mean()) if n else np.nan,
                        "kappa": _kappa(a, b, field) if n >= 2 else np.nan,
                    }
                )
    columns = ["field", "coder_a", "coder_b", "n_acts", "agreement", "kappa"]
    return pd.DataFrame(rows, columns=columns)


def pairwise_kappa(
    codings: pd.DataFrame | None = None,
    *,
    extra: pd.DataFrame | None = None,
    evidence: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Cohen's kappa of every pair of coders, per field, on the acts both coded.

    Parameters and coders as in :func:`coding_reliability`.

    Returns
    -------
    pandas.DataFrame
        ``field``, ``coder_a``, ``coder_b`` (the course first), ``n_acts``, ``agreement``
        (share of identical codes), ``kappa`` (NaN with fewer than two acts, or when both
        coders gave one and the same code throughout).

    Examples
    --------
    >>> import pandas as pd
    >>> mine = pd.DataFrame({"act_id": ["D-01", "D-12"], "coder": "student 1",
    ...                      "domain": "institutional", "stance": "binding",
    ...                      "intensity": [3, 2], "aimed_at_target": "unknown"})
    >>> pairs = pairwise_kappa(mine)
    >>> pairs[["coder_a", "coder_b", "n_acts"]].drop_duplicates().to_dict("records")
    [{'coder_a': 'course', 'coder_b': 'student 1', 'n_acts': 2}]
    """
    return _pairs(_all_codings(codings, extra, evidence))


def _alpha(matrix: np.ndarray, field: str) -> float:
    import krippendorff
    import numpy as np

    pairable = (~np.isnan(matrix)).sum(axis=0) >= 2
    if matrix.shape[0] < 2 or pairable.sum() == 0:
        return float("nan")
    with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        value = krippendorff.alpha(
            reliability_data=matrix[:, pairable],
            level_of_measurement=LEVELS[field],
            value_domain=list(range(len(_VALUES[field]))),
        )
    return float(value)


def coding_reliability(
    codings: pd.DataFrame | None = None,
    *,
    extra: pd.DataFrame | None = None,
    evidence: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per coded field: agreement, Cohen's kappa and Krippendorff's alpha between coders.

    The course's current coding (coder ``"course"``) of every act in ``codings`` is compared
    with ``codings`` (by default the package's second coding) and with ``extra`` rows.

    Parameters
    ----------
    codings
        Rows ``act_id``, ``coder`` (a role, never a name), ``domain``, ``stance``,
        ``intensity``, ``aimed_at_target`` (other columns are ignored); by default
        :func:`second_coding`.
    extra
        More coders' rows in the same columns (for example a class's codings), pooled in.
    evidence
        The course's coding; by default ``evidence_acts``.

    Returns
    -------
    pandas.DataFrame
        One row per field: ``field``, ``level`` (nominal, ordinal), ``n_acts`` (acts coded by
        at least two coders), ``n_coders``, ``agreement`` (mean share of identical codes over
        pairs of coders), ``kappa`` (Cohen's kappa; the mean over pairs of coders when there
        are more than two), ``alpha`` (Krippendorff's alpha at the field's level).

    Raises
    ------
    CodingError
        For a table of codings with problems (every one, by file, row and column).

    Examples
    --------
    >>> table = coding_reliability()
    >>> table.set_index("field").loc["intensity", "level"]
    'ordinal'
    >>> bool(((table["kappa"] <= 1) & (table["alpha"] <= 1)).all())
    True
    """
    import numpy as np
    import pandas as pd

    everything = _all_codings(codings, extra, evidence)
    pairs = _pairs(everything)
    rows = []
    for field in CODED_FIELDS:
        coders, matrix = _matrix(everything, field)
        mine = pairs[pairs["field"] == field]
        rows.append(
            {
                "field": field,
                "level": LEVELS[field],
                "n_acts": int(((~np.isnan(matrix)).sum(axis=0) >= 2).sum()),
                "n_coders": len(coders),
                "agreement": float(mine["agreement"].mean()),
                "kappa": float(mine["kappa"].mean()),
                "alpha": _alpha(matrix, field),
            }
        )
    return pd.DataFrame(rows)
