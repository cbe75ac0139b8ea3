"""Tests for smallstate.unvotes on a synthetic fixture and, when present, the real Voeten data.

The fixture (tests/data/unvotes_fixture, table in its README.md) has seven roll calls:

    rcid date        issues   Cambodia China    US       Japan    Namibia
    1    1990-09-20  hr       yes      yes      no       abstain  yes
    2    1990-10-05  hr, me   abstain  abstain  no       abstain  yes
    3    1990-12-10  -        -        yes      yes      yes      no
    4    1991-03-01  ec       no       yes      no       no       abstain
    5    1991-11-15  hr       yes      yes      abstain  yes      -
    6    1992-12-01  -        yes      -        -        -        -
    7    1992-01-10  -        -        no       no       yes      yes      (session 46, dated 1992)
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
import socket
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from strategies import vote_frames

from smallstate import unvotes
from smallstate.unvotes import (
    ChecksumError,
    DownloadError,
    VotesFileError,
    agreement,
    agreement_all_pairs,
    fetch_votes,
    load_votes,
    pooled,
)

REPO = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "data" / "unvotes_fixture"
FILES = ("un_votes.csv.gz", "un_roll_calls.csv.gz", "un_roll_call_issues.csv.gz")
REFERENCE = "agreement_asean_reference.csv"


# The real data ($SMALLSTATE_UNVOTES or ../shared/data/unvotes): see tests/conftest.py.
needs_raw = pytest.mark.shared_data("unvotes")


@pytest.fixture(scope="module")
def votes() -> unvotes.Votes:
    return load_votes(FIXTURE)


@pytest.fixture(scope="module")
def real(unvotes_raw: Path) -> unvotes.Votes:
    return load_votes(unvotes_raw)


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


def test_load_types_and_namibia(votes: unvotes.Votes) -> None:
    v, rc = votes.votes, votes.roll_calls
    assert v["rcid"].dtype == np.int64
    assert isinstance(v["country"].dtype, pd.CategoricalDtype)
    assert list(v["vote"].cat.categories) == ["yes", "abstain", "no"]
    assert pd.api.types.is_datetime64_any_dtype(rc["date"])
    assert rc["year"].dtype == np.int64
    # rcid 7 is in session 46 but dated 1992: year follows the date.
    assert rc.set_index("rcid").loc[7, "year"] == 1992
    # Namibia's code is the string "NA", not a missing value; Yemen Arab Republic's is missing.
    codes = v.groupby("country", observed=True)["country_code"].first()
    assert codes["Namibia"] == "NA"
    assert v.loc[v["country"] == "Yemen Arab Republic", "country_code"].isna().all()
    assert (v["country"] == "Namibia").sum() == 5  # rcids 1, 2, 3, 4, 7
    # importantvote left empty in the file stays missing.
    assert rc["importantvote"].isna().sum() == 1
    assert len(v) == 30 and len(rc) == 7 and len(votes.issues) == 5


def test_load_from_env_and_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SMALLSTATE_UNVOTES", str(FIXTURE))
    assert len(load_votes().votes) == 30
    monkeypatch.setenv("SMALLSTATE_UNVOTES", str(tmp_path / "nowhere"))
    monkeypatch.setattr(unvotes.files, "_cache_dir", lambda: tmp_path / "cache")
    with pytest.raises(FileNotFoundError) as err:
        load_votes()
    message = str(err.value)
    assert "nowhere" in message and "cache" in message and "fetch_votes()" in message


def _copy_fixture(tmp_path: Path) -> Path:
    target = tmp_path / "raw"
    shutil.copytree(FIXTURE, target)
    return target


def _rewrite(path: Path, old: str, new: str) -> None:
    text = gzip.decompress(path.read_bytes()).decode()
    assert old in text
    path.write_bytes(gzip.compress(text.replace(old, new, 1).encode()))


@pytest.mark.parametrize(
    ("file", "old", "new", "row", "column"),
    [
        # "2,Namibia,NA,yes" is the 10th data line of un_votes; header is row 1, so row 11.
        ("un_votes.csv.gz", "2,Namibia,NA,yes", "2,Namibia,NA,maybe", 11, "vote"),
        ("un_votes.csv.gz", "4,China,CN,yes", "4x,China,CN,yes", 19, "rcid"),
        ("un_roll_calls.csv.gz", "1991-11-15", "1991-13-15", 6, "date"),
        ("un_roll_call_issues.csv.gz", "4,ec,", "4,xx,", 5, "short_name"),
        ("un_votes.csv.gz", "5,China,CN,yes", "9,China,CN,yes", 24, "rcid"),
    ],
)
def test_malformed_file_names_file_row_column(
    tmp_path: Path, file: str, old: str, new: str, row: int, column: str
) -> None:
    folder = _copy_fixture(tmp_path)
    _rewrite(folder / file, old, new)
    with pytest.raises(VotesFileError) as err:
        load_votes(folder)
    message = str(err.value)
    assert file in message
    assert f"row {row}," in message
    assert f"column {column!r}" in message


def test_missing_column(tmp_path: Path) -> None:
    folder = _copy_fixture(tmp_path)
    _rewrite(
        folder / "un_votes.csv.gz", "rcid,country,country_code,vote", "rcid,country,code,ballot"
    )
    with pytest.raises(VotesFileError, match=r"un_votes\.csv\.gz: row 1 \(header\).*'vote'"):
        load_votes(folder)


def test_duplicate_vote_row(tmp_path: Path) -> None:
    folder = _copy_fixture(tmp_path)
    _rewrite(folder / "un_votes.csv.gz", "1,China,CN,yes\n", "1,China,CN,yes\n1,China,CN,no\n")
    with pytest.raises(VotesFileError, match=r"row 4, column 'country'.*China"):
        load_votes(folder)


# --------------------------------------------------------------------------------------------
# Agreement: hand-computed from the fixture table above
# --------------------------------------------------------------------------------------------


def _rows(table: pd.DataFrame) -> list[tuple[object, ...]]:
    cols = ["year", "n_rollcalls_year", "n_a_voted", "n_b_voted", "n_both", "n_same"]
    return [tuple(int(x) for x in row) for row in table[cols].itertuples(index=False)]


def test_agreement_cambodia_china(votes: unvotes.Votes) -> None:
    table = agreement(votes, "Cambodia", "China")
    # 1990: rcids 1, 2, 3. Cambodia voted on 1, 2; China on 1, 2, 3. Both: 1 (yes/yes, same),
    #       2 (abstain/abstain, same) -> n_both 2, n_same 2, agreement 1.0.
    # 1991: rcids 4, 5. Both voted on both: 4 (no/yes, differ), 5 (yes/yes, same) -> 2, 1, 0.5.
    # 1992: rcids 6 (Cambodia only) and 7 (China only) -> n_both 0, agreement missing.
    assert _rows(table) == [
        (1990, 3, 2, 3, 2, 2),
        (1991, 2, 2, 2, 2, 1),
        (1992, 2, 1, 1, 0, 0),
    ]
    assert table["agreement"].iloc[:2].tolist() == [1.0, 0.5]
    assert np.isnan(table["agreement"].iloc[2])
    # S (yes 1, abstain 0.5, no 0; S = 1 - 2 mean|x - y|). 1990: |1-1|, |.5-.5| -> S = 1.
    # 1991: |0-1| = 1, |1-1| = 0 -> mean 0.5 -> S = 0.
    # kappa. 1990: p_o = 1; Cambodia yes 1/2, abstain 1/2, China the same -> p_e = 1/4 + 1/4
    # = 1/2 -> (1 - 1/2) / (1 - 1/2) = 1. 1991: p_o = 1/2; Cambodia yes 1/2, no 1/2; China
    # yes 1 -> p_e = 1/2 -> 0. 1992: no shared vote -> both missing.
    assert table["s_score"].iloc[:2].tolist() == [1.0, 0.0]
    assert table["kappa"].iloc[:2].tolist() == [1.0, 0.0]
    assert table[["s_score", "kappa"]].iloc[2].isna().all()


def test_agreement_other_pairs(votes: unvotes.Votes) -> None:
    # Cambodia-US. 1990: 1 yes/no, 2 abstain/no -> 2, 0. 1991: 4 no/no (same),
    # 5 yes/abstain (differ: abstain only matches abstain) -> 2, 1. 1992: none.
    us = agreement(votes, "Cambodia", "United States")
    assert us[["n_both", "n_same"]].to_numpy().tolist() == [[2, 0], [2, 1], [0, 0]]
    assert us["agreement"].iloc[:2].tolist() == [0.0, 0.5]
    # Cambodia-Japan. 1990: 1 yes/abstain, 2 abstain/abstain -> 2, 1. 1991: 4 no/no, 5 yes/yes -> 2, 2.
    jp = agreement(votes, "Cambodia", "Japan")
    assert jp[["n_both", "n_same"]].to_numpy().tolist() == [[2, 1], [2, 2], [0, 0]]
    # China-US. 1990: 1 yes/no, 2 abstain/no, 3 yes/yes -> 3, 1 = 0.333333 (6 decimals).
    # 1991: 4 yes/no, 5 yes/abstain -> 2, 0. 1992: 7 no/no -> 1, 1.
    cu = agreement(votes, "China", "United States")
    assert cu[["n_both", "n_same"]].to_numpy().tolist() == [[3, 1], [2, 0], [1, 1]]
    assert cu["agreement"].tolist() == [0.333333, 0.0, 1.0]
    # S. 1990: |1-0| = 1, |.5-0| = .5, |1-1| = 0 -> mean .5 -> 0. 1991: 1, .5 -> mean .75 ->
    # -0.5. 1992: identical -> 1.
    assert cu["s_score"].tolist() == [0.0, -0.5, 1.0]
    # kappa. 1990: p_o = 1/3; China yes 2/3, abstain 1/3; US no 2/3, yes 1/3 -> p_e = 2/9
    # -> (1/3 - 2/9) / (7/9) = 1/7 = 0.142857. 1991: p_o = 0; China yes 1; US no 1/2,
    # abstain 1/2 -> p_e = 0 -> kappa 0. 1992: both voted no on the one roll call: p_e = 1,
    # kappa undefined (NaN) although agreement and S are 1.
    assert cu["kappa"].iloc[:2].tolist() == [0.142857, 0.0]
    assert np.isnan(cu["kappa"].iloc[2])
    # Namibia (code "NA") - China. 1990: 1 yes/yes, 2 yes/abstain, 3 no/yes -> 3, 1.
    # 1991: 4 abstain/yes -> 1, 0. 1992: 7 yes/no -> 1, 0.
    na = agreement(votes, "Namibia", "China")
    assert na[["n_both", "n_same"]].to_numpy().tolist() == [[3, 1], [1, 0], [1, 0]]
    # S. 1990: 0, .5, 1 -> mean .5 -> 0. 1991: .5 -> 0. 1992: 1 -> -1.
    assert na["s_score"].tolist() == [0.0, 0.0, -1.0]
    # kappa. 1990: p_o = 1/3; Namibia yes 2/3, no 1/3; China yes 2/3, abstain 1/3 -> p_e = 4/9
    # -> (3/9 - 4/9) / (5/9) = -1/5. 1991, 1992: p_o = 0, p_e = 0 -> 0.
    assert na["kappa"].tolist() == [-0.2, 0.0, 0.0]


def test_agreement_is_symmetric_in_counts(votes: unvotes.Votes) -> None:
    ab = agreement(votes, "Cambodia", "Japan")
    ba = agreement(votes, "Japan", "Cambodia")
    assert ab["n_both"].tolist() == ba["n_both"].tolist()
    assert ab["n_a_voted"].tolist() == ba["n_b_voted"].tolist()


def test_pooled_and_by_none(votes: unvotes.Votes) -> None:
    # All years: Cambodia-China n_both 2 + 2 + 0 = 4, n_same 2 + 1 + 0 = 3 -> 0.75.
    row = agreement(votes, "Cambodia", "China", by=None)
    assert "year" not in row.columns
    assert row[["n_rollcalls", "n_both", "n_same"]].iloc[0].tolist() == [7, 4, 3]
    assert row["agreement"].iloc[0] == 0.75
    # Pooled S: |d| = 0, 0, 1, 0 -> mean 1/4 -> 0.5. Pooled kappa: Cambodia yes 2/4, abstain
    # 1/4, no 1/4; China yes 3/4, abstain 1/4 -> p_e = 6/16 + 1/16 = 7/16 -> (12/16 - 7/16)
    # / (9/16) = 5/9 = 0.555556 (pooling is not the mean of the yearly kappas).
    assert row["s_score"].iloc[0] == 0.5
    assert row["kappa"].iloc[0] == 0.555556
    # years=(1991, 1992): 2 + 0 both, 1 same -> 0.5.
    assert agreement(votes, "Cambodia", "China", by=None, years=(1991, 1992))["agreement"][0] == 0.5
    table = pooled(votes, ["Cambodia"], ["China", "United States", "Cambodia"], years=None)
    # Self pair skipped; Cambodia-US pooled: n_both 4, n_same 1 -> 0.25.
    assert table[["partner", "n_both", "n_same", "agreement"]].values.tolist() == [
        ["China", 4, 3, 0.75],
        ["United States", 4, 1, 0.25],
    ]


def test_issue_filter(votes: unvotes.Votes) -> None:
    # hr roll calls: 1, 2 (1990) and 5 (1991); 1992 has none, so it is not a row.
    hr = agreement(votes, "Cambodia", "China", issue="hr")
    assert hr["year"].tolist() == [1990, 1991]
    assert hr["n_rollcalls_year"].tolist() == [2, 1]
    # Cambodia-China: 1 same, 2 same -> 2, 2; 5 same -> 1, 1.
    assert hr[["n_both", "n_same"]].to_numpy().tolist() == [[2, 2], [1, 1]]
    # Cambodia-US on hr: 1 yes/no, 2 abstain/no -> 2, 0; 5 yes/abstain -> 1, 0.
    hr_us = agreement(votes, "Cambodia", "United States", issue="hr")
    assert hr_us[["n_both", "n_same"]].to_numpy().tolist() == [[2, 0], [1, 0]]
    # me: only rcid 2 (abstain/no) -> 1, 0.
    me = agreement(votes, "Cambodia", "United States", issue="me")
    assert me[["year", "n_both", "n_same"]].to_numpy().tolist() == [[1990, 1, 0]]
    with pytest.raises(ValueError, match="unknown issue code 'xx'"):
        agreement(votes, "Cambodia", "China", issue="xx")


def test_na_when_no_shared_vote(votes: unvotes.Votes) -> None:
    table = agreement_all_pairs(votes)
    empty = table[table["n_both"] == 0]
    assert len(empty) > 0
    assert empty["agreement"].isna().all()
    assert table.loc[table["n_both"] > 0, "agreement"].notna().all()


def test_unknown_country_suggests(votes: unvotes.Votes) -> None:
    with pytest.raises(KeyError, match="'Cambodia'"):
        agreement(votes, "Cambodja", "China")
    with pytest.raises(KeyError, match="United States"):
        agreement(votes, "Cambodia", "United State")
    with pytest.raises(KeyError, match="unknown country 'Kampuchea' in the UN votes"):
        agreement_all_pairs(votes, ["Cambodia", "Kampuchea"])


def test_all_pairs_equals_pairwise(votes: unvotes.Votes) -> None:
    table = agreement_all_pairs(votes)
    names = votes.countries
    assert len(table) == 3 * len(names) * (len(names) - 1)  # 3 years, ordered pairs
    for a in names:
        for b in names:
            if a == b:
                continue
            pair = agreement(votes, a, b)
            sub = table[(table["country"] == a) & (table["partner"] == b)].reset_index(drop=True)
            pd.testing.assert_series_equal(sub["n_both"], pair["n_both"])
            pd.testing.assert_series_equal(sub["n_same"], pair["n_same"])
            for column in ("agreement", "s_score", "kappa"):
                pd.testing.assert_series_equal(sub[column], pair[column])
            pd.testing.assert_series_equal(
                sub["n_country_voted"], pair["n_a_voted"], check_names=False
            )


def test_all_pairs_against_naive_merge(votes: unvotes.Votes) -> None:
    """Independent check: a plain merge on rcid, grouped by year."""
    v = votes.votes.merge(votes.roll_calls[["rcid", "year"]], on="rcid")
    v = v.assign(country=v["country"].astype(str), vote=v["vote"].astype(str))
    pairs = v.merge(v, on=["rcid", "year"], suffixes=("", "_p"))
    pairs = pairs[pairs["country"] != pairs["country_p"]]
    naive = (
        pairs.assign(same=pairs["vote"] == pairs["vote_p"])
        .groupby(["year", "country", "country_p"])
        .agg(n_both=("same", "size"), n_same=("same", "sum"))
        .reset_index()
        .rename(columns={"country_p": "partner"})
    )
    fast = agreement_all_pairs(votes)
    fast = fast[fast["n_both"] > 0]
    merged = naive.merge(fast, on=["year", "country", "partner"], how="outer", indicator=True)
    assert (merged["_merge"] == "both").all()
    assert (merged["n_both_x"] == merged["n_both_y"]).all()
    assert (merged["n_same_x"] == merged["n_same_y"]).all()


def _naive_pair(votes: pd.DataFrame, roll_calls: pd.DataFrame, a: str, b: str) -> dict:
    """Agreement, S and kappa of a with b, per year, straight from the definitions (one pair)."""
    value = {"yes": 1.0, "abstain": 0.5, "no": 0.0}
    years = roll_calls.assign(year=pd.to_datetime(roll_calls["date"]).dt.year)
    out = {}
    for year, rcids in years.groupby("year")["rcid"]:
        va = votes[(votes["country"] == a) & votes["rcid"].isin(rcids)].set_index("rcid")["vote"]
        vb = votes[(votes["country"] == b) & votes["rcid"].isin(rcids)].set_index("rcid")["vote"]
        shared = sorted(set(va.index) & set(vb.index))
        if not shared:
            out[year] = (len(shared), np.nan, np.nan, np.nan)
            continue
        xa, xb = [va[r] for r in shared], [vb[r] for r in shared]
        n = len(shared)
        p_o = sum(x == y for x, y in zip(xa, xb, strict=True)) / n
        s = 1 - 2 * sum(abs(value[x] - value[y]) for x, y in zip(xa, xb, strict=True)) / n
        p_e = sum((xa.count(k) / n) * (xb.count(k) / n) for k in value)
        kappa = np.nan if p_e == 1 else (p_o - p_e) / (1 - p_e)
        out[year] = (n, p_o, s, kappa)
    return out


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vote_frames())
def test_measures_equal_naive_definitions(frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    """agreement_all_pairs (vectorized) against a per-pair loop over the definitions."""
    votes_df, roll_calls = frames
    assume(not votes_df.empty)  # filtered and counted by hypothesis, not passed silently
    v = unvotes.votes_from_frames(votes_df, roll_calls)
    table = agreement_all_pairs(v)
    for (a, b), rows in table.groupby(["country", "partner"], observed=True):
        naive = _naive_pair(votes_df, roll_calls, str(a), str(b))
        for row in rows.itertuples(index=False):
            n, p_o, s, kappa = naive[row.year]
            assert row.n_both == n
            for got, want in ((row.agreement, p_o), (row.s_score, s), (row.kappa, kappa)):
                assert np.isnan(got) == np.isnan(want), (a, b, row.year)
                if not np.isnan(want):
                    assert abs(got - want) <= 5e-7 + 1e-12, (a, b, row.year, got, want)
            assert -1 <= (row.s_score if n else 0) <= 1
            if not np.isnan(row.kappa):
                assert -1 <= row.kappa <= 1


# --------------------------------------------------------------------------------------------
# Downloading, served from a loopback http.server (no network)
# --------------------------------------------------------------------------------------------


def _sums(folder: Path, names: tuple[str, ...] = FILES) -> dict[str, str]:
    return {n: hashlib.sha256((folder / n).read_bytes()).hexdigest() for n in names}


def test_fetch_packaged_with_checksums(serve_folder: Callable[[Path], str], tmp_path: Path) -> None:
    url = serve_folder(FIXTURE)
    cache = tmp_path / "cache"
    out = fetch_votes(cache, base_url=url, sha256=_sums(FIXTURE), progress=False)
    assert out == cache
    assert sorted(p.name for p in cache.iterdir()) == sorted(FILES)
    assert _sums(cache) == _sums(FIXTURE)
    assert len(load_votes(cache).votes) == 30
    # Present files are not downloaded again (the server could be gone).
    assert fetch_votes(cache, base_url="http://127.0.0.1:9/", progress=False) == cache


def test_fetch_checksum_mismatch_leaves_nothing(
    serve_folder: Callable[[Path], str], tmp_path: Path
) -> None:
    url = serve_folder(FIXTURE)
    cache = tmp_path / "cache"
    # The module's SHA256 table holds the real files' sums, so the fixture's bytes mismatch.
    with pytest.raises(ChecksumError, match="SHA-256"):
        fetch_votes(cache, base_url=url, progress=False)
    assert list(cache.iterdir()) == []


def test_fetch_unreachable_is_clear(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port on loopback that nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cache = tmp_path / "cache"
    with pytest.raises(DownloadError) as err:
        fetch_votes(cache, base_url=f"http://127.0.0.1:{port}/", progress=False, timeout=5)
    message = str(err.value)
    assert "could not download" in message and "are you offline?" in message
    assert str(cache) in message and "SMALLSTATE_UNVOTES" in message
    assert isinstance(err.value, OSError)
    assert list(cache.iterdir()) == []


def test_fetch_tidytuesday_layout(serve_folder: Callable[[Path], str], tmp_path: Path) -> None:
    """The public copy is plain CSV, written by readr with missing values as "NA"."""
    site = tmp_path / "site"
    site.mkdir()
    for packaged, public in zip(
        unvotes.FILES.values(), unvotes.TIDYTUESDAY_FILES.values(), strict=True
    ):
        text = gzip.decompress((FIXTURE / packaged).read_bytes()).decode()
        text = text.replace("Yemen Arab Republic,,", "Yemen Arab Republic,NA,")
        text = text.replace("2,45,1,1990-10-05,R/45/2,,,", "2,45,1,1990-10-05,R/45/2,NA,NA,")
        (site / public).write_text(text)
    url = serve_folder(site)
    cache = tmp_path / "cache"
    with pytest.warns(UserWarning, match="no published SHA-256"):
        fetch_votes(cache, base_url=url, layout="tidytuesday", progress=False)
    loaded = load_votes(cache)
    codes = loaded.votes.groupby("country", observed=True)["country_code"].first()
    assert codes["Namibia"] == "NA"
    assert (
        loaded.votes.loc[loaded.votes["country"] == "Yemen Arab Republic", "country_code"]
        .isna()
        .all()
    )
    assert loaded.roll_calls["amend"].isna().sum() == 1
    pd.testing.assert_frame_equal(
        agreement_all_pairs(loaded), agreement_all_pairs(load_votes(FIXTURE))
    )
    # Pinned sums are checked for these files too.
    with pytest.raises(ChecksumError):
        fetch_votes(
            tmp_path / "c2",
            base_url=url,
            layout="tidytuesday",
            progress=False,
            sha256={"unvotes.csv": "0" * 64},
        )


# --------------------------------------------------------------------------------------------
# Real data (marked shared_data: skipped where the raw folder is absent)
# --------------------------------------------------------------------------------------------


@needs_raw
def test_real_matches_reference_every_row(real: unvotes.Votes, unvotes_raw: Path) -> None:
    ref = pd.read_csv(unvotes_raw / REFERENCE, keep_default_na=False, na_values=[""])
    countries = sorted(ref["country"].unique())
    partners = sorted(ref["partner"].unique())
    table = agreement_all_pairs(real, [*countries, *partners], years=(1990, 2020))
    got = ref[["year", "country", "partner"]].merge(
        table, on=["year", "country", "partner"], how="left", validate="one_to_one"
    )
    assert len(got) == len(ref) == 744
    for column in ("n_rollcalls_year", "n_country_voted", "n_partner_voted", "n_both", "n_same"):
        assert (got[column].to_numpy() == ref[column].to_numpy()).all(), column
    assert (got["agreement"].isna() == ref["agreement"].isna()).all()
    np.testing.assert_allclose(got["agreement"].dropna(), ref["agreement"].dropna(), atol=1e-6)
    # The README's documented empty years for Cambodia.
    empty = ref[(ref["country"] == "Cambodia") & ref["agreement"].isna()]["year"].unique()
    assert sorted(empty) == [1990, 1992, 1998]


@needs_raw
def test_real_pooled_matches_readme(real: unvotes.Votes) -> None:
    # README: pooled 1990-2019 with China / US / Japan, 3 decimals.
    expected = {
        "Cambodia": (0.851, 0.201, 0.618),
        "Laos": (0.882, 0.139, 0.563),
        "Vietnam": (0.894, 0.145, 0.556),
        "Indonesia": (0.853, 0.183, 0.576),
        "Malaysia": (0.853, 0.200, 0.600),
        "Philippines": (0.831, 0.209, 0.620),
        "Singapore": (0.815, 0.211, 0.621),
        "Thailand": (0.814, 0.210, 0.636),
    }
    table = pooled(real, list(expected), ["China", "United States", "Japan"])
    got = table.pivot(index="country", columns="partner", values="agreement")
    for country, values in expected.items():
        row = got.loc[country, ["China", "United States", "Japan"]].to_numpy(dtype=float)
        np.testing.assert_allclose(row, values, atol=5e-4 + 1e-9)


@needs_raw
def test_real_load_counts(real: unvotes.Votes) -> None:
    v = real.votes
    assert len(v) == 870_109 and len(real.roll_calls) == 6_203 and len(real.issues) == 5_745
    assert v["vote"].value_counts().to_dict() == {"yes": 693_664, "abstain": 110_897, "no": 65_548}
    assert v["country"].nunique() == 200
    assert set(v.loc[v["country"] == "Namibia", "country_code"].unique()) == {"NA"}
    assert v["country_code"].isna().sum() == 5_444
    assert (real.roll_calls["year"] == 2020).sum() == 1


# --------------------------------------------------------------------------------------------
# The derived table datasets/unga_agreement.csv
# --------------------------------------------------------------------------------------------

BUILD_SCRIPT = REPO / "datasets" / "build" / "build_unga_agreement.py"
DERIVED = REPO / "datasets" / "unga_agreement.csv"


def _build_module():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_unga_agreement", BUILD_SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read_derived(path: Path) -> pd.DataFrame:
    empty = {column: [""] for column in ("agreement", "s_score", "kappa")}
    return pd.read_csv(path, keep_default_na=False, na_values=empty)


def test_derived_table_shape_and_sources() -> None:
    table = _read_derived(DERIVED)
    build = _build_module()
    assert list(table.columns) == list(build.COLUMNS)
    # 13 countries x 3 partners, minus Japan-Japan, x 31 years (1990-2020).
    assert len(table) == (13 * 3 - 1) * 31
    assert set(table["source"]) == {"voeten2009"}
    assert (table["locator"] == "un_votes + un_roll_calls, year " + table["year"].astype(str)).all()
    assert not ((table["country"] == "Japan") & (table["partner"] == "Japan")).any()
    measures = ["agreement", "s_score", "kappa"]
    assert table.loc[table["n_both"] == 0, measures].isna().all(axis=None)
    assert table.loc[table["n_both"] > 0, "s_score"].notna().all()
    assert table[["s_score", "kappa"]].abs().max().max() <= 1
    assert (table["n_same"] <= table["n_both"]).all()


def test_build_script_on_fixture(tmp_path: Path) -> None:
    out = tmp_path / "agreement.csv"
    build = _build_module()
    # The fixture lacks most countries, so the script must fail clearly, naming them.
    with pytest.raises(KeyError, match="Brunei"):
        build.main(["--raw", str(FIXTURE), "--out", str(out)])


@needs_raw
def test_derived_table_equals_fresh_rebuild(
    real: unvotes.Votes, unvotes_raw: Path, tmp_path: Path
) -> None:
    build = _build_module()
    out = tmp_path / "unga_agreement.csv"
    assert build.main(["--raw", str(unvotes_raw), "--out", str(out)]) == 0
    assert out.read_bytes() == DERIVED.read_bytes(), (
        "datasets/unga_agreement.csv is stale: run datasets/build/build_unga_agreement.py"
    )
    committed = _read_derived(DERIVED)
    pd.testing.assert_frame_equal(
        committed, build.build(real).astype({c: float for c in ("agreement", "s_score", "kappa")})
    )
    # Rows that overlap the reference table equal it.
    ref = pd.read_csv(unvotes_raw / REFERENCE, keep_default_na=False, na_values={"agreement": [""]})
    both = ref.merge(committed, on=["year", "country", "partner"], suffixes=("_ref", ""))
    assert len(both) == len(ref)  # every reference pair is in the derived table
    for column in (
        "country_code",
        "partner_code",
        "n_rollcalls_year",
        "n_country_voted",
        "n_partner_voted",
        "n_both",
        "n_same",
    ):
        assert (both[column] == both[f"{column}_ref"]).all(), column
    np.testing.assert_allclose(both["agreement"], both["agreement_ref"], atol=1e-6)
