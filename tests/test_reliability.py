"""Reliability of the coding: hand-computed kappa and alpha, the second coding, the README.

The hand examples use a four-act evidence table, so they do not move when the course's coding
changes; the tests of the committed second coding check its rules, not its figures, and the
README test checks that the figures there equal a fresh computation.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
import pytest

from smallstate.evidence import course_evidence
from smallstate.evidence.reliability import (
    CODED_FIELDS,
    CodingError,
    coding_reliability,
    course_coding,
    pairwise_kappa,
    reading_targets,
    second_coding,
    validate_codings,
)

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "datasets" / "build"


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BUILD / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The "course" coding of four made-up acts.
EVIDENCE = pd.DataFrame(
    {
        "act_id": ["A1", "A2", "A3", "A4"],
        "domain": ["security", "security", "economic", "economic"],
        "stance": ["deference", "deference", "binding", "binding"],
        "intensity": [1, 2, 3, 3],
        "aimed_at_target": ["yes", "yes", "yes", "yes"],
    }
)


def _coder(name: str, acts: list[str], **fields: list[object]) -> pd.DataFrame:
    base = EVIDENCE.set_index("act_id").loc[acts].reset_index()
    base.insert(1, "coder", name)
    for field, values in fields.items():
        base[field] = values
    return base


def test_two_coders_hand_computed() -> None:
    # stance, course: def def bind bind; second: def bind bind bind.
    #   p_o = 3/4; shares course (def 1/2, bind 1/2), second (1/4, 3/4) -> p_e = 1/2 -> kappa
    #   = (3/4 - 1/2) / (1/2) = 0.5. Alpha (nominal), coincidences: o_dd 2, o_db = o_bd 1,
    #   o_bb 4; n = 8, n_d 3, n_b 5 -> D_o = 2/8, D_e = 2 * 3 * 5 / (8 * 7) = 30/56 ->
    #   alpha = 1 - (1/4) / (30/56) = 16/30.
    # intensity, course: 1 2 3 3; second: 1 3 3 3. kappa: p_o = 3/4, p_e = 1/16 + 0 + 6/16 =
    #   7/16 -> (12/16 - 7/16) / (9/16) = 5/9. Alpha (ordinal): n_1 2, n_2 1, n_3 5;
    #   delta^2(2,3) = ((1 + 5) / 2)^2 = 9, delta^2(1,2) = (3/2)^2, delta^2(1,3) = (8 - 7/2)^2;
    #   D_o = 2 * 9 / 8 = 2.25; D_e = 2 (2 * 1 * 2.25 + 2 * 5 * 20.25 + 1 * 5 * 9) / 56 = 9
    #   -> alpha = 1 - 2.25 / 9 = 0.75.
    second = _coder(
        "second coder",
        ["A1", "A2", "A3", "A4"],
        stance=["deference", "binding", "binding", "binding"],
        intensity=[1, 3, 3, 3],
    )
    table = coding_reliability(second, evidence=EVIDENCE).set_index("field")
    assert table.loc["stance", "kappa"] == pytest.approx(0.5)
    assert table.loc["stance", "alpha"] == pytest.approx(16 / 30)
    assert table.loc["stance", "agreement"] == pytest.approx(0.75)
    assert table.loc["intensity", "kappa"] == pytest.approx(5 / 9)
    assert table.loc["intensity", "alpha"] == pytest.approx(0.75)
    assert table.loc["intensity", "level"] == "ordinal"
    # Identical codes: agreement, kappa, alpha all 1.
    assert table.loc["domain", ["agreement", "kappa", "alpha"]].tolist() == [1.0, 1.0, 1.0]
    # Both coders gave "yes" throughout: p_e = 1, kappa and alpha undefined.
    assert table.loc["aimed_at_target", "agreement"] == 1.0
    assert np.isnan(table.loc["aimed_at_target", "kappa"])
    assert np.isnan(table.loc["aimed_at_target", "alpha"])
    assert table["n_acts"].tolist() == [4] * 4 and table["n_coders"].tolist() == [2] * 4


def test_extra_coders_are_pooled() -> None:
    # stance as above, plus a third coder who coded A1 (def) and A3 (bind) only.
    # Alpha (nominal, missing data): A1 (d, d, d) adds o_dd 3 (six ordered pairs, weight 1/2);
    # A2 (d, b): o_db = o_bd = 1; A3 (b, b, b): o_bb 3; A4 (b, b): o_bb 2. n = 10, n_d 4,
    # n_b 6 -> D_o = 2/10, D_e = 48/90 -> alpha = 1 - 0.2 / (48/90) = 0.625.
    # kappa: course-second 0.5, course-third 1, second-third 1 -> mean 5/6.
    second = _coder(
        "second coder",
        ["A1", "A2", "A3", "A4"],
        stance=["deference", "binding", "binding", "binding"],
    )
    third = _coder("student 1", ["A1", "A3"])
    table = coding_reliability(second, extra=third, evidence=EVIDENCE).set_index("field")
    assert table.loc["stance", "n_coders"] == 3
    assert table.loc["stance", "alpha"] == pytest.approx(0.625)
    assert table.loc["stance", "kappa"] == pytest.approx(5 / 6)
    assert table.loc["stance", "agreement"] == pytest.approx((0.75 + 1 + 1) / 3)
    pairs = pairwise_kappa(second, extra=third, evidence=EVIDENCE)
    stance = pairs[pairs["field"] == "stance"]
    assert stance[["coder_a", "coder_b", "n_acts"]].values.tolist() == [
        ["course", "second coder", 4],
        ["course", "student 1", 2],
        ["second coder", "student 1", 2],
    ]
    # A coder may not appear in both tables for the same act.
    with pytest.raises(CodingError, match="'second coder' already coded act 'A1'"):
        coding_reliability(second, extra=second.iloc[:1], evidence=EVIDENCE)


def test_kappa_equals_the_formula() -> None:
    """Cohen's kappa from scikit-learn equals (p_o - p_e) / (1 - p_e) on a random coding."""
    rng = np.random.default_rng(7)
    acts = [f"R{i}" for i in range(40)]
    evidence = pd.DataFrame(
        {
            "act_id": acts,
            "domain": rng.choice(["security", "economic", "diplomatic"], 40),
            "stance": rng.choice(["deference", "binding", "defiance"], 40),
            "intensity": rng.integers(1, 4, 40),
            "aimed_at_target": rng.choice(["yes", "no", "unknown"], 40),
        }
    )
    other = evidence.copy()
    flip = rng.random(40) < 0.4
    other.loc[flip, "domain"] = rng.choice(["security", "economic", "institutional"], flip.sum())
    other.insert(1, "coder", "second coder")
    table = coding_reliability(other, evidence=evidence).set_index("field")
    a, b = evidence["domain"].to_numpy(), other["domain"].to_numpy()
    p_o = (a == b).mean()
    values = sorted(set(a) | set(b))
    p_e = sum((a == v).mean() * (b == v).mean() for v in values)
    assert table.loc["domain", "kappa"] == pytest.approx((p_o - p_e) / (1 - p_e))
    assert table.loc["domain", "agreement"] == pytest.approx(p_o)


