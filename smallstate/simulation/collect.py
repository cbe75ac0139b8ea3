"""Seminar mode: pool a folder of run files into one table for the class debrief.

:func:`collect_runs` replays every run file of a folder and returns a :class:`CollectedRuns`:
the final label of each framework for each run, how often each choice was pivotal
(:func:`smallstate.simulation.debrief.pivotal_choices`), and every file it skipped with the
reason (not a run file, a newer format, an unknown scenario, a choice that is not an option,
...). Nothing is dropped silently: every file of the folder is either a row of ``runs`` or a row
of ``skipped``.

Examples
--------
>>> import tempfile, pathlib
>>> from smallstate.simulation.engine import Game
>>> from smallstate.simulation.runs import save_run
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = save_run(Game.replay("cambodia-2010-2025", ["a"] * 10), folder / "r1.json")
>>> _ = (folder / "notes.txt").write_text("not a run")
>>> pooled = collect_runs(folder, frameworks=["kuik", "leng"])
>>> pooled.runs[["file", "kuik", "leng"]].values.tolist()
[['r1.json', 'hedging', 'soft_bandwagoning']]
>>> pooled.skipped["file"].tolist()
['notes.txt']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smallstate.errors import InputError
from smallstate.simulation.debrief import pivotal_choices
from smallstate.simulation.runs import RunFileError, load_run, replay_run
from smallstate.simulation.scenario import Scenario, load_scenario

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["CollectedRuns", "collect_runs"]


@dataclass(frozen=True)
class CollectedRuns:
    """A class's runs, pooled.

    Attributes
    ----------
    runs : pandas.DataFrame
        One row per run file read: file, player, scenario, seed, played (turns), finished, then
        one column per framework id holding its final label of the focus case.
    pivotal : pandas.DataFrame
        How many runs had each choice pivotal for each framework: scenario, step, turn,
        chosen, framework, runs (descending).
    skipped : pandas.DataFrame
        file and reason, one row per file that is not a usable run.
    frameworks : tuple of str
        The framework ids, in the order of the columns of ``runs``.
    """

    runs: pd.DataFrame
    pivotal: pd.DataFrame
    skipped: pd.DataFrame
    frameworks: tuple[str, ...]

    def report(self) -> str:
        """A plain-text summary: runs read, files skipped and why.

        Examples
        --------
        >>> import pandas as pd
        >>> empty = CollectedRuns(pd.DataFrame(), pd.DataFrame(),
        ...     pd.DataFrame({"file": ["x.csv"], "reason": ["not a run file"]}), ())
        >>> print(empty.report())
        0 runs read; 1 file skipped:
          - x.csv: not a run file
        """
        n, k = len(self.runs), len(self.skipped)
        head = f"{n} run{'s' if n != 1 else ''} read; {k} file{'s' if k != 1 else ''} skipped"
        lines = [head + (":" if k else ".")]
        lines += [
            f"  - {f}: {r}"
            for f, r in zip(self.skipped["file"], self.skipped["reason"], strict=True)
        ]
        return "\n".join(lines)


def _reason(exc: Exception) -> str:
    if isinstance(exc, RunFileError):
        field = f"field {exc.field!r}: " if exc.field else ""
        return f"{field}{exc.reason}"
    return str(exc)


def collect_runs(
    folder: str | Path,
    *,
    scenarios: Sequence[Scenario | str | Path] = (),
    frameworks: Sequence[str] | None = None,
) -> CollectedRuns:
    """Replay every run file in ``folder`` (not its subfolders) and pool the results.

    Parameters
    ----------
    folder
        The folder of run files (as :func:`smallstate.simulation.runs.save_run` writes them).
    scenarios
        Scenarios that are not shipped with the library (an instructor's own), by object or
        file; runs of shipped scenarios need nothing.
    frameworks
        Framework ids (default: every framework).

    Raises
    ------
    NotADirectoryError
        When ``folder`` is not a folder.

    Examples
    --------
    >>> import tempfile
    >>> collect_runs(tempfile.mkdtemp()).report()
    '0 runs read; 0 files skipped.'
    """
    import pandas as pd

    from smallstate.frameworks import FRAMEWORKS, get_framework

    root = Path(folder)
    if not root.is_dir():
        raise NotADirectoryError(f"not a folder of run files: {root}")
    ids = tuple(get_framework(f).id for f in (frameworks if frameworks is not None else FRAMEWORKS))
    extra: dict[str, Scenario] = {}
    for s in scenarios:
        loaded = s if isinstance(s, Scenario) else load_scenario(s)
        extra[loaded.id] = loaded
    rows: list[dict[str, Any]] = []
    pivots: list[pd.DataFrame] = []
    skipped: list[dict[str, str]] = []
    for path in sorted(root.iterdir()):
        if path.is_dir():
            skipped.append({"file": path.name, "reason": "a folder, not a run file (not read)"})
            continue
        try:
            run = load_run(path)
            game = replay_run(run, extra.get(run.scenario), frameworks=list(ids))
            extra.setdefault(run.scenario, game.scenario)  # read each scenario once
            labels = game.labels()
            piv = pivotal_choices(game)
        except (InputError, OSError) as exc:  # a bug elsewhere must not pass as a "bad file"
            skipped.append({"file": path.name, "reason": _reason(exc)})
            continue
        rows.append(
            {
                "file": path.name,
                "player": run.player or "",
                "scenario": run.scenario,
                "seed": run.seed,
                "played": len(run.choices),
                "finished": game.finished,
                **{f: labels[f] for f in ids},
            }
        )
        if len(piv):
            pivots.append(piv.assign(scenario=run.scenario, file=path.name))
    runs = pd.DataFrame(
        rows, columns=["file", "player", "scenario", "seed", "played", "finished", *ids]
    )
    keys = ["scenario", "step", "turn", "chosen", "framework"]
    if pivots:
        # a choice counts once per run and framework, however many alternatives flip it
        each = pd.concat(pivots, ignore_index=True).drop_duplicates([*keys, "file"])
        pivotal = (
            each.groupby(keys, sort=False).size().rename("runs").reset_index()
            .sort_values(["runs", "step", "framework"], ascending=[False, True, True], kind="stable")
            .reset_index(drop=True)
        )  # fmt: skip
    else:
        pivotal = pd.DataFrame(columns=[*keys, "runs"])
    return CollectedRuns(runs, pivotal, pd.DataFrame(skipped, columns=["file", "reason"]), ids)
