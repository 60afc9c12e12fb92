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
    "RAIN",
    "NEXT_BATCH",
    "NEXT_SHIFT",
    "NEXT_SCALE",
    "WEIGHT_SHAPE",
    "nice_ticks",
    "value_decimals",
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
#: GaussianSampling: samples that rain one by one before the bars grow continuously.
RAIN = 16
#: GaussianSampling's sliders move the curve to ``mu + NEXT_SHIFT sigma`` and
#: ``NEXT_SCALE sigma``; a batch of ``NEXT_BATCH`` samples follows the new curve.
NEXT_SHIFT, NEXT_SCALE, NEXT_BATCH = 1.0, 0.75, 2000
#: The layer whose initial weights a seeded draw fills (rows = neurons, columns = inputs).
WEIGHT_SHAPE = (3, 4)
#: Headroom of the count/density axis over the tallest bar or curve.
AXIS_HEADROOM = 1.08


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
    """Counts of ``samples`` in the bins ``edges``, as ``numpy.histogram`` counts them.

    Samples beyond the ends are left out (neither NumPy nor torch puts them in the end bins,
    which would overstate those bins' density); :func:`left_out` counts them. The last bin
    includes its right edge.
    """
    counts, _ = np.histogram(np.asarray(samples, dtype=float), bins=np.asarray(edges, dtype=float))
    return counts


def left_out(samples: npt.ArrayLike, edges: npt.ArrayLike) -> int:
    """How many ``samples`` lie outside ``[edges[0], edges[-1]]`` (not counted by :func:`histogram`)."""
    x, ends = np.asarray(samples, dtype=float), np.asarray(edges, dtype=float)
    return int(np.count_nonzero((x < ends[0]) | (x > ends[-1])))


def nice_ticks(lo: float, hi: float, target: int = 8) -> tuple[np.ndarray, int]:
    """Round tick values in ``[lo, hi]`` (a step of 1, 2 or 5 times a power of ten, about
    ``target`` of them) and the decimals that write the step exactly.

    Examples
    --------
    >>> nice_ticks(90.0, 410.0)
    (array([100., 150., 200., 250., 300., 350., 400.]), 0)
    """
    raw = (hi - lo) / target
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw * (1 - 1e-9))
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    first, last = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
    return np.round(np.arange(first, last + 1) * step, decimals + 1), decimals


def value_decimals(sigma: float) -> int:
    """Fixed decimals for a value in the units of ``x`` (mean, std, mu, sigma): two significant
    digits of ``sigma`` after the point, so ``sigma = 1`` gives 2 (``1.00``), 40 gives 1 (``39.9``)."""
    return max(0, 2 - math.floor(math.log10(sigma)))


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
    network_pixels : np.ndarray of int, shape (8, 8)
        That image's grey levels, drawn as ink (not shown as numbers).
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
    network_pixels: np.ndarray

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
            "roll_numbers": list(range(1, len(self.first_rolls) + 1)),
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


