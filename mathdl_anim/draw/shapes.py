"""Small pictures: the ball that rolls down a loss, die faces and legend entries. No math here."""

from __future__ import annotations

import numpy as np
from manim import RIGHT, Dot, RoundedRectangle, VGroup

from mathdl_anim.draw.style import LABEL_SIZE, PALETTE
from mathdl_anim.draw.text import make_tex, make_text

__all__ = ["make_ball", "make_die_face", "make_legend_entry"]

#: Pip positions of die faces 1 to 6, on a 3x3 grid from -1 to 1.
_PIPS = {
    1: [(0, 0)],
    2: [(-1, 1), (1, -1)],
    3: [(-1, 1), (0, 0), (1, -1)],
    4: [(-1, 1), (1, 1), (-1, -1), (1, -1)],
    5: [(-1, 1), (1, 1), (0, 0), (-1, -1), (1, -1)],
    6: [(-1, 1), (1, 1), (-1, 0), (1, 0), (-1, -1), (1, -1)],
}


def make_ball(color: str | None = None, radius: float = 0.1) -> Dot:
    """The ball that stands for the weights on a loss curve or a contour map.

    Parameters
    ----------
    color
        The ball's colour (default: the weight's).
    radius
        The ball's radius.

    Returns
    -------
    Dot
        A dot at the origin; move it with ``move_to``.

    Examples
    --------
    ::

        ball = make_ball().move_to(panel.point(w, loss))
    """
    return Dot(radius=radius, color=color or PALETTE.weight)


def make_die_face(pips: int, size: float = 1.0, color: str | None = None) -> VGroup:
    """A die face showing ``pips`` (1 to 6) dots.

    Parameters
    ----------
    pips
        The number shown, 1 to 6.
    size
        The face's side.
    color
        The outline's and the pips' colour (default: the text's).

    Returns
    -------
    VGroup
        ``(face, dots)``, with ``pips`` dots.

    Examples
    --------
    ::

        five = make_die_face(5, size=0.8)
    """
    face = RoundedRectangle(corner_radius=0.15 * size, width=size, height=size)
    face.set_stroke(color or PALETTE.text, width=3).set_fill(PALETTE.background, opacity=1)
    step = 0.27 * size
    dots = VGroup(
        *(
            Dot(
                face.get_center() + step * np.array([x, y, 0]),
                radius=0.08 * size,
                color=color or PALETTE.text,
            )
            for x, y in _PIPS[pips]
        )
    )
    return VGroup(face, dots)


def make_legend_entry(color: str, name: str, detail: str, font_size: float = LABEL_SIZE) -> VGroup:
    """A coloured dot, a name (plain text) and a detail (math).

    Parameters
    ----------
    color
        The dot's and the name's colour.
    name
        The entry's name, in plain text.
    detail
        A formula beside it, in math mode.
    font_size
        The name's size (the detail is 2 smaller).

    Returns
    -------
    VGroup
        ``(dot, name, detail)`` in a row.

    Examples
    --------
    ::

        entry = make_legend_entry(optimizer_color("adam"), "Adam", r"\\beta_1 = 0.9")
    """
    dot = Dot(radius=0.08, color=color)
    label = make_text(name, color=color, font_size=font_size)
    info = make_tex(detail, font_size=font_size - 2)
    row = VGroup(dot, label, info).arrange(RIGHT, buff=0.18)
    return row
