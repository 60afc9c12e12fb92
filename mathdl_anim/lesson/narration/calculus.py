"""Narration of the calculus chapter: derivatives, partial derivatives, the chain rule, backprop."""

from __future__ import annotations

from mathdl_anim.lesson.narration.script import Beat, Script

__all__ = ["SCRIPTS"]

SCRIPTS: tuple[Script, ...] = (
    Script(
        "DerivativeSlope",
        (
            Beat(
                "curve",
                "A point drops onto the curve at $x_0 = {x0}$",
                "Here is a function f of x, on axes we can read. Take the point of the curve where x "
                "zero is {x0}: there f is {f_x0}.",
            ),
            Beat(
                "secant",
                "A second point, $h$ further on: the secant's slope is rise over run",
                "Take a second point, a step h further along, and join the two: a secant line. Its "
                "slope is the rise over the run, the change in f divided by h: with h equal to {h}, "
                "it is {secant}.",
            ),
            Beat(
                "shrink",
                "As $h$ shrinks, the secant turns and its slope settles",
                "Now let h shrink. The second point slides towards the first, the triangle shrinks, "
                "and the slope settles: at h equal to {h}, it is {secant}.",
            ),
            Beat(
                "limit",
                "In the limit the secant is the tangent: $f'(x_0) = {slope}$",
                "In the limit the secant becomes the tangent line, and its slope is the derivative: "
                "f prime of x zero equals {slope}.",
            ),
            Beat(
                "zoom",
                "Zooming in, the curve straightens into its tangent",
                "Zoom in on the point, again and again. The curve bends less and less, until it cannot "
                "be told apart from its tangent: up close, a smooth function is a straight line.",
            ),
            Beat(
                "nudge",
                r"Nudge $x$ by ${dx}$: $f$ moves by $f'(x_0) \cdot {dx}$",
                "That is why the derivative is a rate. Nudge x by {dx}: along this straight line, f "
                "moves by the slope times the nudge, {slope} times {dx}. The derivative says how "
                "strongly the output responds to the input.",
            ),
            Beat(
                "trace",
                "The tangent slides along the curve; its slope draws $f'(x)$",
                "Zoom back out, and slide the tangent along the curve. Below, its slope at every x is "
                "plotted as a second graph: the derivative, f prime of x, draws itself. Steep stretches "
                "give large slopes, flat stretches slopes near zero.",
            ),
            Beat(
                "loss_curve",
                "In learning, the curve is a loss $L(w)$ over a weight $w$",
                "In deep learning, the curve is a loss, and the input is a weight of the network. A "
                "small nudge of the weight moves the loss by the slope times the nudge. We start at w "
                "equal to {w}, where the loss is {loss}.",
            ),
            Beat(
                "first_step",
                r"Slope ${slope} < 0$: step right by $-\eta\, L'(w)$",
                "The tangent there has slope {slope}. It is negative, so the loss falls to the right: "
                "we increase w. The step is minus the learning rate eta, {lr}, times the slope, so w "
                "becomes {w_new}.",
            ),
            Beat(
                "descend",
                "Step after step, the slope flattens and the steps shrink",
                "Repeat: tangent, step, tangent, step. Near the minimum the slope flattens, so the "
                "steps shrink by themselves, and w settles at {w}, where the loss is {loss}.",
            ),
        ),
    ),
    Script(
        "PartialDerivatives",
        (
            Beat(
                "two_weights",
                "Two weights: change one at a time and watch the loss",
                "This loss depends on two weights. To see how it changes, we change one weight at a time.",
            ),
            Beat(
                "hold_second",
                "Hold $w_2$ fixed: $L$ becomes a curve in $w_1$",
                "Hold the second weight fixed. The loss becomes an ordinary curve in the first weight, "
                "and its slope, {d1}, is the partial derivative with respect to the first weight.",
            ),
            Beat(
                "hold_first",
                "Now hold $w_1$ fixed and vary $w_2$",
                "Now hold the first weight fixed and vary the second. The slope of this curve, {d2}, "
                "is the partial derivative with respect to the second weight.",
            ),
            Beat(
                "contours",
                "Seen from above: each loop is a set of points with equal loss",
                "Seen from above, the loss becomes a contour map: each loop joins the points with "
                "equal loss.",
            ),
            Beat(
                "gradient",
                "Both partials together form the gradient",
                "Both partial derivatives together form the gradient, the vector {d1}, {d2}.",
            ),
            Beat(
                "zero_gradient",
                "The gradient is zero: this point is the minimum",
                "Here the gradient is zero: the loss is flat in every direction, and this point is "
                "the minimum.",
            ),
            Beat(
                "uphill",
                "It points uphill, across the loops: the steepest ascent",
                "The gradient points uphill, straight across the loops: the direction in which the "
                "loss grows fastest.",
            ),
            Beat(
                "downhill",
                "Gradient descent steps the opposite way, downhill",
                "Gradient descent steps the opposite way, downhill, to make the loss smaller.",
            ),
        ),
    ),
    Script(
        "ChainRule",
        (
            Beat(
                "lines",
                "The value flows down the lines: $x = {x}$ comes out as $o = {o}$",
                "Stack one number line for each value of the chain, each function between two lines. "
                "The input {x} flows down through the functions, line by line, and comes out as {o}. "
                "We call the output o, because y is the target.",
            ),
            Beat(
                "nudge",
                "Nudge $x$ by $dx = {dx}$: a short interval on the top line",
                "Now nudge the input by a small amount, d x equals {dx}. On the top line, the nudge "
                "is a short interval.",
            ),
            Beat(
                "link",
                "Through ${fn}$ the nudge is multiplied by ${factor}$",
                "Passing through the next function, the nudge is multiplied by that function's local "
                "derivative, {factor}.",
            ),
            Beat(
                "wiggle",
                "Wiggle $dx$: every interval follows, the stretches stay",
                "Make the nudge smaller or larger: every interval follows it, and each link stretches "
                "it by the same factor.",
            ),
            Beat(
                "multiply",
                "The total stretch is the product of the factors",
                "All the way down, the nudge was multiplied by each factor in turn, so the total "
                "stretch is their product, {product}.",
            ),
            Beat(
                "whole",
                "The same number as differentiating the whole function at once",
                "Differentiating the whole function at once gives the same number, {derivative}. "
                "Rates multiply along a chain.",
            ),
            Beat(
                "graph",
                "The stack folds into a graph: local derivatives on the edges",
                "Fold the stack into a graph: a box for each function, and on each edge, its local "
                "derivative.",
            ),
            Beat(
                "backward",
                "Read backwards from $o$ to $x$, multiplying at each edge",
                "Now read it backwards, from the output to the input, multiplying at each edge, until "
                "the input holds {derivative}. This is the backbone of backpropagation.",
            ),
            Beat(
                "network",
                "In a network the links are layers, activations and the loss",
                "In a network, the links are layers, activations and the loss, and this backward "
                "product is how every weight gets its gradient.",
            ),
        ),
    ),
    Script(
        "Backpropagation",
        (
            Beat(
                "graph",
                "A tiny network as a graph: one input, one hidden neuron, the loss",
                "Here is a tiny network drawn as a graph: one input, one hidden neuron, one output, "
                "and the loss that compares it with the target.",
            ),
            Beat(
                "forward",
                "Forward pass: each node computes its value from its inputs",
                "In the forward pass, each node computes its value from its inputs, until we reach the "
                "loss, {loss}.",
            ),
            Beat(
                "backward",
                r"Backward pass: each gradient is local derivative $\times$ upstream gradient",
                "In the backward pass we go from the loss back to the inputs. Each gradient is the "
                "local derivative times the gradient coming from upstream: the chain rule.",
            ),
            Beat(
                "meaning",
                r"Each red number is $\partial L / \partial$ that node: how $L$ reacts to it",
                "Each red number is the derivative of the loss with respect to that node: how strongly "
                "the loss reacts when the node changes.",
            ),
            Beat(
                "update",
                r"One gradient-descent step with learning rate $\eta = {lr}$",
                "Now one step of gradient descent with learning rate {lr}: each weight and bias moves "
                "against its gradient.",
            ),
            Beat(
                "learned",
                "With the new weights the loss is smaller: the network learned",
                "With the new weights the loss drops from {loss} to {loss_after}. The network has "
                "learned a little.",
            ),
            Beat(
                "too_large",
                "The loss went up: this learning rate is too large",
                "The loss went up, from {loss} to {loss_after}: this learning rate is too large, and "
                "the step overshoots.",
            ),
        ),
    ),
)
