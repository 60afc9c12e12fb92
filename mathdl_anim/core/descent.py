"""Why a model does (not) converge: gradient descent on one weight, as the GradientDescent scene
shows it.

On the quadratic ``L(w) = a/2 (w - w*)^2`` the curvature ``a = L''(w)`` is the same everywhere and
one step ``w <- w - lr L'(w)`` multiplies the distance to the minimum by ``1 - lr*a``:

    w_k - w* = (1 - lr*a)^k (w_0 - w*),   so   log|w_k - w*| = log|w_0 - w*| + k log|1 - lr*a|.

On a log axis each learning rate's error is a straight line of slope ``log|1 - lr*a|``: it falls
exactly when ``|1 - lr*a| < 1``, i.e. ``0 < lr < 2/a``. The sign of ``1 - lr*a`` is the side of the
minimum the weight lands on: two rates with the same ``|1 - lr*a|`` (symmetric about ``1/a``)
end at the same distance, one from one side, the other alternating sides.

The runs themselves are :func:`~mathdl_anim.core.optimization.gradient_descent`'s; this module adds
what the scene draws around them: the errors, the factors and slopes, the twins, the tangent
sweep that defines ``a``, and the window each panel shows at each step (a panel zooms out to
follow a diverging weight; it never clamps it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from mathdl_anim.core.errors import InputError
from mathdl_anim.core.formatting import format_tex
from mathdl_anim.core.optimization import QUADRATIC_A, QUADRATIC_MIN, GDRun, gradient_descent
from mathdl_anim.core.scales import log_exponents

__all__ = [
    "NICE",
    "FILL",
    "nice_ceil",
    "DescentExample",
    "descent_example",
]

#: A window's half-width is one of these times a power of ten (its ticks stay round numbers).
NICE = (1.0, 2.0, 2.5, 5.0)
#: A weight is kept within this fraction of its panel's half-width (the rest is margin).
FILL = 0.9


def nice_ceil(x: float) -> float:
    """The smallest ``m * 10**p`` (``m`` in :data:`NICE`) that is at least ``x`` (``x > 0``).

    Examples
    --------
    >>> nice_ceil(3.75), nice_ceil(5.0), nice_ceil(5.37), nice_ceil(0.3)
    (5.0, 5.0, 10.0, 0.5)
    """
    if not x > 0 or not math.isfinite(x):
        raise ValueError(f"nice_ceil needs a positive finite number, got {x!r}")
    power = 10.0 ** math.floor(math.log10(x))
    for m in (*NICE, 10.0):
        if m * power >= x * (1 - 1e-12):
            return m * power
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class DescentExample:
    """Gradient descent on ``L(w) = a/2 (w - w*)^2`` from ``w0``, with one to four learning rates.

    Attributes
    ----------
    a : float
        The curvature ``L''(w)``.
    w_star, w0 : float
        The minimum and the common start.
    steps : int
    runs : tuple[GDRun, ...]
        One run per learning rate, in the order given.
    windows : tuple[tuple[float, ...], ...]
        Per run, per step ``k = 0 .. steps - 1``: the half-width of the window of ``w`` (centred
        on ``w*``) while the weight jumps from ``w_k`` to ``w_{k+1}``. Every panel starts with the
        same window (compared plots share a scale); a window only grows, to the next round size,
        when the weight would otherwise come closer than :data:`FILL` of it to the edge.
    """

    a: float
    w_star: float
    w0: float
    steps: int
    runs: tuple[GDRun, ...]
    windows: tuple[tuple[float, ...], ...]

    # The loss ---------------------------------------------------------------------------
    def loss(self, w: float) -> float:
        """``L(w) = a/2 (w - w*)^2``."""
        return 0.5 * self.a * (w - self.w_star) ** 2

    def slope(self, w: float) -> float:
        """``L'(w) = a (w - w*)``."""
        return self.a * (w - self.w_star)

    @property
    def loss_tex(self) -> str:
        """``L(w)`` in LaTeX: ``(w - 1)^2`` when ``a = 2``."""
        inner = self._shifted_tex()
        if self.a == 2:
            return rf"L(w) = {inner}^2"
        return rf"L(w) = \tfrac{{{format_tex(self.a)}}}{{2}}{inner}^2"

    @property
    def derivative_tex(self) -> str:
        """``L'(w) = a (w - w*)`` in LaTeX."""
        return rf"L'(w) = {format_tex(self.a)}{self._shifted_tex()}"

    @property
    def offset_tex(self) -> str:
        """``w - w*`` in LaTeX with the minimum's number: ``w - 1`` (just ``w`` when ``w* = 0``)."""
        if self.w_star == 0:
            return "w"
        sign = "-" if self.w_star > 0 else "+"
        return rf"w {sign} {format_tex(abs(self.w_star))}"

    def _shifted_tex(self) -> str:
        return "w" if self.w_star == 0 else f"({self.offset_tex})"

    # The thresholds ---------------------------------------------------------------------
    @property
    def threshold(self) -> float:
        """``2/a``: the learning rates below it converge, those above it diverge."""
        return 2.0 / self.a

    @property
    def best_lr(self) -> float:
        """``1/a``: the learning rate that lands on the minimum in one step."""
        return 1.0 / self.a

    # What each run shows ----------------------------------------------------------------
    @property
    def base_window(self) -> float:
        """The half-width every panel starts with: the start with a quarter to spare."""
        return nice_ceil(1.25 * max(abs(self.w0 - self.w_star), 1.0))

    def errors(self, n: int) -> tuple[float, ...]:
        """``|w_k - w*|`` of run ``n``, ``k = 0 .. steps``."""
        return tuple(abs(w - self.w_star) for w in self.runs[n].iterates)

    def offsets(self, n: int) -> tuple[float, ...]:
        """``w_k - w*`` of run ``n``, ``k = 0 .. steps``: the signed distance the readout shows
        (its sign is the side of the minimum; the loss is its square times ``a/2``)."""
        return tuple(w - self.w_star for w in self.runs[n].iterates)

    def factor(self, n: int) -> float:
        """``|1 - lr*a|`` of run ``n``: its error is multiplied by this at every step."""
        return abs(self.runs[n].ratio)

    def log_slope(self, n: int) -> float | None:
        """``log10|1 - lr*a|``: the slope of run ``n``'s error line on a log10 axis, per step
        (``None`` when the factor is 0: the weight lands on the minimum in one step)."""
        f = self.factor(n)
        return math.log10(f) if f > 0 else None

    def moves(self, n: int) -> tuple[float, ...]:
        """``-lr L'(w_k) = w_{k+1} - w_k`` of run ``n``: the step arrows, ``k = 0 .. steps - 1``."""
        run = self.runs[n]
        return tuple(-run.lr * g for g in run.gradients[:-1])

    @property
    def twins(self) -> tuple[tuple[int, int], ...]:
        """Pairs ``(i, j)``, ``i < j``, of runs with the same ``|1 - lr*a|`` and opposite signs of
        ``1 - lr*a``: they end at the same distance, one from one side, one alternating."""
        out = []
        for i, ri in enumerate(self.runs):
            for j in range(i + 1, len(self.runs)):
                rj = self.runs[j]
                if ri.ratio * rj.ratio < 0 and math.isclose(abs(ri.ratio), abs(rj.ratio), rel_tol=1e-9):
                    out.append((i, j))
        return tuple(out)

    @property
    def error_exponents(self) -> tuple[int, int]:
        """Integer exponents ``(low, high)`` of the log axis of the errors: every positive error
        lies in ``[10**low, 10**high]``."""
        errors = [e for n in range(len(self.runs)) for e in self.errors(n) if e > 0]
        return log_exponents(errors, max_decades=None)

    @property
    def sweep(self) -> tuple[float, ...]:
        """The tangent's stops when ``a`` is defined: the start, the minimum, the start's mirror."""
        return (self.w0, self.w_star, 2 * self.w_star - self.w0)

    @property
    def ratio_range(self) -> tuple[float, float]:
        """The window of ``1 - lr*a`` on the factor plot: every run's, and -1 to 1, with room."""
        lows = [r.ratio for r in self.runs] + [-1.0]
        return min(lows) - 0.2, 1.2

    @property
    def lr_range(self) -> float:
        """The largest learning rate on the factor plot: past ``2/a`` and every run's, round."""
        top = max([self.threshold] + [r.lr for r in self.runs])
        return nice_ceil(1.15 * top)

    def values(self) -> dict[str, Any]:
        n_runs = range(len(self.runs))
        return {
            "a": self.a,
            "w_star": self.w_star,
            "w0": self.w0,
            "steps": self.steps,
            "step_numbers": list(range(self.steps + 1)),
            "threshold": self.threshold,
            "best_lr": self.best_lr,
            "lr": [r.lr for r in self.runs],
            "ratios": [r.ratio for r in self.runs],
            "regimes": [r.regime for r in self.runs],
            "iterates": [list(r.iterates) for r in self.runs],
            "losses": [list(r.losses) for r in self.runs],
            "gradients": [list(r.gradients) for r in self.runs],
            "moves": [list(self.moves(n)) for n in n_runs],
            "errors": [list(self.errors(n)) for n in n_runs],
            "offsets": [list(self.offsets(n)) for n in n_runs],
            "factors": [self.factor(n) for n in n_runs],
            "log_slopes": [self.log_slope(n) for n in n_runs],
            "twins": [list(p) for p in self.twins],
            "windows": [list(w) for w in self.windows],
            "sweep": list(self.sweep),
            "sweep_slopes": [self.slope(w) for w in self.sweep],
            "error_exponents": list(self.error_exponents),
            "lr_range": self.lr_range,
            "ratio_range": list(self.ratio_range),
            # the 1 of w_{k+1} and of 1 - lr*a, the 2 of the square and of 2/a, the 0 of w_0
            "constants": [0, 1, 2],
        }


