"""Optimization: gradient descent on one weight, and four optimizers racing on two weights.

Gradient descent on the quadratic ``L(w) = a/2 (w - w*)^2`` has the closed form
``w_k - w* = (1 - lr*a)^k (w_0 - w*)``: it converges when ``|1 - lr*a| < 1``, i.e.
``0 < lr < 2/a``, oscillates when ``lr > 1/a`` and diverges past ``2/a``.

The optimizers (SGD, SGD with momentum, RMSProp, Adam) follow ``torch.optim``'s update rules
with the hyper-parameters of :data:`HYPERPARAMS`, on an elongated quadratic bowl (badly
conditioned) or on Rosenbrock's curved valley; the Optimizers scene's example (their state,
the grid search, the race) is :mod:`mathdl_anim.core.optimizers`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import numpy as np
import numpy.typing as npt

from mathdl_anim.core.errors import InputError

__all__ = [
    "QUADRATIC_A",
    "QUADRATIC_MIN",
    "GDRun",
    "gradient_descent",
    "classify_ratio",
    "OPTIMIZERS",
    "HYPERPARAMS",
    "EPSILON",
    "DEFAULT_STARTS",
    "BLOWUP",
    "Loss2D",
    "LOSSES",
    "bowl_loss",
    "rosenbrock_loss",
    "run_optimizer",
    "contour_segments",
    "path_until",
]

#: Curvature ``a`` and minimum ``w*`` of the default one-weight loss ``a/2 (w - w*)^2 = (w - 1)^2``.
QUADRATIC_A = 2.0
QUADRATIC_MIN = 1.0

#: A window of the map, ``((x_min, x_max), (y_min, y_max))``.
Box = tuple[tuple[float, float], tuple[float, float]]

#: Iterates beyond this magnitude are not followed any further (the run is marked diverged).
BLOWUP = 1e6


# ---------------------------------------------------------------------------------------------
# Gradient descent on one weight
# ---------------------------------------------------------------------------------------------
def classify_ratio(ratio: float) -> str:
    """Name the behaviour of gradient descent whose error is multiplied by ``ratio`` each step.

    ``ratio = 1 - lr*a``: ``"slow"`` for ``ratio > 0.5``, ``"good"`` for ``0 <= ratio <= 0.5``,
    ``"oscillates"`` for ``-1 < ratio < 0``, ``"bounces"`` for ``ratio = -1`` (never settles)
    and ``"diverges"`` for ``|ratio| > 1``.
    """
    if abs(ratio) > 1:
        return "diverges"
    if ratio == -1:
        return "bounces"
    if ratio < 0:
        return "oscillates"
    if ratio > 0.5:
        return "slow"
    return "good"


@dataclass(frozen=True)
class GDRun:
    """Gradient descent with one learning rate.

    Attributes
    ----------
    lr : float
    ratio : float
        ``1 - lr*a``: the factor applied to ``w - w*`` at every step.
    regime : str
        ``slow``, ``good``, ``oscillates``, ``bounces`` or ``diverges`` (see :func:`classify_ratio`).
    iterates : tuple[float, ...]
        ``w_0, w_1, ..., w_steps``.
    losses : tuple[float, ...]
        ``L(w_k)`` for each iterate.
    gradients : tuple[float, ...]
        ``L'(w_k)`` for each iterate.
    """

    lr: float
    ratio: float
    regime: str
    iterates: tuple[float, ...]
    losses: tuple[float, ...]
    gradients: tuple[float, ...]


def gradient_descent(
    lr: float, w0: float, steps: int, a: float = QUADRATIC_A, w_star: float = QUADRATIC_MIN
) -> GDRun:
    """Run ``w <- w - lr * L'(w)`` on ``L(w) = a/2 (w - w*)^2`` for ``steps`` steps.

    Raises
    ------
    InputError
        If ``lr`` or ``a`` is not positive or ``steps`` is negative.
    """
    if not lr > 0:
        raise InputError(f"lr must be positive, got {lr:g}")
    if not a > 0:
        raise InputError(f"the curvature a must be positive, got {a:g}")
    if steps < 0:
        raise InputError(f"steps must be at least 0, got {steps}")
    w = float(w0)
    iterates, losses, grads = [], [], []
    for k in range(steps + 1):
        g = a * (w - w_star)
        iterates.append(w)
        losses.append(0.5 * a * (w - w_star) ** 2)
        grads.append(g)
        if k < steps:
            w = w - lr * g
    ratio = 1.0 - lr * a
    return GDRun(float(lr), ratio, classify_ratio(ratio), tuple(iterates), tuple(losses), tuple(grads))


# ---------------------------------------------------------------------------------------------
# Optimizers on two weights
# ---------------------------------------------------------------------------------------------
#: The optimizers, in the order they are drawn.
OPTIMIZERS: tuple[str, ...] = ("sgd", "momentum", "rmsprop", "adam")

#: Display names.
OPTIMIZER_NAMES: dict[str, str] = {
    "sgd": "SGD",
    "momentum": "Momentum",
    "rmsprop": "RMSProp",
    "adam": "Adam",
}

#: The standard hyper-parameters besides the learning rate (momentum 0.9 as in most
#: references; RMSProp's decay 0.9 as in Hinton's lecture and Keras; Adam's 0.9 / 0.999 from
#: Kingma & Ba, 2015).
HYPERPARAMS: dict[str, dict[str, float]] = {
    "sgd": {},
    "momentum": {"beta": 0.9},
    "rmsprop": {"rho": 0.9},
    "adam": {"beta1": 0.9, "beta2": 0.999},
}

#: The small constant in RMSProp's and Adam's denominators.
EPSILON = 1e-8


@dataclass(frozen=True)
class Loss2D:
    """A loss of two weights.

    Attributes
    ----------
    name : str
        ``"bowl"`` or ``"rosenbrock"``.
    tex : str
        Its formula.
    fn : Callable[[np.ndarray], np.ndarray]
        The loss of ``w`` with shape ``(..., 2)``.
    grad : Callable[[np.ndarray], np.ndarray]
        Its gradient at one point ``w`` of shape ``(2,)``.
    minimum : tuple[float, float]
    constants : tuple[float, ...]
        The numbers written in its formula.
    """

    name: str
    tex: str
    fn: Callable[[np.ndarray], np.ndarray]
    grad: Callable[[np.ndarray], np.ndarray]
    minimum: tuple[float, float]
    constants: tuple[float, ...]


def bowl_loss(steepness: float = 50.0) -> Loss2D:
    """The elongated bowl ``(w1^2 + steepness * w2^2) / 2``: ``steepness`` times steeper across."""
    k = float(steepness)

    def fn(w: npt.ArrayLike) -> npt.NDArray[np.float64]:
        w = np.asarray(w, dtype=float)
        return 0.5 * (w[..., 0] ** 2 + k * w[..., 1] ** 2)

    def grad(w: npt.ArrayLike) -> npt.NDArray[np.float64]:
        w = np.asarray(w, dtype=float)
        return np.array([w[0], k * w[1]])

    tex = rf"L(w) = \tfrac{{1}}{{2}}\left(w_1^2 + {k:g}\, w_2^2\right)"
    return Loss2D("bowl", tex, fn, grad, (0.0, 0.0), (1.0, 2.0, k))


def rosenbrock_loss(b: float = 100.0) -> Loss2D:
    """Rosenbrock's banana ``(1 - w1)^2 + b (w2 - w1^2)^2``, minimum at ``(1, 1)``."""
    b = float(b)

    def fn(w: npt.ArrayLike) -> npt.NDArray[np.float64]:
        w = np.asarray(w, dtype=float)
        return cast(npt.NDArray[np.float64], (1 - w[..., 0]) ** 2 + b * (w[..., 1] - w[..., 0] ** 2) ** 2)

    def grad(w: npt.ArrayLike) -> npt.NDArray[np.float64]:
        w = np.asarray(w, dtype=float)
        r = w[1] - w[0] ** 2
        return np.array([-2 * (1 - w[0]) - 4 * b * w[0] * r, 2 * b * r])

    tex = rf"L(w) = (1 - w_1)^2 + {b:g}\,(w_2 - w_1^2)^2"
    return Loss2D("rosenbrock", tex, fn, grad, (1.0, 1.0), (1.0, 2.0, b))


