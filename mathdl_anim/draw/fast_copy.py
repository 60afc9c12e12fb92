"""Make copying typeset text cheap: one documented adjustment to manim 0.21.

Every glyph of a ``Tex``/``MathTex`` is a ``VMobjectFromSVGPath`` that keeps the parsed
``svgelements`` path it was built from (``path_obj``). manim reads that path exactly once, in
``generate_points`` during ``__init__``, yet ``Mobject.copy`` deep-copies it with every copy:
thousands of small ``Point``/``CubicBezier`` objects per sentence. Transforms, fades and
manim's own SVG cache copy mobjects all the time, so at 480p this was about half of a scene's
render time (profiled with ``cProfile`` on TensorShapes: 17.6 s of 39.5 s in ``deepcopy``).

After the points are generated the path is dropped; the glyph's points, colours and every
later behaviour are unchanged (``tests/draw/test_fast_copy.py`` compares them with an unpatched
build). Applied once, on import of :mod:`mathdl_anim.draw`.
"""

from __future__ import annotations

from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

__all__ = ["install", "uninstall", "installed"]

_ORIGINAL = VMobjectFromSVGPath.generate_points


def _generate_points_then_drop_path(self):
    result = _ORIGINAL(self)
    self.path_obj = None  # read only above; never again by manim 0.21
    return result


def install() -> None:
    """Patch ``VMobjectFromSVGPath.generate_points`` (idempotent)."""
    VMobjectFromSVGPath.generate_points = _generate_points_then_drop_path


def uninstall() -> None:
    """Restore manim's own method (for the test that compares both)."""
    VMobjectFromSVGPath.generate_points = _ORIGINAL


def installed() -> bool:
    return VMobjectFromSVGPath.generate_points is _generate_points_then_drop_path
