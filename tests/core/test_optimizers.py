"""The Optimizers scene's core against independent code written from PyTorch's documented
update rules (torch is not installed here).

References (the "Algorithm" box of each page, PyTorch 2.x):

* SGD: https://pytorch.org/docs/stable/generated/torch.optim.SGD.html
  ``b_t = mu b_{t-1} + (1 - tau) g_t`` (``b_1 = g_1``), ``theta_t = theta_{t-1} - gamma b_t``
  (no weight decay, dampening ``tau = 0``, no Nesterov); plain SGD is ``mu = 0``.
* RMSprop: https://pytorch.org/docs/stable/generated/torch.optim.RMSprop.html
  ``v_t = alpha v_{t-1} + (1 - alpha) g_t^2``, ``theta_t = theta_{t-1} - gamma g_t / (sqrt(v_t) + eps)``
  (not centered, no momentum).
* Adam: https://pytorch.org/docs/stable/generated/torch.optim.Adam.html
  ``m_t = beta1 m_{t-1} + (1 - beta1) g_t``, ``v_t = beta2 v_{t-1} + (1 - beta2) g_t^2``,
  ``m_hat = m_t / (1 - beta1^t)``, ``v_hat = v_t / (1 - beta2^t)``,
  ``theta_t = theta_{t-1} - gamma m_hat / (sqrt(v_hat) + eps)`` (no amsgrad).
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from mathdl_anim.core import optimizers as o
from mathdl_anim.core.errors import InputError
from mathdl_anim.core.optimization import bowl_loss, rosenbrock_loss

#: Our hyper-parameters, written again here (RMSProp's alpha is 0.9, torch's default 0.99).
MOMENTUM, ALPHA, BETA1, BETA2, EPS = 0.9, 0.9, 0.9, 0.999, 1e-8


def bowl_grad(w):
    return np.array([w[0], 50.0 * w[1]])


def rosen_grad(w):
    x, y = w
    return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])


def reference(name, grad, start, lr, steps):
    """The documented torch algorithms, step by step; ``None`` once an iterate blows up."""
    theta = np.array(start, dtype=float)
    path = [theta.copy()]
    b = m = v = None
    for t in range(1, steps + 1):
        g = grad(theta)
        if name == "sgd":
            theta = theta - lr * g
        elif name == "momentum":
            b = g.copy() if b is None else MOMENTUM * b + g
            theta = theta - lr * b
        elif name == "rmsprop":
            v = (1 - ALPHA) * g**2 if v is None else ALPHA * v + (1 - ALPHA) * g**2
            theta = theta - lr * g / (np.sqrt(v) + EPS)
        else:
            m = (1 - BETA1) * g if m is None else BETA1 * m + (1 - BETA1) * g
            v = (1 - BETA2) * g**2 if v is None else BETA2 * v + (1 - BETA2) * g**2
            m_hat, v_hat = m / (1 - BETA1**t), v / (1 - BETA2**t)
            theta = theta - lr * m_hat / (np.sqrt(v_hat) + EPS)
        if not np.all(np.isfinite(theta)) or np.max(np.abs(theta)) > 1e6:
            return np.array(path), True
        path.append(theta.copy())
    return np.array(path), False


CASES = [
    (bowl_loss(), bowl_grad, (-4.0, 1.0), {"sgd": 0.03, "momentum": 0.01, "rmsprop": 0.1, "adam": 0.3}),
    (
        rosenbrock_loss(),
        rosen_grad,
        (-1.2, 1.0),
        {"sgd": 0.001, "momentum": 0.001, "rmsprop": 0.01, "adam": 0.1},
    ),
]


@pytest.mark.parametrize(("loss", "grad", "start", "rates"), CASES, ids=["bowl", "rosenbrock"])
@pytest.mark.parametrize("name", ["sgd", "momentum", "rmsprop", "adam"])
def test_paths_follow_torch_update_rules(loss, grad, start, rates, name):
    expected, diverged = reference(name, grad, start, rates[name], 40)
    got = o.run(name, loss, start, rates[name], 40)
    assert got.diverged == diverged
    np.testing.assert_allclose(got.trajectory, expected, rtol=1e-10, atol=1e-12)
    # the recorded updates and losses belong to that path
    np.testing.assert_allclose(got.steps, np.diff(expected, axis=0), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(got.losses, loss.fn(expected), rtol=1e-12)


def test_a_blown_up_run_is_flagged_and_stops_before_the_bad_iterate():
    # SGD on the bowl with lr = 0.1: across the valley each step multiplies w2 by 1 - 0.1 * 50 = -4
    expected, diverged = reference("sgd", bowl_grad, (-4.0, 1.0), 0.1, 40)
    got = o.run("sgd", bowl_loss(), (-4.0, 1.0), 0.1, 40)
    assert diverged and got.diverged and math.isinf(got.final_loss)
    np.testing.assert_allclose(got.trajectory, expected, rtol=1e-12)
    # |w2| = 4^k: the last iterate kept is the last one at most 1e6
    assert len(got.trajectory) - 1 == math.floor(math.log(1e6) / math.log(4))


def test_adam_first_step_is_lr_in_each_coordinate():
    # m_hat / sqrt(v_hat) = g / |g| at t = 1 (Kingma & Ba 2015, section 2.1)
    got = o.run("adam", bowl_loss(), (-4.0, 1.0), 0.3, 1)
    np.testing.assert_allclose(got.steps[0], [0.3, -0.3], rtol=1e-7)


@pytest.mark.parametrize(("loss", "grad", "start"), [c[:3] for c in CASES], ids=["bowl", "rosenbrock"])
def test_grid_search_keeps_each_optimizers_lowest_final_loss(loss, grad, start):
    grid = (0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3)
    search = o.grid_search(loss, start, 30, grid)
    assert search.grid == grid
    for name in ("sgd", "momentum", "rmsprop", "adam"):
        finals = []
        for lr in grid:
            path, diverged = reference(name, grad, start, lr, 30)
            finals.append(math.inf if diverged else float(loss.fn(path[-1])))
        np.testing.assert_allclose(search.losses[name], finals, rtol=1e-9)
        for lr, got in zip(grid, search.trajectories[name]):  # each trial's path, as drawn
            path, _ = reference(name, grad, start, lr, 30)
            np.testing.assert_allclose(got, path, rtol=1e-9, atol=1e-12)
        best = int(np.argmin(finals))  # the first of equal losses: the smaller rate
        assert search.best[name] == best
        assert search.best_lr(name) == grid[best]


def test_grid_search_rejects_bad_grids():
    with pytest.raises(InputError):
        o.grid_search(bowl_loss(), (-4, 1), 10, [])
    with pytest.raises(InputError):
        o.grid_search(bowl_loss(), (-4, 1), 10, [0.1 * k for k in range(1, o.MAX_GRID + 2)])
    with pytest.raises(InputError):
        o.grid_search(bowl_loss(), (-4, 1), 10, [0.1, -0.1])


def test_curvature_of_the_bowl_and_of_rosenbrock():
    bowl = o.curvature(bowl_loss())
    assert bowl.steep == pytest.approx(50, rel=1e-8) and bowl.shallow == pytest.approx(1, rel=1e-8)
    np.testing.assert_allclose(np.abs(bowl.steep_direction), [0, 1], atol=1e-9)
    assert bowl.lr_cap == pytest.approx(2 / 50, rel=1e-8)
    # Rosenbrock's Hessian at (1, 1) by hand: [[2 + 8b - 4b(y - x^2), -4bx], [-4bx, 2b]], b = 100
    hess = np.array([[802.0, -400.0], [-400.0, 200.0]])
    trace, det = np.trace(hess), np.linalg.det(hess)
    root = math.sqrt(trace**2 / 4 - det)
    rosen = o.curvature(rosenbrock_loss())
    np.testing.assert_allclose(rosen.hessian, hess, rtol=1e-6)
    assert rosen.steep == pytest.approx(trace / 2 + root, rel=1e-6)
    assert rosen.shallow == pytest.approx(trace / 2 - root, rel=1e-5)
    v = rosen.steep_direction
    np.testing.assert_allclose(hess @ v, rosen.steep * v, rtol=1e-6, atol=1e-6)


def test_split_of_a_step_adds_up_and_is_orthogonal():
    c = o.curvature(rosenbrock_loss())
    step = np.array([0.7, -0.2])
    steep, shallow = c.split(step)
    np.testing.assert_allclose(steep + shallow, step, atol=1e-12)
    assert abs(steep @ shallow) < 1e-12


def test_rescaled_ellipse():
    H = np.diag([1.0, 50.0])
    assert o.rescaled_ellipse(H).ratio == pytest.approx(math.sqrt(50), rel=1e-12)
    assert o.rescaled_ellipse(H).angle == pytest.approx(0, abs=1e-12)  # long along w1
    # rates 1 and 1/50 make the bowl round; rates p give sqrt(50 p2 / p1)
    assert o.rescaled_ellipse(H, [1.0, 1 / 50]).ratio == pytest.approx(1, rel=1e-12)
    assert o.rescaled_ellipse(H, [0.04, 0.0075]).ratio == pytest.approx(
        math.sqrt(50 * 0.0075 / 0.04), rel=1e-12
    )


def test_default_example_tells_the_story():
    ex = o.optimizers_example()
    v = ex.values()
    # SGD's best rate is below the cap 2/50 = 0.04, and every larger rate of the grid blows up
    assert v["lr"]["sgd"] < 2 / 50
    assert all(x is None for lr, x in zip(v["lr_grid"], v["grid_losses"]["sgd"]) if lr > 2 / 50)
    assert v["sgd_factors"]["steep"] == pytest.approx(1 - v["lr"]["sgd"] * 50, rel=1e-8)
    assert v["sgd_factors"]["shallow"] == pytest.approx(1 - v["lr"]["sgd"] * 1, rel=1e-8)
    # the first SGD step is -lr * g(-4, 1) = -lr * (-4, 50), split into its w2 and w1 parts
    np.testing.assert_allclose(v["sgd_step_parts"]["steep"], [0, -v["lr"]["sgd"] * 50], atol=1e-7)
    np.testing.assert_allclose(v["sgd_step_parts"]["shallow"], [v["lr"]["sgd"] * 4, 0], atol=1e-7)
    # the race uses each one's best rate, from the same start, for the same steps
    for name in ("sgd", "momentum", "rmsprop", "adam"):
        path, _ = reference(name, bowl_grad, (-4.0, 1.0), v["lr"][name], v["steps"])
        np.testing.assert_allclose(v["trajectories"][name], path, rtol=1e-10)
        assert v["final_loss"][name] == pytest.approx(min(x for x in v["grid_losses"][name] if x is not None))
    finals = v["final_loss"]
    assert v["ranking"] == [
        {"sgd": "SGD", "momentum": "Momentum", "rmsprop": "RMSProp", "adam": "Adam"}[n]
        for n in sorted(finals, key=finals.get)
    ]
    # RMSProp's rescaling makes the ellipse rounder
    assert 1 <= v["ellipse_ratio"]["rmsprop"] < v["ellipse_ratio"]["before"]
    json.dumps(v, allow_nan=False)  # no inf or nan in the values


def test_loss_axis_holds_every_race_loss():
    # the default race starts at L(-4, 1) = (16 + 50) / 2 = 33 and ends between 0.01 and 1:
    # the axis runs 10^-2 .. 10^2
    v = o.optimizers_example().values()
    losses = [x for name in v["losses"] for x in v["losses"][name]]
    assert v["losses"]["sgd"][0] == pytest.approx(33.0)
    assert 33.0 <= max(losses) < 100 and 0.01 < min(losses) < 0.1
    assert v["loss_exponents"] == [-2, 2]
    # a tiny loss (a run that lands on the minimum) is clipped to MAX_DECADES below the top
    low, high = o.optimizers_example(start=[0.0, 1e-12], steps=3).loss_exponents
    assert high - low == o.MAX_DECADES


def test_rosenbrock_example_and_determinism():
    a = o.optimizers_example(loss="rosenbrock", steps=60).values()
    b = o.optimizers_example(loss="rosenbrock", steps=60).values()
    assert a == b
    assert a["start"] == [-1.2, 1.0] and a["minimum"] == [1.0, 1.0]
    json.dumps(a, allow_nan=False)


def test_one_rate_is_every_optimizers_rate():
    v = o.optimizers_example(lr=0.01, steps=5).values()
    assert v["lr"] == {"sgd": 0.01, "momentum": 0.01, "rmsprop": 0.01, "adam": 0.01}


@pytest.mark.parametrize(
    "kwargs",
    [{"loss": "himmelblau"}, {"steps": 0}, {"start": [1, 2, 3]}, {"lr": [0.1, -1]}, {"lr": [0.1] * 0}],
)
def test_bad_input_is_rejected(kwargs):
    with pytest.raises(InputError):
        o.optimizers_example(**kwargs)


BOX = ((-2.0, 2.0), (-1.0, 1.0))


@pytest.mark.parametrize(
    ("points", "expected", "left"),
    [
        ([[0, 0], [1, 0.5], [-1, -0.5]], [[0, 0], [1, 0.5], [-1, -0.5]], False),  # stays inside
        ([[0, 0], [4, 0]], [[0, 0], [2, 0]], True),  # out through the right edge at x = 2
        ([[0, 0], [0.5, 0.5], [0.5, -3.5]], [[0, 0], [0.5, 0.5], [0.5, -1]], True),  # the bottom
        ([[1, 0], [3, 2]], [[1, 0], [2, 1]], True),  # through the corner (2, 1): both at once
        ([[0, 0], [-6, 2]], [[0, 0], [-2, 2 / 3]], True),  # the left edge comes before the top
        ([[5, 5], [0, 0]], [[2, 1]], True),  # starts outside: its start, pulled onto the box
    ],
)
def test_a_path_is_cut_where_it_leaves_the_map(points, expected, left):
    got, got_left = o.clip_path(points, BOX)
    np.testing.assert_allclose(got, expected, atol=1e-12)
    assert got_left is left


def test_the_grid_paths_are_the_trials_cut_to_the_map():
    ex = o.optimizers_example()
    (x0, x1), (y0, y1) = ex.box
    for name in ("sgd", "momentum", "rmsprop", "adam"):
        for (pts, left), full, loss in zip(
            ex.grid_paths(name), ex.search.trajectories[name], ex.search.losses[name]
        ):
            inside = (full[:, 0] >= x0) & (full[:, 0] <= x1) & (full[:, 1] >= y0) & (full[:, 1] <= y1)
            assert left == (not inside.all())
            assert left or math.isfinite(loss)  # a trial that blew up always leaves the map
            keep = len(full) if not left else int(np.argmin(inside))
            np.testing.assert_allclose(pts[:keep], full[:keep])
            assert np.all(pts[:, 0] >= x0 - 1e-9) and np.all(pts[:, 0] <= x1 + 1e-9)
            assert np.all(pts[:, 1] >= y0 - 1e-9) and np.all(pts[:, 1] <= y1 + 1e-9)
    # the bowl's steep direction caps SGD's rate near 2/50: the larger rates of the grid leave
    assert ex.values()["grid_left_map"]["sgd"] == [lr > 2 / 50 for lr in ex.search.grid]
