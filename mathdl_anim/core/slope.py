"""The derivative as a slope and as a rate: every number of DerivativeSlope.

A secant through ``(x0, f(x0))`` and ``(x0 + h, f(x0 + h))`` whose step ``h`` shrinks
continuously until it is the tangent; a zoom on the point until the curve is its tangent line;
the tangent sliding along the curve while its slope traces ``f'(x)``; a nudge of ``x`` by
:data:`NUDGE` moving ``f`` by about ``f'(x0) * NUDGE``; then gradient descent on a loss curve.

The derivative is taken symbolically with sympy and evaluated with 30 significant digits
(:mod:`mathdl_anim.core.calculus`); the curves, the continuous secant and the traced ``f'`` are
numpy evaluations of the same parsed expressions (:meth:`Formula.numeric`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import sympy as sp

from mathdl_anim.core.calculus import (
    MAX_SHOWN,
    check_differentiable,
    clip_line,
    sample_curve,
    secant_slope,
)
from mathdl_anim.core.errors import InputError
from mathdl_anim.core.expressions import Formula, evaluate, parse_formula, shown_constants

__all__ = [
    "H_STEPS",
    "X_WINDOW",
    "ZOOM_FACTORS",
    "NUDGE",
    "LOSS_FORMULA",
    "LOSS_W0",
    "LOSS_LR",
    "LOSS_STEPS",
    "LOSS_RANGE",
    "LOSS_Y_RANGE",
    "nice_ticks",
    "Window",
    "Nudge",
    "LossStep",
    "loss_step",
    "DerivativeExample",
    "derivative_example",
]

#: The stops of the shrinking step h (the secant sweeps continuously through them).
H_STEPS: tuple[float, ...] = (2.0, 1.0, 0.5, 0.25, 0.1, 0.01)
#: Half-width of the x window around x0.
X_WINDOW = 3.0
#: How many times the zoom magnifies x at each of its levels (y as much, or less when the window
#: would become narrower than :data:`MIN_Y_SPAN`).
ZOOM_FACTORS: tuple[float, ...] = (1.0, 4.0, 16.0, 64.0)
#: The narrowest y window of the zoom (its ticks stay at least 0.01 apart: two decimals).
MIN_Y_SPAN = 0.1
#: The nudge of x in the rate beat.
NUDGE = 0.01
#: At most this many labelled ticks on the y-axis of a low plot (the trace beat's two plots).
SHORT_TICKS = 3
#: Number of sample points of a plotted curve, and of the traced derivative.
SAMPLES = 241
TRACE_SAMPLES = 161

#: The loss of the learning beat, its starting weight, learning rate and number of steps: each
#: step halves the distance to the minimum (4), so every shown update is exact at two decimals.
LOSS_FORMULA = "(w - 4)^2 + 1"
LOSS_W0 = 0.8
LOSS_LR = 0.25
LOSS_STEPS = 6
#: The window of the loss plot (w from 0, L from 0: the axes meet in the corner).
LOSS_RANGE = (0.0, 7.0)
LOSS_Y_RANGE = (0.0, 12.0)

Point = tuple[float, float]
Segment = tuple[Point, Point]
Range = tuple[float, float]
NumericFn = Callable[..., npt.NDArray[np.float64]]


def nice_ticks(lo: float, hi: float, most: int = 6, skip: Sequence[float] = ()) -> tuple[float, ...]:
    """Round values inside ``[lo, hi]`` to label an axis.

    Multiples of a step of 1, 2 or 5 (else 4) times a power of ten, at least 0.01 apart (two
    decimals tell them apart); at most ``most`` of them and at least three (else two, even if
    more than ``most``); none in the lowest 8 % of the range (the corner where the two axes meet)
    and none equal to a value of ``skip``.

    Examples
    --------
    >>> nice_ticks(-1.5, 4.5)
    (-1.0, 0.0, 1.0, 2.0, 3.0, 4.0)
    """
    span = hi - lo
    if not span > 0:
        raise ValueError("an empty range has no ticks")

    def labels(step: float) -> tuple[float, ...]:
        start = math.ceil((lo + 0.08 * span) / step - 1e-9)
        stop = math.floor(hi / step + 1e-9)
        values = [round(k * step, 10) + 0.0 for k in range(start, stop + 1)]
        return tuple(v for v in values if not any(abs(v - s) < 1e-12 for s in skip))

    power = 10.0 ** math.floor(math.log10(max(span / most, 0.01)))
    options: list[tuple[float, ...]] = []
    for family in ((1, 2, 5), (1, 2, 4, 5)):
        steps = sorted(m * power * 10.0**e for e in (-1, 0, 1, 2) for m in family)
        options = [labels(step) for step in steps if step >= 0.01 - 1e-12]
        for fewest in (3, 2):
            fitting = [o for o in options if fewest <= len(o) <= most]
            if fitting:
                return fitting[0]
    enough = sorted((o for o in options if len(o) >= 2), key=len)
    return enough[0] if enough else max(options, key=len, default=())


@dataclass(frozen=True)
class Window:
    """A plotting window and the values its axes label.

    Attributes
    ----------
    x_range, y_range : tuple[float, float]
    x_ticks, y_ticks : tuple[float, ...]
        Round values labelled on each axis (:func:`nice_ticks`); 0 is left out where the two
        axes cross at the origin.
    """

    x_range: Range
    y_range: Range
    x_ticks: tuple[float, ...]
    y_ticks: tuple[float, ...]


def _window(x_range: Range, y_range: Range, most_y: int = 6) -> Window:
    """The window with its labelled ticks; ``most_y`` fewer for a low plot."""
    (xa, xb), (ya, yb) = x_range, y_range
    crossing = xa < 0 < xb and ya < 0 < yb  # the axes cross at the origin, inside the plot
    skip = (0.0,) if crossing else ()
    return Window(x_range, y_range, nice_ticks(xa, xb, skip=skip), nice_ticks(ya, yb, most_y, skip=skip))


def _padded(values: Sequence[float], pad: float = 0.12) -> Range:
    lo, hi = float(min(values)), float(max(values))
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    return lo - pad * (hi - lo), hi + pad * (hi - lo)


def _run_around(xs: np.ndarray, ok: np.ndarray, x0: float) -> tuple[int, int]:
    """The first and last index of the run of ``ok`` samples holding the sample nearest ``x0``."""
    k = int(np.argmin(np.abs(xs - x0)))
    if not ok[k]:
        return k, k
    lo = k
    while lo > 0 and ok[lo - 1]:
        lo -= 1
    hi = k
    while hi < len(xs) - 1 and ok[hi + 1]:
        hi += 1
    return lo, hi


def _check_shown(name: str, value: float) -> float:
    if not math.isfinite(value) or abs(value) > MAX_SHOWN:
        raise InputError(f"{name} = {value:.3g} is too large to show (at most {MAX_SHOWN:g})")
    return value


# Loss curve ------------------------------------------------------------------------------
@dataclass(frozen=True)
class LossStep:
    """One gradient-descent step on a loss curve ``L(w)``.

    Attributes
    ----------
    w, loss, slope : float
        The current weight, ``L(w)`` and ``L'(w)``.
    lr : float
        The learning rate.
    w_new, loss_new : float
        ``w - lr * slope`` and the loss there.
    tangent : tuple
        Ends of the tangent line near ``w`` inside the window (it never runs below the w-axis).
    """

    w: float
    loss: float
    slope: float
    lr: float
    w_new: float
    loss_new: float
    tangent: Segment

    @property
    def direction(self) -> int:
        """+1 when the step increases w (negative slope), -1 otherwise."""
        return 1 if self.slope < 0 else -1

    def values(self) -> dict[str, Any]:
        return {
            "w": self.w,
            "loss": self.loss,
            "slope": self.slope,
            "step": self.w_new - self.w,
            "w_new": self.w_new,
            "loss_new": self.loss_new,
        }


def loss_step(
    loss: Formula, w: float, lr: float, x_range: Range, y_range: Range, reach: float = 1.2
) -> LossStep:
    """Take one step ``w - lr * L'(w)`` on the loss curve ``loss``; its tangent spans
    ``w - reach`` to ``w + reach`` at most."""
    value, slope = check_differentiable(loss, w, "L")
    w_new = w - lr * slope
    loss_new = evaluate(loss.expr, {loss.symbols[0]: w_new})
    if loss_new is None:
        raise InputError(f"L is not defined at {w_new:g}")
    near = (max(x_range[0], w - reach), min(x_range[1], w + reach))
    return LossStep(w, value, slope, lr, w_new, loss_new, clip_line(w, value, slope, near, y_range))


# The rate beat ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Nudge:
    """``x`` nudged by ``dx``: how far ``f`` moves, truly and to first order.

    Attributes
    ----------
    dx : float
    df : float
        ``f(x0 + dx) - f(x0)`` (30 digits).
    df_linear : float
        ``f'(x0) * dx``: the move the tangent predicts.
    """

    dx: float
    df: float
    df_linear: float

    def values(self) -> dict[str, Any]:
        return {"dx": self.dx, "df": self.df, "df_linear": self.df_linear}


# The example -----------------------------------------------------------------------------
@dataclass(frozen=True)
class DerivativeExample:
    """Every number of DerivativeSlope.

    Attributes
    ----------
    formula : Formula
    x0, f_x0, slope : float
        The point and the derivative ``f'(x0)`` (symbolic, evaluated with 30 digits).
    derivative : sympy.Expr
        ``f'(x)``.
    hs, secant_slopes : tuple[float, ...]
        The stops of the continuous step h (from :data:`H_STEPS`, the largest that keeps the
        sweep on one smooth, visible piece of the curve; negated when it has to come from the
        left) and the slopes ``(f(x0 + h) - f(x0)) / h`` there.
    secant_points : tuple[tuple[float, float], ...]
        ``(x0 + h, f(x0 + h))``.
    tangent : tuple
        Ends of the tangent line inside the window.
    window : Window
        The plot of f.
    trace_window : Window
        The same window with fewer y ticks, for the low plot of f above the plot of ``f'``.
    curve : tuple[np.ndarray, np.ndarray]
        Samples of f (``nan`` where undefined or outside the window).
    zoom : tuple[Window, ...]
        The windows of the zoom on ``(x0, f(x0))``: :data:`ZOOM_FACTORS` times smaller, the point
        fixed on screen.
    zoom_y_factors : tuple[float, ...]
        How much each zoom level magnifies y.
    nudge : Nudge
    trace_range : tuple[float, float]
        Where the tangent slides: the smooth piece of the curve around x0 inside the window.
    derivative_window : Window
        The plot of ``f'`` under the plot of f (same x range).
    trace : tuple[np.ndarray, np.ndarray]
        Samples of ``f'`` over :attr:`trace_range`.
    loss : Formula
    loss_steps : tuple[LossStep, ...]
    loss_window : Window
    loss_curve : tuple[np.ndarray, np.ndarray]
    """

    formula: Formula
    x0: float
    f_x0: float
    slope: float
    derivative: sp.Expr
    hs: tuple[float, ...]
    secant_slopes: tuple[float, ...]
    secant_points: tuple[Point, ...]
    tangent: Segment
    window: Window
    trace_window: Window
    curve: tuple[np.ndarray, np.ndarray]
    zoom: tuple[Window, ...]
    zoom_y_factors: tuple[float, ...]
    nudge: Nudge
    trace_range: Range
    derivative_window: Window
    trace: tuple[np.ndarray, np.ndarray]
    loss: Formula
    loss_steps: tuple[LossStep, ...]
    loss_window: Window
    loss_curve: tuple[np.ndarray, np.ndarray]
    fn: NumericFn = field(repr=False, compare=False, default=None)  # type: ignore[assignment]
    dfn: NumericFn = field(repr=False, compare=False, default=None)  # type: ignore[assignment]

    # Kept for scripts written against the first version of the scene.
    @property
    def x_range(self) -> Range:
        return self.window.x_range

    @property
    def y_range(self) -> Range:
        return self.window.y_range

    @property
    def derivative_tex(self) -> str:
        return cast(str, sp.latex(self.derivative))

    # The continuous secant -------------------------------------------------------------
    def secant_at(self, h: float) -> tuple[float, Point]:
        """The secant's slope and its second point for any ``h`` between the stops.

        At a stop it is the recorded (30-digit) value; between stops a numpy evaluation.
        """
        for stop, s, p in zip(self.hs, self.secant_slopes, self.secant_points):
            if abs(h - stop) <= 1e-12 * max(1.0, abs(stop)):
                return s, p
        f1 = float(self.fn(self.x0 + h))
        return (f1 - self.f_x0) / h, (self.x0 + h, f1)

    # The zoom ----------------------------------------------------------------------------
    def zoom_window(self, depth: float) -> tuple[Range, Range]:
        """The window at a continuous zoom depth: 0 is the plot, ``len(zoom) - 1`` the deepest
        level; between levels the magnification grows geometrically about ``(x0, f(x0))``."""
        k = min(int(depth), len(self.zoom) - 2)
        t = depth - k
        fx = ZOOM_FACTORS[k] * (ZOOM_FACTORS[k + 1] / ZOOM_FACTORS[k]) ** t
        fy = self.zoom_y_factors[k] * (self.zoom_y_factors[k + 1] / self.zoom_y_factors[k]) ** t
        (xa, xb), (ya, yb) = self.window.x_range, self.window.y_range
        p, q = self.x0, self.f_x0
        return (p + (xa - p) / fx, p + (xb - p) / fx), (q + (ya - q) / fy, q + (yb - q) / fy)

    def curve_in(self, x_range: Range, y_range: Range, n: int = 121) -> tuple[np.ndarray, np.ndarray]:
        """Samples of f over ``x_range``, ``nan`` outside ``y_range`` (no margin)."""
        xs = np.linspace(x_range[0], x_range[1], n)
        ys = self.fn(xs)
        return xs, np.where((ys >= y_range[0]) & (ys <= y_range[1]), ys, np.nan)

    # The traced derivative ---------------------------------------------------------------
    def point_at(self, x: float) -> tuple[float, float]:
        """``(f(x), f'(x))`` anywhere on the trace (numpy); the recorded values at its ends and x0."""
        if abs(x - self.x0) < 1e-12:
            return self.f_x0, self.slope
        return float(self.fn(x)), float(self.dfn(x))

    @property
    def trace_slopes(self) -> tuple[float, float]:
        """``f'`` at the two ends of the trace."""
        return float(self.dfn(self.trace_range[0])), float(self.dfn(self.trace_range[1]))

    def values(self) -> dict[str, Any]:
        return {
            "x0": self.x0,
            "f_x0": self.f_x0,
            "slope": self.slope,
            "hs": list(self.hs),
            "secant_slopes": list(self.secant_slopes),
            "secant_points": [list(p) for p in self.secant_points],
            "formula_constants": self.formula.constants(),
            "derivative_constants": shown_constants(self.derivative),
            "zoom_factors": list(ZOOM_FACTORS),
            "nudge": self.nudge.values(),
            "trace_x": list(self.trace_range),
            "trace_slopes": list(self.trace_slopes),
            "loss_constants": self.loss.constants(),
            "loss_lr": LOSS_LR,
            "loss_steps": [s.values() for s in self.loss_steps],
            "subscripts": [0],
        }


def _sweep(fn: NumericFn, x0: float, y_range: Range) -> tuple[float, ...]:
    """The stops of h: from the largest step whose whole sweep ``[x0, x0 + h]`` is defined and
    inside the y window (no pole or jump crossed), trying the right side first."""
    for h in H_STEPS:
        for side in (1.0, -1.0):
            xs = np.linspace(x0, x0 + side * h, 201)
            ys = fn(xs)
            if np.all(np.isfinite(ys)) and np.all((ys >= y_range[0]) & (ys <= y_range[1])):
                return tuple(side * s for s in H_STEPS if s <= h)
    raise InputError("f has no smooth piece inside the plot beside x0 (poles or jumps too close)")


def derivative_example(f: Formula | str, x0: float) -> DerivativeExample:
    """Every number of DerivativeSlope for ``f`` at ``x0``.

    Raises
    ------
    InputError
        If f is not defined or not differentiable at x0, has no smooth piece beside x0 for the
        secants, or its numbers are too large to show.
    """
    formula = parse_formula(f) if isinstance(f, str) else f
    if len(formula.variables) != 1:
        raise InputError(f"expected a formula of one variable, got {', '.join(formula.variables)}")
    var = formula.symbols[0]
    f_x0, slope = check_differentiable(formula, x0)
    _check_shown("f(x0)", f_x0)
    _check_shown("f'(x0)", slope)
    derivative = sp.diff(formula.expr, var)
    shown_constants(derivative)  # refuses derivatives that cannot be displayed
    fn = formula.numeric()
    dfn = Formula("f'", derivative, formula.variables).numeric()

    # The window: the smooth piece of f around x0, without its steepest 5 % at either end.
    x_range = (x0 - X_WINDOW, x0 + X_WINDOW)
    xs = np.linspace(*x_range, SAMPLES)
    ys = fn(xs)
    a, b = _run_around(xs, np.isfinite(ys), x0)
    piece = ys[a : b + 1]
    lo, hi = np.percentile(piece, [5, 95]) if piece.size > 1 else (f_x0, f_x0)
    y_range = _padded([lo, hi, f_x0, f_x0 - 0.75 * slope, f_x0 + 0.75 * slope])
    window = _window(x_range, y_range)

    hs = _sweep(fn, x0, y_range)
    slopes, points = [], []
    for h in hs:
        s = _check_shown("a secant slope", secant_slope(formula, x0, h))
        slopes.append(s)
        points.append((x0 + h, f_x0 + h * s))
    tangent = clip_line(x0, f_x0, slope, x_range, y_range)
    curve = sample_curve(formula, x_range, y_range, SAMPLES)

    # The zoom: x magnified by ZOOM_FACTORS, y as much, but never to less than MIN_Y_SPAN nor
    # to less than the tangent's rise across the window (a steep tangent stays on screen).
    span_x, span_y = x_range[1] - x_range[0], y_range[1] - y_range[0]
    y_factors = tuple(
        min(z, max(1.0, span_y / max(MIN_Y_SPAN, 1.2 * abs(slope) * span_x / z))) for z in ZOOM_FACTORS
    )
    (xa, xb), (ya, yb) = x_range, y_range
    zoom = tuple(
        _window(
            (x0 + (xa - x0) / fx, x0 + (xb - x0) / fx),
            (f_x0 + (ya - f_x0) / fy, f_x0 + (yb - f_x0) / fy),
        )
        for fx, fy in zip(ZOOM_FACTORS, y_factors)
    )

    # The nudge: to the right unless f is undefined there.
    dx = NUDGE
    f1 = evaluate(formula.expr, {var: x0 + dx})
    if f1 is None:
        dx = -NUDGE
        f1 = evaluate(formula.expr, {var: x0 + dx})
    if f1 is None:
        raise InputError(f"f is not defined at x0 +- {NUDGE:g}")
    nudge = Nudge(dx, f1 - f_x0, slope * dx)

    # The trace: the piece of the curve inside the window where f' stays in its own window.
    inside = np.isfinite(ys) & (ys >= y_range[0]) & (ys <= y_range[1]) & np.isfinite(dfn(xs))
    a, b = _run_around(xs, inside, x0)
    if b - a < 2:
        raise InputError("f leaves the plot right beside x0: no room to slide the tangent")
    ds = dfn(xs[a : b + 1])
    dlo, dhi = np.percentile(ds, [5, 95])
    d_range = _padded([min(dlo, 0.0), max(dhi, 0.0), slope])
    ok = inside & (dfn(xs) >= d_range[0]) & (dfn(xs) <= d_range[1])
    a, b = _run_around(xs, ok, x0)
    if b - a < 2:
        raise InputError("f' leaves its plot right beside x0: no room to slide the tangent")
    trace_range = (float(xs[a]), float(xs[b]))
    for v in (float(dfn(xs[a])), float(dfn(xs[b]))):
        _check_shown("a slope along the curve", v)
    txs = np.linspace(*trace_range, TRACE_SAMPLES)
    trace = (txs, dfn(txs))

    loss = parse_formula(LOSS_FORMULA, ("w",))
    steps, w = [], LOSS_W0
    for _ in range(LOSS_STEPS):
        step = loss_step(loss, w, LOSS_LR, LOSS_RANGE, LOSS_Y_RANGE)
        steps.append(step)
        w = step.w_new
    return DerivativeExample(
        formula=formula,
        x0=x0,
        f_x0=f_x0,
        slope=slope,
        derivative=derivative,
        hs=hs,
        secant_slopes=tuple(slopes),
        secant_points=tuple(points),
        tangent=tangent,
        window=window,
        trace_window=_window(x_range, y_range, SHORT_TICKS),
        curve=curve,
        zoom=zoom,
        zoom_y_factors=y_factors,
        nudge=nudge,
        trace_range=trace_range,
        derivative_window=_window(x_range, d_range, SHORT_TICKS),
        trace=trace,
        loss=loss,
        loss_steps=tuple(steps),
        loss_window=_window(LOSS_RANGE, LOSS_Y_RANGE),
        loss_curve=sample_curve(loss, LOSS_RANGE, LOSS_Y_RANGE),
        fn=fn,
        dfn=dfn,
    )
