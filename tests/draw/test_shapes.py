"""Small pictures and counters: die faces show their pips, a legend entry reads left to right,
the step counter shows whole numbers, the colour choosers follow the theme in force."""

from __future__ import annotations

import pytest

from mathdl_anim.draw.counters import make_step_counter
from mathdl_anim.draw.shapes import make_ball, make_die_face, make_legend_entry
from mathdl_anim.draw.style import (
    OPTIMIZER_COLORS,
    PALETTE,
    THEME_ENV,
    optimizer_color,
    use_theme,
)
from mathdl_anim.lesson.palette import DARK, LIGHT


@pytest.mark.parametrize("pips", range(1, 7))
def test_die_face_shows_its_pips_inside_the_face(pips):
    face, dots = make_die_face(pips, size=1.2)
    assert len(dots) == pips
    assert (face.width, face.height) == pytest.approx((1.2, 1.2))
    for dot in dots:
        assert abs(dot.get_center()[0] - face.get_center()[0]) < 0.6 - dot.radius
        assert abs(dot.get_center()[1] - face.get_center()[1]) < 0.6 - dot.radius
    centers = {tuple(round(c, 6) for c in dot.get_center()) for dot in dots}
    assert len(centers) == pips  # no two pips on one spot


def test_ball_defaults_to_the_weight_colour():
    assert make_ball().get_color().to_hex().upper() == PALETTE.weight.upper()
    assert make_ball(radius=0.2).radius == pytest.approx(0.2)


def test_legend_entry_reads_dot_name_detail(tex_config):
    dot, name, detail = make_legend_entry(PALETTE.input, "Adam", r"\beta_1")
    assert dot.get_right()[0] < name.get_left()[0] < name.get_right()[0] < detail.get_left()[0]
    assert name.get_color().to_hex().upper() == PALETTE.input.upper()


def test_step_counter_shows_whole_numbers(tex_config):
    counter = make_step_counter(3)
    assert counter.num_decimal_places == 0 and counter.get_value() == 3
    counter.set_value(12)
    assert "".join(sub.tex_string for sub in counter.submobjects if hasattr(sub, "tex_string")) == "12"


def test_colour_choosers_follow_the_theme_in_force(monkeypatch):
    monkeypatch.delenv(THEME_ENV, raising=False)
    # optimizers: the categorical series, one colour each, none of them a meaning colour
    meanings = {DARK.input, DARK.weight, DARK.bias, DARK.output, DARK.gradient, DARK.activation}
    shown = [optimizer_color(name) for name in OPTIMIZER_COLORS]
    assert set(shown) <= set(DARK.series) and len(set(shown)) == len(shown)
    assert not set(shown) & meanings
    with use_theme("light"):
        assert [optimizer_color(name) for name in OPTIMIZER_COLORS] == [LIGHT.series[i] for i in range(4)]
    with pytest.raises(KeyError):
        optimizer_color("lbfgs")
