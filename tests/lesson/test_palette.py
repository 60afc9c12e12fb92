"""Every theme is readable: WCAG contrast of each colour against its background, same hues.

The contrast ratio is computed here from the WCAG 2.x definition
(https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio and #dfn-relative-luminance), independently of
the package, and checked against reference values first.
"""

from __future__ import annotations

import colorsys
from dataclasses import fields, replace

import pytest

from mathdl_anim.lesson.palette import DARK, LIGHT, THEMES, Palette

#: WCAG AA for normal text (1.4.3): body text, captions, and the meanings, which colour numbers.
MIN_TEXT = 4.5
#: WCAG AA for graphical objects (1.4.11): the channel tints, drawn as filled squares only.
MIN_GRAPHIC = 3.0
MEANINGS = ("input", "weight", "bias", "output", "gradient", "activation")
#: A meaning keeps its hue across themes within this many degrees ("darker shades of the same hue").
MAX_HUE_SHIFT = 15.0


def relative_luminance(hex_color: str) -> float:
    """WCAG relative luminance of an sRGB colour ``#RRGGBB``."""
    h = hex_color.lstrip("#")
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio (lighter + 0.05) / (darker + 0.05), from 1 to 21."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def hue(hex_color: str) -> float:
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 360 * colorsys.rgb_to_hls(r, g, b)[0]


def hue_distance(a: float, b: float) -> float:
    d = abs(a - b) % 360
    return min(d, 360 - d)


def foregrounds(palette: Palette) -> dict[str, tuple[str, float]]:
    """Each foreground colour of ``palette`` with the minimum contrast it needs."""
    out = {}
    for f in fields(palette):
        value = getattr(palette, f.name)
        if f.name == "background":
            continue
        if f.name == "channels":
            out.update({f"channels[{k}]": (c, MIN_GRAPHIC) for k, c in enumerate(value)})
        elif f.name == "series":  # drawn as lines and dots, and as the names of the series
            out.update({f"series[{k}]": (c, MIN_TEXT) for k, c in enumerate(value)})
        else:
            out[f.name] = (value, MIN_TEXT)
    return out


def unreadable(palette: Palette) -> list[str]:
    """The foreground colours below their minimum contrast, with their ratios."""
    return [
        f"{name} {color} {contrast_ratio(color, palette.background):.2f} < {minimum}"
        for name, (color, minimum) in foregrounds(palette).items()
        if contrast_ratio(color, palette.background) < minimum
    ]


# Reference values: black on white is 21 by definition; #777777 on white is 4.48 (WebAIM's
# contrast checker, the classic "just fails AA" grey); equal colours are 1.
@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("#000000", "#FFFFFF", 21.0),
        ("#777777", "#FFFFFF", 4.48),
        ("#FFFFFF", "#777777", 4.48),
        ("#58C4DD", "#58C4DD", 1.0),
    ],
)
def test_contrast_ratio_reference_values(a, b, expected):
    assert contrast_ratio(a, b) == pytest.approx(expected, abs=0.005)


def test_dark_is_the_default_and_light_exists():
    assert list(THEMES) == ["dark", "light"]
    assert THEMES["dark"] is DARK and THEMES["light"] is LIGHT


@pytest.mark.parametrize("theme", list(THEMES))
def test_every_colour_is_readable_on_its_background(theme):
    assert unreadable(THEMES[theme]) == []


@pytest.mark.parametrize("meaning", MEANINGS)
def test_meanings_keep_their_hue_across_themes(meaning):
    for palette in THEMES.values():
        shift = hue_distance(hue(getattr(palette, meaning)), hue(getattr(DARK, meaning)))
        assert shift <= MAX_HUE_SHIFT, f"{meaning}: {shift:.0f} degrees from the dark theme's hue"


@pytest.mark.parametrize("theme", list(THEMES))
def test_meanings_are_told_apart(theme):
    palette = THEMES[theme]
    hues = {m: hue(getattr(palette, m)) for m in MEANINGS}
    for n, a in enumerate(MEANINGS):
        for b in MEANINGS[n + 1 :]:
            assert hue_distance(hues[a], hues[b]) >= 15, f"{theme}: {a} and {b} look alike"


@pytest.mark.parametrize("theme", list(THEMES))
def test_series_collide_with_no_meaning_nor_each_other(theme):
    palette = THEMES[theme]
    meanings = {m: hue(getattr(palette, m)) for m in MEANINGS}
    series = [hue(c) for c in palette.series]
    for k, h in enumerate(series):
        for m, other in meanings.items():
            assert hue_distance(h, other) >= 20, f"{theme}: series[{k}] looks like the {m} colour"
        for j in range(k):
            assert hue_distance(h, series[j]) >= 40, f"{theme}: series[{j}] and series[{k}] look alike"


def test_the_check_can_fail():
    # the dark theme's yellow and light grey text vanish on the light theme's white
    bad = replace(LIGHT, weight=DARK.weight, text=DARK.text)
    assert [line.split()[0] for line in unreadable(bad)] == ["text", "weight"]
    assert unreadable(replace(DARK, background=LIGHT.background)) != []
