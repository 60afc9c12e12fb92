"""Backpropagation through the smallest network: one input, one hidden neuron, one output.

    x -> z1 = w1*x + b1 -> a1 = act(z1) -> z2 = w2*a1 + b2 -> y_hat = z2 -> L = (y_hat - y)^2

The forward pass records the value at every node; the backward pass records, for every node and
parameter, its gradient as *local derivative x upstream gradient*; one gradient-descent update
follows, the forward pass with the new weights, and :data:`TRAIN_STEPS` steps of training. The
loss as a function of ``w2`` alone (the others held) is what a slider on ``w2`` shows.
ReLU's derivative at exactly 0 is taken as 0 (as in :mod:`activations`).

Every arithmetic line the scene shows comes with its relation, ``=`` when the numbers as shown
(:func:`~mathdl_anim.core.formatting.format_tex`) give the result as shown, else ``\\approx``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from mathdl_anim.core.activations import ACTIVATIONS, get_activation
from mathdl_anim.core.errors import InputError
from mathdl_anim.core.formatting import format_plain, format_tex
from mathdl_anim.core.scales import log_exponents

__all__ = [
    "PARAMETERS",
    "NODES",
    "LOSS_EXPONENT",
    "TRAIN_STEPS",
    "WIGGLE",
    "W2_WINDOW",
    "LOSS_LIMIT",
    "BackwardStep",
    "TrainStep",
    "BackpropExample",
    "backprop_example",
    "forward_values",
    "forward_loss",
    "relation",
]

#: The parameters of the network, in the order they are shown.
PARAMETERS = ("w1", "b1", "w2", "b2")
#: The nodes a forward pass fills, left to right.
NODES = ("z1", "a1", "y_hat", "L")
#: L = (y_hat - y)^LOSS_EXPONENT.
LOSS_EXPONENT = 2
#: Gradient-descent steps of the training shown in fast motion (the first is the update shown).
TRAIN_STEPS = 20
#: The slider moves w2 this far each way; its axis shows w2 +- W2_WINDOW.
WIGGLE = 0.5
W2_WINDOW = 1.0
#: Training stops early (diverged) once the loss is above this (or not finite).
LOSS_LIMIT = 1e6


def shown_value(x: float) -> float:
    """``x`` as the formatting policy shows it, read back as a number (``0.7311`` -> ``0.73``)."""
    return float(format_plain(x))


def relation(from_shown: float, value: float) -> str:
    """``"="`` when a line computed from the numbers as shown gives ``value`` as shown, else
    ``"\\approx"`` (a viewer who redoes the arithmetic on screen is never contradicted).

    Examples
    --------
    >>> relation(0.73 * 0.92, 0.7311 * 0.9242)
    '\\approx'
    >>> relation(2 * 0.5, 1.0)
    '='
    """
    return "=" if format_tex(from_shown) == format_tex(value) else r"\approx"


@dataclass(frozen=True)
class BackwardStep:
    """One gradient: ``grad = local * upstream``.

    Attributes
    ----------
    target : str
        The node or parameter whose gradient this is (``"y_hat"``, ``"w2"``, ``"a1"``...).
    source : str
        The node the upstream gradient comes from (``"L"``, ``"z2"``, ``"z1"``).
    local_tex : str
        The local derivative written symbolically, e.g. ``a_1`` or ``\\sigma'(z_1)``.
    local, upstream, grad : float
    relation : str
        ``=`` or ``\\approx`` between ``local * upstream`` as shown and ``grad`` as shown.
    """

    target: str
    source: str
    local_tex: str
    local: float
    upstream: float
    grad: float
    relation: str = "="

    def values(self) -> dict[str, Any]:
        return {"target": self.target, "local": self.local, "upstream": self.upstream, "grad": self.grad}


@dataclass(frozen=True)
class TrainStep:
    """The network after ``step`` gradient-descent steps.

    Attributes
    ----------
    step : int
    params : dict[str, float]
        ``w1, b1, w2, b2``.
    forward : dict[str, float]
        ``z1, a1, y_hat, L`` with these parameters.
    """

    step: int
    params: dict[str, float]
    forward: dict[str, float]

    @property
    def loss(self) -> float:
        return self.forward["L"]


def forward_values(
    x: float, y: float, w1: float, b1: float, w2: float, b2: float, activation: str
) -> dict[str, float]:
    """``x, z1, a1, z2, y_hat, L``: the forward pass."""
    z1 = w1 * x + b1
    a1 = float(get_activation(activation).fn(z1))
    z2 = w2 * a1 + b2
    return {
        "x": float(x),
        "z1": float(z1),
        "a1": a1,
        "z2": float(z2),
        "y_hat": float(z2),
        "L": float((z2 - y) ** LOSS_EXPONENT),
    }


def forward_loss(x: float, y: float, w1: float, b1: float, w2: float, b2: float, activation: str) -> float:
    """The loss of the network, forward only (for finite differences)."""
    return forward_values(x, y, w1, b1, w2, b2, activation)["L"]


@dataclass(frozen=True)
class BackpropExample:
    """Forward values, backward gradients, one update and a short training of the network above.

    Attributes
    ----------
    params : dict[str, float]
        ``w1, b1, w2, b2``.
    x, y : float
        The input and its target (``y_hat`` is the prediction).
    activation : str
    lr : float
        The learning rate.
    forward : dict[str, float]
        ``x, z1, a1, z2, y_hat, L``.
    steps : tuple[BackwardStep, ...]
        In backward order: y_hat, w2, b2, a1, z1, w1, b1.
    updated : dict[str, float]
        ``p - lr * dL/dp`` for each parameter.
    loss_after : float
        The loss with the updated parameters.
    forward_after : dict[str, float]
        The forward pass with the updated parameters.
    training : tuple[TrainStep, ...]
        Step 0 (the parameters above), step 1 (``updated``) ... up to :data:`TRAIN_STEPS`; fewer
        if the loss passed :data:`LOSS_LIMIT` (the last step is the first one past it).
    wiggle : tuple[tuple[float, float], ...]
        ``(w2, loss)`` where the slider stops: ``w2 + WIGGLE``, ``w2 - WIGGLE``, the others held.
    w2_window : tuple[float, float]
        The slider's range.
    forward_relations, update_relations : dict[str, str]
        ``=`` or ``\\approx`` for each forward line (``z1, y_hat, L``) and each update line.
    """

    params: dict[str, float]
    x: float
    y: float
    activation: str
    lr: float
    forward: dict[str, float]
    steps: tuple[BackwardStep, ...]
    updated: dict[str, float]
    loss_after: float
    forward_after: dict[str, float]
    training: tuple[TrainStep, ...]
    wiggle: tuple[tuple[float, float], ...]
    w2_window: tuple[float, float]
    forward_relations: dict[str, str]
    update_relations: dict[str, str]

    @property
    def loss(self) -> float:
        return self.forward["L"]

    @property
    def node_grads(self) -> dict[str, float]:
        """dL/d(node) for L and every node and parameter."""
        out = {"L": 1.0}
        out.update({s.target: s.grad for s in self.steps})
        out["z2"] = out["y_hat"]
        return out

    @property
    def grads(self) -> dict[str, float]:
        """dL/dp for each parameter."""
        g = self.node_grads
        return {p: g[p] for p in PARAMETERS}

    @property
    def train_losses(self) -> list[float]:
        """The loss after each training step (step 0 first)."""
        return [t.loss for t in self.training]

    @property
    def loss_exponents(self) -> tuple[int, int]:
        """Integer exponents ``(low, high)`` of the training's log loss axis
        (:func:`log_exponents` of :attr:`train_losses`)."""
        return log_exponents(self.train_losses)

    @property
    def diverged(self) -> bool:
        """Whether the training stopped early, the loss past :data:`LOSS_LIMIT`."""
        return len(self.training) < TRAIN_STEPS + 1

    def step(self, target: str) -> BackwardStep:
        return next(s for s in self.steps if s.target == target)

    def loss_of_w2(self, w2: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """The loss as a function of ``w2``, every other parameter held (the slider's curve)."""
        w = np.asarray(w2, dtype=float)
        return np.asarray((w * self.forward["a1"] + self.params["b2"] - self.y) ** LOSS_EXPONENT)

    def y_hat_of_w2(self, w2: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """The prediction as a function of ``w2``, every other parameter held."""
        return np.asarray(np.asarray(w2, dtype=float) * self.forward["a1"] + self.params["b2"])

    @property
    def w2_tangent(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """Ends of the tangent to the slider's curve at ``w2``, ``WIGGLE`` to each side."""
        w, loss, g = self.params["w2"], self.loss, self.grads["w2"]
        return ((w - WIGGLE, loss - WIGGLE * g), (w + WIGGLE, loss + WIGGLE * g))

    @property
    def loss_top(self) -> float:
        """The largest loss on the slider's window (the curve's top)."""
        lo, hi = self.w2_window
        return float(np.max(self.loss_of_w2(np.linspace(lo, hi, 201))))

    def values(self) -> dict[str, Any]:
        return {
            "x": self.x,
            "y": self.y,
            "params": dict(self.params),
            "lr": self.lr,
            "forward": dict(self.forward),
            "loss": self.loss,
            "node_grads": self.node_grads,
            "grads": self.grads,
            "steps": [s.values() for s in self.steps],
            "updated": dict(self.updated),
            "loss_after": self.loss_after,
            "forward_after": dict(self.forward_after),
            "wiggle": {
                "w2": [w for w, _ in self.wiggle],
                "y_hat": [float(self.y_hat_of_w2(w)) for w, _ in self.wiggle],
                "loss": [L for _, L in self.wiggle],
            },
            "w2_window": list(self.w2_window),
            "training": {
                "step": [t.step for t in self.training],
                "loss": self.train_losses,
                "params": {p: [t.params[p] for t in self.training] for p in PARAMETERS},
                "forward": {n: [t.forward[n] for t in self.training] for n in NODES},
                "loss_exponents": list(self.loss_exponents),
            },
            "constants": [LOSS_EXPONENT, 1],
            "indices": [1, 2],
        }


def _gradients(
    x: float, y: float, params: dict[str, float], act_name: str
) -> tuple[dict[str, float], tuple[BackwardStep, ...]]:
    """The forward values and the backward steps at ``params``."""
    act = get_activation(act_name)
    f = forward_values(x, y, params["w1"], params["b1"], params["w2"], params["b2"], act_name)
    steps: list[BackwardStep] = []

    def chain(target: str, source: str, local_tex: str, local: float, upstream: float) -> float:
        grad = float(local * upstream)
        rel = relation(shown_value(local) * shown_value(upstream), grad)
        steps.append(BackwardStep(target, source, local_tex, float(local), float(upstream), grad, rel))
        return grad

    d_yhat = chain("y_hat", "L", rf"{LOSS_EXPONENT}(\hat{{y}} - y)", LOSS_EXPONENT * (f["y_hat"] - y), 1.0)
    d_z2 = d_yhat  # y_hat = z2: the local derivative is 1
    chain("w2", "z2", "a_1", f["a1"], d_z2)
    chain("b2", "z2", "1", 1.0, d_z2)
    d_a1 = chain("a1", "z2", "w_2", params["w2"], d_z2)
    d_z1 = chain("z1", "a1", rf"{act.tex}'(z_1)", float(act.grad(f["z1"])), d_a1)
    chain("w1", "z1", "x", x, d_z1)
    chain("b1", "z1", "1", 1.0, d_z1)
    return f, tuple(steps)


def backprop_example(
    x: float,
    y: float,
    w1: float,
    b1: float,
    w2: float,
    b2: float,
    activation: str = "sigmoid",
    lr: float = 0.05,
) -> BackpropExample:
    """Run the forward pass, the backward pass, one gradient-descent update, the forward pass
    again, and :data:`TRAIN_STEPS` steps of training.

    Raises
    ------
    InputError
        For an unknown activation or a non-positive learning rate.
    """
    if activation not in ACTIVATIONS:
        raise InputError(f"activation must be one of {', '.join(ACTIVATIONS)}, got {activation!r}")
    if not lr > 0:
        raise InputError(f"the learning rate must be positive, got {lr:g}")
    x, y, lr = float(x), float(y), float(lr)
    params = {"w1": float(w1), "b1": float(b1), "w2": float(w2), "b2": float(b2)}
    forward, steps = _gradients(x, y, params, activation)
    grads = {s.target: s.grad for s in steps}
    updated = {p: params[p] - lr * grads[p] for p in PARAMETERS}
    forward_after = forward_values(x, y, **updated, activation=activation)

    training = [TrainStep(0, dict(params), forward)]
    current, f = dict(params), forward
    for k in range(1, TRAIN_STEPS + 1):
        _, s = _gradients(x, y, current, activation)
        g = {st.target: st.grad for st in s}
        current = {p: current[p] - lr * g[p] for p in PARAMETERS}
        f = forward_values(x, y, **current, activation=activation)
        if not all(math.isfinite(v) for v in (*current.values(), *f.values())):
            break
        training.append(TrainStep(k, dict(current), f))
        if f["L"] > LOSS_LIMIT:
            break

    def loss_w2(w: float) -> float:
        return forward_loss(x, y, params["w1"], params["b1"], w, params["b2"], activation)

    wiggle = tuple((params["w2"] + d, loss_w2(params["w2"] + d)) for d in (WIGGLE, -WIGGLE))
    sv = shown_value
    forward_relations = {
        "z1": relation(sv(params["w1"]) * sv(x) + sv(params["b1"]), forward["z1"]),
        "y_hat": relation(sv(params["w2"]) * sv(forward["a1"]) + sv(params["b2"]), forward["y_hat"]),
        "L": relation((sv(forward["y_hat"]) - sv(y)) ** LOSS_EXPONENT, forward["L"]),
    }
    update_relations = {p: relation(sv(params[p]) - sv(lr) * sv(grads[p]), updated[p]) for p in PARAMETERS}
    return BackpropExample(
        params,
        x,
        y,
        activation,
        lr,
        forward,
        steps,
        updated,
        forward_after["L"],
        forward_after,
        tuple(training),
        wiggle,
        (params["w2"] - W2_WINDOW, params["w2"] + W2_WINDOW),
        forward_relations,
        update_relations,
    )
