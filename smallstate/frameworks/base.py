"""Shared machinery of the frameworks: parameters, rules, verdicts and vectorized classification.

A framework is an ordered list of *decisive* rules (the first whose condition holds gives the
label) plus optional *note* rules that fire beside it (for instance to say that a parameter
changed the outcome). Conditions are boolean arrays over a profiles table (see
:func:`smallstate.indicators.profiles`), so a whole table is classified at once with
:func:`numpy.select`; per-case :class:`Verdict` objects are built only on request.

Examples
--------
>>> from smallstate.frameworks import get_framework
>>> fw = get_framework("jackson")
>>> v = fw.classify({"actor": "KHM", "target": "CHN", "N": 2, "DEF": 2.0, "DFY_BASE": 1.0,
...                  "ids_DEF": ("a",), "ids_DFY_BASE": ("b",)})
>>> v.label, v.evidence_ids
('hedging', ('a', 'b'))
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, cast

import numpy as np
import pandas as pd

from smallstate.errors import unknown
from smallstate.evidence.schema import CASE_COLUMNS
from smallstate.indicators.profiles import gain_share

__all__ = [
    "LABELS",
    "Condition",
    "FiredRule",
    "Framework",
    "Parameter",
    "Rule",
    "Verdict",
]

#: Every label a framework may return.
LABELS: tuple[str, ...] = (
    "balancing",
    "internal_balancing",
    "external_balancing",
    "bandwagoning",
    "bandwagoning_for_profit",
    "soft_balancing",
    "hedging",
    "soft_bandwagoning",
    "limited_bandwagoning",
    "neutrality",
    "insufficient_evidence",
)

# Profile columns with numeric defaults, so that a hand-built profile row may omit them.
_NUMERIC_DEFAULTS: dict[str, float] = {
    "N": 0.0,
    "DEF": 0.0, "DFY": 0.0, "DFY_BASE": 0.0, "RESTRAINT": 0.0, "DIV": 0.0, "BIND": 0.0,
    "ABS": 0.0, "EP": 0.0, "LB": 0.0, "ED": 0.0, "DD": 0.0, "IB": 0.0, "SEC_DFY": 0.0,
    "RM": 0.0, "RC": 0.0,
    "DEF_GAIN": 0.0, "DEF_SECURITY": 0.0, "SEC_DEF": 0.0, "INT_BAL": 0.0, "EXT_BAL": 0.0,
    "DIV_SEC_AIMED": 0.0, "BIND_TARGETS": 0.0,
}  # fmt: skip
_BOOL_DEFAULTS: tuple[str, ...] = ("ALIGN", "HARD", "SPLIT")

_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


@dataclass(frozen=True)
class Parameter:
    """A tunable setting of a framework.

    Examples
    --------
    >>> p = Parameter("min_share", 0.2, "smallest share of each side for hedging", float, 0, 0.5)
    >>> p.check(0.3), p.parse("0.25")
    (0.3, 0.25)
    """

    name: str
    default: Any
    description: str
    type: type = float
    minimum: float | None = None
    maximum: float | None = None

    def check(self, value: Any) -> Any:
        """Return ``value`` if it has the right type and range, else raise TypeError/ValueError."""
        if self.type is bool:
            if not isinstance(value, bool | np.bool_):
                raise TypeError(f"parameter {self.name!r} must be True or False, got {value!r}")
            return bool(value)
        if self.type in (int, float):
            if isinstance(value, bool) or not isinstance(value, int | float | np.number):
                raise TypeError(f"parameter {self.name!r} must be a number, got {value!r}")
            if self.type is int and not float(value).is_integer():
                raise TypeError(f"parameter {self.name!r} must be an integer, got {value!r}")
            value = self.type(value)
            if (self.minimum is not None and value < self.minimum) or (
                self.maximum is not None and value > self.maximum
            ):
                raise ValueError(
                    f"parameter {self.name!r} must lie in [{self.minimum}, {self.maximum}], "
                    f"got {value!r}"
                )
            return value
        if not isinstance(value, self.type):
            raise TypeError(f"parameter {self.name!r} must be {self.type.__name__}, got {value!r}")
        return value

    def parse(self, text: str) -> Any:
        """Convert command-line text to a checked value.

        Examples
        --------
        >>> Parameter("flag", False, "a switch", bool).parse("yes")
        True
        """
        if self.type is bool:
            low = text.strip().lower()
            if low in _TRUE:
                return True
            if low in _FALSE:
                return False
            raise ValueError(f"parameter {self.name!r} expects true/false, got {text!r}")
        if self.type in (int, float):
            try:
                number = float(text) if self.type is float else int(text)
            except ValueError:
                raise ValueError(
                    f"parameter {self.name!r} expects a {self.type.__name__}, got {text!r}"
                ) from None
            return self.check(number)
        return self.check(self.type(text))


@dataclass(frozen=True)
class Rule:
    """A rule of a framework: its label, its plain-English text citing the source, and the
    indicators whose act ids back it (``evidence``, names without the ``ids_`` prefix)."""

    rule_id: str
    label: str | None
    text: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class FiredRule:
    """A rule that fired for one case, with the act ids behind it."""

    rule_id: str
    text: str
    act_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """One framework's reading of one case.

    Examples
    --------
    >>> v = Verdict(("KHM", "CHN", "all", "all"), "leng", "soft_bandwagoning", None,
    ...             (FiredRule("r1", "First.", ("b", "a")), FiredRule("r2", "Second.", ("a",))))
    >>> v.rationale, v.evidence_ids
    ('First. Second.', ('a', 'b'))
    """

    case: tuple[str, str, str, str]
    framework: str
    label: str
    position: float | None
    rules: tuple[FiredRule, ...]
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if self.label not in LABELS:
            raise unknown("label", self.label, LABELS)

    @property
    def rationale(self) -> str:
        """The texts of the fired rules, joined."""
        return " ".join(rule.text for rule in self.rules)

    @property
    def evidence_ids(self) -> tuple[str, ...]:
        """Sorted union of the act ids of the fired rules."""
        return tuple(sorted({i for rule in self.rules for i in rule.act_ids}))


@dataclass(frozen=True)
class Condition:
    """A rule together with the cases (boolean array) where it holds.

    ``text`` overrides the rule text (for texts that name parameter values) and ``evidence``
    the rule's evidence indicators (for rules whose evidence depends on a parameter).
    """

    rule: Rule
    mask: np.ndarray
    text: str | None = None
    evidence: tuple[str, ...] | None = None

    @property
    def text_used(self) -> str:
        return self.text if self.text is not None else self.rule.text

    @property
    def evidence_used(self) -> tuple[str, ...]:
        return self.evidence if self.evidence is not None else self.rule.evidence


def _prepare(profiles: pd.DataFrame) -> pd.DataFrame:
    """Fill indicators a hand-built profile may lack; leave real profiles untouched."""
    missing_num = [c for c in _NUMERIC_DEFAULTS if c not in profiles.columns]
    missing_bool = [c for c in _BOOL_DEFAULTS if c not in profiles.columns]
    missing_case = [c for c in CASE_COLUMNS if c not in profiles.columns]
    if not (missing_num or missing_bool or missing_case):
        return profiles
    p = profiles.copy()
    for c in missing_num:
        p[c] = _NUMERIC_DEFAULTS[c]
    for c in missing_bool:
        p[c] = False
    for c in missing_case:
        p[c] = "all"
    if "GAIN_SHARE" not in p.columns:
        with np.errstate(invalid="ignore", divide="ignore"):
            p["GAIN_SHARE"] = gain_share(p["DEF_GAIN"], p["DEF"])
    return p


def _ids(profiles: pd.DataFrame, name: str) -> pd.Series:
    column = f"ids_{name}"
    if column in profiles.columns:
        return profiles[column]
    return pd.Series([()] * len(profiles), index=profiles.index, dtype=object)


@dataclass(frozen=True)
class Framework(ABC):
    """A theory of alignment turned into ordered, cited rules over case profiles.

    Subclasses implement :meth:`conditions` (and :meth:`position` if the theory places cases
    on a line). :meth:`evaluate` classifies a whole profiles table at once;
    :meth:`classify` classifies one profile row; :meth:`verdicts` builds :class:`Verdict`
    objects.
    """

    id: str
    name: str
    sources: tuple[str, ...]
    summary: str
    parameters: tuple[Parameter, ...] = ()
    rules: tuple[Rule, ...] = ()
    #: Case columns this framework pools by default (see ``profiles(pool=...)``).
    case_pool: tuple[str, ...] = ()

    # -- to implement -----------------------------------------------------------------------
    @abstractmethod
    def conditions(
        self, p: pd.DataFrame, params: Mapping[str, Any]
    ) -> tuple[list[Condition], list[Condition]]:
        """Return (decisive conditions in order, note conditions) for a profiles table."""

    def position(self, p: pd.DataFrame, params: Mapping[str, Any]) -> np.ndarray | None:
        """Position of each case on a line, or None if the theory defines none."""
        return None

    # -- parameters -------------------------------------------------------------------------
    @property
    def defaults(self) -> dict[str, Any]:
        """Parameter name -> default value."""
        return {p.name: p.default for p in self.parameters}

    def parameter(self, name: str) -> Parameter:
        """Return one :class:`Parameter` by name.

        Raises
        ------
        smallstate.errors.UnknownNameError
            For a name the framework has no parameter for, naming the closest ones.

        Examples
        --------
        >>> from smallstate.frameworks import get_framework
        >>> get_framework("leng").parameter("min_shar")
        Traceback (most recent call last):
        ...
        smallstate.errors.UnknownNameError: unknown parameter 'min_shar' of framework 'leng'; did you mean 'min_share'?
        """
        for p in self.parameters:
            if p.name == name:
                return p
        valid = [p.name for p in self.parameters]
        raise unknown("parameter", name, valid, where=f"of framework {self.id!r}")

    def resolve(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Check ``params`` and merge them over the defaults.

        Raises
        ------
        smallstate.errors.UnknownNameError
            For an unknown parameter name, naming the closest ones.
        TypeError
            For a value of the wrong type.
        ValueError
            For a value out of range.
        """
        valid = [p.name for p in self.parameters]
        for name in params:
            if name not in valid:
                raise unknown("parameter", name, valid, where=f"of framework {self.id!r}")
        resolved = self.defaults
        for name, value in params.items():
            resolved[name] = self.parameter(name).check(value)
        return resolved

    # -- classification ---------------------------------------------------------------------
    def evaluate(
        self, profiles: pd.DataFrame, resolved: Mapping[str, Any], act_ids: Any = None
    ) -> tuple[pd.DataFrame, np.ndarray]:
        """Classify every case of a profiles table at once.

        Parameters
        ----------
        profiles
            One row per case (:func:`smallstate.profiles`).
        resolved
            Parameter values, as returned by :meth:`resolve`.
        act_ids
            An :class:`smallstate.indicators.profiles.ActIds` (from
            :func:`~smallstate.indicators.profiles.case_profiles`, rows in the profiles' order):
            builds the evidence ids from act masks instead of the ``ids_`` columns.

        Returns
        -------
        tuple of (pandas.DataFrame, numpy.ndarray)
            The verdict table (actor, target, scope, period, framework, label, position,
            rule_ids, rationale, evidence_ids) and, per case, the tuple of fired conditions.
        """
        p = _prepare(profiles).reset_index(drop=True)
        decisive, notes = self.conditions(p, resolved)
        n = len(p)
        choice = np.select([c.mask for c in decisive], np.arange(len(decisive)), default=-1)
        if n and (choice < 0).any():  # pragma: no cover - every framework ends with a catch-all
            raise RuntimeError(f"framework {self.id!r}: no rule applies to some cases")
        note_bits = np.zeros(n, dtype=np.int64)
        for k, note in enumerate(notes):
            note_bits |= np.asarray(note.mask, dtype=bool).astype(np.int64) << k
        combo = choice.astype(np.int64) * (1 << len(notes)) + note_bits

        labels = np.empty(n, dtype=object)
        rule_ids = np.empty(n, dtype=object)
        fired_per_row = np.empty(n, dtype=object)
        rationale = np.empty(n, dtype=object)
        evidence = np.empty(n, dtype=object)
        cited: list[tuple[np.ndarray, list[str]]] = []
        for key in np.unique(combo):
            rows = np.flatnonzero(combo == key)
            notes_on = (note for k, note in enumerate(notes) if (int(key) >> k) & 1)
            fired = (decisive[int(key) >> len(notes)], *notes_on)
            labels[rows] = fired[0].rule.label
            ids_tuple = tuple(c.rule.rule_id for c in fired)
            for i in rows:
                rule_ids[i] = ids_tuple
                fired_per_row[i] = fired
            rationale[rows] = " ".join(c.text_used for c in fired)
            names = list(dict.fromkeys(name for c in fired for name in c.evidence_used))
            if act_ids is not None:
                cited.append((rows, names))
            elif not names:
                for i in rows:
                    evidence[i] = ()
            elif len(names) == 1:
                column = _ids(p, names[0]).to_numpy()
                for i in rows:
                    evidence[i] = tuple(sorted(column[i]))
            else:
                columns = [_ids(p, name).to_numpy()[rows] for name in names]
                for i, parts in zip(rows, zip(*columns, strict=True), strict=True):
                    evidence[i] = tuple(sorted(set().union(*parts)))
        if act_ids is not None:
            for row_number, ids in enumerate(act_ids.evidence(cited)):
                evidence[row_number] = ids
        pos = self.position(p, resolved)
        out = p[list(CASE_COLUMNS)].copy()
        out["framework"] = self.id
        out["label"] = labels
        out["position"] = np.full(n, np.nan) if pos is None else np.asarray(pos, dtype=float)
        out["rule_ids"] = rule_ids
        out["rationale"] = rationale
        out["evidence_ids"] = evidence
        out.index = profiles.index
        return out, fired_per_row

    def verdicts(self, profiles: pd.DataFrame, **params: Any) -> list[Verdict]:
        """Classify a profiles table and return one :class:`Verdict` per case (in order)."""
        resolved = self.resolve(params)
        frame, fired_per_row = self.evaluate(profiles, resolved)
        p = _prepare(profiles).reset_index(drop=True)
        frozen = MappingProxyType(dict(resolved))
        result = []
        for i, row in enumerate(frame.itertuples(index=False)):
            fired = []
            for cond in fired_per_row[i]:
                # ids_ cells hold tuples of act ids (pandas-stubs types .iat as a scalar)
                cells = [
                    cast("tuple[str, ...]", _ids(p, name).iat[i]) for name in cond.evidence_used
                ]
                ids = sorted({a for cell in cells for a in cell})
                fired.append(FiredRule(cond.rule.rule_id, cond.text_used, tuple(ids)))
            position = cast(float, row.position)
            pos = None if pd.isna(position) else float(position)
            key = (str(row.actor), str(row.target), str(row.scope), str(row.period))
            result.append(Verdict(key, self.id, str(row.label), pos, tuple(fired), frozen))
        return result

    def classify(self, profile_row: Mapping[str, Any] | pd.Series, **params: Any) -> Verdict:
        """Classify one case from its profile (a profiles row or a mapping of indicators).

        Missing indicators count as zero (booleans as False), missing case columns as "all".
        """
        row = dict(profile_row)
        frame = pd.DataFrame([row])
        return self.verdicts(frame, **params)[0]

    def describe(self) -> str:
        """A short text: name, sources, parameters and rules in order."""
        lines = [f"{self.name} ({self.id}): {self.summary}", f"sources: {', '.join(self.sources)}"]
        lines += [f"  param {p.name} = {p.default!r}: {p.description}" for p in self.parameters]
        lines += [f"  rule {r.rule_id} -> {r.label or '(note)'}: {r.text}" for r in self.rules]
        return "\n".join(lines)


# -- rule helpers shared by several frameworks -------------------------------------------------

NO_ACTS = Rule(
    "no_acts",
    "insufficient_evidence",
    "No coded act for this case, so no strategy can be read from it (course convention).",
    (),
)
ABSTENTION_DOMINATES = Rule(
    "abstention_dominates",
    "neutrality",
    "Abstention outweighs deference and defiance together, which reads as neutrality rather "
    "than alignment (course convention shared by the Jackson, Leng and Kuik readings).",
    ("ABS",),
)


def col(p: pd.DataFrame, name: str) -> np.ndarray:
    """A profile column as a NumPy array (float for numbers, bool for flags)."""
    values = p[name].to_numpy()
    if name in _BOOL_DEFAULTS:
        return values.astype(bool)
    return values.astype(float)


def shared_first_steps(p: pd.DataFrame, defiance: np.ndarray) -> list[Condition]:
    """The first two rules of the Jackson, Leng and Kuik readings."""
    n_acts = col(p, "N")
    return [
        Condition(NO_ACTS, n_acts <= 0),
        Condition(ABSTENTION_DOMINATES, col(p, "ABS") > col(p, "DEF") + defiance),
    ]
