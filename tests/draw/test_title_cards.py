"""The lecture's title cards and thumbnail fit the frame, in every chapter, aspect and theme."""

from __future__ import annotations

import pytest
from manim import config, tempconfig

from mathdl_anim.draw.style import PALETTE, use_theme
from mathdl_anim.draw.title_cards import make_chapter_card, make_lecture_title
from mathdl_anim.lesson.outline import LECTURE_TITLE, lecture_outline
from mathdl_anim.render.options import manim_options
from mathdl_anim.render.tex import private_tex_dir, publish_tex

MARGIN = 0.3


@pytest.fixture
def frame(tmp_path, request):
    aspect = getattr(request, "param", "16:9")
    tex_dir = private_tex_dir(tmp_path)
    with tempconfig(manim_options(tmp_path, "l", aspect=aspect, tex_dir=str(tex_dir))):
        yield config.frame_width / 2, config.frame_height / 2
    publish_tex(tex_dir)


def assert_inside(group, half_width: float, half_height: float) -> None:
    for part in group:
        assert part.get_left()[0] >= -half_width + MARGIN and part.get_right()[0] <= half_width - MARGIN
        assert part.get_bottom()[1] >= -half_height + MARGIN and part.get_top()[1] <= half_height - MARGIN


def assert_apart(group) -> None:
    """No two parts overlap: each sits wholly above the next."""
    for upper, lower in zip(group, group[1:]):
        assert upper.get_bottom()[1] >= lower.get_top()[1] - 1e-6


@pytest.mark.parametrize("frame", ["16:9", "9:16"], indirect=True)
@pytest.mark.parametrize("chapter", lecture_outline(), ids=lambda c: c.card_name)
def test_chapter_card_fits(frame, chapter):
    lesson, heading, title, rule, scenes = card = make_chapter_card(chapter, LECTURE_TITLE)
    assert_inside(card, *frame)
    assert_apart([lesson, heading, title, rule, scenes])
    assert abs(card.get_center()[1]) < 0.05  # centred


def test_thumbnail_fits(frame):
    picture = make_lecture_title(LECTURE_TITLE, lecture_outline())
    assert_inside(picture, *frame)
    assert_apart(picture)


def test_cards_use_the_theme(frame):
    chapter = lecture_outline()[0]
    with use_theme("light"):
        title = make_chapter_card(chapter, LECTURE_TITLE)[2]
        glyph = title.family_members_with_points()[0]
        assert glyph.get_fill_color().to_hex().upper() == PALETTE.highlight.upper() == "#000000"
