"""Optimizers: how the update rule changes the path across a narrow valley.

SGD's step splits into a part across the valley and a part along it: the steep direction caps
the learning rate below 2/a (the GradientDescent scene), so the flat direction crawls. Momentum's
velocity builds along the valley; RMSProp rescales each direction, turning the narrow ellipse
rounder; Adam does both. Then a fair race: each optimizer at its best rate of one grid, same
start, same number of steps, and the ranking that follows.
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
    Create,
    DashedLine,
    DashedVMobject,
    DecimalNumber,
    DoubleArrow,
    Ellipse,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    LaggedStart,
    Line,
    SurroundingRectangle,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    linear,
)

from mathdl_anim.core.optimization import OPTIMIZER_NAMES, OPTIMIZERS, path_until
from mathdl_anim.core.optimizers import RULES_TEX, TORCH_DEFAULTS
from mathdl_anim.core.scales import log_heights
from mathdl_anim.draw.counters import make_step_counter
from mathdl_anim.draw.graphs import make_edge, make_node
from mathdl_anim.draw.number_lines import make_number_line
from mathdl_anim.draw.plots import MapFrame, make_axes, make_axis_labels, make_polyline, tick_step
from mathdl_anim.draw.shapes import make_ball
from mathdl_anim.draw.style import BODY_SIZE, LABEL_SIZE, PALETTE, SMALL_SIZE, optimizer_color
from mathdl_anim.draw.text import fade_through, fit_width, make_tex, make_text, num
from mathdl_anim.scene.lesson_scene import LessonScene

#: The map's room on the left, the panel's left edge and width on the right.
MAP_LEFT, MAP_RIGHT, MAP_TOP, MAP_BOTTOM = -6.45, 0.75, 2.75, -2.45
PANEL_LEFT, PANEL_WIDTH = 1.35, 5.4
#: The lowest a panel's content reaches (the caption is below).
BOTTOM = -3.0
#: Seconds per step when one optimizer is shown, and in the race.
DEMO_STEP, RACE_STEP = 0.3, 0.15
#: Steps of SGD's demo spent zigzagging across the valley before it crawls along it.
ACROSS_STEPS = 3

#: Short reasons for the ranking, from what each rule was shown to do.
REASONS = {
    "sgd": r"one $\eta$, capped by the steep direction",
    "momentum": "a velocity builds along the valley",
    "rmsprop": "each direction rescaled",
    "adam": "velocity and rescaling",
}


def color_of(name: str) -> str:
    """The optimizer's colour: the theme's categorical series (no meaning colour), as in Recap."""
    return optimizer_color(name)


def decimals(x: float) -> int:
    """Decimal places that show ``x`` exactly (a grid's rate, a decay such as 0.999)."""
    for places in range(1, 6):
        if abs(round(x, places) - x) < 1e-12:
            return places
    return 6


def shown_places(x: float) -> int:
    """Decimal places for a factor or a bound: 2, more for a small number (two significant digits)
    or for one that 2 places would round to 1 (0.9988); fewer when they show it exactly (-0.5)."""
    places = 2
    if x != 0:
        places = max(places, 1 - math.floor(math.log10(abs(x))))
    while places < 6 and abs(round(abs(x), places) - 1) < 1e-12 and abs(abs(x) - 1) > 1e-12:
        places += 1
    return min(places, decimals(x))


def make_rate(
    x: float, color: str | None = None, font_size: float = SMALL_SIZE, places: int | None = None
) -> DecimalNumber:
    """A rate or decay written with all its digits (0.003, 0.999), never rounded to 1."""
    return DecimalNumber(
        x,
        num_decimal_places=decimals(x) if places is None else places,
        color=color or PALETTE.text,
        font_size=font_size,
    )


def equals(symbol: str, number: DecimalNumber, color: str | None = None) -> VGroup:
    """``symbol = number``, the number on the formula's baseline."""
    left = make_tex(rf"{symbol} =", color=color, font_size=SMALL_SIZE)
    number.next_to(left, RIGHT, buff=0.15)
    number.match_y(left[0][-1])  # centred on the equals sign, as in a formula
    return VGroup(left, number)


class Optimizers(LessonScene):
    """SGD split in two directions, momentum, RMSProp, Adam; a fair race at each one's best rate."""

    def construct(self) -> None:
        self.show_title("Optimizers: how the update rule changes the path")
        self.show_valley()
        self.sgd()
        self.momentum()
        self.rmsprop()
        self.adam()
        self.grid_search()
        self.race()
        self.rank()
        self.wait(1)

    # The map ----------------------------------------------------------------------------------
    def to_screen(self, w) -> np.ndarray:
        return self.frame.point(w)

    def rulers(self) -> VGroup:
        """Tick-numbered rulers for w1 (below the map) and w2 (left of it), named."""
        (x0, x1), (y0, y1) = self.example.box
        group = VGroup()
        for axis, (lo, hi) in enumerate(((x0, x1), (y0, y1))):
            ticks = _ticks(lo, hi)
            step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
            line = make_number_line(
                ticks[0], ticks[-1], step, self.frame.scale * (ticks[-1] - ticks[0]), ticks
            )
            if axis == 1:
                line.rotate(np.pi / 2)
                for label in line.labels:
                    label.rotate(-np.pi / 2)
            corner = self.to_screen((x0, y0))
            if axis == 0:
                line.shift(
                    np.array([self.to_screen((ticks[0], y0))[0], corner[1] - 0.08, 0]) - line.n2p(ticks[0])
                )
                for value, label in zip(ticks, line.labels):
                    label.next_to(line.n2p(value), DOWN, buff=0.12)
            else:
                line.shift(
                    np.array([corner[0] - 0.08, self.to_screen((x0, ticks[0]))[1], 0]) - line.n2p(ticks[0])
                )
                for value, label in zip(ticks, line.labels):
                    label.next_to(line.n2p(value), LEFT, buff=0.12)
            group.add(line)
        names = VGroup(
            make_tex("w_1", color=PALETTE.weight, font_size=SMALL_SIZE).next_to(group[0], RIGHT, buff=0.2),
            make_tex("w_2", color=PALETTE.weight, font_size=SMALL_SIZE).next_to(group[1], UP, buff=0.15),
        )
        return VGroup(*group, names)

    def show_valley(self) -> None:
        ex = self.example
        center = [(MAP_LEFT + MAP_RIGHT) / 2 + 0.25, (MAP_TOP + MAP_BOTTOM) / 2 + 0.25, 0]
        self.frame = MapFrame.fit(ex.box, MAP_RIGHT - MAP_LEFT - 0.5, MAP_TOP - MAP_BOTTOM - 0.5, center)
        rulers = self.rulers()
        n = max(len(ex.contours), 1)
        lines = VGroup()
        for k, seg in enumerate(ex.contours):
            mob = VMobject(
                stroke_color=PALETTE.muted, stroke_width=1.6, stroke_opacity=0.35 + 0.45 * (1 - k / n)
            )
            for a, b in seg:
                mob.start_new_path(self.to_screen(a))
                mob.add_line_to(self.to_screen(b))
            lines.add(mob)
        self.minimum = (
            VGroup(Line(UP + LEFT, DOWN + RIGHT), Line(UP + RIGHT, DOWN + LEFT))
            .scale(0.09)
            .set_stroke(PALETTE.highlight, 3)
            .move_to(self.to_screen(ex.loss.minimum))
        )
        formula = fit_width(make_tex(ex.loss.tex, color=PALETTE.output, font_size=SMALL_SIZE), PANEL_WIDTH)
        formula.move_to([PANEL_LEFT, 2.72, 0], aligned_edge=LEFT)
        self.formula = formula
        c = ex.curvature
        self.say(
            "narrow_valley" if ex.loss.name == "bowl" else "curved_valley",
            a_steep=c.steep,
            a_shallow=c.shallow,
        )
        self.play(Create(rulers), run_time=1)
        self.play(Create(lines, lag_ratio=0.1), FadeIn(self.minimum), Write(formula), run_time=1.8)
        self.map = VGroup(rulers, lines, self.minimum)

        (x0, x1), (y0, y1) = ex.box
        span = 0.42 * min(x1 - x0, y1 - y0)
        self.directions = VGroup()
        for direction, a, reach in (
            (c.steep_direction, c.steep, 0.55),
            (c.shallow_direction, c.shallow, 1.0),
        ):
            # the arrow stays inside the inner 80% of the window
            m = np.asarray(ex.loss.minimum, dtype=float)
            room = min(
                (hi - 0.1 * (hi - lo) - m[i]) / abs(direction[i]) if direction[i] else np.inf
                for i, (lo, hi) in enumerate(((x0, x1), (y0, y1)))
            )
            room = min(
                room,
                *(
                    (m[i] - lo - 0.1 * (hi - lo)) / abs(direction[i]) if direction[i] else np.inf
                    for i, (lo, hi) in enumerate(((x0, x1), (y0, y1)))
                ),
            )
            reach = min(reach * span, room) / span
            tip = np.asarray(ex.loss.minimum) + reach * span * direction
            tail = np.asarray(ex.loss.minimum) - reach * span * direction
            arrow = DoubleArrow(
                self.to_screen(tail),
                self.to_screen(tip),
                buff=0,
                color=PALETTE.highlight,
                stroke_width=3,
                tip_length=0.18,
            )
            label = make_tex(rf"a = {num(a)}", color=PALETTE.highlight, font_size=LABEL_SIZE)
            side = RIGHT if abs(direction[1]) > abs(direction[0]) else UP
            label.next_to(arrow.get_end(), side, buff=0.12)
            self.directions.add(VGroup(arrow, label))
        for group in self.directions:
            self.play(GrowArrow(group[0]), FadeIn(group[1]), run_time=1)
        self.network = self.make_network()
        self.play(FadeIn(self.network, shift=0.2 * LEFT), run_time=1)
        self.play(
            Indicate(self.network[3], color=PALETTE.weight),
            # each axis name in place (indicating both as one group would scale them apart)
            *(Indicate(name, color=PALETTE.weight) for name in self.map[0][-1]),
            run_time=1.2,
        )

    def make_network(self) -> VGroup:
        """Two inputs, one neuron: its two weights are the map's axes."""
        x1 = make_node("x_1", PALETTE.input, width=0.8, height=0.6)
        x2 = make_node("x_2", PALETTE.input, width=0.8, height=0.6)
        inputs = VGroup(x1, x2).arrange(DOWN, buff=0.7)
        out = make_node(r"\hat y", PALETTE.output, width=0.8, height=0.6).next_to(inputs, RIGHT, buff=2.0)
        edges = VGroup(make_edge(x1, out, PALETTE.weight), make_edge(x2, out, PALETTE.weight))
        names = VGroup(
            make_tex("w_1", color=PALETTE.weight, font_size=SMALL_SIZE).next_to(
                edges[0].get_center(), UP, buff=0.15
            ),
            make_tex("w_2", color=PALETTE.weight, font_size=SMALL_SIZE).next_to(
                edges[1].get_center(), DOWN, buff=0.15
            ),
        )
        loss = make_tex(r"\to L(w_1, w_2)", color=PALETTE.output, font_size=SMALL_SIZE).next_to(
            out, RIGHT, buff=0.2
        )
        group = VGroup(inputs, out, edges, names, loss)
        fit_width(group, PANEL_WIDTH)
        group.move_to([PANEL_LEFT, 0.6, 0], aligned_edge=LEFT)
        return group

    # One optimizer at a time ---------------------------------------------------------------
    def rule_block(self, name: str, hyper_line: VGroup) -> VGroup:
        """The optimizer's name and its update rules, one per line, then its constants."""
        head = make_text(OPTIMIZER_NAMES[name], color=color_of(name), font_size=BODY_SIZE)
        rules = VGroup(*(make_tex(r, font_size=BODY_SIZE - 4) for r in RULES_TEX[name]))
        rules.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        block = VGroup(head, rules, hyper_line).arrange(DOWN, aligned_edge=LEFT, buff=0.28)
        fit_width(block, PANEL_WIDTH)
        block.move_to([PANEL_LEFT, 1.95, 0], aligned_edge=LEFT + UP)
        return block

    def constants(self, *pairs) -> VGroup:
        """``symbol = value`` pairs on one line; values are DecimalNumbers (all their digits)."""
        line = VGroup()
        for symbol, value in pairs:
            line.add(equals(symbol, make_rate(value, font_size=SMALL_SIZE)))
        return line.arrange(RIGHT, buff=0.5)

    def show_rule(self, name: str, hyper_line: VGroup) -> None:
        block = self.rule_block(name, hyper_line)
        old = getattr(self, "rule", None)
        if old is None:
            self.play(*fade_through(self.network, block), run_time=1.5)
        else:
            self.play(*fade_through(old, block), run_time=1.2)
        self.rule = block

    def start_ball(self, name: str):
        ex = self.example
        ball = make_ball(color_of(name), radius=0.09).move_to(self.to_screen(ex.start))
        trail = make_polyline(np.array([self.to_screen(ex.start)]), color_of(name), stroke_width=3)
        self.play(FadeIn(ball, scale=0.5), run_time=0.4)
        self.add(trail, ball)
        return ball, trail

    def arrow_at(self, name: str, k: int, color: str | None = None) -> Arrow:
        """The update ``k`` of ``name`` drawn from its iterate ``k``."""
        run = self.example.run_of(name)
        a, b = self.to_screen(run.trajectory[k]), self.to_screen(run.trajectory[k + 1])
        return Arrow(
            a,
            b,
            buff=0,
            color=color or color_of(name),
            stroke_width=4,
            max_tip_length_to_length_ratio=0.3,
            tip_length=0.16,
        )

    def walk(
        self, name: str, ball, trail, first: int, last: int, arrow: Arrow | None = None, extra=()
    ) -> Arrow | None:
        """Move ``name``'s ball from iterate ``first`` to ``last``; ``arrow`` (its update) follows."""
        run = self.example.run_of(name)
        last = min(last, len(run.trajectory) - 1)
        pts = np.array([self.to_screen(w) for w in run.trajectory])
        for k in range(first, last):
            anims = [
                ball.animate.move_to(pts[k + 1]),
                trail.animate.set_points_as_corners(pts[: k + 2]),
            ]
            new_arrow = None
            if arrow is not None:
                if k + 1 < len(run.steps):
                    new_arrow = self.arrow_at(name, k + 1)
                    anims.append(arrow.animate.become(new_arrow))
                else:
                    anims.append(FadeOut(arrow))
            self.play(*anims, *extra, run_time=DEMO_STEP, rate_func=linear)
            if arrow is not None and new_arrow is None:
                arrow = None
        return arrow

    def retire(self) -> None:
        """The last demo leaves a faint trail behind (its ball and its drawings go)."""
        ball, trail, *others = self.pending
        self.play(
            FadeOut(ball), trail.animate.set_stroke(opacity=0.35), *(FadeOut(o) for o in others), run_time=0.5
        )
        self.trails.add(trail)

    def sgd(self) -> None:
        ex = self.example
        self.trails = VGroup()
        run = ex.run_of("sgd")
        steep, shallow = ex.sgd_split
        p0 = ex.start
        self.say("sgd_split")
        self.show_rule("sgd", self.constants((r"\eta", run.lr)))
        ball, trail = self.start_ball("sgd")
        step = self.arrow_at("sgd", 0, color=PALETTE.gradient)
        label = make_tex(r"-\eta g", color=PALETTE.gradient, font_size=SMALL_SIZE)
        label.next_to(step.get_center(), RIGHT, buff=0.2)
        self.play(GrowArrow(step), FadeIn(label), run_time=1)
        corner = p0 + steep
        across = DashedLine(
            self.to_screen(p0), self.to_screen(corner), color=PALETTE.gradient, stroke_width=3
        )
        along = DashedLine(
            self.to_screen(corner),
            self.to_screen(p0 + steep + shallow),
            color=PALETTE.gradient,
            stroke_width=3,
        )
        lengths = [float(np.linalg.norm(steep)), float(np.linalg.norm(shallow))]
        tags = VGroup(
            make_tex(rf"\text{{across }} {num(lengths[0])}", color=PALETTE.gradient, font_size=LABEL_SIZE),
            make_tex(rf"\text{{along }} {num(lengths[1])}", color=PALETTE.gradient, font_size=LABEL_SIZE),
        )
        # each tag beside its leg, on the side away from the other leg (or beyond the arrow)
        away = -_unit(self.to_screen(p0 + shallow) - self.to_screen(p0), RIGHT)
        tags[0].next_to(across.get_center(), away, buff=0.15)
        if tags[0].get_left()[0] < self.to_screen((ex.box[0][0], ex.box[1][0]))[0]:
            tags[0].next_to(step, -away, buff=0.15)
        tags[1].next_to(
            along.get_center(), _unit(self.to_screen(p0 + steep) - self.to_screen(p0), DOWN), buff=0.15
        )
        if tags[1].get_left()[0] < self.to_screen((ex.box[0][0], ex.box[1][0]))[0] + 0.1:
            tags[1].next_to(step.get_end(), RIGHT, buff=0.2)  # it would cross the w2 ruler
        self.play(Create(across), Create(along), *fade_through(label, tags), run_time=1.4)

        c = ex.curvature
        steep_factor, shallow_factor = ex.sgd_factors
        cap = VGroup(
            equals(
                r"\text{across: } 1 - \eta\, a", make_rate(steep_factor, places=shown_places(steep_factor))
            ),
            equals(r"\text{settles if } \eta < 2/a", make_rate(c.lr_cap, places=shown_places(c.lr_cap))),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        slow = equals(
            r"\text{along: } 1 - \eta\, a", make_rate(shallow_factor, places=shown_places(shallow_factor))
        )
        readouts = VGroup(cap, slow).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        fit_width(readouts, PANEL_WIDTH)
        readouts.next_to(self.rule, DOWN, buff=0.45, aligned_edge=LEFT)
        self.say("sgd_cap", steep_factor=steep_factor, lr_cap=c.lr_cap)
        self.play(
            FadeIn(cap[0], shift=0.2 * UP),
            Indicate(self.directions[0], color=color_of("sgd"), scale_factor=1),
            run_time=1.2,
        )
        self.play(FadeOut(step), FadeOut(across), FadeOut(along), FadeOut(tags), run_time=0.5)
        self.walk("sgd", ball, trail, 0, ACROSS_STEPS)
        self.play(FadeIn(cap[1], shift=0.2 * UP), run_time=0.8)
        self.say("sgd_slow", removed=1 - shallow_factor)
        self.play(
            FadeIn(slow, shift=0.2 * UP),
            Indicate(self.directions[1], color=color_of("sgd"), scale_factor=1),
            run_time=1.2,
        )
        self.walk("sgd", ball, trail, ACROSS_STEPS, ex.demo_steps)
        self.pending = (ball, trail, readouts)

    def momentum(self) -> None:
        run = self.example.run_of("momentum")
        self.say("momentum")
        self.retire()
        self.play(self.directions.animate.set_opacity(0.35), run_time=0.5)  # SGD's story is told
        self.show_rule("momentum", self.constants((r"\beta", run.hyper["beta"]), (r"\eta", run.lr)))
        ball, trail = self.start_ball("momentum")
        arrow = self.arrow_at("momentum", 0)
        tag = make_tex(r"-\eta v", color=color_of("momentum"), font_size=LABEL_SIZE)
        tag.add_updater(
            lambda m: m.next_to(arrow.get_end(), _unit(arrow.get_end() - ball.get_center(), UP), buff=0.1)
        )
        self.play(GrowArrow(arrow), FadeIn(tag), run_time=0.6)
        arrow = self.walk("momentum", ball, trail, 0, self.example.demo_steps, arrow)
        tag.clear_updaters()
        self.pending = (ball, trail, tag, *([arrow] if arrow is not None else []))

    def ellipse_inset(self, name: str):
        """A contour ellipse of the valley (a dashed ghost stays) and the same ellipse as
        ``name``'s per-direction rates rescale it, with their length over width, under the rule."""
        before, after = self.example.ellipses(name)
        top, bottom = self.rule.get_bottom()[1] - 0.3, BOTTOM + 0.5
        center = np.array([PANEL_LEFT + PANEL_WIDTH / 2, (top + bottom) / 2, 0])
        room_w, room_h = PANEL_WIDTH - 0.4, top - bottom

        def shape(e, long=1.0):
            ell = Ellipse(
                width=2 * long, height=2 * long * e.semi_axes[1], color=color_of(name), stroke_width=3
            )
            return ell.rotate(e.angle).move_to(center)

        # one scale for both shapes: the larger fits the room
        unit = [shape(e) for e in (before, after)]
        long = min(1.8, *(min(room_w / u.width, room_h / u.height) for u in unit))
        ghost = DashedVMobject(shape(before, long), num_dashes=40).set_stroke(PALETTE.muted, 2)
        old, new = shape(before, long), shape(after, long)
        ratios = [
            make_tex(rf"\text{{length/width}} = {num(e.ratio)}", font_size=LABEL_SIZE).next_to(
                center + (top - bottom) / 2 * DOWN, DOWN, buff=0.12
            )
            for e in (before, after)
        ]
        return ghost, old, new, ratios[0], ratios[1], before, after

    def rmsprop(self) -> None:
        ex = self.example
        run = ex.run_of("rmsprop")
        torch_rho = TORCH_DEFAULTS["rmsprop"]["rho"]
        hyper = VGroup(
            self.constants((r"\rho", run.hyper["rho"]), (r"\eta", run.lr)),
            VGroup(
                make_text("PyTorch's default:", color=PALETTE.muted, font_size=SMALL_SIZE),
                equals(r"\alpha", make_rate(torch_rho, PALETTE.muted, SMALL_SIZE), PALETTE.muted),
            ).arrange(RIGHT, buff=0.2),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        self.say("rmsprop", rho=run.hyper["rho"], torch_rho=torch_rho)
        self.retire()
        self.show_rule("rmsprop", hyper)
        ball, trail = self.start_ball("rmsprop")
        arrow = self.arrow_at("rmsprop", 0)
        self.play(GrowArrow(arrow), run_time=0.5)
        arrow = self.walk("rmsprop", ball, trail, 0, ex.demo_steps, arrow)
        ghost, old, new, r_old, r_new, before, after = self.ellipse_inset("rmsprop")
        self.say("rmsprop_round", before=before.ratio, after=after.ratio)
        self.play(Create(old), FadeIn(r_old), run_time=1)
        self.add(ghost)
        self.play(old.animate.become(new), *fade_through(r_old, r_new), run_time=2)
        self.pending = (ball, trail, ghost, old, r_new, *([arrow] if arrow is not None else []))

    def adam(self) -> None:
        ex = self.example
        run = ex.run_of("adam")
        hyper = self.constants(
            (r"\beta_1", run.hyper["beta1"]), (r"\beta_2", run.hyper["beta2"]), (r"\eta", run.lr)
        )
        self.say("adam")
        self.retire()
        self.show_rule("adam", hyper)
        ball, trail = self.start_ball("adam")
        arrow = self.arrow_at("adam", 0)
        self.play(GrowArrow(arrow), run_time=0.6)
        arrow = self.walk("adam", ball, trail, 0, ex.demo_steps, arrow)
        self.play(self.rule.animate.scale(0.75, about_edge=LEFT + UP), run_time=0.6)  # room for the ellipse
        ghost, old, new, r_old, r_new, before, after = self.ellipse_inset("adam")
        self.play(Create(old), FadeIn(r_old), run_time=0.8)
        self.add(ghost)
        self.play(old.animate.become(new), *fade_through(r_old, r_new), run_time=1.5)
        self.pending = (ball, trail, ghost, old, r_new, *([arrow] if arrow is not None else []))

    # The fair race --------------------------------------------------------------------------
    def grid_search(self) -> None:
        ex = self.example
        search = ex.search
        cell_w, row_h = 0.78, 0.5
        header = VGroup(make_tex(r"\eta", font_size=LABEL_SIZE))
        for lr in search.grid:
            header.add(make_rate(lr, PALETTE.muted, font_size=LABEL_SIZE - 2))
        rows = VGroup()
        for name in OPTIMIZERS:
            row = VGroup(make_text(OPTIMIZER_NAMES[name], color=color_of(name), font_size=LABEL_SIZE))
            for loss in search.losses[name]:
                text = num(loss) if np.isfinite(loss) else r"\infty"
                row.add(make_tex(text, font_size=LABEL_SIZE - 2))
            rows.add(row)
        name_w = max(r[0].width for r in rows) + 0.25
        table = VGroup(header, *rows)
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                x = 0 if j == 0 else name_w + (j - 0.5) * cell_w
                cell.move_to([x, -i * row_h, 0], aligned_edge=LEFT if j == 0 else np.zeros(3))
        fit_width(table, PANEL_WIDTH)
        table.move_to([PANEL_LEFT, 0.9, 0], aligned_edge=LEFT)
        caption = make_text(f"final loss after {ex.steps} steps", color=PALETTE.muted, font_size=LABEL_SIZE)
        note = make_tex(r"\infty\text{: the run blew up}", color=PALETTE.muted, font_size=LABEL_SIZE - 2)
        note.next_to(table, DOWN, buff=0.15).align_to(table, RIGHT)
        caption.next_to(table, UP, buff=0.2, aligned_edge=LEFT)
        boxes = VGroup(
            *(
                SurroundingRectangle(
                    rows[i][1 + search.best[name]], color=color_of(name), buff=0.06, stroke_width=2.5
                )
                for i, name in enumerate(OPTIMIZERS)
            )
        )
        self.say("grid", steps=ex.steps)
        self.retire()
        self.play(FadeOut(self.rule), FadeOut(self.trails), FadeOut(self.directions), run_time=0.8)
        self.rule = None
        self.play(FadeIn(caption), FadeIn(header), run_time=0.6)
        # each optimizer's trials run on the map as its row fills, one path per rate (cut where
        # it leaves the map: the run blew up); the best stays, faint, the others go
        self.grid_trails = VGroup()
        for i, (name, row) in enumerate(zip(OPTIMIZERS, rows)):
            trials = VGroup(
                *(
                    make_polyline(self.frame.points(pts), color_of(name), stroke_width=2).set_stroke(
                        opacity=0.8
                    )
                    for pts, _ in ex.grid_paths(name)
                )
            )
            best = trials[search.best[name]]
            self.play(
                FadeIn(row[0]),
                LaggedStart(*(FadeIn(c, shift=0.1 * DOWN) for c in row[1:]), lag_ratio=0.15),
                LaggedStart(*(Create(t) for t in trials), lag_ratio=0.15),
                run_time=1.0,
            )
            self.play(
                Create(boxes[i]),
                *(FadeOut(t) for t in trials if t is not best),
                best.animate.set_stroke(width=2.5, opacity=0.45),
                run_time=0.4,
            )
            self.grid_trails.add(best)
        self.play(FadeIn(note), run_time=0.3)
        self.table_note = note
        self.table, self.rows, self.boxes, self.table_caption = table, rows, boxes, caption

    def loss_plot(self):
        """The race's loss against the step on a log axis, under the table: axes, names, and one
        curve per optimizer as screen points (``log10`` of each loss, clipped to the axis).

        The vertical coordinate is ``log10(L) - low``, so that the step axis lies along the
        bottom of the plot."""
        ex = self.example
        low, high = ex.loss_exponents
        top = self.table_note.get_bottom()[1] - 0.6  # room for the axis' name above it
        left, right = PANEL_LEFT + 0.95, PANEL_LEFT + PANEL_WIDTH - 0.65
        bottom = BOTTOM + 0.45  # room for the step numbers below it
        x_step = int(max(1, tick_step(ex.steps)))
        axes = make_axes((0, ex.steps), (0, high - low), right - left, top - bottom)
        axes.x_axis.add_labels(
            {
                k: make_tex(num(k), color=PALETTE.muted, font_size=LABEL_SIZE)
                for k in range(0, ex.steps + 1, 2 * x_step if ex.steps >= 4 * x_step else x_step)
            }
        )
        every = max(1, math.ceil((high - low) / 3))
        axes.y_axis.add_labels(
            {
                e - low: make_tex(rf"10^{{{e}}}", color=PALETTE.muted, font_size=LABEL_SIZE)
                for e in range(low, high + 1)
                if (high - e) % every == 0
            }
        )
        axes.shift(np.array([left, bottom, 0]) - axes.c2p(0, 0))
        names = make_axis_labels(axes, "k", "L")
        names[1].next_to(axes.c2p(0, high - low), UP, buff=0.12)
        names[1].set_color(PALETTE.output)
        curves = {}
        for name in OPTIMIZERS:
            heights = log_heights(ex.run_of(name).losses, low, high)
            curves[name] = np.array([axes.c2p(k, h) for k, h in enumerate(heights)])
        return VGroup(axes, names), curves

    def race(self) -> None:
        ex = self.example
        self.say("race", steps=ex.steps)
        label = make_tex("k =", font_size=LABEL_SIZE)
        counter = make_step_counter(0, font_size=LABEL_SIZE)
        row = VGroup(make_text("step", font_size=LABEL_SIZE), label, counter).arrange(RIGHT, buff=0.15)
        counter.set_value(ex.steps)  # placed with its widest number, then reset
        row.arrange(RIGHT, buff=0.15)
        row.move_to([PANEL_LEFT + PANEL_WIDTH, self.table_caption.get_center()[1], 0], aligned_edge=RIGHT)
        left = counter.get_left()
        counter.set_value(0)
        counter.move_to(left, aligned_edge=LEFT)
        plot, curve_points = self.loss_plot()
        t = ValueTracker(0)
        paths, balls, curves = VGroup(), VGroup(), VGroup()
        for name in OPTIMIZERS:
            pts = np.array([self.to_screen(w) for w in ex.run_of(name).trajectory])
            path = make_polyline(pts[:1], color_of(name))
            ball = make_ball(color_of(name), radius=0.09).move_to(pts[0])
            path.add_updater(lambda m, pts=pts: m.set_points_as_corners(path_until(pts, t.get_value())))
            ball.add_updater(lambda m, pts=pts: m.move_to(path_until(pts, t.get_value())[-1]))
            # its loss, drawn step by step beside it on the log axis
            cpts = curve_points[name]
            curve = make_polyline(cpts[:1], color_of(name), stroke_width=3)
            curve.add_updater(lambda m, cpts=cpts: m.set_points_as_corners(path_until(cpts, t.get_value())))
            paths.add(path)
            balls.add(ball)
            curves.add(curve)

        def tick(c):
            k = int(np.floor(t.get_value() + 1e-9))
            if k != c.get_value():
                c.set_value(k)
                c.move_to(left, aligned_edge=LEFT)

        self.play(
            FadeIn(balls),
            FadeIn(row),
            Create(plot[0]),
            FadeIn(plot[1]),
            FadeOut(self.grid_trails),
            run_time=0.8,
        )
        self.add(paths, curves, balls)
        counter.add_updater(tick)
        self.play(
            t.animate.set_value(ex.steps),
            run_time=min(6.5, max(4.0, RACE_STEP * ex.steps)),
            rate_func=linear,
        )
        for mob in (*paths, *balls, *curves, counter):
            mob.clear_updaters()
        counter.set_value(ex.steps)
        counter.move_to(left, aligned_edge=LEFT)
        self.ends = VGroup(
            *(make_ball(color_of(name), radius=0.07).move_to(curve_points[name][-1]) for name in OPTIMIZERS)
        )
        self.play(
            *(Indicate(b, scale_factor=1.15) for b in self.boxes), FadeIn(self.ends, scale=0.5), run_time=1
        )
        self.race_row, self.curves, self.plot = row, curves, plot

    def rank(self) -> None:
        ex = self.example
        order = ex.ranking
        lines = VGroup()
        for place, name in enumerate(order, start=1):
            loss = ex.run_of(name).final_loss
            value = num(loss) if np.isfinite(loss) else r"\infty"
            head = VGroup(
                make_tex(rf"{place}.", font_size=LABEL_SIZE),
                make_text(OPTIMIZER_NAMES[name], color=color_of(name), font_size=LABEL_SIZE),
                make_tex(rf"L = {value}", font_size=LABEL_SIZE),
            ).arrange(RIGHT, buff=0.18)
            reason = make_text(REASONS[name], color=PALETTE.muted, font_size=LABEL_SIZE - 2)
            reason.next_to(head, DOWN, buff=0.1).align_to(head[1], LEFT)
            lines.add(VGroup(*head, reason))
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        fit_width(lines, PANEL_WIDTH)
        # in the table's place, above the loss plot's name
        room = self.table_caption.get_top()[1] - (self.plot[1][1].get_top()[1] + 0.15)
        if lines.height > room:
            lines.scale_to_fit_height(room)
        lines.move_to([PANEL_LEFT, self.table_caption.get_top()[1], 0], aligned_edge=LEFT + UP)
        self.say("ranking", first=OPTIMIZER_NAMES[order[0]], last=OPTIMIZER_NAMES[order[-1]])
        # the table has given each its rate: the ranking takes its place, read off the curves' ends
        self.play(
            FadeOut(VGroup(self.table, self.boxes, self.table_note, self.table_caption, self.race_row)),
            run_time=0.5,
        )
        for line, name in zip(lines, order):
            i = OPTIMIZERS.index(name)
            end = self.ends[i]
            self.play(
                FadeIn(line[:3], shift=0.15 * DOWN),
                self.curves[i].animate.set_stroke(width=6),
                Indicate(end, color=color_of(name), scale_factor=1.6),
                run_time=0.8,
            )
            self.play(FadeIn(line[3]), self.curves[i].animate.set_stroke(width=3), run_time=0.6)


def _unit(v, default) -> np.ndarray:
    """``v`` scaled to length 1 (``default`` for a zero vector)."""
    n = float(np.linalg.norm(v))
    return np.asarray(v, dtype=float) / n if n > 1e-9 else default


def _ticks(lo: float, hi: float) -> list[float]:
    """Round tick values inside ``[lo, hi]`` (the axes' own step)."""
    step = tick_step(hi - lo)
    first = np.ceil(lo / step) * step
    return [float(round(v, 10)) for v in np.arange(first, hi + 1e-9, step)]
