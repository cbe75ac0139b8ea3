"""The 0.1 module paths still import, warn, and give the same objects as the new paths."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import smallstate
from smallstate._compat import MOVED

#: The public names of each 0.1 module (its ``__all__`` then), minus removed dead code
#: (``classification.verdicts``, see the changelog in docs/ARCHITECTURE.md).
OLD_NAMES: dict[str, tuple[str, ...]] = {
    "sources": ("BibliographyError", "Source", "bibliography", "cite", "cite_many", "keys",
                "load_bibliography", "reference", "source", "to_bibtex"),
    "classification": ("add_arguments", "classify", "compare", "run_cli"),
    "datasets": ("PACKAGE_FILE", "DatasetError", "ambiguous_figures", "citation", "conflicts",
                 "describe", "list_datasets", "load", "package", "resource"),
    "vote_acts": ("VOTE_STANCE", "acts_from_votes"),
    "disagreement": ("STANCES", "Assumptions", "act_years", "apply_codings", "case_acts",
                     "contested_acts", "filter_window", "flips", "normalise_case",
                     "parameter_alternatives", "verdict"),
    "threat": ("DEFAULT_WEIGHTS", "SOURCES_OF_THREAT", "Power", "Prediction", "ThreatPrediction",
               "predict", "threat_chart", "threat_table"),
    "foip": ("DIMENSIONS", "DIMENSION_LABELS", "OFFER_IDS", "WeightingResult", "back",
             "comparison_table", "foip_verdicts", "offers_table", "plot_offers", "plot_scores",
             "score_matrix", "version_ids", "versions"),
    "asean": ("POWERS", "Mechanism", "ScopeReading", "linked_acts", "mechanism", "mechanisms",
              "membership_matrix", "plot_membership", "scope_switch"),
    "timeline": ("ALL", "DOMAIN_ORDER", "acts_table", "filter_acts", "plot_timeline",
                 "relation_acts", "window_verdicts", "year_span"),
    "lineage": ("REALIST_CONCEPTS", "SEED_KEYS", "concept_sources", "concept_timeline"),
    "spectrum": ("STANCE_ORDER", "case_names", "plot_acts", "plot_spectrum", "spectrum_table"),
    "projects_chart": ("FUNDER_NAMES", "conflict_table", "plot_projects", "project_counts",
                       "sourced_figures"),
    "frameworks.somanith": ("FRAMEWORK",),
    "palette": ("DOMAIN_COLORS", "LABEL_COLORS", "OKABE_ITO", "STANCE_COLORS", "colors_for"),
    "assignments": ("find_leaks", "grade_id", "hidden_check", "nbgrader_env", "new_assignment",
                    "release_assignment", "select_exercises"),
    "instructor_grading": ("GradeReport", "StudentResult", "find_submissions",
                           "grade_assignment"),
}  # fmt: skip


def test_every_moved_path_is_listed() -> None:
    assert {f"smallstate.{m}" for m in OLD_NAMES} == set(MOVED)


@pytest.mark.parametrize("old", sorted(OLD_NAMES))
def test_old_path_warns_and_resolves(old: str) -> None:
    name = f"smallstate.{old}"
    sys.modules.pop(name, None)
    with pytest.deprecated_call(match=r"deprecated.*smallstate\."):
        module = importlib.import_module(name)
    for attr in OLD_NAMES[old]:
        value = getattr(module, attr)
        new_home = next(
            importlib.import_module(t)
            for t in MOVED[name]
            if hasattr(importlib.import_module(t), attr)
        )
        assert value is getattr(new_home, attr), (name, attr)
    with pytest.raises(AttributeError, match="no attribute"):
        _ = module.no_such_name


def test_old_attribute_of_the_package() -> None:
    sys.modules.pop("smallstate.foip", None)
    smallstate.__dict__.pop("foip", None)
    with pytest.deprecated_call():
        back = smallstate.foip.back
    from smallstate.analysis.foip import back as new_back

    assert back is new_back


def test_new_paths_do_not_warn() -> None:
    """In a fresh interpreter (nothing cached), the new paths import without a deprecation."""
    modules = ("smallstate.analysis.foip", "smallstate.plots.foip", "smallstate.evidence")
    code = "import importlib\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    result = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning:smallstate", "-c", code],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    old = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-c", "import smallstate.foip"],
        capture_output=True,
        text=True,
    )
    assert old.returncode != 0 and "smallstate.analysis.foip" in old.stderr


def test_old_framework_id_warns_and_resolves() -> None:
    from smallstate import classify, course_evidence
    from smallstate.frameworks import get_framework

    with pytest.deprecated_call(match="samath"):
        assert get_framework("somanith") is get_framework("samath")
    acts = course_evidence("evidence_seeds")
    with pytest.deprecated_call():
        old = classify(acts, "somanith")
    assert old.drop(columns="framework").equals(classify(acts, "samath").drop(columns="framework"))
