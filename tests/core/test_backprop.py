"""Backpropagation gradients against sympy's derivative of the whole loss and finite differences."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mathdl_anim.core.backprop import PARAMETERS, backprop_example
from mathdl_anim.core.errors import InputError

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
