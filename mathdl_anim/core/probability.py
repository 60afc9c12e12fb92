"""Probability: a discrete random variable, the Gaussian and seeded sampling.

Every random draw goes through ``numpy.random.default_rng(seed)``: the seed is a parameter,
never global state, so the same parameters always give the same samples. Results are frozen
dataclasses whose ``values()`` records every number a scene shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from mathdl_anim.core.errors import InputError

__all__ = [
    "MAX_SAMPLES",
    "MIN_BINS",
    "MAX_BINS",
    "MAX_OUTCOMES",
    "HIST_HALF_WIDTH",
    "RULE_PERCENT",
    "SIGMA_MULTIPLES",
    "ONE_BY_ONE",
    "normal_pdf",
    "normal_cdf",
    "band_share",
    "RunningMoments",
    "running_mean_std",
    "sample_checkpoints",
    "histogram",
    "DiscreteRV",
    "discrete_rv",
    "ROLLS_ONE_BY_ONE",
    "ROLL_PATH_STEPS",
    "NETWORK_DIGIT",
    "RandomVariableExample",
    "random_variable_example",
    "GaussianCheckpoint",
    "GaussianSamplingExample",
    "gaussian_sampling_example",
]

#: Largest number of samples (or draws) a scene accepts: beyond it the render gets slow and the
#: histogram no longer changes visibly.
MAX_SAMPLES = 100_000
#: Bounds of the number of histogram bins (fewer is not a shape, more is unreadable).
MIN_BINS, MAX_BINS = 4, 60
#: A die has at most six faces.
MAX_OUTCOMES = 6
#: The histogram covers ``mu +- HIST_HALF_WIDTH * sigma``.
HIST_HALF_WIDTH = 4
#: Smallest sigma drawn, relative to ``max(1, |mu|)``: the axis around mu spans 8 sigma, and
#: its ticks and labels must stay distinct numbers (``mu = 1000, sigma = 1e-13`` gave manim
#: about 10^7 ticks; ``sigma = 5e-324`` divided by zero).
MIN_SIGMA_RATIO = 1e-3
#: The empirical rule, as it is usually quoted (percent within 1, 2 and 3 sigmas).
RULE_PERCENT = (68, 95, 99.7)
SIGMA_MULTIPLES = (1, 2, 3)
#: Samples shown falling one at a time before the batches.
ONE_BY_ONE = 5


# The Gaussian ---------------------------------------------------------------------------
def _check_sigma(sigma: float) -> None:
    if not (math.isfinite(sigma) and sigma > 0):
        raise InputError(f"sigma must be a positive finite number, got {sigma!r}")


def normal_pdf(x: npt.ArrayLike, mu: float = 0.0, sigma: float = 1.0) -> np.ndarray:
    """Density of N(mu, sigma^2): ``exp(-(x - mu)^2 / (2 sigma^2)) / (sigma sqrt(2 pi))``."""
    _check_sigma(sigma)
    z = (np.asarray(x, dtype=float) - mu) / sigma
    return np.exp(-0.5 * z * z) / (sigma * math.sqrt(2.0 * math.pi))


_erf = np.vectorize(math.erf, otypes=[float])
_erfc = np.vectorize(math.erfc, otypes=[float])


def normal_cdf(x: npt.ArrayLike, mu: float = 0.0, sigma: float = 1.0) -> np.ndarray:
    """P(X <= x) for X ~ N(mu, sigma^2), via the error function.

    ``erfc`` is used in the lower tail so that small probabilities keep their precision.
    """
    _check_sigma(sigma)
    t = (np.asarray(x, dtype=float) - mu) / (sigma * math.sqrt(2.0))
    return cast(np.ndarray, np.where(t < 0, 0.5 * _erfc(-t), 0.5 * (1.0 + _erf(t))))


def band_share(k: float) -> float:
    """P(|X - mu| <= k sigma) for any Gaussian: ``erf(k / sqrt 2)``."""
    return math.erf(k / math.sqrt(2.0))


# Running statistics ---------------------------------------------------------------------
class RunningMoments:
    """Welford's running mean and variance: one pass, no catastrophic cancellation.

    The naive ``sum(x^2)/n - mean^2`` loses every digit when the mean is large compared with
    the spread; Welford updates the mean and the sum of squared deviations ``M2`` instead.
    The standard deviation is the *population* one (``ddof=0``, divide by n), as the scenes say.
    """

    __slots__ = ("n", "mean", "m2")

    def __init__(self) -> None:
        self.n = 0
        self.mean = 0.0
        self.m2 = 0.0

    def push(self, x: float) -> None:
        """Add one observation."""
        self.n += 1
        delta = x - self.mean
        self.mean += delta / self.n
        self.m2 += delta * (x - self.mean)

    @property
    def variance(self) -> float:
        """Population variance ``M2 / n`` (``nan`` before the first observation)."""
        return self.m2 / self.n if self.n else math.nan

    @property
    def std(self) -> float:
        return math.sqrt(self.variance)


def running_mean_std(samples: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Mean and population std of ``samples[:k]`` for every ``k = 1..n`` (Welford).

    Returns
    -------
    means, stds : np.ndarray, shape (n,)
    """
    acc = RunningMoments()
    arr = np.asarray(samples, dtype=float).reshape(-1)
    means = np.empty(arr.size)
    stds = np.empty(arr.size)
    for k, x in enumerate(arr.tolist()):
        acc.push(x)
        means[k] = acc.mean
        stds[k] = acc.std
    return means, stds


