"""Pictures of arrays: matrices and tensors as cells with numbers, stacked grids, image batches,
and a tensor's card (its picture with its name, shape, ndim and size). No math here.
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, Square, VGroup

from mathdl_anim.core.linear_algebra import TensorInfo
from mathdl_anim.draw.style import LABEL_SIZE, PALETTE
from mathdl_anim.draw.text import fit_width, make_tex, make_text, num, shape_tex

__all__ = ["make_cells", "make_grid_stack", "make_image_batch", "make_tensor_card"]


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


def make_grid_stack(depth: int, rows: int, cols: int, color: str, side: float = 0.3) -> VGroup:
    """``depth`` empty grids of ``rows x cols`` cells, stacked back to front.

    Parameters
    ----------
    depth, rows, cols
        The number of grids and each grid's size.
    color, side
        The cells' colour and side.

    Returns
    -------
    VGroup
        The ``depth`` grids (each a VGroup of ``rows * cols`` opaque squares), the backmost
        first, centred on the origin.

    Examples
    --------
    ::

        tensor = make_grid_stack(3, 2, 4, PALETTE.weight)  # shape (3, 2, 4)
    """
    layers = VGroup()
    for d in range(depth):
        grid = VGroup(
            *(
                Square(
                    side, color=color, stroke_width=1.5, fill_color=PALETTE.background, fill_opacity=1
                ).shift(j * side * RIGHT + i * side * DOWN)
                for i in range(rows)
                for j in range(cols)
            )
        )
        layers.add(grid.shift(d * 0.35 * (UP + RIGHT)))
    return VGroup(*reversed(layers)).center()


def make_image_batch(batch: int, channels: int, side: float = 0.9) -> VGroup:
    """``batch`` images, each a stack of ``channels`` tinted squares (R, G, B, or grey for C != 3).

    Parameters
    ----------
    batch, channels
        The number of images and of channels per image.
    side
        An image's side.

    Returns
    -------
    VGroup
        One VGroup of ``channels`` squares per image, centred on the origin.

    Examples
    --------
    ::

        images = make_image_batch(2, 3)  # shape (2, 3, H, W)
    """
    colors = PALETTE.channels if channels == 3 else (PALETTE.muted,) * channels
    images = VGroup()
    for n in range(batch):
        image = VGroup(
            *(
                Square(side, color=colors[c], fill_color=colors[c], fill_opacity=0.35, stroke_width=2).shift(
                    c * 0.14 * (UP + RIGHT)
                )
                for c in range(channels)
            )
        )
        images.add(VGroup(*reversed(image)).shift(n * 0.45 * (DOWN + RIGHT)))
    return images.center()


def make_tensor_card(info: TensorInfo, name: str, picture, width: float = 2.5) -> VGroup:
    """A picture with its name, shape, ndim and size underneath, as numpy reports them.

    Parameters
    ----------
    info
        The tensor's shape, ndim and size (from the core).
    name
        The tensor's name, in plain text.
    picture
        The tensor's picture (:func:`make_cells`, :func:`make_grid_stack`,
        :func:`make_image_batch`).
    width
        The widest a line of text may be.

    Returns
    -------
    VGroup
        ``(picture, lines)``, the four lines of text under the picture.

    Examples
    --------
    ::

        card = make_tensor_card(info, "matrix", make_cells([[1, 2], [3, 4]], PALETTE.input))
    """
    lines = VGroup(
        make_text(name, color=PALETTE.muted, font_size=LABEL_SIZE),
        make_tex(shape_tex(info.shape), font_size=LABEL_SIZE),
        make_tex(rf"\mathrm{{ndim}} = {num(info.ndim)}", font_size=LABEL_SIZE),
        make_tex(rf"\mathrm{{size}} = {num(info.size)}", font_size=LABEL_SIZE),
    ).arrange(DOWN, buff=0.14)
    for line in lines:
        fit_width(line, width)
    return VGroup(picture, lines.next_to(picture, DOWN, buff=0.3)).arrange(
        DOWN, buff=0.3, aligned_edge=LEFT * 0
    )
