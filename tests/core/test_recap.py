"""The recap's numbers against independent references: closed forms written here, scipy's normal
pdf, numpy's own generator, hand-written PyTorch-style optimizers and finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from mathdl_anim.core import recap
from mathdl_anim.lesson.registry import find_scene


@pytest.fixture(scope="module")
def ex() -> recap.RecapExample:
    return find_scene("Recap").example()


def test_the_neuron_is_the_neuron_scenes_first_neuron(ex):
    neuron = find_scene("Neuron").resolve()
    W, x, b = np.asarray(neuron["W"], float), np.asarray(neuron["x"], float), np.asarray(neuron["b"], float)
    np.testing.assert_array_equal(ex.W, W[0])
    np.testing.assert_array_equal(ex.x, x)
    assert ex.b == b[0]
    # by hand for the defaults: 2*0.5 + 1*(-1) + 4*0.25 + 0.5 = 1.5
    assert ex.z == pytest.approx(float(np.dot(W[0], x) + b[0]), abs=1e-12)
    assert ex.z == pytest.approx(1.5, abs=1e-12)
    np.testing.assert_allclose(ex.terms, W[0] * x, rtol=0, atol=1e-12)


def test_the_matrix_product_is_numpy_s(ex):
    np.testing.assert_allclose(ex.C, np.matmul(ex.A, ex.B), rtol=0, atol=1e-12)
    np.testing.assert_array_equal(ex.C, [[19, 22], [43, 50]])  # the lesson's A @ B


def test_die_counts_are_the_seeded_rolls_counted():
    p = find_scene("RandomVariables").resolve()
    ex = find_scene("Recap").example()
    w = np.asarray(p["weights"], float)
    rolls = np.random.default_rng(p["seed"]).choice(np.arange(1, w.size + 1), size=p["n"], p=w / w.sum())
    np.testing.assert_array_equal(ex.die_counts, np.bincount(rolls, minlength=w.size + 1)[1:])
    assert ex.die_counts.sum() == p["n"]


def test_gaussian_curve_is_the_pdf_in_counts(ex):
    p = find_scene("GaussianSampling").resolve()
    width = ex.gauss_edges[1] - ex.gauss_edges[0]
    expected = p["n"] * width * stats.norm.pdf(ex.gauss_curve.x, loc=p["mu"], scale=p["sigma"])
    np.testing.assert_allclose(ex.gauss_curve.y, expected, rtol=1e-9)
    assert ex.gauss_counts.sum() <= p["n"]


def test_statistics_of_the_feature(ex):
    data = np.asarray(find_scene("Normalization").resolve()["data"], float)
    assert ex.feature.mean == pytest.approx(np.mean(data), abs=1e-12)
    assert ex.feature.std == pytest.approx(np.std(data, ddof=0), abs=1e-12)
    np.testing.assert_allclose(ex.feature.normalized, stats.zscore(data, ddof=0), atol=1e-12)


def test_secants_of_x_squared_have_slope_2x0_plus_h(ex):
    # (f(x0 + h) - f(x0)) / h = 2 x0 + h for f = x^2 (the DerivativeSlope default)
    assert find_scene("DerivativeSlope").resolve()["f"].text == "x^2"
    x0 = ex.x0
    np.testing.assert_allclose(ex.secant_slopes, [2 * x0 + h for h in recap.H_STEPS], rtol=0, atol=1e-9)
    assert ex.slope == pytest.approx(2 * x0, abs=1e-12)
    assert ex.f_x0 == pytest.approx(x0**2, abs=1e-12)


@pytest.mark.parametrize("slope", [0.0, 2.0, 4.0, -3.0])
def test_secant_lines_pass_through_the_point_inside_the_window(ex, slope):
    (xa, ya), (xb, yb) = ex.secant(slope)
    (lo, hi), (bottom, top) = ex.slope_curve.x_range, ex.slope_curve.y_range
    for x, y in ((xa, ya), (xb, yb)):
        assert lo - 1e-9 <= x <= hi + 1e-9 and bottom - 1e-9 <= y <= top + 1e-9
        assert y == pytest.approx(ex.f_x0 + slope * (x - ex.x0), abs=1e-9)
    assert xb > xa


def test_descent_on_the_loss_curve_matches_its_closed_form(ex):
    # DerivativeSlope's loss L = (w - 4)^2 + 1 at rate 1/4 from 0.8: w <- w - (w - 4)/2, so
    # w_k = 4 + (w_0 - 4) / 2^k (six steps: 0.8, 2.4, 3.2, 3.6, 3.8, 3.9, 3.95)
    assert recap.LOSS_FORMULA == find_scene("DerivativeSlope").example().loss.text
    np.testing.assert_allclose(ex.descent, [0.8, 2.4, 3.2, 3.6, 3.8, 3.9, 3.95], rtol=0, atol=1e-9)
    np.testing.assert_allclose(ex.loss_curve.y, (ex.loss_curve.x - 4) ** 2 + 1, atol=1e-12)


def test_the_diverging_ball_grows_by_one_minus_eta_a(ex):
    # w_k - w* = (1 - eta a)^k (w_0 - w*) with a = 2, w* = 1
    k = np.arange(recap.DIVERGE_STEPS + 1)
    expected = 1 + (1 - 2 * recap.DIVERGE_LR) ** k * (recap.DIVERGE_START - 1)
    np.testing.assert_allclose(ex.diverge.iterates, expected, rtol=1e-12)
    assert recap.DIVERGE_LR > ex.diverge_cap == 1.0
    errors = np.abs(np.asarray(ex.diverge.iterates) - 1)
    assert np.all(np.diff(errors) > 0)  # further from the minimum at every step


def _torch_like(name, grad, start, lr, steps):
    """torch.optim's update rules (SGD, SGD momentum=0.9, RMSprop alpha=0.9, Adam), written out."""
    w = np.array(start, float)
    buf = np.zeros(2)
    sq = np.zeros(2)
    m = np.zeros(2)
    for t in range(1, steps + 1):
        g = grad(w)
        if name == "sgd":
            w = w - lr * g
        elif name == "momentum":
            buf = g if t == 1 else 0.9 * buf + g
            w = w - lr * buf
        elif name == "rmsprop":
            sq = 0.9 * sq + 0.1 * g * g
            w = w - lr * g / (np.sqrt(sq) + 1e-8)
        else:
            m = 0.9 * m + 0.1 * g
            sq = 0.999 * sq + 0.001 * g * g
            w = w - lr * (m / (1 - 0.9**t)) / (np.sqrt(sq / (1 - 0.999**t)) + 1e-8)
        if not np.all(np.isfinite(w)) or np.abs(w).max() > 1e6:
            return None
    return w


