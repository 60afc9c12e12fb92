"""Recap: the four pillars of the lesson and where each one appeared."""

from __future__ import annotations

from dataclasses import dataclass

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
    Pillar("Linear algebra", "input",
           ("tensors and their shapes", "matrix products", "every layer's $Wx + b$")),
    Pillar("Probability", "activation",
           ("random variables", "distributions", "seeded random weights")),
    Pillar("Statistics", "bias",
           ("mean and variance", "normalizing data", "Adam's running averages")),
    Pillar("Calculus", "gradient",
           ("derivatives and the chain rule", "backpropagation", "descent and optimizers")),
)


@dataclass(frozen=True)
class RecapExample:
    """The pillars, in the lesson's order, and the key formula."""

    pillars: tuple[Pillar, ...]
    formula: str = "z = Wx + b"

    def values(self) -> dict:
        return {
            "pillars": [p.name for p in self.pillars],
            "appeared": {p.name: list(p.appeared) for p in self.pillars},
            "formula": self.formula,
        }


def recap_example() -> RecapExample:
    """The recap of the lesson (it has no parameters)."""
    return RecapExample(PILLARS)
