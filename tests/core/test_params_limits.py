"""Input errors of any size are one clear line (issue 19, items 4 and 9)."""

from __future__ import annotations

import pytest

from mathdl_anim.core.errors import InputError
from mathdl_anim.core.params import (
    MAX_ABS_ENTRY,
    as_choice,
    as_int,
    as_int_list,
    as_matrix,
    as_number,
    as_vector,
    parse_assignments,
    parse_json_value,
)

BIG = "1" + "0" * 400  # 401 digits: past a float
HUGE = "1" + "0" * 4300  # 4301 digits: past Python's int-from-text limit


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (BIG, "401 digits"),
        ("-" + BIG, "401 digits"),
        (HUGE, "4301 digits"),
        (f"[[1, {BIG}]]", "401 digits"),
        ("1e400", "too large"),
        ("[-1e400]", "too large"),
    ],
)
def test_numbers_too_large_for_a_float_are_refused_in_one_line(text, message):
    with pytest.raises(InputError, match=message) as info:
        parse_json_value("mu", text)
    assert "\n" not in str(info.value) and len(str(info.value)) < 200


def test_a_large_integer_that_fits_is_still_a_number():
    value = parse_json_value("mu", "1" + "0" * 299)
    with pytest.raises(InputError, match=r"mu must be in \[-1000, 1000\], got 1000000000") as info:
        as_number(-1000, 1000)("mu", value)
    assert len(str(info.value)) < 100  # cut, not 300 digits


@pytest.mark.parametrize(
    ("convert", "value", "expected"),
    [
        (as_number(-1000, 1000), 1000.0000001, "mu must be in [-1000, 1000], got 1000.0000001"),
        (as_number(0, 1000, open_lo=True), 0, "mu must be in (0, 1000], got 0"),
        (as_int(0, 10), 11, "mu must be between 0 and 10, got 11"),
        (as_int(0, 10), 2.5, "mu must be an integer, got 2.5"),
    ],
)
def test_out_of_range_values_are_shown_as_typed(convert, value, expected):
    with pytest.raises(InputError) as info:
        convert("mu", value)
    assert str(info.value) == expected


def test_a_key_given_twice_is_refused():
    assert parse_assignments(["a=1", "b=2"]) == {"a": 1, "b": 2}
    with pytest.raises(InputError, match=r"--set mu is given twice \(1 and 2\)"):
        parse_assignments(["mu=1", "sigma=3", "mu=2"])


@pytest.mark.parametrize(
    ("convert", "words"),
    [
        (as_number(-10, 10), "a number in [-10, 10]"),
        (as_number(0, 2, open_lo=True), "a number in (0, 2]"),
        (as_int(1, 60), "an integer from 1 to 60"),
        (as_choice(("relu", "tanh")), "one of relu, tanh"),
        (as_vector(2, 20), f"2 to 20 numbers, each in [-{MAX_ABS_ENTRY:g}, {MAX_ABS_ENTRY:g}]"),
        (as_matrix(4, 4), f"1x1 to 4x4 numbers, each in [-{MAX_ABS_ENTRY:g}, {MAX_ABS_ENTRY:g}]"),
        (as_int_list(2, [(1, 4), (1, 4096)], ["N", "H"]), "2 integers: N 1 to 4, H 1 to 4096"),
    ],
)
def test_converters_state_their_limits(convert, words):
    assert convert.limits == words
