"""Partial derivatives: many weights, one slope per direction.

The loss over two weights rises into a 3-D surface. A plane holding w2 fixed cuts it along a
curve, which lifts out into a 2-D plot with its tangent: dL/dw1. The plane swings round to hold
w1 fixed: dL/dw2, on the same vertical scale. The camera tilts to look straight down and the
surface flattens into a contour map, where the two slopes become arrows along the axes and add
tip to tail into the gradient, across the contour through the point; minus the gradient points
downhill. Last, a real network's gradient: a tall column of partials scrolls by.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    LEFT,
    PI,
    RIGHT,
    UP,
    Arrow,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Line,
    Polygon,
    ReplacementTransform,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    smooth,
)
from manim.mobject.three_d.three_dimensions import ThreeDVMobject
from manim.utils.color import ManimColor, interpolate_color

from mathdl_anim.draw.plots import (
    make_axes,
    make_axis_labels,
    make_broken_polyline,
    make_curve,
    make_point,
    make_segment,
)
from mathdl_anim.draw.style import LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import first_half, fit_width, make_tex, num, second_half
from mathdl_anim.scene.three_d import LessonThreeDScene, SpaceView

NAMES = ("w_1", "w_2")
#: Screen units per unit of weight, and the height of the highest corner of the surface.
UNIT = 0.76
HEIGHT = 2.9
#: Where the middle of the weights' square is drawn: seen at an angle, then from above (the
#: contour map's middle).
CENTER = np.array([-3.25, -0.95, 0.0])
#: While the surface is alone, it stands nearer the middle (the slices' panels later take the
#: right half); it moves to CENTER as the first plane comes.
OPEN_CENTER = np.array([-1.3, -0.95, 0.0])
SIDE_CENTER = np.array([-3.0, -0.85, 0.0])
RISEN_CENTER = np.array([-3.0, -0.45, 0.0])
MAP_CENTER = np.array([-3.3, -0.05, 0.0])
#: The view of the surface: it turns from THETA to PAN while the bowl is shown, to SIDE while the
#: plane swings round (the plane w1 = const seen at an angle), then looks straight down.
PHI, THETA, PAN, SIDE = 66 * DEGREES, -100 * DEGREES, -70 * DEGREES, -45 * DEGREES
TOP_PHI, TOP_THETA = 0.0, -90 * DEGREES
#: The slice plots (one vertical scale for both), their centres, the formula above them.
SLICE_SIZE = (4.4, 1.5)
SLICE_X = 3.75
SLICE_YS = (0.92, -2.0)
HEADER_Y = 2.85
#: An arrow shorter than this (screen units) is not drawn: its name stands at the point.
MIN_ARROW = 0.08
#: The column of partials: its window (bottom, top) and the x of its left bracket.
COLUMN_WINDOW = (-2.55, 2.45)
COLUMN_X = 1.2


def partial_symbol(k: int) -> str:
    """``dL/dw_k`` with partial signs, on one line (a fraction is too tall beside a plot)."""
    return rf"\partial L / \partial {NAMES[k]}"


class PartialDerivatives(LessonThreeDScene):
    """Slice the loss surface along each weight; the slopes add into the gradient."""

    def construct(self) -> None:
        ex = self.example
        self.lo, self.hi = ex.base.w_range
        self.scale = HEIGHT / float(np.max(ex.mesh_L))
        self.view = SpaceView(OPEN_CENTER, PHI, THETA, squash=0.02)
        self.show_title("Partial derivatives")
        self.show_surface()
        self.show_slice(0)
        self.show_slice(1)
        self.show_contour_map()
        if ex.is_minimum:
            self.say("zero_gradient")
            self.wait(0.5)
        else:
            self.show_gradient()
        self.show_column()
        self.wait(1.5)

    # Geometry of the 3-D picture ------------------------------------------------------------
    def space(self, w1, w2, loss) -> np.ndarray:
        """The point in space above weights ``(w1, w2)`` at height ``loss`` (an array of them)."""
        w1, w2, loss = np.broadcast_arrays(
            np.asarray(w1, float), np.asarray(w2, float), np.asarray(loss, float)
        )
        return np.stack([w1 * UNIT, w2 * UNIT, loss * self.scale], axis=-1)

    def on_map(self, w1: float, w2: float) -> np.ndarray:
        """Where weights ``(w1, w2)`` are on the contour map (the surface seen from above, flat)."""
        return MAP_CENTER + np.array([w1 * UNIT, w2 * UNIT, 0.0])

    def space_curve(self, points: np.ndarray, color: str, width: float = 4) -> VGroup:
        """A polyline in space, broken at ``nan``, placed in the view."""
        return self.view.place(make_broken_polyline(points, color, width))

    def make_surface(self) -> VGroup:
        ex = self.example
        ws, heights = ex.mesh_w, ex.mesh_L
        top = float(np.max(heights))
        low, high = ManimColor(PALETTE.background), ManimColor(PALETTE.output)
        faces = VGroup()
        n = len(ws) - 1
        for i in range(n):
            for j in range(n):
                corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
                pts = [self.space(ws[a], ws[b], heights[a, b]) for a, b in corners]
                face = ThreeDVMobject()
                face.set_points_as_corners([*pts, pts[0]])
                mean = float(np.mean([heights[a, b] for a, b in corners]))
                face.set_fill(interpolate_color(low, high, 0.3 + 0.55 * mean / top), opacity=0.92)
                face.set_stroke(PALETTE.muted, width=0.6, opacity=0.35)
                faces.add(face)
        return self.view.place(faces)

    def upright(self, tex: str, at: np.ndarray, size: float = LABEL_SIZE):
        label = make_tex(tex, color=PALETTE.muted, font_size=size)
        return self.view.place_upright(label, at)

    def make_space_axes(self) -> VGroup:
        """The weight axes along the two front edges of the square, the loss axis up a corner;
        tick numbers on each (labels that keep facing the viewer)."""
        lo, hi = self.lo, self.hi
        ticks = self.example.w_ticks
        muted = PALETTE.muted
        top = self.example.slice_top
        lines = VGroup(
            Line(self.space(lo, lo, 0), self.space(hi, lo, 0), color=muted, stroke_width=2),
            Line(self.space(hi, lo, 0), self.space(hi, hi, 0), color=muted, stroke_width=2),
            Line(self.space(lo, lo, 0), self.space(lo, lo, top), color=muted, stroke_width=2),
        )
        self.view.place(lines)
        out = 0.42 / UNIT
        w_ticks = VGroup()
        for t in ticks:
            w_ticks.add(self.upright(num(t), self.space(t, lo - out, 0)))
            w_ticks.add(self.upright(num(t), self.space(hi + out, t, 0)))
        l_ticks = VGroup(*(self.upright(num(v), self.space(lo - out, lo, v)) for v in self.example.l_ticks))
        middle = 0.5 * (lo + hi)  # between two numbered ticks
        names = VGroup(
            self.upright(NAMES[0], self.space(middle, lo - out, 0), SMALL_SIZE),
            self.upright(NAMES[1], self.space(hi + 1.2 * out, middle, 0), SMALL_SIZE),
            self.upright("L", self.space(lo, lo, top * 1.12), SMALL_SIZE),
        )
        self.l_axis = VGroup(lines[2], l_ticks, names[2])
        return VGroup(lines, w_ticks, l_ticks, names)

    # Beats ------------------------------------------------------------------------------------
    def show_surface(self) -> None:
        base = self.example.base
        formula = make_tex(r"L(w_1, w_2) = ", base.formula.tex, font_size=SMALL_SIZE)
        formula[1].set_color(PALETTE.output)
        point = make_tex(
            rf"({num(base.point[0])}, {num(base.point[1])})",
            r",\ L = ",
            num(base.value),
            font_size=SMALL_SIZE,
        )
        point[0].set_color(PALETTE.weight)
        point[2].set_color(PALETTE.output)
        fit_width(formula, 5.6).move_to([SLICE_X, HEADER_Y, 0])
        fit_width(point, 4.0)
        # a dark backing: the label stands on the surface, where a plane's edge may cross it
        point.add_background_rectangle(color=PALETTE.background, opacity=0.55, buff=0.06)
        self.header, self.point_label = formula, point
        axes = self.make_space_axes()
        self.surface = self.make_surface()
        self.dot = Dot(radius=0.09, color=PALETTE.weight)
        at = self.space(*base.point, base.value)
        self.view.place_upright(self.dot, at)
        self.view.place_upright(point, at, 1.25 * UP + 0.2 * LEFT)  # clear of both slices and the w2 axis
        self.say("surface", w1=base.point[0], w2=base.point[1], value=base.value)
        self.play(Create(axes[0][:2]), FadeIn(axes[1], axes[3][:2]), Write(formula), run_time=1.2)
        self.add(self.surface)
        self.move_view(Create(axes[0][2]), FadeIn(axes[2], axes[3][2]), squash=1.0, run_time=2.2)
        self.play(FadeIn(self.dot, scale=2), Write(point), run_time=1)
        self.move_view(theta=PAN, run_time=2.5)

    def plane_corners(self, slide: float, turn: float) -> np.ndarray:
        """The cutting plane in space: ``w2 = const`` slid in from the front edge (``slide`` 0 to
        1), then swung about the vertical through the point into ``w1 = const`` (``turn`` 0 to 1)."""
        base, top = self.example.base, self.example.slice_top
        (p1, p2), lo, hi = base.point, self.lo, self.hi
        held = lo + slide * (p2 - lo)
        w = np.array([[lo, held], [hi, held], [hi, held], [lo, held]], dtype=float)
        angle = turn * PI / 2
        rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
        w = (w - [p1, p2]) @ rot.T + [p1, p2] + [0.0, turn * (p1 - p2)]
        heights = np.array([0.0, 0.0, top, top])
        return self.view.project(self.space(w[:, 0], w[:, 1], heights))

    def slice_points(self, k: int) -> np.ndarray:
        ex, base = self.example, self.example.base
        ws, ls = ex.slices[k]
        held = np.full_like(ws, base.point[1 - k])
        return self.space(ws, held, ls) if k == 0 else self.space(held, ws, ls)

    def make_panel(self, k: int) -> VGroup:
        ex, base = self.example, self.example.base
        top = ex.slice_top
        axes = make_axes(base.w_range, (0, top), *SLICE_SIZE, x_labels=ex.w_ticks, y_labels=ex.l_ticks)
        # placed by the plot's own box, not by its labels' (a top tick number would move it)
        middle = (axes.c2p(self.lo, 0) + axes.c2p(self.hi, top)) / 2
        axes.shift(np.array([SLICE_X + 0.08, SLICE_YS[k] + 0.28, 0]) - middle)
        labels = make_axis_labels(axes, NAMES[k], "L")
        # beside the axis line's top, not the centre of the axis and its tick numbers (on the line)
        labels[1].next_to(axes.y_axis.n2p(top), RIGHT, buff=0.15)
        return VGroup(axes, labels)

    def show_slice(self, k: int) -> None:
        ex, base = self.example, self.example.base
        other = 1 - k
        slide, turn = ValueTracker(0.0), ValueTracker(0.0)
        if k == 0:
            self.plane = Polygon(*self.plane_corners(0, 0), color=PALETTE.weight, stroke_width=2)
            self.plane.set_fill(PALETTE.weight, opacity=0.18)
            self.say("hold_second", w2=base.point[1])
            self.move_view(center=CENTER, run_time=1.0)  # room on the right for the slices
            self.plane.set_points_as_corners([*(c := self.plane_corners(0, 0)), c[0]])
            self.play(FadeIn(self.plane), run_time=0.5)
            self.bring_to_front(self.point_label)  # the plane passes behind the point's label
        else:
            slide.set_value(1.0)
            self.say("hold_first", w1=base.point[0])
        self.plane.add_updater(
            lambda m: m.set_points_as_corners(
                [*(c := self.plane_corners(slide.get_value(), turn.get_value())), c[0]]
            )
        )
        if k == 0:
            self.play(slide.animate.set_value(1.0), run_time=1.5)
        else:
            self.move_view(turn.animate.set_value(1.0), theta=SIDE, center=SIDE_CENTER, run_time=2.4)
        self.plane.clear_updaters()
        trace = self.space_curve(self.slice_points(k), PALETTE.output, 5)
        self.play(Create(trace), run_time=1.5)

        panel = self.make_panel(k)
        axes = panel[0]
        held = make_tex(rf"{NAMES[other]} = {num(base.point[other])}", font_size=SMALL_SIZE)
        held.set_color(PALETTE.weight)
        held.next_to(axes.c2p(self.lo, ex.slice_top), UP, buff=0.32).align_to(axes, LEFT)
        ws, ls = ex.slices[k]
        curve = make_curve(axes, ws, ls, PALETTE.output)
        lifted = VGroup(
            *(VMobject(color=PALETTE.output, stroke_width=5).set_points(piece.points) for piece in trace)
        )
        self.add(lifted)
        if k == 0:
            self.say("lift_first", d1=base.gradient[0])
        else:
            self.say("lift_second", d2=base.gradient[1])
        self.play(FadeIn(panel), FadeIn(held), ReplacementTransform(lifted, curve), run_time=1.8)
        dot = make_point(axes, base.point[k], base.value, PALETTE.weight)
        tangent = make_segment(axes, ex.slice_tangents[k], PALETTE.gradient, 4)
        readout = make_tex(
            partial_symbol(k), " = ", base.partial_tex[k], " = ", num(base.gradient[k]), font_size=SMALL_SIZE
        )
        readout[4].set_color(PALETTE.gradient)
        readout.next_to(held, RIGHT, buff=0.5)
        if readout.get_right()[0] > 6.8:
            readout.shift((6.8 - readout.get_right()[0]) * RIGHT)
        self.play(FadeIn(dot, scale=2), Create(tangent), run_time=1)
        self.play(Write(readout), run_time=1)
        if k == 0:
            self.panels = [VGroup(panel, held, curve, dot, tangent)]
            self.readouts = [readout]
            self.traces = [trace]
        else:
            self.panels.append(VGroup(panel, held, curve, dot, tangent))
            self.readouts.append(readout)
            self.traces.append(trace)

    def show_contour_map(self) -> None:
        ex, base = self.example, self.example.base
        contours = VGroup()
        for n, (level, pts) in enumerate(zip(base.contour_levels, base.contours)):
            highlight = n == base.point_level and not ex.is_minimum
            color = PALETTE.highlight if highlight else PALETTE.output
            points = self.space(pts[:, 0], pts[:, 1], np.full(len(pts), level))
            contours.add(self.space_curve(points, color, 3.5 if highlight else 2.5))
        self.contours = contours
        self.say("contours")
        self.play(
            FadeOut(self.plane),
            FadeOut(VGroup(*self.traces)),
            FadeOut(self.l_axis),
            Create(contours),
            run_time=1.5,
        )
        self.move_view(center=RISEN_CENTER, run_time=0.8)  # room below for the front edge as it tilts
        # the light fades out as the view tilts (faces turning towards it would glare near white)
        # and comes back once the surface lies flat, where it lights every face alike
        self.move_view(
            FadeOut(self.point_label),
            self.dim_light(0.0, rate_func=lambda t: smooth(min(1.0, 1.5 * t))),
            phi=TOP_PHI,
            theta=TOP_THETA,
            center=MAP_CENTER,
            run_time=3,
        )
        self.move_view(squash=0.0, run_time=1.5)
        self.play(self.surface.animate.set_fill(opacity=0.45), self.dim_light(1.0), run_time=0.8)

    def show_gradient(self) -> None:
        ex, base = self.example, self.example.base
        p = self.on_map(*base.point)

        def arrow(segment, color) -> Arrow:
            (a, b) = segment
            return Arrow(
                self.on_map(*a),
                self.on_map(*b),
                buff=0,
                color=color,
                stroke_width=6,
                max_tip_length_to_length_ratio=0.3,
            )

        (g1, g2), scale = base.gradient, ex.arrow_scale
        grad = arrow(ex.arrows[2], PALETTE.gradient)
        down = arrow(ex.arrows[3], PALETTE.weight)
        self.say("arrows", d1=g1, d2=g2)
        names = VGroup(
            make_tex(partial_symbol(0), font_size=LABEL_SIZE, color=PALETTE.gradient),
            make_tex(partial_symbol(1), font_size=LABEL_SIZE, color=PALETTE.gradient),
        )
        # each partial along its own axis from the point, then the second slides to the first's tip
        drawn = VGroup()
        if abs(g1) * scale * UNIT > MIN_ARROW:
            first = arrow(ex.arrows[0], PALETTE.gradient)
            names[0].next_to(first, DOWN if g2 > 0 else UP, buff=0.12)
            self.play(GrowArrow(first), FadeIn(names[0]), run_time=1)
            drawn.add(first)
        else:
            names[0].next_to(p, DOWN if g2 > 0 else UP, buff=0.2)
            self.play(FadeIn(names[0]), run_time=0.6)
        if abs(g2) * scale * UNIT > MIN_ARROW:
            second = arrow((base.point, (base.point[0], base.point[1] + scale * g2)), PALETTE.gradient)
            names[1].next_to(second, LEFT if g1 > 0 else RIGHT, buff=0.12)
            self.play(GrowArrow(second), FadeIn(names[1]), run_time=1)
            moved = arrow(ex.arrows[1], PALETTE.gradient)
            side = RIGHT if g1 >= 0 else LEFT
            self.play(
                Transform(second, moved),
                names[1].animate.next_to(moved, side, buff=0.12),
                run_time=1.2,
            )
            drawn.add(second)
        else:
            names[1].next_to(p, LEFT if g1 > 0 else RIGHT, buff=0.2)
            self.play(FadeIn(names[1]), run_time=0.6)
        readout = make_tex(
            r"\nabla L = ", rf"({num(base.gradient[0])}, {num(base.gradient[1])})", font_size=SMALL_SIZE
        )
        readout[1].set_color(PALETTE.gradient)
        readout.move_to(MAP_CENTER + (self.hi * UNIT + 0.45) * UP)
        # the arrows are drawn to scale with each other, not with the axes, when they had to
        # shrink to stay on the map: say by how much
        scaled = abs(scale - 1.0) > 5e-3
        note = make_tex(rf"\text{{arrows}} \times {num(scale)}", font_size=LABEL_SIZE, color=PALETTE.muted)
        note.next_to(readout, RIGHT, buff=0.45)
        self.play(
            GrowArrow(grad), Write(readout), FadeOut(names), *([FadeIn(note)] if scaled else []), run_time=1.2
        )

        direction = np.array([*ex.contour_direction, 0.0])
        tangent = DashedLine(
            p - 1.0 * direction, p + 1.0 * direction, color=PALETTE.highlight, stroke_width=3
        )
        g = np.array([*base.gradient, 0.0])
        g /= np.linalg.norm(g)
        size = 0.24
        corner = VMobject(color=PALETTE.highlight, stroke_width=2).set_points_as_corners(
            [p + size * direction, p + size * (direction + g), p + size * g]
        )
        self.say("uphill")
        self.play(Create(tangent), Create(corner), run_time=1.2)
        self.wait(0.5)
        self.say("downhill")
        minus = make_tex(
            r"-\nabla L = ", rf"({num(ex.descent[0])}, {num(ex.descent[1])})", font_size=SMALL_SIZE
        )
        minus[1].set_color(PALETTE.weight)
        line = VGroup(readout.copy(), minus).arrange(RIGHT, buff=0.6).move_to(readout)
        self.play(
            GrowArrow(down),
            readout.animate.move_to(line[0]),
            FadeIn(minus.move_to(line[1]), rate_func=second_half),
            *([FadeOut(note, rate_func=first_half)] if scaled else []),
            run_time=1.2,
        )
        self.gradient_parts = VGroup(drawn, grad, down, names, readout, minus, tangent, corner)

    def show_column(self) -> None:
        ex, base = self.example, self.example.base
        rows = VGroup()
        for i in ex.column_indices:
            entry = partial_symbol(i - 1) if i <= 2 else rf"\partial L / \partial w_{{{i}}}"
            if i <= 2:
                row = make_tex(entry, " = ", num(base.gradient[i - 1]), font_size=SMALL_SIZE)
                row[2].set_color(PALETTE.gradient)
            else:
                row = make_tex(entry, font_size=SMALL_SIZE)
            rows.add(row)
        rows.add(make_tex(r"\vdots", font_size=SMALL_SIZE))
        rows.add(make_tex(r"\partial L / \partial w_{N}", font_size=SMALL_SIZE))
        rows.arrange(DOWN, buff=0.28, aligned_edge=LEFT)
        bottom, top = COLUMN_WINDOW
        left = COLUMN_X + 1.0
        rows.move_to([left, 0, 0], aligned_edge=LEFT)
        rows.shift((top - 0.35 - rows[0].get_top()[1]) * UP)
        span = (bottom + 0.35) - rows[-1].get_bottom()[1]
        bracket = VGroup(
            VMobject(color=PALETTE.text, stroke_width=3).set_points_as_corners(
                [
                    [left - 0.05, top, 0],
                    [left - 0.25, top, 0],
                    [left - 0.25, bottom, 0],
                    [left - 0.05, bottom, 0],
                ]
            ),
            VMobject(color=PALETTE.text, stroke_width=3).set_points_as_corners(
                [[left + 2.6, top, 0], [left + 2.8, top, 0], [left + 2.8, bottom, 0], [left + 2.6, bottom, 0]]
            ),
        )
        name = make_tex(r"\nabla L = ", font_size=SMALL_SIZE).next_to(bracket[0], LEFT, buff=0.15)
        count = make_tex(
            r"N = ",
            num(ex.weights_count),
            rf"\text{{ weights ({ex.network_name}-{ex.network_layers})}}",
            font_size=SMALL_SIZE,
        )
        count[1].set_color(PALETTE.weight)
        scroll = ValueTracker(0.0)
        start = rows.get_center().copy()

        def follow(group) -> None:
            group.move_to(start + scroll.get_value() * UP)
            for row in group:
                y = row.get_center()[1]
                inside = min(y - bottom, top - y)
                row.set_opacity(float(np.clip((inside - 0.15) / 0.45, 0, 1)))

        follow(rows)
        self.say("millions", n=ex.weights_count, name=f"{ex.network_name}-{ex.network_layers}")
        moves = [
            ReplacementTransform(readout[part], rows[k][place])
            for k, readout in enumerate(self.readouts)
            for part, place in ((0, 0), (1, 1), (4, 2))
        ]
        rest = [readout[part] for readout in self.readouts for part in (2, 3)]
        self.play(
            FadeOut(VGroup(*self.panels), self.header, *rest),
            *moves,
            FadeIn(bracket, name),
            run_time=1.5,
        )
        self.add(rows)
        rows.add_updater(follow)
        self.play(scroll.animate.set_value(max(span, 0.0)), run_time=4)
        rows.clear_updaters()
        count.next_to(bracket, UP, buff=0.2)
        fit_width(count, 6.2)
        self.play(FadeIn(count), run_time=0.8)
