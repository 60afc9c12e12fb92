"""The copy speed-up must change nothing a viewer sees: same glyphs, same points, same colours."""

from __future__ import annotations

import numpy as np
from manim import MathTex
from manim.mobject.svg import svg_mobject

from mathdl_anim.draw.style import tex_template
from mathdl_anim.engine import fast_copy
from mathdl_anim.engine.patches import manims_own

TEX = r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z)) \le 0.25"


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


def _shape(obj, seen: dict, path: str = "root"):
    """A comparable description of a deep copy: types, values and which parts are shared."""
    if id(obj) in seen:
        return ("same-as", seen[id(obj)])
    if isinstance(obj, (list, tuple, dict, np.ndarray)) or hasattr(obj, "__dict__"):
        seen[id(obj)] = path
    if isinstance(obj, np.ndarray):
        return ("array", obj.dtype.str, obj.shape, obj.strides, obj.tobytes())
    if isinstance(obj, (list, tuple)):
        return (type(obj).__name__, [_shape(v, seen, f"{path}[{i}]") for i, v in enumerate(obj)])
    if isinstance(obj, dict):
        return ("dict", [(k, _shape(v, seen, f"{path}.{k}")) for k, v in obj.items()])
    if callable(obj) and not hasattr(obj, "__dict__"):
        return ("callable", getattr(obj, "__qualname__", repr(obj)))
    if hasattr(obj, "__dict__") and not isinstance(obj, type):
        return (
            type(obj).__name__,
            [(k, _shape(v, seen, f"{path}.{k}")) for k, v in vars(obj).items() if k != "original_id"],
        )
    return ("value", type(obj).__name__, repr(obj))


def _deep_copies(mob):
    with manims_own(fast_copy):
        manims = mob.copy()
    return manims, mob.copy()


def test_mobject_copies_equal_manims_own(tex_config):
    from manim import Arrow, Circle, DecimalNumber, Square, VGroup

    shared = Square().set_color("#FF0000")
    shared.stroke_rgbas = shared.fill_rgbas  # one array in two attributes: must stay one
    group = VGroup(
        shared, Circle(), Arrow(), DecimalNumber(-1.25), MathTex("a", "=", "b^2", tex_template=tex_template())
    )
    group.add_updater(lambda m: m)
    manims, ours = _deep_copies(group)
    assert _shape(ours, {}) == _shape(manims, {})
    copied = ours[0]
    assert copied.stroke_rgbas is copied.fill_rgbas and copied.points is not shared.points
    originals = {id(m) for m in group.get_family()}
    assert not originals & {id(m) for m in ours.get_family()}
    for a, b in zip(group.family_members_with_points(), ours.family_members_with_points()):
        assert a.points is not b.points and np.array_equal(a.points, b.points)
