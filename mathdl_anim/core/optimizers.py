"""Optimizers on a loss of two weights: why the update rule matters, and a fair race.

The update rules are PyTorch's ``torch.optim`` (https://pytorch.org/docs/stable/optim.html),
with ``g`` the gradient at the current weights ``w`` and ``t`` the step number (from 1):

* ``SGD(lr)``: ``w <- w - lr g``.
* ``SGD(lr, momentum=beta)`` (dampening 0, no Nesterov): ``v <- beta v + g`` (``v = g`` at the
  first step, which is the same from ``v = 0``), ``w <- w - lr v``.
* ``RMSprop(lr, alpha=rho, eps)``: ``s <- rho s + (1 - rho) g^2``,
  ``w <- w - lr g / (sqrt(s) + eps)``. Here ``rho = 0.9`` (Hinton's lecture, Keras); torch's
  default ``alpha`` is 0.99 (:data:`TORCH_DEFAULTS`), said on screen.
* ``Adam(lr, betas=(beta1, beta2), eps)``: ``m <- beta1 m + (1 - beta1) g``,
  ``v <- beta2 v + (1 - beta2) g^2``,
  ``w <- w - lr (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)`` (torch's defaults).

The loss is the narrow bowl ``(w1^2 + 50 w2^2) / 2`` or Rosenbrock's valley
(:mod:`mathdl_anim.core.optimization`). Its curvatures are the eigenvalues of the Hessian at the
minimum: plain gradient descent (SGD) settles across the steep direction only when
``|1 - lr a_steep| < 1``, i.e. ``lr < 2 / a_steep`` (the GradientDescent scene), and then keeps
``1 - lr a_shallow`` of its distance along the shallow direction at every step.

Each optimizer races at its own best learning rate, chosen from a small grid
(:func:`grid_search`): the rate with the lowest loss after the same number of steps from the
same start.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from mathdl_anim.core.errors import InputError
from mathdl_anim.core.optimization import (
    BLOWUP,
    DEFAULT_STARTS,
    EPSILON,
    HYPERPARAMS,
    LOSSES,
    OPTIMIZER_NAMES,
    OPTIMIZERS,
    Loss2D,
    contour_segments,
)
from mathdl_anim.core.scales import MAX_DECADES, log_exponents

__all__ = [
    "DEFAULT_GRIDS",
    "TORCH_DEFAULTS",
    "RULES_TEX",
    "MAX_GRID",
    "MAX_DECADES",
    "Run",
    "run",
    "GridSearch",
    "grid_search",
    "clip_path",
    "Curvature",
    "curvature",
    "Ellipse",
    "rescaled_ellipse",
    "OptimizersExample",
    "optimizers_example",
]

Array = npt.NDArray[np.float64]

#: The learning rates tried for each loss (about 3 times apart, around each optimizer's best).
DEFAULT_GRIDS: dict[str, tuple[float, ...]] = {
    "bowl": (0.003, 0.01, 0.03, 0.1, 0.3, 1.0),
    "rosenbrock": (0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3),
}

#: Where our hyper-parameters differ from ``torch.optim``'s defaults: RMSprop's ``alpha``.
TORCH_DEFAULTS: dict[str, dict[str, float]] = {"rmsprop": {"rho": 0.99}}

#: The update rules as the scene writes them (``g``: the gradient at ``w``; ``t``: the step);
#: Adam's bias correction on a line of its own, so that no rule is a tall fraction.
RULES_TEX: dict[str, tuple[str, ...]] = {
    "sgd": (r"w \leftarrow w - \eta\, g",),
    "momentum": (r"v \leftarrow \beta v + g", r"w \leftarrow w - \eta\, v"),
    "rmsprop": (
        r"s \leftarrow \rho s + (1 - \rho)\, g^2",
        r"w \leftarrow w - \eta\, g / (\sqrt{s} + \epsilon)",
    ),
    "adam": (
        r"m \leftarrow \beta_1 m + (1 - \beta_1)\, g",
        r"v \leftarrow \beta_2 v + (1 - \beta_2)\, g^2",
        r"\hat m = m / (1 - \beta_1^t), \;\; \hat v = v / (1 - \beta_2^t)",
        r"w \leftarrow w - \eta\, \hat m / (\sqrt{\hat v} + \epsilon)",
    ),
}

#: At most this many learning rates in a grid (the table must stay readable).
MAX_GRID = 8


# ---------------------------------------------------------------------------------------------
# One optimizer's run, with its state
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Run:
    """One optimizer from one start at one learning rate.

    Attributes
    ----------
    name : str
        One of :data:`~mathdl_anim.core.optimization.OPTIMIZERS`.
    lr : float
    hyper : dict[str, float]
        Its other hyper-parameters.
    trajectory : ndarray, shape (n + 1, 2)
        The start and each iterate (``n < steps`` if the run blew up).
    steps : ndarray, shape (n, 2)
        Each update ``w_{t} - w_{t-1}``.
    gradients : ndarray, shape (n, 2)
        The gradient used by each update.
    rates : ndarray, shape (n, 2)
        The learning rate each coordinate got at each update: ``lr`` for SGD and momentum,
        ``lr / (sqrt(s) + eps)`` for RMSProp, ``lr / ((sqrt(v / (1 - beta2^t)) + eps)(1 - beta1^t))``
        for Adam (so that the update is ``-rates * v`` or ``-rates * m`` or ``-rates * g``).
    losses : ndarray, shape (n + 1,)
    diverged : bool
    """

    name: str
    lr: float
    hyper: dict[str, float]
    trajectory: Array
    steps: Array
    gradients: Array
    rates: Array
    losses: Array
    diverged: bool

    @property
    def final_loss(self) -> float:
        """The loss after the last step; ``inf`` if the run blew up."""
        return math.inf if self.diverged else float(self.losses[-1])


def run(name: str, loss: Loss2D, start: npt.ArrayLike, lr: float, steps: int) -> Run:
    """Iterate optimizer ``name`` on ``loss`` from ``start`` for ``steps`` steps (torch's rules).

    Raises
    ------
    InputError
        For an unknown optimizer, a non-positive ``lr`` or negative ``steps``.
    """
    if name not in OPTIMIZERS:
        raise InputError(f"unknown optimizer {name!r} (valid: {', '.join(OPTIMIZERS)})")
    if not lr > 0:
        raise InputError(f"lr must be positive, got {lr:g}")
    if steps < 0:
        raise InputError(f"steps must be at least 0, got {steps}")
    h = {**HYPERPARAMS[name], "eps": EPSILON}
    w = np.asarray(start, dtype=float).reshape(2).copy()
    first = np.zeros(2)  # momentum's v, Adam's m
    second = np.zeros(2)  # RMSProp's s, Adam's v
    points, moves, grads, rates = [w.copy()], [], [], []
    diverged = False
    with np.errstate(all="ignore"):
        for t in range(1, steps + 1):
            g = np.asarray(loss.grad(w), dtype=float)
            if name == "sgd":
                rate = np.full(2, lr)
                new = w - rate * g
            elif name == "momentum":
                first = h["beta"] * first + g
                rate = np.full(2, lr)
                new = w - rate * first
            elif name == "rmsprop":
                second = h["rho"] * second + (1 - h["rho"]) * g**2
                rate = lr / (np.sqrt(second) + h["eps"])
                new = w - rate * g
            else:
                first = h["beta1"] * first + (1 - h["beta1"]) * g
                second = h["beta2"] * second + (1 - h["beta2"]) * g**2
                bc1, bc2 = 1 - h["beta1"] ** t, 1 - h["beta2"] ** t
                rate = lr / ((np.sqrt(second / bc2) + h["eps"]) * bc1)
                new = w - rate * first
            if not np.all(np.isfinite(new)) or np.max(np.abs(new)) > BLOWUP:
                diverged = True
                break
            moves.append(new - w)
            grads.append(g)
            rates.append(rate)
            w = new
            points.append(w.copy())
    traj = np.array(points)
    empty = np.zeros((0, 2))
    return Run(
        name,
        float(lr),
        dict(HYPERPARAMS[name]),
        traj,
        np.array(moves) if moves else empty,
        np.array(grads) if grads else empty,
        np.array(rates) if rates else empty,
        np.asarray(loss.fn(traj), dtype=float),
        diverged,
    )


# ---------------------------------------------------------------------------------------------
# The grid search
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GridSearch:
    """Every optimizer at every learning rate of a grid, from one start, for one budget.

    Attributes
    ----------
    grid : tuple[float, ...]
        The learning rates tried, increasing.
    losses : dict[str, tuple[float, ...]]
        Per optimizer, the loss after the budget at each rate (``inf``: blew up).
    best : dict[str, int]
        Per optimizer, the index in ``grid`` of its lowest loss (the smaller rate among equals).
    trajectories : dict[str, tuple[ndarray, ...]]
        Per optimizer, the path of each run (as :attr:`Run.trajectory`), in the order of ``grid``.
    """

    grid: tuple[float, ...]
    losses: dict[str, tuple[float, ...]]
    best: dict[str, int]
    trajectories: dict[str, tuple[Array, ...]]

    def best_lr(self, name: str) -> float:
        return self.grid[self.best[name]]

    def best_loss(self, name: str) -> float:
        return self.losses[name][self.best[name]]


def grid_search(loss: Loss2D, start: npt.ArrayLike, steps: int, grid: Sequence[float]) -> GridSearch:
    """Run every optimizer at every rate of ``grid``; keep each one's lowest final loss.

    Raises
    ------
    InputError
        If the grid is empty, longer than :data:`MAX_GRID`, or holds a non-positive rate.
    """
    rates = tuple(sorted({float(x) for x in grid}))
    if not 1 <= len(rates) <= MAX_GRID:
        raise InputError(f"the grid must hold 1 to {MAX_GRID} learning rates, got {len(rates)}")
    if any(not r > 0 for r in rates):
        raise InputError("every learning rate must be positive")
    losses: dict[str, tuple[float, ...]] = {}
    best: dict[str, int] = {}
    paths: dict[str, tuple[Array, ...]] = {}
    for name in OPTIMIZERS:
        runs = [run(name, loss, start, r, steps) for r in rates]
        row = tuple(r.final_loss for r in runs)
        losses[name] = row
        best[name] = min(range(len(rates)), key=lambda j: (row[j], j))
        paths[name] = tuple(r.trajectory for r in runs)
    return GridSearch(rates, losses, best, paths)


def clip_path(points: npt.ArrayLike, box: Box) -> tuple[Array, bool]:
    """A path up to where it first leaves ``box``: ``(points, left)``, the last point moved onto
    the box's edge (where the segment crosses it) when the path leaves.

    >>> pts, left = clip_path([[0, 0], [1, 0], [3, 1]], ((-2, 2), (-2, 2)))
    >>> pts.tolist(), left
    ([[0.0, 0.0], [1.0, 0.0], [2.0, 0.5]], True)
    """
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    lo = np.array([box[0][0], box[1][0]])
    hi = np.array([box[0][1], box[1][1]])
    inside = np.all((pts >= lo) & (pts <= hi), axis=1)
    if inside.all():
        return pts.copy(), False
    k = int(np.argmin(inside))  # the first point outside
    if k == 0:
        return pts[:1].clip(lo, hi), True
    a, b = pts[k - 1], pts[k]
    d = b - a
    with np.errstate(divide="ignore", invalid="ignore"):
        # the largest fraction of the segment that keeps every coordinate within the box
        limits = np.where(d > 0, (hi - a) / d, np.where(d < 0, (lo - a) / d, np.inf))
    t = float(np.clip(np.min(limits), 0.0, 1.0))
    return np.vstack([pts[:k], a + t * d]), True


# ---------------------------------------------------------------------------------------------
# Curvature: the steep and the shallow direction
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Curvature:
    """The Hessian of the loss at its minimum and its eigen-directions.

    Attributes
    ----------
    hessian : ndarray, shape (2, 2)
    steep, shallow : float
        The largest and the smallest eigenvalue (``a_steep``, ``a_shallow``).
    steep_direction, shallow_direction : ndarray, shape (2,)
        Unit eigenvectors, each with a non-negative first non-zero coordinate.
    """

    hessian: Array
    steep: float
    shallow: float
    steep_direction: Array
    shallow_direction: Array

    @property
    def lr_cap(self) -> float:
        """``2 / a_steep``: SGD diverges across the valley at or above this rate."""
        return 2.0 / self.steep

    def split(self, vector: npt.ArrayLike) -> tuple[Array, Array]:
        """``vector`` as its steep part plus its shallow part (projections on the directions)."""
        v = np.asarray(vector, dtype=float)
        return (
            float(v @ self.steep_direction) * self.steep_direction,
            float(v @ self.shallow_direction) * self.shallow_direction,
        )


def _oriented(v: Array) -> Array:
    k = 0 if abs(v[0]) > 1e-12 else 1
    return v if v[k] >= 0 else -v


def curvature(loss: Loss2D, h: float = 1e-5) -> Curvature:
    """The Hessian at the minimum by central differences of the gradient, and its eigenpairs."""
    w = np.asarray(loss.minimum, dtype=float)
    cols = []
    for k in range(2):
        e = np.zeros(2)
        e[k] = h
        cols.append((np.asarray(loss.grad(w + e)) - np.asarray(loss.grad(w - e))) / (2 * h))
    hess = np.array(cols).T
    hess = 0.5 * (hess + hess.T)
    vals, vecs = np.linalg.eigh(hess)  # increasing
    return Curvature(hess, float(vals[1]), float(vals[0]), _oriented(vecs[:, 1]), _oriented(vecs[:, 0]))


@dataclass(frozen=True)
class Ellipse:
    """A level set ``x^T A x = 1`` of a quadratic, scaled so that its long semi-axis is 1.

    Attributes
    ----------
    semi_axes : tuple[float, float]
        ``(long, short)``, the long one 1.
    angle : float
        The long axis' angle with the ``w1`` axis, in radians, in ``(-pi/2, pi/2]``.
    """

    semi_axes: tuple[float, float]
    angle: float

    @property
    def ratio(self) -> float:
        """Long over short semi-axis: 1 for a circle."""
        return self.semi_axes[0] / self.semi_axes[1]


def rescaled_ellipse(hessian: npt.ArrayLike, rates: npt.ArrayLike | None = None) -> Ellipse:
    """The contour ellipse of ``hessian`` as a step scaled per coordinate by ``rates`` sees it.

    A step ``w <- w - P g`` with ``P = diag(rates)`` is plain gradient descent (rate 1) in the
    coordinates ``u = P^(-1/2) w``, on the quadratic ``P^(1/2) H P^(1/2)``: this returns that
    quadratic's level ellipse (``rates=None``: ``H`` itself). A ratio of 1 is a round bowl, where
    one rate suits every direction.
    """
    H = np.asarray(hessian, dtype=float)
    if rates is not None:
        root = np.sqrt(np.asarray(rates, dtype=float))
        H = root[:, None] * H * root[None, :]
    vals, vecs = np.linalg.eigh(H)
    long_axis = vecs[:, 0]  # smallest curvature: the longest axis
    angle = math.atan2(long_axis[1], long_axis[0])
    if angle <= -math.pi / 2:
        angle += math.pi
    elif angle > math.pi / 2:
        angle -= math.pi
    return Ellipse((1.0, float(math.sqrt(vals[0] / vals[1]))), angle)


# ---------------------------------------------------------------------------------------------
# The scene's example
# ---------------------------------------------------------------------------------------------
Box = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class OptimizersExample:
    """The four optimizers on one loss: their mechanisms, the grid search and the race.

    Attributes
    ----------
    loss : Loss2D
    start : ndarray, shape (2,)
    steps : int
        The race's budget (and the grid search's).
    demo_steps : int
        Steps of each optimizer shown on its own, before the race.
    curvature : Curvature
    search : GridSearch
    runs : tuple[Run, ...]
        Each optimizer at its best rate, in the order of ``OPTIMIZERS``.
    box : tuple[tuple[float, float], tuple[float, float]]
        The window of the map.
    levels : tuple[float, ...]
        Loss values of the contour lines, innermost first.
    contours : tuple[ndarray, ...]
        Segments of each level (geometry, not shown as numbers).
    """

    loss: Loss2D
    start: Array
    steps: int
    demo_steps: int
    curvature: Curvature
    search: GridSearch
    runs: tuple[Run, ...]
    box: Box
    levels: tuple[float, ...]
    contours: tuple[Array, ...]

    def run_of(self, name: str) -> Run:
        return self.runs[OPTIMIZERS.index(name)]

    @property
    def ranking(self) -> tuple[str, ...]:
        """The optimizers from the lowest final loss to the highest (ties in drawing order)."""
        return tuple(sorted(OPTIMIZERS, key=lambda n: (self.run_of(n).final_loss, OPTIMIZERS.index(n))))

    @property
    def sgd_split(self) -> tuple[Array, Array]:
        """SGD's first update as its steep part plus its shallow part."""
        return self.curvature.split(self.run_of("sgd").steps[0])

    @property
    def sgd_factors(self) -> tuple[float, float]:
        """``(1 - lr a_steep, 1 - lr a_shallow)`` at SGD's rate: what each step keeps of the
        distance to the minimum along each direction (near the minimum)."""
        lr = self.run_of("sgd").lr
        return 1 - lr * self.curvature.steep, 1 - lr * self.curvature.shallow

    def demo_rates(self, name: str) -> Array:
        """The per-coordinate rates of ``name`` at its last shown step (the demo's end)."""
        r = self.run_of(name)
        k = min(self.demo_steps, len(r.rates)) - 1
        return r.rates[k] if k >= 0 else np.full(2, r.lr)

    def ellipses(self, name: str) -> tuple[Ellipse, Ellipse]:
        """The contour ellipse before, and as ``name``'s per-coordinate rates rescale it."""
        H = self.curvature.hessian
        return rescaled_ellipse(H), rescaled_ellipse(H, self.demo_rates(name))

    @property
    def loss_exponents(self) -> tuple[int, int]:
        """Integer exponents ``(low, high)`` of the race's log loss axis
        (:func:`~mathdl_anim.core.scales.log_exponents` of every loss of the races)."""
        return log_exponents(np.concatenate([r.losses for r in self.runs]))

    def grid_paths(self, name: str) -> tuple[tuple[Array, bool], ...]:
        """``name``'s path at each rate of the grid, cut where it leaves the map
        (:func:`clip_path`): ``(points, left)`` per rate."""
        return tuple(clip_path(t, self.box) for t in self.search.trajectories[name])

    def velocities(self, name: str) -> Array:
        """Each update of ``name`` (``-lr v`` for momentum): the arrows drawn at the ball."""
        return self.run_of(name).steps

    def values(self) -> dict[str, Any]:
        c = self.curvature
        steep_part, shallow_part = self.sgd_split
        steep_factor, shallow_factor = self.sgd_factors
        search = self.search
        trials = {n: self.grid_paths(n) for n in OPTIMIZERS}  # each cut once
        return {
            "loss": self.loss.name,
            "start": self.start.tolist(),
            "minimum": list(self.loss.minimum),
            "steps": self.steps,
            "step_numbers": list(range(self.steps + 1)),
            "demo_steps": self.demo_steps,
            # the rate each optimizer races with: its best of the grid
            "lr": {r.name: r.lr for r in self.runs},
            "lr_grid": list(search.grid),
            # None: the run blew up
            "grid_losses": {n: [_finite(x) for x in search.losses[n]] for n in OPTIMIZERS},
            "best_loss": {n: _finite(search.best_loss(n)) for n in OPTIMIZERS},
            # each trial of the grid as drawn on the map: cut where it leaves it
            "grid_paths": {n: [p.tolist() for p, _ in trials[n]] for n in OPTIMIZERS},
            "grid_left_map": {n: [left for _, left in trials[n]] for n in OPTIMIZERS},
            "hyperparams": {r.name: dict(r.hyper) for r in self.runs},
            "torch_defaults": {k: dict(v) for k, v in TORCH_DEFAULTS.items()},
            "epsilon": EPSILON,
            "a_steep": c.steep,
            "a_shallow": c.shallow,
            "steep_direction": c.steep_direction.tolist(),
            "shallow_direction": c.shallow_direction.tolist(),
            "lr_cap": c.lr_cap,
            "sgd_step": self.run_of("sgd").steps[0].tolist() if len(self.run_of("sgd").steps) else [0, 0],
            "sgd_step_parts": {"steep": steep_part.tolist(), "shallow": shallow_part.tolist()},
            "sgd_step_lengths": {
                "steep": float(np.linalg.norm(steep_part)),
                "shallow": float(np.linalg.norm(shallow_part)),
            },
            "sgd_factors": {"steep": steep_factor, "shallow": shallow_factor},
            # 1 - factor: the share of the distance one step takes off
            "sgd_removed": {"steep": 1 - steep_factor, "shallow": 1 - shallow_factor},
            "demo_rates": {n: self.demo_rates(n).tolist() for n in ("rmsprop", "adam")},
            "ellipse_ratio": {
                "before": self.ellipses("rmsprop")[0].ratio,
                **{n: self.ellipses(n)[1].ratio for n in ("rmsprop", "adam")},
            },
            "trajectories": {r.name: r.trajectory.tolist() for r in self.runs},
            "losses": {r.name: r.losses.tolist() for r in self.runs},
            "final_loss": {r.name: float(r.losses[-1]) for r in self.runs},
            # the race's loss plot: its log axis runs from 10**low to 10**high
            "loss_exponents": list(self.loss_exponents),
            "diverged": {r.name: r.diverged for r in self.runs},
            "ranking": [OPTIMIZER_NAMES[n] for n in self.ranking],
            "levels": list(self.levels),
            # digits written in the formulas: the loss's constants, the 1 of (1 - beta), the 2 of
            # g^2 and 2/a, and the 1 and 2 of beta_1, beta_2
            "constants": sorted({*self.loss.constants, 1.0, 2.0}),
        }


