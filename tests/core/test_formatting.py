"""The one formatting policy: what each number looks like on screen."""

from __future__ import annotations

import math

import pytest

from mathdl_anim.core.formatting import (
    format_plain,
    format_shape,
    format_spoken,
    format_tex,
    iter_numbers,
)


@pytest.mark.parametrize(
    ("x", "tex"),
    [
        (19, "19"),
        (19.0, "19"),
        (-3, "-3"),
        (0.25, "0.25"),
        (1.5, "1.5"),
        (1 / 3, "0.33"),
        (2 / 3, "0.67"),
        (-0.0, "0"),
        (0, "0"),
        (3072, "3072"),
        (0.004, r"4.0 \times 10^{-3}"),
        (-1.234e-5, r"-1.2 \times 10^{-5}"),
        (2.5e7, r"2.5 \times 10^{7}"),
        (0.005, "0.01"),
        (-0.001, r"-1.0 \times 10^{-3}"),
    ],
)
def test_format_tex(x, tex):
    assert format_tex(x) == tex


def test_format_plain_scientific():
    assert format_plain(1.234e-5) == "1.2e-05"
    assert format_plain(0.5) == "0.5"


@pytest.mark.parametrize(
    ("x", "spoken"),
    [
        (19, "19"),
        (-0.5, "-0.5"),
        (1 / 3, "0.33"),
        (-1.234e-5, "-1.2 times 10 to the power -5"),
        # large numbers as said in words (short scale: million 10^6, billion 10^9, trillion 10^12)
        (2.5e7, "25 million"),
        (1.2e7, "12 million"),
        (-3.4e9, "-3.4 billion"),
        (1e6, "1 million"),
        (4.56e14, "460 trillion"),
        (7.1e15, "7.1 times 10 to the power 15"),
    ],
)
def test_format_spoken_reads_like_the_screen(x, spoken):
    assert format_spoken(x) == spoken


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_refused(bad):
    with pytest.raises(ValueError):
        format_tex(bad)


def test_shapes_as_numpy_prints_them():
    import numpy as np

    for shape in [(), (3,), (2, 3), (2, 3, 32, 32)]:
        assert format_shape(shape) == str(np.zeros(shape).shape)


def test_iter_numbers_walks_nesting_and_skips_bools():
    assert list(iter_numbers({"a": [1, [2.5]], "b": {"c": 3}, "d": True, "e": "x"})) == [1, 2.5, 3]


def test_derivative_tex():
    from mathdl_anim.core.formatting import derivative_tex

    assert derivative_tex("y", "x") == r"\frac{dy}{dx}"
    assert derivative_tex("L", "w_1", partial=True) == r"\frac{\partial L}{\partial w_1}"


@pytest.mark.parametrize(
    "x, expected",
    [
        (0.9, "0.9"),
        (1.0, "1"),
        (0.999, r"1 - 1.0 \times 10^{-3}"),
        (0.995, "0.99"),
        (0.9999, r"1 - 1.0 \times 10^{-4}"),
    ],
)
def test_near_one_tex_never_shows_one_for_a_decay_below_it(x, expected):
    from mathdl_anim.core.formatting import near_one_tex

    assert near_one_tex(x) == expected


@pytest.mark.parametrize(
    "factors",
    [[0.73, 0.92], [3.0, 3.2, -0.8354], [2.0, 3.0], [0.25, 0.25, 0.25], [1.005, 2.0], [-0.5, 4.0, 0.125]],
)
def test_a_product_line_never_contradicts_its_own_factors(factors):
    from fractions import Fraction

    from mathdl_anim.core.formatting import product_tex

    shown, relation, product = product_tex(factors)
    assert product == format_tex(math.prod(factors))
    # the factors as shown, multiplied exactly (fractions) and rounded half-away like the policy
    exact = math.prod(Fraction(s) for s in shown)
    assert (format_tex(float(exact)) == product) == (relation == "=")
