"""Recap: the four pillars of the lesson and where each one appeared."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["Pillar", "RecapExample", "PILLARS", "recap_example"]


@dataclass(frozen=True)
class Pillar:
    """One pillar of the lesson.

    Attributes
    ----------
    name : str
        ``"Linear algebra"``, ``"Probability"``, ``"Statistics"`` or ``"Calculus"``.
    role : str
        A project palette role (``input``, ``weight``...) giving its colour.
    appeared : tuple[str, ...]
        Where it appeared in the lesson, a few words each.
    """

    name: str
    role: str
    appeared: tuple[str, ...]


PILLARS: tuple[Pillar, ...] = (
    Pillar(
        "Linear algebra", "input", ("tensors and their shapes", "matrix products", "every layer's $Wx + b$")
    ),
    Pillar("Probability", "activation", ("random variables", "distributions", "seeded random weights")),
    Pillar("Statistics", "bias", ("mean and variance", "normalizing data", "Adam's running averages")),
    Pillar(
        "Calculus",
        "gradient",
        ("derivatives and the chain rule", "backpropagation", "descent and optimizers"),
    ),
)


@dataclass(frozen=True)
class RecapExample:
    """The pillars, in the lesson's order, and the key formula with one neuron worked out.

    Attributes
    ----------
    pillars : tuple[Pillar, ...]
    W, x : np.ndarray, shape (n,)
        One neuron's weights and inputs.
    b : float
    """

    pillars: tuple[Pillar, ...]
    W: np.ndarray = field(default_factory=lambda: np.array([0.5, -1.0, 2.0]))
    x: np.ndarray = field(default_factory=lambda: np.array([2.0, 1.0, 0.5]))
    b: float = 0.5
    formula: str = "z = Wx + b"

    @property
    def z(self) -> float:
        return float(self.W @ self.x + self.b)

    def values(self) -> dict[str, Any]:
        return {
            "pillars": [p.name for p in self.pillars],
            "appeared": {p.name: list(p.appeared) for p in self.pillars},
            "formula": self.formula,
            "W": self.W.tolist(),
            "x": self.x.tolist(),
            "b": self.b,
            "terms": (self.W * self.x).tolist(),
            "z": self.z,
        }


def recap_example() -> RecapExample:
    """The recap of the lesson (it has no parameters)."""
    return RecapExample(PILLARS)
