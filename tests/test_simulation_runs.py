"""Saved runs, seminar collection, its figure and the two CLI commands.

``seminar collect`` runs on a folder mixing good runs with broken and foreign files: every good
run is a row (its labels those of the replayed game), every other file is skipped with the
reason, and nothing is dropped silently.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml
from test_scenario_format import valid_scenario, write

from smallstate.cli import main
from smallstate.simulation import (
    Game,
    RunFileError,
    collect_runs,
    load_run,
    load_scenario,
    pivotal_choices,
    replay_run,
    save_run,
)

SID = "cambodia-2010-2025"
SCENARIO = load_scenario(SID)
FRAMEWORKS = ["kuik", "leng", "samath", "jackson"]


def _choices(k: int) -> list[str]:
    """A complete run: turn i takes its (i + k)-th option."""
    return [t.options[(i + k) % len(t.options)].id for i, t in enumerate(SCENARIO.turns)]


def _run_file(folder: Path, name: str, **fields: object) -> Path:
    data = {"format": "smallstate-run", "version": 1, "scenario": SID, "seed": 0, "choices": []}
    data.update(fields)
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


BROKEN: list[tuple[str, object, str | None, str]] = [
    ("notes.txt", "a note, not JSON", None, "not JSON"),
    ("notebook.ipynb", {"cells": [], "nbformat": 4}, "format", "not a smallstate run file"),
    ("list.json", [1, 2], "format", "not a smallstate run file"),
    ("newer.json", {"version": 99}, "version", "newer smallstate"),
    ("noscenario.json", {"scenario": "atlantis-1900-2000"}, "scenario", "unknown scenario"),
    ("badseed.json", {"seed": "seven"}, "seed", "expected an integer"),
    ("badchoices.json", {"choices": "abc"}, "choices", "list of option ids"),
    (
        "wrongoption.json",
        {"choices": ["a", "z"]},
        "choices[1]",
        "turn 't02-communique' has no option 'z'",
    ),
    ("toolong.json", {"choices": ["a"] * 13}, "choices", "13 choices for the 12 turns"),
    ("player.json", {"player": 7}, "player", "expected text"),
]


def _write_broken(folder: Path, name: str, content: object) -> Path:
    path = folder / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif isinstance(content, dict) and "cells" not in content:
        return _run_file(folder, name, **content)
    else:
        path.write_text(json.dumps(content), encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "content", "field", "words"), BROKEN, ids=[b[0] for b in BROKEN])
def test_bad_run_files_name_the_file_and_field(
    tmp_path: Path, name: str, content: object, field: str | None, words: str
) -> None:
    path = _write_broken(tmp_path, name, content)
    with pytest.raises(RunFileError) as info:
        replay_run(path)
    assert info.value.field == field
    assert str(path) in str(info.value) and words in str(info.value)


def test_a_binary_file_is_not_a_run(tmp_path: Path) -> None:
    path = tmp_path / "figure.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    with pytest.raises(RunFileError, match="not a smallstate run file"):
        load_run(path)


def test_a_run_of_another_scenario_is_refused(tmp_path: Path) -> None:
    toy = load_scenario(write(tmp_path, valid_scenario()))
    path = save_run(Game.replay(SID, ["a"]), tmp_path / "r.json")
    with pytest.raises(RunFileError, match="a run of 'cambodia-2010-2025', not of 'toy-game'"):
        replay_run(path, toy)


def test_a_run_of_an_instructors_scenario_replays_with_it(tmp_path: Path) -> None:
    toy = load_scenario(write(tmp_path, valid_scenario()))
    path = save_run(Game.replay(toy, ["b", "a"], seed=5), tmp_path / "runs" / "r.json")
    game = replay_run(path, toy)
    assert (game.choices, game.seed) == (("b", "a"), 5)
    with pytest.raises(RunFileError, match="unknown scenario 'toy-game'"):
        replay_run(path)


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("class")
    for k in range(4):
        save_run(Game.replay(SID, _choices(k), seed=k), folder / f"student{k}.json", player=f"s{k}")
    save_run(Game.replay(SID, ["a", "b", "c"]), folder / "unfinished.json", player="late")
    for name, content, _, _ in BROKEN:
        _write_broken(folder, name, content)
    (folder / "subfolder").mkdir()
    return folder


def test_collect_reads_every_good_run_and_reports_every_other_file(class_folder: Path) -> None:
    pooled = collect_runs(class_folder, frameworks=FRAMEWORKS)
    assert sorted(pooled.runs["file"]) == sorted(
        [f"student{k}.json" for k in range(4)] + ["unfinished.json"]
    )
    assert sorted(pooled.skipped["file"]) == sorted([b[0] for b in BROKEN] + ["subfolder"])
    every = {p.name for p in class_folder.iterdir()}
    assert set(pooled.runs["file"]) | set(pooled.skipped["file"]) == every  # none silently
    reasons = dict(zip(pooled.skipped["file"], pooled.skipped["reason"], strict=True))
    for name, _, field, words in BROKEN:
        assert words in reasons[name]
        if field is not None:
            assert f"field {field!r}" in reasons[name]
    report = pooled.report()
    assert report.startswith("5 runs read; 11 files skipped:")
    assert all(name in report for name in reasons)


@pytest.mark.slow
def test_collected_labels_and_pivotal_counts_equal_the_replayed_games(class_folder: Path) -> None:
    pooled = collect_runs(class_folder, frameworks=FRAMEWORKS)
    expected_counts: dict[tuple[str, str, str], int] = {}
    for row in pooled.runs.itertuples(index=False):
        game = replay_run(class_folder / row.file, frameworks=FRAMEWORKS)
        labels = game.labels()
        assert {f: getattr(row, f) for f in FRAMEWORKS} == labels
        assert row.finished == game.finished and row.played == len(game.choices)
        piv = pivotal_choices(game)
        for key in set(zip(piv["turn"], piv["chosen"], piv["framework"], strict=True)):
            expected_counts[key] = expected_counts.get(key, 0) + 1
    got = {
        (t, c, f): int(n)
        for t, c, f, n in zip(
            pooled.pivotal["turn"],
            pooled.pivotal["chosen"],
            pooled.pivotal["framework"],
            pooled.pivotal["runs"],
            strict=True,
        )
    }
    assert got == expected_counts
    assert pooled.pivotal["runs"].is_monotonic_decreasing


@pytest.mark.slow
def test_the_collected_figure_has_title_alt_text_and_readable_labels(class_folder: Path) -> None:
    from smallstate.plots.simulation import plot_collected

    pooled = collect_runs(class_folder, frameworks=FRAMEWORKS)
    fig = plot_collected(pooled)
    try:
        assert fig.title and fig.alt.startswith("Two bar charts of 5 decision-game runs.")
        legend = fig.figure.axes[0].get_legend()
        texts = [t.get_text() for t in legend.get_texts()]
        assert texts and all("_" not in t for t in texts)
        assert fig.png()[:4] == b"\x89PNG"
    finally:
        fig.close()


# ------------------------------------------------------------------------------------- the CLI


def test_cli_scenario_check_valid(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(SCENARIO.path)
    assert main(["scenario", "check", path]) == 0
    out = capsys.readouterr().out
    assert "valid scenario 'cambodia-2010-2025'" in out and "12 turns" in out


def test_cli_scenario_check_lists_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = valid_scenario()
    data["turns"][1]["options"][0]["acts"][0]["stance"] = "appeasement"
    data["turns"][2]["sources"][0]["key"] = "nokey1999"
    bad = write(tmp_path, yaml.safe_dump(data))
    assert main(["scenario", "check", str(bad), "cambodia-2010-2025"]) == 1
    captured = capsys.readouterr()
    assert "valid scenario 'cambodia-2010-2025'" in captured.out
    lines = [ln for ln in captured.err.splitlines() if ln.startswith("  - ")]
    assert len(lines) == 2
    assert any("turn 't2'" in ln and "'options[0].acts[0].stance'" in ln for ln in lines)
    assert any("turn 't3'" in ln and "'sources[0].key'" in ln for ln in lines)
    assert all(str(bad) in ln for ln in lines)


def test_cli_scenario_check_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scenario", "check", str(tmp_path / "absent.yaml")]) == 2
    assert "absent.yaml" in capsys.readouterr().err


@pytest.mark.slow
def test_cli_seminar_collect_writes_table_and_figure(
    class_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, figure = tmp_path / "class.csv", tmp_path / "class.png"
    args = ["seminar", "collect", str(class_folder), "--out", str(out), "--figure", str(figure)]
    args += [a for f in FRAMEWORKS for a in ("--framework", f)]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "student0.json" in captured.out and "Choices most often pivotal" in captured.out
    assert "11 files skipped" in captured.err and "notebook.ipynb" in captured.err
    table = pd.read_csv(out, keep_default_na=False)
    assert len(table) == 5 and set(FRAMEWORKS) <= set(table.columns)
    assert (tmp_path / "class-pivotal.csv").is_file()
    assert figure.read_bytes()[:4] == b"\x89PNG"
    assert figure.with_suffix(".txt").read_text().startswith("Two bar charts")


def test_cli_seminar_collect_empty_and_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["seminar", "collect", str(tmp_path)]) == 1
    assert "0 runs read" in capsys.readouterr().out
    assert main(["seminar", "collect", str(tmp_path / "nowhere")]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_cli_seminar_collect_with_an_instructors_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario_file = write(tmp_path, valid_scenario())
    runs = tmp_path / "runs"
    save_run(Game.replay(load_scenario(scenario_file), ["a", "b", "a"]), runs / "r.json")
    args = ["seminar", "collect", str(runs), "--framework", "kuik"]
    assert main(args) == 1  # no run read: the only run's scenario is unknown without --scenario
    err = capsys.readouterr().err
    assert "unknown scenario 'toy-game'" in err and "--scenario FILE" in err
    assert main([*args, "--scenario", str(scenario_file)]) == 0
    captured = capsys.readouterr()
    assert "r.json" in captured.out and "1 run read; 0 files skipped." in captured.out
