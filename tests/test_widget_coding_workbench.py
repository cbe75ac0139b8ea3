"""In-kernel tests of CodingWorkbench: set controls, press buttons, assert on the HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from smallstate.widgets.coding_workbench import CodingWorkbench


@pytest.fixture()
def bench(tmp_path: Path) -> CodingWorkbench:
    return CodingWorkbench(folder=tmp_path / "class")


def test_classes(bench: CodingWorkbench) -> None:
    parts = {
        "report": bench.report, "text": bench.text, "domain": bench.domain,
        "stance": bench.stance, "intensity": bench.intensity, "aimed": bench.aimed,
        "rules": bench.rules, "check": bench.check, "feedback": bench.feedback,
        "reveal": bench.reveal, "course": bench.course, "coder": bench.coder,
        "folder": bench.folder, "save": bench.save, "status": bench.status,
        "class": bench.show_class, "classview": bench.classview,
    }  # fmt: skip
    for part, control in parts.items():
        assert f"ss-code-{part}" in control._dom_classes
    for control in (bench.report, bench.domain, bench.stance, bench.coder, bench.folder):
        assert control.description  # an accessible name (the label)


def test_code_check_reveal(bench: CodingWorkbench) -> None:
    bench.report.value = "H-04"
    assert "Hypothetical report" in bench.text.value and "law that bans" in bench.text.value
    bench.check.click()
    assert bench.feedback.value.count("choose a value") == 4
    bench.domain.value = "security"
    bench.stance.value = "defiance"
    bench.intensity.value = "3"
    bench.aimed.value = "yes"
    assert "resists or counters the target" in bench.rules.value
    bench.check.click()
    assert "No problem found" in bench.feedback.value
    assert bench.course.value == ""  # hidden until asked for
    bench.reveal.click()
    assert "4 of 4 fields the same" in bench.course.value
    bench.report.value = "D-37"
    assert "Real act" in bench.text.value and bench.course.value == ""
    assert bench.stance.value == ""  # a new report starts blank
    bench.report.value = "H-04"
    assert bench.stance.value == "defiance"  # the earlier coding comes back


def test_lint_rule_shows(bench: CodingWorkbench) -> None:
    bench.report.value = "D-37"
    bench.stance.value = "diversification"
    bench.check.click()
    assert "diversification-is-towards-rivals" in bench.feedback.value


def _code_d01(bench: CodingWorkbench) -> None:
    bench.report.value = "D-01"
    for control, value in ((bench.domain, "institutional"), (bench.stance, "binding"),
                           (bench.intensity, "3"), (bench.aimed, "unknown")):  # fmt: skip
        control.value = value


def test_save_and_pool(bench: CodingWorkbench, tmp_path: Path) -> None:
    bench.save.click()
    assert "Nothing to save yet" in bench.status.value
    _code_d01(bench)
    bench.coder.value = "Alice Smith"
    bench.save.click()
    assert "Not saved" in bench.status.value
    bench.coder.value = "student 7"
    assert "student-7.csv" in bench.status.value
    bench.save.click()
    assert "Saved 1 coding(s)" in bench.status.value
    assert (tmp_path / "class" / "student-7.csv").exists()
    bench.show_class.click()
    assert "institutional (1)" in bench.classview.value
    assert "student 7" in bench.classview.value and "Krippendorff" in bench.classview.value


def test_pooling_again_sees_a_new_file(bench: CodingWorkbench, tmp_path: Path) -> None:
    """The pooled figures are kept while the folder's files stay, and pooled again after."""
    bench.show_class.click()
    assert "No class codings found" in bench.classview.value
    _code_d01(bench)
    bench.coder.value = "student 8"
    bench.save.click()
    bench.show_class.click()
    assert "student 8" in bench.classview.value and "institutional (1)" in bench.classview.value
    (tmp_path / "class" / "student-8.csv").unlink()
    bench.show_class.click()
    assert "No class codings found" in bench.classview.value
