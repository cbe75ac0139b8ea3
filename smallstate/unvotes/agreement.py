"""Voting agreement between countries in the UN General Assembly, per year.

One exact method (the one behind the course's reference table): for a calendar year *Y* (year
of the roll-call **date**, not the session), take the roll calls dated in *Y* on which **both**
countries have a vote row; ``n_both`` is their number, ``n_same`` the number on which the two
votes are identical (abstain-abstain agrees, yes-abstain does not), and
``agreement = n_same / n_both`` rounded to 6 decimals, missing when ``n_both == 0``.

Two further measures of the same roll calls (absences excluded), also rounded to 6 decimals:

- ``s_score``: Signorino and Ritter's S (1999), unweighted, with yes = 1, abstain = 0.5 and
  no = 0: ``S = 1 - 2 * mean(|x - y|)``, from -1 (always yes against no) to 1. A yes against an
  abstention costs half a yes against a no, so S is ``(n_same - n_opposite) / n_both`` with
  ``n_opposite`` the roll calls where one voted yes and the other no.
- ``kappa``: Cohen's kappa (1960) over the three votes, as Häge (2011) proposes for foreign
  policy similarity: ``(p_o - p_e) / (1 - p_e)`` with ``p_o = agreement`` and ``p_e`` the sum
  over yes, abstain and no of the product of the two countries' shares of that vote on the same
  roll calls; missing when ``n_both == 0`` or ``p_e == 1`` (both cast one and the same vote
  throughout). Chance agreement is high when most resolutions pass by large majorities, so
  kappa is far below agreement for the same votes.

Examples
--------
>>> import pandas as pd
>>> from smallstate.unvotes import votes_from_frames
>>> votes = votes_from_frames(
...     pd.DataFrame({"rcid": [1, 1, 2, 2, 3],
...                   "country": ["Cambodia", "China", "Cambodia", "China", "China"],
...                   "vote": ["yes", "yes", "abstain", "no", "no"]}),
...     pd.DataFrame({"rcid": [1, 2, 3], "date": ["1995-10-01", "1995-11-02", "1996-12-03"]}),
... )
>>> agreement(votes, "Cambodia", "China")[["year", "n_both", "agreement", "s_score", "kappa"]]
   year  n_both  agreement  s_score     kappa
0  1995       2        0.5      0.5  0.333333
1  1996       0        NaN      NaN       NaN
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from smallstate.errors import unknown
from smallstate.unvotes.files import ISSUES, Votes

__all__ = ["agreement", "agreement_all_pairs", "pooled"]


def _check_country(votes: Votes, name: str) -> None:
    categories = votes.votes["country"].cat.categories
    if name not in categories:
        raise unknown("country", name, list(categories), where="in the UN votes")


def _selected_roll_calls(
    votes: Votes, issue: str | None, years: tuple[int, int] | None
) -> pd.DataFrame:
    rc = votes.roll_calls[["rcid", "year"]]
    if issue is not None:
        if issue not in ISSUES:
            raise unknown("issue code", issue, ISSUES)
        keep = votes.issues.loc[votes.issues["short_name"] == issue, "rcid"]
        rc = rc[rc["rcid"].isin(keep)]
    if years is not None:
        first, last = years
        rc = rc[(rc["year"] >= first) & (rc["year"] <= last)]
    return rc.sort_values(["year", "rcid"], kind="stable")


def _vote_matrix(votes: Votes, rcids: np.ndarray, countries: Sequence[str]) -> np.ndarray:
    """(roll call x country) int8 matrix: 0 absent, 1 yes, 2 abstain, 3 no."""
    v = votes.votes
    row = pd.Index(rcids).get_indexer(v["rcid"])
    categories = v["country"].cat.categories
    lookup = np.full(len(categories) + 1, -1, dtype=np.int64)  # last slot: missing code -1
    lookup[categories.get_indexer(pd.Index(list(countries)))] = np.arange(len(countries))
    col = lookup[v["country"].cat.codes.to_numpy()]
    keep = (row >= 0) & (col >= 0)
    matrix = np.zeros((len(rcids), len(countries)), dtype=np.int8)
    matrix[row[keep], col[keep]] = v["vote"].cat.codes.to_numpy()[keep] + 1
    return matrix


def _pair_counts(block: np.ndarray, out: np.ndarray, chance: np.ndarray) -> None:
    """The counts behind agreement, S and kappa for one block of roll calls, written in place.

    ``out`` (float32, shape (3, country, country)) gets the roll calls on which both voted,
    those with identical votes, and those where one voted yes and the other no (either way
    round); ``chance`` ((country, country)) the chance term of kappa: the sum over
    yes/abstain/no of the product of the two countries' counts on the roll calls where both
    voted. One Gram matrix of Q = [present | yes | no] (roll call x 3 countries, one BLAS call)
    holds every product needed; abstentions follow by inclusion-exclusion. float32 is exact for counts below 2**24; the chance term (a sum of
    products of counts, at most the square of the block's roll calls) is formed in float64
    and stored in ``chance``'s type, which the caller chooses to hold it exactly.
    """
    n = block.shape[1]
    q = np.empty((block.shape[0], 3 * n), dtype=np.float32)
    q[:, :n] = block > 0
    q[:, n : 2 * n] = block == 1
    q[:, 2 * n :] = block == 3
    gram = q.T @ q
    both = gram[:n, :n]
    n_yes, n_no = gram[n : 2 * n, :n], gram[2 * n :, :n]  # row's yes (no) where column voted
    yes_no = gram[n : 2 * n, 2 * n :]
    opposite = yes_no + yes_no.T
    same_yes_no = gram[n : 2 * n, n : 2 * n] + gram[2 * n :, 2 * n :]  # yes-yes + no-no
    yes_or_no = n_yes + n_no
    n_abstain = both - yes_or_no
    # Both abstained = both voted - row voted yes/no - column voted yes/no + both voted yes/no.
    both_abstain = n_abstain - yes_or_no.T + same_yes_no + opposite
    out[0] = both
    out[1] = same_yes_no + both_abstain
    out[2] = opposite
    term = np.multiply(n_yes, n_yes.T, dtype=np.float64)
    term += np.multiply(n_no, n_no.T, dtype=np.float64)
    term += np.multiply(n_abstain, n_abstain.T, dtype=np.float64)
    chance[...] = term


def _off_diagonal(counts: np.ndarray) -> np.ndarray:
    """Every (block, i, j) with i != j of a (block, n, n) array, flat, in row-major order."""
    blocks, n = counts.shape[0], counts.shape[1]
    if n < 2:
        return counts.reshape(-1)[:0]
    flat = counts.reshape(blocks, n * n)[:, 1:]  # drop (0, 0): rows of n + 1 then end on (i, i)
    return flat.reshape(blocks, n - 1, n + 1)[:, :, :n].reshape(-1)


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator in float64, rounded to 6 decimals; 0 / 0 is NaN.

    Every caller's numerator is 0 wherever its denominator is (no shared vote; for kappa also
    p_e = 1), and both are exact integers, so 0 / 0 is the only division by zero.
    """
    with np.errstate(invalid="ignore"):
        out = np.divide(numerator, denominator, dtype=np.float64)
    return np.round(out, 6, out=out)


def _all_pairs(
    votes: Votes,
    countries: Sequence[str],
    by: Literal["year"] | None,
    issue: str | None,
    years: tuple[int, int] | None,
) -> pd.DataFrame:
    if by not in ("year", None):
        raise ValueError(f"by must be 'year' or None, got {by!r}")
    countries = list(dict.fromkeys(countries))
    for name in countries:
        _check_country(votes, name)
    rc = _selected_roll_calls(votes, issue, years)
    matrix = _vote_matrix(votes, rc["rcid"].to_numpy(), countries)
    rc_years = rc["year"].to_numpy()
    if by == "year":
        labels, starts = np.unique(rc_years, return_index=True)
        bounds = [*starts.tolist(), len(rc_years)]
    else:
        labels, bounds = np.array([0]), [0, len(rc_years)]
    n = len(countries)
    counts = np.empty((3, len(labels), n, n), dtype=np.float32)
    # The chance term is at most n_both**2: float32 holds it exactly while blocks have at most
    # 4096 roll calls (any year; pooling all years needs float64).
    exact32 = max(np.diff(np.asarray(bounds)), default=0) <= 4096
    chances = np.empty((len(labels), n, n), dtype=np.float32 if exact32 else np.float64)
    from threadpoolctl import threadpool_limits

    # The blocks are small (a year's roll calls): one BLAS thread is faster than waking many,
    # and far faster when other processes share the cores.
    with threadpool_limits(limits=1, user_api="blas"):
        for k in range(len(labels)):  # one block per year, never per roll call
            _pair_counts(matrix[bounds[k] : bounds[k + 1]], counts[:, k], chances[k])
    n_rc = np.diff(np.asarray(bounds))
    i, j = np.nonzero(~np.eye(n, dtype=bool))  # every ordered pair, no self pairs
    per_block = len(i)
    diag = counts[0][:, np.arange(n), np.arange(n)].astype(np.int64)
    both, same, opposite = (_off_diagonal(c) for c in counts)  # float32, exact
    chance = _off_diagonal(chances)
    # S = 1 - 2 mean|x - y| = (n_same - n_opposite) / n_both (one-step disagreements cost 0.5).
    # kappa = (p_o - p_e) / (1 - p_e) = (n_both n_same - chance) / (n_both^2 - chance).
    share = _ratio(same, both)
    s_score = _ratio(np.subtract(same, opposite, out=opposite), both)
    kappa_num = np.multiply(both, same, dtype=np.float64)
    kappa_num -= chance
    kappa_den = np.multiply(both, both, dtype=np.float64)
    kappa_den -= chance
    kappa = _ratio(kappa_num, kappa_den)
    n_both, n_same = both.astype(np.int64), same.astype(np.int64)
    names = pd.Index(countries, dtype="str")
    code_type = np.int8 if n <= 127 else np.int16 if n <= 32767 else np.int64  # pandas' own choice
    out = pd.DataFrame(
        {
            "year": np.repeat(labels.astype("int64"), per_block),
            "country": pd.Categorical.from_codes(
                np.tile(i.astype(code_type), len(labels)), categories=names, validate=False
            ),
            "partner": pd.Categorical.from_codes(
                np.tile(j.astype(code_type), len(labels)), categories=names, validate=False
            ),
            "n_rollcalls_year": np.repeat(n_rc.astype("int64"), per_block),
            "n_country_voted": np.take(diag, i, axis=1).reshape(-1),
            "n_partner_voted": np.take(diag, j, axis=1).reshape(-1),
            "n_both": n_both,
            "n_same": n_same,
            "agreement": share,
            "s_score": s_score,
            "kappa": kappa,
        },
        copy=False,
    )
    if by is None:
        out = out.drop(columns="year").rename(columns={"n_rollcalls_year": "n_rollcalls"})
    return out


def agreement_all_pairs(
    votes: Votes,
    countries: Iterable[str] | None = None,
    by: Literal["year"] | None = "year",
    issue: str | None = None,
    *,
    years: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """Voting agreement of every ordered pair of countries, per year or pooled (vectorized).

    The votes are pivoted once into a (roll call x country) int8 matrix (0 absent, 1 yes,
    2 abstain, 3 no); for each year block one Gram matrix ``Q.T @ Q`` of
    ``Q = [present | yes | no]`` gives every count (``n_both``, ``n_same``, the yes-no pairs
    behind S, each side's vote counts behind kappa's chance term). No Python loop runs over
    roll calls.

    Parameters
    ----------
    votes
        From :func:`load_votes` or :func:`votes_from_frames`.
    countries
        Names as in the data (``"Cambodia"``, ``"United States"``). Default: all countries.
    by
        ``"year"`` (calendar year of the roll-call date) or ``None`` to pool all selected years.
    issue
        Keep only roll calls with this issue code (``"hr"``, ``"me"``, ...).
    years
        Inclusive (first, last) calendar years to keep, e.g. ``(1990, 2019)``.

    Returns
    -------
    pandas.DataFrame
        ``year`` (absent when ``by=None``), ``country``, ``partner`` (categoricals whose
        categories are ``countries`` in the order given), ``n_rollcalls_year`` (or
        ``n_rollcalls``), ``n_country_voted``, ``n_partner_voted``, ``n_both``, ``n_same``,
        ``agreement`` (NaN when ``n_both == 0``), ``s_score`` and ``kappa`` (see the module
        docstring; kappa is also NaN when ``p_e == 1``). Every ordered pair (both directions,
        no self pairs) appears for every year that has a selected roll call.

    Examples
    --------
    >>> from smallstate.unvotes.files import votes_from_frames
    >>> import pandas as pd
    >>> v = votes_from_frames(
    ...     pd.DataFrame({"rcid": [1, 1, 1, 2, 2], "vote": ["yes", "yes", "no", "no", "no"],
    ...                   "country": ["Cambodia", "China", "Japan", "China", "Japan"]}),
    ...     pd.DataFrame({"rcid": [1, 2], "date": ["2000-01-01", "2000-06-01"]}),
    ... )
    >>> t = agreement_all_pairs(v)
    >>> t[t.country == "China"][["partner", "n_both", "n_same", "agreement"]]
        partner  n_both  n_same  agreement
    2  Cambodia       1       1        1.0
    3     Japan       2       1        0.5
    """
    names = votes.countries if countries is None else list(countries)
    return _all_pairs(votes, names, by, issue, years)


def agreement(
    votes: Votes,
    a: str,
    b: str,
    by: Literal["year"] | None = "year",
    issue: str | None = None,
    *,
    years: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """Voting agreement of country ``a`` with country ``b``, per calendar year or pooled.

    Parameters
    ----------
    votes
        From :func:`load_votes` or :func:`votes_from_frames`.
    a, b
        Country names as in the data, e.g. ``"Cambodia"``, ``"United States"``.
    by
        ``"year"`` or ``None`` (pool all selected roll calls into one row).
    issue
        Keep only roll calls with this issue code, e.g. ``"hr"`` (human rights).
    years
        Inclusive (first, last) calendar years, e.g. ``(1990, 2019)``.

    Returns
    -------
    pandas.DataFrame
        ``year`` (absent when ``by=None``), ``n_rollcalls_year`` (``n_rollcalls``), ``n_a_voted``,
        ``n_b_voted``, ``n_both``, ``n_same``, ``agreement`` = ``n_same / n_both`` rounded to 6
        decimals, NaN when ``n_both == 0``; ``s_score`` (Signorino and Ritter's S) and ``kappa``
        (Cohen's kappa, NaN also when ``p_e == 1``), defined in the module docstring and
        rounded to 6 decimals.

    Raises
    ------
    smallstate.errors.UnknownNameError
        For a country name or issue code not in the data, with the closest ones.

    Examples
    --------
    >>> from smallstate.unvotes.files import votes_from_frames
    >>> import pandas as pd
    >>> v = votes_from_frames(
    ...     pd.DataFrame({"rcid": [1, 1, 2, 2, 3, 3],
    ...                   "country": ["Laos", "China"] * 3,
    ...                   "vote": ["yes", "yes", "abstain", "abstain", "no", "yes"]}),
    ...     pd.DataFrame({"rcid": [1, 2, 3], "date": ["2001-03-01", "2001-09-01", "2002-01-01"]}),
    ...     pd.DataFrame({"rcid": [3], "short_name": ["hr"]}),
    ... )
    >>> agreement(v, "Laos", "China", by=None)[["n_both", "agreement", "s_score", "kappa"]]
       n_both  agreement   s_score  kappa
    0       3   0.666667  0.333333    0.5
    >>> agreement(v, "Laos", "China", issue="hr")[["year", "n_both", "agreement"]]
       year  n_both  agreement
    0  2002       1        0.0
    >>> agreement(v, "Lao", "China")
    Traceback (most recent call last):
    ...
    smallstate.errors.UnknownNameError: unknown country 'Lao' in the UN votes; did you mean 'Laos'?
    """
    _check_country(votes, a)
    _check_country(votes, b)
    if a == b:
        raise ValueError(f"a and b are the same country ({a!r})")
    table = _all_pairs(votes, [a, b], by, issue, years)
    table = table[table["country"] == a].drop(columns=["country", "partner"])
    table = table.rename(columns={"n_country_voted": "n_a_voted", "n_partner_voted": "n_b_voted"})
    return table.reset_index(drop=True)


def pooled(
    votes: Votes,
    countries: Iterable[str],
    partners: Iterable[str],
    *,
    years: tuple[int, int] | None = (1990, 2019),
    issue: str | None = None,
) -> pd.DataFrame:
    """Pooled agreement, S and kappa of countries with partners over all selected roll calls.

    Parameters
    ----------
    votes
        From :func:`load_votes` or :func:`votes_from_frames`.
    countries, partners
        Names as in the data; self pairs are skipped.
    years
        Inclusive calendar years to pool; default 1990-2019 (2020 has a single roll call).
    issue
        Optional issue code filter.

    Returns
    -------
    pandas.DataFrame
        ``country``, ``partner``, ``n_rollcalls``, ``n_country_voted``, ``n_partner_voted``,
        ``n_both``, ``n_same``, ``agreement`` (sum of ``n_same`` / sum of ``n_both``),
        ``s_score``, ``kappa`` (over the pooled roll calls, not a mean of yearly values), in
        the order given.

    Examples
    --------
    >>> from smallstate.unvotes.files import votes_from_frames
    >>> import pandas as pd
    >>> v = votes_from_frames(
    ...     pd.DataFrame({"rcid": [1, 1, 2, 2], "country": ["Laos", "China"] * 2,
    ...                   "vote": ["yes", "yes", "no", "yes"]}),
    ...     pd.DataFrame({"rcid": [1, 2], "date": ["1990-03-01", "2019-09-01"]}),
    ... )
    >>> pooled(v, ["Laos"], ["China"])[["country", "partner", "n_both", "agreement"]]
      country partner  n_both  agreement
    0    Laos   China       2        0.5
    """
    countries, partners = list(countries), list(partners)
    table = _all_pairs(votes, [*countries, *partners], None, issue, years)
    wanted = pd.MultiIndex.from_tuples(
        [(c, p) for c in countries for p in partners if c != p], names=["country", "partner"]
    )
    table = table.set_index(["country", "partner"]).loc[wanted].reset_index()
    return table