LOSSES: dict[str, Callable[[], Loss2D]] = {"bowl": bowl_loss, "rosenbrock": rosenbrock_loss}

#: Default starting points.
DEFAULT_STARTS: dict[str, tuple[float, float]] = {"bowl": (-4.0, 1.0), "rosenbrock": (-1.2, 1.0)}


def run_optimizer(
    name: str,
    grad: Callable[[np.ndarray], np.ndarray],
    start: npt.ArrayLike,
    lr: float,
    steps: int,
    **hyper: float,
) -> tuple[np.ndarray, bool]:
    """Iterate optimizer ``name`` from ``start``.

    Parameters
    ----------
    name : str
        One of :data:`OPTIMIZERS`.
    grad : callable
        The gradient of the loss.
    start : array_like, shape (2,)
    lr : float
    steps : int
    **hyper : float
        Overrides of :data:`HYPERPARAMS` (and ``eps``).

    Returns
    -------
    trajectory : np.ndarray, shape (n + 1, 2)
        The start and each iterate; ``n < steps`` when the run blew up (an iterate beyond
        :data:`BLOWUP` or not finite), in which case it stops before that iterate.
    diverged : bool
    """
    if name not in OPTIMIZERS:
        raise InputError(f"unknown optimizer {name!r} (valid: {', '.join(OPTIMIZERS)})")
    h = {**HYPERPARAMS[name], "eps": EPSILON, **hyper}
    w = np.asarray(start, dtype=float).copy()
    first = np.zeros_like(w)  # momentum's v, Adam's m
    second = np.zeros_like(w)  # RMSProp's s, Adam's v
    points = [w.copy()]
    with np.errstate(all="ignore"):
        for t in range(1, steps + 1):
            g = grad(w)
            if name == "sgd":
                new = w - lr * g
            elif name == "momentum":
                first = h["beta"] * first + g
                new = w - lr * first
            elif name == "rmsprop":
                second = h["rho"] * second + (1 - h["rho"]) * g**2
                new = w - lr * g / (np.sqrt(second) + h["eps"])
            else:
                first = h["beta1"] * first + (1 - h["beta1"]) * g
                second = h["beta2"] * second + (1 - h["beta2"]) * g**2
                m_hat = first / (1 - h["beta1"] ** t)
                v_hat = second / (1 - h["beta2"] ** t)
                new = w - lr * m_hat / (np.sqrt(v_hat) + h["eps"])
            if not np.all(np.isfinite(new)) or np.max(np.abs(new)) > BLOWUP:
                return np.array(points), True
            w = new
            points.append(w.copy())
    return np.array(points), False


