"""Vanishing-gradient norms against central finite differences and the product of factors."""

from __future__ import annotations

import numpy as np
import pytest

from mathdl_anim.core import vanishing as van
from mathdl_anim.core.errors import InputError


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


ACT = {"sigmoid": _sigmoid, "relu": lambda z: np.maximum(z, 0.0)}


def _output_from(layer, a_in, weights, biases, act):
    """Run the chain from layer ``layer`` (1-based) given its input ``a_{layer-1}``."""
    a = a_in
    for w, b in zip(weights[layer - 1 :], biases[layer - 1 :]):
        a = ACT[act](w * a + b)
    return a


@pytest.mark.parametrize("depth", [2, 3, 4, 5])
@pytest.mark.parametrize("seed", [0, 1, 7])
@pytest.mark.parametrize("act", ["sigmoid", "relu"])
def test_grad_norms_match_central_finite_differences(depth, seed, act):
    ex = van.vanishing_example(depth, seed)
    trace = ex.trace(act)
    h = 1e-5
    for layer in range(1, depth + 1):
        a_in = trace.a[layer - 1]
        # the input a_{layer-1} recomputed here, independently of the core's forward pass
        a_check = ex.x
        for w, b in zip(ex.weights[: layer - 1], ex.biases[: layer - 1]):
            a_check = ACT[act](w * a_check + b)
        assert a_in == pytest.approx(a_check, rel=1e-12)
        up = _output_from(layer, a_check + h, ex.weights, ex.biases, act)
        down = _output_from(layer, a_check - h, ex.weights, ex.biases, act)
        fd = abs(up - down) / (2 * h)
        assert trace.grad_norms[layer - 1] == pytest.approx(fd, rel=1e-6, abs=1e-12)


@pytest.mark.parametrize("depth", [2, 6, 12])
@pytest.mark.parametrize("act", ["sigmoid", "relu"])
def test_grad_norms_are_products_of_the_layer_factors(depth, act):
    ex = van.vanishing_example(depth, seed=3)
    trace = ex.trace(act)
    # factor of layer l: |w_l * act'(z_l)|, with z_l recomputed here
    a, factors = ex.x, []
    for w, b in zip(ex.weights, ex.biases):
        z = w * a + b
        d = _sigmoid(z) * (1 - _sigmoid(z)) if act == "sigmoid" else float(z > 0)
        factors.append(abs(w * d))
        a = ACT[act](z)
    np.testing.assert_allclose(trace.factors, factors, rtol=1e-12)
    expected = [np.prod(factors[k:]) for k in range(depth)]
    np.testing.assert_allclose(trace.grad_norms, expected, rtol=1e-12)


def test_sigmoid_derivative_bound():
    z = np.linspace(-10, 10, 20001)
    d = _sigmoid(z) * (1 - _sigmoid(z))
    assert d.max() == pytest.approx(van.SIGMOID_BOUND, abs=1e-12)
    assert z[np.argmax(d)] == pytest.approx(0.0, abs=1e-9)
    ex = van.vanishing_example(12, 0)
    sig = ex.trace("sigmoid")
    assert np.all(sig.derivatives <= van.SIGMOID_BOUND)
    assert np.all(sig.factors <= van.SIGMOID_BOUND * np.abs(ex.weights))
    assert sig.grad_norms[0] <= ex.sigmoid_bound_product


def test_sigmoid_vanishes_and_relu_does_not():
    ex = van.vanishing_example(10, 0)
    sig, relu = ex.trace("sigmoid").grad_norms, ex.trace("relu").grad_norms
    assert np.all(np.diff(sig) > 0)  # shrinks at every layer going back
    assert sig[0] < 1e-5
    assert relu[0] > 0.1
    np.testing.assert_allclose(ex.trace("relu").factors, np.abs(ex.weights))


def test_seed_is_explicit_and_deterministic():
    a, b = van.vanishing_example(8, 42), van.vanishing_example(8, 42)
    assert a.values() == b.values()
    assert van.vanishing_example(8, 43).values()["weights"] != a.values()["weights"]
    assert set(a.values()["grad_norms"]) == {"sigmoid", "relu"}
    assert len(a.values()["grad_norms"]["sigmoid"]) == 8


@pytest.mark.parametrize("depth", [1, 13])
def test_depth_is_bounded(depth):
    with pytest.raises(InputError):
        van.vanishing_example(depth)


# -- training: the consequence ------------------------------------------------------------------
def _loss(weights, biases, x, target, act):
    """(a_L - target)^2 / 2, by running the chain here."""
    return 0.5 * (_output_from(1, x, weights, biases, act) - target) ** 2


def _sigmoid_slope(z):
    return _sigmoid(z) * (1 - _sigmoid(z))


SLOPE = {"sigmoid": _sigmoid_slope, "relu": lambda z: float(z > 0)}


