"""The film's running example: real handwritten digits, and a one-layer network that reads them.

The images are scikit-learn's bundled ``load_digits`` data set (1,797 digits of 8 x 8 grey
levels from 0, no ink, to 16, full ink; part of the UCI "Optical Recognition of Handwritten
Digits" collection), shipped inside the package: no download. The network is the smallest one
that reads them: ten scores ``x @ W + b`` per image, from its 64 pixels scaled to [0, 1],
trained once by softmax regression (L-BFGS from zeros: no randomness, the same weights on every
run) on a fixed split, the first :data:`TRAIN_IMAGES` images, and kept for the process. The
images after them (indices 1500 to 1796) are its test set: it never saw them, so its accuracy on
them is an honest measure of how well it reads new digits.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from scipy.optimize import minimize

from mathdl_anim.core.errors import InputError

__all__ = [
    "DIGIT_SIDE",
    "DIGIT_PIXELS",
    "DIGIT_IMAGES",
    "INK_LEVELS",
    "CLASSES",
    "TRAIN_IMAGES",
    "TEST_INDICES",
    "Digit",
    "DigitNetwork",
    "load_digit",
    "held_out_set",
    "digit_network",
]

#: Each image is DIGIT_SIDE x DIGIT_SIDE grey levels, DIGIT_PIXELS in all.
DIGIT_SIDE = 8
DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE
#: Images in the data set.
DIGIT_IMAGES = 1797
#: The grey level of full ink (0 is no ink).
INK_LEVELS = 16
#: Digits 0 to 9: the network's outputs.
CLASSES = 10
#: The network trains on the images 0 to TRAIN_IMAGES - 1 and is tested on the rest.
TRAIN_IMAGES = 1500
#: The test images' indices, 1500 to 1796.
TEST_INDICES = range(TRAIN_IMAGES, DIGIT_IMAGES)
#: Training: L2 penalty on the weights (keeps them finite on data it separates) and iterations.
_PENALTY = 1e-3
_ITERATIONS = 200


@dataclass(frozen=True)
class Digit:
    """One image of the data set.

    Attributes
    ----------
    index : int
        Its place in the data set (0 to 1796).
    label : int
        The digit it shows, as the data set labels it.
    pixels : np.ndarray, shape (8, 8), int
        Grey levels, 0 (no ink) to 16 (full ink), row by row from the top.
    """

    index: int
    label: int
    pixels: np.ndarray


@lru_cache(maxsize=1)
def _data_set() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits  # a second to import: only when digits are needed

    data = load_digits()
    images = np.rint(data.images).astype(np.int64)
    labels = np.asarray(data.target, dtype=np.int64)
    images.setflags(write=False)
    labels.setflags(write=False)
    return images, labels


def load_digit(index: int) -> Digit:
    """The image at ``index`` of the data set.

    Raises
    ------
    InputError
        If ``index`` is not a whole number from 0 to 1796.
    """
    if isinstance(index, bool) or not isinstance(index, int | np.integer) or not 0 <= index < DIGIT_IMAGES:
        raise InputError(f"a digit index must be a whole number from 0 to {DIGIT_IMAGES - 1}, got {index!r}")
    images, labels = _data_set()
    return Digit(int(index), int(labels[index]), images[index])


def held_out_set() -> tuple[np.ndarray, np.ndarray]:
    """The test images (indices 1500 to 1796, never seen in training) and their labels:
    shapes (297, 8, 8) and (297,), read-only."""
    images, labels = _data_set()
    return images[TRAIN_IMAGES:], labels[TRAIN_IMAGES:]


@dataclass(frozen=True)
class DigitNetwork:
    """Ten scores per image: ``scores(x) = x @ W + b`` with ``x`` the pixels over 16.

    Attributes
    ----------
    W : np.ndarray, shape (64, 10)
        One column of weights per digit.
    b : np.ndarray, shape (10,)
        One bias per digit.
    train_accuracy : float
        The share of the training images (0 to 1499) whose largest score is their label.
    test_accuracy : float
        The same share over the test images (1500 to 1796), which training never saw.
    """

    W: np.ndarray
    b: np.ndarray
    train_accuracy: float
    test_accuracy: float

    @staticmethod
    def inputs(pixels: npt.ArrayLike) -> np.ndarray:
        """Images (..., 8, 8) of grey levels as the rows the network reads: (..., 64) in [0, 1]."""
        arr = np.asarray(pixels, dtype=float)
        return arr.reshape(*arr.shape[:-2], DIGIT_PIXELS) / INK_LEVELS

    def scores(self, pixels: npt.ArrayLike) -> np.ndarray:
        """The ten scores of each image (..., 8, 8): shape (..., 10)."""
        scores: np.ndarray = self.inputs(pixels) @ self.W + self.b
        return scores


def _loss_and_gradient(theta: np.ndarray, X: np.ndarray, onehot: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of softmax(X W + b), plus the L2 penalty on W, and its gradient."""
    n, p = X.shape
    W = theta[: p * CLASSES].reshape(p, CLASSES)
    b = theta[p * CLASSES :]
    z = X @ W + b
    z = z - z.max(axis=1, keepdims=True)
    log_sum = np.log(np.exp(z).sum(axis=1))
    loss = float((log_sum - (z * onehot).sum(axis=1)).mean() + _PENALTY / 2 * (W**2).sum())
    g = (np.exp(z - log_sum[:, None]) - onehot) / n
    return loss, np.concatenate([(X.T @ g + _PENALTY * W).ravel(), g.sum(axis=0)])


@lru_cache(maxsize=1)
def digit_network() -> DigitNetwork:
    """The film's network, trained on the first :data:`TRAIN_IMAGES` images (the same weights on
    every run) and measured on those and on the test images."""
    images, labels = _data_set()
    X_all = DigitNetwork.inputs(images)
    X, y = X_all[:TRAIN_IMAGES], labels[:TRAIN_IMAGES]
    onehot = np.eye(CLASSES)[y]
    start = np.zeros(DIGIT_PIXELS * CLASSES + CLASSES)
    fit = minimize(
        _loss_and_gradient,
        start,
        args=(X, onehot),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": _ITERATIONS},
    )
    W = fit.x[: DIGIT_PIXELS * CLASSES].reshape(DIGIT_PIXELS, CLASSES)
    b = fit.x[DIGIT_PIXELS * CLASSES :]
    W.setflags(write=False)
    b.setflags(write=False)
    right = (X_all @ W + b).argmax(axis=1) == labels
    return DigitNetwork(W, b, float(right[:TRAIN_IMAGES].mean()), float(right[TRAIN_IMAGES:].mean()))
