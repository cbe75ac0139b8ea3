"""smallstate.errors: one "did you mean" helper, one exception type per kind of mistake."""

from __future__ import annotations

import ast
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import smallstate
from smallstate import errors
from smallstate.errors import (
    InputError,
    SmallstateError,
    UnknownNameError,
    close_matches,
    did_you_mean,
    unknown,
)

# -- the helper's phrases ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "known", "phrase"),
    [
        ("lengg", ["waltz", "kuik", "leng"], "did you mean 'leng'?"),
        (
            "kuik2009",
            ["kuik2008", "kuik2016", "leng2016"],
            "did you mean 'kuik2008' or 'kuik2016'?",
        ),
        (
            "balancng",
            ["balancing", "internal_balancing", "external_balancing", "hedging"],
            "did you mean 'balancing', 'internal_balancing' or 'external_balancing'?",
        ),
        ("xyz", ["waltz", "kuik", "leng"], "known: 'waltz', 'kuik', 'leng'"),
        ("xyz", [], "known: none"),
    ],
)
def test_phrases(name: str, known: list[str], phrase: str) -> None:
    assert did_you_mean(name, known) == phrase


def test_known_lists_the_first_ten_then_the_count() -> None:
    names = [f"id{i:02d}" for i in range(25)]
    phrase = did_you_mean("zzz", names)
    assert phrase.startswith("known: 'id00', 'id01',")
    assert "'id09', ... (25 in all)" in phrase and "'id10'" not in phrase


def test_n_limits_the_suggestions() -> None:
    known = ["hedging", "hedging_kuik", "hedging_jackson", "hedging_critique"]
    assert did_you_mean("hedgin", known, n=1) == "did you mean 'hedging'?"
    assert len(close_matches("hedgin", known, n=2)) == 2


def test_case_is_ignored() -> None:
    assert did_you_mean("LENG", ["waltz", "leng"]) == "did you mean 'leng'?"
    assert close_matches("Bandwagoning", ["bandwagoning", "balancing"])[0] == "bandwagoning"


def test_fallbacks_prefix_substring_and_stem() -> None:
    countries = ["Lao People's Democratic Republic", "Republic of Korea", "Japan"]
    assert close_matches("lao", countries) == ["Lao People's Democratic Republic"]
    assert close_matches("Korea", countries) == ["Republic of Korea"]
    assert close_matches("kuik", ["kuik2008", "kuik2016", "leng2016"]) == ["kuik2008", "kuik2016"]
    assert close_matches("samath_2020a", ["samath2020", "leng2016"]) == ["samath2020"]


def test_many_equally_close_names_are_not_suggested() -> None:
    ids = [f"L00.E{i}" for i in range(1, 6)]
    assert close_matches("L00.E9", ids) == []
    assert did_you_mean("L00.E9", ids).startswith("known: 'L00.E1'")


def test_known_may_be_a_set_a_mapping_or_a_generator() -> None:
    assert did_you_mean("x", {"b", "a"}) == "known: 'a', 'b'"
    assert did_you_mean("x", {"waltz": 1, "kuik": 2}) == "known: 'waltz', 'kuik'"
    assert did_you_mean("kuk", (k for k in ["kuik", "leng"])) == "did you mean 'kuik'?"


# -- the exception types -----------------------------------------------------------------------


def test_unknown_builds_the_message_and_attributes() -> None:
    err = unknown("framework", "lengg", ["waltz", "leng"])
    assert isinstance(err, UnknownNameError)
    assert str(err) == "unknown framework 'lengg'; did you mean 'leng'?"
    assert (err.name, err.suggestions) == ("lengg", ("leng",))
    where = unknown("country", "Lao", ["Laos"], where="in the UN votes")
    assert str(where) == "unknown country 'Lao' in the UN votes; did you mean 'Laos'?"


def test_unknown_name_error_is_a_key_error_and_a_value_error() -> None:
    err = unknown("framework", "lengg", ["leng"])
    for kind in (SmallstateError, KeyError, ValueError, LookupError):
        assert isinstance(err, kind)
    with pytest.raises(KeyError):
        raise err
    with pytest.raises(ValueError):
        raise err
    # Not repr-quoted like a plain KeyError, also after pickling (multiprocessing, nbval).
    assert str(err) == err.args[0] and not str(err).startswith('"')
    assert str(pickle.loads(pickle.dumps(err))) == str(err)


def test_error_module_imports_only_the_standard_library() -> None:
    tree = ast.parse(Path(errors.__file__).read_text(encoding="utf-8"))
    modules = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert modules <= set(sys.stdlib_module_names) | {"__future__"}


