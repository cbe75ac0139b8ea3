"""The decision game: play a scenario turn by turn; the record is an evidence table.

A :class:`Game` holds a scenario, a seed and the options chosen so far. Each choice appends the
option's acts to the run's **record**, an act table in the course's evidence schema (validated by
:func:`smallstate.evidence.validate_evidence`, with the acts the one coding rule derives, as
:func:`smallstate.evidence.course_evidence` has them). The verdicts after each turn are
:func:`smallstate.classify` of that record under every framework, so classifying a run equals
classifying its acts: ``classify(game.record, fw)`` gives, for the scenario's focus power, the
labels :meth:`Game.verdicts` shows.

Every act of a run carries the scenario's ``period`` label and no scope, so a run is one case per
power (samath's reading, which pools targets, one case in all).

What the seed drives
--------------------
Only the optional chance outcomes of consequences (``consequence.chance`` in the scenario): at
each turn the chance outcome of the chosen option happens when a draw from
``random.Random(f"{seed}|{scenario id}|{turn id}")`` falls below its probability. The draw
depends on the seed and the turn only (no global random state, not on earlier choices), and a
chance outcome changes the relation scores and the consequence text, never the acts: the record
and every verdict are the same for every seed.

Relation scores
---------------
Each power's score starts at 0 and adds the ``effects`` of each chosen option's consequence (and
of a chance outcome that happens). They are the game's feedback, not a measure the frameworks
read.

Examples
--------
>>> game = Game("cambodia-2010-2025", seed=1)
>>> step = game.choose(game.turn.options[0].id)
>>> step.number, len(game.record) >= 1
(1, True)
>>> sorted(game.labels())[:3]
['client', 'jackson', 'kuik']
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smallstate.simulation.scenario import Option, Scenario, Turn, act_row, load_scenario

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "Game",
    "GameOverError",
    "Step",
    "chance_happens",
    "run_record",
    "run_trail",
    "run_verdicts",
]


class GameOverError(RuntimeError):
    """Raised by :meth:`Game.choose` once every turn has been played."""


@dataclass(frozen=True)
class Step:
    """One played turn: the option chosen and what followed.

    Attributes
    ----------
    number : int
        1-based turn number.
    turn, option
        The turn and the chosen option.
    chance : bool
        Whether the option's chance outcome happened (False when it has none).
    effects : dict
        Relation-score changes of this step (consequence plus chance outcome).
    relations : dict
        Every power's relation score after this step.
    """

    number: int
    turn: Turn
    option: Option
    chance: bool
    effects: Mapping[str, int]
    relations: Mapping[str, int]

    @property
    def consequence(self) -> str:
        """The consequence text, with the chance outcome's text when it happened."""
        text = self.option.consequence.text
        chance = self.option.consequence.chance
        if self.chance and chance is not None:
            text = f"{text} {chance.text}"
        return text


def chance_happens(scenario: Scenario, turn: Turn, option: Option, seed: int) -> bool:
    """Whether the chance outcome of ``option`` happens in a game with ``seed``.

    Examples
    --------
    >>> s = load_scenario("cambodia-2010-2025")
    >>> t = s.turns[0]
    >>> chance_happens(s, t, t.options[0], 0) == chance_happens(s, t, t.options[0], 0)
    True
    """
    chance = option.consequence.chance
    if chance is None:
        return False
    draw = random.Random(f"{seed}|{scenario.id}|{turn.id}").random()
    return draw < chance.probability


