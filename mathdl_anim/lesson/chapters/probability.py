"""Chapter 2, probability and statistics: random variables, Gaussian sampling, normalization."""

from __future__ import annotations

from mathdl_anim.core import probability as prob
from mathdl_anim.core import statistics as stats
from mathdl_anim.core.params import Param, as_int, as_number, as_vector
from mathdl_anim.lesson.spec import SceneSpec

__all__ = ["CHAPTER", "SCENES"]

CHAPTER = "Probability and statistics"

MAX_SEED = 2**32 - 1


def _seed(default: int) -> Param:
    return Param(
        "seed", default, f"random seed for numpy.random.default_rng, 0 to {MAX_SEED}", as_int(0, MAX_SEED)
    )


def _n(default: int, what: str) -> Param:
    return Param("n", default, f"number of {what}, 1 to {prob.MAX_SAMPLES}", as_int(1, prob.MAX_SAMPLES))


SCENES: tuple[SceneSpec, ...] = (
    SceneSpec(
        name="RandomVariables",
        module="scenes.random_variables",
        chapter=CHAPTER,
        description="A die's faces mapped to numbers; its distribution as bars; the frequencies "
        "of 10, 100, 1000... draws approaching it.",
        params=(
            Param(
                "weights",
                [1, 1, 1, 1, 1, 1],
                f"relative weight of each face 1..k (2 to {prob.MAX_OUTCOMES} non-negative numbers), "
                "normalized to probabilities",
                as_vector(2, prob.MAX_OUTCOMES),
            ),
            _n(10_000, "draws"),
            _seed(1),
        ),
        build=lambda weights, n, seed: prob.random_variable_example(weights, n, seed),
    ),
    SceneSpec(
        name="GaussianSampling",
        module="scenes.gaussian_sampling",
        chapter=CHAPTER,
        description="Samples of N(mu, sigma^2) fill a histogram, one by one then in batches, "
        "converging onto the pdf; running mean and std; the 68-95-99.7 bands.",
        params=(
            Param("mu", 0, "mean of the Gaussian, -1000 to 1000", as_number(-1000, 1000)),
            Param(
                "sigma",
                1,
                f"standard deviation, at most 1000 and at least {prob.MIN_SIGMA_RATIO:g} x max(1, |mu|)",
                as_number(0, 1000, open_lo=True),
            ),
            _n(10_000, "samples"),
            _seed(0),
            Param(
                "bins",
                32,
                f"histogram bins over mu +- {prob.HIST_HALF_WIDTH} sigma, {prob.MIN_BINS} to {prob.MAX_BINS}",
                as_int(prob.MIN_BINS, prob.MAX_BINS),
            ),
        ),
        build=lambda mu, sigma, n, seed, bins: prob.gaussian_sampling_example(mu, sigma, n, seed, bins),
    ),
    SceneSpec(
        name="Normalization",
        module="scenes.normalization",
        chapter=CHAPTER,
        description="A feature shifted by its mean and scaled by its (population) std to mean 0, "
        "std 1; then two features on very different scales.",
        params=(
            Param(
                "data",
                [2, 4, 4, 4, 5, 5, 7, 9],
                f"the feature's values, {stats.MIN_DATA} to {stats.MAX_DATA} numbers, not all equal",
                as_vector(stats.MIN_DATA, stats.MAX_DATA),
            ),
        ),
        build=lambda data: stats.normalization_example(data),
    ),
)