def test_top_level_exports() -> None:
    for name in ("SmallstateError", "UnknownNameError", "InputError"):
        assert name in smallstate.__all__
        assert getattr(smallstate, name) is getattr(errors, name)


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("smallstate.evidence.validation", "EvidenceError"),
        ("smallstate.data.package", "DatasetError"),
        ("smallstate.unvotes.files", "VotesFileError"),
        ("smallstate.concepts.registry", "ConceptError"),
        ("smallstate.concepts.sources", "BibliographyError"),
        ("smallstate.exercises.authoring", "ExerciseFileError"),
        ("smallstate.unvotes.fetch", "ChecksumError"),
    ],
)
def test_input_errors_are_input_errors(module: str, name: str) -> None:
    import importlib

    cls = getattr(importlib.import_module(module), name)
    assert issubclass(cls, InputError) and issubclass(cls, ValueError)
    assert cls.__module__ == module


def test_download_error_is_an_os_error_and_ours() -> None:
    from smallstate.unvotes.fetch import DownloadError

    assert issubclass(DownloadError, OSError) and issubclass(DownloadError, SmallstateError)
    assert not issubclass(DownloadError, InputError)


def test_unknown_exercise_error_is_an_unknown_name_error() -> None:
    from smallstate.exercises import UnknownExerciseError

    assert issubclass(UnknownExerciseError, UnknownNameError)
    assert issubclass(UnknownExerciseError, LookupError)


# -- every public lookup -----------------------------------------------------------------------


def _votes() -> Any:
    from smallstate.unvotes.files import votes_from_frames

    return votes_from_frames(
        pd.DataFrame(
            {
                "rcid": [1, 1, 1, 2, 2, 2],
                "country": ["Laos", "China", "United States"] * 2,
                "vote": ["yes", "yes", "no", "abstain", "yes", "no"],
            }
        ),
        pd.DataFrame({"rcid": [1, 2], "date": ["2001-03-01", "2002-01-01"]}),
        pd.DataFrame({"rcid": [2], "short_name": ["hr"]}),
    )


def _get_framework() -> Any:
    from smallstate.frameworks import get_framework

    return get_framework("lengg")


def _parameter() -> Any:
    from smallstate.frameworks import get_framework

    return get_framework("leng").parameter("min_shar")


def _classify_parameter() -> Any:
    from smallstate.frameworks import get_framework

    return get_framework("leng").classify({"N": 1}, min_shar=0.3)


def _verdict_label() -> Any:
    from smallstate.frameworks import Verdict

    return Verdict(("KHM", "CHN", "all", "all"), "leng", "hedgin", None, ())


def _concept() -> Any:
    from smallstate.concepts import concept

    return concept("hedgin_kuik")


def _source() -> Any:
    from smallstate.concepts import source

    return source("kuik2009")


def _cite() -> Any:
    from smallstate.concepts import cite

    return cite("wlat1985")


def _resource() -> Any:
    from smallstate.data import resource

    return resource("figure")


def _load() -> Any:
    from smallstate.data import load

    return load("project")


def _course_evidence() -> Any:
    from smallstate.evidence import course_evidence

    return course_evidence("evidence_seed")


def _agreement_country() -> Any:
    from smallstate.unvotes.agreement import agreement

    return agreement(_votes(), "Lao", "China")


def _agreement_issue() -> Any:
    from smallstate.unvotes.agreement import agreement

    return agreement(_votes(), "Laos", "China", issue="hrr")


def _acts_country() -> Any:
    from smallstate.unvotes.acts import acts_from_votes

    return acts_from_votes(_votes(), "Laos", "LAO", target="Chian")


def _mechanism() -> Any:
    from smallstate.analysis.asean import mechanism

    return mechanism("ADMM-Plus")


def _foip_version() -> Any:
    from smallstate.analysis.foip import score_matrix

    return score_matrix(["FOIP-UK"])


def _foip_dimension() -> Any:
    from smallstate.analysis.foip import back

    return back({"inclusivenes": 1})


def _lineage_concept() -> Any:
    from smallstate.analysis.lineage import concept_sources

    return concept_sources(["hedgin_kuik"])


def _sourced_figures() -> Any:
    from smallstate.analysis.projects import sourced_figures

    return sourced_figures(["F0099"])


def _exercise() -> Any:
    from smallstate.exercises import exercise

    return exercise("l00.e1")