def test_bad_codings_name_file_row_and_column() -> None:
    bad = _coder("second coder", ["A1", "A2", "A3"])
    bad["stance"] = ["deference", "appeasement", "binding"]
    bad.loc[2, "coder"] = "course"
    bad = pd.concat([bad, bad.iloc[[0]]], ignore_index=True)  # A1 twice by the same coder
    bad.loc[1, "act_id"] = "A9"
    with pytest.raises(CodingError) as err:
        validate_codings(bad, file="class.csv", known_acts={"A1", "A2", "A3", "A4"})
    message = str(err.value)
    assert "4 problems in class.csv" in message
    assert (
        "class.csv, row 3, column 'act_id': 'A9' is not an act of the course's evidence" in message
    )
    assert "class.csv, row 3, column 'stance': 'appeasement' is not one of" in message
    assert "class.csv, row 4, column 'coder': 'course' is reserved" in message
    assert "class.csv, row 5, column 'act_id': 'A1' is coded twice by the same coder" in message
    with pytest.raises(CodingError, match=r"row 1 \(header\): missing column\(s\) intensity"):
        validate_codings(bad.drop(columns="intensity"), file="class.csv")
    with pytest.raises(KeyError, match="unknown act 'A7'"):
        course_coding(["A7"], EVIDENCE)


# --------------------------------------------------------------------------------------------
# The committed second coding
# --------------------------------------------------------------------------------------------


