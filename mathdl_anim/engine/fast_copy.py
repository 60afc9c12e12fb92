"""Make copying typeset text cheap: one documented adjustment to manim 0.21.

Every glyph of a ``Tex``/``MathTex`` is a ``VMobjectFromSVGPath`` that keeps the parsed
``svgelements`` path it was built from (``path_obj``). manim reads that path exactly once, in
``generate_points`` during ``__init__``, yet ``Mobject.copy`` deep-copies it with every copy:
thousands of small ``Point``/``CubicBezier`` objects per sentence. Transforms, fades and
manim's own SVG cache copy mobjects all the time, so at 480p this was about half of a scene's
render time (profiled with ``cProfile`` on TensorShapes: 17.6 s of 39.5 s in ``deepcopy``).

After the points are generated the path is dropped; the glyph's points, colours and every
later behaviour are unchanged (``tests/engine/test_fast_copy.py`` compares them with an unpatched
build).

Second, ``Mobject.__deepcopy__`` hands every attribute to :func:`copy.deepcopy`, which costs a
few microseconds per call even for a float; a mobject has some forty attributes, and a lesson
scene copies thousands of mobjects (every fade and transform copies its mobject two or three
times: GradientDescent at 480p15 made 730 000 ``deepcopy`` calls). The replacement does what
``deepcopy`` would do, directly, for the common cases: immutable scalars, strings and enum
members are kept, numeric numpy arrays are copied (``order="K"``, through the same memo, so
arrays shared between attributes stay shared); anything else still goes through ``deepcopy``.
The copies are equal, attribute by attribute, to manim's (``test_fast_copy.py``).

Both are applied once, on import of :mod:`mathdl_anim.draw`.
"""

from __future__ import annotations

import copy
import enum

import numpy as np
from manim.mobject.mobject import Mobject
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

from mathdl_anim.engine.patches import Patch, switches

__all__ = ["install", "uninstall", "installed"]

_ORIGINAL = VMobjectFromSVGPath.generate_points
#: What ``copy.deepcopy`` returns as is.
_KEPT = (type(None), bool, int, float, complex, str, bytes)
_MISSING = object()


def _deepcopy_mobject(self, memo):
    """manim's ``Mobject.__deepcopy__``, with ``deepcopy``'s own result for common values inlined."""
    cls = self.__class__
    result = cls.__new__(cls)
    memo[id(self)] = result
    for key, value in self.__dict__.items():
        kind = type(value)
        if kind in _KEPT or isinstance(value, enum.Enum):  # Enum.__deepcopy__ returns self
            setattr(result, key, value)
        elif kind is np.ndarray and not value.dtype.hasobject:
            clone = memo.get(id(value), _MISSING)
            if clone is _MISSING:  # as deepcopy: ndarray.__deepcopy__, memo and keep-alive
                clone = value.copy(order="K")
                memo[id(value)] = clone
                memo.setdefault(id(memo), []).append(value)
            setattr(result, key, clone)
        else:
            setattr(result, key, copy.deepcopy(value, memo))
    result.original_id = str(id(self))
    return result


def _generate_points_then_drop_path(self):
    result = _ORIGINAL(self)
    self.path_obj = None  # read only above; never again by manim 0.21
    return result


install, uninstall, installed = switches(
    Patch(VMobjectFromSVGPath, "generate_points", _generate_points_then_drop_path),
    Patch(Mobject, "__deepcopy__", _deepcopy_mobject),
)
