"""Text and numbers: every label goes through here, so every number uses the one policy."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from manim import DOWN, UP, Matrix, MathTex, Tex, VGroup, config

from mathdl_anim.core.formatting import format_shape, format_tex
from mathdl_anim.draw.style import BODY_SIZE, PALETTE, SMALL_SIZE, TITLE_SIZE, tex_template

__all__ = [
    "make_tex",
    "make_text",
    "make_number",
    "make_matrix",
    "make_column",
    "make_title",
    "make_caption",
    "num",
    "factor",
    "shape_tex",
    "fit_width",
    "make_counter",
]

MARGIN = 0.35


def num(x: float) -> str:
    """The number ``x`` as LaTeX, by the project's formatting policy."""
    return format_tex(x)


def factor(x: float) -> str:
    """``num(x)`` wrapped in parentheses when negative, for use after a product sign."""
    text = format_tex(x)
    return f"({text})" if text.startswith("-") else text


def shape_tex(shape: Sequence[int]) -> str:
    """A shape tuple as numpy prints it, for math mode."""
    text = format_shape(tuple(shape)).replace(" ", "")
    return re.sub(r",(?=\d)", r"{,}\\,", text).replace(",)", "{,})")


def make_tex(*parts: str, color: str | None = None, font_size: float = BODY_SIZE, **kwargs) -> MathTex:
    """Math mode text in the project's template and colours."""
    return MathTex(
        *parts, tex_template=tex_template(), color=color or PALETTE.text, font_size=font_size, **kwargs
    )


def make_text(text: str, color: str | None = None, font_size: float = BODY_SIZE) -> Tex:
    """Words set by LaTeX (deterministic on every machine, unlike system fonts), on one line."""
    return Tex(rf"\mbox{{{text}}}", tex_template=tex_template(), color=color or PALETTE.text, font_size=font_size)


def make_number(x: float, color: str | None = None, font_size: float = BODY_SIZE) -> MathTex:
    """One number, formatted by the policy."""
    return make_tex(num(x), color=color, font_size=font_size)


def make_matrix(values, color: str | None = None, font_size: float = BODY_SIZE, **kwargs) -> Matrix:
    """A bracketed matrix (or a column for a 1-D array) with formatted entries.

    Columns are spaced by the widest entry, so ``-6.75`` never runs into its neighbour.
    """
    arr = np.asarray(values, dtype=float)
    if arr.ndim == 1:
        arr = arr.reshape(-1, 1)
    rows = [[num(x) for x in row] for row in arr]
    scale = font_size / BODY_SIZE
    widest = max(make_tex(s, font_size=font_size).width for row in rows for s in row)
    matrix = Matrix(
        rows,
        element_to_mobject=lambda s: make_tex(s, color=color, font_size=font_size),
        v_buff=0.75 * scale,
        h_buff=widest + 0.6 * scale,
        element_alignment_corner=[1, 0, 0],
        bracket_config={"tex_template": tex_template()},
        **kwargs,
    )
    matrix.get_brackets().set_color(PALETTE.muted)
    return matrix


def make_column(values, color: str | None = None, font_size: float = BODY_SIZE) -> Matrix:
    """A column vector."""
    return make_matrix(np.asarray(values).reshape(-1, 1), color=color, font_size=font_size)


def fit_width(mob, max_width: float | None = None):
    """Scale ``mob`` down (never up) to fit ``max_width`` (default: the frame minus margins)."""
    limit = max_width if max_width is not None else config.frame_width - 2 * MARGIN
    if mob.width > limit:
        mob.scale_to_fit_width(limit)
    return mob


def make_title(text: str) -> VGroup:
    """A title at the top edge, with a thin underline."""
    title = make_text(text, font_size=TITLE_SIZE)
    title.to_edge(UP, buff=MARGIN)
    return fit_width(title)


def make_caption(text: str) -> Tex:
    """A one-line explanation at the bottom edge."""
    caption = make_text(text, color=PALETTE.muted, font_size=SMALL_SIZE)
    caption.to_edge(DOWN, buff=MARGIN)
    return fit_width(caption)


def make_counter(x: float, color: str | None = None, font_size: float = BODY_SIZE):
    """A live :class:`~manim.DecimalNumber` (for counters updated with ``set_value``).

    It shows :data:`~mathdl_anim.core.formatting.DECIMALS` places; the scene tests check that
    every value it displays is one of the scene's recorded values.
    """
    from manim import DecimalNumber

    from mathdl_anim.core.formatting import DECIMALS

    return DecimalNumber(x, num_decimal_places=DECIMALS, color=color or PALETTE.text, font_size=font_size)
