"""Vanishing gradients: simple math, not magic.

The sigmoid and its slope, plotted; each layer's z dropped onto the slope (all below 0.25); the
factor |w sigma'(z)| of each layer; one pulse of gradient travelling back through the deep chain,
shrinking by each layer's factor, while a bar per layer shows what arrives (linear scale, then
log scale up to 10^0). The consequence, computed by the core: trained for a few hundred steps, one
dot per layer climbs its track as far as the layer's weight has moved (a linear scale, the step
counter ticking): the late layers' dots run, the early ones never leave the floor. Then the same
chain with ReLU: factors |w|, a pulse that does not fade, and every dot climbs. Last, layer L's
move is carried back to layer 1 and shrinks there by the core's ratio: to nothing with sigmoid, a
few times with ReLU.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    Line,
    Rectangle,
    Transform,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    always_redraw,
)

from mathdl_anim.core.activations import get_activation
from mathdl_anim.core.vanishing import VANISHING_ACTIVATIONS
from mathdl_anim.draw.counters import make_step_counter
from mathdl_anim.draw.graphs import make_layer_chain
from mathdl_anim.draw.plots import (
    make_axes,
    make_axis_labels,
    make_curve,
    make_log_bars,
    make_point,
    tick_step,
)
from mathdl_anim.draw.style import LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import fade_through, fit_width, make_counter, make_tex, make_text, num, second_half
from mathdl_anim.scene.lesson_scene import LessonScene

#: The chain's row, the factor row under it and the pulse's value row above it.
CHAIN_Y, FACTOR_Y, PULSE_LABEL_Y = 2.4, 1.72, 2.98
CHAIN_WIDTH = 11.6
#: The lower panel (plots of sigma, then the bars): its floor and its height.
PANEL_BOTTOM, PANEL_HEIGHT = -2.5, 3.25
#: The two plots of sigma and sigma': their centres' x, width, and the window of z.
PLOT_X, PLOT_WIDTH, Z_RANGE = 3.45, 5.6, (-4.0, 4.0)
#: The pulse: radius at gradient 1, and the largest it is drawn (ReLU can pass more than 1).
PULSE_RADIUS, PULSE_MAX = 0.17, 1.5
#: Each bar's width as a fraction of the spacing between layers.
BAR_WIDTH = 0.34
#: The chain's boxes: wide enough for "ReLU" to read at 1080p; how much of a box sigma fills (in
#: height) and ReLU (in width).
BOX_SIZE, SIGMA_FILL, RELU_FILL = 0.66, 0.36, 0.86
#: The card of ReLU's slope, over the left of the panel.
INSET_WIDTH, INSET_HEIGHT = 6.4, 2.7
#: How far up the |Delta w| axis a training dot's track reaches (its top is 1.12 times the largest move).
TRACK_TOP = 0.94
#: The log axes' tick labels, enlarged to read at 1080p.
LOG_LABEL_SCALE = 1.3


def enlarge_labels(axis) -> None:
    """The log axis' tick labels, larger, each kept beside its tick."""
    for label in axis.labels:
        right = label.get_right()
        label.scale(LOG_LABEL_SCALE).move_to(right, aligned_edge=RIGHT)


