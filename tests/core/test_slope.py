"""DerivativeSlope's numbers against independent references: sympy on trusted text, finite
differences and closed forms written here, never the module's own helpers."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import sympy as sp

from mathdl_anim.core import slope as sl
from mathdl_anim.core.errors import InputError

X = sp.Symbol("x")

# (parameter text, the same function as trusted sympy text, x0)
CASES = [
    ("x^2", "x**2", 1.0),
    ("sin(x)", "sin(x)", 0.4),
    ("1/x", "1/x", -0.5),
    ("exp(-x^2)", "exp(-x**2)", 0.8),
    (
        "sigmoid(x) + 0.3*exp(-x^2)*cos(3*x) - log(x + 4)",
        "1/(1 + exp(-x)) + 3*exp(-x**2)*cos(3*x)/10 - log(x + 4)",
        -1.25,
    ),
]


def reference(text: str):
    """f and f' from trusted text written in this file, evaluated by mpmath with 40 digits."""
    expr = sp.sympify(text)
    fn, dfn = sp.lambdify(X, expr, "mpmath"), sp.lambdify(X, sp.diff(expr, X), "mpmath")

    def real(g):
        def call(x):
            with mpmath.workdps(40):
                return mpmath.re(g(mpmath.mpf(x)))

        return call

    return real(fn), real(dfn)


@pytest.fixture(scope="module", params=CASES, ids=[c[0] for c in CASES])
def case(request):
    text, trusted, x0 = request.param
    f, df = reference(trusted)
    return sl.derivative_example(text, x0), f, df


def test_point_and_slope_match_sympy(case):
    ex, f, df = case
    assert ex.f_x0 == pytest.approx(float(f(ex.x0)), rel=1e-12, abs=1e-12)
    assert ex.slope == pytest.approx(float(df(ex.x0)), rel=1e-12, abs=1e-12)


def test_secant_slopes_at_the_stops_are_difference_quotients(case):
    ex, f, _ = case
    for h, s, (px, py) in zip(ex.hs, ex.secant_slopes, ex.secant_points):
        with mpmath.workdps(40):
            quotient = (f(mpmath.mpf(ex.x0) + mpmath.mpf(h)) - f(ex.x0)) / mpmath.mpf(h)
        assert s == pytest.approx(float(quotient), rel=1e-10, abs=1e-12)
        assert px == pytest.approx(ex.x0 + h, abs=1e-12)
        assert py == pytest.approx(float(f(ex.x0 + h)), rel=1e-9, abs=1e-9)


def test_the_continuous_secant_between_the_stops(case):
    """h swept continuously: the slope at any h is the difference quotient, and it approaches
    f'(x0) as h shrinks (first order: |error| <= C |h| with C from the stops)."""
    ex, f, _ = case
    hs = np.sign(ex.hs[0]) * np.geomspace(abs(ex.hs[0]), abs(ex.hs[-1]), 40)
    for h in hs:
        s, (qx, qy) = ex.secant_at(float(h))
        assert s == pytest.approx(float((f(ex.x0 + h) - f(ex.x0)) / h), rel=1e-7, abs=1e-7)
        assert qy == pytest.approx(float(f(qx)), rel=1e-9, abs=1e-9)
    # at the stops the continuous secant is exactly the recorded value (the counter stops there)
    for h, s in zip(ex.hs, ex.secant_slopes):
        assert ex.secant_at(h)[0] == s
    small = [abs(ex.secant_at(float(h))[0] - ex.slope) for h in hs[-10:]]
    assert small[-1] < 0.05 * max(abs(ex.secant_at(float(hs[0]))[0] - ex.slope), 1e-9) + 1e-6


def test_the_sweep_crosses_no_pole_and_stays_in_the_window(case):
    ex, f, _ = case
    (ya, yb) = ex.window.y_range
    xs = np.linspace(ex.x0, ex.x0 + ex.hs[0], 500)
    ys = np.array([float(f(x)) for x in xs])
    assert np.all(np.isfinite(ys)) and np.all((ys >= ya) & (ys <= yb))


def test_the_pole_case_comes_from_the_left():
    ex = sl.derivative_example("1/x", -0.5)
    assert ex.hs[0] == -2.0  # [-2.5, -0.5] holds no pole; [-0.5, 1.5] holds the pole at 0
    assert ex.trace_range[1] < 0  # the tangent never slides across the pole


def test_traced_derivative_matches_sympy_and_finite_differences(case):
    ex, f, df = case
    xs, ds = ex.trace
    for x, d in zip(xs[::8], ds[::8]):
        assert d == pytest.approx(float(df(x)), rel=1e-9, abs=1e-9)
        h = 1e-6
        assert d == pytest.approx(float((f(x + h) - f(x - h)) / (2 * h)), rel=1e-5, abs=1e-5)
    assert ex.trace_range[0] <= ex.x0 <= ex.trace_range[1]
    assert list(ex.values()["trace_slopes"]) == pytest.approx(
        [float(df(ex.trace_range[0])), float(df(ex.trace_range[1]))], rel=1e-9, abs=1e-9
    )
    # the curve stays in the f window and f' in its own along the whole trace
    fs = np.array([float(f(x)) for x in xs])
    (ya, yb), (da, db) = ex.window.y_range, ex.derivative_window.y_range
    assert np.all((fs >= ya) & (fs <= yb)) and np.all((ds >= da) & (ds <= db))


