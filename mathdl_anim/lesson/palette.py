"""One meaning per colour, defined once for the whole project (pure: no manim).

Inputs are blue, weights yellow, biases green, outputs orange, gradients red, activations
purple, in every scene and every theme. ``DARK`` (the default, for video) is light ink on a near
black background; ``LIGHT`` (for white slides) uses darker shades of the same hues, so that every
colour keeps a WCAG contrast ratio of at least 4.5 against its background
(``tests/lesson/test_palette.py`` checks it).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Palette", "DARK", "LIGHT", "THEMES"]


@dataclass(frozen=True)
class Palette:
    """Hex colours for a theme.

    Attributes
    ----------
    background, text, muted, highlight : str
        Frame background, body text, secondary text and lines, emphasis.
    input, weight, bias, output, gradient, activation : str
        The meanings shared by every scene.
    channels : tuple[str, str, str]
        Tints of an image's red, green and blue channels (pictures of tensors, not meanings).
    series : tuple[str, str, str, str]
        A categorical palette for a comparison of series (four learning rates, four
        optimizers): hues away from every meaning, so that a series is never read as one.
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
    channels: tuple[str, str, str]
    series: tuple[str, str, str, str]


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
    channels=("#E0565B", "#6BC46D", "#5A8FE0"),
    series=("#7B83FF", "#3DDC97", "#F06CD0", "#B8E04A"),
)

LIGHT = Palette(
    background="#FFFFFF",
    text="#1A1C22",
    muted="#5F6670",
    highlight="#000000",
    input="#1A7FA0",
    weight="#8C6D00",
    bias="#2E7D22",
    output="#B55300",
    gradient="#D1352B",
    activation="#7B4FB0",
    channels=("#C0393E", "#2E7D32", "#2F66C0"),
    series=("#4048C8", "#0B7A4E", "#A8328F", "#5C7400"),
)

#: Theme name (``--theme``) -> palette; the first is the default.
THEMES: dict[str, Palette] = {"dark": DARK, "light": LIGHT}
