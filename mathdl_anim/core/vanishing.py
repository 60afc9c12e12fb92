"""Vanishing gradients: backpropagation through a deep chain of one-neuron layers.

Layer ``l`` computes ``z_l = w_l a_{l-1} + b_l`` and ``a_l = act(z_l)``, from ``a_0 = x``.
By the chain rule the gradient of the output ``a_L`` with respect to the input of layer ``l``
is the product of the per-layer factors from ``l`` to ``L``::

    d a_L / d a_{l-1} = prod_{k=l..L} w_k act'(z_k)

Since ``sigmoid'(z) = sigmoid(z)(1 - sigmoid(z)) <= 1/4``, each sigmoid factor is at most
``|w_k| / 4`` and the product shrinks geometrically with depth; ReLU's derivative is 1 where
the unit is active, so the factors are the weights themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from mathdl_anim.core.activations import get_activation
from mathdl_anim.core.errors import InputError

__all__ = [
    "SIGMOID_BOUND",
    "VANISHING_ACTIVATIONS",
    "MIN_DEPTH",
    "MAX_DEPTH",
    "WEIGHT_RANGE",
    "BIAS_RANGE",
    "INPUT",
    "TRAIN_STEPS",
    "LEARNING_RATE",
    "TARGET_RATIO",
    "SNAPSHOTS",
    "ChainTrace",
    "ChainTraining",
    "VanishingExample",
    "chain_forward",
    "chain_backward",
    "chain_gradients",
    "train_chain",
    "vanishing_example",
]

#: The maximum of sigmoid'(z), reached at z = 0.
SIGMOID_BOUND = 0.25

#: The activations compared, in order.
VANISHING_ACTIVATIONS: tuple[str, ...] = ("sigmoid", "relu")

MIN_DEPTH, MAX_DEPTH = 2, 12

#: Weights are drawn uniformly from this range (close to 1, so they neither shrink nor blow up
#: the signal by themselves), biases from ``BIAS_RANGE`` (non-negative, so ReLU units stay active
#: on a positive input and every difference between the two chains is the activation's).
WEIGHT_RANGE = (0.5, 1.5)
BIAS_RANGE = (0.0, 0.5)

#: The input of the chain.
INPUT = 1.0

#: Gradient-descent steps of the training, its learning rate (the same for both chains: small
#: enough that no ReLU chain of the default seeds blows up), the target as a fraction of the
#: chain's first output, and how many times the weights are recorded during the training: at
#: every step, since a ReLU chain moves most of its way in its first step.
TRAIN_STEPS = 300
LEARNING_RATE = 0.01
TARGET_RATIO = 0.5
SNAPSHOTS = TRAIN_STEPS


@dataclass(frozen=True)
class ChainTrace:
    """Forward and backward pass of the chain with one activation.

    Attributes
    ----------
    activation : str
    z : np.ndarray, shape (L,)
        Pre-activations ``z_1 .. z_L``.
    a : np.ndarray, shape (L + 1,)
        ``a_0 = x`` then the activations ``a_1 .. a_L``.
    derivatives : np.ndarray, shape (L,)
        ``act'(z_l)``.
    factors : np.ndarray, shape (L,)
        ``|w_l act'(z_l)|``: how much layer ``l`` scales the gradient passing through it.
    grad_norms : np.ndarray, shape (L,)
        ``|d a_L / d a_{l-1}|``: the gradient magnitude reaching layer ``l``, from the output.
    """

    activation: str
    z: np.ndarray
    a: np.ndarray
    derivatives: np.ndarray
    factors: np.ndarray
    grad_norms: np.ndarray


def chain_forward(
    weights: Iterable[float], biases: Iterable[float], x: float, activation: str
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(z, a)`` of the chain (``a`` starts with ``x``)."""
    act = get_activation(activation)
    a = [float(x)]
    z = []
    for w, b in zip(weights, biases):
        z.append(w * a[-1] + b)
        a.append(float(act.fn(z[-1])))
    return np.array(z), np.array(a)