def test_nudge_sizes(case):
    ex, f, _ = case
    nd = ex.nudge
    assert abs(nd.dx) == 0.01
    assert nd.df == pytest.approx(float(f(ex.x0 + nd.dx) - f(ex.x0)), rel=1e-9, abs=1e-12)
    assert nd.df_linear == pytest.approx(ex.slope * nd.dx, rel=1e-12)
    # the true move and the tangent's differ by f''(x0) dx^2 / 2, up to O(dx^3)
    with mpmath.workdps(40):
        e = mpmath.mpf("1e-6")
        x = mpmath.mpf(ex.x0)
        f2 = float((f(x + e) - 2 * f(x) + f(x - e)) / e**2)
        f3 = float((f(x + 2 * e) - 2 * f(x + e) + 2 * f(x - e) - f(x - 2 * e)) / (2 * e**3))
    taylor = f2 * nd.dx**2 / 2 + f3 * nd.dx**3 / 6
    assert nd.df - nd.df_linear == pytest.approx(taylor, rel=0.05, abs=1e-9)


def test_zoom_keeps_the_point_still_and_straightens_the_curve(case):
    ex, f, _ = case
    deviations = []
    for k, win in enumerate(ex.zoom):
        (xa, xb), (ya, yb) = win.x_range, win.y_range
        (xa0, xb0), (ya0, yb0) = ex.window.x_range, ex.window.y_range
        # the point sits at the same fraction of every window
        assert (ex.x0 - xa) / (xb - xa) == pytest.approx((ex.x0 - xa0) / (xb0 - xa0), rel=1e-9)
        assert (ex.f_x0 - ya) / (yb - ya) == pytest.approx((ex.f_x0 - ya0) / (yb0 - ya0), rel=1e-9)
        assert (xb0 - xa0) / (xb - xa) == pytest.approx(sl.ZOOM_FACTORS[k], rel=1e-9)
        assert yb - ya >= sl.MIN_Y_SPAN * (1 - 1e-9)
        (zx, zy) = ex.zoom_window(float(k))
        assert zx + zy == pytest.approx(win.x_range + win.y_range, rel=1e-9)
        # gap between curve and tangent, as a fraction of the window's height
        xs = np.linspace(max(xa, ex.x0 - 0.5 * (xb - xa)), min(xb, ex.x0 + 0.5 * (xb - xa)), 50)
        gap = max(abs(float(f(x)) - (ex.f_x0 + ex.slope * (x - ex.x0))) for x in xs)
        gap = gap if np.isfinite(gap) else np.inf
        deviations.append(gap / (yb - ya))
    assert deviations[-1] < 0.05  # at the deepest level, within 5 % of the plot's height
    deep = deviations[2:]  # the first levels may still hold a pole (1/x)
    assert all(b <= a + 1e-12 for a, b in zip(deep, deep[1:]))


def test_ticks_are_round_distinct_at_two_decimals_and_inside():
    for lo, hi in [(-2.2, 15.4), (0.95, 1.2249), (-0.546, -0.453), (0, 12), (-9.65, 1.03), (3.1, 3.2)]:
        ticks = sl.nice_ticks(lo, hi)
        assert len(ticks) >= 2
        assert all(lo <= t <= hi for t in ticks)
        assert len({f"{t:.2f}" for t in ticks}) == len(ticks)
        steps = np.diff(ticks)
        assert np.allclose(steps, steps[0]) and steps[0] >= 0.01 - 1e-12
    assert 0.0 not in sl.nice_ticks(-1, 1, skip=(0.0,))


# Descent ---------------------------------------------------------------------------------
def L(w):
    return (w - 4) ** 2 + 1  # LOSS_FORMULA, written by hand


def test_descent_steps_against_a_hand_written_loop():
    ex = sl.derivative_example("x^2", 1)
    w = sl.LOSS_W0
    assert 6 <= len(ex.loss_steps) <= 8
    sizes = []
    for step in ex.loss_steps:
        grad = (L(w + 1e-6) - L(w - 1e-6)) / 2e-6  # central difference
        assert step.w == pytest.approx(w, abs=1e-12)
        assert step.slope == pytest.approx(grad, rel=1e-6, abs=1e-6)
        assert step.slope < 0 and step.direction == 1  # left of the minimum: step right
        w_new = w - sl.LOSS_LR * 2 * (w - 4)
        assert step.w_new == pytest.approx(w_new, abs=1e-12)
        assert step.loss == pytest.approx(L(w), abs=1e-12)
        assert step.loss_new == pytest.approx(L(w_new), abs=1e-12)
        sizes.append(abs(w_new - w))
        w = w_new
    # each step halves (1 - 2 * eta = 0.5): shrinking near the minimum
    assert sizes == pytest.approx([1.6 / 2**k for k in range(len(sizes))], abs=1e-12)


def test_shown_updates_reproduce_at_two_decimals():
    """w - eta * L'(w) = w_new with the numbers as shown (two decimals)."""
    ex = sl.derivative_example("x^2", 1)
    for step in ex.loss_steps:
        w, lr, g, new = (round(v, 2) for v in (step.w, step.lr, step.slope, step.w_new))
        assert round(w - lr * g, 2) == pytest.approx(new, abs=1e-12)


def test_loss_tangents_stay_above_the_w_axis_and_inside():
    ex = sl.derivative_example("x^2", 1)
    (xa, xb), (ya, yb) = ex.loss_window.x_range, ex.loss_window.y_range
    for step in ex.loss_steps:
        for x, y in step.tangent:
            assert xa - 1e-9 <= x <= xb + 1e-9 and ya - 1e-9 <= y <= yb + 1e-9
            assert y == pytest.approx(step.loss + step.slope * (x - step.w), abs=1e-9)


@pytest.mark.parametrize("text, x0", [("1/x", 0), ("abs(x)", 0), ("tan(x)", math.pi / 2)])
def test_refused(text, x0):
    with pytest.raises(InputError) as info:
        sl.derivative_example(text, x0)
    assert "\n" not in str(info.value)
