"""Split a path into subpaths with one vectorized comparison: one adjustment to manim 0.21.

Before every ``Transform`` manim aligns the points of the two mobjects (``align_points``), which
splits each path into its subpaths with ``VMobject.get_subpaths_from_points``: a Python loop
calling ``np.allclose`` on every pair of consecutive curves. In a lesson scene that was most of
the time spent beginning animations (GradientDescent at 480p15: 28 809 calls, about a tenth of
the render). manim 0.21 already has the vectorized equivalent of that comparison,
``get_subpath_split_indices_from_points`` (same tolerances, same treatment of NaN and
infinities), which its own Cairo camera uses; this makes ``get_subpaths_from_points`` use it
too. The subpaths are the same arrays (``tests/engine/test_fast_subpaths.py`` compares both on
random, nearly touching and non-finite paths). Applied once, on import of
:mod:`mathdl_anim.draw`.
"""

from __future__ import annotations

import numpy as np
from manim.mobject.types.vectorized_mobject import VMobject

from mathdl_anim.engine.patches import Patch, switches

__all__ = ["install", "uninstall", "installed"]


def _subpaths_vectorized(self, points):
    points = np.asarray(points)
    nppcc = self.n_points_per_cubic_curve
    return [
        points[start:end]
        for start, end in self.get_subpath_split_indices_from_points(points, n_dims=3)
        if end - start >= nppcc
    ]


install, uninstall, installed = switches(Patch(VMobject, "get_subpaths_from_points", _subpaths_vectorized))
