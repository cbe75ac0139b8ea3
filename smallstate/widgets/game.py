"""ForeignMinisterGame: play a decision-game scenario and watch every framework classify it.

The learner is a small state's foreign minister (:mod:`smallstate.simulation`). Each turn shows
a real, dated situation with its sources and two to four options as buttons; a choice adds the
option's acts to the run's record (an evidence table), shows its consequence, and every
framework of the course labels the record so far, with its reasons and the act ids behind it,
while a figure draws the trail of Kuik's positions turn by turn. After the last turn the
debrief sets the player's path beside the state's actual choices and lists the single choices
that would have flipped each framework's final label. A run can be saved as a small file for
seminar mode (``smallstate seminar collect``).

Following the widget contract (``docs/ARCHITECTURE.md``), results go into ``HTML`` widgets and
every part has a CSS class:

========================  ====================================================================
class                     part
========================  ====================================================================
``ss-game-scenario``      Dropdown: the scenario to play
``ss-game-restart``       Button: start the scenario again
``ss-game-turn``          HTML: turn number, date and title
``ss-game-situation``     HTML: the situation, its sources and the options explained
``ss-game-option``        Buttons: one per option (also ``ss-game-option-1`` ... ``-4``)
``ss-game-consequence``   HTML: the consequence of the last choice and the relation scores
``ss-game-verdicts``      HTML: every framework's current label, reasons and act ids
``ss-game-plot``          HTML: the trail on Kuik's spectrum, as an img with alt text
``ss-game-debrief``       HTML: at the end, the path beside the actual one and the pivots
``ss-game-player``        Text: the player's name or pseudonym for the saved run
``ss-game-save``          Button: save the run as a small JSON file
``ss-game-saved``         HTML: where the run was saved
========================  ====================================================================

Every result is cached per state of the game (scenario and choices so far), so going back
to a state (restart, another scenario and back) costs nothing.

Examples
--------
>>> from smallstate.widgets.game import ForeignMinisterGame
>>> game = ForeignMinisterGame("philippines-2012-2024", plot=False)
>>> game.option_buttons[0].description
'Hold the shoal'
>>> game.option_buttons[0].click()
>>> game.game.choices
('a',)
>>> "kuik" in game.verdicts_view.value
True
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smallstate.widgets.base import CourseWidget
from smallstate.widgets.figure_view import FigureView, SelectionCache
from smallstate.widgets.render import render_verdicts

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from smallstate.plots.figure import CourseFigure
    from smallstate.plots.game import TrailChart
    from smallstate.simulation import Game, Scenario, Turn

__all__ = ["ForeignMinisterGame"]

#: Most options a turn can have (the scenario format allows two to four).
MAX_OPTIONS = 4

_esc = html.escape


class ForeignMinisterGame(CourseWidget):
    """Play a scenario turn by turn; see every framework's verdict, the trail and the debrief.

    Parameters
    ----------
    scenario
        Id of a shipped scenario (:func:`smallstate.simulation.list_scenarios`) to start with.
    seed
        The game's seed (drives only the chance outcomes of consequences, never a verdict).
    frameworks
        Framework ids to show (default: every framework).
    runs_dir
        Folder where "Save run" writes the run file.
    plot
        Draw the trail figure (``False`` for a text-only panel, e.g. in fast tests).

    Attributes
    ----------
    scenario : ipywidgets.Dropdown
        The scenario chooser (values are scenario ids).
    restart : ipywidgets.Button
        Starts the chosen scenario again.
    turn_view, situation, consequence, verdicts_view, plot, debrief : ipywidgets.HTML
        The turn heading, the situation, the last consequence, the verdicts, the trail figure
        and the debrief.
    option_buttons : list of ipywidgets.Button
        One button per option of the turn (unused ones hidden).
    player : ipywidgets.Text
        Name or pseudonym written into the saved run.
    save : ipywidgets.Button
        Writes the run file; ``saved`` (HTML) says where.
    game : smallstate.simulation.Game
        The game under way.
    last_saved : pathlib.Path or None
        The file written by the last save.
    widget : ipywidgets.VBox
        The root widget.
    """

    def __init__(
        self,
        scenario: str = "cambodia-2010-2025",
        *,
        seed: int = 0,
        frameworks: Sequence[str] | None = None,
        runs_dir: str | Path = "runs",
        plot: bool = True,
    ) -> None:
        import ipywidgets as w

        from smallstate.frameworks import FRAMEWORKS
        from smallstate.simulation import list_scenarios, load_scenario

        self.seed = seed
        self.frameworks = tuple(frameworks) if frameworks is not None else tuple(FRAMEWORKS)
        self.runs_dir = Path(runs_dir)
        self.last_saved: Path | None = None
        self._draw = plot
        self._scenarios = {sid: load_scenario(sid) for sid in list_scenarios()}
        if scenario not in self._scenarios:
            from smallstate.errors import unknown

            raise unknown("scenario", scenario, list(self._scenarios))
        self.scenario = w.Dropdown(
            options=[(s.title, sid) for sid, s in self._scenarios.items()],
            value=scenario,
            description="Scenario",
            style={"description_width": "70px"},
            layout=w.Layout(width="360px"),
        )
        self.restart = w.Button(
            description="Restart",
            icon="undo",
            tooltip="Start this scenario again from its first turn",
        )
        self.turn_view = w.HTML()
        self.situation = w.HTML(layout=w.Layout(max_width="900px"))
        self.option_buttons = [
            w.Button(layout=w.Layout(width="auto", min_width="160px")) for _ in range(MAX_OPTIONS)
        ]
        self.consequence = w.HTML(layout=w.Layout(max_width="900px"))
        self.verdicts_view = w.HTML()
        self.plot = w.HTML(layout=w.Layout(max_width="760px"))
        self.debrief = w.HTML()
        self.player = w.Text(
            description="Your name",
            placeholder="name or pseudonym",
            style={"description_width": "80px"},
            layout=w.Layout(width="300px"),
        )
        self.save = w.Button(
            description="Save run",
            icon="save",
            tooltip="Save your choices as a small file for the seminar",
        )
        self.saved = w.HTML()
        for control, part in (
            (self.scenario, "scenario"),
            (self.restart, "restart"),
            (self.turn_view, "turn"),
            (self.situation, "situation"),
            (self.consequence, "consequence"),
            (self.verdicts_view, "verdicts"),
            (self.plot, "plot"),
            (self.debrief, "debrief"),
            (self.player, "player"),
            (self.save, "save"),
            (self.saved, "saved"),
        ):
            control.add_class(f"ss-game-{part}")
        for i, button in enumerate(self.option_buttons, start=1):
            button.add_class("ss-game-option")
            button.add_class(f"ss-game-option-{i}")
            button.on_click(self._on_option)
        self.options_box = w.HBox(self.option_buttons, layout=w.Layout(flex_flow="row wrap"))
        self.widget = w.VBox(
            [
                w.HBox([self.scenario, self.restart]),
                self.turn_view,
                self.situation,
                self.options_box,
                self.consequence,
                self.plot,
                self.verdicts_view,
                self.debrief,
                w.HBox([self.player, self.save]),
                self.saved,
            ]
        )
        self.widget.add_class("ss-game")
        # one trail chart, kept and moved turn by turn (cheaper than a new one each time)
        self.figures = FigureView(self.plot, dpi=80, close=False)
        self._chart: TrailChart | None = None
        self._actual_trails = SelectionCache(maxsize=16)
        self._verdict_cache = SelectionCache(maxsize=512)
        self._panels = SelectionCache(maxsize=256)
        self.scenario.observe(self._on_scenario, names="value")
        self.restart.on_click(self._on_restart)
        self.save.on_click(self._on_save)
        self.game: Game
        self._new_game()

    # -- moves -------------------------------------------------------------------------------
    def choose(self, option_id: str) -> None:
        """Play the current turn with this option and refresh every view."""
        self.game.choose(option_id)
        self._show()

    def _new_game(self) -> None:
        from smallstate.simulation import Game

        scenario = self._scenarios[self.scenario.value]
        self.game = Game(scenario, self.seed, frameworks=self.frameworks)
        self.saved.value = ""
        self._show()

    def _on_option(self, button: Any) -> None:
        turn = self.game.turn
        if turn is None:
            return
        index = self.option_buttons.index(button)
        if index < len(turn.options):
            self.choose(turn.options[index].id)

    def _on_scenario(self, _change: Any = None) -> None:
        self._new_game()

    def _on_restart(self, _button: Any = None) -> None:
        self._new_game()

    def _on_save(self, _button: Any = None) -> None:
        self.last_saved = self.save_run()
        self.saved.value = (
            f"<p>Saved {len(self.game.choices)} choice(s) to "
            f"<code>{_esc(str(self.last_saved))}</code>.</p>"
        )

    def save_run(self, path: str | Path | None = None) -> Path:
        """Save the run (scenario, seed, choices, player) as JSON; return the file written.

        The default file is ``<runs_dir>/<scenario>-<player>.json`` (player ``anonymous``
        when the name box is empty), so each player of a class writes their own file.
        """
        import re

        from smallstate.simulation import save_run

        player = self.player.value.strip()
        if path is None:
            stem = re.sub(r"[^A-Za-z0-9_-]+", "-", player).strip("-") or "anonymous"
            path = self.runs_dir / f"{self.game.scenario.id}-{stem}.json"
        return save_run(self.game, path, player=player or None)

    # -- computation, cached per state -------------------------------------------------------
    def _state(self, scenario: Scenario, choices: tuple[str, ...]) -> tuple[int, pd.DataFrame]:
        """The number of acts and every framework's verdict after these choices (cached)."""
        from smallstate.simulation import run_record, run_verdicts

        def compute() -> tuple[int, pd.DataFrame]:
            record = run_record(scenario, choices)
            return len(record), run_verdicts(record, scenario, self.frameworks)

        result: tuple[int, pd.DataFrame] = self._verdict_cache.get((scenario.id, choices), compute)
        return result

    def _verdicts(self, scenario: Scenario, choices: tuple[str, ...]) -> pd.DataFrame:
        """Every framework's verdict after these choices (the engine's, cached per state)."""
        return self._state(scenario, choices)[1]

    def trail(self, choices: Sequence[str] | None = None) -> pd.DataFrame:
        """Kuik's label and position after each of these choices (default: the game's).

        The same rows as :meth:`smallstate.simulation.Game.trail`, from the per-state cache.
        """
        import pandas as pd

        scenario = self.game.scenario
        picked = tuple(self.game.choices if choices is None else choices)
        rows = []
        for n in range(1, len(picked) + 1):
            v = self._verdicts(scenario, picked[:n])
            kuik = v.loc[v["framework"] == "kuik"]
            turn = scenario.turns[n - 1]
            rows.append(
                {
                    "step": n,
                    "turn": turn.id,
                    "date": turn.date,
                    "option": picked[n - 1],
                    "label": str(kuik["label"].iloc[0]) if len(kuik) else "insufficient_evidence",
                    "position": float(kuik["position"].iloc[0]) if len(kuik) else float("nan"),
                }
            )
        return pd.DataFrame(rows, columns=["step", "turn", "date", "option", "label", "position"])

    def actual_choices(self) -> tuple[str, ...]:
        """The state's actual option ids, from the first turn up to the first turn without one."""
        out: list[str] = []
        for turn in self.game.scenario.turns:
            if turn.actual is None:
                break
            out.append(turn.actual.option)
        return tuple(out)

    # -- views -------------------------------------------------------------------------------
    def _show(self) -> None:
        game = self.game
        key = (game.scenario.id, game.choices)
        panel = self._panels.get(key, self._render_panel)
        self.turn_view.value = panel["turn"]
        self.situation.value = panel["situation"]
        self.consequence.value = panel["consequence"]
        self.verdicts_view.value = panel["verdicts"]
        self.debrief.value = panel["debrief"]
        turn = game.turn
        for i, button in enumerate(self.option_buttons):
            if turn is not None and i < len(turn.options):
                option = turn.options[i]
                button.description = option.label
                button.tooltip = f"Option {option.id}: {option.text}"
                button.layout.display = None
                button.disabled = False
            else:
                button.description = ""
                button.tooltip = ""
                button.layout.display = "none"
                button.disabled = True
        if self._draw:
            self.figures.show(key, self._figure)

    def _render_panel(self) -> dict[str, str]:
        game = self.game
        scenario, turn = game.scenario, game.turn
        total = len(scenario.turns)
        n_acts, verdicts = self._state(scenario, game.choices)
        if turn is None:
            heading = f"<h3>The game is over: {total} turns played</h3>"
            situation = (
                f"<p>You have played every turn of <i>{_esc(scenario.title)}</i>. "
                "Read the debrief below, save your run for the seminar, or restart.</p>"
            )
        else:
            heading = (
                f"<h3>Turn {game.number} of {total}: {_esc(turn.title)} "
                f"<small>({_esc(turn.date)})</small></h3>"
            )
            situation = _render_situation(turn)
        intro = "" if game.choices else f"<p>{_esc(scenario.summary)}</p>"
        return {
            "turn": heading,
            "situation": intro + situation,
            "consequence": _render_consequence(game),
            "verdicts": (
                f"<p><b>Every framework's verdict on your record towards "
                f"{_esc(scenario.focus)}</b> ({n_acts} acts, including those the one "
                "coding rule derives):</p>" + render_verdicts(verdicts)
                if game.choices
                else "<p><i>No act yet: every framework waits for your first choice.</i></p>"
            ),
            "debrief": self._render_debrief() if game.finished else "",
        }

    def _render_debrief(self) -> str:
        from smallstate.plots.palette import label_name
        from smallstate.simulation import path_table, pivotal_choices

        game = self.game
        path = path_table(game)
        pivots = pivotal_choices(game, frameworks=self.frameworks)
        rows = []
        for r in path.to_dict("records"):
            acts = ", ".join(str(a) for a in r["actual_acts"]) or "&mdash;"
            same = "same" if r["same"] else ("differs" if r["actual"] else "no record")
            rows.append(
                f"<tr><td>{int(r['step'])}</td><td>{_esc(str(r['date']))}</td>"
                f"<td style='text-align:left'>{_esc(str(r['title']))}</td>"
                f"<td style='text-align:left'>{_esc(str(r['chosen']))}. "
                f"{_esc(str(r['chosen_label']))}</td>"
                f"<td style='text-align:left'>{_esc(str(r['actual']))}. "
                f"{_esc(str(r['actual_label']))}</td><td>{same}</td><td>{acts}</td></tr>"
            )
        matches = int(path["same"].sum())
        out = [
            "<h3>Debrief</h3>",
            f"<p>You made the state's actual choice at {matches} of {len(path)} turns.</p>",
            "<table class='ss-game-path'><caption>Your path beside the actual one</caption>"
            "<thead><tr><th>turn</th><th>date</th><th>decision</th><th>your choice</th>"
            "<th>actual choice</th><th>match</th><th>course acts</th></tr></thead><tbody>",
            *rows,
            "</tbody></table>",
            "<h4>The choices that flipped each verdict</h4>",
            "<p>A choice is pivotal for a framework when changing only that choice, all others "
            "kept, changes the framework's final label.</p><ul class='ss-game-pivots'>",
        ]
        labels = pivots.attrs.get("labels", {})
        for fid in self.frameworks:
            mine = pivots.loc[pivots["framework"] == fid]
            final = label_name(str(labels.get(fid, "")))
            if mine.empty:
                out.append(
                    f"<li><b>{_esc(fid)}</b> ({_esc(final)}): no single choice flips it.</li>"
                )
                continue
            flips = "; ".join(
                f"turn {int(r['step'])} ({_esc(str(r['date']))}): {_esc(str(r['alternative']))}. "
                f"{_esc(str(r['alternative_label']))} instead of {_esc(str(r['chosen']))} "
                f"&rarr; {_esc(label_name(str(r['new_label'])))}"
                for r in mine.to_dict("records")
            )
            out.append(f"<li><b>{_esc(fid)}</b> ({_esc(final)}): {flips}.</li>")
        out.append("</ul>")
        return "".join(out)

    def _figure(self) -> CourseFigure:
        from smallstate.plots.game import TrailChart

        scenario = self.game.scenario
        case, turns = f"{scenario.actor}-{scenario.focus}", len(scenario.turns)
        chart = self._chart
        if chart is None:
            chart = self._chart = TrailChart(case=case, turns=turns)
        else:  # the scenario may have changed: its title and number of turns
            chart.reset(case=case, turns=turns)
        actual = None
        if self.game.finished:
            actual = self.actual_trail()
        return chart.update(self.trail(), actual=actual)

    def actual_trail(self) -> pd.DataFrame:
        """Kuik's label and position after each of the state's actual choices (cached).

        The rows of :meth:`trail` for :meth:`actual_choices`, classified in one pass
        (:func:`smallstate.simulation.run_trail`).
        """
        from smallstate.simulation import run_trail

        scenario = self.game.scenario
        choices = self.actual_choices()
        trail: pd.DataFrame = self._actual_trails.get(
            (scenario.id, choices), lambda: run_trail(scenario, choices)
        )
        return trail


