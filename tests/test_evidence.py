"""Validation of well-formed evidence: typed output, kept columns, seeds file."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from strategies import GOOD_REQUIRED

from smallstate._paths import dataset_path
from smallstate.concepts import keys
from smallstate.evidence import (
    REQUIRED_COLUMNS,
    EvidenceError,
    UnknownCodeWarning,
    is_validated,
    read_evidence,
    validate_evidence,
)

GOOD = GOOD_REQUIRED


def frame(*rows: dict[str, object]) -> pd.DataFrame:
    return pd.DataFrame([GOOD | row for row in rows])


def test_typed_copy() -> None:
    raw = frame({}, {"act_id": "T-02", "date": "2019", "intensity": "3", "stance": "deference"})
    ev = validate_evidence(raw)
    assert ev["intensity"].dtype == "Int64"
    assert ev["intensity"].tolist() == [2, 3]
    assert isinstance(ev["stance"].dtype, pd.CategoricalDtype)
    assert ev["date_start"].dt.strftime("%Y-%m-%d").tolist() == ["2019-06-23", "2019-01-01"]
    assert raw["intensity"].tolist() == ["2", "3"]  # input untouched
    assert is_validated(ev)
    assert not is_validated(raw)


def test_integer_intensity_and_month_dates() -> None:
    raw = frame({"intensity": 1, "date": "2016-02"})
    raw["intensity"] = raw["intensity"].astype("int64")
    ev = validate_evidence(raw)
    assert ev["intensity"].iloc[0] == 1
    assert str(ev["date_start"].iloc[0].date()) == "2016-02-01"


def test_extra_columns_kept_and_index_preserved() -> None:
    raw = frame({}, {"act_id": "T-02"}).assign(my_note=["a", "b"])
    raw.index = [10, 20]
    ev = validate_evidence(raw)
    assert ev["my_note"].tolist() == ["a", "b"]
    assert ev.index.tolist() == [10, 20]


def test_historical_codes_and_optional_empties() -> None:
    raw = frame({"actor": "DDR", "target": "SUN", "counterpart": "SUN"}).assign(
        motive=[""], scope=[""], period=[""], contested=[""], note=[""]
    )
    ev = validate_evidence(raw)
    assert ev["motive"].isna().all()
    assert ev["actor"].iloc[0] == "DDR"


def test_unknown_counterpart_warns_with_line() -> None:
    raw = frame({"counterpart": "MYFORUM"})
    with pytest.warns(UnknownCodeWarning, match=r"'MYFORUM' \(line\(s\) 2\)"):
        validate_evidence(raw)


def test_known_counterparts_do_not_warn() -> None:
    raw = frame({"counterpart": "FOIP-JP"}, {"act_id": "T-02", "counterpart": "VNM"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        validate_evidence(raw)


def test_sources_checked_only_when_given() -> None:
    raw = frame({"source": "nobody2099"})
    validate_evidence(raw)
    with pytest.raises(EvidenceError, match="unknown source key"):
        validate_evidence(raw, sources={"samath2020"})


def test_revalidation_of_typed_copy_is_identity() -> None:
    ev = validate_evidence(frame({}, {"act_id": "T-02"}))
    again = validate_evidence(ev.drop(columns="date_start"))
    pd.testing.assert_frame_equal(again, ev)


def test_error_message_names_file_line_column(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "acts.csv"  # type: ignore[operator]
    frame({}, {"act_id": "T-02", "stance": "sideways"}).to_csv(path, index=False)
    with pytest.raises(EvidenceError) as info:
        read_evidence(path)
    text = str(info.value)
    assert "acts.csv" in text and "line 3 (row index 1)" in text and "'stance'" in text
    assert info.value.problems[0].row == 3 and info.value.problems[0].index == 1


def test_read_missing_file() -> None:
    with pytest.raises(FileNotFoundError, match=r"no_such\.csv"):
        read_evidence("no_such.csv")


def test_not_a_dataframe() -> None:
    with pytest.raises(TypeError, match="DataFrame"):
        validate_evidence([GOOD])  # type: ignore[arg-type]


def test_seed_file_is_valid_and_sourced() -> None:
    ev = read_evidence(dataset_path("evidence_seeds.csv"), sources=keys())
    assert set(REQUIRED_COLUMNS) <= set(ev.columns)
    assert set(ev["source"]) == {"samath2020", "leng2016"}
    assert ev["act_id"].is_unique
    # every contested row explains itself
    contested = ev[ev["contested"] == "yes"]
    assert (contested["note"].str.len() > 20).all()
    # Leng's acts carry his evidence window; Samath's carry a scope
    leng = ev[ev["source"] == "leng2016"]
    assert set(leng["period"]) == {"2013-2016"}
    soma = ev[ev["source"] == "samath2020"]
    assert set(soma["scope"]) == {"BRI", "FOIP", "ASEAN", "bilateral", "multilateral"}