def _check() -> Any:
    from smallstate.exercises import check

    return check("L00E1", "x")


def _select_exercises() -> Any:
    from smallstate.instructor.assignments import select_exercises

    return select_exercises("L00E2")


def _apply_codings_stance() -> Any:
    from smallstate.evidence.selection import apply_codings

    ev = pd.DataFrame({"act_id": ["a", "b"], "stance": ["deference", "abstention"]})
    return apply_codings(ev, {"a": "defience"})


def _apply_codings_act() -> Any:
    from smallstate.evidence.selection import apply_codings

    ev = pd.DataFrame({"act_id": ["S20-14", "L16-02"], "stance": ["deference", "abstention"]})
    return apply_codings(ev, {"S20-41": "defiance"})


def _fictional_stance() -> Any:
    from smallstate.evidence.fictional import fictional_evidence

    return fictional_evidence([("security", "defience", 2)])


@pytest.mark.parametrize(
    ("lookup", "message", "closest"),
    [
        (_get_framework, "unknown framework 'lengg'", "leng"),
        (_parameter, "unknown parameter 'min_shar' of framework 'leng'", "min_share"),
        (_classify_parameter, "unknown parameter 'min_shar' of framework 'leng'", "min_share"),
        (_verdict_label, "unknown label 'hedgin'", "hedging"),
        (_concept, "unknown concept 'hedgin_kuik'", "hedging_kuik"),
        (_source, "unknown source key 'kuik2009'", "kuik2008"),
        (_cite, "unknown source key 'wlat1985'", "walt1985"),
        (_resource, "unknown dataset 'figure'", "figures"),
        (_load, "unknown dataset 'project'", "projects"),
        (_course_evidence, "unknown evidence table 'evidence_seed'", "evidence_seeds"),
        (_agreement_country, "unknown country 'Lao' in the UN votes", "Laos"),
        (_agreement_issue, "unknown issue code 'hrr'", "hr"),
        (_acts_country, "unknown country 'Chian' in the UN votes", "China"),
        (_mechanism, "unknown mechanism 'ADMM-Plus'", "ADMMPLUS"),
        (_foip_version, "unknown version id 'FOIP-UK'", "FOIP-US"),
        (_foip_dimension, "unknown dimension 'inclusivenes'", "inclusiveness"),
        (_lineage_concept, "unknown concept 'hedgin_kuik'", "hedging_kuik"),
        (_sourced_figures, "unknown figure id 'F0099'", "F009"),
        (_exercise, "unknown exercise 'l00.e1'", "L00.E1"),
        (_check, "unknown exercise 'L00E1'", "L00.E1"),
        (_select_exercises, "unknown exercise 'L00E2'", "L00.E2"),
        (_apply_codings_stance, "unknown stance 'defience'", "defiance"),
        (_apply_codings_act, "unknown act id 'S20-41' in the evidence", "S20-14"),
        (_fictional_stance, "unknown stance 'defience'", "defiance"),
    ],
)
def test_public_lookups_raise_unknown_name_error(
    lookup: Callable[[], Any], message: str, closest: str
) -> None:
    with pytest.raises(UnknownNameError) as info:
        lookup()
    text = str(info.value)
    assert text.startswith(message + "; did you mean "), text
    assert closest in info.value.suggestions, text
    assert f"{closest!r}" in text


def test_unknown_exercise_without_a_close_id_says_what_ids_look_like() -> None:
    from smallstate.exercises import UnknownExerciseError, exercise

    with pytest.raises(UnknownExerciseError, match=r"ids look like L00\.E1") as info:
        exercise("hedging")
    assert isinstance(info.value, UnknownNameError) and info.value.suggestions == ()
    with pytest.raises(UnknownExerciseError, match=r"in lesson L00; known: 'L00\.E1', "):
        exercise("L00.E99")


def test_widgets_raise_unknown_name_error() -> None:
    from smallstate.widgets.concept_browser import ConceptBrowser
    from smallstate.widgets.foip_weighting import FoipWeighting

    with pytest.raises(UnknownNameError, match="unknown dimension 'inclusivenes'; did you mean"):
        FoipWeighting({"inclusivenes": 2})
    with pytest.raises(UnknownNameError, match="unknown family 'hedge'; did you mean 'hedging'"):
        ConceptBrowser(family="hedge")
    from smallstate.widgets.disagreement_explorer import DisagreementExplorer

    with pytest.raises(UnknownNameError, match="unknown framework 'lengg'; did you mean 'leng'"):
        DisagreementExplorer(framework="lengg", show_flips=False)