def run_record(scenario: Scenario, choices: Sequence[str]) -> pd.DataFrame:
    """The evidence table of a run: the acts of the chosen options, validated and derived.

    Parameters
    ----------
    scenario
        The scenario.
    choices
        Option ids, one per turn from the first (fewer than the turns for a game under way).

    Returns
    -------
    pandas.DataFrame
        The typed table :func:`smallstate.evidence.validate_evidence` returns, plus the acts
        :func:`smallstate.evidence.derive_acts` derives (``derived_from`` names their act).

    Examples
    --------
    >>> s = load_scenario("cambodia-2010-2025")
    >>> rec = run_record(s, ["a"])
    >>> set(rec["source"]) == {"cambodia_2010_2025"}
    True
    """
    import numpy as np
    import pandas as pd

    from smallstate.evidence.derive import derive_acts
    from smallstate.evidence.schema import ALL_COLUMNS, DERIVED_FROM
    from smallstate.evidence.validation import validate_evidence

    if len(choices) > len(scenario.turns):
        raise ValueError(
            f"{len(choices)} choices for the {len(scenario.turns)} turns of {scenario.id!r}"
        )
    picked = {
        (turn.id, turn.option(choice).id)
        for turn, choice in zip(scenario.turns, choices, strict=False)
    }
    every, keys = _every_act(scenario)
    chosen = [i for i, key in enumerate(keys) if key in picked]
    if chosen:
        # the one coding rule derives each act's copies from that act alone: take the chosen
        # acts and their copies from every act derived once (the order derive_acts gives)
        derived, origin = _every_derived(scenario, every)
        copies = len(every) + np.flatnonzero(np.isin(origin, chosen))
        out = derived.iloc[np.concatenate([chosen, copies])].reset_index(drop=True)
    else:  # no act yet: validate the empty table, for the same columns and types
        table = pd.DataFrame([], columns=list(ALL_COLUMNS))
        out = derive_acts(validate_evidence(table, file=f"run of {scenario.id}"))
    if DERIVED_FROM not in out.columns:
        out[DERIVED_FROM] = pd.Series([], dtype="str")
    return out


#: id(scenario) -> (scenario, every act with the acts derived from it, origin row per copy).
_EVERY_DERIVED: dict[int, tuple[Scenario, pd.DataFrame, Any]] = {}


def _every_derived(scenario: Scenario, every: pd.DataFrame) -> tuple[pd.DataFrame, Any]:
    """``derive_acts`` of every act of the scenario, and the row in ``every`` of each copy.

    The first ``len(every)`` rows are the acts themselves, then the derived copies; a run's
    record is the chosen acts and the copies whose origin is chosen, in this order, which is
    what deriving the run's own acts gives (each act's copies come from that act alone; the
    tests compare the two).
    """
    import numpy as np

    from smallstate.evidence.derive import derive_acts
    from smallstate.evidence.schema import DERIVED_FROM

    cached = _EVERY_DERIVED.get(id(scenario))
    if cached is not None and cached[0] is scenario:
        return cached[1], cached[2]
    derived = derive_acts(every)
    row_of = {act: i for i, act in enumerate(every["act_id"].astype(str))}
    copies = derived[DERIVED_FROM].astype(str).to_numpy()[len(every) :]
    origin = np.array([row_of[act] for act in copies], dtype=np.int64)
    if len(_EVERY_DERIVED) > 32:  # a few scenarios per session; never grow without bound
        _EVERY_DERIVED.clear()
    _EVERY_DERIVED[id(scenario)] = (scenario, derived, origin)
    return derived, origin


#: id(scenario) -> (scenario, every option's acts validated, (turn id, option id) per row).
_EVERY_ACT: dict[int, tuple[Scenario, pd.DataFrame, list[tuple[str, str]]]] = {}


def _every_act(scenario: Scenario) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """Every act of every option, validated once per scenario object (rows in turn order).

    Validation checks each row on its own (act ids differ by construction), so the rows of a
    run, taken from this table, are what validating the run's own table gives; a run's record
    then costs a selection, not a validation (the debrief builds dozens of records).
    """
    import pandas as pd

    from smallstate.evidence.schema import ALL_COLUMNS
    from smallstate.evidence.validation import validate_evidence

    cached = _EVERY_ACT.get(id(scenario))
    if cached is not None and cached[0] is scenario:
        return cached[1], cached[2]
    rows, keys = [], []
    for turn in scenario.turns:
        for option in turn.options:
            for k, act in enumerate(option.acts):
                rows.append(act_row(scenario, turn, option, k + 1, act))
                keys.append((turn.id, option.id))
    table = validate_evidence(
        pd.DataFrame(rows, columns=list(ALL_COLUMNS)), file=f"acts of {scenario.id}"
    )
    if len(_EVERY_ACT) > 32:  # a few scenarios per session; never grow without bound
        _EVERY_ACT.clear()
    _EVERY_ACT[id(scenario)] = (scenario, table, keys)
    return table, keys


