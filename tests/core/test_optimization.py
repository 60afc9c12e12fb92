"""Gradient descent against its closed form; each optimizer's first steps against the update
equations written out independently here; the contour segments against the level they trace."""

from __future__ import annotations

import numpy as np
import pytest

from mathdl_anim.core import descent
from mathdl_anim.core import optimization as opt
from mathdl_anim.core.errors import InputError
from mathdl_anim.core.formatting import iter_numbers


# --- gradient descent on one weight -----------------------------------------------------------
@pytest.mark.parametrize("lr", [0.05, 0.1, 0.4, 0.5, 0.9, 1.0, 1.05, 1.5])
@pytest.mark.parametrize("w0", [-2.0, 0.3, 7.0])
def test_iterates_follow_the_closed_form(lr, w0):
    # L(w) = a/2 (w - w*)^2  =>  w_k - w* = (1 - lr*a)^k (w_0 - w*)
    a, w_star, steps = 2.0, 1.0, 20
    run = opt.gradient_descent(lr, w0, steps, a=a, w_star=w_star)
    k = np.arange(steps + 1)
    expected = w_star + (1 - lr * a) ** k * (w0 - w_star)
    np.testing.assert_allclose(run.iterates, expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(run.losses, 0.5 * a * (expected - w_star) ** 2, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("a", [0.5, 2.0, 3.0])
def test_divergence_starts_exactly_past_two_over_a(a):
    threshold = 2.0 / a
    below = opt.gradient_descent(threshold * 0.99, 3.0, 60, a=a, w_star=0.0)
    at = opt.gradient_descent(threshold, 3.0, 60, a=a, w_star=0.0)
    above = opt.gradient_descent(threshold * 1.01, 3.0, 60, a=a, w_star=0.0)
    assert abs(below.iterates[-1]) < 3.0 and below.regime == "oscillates"
    assert abs(at.iterates[-1]) == pytest.approx(3.0) and at.regime == "bounces"
    assert abs(above.iterates[-1]) > 3.0 and above.regime == "diverges"
    assert descent.descent_example(a=a, lr=1.0).threshold == pytest.approx(threshold)


@pytest.mark.parametrize(
    "ratio, regime",
    [
        (0.9, "slow"),
        (0.5, "good"),
        (0.0, "good"),
        (-0.3, "oscillates"),
        (-1.0, "bounces"),
        (-1.2, "diverges"),
    ],
)
def test_regimes(ratio, regime):
    assert opt.classify_ratio(ratio) == regime


def test_default_example_shows_the_four_regimes():
    ex = descent.descent_example()
    assert [r.regime for r in ex.runs] == ["slow", "good", "oscillates", "diverges"]
    values = ex.values()
    assert len(values["iterates"]) == len(values["losses"]) == 4
    assert all(np.isfinite(x) for x in iter_numbers(values))


def test_gradient_descent_rejects_bad_input():
    with pytest.raises(InputError):
        opt.gradient_descent(0.0, 1.0, 5)
    with pytest.raises(InputError):
        descent.descent_example(lr=[0.1] * 5)


# --- optimizers -------------------------------------------------------------------------------
def _grad_bowl(w, k=50.0):
    return np.array([w[0], k * w[1]])


def _reference(name, w0, lr, steps, grad):
    """The textbook update equations, written out without the code under test."""
    w = np.array(w0, dtype=float)
    out = [w.copy()]
    if name == "sgd":
        for _ in range(steps):
            w = w - lr * grad(w)
            out.append(w.copy())
    elif name == "momentum":  # v <- 0.9 v + g ; w <- w - lr v
        v = np.zeros(2)
        for _ in range(steps):
            v = 0.9 * v + grad(w)
            w = w - lr * v
            out.append(w.copy())
    elif name == "rmsprop":  # s <- 0.9 s + 0.1 g^2 ; w <- w - lr g / (sqrt(s) + 1e-8)
        s = np.zeros(2)
        for _ in range(steps):
            g = grad(w)
            s = 0.9 * s + 0.1 * g * g
            w = w - lr * g / (np.sqrt(s) + 1e-8)
            out.append(w.copy())
    elif name == "adam":  # Kingma & Ba, Algorithm 1, beta1 0.9, beta2 0.999, eps 1e-8
        m = np.zeros(2)
        v = np.zeros(2)
        for t in range(1, steps + 1):
            g = grad(w)
            m = 0.9 * m + 0.1 * g
            v = 0.999 * v + 0.001 * g * g
            m_hat = m / (1 - 0.9**t)
            v_hat = v / (1 - 0.999**t)
            w = w - lr * m_hat / (np.sqrt(v_hat) + 1e-8)
            out.append(w.copy())
    return np.array(out)


@pytest.mark.parametrize("name", opt.OPTIMIZERS)
@pytest.mark.parametrize("start", [(-4.0, 1.0), (2.5, -0.7)])
def test_first_steps_match_the_update_equations(name, start):
    lr = 0.02
    traj, diverged = opt.run_optimizer(name, _grad_bowl, start, lr, 5)
    assert not diverged
    np.testing.assert_allclose(traj, _reference(name, start, lr, 5, _grad_bowl), rtol=1e-12)


def test_sgd_first_step_by_hand():
    # w1 = w0 - lr * grad(w0) = (-4, 1) - 0.1 * (-4, 50) = (-3.6, -4)
    traj, _ = opt.run_optimizer("sgd", _grad_bowl, (-4.0, 1.0), 0.1, 1)
    np.testing.assert_allclose(traj[1], [-3.6, -4.0])


def test_adam_bias_correction_makes_the_first_step_lr_sized():
    # At t = 1: m_hat = g and v_hat = g^2, so the step is lr * g / (|g| + eps) ~ lr * sign(g),
    # whatever the size of the gradient. Without the correction it would be 0.1/sqrt(0.001) ~ 3.16 lr.
    lr = 0.05
    for start in [(-4.0, 1.0), (0.01, -0.002), (300.0, 2.0)]:
        traj, _ = opt.run_optimizer("adam", _grad_bowl, start, lr, 1)
        step = traj[1] - traj[0]
        np.testing.assert_allclose(step, -lr * np.sign(_grad_bowl(np.array(start))), rtol=1e-6)
    # and the uncorrected version would have stepped about 3.16 times farther
    m, v = 0.1 * 4.0, 0.001 * 16.0
    assert abs(lr * m / np.sqrt(v)) == pytest.approx(lr * 0.1 / np.sqrt(0.001))


def test_adam_bias_correction_on_later_steps():
    # constant gradient g: m_t = (1 - 0.9^t) g and v_t = (1 - 0.999^t) g^2 exactly, so the
    # corrected step is lr * g/|g| at every t
    def constant(w):
        return np.array([2.0, -0.5])

    traj, _ = opt.run_optimizer("adam", constant, (0.0, 0.0), 0.1, 10)
    np.testing.assert_allclose(np.diff(traj, axis=0), np.tile([-0.1, 0.1], (10, 1)), rtol=1e-6)


def test_rosenbrock_gradient_matches_finite_differences():
    f = opt.rosenbrock_loss()
    h = 1e-6
    for w in [np.array([-1.2, 1.0]), np.array([0.3, -0.4]), np.array([1.0, 1.0])]:
        fd = np.array([(f.fn(w + h * e) - f.fn(w - h * e)) / (2 * h) for e in np.eye(2)])
        np.testing.assert_allclose(f.grad(w), fd, rtol=1e-6, atol=1e-5)
    assert f.fn(np.array([1.0, 1.0])) == 0


def test_divergent_run_stops_and_is_flagged():
    traj, diverged = opt.run_optimizer("sgd", _grad_bowl, (-4.0, 1.0), 1.0, 60)
    assert diverged
    assert len(traj) < 61
    assert np.all(np.abs(traj) <= opt.BLOWUP)


def test_contour_segments_lie_on_their_level():
    f = opt.bowl_loss(4.0)
    level = 2.0
    seg = opt.contour_segments(f.fn, ((-3, 3), (-2, 2)), level, n=60)
    assert len(seg) > 20
    # endpoints interpolate the loss linearly on a grid edge: close to the level
    values = f.fn(seg.reshape(-1, 2))
    np.testing.assert_allclose(values, level, rtol=0.02)
    # the ellipse w1^2 + 4 w2^2 = 4 spans w1 in [-2, 2]
    assert seg[..., 0].min() == pytest.approx(-2, abs=0.05)
    assert seg[..., 0].max() == pytest.approx(2, abs=0.05)


def test_path_until_follows_the_iterates_linearly():
    from mathdl_anim.core.optimization import path_until

    pts = np.array([[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [5.0, 2.0]])
    for t in np.linspace(0, 3, 13):
        path = path_until(pts, t)
        # the head is where numpy's piecewise-linear interpolation of each coordinate puts it
        steps = np.arange(len(pts))
        head = [np.interp(t, steps, pts[:, 0]), np.interp(t, steps, pts[:, 1])]
        np.testing.assert_allclose(path[-1], head, atol=1e-12)
        assert len(path) == min(int(np.floor(t)) + 2, len(pts))
    assert path_until(pts[:1], 0.0).shape == (2, 2)


def test_the_loss_is_the_quadratic():
    gd = descent.descent_example()
    for run in gd.runs:  # L(w) = a/2 (w - w*)^2 at every iterate, as the run recorded
        np.testing.assert_allclose([gd.loss(w) for w in run.iterates], run.losses, rtol=1e-12)