def _product_gradients(weights, biases, x, target, act):
    """dL/dw_l and dL/db_l written as the explicit product of the chain rule:
    dL/dz_j = (a_L - y) * act'(z_j) * prod_{k > j} w_k act'(z_k)."""
    zs, acts = [], [x]
    for w, b in zip(weights, biases):
        zs.append(w * acts[-1] + b)
        acts.append(ACT[act](zs[-1]))
    n = len(weights)
    dz = [
        (acts[-1] - target)
        * SLOPE[act](zs[j])
        * np.prod([weights[k] * SLOPE[act](zs[k]) for k in range(j + 1, n)])
        for j in range(n)
    ]
    return np.array([dz[j] * acts[j] for j in range(n)]), np.array(dz)


@pytest.mark.parametrize(("depth", "seed"), [(3, 0), (6, 2), (10, 0), (12, 5)])
@pytest.mark.parametrize("act", ["sigmoid", "relu"])
def test_loss_gradients_match_central_finite_differences(depth, seed, act):
    ex = van.vanishing_example(depth, seed)
    target = 0.5 * ex.trace(act).a[-1]
    dw, db, loss = van.chain_gradients(ex.weights, ex.biases, ex.x, target, act)
    assert loss == pytest.approx(_loss(ex.weights, ex.biases, ex.x, target, act), rel=1e-12)
    h = 1e-4
    for j in range(depth):
        for params, grad in ((ex.weights, dw), (ex.biases, db)):
            up, down = params.copy(), params.copy()
            up[j] += h
            down[j] -= h
            if params is ex.weights:
                fd = (_loss(up, ex.biases, ex.x, target, act) - _loss(down, ex.biases, ex.x, target, act)) / (
                    2 * h
                )
            else:
                fd = (
                    _loss(ex.weights, up, ex.x, target, act) - _loss(ex.weights, down, ex.x, target, act)
                ) / (2 * h)
            # the truncation error is O(h^2) relative; round-off ~1e-17 / h absolute
            assert grad[j] == pytest.approx(fd, rel=1e-5, abs=1e-12)


@pytest.mark.parametrize(("depth", "seed"), [(2, 0), (10, 0), (12, 5)])
@pytest.mark.parametrize("act", ["sigmoid", "relu"])
def test_training_matches_an_independent_descent(depth, seed, act):
    ex = van.vanishing_example(depth, seed)
    training = ex.training(act)
    target = van.TARGET_RATIO * _output_from(1, ex.x, ex.weights, ex.biases, act)
    assert training.target == pytest.approx(target, rel=1e-12)
    w, b = ex.weights.astype(float).copy(), ex.biases.astype(float).copy()
    history = {0: w.copy()}
    losses = {0: _loss(w, b, ex.x, target, act)}
    lr = 0.01  # the scene says "the same learning rate for both"
    assert van.LEARNING_RATE == lr
    for step in range(1, 301):
        gw, gb = _product_gradients(w, b, ex.x, target, act)
        w, b = w - lr * gw, b - lr * gb
        history[step] = w.copy()
        losses[step] = _loss(w, b, ex.x, target, act)
    assert training.steps.tolist() == list(range(0, 301))  # every step
    for k, step in enumerate(training.steps):
        np.testing.assert_allclose(training.weights[k], history[step], rtol=1e-9, atol=1e-15)
        assert training.losses[k] == pytest.approx(losses[step], rel=1e-7, abs=1e-15)
    np.testing.assert_allclose(training.moved, np.abs(history[300] - ex.weights), rtol=1e-6, atol=1e-15)
    moved = np.abs(history[300] - ex.weights)
    assert training.moved_ratio == pytest.approx(moved[-1] / moved[0], rel=1e-6)


def test_early_sigmoid_layers_barely_move_and_relu_layers_do():
    ex = van.vanishing_example(10, 0)
    sig, relu = ex.training("sigmoid").moved, ex.training("relu").moved
    assert sig[0] < 1e-6 < 1e-2 < sig[-1]
    assert np.all(np.diff(sig) > 0)  # the closer to the output, the more a sigmoid layer moves
    assert relu.min() > 1e-2
    # the last layer outruns the first a million times over with sigmoid, a few times with ReLU
    assert ex.training("sigmoid").moved_ratio > 1e6 > 1e2 > ex.training("relu").moved_ratio > 1
    assert ex.training("relu").losses[-1] < 1e-3 < ex.training("sigmoid").losses[-1]


def test_over_bound_layers_have_weights_above_one():
    for seed in range(20):
        ex = van.vanishing_example(12, seed)
        factors = ex.trace("sigmoid").factors
        for layer in ex.over_bound:
            assert factors[layer - 1] > 0.25
            assert abs(ex.weights[layer - 1]) > 1
        assert ex.largest_factor_layer == 1 + int(np.argmax(factors))


def test_training_is_deterministic():
    a, b = van.vanishing_example(12, 5), van.vanishing_example(12, 5)
    assert a.values()["moved_history"] == b.values()["moved_history"]
    assert a.values()["losses"] == b.values()["losses"]
