"""The chain rule: rates multiply along a chain.

Stacked number lines, one per value of the chain; a nudge dx of the input is stretched by each
link's local derivative on its way down; the total stretch is the product of the factors, the
derivative of the whole. Then the stack folds into a graph of boxes, read backwards from the
output: the backbone of backpropagation.
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Arrow,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    LaggedStart,
    Line,
    ReplacementTransform,
    Restore,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
    smooth,
    squish_rate_func,
    wiggle,
)

from mathdl_anim.core.calculus import CHAIN_ROOM
from mathdl_anim.core.formatting import derivative_tex, product_tex
from mathdl_anim.draw.graphs import make_edge, make_node
from mathdl_anim.draw.number_lines import make_number_line
from mathdl_anim.draw.style import LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import factor, fit_width, make_counter, make_tex, make_text, num, second_half
from mathdl_anim.scene.lesson_scene import LessonScene

#: Each number line shows this many units (all share one scale: a stretch is seen as one).
WINDOW = 4
#: The lines' left and right ends, and where their names stand.
LINE_LEFT, LINE_RIGHT, NAME_X = -5.6, 1.6, -6.15
#: The column of link labels (functions, factors, nudge lengths): its left edge.
COLUMN_X = 2.5
#: The top and bottom lines' heights; the product line and the whole-derivative line below.
TOP_Y, BOTTOM_Y = 2.4, -2.3
PRODUCT_Y, WHOLE_Y = -1.92, -2.84
#: For the product, the stack shrinks towards this point by this factor.
SHRINK_TO, SHRINK = (0.0, 2.92, 0.0), 0.8
#: The graph of boxes: its row's height, and the readouts of the backward pass under it.
ROW_Y, READOUT_Y, ROW_WIDTH = 1.5, 0.3, 11.6
#: The product and whole-derivative lines rise this much once the stack is gone.
RISE = 0.55
NODE_RADIUS = 0.36


class ChainRule(LessonScene):
    """A nudge of the input, stretched link by link; the product of the stretches is the derivative."""

    def construct(self) -> None:
        self.show_title("The chain rule")
        self.stack_lines()
        self.nudge()
        for k in range(len(self.example.stages)):
            self.link(k)
        self.wiggle_nudge()
        self.multiply()
        self.check_whole()
        self.fold_into_graph()
        self.read_backwards()
        self.network()
        self.wait(1.5)

    # Colours ----------------------------------------------------------------------------
    def value_color(self, k: int) -> str:
        last = len(self.example.stages)
        return PALETTE.input if k == 0 else PALETTE.output if k == last else PALETTE.activation

    # The stack of number lines ----------------------------------------------------------
    def running(self, k: int) -> float:
        """The stretch from x to line ``k``: 1 on x, then the running products."""
        return 1.0 if k == 0 else self.example.partial_products[k - 1]

    def drawn(self, d: float) -> float:
        """A nudge as drawn: its true length, or :data:`CHAIN_ROOM` when longer (then an arrow)."""
        return max(-CHAIN_ROOM, min(CHAIN_ROOM, d))

    def stack_lines(self) -> None:
        ex = self.example
        n = len(ex.stages)
        values = [ex.x] + [s.output_value for s in ex.stages]
        spacing = (TOP_Y - BOTTOM_Y) / n
        self.lines, self.dots, self.value_labels, self.names = [], [], [], []
        for k, (name, value) in enumerate(zip(ex.names, values)):
            mid = value + self.drawn(ex.nudges[k]) / 2
            lo = math.floor(mid + 0.5) - WINDOW // 2
            line = make_number_line(
                lo, lo + WINDOW, 0.5, LINE_RIGHT - LINE_LEFT, list(range(lo, lo + WINDOW + 1))
            )
            line.move_to([(LINE_LEFT + LINE_RIGHT) / 2, TOP_Y - k * spacing, 0])
            dot = Dot(line.n2p(value), radius=0.08, color=self.value_color(k))
            label = make_tex(num(value), color=self.value_color(k), font_size=LABEL_SIZE)
            label.next_to(dot, UP, buff=0.12)
            if k > 0:  # beside the arrow coming down into the dot, not under its tip
                side = LEFT if self.dots[-1].get_center()[0] > dot.get_center()[0] + 1e-6 else RIGHT
                label.shift(side * (label.width / 2 + 0.08))
            name_tex = make_tex(name, color=self.value_color(k), font_size=SMALL_SIZE)
            name_tex.move_to([NAME_X, line.get_center()[1], 0])
            self.lines.append(line)
            self.dots.append(dot)
            self.value_labels.append(label)
            self.names.append(name_tex)
        self.play(
            *(Create(line) for line in self.lines),
            *(FadeIn(name) for name in self.names),
            run_time=1.2,
        )
        self.say("lines", x=ex.x, o=values[-1])
        self.play(FadeIn(self.dots[0], scale=2), Write(self.value_labels[0]), run_time=0.6)
        self.stack_arrows, self.functions = [], []
        for k, stage in enumerate(ex.stages):
            arrow = Arrow(
                self.dots[k].get_center(),
                self.dots[k + 1].get_center(),
                buff=0.1,
                stroke_width=2,
                color=PALETTE.muted,
                max_tip_length_to_length_ratio=0.12,
            )
            mid_y = (self.lines[k].get_center()[1] + self.lines[k + 1].get_center()[1]) / 2
            fn = make_tex(stage.output_name, " = ", stage.tex, font_size=SMALL_SIZE)
            fn[0].set_color(self.value_color(k + 1))
            fit_width(fn, 2.4).move_to([COLUMN_X, mid_y, 0], aligned_edge=LEFT)
            self.stack_arrows.append(arrow)
            self.functions.append(fn)
            traveller = self.dots[k].copy()
            # at the narration's pace: the value flows while it is being told (not in 4 s and
            # then a still frame)
            self.play(FadeIn(fn, shift=0.2 * DOWN), run_time=0.6)
            self.play(GrowArrow(arrow), traveller.animate.move_to(self.dots[k + 1]), run_time=1.5)
            self.remove(traveller)
            self.add(self.dots[k + 1])
            self.play(Write(self.value_labels[k + 1]), run_time=0.6)
            self.wait(0.3)
        # "we call the output o": its name lights up
        self.play(Indicate(self.names[-1], color=self.value_color(n), scale_factor=1.0), run_time=1.0)

    # The nudge ----------------------------------------------------------------------------
    def interval(self, k: int, stretch) -> VGroup:
        """The nudge on line ``k``, redrawn from the tracker: ``dx * stretch()`` long, clamped."""
        ex = self.example
        line, value = self.lines[k], ([ex.x] + [s.output_value for s in ex.stages])[k]

        def draw() -> VGroup:
            d = self.dx_t.get_value() * stretch()
            shown = self.drawn(d)
            start, end = line.n2p(value), line.n2p(value + shown)
            if abs(end[0] - start[0]) < 1e-3:
                end = start + np.array([1e-3, 0, 0])
            seg = Line(start, end, color=PALETTE.highlight, stroke_width=9)
            group = VGroup(seg)
            if shown != d:  # longer than the line shows: an arrow says it goes on
                group.add(
                    Arrow(
                        end - 0.1 * np.sign(d) * RIGHT,
                        end + 0.45 * np.sign(d) * RIGHT,
                        buff=0,
                        color=PALETTE.highlight,
                        stroke_width=4,
                    )
                )
            return group

        return always_redraw(draw)

    def length_label(self, k: int, stretch, y: float) -> VGroup:
        """``du = 0.30``, ticking with the tracker."""
        name = self.example.names[k]
        tex = make_tex(f"d{name} = ", color=PALETTE.highlight, font_size=SMALL_SIZE)
        counter = make_counter(
            self.dx_t.get_value() * stretch(), color=PALETTE.highlight, font_size=SMALL_SIZE
        )
        group = VGroup(tex, counter).arrange(RIGHT, buff=0.12)
        group.move_to([COLUMN_X, y, 0], aligned_edge=LEFT)
        counter.add_updater(lambda m: m.set_value(self.dx_t.get_value() * stretch()))
        return group

    def nudge(self) -> None:
        ex = self.example
        self.dx_t = ValueTracker(ex.dx)
        self.grow = [ValueTracker(0.0) for _ in ex.stages]
        self.intervals = [self.interval(0, lambda: 1.0)]
        self.lengths = [self.length_label(0, lambda: 1.0, self.lines[0].get_center()[1])]
        self.say("nudge", dx=ex.dx)
        self.play(FadeIn(self.intervals[0]), FadeIn(self.lengths[0]), run_time=0.8)
        self.play(self.dx_t.animate(rate_func=wiggle).set_value(0.5 * ex.dx), run_time=1.4)

    def link(self, k: int) -> None:
        """The nudge passes function ``k``: a copy drops to the next line and stretches there."""
        ex = self.example
        stage = ex.stages[k]
        before, after = self.running(k), self.running(k + 1)
        grow = self.grow[k]

        def stretch(before=before, after=after, grow=grow) -> float:
            return before + grow.get_value() * (after - before)

        interval = self.interval(k + 1, stretch)
        length = self.length_label(k + 1, stretch, self.lines[k + 1].get_center()[1])
        rate = make_tex(r"\times ", factor(stage.local_value), color=PALETTE.gradient, font_size=SMALL_SIZE)
        rate.next_to(self.functions[k], RIGHT, buff=0.3)
        self.rates = getattr(self, "rates", []) + [rate]
        self.say("link", fn=f"{stage.output_name} = {stage.tex}", factor=stage.local_value)
        self.play(Indicate(self.functions[k], color=PALETTE.gradient, scale_factor=1.1), run_time=0.6)
        self.play(FadeIn(interval, shift=0.3 * DOWN), FadeIn(length, shift=0.3 * DOWN), run_time=0.6)
        self.play(grow.animate.set_value(1.0), Write(rate), run_time=1.6)
        self.intervals.append(interval)
        self.lengths.append(length)

    def wiggle_nudge(self) -> None:
        self.say("wiggle")
        self.play(self.dx_t.animate(rate_func=wiggle).set_value(0.5 * self.example.dx), run_time=2.4)

    # The product --------------------------------------------------------------------------
    def multiply(self) -> None:
        ex = self.example
        names = ex.names
        chain = r" \cdot ".join(derivative_tex(s.output_name, s.input_name) for s in ex.stages)
        shown, relation, total = product_tex(ex.local_derivatives)
        factors = [f"({s})" if s.startswith("-") else s for s in shown]
        between = [factors[0]]  # f, dot, f, dot, f: each factor a part of its own
        for f in factors[1:]:
            between += [r" \cdot ", f]
        self.product = make_tex(
            derivative_tex(names[-1], names[0]),
            " = ",
            chain,
            " = ",
            *between,
            f" {relation} ",
            total,
            font_size=SMALL_SIZE,
        )
        #: where each factor stands in the product line (every other part from the fifth)
        self.factor_parts = [self.product[4 + 2 * k] for k in range(len(factors))]
        for part in self.factor_parts:
            part.set_color(PALETTE.gradient)
        self.product[-1].set_color(PALETTE.gradient)
        fit_width(self.product).move_to(PRODUCT_Y * UP)
        self.say("multiply", product=ex.product)
        stack = VGroup(
            *self.lines,
            *self.names,
            *self.dots,
            *self.value_labels,
            *self.stack_arrows,
            *self.functions,
            *self.rates,
            *self.intervals,
            *self.lengths,
        )
        self.play(stack.animate.scale(SHRINK, about_point=np.array(SHRINK_TO)), run_time=1.0)
        self.play(Write(self.product[:4]), run_time=1.0)
        # each link's factor lights up in the column as it takes its place in the product, one
        # after the other (flown, the copies would cross the column's other labels)
        self.play(
            LaggedStart(
                *(
                    AnimationGroup(Indicate(r[1], color=PALETTE.gradient), FadeIn(part, scale=1.3))
                    for r, part in zip(self.rates, self.factor_parts)
                ),
                lag_ratio=0.6,
            ),
            FadeIn(VGroup(*self.product[5:-2:2]), rate_func=second_half),
            run_time=2.0,
        )
        self.play(FadeIn(self.product[-2:]), run_time=0.6)
        self.wait(0.5)

    def check_whole(self) -> None:
        ex = self.example
        self.whole = make_tex(
            r"\frac{d}{dx}\left[",
            ex.composition_tex,
            r"\right]",
            " = ",
            num(ex.derivative),
            font_size=SMALL_SIZE,
        )
        self.whole[4].set_color(PALETTE.gradient)
        fit_width(self.whole).move_to(WHOLE_Y * UP)
        self.say("whole", derivative=ex.derivative)
        self.play(Write(self.whole), run_time=1.4)
        self.play(
            Indicate(self.whole[4], color=PALETTE.gradient),
            Indicate(self.product[-1], color=PALETTE.gradient),
        )

    # The graph ---------------------------------------------------------------------------
    def fold_into_graph(self) -> None:
        ex = self.example
        n = len(ex.stages)
        self.nodes, self.boxes = [], []
        row = VGroup()
        for k, name in enumerate(ex.names):
            circle = Circle(radius=NODE_RADIUS, color=self.value_color(k), stroke_width=3)
            label = make_tex(name, color=self.value_color(k), font_size=SMALL_SIZE).move_to(circle)
            node = VGroup(circle, label)
            self.nodes.append(node)
            row.add(node)
            if k < n:
                box = make_node(ex.stages[k].tex, PALETTE.text, width=1.9 if n == 3 else 2.6, height=0.8)
                self.boxes.append(box)
                row.add(box)
        row.arrange(RIGHT, buff=0.75)
        fit_width(row, ROW_WIDTH).move_to(ROW_Y * UP)
        self.edges = [make_edge(row[k], row[k + 1]) for k in range(len(row) - 1)]
        self.edge_rates = []
        for k in range(n):
            rate = make_tex(num(ex.stages[k].local_value), color=PALETTE.gradient, font_size=LABEL_SIZE)
            rate.next_to(self.edges[2 * k + 1], UP, buff=0.12)
            self.edge_rates.append(rate)
        self.say("graph")
        for m in self.intervals + self.lengths:
            m.clear_updaters()
        stack_clutter = VGroup(
            *self.intervals,
            *self.lengths,
            *self.dots,
            *self.value_labels,
            *self.stack_arrows,
            *(fn[:2] for fn in self.functions),  # "u =": the function itself stays
            *self.rates,
        )
        # the lines' numbers fade, then leave their lines: added to or removed from the scene
        # on their own, manim would take each line apart (its stroke would go, its ticks stay)
        self.play(
            FadeOut(stack_clutter),
            *(line.labels.animate.set_opacity(0) for line in self.lines),
            run_time=0.6,
        )
        for line in self.lines:
            line.remove(line.labels)
        # the boxes' frames wait, unseen, behind everything (a frame fading in on top would hide
        # the function arriving in it)
        for box in self.boxes:
            box[0].save_state().set_stroke(opacity=0).set_fill(opacity=0)
            self.add(box[0])
            self.bring_to_back(box[0])
        # each line collapses into its value's node; each function moves into its box between
        self.play(
            *(
                ReplacementTransform(VGroup(line, name), node)
                for line, name, node in zip(self.lines, self.names, self.nodes)
            ),
            # (the functions first, in place before the names come to the nodes beside them)
            *(
                ReplacementTransform(fn[2], box[1], rate_func=squish_rate_func(smooth, 0.0, 0.6))
                for fn, box in zip(self.functions, self.boxes)
            ),
            run_time=1.4,
        )
        self.play(
            *(GrowArrow(edge) for edge in self.edges),
            *(Restore(box[0]) for box in self.boxes),
            VGroup(self.product, self.whole).animate.shift(RISE * UP),
            run_time=0.9,
        )
        self.play(*(FadeIn(rate, shift=0.2 * DOWN) for rate in self.edge_rates), run_time=0.7)

    def read_backwards(self) -> None:
        ex = self.example
        names = ex.names
        n = len(ex.stages)
        self.readouts = []
        pulse = Dot(self.nodes[-1].get_center(), radius=0.13, color=PALETTE.gradient)
        self.say("backward", derivative=ex.derivative)
        first = make_tex(derivative_tex(names[-1], names[-1]), " = ", num(1), font_size=LABEL_SIZE)
        first[2].set_color(PALETTE.gradient)
        first.move_to([self.nodes[-1].get_center()[0], READOUT_Y, 0])
        self.play(FadeIn(pulse, scale=2), FadeIn(first), run_time=0.6)
        self.readouts.append(first)
        for step, k in enumerate(reversed(range(n)), start=1):
            value = ex.backward_products[step]
            readout = make_tex(derivative_tex(names[-1], names[k]), " = ", num(value), font_size=LABEL_SIZE)
            readout[2].set_color(PALETTE.gradient)
            readout.move_to([self.nodes[k].get_center()[0], READOUT_Y, 0])
            self.play(
                pulse.animate.move_to(self.boxes[k]),
                Indicate(self.edge_rates[k], color=PALETTE.gradient),
                run_time=0.7,
            )
            self.play(pulse.animate.move_to(self.nodes[k]), FadeIn(readout, shift=0.2 * DOWN), run_time=0.7)
            self.readouts.append(readout)
        self.play(Indicate(self.readouts[-1], color=PALETTE.gradient), FadeOut(pulse), run_time=0.8)

    def network(self) -> None:
        n = len(self.example.stages)
        roles = [("layer", PALETTE.weight), ("activation", PALETTE.activation), ("loss", PALETTE.output)]
        roles = roles if n == 3 else [roles[0], roles[2]]
        words = []
        for (word, color), box in zip(roles, self.boxes):
            text = make_text(word, color=color, font_size=LABEL_SIZE)
            text.next_to(box, UP, buff=0.55)
            words.append(text)
        self.say("network")
        self.play(
            *(FadeIn(w, shift=0.2 * DOWN) for w in words),
            *(box[0].animate.set_stroke(color=c) for (_, c), box in zip(roles, self.boxes)),
            *(box[1].animate.set_color(c) for (_, c), box in zip(roles, self.boxes)),
            run_time=1.0,
        )
