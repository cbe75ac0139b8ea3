"""Decision-game scenarios: read a YAML file, check every field, return a frozen :class:`Scenario`.

A scenario is a small state's run of real decision points (turns). Each turn has a dated
situation in the course's own words with its sources, two to four options, and for each option
the acts it produces, coded in the evidence schema, and its stated consequence. The format is
described, with a complete example, in ``docs/scenario-format.md``.

:func:`check_scenario` returns every problem found (never stops at the first);
:func:`load_scenario` raises :class:`ScenarioError` listing them, each naming the file, the turn
and the field. The checks reuse the course's own definitions: country codes and vocabularies
from :mod:`smallstate.evidence.schema` through :func:`smallstate.evidence.validate_evidence`, the
one coding rule through :func:`smallstate.evidence.lint.lint_evidence`, bibliography keys from
:func:`smallstate.concepts.sources.keys` and act ids from the course evidence.

Examples
--------
>>> scenario = load_scenario("cambodia-2010-2025")
>>> scenario.actor, scenario.focus
('KHM', 'CHN')
>>> 8 <= len(scenario.turns) <= 12
True
>>> [o.id for o in scenario.turns[0].options][:2]
['a', 'b']
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smallstate.errors import InputError, unknown

__all__ = [
    "ACT_FIELDS",
    "ENGINE_FIELDS",
    "Actual",
    "Chance",
    "Consequence",
    "Option",
    "Scenario",
    "ScenarioError",
    "ScenarioProblem",
    "SourceRef",
    "Turn",
    "act_id",
    "check_scenario",
    "list_scenarios",
    "load_scenario",
    "scenario_path",
]

#: Folder of the scenarios that ship with the library (package data, also in the wheel).
SCENARIOS_DIR = Path(__file__).resolve().parent / "scenarios"

#: Act keys an option may give (evidence columns); the engine fills :data:`ENGINE_FIELDS`.
ACT_FIELDS: tuple[str, ...] = (
    "target",
    "counterpart",
    "domain",
    "stance",
    "intensity",
    "aimed_at_target",
    "description",
    "motive",
    "contested",
    "note",
    "aimed_at_rivals",
)
#: Required act keys (the rest of :data:`ACT_FIELDS` are optional).
_ACT_REQUIRED: tuple[str, ...] = ACT_FIELDS[:7]
#: Evidence columns the engine fills for every act of a run (never written in a scenario).
ENGINE_FIELDS: tuple[str, ...] = ("act_id", "actor", "date", "period", "scope", "source", "locator")

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_TOP_KEYS = ("id", "title", "actor", "powers", "summary", "turns", "focus", "period")
_TURN_KEYS = ("id", "date", "period", "title", "situation", "sources", "actual", "options")
_OPTION_KEYS = ("id", "label", "text", "acts", "consequence")
_CONSEQUENCE_KEYS = ("text", "effects", "sources", "chance")
_CHANCE_KEYS = ("probability", "text", "effects", "sources")
_YES_NO_FIELDS = ("aimed_at_target", "aimed_at_rivals", "contested")
#: Turns per scenario and options per turn.
TURNS_RANGE = (3, 20)
OPTIONS_RANGE = (2, 4)


# ------------------------------------------------------------------------------ domain objects


@dataclass(frozen=True)
class SourceRef:
    """A bibliography key and where in the work (free text)."""

    key: str
    locator: str


@dataclass(frozen=True)
class Chance:
    """An optional chance outcome of a consequence, drawn from the game's seed.

    With ``probability`` the ``text`` is added to the consequence and ``effects`` to the relation
    scores. Chance never changes the acts of a run, so it never changes a verdict.
    """

    probability: float
    text: str
    effects: Mapping[str, int]
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class Consequence:
    """What follows an option in the game: a text, relation-score effects, the sources."""

    text: str
    effects: Mapping[str, int]
    sources: tuple[SourceRef, ...] = ()
    chance: Chance | None = None


@dataclass(frozen=True)
class Option:
    """One option of a turn: its button label, what it means, its acts, its consequence.

    ``acts`` holds one mapping per act with the keys of :data:`ACT_FIELDS` (checked values).
    """

    id: str
    label: str
    text: str
    acts: tuple[Mapping[str, Any], ...]
    consequence: Consequence


@dataclass(frozen=True)
class Actual:
    """What the state really did at a turn: the closest option and the course act ids."""

    option: str
    acts: tuple[str, ...]


@dataclass(frozen=True)
class Turn:
    """One decision point."""

    id: str
    date: str
    title: str
    situation: str
    sources: tuple[SourceRef, ...]
    options: tuple[Option, ...]
    actual: Actual | None = None
    period: str | None = None

    def option(self, option_id: str) -> Option:
        """The option with this id (UnknownNameError naming the turn's options otherwise).

        Examples
        --------
        >>> load_scenario("cambodia-2010-2025").turns[0].option("a").id
        'a'
        """
        for option in self.options:
            if option.id == option_id:
                return option
        raise unknown("option", option_id, [o.id for o in self.options], where=f"turn {self.id!r}")


@dataclass(frozen=True)
class Scenario:
    """A checked scenario (see the module docstring and ``docs/scenario-format.md``).

    ``focus`` is the power whose case the game headlines (default: the first of ``powers``);
    ``period`` is the period label every act of a run carries (default: the years of the first
    and last turn, e.g. ``"2010-2022"``), so that a run is one case per power.
    """

    id: str
    title: str
    actor: str
    powers: tuple[str, ...]
    summary: str
    turns: tuple[Turn, ...]
    focus: str
    period: str
    path: Path | None = field(default=None, compare=False)

    def turn(self, turn_id: str) -> Turn:
        """The turn with this id.

        Examples
        --------
        >>> s = load_scenario("cambodia-2010-2025")
        >>> s.turn(s.turns[1].id).date == s.turns[1].date
        True
        """
        for turn in self.turns:
            if turn.id == turn_id:
                return turn
        raise unknown("turn", turn_id, [t.id for t in self.turns], where=f"scenario {self.id!r}")


def act_id(scenario_id: str, turn_id: str, option_id: str, n: int) -> str:
    """The id of an option's ``n``-th act (1-based) in a run's record.

    Dots separate the parts: ids are ``[a-z0-9-]`` words, and the evidence schema's act-id
    pattern (``[A-Za-z0-9][A-Za-z0-9_.-]*``) allows no colon; ``@`` marks derived acts.

    Examples
    --------
    >>> act_id("cambodia-2010-2025", "t01-partnership", "a", 1)
    'cambodia-2010-2025.t01-partnership.a.1'
    """
    return f"{scenario_id}.{turn_id}.{option_id}.{n}"


# ------------------------------------------------------------------------------------- errors


@dataclass(frozen=True)
class ScenarioProblem:
    """One problem in a scenario file: the file, the turn (id or position) and the field.

    Examples
    --------
    >>> print(ScenarioProblem("s.yaml", "t01", "options[1].label", "required field is missing"))
    s.yaml: turn 't01', field 'options[1].label': required field is missing
    """

    file: str
    turn: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.turn is not None:
            where.append(f"turn {self.turn!r}" if not self.turn.startswith("#") else self.turn)
        if self.field is not None:
            where.append(f"field {self.field!r}")
        return f"{where[0]}: {', '.join(where[1:])}{': ' if len(where) > 1 else ''}{self.message}"


class ScenarioError(InputError):
    """A scenario file cannot be used; ``problems`` lists every problem (file, turn, field).

    Examples
    --------
    >>> err = ScenarioError([ScenarioProblem("s.yaml", None, "actor", "unknown code")], "s.yaml")
    >>> print(err)
    s.yaml: 1 problem in the scenario:
      - s.yaml: field 'actor': unknown code
    """

    def __init__(self, problems: Sequence[ScenarioProblem], file: str | Path) -> None:
        self.problems: list[ScenarioProblem] = list(problems)
        self.file = str(file)
        n = len(self.problems)
        head = f"{self.file}: {n} problem{'s' if n != 1 else ''} in the scenario:"
        super().__init__("\n  - ".join([head, *(str(p) for p in self.problems)]))


# ------------------------------------------------------------------------------------ loading


def list_scenarios() -> list[str]:
    """The ids of the scenarios that ship with the library, sorted.

    Examples
    --------
    >>> "cambodia-2010-2025" in list_scenarios()
    True
    """
    return sorted(p.stem for p in SCENARIOS_DIR.glob("*.yaml"))


def scenario_path(name: str | Path) -> Path:
    """The file of a shipped scenario id, or the path itself when it names a file.

    Raises
    ------
    smallstate.errors.UnknownNameError
        For a name that is neither a file nor a shipped scenario id.

    Examples
    --------
    >>> scenario_path("cambodia-2010-2025").name
    'cambodia-2010-2025.yaml'
    """
    path = Path(name)
    if path.suffix in {".yaml", ".yml"} or path.is_file():
        return path
    shipped = SCENARIOS_DIR / f"{name}.yaml"
    if shipped.is_file():
        return shipped
    raise unknown("scenario", str(name), list_scenarios())


def load_scenario(name: str | Path) -> Scenario:
    """Read and check a scenario: a shipped id (``"cambodia-2010-2025"``) or a YAML file.

    Raises
    ------
    ScenarioError
        Listing every problem, each naming the file, the turn and the field.
    FileNotFoundError
        When the file does not exist.

    Examples
    --------
    >>> load_scenario("cambodia-2010-2025").powers
    ('CHN', 'USA', 'JPN')
    """
    path = scenario_path(name)
    scenario, problems = _parse(path)
    if problems or scenario is None:
        raise ScenarioError(problems, path)
    return scenario


def check_scenario(path: str | Path) -> list[ScenarioProblem]:
    """Every problem of a scenario file (an empty list when it is valid).

    Examples
    --------
    >>> check_scenario(scenario_path("cambodia-2010-2025"))
    []
    """
    return _parse(scenario_path(path))[1]


def _read_yaml(path: Path, problems: list[ScenarioProblem]) -> Any:
    import yaml

    name = str(path)
    if not path.is_file():
        raise FileNotFoundError(f"scenario file not found: {path}")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(ScenarioProblem(name, None, None, f"not UTF-8 text: {exc}"))
        return None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it
    try:
        return yaml.load(text, Loader=loader)  # a safe loader (C or Python)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        problems.append(ScenarioProblem(name, None, None, f"not valid YAML{where}: {problem}"))
        return None


class _Checker:
    """Collects problems while reading one file; ``turn`` is the turn being read."""

    def __init__(self, file: Path) -> None:
        self.file = str(file)
        self.problems: list[ScenarioProblem] = []
        self.turn: str | None = None

    def add(self, fld: str | None, message: str) -> None:
        self.problems.append(ScenarioProblem(self.file, self.turn, fld, message))

    def mapping(self, value: Any, fld: str | None, keys: Sequence[str]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.add(fld, f"expected a mapping (key: value), got {_kind(value)}")
            return None
        prefix = f"{fld}." if fld else ""
        for key in value:
            if key not in keys:
                hint = ""
                if key in ENGINE_FIELDS:
                    hint = " (the engine fills it)"
                self.add(
                    f"{prefix}{key}",
                    f"unknown key{hint}; expected one of {', '.join(keys)}",
                )
        return value

    def items(
        self,
        value: Any,
        fld: str,
        noun: str,
        count: tuple[str, tuple[int, int]] | None = None,
        *,
        missing: str = "",
    ) -> list[Any]:
        """A required list (``[]`` after reporting a problem); ``count`` = (owner, (lo, hi))."""
        if value is None:
            self.add(fld, f"required field is missing{missing}")
            return []
        if not isinstance(value, list):
            self.add(fld, f"expected a list of {noun}, got {_kind(value)}")
            return []
        if count is not None:
            owner, (lo, hi) = count
            if not lo <= len(value) <= hi:
                self.add(fld, f"a {owner} has {lo} to {hi} {noun}, this one has {len(value)}")
        return value

    def text(self, data: Mapping[str, Any], key: str, fld: str, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.add(fld, "required field is missing")
            return ""
        if not isinstance(value, str):
            self.add(fld, f"expected text, got {_kind(value)}")
            return ""
        if not value.strip():
            self.add(fld, "must not be empty")
        return value.strip()

    def ident(self, data: Mapping[str, Any], key: str, fld: str) -> str:
        value = self.text(data, key, fld)
        if value and not _ID.fullmatch(value):
            self.add(fld, f"an id is lower-case letters, digits and hyphens (got {value!r})")
        return value

    def sources(
        self, value: Any, fld: str, known: frozenset[str], *, required: bool
    ) -> tuple[SourceRef, ...]:
        if value is None:
            if required:
                self.add(fld, "required field is missing (at least one source)")
            return ()
        if not isinstance(value, list):
            self.add(fld, f"expected a list of {{key, locator}}, got {_kind(value)}")
            return ()
        if required and not value:
            self.add(fld, "at least one source is required")
        out = []
        for i, item in enumerate(value):
            where = f"{fld}[{i}]"
            entry = self.mapping(item, where, ("key", "locator"))
            if entry is None:
                continue
            key = self.text(entry, "key", f"{where}.key")
            locator = self.text(entry, "locator", f"{where}.locator")
            if key and key not in known:
                self.add(
                    f"{where}.key",
                    f"unknown bibliography key {key!r} (not in datasets/references.bib); "
                    + _suggest(key, known),
                )
            out.append(SourceRef(key, locator))
        return tuple(out)

    def effects(self, value: Any, fld: str, powers: Sequence[str]) -> dict[str, int]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.add(fld, f"expected a mapping power: integer, got {_kind(value)}")
            return {}
        out = {}
        for power, delta in value.items():
            if power not in powers:
                self.add(
                    f"{fld}.{power}", f"not one of the scenario's powers ({', '.join(powers)})"
                )
            if isinstance(delta, bool) or not isinstance(delta, int):
                self.add(f"{fld}.{power}", f"a relation effect is an integer, got {_kind(delta)}")
                continue
            out[str(power)] = delta
        return out


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__
    ) + (f" {value!r}" if isinstance(value, int | float | bool | str) else "")


def _suggest(name: str, known: frozenset[str]) -> str:
    from smallstate.errors import did_you_mean

    return did_you_mean(name, sorted(known))


def _date_text(value: Any) -> Any:
    """YAML reads 2010 as an int and 2010-12-05 as a date: both back to the written text."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _date_key(text: str) -> tuple[int, int, int] | None:
    match = _DATE.fullmatch(text)
    if not match:
        return None
    year, month, day = (int(g) if g else 0 for g in match.groups())
    try:
        _dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return (year, month or 1, day or 1)


def _parse(path: Path) -> tuple[Scenario | None, list[ScenarioProblem]]:
    from smallstate.concepts.sources import keys as bib_keys

    c = _Checker(path)
    raw = _read_yaml(path, c.problems)
    if c.problems:
        return None, c.problems
    top = c.mapping(raw, None, _TOP_KEYS)
    if top is None:
        return None, c.problems
    known = frozenset(bib_keys())

    sid = c.ident(top, "id", "id")
    if sid and not sid[0].isalpha():
        c.add("id", f"a scenario id starts with a letter (it also names the run's source): {sid!r}")
    if sid and sid != path.stem:
        c.add("id", f"must equal the file name without .yaml ({path.stem!r}), got {sid!r}")
    title = c.text(top, "title", "title")
    summary = c.text(top, "summary", "summary")
    actor = c.text(top, "actor", "actor")
    powers_raw = top.get("powers")
    powers: tuple[str, ...] = ()
    if powers_raw is None:
        c.add("powers", "required field is missing")
    elif not isinstance(powers_raw, list) or not powers_raw:
        c.add("powers", f"expected a non-empty list of country codes, got {_kind(powers_raw)}")
    else:
        powers = tuple(str(p) for p in powers_raw)
        if len(set(powers)) != len(powers):
            c.add("powers", "a power is listed twice")
    _check_codes(c, actor, powers)
    focus = top.get("focus", powers[0] if powers else "")
    if "focus" in top and focus not in powers:
        c.add("focus", f"must be one of the powers ({', '.join(powers)}), got {focus!r}")

    turns_raw = c.items(top.get("turns"), "turns", "turns", ("scenario", TURNS_RANGE))
    turns: list[Turn] = []
    seen_turns: set[str] = set()
    turn_names: list[str] = []  # how each turn is named in the problems, in file order
    last_date: tuple[tuple[int, int, int], str] | None = None
    for i, raw_turn in enumerate(turns_raw):
        tid_guess = raw_turn.get("id") if isinstance(raw_turn, dict) else None
        c.turn = tid_guess if isinstance(tid_guess, str) and tid_guess else f"#{i + 1}"
        turn_names.append(c.turn)
        turn = _parse_turn(c, raw_turn, powers, known)
        if turn is None:
            continue
        if turn.id in seen_turns:
            c.add("id", f"turn id {turn.id!r} is used by an earlier turn (ids must be unique)")
        seen_turns.add(turn.id)
        key = _date_key(turn.date)
        if key is not None:
            if last_date is not None and key <= last_date[0]:
                c.add(
                    "date",
                    f"dates must increase strictly from turn to turn: {turn.date} does not come "
                    f"after {last_date[1]}",
                )
            last_date = (key, turn.date)
        turns.append(turn)
    c.turn = None
    period = top.get("period")
    if period is None and turns:
        years = [t.date[:4] for t in turns]
        period = years[0] if years[0] == years[-1] else f"{years[0]}-{years[-1]}"
    elif period is not None and (not isinstance(period, str) or not period.strip()):
        c.add("period", f"expected a period label such as '2010-2025', got {_kind(period)}")
        period = ""
    scenario = Scenario(
        id=sid,
        title=title,
        actor=actor,
        powers=powers,
        summary=summary,
        turns=tuple(turns),
        focus=str(focus),
        period=str(period or ""),
        path=path,
    )
    _check_acts(c, scenario)  # also when other fields have problems: report them all
    order = {name: i for i, name in enumerate(turn_names)}
    c.problems.sort(key=lambda p: -1 if p.turn is None else order.get(p.turn, len(order)))
    return (None if c.problems else scenario), c.problems


def _check_codes(c: _Checker, actor: str, powers: Sequence[str]) -> None:
    from smallstate.evidence.schema import STATE_CODES

    if actor and actor not in STATE_CODES:
        c.add("actor", f"not a country code of the evidence schema (ISO alpha-3): {actor!r}")
    for i, power in enumerate(powers):
        if power not in STATE_CODES:
            c.add(f"powers[{i}]", f"not a country code of the evidence schema: {power!r}")
        elif power == actor:
            c.add(f"powers[{i}]", "a power must differ from the actor")


def _parse_turn(c: _Checker, raw: Any, powers: Sequence[str], known: frozenset[str]) -> Turn | None:
    data = c.mapping(raw, None, _TURN_KEYS)
    if data is None:
        return None
    tid = c.ident(data, "id", "id")
    date_value = _date_text(data.get("date"))
    date = ""
    if date_value is None:
        c.add("date", "required field is missing")
    elif not isinstance(date_value, str) or _date_key(date_value) is None:
        c.add("date", f"date must be YYYY, YYYY-MM or YYYY-MM-DD (a real date), got {date_value!r}")
    else:
        date = date_value
    period = data.get("period")
    if period is not None and (not isinstance(period, str) or not period.strip()):
        c.add("period", f"expected a period label such as '2010-2013', got {_kind(period)}")
        period = None
    title = c.text(data, "title", "title")
    situation = c.text(data, "situation", "situation")
    sources = c.sources(data.get("sources"), "sources", known, required=True)
    options_raw = c.items(data.get("options"), "options", "options", ("turn", OPTIONS_RANGE))
    options: list[Option] = []
    seen: set[str] = set()
    for j, raw_option in enumerate(options_raw):
        option = _parse_option(c, raw_option, f"options[{j}]", powers, known)
        if option is None:
            continue
        if option.id in seen:
            c.add(f"options[{j}].id", f"option id {option.id!r} is used twice in this turn")
        seen.add(option.id)
        options.append(option)
    actual = None
    if "actual" in data:
        actual = _parse_actual(c, data["actual"], seen)
    return Turn(
        id=tid,
        date=date,
        title=title,
        situation=situation,
        sources=sources,
        options=tuple(options),
        actual=actual,
        period=period.strip() if isinstance(period, str) else None,
    )


def _parse_option(
    c: _Checker, raw: Any, fld: str, powers: Sequence[str], known: frozenset[str]
) -> Option | None:
    data = c.mapping(raw, fld, _OPTION_KEYS)
    if data is None:
        return None
    oid = c.ident(data, "id", f"{fld}.id")
    label = c.text(data, "label", f"{fld}.label")
    text = c.text(data, "text", f"{fld}.text")
    acts_raw = c.items(
        data.get("acts"), f"{fld}.acts", "acts", missing=" (an empty list [] when no act follows)"
    )
    acts: list[dict[str, Any]] = []
    for k, raw_act in enumerate(acts_raw):
        where = f"{fld}.acts[{k}]"
        act = c.mapping(raw_act, where, ACT_FIELDS)
        if act is None:
            continue
        clean = {}
        for key in ACT_FIELDS:
            if key not in act:
                if key in _ACT_REQUIRED:
                    c.add(f"{where}.{key}", "required field is missing")
                continue
            value = act[key]
            if key in _YES_NO_FIELDS and isinstance(value, bool):
                value = "yes" if value else "no"  # YAML 1.1 reads a bare no as false
            clean[key] = value
        acts.append(clean)
    consequence = _parse_consequence(
        c, data.get("consequence"), f"{fld}.consequence", powers, known
    )
    if consequence is not None and not acts and not consequence.text:
        c.add(f"{fld}.acts", "an option without acts needs a consequence text saying why")
    if consequence is None:
        return None
    return Option(oid, label, text, tuple(acts), consequence)


def _parse_consequence(
    c: _Checker, raw: Any, fld: str, powers: Sequence[str], known: frozenset[str]
) -> Consequence | None:
    if raw is None:
        c.add(fld, "required field is missing")
        return None
    data = c.mapping(raw, fld, _CONSEQUENCE_KEYS)
    if data is None:
        return None
    text = c.text(data, "text", f"{fld}.text")
    effects = c.effects(data.get("effects"), f"{fld}.effects", powers)
    sources = c.sources(data.get("sources"), f"{fld}.sources", known, required=False)
    chance = None
    if data.get("chance") is not None:
        where = f"{fld}.chance"
        ch = c.mapping(data["chance"], where, _CHANCE_KEYS)
        if ch is not None:
            p = ch.get("probability")
            if isinstance(p, bool) or not isinstance(p, int | float) or not 0 < p < 1:
                c.add(f"{where}.probability", f"a probability strictly between 0 and 1, got {p!r}")
                p = 0.0
            chance = Chance(
                float(p),
                c.text(ch, "text", f"{where}.text"),
                c.effects(ch.get("effects"), f"{where}.effects", powers),
                c.sources(ch.get("sources"), f"{where}.sources", known, required=False),
            )
    return Consequence(text, effects, sources, chance)


def _parse_actual(c: _Checker, raw: Any, option_ids: set[str]) -> Actual | None:
    data = c.mapping(raw, "actual", ("option", "acts"))
    if data is None:
        return None
    option = c.text(data, "option", "actual.option")
    if option and option not in option_ids:
        c.add(
            "actual.option",
            f"not an option of this turn: {option!r} ({_suggest(option, frozenset(option_ids))})",
        )
    acts = data.get("acts", [])
    if not isinstance(acts, list) or not all(isinstance(a, str) for a in acts):
        c.add("actual.acts", f"expected a list of act ids, got {_kind(acts)}")
        acts = []
    known_ids = _course_act_ids()
    for k, a in enumerate(acts):
        if a not in known_ids:
            c.add(
                f"actual.acts[{k}]",
                f"act id {a!r} is not in the course evidence (evidence_acts.csv); "
                + _suggest(a, known_ids),
            )
    return Actual(option, tuple(acts))


def _course_act_ids() -> frozenset[str]:
    from smallstate.evidence.io import course_evidence

    return frozenset(course_evidence("evidence_acts")["act_id"].astype(str))


def _check_acts(c: _Checker, scenario: Scenario) -> None:
    """Every option's acts, filled as a run fills them, through the evidence checks."""
    import warnings

    import pandas as pd

    from smallstate.evidence.lint import lint_evidence
    from smallstate.evidence.schema import COUNTERPART_CODES, STATE_CODES
    from smallstate.evidence.validation import EvidenceError, UnknownCodeWarning, validate_evidence

    rows: list[dict[str, Any]] = []
    where: list[tuple[str, str]] = []
    for turn in scenario.turns:
        for j, option in enumerate(turn.options):
            for k, act in enumerate(option.acts):
                rows.append(act_row(scenario, turn, option, k + 1, act))
                where.append((turn.id, f"options[{j}].acts[{k}]"))
    if not rows:
        return
    table = pd.DataFrame(rows)
    known_codes = STATE_CODES | COUNTERPART_CODES
    for i, value in enumerate(table["counterpart"]):
        if isinstance(value, str) and value and value not in known_codes:
            c.turn, fld = where[i]
            c.add(
                f"{fld}.counterpart",
                f"{value!r} is not a known country, organisation or initiative code "
                "(smallstate.evidence.schema.COUNTERPART_CODES)",
            )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnknownCodeWarning)  # reported above, by turn and field
        try:
            validate_evidence(table, file=c.file)
        except EvidenceError as err:
            reported = {(p.turn, p.field) for p in c.problems}
            for problem in err.problems:
                if problem.index is None or problem.column in ENGINE_FIELDS:
                    continue  # a missing column, or a top-level field: reported where it is
                c.turn, fld = where[problem.index]
                if (c.turn, f"{fld}.{problem.column}") in reported:
                    continue  # already reported as a missing or malformed field
                c.add(f"{fld}.{problem.column}", f"{problem.message} (got {problem.value!r})")
            c.turn = None
            return
    for lint in lint_evidence(table, file=c.file):
        c.turn, fld = where[lint.index]
        c.add(
            f"{fld}.{lint.column}",
            f"breaks the one coding rule ({lint.rule}): {lint.message}",
        )
    c.turn = None


def act_row(
    scenario: Scenario, turn: Turn, option: Option, n: int, act: Mapping[str, Any]
) -> dict[str, Any]:
    """One evidence row for an option's ``n``-th act (1-based), as a run records it.

    The engine fills ``act_id`` (:func:`act_id`), ``actor``, ``date`` (the turn's), ``period``
    (the scenario's), ``source`` (the scenario id with hyphens as underscores, a valid source
    key pattern) and ``locator`` (``"turn <id>, option <id>"``).

    Examples
    --------
    >>> s = load_scenario("cambodia-2010-2025")
    >>> t = s.turns[0]
    >>> row = act_row(s, t, t.options[0], 1, t.options[0].acts[0])
    >>> row["source"], row["locator"] == f"turn {t.id}, option a"
    ('cambodia_2010_2025', True)
    """
    row = {
        "act_id": act_id(scenario.id, turn.id, option.id, n),
        "actor": scenario.actor,
        "date": turn.date,
        "period": scenario.period,
        "scope": "",
        "source": scenario.id.replace("-", "_"),
        "locator": f"turn {turn.id}, option {option.id}",
    }
    for key in ACT_FIELDS:
        value = act.get(key, "")
        row[key] = value if value is not None else ""
    return row
