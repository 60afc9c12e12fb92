"""Normalization core against numpy (population std, ddof=0) and closed forms."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mathdl_anim.core import statistics as stats
from mathdl_anim.core.errors import InputError


def test_textbook_example_closed_form():
    # mean 5, population variance 4 (sum of squared deviations 32 over N = 8), std 2
    s = stats.summarize([2, 4, 4, 4, 5, 5, 7, 9])
    assert (s.mean, s.variance, s.std) == (5.0, 4.0, 2.0)
    np.testing.assert_array_equal(s.normalized, [-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2])
    assert (s.normalized_mean, s.normalized_std) == (0.0, 1.0)


def test_population_not_sample_std():
    x = [1.0, 2.0, 3.0, 4.0]
    s = stats.summarize(x)
    assert s.std == pytest.approx(np.std(x, ddof=0))
    assert s.std != pytest.approx(np.std(x, ddof=1))
    assert stats.DDOF == 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-1e4, 1e4, allow_nan=False), min_size=2, max_size=20))
def test_matches_numpy(data):
    arr = np.asarray(data)
    if np.ptp(arr) == 0:
        with pytest.raises(InputError):
            stats.summarize(data)
        return
    assume(np.std(arr) > 1e-6)
    s = stats.summarize(data)
    assert s.mean == pytest.approx(np.mean(arr), rel=1e-12, abs=1e-9)
    assert s.variance == pytest.approx(np.var(arr), rel=1e-9, abs=1e-9)
    assert s.std == pytest.approx(np.std(arr), rel=1e-9, abs=1e-9)
    np.testing.assert_allclose(s.normalized, (arr - np.mean(arr)) / np.std(arr), rtol=1e-9, atol=1e-9)
    assert np.mean(s.normalized) == pytest.approx(0.0, abs=1e-9)
    assert np.std(s.normalized) == pytest.approx(1.0, rel=1e-9)
    assert s.normalized_mean == 0.0 and s.normalized_std == 1.0


@pytest.mark.parametrize("data", [[3.0], [], [7, 7, 7], [1.0, float("nan")]])
def test_bad_data(data):
    with pytest.raises(InputError):
        stats.summarize(data)


def test_z_scores_are_shift_and_scale_invariant():
    x = np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0])
    np.testing.assert_allclose(stats.z_scores(1000 + 50 * x), stats.z_scores(x), atol=1e-12)


def test_two_features_end_on_the_same_scale():
    ex = stats.normalization_example([2, 4, 4, 4, 5, 5, 7, 9])
    age, income = ex.features["age"], ex.features["income"]
    assert ex.scale_ratio == pytest.approx(np.std(stats.FEATURES["income"]) / np.std(stats.FEATURES["age"]))
    assert ex.scale_ratio > 1000
    for s in (age, income):
        assert np.ptp(s.normalized) < 4  # both within a few units of 0
    v = ex.values()
    for key in ("data", "mean", "std", "normalized"):
        assert key in v
    assert v["std"] == 2.0 and v["ddof"] == 0
