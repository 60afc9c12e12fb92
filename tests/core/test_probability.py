"""Probability core against independent references (scipy.stats, numpy, closed forms)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from mathdl_anim.core import probability as prob
from mathdl_anim.core.errors import InputError
from mathdl_anim.core.formatting import iter_numbers


# The Gaussian ---------------------------------------------------------------------------
@pytest.mark.parametrize("mu, sigma", [(0.0, 1.0), (2.5, 0.3), (-40.0, 12.0)])
def test_pdf_and_cdf_match_scipy(mu, sigma):
    x = mu + sigma * np.linspace(-8, 8, 97)
    np.testing.assert_allclose(prob.normal_pdf(x, mu, sigma), stats.norm.pdf(x, mu, sigma), rtol=1e-12)
    # rtol 1e-10 holds in the far lower tail too thanks to erfc (1 + erf would lose it all).
    np.testing.assert_allclose(prob.normal_cdf(x, mu, sigma), stats.norm.cdf(x, mu, sigma), rtol=1e-10)


def test_cdf_far_tail_keeps_precision():
    # scipy: norm.cdf(-10) = 7.6198530241605e-24
    assert prob.normal_cdf(-10.0) == pytest.approx(stats.norm.cdf(-10.0), rel=1e-10)


@pytest.mark.parametrize("sigma", [0.0, -1.0, math.inf, math.nan])
def test_bad_sigma_is_input_error(sigma):
    with pytest.raises(InputError):
        prob.normal_pdf(0.0, 0.0, sigma)


def test_band_shares_are_the_empirical_rule():
    # The closed form P(|Z| <= k) = cdf(k) - cdf(-k), from scipy.
    for k in prob.SIGMA_MULTIPLES:
        assert prob.band_share(k) == pytest.approx(stats.norm.cdf(k) - stats.norm.cdf(-k), rel=1e-12)
    rounded = [round(100 * prob.band_share(k), 1) for k in prob.SIGMA_MULTIPLES]
    assert rounded == [68.3, 95.4, 99.7]
    # the rule as quoted agrees with the exact shares to the digits quoted
    for quoted, k in zip(prob.RULE_PERCENT, prob.SIGMA_MULTIPLES):
        assert abs(quoted - 100 * prob.band_share(k)) < 0.5


# Running statistics ---------------------------------------------------------------------
def test_running_mean_std_matches_numpy_at_every_step():
    x = np.random.default_rng(3).normal(5.0, 2.0, size=500)
    means, stds = prob.running_mean_std(x)
    for k in (1, 2, 3, 10, 77, 500):
        assert means[k - 1] == pytest.approx(np.mean(x[:k]), rel=1e-12, abs=1e-12)
        assert stds[k - 1] == pytest.approx(np.std(x[:k], ddof=0), rel=1e-10, abs=1e-12)


def test_welford_is_stable_with_a_huge_offset():
    # Spread 1 around 1e9: sum(x^2)/n - mean^2 cancels catastrophically (here it loses every
    # digit), Welford keeps about 7.
    base = np.random.default_rng(4).normal(0.0, 1.0, size=2000)
    x = 1e9 + base
    _, stds = prob.running_mean_std(x)
    naive = math.sqrt(abs(np.mean(x**2) - np.mean(x) ** 2))
    assert abs(naive - np.std(base)) > 0.5  # the naive formula really fails
    assert stds[-1] == pytest.approx(np.std(base), rel=1e-6)


def test_checkpoints():
    assert prob.sample_checkpoints(10_000) == (1, 2, 3, 4, 5, 10, 100, 1000, 10_000)
    assert prob.sample_checkpoints(2500) == (1, 2, 3, 4, 5, 10, 100, 1000, 2500)
    assert prob.sample_checkpoints(3) == (1, 2, 3)
    assert prob.sample_checkpoints(7) == (1, 2, 3, 4, 5, 7)
    assert prob.sample_checkpoints(100, one_by_one=0) == (10, 100)
    assert prob.sample_checkpoints(1, one_by_one=0) == (1,)


def test_histogram_leaves_out_what_numpy_leaves_out():
    edges = np.linspace(-1, 1, 5)
    x = np.array([-3.0, -1.0, -0.9, -0.2, 0.1, 0.4, 0.99, 1.0, 7.0])
    # by hand: bins [-1,-0.5) [-0.5,0) [0,0.5) [0.5,1]; -3 and 7 are outside, 1.0 is in the last
    np.testing.assert_array_equal(prob.histogram(x, edges), [2, 1, 2, 2])
    np.testing.assert_array_equal(prob.histogram(x, edges), np.histogram(x, edges)[0])
    assert prob.left_out(x, edges) == 2


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_histogram_of_gaussian_samples_matches_numpy(seed):
    x = np.random.default_rng(seed).normal(0.0, 1.0, 20_000)
    edges = np.linspace(-2.5, 2.5, 21)  # narrow: hundreds of samples fall outside
    counts = prob.histogram(x, edges)
    np.testing.assert_array_equal(counts, np.histogram(x, edges)[0])
    outside = int(np.sum(x < -2.5) + np.sum(x > 2.5))
    assert outside > 100
    assert prob.left_out(x, edges) == outside
    assert counts.sum() + outside == x.size


# Gaussian sampling ----------------------------------------------------------------------
def test_same_seed_same_samples_other_seed_other_samples():
    a = prob.gaussian_sampling_example(1.0, 2.0, 1000, seed=7)
    b = prob.gaussian_sampling_example(1.0, 2.0, 1000, seed=7)
    c = prob.gaussian_sampling_example(1.0, 2.0, 1000, seed=8)
    np.testing.assert_array_equal(a.samples, b.samples)
    assert a.values() == b.values()
    assert not np.array_equal(a.samples, c.samples)
    # the documented generator: numpy.random.default_rng(seed).normal
    np.testing.assert_array_equal(a.samples, np.random.default_rng(7).normal(1.0, 2.0, 1000))


def test_checkpoint_statistics_and_counts():
    ex = prob.gaussian_sampling_example(-3.0, 0.5, 2500, seed=11, bins=20)
    width = ex.bin_edges[1] - ex.bin_edges[0]
    np.testing.assert_allclose(ex.bin_edges[[0, -1]], [-5.0, -1.0])
    # each of the first 16 samples as it rains, then 100, 1000 and all of them
    assert [c.n for c in ex.checkpoints] == [*range(1, 17), 100, 1000, 2500]
    for c in ex.checkpoints:
        part = ex.samples[: c.n]
        np.testing.assert_array_equal(c.counts, np.histogram(part, ex.bin_edges)[0])
        assert c.left_out == np.sum((part < -5.0) | (part > -1.0))
        assert c.counts.sum() + c.left_out == c.n
        assert c.mean == pytest.approx(np.mean(part), rel=1e-12, abs=1e-12)
        assert c.std == pytest.approx(np.std(part), rel=1e-10, abs=1e-12)
        # density = count / (n width): its area is the share of samples inside the range
        assert np.sum(c.density * width) == pytest.approx(1.0 - c.left_out / c.n)
        k = c.n
        np.testing.assert_array_equal(ex.counts_after(k), c.counts)
        assert ex.left_out_after(k) == c.left_out
        assert ex.running_mean[k - 1] == pytest.approx(np.mean(part), rel=1e-12, abs=1e-12)
    assert ex.sample_mean == pytest.approx(ex.samples.mean())
    assert ex.sample_std == pytest.approx(ex.samples.std())
    np.testing.assert_array_equal(ex.counts, ex.checkpoints[-1].counts)


def test_sample_shares_match_numpy():
    ex = prob.gaussian_sampling_example(0.0, 1.0, 5000, seed=2)
    for k, share in zip(prob.SIGMA_MULTIPLES, ex.sample_share_percent):
        assert share == pytest.approx(100 * np.mean(np.abs(ex.samples) <= k))
    for k, share in zip(prob.SIGMA_MULTIPLES, ex.true_share_percent):
        assert share == pytest.approx(100 * (stats.norm.cdf(k) - stats.norm.cdf(-k)))


def _sampler_passes(sampler, mu, sigma, n, seeds) -> bool:
    """The check a correct sampler meets: |mean - mu| < 5 sigma / sqrt(n) and std within 10%."""
    for seed in seeds:
        x = sampler(mu, sigma, n, seed)
        if abs(x.mean() - mu) >= 5 * sigma / math.sqrt(n) or abs(x.std() / sigma - 1) >= 0.1:
            return False
    return True


def _ours(mu, sigma, n, seed):
    return prob.gaussian_sampling_example(mu, sigma, n, seed).samples


def test_sample_mean_and_std_over_many_seeds():
    assert _sampler_passes(_ours, 3.0, 2.0, 2000, range(40))


def test_the_bound_catches_wrong_samplers():
    shifted = lambda mu, sigma, n, seed: _ours(mu, sigma, n, seed) + 0.5 * sigma  # noqa: E731
    wide = lambda mu, sigma, n, seed: _ours(mu, 1.3 * sigma, n, seed)  # noqa: E731
    swapped = lambda mu, sigma, n, seed: _ours(sigma, mu, n, seed)  # noqa: E731
    for bad in (shifted, wide, swapped):
        assert not _sampler_passes(bad, 3.0, 2.0, 2000, range(40))


def test_histogram_converges_to_the_pdf():
    ex = prob.gaussian_sampling_example(0.0, 1.0, 100_000, seed=5, bins=20)
    # exact bin probability / width from scipy, every bin: the tails are left out, not
    # gathered into the end bins
    width = ex.bin_edges[1] - ex.bin_edges[0]
    expected = np.diff(stats.norm.cdf(ex.bin_edges)) / width
    np.testing.assert_allclose(ex.final.density, expected, atol=0.02)
    # the end bins: within 5 binomial standard errors (their old tail-gathering broke this)
    p_end = stats.norm.cdf(-3.6) - stats.norm.cdf(-4.0)
    se = math.sqrt(p_end * (1 - p_end) / ex.n) / width
    for d in ex.final.density[[0, -1]]:
        assert abs(d - p_end / width) < 5 * se
    # the samples beyond 4 sigma: P(|Z| > 4) n = 6.3 expected (scipy), Poisson bound
    assert ex.left_out == np.sum(np.abs(ex.samples) > 4.0)
    assert abs(ex.left_out - 2 * stats.norm.sf(4.0) * ex.n) < 5 * math.sqrt(2 * stats.norm.sf(4.0) * ex.n)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"n": 0},
        {"n": prob.MAX_SAMPLES + 1},
        {"sigma": 0.0},
        {"sigma": -1.0},
        {"bins": prob.MIN_BINS - 1},
        {"bins": prob.MAX_BINS + 1},
    ],
)
def test_gaussian_bad_input(kwargs):
    with pytest.raises(InputError):
        prob.gaussian_sampling_example(**kwargs)


@pytest.mark.parametrize("k", [0.0, 0.3, 1.0, 1.5, 2.0, 3.0, 3.9])
def test_live_shares_against_scipy_and_an_independent_count(k):
    ex = prob.gaussian_sampling_example(10.0, 2.0, 3000, seed=4)
    assert ex.exact_share_percent(k) == pytest.approx(
        100 * (stats.norm.cdf(10 + 2 * k, 10, 2) - stats.norm.cdf(10 - 2 * k, 10, 2)), abs=1e-10
    )
    inside = sum(1 for x in ex.samples.tolist() if 10 - 2 * k <= x <= 10 + 2 * k)
    assert ex.samples_share_percent(k) == pytest.approx(100 * inside / 3000, rel=1e-12)


def test_exact_shares_are_the_quoted_percentages():
    # scipy.stats.norm: 68.2689492, 95.4499736, 99.7300204 -> 68.27, 95.45, 99.73 at 2 decimals
    ex = prob.gaussian_sampling_example(n=10)
    assert [round(x, 2) for x in ex.true_share_percent] == [68.27, 95.45, 99.73]
    for k, share in zip((1, 2, 3), ex.true_share_percent):
        assert share == pytest.approx(100 * (stats.norm.cdf(k) - stats.norm.cdf(-k)), rel=1e-12)


def test_next_batch_and_weights_are_the_same_generator_continued():
    ex = prob.gaussian_sampling_example(5.0, 2.0, 700, seed=3, bins=16)
    rng = np.random.default_rng(3)
    np.testing.assert_array_equal(ex.samples, rng.normal(5.0, 2.0, 700))
    nb = ex.next_batch
    assert (nb.mu, nb.sigma) == (7.0, 1.5)  # one sigma to the right, three quarters as wide
    np.testing.assert_array_equal(nb.samples, rng.normal(7.0, 1.5, 2000))
    np.testing.assert_array_equal(ex.weights, rng.normal(5.0, 2.0, (3, 4)))
    np.testing.assert_array_equal(nb.counts, np.histogram(nb.samples, ex.bin_edges)[0])
    assert nb.left_out == np.sum((nb.samples < -3.0) | (nb.samples > 13.0))
    assert nb.running_mean[-1] == pytest.approx(nb.samples.mean())
    assert nb.running_std[-1] == pytest.approx(nb.samples.std())
    # the batch follows its own curve: 2000 samples, mean within 5 standard errors
    assert abs(nb.samples.mean() - 7.0) < 5 * 1.5 / math.sqrt(2000)
    v = ex.values()
    assert v["weights"] == ex.weights.tolist() and v["weight_shape"] == [3, 4]
    assert v["next_counts"] == nb.counts.tolist() and v["next_n"] == 2000
    again = prob.gaussian_sampling_example(5.0, 2.0, 700, seed=3, bins=16)
    assert again.values() == v


def test_count_axis_tops_fit_the_bars_and_the_curves():
    ex = prob.gaussian_sampling_example(250.0, 40.0, 100_000, seed=0, bins=60)
    assert len(ex.count_tops) == len(ex.checkpoints)
    for top, c in zip(ex.count_tops, ex.checkpoints):
        assert top >= c.counts.max()
    # the last top holds the narrower next curve, scaled to counts: n * width * pdf(mu')
    width = 320 / 60
    assert ex.count_tops[-1] >= 100_000 * width * stats.norm.pdf(0, 0, 30.0)
    assert ex.density_top == pytest.approx(ex.count_tops[-1] / (100_000 * width))
    assert ex.left_out == np.sum(np.abs(ex.samples - 250) > 160) > 0


@pytest.mark.parametrize(
    ("lo", "hi", "expected", "decimals"),
    [
        (90.0, 410.0, [100, 150, 200, 250, 300, 350, 400], 0),
        (-4.0, 4.0, [-4, -3, -2, -1, 0, 1, 2, 3, 4], 0),
        (0.496, 0.504, [0.496, 0.497, 0.498, 0.499, 0.5, 0.501, 0.502, 0.503, 0.504], 3),
        (0.0, 0.43, [0, 0.1, 0.2, 0.3, 0.4], 1),  # 0.43 / 8 = 0.054: step 0.1
    ],
)
def test_nice_ticks(lo, hi, expected, decimals):
    values, d = prob.nice_ticks(lo, hi)
    np.testing.assert_allclose(values, expected, atol=1e-12)
    assert d == decimals


@pytest.mark.parametrize(("sigma", "decimals"), [(1.0, 2), (0.75, 3), (40.0, 1), (1000.0, 0), (0.001, 5)])
def test_value_decimals_show_two_digits_of_sigma(sigma, decimals):
    assert prob.value_decimals(sigma) == decimals
    assert round(sigma, decimals) != 0


def test_gaussian_values_are_json_numbers():
    v = prob.gaussian_sampling_example(n=50).values()
    for key in ("mu", "sigma", "n", "sample_mean", "sample_std", "counts", "bin_edges"):
        assert key in v
    assert sum(v["counts"]) == 50
    assert all(math.isfinite(x) for x in iter_numbers(v))
    for c in v["checkpoints"]:
        assert {"n", "mean", "std"} <= set(c)


# Discrete random variable ---------------------------------------------------------------
def test_fair_die_moments_closed_form():
    rv = prob.discrete_rv([1] * 6)
    np.testing.assert_allclose(rv.probabilities, np.full(6, 1 / 6))
    assert rv.expectation == pytest.approx(3.5)
    assert rv.variance == pytest.approx(35 / 12)


def test_loaded_die_moments_match_scipy():
    w = [1, 2, 3, 0, 1, 3]
    rv = prob.discrete_rv(w)
    ref = stats.rv_discrete(values=(np.arange(1, 7), np.array(w) / sum(w)))
    assert rv.expectation == pytest.approx(ref.mean())
    assert rv.variance == pytest.approx(ref.var())


@pytest.mark.parametrize("w", [[1], [1] * 7, [1, -1], [0, 0, 0]])
def test_bad_weights(w):
    with pytest.raises(InputError):
        prob.discrete_rv(w)


def test_random_variable_frequencies():
    ex = prob.random_variable_example([1, 1, 2], 10_000, seed=9)
    draws = np.random.default_rng(9).choice([1.0, 2.0, 3.0], size=10_000, p=[0.25, 0.25, 0.5])
    assert ex.checkpoints == (10, 100, 1000, 10_000)
    for c, f in zip(ex.checkpoints, ex.checkpoint_frequencies):
        np.testing.assert_allclose(f, [np.mean(draws[:c] == x) for x in (1, 2, 3)])
        assert f.sum() == pytest.approx(1.0)
    # 10,000 draws: each frequency within 5 binomial standard errors of its probability
    se = np.sqrt(ex.rv.probabilities * (1 - ex.rv.probabilities) / 10_000)
    assert np.all(np.abs(ex.frequencies - ex.rv.probabilities) < 5 * se)
    assert ex.sample_mean == pytest.approx(draws.mean())
    v = ex.values()
    assert v["frequencies"] == ex.frequencies.tolist()
    assert v["outcomes"] == [1.0, 2.0, 3.0]


def test_random_variable_bad_n():
    with pytest.raises(InputError):
        prob.random_variable_example([1, 1], prob.MAX_SAMPLES + 1, 0)


def test_random_variable_rolls_counts_and_path_match_numpy():
    """Counts at each checkpoint and along the growing bars, recounted from numpy's draws."""
    ex = prob.random_variable_example([1, 2, 3, 0, 1, 3], 10_000, seed=4)
    p = np.array([1, 2, 3, 0, 1, 3]) / 10
    draws = np.random.default_rng(4).choice(np.arange(1.0, 7.0), size=10_000, p=p)
    assert ex.first_rolls == tuple(int(x) for x in draws[:10])
    assert ex.checkpoints == (10, 100, 1000, 10_000)
    for c, k in zip(ex.checkpoints, ex.checkpoint_counts):
        assert k.tolist() == [int(np.sum(draws[:c] == x)) for x in range(1, 7)]
        assert k.sum() == c
    assert ex.path_n[0] == 10 and ex.path_n[-1] == 10_000
    assert all(b > a for a, b in zip(ex.path_n, ex.path_n[1:]))
    assert set(ex.checkpoints) <= set(ex.path_n)  # the growing bars pass through every checkpoint
    # about ROLL_PATH_STEPS states per tenfold: steps of at most 10**(1/30) (+1 for rounding)
    ratios = np.array(ex.path_n[1:]) / np.array(ex.path_n[:-1])
    assert len(ex.path_n) >= 3 * prob.ROLL_PATH_STEPS * 0.9
    assert np.all(np.array(ex.path_n[1:]) <= np.ceil(np.array(ex.path_n[:-1]) * 10 ** (1 / 30)) + 1), ratios
    for c, k in zip(ex.path_n, ex.path_counts):
        np.testing.assert_array_equal(k, np.bincount(draws[:c].astype(int), minlength=7)[1:])
    assert ex.checkpoint_counts[:, 3].sum() == 0  # a face of weight 0 never lands


