"""The debrief of a run: the player's path beside the state's actual choices, and the pivotal choices.

A choice is **pivotal** for a framework when changing that one choice to another option of its
turn, all other choices kept, changes the framework's final label of the focus case. The runs
that differ by one choice are classified together with
:func:`smallstate.analysis.disagreement.variant_verdicts_by_framework` (every framework at
once), the machinery behind
:func:`smallstate.analysis.disagreement.flips` (which changes one assumption at a time; here the
assumption changed is one choice).

Examples
--------
>>> from smallstate.simulation.engine import Game
>>> game = Game.replay("cambodia-2010-2025", ["a"] * 10)
>>> path = path_table(game)
>>> bool(path.loc[0, "same"]), path.loc[0, "actual_acts"]
(True, ('L16-06', 'S20-02'))
>>> piv = pivotal_choices(game, frameworks=["kuik"])
>>> set(piv.columns) >= {"turn", "chosen", "alternative", "framework", "label", "new_label"}
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from smallstate.simulation.engine import Game, run_record
from smallstate.simulation.scenario import Scenario

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["PATH_COLUMNS", "PIVOTAL_COLUMNS", "path_table", "pivotal_choices"]

PATH_COLUMNS = [
    "step",
    "turn",
    "date",
    "title",
    "chosen",
    "chosen_label",
    "actual",
    "actual_label",
    "same",
    "actual_acts",
]
PIVOTAL_COLUMNS = [
    "step",
    "turn",
    "date",
    "chosen",
    "alternative",
    "alternative_label",
    "framework",
    "label",
    "new_label",
]


def _scenario_choices(
    game: Game | Scenario, choices: Sequence[str] | None
) -> tuple[Scenario, tuple[str, ...]]:
    if isinstance(game, Game):
        return game.scenario, tuple(game.choices if choices is None else choices)
    return game, tuple(choices or ())


def path_table(game: Game | Scenario, choices: Sequence[str] | None = None) -> pd.DataFrame:
    """The player's choice at each turn beside the state's actual choice and acts.

    Parameters
    ----------
    game
        A game (its choices are used) or a scenario (then pass ``choices``).
    choices
        Option ids, one per played turn.

    Returns
    -------
    pandas.DataFrame
        One row per turn of the scenario (played or not): step, turn, date, title, chosen and
        chosen_label (empty when not played), actual and actual_label (empty when the scenario
        gives none), same (the player chose the actual option), actual_acts (course act ids).

    Examples
    --------
    >>> from smallstate.simulation.scenario import load_scenario
    >>> t = path_table(load_scenario("cambodia-2010-2025"), ["b"])
    >>> t.loc[0, "chosen"], t.loc[0, "actual"], bool(t.loc[0, "same"])
    ('b', 'a', False)
    """
    import pandas as pd

    scenario, picked = _scenario_choices(game, choices)
    rows = []
    for i, turn in enumerate(scenario.turns):
        chosen = picked[i] if i < len(picked) else ""
        actual = turn.actual.option if turn.actual is not None else ""
        rows.append(
            {
                "step": i + 1,
                "turn": turn.id,
                "date": turn.date,
                "title": turn.title,
                "chosen": chosen,
                "chosen_label": turn.option(chosen).label if chosen else "",
                "actual": actual,
                "actual_label": turn.option(actual).label if actual else "",
                "same": bool(chosen) and chosen == actual,
                "actual_acts": turn.actual.acts if turn.actual is not None else (),
            }
        )
    return pd.DataFrame(rows, columns=PATH_COLUMNS)


def pivotal_choices(
    game: Game | Scenario,
    choices: Sequence[str] | None = None,
    frameworks: Sequence[str] | None = None,
    *,
    target: str | None = None,
) -> pd.DataFrame:
    """The single choices whose change flips a framework's final label.

    Parameters
    ----------
    game
        A game (its choices and frameworks are used) or a scenario (then pass ``choices``).
    choices
        Option ids, one per played turn.
    frameworks
        Framework ids (default: the game's, or every framework).
    target
        The power whose case is read (default: the scenario's focus).

    Returns
    -------
    pandas.DataFrame
        One row per (choice, alternative option, framework) that flips the label: step, turn,
        date, chosen, alternative, alternative_label, framework, label (the run's final label)
        and new_label. ``.attrs["labels"]`` maps each framework to the run's final label.

    Examples
    --------
    >>> from smallstate.simulation.scenario import load_scenario
    >>> s = load_scenario("cambodia-2010-2025")
    >>> out = pivotal_choices(s, ["c", "a"], ["kuik"])
    >>> out.attrs["labels"]["kuik"]
    'hedging'
    """
    import pandas as pd

    from smallstate.analysis.disagreement import variant_verdicts_by_framework
    from smallstate.frameworks import FRAMEWORKS, get_framework

    scenario, picked = _scenario_choices(game, choices)
    if frameworks is None:
        frameworks = game.frameworks if isinstance(game, Game) else tuple(FRAMEWORKS)
    power = target or scenario.focus
    variants: list[tuple[int, str, str]] = []  # (turn index, alternative id, its label)
    tables = [run_record(scenario, picked)]
    for i, chosen in enumerate(picked):
        for option in scenario.turns[i].options:
            if option.id != chosen:
                changed = (*picked[:i], option.id, *picked[i + 1 :])
                variants.append((i, option.id, option.label))
                tables.append(run_record(scenario, changed))
    rows: list[dict[str, Any]] = []
    labels: dict[str, str] = {}
    # every framework over every variant run: one table, validated and profiled once
    every = variant_verdicts_by_framework(tables, list(frameworks), target=power)
    for fid in frameworks:
        results = every[get_framework(fid).id]
        base = str(results[0]["label"])
        labels[fid] = base
        for (i, alternative, alt_label), result in zip(variants, results[1:], strict=True):
            if result["label"] != base:
                turn = scenario.turns[i]
                rows.append(
                    {
                        "step": i + 1,
                        "turn": turn.id,
                        "date": turn.date,
                        "chosen": picked[i],
                        "alternative": alternative,
                        "alternative_label": alt_label,
                        "framework": fid,
                        "label": base,
                        "new_label": str(result["label"]),
                    }
                )
    out = pd.DataFrame(rows, columns=PIVOTAL_COLUMNS)
    out.attrs["labels"] = labels
    return out
