"""A network answers with probabilities: a real test digit slides through chapter 1's weights into
ten scores; softmax exponentiates them, stacks them, and divides them by their sum until the stack
is one tall; a harder digit spreads the answer out; the picture condenses into the last layer.
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    PI,
    RIGHT,
    UP,
    AnimationGroup,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    Line,
    ManimColor,
    NumberLine,
    Rectangle,
    ShowIncreasingSubsets,
    Square,
    SurroundingRectangle,
    Transform,
    TransformFromCopy,
    VGroup,
    VMobject,
    rate_functions,
)

from mathdl_anim.core.classifier import DigitAnswer
from mathdl_anim.core.digits import CLASSES, DIGIT_PIXELS, DIGIT_SIDE, INK_LEVELS
from mathdl_anim.draw.arrays import ink_color, make_digit_image
from mathdl_anim.draw.plots import tick_step
from mathdl_anim.draw.style import BODY_SIZE, LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import fade_through, first_half, make_tex, make_text, num
from mathdl_anim.scene.lesson_scene import LessonScene

#: The digit (top left): a square's side and the image's centre.
SIDE = 0.27
DIGIT_AT = np.array([-5.3, 1.75, 0.0])
#: The wall of test images the digit steps out of: a picture's square, its rows, its centre.
WALL_SIDE, WALL_ROWS, WALL_AT = 0.1, 4, np.array([1.2, -0.1, 0.0])
#: Shades of the weight colour in the block of weights.
SHADES = 16
#: The weights (under the digit): one column per digit, one row per pixel; the biases under them.
W_LEFT, W_TOP, W_WIDTH, W_HEIGHT = -6.2, 0.3, 1.8, 2.45
BIAS_H, BIAS_GAP = 0.2, 0.06
#: The chart: its value axis, the first bar's centre, the step between bars, a bar's width, and
#: the screen heights of the bottom and the top of the value axis.
AXIS_X, FIRST_X, STEP_X, BAR_W = -3.5, -3.05, 0.56, 0.36
BOTTOM, HEIGHT = -2.45, 4.9
#: The stack: its axis and its centre.
STACK_AXIS_X, STACK_X, STACK_W = 3.75, 4.3, 0.55
#: Bar labels' size.
BAR_LABEL = 20
#: The gap between stacked segments.
SEGMENT_GAP = 0.025
#: A stacked segment this tall (screen units) gets its digit beside it.
SEGMENT_LABELLED = 0.26
#: Where the answer (the prediction and the accuracy) stands, top right.
ANSWER_X = 5.3
#: The test set as a grid, one cell per test image, above the chart's top (no bar reaches it):
#: its columns, the pitch of a cell, the grid's centre.
GRID_COLUMNS, GRID_PITCH = 33, 0.105
GRID_AT = np.array([1.85, 2.3, 0.0])
#: Where the last layer's formula stands: above the bars of the harder digit's spread answer.
LAYER_AT = np.array([-0.6, 1.9, 0.0])


def value_range(top: float) -> tuple[float, float, float, list[float]]:
    """``(lo, hi, step, labelled values)`` of a 0-based axis reaching ``top``."""
    if top <= 1.2:
        return 0.0, 1.25, 0.25, [0.0, 0.5, 1.0]
    step = tick_step(top * 1.05)
    hi = math.ceil(top * 1.05 / step) * step
    return 0.0, hi, step, [k * step for k in range(round(hi / step) + 1)]


def score_range(values) -> tuple[float, float, float, list[float]]:
    """``(lo, hi, step, labelled values)`` of an axis holding ``values`` and 0, with room for labels."""
    v = np.asarray(values, dtype=float)
    lo, hi = min(0.0, float(v.min())), max(0.0, float(v.max()))
    room = 0.08 * (hi - lo)
    span = hi - lo + 2 * room
    step = next(m * 10.0**e for e in range(-2, 5) for m in (1, 2, 5) if span / (m * 10.0**e) <= 8)
    lo = math.floor((lo - room) / step) * step
    hi = math.ceil((hi + room) / step) * step
    return lo, hi, step, [lo + k * step for k in range(round((hi - lo) / step) + 1)]


def merged_cells(cells) -> VGroup:
    """Cells ``(x, y, width, height, colour)`` drawn as one path per colour: the same picture as
    one rectangle per cell, with far fewer mobjects to draw on every frame."""
    by_color: dict[str, VMobject] = {}
    for x, y, w, h, color in cells:
        path = by_color.get(color)
        if path is None:
            path = by_color[color] = VMobject(stroke_width=0).set_fill(color, opacity=1)
        path.append_points(Rectangle(width=w, height=h).move_to([x, y, 0.0]).points)
    return VGroup(*by_color.values())


def wall_image(pixels, side: float) -> VGroup:
    """A small digit of the wall: an invisible frame (its size), then its ink, one path per grey
    level (no grid, no blank squares)."""
    frame = Square(DIGIT_SIDE * side, stroke_width=0).set_fill(opacity=0)
    frame.move_to([(DIGIT_SIDE - 1) * side / 2, -(DIGIT_SIDE - 1) * side / 2, 0.0])
    ink = merged_cells(
        (c * side, -r * side, side, side, ink_color(level, INK_LEVELS))
        for r, row in enumerate(pixels)
        for c, level in enumerate(row)
        if level > 0
    )
    return VGroup(frame, *ink)


def weight_picture(weights, left: float, top: float, width: float, height: float) -> VGroup:
    """A matrix of weights as a block of cells in the weight colour, the brighter the larger the
    weight (as :func:`~mathdl_anim.draw.arrays.make_weight_block` draws it), in 16 shades merged
    into one path each."""
    w = np.asarray(weights, dtype=float)
    rows, cols = w.shape
    span = float(np.abs(w).max()) or 1.0
    cw, ch = width / cols, height / rows
    shade = np.rint((w / span + 1) / 2 * (SHADES - 1)) / (SHADES - 1)
    return merged_cells(
        (
            left + (j + 0.5) * cw,
            top - (i + 0.5) * ch,
            cw,
            ch,
            ManimColor(PALETTE.background)
            .interpolate(ManimColor(PALETTE.weight), 0.15 + 0.85 * shade[i, j])
            .to_hex(),
        )
        for i in range(rows)
        for j in range(cols)
    )


class Chart:
    """Where values stand on screen for a value axis ``lo..hi`` of the chart's height."""

    def __init__(self, lo: float, hi: float, step: float, labels: list[float]) -> None:
        self.lo, self.hi, self.step, self.labels = lo, hi, step, labels

    def y(self, value: float) -> float:
        return BOTTOM + (value - self.lo) / (self.hi - self.lo) * HEIGHT

    def axis(self, x: float) -> NumberLine:
        """The value axis at ``x``, labelled on its left."""
        line = NumberLine(
            x_range=[self.lo, self.hi, self.step],
            length=HEIGHT,
            rotation=PI / 2,
            color=PALETTE.muted,
            stroke_width=2,
            include_tip=False,
            tick_size=0.05,
        )
        line.shift(np.array([x, BOTTOM, 0.0]) - line.n2p(self.lo))
        line.add_labels(
            {v: make_tex(num(v), color=PALETTE.muted, font_size=LABEL_SIZE) for v in self.labels},
            direction=LEFT,
            buff=0.15,
        )
        return line

    def bar(self, k: int, value: float) -> Rectangle:
        """Digit ``k``'s bar from 0 to ``value``."""
        base, end = self.y(max(self.lo, 0.0)), self.y(value)
        bar = Rectangle(width=BAR_W, height=max(abs(end - base), 1e-3))
        bar.move_to([FIRST_X + STEP_X * k, (base + end) / 2, 0.0])
        return bar.set_fill(PALETTE.output, opacity=0.85).set_stroke(PALETTE.output, width=1)

    def bars(self, values) -> VGroup:
        return VGroup(*(self.bar(k, v) for k, v in enumerate(values)))

    def stack(self, values) -> VGroup:
        """The values stacked into one column, digit 0 at the bottom."""
        segments, at = VGroup(), 0.0
        for v in values:
            lo, hi = self.y(at), self.y(at + v)
            # a thin gap between segments (the background shows through) tells them apart
            seg = Rectangle(width=STACK_W, height=max(hi - lo - SEGMENT_GAP, 1e-3), stroke_width=0)
            seg.move_to([STACK_X, (lo + hi) / 2, 0.0]).set_fill(PALETTE.output, opacity=0.85)
            segments.add(seg)
            at += v
        return segments


