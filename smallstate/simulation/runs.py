"""Saved runs: a small JSON file per game (scenario id, seed, choices, format version).

A run file holds what is needed to replay a game, never its results: the record and the
verdicts are recomputed by replaying, so a file cannot carry a label the engine would not give.

.. code-block:: json

    {"format": "smallstate-run", "version": 1, "scenario": "cambodia-2010-2025",
     "seed": 0, "choices": ["a", "c"], "player": "anna", "smallstate": "0.2.0"}

``player`` is optional free text (a name or a pseudonym chosen by the class). A file that is not
a run (another JSON file, a notebook, a CSV) raises :class:`RunFileError` saying so; a run of a
newer format version, of an unknown scenario or with choices that are not options of their turn
raises it naming the field.

Examples
--------
>>> import tempfile, pathlib
>>> from smallstate.simulation.engine import Game
>>> game = Game.replay("cambodia-2010-2025", ["a", "c"], seed=3)
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = save_run(game, folder / "anna.json", player="anna")
>>> run = load_run(path)
>>> run.choices, run.seed, run.player
(('a', 'c'), 3, 'anna')
>>> replay_run(path).choices == game.choices
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smallstate.errors import InputError, UnknownNameError
from smallstate.simulation.engine import Game
from smallstate.simulation.scenario import Scenario, ScenarioError, load_scenario

__all__ = ["RUN_FORMAT", "RUN_VERSION", "Run", "RunFileError", "load_run", "replay_run", "save_run"]

#: The ``format`` value every run file carries.
RUN_FORMAT = "smallstate-run"
#: The version of the run-file format this library writes and reads.
RUN_VERSION = 1


class RunFileError(InputError):
    """A run file cannot be used: the message names the file and the field (and the turn).

    Examples
    --------
    >>> print(RunFileError("runs/a.json", "seed", "expected an integer"))
    runs/a.json: field 'seed': expected an integer
    """

    def __init__(self, file: str | Path, field: str | None, message: str) -> None:
        self.file = str(file)
        self.field = field
        self.reason = message
        where = f"field {field!r}: " if field else ""
        super().__init__(f"{self.file}: {where}{message}")


@dataclass(frozen=True)
class Run:
    """A run read from a file: which scenario, which seed, which choices, whose."""

    scenario: str
    seed: int
    choices: tuple[str, ...]
    player: str | None = None
    path: Path | None = None


def save_run(game: Game, path: str | Path, *, player: str | None = None) -> Path:
    """Write a game's run file (creating its folder); return the path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = save_run(Game("cambodia-2010-2025"), pathlib.Path(tempfile.mkdtemp()) / "r.json")
    >>> json.loads(p.read_text())["choices"]
    []
    """
    from smallstate import __version__

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = {
        "format": RUN_FORMAT,
        "version": RUN_VERSION,
        "scenario": game.scenario.id,
        "seed": game.seed,
        "choices": list(game.choices),
        "smallstate": __version__,
    }
    if player is not None:
        data["player"] = str(player)
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return path


def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise RunFileError(path, None, "no such file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RunFileError(path, None, "not a smallstate run file (not UTF-8 text)") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RunFileError(
            path, None, f"not a smallstate run file (not JSON: {exc.msg} at line {exc.lineno})"
        ) from None
    if not isinstance(data, dict) or data.get("format") != RUN_FORMAT:
        raise RunFileError(
            path, "format", f'not a smallstate run file (no "format": "{RUN_FORMAT}")'
        )
    return data


def load_run(path: str | Path) -> Run:
    """Read and check a run file's fields (not yet its choices: see :func:`replay_run`).

    Raises
    ------
    RunFileError
        For a missing, foreign or malformed file, naming the field.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "notes.json"
    >>> _ = bad.write_text('{"cells": []}')
    >>> try:
    ...     load_run(bad)
    ... except RunFileError as err:
    ...     print(err.field)
    format
    """
    path = Path(path)
    data = _read(path)
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise RunFileError(path, "version", f"expected an integer, got {version!r}")
    if version > RUN_VERSION:
        raise RunFileError(
            path,
            "version",
            f"written by a newer smallstate (run format {version}; this one reads "
            f"{RUN_VERSION}): update smallstate",
        )
    if version < 1:
        raise RunFileError(path, "version", f"unknown run format version {version}")
    scenario = data.get("scenario")
    if not isinstance(scenario, str) or not scenario:
        raise RunFileError(path, "scenario", f"expected a scenario id, got {scenario!r}")
    seed = data.get("seed")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise RunFileError(path, "seed", f"expected an integer, got {seed!r}")
    choices = data.get("choices")
    if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
        raise RunFileError(path, "choices", f"expected a list of option ids, got {choices!r}")
    player = data.get("player")
    if player is not None and not isinstance(player, str):
        raise RunFileError(path, "player", f"expected text, got {player!r}")
    return Run(scenario, seed, tuple(choices), player, path)


def replay_run(
    run: Run | str | Path,
    scenario: Scenario | str | Path | None = None,
    *,
    frameworks: list[str] | None = None,
) -> Game:
    """Replay a run (or a run file) and return the game, every choice checked.

    Parameters
    ----------
    run
        A :class:`Run` or the path of a run file.
    scenario
        The scenario to replay it on (default: the shipped scenario named in the run); its id
        must be the run's.
    frameworks
        Framework ids of the returned game (default: all).

    Raises
    ------
    RunFileError
        For an unknown or different scenario, too many choices, or a choice that is not an
        option of its turn (naming the turn).
    """
    if not isinstance(run, Run):
        run = load_run(run)
    where = run.path or "<run>"
    if scenario is None:
        try:
            scenario = load_scenario(run.scenario)
        except UnknownNameError as exc:
            hint = (
                "; for a scenario of your own, pass its file (--scenario FILE to seminar collect)"
            )
            raise RunFileError(
                where, "scenario", str(exc.args[0] if exc.args else exc) + hint
            ) from None
        except ScenarioError as exc:
            raise RunFileError(where, "scenario", f"its scenario does not load: {exc}") from None
    elif not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    if scenario.id != run.scenario:
        raise RunFileError(where, "scenario", f"a run of {run.scenario!r}, not of {scenario.id!r}")
    if len(run.choices) > len(scenario.turns):
        raise RunFileError(
            where,
            "choices",
            f"{len(run.choices)} choices for the {len(scenario.turns)} turns of {scenario.id!r}",
        )
    game = Game(scenario, run.seed, frameworks=frameworks)
    for i, choice in enumerate(run.choices):
        turn = scenario.turns[i]
        if choice not in {o.id for o in turn.options}:
            raise RunFileError(
                where,
                f"choices[{i}]",
                f"turn {turn.id!r} has no option {choice!r} "
                f"(options: {', '.join(o.id for o in turn.options)})",
            )
        game.choose(choice)
    return game
