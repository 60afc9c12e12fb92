"""Backpropagation: forward, backward, update, repeat.

The tiny network x -> z1 -> a1 -> y_hat -> L as a graph. Values flow left to right along the
edges and fill the nodes; a slider on w2 moves the loss (the slope of that curve is dL/dw2);
gradient pulses flow right to left, as thick as the gradient they carry, and at each node the
local derivative times the upstream gradient lands under it; every weight steps by -eta times its
gradient, the forward pass runs again and the loss drops; then twenty steps in fast motion beside
the falling loss curve. ``y`` is the target and ``y_hat`` the prediction (ChainRule's output is o).
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    BackgroundRectangle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    LaggedStart,
    Line,
    ShowPassingFlash,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    always_redraw,
    linear,
)

from mathdl_anim.core.activations import get_activation
from mathdl_anim.core.backprop import LOSS_EXPONENT, NODES, PARAMETERS
from mathdl_anim.core.formatting import derivative_tex
from mathdl_anim.core.scales import log_heights
from mathdl_anim.draw.counters import make_step_counter
from mathdl_anim.draw.graphs import make_edge
from mathdl_anim.draw.plots import (
    make_axes,
    make_axis_labels,
    make_curve,
    make_point,
    make_segment,
    tick_step,
)
from mathdl_anim.draw.style import LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import (
    factor,
    fade_through,
    first_half,
    fit_width,
    make_counter,
    make_tex,
    make_text,
    num,
    second_half,
)
from mathdl_anim.scene.lesson_scene import LessonScene

#: How each node is written.
TEX = {
    "x": "x",
    "y": "y",
    "z1": "z_1",
    "a1": "a_1",
    "y_hat": r"\hat{y}",
    "L": "L",
    "w1": "w_1",
    "b1": "b_1",
    "w2": "w_2",
    "b2": "b_2",
}
#: The rows of the graph: parameters above, the chain of nodes, the target below the loss.
PARAM_Y, MAIN_Y = 2.5, 1.05
POSITIONS = {
    "x": (-5.75, MAIN_Y),
    "z1": (-3.05, MAIN_Y),
    "a1": (-0.2, MAIN_Y),
    "y_hat": (2.65, MAIN_Y),
    "L": (5.45, MAIN_Y),
    "w1": (-4.0, PARAM_Y),
    "b1": (-2.1, PARAM_Y),
    "w2": (1.7, PARAM_Y),
    "b2": (3.6, PARAM_Y),
    "y": (6.0, -0.3),
}
BOX_WIDTH, BOX_HEIGHT = 1.72, 0.62
#: The loss's box is wider: in the training its value reads 3.4 x 10^-4 (policy format), not 0.00.
LOSS_BOX_WIDTH, LOSS_PAD = 2.4, 0.15
#: Each edge, forward direction.
EDGES = (
    ("x", "z1"),
    ("w1", "z1"),
    ("b1", "z1"),
    ("z1", "a1"),
    ("a1", "y_hat"),
    ("w2", "y_hat"),
    ("b2", "y_hat"),
    ("y_hat", "L"),
    ("y", "L"),
)
#: The inputs of each node the forward pass fills.
INPUTS = {"z1": ("x", "w1", "b1"), "a1": ("z1",), "y_hat": ("a1", "w2", "b2"), "L": ("y_hat", "y")}
#: The node each parameter feeds.
FEEDS = {"w1": "z1", "b1": "z1", "w2": "y_hat", "b2": "y_hat"}
#: The work line (equations) under the graph, and the area below it.
WORK_Y = -0.35
#: The update lines' centre (the loss line after the rerun stands on the work line above them).
UPDATE_Y = -2.0
#: The plot of the loss against w2 (the slider's), under the work line from the start: its size
#: and centre.
PLOT_W, PLOT_H, PLOT_CENTER = 8.4, 1.3, (-0.5, -1.95)
#: The training's loss curve.
CURVE_W, CURVE_H, CURVE_CENTER = 8.8, 1.85, (-0.7, -1.72)
#: Seconds per training step in fast motion.
FAST_STEP = 0.35


def partial(name: str) -> str:
    return derivative_tex("L", TEX[name], partial=True)


class Backpropagation(LessonScene):
    """x -> z1 -> a1 -> y_hat -> L: forward values left to right, gradients right to left."""

    def construct(self) -> None:
        self.show_title("Backpropagation")
        self.build_graph()
        self.forward_pass()
        self.wiggle_w2()
        self.backward_pass()
        self.update_weights()
        self.forward_again()
        self.train()
        self.wait(1.5)

    # Graph -------------------------------------------------------------------------------
    def color(self, name: str) -> str:
        return {
            "x": PALETTE.input,
            "y": PALETTE.muted,  # the target: given with the data, neither input nor output
            "z1": PALETTE.text,
            "a1": PALETTE.activation,
            "y_hat": PALETTE.output,
            "L": PALETTE.output,
            "w1": PALETTE.weight,
            "w2": PALETTE.weight,
            "b1": PALETTE.bias,
            "b2": PALETTE.bias,
        }[name]

    def build_graph(self) -> None:
        ex = self.example
        self.boxes, self.names, self.counters = {}, {}, {}
        for name, (px, py) in POSITIONS.items():
            width = 1.3 if name in ("x", "y") else LOSS_BOX_WIDTH if name == "L" else BOX_WIDTH
            box = make_box(width, self.color(name)).move_to([px, py, 0])
            self.boxes[name] = box
            if name in ("x", "y"):  # constants: written once
                label = make_tex(
                    rf"{TEX[name]} = {num(getattr(ex, name))}", color=self.color(name), font_size=LABEL_SIZE
                )
                self.names[name] = fit_width(label, width - 0.2).move_to(box)
                continue
            label = make_tex(TEX[name], " =", color=self.color(name), font_size=LABEL_SIZE)
            self.names[name] = label
            if name in PARAMETERS:
                self.counters[name] = self.bind(name, self.counter(name, ex.params[name]), ex.params[name])
                self.place_value(name)
            else:  # only the name until the forward pass fills the node
                label[1].set_opacity(0)
                label.move_to(box).shift(0.08 * RIGHT)
                if name == "L":  # where its row will stand (the name does not cross its value)
                    label.align_to(box, LEFT).shift(LOSS_PAD * RIGHT)
        self.edges = {(a, b): make_edge(self.boxes[a], self.boxes[b]) for a, b in EDGES}
        self.make_plot()
        self.say("graph")
        given = [n for n in POSITIONS if n in PARAMETERS or n in ("x", "y")]
        self.play(
            *(FadeIn(VGroup(self.boxes[n], self.names[n])) for n in given),
            *(FadeIn(self.counters[n]) for n in PARAMETERS),
            run_time=1,
        )
        for stage in NODES:  # the graph grows left to right
            # with the loss, its plot against w2 (empty until the forward pass gives a point)
            extra = [Create(self.axes), FadeIn(self.plot_names)] if stage == "L" else []
            self.play(
                *(GrowArrow(self.edges[(a, stage)]) for a in INPUTS[stage]),
                FadeIn(VGroup(self.boxes[stage], self.names[stage]), shift=0.2 * RIGHT),
                *extra,
                run_time=0.8 if extra else 0.6,
            )

    def make_plot(self) -> None:
        """Axes of L against w2 under the graph (in ``w2 - lo``, so that the L axis stands at the
        left end of the slider), their names, and the curve the slider will reveal."""
        ex = self.example
        lo, hi = ex.w2_window
        top = 1.2 * max(ex.loss_top, 1e-3)
        step = tick_step(hi - lo)
        axes = make_axes((0, hi - lo), (0, top), PLOT_W, PLOT_H)
        ticks = np.arange(np.ceil(lo / step) * step, hi + 1e-9, step)
        label_axis(axes.x_axis, {w - lo: w for w in ticks})
        every = tick_step(top) * (2 if top / tick_step(top) > 3 else 1)  # a low plot: fewer labels
        label_axis(axes.y_axis, {v: v for v in np.arange(0, top + 1e-9, every)[1:]})
        axes.move_to([*PLOT_CENTER, 0])
        names = make_axis_labels(axes, "w_2", "L")
        names[1].next_to(axes.c2p(0, top), UP, buff=0.1)  # above the axis' end, not on its line
        names[0].set_color(PALETTE.weight)
        names[1].set_color(PALETTE.output)
        grid = np.linspace(lo, hi, 121)
        self.curve = make_curve(axes, grid - lo, ex.loss_of_w2(grid), PALETTE.output, stroke_width=3)
        self.axes, self.plot_names, self.w2_lo = axes, names, lo

    def knob(self, w: float) -> VGroup:
        """The slider at ``w2 = w``: a yellow knob on the w2 axis, the loss there as an orange point."""
        loss = float(self.example.loss_of_w2(w))
        base, point = self.axes.c2p(w - self.w2_lo, 0), self.axes.c2p(w - self.w2_lo, loss)
        return VGroup(
            DashedLine(base, point, color=PALETTE.weight, stroke_width=2, dash_length=0.06),
            Dot(base, radius=0.1, color=PALETTE.weight),
            Dot(point, radius=0.08, color=PALETTE.output),
        )

    def counter(self, name: str, value: float):
        return make_counter(value, color=self.color(name), font_size=LABEL_SIZE)

    def place_value(self, name: str) -> None:
        """The name at the left of its box, the counter after it."""
        box, label, counter = self.boxes[name], self.names[name], self.counters[name]
        row = VGroup(label.copy().set_opacity(1), counter.copy()).arrange(RIGHT, buff=0.1).move_to(box)
        label.move_to(row[0])
        counter.move_to(row[1])

    # Forward -----------------------------------------------------------------------------
    def flow(self, stage: str, run_time: float = 0.7) -> None:
        """Dots run along the edges into ``stage``, in the colours of their sources."""
        dots = []
        for a in INPUTS[stage]:
            edge = self.edges[(a, stage)]
            dots.append((Dot(edge.get_start(), radius=0.08, color=self.color(a)), edge.get_end()))
        self.play(*(dot.animate.move_to(end) for dot, end in dots), run_time=run_time)
        self.remove(*(dot for dot, _ in dots))

    def fill(self, stage: str, value: float, run_time: float = 0.6) -> None:
        """The node shows its value: the name slides left, the number fades in."""
        counter = self.bind(stage, self.counter(stage, value), value)
        self.counters[stage] = counter
        label = self.names[stage]
        row = VGroup(label.copy().set_opacity(1), counter).arrange(RIGHT, buff=0.1)
        row.move_to(self.boxes[stage])
        if stage == "L":  # the name at the left: the value has room for its longer forms
            row.align_to(self.boxes[stage], LEFT).shift(LOSS_PAD * RIGHT)
        self.play(
            label.animate.move_to(row[0]).set_opacity(1), FadeIn(counter, shift=0.1 * LEFT), run_time=run_time
        )

    def show_work(self, *parts: str, colors: dict[int, str] | None = None, run_time: float = 0.8):
        """An equation on the work line under the graph, replacing the one there."""
        eq = make_tex(*parts, font_size=SMALL_SIZE)
        for k, c in (colors or {}).items():
            eq[k].set_color(c)
        fit_width(eq, 11.0).move_to([-0.55, WORK_Y, 0])
        old = getattr(self, "work", None)
        if old is None:
            self.play(FadeIn(eq, shift=0.15 * UP), run_time=run_time)
        else:
            self.play(*fade_through(old, eq), run_time=run_time)
        self.work = eq
        return eq

    def forward_pass(self) -> None:
        ex = self.example
        f, p, rel = ex.forward, ex.params, ex.forward_relations
        act = get_activation(ex.activation).tex
        equations = {
            "z1": (
                r"z_1 = w_1 x + b_1 = ",
                rf"{num(p['w1'])} \cdot {factor(ex.x)} + {factor(p['b1'])}",
                rf" {rel['z1']} ",
                num(f["z1"]),
            ),
            "a1": (rf"a_1 = {act}(z_1) = ", rf"{act}({num(f['z1'])})", " = ", num(f["a1"])),
            "y_hat": (
                r"\hat{y} = w_2 a_1 + b_2 = ",
                rf"{num(p['w2'])} \cdot {factor(f['a1'])} + {factor(p['b2'])}",
                rf" {rel['y_hat']} ",
                num(f["y_hat"]),
            ),
            "L": (
                rf"L = (\hat{{y}} - y)^{LOSS_EXPONENT} = ",
                rf"({num(f['y_hat'])} - {factor(ex.y)})^{LOSS_EXPONENT}",
                rf" {rel['L']} ",
                num(f["L"]),
            ),
        }
        self.say("forward", loss=ex.loss)
        for stage, parts in equations.items():
            self.flow(stage)
            self.show_work(*parts, colors={3: self.color(stage)}, run_time=0.7)
            self.fill(stage, f[stage])
        # these weights give one point of the loss against w2: the knob lights at w2 on its axis,
        # the loss just computed drops from the work line to its height
        knob = self.knob(ex.params["w2"])
        loss_dot = Dot(self.work[3].get_bottom(), radius=0.08, color=PALETTE.output)
        self.play(
            Indicate(self.counters["w2"], color=PALETTE.weight),
            FadeIn(knob[1], scale=2),
            loss_dot.animate.move_to(knob[2]),
            Create(knob[0]),
            run_time=0.9,
        )
        self.remove(loss_dot)
        self.add(knob)
        self.knob_now = knob

    # Sensitivity -------------------------------------------------------------------------
    def wiggle_w2(self) -> None:
        ex = self.example
        lo, axes, curve = self.w2_lo, self.axes, self.curve
        w2 = ValueTracker(ex.params["w2"])
        slider = always_redraw(lambda: self.knob(w2.get_value()))
        self.plot = VGroup(axes, self.plot_names, curve)
        self.say("wiggle")
        self.remove(self.knob_now)
        self.add(slider)
        # the work line's numbers hold for the old w2 only
        self.play(FadeOut(self.work), Create(curve), run_time=0.9)
        self.work = None
        for name in ("w2", "y_hat", "L"):
            fn = {"w2": lambda: w2.get_value(), "y_hat": lambda: ex.y_hat_of_w2(w2.get_value())}.get(
                name, lambda: ex.loss_of_w2(w2.get_value())
            )
            self.counters[name].add_updater(lambda m, fn=fn: m.set_value(float(fn())))
        stops = [*ex.wiggle, (ex.params["w2"], ex.loss)]
        for k, (w, _) in enumerate(stops):
            self.set_state(w2=w, y_hat=float(ex.y_hat_of_w2(w)), L=float(ex.loss_of_w2(w)))
            self.play(w2.animate.set_value(w), run_time=1.3 if k == 1 else 1.0)
            self.wait(0.3)
        for name in ("w2", "y_hat", "L"):
            self.counters[name].clear_updaters()
        slider.clear_updaters()
        (w_a, l_a), (w_b, l_b) = ex.w2_tangent
        tangent = make_segment(axes, ((w_a - lo, l_a), (w_b - lo, l_b)), PALETTE.gradient, stroke_width=4)
        slope = make_tex(partial("w2"), " = ", num(ex.grads["w2"]), font_size=LABEL_SIZE)
        slope[2].set_color(PALETTE.gradient)
        point = make_point(axes, ex.params["w2"] - lo, ex.loss, PALETTE.output)
        slope.next_to(point, RIGHT if ex.grads["w2"] <= 0 else LEFT, buff=0.5).shift(0.35 * UP)
        # inside the plot's height: the work line stands above it
        top, bottom = axes.c2p(0, axes.y_range[1])[1], axes.c2p(0, 0)[1]
        slope.set_y(max(min(slope.get_y(), top - slope.height / 2), bottom + slope.height / 2 + 0.1))
        self.say("slope", grad=ex.grads["w2"])
        self.play(Create(tangent), run_time=0.8)
        self.play(FadeIn(slope, shift=0.1 * UP), run_time=0.6)
        self.plot.add(slider, tangent, slope)
        self.slope_label = slope

    # Backward ----------------------------------------------------------------------------
    def grad_label(self, name: str, value: float):
        label = make_tex(num(value), color=PALETTE.gradient, font_size=LABEL_SIZE)
        box = self.boxes[name]
        if name in FEEDS:  # below the parameter, on the side away from the edge
            side = RIGHT if self.boxes[FEEDS[name]].get_x() < box.get_x() else LEFT
            label.next_to(box, DOWN, buff=0.08)
            label.set_x(box.get_x() + side[0] * (box.width / 2 - label.width / 2))
        else:
            label.next_to(box, DOWN, buff=0.12)
        return label

    def pulse(self, target: str, source: str, grad: float, top: float) -> ShowPassingFlash:
        """A red flash from ``source`` back to ``target``, as thick as the gradient it carries."""
        key = (target, source) if (target, source) in self.edges else (source, target)
        edge = self.edges[key]
        width = 2 + 14 * abs(grad) / top
        line = Line(edge.get_end(), edge.get_start(), color=PALETTE.gradient, stroke_width=width)
        return ShowPassingFlash(line, time_width=0.6)

    def backward_pass(self) -> None:
        ex = self.example
        top = max(abs(s.grad) for s in ex.steps) or 1.0
        self.say("backward")  # the slider's plot stays: its slope is what the pass computes
        self.grad_labels = {"L": self.grad_label("L", 1.0)}
        self.show_work(partial("L"), " = ", num(1), colors={2: PALETTE.gradient})
        self.play(FadeIn(self.grad_labels["L"], shift=0.15 * DOWN), run_time=0.6)
        sources = ["L" if s.source == "L" else "y_hat" if s.source == "z2" else s.source for s in ex.steps]
        # the whole backward wave first, from the loss to every weight, each pulse as thick as
        # its gradient; then node by node, what each pulse carries
        for run_time in (3.2, 2.4):  # twice: the second a little faster
            self.play(
                LaggedStart(
                    *(self.pulse(s.target, src, s.grad, top) for s, src in zip(ex.steps, sources)),
                    lag_ratio=0.45,
                ),
                run_time=run_time,
            )
            self.wait(0.3)
        self.say("local")
        for k, (step, source) in enumerate(zip(ex.steps, sources)):
            self.play(self.pulse(step.target, source, step.grad, top), run_time=0.8)
            self.show_work(
                rf"{partial(step.target)} = ",
                step.local_tex,
                r" \cdot ",
                partial(source),
                colors={1: PALETTE.activation, 3: PALETTE.gradient},
                run_time=0.6 if k < 3 else 0.4,
            )
            # local x upstream appears under the node, then folds into the gradient it gives
            label = self.grad_label(step.target, step.grad)
            product = make_tex(
                factor(step.local),
                r" \cdot ",
                factor(step.upstream),
                f" {step.relation} ",
                num(step.grad),
                font_size=LABEL_SIZE,
            )
            product[0].set_color(PALETTE.activation)
            product[2].set_color(PALETTE.gradient)
            product[4].set_color(PALETTE.gradient)
            product.next_to(self.boxes[step.target], DOWN, buff=0.1)
            self.keep_inside(product)
            backing = BackgroundRectangle(product, color=PALETTE.background, fill_opacity=0.9, buff=0.06)
            VGroup(backing, product).set_z_index(1)  # over the edges it crosses
            self.play(
                Indicate(self.grad_labels[source], color=PALETTE.gradient, scale_factor=1.15),
                FadeIn(VGroup(backing, product), shift=0.15 * DOWN),
                run_time=0.8 if k < 3 else 0.6,
            )
            self.wait(0.4 if k < 3 else 0.2)
            # the factors leave first, then the result slides to its place (never through them)
            self.play(
                FadeOut(product[:4], rate_func=first_half),
                FadeOut(backing, rate_func=first_half),
                product[4].animate(rate_func=second_half).move_to(label),
                run_time=0.6,
            )
            self.remove(product, *product)  # FadeOut(part) splits the group: its parts are top-level now
            self.add(label)
            self.grad_labels[step.target] = label
        self.say("meaning", grad=ex.grads["w2"])
        self.play(
            Indicate(self.grad_labels["w2"], color=PALETTE.gradient),
            Indicate(self.slope_label, color=PALETTE.gradient),
            run_time=1.2,
        )
        self.wait(0.5)

    def keep_inside(self, mob, margin: float = 0.35) -> None:
        """Shift ``mob`` sideways so that it stays ``margin`` inside the frame."""
        half = self.camera.frame_width / 2 - margin
        if mob.get_right()[0] > half:
            mob.shift((half - mob.get_right()[0]) * RIGHT)
        if mob.get_left()[0] < -half:
            mob.shift((-half - mob.get_left()[0]) * RIGHT)

    # Update ------------------------------------------------------------------------------
    def update_weights(self) -> None:
        ex = self.example
        self.say("update", lr=ex.lr)
        lines = VGroup()
        for name in PARAMETERS:
            line = make_tex(
                rf"{TEX[name]} \leftarrow {num(ex.params[name])} - {num(ex.lr)} \cdot ",
                factor(ex.grads[name]),
                rf" {ex.update_relations[name]} ",
                num(ex.updated[name]),
                font_size=SMALL_SIZE,
            )
            line[1].set_color(PALETTE.gradient)
            line[3].set_color(self.color(name))
            lines.add(line)
        grid = VGroup(
            VGroup(lines[0], lines[1]).arrange(RIGHT, buff=0.8),
            VGroup(lines[2], lines[3]).arrange(RIGHT, buff=0.8),
        ).arrange(DOWN, buff=0.35)
        fit_width(grid, 11.0).move_to([-0.55, UPDATE_Y, 0])
        # the slider's curve was for the old weights: it leaves as they change
        self.play(FadeOut(self.plot), FadeOut(self.work), run_time=0.6)
        self.work = None
        # each gradient lights up under its parameter as its line is written (copies flying
        # down would cross the nodes' values)
        self.play(
            *(Indicate(self.grad_labels[n], color=PALETTE.gradient) for n in PARAMETERS),
            *(FadeIn(line, shift=0.15 * DOWN) for line in lines),
            run_time=1.4,
        )
        self.play(
            *(self.tick(n, ex.updated[n]) for n in PARAMETERS),
            # every gradient was for the old weights: all of them leave as the weights change
            *(FadeOut(self.grad_labels.pop(n)) for n in list(self.grad_labels)),
            *(Indicate(line[3], color=self.color(n)) for n, line in zip(PARAMETERS, lines)),
            run_time=1.2,
        )
        self.update_lines = lines

    def tick(self, name: str, value: float):
        """The counter of ``name`` ticks over to ``value``."""
        counter = self.counters[name]
        start = counter.get_value()
        tracker = ValueTracker(0.0)
        counter.add_updater(lambda m: m.set_value(start + tracker.get_value() * (value - start)))
        self.set_state(**{name: value})
        self._ticking.append(counter)
        return tracker.animate.set_value(1.0)

    @property
    def _ticking(self) -> list:
        return self.__dict__.setdefault("_ticking_list", [])

    def play(self, *args, **kwargs) -> None:
        super().play(*args, **kwargs)
        while self._ticking:  # a tick is over: the counter rests on its value
            self._ticking.pop().clear_updaters()

    def forward_again(self) -> None:
        ex = self.example
        self.say("rerun")
        stale = [self.grad_labels.pop(n) for n in list(self.grad_labels)]
        if stale:
            self.play(*(FadeOut(m) for m in stale), run_time=0.5)
        for stage in NODES:
            self.flow(stage, run_time=0.5)
            self.play(self.tick(stage, ex.forward_after[stage]), run_time=0.6)
        loss = make_tex(r"L:\ ", num(ex.loss), r"\ \to\ ", num(ex.loss_after), font_size=SMALL_SIZE + 4)
        loss[1].set_color(PALETTE.output)
        loss[3].set_color(PALETTE.output)
        loss.move_to([-0.55, WORK_Y, 0])
        learned = ex.loss_after < ex.loss
        self.say("learned" if learned else "too_large", loss=ex.loss, loss_after=ex.loss_after)
        self.play(TransformFromCopy(self.counters["L"], loss[3]), FadeIn(loss[:3]), run_time=1.0)
        self.loss_line = loss

    # Repeat ------------------------------------------------------------------------------
    def train(self) -> None:
        ex = self.example
        losses = ex.train_losses
        n = len(losses) - 1
        # the loss on a log axis (a tick each decade), so its fall stays visible to the end;
        # the vertical coordinate is log10(L) - low, the step axis along the bottom
        low, high = ex.loss_exponents
        top = high - low
        axes = make_axes((0, max(n, 1)), (0, top), CURVE_W, CURVE_H)
        label_axis(axes.x_axis, {k: k for k in range(0, n + 1, 5 if n >= 10 else 1)})
        every = max(1, math.ceil(top / 3))
        axes.y_axis.add_labels(
            {
                e - low: make_tex(rf"10^{{{e}}}", color=PALETTE.muted, font_size=LABEL_SIZE)
                for e in range(low, high + 1)
                if (e - low) % every == 0
            }
        )
        axes.move_to([*CURVE_CENTER, 0])
        names = make_axis_labels(axes, r"\text{step}", "L")
        names[1].next_to(axes.c2p(0, top), UP, buff=0.1)
        names[1].set_color(PALETTE.output)
        step_word = make_text("step", font_size=LABEL_SIZE)
        counter = make_step_counter(1, font_size=LABEL_SIZE)
        step = VGroup(step_word, counter).arrange(RIGHT, buff=0.15)
        step.next_to(axes.c2p(n, top), LEFT, buff=0.2).shift(0.1 * DOWN)
        heights = log_heights(losses, low, high)
        points = [make_point(axes, k, heights[k], PALETTE.output, radius=0.06) for k in range(n + 1)]
        final = losses[-1]
        rises = final >= losses[0]
        self.say("train_rises" if rises else "train", steps=n, final=final)
        self.play(FadeOut(self.update_lines), FadeOut(self.loss_line), run_time=0.4)
        self.play(Create(axes), FadeIn(names), run_time=0.8)
        # the loss reads in the policy format from here on: it falls below 0.005, where two
        # decimals would show a false 0.00 beside a curve still falling (3.4 x 10^-4 at the end)
        loss_value = self.loss_value(losses[1])
        self.remove(self.counters["L"])
        self.add(loss_value)
        self.play(
            FadeIn(points[0]), FadeIn(points[1]), Create(self.segment(points, 1)), FadeIn(step), run_time=0.6
        )
        for k in range(2, n + 1):
            state = ex.training[k]
            values = {**state.params, **{s: state.forward[s] for s in NODES if s != "L"}}
            counter.set_value(k)
            new_value = self.loss_value(losses[k])
            self.set_state(L=losses[k])
            self.play(
                *(self.flash_back(name) for name in ("y_hat", "a1", "z1")),
                *(self.tick(name, v) for name, v in values.items()),
                FadeOut(loss_value, rate_func=at_half),  # the loss changes at mid-step, in place
                FadeIn(new_value, rate_func=at_half),
                FadeIn(points[k], rate_func=linear),
                Create(self.segment(points, k)),
                run_time=FAST_STEP,
            )
            loss_value = new_value
        self.play(
            Indicate(points[-1], color=PALETTE.output),
            Indicate(VGroup(self.names["L"], loss_value), color=PALETTE.output, scale_factor=1.08),
        )

    def loss_value(self, value: float):
        """The loss ``value`` in its box, in the policy format (``3.4 \times 10^{-4}``), after ``L =``."""
        label = make_tex(num(value), color=PALETTE.output, font_size=LABEL_SIZE)
        label.next_to(self.names["L"], RIGHT, buff=0.1)
        # on the counter's baseline (an exponent raises the middle of the box)
        label.shift((self.counters["L"].get_bottom()[1] - label[0][0].get_bottom()[1]) * UP)
        return self.bind("L", label, value)

    def segment(self, points, k: int) -> Line:
        return Line(points[k - 1].get_center(), points[k].get_center(), color=PALETTE.output, stroke_width=3)

    def flash_back(self, target: str) -> ShowPassingFlash:
        """A thin red flash back along the chain (the backward pass of a fast step)."""
        source = {"y_hat": "L", "a1": "y_hat", "z1": "a1"}[target]
        key = (target, source)
        edge = self.edges[key]
        line = Line(edge.get_end(), edge.get_start(), color=PALETTE.gradient, stroke_width=5)
        return ShowPassingFlash(line, time_width=0.8)


def at_half(t: float) -> float:
    """A rate function: nothing, then all of the change at the middle of the play."""
    return 1.0 if t >= 0.5 else 0.0


def label_axis(axis, labels: dict[float, float]) -> None:
    """Tick labels at the given positions of ``axis``, each showing its value (policy format)."""
    axis.add_labels(
        {at: make_tex(num(v), color=PALETTE.muted, font_size=LABEL_SIZE) for at, v in labels.items()},
        font_size=LABEL_SIZE,
    )


def make_box(width: float, color: str):
    """A node's rounded box, filled with the background."""
    from manim import RoundedRectangle

    box = RoundedRectangle(corner_radius=0.15, width=width, height=BOX_HEIGHT, color=color, stroke_width=3)
    return box.set_fill(PALETTE.background, opacity=1)