def _cite(refs: Sequence[Any]) -> str:
    from smallstate.concepts.sources import cite_many

    return _esc(cite_many([(r.key, r.locator) for r in refs]))


def _render_situation(turn: Turn) -> str:
    options = "".join(f"<li><b>{_esc(o.label)}</b>: {_esc(o.text)}</li>" for o in turn.options)
    return (
        f"<p>{_esc(turn.situation)}</p>"
        f"<p><small>Sources: {_cite(turn.sources)}.</small></p>"
        f"<p>Your options (choose one with the buttons below):</p><ol type='a'>{options}</ol>"
    )


def _render_consequence(game: Game) -> str:
    step = game.last
    if step is None:
        return "<p><i>Your choices and their consequences will appear here.</i></p>"
    sources = step.option.consequence.sources
    cited = f" <small>(Sources: {_cite(sources)}.)</small>" if sources else ""
    scores = ", ".join(f"{_esc(p)} {score:+d}" for p, score in sorted(step.relations.items()))
    return (
        f"<p><b>Turn {step.number}, you chose: {_esc(step.option.label)}.</b> "
        f"{_esc(step.consequence)}{cited}</p>"
        f"<p><small>Relation scores (the game's feedback, not a measure any framework "
        f"reads): {scores}.</small></p>"
    )