def _finite(x: float) -> float | None:
    return x if math.isfinite(x) else None


#: Width over height of the map's window (the room the scene gives the map).
MAP_ASPECT = 1.45


def _window(points: Array, start: Array, minimum: Array) -> Box:
    """A box around the start, the minimum and the paths (at most 2x the start's distance away),
    widened or heightened to :data:`MAP_ASPECT`."""
    reach = 2.0 * max(float(np.max(np.abs(start - minimum))), 1.0)
    pts = np.clip(points, minimum - reach, minimum + reach)
    pts = np.vstack([pts, start, minimum])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    pad = 0.08 * np.maximum(hi - lo, 1e-9).max() + 0.05
    lo, hi = lo - pad, hi + pad
    width, height = hi - lo
    if width < MAP_ASPECT * height:
        grow = (MAP_ASPECT * height - width) / 2
        lo[0], hi[0] = lo[0] - grow, hi[0] + grow
    else:
        grow = (width / MAP_ASPECT - height) / 2
        lo[1], hi[1] = lo[1] - grow, hi[1] + grow
    return (float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1]))


def optimizers_example(
    lr: Sequence[float] | float | None = None,
    steps: int = 40,
    start: npt.ArrayLike | None = None,
    loss: str = "bowl",
    n_levels: int = 9,
) -> OptimizersExample:
    """SGD, momentum, RMSProp and Adam on ``loss``, each at its best rate of the grid ``lr``.

    Parameters
    ----------
    lr : None, float or sequence of floats
        The grid of learning rates tried (``None``: :data:`DEFAULT_GRIDS` for the loss; one
        number: every optimizer uses it).
    steps : int
        The budget of the race and of the grid search.
    start : None or array_like, shape (2,)
        ``None``: the loss' default start.
    loss : str
        ``"bowl"`` or ``"rosenbrock"``.
    n_levels : int
        Number of contour lines.
    """
    if loss not in LOSSES:
        raise InputError(f"loss must be one of {', '.join(LOSSES)}, got {loss!r}")
    if steps < 1:
        raise InputError(f"steps must be at least 1, got {steps}")
    f = LOSSES[loss]()
    grid = DEFAULT_GRIDS[loss] if lr is None else tuple(float(x) for x in np.atleast_1d(lr))
    w0 = np.asarray(DEFAULT_STARTS[loss] if start is None else start, dtype=float).reshape(-1)
    if w0.shape != (2,):
        raise InputError(f"start must be two numbers [w1, w2], got {w0.size}")
    search = grid_search(f, w0, steps, grid)
    runs = tuple(run(n, f, w0, search.best_lr(n), steps) for n in OPTIMIZERS)
    minimum = np.asarray(f.minimum, dtype=float)
    box = _window(np.vstack([r.trajectory for r in runs]), w0, minimum)
    (x0, x1), (y0, y1) = box
    mids = np.array([[x0, (y0 + y1) / 2], [x1, (y0 + y1) / 2], [(x0 + x1) / 2, y0], [(x0 + x1) / 2, y1]])
    top = max(float(f.fn(w0)) * 1.3, 0.8 * float(np.max(f.fn(mids))))  # the outer lines reach the edges
    bottom = max(top * 2e-3, 1e-3)
    levels = tuple(float(x) for x in np.geomspace(bottom, top, n_levels))
    contours = tuple(contour_segments(f.fn, box, lv, n=60) for lv in levels)
    demo = max(1, min(steps, 10))
    return OptimizersExample(f, w0, int(steps), demo, curvature(f), search, runs, box, levels, contours)