def _empty_verdict(framework: str, name: str) -> dict[str, Any]:
    return {
        "framework": framework,
        "name": name,
        "label": "insufficient_evidence",
        "position": float("nan"),
        "rule_ids": (),
        "rationale": "No act of this run bears on this power yet.",
        "evidence_ids": (),
    }


def run_verdicts(
    record: pd.DataFrame,
    scenario: Scenario,
    frameworks: Sequence[str] | None = None,
    *,
    target: str | None = None,
) -> pd.DataFrame:
    """Every framework's verdict on the run's case with one power (default: the focus).

    Parameters
    ----------
    record
        A run's record (:func:`run_record`).
    scenario
        The scenario (actor, focus, period).
    frameworks
        Framework ids (default: every framework, in teaching order).
    target
        The power whose case is read (default ``scenario.focus``); a framework that pools
        targets (samath) reads all the run's acts whatever the power.

    Returns
    -------
    pandas.DataFrame
        One row per framework: framework, name, label, position, rule_ids, rationale,
        evidence_ids (the rows :func:`smallstate.classify` gives for that case).

    Examples
    --------
    >>> s = load_scenario("cambodia-2010-2025")
    >>> v = run_verdicts(run_record(s, []), s, ["kuik"])
    >>> v.loc[0, "label"]
    'insufficient_evidence'
    """
    import pandas as pd

    from smallstate.frameworks import FRAMEWORKS, get_framework
    from smallstate.verdicts import classify_frameworks

    power = target or scenario.focus
    chosen = [get_framework(f) for f in (frameworks if frameworks is not None else FRAMEWORKS)]
    if record.empty:
        every = pd.DataFrame(columns=["framework", "target"])
    else:  # every framework at once: the record validated once, profiled once per pooling
        every = classify_frameworks(record, [fw.id for fw in chosen])
    names = every["framework"].astype(str).to_numpy()
    targets = every["target"].astype(str).to_numpy()
    rows = []
    for fw in chosen:
        mask = names == fw.id
        if "target" not in fw.case_pool:
            mask &= targets == power
        mine = every.loc[mask]
        if mine.empty:
            rows.append(_empty_verdict(fw.id, fw.name))
            continue
        row = mine.iloc[0]
        rows.append(
            {
                "framework": fw.id,
                "name": fw.name,
                "label": str(row["label"]),
                "position": float(row["position"]) if pd.notna(row["position"]) else float("nan"),
                "rule_ids": tuple(row["rule_ids"]),
                "rationale": str(row["rationale"]),
                "evidence_ids": tuple(row["evidence_ids"]),
            }
        )
    return pd.DataFrame(
        rows,
        columns=["framework", "name", "label", "position", "rule_ids", "rationale", "evidence_ids"],
    )


def run_trail(scenario: Scenario, choices: Sequence[str]) -> pd.DataFrame:
    """Kuik's label and position of the focus case after each of these choices, in one pass.

    The records after the first, the first two, ... choices are classified together
    (:func:`smallstate.analysis.disagreement.variant_verdicts`), one call instead of one per
    turn; the table (same columns) equals :meth:`Game.trail` of a game with these choices.

    Examples
    --------
    >>> s = load_scenario("cambodia-2010-2025")
    >>> run_trail(s, ["a", "b", "c"])[["step", "label"]].values.tolist()[0]
    [1, 'hedging']
    """
    import pandas as pd

    from smallstate.analysis.disagreement import variant_verdicts

    picked = list(choices)
    records = [run_record(scenario, picked[:n]) for n in range(1, len(picked) + 1)]
    results = variant_verdicts(records, "kuik", target=scenario.focus) if records else []
    rows = [
        {
            "step": n,
            "turn": scenario.turns[n - 1].id,
            "date": scenario.turns[n - 1].date,
            "option": picked[n - 1],
            "label": str(result["label"]),
            "position": float(result["position"]),
        }
        for n, result in enumerate(results, start=1)
    ]
    return pd.DataFrame(rows, columns=["step", "turn", "date", "option", "label", "position"])


