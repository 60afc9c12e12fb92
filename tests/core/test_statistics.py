"""Normalization core against numpy (population std, ddof=0) and closed forms."""

from __future__ import annotations

import statistics

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


def test_population_statistics_against_the_standard_library():
    # statistics.pvariance / pstdev divide by N, as the core does (ddof = 0)
    data = [2.5, 3.0, 7.25, 1.0, 4.5, 9.0, 6.0]
    s = stats.summarize(data)
    assert s.mean == pytest.approx(statistics.fmean(data), rel=1e-12)
    assert s.variance == pytest.approx(statistics.pvariance(data), rel=1e-12)
    assert s.std == pytest.approx(statistics.pstdev(data), rel=1e-12)


def test_squared_deviations_sum_to_n_times_the_variance():
    ex = stats.normalization_example([2, 4, 4, 4, 5, 5, 7, 9])
    v = ex.values()
    # deviations -3, -1, -1, -1, 0, 0, 2, 4: squares 9, 1, 1, 1, 0, 0, 4, 16, sum 32 = 8 * 4
    assert v["squared_deviations"] == [9.0, 1.0, 1.0, 1.0, 0.0, 0.0, 4.0, 16.0]
    assert (v["sum_squares"], v["n"], v["variance"]) == (32.0, 8, 4.0)


def test_houses_are_deterministic_and_on_scales_thousands_of_times_apart():
    X1, y1 = stats.house_features()
    X2, y2 = stats.house_features()
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert X1.shape == (stats.N_HOUSES, 2)
    ex = stats.normalization_example([1.0, 2.0])
    assert ex.scale_ratio == pytest.approx(np.std(X1[:, 0]) / np.std(X1[:, 1]), rel=1e-12)
    assert ex.scale_ratio > 1000


def _houses():
    """The houses' centred and normalized features and centred target, computed here."""
    X, y = stats.house_features()
    centred = X - X.mean(axis=0)
    return centred, centred / X.std(axis=0), y - y.mean()


@pytest.fixture(scope="module")
def example():
    return stats.normalization_example([2, 4, 4, 4, 5, 5, 7, 9])


@pytest.mark.parametrize("which", ["raw", "normalized"])
def test_descent_against_the_closed_form(example, which):
    """GD on a quadratic: w_k = w* + (I - lr H)^k (w_0 - w*), with H and w* from numpy's lstsq."""
    centred, scaled, y = _houses()
    X = centred if which == "raw" else scaled
    d = getattr(example, which)
    n = len(y)
    H = np.cov(X.T, bias=True)  # X is centred: the Hessian X^T X / N is its covariance
    w_star, residual, *_ = np.linalg.lstsq(X, y, rcond=None)
    np.testing.assert_allclose(d.minimum, w_star, rtol=1e-7)
    assert d.min_loss == pytest.approx(residual[0] / (2 * n), rel=1e-7)
    step = np.eye(2) - stats.LEARNING_RATE * H
    for k in (0, 1, 2, 7, stats.DESCENT_STEPS):
        expected = w_star + np.linalg.matrix_power(step, k) @ (np.zeros(2) - w_star)  # start: w = 0
        np.testing.assert_allclose(d.path[k], expected, rtol=1e-6, atol=1e-9 * np.abs(w_star).max())
        assert d.losses[k] == pytest.approx(np.sum((X @ d.path[k] - y) ** 2) / (2 * n), rel=1e-9)
    # condition numbers and the stability limit against numpy
    np.testing.assert_allclose(d.eigenvalues, np.linalg.eigvalsh(H), rtol=1e-9)
    assert d.condition == pytest.approx(np.linalg.cond(H), rel=1e-6)
    assert d.max_stable_lr == pytest.approx(2 / np.linalg.eigvalsh(H)[-1], rel=1e-9)


@pytest.mark.parametrize("which", ["raw", "normalized"])
def test_a_rate_above_the_cap_diverges_until_it_leaves_the_map(example, which):
    """The closed form again, at 1.1 x 2 / lambda_max: w_k = w* + (I - lr H)^k (w_0 - w*), so the
    error across the valley grows by |1 - 2.2| = 1.2 a step; the path is cut on the window's
    edge where it first leaves (computed here by walking the closed form)."""
    centred, scaled, y = _houses()
    X = centred if which == "raw" else scaled
    d = getattr(example, which)
    H = np.cov(X.T, bias=True)
    w_star = np.linalg.lstsq(X, y, rcond=None)[0]
    lam = np.linalg.eigvalsh(H)[-1]
    lr = 1.1 * 2 / lam
    assert d.too_fast_lr == pytest.approx(lr, rel=1e-9)
    step = np.eye(2) - lr * H
    (x0, x1), (y0, y1) = stats.WINDOW
    path = d.too_fast_path
    for k in range(len(path) - 1):  # every point but the last is the closed form, inside
        expected = w_star + np.linalg.matrix_power(step, k) @ (np.zeros(2) - w_star)
        np.testing.assert_allclose(path[k], expected, rtol=1e-6, atol=1e-9)
        assert x0 <= path[k][0] <= x1 and y0 <= path[k][1] <= y1
    last = path[-1]
    on_edge = np.isclose(last[0], [x0, x1]).any() or np.isclose(last[1], [y0, y1]).any()
    assert on_edge, "the path leaves the window within its steps and stops on the edge"
    # the point it was heading for is the next closed-form iterate, past that edge
    k = len(path) - 1
    beyond = w_star + np.linalg.matrix_power(step, k) @ (np.zeros(2) - w_star)
    direction = beyond - path[-2]
    towards = last - path[-2]
    assert direction[0] * towards[1] - direction[1] * towards[0] == pytest.approx(0.0, abs=1e-9)