def sample_checkpoints(n: int, one_by_one: int = ONE_BY_ONE) -> tuple[int, ...]:
    """The sample counts a scene stops at: ``1, 2, ..., one_by_one``, then ``10, 100, ...``, then ``n``."""
    if n < 1:
        raise InputError(f"n must be at least 1, got {n}")
    points = list(range(1, min(one_by_one, n) + 1))
    power = 10
    while power < n:
        if not points or power > points[-1]:
            points.append(power)
        power *= 10
    if not points or points[-1] != n:
        points.append(n)
    return tuple(points)


def histogram(samples: npt.ArrayLike, edges: npt.ArrayLike) -> np.ndarray:
    """Counts of ``samples`` in the bins ``edges``; samples beyond the ends go to the end bins.

    So the counts always sum to the number of samples.
    """
    edges = np.asarray(edges, dtype=float)
    clipped = np.clip(np.asarray(samples, dtype=float), edges[0], edges[-1])
    counts, _ = np.histogram(clipped, bins=edges)
    return counts


# A discrete random variable -------------------------------------------------------------
@dataclass(frozen=True)
class DiscreteRV:
    """A random variable with finitely many values, e.g. the face a die shows.

    Attributes
    ----------
    outcomes : np.ndarray
        The values ``x``, here ``1, 2, ..., k``.
    probabilities : np.ndarray
        ``P(X = x)``, non-negative and summing to 1.
    """

    outcomes: np.ndarray
    probabilities: np.ndarray

    @property
    def expectation(self) -> float:
        """``E[X] = sum_x x P(X = x)``."""
        return float(np.dot(self.outcomes, self.probabilities))

    @property
    def variance(self) -> float:
        """``Var[X] = sum_x (x - E[X])^2 P(X = x)``."""
        return float(np.dot((self.outcomes - self.expectation) ** 2, self.probabilities))

    def sample(self, n: int, seed: int) -> np.ndarray:
        """``n`` independent draws, seeded."""
        rng = np.random.default_rng(seed)
        return rng.choice(self.outcomes, size=n, p=self.probabilities)


def discrete_rv(weights: npt.ArrayLike) -> DiscreteRV:
    """A die with faces ``1..k`` whose probabilities are ``weights`` normalised to sum 1.

    Raises
    ------
    InputError
        For fewer than 2 or more than :data:`MAX_OUTCOMES` weights, a negative weight, or
        weights summing to 0.
    """
    w = np.asarray(weights, dtype=float).reshape(-1)
    if not 2 <= w.size <= MAX_OUTCOMES:
        raise InputError(f"weights must have 2 to {MAX_OUTCOMES} entries (one per face), got {w.size}")
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise InputError("weights must be finite and non-negative")
    total = w.sum()
    if total <= 0:
        raise InputError("weights must not all be 0")
    return DiscreteRV(np.arange(1, w.size + 1, dtype=float), w / total)


#: Rolls of the die shown one at a time (each drops a block into its bin) before the batches.
ROLLS_ONE_BY_ONE = 10
#: States of the frequencies per tenfold growth of the number of rolls, while the rolls speed up.
ROLL_PATH_STEPS = 40
#: The test digit whose answer the network gives as a distribution (an 8 it is unsure of).
NETWORK_DIGIT = 1511


