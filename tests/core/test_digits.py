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
    TEST_INDICES,
    TRAIN_IMAGES,
    digit_network,
    held_out_set,
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


def test_the_split_is_the_first_1500_images_and_the_last_297():
    # the split is fixed by the project (issue 16), not computed: 1500 to train, the rest to test
    assert TRAIN_IMAGES == 1500
    assert list(TEST_INDICES) == list(range(1500, 1797)) and len(TEST_INDICES) == 297
    images, labels = held_out_set()
    reference = load_digits()
    assert np.array_equal(images, reference.images[1500:])
    assert np.array_equal(labels, reference.target[1500:])


def test_the_network_reads_the_digits(reference):
    net = digit_network()
    assert net.W.shape == (DIGIT_PIXELS, CLASSES) and net.b.shape == (CLASSES,)
    # its scores, recomputed here from the flattened data over 16
    scores = reference.data / 16.0 @ net.W + net.b
    right = scores.argmax(axis=1) == reference.target
    train_accuracy = float(right[:1500].mean())
    test_accuracy = float(right[1500:].mean())
    assert net.train_accuracy == pytest.approx(train_accuracy, abs=1e-12)
    assert net.test_accuracy == pytest.approx(test_accuracy, abs=1e-12)
    # a linear classifier on these digits: on the data it trained on it is nearly always right; on
    # the last 297 images (other writers) scikit-learn's LogisticRegression on the same split reaches
    # about 0.9 (computed below). Ours must be a real classifier, far above chance (0.1), and no
    # better on the test images than on the training ones
    assert train_accuracy > 0.95
    assert 0.8 < test_accuracy <= train_accuracy
    assert np.allclose(net.scores(reference.images[:5]), scores[:5])


def test_the_test_accuracy_is_what_scikit_learn_reaches_on_the_same_split(reference):
    """An independent fit: scikit-learn's multinomial LogisticRegression with the same L2 penalty
    (C = 1 / (n * penalty) for a mean loss) on the same 1500 images reaches nearly the same
    accuracy on the same 297 test images."""
    from sklearn.linear_model import LogisticRegression

    from mathdl_anim.core.digits import _PENALTY

    X, y = reference.data / 16.0, reference.target
    model = LogisticRegression(C=1.0 / (1500 * _PENALTY), max_iter=5000, tol=1e-8)
    model.fit(X[:1500], y[:1500])
    theirs = float((model.predict(X[1500:]) == y[1500:]).mean())
    assert digit_network().test_accuracy == pytest.approx(theirs, abs=3 / 297)


def test_the_network_is_a_minimum_of_its_loss(reference):
    """Training stopped near a minimum of its loss on the training images: the gradient (by finite
    differences, not the code's own gradient) is small in every direction we try."""
    from mathdl_anim.core.digits import _PENALTY

    net = digit_network()
    X, y = reference.data[:1500] / 16.0, reference.target[:1500]

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