def test_raw_scales_stall_and_normalized_ones_walk_down(example):
    raw, norm = example.raw, example.normalized
    assert raw.condition > 1e6 and norm.condition < 2
    # the same learning rate is stable for both, and larger than 1/lambda_max on the raw loss
    # (the raw run overshoots across its valley: it zig-zags)
    assert raw.lr == norm.lr < raw.max_stable_lr < norm.max_stable_lr
    assert raw.lr * raw.eigenvalues[-1] > 1
    w1 = raw.path[:, 0]
    assert np.all(np.diff(np.sign(np.diff(w1[:8]))) != 0)  # w1 goes back and forth
    # the same model (the features are only rescaled): the same least loss
    assert raw.min_loss == pytest.approx(norm.min_loss, rel=1e-9)
    start_excess = raw.losses[0] - raw.min_loss
    # both start at w = 0: the same model, the same loss
    assert raw.losses[0] == pytest.approx(norm.losses[0], rel=1e-12)
    # the raw run removes the part across the valley, then stalls: more than 40% is left
    assert raw.final_loss - raw.min_loss > 0.4 * start_excess
    assert norm.final_loss - norm.min_loss < 1e-6 * start_excess
    # the raw run has covered almost none of its way along the valley
    assert raw.path[-1, 1] < 1e-3 * raw.minimum[1]


@pytest.mark.parametrize("which", ["raw", "normalized"])
def test_steps_to_converge_by_iteration(example, which):
    """The first k with L(w_k) - L* <= 1% of the start's, against powers of the step matrix."""
    centred, scaled, y = _houses()
    X = centred if which == "raw" else scaled
    d = getattr(example, which)
    H = X.T @ X / len(y)
    w_star = np.linalg.lstsq(X, y, rcond=None)[0]
    step = np.eye(2) - stats.LEARNING_RATE * H

    def excess(k):
        e = np.linalg.matrix_power(step, k) @ (-w_star)
        return 0.5 * e @ H @ e

    k = d.steps_to_converge
    assert excess(k) <= stats.CONVERGED * excess(0) < excess(k - 1)
    if which == "normalized":
        assert k < 10
    else:
        assert k > 1e6


def test_descent_refuses_an_unstable_learning_rate():
    centred, _, y = _houses()
    limit = 2 / np.linalg.eigvalsh(centred.T @ centred / len(y))[-1]
    stats.descend(centred, y, lr=0.99 * limit)
    with pytest.raises(InputError):
        stats.descend(centred, y, lr=1.01 * limit)
    with pytest.raises(InputError):
        stats.descend(centred, y, lr=0)


def test_contours_lie_on_their_levels(example):
    centred, scaled, y = _houses()
    for d, X in ((example.raw, centred), (example.normalized, scaled)):
        assert len(d.contours) == len(d.levels) and np.all(np.diff(d.levels) < 0)
        for level, segments in zip(d.levels, d.contours):
            assert len(segments) > 10
            points = segments.reshape(-1, 2)
            losses = np.array([np.sum((X @ w - y) ** 2) / (2 * len(y)) for w in points])
            # marching squares interpolates linearly on a 60 x 60 grid: close, not exact
            np.testing.assert_allclose(losses, level, rtol=2e-3)


def test_the_overview_draws_the_same_levels(example):
    """The whole raw valley: the same levels, as ellipses, in a window 30 wide and 10,000 tall."""
    centred, _, y = _houses()
    raw = example.raw
    assert len(raw.overview) == len(raw.levels)
    (x0, x1), (y0, y1) = stats.OVERVIEW
    for level, segments in zip(raw.levels, raw.overview):
        points = segments.reshape(-1, 2)
        assert np.all(
            (points[:, 0] >= x0) & (points[:, 0] <= x1) & (points[:, 1] >= y0) & (points[:, 1] <= y1)
        )
        losses = np.array([np.sum((centred @ w - y) ** 2) / (2 * len(y)) for w in points])
        np.testing.assert_allclose(losses, level, rtol=1e-7)
    # each level is a closed needle around the minimum: it reaches above and below it
    for segments in raw.overview[1:]:
        w2 = segments.reshape(-1, 2)[:, 1]
        assert w2.min() < raw.minimum[1] < w2.max()
    assert example.normalized.overview == ()


def test_values_keep_their_names(example):
    v = example.values()
    for key in ("data", "mean", "variance", "std", "shifted", "normalized", "normalized_mean"):
        assert key in v
    assert v["std"] == 2.0 and v["ddof"] == 0
    assert set(v["features"]) == {"rooms", "land"}
    assert set(v["descent"]) == {"raw", "normalized"}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=2, max_size=40))
def test_deviations_laid_head_to_tail_return_to_the_mean(data):
    """Normalization's chain of deviation arrows: every deviation laid once, each tail at the
    running sum of those before it (numpy's cumsum), the last head at their sum (0 for deviations
    from the mean, to rounding), and the chain never farther from 0 than the largest deviation."""
    d = np.asarray(data) - np.mean(data)
    order, starts = stats.head_to_tail(d)
    assert sorted(order.tolist()) == list(range(d.size))
    laid = d[order]
    assert np.allclose(starts, np.concatenate([[0.0], np.cumsum(laid)[:-1]]), atol=1e-9)
    scale = max(float(np.max(np.abs(d))), 1.0)
    assert abs(starts[-1] + laid[-1]) <= 1e-9 * scale * d.size
    assert np.all(np.abs(starts) <= float(np.max(np.abs(d))) * (1 + 1e-9) + 1e-9 * scale * d.size)
