"""Narration of the last chapter, why do we need this: convergence, optimizers, vanishing
gradients and the recap."""

from __future__ import annotations

from mathdl_anim.lesson.narration.script import Beat, Script

__all__ = ["SCRIPTS"]

SCRIPTS: tuple[Script, ...] = (
    Script(
        "GradientDescent",
        (
            Beat(
                "rule",
                r"Each step moves the weight against the slope, scaled by the learning rate $\eta$",
                "Gradient descent moves the weight against the slope, and the learning rate, eta, "
                "scales every step.",
            ),
            Beat(
                "start",
                r"Same start $w_0 = {w0}$, same loss; only $\eta$ changes",
                "Each panel starts at the same weight, {w0}, on the same loss. Only the learning rate "
                "changes.",
            ),
            Beat(
                "fates",
                "Step by step: the same rule, four different fates",
                "Step by step, the same rule meets four different fates. Watch what each learning "
                "rate does to the weight.",
            ),
            Beat(
                "runs",
                "Step by step: the same rule, with each learning rate",
                "Step by step, the same rule runs with each learning rate.",
            ),
            Beat(
                "threshold",
                r"It settles only if $|1 - \eta a| < 1$, that is $\eta < 2/a = {threshold}$",
                "Each step multiplies the distance to the minimum by one minus eta times a. It settles "
                "only if that factor is smaller than one in size: a learning rate below two over a, "
                "which is {threshold}. Otherwise the model does not converge.",
            ),
        ),
    ),
    Script(
        "Optimizers",
        (
            Beat(
                "narrow_valley",
                "A narrow valley: steep across $w_2$, almost flat along $w_1$",
                "This loss is a narrow valley: steep across the second weight, almost flat along the first.",
            ),
            Beat(
                "curved_valley",
                "Rosenbrock's curved valley: easy to fall into, slow to follow",
                "Rosenbrock's curved valley: easy to fall into, but slow to follow to its minimum.",
            ),
            Beat(
                "sgd",
                "SGD steps straight down the local slope",
                "SGD, plain gradient descent, steps straight down the local slope.",
            ),
            Beat(
                "momentum",
                "Momentum keeps a running sum of past gradients",
                "Momentum keeps a running sum of past gradients, so it builds up speed along "
                "consistent directions.",
            ),
            Beat(
                "rmsprop",
                "RMSProp divides each coordinate by its typical gradient size",
                "RMSProp divides each coordinate of the step by its typical gradient size, so steep "
                "and flat directions get similar steps.",
            ),
            Beat(
                "adam",
                "Adam combines both, with a bias correction for the early steps",
                "Adam combines both ideas, with a bias correction for the early steps.",
            ),
            Beat("race", "Same start, same number of steps: go", "Same start, same number of steps. Go!"),
            Beat(
                "results",
                "After {steps} steps the lowest loss is {best}'s: the update rule matters",
                "After {steps} steps, {best} has the lowest loss, {loss}. Same problem, same budget: "
                "the choice of optimizer changes the result.",
            ),
        ),
    ),
    Script(
        "VanishingGradients",
        (
            Beat(
                "chain",
                r"A chain of {depth} layers, each $a_l = \sigma(w_l\, a_{{l-1}} + b_l)$",
                "Here is a chain of {depth} layers. Each one takes the previous activation, multiplies "
                "it by a weight, adds a bias and applies the sigmoid.",
            ),
            Beat(
                "backprop",
                r"Backprop multiplies by $w\,\sigma'(z)$ at every layer (chain rule)",
                "By the chain rule, backpropagation multiplies the gradient by the weight times the "
                "sigmoid's slope at every layer.",
            ),
            Beat(
                "bound",
                r"and the sigmoid's slope is never above {bound}, reached at $z = 0$",
                "And the sigmoid's slope is never above {bound}, which it reaches only at zero.",
            ),
            Beat(
                "factors",
                r"Under each layer, its factor $|w_l\, \sigma'(z_l)|$: all small",
                "Under each layer is its factor, the size of weight times slope. They are all small.",
            ),
            Beat(
                "flow",
                "The gradient flows back from the output, on a log scale ({activation})",
                "Now the gradient flows back from the output, layer by layer, with {activation}. The "
                "bars use a log scale.",
            ),
            Beat(
                "reach",
                "Layer {first_layer} gets ${first}$, layer {last_layer} gets ${last}$: a product of "
                "{depth} factors",
                "Layer {last_layer}, next to the output, gets {last}; layer {first_layer} gets "
                "{first}, a product of {depth} factors.",
            ),
            Beat(
                "relu",
                r"Same weights with ReLU: $\mathrm{{ReLU}}'(z) = 1$ for $z > 0$, so each factor is $|w_l|$",
                "Now the same weights with ReLU. Its slope is one for positive inputs, so each factor "
                "is just the size of the weight.",
            ),
            Beat(
                "conclusion",
                "Each sigmoid layer passes at most {bound} of the gradient (times its weight): "
                "simple math, not magic",
                "Each sigmoid layer passes on at most {bound} of the gradient, times its weight. "
                "Vanishing gradients are simple math, not magic.",
            ),
        ),
    ),
    Script(
        "Recap",
        (
            Beat(
                "pillars",
                "Linear algebra, probability, statistics and calculus",
                "Four pillars hold up deep learning: linear algebra, probability, statistics and calculus.",
            ),
            Beat(
                "appeared",
                "Where each one appeared in this lesson",
                "Here is where each one appeared in this lesson.",
            ),
            Beat(
                "formula",
                "And every neuron starts with the same formula",
                "And every neuron starts with the same formula: z equals W x plus b. Weights times "
                "inputs, plus a bias, gives the output before activation.",
            ),
            Beat(
                "neuron",
                "One neuron: weights times inputs, plus the bias",
                "For one neuron: multiply each weight by its input, add them up, add the bias {bias}, "
                "and get z equals {z}.",
            ),
        ),
    ),
)
