"""Backpropagation gradients against sympy's derivative of the whole loss and finite differences."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mathdl_anim.core.backprop import (
    LOSS_LIMIT,
    NODES,
    PARAMETERS,
    TRAIN_STEPS,
    W2_WINDOW,
    WIGGLE,
    backprop_example,
)
from mathdl_anim.core.errors import InputError
from mathdl_anim.core.scales import MAX_DECADES

ACTIVATIONS = ("sigmoid", "tanh", "relu")

# The whole loss written once with sympy, independently of the code under test.
x_, y_, w1_, b1_, w2_, b2_ = sp.symbols("x y w1 b1 w2 b2", real=True)
_z1 = w1_ * x_ + b1_
SYMPY_ACT = {
    "sigmoid": 1 / (1 + sp.exp(-_z1)),
    "tanh": sp.tanh(_z1),
    "relu": sp.Piecewise((_z1, _z1 > 0), (0, True)),
}
SYMPY_LOSS = {name: (w2_ * a + b2_ - y_) ** 2 for name, a in SYMPY_ACT.items()}
SYMBOLS = {"w1": w1_, "b1": b1_, "w2": w2_, "b2": b2_}

NUMPY_ACT = {
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0.0),
}


def numpy_loss(p, x, y, activation):
    a1 = NUMPY_ACT[activation](p["w1"] * x + p["b1"])
    return (p["w2"] * a1 + p["b2"] - y) ** 2


number = st.floats(-3, 3, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    x=number, y=number, w1=number, b1=number, w2=number, b2=number, activation=st.sampled_from(ACTIVATIONS)
)
def test_gradients_against_sympy_and_finite_differences(x, y, w1, b1, w2, b2, activation):
    z1 = w1 * x + b1
    assume(activation != "relu" or abs(z1) > 1e-3)  # ReLU has no derivative at 0
    ex = backprop_example(x, y, w1, b1, w2, b2, activation, 0.1)
    params = {"w1": w1, "b1": b1, "w2": w2, "b2": b2}
    point = {x_: x, y_: y, w1_: w1, b1_: b1, w2_: w2, b2_: b2}
    assert ex.loss == pytest.approx(float(SYMPY_LOSS[activation].subs(point)), rel=1e-12, abs=1e-12)
    for name in PARAMETERS:
        exact = float(sp.diff(SYMPY_LOSS[activation], SYMBOLS[name]).subs(point))
        assert ex.grads[name] == pytest.approx(exact, rel=1e-9, abs=1e-9)
        h = 1e-6
        up, down = dict(params), dict(params)
        up[name] += h
        down[name] -= h
        fd = (numpy_loss(up, x, y, activation) - numpy_loss(down, x, y, activation)) / (2 * h)
        assert ex.grads[name] == pytest.approx(fd, rel=1e-5, abs=1e-5)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_each_gradient_is_local_times_upstream(activation):
    ex = backprop_example(2, 0.5, 1, -1, 2, -0.5, activation, 0.1)
    grads = ex.node_grads
    for step in ex.steps:
        assert step.grad == pytest.approx(step.local * step.upstream)
        source = {"L": "L", "z2": "z2", "a1": "a1", "z1": "z1"}[step.source]
        assert step.upstream == pytest.approx(grads[source])
    # Node gradients by hand (d L / d node).
    f = ex.forward
    d_yhat = 2 * (f["y_hat"] - 0.5)
    act_grad = {"sigmoid": f["a1"] * (1 - f["a1"]), "tanh": 1 - f["a1"] ** 2, "relu": float(f["z1"] > 0)}[
        activation
    ]
    assert grads["y_hat"] == pytest.approx(d_yhat)
    assert grads["a1"] == pytest.approx(d_yhat * 2)
    assert grads["z1"] == pytest.approx(d_yhat * 2 * act_grad)
    assert [s.target for s in ex.steps] == ["y_hat", "w2", "b2", "a1", "z1", "w1", "b1"]


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_forward_values(activation):
    ex = backprop_example(2, 0.5, 1, -1, 2, -0.5, activation, 0.1)
    z1 = 1 * 2 - 1
    a1 = NUMPY_ACT[activation](z1)
    assert ex.forward["z1"] == pytest.approx(z1)
    assert ex.forward["a1"] == pytest.approx(a1)
    assert ex.forward["y_hat"] == ex.forward["z2"] == pytest.approx(2 * a1 - 0.5)
    assert ex.loss == pytest.approx((2 * a1 - 0.5 - 0.5) ** 2)


@settings(max_examples=40, deadline=None)
@given(
    x=number,
    y=number,
    w1=number,
    b1=number,
    w2=number,
    b2=number,
    activation=st.sampled_from(ACTIVATIONS),
    lr=st.floats(0.01, 1),
)
def test_update_is_one_gradient_descent_step(x, y, w1, b1, w2, b2, activation, lr):
    ex = backprop_example(x, y, w1, b1, w2, b2, activation, lr)
    for name in PARAMETERS:
        assert ex.updated[name] == pytest.approx(ex.params[name] - lr * ex.grads[name])
    assert ex.loss_after == pytest.approx(numpy_loss(ex.updated, x, y, activation), rel=1e-12, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    x=number, y=number, w1=number, b1=number, w2=number, b2=number, activation=st.sampled_from(ACTIVATIONS)
)
def test_a_small_step_lowers_the_loss(x, y, w1, b1, w2, b2, activation):
    ex = backprop_example(x, y, w1, b1, w2, b2, activation, 1e-4)
    norm2 = sum(g * g for g in ex.grads.values())
    assume(norm2 > 1e-2)
    assume(activation != "relu" or abs(ex.forward["z1"]) > 1e-2)
    assert ex.loss_after < ex.loss


def test_default_example_learns():
    ex = backprop_example(2, 0.5, 1, -1, 2, -0.5, "sigmoid", 0.1)
    assert ex.loss_after < ex.loss
    assert set(ex.values()["grads"]) == set(PARAMETERS)


@pytest.mark.parametrize("kwargs", [{"activation": "softmax"}, {"lr": 0}, {"lr": -1}])
def test_bad_input(kwargs):
    args = {"activation": "sigmoid", "lr": 0.1, **kwargs}
    with pytest.raises(InputError):
        backprop_example(1, 0, 1, 0, 1, 0, **args)


# The forward pass again, the slider, the update and the training --------------------------
# An autograd-free reference written here: the forward pass in numpy, every gradient by central
# finite differences, gradient descent by hand.
FD_STEP = 1e-6
CASES = [
    (2, 1, 1.5, -1, 0.5, -0.5, "sigmoid", 0.05),  # the scene's defaults
    (2, 0.5, -1, 0.5, 2, -0.5, "relu", 0.05),  # a dead ReLU: only b2 learns
    (-1.5, 0.3, 0.8, 0.2, -1.2, 0.4, "tanh", 0.2),
]


def ref_forward(p, x, y, activation):
    z1 = p["w1"] * x + p["b1"]
    a1 = NUMPY_ACT[activation](z1)
    y_hat = p["w2"] * a1 + p["b2"]
    return {"z1": z1, "a1": a1, "y_hat": y_hat, "L": (y_hat - y) ** 2}


def fd_grads(p, x, y, activation):
    out = {}
    for name in PARAMETERS:
        up, down = dict(p), dict(p)
        up[name] += FD_STEP
        down[name] -= FD_STEP
        out[name] = (numpy_loss(up, x, y, activation) - numpy_loss(down, x, y, activation)) / (2 * FD_STEP)
    return out


@pytest.mark.parametrize("case", CASES)
def test_training_against_numpy_gradient_descent(case):
    x, y, w1, b1, w2, b2, activation, lr = case
    ex = backprop_example(*case)
    p = {"w1": w1, "b1": b1, "w2": w2, "b2": b2}
    assert len(ex.training) == TRAIN_STEPS + 1 and not ex.diverged
    for k, state in enumerate(ex.training):
        assert state.step == k
        ref = ref_forward(p, x, y, activation)
        for name in PARAMETERS:
            assert state.params[name] == pytest.approx(p[name], rel=1e-6, abs=1e-7), (k, name)
        for node in NODES:
            assert state.forward[node] == pytest.approx(ref[node], rel=1e-6, abs=1e-7), (k, node)
        g = fd_grads(p, x, y, activation)
        p = {name: p[name] - lr * g[name] for name in PARAMETERS}
    values = ex.values()["training"]
    assert values["loss"] == [t.forward["L"] for t in ex.training]
    assert values["step"] == list(range(TRAIN_STEPS + 1))


@pytest.mark.parametrize("case", CASES)
def test_update_and_forward_again(case):
    x, y, w1, b1, w2, b2, activation, lr = case
    ex = backprop_example(*case)
    p = {"w1": w1, "b1": b1, "w2": w2, "b2": b2}
    g = fd_grads(p, x, y, activation)
    new = {name: p[name] - lr * g[name] for name in PARAMETERS}
    for name in PARAMETERS:
        assert ex.updated[name] == pytest.approx(new[name], rel=1e-7, abs=1e-8)
    ref = ref_forward(new, x, y, activation)
    for node in NODES:
        assert ex.forward_after[node] == pytest.approx(ref[node], rel=1e-7, abs=1e-8)
    assert ex.loss_after == pytest.approx(ref["L"], rel=1e-7, abs=1e-8)
    # the first training step is the update shown
    assert ex.training[1].params == ex.updated


def test_the_default_loss_falls_over_the_training():
    ex = backprop_example(*CASES[0])
    losses = ex.train_losses
    assert all(b < a for a, b in zip(losses, losses[1:]))
    assert losses[-1] < 0.01 * losses[0]


@pytest.mark.parametrize("case", CASES)
def test_slider_on_w2(case):
    x, y, w1, b1, w2, b2, activation, lr = case
    ex = backprop_example(*case)
    p = {"w1": w1, "b1": b1, "w2": w2, "b2": b2}
    lo, hi = ex.w2_window
    assert (lo, hi) == pytest.approx((w2 - W2_WINDOW, w2 + W2_WINDOW))
    stops = ex.values()["wiggle"]
    assert stops["w2"] == pytest.approx([w2 + WIGGLE, w2 - WIGGLE])
    for w, loss, y_hat in zip(stops["w2"], stops["loss"], stops["y_hat"]):
        ref = ref_forward({**p, "w2": w}, x, y, activation)
        assert loss == pytest.approx(ref["L"], rel=1e-12, abs=1e-12)
        assert y_hat == pytest.approx(ref["y_hat"], rel=1e-12, abs=1e-12)
    grid = np.linspace(lo, hi, 9)
    ref_curve = [ref_forward({**p, "w2": w}, x, y, activation)["L"] for w in grid]
    np.testing.assert_allclose(ex.loss_of_w2(grid), ref_curve, rtol=1e-12, atol=1e-12)
    assert ex.loss_top == pytest.approx(
        max(ref_forward({**p, "w2": w}, x, y, activation)["L"] for w in (lo, hi)), rel=1e-3
    )
    # the tangent passes through (w2, L) with the finite-difference slope
    (wa, la), (wb, lb) = ex.w2_tangent
    slope = fd_grads(p, x, y, activation)["w2"]
    assert (la + lb) / 2 == pytest.approx(ex.loss, abs=1e-9)
    assert (wa + wb) / 2 == pytest.approx(w2)
    assert (lb - la) / (wb - wa) == pytest.approx(slope, rel=1e-5, abs=1e-6)


def test_training_stops_once_it_diverges():
    ex = backprop_example(10, 1, 10, 0, 10, 0, "relu", 2)
    assert ex.diverged
    assert ex.train_losses[-1] > LOSS_LIMIT
    assert all(loss <= LOSS_LIMIT for loss in ex.train_losses[:-1])
    assert all(np.isfinite(v) for t in ex.training for v in (*t.params.values(), *t.forward.values()))


def shown2(v):
    """A number at two decimals, written independently of the formatting module (moderate values)."""
    return round(v, 2)


@pytest.mark.parametrize("case", CASES)
def test_each_line_relation_says_whether_the_numbers_shown_reproduce(case):
    x, y, w1, b1, w2, b2, activation, lr = case
    ex = backprop_example(*case)

    def expected(from_shown, value):
        return "=" if math.isclose(shown2(from_shown), shown2(value), abs_tol=1e-9) else r"\approx"

    for step in ex.steps:
        assert step.relation == expected(shown2(step.local) * shown2(step.upstream), step.grad), step.target
    f = ex.forward
    assert ex.forward_relations["z1"] == expected(shown2(w1) * shown2(x) + shown2(b1), f["z1"])
    assert ex.forward_relations["y_hat"] == expected(shown2(w2) * shown2(f["a1"]) + shown2(b2), f["y_hat"])
    assert ex.forward_relations["L"] == expected((shown2(f["y_hat"]) - shown2(y)) ** 2, f["L"])
    for name in PARAMETERS:
        line = shown2(ex.params[name]) - shown2(lr) * shown2(ex.grads[name])
        assert ex.update_relations[name] == expected(line, ex.updated[name]), name


def test_the_default_lines_all_reproduce():
    """The defaults were chosen so that every line shown reproduces at two decimals."""
    ex = backprop_example(*CASES[0])
    relations = [s.relation for s in ex.steps] + [
        *ex.forward_relations.values(),
        *ex.update_relations.values(),
    ]
    assert set(relations) == {"="}
    # by hand: 0.88 * (-2.12) = -1.8656, shown -1.87, and the true gradient rounds to -1.87 too
    assert round(ex.grads["w2"], 2) == -1.87 and round(0.88 * -2.12, 2) == -1.87


def test_a_known_mismatch_is_marked_approx():
    # the old defaults: 0.73 * 0.92 = 0.6716 (0.67) but dL/dw2 = 0.6757 (0.68)
    ex = backprop_example(2, 0.5, 1, -1, 2, -0.5, "sigmoid", 0.1)
    assert ex.step("w2").relation == r"\approx"


def _decades(values, max_decades):
    """The log axis' exponents by search over the integers (independent of log10 rounding)."""
    positive = [v for v in values if math.isfinite(v) and v > 0]
    high = next(e for e in range(-300, 300) if 10.0**e >= max(positive))
    low = next(e for e in range(300, -300, -1) if 10.0**e <= min(positive))
    low = max(low, high - max_decades)
    return low, max(high, low + 1)


