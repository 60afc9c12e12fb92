"""The derivative is a slope and a rate.

A secant's step h shrinks continuously until the secant is the tangent; a zoom on the point
until the curve is its tangent line; a nudge of x moving f by the slope times the nudge; the
tangent sliding along the curve while its slope draws f'(x); then gradient descent on a loss
curve, one tangent before each step, the steps shrinking near the minimum.
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Axes,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    Line,
    ReplacementTransform,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    always_redraw,
    linear,
    smooth,
)

from mathdl_anim.core.calculus import clip_line, clip_samples
from mathdl_anim.draw.plots import make_broken_polyline
from mathdl_anim.draw.style import PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import (
    factor,
    fade_through,
    fit_width,
    make_counter,
    make_tex,
    num,
    second_half,
)
from mathdl_anim.scene.lesson_scene import LessonScene

#: The plot: its lower-left corner and size; in the trace beat, the two stacked plots.
BOX_CORNER = np.array([-5.3, -2.45, 0.0])
BOX_SIZE = (5.7, 4.6)
TOP_CORNER = np.array([-5.3, 0.4, 0.0])
BOTTOM_CORNER = np.array([-5.3, -2.45, 0.0])
HALF_SIZE = (5.7, 1.8)
#: The panel of formulas on the right: left edge, top, width, line spacing.
PANEL_LEFT, PANEL_TOP, PANEL_WIDTH, PANEL_STEP = 1.0, 2.45, 5.75, 0.78
#: Half-length (scene units) of the sliding tangent; of a loss tangent, in w units (core).
TANGENT_HALF = 1.3
#: Tick labels.
TICK_SIZE = 22


class View:
    """A window of the plane mapped onto a box of the screen (the zoom moves the window)."""

    def __init__(self, x_range, y_range, corner, size) -> None:
        self.x_range, self.y_range = x_range, y_range
        self.corner, self.size = np.asarray(corner, dtype=float), size

    def c2p(self, x: float, y: float) -> np.ndarray:
        (xa, xb), (ya, yb) = self.x_range, self.y_range
        return self.corner + np.array(
            [(x - xa) / (xb - xa) * self.size[0], (y - ya) / (yb - ya) * self.size[1], 0.0]
        )

    def curve(self, xs, ys, color: str, stroke_width: float) -> VGroup:
        """The samples ``(xs, ys)`` (``nan``: a gap) as a broken line in the box, cut where it
        leaves the window (the samples run a little past it: the curve ends on the box's edge)."""
        xs, ys = clip_samples(xs, ys, self.y_range)
        pts = np.array([self.c2p(x, y) if np.isfinite(y) else (np.nan,) * 3 for x, y in zip(xs, ys)])
        return make_broken_polyline(pts, color, stroke_width)

    def units_per_scene(self) -> tuple[float, float]:
        (xa, xb), (ya, yb) = self.x_range, self.y_range
        return (xb - xa) / self.size[0], (yb - ya) / self.size[1]


def window_axes(window, corner, size) -> Axes:
    """Axes over ``window`` (a core Window) filling the box, ticks and labels at its round values.

    An axis whose range holds 0 is drawn through 0 as usual; one that does not sits on the low
    edge of the box (left, bottom), not on the far edge where manim would put it: the axes count
    from the window's low corner there, and their labels show the true values. Plot on them with
    :class:`View` (same box), not with ``axes.c2p``.
    """
    (xa, xb), (ya, yb) = window.x_range, window.y_range
    ox = 0.0 if xa <= 0 <= xb else xa
    oy = 0.0 if ya <= 0 <= yb else ya
    axes = Axes(
        x_range=[xa - ox, xb - ox, xb - xa],
        y_range=[ya - oy, yb - oy, yb - ya],
        x_length=size[0],
        y_length=size[1],
        tips=False,
        axis_config={"color": PALETTE.muted, "include_ticks": False, "stroke_width": 2},
    )
    for axis, ticks, o in ((axes.x_axis, window.x_ticks, ox), (axes.y_axis, window.y_ticks, oy)):
        for v in ticks:
            axis.add(axis.get_tick(v - o, size=0.06))
        axis.add_labels({v - o: make_tex(num(v), color=PALETTE.muted, font_size=TICK_SIZE) for v in ticks})
    axes.shift(np.asarray(corner) - axes.c2p(xa - ox, ya - oy))
    return axes


def axis_names(axes: Axes, x_tex: str, y_tex: str, color: str | None = None) -> VGroup:
    """The x name right of the x-axis, the y name above the top of the y-axis."""
    x_name = make_tex(x_tex, color=PALETTE.muted, font_size=SMALL_SIZE)
    x_name.next_to(axes.x_axis.n2p(axes.x_range[1]), RIGHT, buff=0.15)  # the line's end, not its labels
    if any(t.get_right()[0] > x_name.get_left()[0] - 0.05 for t in axes.x_axis.labels):
        x_name.shift(0.4 * UP)  # a tick label at the very end: the name rises above it
    y_name = make_tex(y_tex, color=color or PALETTE.muted, font_size=SMALL_SIZE)
    top = axes.y_axis.n2p(axes.y_range[1])
    y_name.next_to(top, UP, buff=0.12)  # above the axis, on the side of its tick labels
    y_name.set_x(top[0] - 0.1 - y_name.width / 2)
    return VGroup(x_name, y_name)


def follow(counter, value) -> None:
    """Make ``counter`` show ``value()`` on every frame, rebuilding its glyphs only when the shown
    text changes (the number it holds is always exact: the tests read it)."""

    def update(m) -> None:
        v = float(value())
        places = m.num_decimal_places
        if f"{v:.{places}f}" != f"{m.number:.{places}f}":
            m.set_value(v)
        else:
            m.number = v

    counter.add_updater(update)


class DerivativeSlope(LessonScene):
    """Secant to tangent, a zoom until the curve is straight, a nudge, f' traced; then descent."""

    def construct(self) -> None:
        self.show_title("The derivative: a slope and a rate")
        self.show_curve()
        self.show_secant()
        self.shrink()
        self.limit()
        self.zoom_in()
        self.nudge()
        self.trace()
        self.show_loss()
        self.descend()
        self.wait(1.5)

    # Panel --------------------------------------------------------------------------------
    def slot(self, mob, k: int, x: float = PANEL_LEFT):
        """Put ``mob`` left-aligned in the panel's line ``k``."""
        fit_width(mob, PANEL_WIDTH)
        return mob.move_to([x, PANEL_TOP - k * PANEL_STEP, 0], aligned_edge=LEFT)

    def counter_line(self, tex: str, value: float, color: str, k: int):
        """``tex`` then a live counter, in line ``k``."""
        label = make_tex(tex, font_size=SMALL_SIZE)
        counter = make_counter(value, color=color, font_size=SMALL_SIZE)
        counter.next_to(label, RIGHT, buff=0.15)
        self.slot(VGroup(label, counter), k)
        return label, counter

    # 1. The curve -------------------------------------------------------------------------
    def show_curve(self) -> None:
        ex = self.example
        self.view = View(ex.window.x_range, ex.window.y_range, BOX_CORNER, BOX_SIZE)
        self.axes = window_axes(ex.window, BOX_CORNER, BOX_SIZE)
        self.names = axis_names(self.axes, "x", "f(x)")
        self.curve = self.view.curve(*ex.curve, PALETTE.input, 5)
        formula = make_tex("f(x) = ", ex.formula.tex, font_size=SMALL_SIZE)
        formula[1].set_color(PALETTE.input)
        self.formula = self.slot(formula, 0)
        point = make_tex(
            rf"x_0 = {num(ex.x0)}", r",\quad ", rf"f(x_0) = {num(ex.f_x0)}", font_size=SMALL_SIZE
        )
        self.point_line = self.slot(point, 1)
        self.p_dot = Dot(self.view.c2p(ex.x0, ex.f_x0), radius=0.09, color=PALETTE.highlight)
        self.play(Create(self.axes), FadeIn(self.names), run_time=1.2)
        self.play(Create(self.curve), Write(self.formula), run_time=1.5)
        self.say("curve", x0=ex.x0, f_x0=ex.f_x0)
        (ya, yb) = ex.window.y_range
        axis_y = 0.0 if ya < 0 < yb else ya  # from the x-axis up (or down) to the point
        guide_x = DashedLine(self.view.c2p(ex.x0, axis_y), self.p_dot.get_center(), color=PALETTE.muted)
        self.play(
            FadeIn(self.p_dot, shift=0.6 * DOWN, scale=2),
            Create(guide_x),
            Write(self.point_line),
            run_time=1.2,
        )
        self.guide = guide_x

    # 2. The secant --------------------------------------------------------------------------
    def secant_parts(self):
        """Secant, run, rise, second point and their names, redrawn from the tracker ``self.h``."""
        ex, view = self.example, self.view
        (xa, xb), (ya, yb) = ex.window.x_range, ex.window.y_range

        def h() -> float:
            return float(np.sign(ex.hs[0]) * math.exp(self.log_h.get_value()))

        def secant() -> Line:
            s, _ = ex.secant_at(h())
            ends = clip_line(ex.x0, ex.f_x0, s, (xa, xb), (ya, yb))
            return Line(view.c2p(*ends[0]), view.c2p(*ends[1]), color=PALETTE.highlight, stroke_width=3)

        def run() -> Line:
            return Line(
                view.c2p(ex.x0, ex.f_x0), view.c2p(ex.x0 + h(), ex.f_x0), color=PALETTE.input, stroke_width=4
            )

        def rise() -> Line:
            _, (qx, qy) = ex.secant_at(h())
            return Line(view.c2p(qx, ex.f_x0), view.c2p(qx, qy), color=PALETTE.output, stroke_width=4)

        def q_dot() -> Dot:
            _, (qx, qy) = ex.secant_at(h())
            return Dot(view.c2p(qx, qy), radius=0.08, color=PALETTE.output)

        self.h_of = h
        return [always_redraw(fn) for fn in (secant, run, rise, q_dot)]

    def show_secant(self) -> None:
        ex = self.example
        self.log_h = ValueTracker(math.log(abs(ex.hs[0])))
        self.secant, self.run, self.rise, self.q_dot = self.secant_parts()
        run_name = make_tex("h", color=PALETTE.input, font_size=SMALL_SIZE)
        rise_name = make_tex(r"\Delta f", color=PALETTE.output, font_size=SMALL_SIZE)
        inside = UP if ex.secant_slopes[0] * ex.hs[0] >= 0 else DOWN  # the triangle's side of the run
        side = RIGHT if ex.hs[0] > 0 else LEFT

        ticks = [*self.axes.x_axis.labels, *self.axes.y_axis.labels]

        def on_a_tick(mob) -> bool:
            return any(
                mob.get_left()[0] < t.get_right()[0] + 0.05
                and t.get_left()[0] < mob.get_right()[0] + 0.05
                and mob.get_bottom()[1] < t.get_top()[1] + 0.05
                and t.get_bottom()[1] < mob.get_top()[1] + 0.05
                for t in ticks
            )

        def fade_small(mob, line, direction):
            # beside the line, on the triangle's side unless a tick label is there
            for side_ in (direction, -direction):
                mob.next_to(line, side_, buff=0.12)
                if not on_a_tick(mob):
                    break
            mob.set_opacity(min(1.0, max(0.0, (line.get_length() - 0.35) / 0.5)))

        run_name.add_updater(lambda m: fade_small(m, self.run, inside))
        rise_name.add_updater(lambda m: fade_small(m, self.rise, side))
        self.triangle_names = VGroup(run_name, rise_name)
        quotient = make_tex(
            r"\text{slope} = \frac{\Delta f}{h} = \frac{f(x_0 + h) - f(x_0)}{h}", font_size=SMALL_SIZE
        )
        self.quotient = self.slot(quotient, 2)
        self.h_label, self.h_counter = self.counter_line("h = ", ex.hs[0], PALETTE.input, 3)
        self.s_label, self.s_counter = self.counter_line(
            r"\text{slope} = ", ex.secant_slopes[0], PALETTE.highlight, 4
        )
        follow(self.h_counter, self.h_of)
        follow(self.s_counter, lambda: ex.secant_at(self.h_of())[0])
        self.say("secant", h=ex.hs[0], secant=ex.secant_slopes[0])
        self.play(FadeIn(self.q_dot, scale=2), Create(self.run), FadeIn(run_name), run_time=1.0)
        self.play(Create(self.rise), FadeIn(rise_name), run_time=0.8)
        self.play(Create(self.secant), Write(self.quotient), run_time=1.2)
        self.play(
            FadeIn(VGroup(self.h_label, self.h_counter)),
            FadeIn(VGroup(self.s_label, self.s_counter)),
            run_time=0.8,
        )
        self.bring_to_front(self.p_dot, self.q_dot)

    # 3. h shrinks -----------------------------------------------------------------------------
    def shrink(self) -> None:
        ex = self.example
        self.say("shrink", h=ex.hs[-1], secant=ex.secant_slopes[-1])
        stops = [k for k in (2, 4, len(ex.hs) - 1) if 0 < k < len(ex.hs)]
        for k in sorted(set(stops)):
            self.play(self.log_h.animate.set_value(math.log(abs(ex.hs[k]))), run_time=1.8, rate_func=smooth)
            self.wait(0.6)

    # 4. The limit -----------------------------------------------------------------------------
    def limit(self) -> None:
        ex = self.example
        for mob in (
            self.secant,
            self.run,
            self.rise,
            self.q_dot,
            self.h_counter,
            self.s_counter,
            *self.triangle_names,
        ):
            mob.clear_updaters()
        self.tangent = Line(
            self.view.c2p(*ex.tangent[0]),
            self.view.c2p(*ex.tangent[1]),
            color=PALETTE.gradient,
            stroke_width=4,
        )
        general = make_tex(r"f'(x) = ", ex.derivative_tex, font_size=SMALL_SIZE)
        self.slot(general, 5)
        value = make_tex(r"f'(x_0) = ", num(ex.slope), font_size=SMALL_SIZE)
        value[1].set_color(PALETTE.gradient)
        self.slot(value, 6)
        self.general, self.value = general, value
        self.say("limit", slope=ex.slope)
        self.play(
            ReplacementTransform(self.secant, self.tangent),
            FadeOut(VGroup(self.run, self.rise, self.q_dot, self.triangle_names)),
            run_time=1.2,
        )
        self.play(Write(general), run_time=1.0)
        self.play(Write(value), Indicate(self.s_counter, color=PALETTE.gradient), run_time=1.0)
        self.bring_to_front(self.p_dot)

    # 5. The zoom ------------------------------------------------------------------------------
    def zoomed(self):
        """Curve and tangent drawn in the window of the zoom tracker ``self.depth``."""
        ex = self.example

        def view() -> View:
            x_range, y_range = ex.zoom_window(self.depth.get_value())
            return View(x_range, y_range, BOX_CORNER, BOX_SIZE)

        def curve() -> VGroup:
            v = view()
            xs, ys = ex.curve_in(v.x_range, v.y_range)
            pts = np.array([v.c2p(x, y) if np.isfinite(y) else (np.nan,) * 3 for x, y in zip(xs, ys)])
            return make_broken_polyline(pts, PALETTE.input, 6)

        def tangent() -> Line:
            v = view()
            ends = clip_line(ex.x0, ex.f_x0, ex.slope, v.x_range, v.y_range)
            return Line(v.c2p(*ends[0]), v.c2p(*ends[1]), color=PALETTE.gradient, stroke_width=3)

        self.zoom_view = view
        return always_redraw(curve), always_redraw(tangent)

    def zoom_in(self) -> None:
        ex = self.example
        self.depth = ValueTracker(0.0)
        curve, tangent = self.zoomed()
        label = make_tex(r"\text{zoom} \times", font_size=SMALL_SIZE)
        factor_counter = make_counter(1, color=PALETTE.highlight, font_size=SMALL_SIZE)
        factor_counter.num_decimal_places = 0
        factor_counter.set_value(1)
        factor_counter.next_to(label, RIGHT, buff=0.12)
        self.zoom_label = VGroup(label, factor_counter)
        self.slot(self.zoom_label, 2)
        secant_lines = VGroup(self.quotient, self.h_label, self.h_counter, self.s_label, self.s_counter)
        follow(factor_counter, self.zoom_factor)
        self.say("zoom")
        # the fixed curve and tangent hand over to the redrawn ones (same picture at depth 0)
        self.remove(self.curve, self.tangent)
        self.add(curve, tangent, self.p_dot)
        self.play(FadeOut(self.guide), *fade_through(secant_lines, self.zoom_label), run_time=0.8)
        axes = self.axes
        for k in range(1, len(ex.zoom)):
            new_axes = window_axes(ex.zoom[k], BOX_CORNER, BOX_SIZE)
            names = axis_names(new_axes, "x", "f(x)")
            self.play(
                self.depth.animate.set_value(float(k)),
                *fade_through(axes, new_axes),
                # the names stay at the ends of their axes
                *(old.animate.move_to(new) for old, new in zip(self.names, names)),
                run_time=2.2,  # no play-wide rate_func: it would override fade_through's halves
            )
            self.bring_to_front(self.p_dot)
            axes = new_axes
            self.wait(0.4)
        self.axes = axes
        self.zoom_curve, self.zoom_tangent = curve, tangent
        self.factor_counter = factor_counter

    def zoom_factor(self) -> float:
        d = self.depth.get_value()
        factors = self.values["zoom_factors"]
        k = min(int(d), len(factors) - 2)
        return factors[k] * (factors[k + 1] / factors[k]) ** (d - k)

    # 6. The nudge -----------------------------------------------------------------------------
    def nudge(self) -> None:
        ex = self.example
        v = self.zoom_view()
        nd = ex.nudge
        x1 = ex.x0 + nd.dx
        t = ValueTracker(0.0)

        def moving() -> Dot:
            x = ex.x0 + t.get_value() * nd.dx
            return Dot(v.c2p(x, float(ex.fn(x))), radius=0.09, color=PALETTE.output)

        dot = always_redraw(moving)
        run = Line(v.c2p(ex.x0, ex.f_x0), v.c2p(x1, ex.f_x0), color=PALETTE.input, stroke_width=5)
        # the change of f is an output (orange, as the secant's rise was); the slope is red
        rise = Line(
            v.c2p(x1, ex.f_x0), v.c2p(x1, ex.f_x0 + nd.df_linear), color=PALETTE.output, stroke_width=5
        )
        run_name = make_tex(r"\Delta x", color=PALETTE.input, font_size=SMALL_SIZE)
        run_name.next_to(run, DOWN if nd.df_linear >= 0 else UP, buff=0.12)
        rise_name = make_tex(r"\Delta f", color=PALETTE.output, font_size=SMALL_SIZE)
        rise_name.next_to(rise, RIGHT if nd.dx > 0 else LEFT, buff=0.12)
        # on the side of the rise away from the tangent line, which runs past its far end
        rise_name.shift(0.5 * rise_name.height * (DOWN if nd.df_linear * nd.dx >= 0 else UP))
        dx_line = make_tex(rf"\Delta x = {num(nd.dx)}", font_size=SMALL_SIZE)
        dx_line[0].set_color(PALETTE.input)
        df_line = make_tex(
            r"\Delta f \approx f'(x_0)\,\Delta x = ",
            num(ex.slope),
            rf" \cdot {factor(nd.dx)}",
            " = ",
            num(nd.df_linear),
            font_size=SMALL_SIZE,
        )
        df_line[1].set_color(PALETTE.gradient)
        df_line[4].set_color(PALETTE.output)
        self.slot(dx_line, 3)
        self.slot(df_line, 4)
        self.say("nudge", dx=nd.dx, slope=ex.slope, df=nd.df_linear)
        self.add(dot)
        self.play(t.animate.set_value(1.0), Create(run), FadeIn(run_name), FadeIn(dx_line), run_time=1.4)
        self.play(Create(rise), FadeIn(rise_name), Write(df_line), run_time=1.4)
        # a flash of colour, in place (scaled, the value reached the frame's edge)
        self.play(
            *(Indicate(m, color=PALETTE.output, scale_factor=1.0) for m in (rise, df_line[4])), run_time=1.0
        )
        self.nudge_parts = VGroup(dot, run, rise, run_name, rise_name)
        dot.clear_updaters()
        self.rate_lines = VGroup(dx_line, df_line)

    # 7. The traced derivative -----------------------------------------------------------------
    def trace(self) -> None:
        ex = self.example
        self.say("trace")
        # zoom back out
        axes0 = window_axes(ex.window, BOX_CORNER, BOX_SIZE)
        self.play(
            FadeOut(self.nudge_parts),
            self.depth.animate.set_value(0.0),
            *fade_through(self.axes, axes0),
            *(old.animate.move_to(new) for old, new in zip(self.names, axis_names(axes0, "x", "f(x)"))),
            run_time=2.0,
        )
        self.factor_counter.clear_updaters()
        self.zoom_curve.clear_updaters()
        self.zoom_tangent.clear_updaters()
        # the plot moves up to make room for f' below, on the same x range
        top = window_axes(ex.trace_window, TOP_CORNER, HALF_SIZE)
        top_names = axis_names(top, "x", "f(x)")
        top_curve = View(ex.window.x_range, ex.window.y_range, TOP_CORNER, HALF_SIZE).curve(
            *ex.curve, PALETTE.input, 5
        )
        bottom = window_axes(ex.derivative_window, BOTTOM_CORNER, HALF_SIZE)
        bottom_names = axis_names(bottom, "x", "f'(x)", PALETTE.gradient)
        self.top_view = View(ex.window.x_range, ex.window.y_range, TOP_CORNER, HALF_SIZE)
        self.bottom_view = View(
            ex.derivative_window.x_range, ex.derivative_window.y_range, BOTTOM_CORNER, HALF_SIZE
        )
        x_t = ValueTracker(ex.x0)
        x_label, x_counter = self.counter_line("x = ", ex.x0, PALETTE.input, 2)
        d_label, d_counter = self.counter_line("f'(x) = ", ex.slope, PALETTE.gradient, 3)
        follow(x_counter, x_t.get_value)
        follow(d_counter, lambda: ex.point_at(x_t.get_value())[1])
        self.play(
            *fade_through(axes0, top),
            ReplacementTransform(self.names, top_names),
            ReplacementTransform(self.zoom_curve, top_curve),
            FadeOut(self.zoom_tangent),
            self.p_dot.animate.move_to(self.top_view.c2p(ex.x0, ex.f_x0)),
            # f' comes where f's old axes were: after them
            FadeIn(bottom, shift=0.3 * UP, rate_func=second_half),
            FadeIn(bottom_names, shift=0.3 * UP, rate_func=second_half),
            *fade_through(
                VGroup(self.rate_lines, self.zoom_label), VGroup(x_label, x_counter, d_label, d_counter)
            ),
            run_time=1.6,
        )
        tv, bv = self.top_view, self.bottom_view

        def tangent() -> Line:
            x = x_t.get_value()
            y, m = ex.point_at(x)
            ux, uy = tv.units_per_scene()
            half = TANGENT_HALF / math.hypot(1 / ux, m / uy)  # in x units: a fixed length on screen
            (xa, xb) = tv.x_range
            ends = clip_line(x, y, m, (max(xa, x - half), min(xb, x + half)), tv.y_range)
            return Line(tv.c2p(*ends[0]), tv.c2p(*ends[1]), color=PALETTE.gradient, stroke_width=4)

        def top_dot() -> Dot:
            x = x_t.get_value()
            return Dot(tv.c2p(x, ex.point_at(x)[0]), radius=0.08, color=PALETTE.highlight)

        def bottom_dot() -> Dot:
            x = x_t.get_value()
            return Dot(bv.c2p(x, ex.point_at(x)[1]), radius=0.08, color=PALETTE.gradient)

        def link() -> Line:  # a plain line: a dashed one is dozens of mobjects to rebuild each frame
            x = x_t.get_value()
            return Line(
                tv.c2p(x, ex.point_at(x)[0]),
                bv.c2p(x, ex.point_at(x)[1]),
                color=PALETTE.muted,
                stroke_width=1.5,
                stroke_opacity=0.7,
            )

        txs, tds = ex.trace

        def traced() -> VMobject:
            x = x_t.get_value()
            k = int(np.searchsorted(txs, x, side="right"))
            pts = [bv.c2p(a, b) for a, b in zip(txs[:k], tds[:k])]
            if k and x > txs[k - 1]:
                pts.append(bv.c2p(x, ex.point_at(x)[1]))
            if len(pts) < 2:
                pts = [bv.c2p(txs[0], tds[0])] * 2
            return VMobject(color=PALETTE.gradient, stroke_width=4).set_points_as_corners(pts)

        parts = [always_redraw(fn) for fn in (link, tangent, top_dot, bottom_dot)]
        self.remove(self.p_dot)
        self.play(*(FadeIn(p) for p in parts), run_time=0.8)
        self.play(x_t.animate.set_value(ex.trace_range[0]), run_time=1.6)
        graph = always_redraw(traced)
        self.add(graph, *parts[2:])
        self.play(x_t.animate.set_value(ex.trace_range[1]), run_time=5.0, rate_func=linear)
        self.wait(0.5)
        for m in (*parts, graph, x_counter, d_counter):
            m.clear_updaters()
        self.f_curve = top_curve
        self.f_plots = VGroup(top, top_names, bottom, bottom_names, graph, *parts)
        self.f_panel = VGroup(
            self.formula, self.point_line, self.general, self.value, x_label, x_counter, d_label, d_counter
        )

    # 8. The loss curve ------------------------------------------------------------------------
    def show_loss(self) -> None:
        ex = self.example
        first = ex.loss_steps[0]
        win = ex.loss_window
        self.loss_axes = window_axes(win, BOX_CORNER, BOX_SIZE)
        self.lv = View(win.x_range, win.y_range, BOX_CORNER, BOX_SIZE)
        names = axis_names(self.loss_axes, "w", "L(w)", PALETTE.output)
        names[0].set_color(PALETTE.weight)
        curve = self.lv.curve(*ex.loss_curve, PALETTE.output, 5)
        formula = make_tex("L(w) = ", ex.loss.tex, font_size=SMALL_SIZE)
        formula[1].set_color(PALETTE.output)
        rule = make_tex(
            r"w \leftarrow w - \eta\, L'(w)", r",\quad ", rf"\eta = {num(first.lr)}", font_size=SMALL_SIZE
        )
        self.slot(formula, 0)
        self.slot(rule, 1)
        self.net = self.network(first.w, first.loss)
        self.ball = Dot(self.lv.c2p(first.w, first.loss), radius=0.11, color=PALETTE.weight)
        self.say("loss_curve", w=first.w, loss=first.loss)
        # the curve itself becomes the loss over a weight: no empty frame between the two
        self.play(
            ReplacementTransform(self.f_curve, curve),
            *fade_through(self.f_plots, VGroup(self.loss_axes, names)),
            *fade_through(self.f_panel, VGroup(formula, rule)),
            run_time=2.0,
        )
        self.play(FadeIn(self.net, shift=0.3 * UP), FadeIn(self.ball, scale=2), run_time=1.2)
        self.loss_curve = curve

    def network(self, w: float, loss: float) -> VGroup:
        """x -> (w) -> y-hat -> L: where the weight and the loss live in a network."""
        y = PANEL_TOP - 2.6
        x_node = VGroup(
            Circle(radius=0.32, color=PALETTE.input), make_tex("x", color=PALETTE.input, font_size=SMALL_SIZE)
        )
        out = VGroup(
            Circle(radius=0.32, color=PALETTE.output),
            make_tex(r"\hat{y}", color=PALETTE.output, font_size=SMALL_SIZE),
        )
        x_node.move_to([PANEL_LEFT + 0.45, y, 0])
        out.move_to([PANEL_LEFT + 2.8, y, 0])
        edge = Arrow(x_node.get_right(), out.get_left(), buff=0.05, color=PALETTE.weight, stroke_width=5)
        self.w_label = make_tex(rf"w = {num(w)}", color=PALETTE.weight, font_size=SMALL_SIZE)
        self.w_label.next_to(edge, UP, buff=0.12)
        loss_arrow = Arrow(
            out.get_right(), out.get_right() + 0.7 * RIGHT, buff=0.05, color=PALETTE.muted, stroke_width=3
        )
        self.l_label = make_tex(rf"L = {num(loss)}", color=PALETTE.output, font_size=SMALL_SIZE)
        self.l_label.next_to(loss_arrow, RIGHT, buff=0.12)
        return VGroup(x_node, edge, out, loss_arrow, self.w_label, self.l_label)

    # 9-10. The steps ------------------------------------------------------------------------
    def step(self, k: int, fast: bool) -> None:
        ex = self.example
        s = ex.loss_steps[k]
        lv = self.lv
        pace = 0.6 if fast else 1.0
        tangent = Line(lv.c2p(*s.tangent[0]), lv.c2p(*s.tangent[1]), color=PALETTE.gradient, stroke_width=4)
        # the slope where this step starts, named by its w: it stays true once the ball has moved
        slope_line = make_tex(rf"L'({num(s.w)}) = ", num(s.slope), font_size=SMALL_SIZE)
        slope_line[1].set_color(PALETTE.gradient)
        self.slot(slope_line, 5)
        update = make_tex(
            rf"w \leftarrow {num(s.w)} - {num(s.lr)} \cdot {factor(s.slope)}",
            rf" = {num(s.w_new)}",
            font_size=SMALL_SIZE,
        )
        update[1].set_color(PALETTE.weight)
        self.slot(update, 6)
        y0 = lv.c2p(0, ex.loss_window.y_range[0])[1] + 0.25
        start, end = lv.c2p(s.w, 0), lv.c2p(s.w_new, 0)
        start[1] = end[1] = y0
        arrow = Arrow(
            start, end, buff=0, color=PALETTE.weight, stroke_width=6, max_tip_length_to_length_ratio=0.4
        )
        old = getattr(self, "step_parts", None)
        if old is None:
            self.play(Create(tangent), Write(slope_line), run_time=1.2 * pace)
        else:
            self.play(
                Create(tangent),
                old[0].animate.set_opacity(0.45),  # the earlier steps stay, dimmed: they shrink
                *fade_through(old[1], slope_line),
                run_time=1.0 * pace,
            )
        if old is None:
            self.play(GrowArrow(arrow), Write(update), run_time=1.4 * pace)
        else:
            self.play(
                GrowArrow(arrow),
                *fade_through(old[2], update),
                run_time=1.0 * pace,
            )
        loss_fn = ex.loss.numeric()
        t = ValueTracker(0.0)

        def along(m) -> None:
            w = s.w + t.get_value() * (s.w_new - s.w)
            m.move_to(lv.c2p(w, float(loss_fn(w))))

        self.ball.add_updater(along)
        new_w = make_tex(rf"w = {num(s.w_new)}", color=PALETTE.weight, font_size=SMALL_SIZE).move_to(
            self.w_label
        )
        new_l = make_tex(rf"L = {num(s.loss_new)}", color=PALETTE.output, font_size=SMALL_SIZE)
        new_l.move_to(self.l_label, aligned_edge=LEFT)
        self.play(
            t.animate.set_value(1.0),
            FadeOut(tangent),
            *fade_through(self.w_label, new_w),
            *fade_through(self.l_label, new_l),
            run_time=1.0 * pace,
        )
        self.ball.clear_updaters()
        self.ball.move_to(lv.c2p(s.w_new, s.loss_new))
        self.w_label, self.l_label = new_w, new_l
        self.step_parts = (arrow, slope_line, update)
        if not fast:
            self.wait(0.6)

    def descend(self) -> None:
        ex = self.example
        first, last = ex.loss_steps[0], ex.loss_steps[-1]
        self.say("first_step", slope=first.slope, lr=first.lr, w_new=first.w_new)
        self.step(0, fast=False)
        self.say("descend", w=last.w_new, loss=last.loss_new)
        for k in range(1, len(ex.loss_steps)):
            self.step(k, fast=True)
        self.play(Indicate(self.ball, color=PALETTE.weight), run_time=1.0)