def test_few_rolls_are_all_rolled_one_by_one():
    ex = prob.random_variable_example([1, 3], 7, seed=1)
    draws = np.random.default_rng(1).choice([1.0, 2.0], size=7, p=[0.25, 0.75])
    assert ex.checkpoints == (7,)
    assert ex.path_n == (7,)
    assert ex.first_rolls == tuple(int(x) for x in draws)
    assert ex.checkpoint_counts.tolist() == [[int(np.sum(draws == 1)), int(np.sum(draws == 2))]]
    assert ex.sample_mean == pytest.approx(draws.mean(), rel=1e-12)


@pytest.mark.parametrize("w", [[1, 1, 1, 1, 1, 1], [1, 3], [5, 0, 2, 1]])
def test_variance_pieces_match_scipy(w):
    """Deviations, the weighted squares, their sum and its root, against scipy.stats."""
    ex = prob.random_variable_example(w, 50, seed=0)
    xs = np.arange(1, len(w) + 1)
    ref = stats.rv_discrete(values=(xs, np.array(w) / sum(w)))
    np.testing.assert_allclose(ex.deviations, xs - ref.mean(), rtol=0, atol=1e-12)
    np.testing.assert_allclose(ex.variance_terms, (xs - ref.mean()) ** 2 * ref.pmf(xs), rtol=1e-12, atol=0)
    assert ex.variance_terms.sum() == pytest.approx(ref.var(), rel=1e-12)
    assert ex.std == pytest.approx(ref.std(), rel=1e-12)
    v = ex.values()
    assert v["total_probability"] == pytest.approx(1.0, abs=1e-12)
    assert v["std"] == pytest.approx(ref.std(), rel=1e-12)


