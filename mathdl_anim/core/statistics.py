"""Statistics for data normalization: mean, variance, standard deviation and z-scores.

The standard deviation here is the *population* one (``ddof=0``: divide by N, numpy's
default), and the scenes say so on screen. Normalizing ``z = (x - mean) / std`` then gives
data whose mean is 0 and whose population std is 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from mathdl_anim.core.errors import InputError
from mathdl_anim.core.optimization import contour_segments, run_optimizer
from mathdl_anim.core.optimizers import clip_path

__all__ = [
    "DDOF",
    "MIN_DATA",
    "MAX_DATA",
    "Summary",
    "summarize",
    "z_scores",
    "head_to_tail",
    "HOUSES_SEED",
    "N_HOUSES",
    "LEARNING_RATE",
    "DESCENT_STEPS",
    "CONVERGED",
    "WINDOW",
    "START",
    "OVERVIEW",
    "house_features",
    "Descent",
    "descend",
    "NormalizationExample",
    "normalization_example",
]

#: Delta degrees of freedom of every std in this module: 0, the population std (divide by N).
DDOF = 0
#: Bounds of the number of data points a scene draws.
MIN_DATA, MAX_DATA = 2, 20

#: The seed and size of the synthetic houses (two features on scales thousands of times apart).
HOUSES_SEED = 16
N_HOUSES = 40
#: The one learning rate of both descents: below ``2 / lambda_max`` of the raw loss (stable),
#: above ``1 / lambda_max`` (the raw run zig-zags across its valley).
LEARNING_RATE = 0.3
#: Steps drawn of each descent.
DESCENT_STEPS = 30
#: A descent has converged when its excess loss ``L - L*`` is this share of the start's.
CONVERGED = 0.01
#: The window of weight space drawn for both descents, ``((w1_lo, w1_hi), (w2_lo, w2_hi))``:
#: one window, so both maps share a scale.
WINDOW = ((-0.5, 2.0), (-0.5, 2.0))
#: Where both descents start, ``(w1, w2)``: zero weights, the same model (y_hat = 0) in both.
START = (0.0, 0.0)
#: The whole raw valley, drawn first (on unequal scales: it is thousands of times longer than wide).
OVERVIEW = ((-15.0, 15.0), (-2000.0, 8000.0))
#: Contour levels drawn per map.
LEVELS = 5
#: The rate shown diverging: this many times ``2 / lambda_max``; and its steps (it leaves the
#: window within a few).
TOO_FAST = 1.1
TOO_FAST_STEPS = 8

#: Scale of the round-off that can remain in the normalized mean and std (relative to 1).
_CLEAN = 12


@dataclass(frozen=True)
class Summary:
    """One feature before and after normalization.

    Attributes
    ----------
    data : np.ndarray
    mean, variance, std : float
        Population statistics (``ddof=0``).
    shifted : np.ndarray
        ``data - mean``.
    normalized : np.ndarray
        ``(data - mean) / std``.
    normalized_mean, normalized_std : float
        Mean and std of ``normalized`` (0 and 1 up to round-off, which is rounded away).
    """

    data: np.ndarray
    mean: float
    variance: float
    std: float
    shifted: np.ndarray
    normalized: np.ndarray
    normalized_mean: float
    normalized_std: float

    def values(self) -> dict[str, Any]:
        return {
            "data": self.data.tolist(),
            "mean": self.mean,
            "variance": self.variance,
            "std": self.std,
            "shifted": self.shifted.tolist(),
            "normalized": self.normalized.tolist(),
            "normalized_mean": self.normalized_mean,
            "normalized_std": self.normalized_std,
        }


def _as_data(data: npt.ArrayLike, name: str = "data") -> np.ndarray:
    arr = np.asarray(data, dtype=float).reshape(-1)
    if arr.size < MIN_DATA:
        raise InputError(f"{name} needs at least {MIN_DATA} numbers, got {arr.size}")
    if not np.all(np.isfinite(arr)):
        raise InputError(f"{name} has a non-finite entry")
    return arr


def z_scores(data: npt.ArrayLike) -> np.ndarray:
    """``(x - mean) / std`` with the population std.

    Raises
    ------
    InputError
        If the data are constant (std 0: there is no spread to divide by).
    """
    return summarize(data).normalized


def head_to_tail(deviations: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """An order in which to lay ``deviations`` head to tail, and where each one starts.

    Positive and negative deviations take turns: a positive one (the smallest left) goes next
    while the running sum is at most 0, a negative one (the smallest in size left) while it is
    above 0; when one sign runs out the rest follow. For deviations from the mean (they sum to
    0) the running sum then stays within the largest deviation's size of 0, so the chain stays
    over the data, and the last head lands on 0.

    Parameters
    ----------
    deviations : array_like, shape (n,)
        The deviations to lay down (zeros are laid too, wherever they fall).

    Returns
    -------
    order : np.ndarray of int, shape (n,)
        Indices into ``deviations``, in the order they are laid.
    starts : np.ndarray, shape (n,)
        The running sum before each one in that order (its tail; its head is the next start).

    Examples
    --------
    >>> order, starts = head_to_tail([-3, -1, 2, 2])
    >>> order.tolist(), starts.tolist()
    ([2, 1, 0, 3], [0.0, 2.0, 1.0, -2.0])
    """
    d = np.asarray(deviations, dtype=float).reshape(-1)
    right = sorted((i for i in range(d.size) if d[i] > 0), key=lambda i: d[i])
    left = sorted((i for i in range(d.size) if d[i] <= 0), key=lambda i: -d[i])
    order, starts, total = [], [], 0.0
    while right or left:
        side = right if (total <= 0 and right) or not left else left
        i = side.pop(0)
        order.append(i)
        starts.append(total)
        total += float(d[i])
    return np.array(order, dtype=int), np.array(starts, dtype=float)


def summarize(data: npt.ArrayLike, name: str = "data") -> Summary:
    """Population mean, variance and std of ``data`` and its z-scores.

    Raises
    ------
    InputError
        For fewer than :data:`MIN_DATA` numbers, a non-finite one, or constant data.
    """
    arr = _as_data(data, name)
    mean = float(arr.mean())
    shifted = arr - mean
    variance = float(np.mean(shifted**2))
    std = float(np.sqrt(variance))
    if std <= 1e-12 * max(1.0, float(np.max(np.abs(arr)))):
        raise InputError(f"{name} is constant (std = 0): there is no spread to normalize by")
    normalized = shifted / std

    def clean(x: float) -> float:
        return round(float(x), _CLEAN) + 0.0  # +0.0 turns -0.0 into 0.0

    return Summary(
        data=arr,
        mean=mean,
        variance=variance,
        std=std,
        shifted=shifted,
        normalized=normalized,
        normalized_mean=clean(normalized.mean()),
        normalized_std=clean(normalized.std(ddof=DDOF)),
    )


def house_features(seed: int = HOUSES_SEED, n: int = N_HOUSES) -> tuple[np.ndarray, np.ndarray]:
    """Synthetic houses: two features on scales thousands of times apart, and a target.

    Each house has a number of rooms (1 to 8) and a plot of land of 200 to 2,000 m^2, given in
    km^2 (so its spread is about 5e-4 against the rooms' 2.4). The target is a price (in units
    of $100,000) that depends on both features equally in standard units, plus noise.

    Parameters
    ----------
    seed : int
        The seed of the generator (the houses are the same for the same seed).
    n : int
        The number of houses.

    Returns
    -------
    X : np.ndarray, shape (n, 2)
        ``(rooms, land in km^2)`` per house.
    y : np.ndarray, shape (n,)
        The price per house.
    """
    rng = np.random.default_rng(seed)
    rooms = rng.integers(1, 9, n).astype(float)
    land = np.round(rng.uniform(200.0, 2000.0, n)) / 1e6  # whole m^2, in km^2
    X = np.column_stack([rooms, land])
    z = (X - X.mean(axis=0)) / X.std(axis=0, ddof=DDOF)
    y = 3.0 + z @ np.array([1.0, 1.4]) + 0.3 * rng.standard_normal(n)
    return X, y


@dataclass(frozen=True)
class Descent:
    """Gradient descent on the squared-error loss of a linear model with two weights.

    The model is ``y_hat = w1 x1 + w2 x2`` on centred features ``X`` (every column has mean 0)
    and a centred target ``y``, so no bias is needed; its loss is
    ``L(w) = 1/(2N) ||X w - y||^2``, a quadratic whose Hessian is ``H = X^T X / N`` (the
    features' covariance). Gradient descent ``w <- w - lr * grad L(w)`` starts at :data:`START`.

    Attributes
    ----------
    hessian : np.ndarray, shape (2, 2)
    eigenvalues : np.ndarray, shape (2,)
        Of the Hessian, ascending: the curvatures along the valley and across it.
    condition : float
        ``lambda_max / lambda_min``: how much steeper the loss is across its valley than along.
    max_stable_lr : float
        ``2 / lambda_max``: above it the descent diverges along the steepest direction.
    minimum : np.ndarray, shape (2,)
        The least-squares weights.
    min_loss : float
        ``L`` at the minimum.
    lr : float
    path : np.ndarray, shape (steps + 1, 2)
        The start and each iterate.
    losses : np.ndarray, shape (steps + 1,)
        ``L`` at each point of the path.
    steps_to_converge : int
        The first step at which ``L - L*`` is at most :data:`CONVERGED` times its value at the
        start (from the closed form: on a quadratic, the error along each eigenvector is
        multiplied by ``1 - lr * lambda`` at every step).
    levels : np.ndarray
        The loss at each contour line drawn, highest first.
    contours : tuple[np.ndarray, ...]
        Per level, its segments ``((w1, w2), (w1, w2))`` inside :data:`WINDOW`.
    overview : tuple[np.ndarray, ...]
        The same levels' segments inside the ``overview`` window given to :func:`descend`
        (none without one).
    too_fast_lr : float
        :data:`TOO_FAST` times ``max_stable_lr``: a rate just above the cap.
    too_fast_path : np.ndarray, shape (k, 2)
        Gradient descent from :data:`START` at ``too_fast_lr`` for at most
        :data:`TOO_FAST_STEPS` steps, cut where it leaves :data:`WINDOW` (its last point on the
        window's edge): across the valley the error grows by ``|1 - too_fast_lr * lambda_max|``
        at every step.
    """

    hessian: np.ndarray
    eigenvalues: np.ndarray
    condition: float
    max_stable_lr: float
    minimum: np.ndarray
    min_loss: float
    lr: float
    path: np.ndarray
    losses: np.ndarray
    steps_to_converge: int
    levels: np.ndarray
    contours: tuple[np.ndarray, ...]
    overview: tuple[np.ndarray, ...] = ()
    too_fast_lr: float = float("nan")
    too_fast_path: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))

    @property
    def final_loss(self) -> float:
        """``L`` after the last step drawn."""
        return float(self.losses[-1])

    def values(self) -> dict[str, Any]:
        return {
            "eigenvalues": self.eigenvalues.tolist(),
            "condition": self.condition,
            "max_stable_lr": self.max_stable_lr,
            "minimum": self.minimum.tolist(),
            "min_loss": self.min_loss,
            "path": self.path.tolist(),
            "losses": self.losses.tolist(),
            "final_loss": self.final_loss,
            "steps_to_converge": self.steps_to_converge,
            "too_fast_lr": self.too_fast_lr,
            "too_fast_path": self.too_fast_path.tolist(),
        }


def _steps_to_converge(hessian: np.ndarray, start_error: np.ndarray, lr: float) -> int:
    """The first ``k`` with ``excess(k) <= CONVERGED * excess(0)`` (``-1``: never)."""
    lam, vecs = np.linalg.eigh(hessian)
    c2 = (vecs.T @ start_error) ** 2
    r2 = (1.0 - lr * lam) ** 2
    if np.any(r2 >= 1.0):
        return -1

    def excess(k: int) -> float:
        return float(np.sum(lam * c2 * r2**k))

    target = CONVERGED * excess(0)
    hi = 1
    while excess(hi) > target:
        hi *= 2
    lo = hi // 2
    while hi - lo > 1:  # excess(lo) > target >= excess(hi), and excess decreases with k
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if excess(mid) > target else (lo, mid)
    return 0 if excess(0) <= target else hi


def _ellipse_segments(
    hessian: np.ndarray, minimum: np.ndarray, min_loss: float, level: float, window: Any, n: int = 480
) -> np.ndarray:
    """The level set ``L = level`` of a quadratic as segments inside ``window``.

    ``L(w) = min_loss + (w - w*)^T H (w - w*) / 2`` is an ellipse with semi-axes
    ``sqrt(2 (level - min_loss) / lambda)`` along the Hessian's eigenvectors: ``n`` points on it,
    joined; the segments with an end outside ``window`` are left out.
    """
    lam, vecs = np.linalg.eigh(hessian)
    t = np.linspace(0.0, 2.0 * np.pi, n + 1)
    radii = np.sqrt(2.0 * max(level - min_loss, 0.0) / lam)
    points = minimum + (np.column_stack([np.cos(t), np.sin(t)]) * radii) @ vecs.T
    (x0, x1), (y0, y1) = window
    inside = (points[:, 0] >= x0) & (points[:, 0] <= x1) & (points[:, 1] >= y0) & (points[:, 1] <= y1)
    keep = inside[:-1] & inside[1:]
    segments: np.ndarray = np.stack([points[:-1][keep], points[1:][keep]], axis=1)
    return segments


def descend(
    X: npt.ArrayLike,
    y: npt.ArrayLike,
    lr: float = LEARNING_RATE,
    steps: int = DESCENT_STEPS,
    overview: tuple[tuple[float, float], tuple[float, float]] | None = None,
) -> Descent:
    """Gradient descent from :data:`START` on ``L(w) = 1/(2N) ||X w - y||^2`` (see :class:`Descent`).

    Parameters
    ----------
    X : array_like, shape (N, 2)
        Centred features.
    y : array_like, shape (N,)
        The centred target.
    lr : float
        The learning rate.
    steps : int
        The number of steps.
    overview : tuple, optional
        A second window ``((w1_lo, w1_hi), (w2_lo, w2_hi))`` to draw the same contour levels in.

    Raises
    ------
    InputError
        If the learning rate is not positive or the descent diverges.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(y)
    if not lr > 0:
        raise InputError(f"the learning rate must be positive, got {lr:g}")
    hessian = X.T @ X / n
    b = X.T @ y / n
    eigenvalues = np.linalg.eigvalsh(hessian)
    if lr >= 2.0 / eigenvalues[-1]:
        raise InputError(
            f"gradient descent diverges with learning rate {lr:g}: the largest stable one is "
            f"2 / lambda_max = {2.0 / eigenvalues[-1]:.3g}"
        )

    def loss(w: npt.ArrayLike) -> npt.NDArray[np.float64]:
        w = np.asarray(w, dtype=float)
        residual = w @ X.T - y  # (..., N)
        return cast(npt.NDArray[np.float64], 0.5 * np.mean(residual**2, axis=-1))

    def grad(w: np.ndarray) -> np.ndarray:
        return cast(np.ndarray, hessian @ w - b)

    minimum = np.linalg.solve(hessian, b)
    start = np.asarray(START, dtype=float)
    path, diverged = run_optimizer("sgd", grad, start, lr, steps)
    if diverged:
        raise InputError(f"gradient descent diverges with learning rate {lr:g}")
    losses = loss(path)
    # contour levels through evenly spaced points from the start to the lowest point of the window
    (x0, x1), (y0, y1) = WINDOW
    grid = np.stack(np.meshgrid(np.linspace(x0, x1, 61), np.linspace(y0, y1, 61)), axis=-1)
    values = loss(grid)
    lowest = grid.reshape(-1, 2)[int(np.argmin(values))]
    fractions = np.arange(LEVELS) / LEVELS
    levels = np.array([float(loss(start + f * (lowest - start))) for f in fractions])
    contours = tuple(contour_segments(loss, WINDOW, level, n=60) for level in levels)
    too_fast_lr = TOO_FAST * 2.0 / float(eigenvalues[-1])
    fast = [start]
    for _ in range(TOO_FAST_STEPS):
        fast.append(fast[-1] - too_fast_lr * grad(fast[-1]))
    too_fast_path, _ = clip_path(np.array(fast), WINDOW)
    return Descent(
        hessian=hessian,
        eigenvalues=eigenvalues,
        condition=float(eigenvalues[-1] / eigenvalues[0]),
        max_stable_lr=float(2.0 / eigenvalues[-1]),
        minimum=minimum,
        min_loss=float(loss(minimum)),
        lr=float(lr),
        path=path,
        losses=losses,
        steps_to_converge=_steps_to_converge(hessian, start - minimum, lr),
        levels=levels,
        contours=contours,
        overview=()
        if overview is None
        else tuple(_ellipse_segments(hessian, minimum, float(loss(minimum)), lv, overview) for lv in levels),
        too_fast_lr=too_fast_lr,
        too_fast_path=too_fast_path,
    )


@dataclass(frozen=True)
class NormalizationExample:
    """A feature normalized step by step, then why: gradient descent before and after.

    Attributes
    ----------
    feature : Summary
        The user's data.
    features : dict[str, Summary]
        The houses' two features (:func:`house_features`), each summarized.
    scale_ratio : float
        ``std(rooms) / std(land)``: how many times wider one raw feature is than the other.
    raw, normalized : Descent
        Gradient descent on the houses' loss with the features centred (raw scales), and with
        them normalized (z-scores), with the same learning rate and start.
    """

    feature: Summary
    features: dict[str, Summary]
    scale_ratio: float
    raw: Descent
    normalized: Descent

    @property
    def squared_deviations(self) -> np.ndarray:
        """``(x - mean)^2`` per value of the user's data."""
        return self.feature.shifted**2

    @property
    def sum_squares(self) -> float:
        """The sum of the squared deviations (``N`` times the variance)."""
        return float(np.sum(self.squared_deviations))

    def values(self) -> dict[str, Any]:
        out = self.feature.values()
        out["ddof"] = DDOF
        out["n"] = int(self.feature.data.size)
        out["squared_deviations"] = self.squared_deviations.tolist()
        out["sum_squares"] = self.sum_squares
        out["features"] = {name: s.values() for name, s in self.features.items()}
        out["scale_ratio"] = self.scale_ratio
        out["houses"] = N_HOUSES
        out["lr"] = self.raw.lr
        out["steps"] = DESCENT_STEPS
        out["descent"] = {"raw": self.raw.values(), "normalized": self.normalized.values()}
        # 1/N in the formulas, the square and the 1/2 of the loss, "mean 0, std 1" after
        # normalizing, w_1 and w_2.
        out["constants"] = [0, 1, 2]
        return out


def normalization_example(data: npt.ArrayLike) -> NormalizationExample:
    """Normalize ``data``, and descend on the houses' loss before and after normalizing.

    Raises
    ------
    InputError
        If ``data`` has fewer than :data:`MIN_DATA` numbers or is constant.
    """
    feature = summarize(data)
    X, y = house_features()
    features = {name: summarize(X[:, k], name) for k, name in enumerate(("rooms", "land"))}
    ratio = features["rooms"].std / features["land"].std
    centred = np.column_stack([features["rooms"].shifted, features["land"].shifted])
    target = y - y.mean()
    scaled = np.column_stack([features["rooms"].normalized, features["land"].normalized])
    raw = descend(centred, target, overview=OVERVIEW)
    normalized = descend(scaled, target)
    return NormalizationExample(feature, features, float(ratio), raw, normalized)
