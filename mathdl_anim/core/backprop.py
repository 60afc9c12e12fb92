"""Backpropagation through the smallest network: one input, one hidden neuron, one output.

    x -> z1 = w1*x + b1 -> a1 = act(z1) -> z2 = w2*a1 + b2 -> y_hat = z2 -> L = (y_hat - y)^2

The forward pass records the value at every node; the backward pass records, for every node and
parameter, its gradient as *local derivative x upstream gradient*; one gradient-descent update
follows. ReLU's derivative at exactly 0 is taken as 0 (as in :mod:`activations`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mathdl_anim.core.activations import ACTIVATIONS, get_activation
from mathdl_anim.core.errors import InputError

__all__ = [
    "PARAMETERS",
    "LOSS_EXPONENT",
    "BackwardStep",
    "BackpropExample",
    "backprop_example",
    "forward_loss",
]

#: The parameters of the network, in the order they are shown.
PARAMETERS = ("w1", "b1", "w2", "b2")
#: L = (y_hat - y)^LOSS_EXPONENT.
LOSS_EXPONENT = 2


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
    """

    target: str
    source: str
    local_tex: str
    local: float
    upstream: float
    grad: float

    def values(self) -> dict[str, Any]:
        return {"target": self.target, "local": self.local, "upstream": self.upstream, "grad": self.grad}


def forward_loss(x: float, y: float, w1: float, b1: float, w2: float, b2: float, activation: str) -> float:
    """The loss of the network, forward only (for finite differences)."""
    a1 = float(get_activation(activation).fn(w1 * x + b1))
    return (w2 * a1 + b2 - y) ** LOSS_EXPONENT


@dataclass(frozen=True)
class BackpropExample:
    """Forward values, backward gradients and one update of the network above.

    Attributes
    ----------
    params : dict[str, float]
        ``w1, b1, w2, b2``.
    x, y : float
        The input and its target.
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

    def step(self, target: str) -> BackwardStep:
        return next(s for s in self.steps if s.target == target)

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
            "constants": [LOSS_EXPONENT, 1],
            "indices": [1, 2],
        }


def backprop_example(
    x: float,
    y: float,
    w1: float,
    b1: float,
    w2: float,
    b2: float,
    activation: str = "sigmoid",
    lr: float = 0.1,
) -> BackpropExample:
    """Run the forward pass, the backward pass and one gradient-descent update.

    Raises
    ------
    InputError
        For an unknown activation or a non-positive learning rate.
    """
    if activation not in ACTIVATIONS:
        raise InputError(f"activation must be one of {', '.join(ACTIVATIONS)}, got {activation!r}")
    if not lr > 0:
        raise InputError(f"the learning rate must be positive, got {lr:g}")
    act = get_activation(activation)
    params = {"w1": float(w1), "b1": float(b1), "w2": float(w2), "b2": float(b2)}
    z1 = w1 * x + b1
    a1 = float(act.fn(z1))
    z2 = w2 * a1 + b2
    y_hat = z2
    loss = (y_hat - y) ** LOSS_EXPONENT
    forward = {
        "x": float(x),
        "z1": float(z1),
        "a1": a1,
        "z2": float(z2),
        "y_hat": float(y_hat),
        "L": float(loss),
    }

    steps = []

    def chain(target: str, source: str, local_tex: str, local: float, upstream: float) -> float:
        grad = float(local * upstream)
        steps.append(BackwardStep(target, source, local_tex, float(local), float(upstream), grad))
        return grad

    d_yhat = chain("y_hat", "L", rf"{LOSS_EXPONENT}(\hat{{y}} - y)", LOSS_EXPONENT * (y_hat - y), 1.0)
    d_z2 = d_yhat  # y_hat = z2: the local derivative is 1
    chain("w2", "z2", "a_1", a1, d_z2)
    chain("b2", "z2", "1", 1.0, d_z2)
    d_a1 = chain("a1", "z2", "w_2", w2, d_z2)
    d_z1 = chain("z1", "a1", rf"{act.tex}'(z_1)", float(act.grad(z1)), d_a1)
    chain("w1", "z1", "x", x, d_z1)
    chain("b1", "z1", "1", 1.0, d_z1)
    grads = {s.target: s.grad for s in steps}
    updated = {p: params[p] - lr * grads[p] for p in PARAMETERS}
    loss_after = forward_loss(x, y, updated["w1"], updated["b1"], updated["w2"], updated["b2"], activation)
    return BackpropExample(
        params, float(x), float(y), activation, float(lr), forward, tuple(steps), updated, loss_after
    )
