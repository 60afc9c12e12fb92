"""Parameter parsing: every bad input is one clear InputError."""

from __future__ import annotations

import pytest

from mathdl_anim.core.errors import InputError
from mathdl_anim.core.params import as_int_list, as_matrix, as_number, parse_assignment
from mathdl_anim.lesson.registry import find_scene


def test_parse_assignment_json():
    assert parse_assignment("A=[[1,2],[3,4]]") == ("A", [[1, 2], [3, 4]])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("A=[[1,2]", "malformed JSON"),
        ("A=NaN", "non-finite"),
        ("A=[Infinity]", "non-finite"),
        ("A", "KEY=VALUE"),
        ("=3", "KEY=VALUE"),
    ],
)
def test_bad_assignments(text, message):
    with pytest.raises(InputError, match=message):
        parse_assignment(text)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ([[1, 2], [3]], "not rectangular"),
        ([[1] * 5], "at most 4x4"),
        ([], "non-empty"),
        ([[1, "a"]], "list of lists of numbers"),
        ([[True, 1]], "list of lists of numbers"),
        ([[1e9]], "larger than"),
    ],
)
def test_matrix_errors(value, message):
    with pytest.raises(InputError, match=message):
        as_matrix(4, 4)("A", value)


def test_number_bounds():
    assert as_number(0, 1, open_lo=True)("sigma", 0.5) == 0.5
    with pytest.raises(InputError):
        as_number(0, 1, open_lo=True)("sigma", 0)


def test_int_list():
    convert = as_int_list(2, [(1, 4), (1, 3)], ["N", "C"])
    assert convert("shape", [2, 3]) == (2, 3)
    with pytest.raises(InputError, match="C must be between 1 and 3"):
        convert("shape", [2, 5])


def test_index_list():
    from mathdl_anim.core.params import as_index_list

    convert = as_index_list(1, 3, 0, 9)
    assert convert("digits", [0, 9]) == (0, 9)
    for bad, message in (
        ([], "1 to 3 whole numbers"),
        ([1, 2, 3, 4], "1 to 3"),
        ([1.5], "whole"),
        ([10], "from 0 to 9, got 10"),
    ):
        with pytest.raises(InputError, match=message):
            convert("digits", bad)


def test_unknown_key_lists_valid_ones():
    with pytest.raises(InputError, match=r"unknown parameter 'C' for MatrixMultiplication \(valid: A, B\)"):
        find_scene("MatrixMultiplication").resolve({"C": 1})


def test_scene_aliases():
    spec = find_scene("matrix_multiplication")
    assert find_scene("matrix-multiplication") is spec is find_scene("MatrixMultiplication")
    with pytest.raises(InputError, match="unknown scene"):
        find_scene("nope")
