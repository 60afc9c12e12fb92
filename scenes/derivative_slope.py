"""The derivative as a slope: secants turning into the tangent, then a step down a loss curve."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    UP,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    ReplacementTransform,
    Transform,
    VGroup,
    Write,
)

from mathdl_anim.draw.plots import make_axes, make_axis_labels, make_curve, make_point, make_segment
from mathdl_anim.draw.style import PALETTE
from mathdl_anim.draw.text import factor, fit_width, make_tex, num, swap_text
from mathdl_anim.scene.lesson_scene import LessonScene

#: Where the plot sits and how big it is.
PLOT_CENTER = 3.3 * LEFT + 0.25 * DOWN
PLOT_SIZE = (6.6, 5.0)
#: The panel of formulas on the right: left edge, top, width, height, spacing.
PANEL_LEFT = 0.9
PANEL_TOP = 2.75
PANEL_WIDTH = 5.9
PANEL_HEIGHT = 5.55
PANEL_BUFF = 0.3


class DerivativeSlope(LessonScene):
    """Secant slopes (f(x0 + h) - f(x0)) / h converge on f'(x0); the slope's sign on a loss curve."""

    def construct(self) -> None:
        self.show_title("The derivative is a slope")
        self.show_function()
        self.shrink_secants()
        self.show_tangent()
        self.clear_function()
        self.show_loss_curve()
        for step in self.example.loss_steps:
            self.step_on_loss(step)
        self.wait(1.5)

    # Layout helpers ----------------------------------------------------------------------
    def layout_panel(self, lines) -> None:
        """Fix the panel's slots from its tallest content: one scale for every line."""
        column = VGroup(*lines).arrange(DOWN, buff=PANEL_BUFF, aligned_edge=LEFT)
        self.panel_scale = min(1.0, PANEL_HEIGHT / column.height, PANEL_WIDTH / column.width)
        column.scale(self.panel_scale).move_to([PANEL_LEFT, PANEL_TOP, 0], aligned_edge=UP + LEFT)
        self.slots = [line.get_center()[1] for line in column]

    def place(self, mob, slot: int):
        """Scale ``mob`` like the panel and put it, left-aligned, in ``slot``."""
        mob.scale(self.panel_scale)
        fit_width(mob, PANEL_WIDTH)
        return mob.move_to([PANEL_LEFT, self.slots[slot], 0], aligned_edge=LEFT)

    def make_plot(self, x_range, y_range, x_tex, y_tex):
        axes = make_axes(x_range, y_range, *PLOT_SIZE).move_to(PLOT_CENTER)
        return axes, make_axis_labels(axes, x_tex, y_tex)

    # Steps -------------------------------------------------------------------------------
    def function_lines(self):
        """formula, point, quotient, h, slope, f'(x), f'(x0): the panel of the first half."""
        ex = self.example
        formula = make_tex("f(x) = ", ex.formula.tex)
        formula[1].set_color(PALETTE.input)
        point = make_tex(rf"x_0 = {num(ex.x0)}", r",\quad", rf"f(x_0) = {num(ex.f_x0)}")
        quotient = make_tex(r"\frac{f(x_0 + h) - f(x_0)}{h}", color=PALETTE.output)
        h, slope = self.secant_texts(0)
        general = make_tex(r"f'(x) = ", ex.derivative_tex)
        value = make_tex(r"f'(x_0) = ", num(ex.slope))
        value[1].set_color(PALETTE.gradient)
        return [formula, point, quotient, h, slope, general, value]

    def show_function(self) -> None:
        ex = self.example
        lines = self.function_lines()
        self.layout_panel([line.copy() for line in lines])
        self.lines = [self.place(line, k) for k, line in enumerate(lines)]
        self.axes, labels = self.make_plot(ex.x_range, ex.y_range, "x", "f(x)")
        self.curve = make_curve(self.axes, *ex.curve, PALETTE.input)
        self.p_dot = make_point(self.axes, ex.x0, ex.f_x0, PALETTE.highlight)
        self.play(Create(self.axes), FadeIn(labels), run_time=1)
        self.play(Create(self.curve), Write(self.lines[0]), run_time=1.5)
        self.play(FadeIn(self.p_dot, scale=2), Write(self.lines[1]), run_time=1)
        self.plot_group = VGroup(self.axes, labels, self.curve, self.p_dot)
        self.say("secant", x0=ex.x0)

    def secant_texts(self, k: int):
        ex = self.example
        h = make_tex(rf"h = {num(ex.hs[k])}")
        slope = make_tex(r"\text{slope} = ", num(ex.secant_slopes[k]))
        slope[1].set_color(PALETTE.output)
        if hasattr(self, "slots"):
            self.place(h, 3)
            self.place(slope, 4)
        return h, slope

    def shrink_secants(self) -> None:
        ex = self.example
        self.play(Write(self.lines[2]), run_time=1)
        q_dot = make_point(self.axes, *ex.secant_points[0], PALETTE.output)
        line = make_segment(self.axes, ex.secant_lines[0], PALETTE.output, 3)
        h_text, slope_text = self.lines[3], self.lines[4]
        self.play(FadeIn(q_dot, scale=2), Create(line), Write(h_text), Write(slope_text), run_time=1.2)
        self.wait(0.5)
        self.say("shrink")
        for k in range(1, len(ex.hs)):
            new_h, new_slope = self.secant_texts(k)
            self.play(
                q_dot.animate.move_to(self.axes.c2p(*ex.secant_points[k])),
                Transform(line, make_segment(self.axes, ex.secant_lines[k], PALETTE.output, 3)),
                *swap_text(h_text, new_h),
                *swap_text(slope_text, new_slope),
                run_time=0.9,
            )
            h_text, slope_text = new_h, new_slope
            self.wait(0.3)
        self.secant = VGroup(q_dot, line, h_text, slope_text)

    def show_tangent(self) -> None:
        ex = self.example
        tangent = make_segment(self.axes, ex.tangent, PALETTE.gradient, 4)
        general, value = self.lines[5], self.lines[6]
        self.say("limit", slope=ex.slope)
        self.play(ReplacementTransform(self.secant[1], tangent), FadeOut(self.secant[0]), run_time=1.2)
        self.play(Write(general), run_time=1)
        self.play(Write(value), run_time=0.8)
        self.wait(1.5)
        self.plot_group.add(tangent)
        self.texts = VGroup(*self.lines[:3], self.secant[2:], general, value)

    def clear_function(self) -> None:
        self.say(None)
        self.play(FadeOut(self.plot_group), FadeOut(self.texts), run_time=0.8)

    def show_loss_curve(self) -> None:
        ex = self.example
        self.axes, labels = self.make_plot(ex.loss_range, ex.loss_y_range, "w", "L(w)")
        curve = make_curve(self.axes, *ex.loss_curve, PALETTE.output)
        self.layout_panel([line.copy() for line in self.loss_lines(ex.loss_steps[0])])
        formula, rule = self.loss_lines(None)
        self.loss_formula, self.rule = self.place(formula, 0), self.place(rule, 1)
        self.say("loss_curve")
        self.play(Create(self.axes), FadeIn(labels), run_time=0.8)
        self.play(Create(curve), Write(self.loss_formula), run_time=1.2)
        self.play(Write(self.rule), run_time=0.8)
        self.loss_group = VGroup()

    def loss_lines(self, step):
        """L(w), the update rule, then for ``step``: w, L'(w) with its sign, the update."""
        ex = self.example
        formula = make_tex("L(w) = ", ex.loss.tex)
        formula[1].set_color(PALETTE.output)
        rule = make_tex(r"w \leftarrow w - \eta\, L'(w)")
        if step is None:
            return [formula, rule]
        sign = "<" if step.slope < 0 else ">"
        w_text = make_tex(rf"w = {num(step.w)}", color=PALETTE.weight)
        slope_text = make_tex(r"L'(w) = ", num(step.slope), rf"{sign} {num(0)}")
        slope_text[1].set_color(PALETTE.gradient)
        update = make_tex(
            rf"w \leftarrow {num(step.w)} - {num(step.lr)} \cdot {factor(step.slope)}",
            rf" = {num(step.w_new)}",
        )
        update[1].set_color(PALETTE.weight)
        return [formula, rule, w_text, slope_text, update]

    def step_on_loss(self, step) -> None:
        axes = self.axes
        if len(self.loss_group):  # the last step's caption names the other direction: clear it
            self.say(None)
        self.play(FadeOut(self.loss_group), run_time=0.4)
        dot = make_point(axes, step.w, step.loss, PALETTE.weight)
        tangent = make_segment(axes, step.tangent, PALETTE.gradient, 4)
        _, _, w_text, slope_text, update = self.loss_lines(step)
        for k, mob in ((2, w_text), (3, slope_text), (4, update)):
            self.place(mob, k)
        y0 = axes.c2p(0, self.example.loss_y_range[0])[1]
        start = axes.c2p(step.w, 0)
        start[1] = y0
        end = axes.c2p(step.w_new, 0)
        end[1] = y0
        arrow = Arrow(
            start, end, buff=0, color=PALETTE.weight, stroke_width=6, max_tip_length_to_length_ratio=0.35
        ).shift(0.25 * UP)
        self.play(FadeIn(dot, scale=2), Write(w_text), run_time=0.8)
        self.play(Create(tangent), Write(slope_text), run_time=1)
        self.say(
            "step_right" if step.direction > 0 else "step_left", w=step.w, slope=step.slope, w_new=step.w_new
        )
        self.play(Create(arrow), Write(update), run_time=1.2)
        self.play(dot.animate.move_to(axes.c2p(step.w_new, step.loss_new)), FadeOut(tangent), run_time=1)
        self.wait(1)
        self.loss_group = VGroup(dot, arrow, w_text, slope_text, update)