def chain_backward(weights: npt.ArrayLike, biases: Iterable[float], x: float, activation: str) -> ChainTrace:
    """Backpropagate from the output ``a_L`` to the input of every layer."""
    weights = np.asarray(weights, dtype=float)
    z, a = chain_forward(weights, biases, x, activation)
    deriv = get_activation(activation).grad(z)
    local = weights * deriv  # d a_l / d a_{l-1}
    grads = np.empty_like(local)
    upstream = 1.0  # d a_L / d a_L
    for layer in range(len(local) - 1, -1, -1):
        upstream = upstream * local[layer]
        grads[layer] = upstream
    return ChainTrace(activation, z, a, deriv, np.abs(local), np.abs(grads))


def chain_gradients(
    weights: npt.ArrayLike, biases: npt.ArrayLike, x: float, target: float, activation: str
) -> tuple[np.ndarray, np.ndarray, float]:
    """Gradients of ``L = (a_L - target)^2 / 2`` with respect to every weight and bias.

    Returns
    -------
    tuple[np.ndarray, np.ndarray, float]
        ``(dL/dw, dL/db, L)``, the first two of shape ``(L,)``.
    """
    weights = np.asarray(weights, dtype=float)
    z, a = chain_forward(weights, np.asarray(biases, dtype=float), x, activation)
    deriv = get_activation(activation).grad(z)
    dw, db = np.empty_like(weights), np.empty_like(weights)
    upstream = a[-1] - target  # dL/da_L
    for layer in range(len(weights) - 1, -1, -1):
        dz = upstream * deriv[layer]
        dw[layer], db[layer] = dz * a[layer], dz
        upstream = dz * weights[layer]
    return dw, db, 0.5 * float(a[-1] - target) ** 2


@dataclass(frozen=True)
class ChainTraining:
    """Plain gradient descent on one chain, recorded :data:`SNAPSHOTS` times.

    Attributes
    ----------
    activation : str
    target, learning_rate : float
    steps : np.ndarray, shape (S + 1,)
        The step count of each record, from 0 to the last step.
    weights, biases : np.ndarray, shape (S + 1, L)
        The parameters at each recorded step.
    losses : np.ndarray, shape (S + 1,)
        ``(a_L - target)^2 / 2`` at each recorded step.
    """

    activation: str
    target: float
    learning_rate: float
    steps: np.ndarray
    weights: np.ndarray
    biases: np.ndarray
    losses: np.ndarray

    @property
    def moved_history(self) -> np.ndarray:
        """``|w_l(t) - w_l(0)|`` at each recorded step, shape ``(S + 1, L)``."""
        return np.asarray(np.abs(self.weights - self.weights[0]), dtype=float)

    @property
    def moved(self) -> np.ndarray:
        """How far each layer's weight moved over the whole training, shape ``(L,)``."""
        return np.asarray(self.moved_history[-1], dtype=float)

    @property
    def moved_ratio(self) -> float:
        """How many times as far the last layer's weight moved as the first's: ``moved[-1] / moved[0]``.

        ``inf`` if the first layer did not move at all (its gradient underflowed).
        """
        first, last = float(self.moved[0]), float(self.moved[-1])
        return last / first if first > 0 else float("inf")


