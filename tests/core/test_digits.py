"""The running example's digits and network, against scikit-learn's own arrays and NumPy."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import load_digits

from mathdl_anim.core.digits import (
    CLASSES,
    DIGIT_IMAGES,
    DIGIT_PIXELS,
    DIGIT_SIDE,
    INK_LEVELS,
    digit_network,
    load_digit,
)
from mathdl_anim.core.errors import InputError


@pytest.fixture(scope="module")
def reference():
    return load_digits()


def test_constants_are_the_data_sets(reference):
    # scikit-learn's documentation: 1797 images of 8x8 pixels, grey levels 0..16, 10 classes
    assert reference.images.shape == (DIGIT_IMAGES, DIGIT_SIDE, DIGIT_SIDE)
    assert DIGIT_PIXELS == reference.data.shape[1] == 64
    assert reference.images.max() == INK_LEVELS and reference.images.min() == 0
    assert len(np.unique(reference.target)) == CLASSES


@pytest.mark.parametrize("index", [0, 1, 2, 3, 5, 900, DIGIT_IMAGES - 1])
def test_a_digit_is_scikit_learns_image_and_label(reference, index):
    digit = load_digit(index)
    assert digit.index == index
    assert digit.label == reference.target[index]
    assert digit.pixels.shape == (DIGIT_SIDE, DIGIT_SIDE)
    assert np.array_equal(digit.pixels, reference.images[index])
    # row by row from the top, as the flattened data holds them
    assert np.array_equal(digit.pixels.reshape(-1), reference.data[index])


@pytest.mark.parametrize("index", [-1, DIGIT_IMAGES, 2.0, True, "3"])
def test_an_index_outside_the_data_set_is_refused(index):
    with pytest.raises(InputError, match="digit index"):
        load_digit(index)


def test_the_pixels_cannot_be_changed_by_a_caller():
    with pytest.raises(ValueError):
        load_digit(0).pixels[0, 0] = 99


def test_the_network_reads_the_digits(reference):
    net = digit_network()
    assert net.W.shape == (DIGIT_PIXELS, CLASSES) and net.b.shape == (CLASSES,)
    # its scores, recomputed here from the flattened data over 16
    scores = reference.data / 16.0 @ net.W + net.b
    accuracy = float((scores.argmax(axis=1) == reference.target).mean())
    assert net.accuracy == pytest.approx(accuracy, abs=1e-12)
    # a linear classifier on these digits: scikit-learn's LogisticRegression reaches about 0.99 on the
    # training set; ours must be a real classifier, far above chance (0.1)
    assert accuracy > 0.95
    assert np.allclose(net.scores(reference.images[:5]), scores[:5])


def test_the_network_is_a_minimum_of_its_loss(reference):
    """Training stopped near a minimum: the gradient (by finite differences, not the code's own
    gradient) is small in every direction we try."""
    from mathdl_anim.core.digits import _PENALTY

    net = digit_network()
    X, y = reference.data / 16.0, reference.target

    def loss(W, b):
        z = X @ W + b
        z = z - z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return -log_p[np.arange(len(y)), y].mean() + _PENALTY / 2 * (W**2).sum()

    rng = np.random.default_rng(0)
    base = loss(net.W, net.b)
    h = 1e-4
    for _ in range(5):
        dW, db = rng.normal(size=net.W.shape), rng.normal(size=net.b.shape)
        norm = np.sqrt((dW**2).sum() + (db**2).sum())
        dW, db = dW / norm, db / norm
        slope = (loss(net.W + h * dW, net.b + h * db) - loss(net.W - h * dW, net.b - h * db)) / (2 * h)
        assert abs(slope) < 0.02 * base


def test_the_network_is_the_same_on_every_run():
    from mathdl_anim.core.digits import digit_network as trained

    first = trained()
    trained.cache_clear()
    second = trained()
    assert np.array_equal(first.W, second.W) and np.array_equal(first.b, second.b)