@dataclass(frozen=True)
class RandomVariableExample:
    """A die's distribution next to the frequencies of growing numbers of seeded draws.

    Attributes
    ----------
    rv : DiscreteRV
    n, seed : int
        Total draws and the seed.
    checkpoints : tuple[int, ...]
        Numbers of draws at which the frequencies are shown: the last roll shown one at a time
        (``min(ROLLS_ONE_BY_ONE, n)``), then ``100, 1000, ...`` and ``n``.
    checkpoint_counts : np.ndarray of int, shape (len(checkpoints), k)
        How many of the first ``checkpoints[i]`` draws show each outcome.
    checkpoint_frequencies : np.ndarray, shape (len(checkpoints), k)
        Share of each outcome among the first ``checkpoints[i]`` draws.
    sample_mean : float
        Mean of all ``n`` draws, next to ``E[X]``.
    first_rolls : tuple[int, ...]
        The first ``min(ROLLS_ONE_BY_ONE, n)`` draws, shown one at a time.
    path_n : tuple[int, ...]
        Numbers of draws from the first checkpoint to ``n``, about :data:`ROLL_PATH_STEPS` per
        tenfold (geometric), at which the growing bars are drawn while the rolls speed up.
    path_counts : np.ndarray of int, shape (len(path_n), k)
        The counts of each outcome among the first ``path_n[j]`` draws.
    network_probabilities : np.ndarray, shape (10,)
        The film's digit network's answer for the test digit :data:`NETWORK_DIGIT`: the softmax
        of its ten scores, a distribution over the digits 0 to 9.
    network_label : int
        The digit that image shows.
    """

    rv: DiscreteRV
    n: int
    seed: int
    checkpoints: tuple[int, ...]
    checkpoint_frequencies: np.ndarray
    sample_mean: float
    checkpoint_counts: np.ndarray
    first_rolls: tuple[int, ...]
    path_n: tuple[int, ...]
    path_counts: np.ndarray
    network_probabilities: np.ndarray
    network_label: int

    @property
    def frequencies(self) -> np.ndarray:
        """Frequencies of all ``n`` draws."""
        return cast(np.ndarray, self.checkpoint_frequencies[-1])

    @property
    def deviations(self) -> np.ndarray:
        """``x - E[X]`` for each outcome."""
        return cast(np.ndarray, self.rv.outcomes - self.rv.expectation)

    @property
    def variance_terms(self) -> np.ndarray:
        """``(x - E[X])^2 P(X = x)``: each squared deviation weighted by its probability."""
        return cast(np.ndarray, self.deviations**2 * self.rv.probabilities)

    @property
    def std(self) -> float:
        """The standard deviation ``sqrt(Var[X])``."""
        return math.sqrt(self.rv.variance)

    @property
    def network_prediction(self) -> int:
        """The digit the network finds most likely."""
        return int(np.argmax(self.network_probabilities))

    def values(self) -> dict[str, Any]:
        return {
            "outcomes": self.rv.outcomes.tolist(),
            "probabilities": self.rv.probabilities.tolist(),
            "frequencies": self.frequencies.tolist(),
            "n": self.n,
            "seed": self.seed,
            "checkpoints": [
                {"n": c, "counts": k.tolist(), "frequencies": f.tolist()}
                for c, k, f in zip(self.checkpoints, self.checkpoint_counts, self.checkpoint_frequencies)
            ],
            "first_rolls": list(self.first_rolls),
            "rolls_shown": list(self.path_n),
            "expectation": self.rv.expectation,
            "variance": self.rv.variance,
            "sample_mean": self.sample_mean,
            "total_probability": float(self.rv.probabilities.sum()),
            "deviations": self.deviations.tolist(),
            "squared_deviations": (self.deviations**2).tolist(),
            "variance_terms": self.variance_terms.tolist(),
            "std": self.std,
            "network_digit": NETWORK_DIGIT,
            "network_label": self.network_label,
            "network_probabilities": self.network_probabilities.tolist(),
            "network_prediction": self.network_prediction,
            # E[X] = sum x P(X=x); Var[X] = E[(X - E[X])^2]: the square's exponent.
            "constants": [2],
        }


def _roll_path(first: int, n: int) -> tuple[int, ...]:
    """``first``, then about :data:`ROLL_PATH_STEPS` geometric steps per tenfold up to ``n``."""
    if n <= first:
        return (n,)
    steps = max(2, math.ceil(ROLL_PATH_STEPS * math.log10(n / first)) + 1)
    grid = np.unique(np.rint(np.geomspace(first, n, steps)).astype(np.int64))
    return tuple(int(c) for c in grid)