def _network_answer(index: int) -> tuple[np.ndarray, int, np.ndarray]:
    """Softmax of the digit network's scores for the image ``index``, its label and pixels."""
    from mathdl_anim.core.digits import digit_network, load_digit  # trains once per process

    digit = load_digit(index)
    scores = np.asarray(digit_network().scores(digit.pixels), dtype=float)
    e = np.exp(scores - scores.max())
    return e / e.sum(), digit.label, digit.pixels


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
    probabilities, label, pixels = _network_answer(NETWORK_DIGIT)
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
        pixels,
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
        Samples per bin, as :func:`histogram` counts them (outliers left out).
    density : np.ndarray
        ``counts / (n * bin width)``: the histogram's estimate of the pdf in each bin.
    left_out : int
        Samples beyond the histogram's range, not counted in any bin.
    """

    n: int
    mean: float
    std: float
    counts: np.ndarray
    density: np.ndarray
    left_out: int = 0

    def values(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "mean": self.mean,
            "std": self.std,
            "counts": self.counts.tolist(),
            "left_out": self.left_out,
        }


@dataclass(frozen=True)
class NextBatch:
    """A batch of seeded samples of the Gaussian the sliders moved to.

    Attributes
    ----------
    mu, sigma : float
        ``mu + NEXT_SHIFT sigma`` and ``NEXT_SCALE sigma`` of the first Gaussian.
    samples : np.ndarray, shape (NEXT_BATCH,)
    counts : np.ndarray of int
        Per bin of the same edges as the first histogram.
    running_mean, running_std : np.ndarray
        Mean and population std of the first ``k`` samples, ``k = 1..NEXT_BATCH``.
    left_out : int
    """

    mu: float
    sigma: float
    samples: np.ndarray
    counts: np.ndarray
    running_mean: np.ndarray
    running_std: np.ndarray
    left_out: int


@dataclass(frozen=True)
class GaussianSamplingExample:
    """Seeded samples of N(mu, sigma^2) filling a histogram that converges onto the pdf.

    Attributes
    ----------
    mu, sigma : float
    n, seed, bins : int
    samples : np.ndarray, shape (n,)
    bin_edges : np.ndarray, shape (bins + 1,)
        Equal bins over ``mu +- HIST_HALF_WIDTH * sigma``; samples beyond are left out.
    checkpoints : tuple[GaussianCheckpoint, ...]
        ``sample_checkpoints(n, RAIN)``: each of the first :data:`RAIN` samples, then 100,
        1000... and ``n``; the last one holds all ``n`` samples.
    running_mean, running_std : np.ndarray, shape (n,)
        Mean and population std of the first ``k`` samples, ``k = 1..n`` (the live counters).
    curve_x, curve_pdf : np.ndarray
        The pdf on a fine grid, for drawing the curve.
    true_share_percent : tuple[float, ...]
        Exact ``100 P(|X - mu| <= k sigma)`` for ``k = 1, 2, 3`` (the normal cdf).
    sample_share_percent : tuple[float, ...]
        The same shares among the samples.
    count_tops : tuple[float, ...]
        The top of the count axis at each checkpoint: the tallest bar with headroom; the last
        one also fits the pdf and the next batch's pdf, scaled to counts (``n * width * pdf``).
    next_batch : NextBatch
        The batch drawn after the sliders move the curve.
    weights : np.ndarray, shape WEIGHT_SHAPE
        A seeded draw of N(mu, sigma^2): a layer's initial weights.
    """

    mu: float
    sigma: float
    n: int
    seed: int
    bins: int
    samples: np.ndarray
    bin_edges: np.ndarray
    checkpoints: tuple[GaussianCheckpoint, ...]
    running_mean: np.ndarray
    running_std: np.ndarray
    curve_x: np.ndarray
    curve_pdf: np.ndarray
    true_share_percent: tuple[float, ...]
    sample_share_percent: tuple[float, ...]
    count_tops: tuple[float, ...]
    next_batch: NextBatch
    weights: np.ndarray

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
    def left_out(self) -> int:
        """Samples beyond ``mu +- HIST_HALF_WIDTH sigma``, left out of the histogram."""
        return self.final.left_out

    @property
    def bin_width(self) -> float:
        return float(self.bin_edges[1] - self.bin_edges[0])

    @property
    def rain(self) -> int:
        """How many samples fall one by one."""
        return min(RAIN, self.n)

    @property
    def decimals(self) -> int:
        """Fixed decimals of every value in the units of x (see :func:`value_decimals`)."""
        return value_decimals(self.sigma)

    @property
    def density_top(self) -> float:
        """The top of the density axis: the last count top divided by ``n * width``."""
        return self.count_tops[-1] / (self.n * self.bin_width)

    @property
    def band_edges(self) -> tuple[tuple[float, float], ...]:
        """``(mu - k sigma, mu + k sigma)`` for ``k = 1, 2, 3``."""
        return tuple((self.mu - k * self.sigma, self.mu + k * self.sigma) for k in SIGMA_MULTIPLES)

    @property
    def first_samples(self) -> np.ndarray:
        """The samples shown falling one by one (some may lie beyond the histogram's range)."""
        return cast(np.ndarray, self.samples[: self.rain])

    def x_ticks(self) -> tuple[np.ndarray, int]:
        """Round ticks of the x-axis (data units) and their decimals."""
        return nice_ticks(float(self.bin_edges[0]), float(self.bin_edges[-1]))

    def counts_after(self, k: int, batch: NextBatch | None = None) -> np.ndarray:
        """Bin counts of the first ``k`` samples (of ``batch``, default the main samples)."""
        samples = self.samples if batch is None else batch.samples
        return histogram(samples[: max(int(k), 0)], self.bin_edges)

    def left_out_after(self, k: int, batch: NextBatch | None = None) -> int:
        """Samples among the first ``k`` (of ``batch``, default the main samples) beyond the
        histogram's range."""
        samples = self.samples if batch is None else batch.samples
        return left_out(samples[: max(int(k), 0)], self.bin_edges)

    def exact_share_percent(self, k: float) -> float:
        """``100 P(|X - mu| <= k sigma)`` for any ``k >= 0`` (the live shaded area)."""
        return 100.0 * band_share(k)

    def samples_share_percent(self, k: float) -> float:
        """Percent of the samples with ``|x - mu| <= k sigma`` (the live count beside it)."""
        deviation = np.abs(self.samples - self.mu)
        return 100.0 * float(np.count_nonzero(deviation <= k * self.sigma)) / self.n

    def band_curve(self, k: float, points: int = 81) -> tuple[np.ndarray, np.ndarray]:
        """The pdf over ``[mu - k sigma, mu + k sigma]``, for shading the k-sigma band."""
        x = np.linspace(self.mu - k * self.sigma, self.mu + k * self.sigma, points)
        return x, normal_pdf(x, self.mu, self.sigma)

    def pdf_curve(self, mu: float, sigma: float) -> tuple[np.ndarray, np.ndarray]:
        """The pdf of N(mu, sigma^2) on the drawing grid (``curve_x``), for the sliders."""
        return self.curve_x, normal_pdf(self.curve_x, mu, sigma)

    def values(self) -> dict[str, Any]:
        nb = self.next_batch
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
            "left_out": self.left_out,
            "density": self.final.density.tolist(),
            "next_mu": nb.mu,
            "next_sigma": nb.sigma,
            "next_n": int(nb.samples.size),
            "next_counts": nb.counts.tolist(),
            "next_sample_mean": float(nb.running_mean[-1]),
            "next_sample_std": float(nb.running_std[-1]),
            "next_left_out": nb.left_out,
            "weights": self.weights.tolist(),
            "weight_shape": list(self.weights.shape),
            # 1 / (sigma sqrt(2 pi)) exp(-(x - mu)^2 / (2 sigma^2)); ddof = 0; percent of 100.
            "constants": [0, 1, 2, 100],
        }


