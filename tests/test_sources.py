"""Tests for the course bibliography (smallstate.concepts.sources)."""

from __future__ import annotations

from pathlib import Path

import bibtexparser
import pytest

from smallstate.concepts import (
    BibliographyError,
    bibliography,
    cite,
    cite_many,
    keys,
    load_bibliography,
    reference,
    source,
    sources,
    to_bibtex,
)

REQUIRED_KEYS = {
    "samath2020",
    "leng2016",
    "waltz1979",
    "walt1985",
    "walt1987",
    "schweller1994",
    "paul2005",
    "kuik2008",
    "kuik2016",
    "jackson2014",
    "goh2005",
    "goh2007",
    "limcooper2015",
    "ciorciari2010",
    "haacke2019",
    "korolev2019",
    "voeten2009",
    "kong2015",
    "okabeito2008",
}


def test_every_required_key_present() -> None:
    missing = REQUIRED_KEYS - keys()
    assert not missing, f"missing bibliography keys: {sorted(missing)}"


def test_known_details() -> None:
    assert source("schweller1994").pages == "72–107"
    assert source("jackson2014").volume == "14"
    assert source("jackson2014").number == "3"
    assert source("walt1987").container == "Cornell University Press"
    assert "1990" in source("walt1987").note
    assert "2020 No 03" in source("samath2020").note
    assert source("voeten2009").doi == "10.7910/DVN/LEJUQZ"
    assert "1902.1/12379" in source("voeten2009").note
    assert source("kong2015").url.endswith("2694550.html")
    assert source("leng2016").entry_type == "misc"
    assert source("haacke2019").authors == ("Haacke, Jürgen",)


@pytest.mark.parametrize(
    ("key", "locator", "expected"),
    [
        ("leng2016", None, "Leng 2016"),
        ("limcooper2015", None, "Lim and Cooper 2015"),
        ("voeten2009", None, "Voeten et al. 2009"),
        ("paul2005", None, "Paul 2005"),
        (
            "samath2020",
            "'Cambodia and ASEAN: A Hedging Space', para. 2",
            "Samath 2020, 'Cambodia and ASEAN: A Hedging Space', para. 2",
        ),
    ],
)
def test_cite_formats(key: str, locator: str | None, expected: str) -> None:
    assert cite(key, locator) == expected


def test_cite_many_keeps_order_and_locators() -> None:
    assert cite_many(["walt1985", ("kuik2008", "whole article")]) == (
        "Walt 1985; Kuik 2008, whole article"
    )


def test_unknown_key_names_closest_keys() -> None:
    with pytest.raises(KeyError) as info:
        source("kuik2009")
    message = str(info.value)
    assert "kuik2009" in message
    assert "kuik2008" in message and "kuik2016" in message
    with pytest.raises(KeyError, match="walt1985"):
        cite("wlat1985")


def test_reference_lines() -> None:
    assert reference("walt1985") == (
        'Walt, Stephen M. 1985. "Alliance Formation and the Balance of World Power." '
        "International Security 9 (4): 3–43."
    )
    assert "Georgetown University Press" in reference("ciorciari2010")
    assert "Erik, Anton Strezhnev, and Michael Bailey" in reference("voeten2009")
    assert "https://doi.org/10.1080/09636412.2015.1103130" in reference("limcooper2015")


def test_bibliography_table_sorted_and_complete() -> None:
    table = bibliography()
    assert list(table.columns) == [
        "key",
        "type",
        "authors",
        "year",
        "title",
        "container",
        "volume",
        "number",
        "pages",
        "doi",
        "url",
    ]
    assert set(table["key"]) == set(keys())
    first_authors = [a.split(",")[0].lower() for a in table["authors"]]
    assert first_authors == sorted(first_authors)
    # Same surname: sorted by year.
    walts = table[table["authors"].str.startswith("Walt, ")]
    assert list(walts["key"]) == ["walt1985", "walt1987"]


def test_to_bibtex_round_trips() -> None:
    text = to_bibtex()
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    assert {e.key for e in library.entries} == set(keys())
    by_key = {e.key: e for e in library.entries}
    for key in keys():
        original = source(key).fields
        reparsed = {f.key.lower(): f.value for f in by_key[key].fields}
        assert reparsed == dict(original), key


def test_to_bibtex_subset_and_reload(tmp_path: Path) -> None:
    path = tmp_path / "subset.bib"
    path.write_text(to_bibtex(["kuik2008", "leng2016"]), encoding="utf-8")
    loaded = load_bibliography(path)
    assert set(loaded) == {"kuik2008", "leng2016"}
    assert loaded["kuik2008"] == source("kuik2008")


def test_appended_section_is_tolerated(tmp_path: Path) -> None:
    text = sources.dataset_path("references.bib").read_text(encoding="utf-8")
    text += "\n% a comment from another module\n@misc{extra2021,\n  author = {Doe, Jane},\n"
    text += "  title = {An Appended Entry},\n  year = {2021},\n  keywords = {test},\n}\n"
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    loaded = load_bibliography(path)
    assert "extra2021" in loaded
    assert set(loaded) >= REQUIRED_KEYS


def test_malformed_bib_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.bib"
    path.write_text(
        "@book{good1, author = {A, B}, title = {T}, year = {2000}}\n"
        "\n"
        "@article{broken2, author = {C, D}, title = {Unclosed\n"
        "@book{good3, author = {E, F}, title = {T}, year = {2001}}\n",
        encoding="utf-8",
    )
    with pytest.raises(BibliographyError) as info:
        load_bibliography(path)
    message = str(info.value)
    assert "broken.bib" in message
    assert "line 3" in message
    assert "@article{broken2" in message


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "dup.bib"
    path.write_text(
        "@book{same, author = {A, B}, title = {T}, year = {2000}}\n"
        "@book{same, author = {A, B}, title = {U}, year = {2001}}\n",
        encoding="utf-8",
    )
    with pytest.raises(BibliographyError, match=r"dup\.bib, line 2.*duplicate key 'same'"):
        load_bibliography(path)


@pytest.mark.parametrize(
    ("body", "pattern"),
    [
        ("@book{x1, title = {T}, year = {2000}}", r"'x1' lacks required field\(s\): author"),
        ("@book{x2, author = {A, B}, title = {T}, year = {c. 2000}}", r"'x2', field 'year'"),
    ],
)
def test_missing_or_bad_fields(tmp_path: Path, body: str, pattern: str) -> None:
    path = tmp_path / "fields.bib"
    path.write_text("% header\n" + body + "\n", encoding="utf-8")
    with pytest.raises(BibliographyError, match=pattern) as info:
        load_bibliography(path)
    assert "fields.bib, line 2" in str(info.value)
