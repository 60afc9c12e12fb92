"""A random variable: outcomes become numbers, a distribution, and frequencies approaching it."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    LaggedStart,
    Square,
    Transform,
    VGroup,
    Write,
)

from mathdl_anim.draw.plots import fit_top, make_bar_chart, make_value_axes
from mathdl_anim.draw.shapes import make_die_face
from mathdl_anim.draw.style import LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import fit_width, make_tex, make_text, num, swap_text
from mathdl_anim.scene.lesson_scene import LessonScene

#: Where the right-hand panel starts (x) and its width.
PANEL_LEFT = 2.3
PANEL_WIDTH = 4.6
#: Width of each bar and the offset of the two bars of one outcome (axis units).
BAR_WIDTH = 0.34
BAR_OFFSET = 0.19


class RandomVariables(LessonScene):
    """Die faces mapped to numbers; P(X = x) as bars; frequencies of n draws approaching them."""

    def construct(self) -> None:
        self.show_title("Random variables")
        self.show_outcomes()
        self.show_distribution()
        self.draw_samples()
        self.show_expectation()
        self.wait(2)

    def show_outcomes(self) -> None:
        outcomes = self.example.rv.outcomes
        faces = VGroup(*(make_die_face(int(x), size=0.95) for x in outcomes)).arrange(RIGHT, buff=0.6)
        faces.move_to(1.5 * UP)
        numbers = VGroup(
            *(
                make_tex(num(x), color=PALETTE.input).next_to(f, DOWN, buff=1.2)
                for x, f in zip(outcomes, faces)
            )
        )
        arrows = VGroup(
            *(
                Arrow(
                    f.get_bottom(),
                    n.get_top(),
                    buff=0.12,
                    color=PALETTE.muted,
                    stroke_width=3,
                    max_tip_length_to_length_ratio=0.2,
                )
                for f, n in zip(faces, numbers)
            )
        )
        name = make_tex("X", color=PALETTE.input).next_to(numbers, LEFT, buff=0.6)
        self.play(LaggedStart(*(FadeIn(f, shift=0.2 * DOWN) for f in faces), lag_ratio=0.15), run_time=1.2)
        self.say("phenomenon")
        self.wait(0.8)
        self.play(
            LaggedStart(*(Create(a) for a in arrows), lag_ratio=0.1),
            LaggedStart(*(Write(n) for n in numbers), lag_ratio=0.1),
            Write(name),
            run_time=1.5,
        )
        self.say("variable")
        self.wait(1.2)
        self.play(FadeOut(VGroup(faces, arrows, numbers, name)), run_time=0.7)

    def show_distribution(self) -> None:
        ex = self.example
        rv = ex.rv
        self.axes = make_value_axes(
            [0.4, len(rv.outcomes) + 0.6, 1], list(rv.outcomes), x_length=7.6, y_length=4.0
        ).move_to(2.75 * LEFT + 0.45 * DOWN)
        self.top = fit_top(rv.probabilities, ex.checkpoint_frequencies)
        self.prob_bars = make_bar_chart(
            self.axes,
            rv.outcomes,
            rv.probabilities,
            self.top,
            width=BAR_WIDTH,
            offset=-BAR_OFFSET,
            color=PALETTE.output,
        )
        self.prob_labels = self.bar_labels(rv.probabilities, PALETTE.output)
        self.legend = self.make_legend()
        self.play(Create(self.axes), run_time=0.8)
        self.play(
            LaggedStart(*(GrowFromEdge(b, DOWN) for b in self.prob_bars), lag_ratio=0.1),
            FadeIn(self.legend[0]),
            run_time=1.2,
        )
        self.play(FadeIn(self.prob_labels), run_time=0.6)
        self.say("distribution")
        self.wait(1.2)

    def bar_labels(self, heights, color) -> VGroup:
        """A number above each outcome's pair of bars, clear of the taller one."""
        ex = self.example
        labels = VGroup()
        for x, h, p, f in zip(ex.rv.outcomes, heights, ex.rv.probabilities, ex.frequencies):
            tallest = max(p, f) if color == PALETTE.input else p
            label = make_tex(num(h), color=color, font_size=LABEL_SIZE)
            label.next_to(self.axes.c2p(x, tallest / self.top), UP, buff=0.15)
            labels.add(label)
        return labels

    def make_legend(self) -> VGroup:
        rows = VGroup()
        for color, text in (
            (PALETTE.output, make_tex(r"P(X = x)", font_size=SMALL_SIZE)),
            (PALETTE.input, make_text(r"frequency in $n$ draws", font_size=SMALL_SIZE)),
        ):
            swatch = Square(0.28).set_fill(color, opacity=0.8).set_stroke(color, width=1)
            rows.add(VGroup(swatch, text).arrange(RIGHT, buff=0.25))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        fit_width(rows, PANEL_WIDTH)
        return rows.move_to([PANEL_LEFT, 2.35, 0], aligned_edge=LEFT)

    def make_counter(self, n: int):
        counter = make_tex(rf"n = {num(n)}")
        return counter.next_to(self.legend, DOWN, buff=0.6).align_to(self.legend, LEFT)

    def draw_samples(self) -> None:
        ex = self.example
        self.say("frequencies")
        self.play(FadeOut(self.prob_labels), FadeIn(self.legend[1]), run_time=0.6)
        self.freq_bars = None
        self.counter = None
        for n, freqs in zip(ex.checkpoints, ex.checkpoint_frequencies):
            bars = make_bar_chart(
                self.axes,
                ex.rv.outcomes,
                freqs,
                self.top,
                width=BAR_WIDTH,
                offset=BAR_OFFSET,
                color=PALETTE.input,
            )
            counter = self.make_counter(n)
            if self.freq_bars is None:
                self.play(
                    LaggedStart(*(GrowFromEdge(b, DOWN) for b in bars), lag_ratio=0.1),
                    FadeIn(counter),
                    run_time=1,
                )
                self.freq_bars = bars
            else:
                self.play(Transform(self.freq_bars, bars), *swap_text(self.counter, counter), run_time=1)
            self.counter = counter
            self.wait(0.8)
        self.freq_labels = self.bar_labels(ex.frequencies, PALETTE.input)
        self.play(FadeIn(self.freq_labels), run_time=0.6)
        self.say("large_numbers", n=ex.checkpoints[-1])
        self.wait(1)

    def show_expectation(self) -> None:
        ex = self.example
        lines = VGroup(
            make_tex(
                rf"E[X] = \sum_x x\, P(X = x) = {num(ex.rv.expectation)}",
                font_size=SMALL_SIZE,
                color=PALETTE.output,
            ),
            make_tex(rf"\bar{{x}} = {num(ex.sample_mean)}", font_size=SMALL_SIZE, color=PALETTE.input),
            make_tex(
                rf"\mathrm{{Var}}[X] = E[(X - E[X])^{{2}}] = {num(ex.rv.variance)}",
                font_size=SMALL_SIZE,
                color=PALETTE.output,
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        fit_width(lines, PANEL_WIDTH)
        lines.next_to(self.counter, DOWN, buff=0.5).align_to(self.legend, LEFT)
        self.say("expectation", expectation=ex.rv.expectation, sample_mean=ex.sample_mean)
        self.play(Write(lines[0]), run_time=1.2)
        self.play(FadeIn(lines[1], shift=0.2 * RIGHT), run_time=0.6)
        self.wait(0.8)
        self.say("variance", variance=ex.rv.variance)
        self.play(Write(lines[2]), run_time=1.2)
