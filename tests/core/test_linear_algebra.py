"""The linear-algebra core against numpy and the lesson's hand-checked example."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathdl_anim.core.errors import InputError
from mathdl_anim.core.linear_algebra import matmul_example, neuron_example, tensor_shapes_example

finite = st.floats(-100, 100, allow_nan=False, allow_infinity=False)


def test_lesson_example():
    # The lesson: A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]]; by hand 1*5 + 2*7 = 19, etc.
    ex = matmul_example([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    assert ex.product.tolist() == [[19, 22], [43, 50]]
    assert ex.step(0, 0).terms == (5, 14)
    assert ex.step(1, 1).factors == ((3, 6), (4, 8))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4), st.data())
def test_matmul_matches_numpy(m, n, p, data):
    A = data.draw(arrays(float, (m, n), elements=finite))
    B = data.draw(arrays(float, (n, p), elements=finite))
    ex = matmul_example(A, B)
    np.testing.assert_allclose(ex.product, np.dot(A, B), rtol=1e-12, atol=1e-9)
    for step in ex.steps:  # each entry is the sum of its shown terms
        assert step.total == pytest.approx(sum(step.terms), rel=1e-12, abs=1e-9)
        assert step.terms == tuple(A[step.i, k] * B[k, step.j] for k in range(n))
    assert ex.shapes == ((m, n), (n, p), (m, p))


def test_incompatible_shapes_are_refused():
    with pytest.raises(InputError, match="3 columns but B has 2 rows"):
        matmul_example([[1, 2, 3]], [[1, 2], [3, 4]])


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.sampled_from(["relu", "sigmoid", "tanh"]), st.data())
def test_neuron_matches_numpy(k, n, activation, data):
    W = data.draw(arrays(float, (k, n), elements=finite))
    x = data.draw(arrays(float, (n,), elements=finite))
    b = data.draw(arrays(float, (k,), elements=finite))
    ex = neuron_example(W, x, b, activation)
    z = np.dot(W, x) + b
    np.testing.assert_allclose(ex.z, z, rtol=1e-12, atol=1e-9)
    reference = {
        "relu": lambda v: np.where(v > 0, v, 0.0),
        "sigmoid": lambda v: 1 / (1 + np.exp(-v)),
        "tanh": np.tanh,
    }[activation]
    with np.errstate(over="ignore"):
        np.testing.assert_allclose(ex.a, reference(z), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(ex.partial_sums[-1], z[0], rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(ex.partial_sums[:-1], np.cumsum(W[0] * x), rtol=1e-12, atol=1e-9)


def test_neuron_default_by_hand():
    # 0.5*2 - 1*1 + 0.25*4 + 0.5 = 1.5; 1*2 + 0.5*1 - 0.5*4 - 1 = -0.5; -1 + 0.25 + 4 + 0 = 3.25
    ex = neuron_example([[0.5, -1, 0.25], [1, 0.5, -0.5], [-0.5, 0.25, 1]], [2, 1, 4], [0.5, -1, 0])
    assert ex.z.tolist() == [1.5, -0.5, 3.25]
    assert ex.a.tolist() == [1.5, 0.0, 3.25]


@pytest.mark.parametrize(
    ("W", "x", "b", "message"),
    [
        ([[1, 2]], [1, 2, 3], [0], "needs 2 entries"),
        ([[1, 2], [3, 4]], [1, 2], [1, 2, 3], "needs 2 entries"),
    ],
)
def test_neuron_shape_errors(W, x, b, message):
    with pytest.raises(InputError, match=message):
        neuron_example(W, x, b)


@pytest.mark.parametrize("shape", [(2, 3, 32, 32), (1, 1, 1, 1), (4, 3, 4096, 4096)])
def test_tensor_shapes_as_numpy_reports(shape):
    ex = tensor_shapes_example(shape)
    batch = ex.tensors[-1]
    assert batch.shape == shape and batch.ndim == 4 and batch.size == int(np.prod(shape))
    assert [t.ndim for t in ex.tensors] == [0, 1, 2, 3, 4]
    assert ex.flattened.shape == (shape[0], shape[1] * shape[2] * shape[3])
    assert ex.weights_shape[0] == ex.flattened.shape[1]
    xw = np.array(ex.xw.entries)
    assert np.array_equal(np.array(ex.broadcast_sum.entries), xw + np.array(ex.bias.entries)[None, :])
    assert np.array(ex.bias_broadcast.entries).shape == xw.shape


def test_shape_rule_matches_numpy_and_refuses_mismatched_inner_sizes():
    from mathdl_anim.core.linear_algebra import ShapeRule

    for left, right in [((2, 3), (3, 4)), ((1, 5), (5, 1)), ((4, 2), (2, 7))]:
        assert ShapeRule(left, right).result == (np.ones(left) @ np.ones(right)).shape
    with pytest.raises(InputError):
        ShapeRule((2, 3), (4, 2))


def test_inputs_times_weights_is_one_weighted_sum_per_example_and_neuron():
    ex = matmul_example([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    for i, example in enumerate(ex.inputs):
        for j in range(ex.weights.shape[1]):  # neuron j's weighted sum of example i, by hand
            assert ex.outputs[i, j] == pytest.approx(sum(x * w for x, w in zip(example, ex.weights[:, j])))
    # one multiply-add per weight and per example: 64 pixels into 32 neurons, 1797 digits
    assert ex.cost.per_example == 64 * 32
    assert ex.cost.per_batch == 1797 * 64 * 32
