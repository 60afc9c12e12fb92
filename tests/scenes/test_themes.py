"""Every scene draws only with its theme's colours, on its theme's background.

Together with ``tests/lesson/test_palette.py`` (each palette colour is readable on its background) this
means every stroke, fill and label on screen is readable in every theme: a colour hard-coded in a
scene (manim's default WHITE, say) or captured from the dark palette at import time fails here.
"""

from __future__ import annotations

from dataclasses import astuple

import pytest

from mathdl_anim.lesson.palette import THEMES, Palette
from mathdl_anim.lesson.registry import scene_names
from tests.scenes.screen import INK_OPACITY, _inks

pytestmark = pytest.mark.render  # plays scenes with manim: not in the fast lane


def palette_colors(palette: Palette) -> set[str]:
    return {
        c.upper() for value in astuple(palette) for c in (value if isinstance(value, tuple) else (value,))
    }


def _rgb(color: str) -> tuple[int, ...]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))


def is_blend(color: str, palette: Palette) -> bool:
    """Whether ``color`` lies between the background and a palette colour (to within the
    rounding of 8-bit channels): a shade such as a grey level of ink, drawn with the theme's own
    colours. A colour of another theme, or a hard-coded one, lies on no such segment."""
    c, bg = _rgb(color), _rgb(palette.background)
    for other in palette_colors(palette):
        p = _rgb(other)
        span = [b - a for a, b in zip(bg, p)]
        if not any(span):
            continue
        k = max(range(3), key=lambda i: abs(span[i]))
        t = (c[k] - bg[k]) / span[k]
        if 0 <= t <= 1 and all(abs(bg[i] + t * span[i] - c[i]) <= 1.5 for i in range(3)):
            return True
    return False


def foreign_inks(inks: dict[str, str], palette: Palette) -> dict[str, str]:
    """The inks not in ``palette``; the background colour only as the fill of a shape; a fill
    may also be a shade between the background and a palette colour (:func:`is_blend`)."""
    colors, background = palette_colors(palette), palette.background.upper()

    def allowed(ink: str) -> bool:
        use, color = ink.split()
        if use == "fill" and is_blend(color, palette):
            return True
        return color in colors and (use == "fill" or color != background)

    return {ink: where for ink, where in inks.items() if not allowed(ink)}


@pytest.mark.parametrize("theme", list(THEMES))
@pytest.mark.parametrize("name", scene_names())
def test_scene_draws_with_its_theme_colours(screen, name, theme):
    assert foreign_inks(screen(name, None, theme).inks, THEMES[theme]) == {}


@pytest.mark.parametrize("name", scene_names())
def test_light_scene_has_the_light_background(screen, name):
    frame = screen(name, None, "light").last_frame[..., :3].astype(int)
    expected = [int(THEMES["light"].background[i : i + 2], 16) for i in (1, 3, 5)]
    for corner in (frame[0, 0], frame[0, -1], frame[-1, 0], frame[-1, -1]):
        assert list(corner) == expected


def test_ink_check_can_fail():
    from manim import BLUE, WHITE, Line, Square

    light = THEMES["light"]
    inks: dict[str, str] = {}
    shapes = [
        Line(color=WHITE),
        Line(color=BLUE).set_stroke(opacity=INK_OPACITY / 2),
        Square(color=light.input).set_fill(light.background, opacity=1),
    ]
    _inks(shapes, 0, inks)
    assert inks == {
        "stroke #FFFFFF": "moment 0: Line",
        f"stroke {light.input}": "moment 0: Square",
        f"fill {light.background}": "moment 0: Square",
    }
    assert foreign_inks(inks, light) == {"stroke #FFFFFF": "moment 0: Line"}  # white on white
    assert foreign_inks({"glyph #0F1117": "moment 1: x"}, light) != {}  # the dark theme's ink


def test_a_shade_of_a_theme_colour_is_its_own_but_another_themes_is_not():
    from manim import ManimColor

    for name, palette in THEMES.items():
        other = THEMES["light" if name == "dark" else "dark"]
        shade = ManimColor(palette.background).interpolate(ManimColor(palette.input), 0.4).to_hex().upper()
        assert foreign_inks({f"fill {shade}": "a grey level of ink"}, palette) == {}
        assert foreign_inks({f"stroke {shade}": "a line"}, palette) != {}  # shades are fills only
        leak = ManimColor(other.background).interpolate(ManimColor(other.input), 0.4).to_hex().upper()
        assert foreign_inks({f"fill {leak}": "the other theme's shade"}, palette) != {}
        assert foreign_inks({f"fill {other.weight.upper()}": "the other theme's weight"}, palette) != {}
