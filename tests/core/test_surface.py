"""The loss surface of PartialDerivatives against independent references.

References: the closed form of ``L = w1^2 + w1 w2 + 2 w2^2`` and its partials written out by hand
here, sympy's own differentiation, and central finite differences.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from mathdl_anim.core import surface as sf
from mathdl_anim.core.errors import InputError


def L(w1, w2):
    return w1**2 + w1 * w2 + 2 * w2**2


def central(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


points = st.tuples(st.floats(-2.5, 2.5), st.floats(-2.5, 2.5))


def test_mesh_is_the_function_on_a_grid():
    ex = sf.loss_surface(1, -1)
    assert ex.mesh_w.shape == (sf.SURFACE_STEPS + 1,)
    assert ex.mesh_w[0] == -3 and ex.mesh_w[-1] == 3
    for i in (0, 5, sf.SURFACE_STEPS):
        for j in (0, 7, sf.SURFACE_STEPS):
            assert ex.mesh_L[i, j] == pytest.approx(L(ex.mesh_w[i], ex.mesh_w[j]), abs=1e-12)
    # the corner (3, 3) is the highest point of this bowl on the square: 9 + 9 + 18
    assert ex.mesh_L.max() == pytest.approx(36.0, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(p=points)
def test_slices_hold_one_weight_and_share_one_scale(p):
    w1, w2 = p
    ex = sf.loss_surface(w1, w2)
    (a, la), (b, lb) = ex.slices
    np.testing.assert_allclose(la, L(a, w2), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(lb, L(w1, b), rtol=1e-12, atol=1e-12)
    # one top for both plots, above every sample, and not wastefully far above
    assert ex.slice_top >= max(la.max(), lb.max())
    assert ex.slice_top <= 1.5 * max(la.max(), lb.max()) + 1


@settings(max_examples=40, deadline=None)
@given(p=points)
def test_tangents_have_the_partials_as_slopes_and_pass_through_the_point(p):
    w1, w2 = p
    ex = sf.loss_surface(w1, w2)
    for k, ((x0, y0), (x1, y1)) in enumerate(ex.slice_tangents):
        slope_fd = central(lambda t: L(t, w2), w1) if k == 0 else central(lambda t: L(w1, t), w2)
        if x1 - x0 > 1e-6:
            assert (y1 - y0) / (x1 - x0) == pytest.approx(slope_fd, abs=1e-5)
        at = (w1, w2)[k]
        if x0 <= at <= x1:  # the point is on the segment's line
            assert y0 + (at - x0) * ex.base.gradient[k] == pytest.approx(L(w1, w2), abs=1e-9)
        for y in (y0, y1):
            assert -1e-9 <= y <= ex.slice_top + 1e-9


def test_partials_match_sympy_and_the_gradient_is_their_sum_of_arrows():
    s1, s2 = sp.symbols("w1 w2")
    expr = s1**2 + s1 * s2 + 2 * s2**2
    ex = sf.loss_surface(1, -1)
    ref = [float(sp.diff(expr, s).subs({s1: 1, s2: -1})) for s in (s1, s2)]
    assert ex.base.gradient == pytest.approx(ref, abs=1e-12)  # (1, -3)
    assert ex.descent == pytest.approx([-r for r in ref], abs=1e-12)
    (a0, a1), (b0, b1), (g0, g1), (d0, d1) = [(np.array(s0), np.array(s1)) for s0, s1 in ex.arrows]
    s = ex.arrow_scale
    assert s == pytest.approx(2 / 3)  # (3 - |w2|) / |dL/dw2|: the tip of the w2 arrow reaches -3
    np.testing.assert_allclose(a1 - a0, [s * ref[0], 0], atol=1e-12)  # along w1
    np.testing.assert_allclose(b1 - b0, [0, s * ref[1]], atol=1e-12)  # along w2
    np.testing.assert_allclose(b0, a1, atol=1e-12)  # tip to tail
    np.testing.assert_allclose(g1, b1, atol=1e-12)  # the sum ends where the second arrow ends
    np.testing.assert_allclose(g1 - g0, s * np.array(ref), atol=1e-12)
    np.testing.assert_allclose(d1 - d0, -s * np.array(ref), atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(p=points)
def test_every_arrow_stays_in_the_window(p):
    ex = sf.loss_surface(*p)
    for start, end in ex.arrows:
        for c in (*start, *end):
            assert -3 - 1e-9 <= c <= 3 + 1e-9
    norm = np.hypot(*ex.base.gradient)
    if norm > 0:
        assert ex.arrow_scale * norm <= sf.ARROW_LENGTH + 1e-9


@settings(max_examples=40, deadline=None)
@given(p=points)
def test_the_gradient_is_perpendicular_to_the_contour(p):
    w1, w2 = p
    ex = sf.loss_surface(w1, w2)
    g = np.array([central(lambda t: L(t, w2), w1), central(lambda t: L(w1, t), w2)])
    if np.linalg.norm(g) < 1e-3:
        return
    d = np.array(ex.contour_direction)
    assert np.linalg.norm(d) == pytest.approx(1, abs=1e-12)
    assert abs(d @ g) / np.linalg.norm(g) < 1e-6
    # along the contour direction the loss changes only to second order
    for h in (1e-2, 1e-3):
        change = L(w1 + h * d[0], w2 + h * d[1]) - L(w1, w2)
        assert abs(change) <= 3 * h**2  # the curvature is at most 2 * 1.5 = 3 (Hessian's eigenvalues)


def test_contour_through_the_point_meets_the_direction_at_the_point():
    ex = sf.loss_surface(1, -1)
    base = ex.base
    pts = base.contours[base.point_level]
    ok = np.all(np.isfinite(pts), axis=1)
    np.testing.assert_allclose(L(pts[ok, 0], pts[ok, 1]), 2.0, rtol=1e-9)
    # the contour's chord between its two samples nearest the point runs along contour_direction
    dist = np.hypot(pts[ok, 0] - 1, pts[ok, 1] + 1)
    near = pts[ok][np.argsort(dist)[:2]]
    chord = near[1] - near[0]
    chord /= np.linalg.norm(chord)
    assert abs(chord @ np.array(ex.contour_direction)) == pytest.approx(1, abs=1e-2)


@pytest.mark.parametrize("p", [(0, 0), (0, 5e-324), (1e-12, 0)])
def test_a_minimum_has_no_direction_and_zero_descent(p):
    ex = sf.loss_surface(*p)
    assert ex.is_minimum
    assert ex.contour_direction == (0.0, 0.0)
    if p == (0, 0):
        assert all(v == 0 and math.copysign(1, v) == 1 for v in ex.descent)  # no "-0" on screen


def test_values_name_every_new_number():
    v = sf.loss_surface(1, -1).values()
    assert v["descent"] == [-1.0, 3.0]
    assert v["slice_top"] == 25.0  # the slice along w2 reaches L(1, 3) = 1 + 3 + 18 = 22
    assert v["weights_count"] == 11_689_512
    assert v["column_indices"][:2] == [1, 2]
    assert v["gradient"] == [1.0, -3.0] and v["value"] == 2.0


def test_numbered_ticks_are_the_drawn_ticks():
    # the axes builder's own tick step (draw.plots.tick_step), every other tick numbered
    from mathdl_anim.draw.plots import tick_step

    ex = sf.loss_surface(1, -1)
    assert ex.w_ticks == (-3, -1, 1, 3)
    assert ex.l_ticks == (10, 20)
    for lo, hi in [(-3, 3), (0, 25), (0, 20), (0, 4), (0, 150)]:
        step = 2 * tick_step(hi - lo)
        expected = [lo + k * step for k in range(int((hi - lo) // step) + 1)]
        assert sf.numbered_ticks(lo, hi) == pytest.approx(expected)


@pytest.mark.parametrize("x, top", [(22, 25), (3.2, 4), (0.7, 0.8), (100, 100), (14, 15), (0, 1)])
def test_round_up(x, top):
    assert sf.round_up(x) == pytest.approx(top)


def test_a_point_outside_the_window_is_refused():
    with pytest.raises(InputError):
        sf.loss_surface(4, 0)
