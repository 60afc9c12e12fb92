"""One meaning per colour, defined once for the whole project (pure: no manim).

Inputs are blue, weights yellow, biases green, outputs orange, gradients red, activations
purple, in every scene and every theme.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Palette", "DARK", "THEMES"]


@dataclass(frozen=True)
class Palette:
    """Hex colours for a theme.

    Attributes
    ----------
    background, text, muted, highlight : str
        Frame background, body text, secondary text and lines, emphasis.
    input, weight, bias, output, gradient, activation : str
        The meanings shared by every scene.
    """

    background: str
    text: str
    muted: str
    highlight: str
    input: str
    weight: str
    bias: str
    output: str
    gradient: str
    activation: str


DARK = Palette(
    background="#0F1117",
    text="#ECECEC",
    muted="#8A8F98",
    highlight="#FFFFFF",
    input="#58C4DD",
    weight="#F4D345",
    bias="#83C167",
    output="#FF9F43",
    gradient="#FC6255",
    activation="#B189D6",
)

THEMES: dict[str, Palette] = {"dark": DARK}