def test_second_coding_follows_its_rules() -> None:
    second = second_coding()
    assert len(second) >= 30
    assert second["act_id"].is_unique
    assert set(second["coder"]) == {"second coder"}  # a role, never a person's name
    with open(REPO / "datasets" / "coding_reliability.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["coded_on"] for row in rows} == {"2026-11-27"}
    # The acts are exactly the sample the stated rule draws.
    draw = _script("draw_reliability_sample")
    assert sorted(second["act_id"]) == draw.sample()
    assert not set(second["act_id"]) & draw.CODEBOOK_EXAMPLES
    assert not any(a.startswith("U-") for a in draw.population())


def test_sampling_rule() -> None:
    draw = _script("draw_reliability_sample")
    assert draw.allocate({"a": 18, "b": 33, "c": 74}, 36) == {"a": 5, "b": 10, "c": 21}
    sources = {f"L{i}": "leng2016" for i in range(10)} | {f"D{i}": "x" for i in range(30)}
    first = draw.draw(sources, 8)
    assert first == draw.draw(dict(reversed(list(sources.items()))), 8)  # order-free
    assert sum(a.startswith("L") for a in first) == 2  # 10 / 40 of 8
    assert draw.draw(sources, 8, seed="another") != first
    # The blind extract carries no coding column.
    assert not set(draw.TEXT_COLUMNS) & {*CODED_FIELDS, "motive", "contested", "note", "scope"}


def test_blind_extract_has_only_text(tmp_path: Path) -> None:
    draw = _script("draw_reliability_sample")
    out = tmp_path / "text.csv"
    assert draw.main(["--text", str(out)]) == 0
    with open(out, encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == list(draw.TEXT_COLUMNS)
        assert len(list(reader)) == len(second_coding())


def test_refiled_acts_are_compared_towards_the_power_the_coder_read() -> None:
    """D-18 was shown to the coder under China; the course now files it under Japan."""
    second = second_coding()
    assert reading_targets(second)["D-18"] == "CHN"
    course = course_coding(["D-18"], targets={"D-18": "CHN"})
    assert course.loc[0, "stance"] == "diversification"  # D-18@CHN, the derived reading
    assert course_coding(["D-18"]).loc[0, "stance"] == "deference"  # as filed, towards Japan


def test_course_side_is_the_current_coding() -> None:
    """A change to the course's coding changes the figures (nothing is cached or typed)."""
    second = second_coding()
    evidence = course_evidence()
    before = coding_reliability(second, evidence=evidence).set_index("field")
    # Make the course agree with the second coder on every domain.
    changed = evidence.set_index("act_id")
    domains = second.set_index("act_id")["domain"]
    # the course's reading of each act towards the power the coder read it towards
    filed_under = changed["target"].astype(str)
    readings = [
        act if filed_under[act] == power else f"{act}@{power}"
        for act, power in zip(second["act_id"], second["target"], strict=True)
    ]
    changed["domain"] = changed["domain"].astype(object)
    changed.loc[readings, "domain"] = domains.to_numpy()
    after = coding_reliability(second, evidence=changed.reset_index()).set_index("field")
    assert after.loc["domain", "kappa"] == 1.0 and after.loc["domain", "alpha"] == 1.0
    assert before.loc["domain", "agreement"] <= 1.0
    assert after.loc["stance", "kappa"] == before.loc["stance", "kappa"]


def test_readme_figures_equal_a_fresh_computation() -> None:
    writer = _script("write_reliability_readme")
    text = writer.README.read_text(encoding="utf-8")
    assert writer.BEGIN in text and writer.END in text
    assert writer.updated(text) == text, (
        "datasets/README.md: the reliability figures are stale; run "
        "datasets/build/write_reliability_readme.py"
    )
    table = coding_reliability()
    block = text[text.index(writer.BEGIN) : text.index(writer.END)]
    for row in table.itertuples(index=False):
        assert f"| `{row.field}` | {row.level} | {row.n_acts} | {row.n_coders} |" in block
        assert f"{row.kappa:.3f} | {row.alpha:.3f} |" in block


def test_datapackage_coded_fields_follow_the_evidence_schema() -> None:
    build = _script("build_datapackage_schema")
    package = json.loads((REPO / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    assert build.updated(package) == package
    resource = next(r for r in package["resources"] if r["name"] == "coding_reliability")
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    assert fields["stance"]["constraints"]["enum"][0] == "deference"
    assert resource["schema"]["foreignKeys"][0]["reference"]["resource"] == "evidence_acts"
