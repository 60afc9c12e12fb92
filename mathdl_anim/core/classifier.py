"""The network's answer as probabilities: softmax over the ten scores of the film's digit network.

The network is chapter 1's (:func:`~mathdl_anim.core.digits.digit_network`): ten scores
``z = x @ W + b`` for an image's 64 pixels. Softmax turns them into a distribution in two steps,
the ones the scene shows: exponentiate each score (after dividing it by a temperature ``T``),
then divide each exponential by their sum. It subtracts the largest score first, as every
library does (``scipy.special.softmax``, PyTorch): the shares do not change, and ``e`` to a large
score cannot overflow. So the exponentials shown are ``exp((z - max z) / T)``: the largest is 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from mathdl_anim.core.digits import (
    CLASSES,
    DIGIT_IMAGES,
    TEST_INDICES,
    TRAIN_IMAGES,
    Digit,
    digit_network,
    held_out_set,
    load_digit,
)
from mathdl_anim.core.errors import InputError

__all__ = [
    "MIN_TEMPERATURE",
    "MAX_TEMPERATURE",
    "DEFAULT_DIGIT",
    "SCORE_DECIMALS",
    "WALL_SIZE",
    "WALL_SLOT",
    "softmax",
    "least_confident",
    "DigitAnswer",
    "ProbabilisticOutputExample",
    "probabilistic_output_example",
]

#: The temperatures the scene accepts: below 0.25 nearly every answer is one-hot, above 5 nearly
#: uniform; the shape of the distribution is what the scene shows.
MIN_TEMPERATURE, MAX_TEMPERATURE = 0.25, 5.0
#: The scene's default test image: a clear 3 the network reads right and confidently, with a
#: visible second choice (8).
DEFAULT_DIGIT = 1566
#: Decimals of the scores on screen (chapter 1 shows them with one).
SCORE_DECIMALS = 1
#: The wall of test images the digit is picked from: how many, and the digit's place in it
#: (fewer before it when it is among the first test images, fewer after among the last).
WALL_SIZE, WALL_SLOT = 24, 9


def _tolist(a: npt.ArrayLike) -> list[Any]:
    return cast(list[Any], np.asarray(a).tolist())


def softmax(scores: npt.ArrayLike, temperature: float = 1.0) -> np.ndarray:
    """``exp(z / T)`` divided by its sum over the last axis, computed stably.

    Parameters
    ----------
    scores : array_like, shape (..., k)
        The scores ``z`` (any real numbers).
    temperature : float, optional
        ``T > 0``: above 1 the distribution flattens, below 1 it sharpens (default 1).

    Returns
    -------
    np.ndarray, shape (..., k)
        Non-negative, summing to 1 along the last axis.

    Raises
    ------
    InputError
        If ``temperature`` is not a positive finite number.

    Examples
    --------
    >>> softmax([0.0, np.log(3.0)]).round(2).tolist()
    [0.25, 0.75]
    """
    if not np.isfinite(temperature) or temperature <= 0:
        raise InputError(f"temperature must be a positive number, got {temperature!r}")
    z = np.asarray(scores, dtype=float) / temperature
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    out: np.ndarray = e / e.sum(axis=-1, keepdims=True)
    return out


def least_confident(excluding: int | None = None) -> int:
    """The test image the network is least sure of: the lowest largest probability (at
    temperature 1, so the pick does not move with the scene's temperature); ties go to the first.

    Parameters
    ----------
    excluding : int, optional
        A test image not to pick (the scene's first digit).
    """
    images, _ = held_out_set()
    top = softmax(digit_network().scores(images)).max(axis=1)
    if excluding is not None and excluding in TEST_INDICES:
        top[excluding - TEST_INDICES.start] = np.inf
    return TEST_INDICES.start + int(np.argmin(top))


@dataclass(frozen=True)
class DigitAnswer:
    """What the network answers for one image.

    Attributes
    ----------
    digit : Digit
        The image (index, label, pixels).
    scores : np.ndarray, shape (10,)
        ``z = x @ W + b``, one score per digit 0 to 9.
    exponentials : np.ndarray, shape (10,)
        ``exp((z - max z) / T)``: the largest is 1.
    exp_sum : float
        Their sum.
    probabilities : np.ndarray, shape (10,)
        ``exponentials / exp_sum``: softmax of ``z / T``.
    predicted : int
        The most likely digit.
    """

    digit: Digit
    scores: np.ndarray
    exponentials: np.ndarray
    exp_sum: float
    probabilities: np.ndarray
    predicted: int

    @classmethod
    def of(cls, digit: Digit, temperature: float) -> DigitAnswer:
        z = digit_network().scores(digit.pixels)
        e = np.exp((z - z.max()) / temperature)
        total = float(e.sum())
        p = e / total
        return cls(digit, z, e, total, p, int(np.argmax(p)))

    @property
    def top_two(self) -> tuple[int, int]:
        """The two most likely classes, most likely first (ties: the smaller class first)."""
        order = np.argsort(-self.probabilities, kind="stable")
        return int(order[0]), int(order[1])

    @property
    def scores_shown(self) -> np.ndarray:
        """The scores as the scene writes them (:data:`SCORE_DECIMALS` decimals, no -0.0)."""
        shown: np.ndarray = np.round(self.scores, SCORE_DECIMALS) + 0.0
        return shown


@dataclass(frozen=True)
class ProbabilisticOutputExample:
    """A test digit read by the network, its ten scores turned into probabilities, and the test
    image the network is least sure of.

    Attributes
    ----------
    answer : DigitAnswer
        The chosen test image and the network's answer.
    ambiguous : DigitAnswer
        The test image with the lowest largest probability (:func:`least_confident`), at the
        same temperature.
    temperature : float
        ``T``: the scores are divided by it before exponentiating.
    test_accuracy : float
        The share of the test images (1500 to 1796) whose most likely digit is their label.
    test_images, test_correct : int
        How many test images, and how many the network reads right.
    test_right : tuple[bool, ...]
        For each test image in order (1500 to 1796), whether the network reads it right.
    wall : tuple[Digit, ...]
        :data:`WALL_SIZE` consecutive test images around the digit: the test set it is picked from.
    weights : np.ndarray, shape (64, 10)
        The network's weights (drawn as a block, not written: not in ``values()``).
    bias : np.ndarray, shape (10,)
        Its biases (drawn, not written).
    """

    answer: DigitAnswer
    ambiguous: DigitAnswer
    temperature: float
    test_accuracy: float
    test_images: int
    test_correct: int
    test_right: tuple[bool, ...]
    wall: tuple[Digit, ...]
    weights: np.ndarray
    bias: np.ndarray

    def values(self) -> dict[str, Any]:
        a, b = self.answer, self.ambiguous
        return {
            "digit": a.digit.index,
            "label": a.digit.label,
            "pixels": _tolist(a.digit.pixels),
            "temperature": self.temperature,
            "classes": list(range(CLASSES)),
            "scores": _tolist(a.scores),
            "scores_shown": _tolist(a.scores_shown),
            "max_score": float(a.scores.max()),
            "exponentials": _tolist(a.exponentials),
            "exp_sum": a.exp_sum,
            "probabilities": _tolist(a.probabilities),
            "predicted": a.predicted,
            "confidence": float(a.probabilities.max()),
            "accuracy": self.test_accuracy,
            "test_images": self.test_images,
            "test_correct": self.test_correct,
            "test_right": list(self.test_right),
            "first_test_image": TRAIN_IMAGES,
            "last_test_image": DIGIT_IMAGES - 1,
            "ambiguous_digit": b.digit.index,
            "ambiguous_label": b.digit.label,
            "ambiguous_pixels": _tolist(b.digit.pixels),
            "ambiguous_scores": _tolist(b.scores),
            "ambiguous_scores_shown": _tolist(b.scores_shown),
            "ambiguous_probabilities": _tolist(b.probabilities),
            "ambiguous_predicted": b.predicted,
            "ambiguous_confidence": float(b.probabilities.max()),
            "wall": [d.index for d in self.wall],
        }


def probabilistic_output_example(
    digit: int = DEFAULT_DIGIT, temperature: float = 1.0
) -> ProbabilisticOutputExample:
    """The network's answer for the test image ``digit`` as probabilities at ``temperature``.

    Raises
    ------
    InputError
        If ``digit`` is not a test image (1500 to 1796) or ``temperature`` is outside
        [:data:`MIN_TEMPERATURE`, :data:`MAX_TEMPERATURE`].
    """
    if isinstance(digit, bool) or not isinstance(digit, int | np.integer) or digit not in TEST_INDICES:
        raise InputError(
            f"digit must be a test image, {TEST_INDICES.start} to {TEST_INDICES.stop - 1}, got {digit!r}"
        )
    if not MIN_TEMPERATURE <= temperature <= MAX_TEMPERATURE:
        raise InputError(
            f"temperature must be in [{MIN_TEMPERATURE:g}, {MAX_TEMPERATURE:g}], got {temperature!r}"
        )
    network = digit_network()
    images, labels = held_out_set()
    right = network.scores(images).argmax(axis=1) == labels
    first = min(max(int(digit) - WALL_SLOT, TEST_INDICES.start), TEST_INDICES.stop - WALL_SIZE)
    return ProbabilisticOutputExample(
        answer=DigitAnswer.of(load_digit(int(digit)), float(temperature)),
        ambiguous=DigitAnswer.of(load_digit(least_confident(int(digit))), float(temperature)),
        temperature=float(temperature),
        test_accuracy=network.test_accuracy,
        test_images=len(labels),
        test_correct=int(right.sum()),
        test_right=tuple(bool(r) for r in right),
        wall=tuple(load_digit(first + k) for k in range(WALL_SIZE)),
        weights=network.W,
        bias=network.b,
    )
