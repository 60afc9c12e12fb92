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
                "loss",
                r"Sweeping one weight $w$ traces the loss $L(w)$",
                "Hold every weight of a network still but one, w. Sweeping it traces the loss, "
                "L of w: a bowl, lowest at w star, {w_star}.",
            ),
            Beat(
                "curvature",
                r"The tangent turns: its slope grows by $a = L''(w) = {a}$ per unit of $w$",
                "Slide the tangent along the bowl: its slope, L prime, climbs from {s0} to {s1}, "
                "by {a} for each unit of w. That rate is the curvature a, the second derivative.",
            ),
            Beat(
                "split",
                r"Each panel its own $\eta$, the same start $w_0 = {w0}$",
                "Copies of the bowl, each with its own learning rate, eta, all from the same start, {w0}.",
            ),
            Beat(
                "rule",
                r"The tangent, the step $-\eta\,L'(w)$, then the ball lands",
                "Each step reads the slope under the ball and moves against it: the arrow, minus "
                "eta times L prime. The ball lands where it ends.",
            ),
            Beat(
                "fates",
                "The same rule, step after step",
                "Step after step: too small a rate crawls, a good one settles fast, too large jumps "
                "across the minimum, and larger still flies away.",
            ),
            Beat(
                "zoom",
                "Step after step; a panel zooms out to follow its ball",
                "Step after step: too small a rate crawls, a good one settles fast, too large jumps "
                "across the minimum, and larger still flies away, its panel zooming out to follow.",
            ),
            Beat(
                "errors",
                r"The distance $|w_k - w^*|$ on a log axis",
                "Now each ball's distance to the minimum, step by step, on a log axis.",
            ),
            Beat(
                "slopes",
                r"Straight lines: each step multiplies it by $|1 - \eta a|$",
                "Straight lines: each step multiplies the distance by the same factor, the size of "
                "one minus eta a; on a log axis, a constant factor makes a line whose slope is its log.",
            ),
            Beat(
                "fold",
                r"$1 - \eta a$ against $\eta$: below 0, the ball changes side",
                "The factor, one minus eta a, against eta, is a straight line. Below zero, the ball "
                "lands across the minimum at every step.",
            ),
            Beat(
                "threshold",
                r"Its size $|1 - \eta a| < 1$ only for $\eta < 2/a = {threshold}$",
                "Fold it up to its size. The distance shrinks only where that is below one: for eta "
                "under two over a, here {threshold}. Past it, the model does not converge.",
            ),
            Beat(
                "twins",
                r"$\eta = {i}$ and ${j}$: the same $|1 - \eta a| = {f}$",
                "Eta {i} and {j} share the factor {f}: one approaches from one side, the other jumps "
                "across at every step, and both end at the same distance, {d}.",
            ),
        ),
    ),
    Script(
        "Optimizers",
        (
            Beat(
                "narrow_valley",
                "The loss over two weights: steep across $w_2$, almost flat along $w_1$",
                "A loss over two weights of a network: a narrow valley. Across it, along the second "
                "weight, the curvature a is {a_steep}; along it, only {a_shallow}.",
            ),
            Beat(
                "curved_valley",
                "Rosenbrock's curved valley: steep across, almost flat along",
                "A loss over two weights of a network: Rosenbrock's curved valley. Near the minimum, "
                "the curvature a is {a_steep} across it and only {a_shallow} along it.",
            ),
            Beat(
                "sgd_split",
                r"SGD steps by $-\eta g$: a big part across the valley, a small part along it",
                "Plain gradient descent, SGD, steps by minus eta times the gradient. Split in two, "
                "the step is big across the valley and small along it.",
            ),
            Beat(
                "sgd_cap",
                r"Across, each step multiplies the distance by $1 - \eta a$: so $\eta < 2/a = {lr_cap}$",
                "Across, each step multiplies the distance to the bottom by one minus eta a, here "
                "{steep_factor}: as in the previous scene, it settles only for eta under two over a, "
                "{lr_cap}.",
            ),
            Beat(
                "sgd_slow",
                r"Along, each step takes off only $\eta a = {removed}$ of the distance: slow",
                "Along it, the same eta takes off only {removed} of the distance per step: the steep "
                "direction caps eta, and the flat one crawls.",
            ),
            Beat(
                "momentum",
                "Momentum: a velocity sums past gradients and builds along the valley",
                "Momentum keeps a velocity, a running sum of past gradients. Along the valley it "
                "builds; across, they flip sign, and the ball swings from wall to wall.",
            ),
            Beat(
                "rmsprop",
                r"RMSProp divides each direction by its typical gradient size $\sqrt{{s}}$",
                "RMSProp divides each direction of the step by its typical gradient size, the root "
                "of a running mean of its squares. Rho is {rho} here; PyTorch's default, {torch_rho}.",
            ),
            Beat(
                "rmsprop_round",
                "The narrow ellipse, as RMSProp's step sees it, turns rounder",
                "Steep directions get smaller steps, flat ones larger: as the step sees it, the "
                "ellipse turns rounder, its length over width from {before} to {after}.",
            ),
            Beat(
                "adam",
                r"Adam does both: a velocity $m$, rescaled by $\sqrt{{v}}$",
                "Adam does both: a velocity, like momentum, divided by the typical gradient size, like "
                "RMSProp, with a correction for the first steps.",
            ),
            Beat(
                "grid",
                r"A fair race: every optimizer tries every $\eta$ of the grid for {steps} steps",
                "To race fairly, each optimizer tries every learning rate of this grid, same start, "
                "same {steps} steps, and keeps its best.",
            ),
            Beat(
                "race",
                r"Each at its best $\eta$, same start, same {steps} steps: paths and losses race",
                "Now each at its best learning rate, same start, same {steps} steps; below, its loss "
                "on a log scale. Go!",
            ),
            Beat(
                "ranking",
                "Ranked by final loss: {first} first, {last} last",
                "First {first}, last {last}: SGD's one rate is capped by the steep direction, while "
                "the others build speed along the valley or rescale each direction. The same rules "
                "run inside torch dot optim, over millions of weights.",
            ),
        ),
    ),
    Script(
        "VanishingGradients",
        (
            Beat(
                "chain",
                r"A chain of {depth} layers, each $a_l = \sigma(w_l\, a_{{l-1}} + b_l)$",
                "A deep chain of {depth} layers, one neuron each: a weight, a bias, then the sigmoid.",
            ),
            Beat(
                "sigma",
                r"The input flows forward: each layer's $z_l$ lands on $\sigma$, between 0 and 1",
                "The input flows forward; each layer's z lands on the sigmoid, between zero and one.",
            ),
            Beat(
                "slope",
                r"A tangent slides along it and traces its slope $\sigma'(z)$: at most {bound}",
                "Trace its slope, sigma prime: never above {bound}, reached only at zero.",
            ),
            Beat(
                "marks",
                r"Each layer's $z_l$ carried over to $\sigma'$: every slope is below {bound}",
                "Carry each layer's z over to the slope: every one is below {bound}.",
            ),
            Beat(
                "factors",
                r"Backprop multiplies by $|w_l\, \sigma'(z_l)|$ at each layer: its factor",
                "Backpropagation multiplies the gradient at each layer by weight times slope: this factor.",
            ),
            Beat(
                "over",
                r"Layer {layer}: ${factor} > {bound}$, because its weight is $w = {weight} > 1$",
                "Layer {layer}'s factor, {factor}, is above {bound} only because its weight, "
                "{weight}, is larger than one.",
            ),
            Beat(
                "under",
                r"The largest, layer {layer}'s ${factor}$ ($w = {weight}$), stays below {bound}",
                "Even the largest factor, layer {layer}'s {factor}, with a weight of {weight}, stays "
                "below {bound}.",
            ),
            Beat(
                "pulse",
                "Backpropagation: the output sends back a gradient of 1",
                "Now backpropagate: the output sends back a gradient of one.",
            ),
            Beat(
                "shrink",
                "At each layer the pulse is multiplied by that layer's factor",
                "At each layer the pulse is multiplied by its factor and shrinks; a bar shows what arrives.",
            ),
            Beat(
                "linear",
                r"Layer {last_layer} gets ${last}$, layer {first_layer} ${first}$: on this scale, nothing",
                "Layer {last_layer} receives {last}; layer {first_layer} receives {first}: on a "
                "linear scale, nothing.",
            ),
            Beat(
                "log",
                r"On a log scale: a product of {depth} factors, one step down per layer",
                "On a log scale, each layer is one step further down: a product of {depth} factors.",
            ),
            Beat(
                "train",
                r"Training: each dot climbs as far as its weight has moved, {steps} steps at $\eta = {lr}$",
                "Train it to halve its output, {steps} steps at a learning rate of {lr}: each dot "
                "climbs as far as its weight moves.",
            ),
            Beat(
                "moved",
                r"Layer {last_layer} moved ${last}$, layer {first_layer} only ${first}$",
                "Layer {last_layer} moved {last}, layer {first_layer} only {first}. The early layers "
                "barely learn; the loss only fell from {loss0} to {loss1}.",
            ),
            Beat(
                "relu",
                r"Now ReLU: $\mathrm{{ReLU}}'(z) = 1$ for $z > 0$, so each factor is $|w_l|$",
                "Now the same chain with ReLU: its slope is one wherever z is positive, so each "
                "factor is just the weight.",
            ),
            Beat(
                "relu_flow",
                r"The pulse does not fade: layer {first_layer} receives ${first}$",
                "The pulse flows back without fading: layer {first_layer} receives {first}.",
            ),
            Beat(
                "relu_train",
                r"Trained the same way, every ReLU layer moves: layer {first_layer} by ${first}$",
                "Trained the same way, every layer moves: layer {first_layer} by {first}; the loss "
                "falls from {loss0} to {loss1}.",
            ),
            Beat(
                "conclusion",
                r"Layer {last_layer}'s move carried to layer {first_layer}: $\div\,{sig}$ with sigmoid, "
                r"$\div\,{relu}$ with ReLU",
                "Carried back to layer {first_layer}, layer {last_layer}'s move shrinks {sig} times "
                "with sigmoid, only {relu} times with ReLU. Simple math, not magic.",
            ),
        ),
    ),
    Script(
        "Recap",
        (
            Beat(
                "pillars",
                "Four pillars rise: linear algebra, probability, statistics, calculus",
                "Four pillars hold up deep learning: linear algebra, probability, statistics and calculus.",
            ),
            Beat(
                "linear_algebra",
                "A digit's grid, a row meeting a column: linear algebra",
                "Linear algebra: a digit is a grid of numbers, and a row meeting a column gives one "
                "entry of a matrix product.",
            ),
            Beat(
                "probability",
                "Dice rolls fill their bins; samples settle under a bell: probability",
                "Probability: a die's rolls fill six bins evenly, and random samples settle under "
                "the bell curve.",
            ),
            Beat(
                "statistics",
                "Data balance at the mean, then shift and squeeze: statistics",
                "Statistics: data balance at their mean {mean}, spread by {std}, and normalizing "
                "shifts and squeezes them to mean zero and spread one.",
            ),
            Beat(
                "calculus",
                "Secants turn into the tangent; a ball steps down the loss: calculus",
                "Calculus: secants turn into the tangent, whose slope is the derivative, and the "
                "slope tells the weight which way to step down the loss.",
            ),
            Beat(
                "neuron",
                "The pillars step back; one neuron assembles: $z = Wx + b$",
                "All four meet in one neuron, the one we built: z equals W x plus b.",
            ),
            Beat(
                "neuron_sum",
                "Inputs travel in, times their weights, plus the bias: $z = {z}$",
                "Each input travels in, times its weight; add them up, add the bias {b}, and z is {z}.",
            ),
            Beat(
                "diverge",
                r"A rate past its limit, $\eta = {lr} > {cap}$: each step overshoots further",
                "Why we need the math, first: with a learning rate of {lr}, past the limit of {cap}, "
                "every step overshoots further than the last, and training diverges.",
            ),
            Beat(
                "race",
                "Four optimizers race from one start, each at its best rate",
                "Second: four optimizers race from the same start, each at its best learning rate. "
                "Rescaling each direction wins on a stretched bowl.",
            ),
            Beat(
                "vanish",
                "A gradient pulse travels back: sigmoids shrink it away, ReLU keeps it",
                "Third: a gradient travelling back shrinks at every sigmoid layer and fades away; "
                "through ReLU it survives.",
            ),
            Beat(
                "close",
                "Three whys, four pillars, one neuron: the math under every network",
                "Diverging steps, racing optimizers and vanishing gradients: each is simple math "
                "on these four pillars, under every network.",
            ),
        ),
    ),
)
