"""Pictures of arrays: cells with numbers, a digit as squares of ink (and its grey levels as
numbers), a flattened image as a strip, a block of weights, and a shape readout. No math here.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, ManimColor, Rectangle, Square, VGroup

from mathdl_anim.draw.style import LABEL_SIZE, PALETTE
from mathdl_anim.draw.text import make_tex, num, shape_tex

__all__ = [
    "make_cells",
    "ink_color",
    "DIM_INK",
    "make_digit_image",
    "make_pixel_numbers",
    "make_weight_block",
    "make_readout",
]


def make_cells(entries, color: str, side: float = 0.5, font_size: float = LABEL_SIZE) -> VGroup:
    """A grid of square cells with a number in each (a scalar, a vector column or a matrix).

    Parameters
    ----------
    entries
        A number (one cell), a list of numbers (a column) or a list of rows (a matrix).
    color
        The cells' and the numbers' colour.
    side, font_size
        A cell's side and the numbers' size.

    Returns
    -------
    VGroup
        One ``(square, number)`` per entry, row by row, centred on the origin.

    Examples
    --------
    ::

        matrix = make_cells([[1, 2], [3, 4]], PALETTE.input)  # four cells
    """
    rows = entries if isinstance(entries, list) else [[entries]]
    rows = [r if isinstance(r, list) else [r] for r in rows]
    grid = VGroup()
    for i, row in enumerate(rows):
        for j, x in enumerate(row):
            cell = Square(side, color=color, stroke_width=2).shift(j * side * RIGHT + i * side * DOWN)
            label = make_tex(num(x), color=color, font_size=font_size).move_to(cell)
            grid.add(VGroup(cell, label))
    return grid.center()


#: The share of full ink a square keeps while its number is written on it.
DIM_INK = 0.4


def ink_color(level: float, full: float, ink: str | None = None) -> str:
    """The colour of a square with ``level`` of ``full`` ink: the background for none, ``ink``
    (default: the input colour) for full ink, so the picture reads as ink on paper in any theme."""
    t = float(np.clip(level / full, 0.0, 1.0))
    return ManimColor(PALETTE.background).interpolate(ManimColor(ink or PALETTE.input), t).to_hex()


def make_digit_image(
    pixels, full: float, side: float = 0.5, ink: str | None = None, grid: float = 1.0
) -> VGroup:
    """An image as squares of ink, row by row.

    Parameters
    ----------
    pixels
        Rows of grey levels (0 for no ink).
    full
        The level of full ink.
    side
        A square's side.
    ink
        The colour of full ink (default: the input colour).
    grid
        The width of the lines between squares (0: none, for small pictures).

    Returns
    -------
    VGroup
        One VGroup per row, of one square per pixel (``image[r][c]``), centred on the origin.

    Examples
    --------
    ::

        image = make_digit_image(digit.pixels, INK_LEVELS)
    """
    rows = VGroup()
    for r, row in enumerate(pixels):
        squares = VGroup(
            *(
                Square(side, stroke_color=PALETTE.muted, stroke_width=grid, stroke_opacity=0.5)
                .set_fill(ink_color(level, full, ink), opacity=1)
                .move_to(np.array([c * side, -r * side, 0.0]))
                for c, level in enumerate(row)
            )
        )
        rows.add(squares)
    return rows.center()


def make_pixel_numbers(pixels, image: VGroup, full: float, font_size: float = LABEL_SIZE) -> VGroup:
    """Each pixel's grey level written in its square of ``image`` (:func:`make_digit_image`), in the
    text colour: dim the ink under them (``ink_color(level * DIM_INK, full)``) so that every number
    can be read.

    Returns
    -------
    VGroup
        One VGroup per row, of one number per pixel (``numbers[r][c]``).
    """
    rows = VGroup()
    for row, squares in zip(pixels, image):
        rows.add(
            VGroup(
                *(
                    make_tex(num(level), color=PALETTE.text, font_size=font_size).move_to(square)
                    for level, square in zip(row, squares)
                )
            )
        )
    return rows


def make_weight_block(weights, width: float, height: float) -> VGroup:
    """A matrix of weights as a block of cells, the brighter the larger the weight (the darkest
    for the most negative), in the weight colour.

    Returns
    -------
    VGroup
        One VGroup per column (``block[j][i]`` is row ``i`` of column ``j``), centred on the origin.
    """
    w = np.asarray(weights, dtype=float)
    rows, cols = w.shape
    span = float(np.abs(w).max()) or 1.0
    cell_w, cell_h = width / cols, height / rows
    return VGroup(
        *(
            VGroup(
                *(
                    Rectangle(width=cell_w, height=cell_h, stroke_width=0)
                    .set_fill(
                        ManimColor(PALETTE.background).interpolate(
                            ManimColor(PALETTE.weight), 0.15 + 0.85 * (w[i, j] / span + 1) / 2
                        ),
                        opacity=1,
                    )
                    .move_to(np.array([j * cell_w, -i * cell_h, 0.0]))
                    for i in range(rows)
                )
            )
            for j in range(cols)
        )
    ).center()


def make_readout(shape, ndim: int, size: int, font_size: float = LABEL_SIZE) -> VGroup:
    """``shape``, ``ndim`` and ``size`` as NumPy reports them, one under the other, left-aligned.

    Returns
    -------
    VGroup
        Three MathTex lines, each ``(word, value)``.
    """
    lines = VGroup(
        make_tex(r"\mathtt{shape}\;", shape_tex(shape), font_size=font_size),
        make_tex(r"\mathtt{ndim}\;", num(ndim), font_size=font_size),
        make_tex(r"\mathtt{size}\;", num(size), font_size=font_size),
    ).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
    for line in lines:
        line[0].set_color(PALETTE.muted)
    return lines
