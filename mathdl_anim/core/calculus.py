"""Calculus for deep learning: derivatives, partial derivatives and the chain rule.

Formulas come from :mod:`mathdl_anim.core.expressions` (parsed safely); derivatives are taken
symbolically with sympy and evaluated with 30 significant digits, and every result is a frozen
dataclass whose ``values()`` records every number a scene shows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import sympy as sp

from mathdl_anim.core.errors import InputError
from mathdl_anim.core.expressions import (
    Formula,
    MagnitudeError,
    difference_quotient,
    evaluate,
    parse_formula,
    shown_constants,
    symbol,
)

__all__ = [
    "clip_samples",
    "MAX_SHOWN",
    "PARTIAL_FORMULA",
    "CHAIN_NAMES",
    "CHAIN_NUDGES",
    "CHAIN_ROOM",
    "derivative_at",
    "check_differentiable",
    "secant_slope",
    "central_difference",
    "clip_line",
    "sample_curve",
    "derivative_example",
    "PartialDerivativesExample",
    "partial_derivatives_example",
    "ChainStage",
    "ChainRuleExample",
    "chain_rule_example",
]

#: Largest value (in magnitude) a scene can show legibly.
MAX_SHOWN = 1e4
#: Number of sample points of a plotted curve.
SAMPLES = 161

#: The function of two weights of PartialDerivatives.
PARTIAL_FORMULA = "w1^2 + w1*w2 + 2*w2^2"
#: Window of the weights in PartialDerivatives.
PARTIAL_RANGE = (-3.0, 3.0)

#: Names of the values along a chain of two or three functions. The output is ``o``: ``y`` is
#: the target everywhere in the lesson.
CHAIN_NAMES = {2: ("x", "u", "o"), 3: ("x", "u", "v", "o")}
#: Nudges of x tried for ChainRule, largest first: the largest whose images all fit.
CHAIN_NUDGES: tuple[float, ...] = (0.2, 0.1, 0.05, 0.02, 0.01)
#: The largest |image of the nudge| ChainRule draws at its true length (its number lines are
#: four units wide); a longer one runs off its line and is labelled with its true length.
CHAIN_ROOM = 1.5

#: A point ``(x, y)``, a segment between two points and a window ``(lo, hi)``.
Point = tuple[float, float]
Segment = tuple[Point, Point]
Window = tuple[float, float]

_DIGITS = 30
_H_CHECK = sp.Rational(1, 10**12)


def _only_variable(formula: Formula) -> sp.Symbol:
    if len(formula.variables) != 1:
        raise InputError(f"expected a formula of one variable, got {', '.join(formula.variables)}")
    return formula.symbols[0]


def _at(expr: sp.Expr, var: sp.Symbol, x: float) -> float | None:
    return evaluate(expr, {var: x}, _DIGITS)


def _one_sided(expr: sp.Expr, var: sp.Symbol, x0: float, h: sp.Expr) -> float | None:
    """``(f(x0 + h) - f(x0)) / h`` computed with high precision (no cancellation)."""
    return difference_quotient(expr, var, x0, h, _DIGITS)


def derivative_at(formula: Formula, x0: float) -> float:
    """The derivative of ``formula`` at ``x0``, symbolic then evaluated (unchecked)."""
    var = _only_variable(formula)
    value = _at(sp.diff(formula.expr, var), var, x0)
    if value is None:
        raise InputError(f"f is not differentiable at x0 = {x0:g}")
    return value


def check_differentiable(formula: Formula, x0: float, name: str = "f") -> tuple[float, float]:
    """Check that ``formula`` is defined and differentiable at ``x0``; return ``(f(x0), f'(x0))``.

    Defined: ``f(x0)`` is a finite real number. Differentiable: the symbolic derivative is finite
    there, and the two one-sided difference quotients with ``h = 1e-12`` (computed with 60 digits)
    agree with it, which catches kinks such as ``abs(x)`` at 0.

    Raises
    ------
    InputError
        With a one-line reason.
    """
    var = _only_variable(formula)
    try:
        f0 = _at(formula.expr, var, x0)
        d = _at(sp.diff(formula.expr, var), var, x0)
        right = _one_sided(formula.expr, var, x0, _H_CHECK)
        left = _one_sided(formula.expr, var, x0, -_H_CHECK)
    except MagnitudeError as exc:
        raise InputError(f"{name} = {formula.text} cannot be evaluated at {x0:g}: {exc}") from None
    if f0 is None:
        raise InputError(f"{name} = {formula.text} is not defined at {x0:g}")
    if d is None or right is None or left is None:
        raise InputError(f"{name} = {formula.text} is not differentiable at {x0:g}")
    tol = 1e-6 * (1 + abs(d))
    if abs(right - d) > tol or abs(left - d) > tol:
        raise InputError(
            f"{name} = {formula.text} is not differentiable at {x0:g} "
            f"(slopes {left:.3g} from the left, {right:.3g} from the right)"
        )
    return f0, d


def secant_slope(formula: Formula, x0: float, h: float) -> float:
    """``(f(x0 + h) - f(x0)) / h``, the slope of the secant line."""
    var = _only_variable(formula)
    try:
        value = _one_sided(formula.expr, var, x0, h)
    except MagnitudeError as exc:
        raise InputError(f"f = {formula.text} cannot be evaluated at x0 + h = {x0 + h:g}: {exc}") from None
    if value is None:
        raise InputError(f"f = {formula.text} is not defined at x0 + h = {x0 + h:g}")
    return value


def central_difference(fn: Callable[[float], float], x0: float, h: float = 1e-6) -> float:
    """``(f(x0 + h) - f(x0 - h)) / (2h)`` for a numeric function ``fn``."""
    return float((fn(x0 + h) - fn(x0 - h)) / (2 * h))


def clip_samples(xs: npt.ArrayLike, ys: npt.ArrayLike, y_range: Window) -> tuple[np.ndarray, np.ndarray]:
    """The samples ``(xs, ys)`` of a curve with the points where it crosses ``y_range``'s edges
    inserted (linear between samples), and ``nan`` outside it: the curve of :func:`clip_line`'s
    kind, ending on the window's edge."""
    lo, hi = y_range
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    out_x: list[float] = []
    out_y: list[float] = []
    for k, (x, y) in enumerate(zip(xs, ys)):
        if k and np.isfinite(y) and np.isfinite(ys[k - 1]):
            x0, y0 = xs[k - 1], ys[k - 1]
            crossings = sorted((e - y0) / (y - y0) for e in (lo, hi) if (y0 - e) * (y - e) < 0)
            for t in crossings:
                out_x.append(x0 + t * (x - x0))
                out_y.append(y0 + t * (y - y0))
        out_x.append(x)
        out_y.append(y if np.isfinite(y) and lo <= y <= hi else np.nan)
    return np.array(out_x), np.array(out_y)


def clip_line(x0: float, y0: float, slope: float, x_range: Window, y_range: Window) -> Segment:
    """The two ends of the line through ``(x0, y0)`` with ``slope`` inside the window."""
    (xa, xb), (ya, yb) = x_range, y_range
    lo, hi = xa, xb
    if slope != 0:
        t1 = x0 + (ya - y0) / slope
        t2 = x0 + (yb - y0) / slope
        lo, hi = max(lo, min(t1, t2)), min(hi, max(t1, t2))
    if lo > hi:
        lo = hi = x0
    return ((lo, y0 + slope * (lo - x0)), (hi, y0 + slope * (hi - x0)))


def sample_curve(
    formula: Formula, x_range: Window, y_range: Window | None = None, n: int = SAMPLES
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Sample ``formula`` on ``x_range``; ``nan`` where undefined or outside ``y_range`` (+10 %)."""
    xs = np.linspace(x_range[0], x_range[1], n)
    ys = formula.numeric()(xs)
    if y_range is not None:
        pad = 0.1 * (y_range[1] - y_range[0])
        ys = np.where((ys >= y_range[0] - pad) & (ys <= y_range[1] + pad), ys, np.nan)
    return xs, ys


def _check_shown(name: str, value: float) -> float:
    if not math.isfinite(value) or abs(value) > MAX_SHOWN:
        raise InputError(f"{name} = {value:.3g} is too large to show (at most {MAX_SHOWN:g})")
    return value


def _window(values: Sequence[float], finite_samples: np.ndarray) -> tuple[float, float]:
    """A y window holding ``values`` and most of the curve."""
    pts = list(values)
    if finite_samples.size:
        pts += list(np.percentile(finite_samples, [3, 97]))
    lo, hi = min(pts), max(pts)
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    pad = 0.12 * (hi - lo)
    return float(lo - pad), float(hi + pad)


# Derivative ------------------------------------------------------------------------------
def derivative_example(f: Formula | str, x0: float) -> Any:
    """DerivativeSlope's numbers: :func:`mathdl_anim.core.slope.derivative_example` (kept here
    for scripts written against the first version)."""
    from mathdl_anim.core.slope import derivative_example as build

    return build(f, x0)


# Partial derivatives ---------------------------------------------------------------------
@dataclass(frozen=True)
class PartialDerivativesExample:
    """A function of two weights at a point: both partials, the gradient, slices and contours.

    Attributes
    ----------
    formula : Formula
        A quadratic with a positive definite Hessian, e.g. :data:`PARTIAL_FORMULA`.
    point : tuple[float, float]
    value : float
        ``L`` at the point.
    partials : tuple[sympy.Expr, sympy.Expr]
        ``dL/dw1`` and ``dL/dw2`` as expressions.
    gradient : tuple[float, float]
        The partials at the point.
    slices : tuple
        For each weight k: ``(ws, Ls)`` with the other weight held at its value.
    slice_tangents : tuple
        For each slice, the ends of the tangent line (slope = the partial).
    contour_levels : tuple[float, ...]
    contours : tuple[np.ndarray, ...]
        One closed curve (n x 2 points, ``nan`` outside the window) per level.
    arrow_scale : float
        The gradient arrow is drawn as ``scale * gradient`` so that it fits the window.
    """

    formula: Formula
    point: tuple[float, float]
    value: float
    partials: tuple[sp.Expr, sp.Expr]
    gradient: tuple[float, float]
    w_range: tuple[float, float]
    slices: tuple[tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]], ...]
    slice_ranges: tuple[Window, ...]
    slice_tangents: tuple[Segment, ...]
    contour_levels: tuple[float, ...]
    contours: tuple[np.ndarray, ...]
    arrow_scale: float

    @property
    def point_level(self) -> int:
        """Index of the contour through the point."""
        return int(np.argmin([abs(c - self.value) for c in self.contour_levels]))

    @property
    def arrow_tip(self) -> tuple[float, float]:
        """End of the drawn gradient arrow (``point + arrow_scale * gradient``)."""
        (p1, p2), (g1, g2) = self.point, self.gradient
        return p1 + self.arrow_scale * g1, p2 + self.arrow_scale * g2

    @property
    def descent_tip(self) -> tuple[float, float]:
        """End of the drawn descent arrow (``point - arrow_scale * gradient``)."""
        (p1, p2), (g1, g2) = self.point, self.gradient
        return p1 - self.arrow_scale * g1, p2 - self.arrow_scale * g2

    @property
    def partial_tex(self) -> tuple[str, str]:
        return tuple(sp.latex(p) for p in self.partials)

    def values(self) -> dict[str, Any]:
        return {
            "point": list(self.point),
            "value": self.value,
            "partials": list(self.gradient),
            "gradient": list(self.gradient),
            "indices": [1, 2],
            "formula_constants": self.formula.constants(),
            "partial_constants": [shown_constants(p) for p in self.partials],
        }


def partial_derivatives_example(
    w1: float, w2: float, f: Formula | str = PARTIAL_FORMULA
) -> PartialDerivativesExample:
    """Partial derivatives of a quadratic ``f(w1, w2)`` at ``(w1, w2)``.

    Raises
    ------
    InputError
        If ``f`` is not a quadratic bowl (positive definite Hessian) or the point is outside
        the window.
    """
    formula = parse_formula(f, ("w1", "w2")) if isinstance(f, str) else f
    s1, s2 = formula.symbols
    lo, hi = PARTIAL_RANGE
    for name, w in (("w1", w1), ("w2", w2)):
        if not lo <= w <= hi:
            raise InputError(f"{name} must be in [{lo:g}, {hi:g}], got {w:g}")
    try:
        poly = sp.Poly(formula.expr, s1, s2)
    except sp.PolynomialError:
        poly = None
    if poly is None or poly.total_degree() != 2:
        raise InputError("the function of two weights must be a quadratic polynomial")
    hessian = np.array(sp.hessian(formula.expr, (s1, s2)), dtype=float)
    if np.any(np.linalg.eigvalsh(hessian) <= 0):
        raise InputError("the function of two weights must be a bowl (positive definite Hessian)")
    point = {s1: w1, s2: w2}
    value = evaluate(formula.expr, point)
    partials = (sp.diff(formula.expr, s1), sp.diff(formula.expr, s2))
    g1, g2 = (evaluate(p, point) for p in partials)
    if value is None or g1 is None or g2 is None:  # a polynomial is defined everywhere
        raise InputError(f"the function of two weights is not defined at ({w1:g}, {w2:g})")
    gradient = (g1, g2)
    fn = formula.numeric()

    # Slices: one weight varies, the other is held fixed.
    ws = np.linspace(lo, hi, SAMPLES)
    slice_values = (fn(ws, np.full_like(ws, w2)), fn(np.full_like(ws, w1), ws))
    slices, ranges, tangents = [], [], []
    for k, (ys, g) in enumerate(zip(slice_values, gradient)):
        y_range = _window([value], ys)
        clipped = np.where((ys >= y_range[0]) & (ys <= y_range[1]), ys, np.nan)
        slices.append((ws, clipped))
        ranges.append(y_range)
        tangents.append(clip_line((w1, w2)[k], value, g, (lo, hi), y_range))

    # Contours: f = c is an ellipse around the minimum m: (w - m)^T (H / 2) (w - m) = c - f(m).
    grad_at_0 = np.array([float(p.subs({s1: 0, s2: 0})) for p in partials])
    minimum = np.linalg.solve(hessian, -grad_at_0)
    f_min = float(fn(*minimum))
    half = hessian / 2
    evals, evecs = np.linalg.eigh(half)
    theta = np.linspace(0, 2 * np.pi, 97)
    unit = np.stack([np.cos(theta), np.sin(theta)])
    rise = value - f_min
    base = rise if rise > 1e-6 else 1.0
    levels = sorted({f_min + base * r for r in (0.25, 1.0, 2.25, 4.0, 6.25, 9.0)})
    contours = []
    for c in levels:
        pts = (evecs @ (np.sqrt((c - f_min) / evals)[:, None] * unit)).T + minimum
        inside = np.all((pts >= lo) & (pts <= hi), axis=1)
        contours.append(np.where(inside[:, None], pts, np.nan))
    norm = float(np.hypot(*gradient))
    scale = min(1.0, 1.5 / norm) if norm > 0 else 1.0
    for p, g in zip((w1, w2), gradient):  # both arrows stay inside the window
        if g != 0:
            scale = min(scale, (hi - abs(p)) / abs(g))
    return PartialDerivativesExample(
        formula,
        (w1, w2),
        value,
        partials,
        gradient,
        (lo, hi),
        tuple(slices),
        tuple(ranges),
        tuple(tangents),
        tuple(levels),
        tuple(contours),
        scale,
    )


# Chain rule ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ChainStage:
    """One function of a chain: ``output = g(input)``.

    Attributes
    ----------
    input_name, output_name : str
    expr : sympy.Expr
        ``g`` written in the input's symbol.
    local : sympy.Expr
        ``dg/d(input)`` in the input's symbol.
    input_value, output_value, local_value : float
    """

    input_name: str
    output_name: str
    expr: sp.Expr
    local: sp.Expr
    input_value: float
    output_value: float
    local_value: float

    @property
    def tex(self) -> str:
        return cast(str, sp.latex(self.expr))

    @property
    def local_tex(self) -> str:
        return cast(str, sp.latex(self.local))


@dataclass(frozen=True)
class ChainRuleExample:
    """``o = g_n(...g_1(x))`` at a point: values forward, local derivatives and their product.

    Attributes
    ----------
    x : float
    stages : tuple[ChainStage, ...]
    derivative : float
        ``dy/dx`` of the whole composition, from sympy.
    partial_products : tuple[float, ...]
        Running products of the local derivatives from x (the last equals the product):
        ``du/dx``, ``dv/dx``, ``do/dx``.
    composition : sympy.Expr
        The whole function of x.
    dx : float
        The nudge of x shown: the largest of :data:`CHAIN_NUDGES` whose images all stay within
        :data:`CHAIN_ROOM` (else the smallest).
    """

    x: float
    stages: tuple[ChainStage, ...]
    derivative: float
    partial_products: tuple[float, ...]
    composition: sp.Expr
    dx: float = 0.1

    @property
    def nudges(self) -> tuple[float, ...]:
        """The nudge on each line, ``dx, du, dv, do``: ``dx`` times the running products (the
        first-order images of ``[x, x + dx]``, signed)."""
        return (self.dx,) + tuple(self.dx * p for p in self.partial_products)

    @property
    def backward_products(self) -> tuple[float, ...]:
        """The products read backwards from the output: ``do/do = 1``, ``do/dv``, ``do/du``, ``do/dx``."""
        out, running = [1.0], 1.0
        for s in reversed(self.stages):
            running *= s.local_value
            out.append(running)
        return tuple(out)

    @property
    def composition_tex(self) -> str:
        """The whole composition as LaTeX (``sympy.latex``)."""
        return cast(str, sp.latex(self.composition))

    @property
    def local_derivatives(self) -> tuple[float, ...]:
        return tuple(s.local_value for s in self.stages)

    @property
    def product(self) -> float:
        return self.partial_products[-1]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.stages[0].input_name,) + tuple(s.output_name for s in self.stages)

    def values(self) -> dict[str, Any]:
        return {
            "x": self.x,
            "forward": [self.x] + [s.output_value for s in self.stages],
            "local_derivatives": list(self.local_derivatives),
            "partial_products": list(self.partial_products),
            "product": self.product,
            "derivative": self.derivative,
            "constants": [shown_constants(s.expr) + shown_constants(s.local) for s in self.stages],
            "composition_constants": shown_constants(self.composition),
            "dx": self.dx,
            "nudges": list(self.nudges),
            "backward_products": list(self.backward_products),
        }


def chain_rule_example(functions: Sequence[Formula | str], x: float) -> ChainRuleExample:
    """Compose two or three functions of one variable and apply the chain rule at ``x``.

    Each function is written in ``x``; the k-th one is applied to the (k-1)-th's output.

    Raises
    ------
    InputError
        If there are not 2 or 3 functions, or a function is not differentiable at its input.
    """
    if len(functions) not in CHAIN_NAMES:
        raise InputError(f"the chain needs 2 or 3 functions, got {len(functions)}")
    names = CHAIN_NAMES[len(functions)]
    formulas = [parse_formula(f) if isinstance(f, str) else f for f in functions]
    stages, value = [], x
    composition: sp.Expr = symbol("x")
    for k, formula in enumerate(formulas):
        var = _only_variable(formula)
        out, local = check_differentiable(formula, value, f"function {k + 1}")
        _check_shown(names[k + 1], out)
        _check_shown(f"d{names[k + 1]}/d{names[k]}", local)
        inp = symbol(names[k])
        expr = formula.expr.subs(var, inp)
        stages.append(ChainStage(names[k], names[k + 1], expr, sp.diff(expr, inp), value, out, local))
        composition = formula.expr.subs(var, composition)
        value = out
    xs = symbol("x")
    try:
        derivative = evaluate(sp.diff(composition, xs), {xs: x})
    except MagnitudeError as exc:
        raise InputError(f"the composition cannot be evaluated at {x:g}: {exc}") from None
    if derivative is None:
        raise InputError("the composition is not differentiable at x")
    products = tuple(float(np.prod([s.local_value for s in stages[: k + 1]])) for k in range(len(stages)))
    _check_shown(f"d{names[-1]}/dx", derivative)
    largest = max(abs(p) for p in products)
    dx = next((h for h in CHAIN_NUDGES if h * largest <= CHAIN_ROOM), CHAIN_NUDGES[-1])
    return ChainRuleExample(x, tuple(stages), derivative, products, composition, dx)