def train_chain(
    weights: npt.ArrayLike,
    biases: npt.ArrayLike,
    x: float,
    activation: str,
    target: float,
    learning_rate: float = LEARNING_RATE,
    steps: int = TRAIN_STEPS,
    snapshots: int = SNAPSHOTS,
) -> ChainTraining:
    """Run ``steps`` steps of ``w <- w - lr dL/dw`` (and the same for ``b``) on the chain.

    The parameters are recorded every ``steps // snapshots`` steps (and after the last).
    """
    w = np.array(weights, dtype=float)
    b = np.array(biases, dtype=float)
    every = max(1, steps // snapshots)
    record_steps, ws, bs, losses = [], [], [], []
    for step in range(steps + 1):
        dw, db, loss = chain_gradients(w, b, x, target, activation)
        if step % every == 0 or step == steps:
            record_steps.append(step)
            ws.append(w.copy())
            bs.append(b.copy())
            losses.append(loss)
        if step < steps:
            w -= learning_rate * dw
            b -= learning_rate * db
    return ChainTraining(
        activation,
        float(target),
        float(learning_rate),
        np.array(record_steps),
        np.array(ws),
        np.array(bs),
        np.array(losses),
    )


@dataclass(frozen=True)
class VanishingExample:
    """The same chain with sigmoid and with ReLU.

    Attributes
    ----------
    depth, seed : int
    x : float
    weights, biases : np.ndarray, shape (depth,)
    traces : tuple[ChainTrace, ...]
        In the order of :data:`VANISHING_ACTIVATIONS`.
    trainings : tuple[ChainTraining, ...]
        Each chain trained from these weights, in the same order.
    """

    depth: int
    seed: int
    x: float
    weights: np.ndarray
    biases: np.ndarray
    traces: tuple[ChainTrace, ...]
    trainings: tuple[ChainTraining, ...]

    def trace(self, activation: str) -> ChainTrace:
        return self.traces[VANISHING_ACTIVATIONS.index(activation)]

    def training(self, activation: str) -> ChainTraining:
        return self.trainings[VANISHING_ACTIVATIONS.index(activation)]

    @property
    def over_bound(self) -> list[int]:
        """The layers (from 1) whose sigmoid factor exceeds :data:`SIGMOID_BOUND` (``|w| > 1``)."""
        return [k + 1 for k, f in enumerate(self.trace("sigmoid").factors) if f > SIGMOID_BOUND]

    @property
    def largest_factor_layer(self) -> int:
        """The layer (from 1) with the largest sigmoid factor."""
        return int(np.argmax(self.trace("sigmoid").factors)) + 1

    @property
    def sigmoid_bound_product(self) -> float:
        """``prod_l |w_l| / 4``: the largest gradient sigmoid can let through to layer 1."""
        return float(np.prod(np.abs(self.weights) * SIGMOID_BOUND))

    def values(self) -> dict[str, Any]:
        return {
            "depth": self.depth,
            "seed": self.seed,
            "x": self.x,
            "layers": list(range(1, self.depth + 1)),
            "weights": self.weights.tolist(),
            "biases": self.biases.tolist(),
            "bound": SIGMOID_BOUND,
            "bound_power": SIGMOID_BOUND**self.depth,
            "bound_product": self.sigmoid_bound_product,
            "derivatives": {t.activation: t.derivatives.tolist() for t in self.traces},
            "factors": {t.activation: t.factors.tolist() for t in self.traces},
            "grad_norms": {t.activation: t.grad_norms.tolist() for t in self.traces},
            "pre_activations": {t.activation: t.z.tolist() for t in self.traces},
            "outputs": {t.activation: float(t.a[-1]) for t in self.traces},
            "over_bound": self.over_bound,
            "largest_factor_layer": self.largest_factor_layer,
            "train_steps": TRAIN_STEPS,
            "learning_rate": LEARNING_RATE,
            "targets": {t.activation: t.target for t in self.trainings},
            "snapshot_steps": self.trainings[0].steps.tolist(),
            "losses": {t.activation: t.losses.tolist() for t in self.trainings},
            "moved": {t.activation: t.moved.tolist() for t in self.trainings},
            "moved_history": {t.activation: t.moved_history.tolist() for t in self.trainings},
            "moved_ratio": {t.activation: t.moved_ratio for t in self.trainings},
            # the 1 of (1 - sigma) and of |w| > 1, the 0 of z = 0 and z > 0, the 10 of 10^0
            "constants": [0, 1, 10],
        }


def vanishing_example(depth: int = 10, seed: int = 0) -> VanishingExample:
    """A chain of ``depth`` layers with weights and biases drawn with ``default_rng(seed)``.

    Raises
    ------
    InputError
        If ``depth`` is not between :data:`MIN_DEPTH` and :data:`MAX_DEPTH`.
    """
    if not MIN_DEPTH <= int(depth) <= MAX_DEPTH:
        raise InputError(f"depth must be between {MIN_DEPTH} and {MAX_DEPTH}, got {depth}")
    if int(seed) < 0:
        raise InputError(f"seed must be non-negative, got {seed}")
    rng = np.random.default_rng(int(seed))
    weights = np.round(rng.uniform(*WEIGHT_RANGE, size=int(depth)), 2)
    biases = np.round(rng.uniform(*BIAS_RANGE, size=int(depth)), 2)
    traces = tuple(chain_backward(weights, biases, INPUT, act) for act in VANISHING_ACTIVATIONS)
    trainings = tuple(
        train_chain(weights, biases, INPUT, t.activation, TARGET_RATIO * float(t.a[-1])) for t in traces
    )
    return VanishingExample(int(depth), int(seed), INPUT, weights, biases, traces, trainings)