def _network_answer(index: int) -> tuple[np.ndarray, int]:
    """Softmax of the digit network's scores for the image ``index``, and its label."""
    from mathdl_anim.core.digits import digit_network, load_digit  # trains once per process

    digit = load_digit(index)
    scores = np.asarray(digit_network().scores(digit.pixels), dtype=float)
    e = np.exp(scores - scores.max())
    return e / e.sum(), digit.label


def random_variable_example(weights: npt.ArrayLike, n: int, seed: int) -> RandomVariableExample:
    """Draw ``n`` times (seeded) from the die with ``weights`` and record the frequencies.

    The first ``min(ROLLS_ONE_BY_ONE, n)`` draws are rolled one at a time; the checkpoints
    after them are the powers of ten below ``n``, then ``n``.
    """
    rv = discrete_rv(weights)
    if not 1 <= n <= MAX_SAMPLES:
        raise InputError(f"n must be between 1 and {MAX_SAMPLES}, got {n}")
    draws = rv.sample(n, seed)
    first = min(ROLLS_ONE_BY_ONE, n)
    points = (first,) + tuple(c for c in sample_checkpoints(n, one_by_one=0) if c > first)
    # cumulative counts: row c - 1 holds the counts among the first c draws
    cumulative = np.cumsum(draws[:, None] == rv.outcomes[None, :], axis=0)
    counts = np.array([cumulative[c - 1] for c in points], dtype=np.int64)
    path = _roll_path(first, n)
    path_counts = np.array([cumulative[c - 1] for c in path], dtype=np.int64)
    probabilities, label = _network_answer(NETWORK_DIGIT)
    return RandomVariableExample(
        rv,
        n,
        seed,
        points,
        counts / np.array(points, dtype=float)[:, None],
        float(draws.mean()),
        counts,
        tuple(int(x) for x in draws[:first]),
        path,
        path_counts,
        probabilities,
        label,
    )


# Gaussian sampling ----------------------------------------------------------------------
@dataclass(frozen=True)
class GaussianCheckpoint:
    """The state of the histogram after the first ``n`` samples.

    Attributes
    ----------
    n : int
    mean, std : float
        Running sample mean and population std (``ddof=0``) of those samples.
    counts : np.ndarray of int
        Samples per bin (summing to ``n``).
    density : np.ndarray
        ``counts / (n * bin width)``: a histogram with area 1, comparable with the pdf.
    """

    n: int
    mean: float
    std: float
    counts: np.ndarray
    density: np.ndarray

    def values(self) -> dict[str, Any]:
        return {"n": self.n, "mean": self.mean, "std": self.std, "counts": self.counts.tolist()}


