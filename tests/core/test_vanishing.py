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
