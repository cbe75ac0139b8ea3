"""figures.csv and projects.csv: every figure as the seeds state it; conflicts and ambiguity."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from smallstate.data import ambiguous_figures, conflicts, load

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"
SEED_FILES = {"samath2020": "000_1535b6e4444a085c.txt", "leng2016": "001_3b70fa4123dba83c.txt"}


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", text).lower()


@pytest.fixture(scope="module")
def seeds(seed_texts: Path) -> dict[str, str]:
    return {k: _norm((seed_texts / v).read_text(encoding="utf-8")) for k, v in SEED_FILES.items()}


@pytest.mark.shared_data("seeds")
def test_every_seed_figure_is_quoted_from_its_seed(seeds: dict[str, str]) -> None:
    figures = load("figures")
    for row in figures.itertuples():
        if row.source not in seeds:
            continue
        for part in str(row.as_stated).split("..."):
            assert _norm(part.strip()) in seeds[row.source], (row.id, part)


@pytest.mark.shared_data("seeds")
def test_every_samath_locator_names_a_real_heading(seeds: dict[str, str]) -> None:
    for name in ("figures", "projects"):
        table = load(name)
        for row in table.itertuples():
            headings = re.findall(r"'([^']+(?:'[a-z][^']*)*)'", str(row.locator))
            if row.source != "samath2020" or not headings:
                continue
            assert _norm(headings[0]) in seeds["samath2020"], (row.id, row.locator)


# Figures named in the issue, checked against their exact values and qualifiers.
EXPECTED = [
    ("F001", 1.024e12, "USD", "at least"),
    ("F002", 113e6, "USD", "announced"),
    ("F012", 9e9, "USD", "needed"),
    ("F013", 850, "km", "planned"),
    ("F014", 2230, "km", "planned"),
    ("F015", 190, "km", "exact"),
    ("F018", 400, "MW", "exact"),
    ("F019", 20, "percent", "expected"),
    ("F021", 338, "MW", "exact"),
    ("F022", 100, "count", "more than"),
    ("F023", 200000, "count", "more than"),
    ("F024", 3.8e9, "USD", "exact"),
    ("F025", 1.1e9, "USD", "more than"),
    ("F026", 10e9, "USD", "target"),
    ("F040", 2.9e9, "USD", "more than"),
    ("F043", 120e6, "USD", "exact"),
    ("F044", 2.2, "km", "exact"),
    ("F045", 203e6, "USD", "exact"),
]


@pytest.mark.parametrize(("fid", "value", "unit", "qualifier"), EXPECTED)
def test_issue_figures(fid: str, value: float, unit: str, qualifier: str) -> None:
    row = load("figures").set_index("id").loc[fid]
    assert row["value"] == pytest.approx(value)
    assert row["unit"] == unit
    assert row["qualifier"] == qualifier


def test_japan_oda_is_flagged_ambiguous() -> None:
    table = ambiguous_figures()
    oda = table.loc[table["entity"] == "Japan ODA to Cambodia"]
    assert len(oda) == 1 and "cumulative" in oda["ambiguity_note"].iloc[0]


def test_ambiguity_notes_exactly_when_ambiguous() -> None:
    figures = load("figures")
    flagged = figures["ambiguous"] == "yes"
    assert figures.loc[flagged, "ambiguity_note"].notna().all()
    assert figures.loc[~flagged, "ambiguity_note"].isna().all()


def test_conflicts_finds_the_real_disagreements_and_not_equal_values() -> None:
    table = conflicts()
    assert set(table["id"]) == {"F053", "F054", "F024", "F069"}
    walt = table.loc[table["indicator"] == "publication year"]
    assert set(walt["source"]) == {"leng2016", "walt1987"}
    trade = table.loc[table["indicator"] == "two-way trade"]
    assert sorted(trade["value"]) == [3.8e9, 9.42e9]
    # The CSP year is given by both seeds with different precision but the same value.
    assert not table["indicator"].str.contains("Comprehensive Strategic Partnership").any()


def test_conflicts_is_real_code_over_rows(tmp_path: Path) -> None:
    folder = tmp_path / "datasets"
    shutil.copytree(DATASETS, folder, ignore=shutil.ignore_patterns("build"))
    with open(folder / "figures.csv", "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            [
                "F999",
                "Lower Sesan II hydropower plant",
                "generating capacity",
                "420",
                "MW",
                "",
                "test",
                "exact",
                "no",
                "",
                "leng2016",
                "para. 1",
                "synthetic row for the test",
            ]
        )
    table = conflicts(folder)
    dam = table.loc[table["indicator"] == "generating capacity"]
    assert sorted(dam["id"]) == ["F018", "F999"]
    assert (dam["n_values"] == 2).all()


def test_project_amounts_agree_with_figures() -> None:
    projects = load("projects").set_index("id")
    figures = load("figures").set_index("id")
    assert projects.loc["PRJ08", "amount_usd"] == figures.loc["F043", "value"]
    assert projects.loc["PRJ12", "amount_usd"] == figures.loc["F045", "value"]
    assert projects.loc["PRJ05", "size"] == figures.loc["F018", "value"]
    assert projects.loc["PRJ06", "size"] == figures.loc["F021", "value"]
    assert projects.loc["PRJ13", "amount_usd"] == figures.loc["F012", "value"]


def test_project_components_point_to_a_package() -> None:
    projects = load("projects")
    parts = projects.dropna(subset=["part_of"])
    assert set(parts["part_of"]) <= set(projects["id"])
    assert parts["amount_usd"].isna().all()


def test_amount_and_qualifier_go_together() -> None:
    projects = load("projects")
    assert (projects["amount_usd"].isna() == projects["amount_qualifier"].isna()).all()
    assert (projects["size"].isna() == projects["size_unit"].isna()).all()