@pytest.mark.parametrize("case", CASES)
def test_training_loss_axis_holds_every_loss(case):
    ex = backprop_example(*case)
    low, high = ex.loss_exponents
    assert (low, high) == _decades(ex.train_losses, MAX_DECADES)
    assert ex.values()["training"]["loss_exponents"] == [low, high]
    # every loss under the top, no decade to spare there; the bottom holds the smallest loss
    # unless the losses span more than MAX_DECADES decades (then it is clipped)
    losses = ex.train_losses
    assert max(losses) <= 10.0**high and max(losses) > 10.0 ** (high - 1)
    if high - low < MAX_DECADES:
        assert 10.0**low <= min(losses) < 10.0 ** (low + 1)
    else:
        assert min(losses) < 10.0**low


def test_default_training_loss_axis():
    # the default run falls from 1.12 to 3.4e-4: 10^-4 .. 10^1
    assert backprop_example(*CASES[0]).loss_exponents == (-4, 1)


def test_a_diverged_loss_axis_holds_the_last_loss():
    ex = backprop_example(10, 1, 10, 0, 10, 0, "relu", 2)
    low, high = ex.loss_exponents
    assert high - low <= MAX_DECADES
    assert 10.0 ** (high - 1) < ex.train_losses[-1] <= 10.0**high  # the first loss past the limit
