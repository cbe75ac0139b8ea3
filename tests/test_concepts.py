"""Tests for the concept registry (smallstate.concepts)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from smallstate._paths import dataset_path
from smallstate.cli import app as cli
from smallstate.concepts import (
    COLUMNS,
    FAMILIES,
    ConceptError,
    concept,
    concepts,
    glossary,
    load_concepts,
    related,
    search,
    table,
)
from smallstate.concepts import keys as source_keys

REQUIRED_IDS = {
    "small_state",
    "balance_of_power",
    "balancing",
    "internal_balancing",
    "external_balancing",
    "balance_of_threat",
    "bandwagoning",
    "bandwagoning_for_profit",
    "jackal_bandwagoning",
    "piling_on",
    "wave_of_the_future",
    "contagion_bandwagoning",
    "soft_balancing_paul",
    "soft_balancing_samath",
    "hedging_kuik",
    "hedging_jackson",
    "return_maximizing_option",
    "risk_contingency_option",
    "economic_pragmatism",
    "binding_engagement",
    "limited_bandwagoning",
    "economic_diversification",
    "dominance_denial",
    "indirect_balancing",
    "soft_bandwagoning",
    "limited_alignment",
    "omni_enmeshment",
    "complex_balance_of_influence",
    "neutrality",
    "non_alignment",
    "asean_centrality",
    "alignment",
    "power_acceptance_rejection",
    "hedging_critique",
}


def test_registry_size_and_required_ids() -> None:
    registry = load_concepts()
    assert len(registry) >= 28
    assert set(registry) >= REQUIRED_IDS


def test_relations_are_symmetric() -> None:
    registry = load_concepts()
    for c in registry.values():
        for b in c.broader:
            assert c.id in registry[b].narrower, (c.id, b)
        for n in c.narrower:
            assert c.id in registry[n].broader, (c.id, n)
        for x in c.contrasts:
            assert c.id in registry[x].contrasts, (c.id, x)


def test_kuik_components_hang_under_the_two_options() -> None:
    assert set(concept("return_maximizing_option").narrower) == {
        "economic_pragmatism",
        "binding_engagement",
        "limited_bandwagoning",
    }
    assert set(concept("risk_contingency_option").narrower) == {
        "economic_diversification",
        "dominance_denial",
        "indirect_balancing",
    }
    assert set(concept("bandwagoning_for_profit").narrower) == {
        "jackal_bandwagoning",
        "piling_on",
        "wave_of_the_future",
        "contagion_bandwagoning",
    }
    assert "soft_balancing_samath" in concept("soft_balancing_paul").contrasts


def test_every_source_key_resolves_and_no_invented_pages() -> None:
    known = source_keys()
    for c in concepts():
        assert c.sources, c.id
        for key, locator in c.sources:
            assert key in known, (c.id, key)
            assert "p." not in locator and "pp." not in locator, (c.id, locator)
        assert c.citations()


def test_text_fields_filled_and_seed_usage_present() -> None:
    for c in concepts():
        sentences = [s for s in c.definition.split(". ") if s.strip()]
        assert 1 <= len(sentences) <= 4, c.id
        assert c.samath_usage and c.leng_usage, c.id
        assert c.family in FAMILIES


def test_seed_terms_are_attributed_correctly() -> None:
    assert concept("soft_bandwagoning").sources[0][0] == "leng2016"
    assert "Paul" in concept("soft_balancing_samath").definition
    assert concept("hedging_kuik").family == "hedging"
    assert "defian" in concept("hedging_jackson").leng_usage


def test_aliases_resolve() -> None:
    assert concept("soft_alignment").id == "soft_bandwagoning"
    assert concept("Soft Alignment").id == "soft_bandwagoning"
    assert concept("jackal").id == "jackal_bandwagoning"
    assert concept("Hedging (Kuik)").id == "hedging_kuik"


def test_unknown_id_names_closest() -> None:
    with pytest.raises(KeyError) as info:
        concept("hedging_kuk")
    message = str(info.value)
    assert "hedging_kuk" in message and "hedging_kuik" in message
    with pytest.raises(KeyError, match=r"did you mean .*balancing"):
        concept("balancng")


def test_search_ranking() -> None:
    ids = [c.id for c in search("hedging")]
    assert ids[0] == "hedging"
    top = ids[:4]
    assert {"hedging_kuik", "hedging_jackson", "hedging_critique"} <= set(top)
    # Definition-only matches come after name matches.
    assert ids.index("soft_bandwagoning") > ids.index("hedging_kuik")
    assert [c.id for c in search("HEDGING")] == ids


def test_search_other_cases() -> None:
    assert [c.id for c in search("soft alignment")] == ["soft_bandwagoning"]
    assert search("zzzz-not-a-concept") == []
    assert len(search("")) == len(concepts())
    # All words needed when the phrase itself does not occur.
    multi = [c.id for c in search("Kuik fallback")]
    assert multi == ["hedging_kuik"]


def test_table_glossary_related() -> None:
    t = table()
    assert list(t["id"]) == [c.id for c in concepts()]
    assert {"id", "name", "family", "definition", "criteria", "citations"} <= set(t.columns)
    text = glossary()
    for c in concepts():
        assert f"### {c.name}" in text
    assert "Kuik 2008, whole article" in glossary(["hedging_kuik"])
    assert [c.id for c in related("hedging_kuik")][:1] == ["hedging"]


def test_cli_concepts_query(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    # Only the concepts subcommand: other subcommands' modules may be absent in a checkout.
    monkeypatch.setattr(cli, "_SUBCOMMANDS", {"concepts": cli._SUBCOMMANDS["concepts"]})
    assert cli.main(["concepts", "hedging"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["id", "name", "sources"]
    assert "hedging_kuik" in out and "Kuik 2008" in out
    assert cli.main(["concepts", "zzzz-nothing"]) == 1
    assert "No concept matches" in capsys.readouterr().out
    assert cli.main(["concepts"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(concepts()) + 1


# --------------------------------------------------------------------------------------------
# Malformed tables: one test per validation rule
# --------------------------------------------------------------------------------------------


def _rows() -> list[dict[str, str]]:
    with dataset_path("concepts.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _row_number(rows: list[dict[str, str]], cid: str) -> int:
    return next(i for i, r in enumerate(rows) if r["id"] == cid) + 2


def test_valid_copy_loads(tmp_path: Path) -> None:
    path = _write(tmp_path / "ok.csv", _rows())
    assert set(load_concepts(path)) == set(load_concepts())


def test_duplicate_id(tmp_path: Path) -> None:
    rows = _rows()
    rows.append(dict(rows[3]))
    path = _write(tmp_path / "dup.csv", rows)
    with pytest.raises(ConceptError) as info:
        load_concepts(path)
    message = str(info.value)
    assert "dup.csv" in message
    assert f"row {len(rows) + 1}" in message
    assert "column 'id'" in message and "duplicate id" in message


def test_empty_definition(tmp_path: Path) -> None:
    rows = _rows()
    rows[5]["definition"] = "  "
    path = _write(tmp_path / "empty.csv", rows)
    with pytest.raises(ConceptError, match=r"empty\.csv, row 7, column 'definition'"):
        load_concepts(path)


def test_unknown_relation_target(tmp_path: Path) -> None:
    rows = _rows()
    n = _row_number(rows, "hedging_kuik")
    rows[n - 2]["contrasts"] += "; hedging_jackon"
    path = _write(tmp_path / "rel.csv", rows)
    with pytest.raises(ConceptError) as info:
        load_concepts(path)
    message = str(info.value)
    assert f"rel.csv, row {n}, column 'contrasts'" in message
    assert "hedging_jackon" in message and "hedging_jackson" in message


def test_asymmetric_relation(tmp_path: Path) -> None:
    rows = _rows()
    n = _row_number(rows, "economic_pragmatism")
    rows[n - 2]["broader"] = "return_maximizing_option; hedging_kuik"
    path = _write(tmp_path / "asym.csv", rows)
    with pytest.raises(ConceptError, match=rf"row {n}, column 'broader'.*'narrower'"):
        load_concepts(path)


def test_unknown_source_key(tmp_path: Path) -> None:
    rows = _rows()
    n = _row_number(rows, "balancing")
    rows[n - 2]["sources"] = "walt1986:whole article"
    path = _write(tmp_path / "src.csv", rows)
    with pytest.raises(ConceptError) as info:
        load_concepts(path)
    message = str(info.value)
    assert f"src.csv, row {n}, column 'sources'" in message
    assert "walt1986" in message and "walt1985" in message


def test_missing_column(tmp_path: Path) -> None:
    columns = tuple(c for c in COLUMNS if c != "criteria")
    path = _write(tmp_path / "cols.csv", _rows(), columns)
    with pytest.raises(ConceptError, match=r"cols\.csv, row 1 \(header\).*criteria"):
        load_concepts(path)


def test_bad_id_and_alias_clash(tmp_path: Path) -> None:
    rows = _rows()
    rows[0]["id"] = "Small State"
    path = _write(tmp_path / "id.csv", rows)
    with pytest.raises(ConceptError, match=r"row 2, column 'id'.*snake_case"):
        load_concepts(path)
    rows = _rows()
    n = _row_number(rows, "neutrality")
    rows[n - 2]["aliases"] = "soft alignment"
    path = _write(tmp_path / "alias.csv", rows)
    with pytest.raises(ConceptError, match=rf"row {n}, column 'aliases'.*soft_bandwagoning"):
        load_concepts(path)