def test_the_race_is_the_optimizers_scenes_race(ex):
    """Each optimizer at the rate of the Optimizers scene's grid it ends lowest with, recomputed
    here with update rules written from PyTorch's documentation (``_torch_like``)."""

    race = find_scene("Optimizers").example()

    def loss(w):
        return 0.5 * (w[0] ** 2 + 50 * w[1] ** 2)

    def grad(w):
        return np.array([w[0], 50 * w[1]])

    start = (-4.0, 1.0)
    np.testing.assert_allclose(race.start, start)
    for trace in ex.race:
        finals = []
        for lr in race.search.grid:
            w = _torch_like(trace.name, grad, start, lr, race.steps)
            finals.append(np.inf if w is None else loss(w))
        assert trace.lr == race.search.grid[int(np.argmin(finals))]
        assert trace.final_loss == pytest.approx(min(finals), rel=1e-9, abs=1e-15)
        np.testing.assert_allclose(trace.points[0], start)
        assert len(trace.points) == race.steps + 1


def test_race_positions_between_steps(ex):
    trace = ex.race[0]
    np.testing.assert_allclose(trace.at(3), trace.points[3])
    np.testing.assert_allclose(trace.at(3.5), (trace.points[3] + trace.points[4]) / 2)
    np.testing.assert_allclose(trace.at(-1), trace.points[0])
    np.testing.assert_allclose(trace.at(10**6), trace.points[-1])


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


@pytest.mark.parametrize("act", ["sigmoid", "relu"])
def test_pulse_is_the_chain_gradient_by_finite_differences(ex, act):
    from mathdl_anim.core import vanishing

    chain = vanishing.vanishing_example(recap.PULSE_DEPTH, recap.PULSE_SEED)
    fn = _sigmoid if act == "sigmoid" else (lambda z: np.maximum(z, 0.0))

    def run(layer, a):
        for w, b in zip(chain.weights[layer:], chain.biases[layer:]):
            a = fn(w * a + b)
        return a

    a = chain.x
    h = 1e-6
    for layer in range(recap.PULSE_DEPTH):
        fd = (run(layer, a + h) - run(layer, a - h)) / (2 * h)
        assert ex.pulse[act][layer] == pytest.approx(abs(fd), rel=1e-5)
        a = fn(chain.weights[layer] * a + chain.biases[layer])
    if act == "sigmoid":
        assert np.all(np.diff(ex.pulse[act]) > 0)  # smaller and smaller going back


def test_values_are_finite_numbers_or_names(ex):
    values = ex.values()
    assert values["pillars"] == ["Linear algebra", "Probability", "Statistics", "Calculus"]
    for key in ("W", "x", "b", "terms", "z", "formula"):
        assert key in values
    flat = [v for v in _numbers(values)]
    assert flat and all(np.isfinite(flat))


def _numbers(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _numbers(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _numbers(v)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield float(value)


def test_race_ranking_is_by_final_loss(ex):
    finals = {t.name: t.final_loss for t in ex.race}
    ranking = ex.race_ranking
    assert sorted(ranking) == sorted(finals)
    assert all(finals[a] <= finals[b] for a, b in zip(ranking, ranking[1:]))
