"""Hand each outline to cairo with Python floats: one adjustment to manim 0.21.

Every frame, manim's Cairo camera traces every redrawn ``VMobject`` with
``Camera.set_cairo_context_path``: it finds where the outline breaks into subpaths (a dozen
numpy operations, about 0.1 ms even for a glyph of ten curves) and then calls ``ctx.curve_to``
once per curve with six numpy scalars. In a lesson scene at 480p15 that was about a quarter of
the drawing time. This version makes the same cairo calls with the same numbers: the points go
to Python floats once (``tolist``, exact), the subpath breaks of a small outline are found with
the same comparison in plain Python (``|end - start| <= atol + rtol * |start|``, the operations
in numpy's order; manim's camera has already replaced non-finite points), and large outlines
keep manim's vectorized split. ``tests/engine/test_fast_path.py`` records the calls both
versions make on random outlines and compares them exactly. Applied once, on import of
:mod:`mathdl_anim.draw`.
"""

from __future__ import annotations

from manim.camera.camera import Camera

from mathdl_anim.engine.patches import Patch, switches

__all__ = ["install", "uninstall", "installed"]

#: Outlines with more points than this are split by manim's vectorized method.
VECTORIZED_FROM = 400
_RTOL = 1.0e-5  # manim's (numpy.isclose's default)


def _breaks(xy: list, n: int, nppcc: int, atol: float) -> list[int]:
    """Point indices where a new subpath starts (manim's test, coordinate by coordinate)."""
    starts = [0]
    for b in range(nppcc, n, nppcc):
        (x0, y0), (x1, y1) = xy[b - 1], xy[b]
        if not (abs(x0 - x1) <= atol + _RTOL * abs(x1) and abs(y0 - y1) <= atol + _RTOL * abs(y1)):
            starts.append(b)
    return starts


def _set_path_with_floats(self, ctx, vmobject):
    points = self.transform_points_pre_display(vmobject, vmobject.points)
    n = len(points)
    if n == 0:
        return self
    nppcc = vmobject.n_points_per_cubic_curve
    ctx.new_path()
    if n < nppcc:
        return self
    if n > VECTORIZED_FROM:
        spans = vmobject.get_subpath_split_indices_from_points(points, n_dims=2).tolist()
        xy = points[:, :2].tolist()
    else:
        xy = points[:, :2].tolist()
        starts = _breaks(xy, n, nppcc, vmobject.tolerance_for_point_equality)
        spans = list(zip(starts, [*starts[1:], n]))
    move_to, curve_to = ctx.move_to, ctx.curve_to
    new_sub_path, close_path = ctx.new_sub_path, ctx.close_path
    closed = vmobject.consider_points_equals_2d
    for start, end in spans:
        if end - start < nppcc:
            continue
        new_sub_path()
        move_to(*xy[start])
        for i in range(start, end - nppcc + 1, nppcc):
            (x1, y1), (x2, y2), (x3, y3) = xy[i + 1], xy[i + 2], xy[i + 3]
            curve_to(x1, y1, x2, y2, x3, y3)
        if closed(xy[start], xy[end - 1]):
            close_path()
    return self


install, uninstall, installed = switches(Patch(Camera, "set_cairo_context_path", _set_path_with_floats))
