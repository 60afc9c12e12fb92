"""Title and caption placement in each aspect, and where a caption may break into lines."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Tex, VGroup, config, tempconfig

from mathdl_anim.draw.text import MARGIN, make_caption, make_title, split_words, stage_height
from mathdl_anim.render.options import manim_options
from mathdl_anim.render.tex import private_tex_dir, publish_tex

LONG = (
    "Each sigmoid layer passes at most $0.25$ of the gradient (times its weight): "
    r"simple math, not \textbf{magic at all}"
)


@pytest.fixture
def aspect(request, tmp_path):
    tex_dir = private_tex_dir(tmp_path)
    with tempconfig(manim_options(tmp_path, "l", aspect=request.param, tex_dir=str(tex_dir))):
        yield request.param
    publish_tex(tex_dir)


def test_split_words_keeps_math_and_groups_whole():
    assert split_words(r"at $x = 1$ the \texttt{np.dot(A, B)} is  \$ 2") == [
        "at",
        "$x = 1$",
        "the",
        r"\texttt{np.dot(A, B)}",
        "is",
        r"\$",
        "2",
    ]


@pytest.mark.parametrize("aspect", ["16:9"], indirect=True)
def test_wide_title_and_caption_hug_the_frame_edges(aspect):
    title, caption = make_title("Vanishing gradients"), make_caption(LONG)
    assert isinstance(caption, Tex)  # one line, shrunk to fit
    assert title.get_top()[1] == pytest.approx(config.frame_height / 2 - MARGIN, abs=0.05)
    assert caption.get_bottom()[1] == pytest.approx(-config.frame_height / 2 + MARGIN, abs=0.05)
    assert caption.width <= config.frame_width - 2 * MARGIN + 1e-6


@pytest.mark.parametrize("aspect", ["9:16"], indirect=True)
def test_vertical_title_and_caption_sit_beside_the_stage(aspect):
    assert config.frame_height > config.frame_width and stage_height() == pytest.approx(8.0)
    title, caption = make_title("Vanishing gradients"), make_caption(LONG)
    assert title.get_bottom()[1] == pytest.approx(stage_height() / 2 + MARGIN)
    assert caption.get_top()[1] == pytest.approx(-stage_height() / 2 - MARGIN)
    assert isinstance(caption, VGroup) and len(caption) == 2  # wrapped, not shrunk
    for part in (title, caption):
        assert part.width <= config.frame_width - 2 * MARGIN + 1e-6
    assert "$0.25$" in " ".join(line.tex_string for line in caption)


@pytest.mark.parametrize("target", [(3.0, 0.0, 0.0), (-3.0, 0.5, 0.0)])
def test_a_ghost_dips_under_its_row_and_lands_faded(target):
    from manim import Square

    from mathdl_anim.draw.text import ghost_under

    source = Square(side_length=1.0).set_opacity(0.4)
    play = ghost_under(source, np.array(target))
    play.begin()
    below = []  # how far under the straight line from start to target, at each moment
    for alpha in np.linspace(0.05, 0.45, 9):
        play.interpolate(alpha)
        x, y = play.mobject.get_center()[:2]
        chord_y = target[1] * x / target[0]
        below.append(chord_y - y)
    # under the chord all the way; the arc's sagitta for a chord c at 0.6 pi is
    # c / 2 (1 - cos 0.3 pi) / sin 0.3 pi = 0.255 c: it dips at least half of that
    chord = float(np.hypot(target[0], target[1]))
    assert min(below) > 0
    assert max(below) > 0.5 * 0.255 * chord
    play.interpolate(1.0)
    assert np.allclose(play.mobject.get_center(), target, atol=1e-6)
    assert play.mobject.get_fill_opacity() == pytest.approx(0.0, abs=1e-9)
    assert play.mobject.width == pytest.approx(0.5, rel=1e-6)  # shrunk by half
    assert source.get_center() == pytest.approx([0, 0, 0])  # the source stays where it is