@dataclass(frozen=True)
class GaussianSamplingExample:
    """Seeded samples of N(mu, sigma^2) filling a histogram that converges onto the pdf.

    Attributes
    ----------
    mu, sigma : float
    n, seed, bins : int
    samples : np.ndarray, shape (n,)
    bin_edges : np.ndarray, shape (bins + 1,)
        Equal bins over ``mu +- HIST_HALF_WIDTH * sigma``.
    checkpoints : tuple[GaussianCheckpoint, ...]
        See :func:`sample_checkpoints`; the last one holds all ``n`` samples.
    curve_x, curve_pdf : np.ndarray
        The pdf on a fine grid, for drawing the curve.
    true_share_percent : tuple[float, ...]
        Exact ``100 P(|X - mu| <= k sigma)`` for ``k = 1, 2, 3``.
    sample_share_percent : tuple[float, ...]
        The same shares among the samples.
    """

    mu: float
    sigma: float
    n: int
    seed: int
    bins: int
    samples: np.ndarray
    bin_edges: np.ndarray
    checkpoints: tuple[GaussianCheckpoint, ...]
    curve_x: np.ndarray
    curve_pdf: np.ndarray
    true_share_percent: tuple[float, ...]
    sample_share_percent: tuple[float, ...]

    @property
    def final(self) -> GaussianCheckpoint:
        return self.checkpoints[-1]

    @property
    def sample_mean(self) -> float:
        return self.final.mean

    @property
    def sample_std(self) -> float:
        return self.final.std

    @property
    def counts(self) -> np.ndarray:
        return self.final.counts

    @property
    def band_edges(self) -> tuple[tuple[float, float], ...]:
        """``(mu - k sigma, mu + k sigma)`` for ``k = 1, 2, 3``."""
        return tuple((self.mu - k * self.sigma, self.mu + k * self.sigma) for k in SIGMA_MULTIPLES)

    @property
    def first_samples(self) -> np.ndarray:
        """The samples shown falling one by one, clipped to the histogram's range."""
        return cast(np.ndarray, np.clip(self.samples[:ONE_BY_ONE], self.bin_edges[0], self.bin_edges[-1]))

    def band_curve(self, k: int, points: int = 81) -> tuple[np.ndarray, np.ndarray]:
        """The pdf over ``[mu - k sigma, mu + k sigma]``, for shading the k-sigma band."""
        x = np.linspace(self.mu - k * self.sigma, self.mu + k * self.sigma, points)
        return x, normal_pdf(x, self.mu, self.sigma)

    def values(self) -> dict[str, Any]:
        return {
            "mu": self.mu,
            "sigma": self.sigma,
            "n": self.n,
            "seed": self.seed,
            "bins": self.bins,
            "sample_mean": self.sample_mean,
            "sample_std": self.sample_std,
            "counts": self.counts.tolist(),
            "bin_edges": self.bin_edges.tolist(),
            "checkpoints": [c.values() for c in self.checkpoints],
            "band_edges": [list(b) for b in self.band_edges],
            "true_share_percent": list(self.true_share_percent),
            "sample_share_percent": list(self.sample_share_percent),
            "rule_percent": list(RULE_PERCENT),
            "sigma_multiples": list(SIGMA_MULTIPLES),
            # 1 / (sigma sqrt(2 pi)) exp(-(x - mu)^2 / (2 sigma^2)); ddof = 0.
            "constants": [0, 1, 2],
        }


def gaussian_sampling_example(
    mu: float = 0.0, sigma: float = 1.0, n: int = 10_000, seed: int = 0, bins: int = 32
) -> GaussianSamplingExample:
    """Sample N(mu, sigma^2) ``n`` times with ``default_rng(seed)`` and follow the histogram.

    Raises
    ------
    InputError
        If ``sigma <= 0`` or below ``MIN_SIGMA_RATIO * max(1, |mu|)`` (too narrow to draw),
        ``n`` is outside ``1..MAX_SAMPLES`` or ``bins`` outside ``MIN_BINS..MAX_BINS``.
    """
    _check_sigma(sigma)
    floor = MIN_SIGMA_RATIO * max(1.0, abs(mu))
    if sigma < floor:
        raise InputError(
            f"sigma must be at least {MIN_SIGMA_RATIO:g} x max(1, |mu|) = {floor:g} to be drawn, "
            f"got {sigma!r}"
        )
    if not 1 <= n <= MAX_SAMPLES:
        raise InputError(f"n must be between 1 and {MAX_SAMPLES}, got {n}")
    if not MIN_BINS <= bins <= MAX_BINS:
        raise InputError(f"bins must be between {MIN_BINS} and {MAX_BINS}, got {bins}")
    rng = np.random.default_rng(seed)
    samples = rng.normal(mu, sigma, size=n)
    lo, hi = mu - HIST_HALF_WIDTH * sigma, mu + HIST_HALF_WIDTH * sigma
    edges = np.linspace(lo, hi, bins + 1)
    width = (hi - lo) / bins
    means, stds = running_mean_std(samples)
    checkpoints = []
    for c in sample_checkpoints(n):
        counts = histogram(samples[:c], edges)
        checkpoints.append(
            GaussianCheckpoint(c, float(means[c - 1]), float(stds[c - 1]), counts, counts / (c * width))
        )
    curve_x = np.linspace(lo, hi, 8 * bins + 1)
    deviation = np.abs(samples - mu)
    return GaussianSamplingExample(
        mu=float(mu),
        sigma=float(sigma),
        n=int(n),
        seed=int(seed),
        bins=int(bins),
        samples=samples,
        bin_edges=edges,
        checkpoints=tuple(checkpoints),
        curve_x=curve_x,
        curve_pdf=normal_pdf(curve_x, mu, sigma),
        true_share_percent=tuple(100 * band_share(k) for k in SIGMA_MULTIPLES),
        sample_share_percent=tuple(
            100 * float(np.count_nonzero(deviation <= k * sigma)) / n for k in SIGMA_MULTIPLES
        ),
    )
