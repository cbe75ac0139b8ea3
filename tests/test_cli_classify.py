"""The ``smallstate classify`` subcommand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from smallstate._paths import dataset_path
from smallstate.cli import main

SEEDS = str(dataset_path("evidence_seeds.csv"))


def run(argv: list[str]) -> int:
    return main(["classify", *argv])


def test_table_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([SEEDS, "--framework", "leng"]) == 0
    out = capsys.readouterr().out
    assert "soft_bandwagoning" in out and "L16-01" in out


def test_csv_output_with_param(capsys: pytest.CaptureFixture[str]) -> None:
    code = run(
        [
            SEEDS,
            "--framework",
            "leng",
            "--param",
            "restraint_counts_as_defiance=true",
            "--param",
            "min_share=0.2",
            "--format",
            "csv",
        ]
    )
    assert code == 0
    from io import StringIO

    df = pd.read_csv(StringIO(capsys.readouterr().out), keep_default_na=False)
    assert {"label", "rationale", "evidence_ids"} <= set(df.columns)
    assert (df["framework"] == "leng").all()


def test_bad_param_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([SEEDS, "--framework", "kuik", "--param", "min_share=0.3"]) == 2
    assert "unknown parameter 'min_share' of framework 'kuik'" in capsys.readouterr().err


def test_bad_param_value(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([SEEDS, "--framework", "leng", "--param", "min_share=lots"]) == 2
    assert "min_share" in capsys.readouterr().err


def test_bad_file_prints_full_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = pd.read_csv(SEEDS, dtype=str, keep_default_na=False)
    bad.loc[0, "stance"] = "maybe"
    bad.loc[3, "date"] = "2019-02-30"
    path = tmp_path / "bad.csv"
    bad.to_csv(path, index=False)
    assert run([str(path)]) == 2
    err = capsys.readouterr().err
    assert "bad.csv" in err and "2 problems" in err
    assert "line 2 (row index 0), column 'stance'" in err
    assert "line 5 (row index 3), column 'date'" in err


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["/no/such/file.csv"]) == 2
    assert "not found" in capsys.readouterr().err