class ProbabilisticOutput(LessonScene):
    """A test digit's ten scores turned by softmax into probabilities; a harder digit's spread."""

    def construct(self) -> None:
        self.show_title("A network answers with probabilities")
        self.show_digit()
        self.score_digit()
        self.exponentiate()
        self.share_out()
        self.predict()
        self.harder_digit()
        self.last_layer()
        self.wait(1.5)

    # -- the digit and its scores ---------------------------------------------------------------
    def show_digit(self) -> None:
        ex = self.example
        a = ex.answer
        # a wall of test images; the digit steps out of it
        wall = VGroup(*(wall_image(d.pixels, WALL_SIDE) for d in ex.wall)).arrange_in_grid(
            rows=WALL_ROWS, buff=0.2
        )
        wall.move_to(WALL_AT)
        picked = wall[[d.index for d in ex.wall].index(a.digit.index)]
        self.digit = make_digit_image(a.digit.pixels, INK_LEVELS, side=SIDE)
        self.digit.scale(WALL_SIDE / SIDE).move_to(picked[0])
        self.say("digit", label=a.digit.label)
        self.play(LaggedStart(*(FadeIn(w, scale=0.8) for w in wall), lag_ratio=0.06), run_time=3.6)
        self.play(
            VGroup(*picked[1:]).animate.set_opacity(0.2),
            self.digit.animate.scale(SIDE / WALL_SIDE).move_to(DIGIT_AT),
            run_time=2.4,
        )
        self.wall = wall

    def build_network(self) -> None:
        """The network (chapter 1's weights, one column per digit, its biases under them) and the
        chart its scores will stand on: digits 0..9 along the bottom."""
        ex = self.example
        a = ex.answer
        self.weights = weight_picture(ex.weights, W_LEFT, W_TOP, W_WIDTH, W_HEIGHT)
        self.column_x = [W_LEFT + (j + 0.5) * W_WIDTH / CLASSES for j in range(CLASSES)]
        span = float(np.abs(ex.bias).max()) or 1.0
        self.biases = VGroup(
            *(
                Rectangle(width=W_WIDTH / CLASSES, height=BIAS_H, stroke_width=0)
                .set_fill(PALETTE.bias, opacity=0.25 + 0.75 * (b / span + 1) / 2)
                .move_to([x, W_TOP - W_HEIGHT - BIAS_GAP - BIAS_H / 2, 0.0])
                for b, x in zip(ex.bias, self.column_x)
            )
        )
        self.w_name = make_tex("W", color=PALETTE.weight, font_size=SMALL_SIZE)
        self.w_name.next_to(self.weights, LEFT, buff=0.12)
        self.b_name = make_tex("b", color=PALETTE.bias, font_size=SMALL_SIZE)
        self.b_name.next_to(self.biases, LEFT, buff=0.12)
        self.chart = Chart(*score_range(np.concatenate([a.scores, a.scores / ex.temperature])))
        self.y_axis = self.chart.axis(AXIS_X)
        self.y_name = self.axis_name("z")
        self.classes = NumberLine(
            x_range=[-0.8, CLASSES - 0.4, 1],
            length=STEP_X * (CLASSES + 0.4),
            color=PALETTE.muted,
            stroke_width=2,
            include_ticks=False,
            include_tip=False,
        )
        self.classes.shift(np.array([FIRST_X, BOTTOM, 0.0]) - self.classes.n2p(0))
        self.classes.add_labels(
            {k: make_tex(num(k), color=PALETTE.muted, font_size=LABEL_SIZE) for k in range(CLASSES)},
            buff=0.15,
        )
        self.x_name = make_text("digit", color=PALETTE.muted, font_size=LABEL_SIZE)
        self.x_name.next_to(self.classes.get_right(), RIGHT, buff=0.15)
        zero = self.chart.y(0.0)
        self.zero = Line([AXIS_X, zero, 0], [self.classes.get_right()[0], zero, 0], color=PALETTE.muted)
        self.zero.set_stroke(width=1.5)
        # the wall leaves as the network grows under the digit and the chart's axes appear
        self.play(
            FadeOut(self.wall, shift=0.6 * RIGHT),
            GrowFromEdge(self.weights, UP),
            FadeIn(self.biases, shift=0.2 * UP),
            FadeIn(self.w_name),
            FadeIn(self.b_name),
            run_time=1.6,
        )
        self.play(
            FadeIn(VGroup(self.y_axis, self.classes, self.zero)),
            FadeIn(VGroup(self.y_name, self.x_name)),
            run_time=1.0,
        )

    def axis_name(self, tex: str):
        name = make_tex(tex, color=PALETTE.output, font_size=SMALL_SIZE)
        return name.next_to(self.y_axis.get_top(), UP + RIGHT, buff=0.1)

    def flatten(self, image: VGroup, run_time: float) -> VGroup:
        """A copy of ``image`` whose rows lie end to end down the first column of weights."""
        strip = image.copy()
        cell_h = W_HEIGHT / DIGIT_PIXELS
        self.play(
            *(
                square.animate.stretch_to_fit_width(W_WIDTH / CLASSES * 0.9)
                .stretch_to_fit_height(cell_h)
                .set_stroke(width=0)
                .set_opacity(0.8)
                .move_to([self.column_x[0], W_TOP - (r * DIGIT_SIDE + c + 0.5) * cell_h, 0.0])
                for r, row in enumerate(strip)
                for c, square in enumerate(row)
            ),
            run_time=run_time,
        )
        return strip

    def score_digit(self) -> None:
        ex = self.example
        a = ex.answer
        self.say("forward", pixels=DIGIT_PIXELS, classes=CLASSES)
        self.build_network()
        strip = self.flatten(self.digit, run_time=2.2)
        self.bars = self.chart.bars(a.scores)
        self.score_labels = VGroup(
            *(
                make_tex(num(s), color=PALETTE.output, font_size=BAR_LABEL).next_to(
                    bar, UP if z >= 0 else DOWN, buff=0.08
                )
                for s, z, bar in zip(a.scores_shown, a.scores, self.bars)
            )
        )

        def grow(k: int):
            edge = DOWN if a.scores[k] >= 0 else UP
            return AnimationGroup(GrowFromEdge(self.bars[k], edge), FadeIn(self.score_labels[k]))

        # the strip lies on the first column: the first score comes out
        self.play(grow(0), run_time=1.2)
        # then it slides across the other columns, one score per column
        self.play(
            strip.animate(rate_func=rate_functions.linear).set_x(self.column_x[-1]),
            LaggedStart(*(grow(k) for k in range(1, CLASSES)), lag_ratio=0.9),
            run_time=3.2,
        )
        self.play(FadeOut(strip), run_time=0.5)
        top = int(np.argmax(a.scores))
        self.say("scores", top=float(a.scores_shown[top]), predicted=top)
        # "any real numbers, negative or positive": the bars below zero flash, then those above;
        # then the largest lights up and stays lit while the narration asks how sure it is
        negative = [k for k, z in enumerate(a.scores) if z < 0]
        positive = [k for k, z in enumerate(a.scores) if z >= 0]
        for group in (negative, positive):
            if group:
                self.play(
                    *(Indicate(self.bars[k], color=PALETTE.highlight, scale_factor=1.0) for k in group),
                    *(
                        Indicate(self.score_labels[k], color=PALETTE.highlight, scale_factor=1.0)
                        for k in group
                    ),
                    run_time=1.1,
                )
        self.play(
            self.bars[top].animate.set_fill(opacity=1).set_stroke(PALETTE.highlight, width=3),
            Indicate(self.score_labels[top], color=PALETTE.highlight),
            run_time=1.2,
        )
        if ex.temperature != 1:
            self.say("temperature", temperature=ex.temperature)
            scaled = self.chart.bars(a.scores / ex.temperature)
            new_name = self.axis_name("z / T")
            self.play(
                *(Transform(bar, new) for bar, new in zip(self.bars, scaled)),
                FadeOut(self.score_labels),
                *fade_through(self.y_name, new_name),
                run_time=2.0,
            )
            self.y_name = new_name

    # -- softmax ---------------------------------------------------------------------------------
    def exponentiate(self) -> None:
        ex = self.example
        a = ex.answer
        t = ex.temperature
        formula = r"$e^{z - z_{\max}}$" if t == 1 else r"$e^{(z - z_{\max})/T}$"
        self.say("exponentiate", formula=formula)
        self.chart = Chart(*value_range(a.exp_sum))
        new_axis = self.chart.axis(AXIS_X)
        new_name = self.axis_name(formula.strip("$"))
        grown = self.chart.bars(a.exponentials)
        fading = [FadeOut(self.score_labels)] if t == 1 else []
        self.play(*fading, FadeOut(self.zero), run_time=0.6)
        self.play(
            *(Transform(bar, new) for bar, new in zip(self.bars, grown)),
            *fade_through(self.y_axis, new_axis),
            *fade_through(self.y_name, new_name),
            run_time=3.4,
        )
        self.y_axis, self.y_name = new_axis, new_name

    def share_out(self) -> None:
        ex = self.example
        a = ex.answer
        # the bars stack into one column on an axis of the same scale: their sum
        self.say("sum", total=a.exp_sum)
        self.stack_axis = self.chart.axis(STACK_AXIS_X)
        stack = self.chart.stack(a.exponentials)
        self.play(FadeIn(self.stack_axis), run_time=0.6)
        self.stack = VGroup(*(bar.copy() for bar in self.bars))
        self.play(
            LaggedStart(
                *(Transform(c, s, path_arc=-PI / 3) for c, s in zip(self.stack, stack)), lag_ratio=0.15
            ),
            run_time=2.6,
        )
        self.sum_label = self.stack_note(r"\textstyle\sum = ", num(a.exp_sum))
        self.play(FadeIn(self.sum_label, shift=0.2 * LEFT), run_time=0.6)
        # divided by the sum: every bar shrinks by the same factor, the stack to exactly 1
        self.say("divide", classes=CLASSES)
        shrunk, stack_shrunk = self.chart.bars(a.probabilities), self.chart.stack(a.probabilities)
        one = self.stack_note(r"\textstyle\sum = ", num(1), top=1.0)
        new_name = self.axis_name("p")
        self.play(
            *(Transform(bar, new) for bar, new in zip(self.bars, shrunk)),
            *(Transform(seg, new) for seg, new in zip(self.stack, stack_shrunk)),
            # the old sum leaves as the stack starts to shrink; the new one waits for its top
            self.sum_label.animate(rate_func=first_half).set_opacity(0),
            FadeIn(one, rate_func=lambda t: rate_functions.smooth(max(0.0, 3 * t - 2))),
            *fade_through(self.y_name, new_name),
            run_time=2.4,
        )
        self.remove(self.sum_label)
        self.sum_label, self.y_name = one, new_name
        if self.chart.hi > value_range(1.0)[1]:  # a sum far above 1: both axes zoom in on 0 to 1
            self.chart = Chart(*value_range(1.0))
            axis, stack_axis = self.chart.axis(AXIS_X), self.chart.axis(STACK_AXIS_X)
            one = self.stack_note(r"\textstyle\sum = ", num(1), top=1.0)
            self.play(
                *(Transform(bar, new) for bar, new in zip(self.bars, self.chart.bars(a.probabilities))),
                *(Transform(seg, new) for seg, new in zip(self.stack, self.chart.stack(a.probabilities))),
                *fade_through(self.y_axis, axis),
                *fade_through(self.stack_axis, stack_axis),
                self.sum_label.animate.move_to(one),
                run_time=1.8,
            )
            self.y_axis, self.stack_axis = axis, stack_axis
        self.prob_labels = self.bar_labels(a.probabilities)
        self.segment_labels = self.stack_labels(a.probabilities)
        self.play(FadeIn(self.prob_labels, shift=0.1 * UP), FadeIn(self.segment_labels), run_time=1.0)

    def stack_note(self, *tex: str, top: float | None = None):
        """A note at the right of the stack's top (``top``: the stack's height, default its own)."""
        height = self.stack.get_top()[1] if top is None else self.chart.y(top)
        note = make_tex(*tex, font_size=LABEL_SIZE + 2)
        return note.move_to([STACK_X + STACK_W / 2 + 0.2, height, 0.0], aligned_edge=LEFT)

    def bar_labels(self, probabilities) -> VGroup:
        """Each probability above its bar (the ones that round to at least 0.01)."""
        return VGroup(
            *(
                make_tex(num(p), color=PALETTE.output, font_size=BAR_LABEL).next_to(bar, UP, buff=0.14)
                for p, bar in zip(probabilities, self.chart.bars(probabilities))
                if p >= 0.005
            )
        )

    def stack_labels(self, probabilities) -> VGroup:
        """Each tall enough segment's digit, at the left of the stack."""
        segments = self.chart.stack(probabilities)
        return VGroup(
            *(
                make_tex(num(k), color=PALETTE.text, font_size=LABEL_SIZE).move_to(seg)
                for k, seg in enumerate(segments)
                if seg.height >= SEGMENT_LABELLED
            )
        )

    # -- the answer ------------------------------------------------------------------------------
    def predict(self) -> None:
        ex = self.example
        a = ex.answer
        first, second = a.top_two
        self.say(
            "predict",
            predicted=first,
            confidence=float(a.probabilities[first]),
            second=second,
            second_p=float(a.probabilities[second]),
            test=ex.test_images,
            correct=ex.test_correct,
        )
        self.ring = self.ring_for(first)
        self.guess = self.guess_for(first)
        self.accuracy = VGroup(
            make_text("test accuracy", color=PALETTE.muted, font_size=LABEL_SIZE),
            make_tex(
                num(ex.test_correct),
                "/",
                num(ex.test_images),
                "=",
                num(ex.test_accuracy),
                font_size=LABEL_SIZE,
            ),
        ).arrange(DOWN, buff=0.15)
        self.accuracy.move_to([ANSWER_X, 1.95, 0.0])
        self.play(FadeOut(self.sum_label), run_time=0.4)
        self.play(
            FadeIn(self.ring, scale=1.2),
            self.classes.labels[first].animate.set_color(PALETTE.highlight),
            FadeIn(self.guess, shift=0.2 * DOWN),
            run_time=1.4,
        )
        # the test set, image by image: a cell fills for each one read right, an empty cell for
        # each one read wrong; then the count names it
        cells = self.test_grid(ex.test_right)
        name = make_text(f"{num(ex.test_images)} test images", color=PALETTE.muted, font_size=LABEL_SIZE)
        name.next_to(cells, LEFT, buff=0.25)
        self.play(FadeIn(name), run_time=0.5)
        self.play(ShowIncreasingSubsets(cells, rate_func=rate_functions.linear), run_time=3.0)
        self.grid = VGroup(cells, name)
        self.play(FadeIn(self.accuracy, shift=0.2 * DOWN), run_time=1.0)

    def test_grid(self, right) -> VGroup:
        """One cell per test image, in order, row by row: filled if the network reads it right,
        outlined if not."""
        side = 0.78 * GRID_PITCH
        cells = VGroup()
        for k, ok in enumerate(right):
            cell = Square(side)
            if ok:
                cell.set_fill(PALETTE.muted, opacity=0.85).set_stroke(width=0)
            else:
                cell.set_fill(opacity=0).set_stroke(PALETTE.highlight, width=1.5)
            row, col = divmod(k, GRID_COLUMNS)
            cells.add(cell.move_to([col * GRID_PITCH, -row * GRID_PITCH, 0.0]))
        return cells.move_to(GRID_AT)

    def ring_for(self, k: int):
        return SurroundingRectangle(self.bars[k], color=PALETTE.highlight, buff=0.05, stroke_width=3)

    def guess_for(self, k: int) -> VGroup:
        guess = VGroup(
            make_tex(r"\hat{y} =", color=PALETTE.highlight, font_size=BODY_SIZE),
            make_tex(num(k), color=PALETTE.highlight, font_size=BODY_SIZE),
        ).arrange(RIGHT, buff=0.2)
        return guess.move_to([ANSWER_X, 2.7, 0.0])

    # -- a harder digit ----------------------------------------------------------------------------
    def harder_digit(self) -> None:
        ex = self.example
        b: DigitAnswer = ex.ambiguous
        self.say("ambiguous", label=b.digit.label)
        new = make_digit_image(b.digit.pixels, INK_LEVELS, side=SIDE).move_to(DIGIT_AT)
        self.play(
            FadeOut(self.digit, shift=1.2 * LEFT),
            FadeIn(new, shift=1.2 * LEFT),
            FadeOut(self.accuracy),
            FadeOut(self.grid),
            run_time=1.4,
        )
        self.digit = new
        strip = self.flatten(new, run_time=1.4)
        first_old = int(np.argmax(ex.answer.probabilities))
        first, second = b.top_two
        new_labels = self.bar_labels(b.probabilities)
        new_segment_labels = self.stack_labels(b.probabilities)
        self.play(
            strip.animate(rate_func=rate_functions.linear).set_x(self.column_x[-1]),
            *(Transform(bar, new) for bar, new in zip(self.bars, self.chart.bars(b.probabilities))),
            *(Transform(seg, new) for seg, new in zip(self.stack, self.chart.stack(b.probabilities))),
            *fade_through(self.prob_labels, new_labels),
            *fade_through(self.segment_labels, new_segment_labels),
            FadeOut(self.ring),
            FadeOut(self.guess),
            self.classes.labels[first_old].animate.set_color(PALETTE.muted),
            run_time=2.6,
        )
        self.play(FadeOut(strip), run_time=0.4)
        self.prob_labels, self.segment_labels = new_labels, new_segment_labels
        self.say(
            "spread",
            first=first,
            first_p=float(b.probabilities[first]),
            second=second,
            second_p=float(b.probabilities[second]),
        )
        self.ring = self.ring_for(first)
        runner_up = SurroundingRectangle(self.bars[second], color=PALETTE.muted, buff=0.05, stroke_width=3)
        self.guess = self.guess_for(first)
        self.play(
            FadeIn(self.ring, scale=1.2),
            FadeIn(runner_up, scale=1.2),
            self.classes.labels[first].animate.set_color(PALETTE.highlight),
            FadeIn(self.guess, shift=0.2 * DOWN),
            run_time=1.4,
        )
        self.runner_up = runner_up

    # -- back to the network -------------------------------------------------------------------------
    def last_layer(self) -> None:
        self.say("layer")
        formula = make_tex("p", "=", r"\mathrm{softmax}(", "x", "W", "+", "b", ")", font_size=BODY_SIZE)
        for k, color in ((0, PALETTE.output), (3, PALETTE.input), (4, PALETTE.weight), (6, PALETTE.bias)):
            formula[k].set_color(color)
        formula.move_to(LAYER_AT)
        name = make_text("the network's last layer", color=PALETTE.muted, font_size=LABEL_SIZE)
        name.next_to(formula, DOWN, buff=0.25)
        self.play(FadeOut(self.guess), FadeOut(self.runner_up), run_time=0.6)
        # each part of the picture condenses into its symbol
        self.play(
            LaggedStart(
                TransformFromCopy(self.digit, formula[3]),
                TransformFromCopy(self.weights, formula[4]),
                TransformFromCopy(self.biases, formula[6]),
                FadeIn(formula[5]),
                FadeIn(formula[2], formula[7]),
                TransformFromCopy(self.stack, formula[0]),
                FadeIn(formula[1]),
                lag_ratio=0.35,
            ),
            run_time=3.4,
        )
        self.play(FadeIn(name, shift=0.2 * UP), run_time=0.8)
