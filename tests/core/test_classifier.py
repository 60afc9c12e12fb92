"""Softmax and the network's probabilistic answer, against scipy and a forward pass written here
from scikit-learn's own arrays."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import softmax as scipy_softmax
from sklearn.datasets import load_digits

from mathdl_anim.core.classifier import (
    DEFAULT_DIGIT,
    MAX_TEMPERATURE,
    MIN_TEMPERATURE,
    WALL_SIZE,
    least_confident,
    probabilistic_output_example,
    softmax,
)
from mathdl_anim.core.digits import digit_network
from mathdl_anim.core.errors import InputError


@pytest.fixture(scope="module")
def reference():
    return load_digits()


def forward(reference, index, temperature=1.0):
    """The network's probabilities for one image, written out here: pixels / 16, times W, plus b,
    divided by T, then exp and normalise (with the maximum subtracted, in float64)."""
    net = digit_network()
    z = reference.data[index] / 16.0 @ net.W + net.b
    u = z / temperature
    e = np.exp(u - u.max())
    return z, e, e / e.sum()


@pytest.mark.parametrize(
    "scores",
    [[1.0, 2.0, 3.0], [-5.0, 0.0, 5.0, 10.0], [0.0, 0.0], [700.0, 710.0, -700.0], [1e-3, -1e-3, 2.5, 7.0]],
)
@pytest.mark.parametrize("temperature", [0.25, 1.0, 3.0, 5.0])
def test_softmax_is_scipys(scores, temperature):
    ours = softmax(scores, temperature)
    theirs = scipy_softmax(np.asarray(scores) / temperature)
    assert np.all(np.isfinite(ours))  # 710 does not overflow: the maximum is subtracted
    assert ours.sum() == pytest.approx(1.0, abs=1e-12)
    assert np.allclose(ours, theirs, rtol=1e-12, atol=1e-300)


def test_softmax_works_row_by_row():
    rows = np.array([[1.0, 2.0, 3.0], [3.0, 3.0, 3.0]])
    assert np.allclose(softmax(rows), scipy_softmax(rows, axis=1), rtol=1e-12)
    assert np.allclose(softmax(rows)[1], 1 / 3, rtol=1e-12)


def test_softmax_ignores_a_shift():
    z = np.array([0.3, -1.2, 4.0, 2.2])
    assert np.allclose(softmax(z), softmax(z + 123.0), rtol=1e-12)


@pytest.mark.parametrize("temperature", [0.0, -1.0, float("nan"), float("inf")])
def test_softmax_refuses_a_bad_temperature(temperature):
    with pytest.raises(InputError, match="temperature"):
        softmax([1.0, 2.0], temperature)


def test_temperature_flattens_and_sharpens():
    z = np.array([2.0, 1.0, 0.5, -1.0])
    tops = [softmax(z, t).max() for t in (0.25, 0.5, 1.0, 2.0, 5.0)]
    assert all(a > b for a, b in zip(tops, tops[1:]))  # higher T: less sure
    assert softmax(z, 0.01).max() == pytest.approx(1.0, abs=1e-12)  # T -> 0: one-hot
    assert np.allclose(softmax(z, 1e6), 0.25, atol=1e-5)  # T -> inf: uniform
    # the order of the classes never changes
    for t in (0.25, 1.0, 5.0):
        assert list(np.argsort(softmax(z, t))) == list(np.argsort(z))


@pytest.mark.parametrize(
    ("digit", "temperature"), [(DEFAULT_DIGIT, 1.0), (1500, 3.0), (1796, 0.25), (1595, 5.0)]
)
def test_the_answer_is_the_forward_pass(reference, digit, temperature):
    ex = probabilistic_output_example(digit, temperature)
    z, e, p = forward(reference, digit, temperature)
    a = ex.answer
    assert a.digit.index == digit and a.digit.label == reference.target[digit]
    assert np.array_equal(a.digit.pixels, reference.images[digit])
    assert np.allclose(a.scores, z, rtol=1e-12, atol=1e-12)
    assert np.allclose(a.exponentials, e, rtol=1e-12, atol=1e-300)
    assert a.exponentials.max() == 1.0  # exp(0) for the largest score
    assert a.exp_sum == pytest.approx(e.sum(), rel=1e-12)
    assert np.allclose(a.probabilities, p, rtol=1e-12, atol=1e-300)
    assert a.probabilities.sum() == pytest.approx(1.0, abs=1e-12)
    assert np.allclose(a.probabilities, scipy_softmax(z / temperature), rtol=1e-10, atol=1e-300)
    assert a.predicted == int(np.argmax(z))  # the temperature never changes the prediction


def test_the_default_digit_is_a_clear_three_read_right(reference):
    ex = probabilistic_output_example()
    assert ex.answer.digit.label == 3 and ex.answer.predicted == 3
    assert ex.answer.probabilities.max() > 0.9


def test_the_test_accuracy_is_counted_over_the_test_images(reference):
    ex = probabilistic_output_example()
    net = digit_network()
    guesses = (reference.data[1500:] / 16.0 @ net.W + net.b).argmax(axis=1)
    correct = int((guesses == reference.target[1500:]).sum())
    assert ex.test_images == 297
    assert ex.test_correct == correct
    assert ex.test_accuracy == pytest.approx(correct / 297, abs=1e-12)
    values = ex.values()
    assert values["accuracy"] == ex.test_accuracy
    # image by image, in the test set's order (the scene's grid of the test set)
    assert values["test_right"] == [bool(g == t) for g, t in zip(guesses, reference.target[1500:])]


def test_the_ambiguous_digit_is_the_least_confident_test_image(reference):
    """An independent loop over the test images: the lowest largest probability at T = 1."""
    best, best_top = None, np.inf
    for index in range(1500, 1797):
        top = forward(reference, index)[2].max()
        if top < best_top:
            best, best_top = index, top
    assert least_confident() == best
    ex = probabilistic_output_example(DEFAULT_DIGIT, 3.0)
    assert ex.ambiguous.digit.index == best
    # its answer is at the scene's temperature
    assert np.allclose(ex.ambiguous.probabilities, forward(reference, best, 3.0)[2], rtol=1e-12)
    # at T = 1 it is spread out: far less sure than the default digit
    plain = probabilistic_output_example()
    assert plain.ambiguous.probabilities.max() < 0.5 < plain.answer.probabilities.max()


def test_the_ambiguous_digit_is_never_the_first_one(reference):
    first = least_confident()
    ex = probabilistic_output_example(first)
    second, second_top = None, np.inf
    for index in range(1500, 1797):
        top = forward(reference, index)[2].max()
        if index != first and top < second_top:
            second, second_top = index, top
    assert ex.ambiguous.digit.index == second != first


@pytest.mark.parametrize("digit", [1500, 1503, DEFAULT_DIGIT, 1790, 1796])
def test_the_wall_is_test_images_around_the_digit(digit):
    wall = [d.index for d in probabilistic_output_example(digit).wall]
    assert len(wall) == WALL_SIZE and digit in wall
    assert wall == list(range(wall[0], wall[0] + WALL_SIZE))
    assert 1500 <= wall[0] and wall[-1] <= 1796


def test_the_same_parameters_give_the_same_values():
    first = probabilistic_output_example(1700, 2.0).values()
    digit_network.cache_clear()  # retrained from scratch
    second = probabilistic_output_example(1700, 2.0).values()
    assert first == second


def test_values_name_what_the_scene_shows():
    values = probabilistic_output_example().values()
    for name in (
        "scores",
        "scores_shown",
        "exponentials",
        "exp_sum",
        "probabilities",
        "predicted",
        "accuracy",
    ):
        assert name in values
    assert values["scores_shown"] == [round(s, 1) + 0.0 for s in values["scores"]]
    assert len(values["ambiguous_probabilities"]) == 10


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"digit": 1499}, "test image"),
        ({"digit": 1797}, "test image"),
        ({"digit": 1600.0}, "test image"),
        ({"digit": True}, "test image"),
        ({"temperature": MIN_TEMPERATURE / 2}, "temperature"),
        ({"temperature": MAX_TEMPERATURE + 0.01}, "temperature"),
    ],
)
def test_bad_input_is_refused(kwargs, match):
    with pytest.raises(InputError, match=match):
        probabilistic_output_example(**kwargs)


def test_top_two_are_the_two_largest_probabilities():
    from mathdl_anim.core.classifier import probabilistic_output_example

    ex = probabilistic_output_example()
    for answer in (ex.answer, ex.ambiguous):
        p = list(answer.probabilities)
        ranked = sorted(range(len(p)), key=lambda k: (-p[k], k))  # an independent ranking
        assert answer.top_two == (ranked[0], ranked[1])
