"""Narration of chapter 2, probability and statistics: random variables, sampling, normalization."""

from __future__ import annotations

from mathdl_anim.lesson.narration.script import Beat, Script

__all__ = ["SCRIPTS"]

SCRIPTS: tuple[Script, ...] = (
    Script(
        "RandomVariables",
        (
            Beat(
                "phenomenon",
                "A die roll is a random phenomenon: we cannot know the face in advance",
                "Rolling a die is a random phenomenon: we cannot know in advance which face comes up.",
            ),
            Beat(
                "variable",
                "A random variable $X$ turns each outcome into a number",
                "A random variable, called X, turns each outcome into a number.",
            ),
            Beat(
                "distribution",
                r"Its distribution: the probability $P(X = x)$ of each value, summing to 1",
                "Its distribution gives the probability of each value. Together, the probabilities add "
                "up to one.",
            ),
            Beat(
                "frequencies",
                "Roll it $n$ times: the frequencies approach the probabilities",
                "Now roll n times and count how often each value comes up. These frequencies approach "
                "the probabilities.",
            ),
            Beat(
                "large_numbers",
                "More draws, closer match: the law of large numbers",
                "The more draws, the closer the match; here we stopped at {n} draws. This is the law "
                "of large numbers.",
            ),
            Beat(
                "expectation",
                "The centre of the distribution is its expectation; the mean of the draws is close",
                "The centre of the distribution is its expectation, {expectation}. The mean of the "
                "draws, {sample_mean}, is close to it.",
            ),
            Beat(
                "variance",
                "The variance measures its spread around that centre",
                "The variance, {variance}, measures how far the values spread around that centre.",
            ),
        ),
    ),
    Script(
        "GaussianSampling",
        (
            Beat(
                "density",
                r"The Gaussian $N(\mu, \sigma^2)$: most values near $\mu$, fewer far away",
                "The Gaussian, or normal, distribution with mean mu and standard deviation sigma: most "
                "values land near mu, fewer and fewer far away.",
            ),
            Beat(
                "one_by_one",
                "Draw one sample at a time: it falls into its bin",
                "Let us draw samples one at a time. Each one falls into its bin of the histogram.",
            ),
            Beat(
                "density_bars",
                "Bars show density: area 1, like the curve, so few samples stand tall",
                "The bars show density: their total area is one, like the area under the curve, so "
                "with only a few samples each bar stands tall.",
            ),
            Beat(
                "batches",
                "Then in growing batches: the histogram settles onto the curve",
                "Now we draw in growing batches, and the histogram settles onto the curve.",
            ),
            Beat(
                "converge",
                r"The sample mean $\bar{{x}}$ approaches $\mu$, the sample std approaches $\sigma$",
                "After {n} samples, the sample mean is {sample_mean}, close to mu, and the sample "
                "standard deviation is {sample_std}, close to sigma.",
            ),
            Beat(
                "rule",
                "The {r1}-{r2}-{r3} rule: the share within {k1}, {k2} and {k3} std of the mean",
                "The {r1}, {r2}, {r3} rule: about {r1} percent of values lie within {k1} standard "
                "deviation of the mean, {r2} percent within {k2}, and {r3} percent within {k3}.",
            ),
            Beat(
                "agree",
                "Exact Gaussian shares and the shares among the samples agree",
                "The exact shares of the Gaussian and the shares among our samples agree.",
            ),
        ),
    ),
    Script(
        "Normalization",
        (
            Beat(
                "data",
                "One feature of the data: each value is a dot on the number line",
                "Here is one feature of a dataset. Each value is a dot on the number line.",
            ),
            Beat(
                "mean",
                "The mean is the centre: the balance point of the dots",
                "The mean, {mean}, is the centre of the data: the point where the dots would balance.",
            ),
            Beat(
                "std",
                r"The std is the typical distance from the mean (population std: divide by $N$, ddof = 0)",
                "The standard deviation, {std}, is the typical distance from the mean. We use the "
                "population version, dividing by N.",
            ),
            Beat(
                "shift",
                "Subtract the mean: the data are now centred at 0",
                "Subtract the mean from every value: the data are now centred at zero.",
            ),
            Beat(
                "scale",
                "Divide by the std: one std is now one unit",
                "Then divide by the standard deviation: one standard deviation is now one unit.",
            ),
            Beat(
                "normalized",
                "Every normalized feature has mean 0 and std 1",
                "Every normalized feature ends up with mean zero and standard deviation one.",
            ),
            Beat(
                "two_features",
                "Two features of the same people, on one scale: age in years, income in dollars",
                "Now two features of the same people, drawn on one scale: age in years and income in "
                "dollars.",
            ),
            Beat(
                "raw",
                "Raw, age is squeezed to a point: its weight would need steps thousands of times larger",
                "On the raw scale, age is squeezed to a point: income spreads {ratio} times wider. A "
                "single learning rate cannot suit both weights.",
            ),
            Beat(
                "both_normalized",
                "Normalized, both have mean 0 and std 1: one learning rate suits every weight",
                "After normalization both features have mean zero and standard deviation one, so one "
                "learning rate suits every weight.",
            ),
        ),
    ),
)