class Game:
    """One play of a scenario (see the module docstring for the seed and the scores).

    Parameters
    ----------
    scenario
        A :class:`~smallstate.simulation.scenario.Scenario`, a shipped scenario id or a file.
    seed
        Drives the chance outcomes only (see the module docstring).
    frameworks
        Framework ids whose verdicts are shown (default: all).

    Examples
    --------
    >>> g = Game("cambodia-2010-2025")
    >>> g.number, g.finished
    (1, False)
    >>> _ = g.choose("a")
    >>> g.choices
    ('a',)
    """

    def __init__(
        self,
        scenario: Scenario | str | Path = "cambodia-2010-2025",
        seed: int = 0,
        *,
        frameworks: Sequence[str] | None = None,
    ) -> None:
        from smallstate.frameworks import FRAMEWORKS, get_framework

        self.scenario = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise TypeError(f"the seed is an integer, got {type(seed).__name__}")
        self.seed = seed
        ids = list(frameworks) if frameworks is not None else list(FRAMEWORKS)
        self.frameworks: tuple[str, ...] = tuple(get_framework(f).id for f in ids)
        self._steps: list[Step] = []
        self._records: dict[int, pd.DataFrame] = {}
        self._verdicts: dict[int, pd.DataFrame] = {}
        self._kuik: dict[int, pd.DataFrame] = {}

    @classmethod
    def replay(
        cls,
        scenario: Scenario | str | Path,
        choices: Sequence[str],
        seed: int = 0,
        *,
        frameworks: Sequence[str] | None = None,
    ) -> Game:
        """A game with these choices played, in order.

        Examples
        --------
        >>> Game.replay("cambodia-2010-2025", ["a", "b"]).choices
        ('a', 'b')
        """
        game = cls(scenario, seed, frameworks=frameworks)
        for choice in choices:
            game.choose(choice)
        return game

    # -------------------------------------------------------------------------- state
    @property
    def steps(self) -> tuple[Step, ...]:
        """The played turns, in order."""
        return tuple(self._steps)

    @property
    def choices(self) -> tuple[str, ...]:
        """The chosen option ids, in order."""
        return tuple(s.option.id for s in self._steps)

    @property
    def number(self) -> int:
        """The 1-based number of the turn to play (``len(turns) + 1`` when finished)."""
        return len(self._steps) + 1

    @property
    def finished(self) -> bool:
        """True once every turn has been played."""
        return len(self._steps) == len(self.scenario.turns)

    @property
    def turn(self) -> Turn | None:
        """The turn to play, or None when the game is finished."""
        return None if self.finished else self.scenario.turns[len(self._steps)]

    @property
    def last(self) -> Step | None:
        """The last played step (None before the first choice)."""
        return self._steps[-1] if self._steps else None

    @property
    def relations(self) -> dict[str, int]:
        """Every power's relation score now."""
        if self._steps:
            return dict(self._steps[-1].relations)
        return dict.fromkeys(self.scenario.powers, 0)

    # -------------------------------------------------------------------------- moves
    def choose(self, option_id: str) -> Step:
        """Play the current turn with this option; return the step.

        Raises
        ------
        GameOverError
            When every turn has been played.
        smallstate.errors.UnknownNameError
            For an id that is not an option of the current turn (naming the options).

        Examples
        --------
        >>> g = Game("cambodia-2010-2025")
        >>> step = g.choose("a")
        >>> step.turn.id, dict(step.relations)
        ('t01-partnership', {'CHN': 1, 'USA': 0, 'JPN': 0})
        """
        turn = self.turn
        if turn is None:
            raise GameOverError(f"the game of {self.scenario.id!r} is over: every turn is played")
        option = turn.option(option_id)
        happened = chance_happens(self.scenario, turn, option, self.seed)
        effects = dict(option.consequence.effects)
        chance = option.consequence.chance
        if happened and chance is not None:
            for power, delta in chance.effects.items():
                effects[power] = effects.get(power, 0) + delta
        relations = self.relations
        for power, delta in effects.items():
            relations[power] = relations.get(power, 0) + delta
        step = Step(len(self._steps) + 1, turn, option, happened, effects, relations)
        self._steps.append(step)
        return step

    # ------------------------------------------------------------------ record, verdicts
    def record_after(self, n: int) -> pd.DataFrame:
        """The record after the first ``n`` turns (a copy)."""
        if n not in self._records:
            self._records[n] = run_record(self.scenario, self.choices[:n])
        return self._records[n].copy()

    @property
    def record(self) -> pd.DataFrame:
        """The run's evidence table so far (see :func:`run_record`)."""
        return self.record_after(len(self._steps))

    def verdicts_after(self, n: int) -> pd.DataFrame:
        """Every framework's verdict on the focus case after the first ``n`` turns."""
        if n not in self._verdicts:
            self._verdicts[n] = run_verdicts(self.record_after(n), self.scenario, self.frameworks)
        return self._verdicts[n].copy()

    def verdicts(self) -> pd.DataFrame:
        """Every framework's verdict now: label, position, rules and reasons, acts.

        Examples
        --------
        >>> g = Game.replay("cambodia-2010-2025", ["a"], frameworks=["leng"])
        >>> v = g.verdicts()
        >>> v.loc[0, "label"], v.loc[0, "evidence_ids"]
        ('bandwagoning', ('cambodia-2010-2025.t01-partnership.a.1',))
        """
        return self.verdicts_after(len(self._steps))

    def labels(self) -> dict[str, str]:
        """Framework id -> its label of the focus case now.

        Examples
        --------
        >>> Game.replay("cambodia-2010-2025", ["a"], frameworks=["kuik"]).labels()
        {'kuik': 'hedging'}
        """
        v = self.verdicts()
        return dict(zip(v["framework"], v["label"], strict=True))

    def position(self) -> float:
        """Kuik's position of the focus case now, from -1 (rejection) to +1 (acceptance).

        NaN when no act places it (or when Kuik is not among the game's frameworks).

        Examples
        --------
        >>> Game.replay("cambodia-2010-2025", ["a"]).position()
        0.8
        """
        v = self.verdicts()
        kuik = v.loc[v["framework"] == "kuik", "position"]
        return float(kuik.iloc[0]) if len(kuik) else float("nan")

    def _kuik_after(self, n: int) -> dict[str, Any]:
        """Kuik's verdict after ``n`` turns, cached (from the game's verdicts when it has Kuik)."""
        if "kuik" in self.frameworks:
            v = self.verdicts_after(n)
        else:
            if n not in self._kuik:
                self._kuik[n] = run_verdicts(self.record_after(n), self.scenario, ["kuik"])
            v = self._kuik[n]
        row = v.loc[v["framework"] == "kuik"].iloc[0]
        return {"label": str(row["label"]), "position": float(row["position"])}

    def trail(self) -> pd.DataFrame:
        """Kuik's label and position of the focus case after each played turn.

        Returns
        -------
        pandas.DataFrame
            Columns step, turn, date, option, label, position (NaN when unplaced).

        Examples
        --------
        >>> Game.replay("cambodia-2010-2025", ["a", "b"]).trail()["position"].tolist()
        [0.8, 0.8]
        """
        import pandas as pd

        rows = []
        for step in self._steps:
            v = self._kuik_after(step.number)
            rows.append(
                {
                    "step": step.number,
                    "turn": step.turn.id,
                    "date": step.turn.date,
                    "option": step.option.id,
                    "label": v["label"],
                    "position": v["position"],
                }
            )
        return pd.DataFrame(rows, columns=["step", "turn", "date", "option", "label", "position"])
