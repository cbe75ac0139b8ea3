"""tools/generated.py: the one place the generated files' marked blocks and --check live."""

from __future__ import annotations

import doctest

import pytest

from tools import generated


def test_docstring_examples() -> None:
    assert doctest.testmod(generated).failed == 0


def test_a_missing_or_misplaced_marker_names_the_file() -> None:
    with pytest.raises(ValueError, match=r"README\.md: the markers"):
        generated.replace_block("no markers here", "<b>", "<e>", "x", name="README.md")
    with pytest.raises(ValueError, match="the markers"):
        generated.replace_block("<e> then <b>", "<b>", "<e>", "x")
