"""Text and numbers: every label goes through here, so every number uses the one policy."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    PI,
    RIGHT,
    UP,
    ArcBetweenPoints,
    FadeIn,
    FadeOut,
    MathTex,
    Matrix,
    Tex,
    UpdateFromAlphaFunc,
    VGroup,
    config,
    linear,
    smooth,
)

from mathdl_anim.core.formatting import format_shape, format_tex
from mathdl_anim.draw.style import BODY_SIZE, PALETTE, SMALL_SIZE, TITLE_SIZE, tex_template
from mathdl_anim.engine.tex_cache import build

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
    "swap_text",
    "fade_through",
    "ghost_under",
    "fade_to",
    "first_half",
    "second_half",
    "stage_height",
    "is_vertical",
    "split_words",
    "make_wrapped_text",
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
    return build(
        MathTex,
        *parts,
        tex_template=tex_template(),
        color=color or PALETTE.text,
        font_size=font_size,
        **kwargs,
    )


def make_text(text: str, color: str | None = None, font_size: float = BODY_SIZE) -> Tex:
    """Words set by LaTeX (deterministic on every machine, unlike system fonts), on one line."""
    return build(
        Tex,
        rf"\mbox{{{text}}}",
        tex_template=tex_template(),
        color=color or PALETTE.text,
        font_size=font_size,
    )


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
        element_alignment_corner=RIGHT,
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


def stage_height() -> float:
    """Height of the 16:9 stage that scenes lay out in: the whole frame at 16:9, the middle band
    of a taller frame (9:16 keeps the frame width: see :mod:`mathdl_anim.render`)."""
    return min(config.frame_height, config.frame_width * 9 / 16)


def is_vertical() -> bool:
    """Whether the frame is taller than the stage (``--aspect 9:16``)."""
    return config.frame_height > stage_height() + 1e-9


#: In a vertical frame the title and the caption have a band each above and below the stage,
#: so they are set this much larger (the caption on several lines when needed).
VERTICAL_TEXT_SCALE = 1.3


def _to_band(mob, direction):
    """``mob`` at the frame's edge in ``direction`` (UP or DOWN); in a vertical frame, just
    outside the stage instead, so that title, picture and caption stay together."""
    if not is_vertical():
        return mob.to_edge(direction, buff=MARGIN)
    return mob.move_to((stage_height() / 2 + MARGIN + mob.height / 2) * direction)


def split_words(text: str) -> list[str]:
    """``text`` split at the spaces outside ``$...$`` and ``{...}`` (where a line may break)."""
    words, start, depth, math = [], 0, 0, False
    for k, ch in enumerate(text):
        escaped = k > 0 and text[k - 1] == "\\"
        if ch == "$" and not escaped:
            math = not math
        elif ch == "{" and not escaped:
            depth += 1
        elif ch == "}" and not escaped:
            depth -= 1
        elif ch == " " and depth == 0 and not math:
            words.append(text[start:k])
            start = k + 1
    words.append(text[start:])
    return [w for w in words if w]


def make_wrapped_text(text: str, width: float, color: str | None = None, font_size: float = BODY_SIZE):
    """``text`` on as few centred lines as fit ``width`` (one :func:`make_text` if it fits)."""
    one = make_text(text, color=color, font_size=font_size)
    if one.width <= width:
        return one
    words = split_words(text)
    n_lines = min(len(words), int(np.ceil(one.width / width)))
    per_line = len(text) / n_lines
    lines: list[str] = []
    current: list[str] = []
    for word in words:
        if current and len(" ".join(current + [word])) > per_line and len(lines) < n_lines - 1:
            lines.append(" ".join(current))
            current = []
        current.append(word)
    lines.append(" ".join(current))
    group = VGroup(*(make_text(line, color=color, font_size=font_size) for line in lines))
    return fit_width(group.arrange(DOWN, buff=0.18 * font_size / BODY_SIZE), width)


def make_title(text: str) -> VGroup:
    """A title at the top edge (above the stage, larger, in a vertical frame)."""
    if is_vertical():
        return _to_band(
            make_wrapped_text(
                text, config.frame_width - 2 * MARGIN, font_size=TITLE_SIZE * VERTICAL_TEXT_SCALE
            ),
            UP,
        )
    title = make_text(text, font_size=TITLE_SIZE)
    title.to_edge(UP, buff=MARGIN)
    return fit_width(title)


def make_caption(text: str):
    """A one-line explanation at the bottom edge (below the stage, larger and on as many lines
    as needed, in a vertical frame): a :class:`~manim.Tex`, or a VGroup of them per line."""
    if is_vertical():
        return _to_band(
            make_wrapped_text(
                text, config.frame_width - 2 * MARGIN, PALETTE.muted, SMALL_SIZE * VERTICAL_TEXT_SCALE
            ),
            DOWN,
        )
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


def first_half(t: float) -> float:
    """A rate function: all of the change (smoothly) in the first half of the play."""
    return smooth(min(1.0, 2 * t))


def second_half(t: float) -> float:
    """A rate function: all of the change (smoothly) in the second half of the play."""
    return smooth(max(0.0, 2 * t - 1))


def fade_through(old, new) -> tuple[FadeOut, FadeIn]:
    """Replace ``old`` by ``new``: it fades out in the first half of the play and ``new`` fades
    in in the second, so two texts of different layout never show on top of each other."""
    return FadeOut(old, rate_func=first_half), FadeIn(new, rate_func=second_half)


def ghost_under(mobject, target, scale: float = 0.5, dip: float = 0.6 * PI) -> UpdateFromAlphaFunc:
    """A ghost copy of ``mobject`` travels to the point ``target`` along an arc that dips under
    its row (whichever way it goes), shrinking by ``scale`` and fading out in the first half of
    the play; it is removed at the end.

    The ghost keeps ``mobject``'s opacity (make it a ghost first: below half opacity) and never
    turns, as ``path_arc`` would make a text do. Use it for "this symbol names that part": the
    arc keeps it off the rest of its line of text.

    Examples
    --------
    >>> from manim import LEFT, Square
    >>> play = ghost_under(Square().set_opacity(0.4), 3 * RIGHT)
    >>> play.begin(); play.interpolate(0.25)  # half way along its arc, under the row
    >>> bool(play.mobject.get_y() < -0.5)
    True
    """
    start = mobject.copy()
    begin = mobject.get_center()
    angle = dip if target[0] >= begin[0] else -dip  # counterclockwise left to right goes under
    route = ArcBetweenPoints(begin, target, angle=angle)
    opacity = mobject.get_fill_opacity() if mobject.get_fill_opacity() > 0 else mobject.get_stroke_opacity()

    def update(m, alpha: float) -> None:
        a = first_half(alpha)
        m.become(start)
        m.scale(1 - (1 - scale) * a).move_to(route.point_from_proportion(a)).set_opacity(opacity * (1 - a))

    # manim types update_function as taking the mobject alone; it is called with (mobject, alpha)
    return UpdateFromAlphaFunc(mobject.copy(), update, rate_func=linear, remover=True)  # type: ignore[arg-type]


def fade_to(mobject, point) -> UpdateFromAlphaFunc:
    """``mobject`` fades out where it stands in the first half of the play and back in, centred
    on ``point``, in the second: a label changes place without crossing the picture between.

    Examples
    --------
    >>> from manim import RIGHT, Square
    >>> square = Square()
    >>> play = fade_to(square, 3 * RIGHT)
    >>> play.begin(); play.interpolate(0.25)
    >>> float(square.get_x()), round(float(square.get_stroke_opacity()), 2)  # fading where it was
    (0.0, 0.5)
    >>> play.interpolate(1.0); play.finish()
    >>> float(square.get_x()), float(square.get_stroke_opacity())  # in full at its new place
    (3.0, 1.0)
    """
    begin = mobject.get_center().copy()
    fill = [m.get_fill_opacity() for m in mobject.get_family()]
    stroke = [m.get_stroke_opacity() for m in mobject.get_family()]

    def update(m, alpha: float) -> None:
        m.move_to(begin if alpha < 0.5 else point)
        k = abs(1 - 2 * alpha)
        for part, f, s in zip(m.get_family(), fill, stroke):
            part.set_fill(opacity=f * k, family=False).set_stroke(opacity=s * k, family=False)

    # manim types update_function as taking the mobject alone; it is called with (mobject, alpha)
    return UpdateFromAlphaFunc(mobject, update, rate_func=linear)  # type: ignore[arg-type]


def swap_text(old, new) -> tuple[FadeOut, FadeIn]:
    """Replace the label ``old`` by ``new``: it fades out as ``new`` fades in (play both).

    Morphing one text into another glyph by glyph (``ReplacementTransform``) is unreadable while
    it runs; a cross-fade reads as the number changing. Afterwards ``new`` is in the scene,
    ``old`` is not.
    """
    return FadeOut(old), FadeIn(new)