class VanishingGradients(LessonScene):
    """The slope of the sigmoid, a shrinking pulse, per-layer bars, then who learns: sigmoid or ReLU."""

    def construct(self) -> None:
        self.show_title("Vanishing gradients")
        self.show_chain()
        self.plot_sigmoid()
        self.trace_slope()
        self.mark_layers()
        self.show_factors()
        self.explain_largest()
        self.send_pulse("sigmoid")
        self.to_log_scale()
        self.train("sigmoid")
        self.switch_to_relu()
        self.send_pulse("relu")
        self.train("relu")
        self.conclude()
        self.wait(1.5)

    # The chain and sigma ---------------------------------------------------------------------
    def show_chain(self) -> None:
        ex = self.example
        self.chain, self.boxes, self.arrows = make_layer_chain(ex.depth, r"\sigma", CHAIN_WIDTH, BOX_SIZE)
        for box in self.boxes:  # a lowercase sigma is small: it fills a readable part of its box
            box[1].scale_to_fit_height(SIGMA_FILL * box[0].height).move_to(box[0])
        fit_width(self.chain).move_to(CHAIN_Y * UP)
        self.xs = [box.get_center()[0] for box in self.boxes]
        self.spacing = self.xs[1] - self.xs[0]
        sigma = get_activation("sigmoid")
        zs = np.linspace(*Z_RANGE, 161)
        ticks = [-4, -2, 0, 2, 4]
        mid_y = PANEL_BOTTOM + PANEL_HEIGHT / 2
        # no y label at 0: it would sit on the z axis line
        self.sig_axes = make_axes(Z_RANGE, (0, 1), PLOT_WIDTH, PANEL_HEIGHT - 0.5, ticks, [0.5, 1])
        self.sig_axes.move_to([-PLOT_X, mid_y - 0.1, 0])
        # the same scale as sigma's: the slope is seen to be small
        self.slope_axes = make_axes(Z_RANGE, (0, 1), PLOT_WIDTH, PANEL_HEIGHT - 0.5, ticks, [0.5, 1])
        self.slope_axes.move_to([PLOT_X, mid_y - 0.1, 0])
        self.sig_names = make_axis_labels(self.sig_axes, "z", r"\sigma(z)")
        self.slope_names = make_axis_labels(self.slope_axes, "z", r"\sigma'(z)")
        for names in (self.sig_names, self.slope_names):
            names[1].shift(0.15 * UP)
        self.sig_curve = make_curve(self.sig_axes, zs, sigma.fn(zs), PALETTE.activation)
        self.sig_group = VGroup(self.sig_axes, self.sig_names)
        self.sig_group.add(self.sig_curve).shift(PLOT_X * RIGHT)  # centred until sigma' arrives
        self.say("chain", depth=ex.depth)
        self.play(
            FadeIn(self.chain, lag_ratio=0.05), Create(self.sig_axes), FadeIn(self.sig_names), run_time=1.2
        )
        self.play(Create(self.sig_curve), run_time=1.4)

    def plot_sigmoid(self) -> None:
        """The forward pass: a dot runs through the chain; each layer's (z, sigma(z)) lands on sigma."""
        trace = self.example.trace("sigmoid")
        runner = Dot(self.chain[0].get_center(), radius=0.08, color=PALETTE.input)
        self.sig_dots = VGroup()
        self.say("sigma")
        self.play(FadeIn(runner, scale=2), run_time=0.3)
        for k, (z, a) in enumerate(zip(trace.z, trace.a[1:])):
            dot = make_point(self.sig_axes, float(z), float(a), PALETTE.activation, radius=0.065)
            self.play(
                runner.animate.move_to(self.boxes[k]),
                TransformFromCopy(
                    Dot(self.boxes[k].get_center(), radius=0.065, color=PALETTE.activation), dot
                ),
                run_time=0.3,
            )
            self.sig_dots.add(dot)
        self.play(runner.animate.move_to(self.chain[-1]), run_time=0.3)
        self.play(FadeOut(runner), run_time=0.2)

    def trace_slope(self) -> None:
        sigma = get_activation("sigmoid")
        bound = self.values["bound"]
        z_t = ValueTracker(Z_RANGE[0])

        def tangent() -> Line:
            z = z_t.get_value()
            s, d = float(sigma.fn(z)), float(sigma.grad(z))
            half = 0.9  # in z units
            return Line(
                self.sig_axes.c2p(z - half, s - half * d),
                self.sig_axes.c2p(z + half, s + half * d),
                color=PALETTE.gradient,
                stroke_width=3,
            )

        def traced() -> VGroup:
            z = max(z_t.get_value(), Z_RANGE[0] + 0.05)
            zs = np.linspace(Z_RANGE[0], z, max(2, int(80 * (z - Z_RANGE[0]) / 8) + 2))
            return make_curve(self.slope_axes, zs, sigma.grad(zs), PALETTE.gradient)

        tan, trace = always_redraw(tangent), always_redraw(traced)
        self.say("slope", bound=bound)
        self.play(VGroup(self.sig_group, self.sig_dots).animate.shift(PLOT_X * LEFT), run_time=0.8)
        self.play(Create(self.slope_axes), FadeIn(self.slope_names), FadeIn(tan), run_time=0.8)
        self.add(trace)
        self.play(z_t.animate.set_value(Z_RANGE[1]), run_time=3.0, rate_func=lambda t: t)
        tan.clear_updaters()
        trace.clear_updaters()
        self.slope_curve = trace
        left, right = self.slope_axes.c2p(Z_RANGE[0], bound), self.slope_axes.c2p(Z_RANGE[1], bound)
        self.bound_line = DashedLine(left, right, color=PALETTE.muted, stroke_width=2, dash_length=0.08)
        self.bound_label = make_tex(num(bound), color=PALETTE.gradient, font_size=LABEL_SIZE)
        self.bound_label.next_to(self.slope_axes.c2p(Z_RANGE[1], bound), UP, buff=0.08)
        self.bound_label.shift(0.25 * LEFT)
        peak = make_point(self.slope_axes, 0, bound, PALETTE.gradient, radius=0.07)
        self.play(
            Create(self.bound_line),
            FadeIn(self.bound_label),
            FadeIn(peak, scale=2),
            FadeOut(tan),
            run_time=1.0,
        )
        self.peak = peak

    def sigmoid_slopes(self, axes, radius: float) -> VGroup:
        """Each layer's (z, sigma'(z)) of the sigmoid chain, a dot on ``axes``."""
        sigma = get_activation("sigmoid")
        return VGroup(
            *(
                make_point(axes, float(z), float(sigma.grad(z)), PALETTE.gradient, radius=radius)
                for z in self.example.trace("sigmoid").z
            )
        )

    def mark_layers(self) -> None:
        self.z_dots = self.sigmoid_slopes(self.slope_axes, radius=0.065)
        self.say("marks", bound=self.values["bound"])
        self.play(FadeOut(self.peak), run_time=0.3)
        self.play(
            AnimationGroup(
                *(TransformFromCopy(a, b, path_arc=-0.5) for a, b in zip(self.sig_dots, self.z_dots)),
                lag_ratio=0.1,
            ),
            run_time=2.2,
        )
        self.play(Indicate(self.bound_line, color=PALETTE.gradient), run_time=0.8)

    def show_factors(self) -> None:
        ex = self.example
        factors = ex.trace("sigmoid").factors
        self.factor_labels = VGroup()
        for k, f in enumerate(factors):
            label = make_tex(num(f), color=PALETTE.gradient, font_size=LABEL_SIZE - 2)
            fit_width(label, self.spacing * 0.92)
            self.factor_labels.add(label.move_to([self.xs[k], FACTOR_Y, 0]))
        self.say("factors")
        # a copy of each layer's slope rises to its place under the layer, where its factor appears
        risers = [dot.copy() for dot in self.z_dots]
        self.play(
            AnimationGroup(
                *(riser.animate.move_to([x, FACTOR_Y, 0]) for riser, x in zip(risers, self.xs)),
                lag_ratio=0.08,
            ),
            run_time=1.6,
        )
        self.play(
            *(FadeOut(riser, scale=0.5) for riser in risers),
            *(FadeIn(label, scale=0.6) for label in self.factor_labels),
            run_time=0.6,
        )

    def explain_largest(self) -> None:
        ex = self.example
        v = self.values
        layer = v["largest_factor_layer"]
        weight = ex.weights[layer - 1]
        factor = ex.trace("sigmoid").factors[layer - 1]
        label = self.factor_labels[layer - 1]
        w_label = make_tex("w = ", num(weight), color=PALETTE.weight, font_size=LABEL_SIZE - 2)
        fit_width(w_label, self.spacing * 1.6).next_to(label, DOWN, buff=0.15)
        self.say(
            "over" if v["over_bound"] else "under",
            layer=layer,
            factor=factor,
            weight=weight,
            bound=v["bound"],
        )
        self.play(
            Indicate(label, color=PALETTE.gradient, scale_factor=1.3),
            Indicate(self.boxes[layer - 1], color=PALETTE.weight),
            FadeIn(w_label, shift=0.15 * DOWN),
            run_time=1.2,
        )
        self.w_label = w_label

    # The pulse and the bars -----------------------------------------------------------------
    def make_panel(self) -> None:
        """Axes under the chain: one column per layer, a linear scale of the gradient."""
        ex = self.example
        norms = ex.trace("sigmoid").grad_norms
        top = 1.12 * float(norms.max())
        step = 2 * tick_step(top)
        y_labels = [round(k * step, 10) for k in range(int(top / step) + 1)]
        self.panel = make_axes(
            (0.5, ex.depth + 0.5),
            (0, top),
            ex.depth * self.spacing,
            PANEL_HEIGHT,
            self.values["layers"],
            y_labels,
        )
        self.panel.x_axis.ticks.set_opacity(0)
        self.panel.shift(np.array([self.xs[0], PANEL_BOTTOM, 0]) - self.panel.c2p(1, 0))
        self.panel_names = make_axis_labels(
            self.panel, r"\text{layer}", r"\left|\partial y / \partial a_{l-1}\right|"
        )
        self.panel_names[0].next_to(self.panel.x_axis.get_right(), DOWN, buff=0.12).shift(0.2 * RIGHT)
        # high enough to clear the log axis' top label (10^0) that replaces the linear one
        self.panel_names[1].next_to(self.panel.y_axis.get_top(), UP, buff=0.22).shift(0.6 * RIGHT)
        self.top = top

    def linear_height(self, value: float) -> float:
        return max(self.panel.y_axis.get_unit_size() * value, 0.0)

    def make_bar(self, k: int, height: float, color: str, offset: float = 0.0) -> Rectangle:
        bar = Rectangle(
            width=BAR_WIDTH * self.spacing,
            height=max(height, 1e-3),
            stroke_width=0,
            fill_color=color,
            fill_opacity=0.9,
        )
        return bar.move_to([self.xs[k] + offset * self.spacing, PANEL_BOTTOM, 0], aligned_edge=DOWN)

    def pulse_size(self, value: float) -> float:
        return PULSE_RADIUS * min(np.sqrt(value), PULSE_MAX)

    def send_pulse(self, activation: str) -> None:
        ex = self.example
        trace = ex.trace(activation)
        norms = trace.grad_norms
        sigmoid = activation == "sigmoid"
        if sigmoid:
            self.make_panel()
            self.grad_bars = VGroup(*(self.make_bar(k, 0, PALETTE.gradient) for k in range(ex.depth)))
            self.say("pulse")
            plots = VGroup(
                self.sig_axes,
                self.sig_names,
                self.sig_curve,
                self.slope_axes,
                self.slope_names,
                self.slope_curve,
                self.bound_line,
                self.bound_label,
                self.z_dots,
                self.sig_dots,
            )
            # the plots leave before the panel is drawn: their tick labels share its row (a
            # Create's rate function applies to each part in turn, so it cannot simply wait)
            self.play(FadeOut(plots), FadeOut(self.w_label), run_time=0.6)
            self.play(Create(self.panel), FadeIn(self.panel_names), run_time=0.9)
        start = self.chain[-1].get_center()
        ring = Circle(radius=PULSE_RADIUS, color=PALETTE.gradient, stroke_width=2).move_to(start)
        core = Dot(start, radius=PULSE_RADIUS, color=PALETTE.gradient)
        value = make_tex(num(1), color=PALETTE.gradient, font_size=LABEL_SIZE + 2).move_to(
            [start[0], PULSE_LABEL_Y, 0]
        )
        self.play(FadeIn(ring, scale=2), FadeIn(core, scale=2), FadeIn(value), run_time=0.6)
        if sigmoid:
            self.say("shrink")
        else:
            layers = self.values["layers"]
            self.say("relu_flow", first_layer=layers[0], first=norms[0])
        for k in range(ex.depth - 1, -1, -1):
            # the pulse (and its value, still readable) travels into layer k ...
            target = self.boxes[k].get_center()
            self.play(
                ring.animate.move_to(target),
                core.animate.move_to(target),
                value.animate.move_to([target[0], PULSE_LABEL_Y, 0]),
                self.arrows[k + 1].animate.set_color(PALETTE.gradient),
                run_time=0.3 if sigmoid else 0.25,
            )
            # ... and is multiplied by its factor there: it shrinks, its value ticks over
            new_value = make_tex(num(norms[k]), color=PALETTE.gradient, font_size=LABEL_SIZE + 2)
            new_value.move_to([target[0], PULSE_LABEL_Y, 0])
            new_core = Dot(target, radius=max(self.pulse_size(norms[k]), 1e-4), color=PALETTE.gradient)
            anims = [core.animate.become(new_core), *fade_through(value, new_value)]
            if sigmoid:
                anims.append(
                    self.grad_bars[k].animate.become(
                        self.make_bar(k, self.linear_height(norms[k]), PALETTE.gradient)
                    )
                )
            self.play(*anims, run_time=0.35 if sigmoid else 0.2)
            value = new_value
        self.play(FadeOut(ring), FadeOut(core), self.arrows.animate.set_color(PALETTE.muted), run_time=0.5)
        self.pulse_value = value
        if sigmoid:
            layers = self.values["layers"]
            self.say("linear", first_layer=layers[0], first=norms[0], last_layer=layers[-1], last=norms[-1])
            self.play(Indicate(self.pulse_value, color=PALETTE.gradient), run_time=1.0)

    def to_log_scale(self) -> None:
        ex = self.example
        norms = ex.trace("sigmoid").grad_norms
        low = int(np.floor(np.log10(norms.min())))
        self.grad_log = make_log_bars(
            self.xs, low, 0, PANEL_HEIGHT, BAR_WIDTH * self.spacing, PALETTE.gradient, self.panel.c2p(0.5, 0)
        )
        enlarge_labels(self.grad_log.axis)
        one = self.grad_log.axis.n2p(0)
        self.one_line = DashedLine(
            [self.xs[0] - 0.5 * self.spacing, one[1], 0],
            [self.xs[-1] + 0.5 * self.spacing, one[1], 0],
            color=PALETTE.muted,
            stroke_width=2,
            dash_length=0.08,
        )
        self.one_label = make_tex("10^{0} = 1", color=PALETTE.muted, font_size=LABEL_SIZE - 2)
        self.one_label.next_to(self.one_line.get_right(), UP, buff=0.08).shift(0.9 * LEFT)
        new_bars = [
            self.make_bar(k, self.grad_log.height_of(g), PALETTE.gradient) for k, g in enumerate(norms)
        ]
        self.say("log", depth=ex.depth)
        self.play(
            *fade_through(VGroup(self.panel.y_axis), self.grad_log.axis),
            # the bars take their log heights as the log axis fades in (never under the linear one)
            *(bar.animate(rate_func=second_half).become(new) for bar, new in zip(self.grad_bars, new_bars)),
            FadeOut(self.pulse_value),
            run_time=1.6,
        )
        self.play(Create(self.one_line), FadeIn(self.one_label), run_time=0.8)
        self.wait(0.5)

    # Training ---------------------------------------------------------------------------------
    def make_move_axis(self) -> None:
        """A linear axis of |Delta w| over the panel: a weight that did not move stays on the floor."""
        ex = self.example
        top = 1.12 * max(float(ex.training(act).moved.max()) for act in VANISHING_ACTIVATIONS)
        step = tick_step(top)
        y_labels = [round(k * step, 10) for k in range(int(top / step) + 1)]
        axes = make_axes((0.5, ex.depth + 0.5), (0, top), ex.depth * self.spacing, PANEL_HEIGHT, [], y_labels)
        axes.shift(self.panel.c2p(1, 0) - axes.c2p(1, 0))
        self.move_axes = axes
        self.move_name = make_tex(r"|\Delta w_l|", color=PALETTE.muted, font_size=SMALL_SIZE)
        self.move_name.move_to(self.panel_names[1], aligned_edge=LEFT + DOWN)

    def move_point(self, k: int, moved: float, offset: float) -> np.ndarray:
        """Where layer ``k``'s dot stands when its weight has moved ``moved``."""
        return np.array([self.xs[k] + offset * self.spacing, self.move_axes.c2p(1, moved)[1], 0])

    def make_runners(self, activation: str, offset: float, step: ValueTracker) -> tuple[VGroup, VGroup]:
        """Per layer: a track, and a dot climbing it (trailing a line) as far as the weight has moved
        by the tracker's step (between the core's records, the straight line between them).

        Returns ``(tracks, runners)``, each runner a ``VGroup(trail, dot)``.
        """
        training = self.example.training(activation)
        steps, history = training.steps.astype(float), training.moved_history
        tracks, runners = VGroup(), VGroup()
        for k in range(self.example.depth):
            # the track stops short of the axis' top, clear of the step counter and legend above it
            roof = self.move_point(k, TRACK_TOP * self.move_axes.y_range[1], offset)
            floor = self.move_point(k, 0, offset)
            track = Line(floor, roof, color=PALETTE.muted, stroke_width=1.5, stroke_opacity=0.6)

            def where(k=k) -> np.ndarray:
                return self.move_point(k, float(np.interp(step.get_value(), steps, history[:, k])), offset)

            dot = Dot(floor, radius=0.09, color=PALETTE.weight)
            trail = Line(floor, floor + 1e-3 * UP, color=PALETTE.weight, stroke_width=7)
            dot.add_updater(lambda m, where=where: m.move_to(where()))
            trail.add_updater(
                lambda m, floor=floor, where=where: m.put_start_and_end_on(floor, where() + 1e-3 * UP)
            )
            tracks.add(track)
            runners.add(VGroup(trail, dot))
        return tracks, runners

    @staticmethod
    def freeze(runners: VGroup) -> None:
        for trail, dot in runners:
            trail.clear_updaters()
            dot.clear_updaters()

    def train(self, activation: str) -> None:
        ex = self.example
        v = self.values
        training = ex.training(activation)
        sigmoid = activation == "sigmoid"
        offset = -0.22 if sigmoid else 0.22
        layers = v["layers"]
        step = ValueTracker(0)
        if sigmoid:
            self.make_move_axis()
        tracks, runners = self.make_runners(activation, offset, step)
        if sigmoid:
            self.counter_word = make_text("step", color=PALETTE.muted, font_size=LABEL_SIZE)
            self.counter = make_step_counter(0, font_size=LABEL_SIZE + 2)
            head = VGroup(self.counter_word, self.counter).arrange(RIGHT, buff=0.15)
            head.move_to([self.xs[len(self.xs) // 2], self.panel.c2p(0.5, 0)[1] + PANEL_HEIGHT + 0.15, 0])
            # the loss ticks down beside the step: what the training is for
            self.loss_counter = make_counter(
                float(training.losses[0]), color=PALETTE.output, font_size=LABEL_SIZE + 2
            )
            loss = VGroup(make_tex("L =", color=PALETTE.output, font_size=LABEL_SIZE + 2), self.loss_counter)
            loss.arrange(RIGHT, buff=0.15).next_to(head, LEFT, buff=0.7)
            head.add(loss)
            self.step_head = head
            self.say("train", steps=v["train_steps"], lr=v["learning_rate"])
            self.play(
                FadeOut(self.grad_bars),
                FadeOut(self.one_line),
                FadeOut(self.one_label),
                *fade_through(
                    VGroup(self.grad_log.axis, self.panel_names[1]),
                    VGroup(self.move_axes.y_axis, self.move_name),
                ),
                run_time=1.2,
            )
            self.play(FadeIn(tracks), FadeIn(runners), FadeIn(head), run_time=0.5)
        else:
            self.say(
                "relu_train",
                first_layer=layers[0],
                first=training.moved[0],
                loss0=training.losses[0],
                loss1=training.losses[-1],
            )
            self.counter.set_value(0)
            self.loss_counter.set_value(float(training.losses[0]))
            self.play(FadeIn(tracks), FadeIn(runners), FadeOut(self.pulse_value), run_time=0.5)
        # the weights move live: one tracker drives every dot and the step counter, slowly through
        # the first steps (a ReLU chain moves most of its way in its first step), faster later
        self.counter.add_updater(lambda m: m.set_value(int(round(step.get_value()))))
        losses = training.losses
        self.loss_counter.add_updater(
            lambda m: m.set_value(
                float(losses[min(int(np.searchsorted(training.steps, step.get_value())), len(losses) - 1)])
            )
        )
        self.play(step.animate.set_value(float(training.steps[-1])), run_time=2.5, rate_func=lambda t: t * t)
        self.counter.clear_updaters()
        self.loss_counter.clear_updaters()
        self.counter.set_value(int(training.steps[-1]))
        self.loss_counter.set_value(float(losses[-1]))
        self.freeze(runners)
        first, last = training.moved[0], training.moved[-1]
        dots = [dot for _, dot in runners]
        first_label = make_tex(num(first), color=PALETTE.weight, font_size=LABEL_SIZE - 4)
        first_label.next_to(dots[0], UP, buff=0.12).align_to(dots[0], LEFT)  # clear of the y axis
        if sigmoid:
            self.sig_moves = runners
            last_label = make_tex(num(last), color=PALETTE.weight, font_size=LABEL_SIZE - 4)
            last_label.next_to(dots[-1], UP, buff=0.12)
            self.say(
                "moved",
                first_layer=layers[0],
                first=first,
                last_layer=layers[-1],
                last=last,
                loss0=training.losses[0],
                loss1=training.losses[-1],
            )
            self.play(
                FadeIn(first_label, shift=0.1 * UP),
                FadeIn(last_label, shift=0.1 * UP),
                FadeOut(tracks),  # the run is over: only the moves stay
                run_time=0.8,
            )
            self.moved_labels = VGroup(first_label, last_label)
        else:
            self.relu_moves = runners
            first_label.next_to(dots[0], RIGHT, buff=0.1)  # above it rises the conclusion's dashed line
            self.play(FadeIn(first_label, shift=0.1 * UP), FadeOut(tracks), run_time=0.8)
            self.moved_labels = VGroup(first_label)

    # ReLU ------------------------------------------------------------------------------------
    def slope_inset(self) -> tuple[VGroup, VGroup, VGroup, VGroup]:
        """A card over the panel's left part: sigma'(z) with each layer's z marked on it, as in the
        first half, on a z range wide enough for both chains' z.

        Returns ``(card, axes and names, curve, dots)``.
        """
        ex = self.example
        reach = max(4.0, float(np.ceil(max(np.abs(ex.trace(a).z).max() for a in VANISHING_ACTIVATIONS))))
        z_range = (-reach, reach)
        floor_y = self.panel.c2p(1, 0)[1]
        left = self.xs[0] - 0.45 * self.spacing
        width, height = INSET_WIDTH, INSET_HEIGHT
        card = Rectangle(width=width, height=height, stroke_color=PALETTE.muted, stroke_width=1.5)
        card.set_fill(PALETTE.background, opacity=0.96)
        card.move_to([left + width / 2, floor_y + 0.3 + height / 2, 0])
        ticks = [round(z) for z in np.arange(-reach, reach + 1, tick_step(2 * reach))]
        # room inside the card for the tick labels (left, below) and the axes' names (right, above)
        axes = make_axes(z_range, (0, 1), width - 1.9, height - 1.25, ticks, [0.5, 1])
        axes.move_to(card.get_center() + np.array([0.25, -0.1, 0]))
        names = make_axis_labels(axes, "z", r"\sigma'(z)")
        names[1].shift(0.15 * UP)  # clear of the axis' top tick, as in the first half
        sigma = get_activation("sigmoid")
        zs = np.linspace(*z_range, 161)
        curve = make_curve(axes, zs, sigma.grad(zs), PALETTE.gradient)
        return card, VGroup(axes, names), curve, self.sigmoid_slopes(axes, radius=0.06)

    def switch_to_relu(self) -> None:
        """The boxes become ReLU; on a card, sigma' becomes ReLU' (a step to 1), each layer's z
        moves to the ReLU chain's, and its slope of 1 rises to become the factor |w|."""
        ex = self.example
        relu = get_activation("relu")
        trace = ex.trace("relu")
        boxes, factors = [], []
        for box in self.boxes:
            new = make_tex(relu.tex, color=PALETTE.activation, font_size=LABEL_SIZE)
            boxes.append((box, 1, new.scale_to_fit_width(box[0].width * RELU_FILL).move_to(box[0])))
        for k, f in enumerate(trace.factors):
            label = make_tex(num(f), color=PALETTE.weight, font_size=LABEL_SIZE - 2)
            fit_width(label, self.spacing * 0.92).move_to([self.xs[k], FACTOR_Y, 0])
            factors.append((self.factor_labels, k, label))
        card, frame, curve, dots = self.slope_inset()
        axes, names = frame
        zs = np.linspace(*axes.x_range[:2], 161)
        step_ys = relu.grad(zs)
        step_ys[np.argmin(np.abs(zs))] = np.nan  # the jump at 0 is a break, not a wall
        step = make_curve(axes, zs, step_ys, PALETTE.weight)
        relu_name = make_tex(rf"{relu.tex}'(z)", color=PALETTE.muted, font_size=LABEL_SIZE)
        relu_name.move_to(names[1], aligned_edge=LEFT)
        targets = [axes.c2p(float(z), float(d)) for z, d in zip(trace.z, trace.derivatives)]
        self.say("relu")
        self.swap_parts(
            boxes,
            self.sig_moves.animate.set_color(PALETTE.muted),
            FadeOut(self.moved_labels),
            # out of the risers' way, and one value axis at a time: back when the card goes
            FadeOut(VGroup(self.step_head, self.move_axes.y_axis, self.move_name)),
            FadeIn(VGroup(card, frame, curve, dots)),
            run_time=1.5,
        )
        # the slope's bump (at most 0.25) becomes a step, 0 for z < 0 and 1 for z > 0, and each
        # layer's slope goes with it: to the ReLU chain's z, at height 1
        self.swap_parts(
            [(names, 1, relu_name)],
            Transform(curve, step),
            *(dot.animate.move_to(at).set_color(PALETTE.weight) for dot, at in zip(dots, targets)),
            run_time=1.4,
        )
        # each layer's slope of 1 rises to its place under the layer, where |w| x 1 appears
        risers = [dot.copy() for dot in dots]
        self.play(
            AnimationGroup(
                *(riser.animate.move_to([x, FACTOR_Y, 0]) for riser, x in zip(risers, self.xs)),
                lag_ratio=0.08,
            ),
            run_time=1.1,
        )
        self.swap_parts(factors, *(FadeOut(riser, scale=0.5) for riser in risers), run_time=0.7)
        legend = VGroup(
            *(
                VGroup(
                    Rectangle(width=0.2, height=0.2, stroke_width=0, fill_color=color, fill_opacity=0.9),
                    make_text(name, color=color, font_size=LABEL_SIZE - 4),
                ).arrange(RIGHT, buff=0.1)
                for name, color in (("sigmoid", PALETTE.muted), ("ReLU", PALETTE.weight))
            )
        ).arrange(RIGHT, buff=0.35)
        legend.next_to(self.step_head, RIGHT, buff=0.8)
        self.legend = legend
        self.play(
            FadeOut(VGroup(card, frame, curve, dots)),
            FadeIn(VGroup(self.step_head, self.move_axes.y_axis, self.move_name, legend)),
            run_time=0.6,
        )

    def conclude(self) -> None:
        """Layer L's move carried back to layer 1's column, shrinking by the core's ratio on the way:
        to nothing with sigmoid, to layer 1's own move with ReLU."""
        ex = self.example
        v = self.values
        ghosts, landed, labels, outlines = [], [], VGroup(), VGroup()
        for activation, runners, offset, color in (
            ("sigmoid", self.sig_moves, -0.22, PALETTE.muted),
            ("relu", self.relu_moves, 0.22, PALETTE.weight),
        ):
            training = ex.training(activation)
            ghost = runners[-1].copy()
            ghosts.append(ghost)
            floor, end = self.move_point(0, 0, offset), self.move_point(0, float(training.moved[0]), offset)
            landed.append(
                VGroup(
                    Line(floor, end + 1e-3 * UP, color=color, stroke_width=7),
                    Dot(end, radius=0.09, color=color),
                )
            )
            # the ghost's height before it shrinks stays as a dashed line, its ratio beside its top
            top = self.move_point(0, float(training.moved[-1]), offset)
            outlines.add(DashedLine(end, top, color=color, stroke_width=2, dash_length=0.08))
            label = make_tex(r"\div\,", num(training.moved_ratio), color=color, font_size=LABEL_SIZE - 2)
            labels.add(label.next_to(top, RIGHT, buff=0.15))
        layers = v["layers"]
        self.say(
            "conclusion",
            last_layer=layers[-1],
            first_layer=layers[0],
            sig=ex.training("sigmoid").moved_ratio,
            relu=ex.training("relu").moved_ratio,
        )
        shift = (self.xs[0] - self.xs[-1]) * RIGHT
        self.play(*(ghost.animate.shift(shift) for ghost in ghosts), run_time=1.4)
        self.add(outlines, *ghosts)  # under the ghosts until they shrink
        self.play(
            *(Transform(ghost, land) for ghost, land in zip(ghosts, landed)),
            FadeIn(labels, lag_ratio=0.5),
            run_time=1.4,
        )
