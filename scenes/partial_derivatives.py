"""Partial derivatives: slices of a function of two weights, then the gradient on a contour map."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    GrowArrow,
    VGroup,
    Write,
)

from mathdl_anim.core.formatting import derivative_tex
from mathdl_anim.draw.plots import (
    make_axes,
    make_axis_labels,
    make_contours,
    make_curve,
    make_point,
    make_segment,
)
from mathdl_anim.draw.style import PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import fit_width, make_tex, num
from mathdl_anim.scene.lesson_scene import LessonScene

NAMES = ("w_1", "w_2")
SLICE_SIZE = (4.8, 2.9)
SLICE_CENTERS = (3.4 * LEFT + 0.15 * DOWN, 3.4 * RIGHT + 0.15 * DOWN)
MAP_SIZE = 4.6
MAP_CENTER = 3.4 * LEFT + 0.55 * DOWN
PANEL_LEFT = 0.9


def partial_symbol(k: int) -> str:
    return derivative_tex("L", NAMES[k], partial=True)


class PartialDerivatives(LessonScene):
    """Hold one weight fixed and see the slope along the other; then both partials as a gradient."""

    def construct(self) -> None:
        self.show_title("Partial derivatives")
        self.show_function()
        self.slices = VGroup(*(self.show_slice(k) for k in range(2)))
        self.wait(1)
        self.show_contour_map()
        self.show_gradient()
        self.wait(2)

    def show_function(self) -> None:
        ex = self.example
        formula = make_tex(r"L(w_1, w_2) = ", ex.formula.tex)
        formula[1].set_color(PALETTE.output)
        point = make_tex(r"\text{at } (w_1, w_2) = ", rf"({num(ex.point[0])}, {num(ex.point[1])})")
        point[1].set_color(PALETTE.weight)
        self.header = fit_width(VGroup(formula, point).arrange(RIGHT, buff=0.6)).move_to(2.45 * UP)
        self.play(Write(formula), run_time=1.2)
        self.play(Write(point), run_time=0.8)
        self.say("two_weights")

    def show_slice(self, k: int) -> VGroup:
        ex = self.example
        other = 1 - k
        ws, ls = ex.slices[k]
        axes = make_axes(ex.w_range, ex.slice_ranges[k], *SLICE_SIZE).move_to(SLICE_CENTERS[k])
        labels = make_axis_labels(axes, NAMES[k], "L")
        held = make_tex(
            rf"{NAMES[other]} = {num(ex.point[other])}", r"\text{ held fixed}", font_size=SMALL_SIZE
        )
        held[0].set_color(PALETTE.weight)
        held.next_to(VGroup(axes, labels), UP, buff=0.12)
        curve = make_curve(axes, ws, ls, PALETTE.output)
        dot = make_point(axes, ex.point[k], ex.value, PALETTE.highlight)
        tangent = make_segment(axes, ex.slice_tangents[k], PALETTE.gradient, 4)
        partial = make_tex(
            partial_symbol(k), " = ", ex.partial_tex[k], " = ", num(ex.gradient[k]), font_size=SMALL_SIZE
        )
        partial[4].set_color(PALETTE.gradient)
        fit_width(partial, 6.4).next_to(axes, DOWN, buff=0.3)
        if k == 0:
            self.say("hold_second", d1=ex.gradient[0])
        else:
            self.say("hold_first", d2=ex.gradient[1])
        self.play(Create(axes), FadeIn(labels), Write(held), run_time=1)
        self.play(Create(curve), FadeIn(dot, scale=2), run_time=1.2)
        self.play(Create(tangent), run_time=0.8)
        self.play(Write(partial), run_time=1.2)
        self.wait(0.8)
        return VGroup(axes, labels, held, curve, dot, tangent, partial)

    def show_contour_map(self) -> None:
        ex = self.example
        self.say(None)
        self.play(FadeOut(self.slices), run_time=0.8)
        axes = make_axes(ex.w_range, ex.w_range, MAP_SIZE, MAP_SIZE).move_to(MAP_CENTER)
        labels = make_axis_labels(axes, NAMES[0], NAMES[1])
        contours = make_contours(axes, ex.contours, PALETTE.output, highlight=ex.point_level)
        self.map_axes = axes
        self.dot = make_point(axes, *ex.point, PALETTE.weight)
        self.say("contours")
        self.play(Create(axes), FadeIn(labels), run_time=0.8)
        self.play(Create(contours), run_time=1.5)
        self.play(FadeIn(self.dot, scale=2), run_time=0.6)

    def show_gradient(self) -> None:
        ex = self.example
        lines = VGroup(*(make_tex(partial_symbol(k), " = ", num(ex.gradient[k])) for k in range(2)))
        for line in lines:
            line[2].set_color(PALETTE.gradient)
        grad = make_tex(r"\nabla L = ", rf"({num(ex.gradient[0])}, {num(ex.gradient[1])})")
        grad[1].set_color(PALETTE.gradient)
        panel = VGroup(*lines, grad).arrange(DOWN, buff=0.45, aligned_edge=LEFT)
        panel.move_to([PANEL_LEFT, 0.4, 0], aligned_edge=LEFT)
        self.say("gradient", d1=ex.gradient[0], d2=ex.gradient[1])
        self.play(Write(lines), run_time=1.2)
        self.play(Write(grad), run_time=1)
        if np.hypot(*ex.gradient) == 0:
            self.say("zero_gradient")
            return
        axes = self.map_axes
        up = Arrow(
            axes.c2p(*ex.point),
            axes.c2p(*ex.arrow_tip),
            buff=0,
            color=PALETTE.gradient,
            stroke_width=6,
            max_tip_length_to_length_ratio=0.25,
        )
        down = Arrow(
            axes.c2p(*ex.point),
            axes.c2p(*ex.descent_tip),
            buff=0,
            color=PALETTE.weight,
            stroke_width=6,
            max_tip_length_to_length_ratio=0.25,
        )
        self.play(GrowArrow(up), run_time=1)
        self.say("uphill")
        self.wait(1)
        descent = make_tex(r"-\nabla L", r"\text{: step for gradient descent}", font_size=SMALL_SIZE)
        descent[0].set_color(PALETTE.weight)
        fit_width(descent, 6.9 - PANEL_LEFT).next_to(panel, DOWN, buff=0.6, aligned_edge=LEFT)
        self.play(GrowArrow(down), Write(descent), run_time=1.2)
        self.say("downhill")