def _windows(errors: Sequence[float], base: float) -> tuple[float, ...]:
    """A panel's half-width at each step: at least ``base``, never shrinking, and holding both
    ends of every jump within :data:`FILL` of the edge."""
    out, half = [], base
    for k in range(len(errors) - 1):
        need = max(errors[k], errors[k + 1]) / FILL
        if need > half:
            half = nice_ceil(need)
        out.append(half)
    return tuple(out)


def descent_example(
    lr: Sequence[float] | float = (0.1, 0.4, 0.9, 1.05),
    w0: float = -2.0,
    steps: int = 12,
    a: float = QUADRATIC_A,
    w_star: float = QUADRATIC_MIN,
) -> DescentExample:
    """Gradient descent from ``w0`` with each learning rate of ``lr`` (one to four of them).

    Raises
    ------
    InputError
        If there are not 1 to 4 rates, a rate is not positive, ``steps`` is below 1, or ``w0``
        is the minimum itself (there is then nothing to descend).
    """
    rates = [float(x) for x in np.atleast_1d(np.asarray(lr, dtype=float))]
    if not 1 <= len(rates) <= 4:
        raise InputError(f"lr must hold 1 to 4 learning rates, got {len(rates)}")
    if steps < 1:
        raise InputError(f"steps must be at least 1, got {steps}")
    if w0 == w_star:
        raise InputError(f"w0 must differ from the minimum w* = {w_star:g}, got {w0:g}")
    runs = tuple(gradient_descent(r, w0, steps, a, w_star) for r in rates)
    partial = DescentExample(float(a), float(w_star), float(w0), int(steps), runs, ())
    base = partial.base_window
    windows = tuple(_windows(partial.errors(n), base) for n in range(len(runs)))
    return DescentExample(float(a), float(w_star), float(w0), int(steps), runs, windows)
