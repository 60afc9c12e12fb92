"""Narration of chapter 2, probability and statistics: random variables, sampling, normalization."""

from __future__ import annotations

from mathdl_anim.lesson.narration.script import Beat, Script

__all__ = ["SCRIPTS"]

SCRIPTS: tuple[Script, ...] = (
    Script(
        "ProbabilisticOutput",
        (
            Beat(
                "digit",
                "A handwritten {label} steps out of the test images: never seen in training",
                "Deep learning models do not answer yes or no: they give the probability of each "
                "answer. Here is a handwritten {label} that the network of chapter one never saw "
                "while it trained.",
            ),
            Beat(
                "forward",
                "Its pixels slide across the weights: one score per digit, $z = xW + b$",
                "Its {pixels} pixels are laid end to end and slide across the weights, one column per "
                "digit, plus a bias. Out come {classes} scores, one for each digit.",
            ),
            Beat(
                "scores",
                "Scores are any real numbers; the largest, {top}, is for {predicted}",
                "Scores can be any real numbers, negative or positive. The largest, {top}, is for "
                "{predicted}. But how sure is the network?",
            ),
            Beat(
                "temperature",
                "Every bar divided by the temperature $T = {temperature}$",
                "First, every score is divided by the temperature, T equals {temperature}. Above one, "
                "it pulls the scores together; below one, it pushes them apart.",
            ),
            Beat(
                "exponentiate",
                "Exponentiate each bar: {formula}, all positive, the largest 1",
                "Softmax works in two moves. First, exponentiate each score minus the largest: every "
                "bar turns positive, and the largest becomes exactly one.",
            ),
            Beat(
                "sum",
                "Stack the bars: together they add up to {total}",
                "Stack the bars on top of each other: together they add up to {total}.",
            ),
            Beat(
                "divide",
                "Divide each by the sum: the bars shrink together, the stack to 1",
                "Second, divide every bar by that sum. They all shrink by the same factor, until the "
                "stack is exactly one tall: a probability distribution over the {classes} digits.",
            ),
            Beat(
                "predict",
                "The tallest bar is the prediction: {predicted}, at {confidence}",
                "The network's answer is this distribution: {predicted} with probability {confidence}, "
                "{second} with {second_p}, and the rest share what is left. Its prediction is the most "
                "likely digit, {predicted}. On the {test} test images, it is right {correct} times.",
            ),
            Beat(
                "ambiguous",
                "A harder digit slides in: the test image the network is least sure of",
                "Now a harder one: of all the test images, this is the one the network is least sure "
                "about. The data set says it is a {label}.",
            ),
            Beat(
                "spread",
                "Its answer spreads out: {first} at {first_p}, {second} at {second_p}",
                "Its probabilities spread out: {first} at {first_p}, {second} at {second_p}. The "
                "prediction is still the most likely digit, {first}; the probabilities say how sure "
                "the model is. Here, not very.",
            ),
            Beat(
                "layer",
                r"It all condenses into the last layer: $p = \mathrm{{softmax}}(xW + b)$",
                "All of this is the last layer of a classifier: scores from x W plus b, then softmax. "
                "In a deep network, x is what the layers before have made of the image, and this same "
                "last layer turns it into probabilities.",
            ),
        ),
    ),
    Script(
        "RandomVariables",
        (
            Beat(
                "roll",
                "A die tumbles: which face lands is random",
                "Roll a die. Which face lands is a random phenomenon: we cannot know it in advance.",
            ),
            Beat(
                "variable",
                "The face is a number, $X = {face}$: the roll drops a block into its bin",
                "The face it shows is a number, the random variable X, here {face}. The roll drops a "
                "block into the bin of that value.",
            ),
            Beat(
                "counts",
                "Roll after roll, the blocks stack up: counts of {n} rolls",
                "Roll after roll, faster and faster, the blocks stack up. After {n} rolls, each stack "
                "counts how often its value came up.",
            ),
            Beat(
                "frequency",
                "Divide each count by $n = {n}$: the axis now reads frequencies",
                "Divide each count by the number of rolls, {n}: the same bars now read as frequencies.",
            ),
            Beat(
                "probabilities",
                r"The orange marks are the probabilities $P(X = x)$: the distribution",
                "The orange marks are the probability of each value: the distribution of X.",
            ),
            Beat(
                "large_numbers",
                "The more rolls, the closer the frequencies come to the probabilities",
                "Roll faster and faster, up to {n} rolls. The frequencies settle onto the probabilities: "
                "the law of large numbers.",
            ),
            Beat(
                "stack",
                "The probabilities stack into one bar of height {total}",
                "Stack the probabilities on top of each other. Together they make one bar of height "
                "{total}: a distribution always adds up to one.",
            ),
            Beat(
                "expectation",
                "A fulcrum slides under the bars: they balance at $E[X] = {expectation}$",
                "Now think of the bars as weights on a beam, and slide a fulcrum under it. The beam "
                "balances at the expectation, E of X, {expectation}.",
            ),
            Beat(
                "sample_mean",
                r"The mean of the {n} rolls, $\bar{{x}} = {sample_mean}$, lands beside it",
                "The mean of the {n} rolls, {sample_mean}, lands right beside it.",
            ),
            Beat(
                "deviations",
                "Each face's distance from $E[X]$ becomes the side of a square",
                "How far do the values spread? Each face's distance from the expectation becomes the "
                "side of a square.",
            ),
            Beat(
                "weighted",
                "Each square shrinks to its probability's share of its area",
                "Each square is weighted by the probability of its face: its area shrinks to that share.",
            ),
            Beat(
                "variance",
                r"Together the weighted squares make the variance, $\mathrm{{Var}}[X] = {variance}$",
                "Put together, the weighted squares make one square. Its area is the variance, {variance}.",
            ),
            Beat(
                "std",
                r"Its side is the standard deviation, $\sigma = {std}$: the spread around $E[X]$",
                "The side of that square, the square root of the variance, is the standard deviation, "
                "{std}: the typical spread around the expectation.",
            ),
            Beat(
                "network",
                "A network's answer is a distribution too: $X$ is the digit it reads",
                "Random variables live inside networks too. Shown a handwritten {label}, the digit "
                "network answers with a distribution over the ten digits, most sure of {prediction}.",
            ),
        ),
    ),
    Script(
        "GaussianSampling",
        (
            Beat(
                "rain",
                "Samples fall one by one into bins: a bar's height counts them",
                "Draw random numbers from a Gaussian, one at a time. Each sample falls into its bin, "
                "and the height of a bar counts the samples in it.",
            ),
            Beat(
                "batches",
                "Then hundreds, then thousands: bars grow, the count axis zooms out",
                "Now faster: hundreds, then thousands of samples, up to {n}. The bars keep their shape "
                "as they grow, so the count axis zooms out. Beside them, the running mean and standard "
                "deviation tick.",
            ),
            Beat(
                "density",
                r"Count $\div$ ($n \times$ bin width): the axis reads density, same bars",
                "Divide every count by n times the bin width: the axis now reads density, and the bars "
                "keep their shape. Samples beyond the axis are left out, as NumPy does: here {left_out}.",
            ),
            Beat(
                "curve",
                r"The Gaussian's density $p(x)$ drawn over it: the bars settled on it",
                "Now draw the density of the Gaussian over it, with mean mu and standard deviation sigma. "
                "The histogram has settled onto the curve.",
            ),
            Beat(
                "converge",
                r"$\bar{{x}}$ settles near $\mu$, $\hat{{\sigma}}$ near $\sigma$ "
                r"(population std: divide by $n$)",
                "The running mean settles near mu, and the running standard deviation near sigma. It is "
                "the population version, which divides by n.",
            ),
            Beat(
                "area",
                r"Shading sweeps out from $\mu$: the area within {k1}, {k2}, {k3} $\sigma$",
                "Shade the area under the curve, sweeping out from mu. Within one standard deviation "
                "lies {p1} percent of it, within two {p2} percent, within three {p3} percent. Beside "
                "each, the share of our samples.",
            ),
            Beat(
                "agree",
                "The samples agree with the exact shares: the {r1}-{r2}-{r3} rule",
                "Our samples agree with the exact shares. Rounded, this is the {r1}, {r2}, {r3} rule, "
                "and it holds for every Gaussian.",
            ),
            Beat(
                "sliders",
                r"Slide $\mu$ and $\sigma$: the curve moves and narrows; a new batch follows",
                "Now move the sliders. Mu shifts the curve, sigma squeezes it, and its area stays one. "
                "A new batch of {next_n} samples follows the new curve.",
            ),
            Beat(
                "weights",
                "A layer's initial weights are such samples: a seeded draw fills $W$",
                "Where does a network use this? Before training, a layer's weights are set to random "
                "samples like these: a seeded draw from the Gaussian fills its weight matrix W, here "
                "{rows} by {cols}.",
            ),
        ),
    ),
    Script(
        "Normalization",
        (
            Beat(
                "data",
                "Dots land on a beam: one feature, {n} values on a number line",
                "One feature of a dataset: {n} values, each a dot on a number line.",
            ),
            Beat(
                "mean",
                r"A fulcrum slides until the beam levels: the mean, $\mu = {mean}$",
                "Slide a fulcrum under the beam: it levels at one point only, the mean, {mean}.",
            ),
            Beat(
                "deviations",
                r"The deviations $x_i - \mu$, laid head to tail, end at $\mu$: they cancel out",
                "Each deviation is an arrow from the mean to a value. Laid head to tail, they end where "
                "they began, at the mean: left and right cancel out.",
            ),
            Beat(
                "squares",
                r"Each arrow becomes a square; their average is the variance $\sigma^2 = {variance}$",
                "Square each arrow and average the squares, dividing by N, the population variance "
                "with ddof zero: one square of area {variance}.",
            ),
            Beat(
                "std",
                r"The square's side is the std, $\sigma = {std}$: a typical distance from $\mu$",
                "Its side, the square root, is the standard deviation, {std}: a typical distance from "
                "the mean.",
            ),
            Beat(
                "shift",
                r"The dots glide left by $\mu$: the data are now centred at 0",
                "To normalize, subtract the mean: the dots glide left by {mean}, centred at zero.",
            ),
            Beat(
                "scale",
                r"The ticks spread: one $\sigma$ is now one unit",
                "Then divide by the standard deviation: the ticks spread until one standard deviation, "
                "{std}, is one unit.",
            ),
            Beat(
                "normalized",
                r"$z = (x - \mu) / \sigma$ has mean 0 and std 1",
                "The z-scores have mean zero and standard deviation one.",
            ),
            Beat(
                "two_features",
                r"Two features of {houses} houses on one scale: rooms, and land in km$^2$",
                "Why networks want this: two features of {houses} houses, rooms and land in square "
                "kilometres, on scales {ratio} times apart.",
            ),
            Beat(
                "loss",
                r"The loss over the two weights: a valley ${condition}$ times more curved across",
                "A linear model's squared error over its two weights is a needle-thin valley, "
                "{condition} times more curved across than along.",
            ),
            Beat(
                "raw_descent",
                r"Gradient descent bounces across the valley and stalls",
                "Gradient descent, learning rate {lr}, follows the slope across the valley: it bounces "
                "from wall to wall and stalls at loss {final}.",
            ),
            Beat(
                "rule",
                r"The steepest curvature caps the step: $\eta < 2/\lambda_{{\max}} = {max_lr}$",
                "A larger rate would diverge: it must stay under two over the steepest curvature, "
                "{max_lr}. Along the valley, reaching the minimum, to within one percent, would take "
                "{raw_steps} steps.",
            ),
            Beat(
                "normalized_descent",
                r"Normalized, the contours are near-circles: the same $\eta$ walks straight down",
                "Normalized, the valley becomes a round bowl, condition number {condition}, and the "
                "same rate walks straight down in {norm_steps} steps.",
            ),
            Beat(
                "compare",
                r"Same model, same $\eta$, same minimum: ${raw_steps}$ steps against ${norm_steps}$",
                "Same model, same rate, same minimum: that is why a network's inputs are normalized.",
            ),
        ),
    ),
)
