"""The on-disk SVG cache must change nothing a viewer sees, and must skip svgelements when warm."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
import svgelements
from manim import MathTex, SVGMobject, Text
from manim.mobject.svg import svg_mobject

from mathdl_anim.draw.style import tex_template
from mathdl_anim.engine import fast_copy, svg_cache

TEX = r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z)) \le 0.25"


def _math():
    return MathTex(TEX, tex_template=tex_template(), color="#FFCC00")


def _parts():
    return MathTex("a", "=", "b^2", tex_template=tex_template())


def _text():
    return Text("Gradient descent, step 3", color="#33AAFF")


BUILDERS = {"math": _math, "parts": _parts, "text": _text}


def _build(builder, cached: bool = True):
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()  # manim's in-memory cache would hand back a build
    (svg_cache.install if cached else svg_cache.uninstall)()
    try:
        return builder()
    finally:
        svg_cache.install()


def _stored():
    folder = svg_cache.cache_folder()
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


def _assert_same(a, b):
    assert type(a) is type(b)
    assert len(a.submobjects) == len(b.submobjects)
    np.testing.assert_array_equal(a.sheen_direction, b.sheen_direction)
    for part_a, part_b in zip(a.submobjects, b.submobjects):  # MathTex's substring split
        assert len(part_a.family_members_with_points()) == len(part_b.family_members_with_points())
    glyphs_a, glyphs_b = a.family_members_with_points(), b.family_members_with_points()
    assert len(glyphs_a) == len(glyphs_b) > 0
    for x, y in zip(glyphs_a, glyphs_b):
        assert type(x) is type(y)
        for name in ("points", "fill_rgbas", "stroke_rgbas", "background_stroke_rgbas", "sheen_direction"):
            np.testing.assert_array_equal(getattr(x, name), getattr(y, name), err_msg=name)
        assert x.get_stroke_width() == y.get_stroke_width()
        assert x.get_fill_opacity() == y.get_fill_opacity()
        assert x.get_stroke_opacity() == y.get_stroke_opacity()
        assert x.get_fill_color() == y.get_fill_color()
        assert x.get_stroke_color() == y.get_stroke_color()
    assert a.id_to_vgroup_dict.keys() == b.id_to_vgroup_dict.keys()
    for name, group in a.id_to_vgroup_dict.items():
        other = b.id_to_vgroup_dict[name]
        assert len(group.submobjects) == len(other.submobjects)
        for x, y in zip(group.submobjects, other.submobjects):
            np.testing.assert_array_equal(x.points, y.points)


@pytest.mark.parametrize("with_fast_copy", [True, False], ids=["fast_copy", "plain"])
@pytest.mark.parametrize("kind", list(BUILDERS))
def test_cold_and_warm_builds_equal_manims_own(tex_config, kind, with_fast_copy):
    builder = BUILDERS[kind]
    (fast_copy.install if with_fast_copy else fast_copy.uninstall)()
    plain = _build(builder, cached=False)
    assert _stored() == []
    cold = _build(builder)
    assert len(_stored()) == 1
    warm = _build(builder)
    for built in (cold, warm):
        _assert_same(plain, built)
    keeps_path = [g.path_obj is not None for g in warm.family_members_with_points()]
    assert all(keeps_path) if not with_fast_copy else not any(keeps_path)


def test_builds_with_and_without_fast_copy_do_not_share_files(tex_config):
    _build(_math)  # fast_copy installed: glyphs stored without their parsed path
    fast_copy.uninstall()
    plain = _build(_math)
    assert len(_stored()) == 2
    assert all(g.path_obj is not None for g in plain.family_members_with_points())
    assert all(g.path_obj is not None for g in _build(_math).copy().family_members_with_points())


def test_substring_split_is_kept(tex_config):
    _build(_parts)
    warm, plain = _build(_parts), _build(_parts, cached=False)
    assert len(warm.submobjects) == 3
    assert [p.tex_string for p in warm.submobjects] == ["a", "=", "b^2"]
    _assert_same(plain, warm)


@pytest.mark.parametrize("kind", ["math", "text"])
def test_warm_build_does_not_parse(tex_config, monkeypatch, kind):
    builder = BUILDERS[kind]
    plain = _build(builder, cached=False)
    _build(builder)

    def refuse(*args, **kwargs):
        raise AssertionError("svgelements parsed an SVG the cache holds")

    monkeypatch.setattr(svgelements.SVG, "parse", refuse)
    _assert_same(plain, _build(builder))
    with pytest.raises(AssertionError, match="svgelements parsed"):
        _build(builder, cached=False)  # the trap works


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other_key"])
def test_damaged_file_falls_back_to_parsing_and_is_rewritten(tex_config, damage):
    plain = _build(_math, cached=False)
    _build(_math)
    (path,) = _stored()
    good = path.read_bytes()
    if damage == "other_key":  # a valid file under the wrong name
        _build(_parts)
        (other,) = [p for p in _stored() if p != path]
        bad = other.read_bytes()
    else:
        bad = {"garbage": b"\x80\x05not a pickle at all", "truncated": good[: len(good) // 2], "empty": b""}[
            damage
        ]
    path.write_bytes(bad)
    _assert_same(plain, _build(_math))
    assert path.read_bytes() == good  # overwritten with a good one
    _assert_same(plain, _build(_math))


def test_unwritable_folder_does_not_break_the_build(tex_config):
    folder = svg_cache.cache_folder()
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the folder should be")
    _assert_same(_build(_math, cached=False), _build(_math))


def test_key_follows_content_not_path(tex_config, tmp_path, monkeypatch):
    one, two = _build(_math), _build(_parts)
    key_one = svg_cache.cache_key(one, one.get_file_path().read_bytes())
    key_two = svg_cache.cache_key(two, two.get_file_path().read_bytes())
    assert key_one != key_two
    assert len(_stored()) == 2

    copies = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        copies.append(shutil.copyfile(one.get_file_path(), tmp_path / name / "glyphs.svg"))
    first = _build(lambda: SVGMobject(copies[0]))
    assert len(_stored()) == 3  # a plain SVGMobject is another class: another key

    def refuse(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(svgelements.SVG, "parse", refuse)
    second = _build(lambda: SVGMobject(copies[1]))
    assert len(_stored()) == 3
    assert svg_cache.cache_key(first, copies[0].read_bytes()) == svg_cache.cache_key(
        second, copies[1].read_bytes()
    )
    _assert_same(first, second)


def test_key_follows_the_injected_style(tex_config):
    path = _build(_math).get_file_path()
    svg = path.read_bytes()
    plain = SVGMobject(path)
    red = SVGMobject(
        path,
        svg_default={
            "color": "#FF0000",
            "opacity": None,
            "fill_color": None,
            "fill_opacity": None,
            "stroke_width": 0,
            "stroke_color": None,
            "stroke_opacity": None,
        },
    )
    assert svg_cache.cache_key(plain, svg) != svg_cache.cache_key(red, svg)
    assert svg_cache.cache_key(plain, svg) != svg_cache.cache_key(plain, svg + b" ")