def test_fair_die_variance_is_35_over_12():
    """The textbook value: Var of a fair die is (6^2 - 1) / 12 = 35/12, about 2.92; std 1.71."""
    ex = prob.random_variable_example([1] * 6, 10, seed=0)
    assert ex.rv.variance == pytest.approx(35 / 12, rel=1e-12)
    assert ex.std == pytest.approx(math.sqrt(35 / 12), rel=1e-12)
    np.testing.assert_allclose(ex.variance_terms, np.array([25, 9, 1, 1, 9, 25]) / 24, rtol=1e-12)


def test_network_answer_is_a_distribution_from_the_digit_network():
    from scipy.special import softmax

    from mathdl_anim.core.digits import digit_network, load_digit

    ex = prob.random_variable_example([1, 1], 5, seed=0)
    digit = load_digit(prob.NETWORK_DIGIT)
    expected = softmax(digit_network().scores(digit.pixels))
    np.testing.assert_allclose(ex.network_probabilities, expected, rtol=1e-10, atol=1e-15)
    assert ex.network_probabilities.sum() == pytest.approx(1.0, abs=1e-12)
    assert ex.network_label == digit.label
    assert ex.network_prediction == int(np.argmax(expected))


def test_random_variable_same_seed_same_values_other_seed_other_rolls():
    a = prob.random_variable_example([1, 1, 1, 1, 1, 1], 1000, seed=3).values()
    b = prob.random_variable_example([1, 1, 1, 1, 1, 1], 1000, seed=3).values()
    c = prob.random_variable_example([1, 1, 1, 1, 1, 1], 1000, seed=4).values()
    assert a == b
    assert a["first_rolls"] != c["first_rolls"] or a["checkpoints"] != c["checkpoints"]
    assert all(math.isfinite(x) for x in iter_numbers(a))


@pytest.mark.parametrize(
    ("mu", "sigma"), [(1000, 1e-13), (0, 5e-324), (-1000, 0.999), (0, 0.0009), (5, 1e-4)]
)
def test_a_gaussian_too_narrow_to_draw_is_refused(mu, sigma):
    """Accepted before, these broke the render (about 10^7 axis ticks, a ZeroDivisionError)."""
    import warnings

    from mathdl_anim.core.errors import InputError
    from mathdl_anim.core.probability import gaussian_sampling_example

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and no RuntimeWarning on the way
        with pytest.raises(InputError, match=r"sigma must be at least 0.001 x max\(1, \|mu\|\)"):
            gaussian_sampling_example(mu, sigma, n=100)


@pytest.mark.parametrize(("mu", "sigma"), [(1000, 1), (-1000, 1), (0, 0.001), (3, 0.003)])
def test_the_narrowest_drawable_gaussians_are_accepted(mu, sigma):
    from mathdl_anim.core.probability import gaussian_sampling_example

    assert gaussian_sampling_example(mu, sigma, n=100).values()["sigma"] == sigma
