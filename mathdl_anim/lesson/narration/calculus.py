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
                "Here is a function f of x. At x zero equal to {x0}, f is {f_x0}.",
            ),
            Beat(
                "secant",
                "A second point, $h$ further on: the secant's slope is rise over run",
                "A second point, a step h further on, gives a secant line. Its slope is rise over "
                "run, the change in f divided by h: with h equal to {h}, it is {secant}.",
            ),
            Beat(
                "shrink",
                "As $h$ shrinks, the secant turns and its slope settles",
                "Now let h shrink. The second point slides in, and the slope settles: at h equal "
                "to {h}, it is {secant}.",
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
                "Zoom in on the point, again and again: the curve bends less and less, until it is "
                "its tangent. Up close, a smooth function is a straight line.",
            ),
            Beat(
                "nudge",
                r"Nudge $x$ by ${dx}$: $f$ moves by $f'(x_0) \cdot {dx}$",
                "So the derivative is a rate. Nudge x by {dx}: f moves by the slope times the nudge, "
                "{slope} times {dx}, {df}. It says how strongly the output responds to the input.",
            ),
            Beat(
                "trace",
                "The tangent slides along the curve; its slope draws $f'(x)$",
                "Zoom back out and slide the tangent along the curve. Below, its slope at each x "
                "draws a second graph: the derivative, f prime of x. Steep means large, flat means "
                "near zero.",
            ),
            Beat(
                "loss_curve",
                "In learning, the curve is a loss $L(w)$ over a weight $w$",
                "In deep learning, the curve is a loss, and the input is a weight of the network. We "
                "start at w equal to {w}, where the loss is {loss}.",
            ),
            Beat(
                "first_step",
                r"Slope ${slope} < 0$: step right by $-\eta\, L'(w)$",
                "The tangent there has slope {slope}: negative, so the loss falls to the right, and w "
                "grows. The step is minus the learning rate eta, {lr}, times the slope: w becomes "
                "{w_new}.",
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
                "surface",
                "The loss over two weights rises into a surface",
                "This loss depends on two weights, w one and w two. Above each pair it has a "
                "height, and the heights make a surface: a bowl. Our weights sit at {w1} and {w2}, "
                "where the loss is {value}.",
            ),
            Beat(
                "hold_second",
                "A plane holds $w_2 = {w2}$ fixed and cuts a curve",
                "Hold w two fixed at {w2}: a plane cuts the surface along a curve, where only w one changes.",
            ),
            Beat(
                "lift_first",
                r"The slice lifts out: its slope is $\partial L / \partial w_1 = {d1}$",
                "Lift the curve out and draw its tangent at our point. Its slope, {d1}, is the "
                "partial derivative of the loss with respect to w one.",
            ),
            Beat(
                "hold_first",
                "The plane swings round: now $w_1 = {w1}$ is held fixed",
                "Swing the plane round to hold w one at {w1}: along the new curve only w two changes.",
            ),
            Beat(
                "lift_second",
                r"On the same scale: $\partial L / \partial w_2 = {d2}$",
                "Lifted out on the same vertical scale, its tangent has slope {d2}: the partial "
                "derivative with respect to w two.",
            ),
            Beat(
                "contours",
                "The camera tilts straight down: a contour map",
                "Tilt the camera to look straight down: the surface flattens into a contour map, "
                "each loop joining the weights of equal loss.",
            ),
            Beat(
                "arrows",
                "The two slopes become arrows and add tip to tail",
                "Each partial becomes an arrow along its own axis: {d1} along w one, {d2} along w "
                "two. Tip to tail, they add up to one vector: the gradient.",
            ),
            Beat(
                "zero_gradient",
                "Both slopes are zero: this point is the minimum",
                "Here both slopes are zero: the loss is flat in every direction, and this point is "
                "the bottom of the bowl, the minimum.",
            ),
            Beat(
                "uphill",
                r"$\nabla L$ crosses its contour at a right angle: straight uphill",
                "The gradient crosses the contour through our point at a right angle: straight "
                "uphill, where the loss grows fastest.",
            ),
            Beat(
                "downhill",
                r"$-\nabla L$ points downhill: the step of gradient descent",
                "Gradient descent steps the opposite way, along minus the gradient: downhill.",
            ),
            Beat(
                "millions",
                "A real network: one partial per weight, ${n}$ of them",
                "A real network, {name}, has about {n} weights. Its gradient is the same column of "
                "partial derivatives: one slope for each weight, one for every direction of a "
                "surface we can no longer draw.",
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
                "A tiny network as a graph: input, hidden neuron, prediction, loss",
                "Here is a tiny network as a graph: an input x, one hidden neuron, the prediction y "
                "hat, and the loss that compares it with the target y.",
            ),
            Beat(
                "forward",
                "Forward pass: values flow left to right and fill the nodes",
                "In the forward pass, values flow left to right along the edges, and each node "
                "computes its value from its inputs, up to the loss, {loss}.",
            ),
            Beat(
                "wiggle",
                "Wiggle $w_2$ with a slider: the loss follows",
                "How much does the loss care about one weight? Slide w two, the others held: the "
                "prediction and the loss follow.",
            ),
            Beat(
                "slope",
                r"How strongly: the slope, $\partial L / \partial w_2 = {grad}$",
                "How strongly the loss responds is the slope of this curve at the current weight, "
                "{grad}: the partial derivative of L with respect to w two.",
            ),
            Beat(
                "backward",
                "Backward pass: pulses carry the gradient back along each edge",
                "The backward pass finds it for every weight at once: pulses travel back from the "
                "loss, as thick as the gradient they carry.",
            ),
            Beat(
                "local",
                r"At each node: local derivative $\times$ upstream gradient",
                "At each node, the gradient from upstream is multiplied by the node's local "
                "derivative, and the product lands under the node: the chain rule, step by step.",
            ),
            Beat(
                "meaning",
                r"Each red number: how strongly $L$ reacts; under $w_2$, ${grad}$ as the slider showed",
                "Each red number says how strongly the loss reacts to that node. Under w two: {grad}, "
                "the slope the slider showed.",
            ),
            Beat(
                "update",
                r"Update: each weight steps by $-\eta \times$ its gradient, $\eta = {lr}$",
                "One step of gradient descent, learning rate {lr}: each weight and bias moves against "
                "its gradient.",
            ),
            Beat(
                "rerun",
                "Forward again with the new weights: every node ticks over",
                "The forward pass runs again with the new weights: every node ticks over.",
            ),
            Beat(
                "learned",
                "The loss drops: the network learned a little",
                "The loss drops from {loss} to {loss_after}. The network has learned a little.",
            ),
            Beat(
                "too_large",
                "The loss went up: this learning rate is too large",
                "The loss went up, from {loss} to {loss_after}: this learning rate is too large, and "
                "the step overshoots.",
            ),
            Beat(
                "train",
                "Repeat: forward, backward, update, {steps} times; the loss falls",
                "Repeat: forward, backward, update, {steps} times. The loss falls to {final}: this "
                "loop is how every network is trained.",
            ),
            Beat(
                "train_rises",
                "Repeat: {steps} steps, and the loss does not fall",
                "Repeat it {steps} times: with this learning rate the loss does not fall, it ends at "
                "{final}. Training needs a smaller step.",
            ),
        ),
    ),
)
