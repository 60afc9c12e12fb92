"""Chapter 2, probability and statistics: random variables, Gaussian sampling, normalization."""

from __future__ import annotations

from mathdl_anim.core import classifier as clf
from mathdl_anim.core import probability as prob
from mathdl_anim.core import statistics as stats
from mathdl_anim.core.digits import DIGIT_IMAGES, TRAIN_IMAGES
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
        name="ProbabilisticOutput",
        module="scenes.probabilistic_output",
        chapter=CHAPTER,
        description="A real test digit read by chapter 1's network: ten scores, exponentiated and "
        "shared out by softmax into probabilities that stack to 1; then the test digit it is least sure of.",
        params=(
            Param(
                "digit",
                clf.DEFAULT_DIGIT,
                f"index of a test image of scikit-learn's digits, {TRAIN_IMAGES} to {DIGIT_IMAGES - 1} "
                "(the network trained on the images before them)",
                as_int(TRAIN_IMAGES, DIGIT_IMAGES - 1),
            ),
            Param(
                "temperature",
                1,
                f"softmax temperature T, {clf.MIN_TEMPERATURE:g} to {clf.MAX_TEMPERATURE:g}: the scores "
                "are divided by T (above 1 flatter, below 1 sharper)",
                as_number(clf.MIN_TEMPERATURE, clf.MAX_TEMPERATURE),
            ),
        ),
        build=lambda digit, temperature: clf.probabilistic_output_example(digit, temperature),
    ),
    SceneSpec(
        name="RandomVariables",
        module="scenes.random_variables",
        chapter=CHAPTER,
        description="A die tumbles and drops blocks into bins; counts become frequencies that "
        "settle onto the probabilities; they stack to 1, balance at E[X] and spread by Var[X]; a "
        "network's answer as a distribution.",
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
        description="Samples of N(mu, sigma^2) rain into count bins, then the axis reads density "
        "and the pdf lies on the bars; running mean and std; the shares within 1, 2, 3 sigma; sliders "
        "move the curve; a seeded draw fills a layer's weights.",
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
                f"histogram bins over mu +- {prob.HIST_HALF_WIDTH} sigma (samples beyond are left out), "
                f"{prob.MIN_BINS} to {prob.MAX_BINS}",
                as_int(prob.MIN_BINS, prob.MAX_BINS),
            ),
        ),
        build=lambda mu, sigma, n, seed, bins: prob.gaussian_sampling_example(mu, sigma, n, seed, bins),
    ),
    SceneSpec(
        name="Normalization",
        module="scenes.normalization",
        chapter=CHAPTER,
        description="A feature balanced at its mean, its squared deviations averaged into the "
        "(population) variance, shifted and scaled to mean 0, std 1; then gradient descent on two "
        "features thousands of times apart in scale, before and after normalizing.",
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
