"""The ends of a log axis, against a search over the integers and hand-worked cases."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathdl_anim.core.scales import MAX_DECADES, log_exponents, log_heights


def _decades(values, max_decades):
    """The log axis' exponents by search over the integers (independent of log10 rounding)."""
    positive = [v for v in values if math.isfinite(v) and v > 0]
    high = next(e for e in range(-330, 309) if 10.0**e >= max(positive))
    low = next(e for e in range(308, -330, -1) if 10.0**e <= min(positive))
    if max_decades is not None:
        low = max(low, high - max_decades)
    return low, max(high, low + 1)


@pytest.mark.parametrize(
    "values, max_decades, expected",
    [
        ([1.0], MAX_DECADES, (0, 1)),  # at least one decade
        ([0.0, -2.0, math.inf, math.nan], MAX_DECADES, (-1, 1)),  # nothing positive and finite
        ([0.05, 3.0], MAX_DECADES, (-2, 1)),
        ([1e-12, 2.0], MAX_DECADES, (1 - 8, 1)),  # clipped to eight decades
        ([1e-12, 2.0, 0.0], 12, (-11, 1)),
        ([1e-12, 2.0], None, (-12, 1)),  # no limit
    ],
)
def test_log_exponents(values, max_decades, expected):
    assert log_exponents(values, max_decades) == expected


@given(st.lists(st.floats(1e-300, 1e300), min_size=1, max_size=20), st.sampled_from([None, 3, MAX_DECADES]))
def test_log_exponents_agree_with_a_search(values, max_decades):
    assert log_exponents(values, max_decades) == _decades(values, max_decades)


def test_log_heights_are_decades_above_the_floor_clipped():
    heights = log_heights([1.0, 0.01, 1e-9, 0.0, 100.0, 1e5], -2, 1)
    assert heights.tolist() == pytest.approx([2.0, 0.0, 0.0, 0.0, 3.0, 3.0])
