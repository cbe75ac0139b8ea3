"""The decision game: scenarios, the engine, saved runs, the debrief and seminar collection.

A scenario (:mod:`~smallstate.simulation.scenario`, YAML in ``scenarios/``, format in
``docs/scenario-format.md``) is a small state's run of real decision points. A
:class:`~smallstate.simulation.engine.Game` plays it: each choice adds acts to a record in the
evidence schema, which every framework classifies. :mod:`~smallstate.simulation.runs` saves and
replays a run, :mod:`~smallstate.simulation.debrief` sets the player's path beside the actual
choices and finds the pivotal ones, :mod:`~smallstate.simulation.collect` pools a class's runs.

Examples
--------
>>> from smallstate.simulation import Game
>>> game = Game("cambodia-2010-2025")
>>> game.turn.id
't01-partnership'
"""

from __future__ import annotations

from smallstate.simulation.collect import CollectedRuns, collect_runs
from smallstate.simulation.debrief import path_table, pivotal_choices
from smallstate.simulation.engine import (
    Game,
    GameOverError,
    Step,
    chance_happens,
    run_record,
    run_trail,
    run_verdicts,
)
from smallstate.simulation.runs import RUN_FORMAT, RunFileError, load_run, replay_run, save_run
from smallstate.simulation.scenario import (
    Scenario,
    ScenarioError,
    ScenarioProblem,
    Turn,
    check_scenario,
    list_scenarios,
    load_scenario,
    scenario_path,
)

__all__ = [
    "RUN_FORMAT",
    "CollectedRuns",
    "Game",
    "GameOverError",
    "RunFileError",
    "Scenario",
    "ScenarioError",
    "ScenarioProblem",
    "Step",
    "Turn",
    "chance_happens",
    "check_scenario",
    "collect_runs",
    "list_scenarios",
    "load_run",
    "load_scenario",
    "path_table",
    "pivotal_choices",
    "replay_run",
    "run_record",
    "run_trail",
    "run_verdicts",
    "save_run",
    "scenario_path",
]