def contour_segments(
    fn: Callable[[np.ndarray], np.ndarray], box: Box, level: float, n: int = 80
) -> np.ndarray:
    """Line segments of the level set ``fn(w) = level`` inside ``box`` (marching squares).

    Parameters
    ----------
    fn : callable
        Evaluated on an array of points of shape ``(..., 2)``.
    box : tuple[tuple[float, float], tuple[float, float]]
        ``((x_min, x_max), (y_min, y_max))``.
    level : float
    n : int
        Grid cells per side.

    Returns
    -------
    np.ndarray, shape (m, 2, 2)
        Segment end points, each on a grid edge, linearly interpolated.
    """
    (x0, x1), (y0, y1) = box
    xs = np.linspace(x0, x1, n + 1)
    ys = np.linspace(y0, y1, n + 1)
    X, Y = np.meshgrid(xs, ys)  # [row = y index, col = x index]
    F = fn(np.stack([X, Y], axis=-1)) - level
    segments = []
    for i in range(n):
        for j in range(n):
            # corners counter-clockwise: (j, i), (j+1, i), (j+1, i+1), (j, i+1)
            corners = [
                (xs[j], ys[i], F[i, j]),
                (xs[j + 1], ys[i], F[i, j + 1]),
                (xs[j + 1], ys[i + 1], F[i + 1, j + 1]),
                (xs[j], ys[i + 1], F[i + 1, j]),
            ]
            crossings = []
            for k in range(4):
                xa, ya, fa = corners[k]
                xb, yb, fb = corners[(k + 1) % 4]
                if (fa < 0) != (fb < 0):
                    s = fa / (fa - fb)
                    crossings.append((xa + s * (xb - xa), ya + s * (yb - ya)))
            if len(crossings) == 2:
                segments.append(crossings)
            elif len(crossings) == 4:  # saddle cell: pair by the centre's sign
                centre = np.mean([c[2] for c in corners])
                if (centre < 0) == (corners[0][2] < 0):
                    segments += [[crossings[0], crossings[1]], [crossings[2], crossings[3]]]
                else:
                    segments += [[crossings[3], crossings[0]], [crossings[1], crossings[2]]]
    return np.array(segments, dtype=float).reshape(-1, 2, 2)


def path_until(points: npt.NDArray[np.float64], t: float) -> npt.NDArray[np.float64]:
    """The points of a path up to time ``t`` (in steps), the last one interpolated linearly.

    Parameters
    ----------
    points : ndarray, shape (n, d)
        The iterates, one per step.
    t : float
        Steps since the start; ``t >= n - 1`` gives the whole path.

    Returns
    -------
    ndarray, shape (m, d)
        At least two points (a path of one point is that point twice), so it can be drawn.

    Examples
    --------
    >>> path_until(np.array([[0.0, 0.0], [2.0, 0.0], [2.0, 2.0]]), 1.5).tolist()
    [[0.0, 0.0], [2.0, 0.0], [2.0, 1.0]]
    """
    last = len(points) - 1
    if t >= last:
        return points if len(points) > 1 else np.vstack([points, points])
    k = int(np.floor(t))
    head = points[k] + (t - k) * (points[k + 1] - points[k])
    return np.vstack([points[: k + 1], head])
