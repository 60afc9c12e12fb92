"""The copy speed-up must change nothing a viewer sees: same glyphs, same points, same colours."""

from __future__ import annotations

import numpy as np
import pytest
from manim import MathTex, tempconfig
from manim.mobject.svg import svg_mobject

from mathdl_anim.draw import fast_copy
from mathdl_anim.draw.style import tex_template
from mathdl_anim.render import manim_options, private_tex_dir, publish_tex

TEX = r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z)) \le 0.25"


@pytest.fixture
def tex_config(tmp_path):
    tex_dir = private_tex_dir(tmp_path)
    with tempconfig(manim_options(tmp_path, tex_dir=str(tex_dir))):
        yield
    publish_tex(tex_dir)


def _build(patched: bool) -> MathTex:
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()  # manim's SVG cache would hand back the other build
    (fast_copy.install if patched else fast_copy.uninstall)()
    try:
        return MathTex(TEX, tex_template=tex_template(), color="#FFCC00")
    finally:
        fast_copy.install()


def _glyphs(mob):
    return mob.family_members_with_points()


def test_patched_glyphs_equal_manims_own(tex_config):
    plain, patched = _build(False), _build(True)
    assert len(_glyphs(plain)) == len(_glyphs(patched)) > 10
    for a, b in zip(_glyphs(plain), _glyphs(patched)):
        np.testing.assert_array_equal(a.points, b.points)
        np.testing.assert_array_equal(a.fill_rgbas, b.fill_rgbas)
        np.testing.assert_array_equal(a.stroke_rgbas, b.stroke_rgbas)


def test_copies_no_longer_carry_the_parsed_path(tex_config):
    plain, patched = _build(False), _build(True)
    assert all(g.path_obj is not None for g in _glyphs(plain.copy()))  # manim's own keeps it
    copy = patched.copy()
    assert all(g.path_obj is None for g in _glyphs(copy))
    for a, b in zip(_glyphs(patched), _glyphs(copy)):
        np.testing.assert_array_equal(a.points, b.points)
        assert a.points is not b.points  # still a deep copy of what is drawn


def test_installed_on_import_of_the_drawing_layer():
    import mathdl_anim.draw  # noqa: F401

    assert fast_copy.installed()
