"""Activation functions and their derivatives, as plain numpy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import numpy as np
import numpy.typing as npt

__all__ = ["Activation", "ACTIVATIONS", "get_activation"]


@dataclass(frozen=True)
class Activation:
    """An activation function with its derivative and how it is written.

    Attributes
    ----------
    name : str
        ``"relu"``, ``"sigmoid"`` or ``"tanh"``.
    tex : str
        Its symbol in LaTeX, e.g. ``\\sigma``.
    formula : str
        Its definition in LaTeX, in terms of ``z``.
    constants : tuple[float, ...]
        The numbers written in ``formula`` (recorded with a scene's values).
    fn, grad : Callable[[np.ndarray], np.ndarray]
        The function and its derivative, elementwise.
    """

    name: str
    tex: str
    formula: str
    constants: tuple[float, ...]
    fn: Callable[[npt.ArrayLike], npt.NDArray[np.float64]]
    grad: Callable[[npt.ArrayLike], npt.NDArray[np.float64]]


def _sigmoid(z: npt.ArrayLike) -> npt.NDArray[np.float64]:
    arr = np.asarray(z, dtype=float)
    return cast(npt.NDArray[np.float64], np.exp(-np.logaddexp(0.0, -arr)))


ACTIVATIONS: dict[str, Activation] = {
    "relu": Activation(
        "relu",
        r"\mathrm{ReLU}",
        r"\max(0,\, z)",
        (0.0,),
        lambda z: np.maximum(np.asarray(z, dtype=float), 0.0),
        lambda z: (np.asarray(z, dtype=float) > 0).astype(float),
    ),
    "sigmoid": Activation(
        "sigmoid",
        r"\sigma",
        r"\frac{1}{1 + e^{-z}}",
        (1.0,),
        _sigmoid,
        lambda z: _sigmoid(z) * (1.0 - _sigmoid(z)),
    ),
    "tanh": Activation(
        "tanh",
        r"\tanh",
        r"\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
        (),
        lambda z: np.tanh(np.asarray(z, dtype=float)),
        lambda z: 1.0 - np.tanh(np.asarray(z, dtype=float)) ** 2,
    ),
}


def get_activation(name: str) -> Activation:
    """Return the activation called ``name`` (``relu``, ``sigmoid`` or ``tanh``)."""
    return ACTIVATIONS[name]
