"""The linear-algebra core against numpy and the lesson's hand-checked example."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathdl_anim.core.errors import InputError
from mathdl_anim.core.linear_algebra import matmul_example, neuron_example, tensor_shapes_example

DIGIT_ROW = 3  # the row whose brightest pixel is the scalar: the storyboard's middle row

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


@pytest.mark.parametrize("digits", [(0, 1, 2, 3), (1796, 0, 7), (5, 5, 900)])
def test_tensor_shapes_as_numpy_reports(digits):
    from sklearn.datasets import load_digits

    ex = tensor_shapes_example(digits)
    images = load_digits().images[list(digits)]
    n = len(digits)
    first = images[0]
    r, c = ex.pixel
    expected = {
        "scalar": first[r, c],
        "vector": first[r],
        "matrix": first,
        "batch": images,
        "channels": images[:, np.newaxis],
        "colour": np.repeat(images[:, np.newaxis], 3, axis=1),
    }
    assert [t.label for t in ex.tensors] == list(expected)
    for info in ex.tensors:
        array = expected[info.label]
        assert (info.shape, info.ndim, info.size) == (array.shape, array.ndim, array.size)
        if info.entries is not None:
            assert np.array_equal(np.asarray(info.entries), array)
    assert [t.ndim for t in ex.tensors] == [0, 1, 2, 3, 4, 4]
    assert first[r, c] == first[DIGIT_ROW].max()  # the brightest of its row
    flat = images.reshape(n, -1)
    assert ex.flattened.shape == flat.shape == (n, 64)
    assert list(ex.flatten_counts) == list(range(8, 65, 8))
    assert ex.weights_shape == (64, 10) == ex.weights.shape


def test_scores_add_up_at_the_precision_shown():
    ex = tensor_shapes_example((0, 1, 2, 3))
    xw, b, total = (np.asarray(t.entries) for t in (ex.xw, ex.bias, ex.broadcast_sum))
    assert xw.shape == (4, 10) and b.shape == (10,)
    # one decimal each, and each shown sum is the sum of the shown terms
    for array in (xw, b, total):
        assert np.allclose(array * 10, np.round(array * 10))
    assert np.allclose(total, xw + b[np.newaxis, :], atol=1e-9)
    assert np.array_equal(np.asarray(ex.bias_broadcast.entries), np.tile(b, (4, 1)))
    # the unrounded product, from scikit-learn's flattened data
    from sklearn.datasets import load_digits

    exact = load_digits().data[:4] / 16 @ ex.weights
    assert np.abs(xw - exact).max() <= 0.05 + 1e-9
    assert list(ex.guesses) == list(total.argmax(axis=1))
    assert list(ex.guesses) == [0, 1, 2, 3]  # the network reads the first four digits right
    assert all(x != 0 or np.signbit(x) == 0 for x in total.ravel())  # no "-0" on screen


def test_the_wall_holds_the_first_digit_at_its_slot():
    from mathdl_anim.core.linear_algebra import WALL_SIZE, WALL_SLOT

    for first in (0, 5, 1796):
        ex = tensor_shapes_example((first, 1, 2))
        assert len(ex.wall) == WALL_SIZE and ex.wall[WALL_SLOT].index == first
        assert len({d.index for d in ex.wall}) == WALL_SIZE


@pytest.mark.parametrize("digits", [(), (0, 1), (0, 1, 2, 3, 4), (1797, 0, 1), (-1, 0, 1)])
def test_tensor_shapes_refuses_a_bad_batch(digits):
    with pytest.raises(InputError):
        tensor_shapes_example(digits)


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
    # one multiply-add per weight and per example: the digit network's one layer, 64 pixels into
    # 10 scores (TensorShapes draws its 64 x 10 weights), for the 1797 digits of load_digits
    assert ex.cost.per_example == 64 * 10
    assert ex.cost.per_batch == 1797 * 64 * 10


def test_the_layer_entry_worked_on_screen_is_its_terms():
    """Example 2 (inputs 0, 1, 1, 3) times neuron 1 (weights 0.5, 1, -0.5, 0), by hand."""
    ex = matmul_example([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    step = ex.layer_step
    assert (step.i, step.j) == (1, 0)
    assert step.factors == ((0, 0.5), (1, 1), (1, -0.5), (3, 0))
    assert step.terms == (0, 1, -0.5, 0)
    assert step.total == 0.5 == ex.outputs[1, 0]
    values = ex.values()
    assert values["layer_entry"] == [1, 0] and values["layer_terms"] == [0, 1, -0.5, 0]


@pytest.mark.parametrize(
    ("W", "x", "b", "activation"),
    [
        ([[0.5, -1, 0.25], [1, 0.5, -0.5], [-0.5, 0.25, 1]], [2, 1, 4], [0.5, -1, 0], "relu"),
        ([[0.3, -0.2], [0.1, 0.4]], [1.5, -2], [0.1, -0.3], "sigmoid"),
        ([[4, -4, 4, -4]], [4, 4, -4, 4], [0], "tanh"),
    ],
)
def test_two_linear_layers_collapse_into_one_matrix(W, x, b, activation):
    ex = neuron_example(W, x, b, activation)
    k, n = np.shape(W)
    assert ex.second.shape == (2, k) and ex.collapsed.shape == (2, n)
    # applying the layers one after the other equals applying the one matrix (biases aside)
    rng = np.random.default_rng(1)
    for v in rng.normal(size=(5, n)):
        assert ex.second @ (np.asarray(W, dtype=float) @ v) == pytest.approx(ex.collapsed @ v)


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh"])
def test_the_activation_plot_holds_every_z_and_a(activation):
    ex = neuron_example(
        [[0.5, -1, 0.25], [1, 0.5, -0.5], [-0.5, 0.25, 1]], [2, 1, 4], [0.5, -1, 0], activation
    )
    zt, at = ex.z_ticks, ex.a_ticks
    assert zt[0] < min(ex.z.min(), 0) and zt[-1] > max(ex.z.max(), 0)
    assert at[0] <= ex.a.min() and at[-1] >= ex.a.max()
    zs, ys = ex.curve()
    assert zs[0] == zt[0] and zs[-1] == zt[-1]
    assert at[0] <= ys.min() and ys.max() <= at[-1]  # the curve stays inside its axes
    assert all(float(t).is_integer() for t in (*zt, *at))
    # the reference: each a is the activation written out by hand
    ref = {
        "relu": lambda z: np.maximum(z, 0),
        "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
        "tanh": lambda z: (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z)),
    }[activation]
    assert ys == pytest.approx(ref(zs))
    assert ex.a == pytest.approx(ref(ex.z))


def test_the_numpy_printout_is_numpys_own():
    ex = matmul_example([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    # the lesson's result, as NumPy prints an integer array
    assert ex.numpy_lines == ("array([[19, 22],", "[43, 50]])")
    tiny = matmul_example([[1.5, -2], [0, 1]], [[1, 0], [-4.7e-99, 2]])
    expected = repr(np.array([[1.5, -4.0], [-4.7e-99, 2.0]])).splitlines()
    assert tiny.numpy_lines == tuple(line.strip() for line in expected)
    assert all("\\" not in line and "{" not in line for line in tiny.numpy_lines)  # plain text for \texttt