def _count_top(counts: np.ndarray, *curves: float) -> float:
    """The count axis' top: the tallest bar or curve with headroom (at least 1)."""
    return AXIS_HEADROOM * max(1.0, float(np.max(counts)), *curves)


def gaussian_sampling_example(
    mu: float = 0.0, sigma: float = 1.0, n: int = 10_000, seed: int = 0, bins: int = 32
) -> GaussianSamplingExample:
    """Sample N(mu, sigma^2) ``n`` times with ``default_rng(seed)`` and follow the histogram.

    The same generator then draws the next batch (:data:`NEXT_BATCH` samples of the Gaussian
    the sliders move to) and the weights (:data:`WEIGHT_SHAPE` samples of N(mu, sigma^2)), so
    the ``n`` samples are ``default_rng(seed).normal(mu, sigma, n)`` whatever follows.

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
    next_mu, next_sigma = mu + NEXT_SHIFT * sigma, NEXT_SCALE * sigma
    next_samples = rng.normal(next_mu, next_sigma, size=NEXT_BATCH)
    weights = rng.normal(mu, sigma, size=WEIGHT_SHAPE)
    lo, hi = mu - HIST_HALF_WIDTH * sigma, mu + HIST_HALF_WIDTH * sigma
    edges = np.linspace(lo, hi, bins + 1)
    width = (hi - lo) / bins
    means, stds = running_mean_std(samples)
    checkpoints = []
    for c in sample_checkpoints(n, one_by_one=RAIN):
        counts = histogram(samples[:c], edges)
        checkpoints.append(
            GaussianCheckpoint(
                c,
                float(means[c - 1]),
                float(stds[c - 1]),
                counts,
                counts / (c * width),
                left_out(samples[:c], edges),
            )
        )
    peak = 1.0 / (sigma * math.sqrt(2.0 * math.pi))  # the pdf's height at its mean
    tops = [_count_top(c.counts) for c in checkpoints[:-1]]
    tops.append(_count_top(checkpoints[-1].counts, n * width * peak, n * width * peak / NEXT_SCALE))
    next_means, next_stds = running_mean_std(next_samples)
    next_batch = NextBatch(
        mu=float(next_mu),
        sigma=float(next_sigma),
        samples=next_samples,
        counts=histogram(next_samples, edges),
        running_mean=next_means,
        running_std=next_stds,
        left_out=left_out(next_samples, edges),
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
        running_mean=means,
        running_std=stds,
        curve_x=curve_x,
        curve_pdf=normal_pdf(curve_x, mu, sigma),
        true_share_percent=tuple(100 * band_share(k) for k in SIGMA_MULTIPLES),
        sample_share_percent=tuple(
            100 * float(np.count_nonzero(deviation <= k * sigma)) / n for k in SIGMA_MULTIPLES
        ),
        count_tops=tuple(tops),
        next_batch=next_batch,
        weights=weights,
    )
