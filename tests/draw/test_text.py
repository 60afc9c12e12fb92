"""Title and caption placement in each aspect, and where a caption may break into lines."""

from __future__ import annotations

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
