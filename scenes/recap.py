"""Recap: four pillars rise and gather small key frames of their own scenes (a digit's grid, a row
meeting a column, dice rolls, a Gaussian over bins, data balanced and normalized, secants turning
into a tangent, a ball stepping down a loss); the Neuron scene's neuron assembles, z = Wx + b;
then the three "why" points play as three loops: a diverging ball, an optimizer race, a gradient
pulse fading backwards through sigmoids.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    ArcBetweenPoints,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    GrowFromEdge,
    LaggedStart,
    Line,
    MoveAlongPath,
    Rectangle,
    Rotate,
    RoundedRectangle,
    SurroundingRectangle,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    config,
    there_and_back,
)

from mathdl_anim.core.digits import INK_LEVELS
from mathdl_anim.core.optimization import OPTIMIZER_NAMES
from mathdl_anim.draw.arrays import ink_color, make_digit_image
from mathdl_anim.draw.graphs import make_layer_diagram
from mathdl_anim.draw.plots import make_polyline
from mathdl_anim.draw.shapes import make_ball, make_die_face
from mathdl_anim.draw.style import BODY_SIZE, LABEL_SIZE, PALETTE, optimizer_color
from mathdl_anim.draw.text import (
    factor,
    fade_through,
    first_half,
    fit_width,
    ghost_under,
    make_tex,
    make_text,
    num,
    second_half,
)
from mathdl_anim.scene.lesson_scene import LessonScene

#: One size for every word of the recap's pictures (headings, loop labels, legend).
WORDS = LABEL_SIZE
#: The pillars at full size: width, gap, bottom and top; a miniature's room inside one.
PILLAR_W, PILLAR_GAP, PILLAR_BOTTOM, PILLAR_TOP = 3.2, 0.18, -3.0, 0.6
MINI_W, MINI_H = 2.8, 1.25
#: The workbench above the pillars, where a pillar's two miniatures play before they fly in.
BENCH_Y, BENCH_SCALE = 1.85, 1.45
#: The pillars once they step back (scale, top-left corner).
SMALL, SMALL_CORNER = 0.5, (-6.6, 2.95)
#: The neuron: the Neuron scene's diagram (inputs' x, neuron's x, span, radius) and its centre.
NEURON = {"left": -1.2, "right": 2.6, "height": 2.3, "radius": 0.36}
NEURON_Y = -0.5
#: The neuron's scale beside the pillars during the loops (its weights still read at 1080p).
NEURON_SMALL = 0.62
#: The loops: three panels along the bottom.
PANEL_W, PANEL_H, PANEL_Y = 4.3, 2.75, -1.6
#: The gradient pulse's radius where it enters (at the loss).
PULSE_R = 0.17
#: The race: each ball's tail (steps) while it runs, and the opacity of the losers once it ends.
RACE_TAIL, RACE_DIM = 2, 0.35


class Box:
    """A screen rectangle that pictures a window of data: ``point(x, y)`` maps into it."""

    def __init__(self, x_range, y_range, width: float, height: float) -> None:
        self.x_range, self.y_range = x_range, y_range
        self.width, self.height = width, height

    def point(self, x: float, y: float) -> np.ndarray:
        (xa, xb), (ya, yb) = self.x_range, self.y_range
        u = (float(x) - xa) / (xb - xa) - 0.5
        v = (float(y) - ya) / (yb - ya) - 0.5
        return np.array([u * self.width, v * self.height, 0.0])

    def points(self, xs, ys) -> np.ndarray:
        return np.array([self.point(x, y) for x, y in zip(xs, ys)])


def _frame(width: float, height: float) -> Rectangle:
    """An invisible rectangle: it keeps a miniature's size and centre whatever it shows."""
    return Rectangle(width=width, height=height).set_stroke(opacity=0).set_fill(opacity=0)


class CurveMini:
    """A miniature that plots a sampled curve (the calculus pillar's two): its data window, the
    curve drawn in it, and where a point of the window lands once the miniature plays on the
    bench (scaled by ``BENCH_SCALE`` about its frame's centre)."""

    def __init__(self, curve, color: str) -> None:
        self.box = Box(curve.x_range, curve.y_range, MINI_W, MINI_H)
        self.curve = make_polyline(self.box.points(curve.x, curve.y), color, stroke_width=3)

    def mini(self, *parts) -> VGroup:
        """The miniature: its frame, then the curve and ``parts`` (drawn in the window)."""
        return VGroup(_frame(MINI_W, MINI_H), VGroup(self.curve, *parts))

    def on_bench(self, m: VGroup, x: float, y: float) -> np.ndarray:
        """The screen point of ``(x, y)`` while the miniature ``m`` plays on the bench."""
        return self.box.point(x, y) * BENCH_SCALE + m[0].get_center()

    def line(self, ends, color: str, m: VGroup | None = None) -> Line:
        """A segment between two window points: in the miniature, or on the bench if ``m``."""
        (a, b) = ends
        at = (lambda p: self.on_bench(m, *p)) if m is not None else (lambda p: self.box.point(*p))
        return Line(at(a), at(b), color=color, stroke_width=3)


class Recap(LessonScene):
    """Four pillars of key frames, the neuron z = Wx + b, and the three whys as loops."""

    def construct(self) -> None:
        self.show_title("Recap: the four pillars")
        self.raise_pillars()
        self.fill_pillar(0, "linear_algebra", self.digit_grid(), self.row_times_column())
        self.fill_pillar(1, "probability", self.dice_rolls(), self.gaussian_bins())
        self.fill_pillar(2, "statistics", self.balance(), self.normalize())
        self.fill_pillar(3, "calculus", self.secants(), self.descent())
        self.assemble_neuron()
        self.sum_neuron()
        self.play_diverge()
        self.play_race()
        self.play_pulse()
        self.close()
        self.wait(2)

    # -- the pillars -----------------------------------------------------------------------------
    def raise_pillars(self) -> None:
        """Four pillars grow from the floor, each with its name on its base."""
        ex = self.example
        self.pillars = VGroup()
        self.slots = []
        n = len(ex.pillars)
        span = n * PILLAR_W + (n - 1) * PILLAR_GAP
        height = PILLAR_TOP - PILLAR_BOTTOM
        for k, pillar in enumerate(ex.pillars):
            x = -span / 2 + PILLAR_W / 2 + k * (PILLAR_W + PILLAR_GAP)
            frame = RoundedRectangle(corner_radius=0.12, width=PILLAR_W, height=height)
            frame.set_stroke(PALETTE.muted, width=2.5).move_to([x, (PILLAR_TOP + PILLAR_BOTTOM) / 2, 0])
            name = make_text(pillar.name, color=PALETTE.text, font_size=WORDS)
            name.move_to([x, PILLAR_BOTTOM + 0.32, 0]).align_to(
                [0, PILLAR_BOTTOM + 0.45, 0], UP
            )  # capitals level
            self.pillars.add(VGroup(frame, name))
            base = PILLAR_BOTTOM + 0.7
            # the first miniature lands on the base, the second on top of it
            self.slots.append([np.array([x, base + MINI_H / 2 + r * (MINI_H + 0.25), 0]) for r in (0, 1)])
        self.say("pillars")
        self.play(LaggedStart(*(GrowFromEdge(p[0], DOWN) for p in self.pillars), lag_ratio=0.2), run_time=2.0)
        self.play(
            LaggedStart(*(FadeIn(p[1], shift=0.2 * UP) for p in self.pillars), lag_ratio=0.2), run_time=1.4
        )

    def fill_pillar(self, k: int, beat: str, *minis) -> None:
        """Each of the pillar's two miniatures plays large above it, then drops into it."""
        fields = (
            {"mean": self.example.feature.mean, "std": self.example.feature.std}
            if beat == "statistics"
            else {}
        )
        self.say(beat, **fields)
        pillar = self.pillars[k]
        reach = config.frame_width / 2 - 0.4 - MINI_W * BENCH_SCALE / 2
        for (mini, motion), slot in zip(minis, self.slots[k]):
            mini.scale(BENCH_SCALE).move_to([float(np.clip(slot[0], -reach, reach)), BENCH_Y, 0])
            motion(mini)
            self.play(
                mini.animate.scale(1 / BENCH_SCALE).move_to(slot),
                pillar[0].animate(rate_func=there_and_back).set_stroke(PALETTE.text),
                run_time=1.0,
            )
            pillar.add(mini)

    # -- linear algebra --------------------------------------------------------------------------
    def digit_grid(self):
        ex = self.example
        side = MINI_H / 8
        image = make_digit_image(ex.digit.pixels, INK_LEVELS, side=side, grid=0.5)
        mini = VGroup(_frame(MINI_W, MINI_H), image)

        def motion(m) -> None:
            rows = m[1]
            self.add(m[0])
            self.play(LaggedStart(*(FadeIn(r, shift=0.3 * DOWN) for r in rows), lag_ratio=0.15), run_time=1.6)

        return mini, motion

    def row_times_column(self):
        ex = self.example
        side = 0.3
        top = float(max(np.abs(ex.A).max(), np.abs(ex.B).max()))

        def grid(M, ink, full):
            rows = VGroup()
            for r, row in enumerate(M):
                rows.add(
                    VGroup(
                        *(
                            RoundedRectangle(corner_radius=0.03, width=side, height=side)
                            .set_stroke(ink, width=1.5)
                            .set_fill(ink_color(v, full, ink), opacity=1)
                            .move_to([c * side * 1.1, -r * side * 1.1, 0])
                            for c, v in enumerate(row)
                        )
                    )
                )
            return rows

        A = grid(ex.A, PALETTE.input, top)
        B = grid(ex.B, PALETTE.weight, top)
        C = grid(ex.C, PALETTE.output, float(np.abs(ex.C).max()))
        arrow = Line(LEFT * 0.25, RIGHT * 0.25, color=PALETTE.muted, stroke_width=2).add_tip(tip_length=0.12)
        row = fit_width(VGroup(A, B, arrow, C).arrange(RIGHT, buff=0.22), MINI_W - 0.2)
        mini = VGroup(_frame(MINI_W, MINI_H), row)
        row.move_to(mini[0])

        def motion(m) -> None:
            A, B, _, C = m[1]
            for r in C:
                for cell in r:
                    cell.save_state()
                    cell.set_fill(opacity=0)
            self.play(FadeIn(m[1]), run_time=0.6)
            for i in range(len(A)):
                for j in range(len(B[0])):
                    hi_row = SurroundingRectangle(A[i], color=PALETTE.highlight, buff=0.04, stroke_width=2)
                    hi_col = SurroundingRectangle(
                        VGroup(*(r[j] for r in B)), color=PALETTE.highlight, buff=0.04, stroke_width=2
                    )
                    self.play(FadeIn(hi_row), FadeIn(hi_col), run_time=0.25)
                    self.play(C[i][j].animate.restore(), FadeOut(hi_row), FadeOut(hi_col), run_time=0.35)

        return mini, motion

    # -- probability -----------------------------------------------------------------------------
    def dice_rolls(self):
        ex = self.example
        counts = ex.die_counts
        k = len(counts)
        box = Box((0.5, k + 0.5), (0, float(counts.max()) * 1.15), 1.8, MINI_H * 0.9)
        bars = VGroup()
        for face, c in enumerate(counts, start=1):
            lo, hi = box.point(face - 0.38, 0), box.point(face + 0.38, c)
            bars.add(
                Rectangle(width=hi[0] - lo[0], height=hi[1] - lo[1])
                .set_fill(PALETTE.input, opacity=0.75)
                .set_stroke(PALETTE.input, width=1)
                .move_to((lo + hi) / 2)
            )
        expected = DashedLine(
            box.point(0.5, ex.die_probabilities[0] * counts.sum()),
            box.point(k + 0.5, ex.die_probabilities[0] * counts.sum()),
            color=PALETTE.muted,
            stroke_width=2,
        )
        base = Line(box.point(0.5, 0), box.point(k + 0.5, 0), color=PALETTE.muted, stroke_width=2)
        chart = VGroup(base, bars, expected).shift(0.45 * RIGHT)
        die = make_die_face(5, size=0.65).move_to([-1.0, 0, 0])
        mini = VGroup(_frame(MINI_W, MINI_H), chart, die)

        def motion(m) -> None:
            _, chart, die = m
            self.play(FadeIn(die), Create(chart[0]), run_time=0.5)
            self.play(
                Rotate(die, angle=2 * np.pi),
                LaggedStart(*(GrowFromEdge(b, DOWN) for b in chart[1]), lag_ratio=0.15),
                run_time=1.6,
            )
            self.play(Create(chart[2]), run_time=0.5)

        return mini, motion

    def gaussian_bins(self):
        ex = self.example
        edges, counts, curve = ex.gauss_edges, ex.gauss_counts, ex.gauss_curve
        box = Box((edges[0], edges[-1]), curve.y_range, MINI_W, MINI_H)
        bars = VGroup()
        for left, right, c in zip(edges[:-1], edges[1:], counts):
            lo, hi = box.point(left, 0), box.point(right, c)
            bars.add(
                Rectangle(width=hi[0] - lo[0], height=max(hi[1] - lo[1], 1e-3))
                .set_fill(PALETTE.input, opacity=0.7 if c > 0 else 0)
                .set_stroke(PALETTE.input, width=0.5 if c > 0 else 0)
                .move_to((lo + hi) / 2)
            )
        pdf = make_polyline(box.points(curve.x, curve.y), PALETTE.activation, stroke_width=3)
        base = Line(box.point(edges[0], 0), box.point(edges[-1], 0), color=PALETTE.muted, stroke_width=2)
        mini = VGroup(_frame(MINI_W, MINI_H), VGroup(base, bars, pdf))

        def motion(m) -> None:
            base, bars, pdf = m[1]
            order = np.argsort(np.abs(np.arange(len(bars)) - len(bars) / 2))
            self.play(Create(base), run_time=0.4)
            self.play(
                LaggedStart(*(GrowFromEdge(bars[int(i)], DOWN) for i in order), lag_ratio=0.05), run_time=1.6
            )
            self.play(Create(pdf), run_time=0.9)

        return mini, motion

    # -- statistics ------------------------------------------------------------------------------
    def _dots(self, box, values, y0: float, color: str):
        """One dot per value on the line at height ``y0``, equal values stacked."""
        dots = VGroup()
        seen: dict[float, int] = {}
        for v in values:
            n = seen.get(float(v), 0)
            seen[float(v)] = n + 1
            dots.add(Dot(box.point(v, y0) + (0.1 + 0.17 * n) * UP, radius=0.075, color=color))
        return dots

    def balance(self):
        f = self.example.feature
        lo, hi = float(f.data.min()), float(f.data.max())
        pad = 0.15 * (hi - lo)
        box = Box((lo - pad, hi + pad), (0, 1), MINI_W, MINI_H)
        line = Line(box.point(lo - pad, 0.25), box.point(hi + pad, 0.25), color=PALETTE.muted, stroke_width=2)
        dots = self._dots(box, f.data, 0.25, PALETTE.input)
        fulcrum = VMobject().set_points_as_corners(
            [
                box.point(f.mean, 0.25),
                box.point(f.mean, 0.25) + [-0.13, -0.22, 0],
                box.point(f.mean, 0.25) + [0.13, -0.22, 0],
                box.point(f.mean, 0.25),
            ]
        )
        fulcrum.set_stroke(PALETTE.bias, width=2).set_fill(PALETTE.bias, opacity=1)
        spread = Line(
            box.point(f.mean - f.std, 0.02),
            box.point(f.mean + f.std, 0.02),
            color=PALETTE.bias,
            stroke_width=4,
        )
        note = self.stats_note(f.mean, f.std, box)
        mini = VGroup(_frame(MINI_W, MINI_H), VGroup(line, dots, fulcrum, spread, note))

        def motion(m) -> None:
            line, dots, fulcrum, spread, note = m[1]
            self.play(
                Create(line),
                LaggedStart(*(FadeIn(d, shift=0.4 * DOWN) for d in dots), lag_ratio=0.1),
                run_time=1.2,
            )
            start = fulcrum.copy().shift(line.get_left() - fulcrum.get_top())
            self.play(Transform(start, fulcrum), run_time=1.0)
            self.remove(start)
            self.add(fulcrum)
            self.play(GrowFromCenter(spread), FadeIn(note), run_time=0.7)

        return mini, motion

    @staticmethod
    def stats_note(mean: float, std: float, box) -> VGroup:
        """``mu = .., sigma = ..`` in the mini frame's upper right (the numbers the narration says)."""
        note = make_tex(rf"\mu = {num(mean)},\ \sigma = {num(std)}", color=PALETTE.bias, font_size=LABEL_SIZE)
        note.move_to([0.0, box.point(0, 0.82)[1], 0.0])
        return note.align_to(np.array([MINI_W / 2 - 0.12, 0.0, 0.0]), RIGHT)

    def normalize(self):
        f = self.example.feature
        lo, hi = float(f.data.min()), float(f.data.max())
        pad = 0.15 * (hi - lo)
        raw = Box((lo - pad, hi + pad), (0, 1), MINI_W, MINI_H)
        z = f.normalized
        zl, zh = float(z.min()), float(z.max())
        half = max(abs(zl), abs(zh)) * 1.15
        scaled = Box((-half, half), (0, 1), MINI_W, MINI_H)
        line = Line(raw.point(lo - pad, 0.25), raw.point(hi + pad, 0.25), color=PALETTE.muted, stroke_width=2)
        ticks = VGroup(
            *(
                Line(
                    scaled.point(t, 0.25) + 0.08 * DOWN,
                    scaled.point(t, 0.25) + 0.08 * UP,
                    color=PALETTE.muted,
                    stroke_width=2,
                )
                for t in (-1.0, 1.0)
            )
        )
        centre = Line(
            scaled.point(0, 0.25) + 0.14 * DOWN,
            scaled.point(0, 0.25) + 0.14 * UP,
            color=PALETTE.bias,
            stroke_width=4,
        )
        before = self._dots(raw, f.data, 0.25, PALETTE.input)
        after = self._dots(scaled, z, 0.25, PALETTE.input)
        spread = Line(scaled.point(-1, 0.02), scaled.point(1, 0.02), color=PALETTE.bias, stroke_width=4)
        note = self.stats_note(f.normalized_mean, f.normalized_std, scaled)
        mini = VGroup(_frame(MINI_W, MINI_H), VGroup(line, ticks, centre, after, spread, note))

        def motion(m) -> None:
            line, ticks, centre, after, spread, note = m[1]
            start = before.copy().scale(BENCH_SCALE, about_point=np.zeros(3)).shift(m[0].get_center())
            self.play(Create(line), FadeIn(start), run_time=0.8)
            self.play(FadeIn(centre), FadeIn(ticks), run_time=0.5)
            self.play(Transform(start, after), GrowFromCenter(spread), FadeIn(note), run_time=1.5)
            self.remove(start)
            self.add(after)

        return mini, motion

    # -- calculus --------------------------------------------------------------------------------
    def secants(self):
        ex = self.example
        plot = CurveMini(ex.slope_curve, PALETTE.text)
        dot = Dot(plot.box.point(ex.x0, ex.f_x0), radius=0.06, color=PALETTE.text)
        tangent = plot.line(ex.secant(ex.slope), PALETTE.gradient)
        mini = plot.mini(dot, tangent)

        def motion(m) -> None:
            curve, dot, tangent = m[1]
            self.play(Create(curve), FadeIn(dot), run_time=0.8)
            moving = plot.line(ex.secant(ex.secant_slopes[0]), PALETTE.muted, m)
            self.play(Create(moving), run_time=0.4)
            for s in ex.secant_slopes[1:]:
                self.play(Transform(moving, plot.line(ex.secant(s), PALETTE.muted, m)), run_time=0.3)
            self.play(Transform(moving, tangent), run_time=0.5)
            self.remove(moving)
            self.add(tangent)

        return mini, motion

    def descent(self):
        ex = self.example
        c = ex.loss_curve
        plot = CurveMini(c, PALETTE.output)
        ws = ex.descent
        loss = np.interp(ws, c.x, c.y)
        ball = make_ball(PALETTE.weight, radius=0.08).move_to(plot.box.point(ws[-1], loss[-1]))
        mini = plot.mini(ball)

        def motion(m) -> None:
            curve, ball = m[1]
            pts = [plot.on_bench(m, w, v) for w, v in zip(ws, loss)]
            runner = make_ball(PALETTE.weight, radius=0.08 * BENCH_SCALE).move_to(pts[0])
            self.play(Create(curve), FadeIn(runner), run_time=0.8)
            for a, b in zip(pts, pts[1:]):
                self.play(MoveAlongPath(runner, ArcBetweenPoints(a, b, angle=-0.8)), run_time=0.5)
            self.remove(runner)
            self.add(ball)

        return mini, motion

    # -- the neuron ------------------------------------------------------------------------------
    def assemble_neuron(self) -> None:
        ex = self.example
        corner = np.array([*SMALL_CORNER, 0.0])
        target = self.pillars.copy().scale(SMALL)
        target.shift(corner - target.get_corner(UP + LEFT))
        formula = make_tex("z", "=", "W", "x", "+", "b", font_size=BODY_SIZE + 8)
        for part, role in zip(formula, ("output", "text", "weight", "input", "text", "bias")):
            part.set_color(getattr(PALETTE, role))
        formula.move_to([3.4, 2.3, 0])
        d = make_layer_diagram(ex.x, [ex.W], **NEURON).shift(NEURON_Y * UP)
        neuron = d.neurons[0]
        arrow = Line(
            neuron.get_right() + 0.08 * RIGHT, neuron.get_right() + 1.4 * RIGHT, color=PALETTE.output
        )
        arrow.add_tip(tip_length=0.2)
        z_name = make_tex("z", color=PALETTE.output, font_size=BODY_SIZE).next_to(arrow, RIGHT)
        self.say("neuron")
        self.play(
            self.pillars.animate.scale(SMALL).shift(target.get_center() - self.pillars.get_center()),
            Write(formula),
            run_time=1.4,
        )

        def ghosts(symbol, targets):
            """Ghost copies of a symbol of the formula fly to the parts it names and fade there
            (under the formula's line, not across its other symbols)."""
            return [ghost_under(symbol.copy().set_opacity(0.45), t.get_center(), scale=1.0) for t in targets]

        # x names the inputs, z the neuron's output, W the weights on the edges
        self.play(
            *ghosts(formula[3], d.inputs),
            *(GrowFromCenter(node, rate_func=second_half) for node in d.inputs),
            run_time=1.4,
        )
        self.play(
            *ghosts(formula[0], [z_name]),
            GrowFromCenter(neuron),
            Create(arrow),
            FadeIn(z_name, rate_func=second_half),
            run_time=1.0,
        )
        self.play(
            *ghosts(formula[2], d.weight_labels),
            LaggedStart(*(Create(e) for e in d.edges[0]), lag_ratio=0.3),
            *(FadeIn(w, rate_func=second_half) for w in d.weight_labels),
            run_time=1.5,
        )
        self.formula, self.diagram, self.arrow, self.z_name = formula, d, arrow, z_name

    def sum_neuron(self) -> None:
        ex, d = self.example, self.diagram
        neuron = d.neurons[0]
        parts = ["z", "="]
        for j, (w, x) in enumerate(zip(ex.W, ex.x)):
            parts += (["+"] if j else []) + [num(x) + r"\cdot " + factor(w)]
        parts += ["+", num(ex.b), "=", num(ex.z)]
        line = fit_width(make_tex(*parts, font_size=BODY_SIZE), 12.0).move_to([0.6, -2.75, 0])
        line[0].set_color(PALETTE.output)
        line[-1].set_color(PALETTE.output)
        self.say("neuron_sum", b=ex.b, z=ex.z)
        travellers = [node[1].copy().set_opacity(0.45) for node in d.inputs]  # ghosts: they meet
        self.play(FadeIn(line[:2]), run_time=0.4)
        # each input rides its (straight) edge into the neuron, shrinking and fading on the way (one
        # animation per traveller: a MoveAlongPath beside a .animate on the same mobject is
        # overridden by it, and the inputs only flickered in place)
        self.play(
            LaggedStart(
                *(t.animate.move_to(neuron.get_center()).scale(0.6).set_opacity(0) for t in travellers),
                lag_ratio=0.3,
            ),
            LaggedStart(
                *(FadeIn(line[2 + 2 * j - (1 if j else 0) : 3 + 2 * j]) for j in range(len(ex.x))),
                lag_ratio=0.3,
            ),
            run_time=2.0,
        )
        total = make_tex(num(float(np.sum(ex.terms))), font_size=LABEL_SIZE).move_to(neuron)
        self.remove(*travellers)  # they faded as they met in the neuron
        self.play(FadeIn(total), run_time=0.5)
        bias = make_tex("+", num(ex.b), color=PALETTE.bias, font_size=LABEL_SIZE).next_to(
            neuron, UP + RIGHT, buff=0.1
        )
        self.play(FadeIn(bias, shift=0.2 * DOWN), FadeIn(line[-4:-2]), run_time=0.7)
        z_total = make_tex(num(ex.z), color=PALETTE.output, font_size=LABEL_SIZE).move_to(neuron)
        z_value = make_tex("z", "=", num(ex.z), color=PALETTE.output, font_size=BODY_SIZE).next_to(
            self.arrow, RIGHT
        )
        self.play(
            bias.animate(rate_func=first_half).move_to(neuron).set_opacity(0),
            *fade_through(total, z_total),
            FadeIn(line[-2:]),
            neuron.animate.set_stroke(PALETTE.output),
            run_time=0.9,
        )
        self.remove(bias)
        self.play(*fade_through(self.z_name, z_value), run_time=0.6)
        self.wait(0.5)
        self.sum_line, self.z_total, self.z_value = line, z_total, z_value

    # -- the three whys --------------------------------------------------------------------------
    def make_panels(self) -> None:
        """The neuron steps up beside the pillars; three panels open along the bottom."""
        neuron = VGroup(self.diagram, self.arrow, self.z_total, self.z_value)
        target = neuron.copy().scale(NEURON_SMALL)
        target.move_to([3.5, 1.0, 0])
        self.panels = VGroup()
        for k in range(3):
            frame = RoundedRectangle(corner_radius=0.12, width=PANEL_W, height=PANEL_H)
            frame.set_stroke(PALETTE.muted, width=2).move_to([(k - 1) * (PANEL_W + 0.2), PANEL_Y, 0])
            self.panels.add(frame)
        # the neuron clears the bottom before the panels draw there (they never cross it)
        self.play(
            FadeOut(self.sum_line),
            neuron.animate.scale(NEURON_SMALL).move_to(target),
            self.formula.animate.scale(0.8).move_to([3.5, 2.55, 0]),
            run_time=0.8,
        )
        self.play(LaggedStart(*(Create(p) for p in self.panels), lag_ratio=0.3), run_time=0.8)
        self.neuron = neuron

    def play_diverge(self) -> None:
        ex = self.example
        run, c = ex.diverge, ex.diverge_curve
        self.say("diverge", lr=run.lr, cap=ex.diverge_cap)
        self.make_panels()
        frame = self.panels[0]
        box = Box(c.x_range, c.y_range, PANEL_W - 0.5, PANEL_H - 0.9)
        place = frame.get_center() + 0.3 * DOWN
        curve = make_polyline(box.points(c.x, c.y) + place, PALETTE.output, stroke_width=3)
        losses = [float(np.interp(w, c.x, c.y)) for w in run.iterates]
        pts = [box.point(w, v) + place for w, v in zip(run.iterates, losses)]
        label = make_tex(r"\eta = " + num(run.lr) + r" > 2/a = " + num(ex.diverge_cap), font_size=WORDS)
        label.move_to(frame.get_top() + 0.3 * DOWN)
        ball = make_ball(PALETTE.weight, radius=0.09).move_to(pts[0])
        self.play(Create(curve), FadeIn(label), FadeIn(ball), run_time=1.0)
        self.diverge_parts = (ball, pts)
        self._hops(ball, pts, 0.55)

    def _hops(self, ball, pts, step: float) -> None:
        """The ball jumps from point to point along arcs, one step each."""
        ball.move_to(pts[0])
        for a, b in zip(pts, pts[1:]):
            self.play(MoveAlongPath(ball, ArcBetweenPoints(a, b, angle=-0.6)), run_time=step)

    def play_race(self) -> None:
        ex = self.example
        frame = self.panels[1]
        (xa, xb), (ya, yb) = ex.race_box
        box = Box((xa, xb), (ya, yb), 2.2, PANEL_H - 0.5)
        place = frame.get_center() + 0.95 * LEFT
        contours = VGroup()
        for segs in ex.race_contours:
            vm = VMobject(stroke_color=PALETTE.muted, stroke_width=1.5)
            for p, q in segs:
                vm.start_new_path(box.point(*p) + place)
                vm.add_line_to(box.point(*q) + place)
            contours.add(vm)
        minimum = Dot(box.point(0, 0) + place, radius=0.05, color=PALETTE.muted)
        legend = VGroup(
            *(
                VGroup(
                    Dot(radius=0.07, color=optimizer_color(t.name)),
                    make_text(OPTIMIZER_NAMES[t.name], color=optimizer_color(t.name), font_size=WORDS),
                ).arrange(RIGHT, buff=0.12)
                for t in ex.race
            )
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.18)
        legend.next_to(frame.get_right(), LEFT, buff=0.15)
        balls = VGroup(*(make_ball(optimizer_color(t.name), radius=0.07) for t in ex.race))
        t = ValueTracker(0.0)
        trails = VGroup(*(VMobject() for _ in ex.race))

        def follow(group) -> None:
            """Each ball at step ``t``, with a short faint tail of its last steps (whole trails
            zigzagging across the valley would bury the miniature)."""
            now = t.get_value()
            k = int(np.floor(now))
            for ball, trail, trace in zip(balls, trails, ex.race):
                pts = [box.point(*p) + place for p in trace.points[max(0, k + 1 - RACE_TAIL) : k + 1]]
                pts.append(box.point(*trace.at(now)) + place)
                trail.become(make_polyline(np.array(pts), optimizer_color(trace.name), stroke_width=2))
                trail.set_stroke(opacity=0.5)
                ball.move_to(pts[-1])

        race = VGroup(trails, balls)
        follow(race)
        self.say("race")
        self.play(Create(contours), FadeIn(minimum), FadeIn(legend), FadeIn(balls), run_time=1.0)
        self.add(race)
        race.add_updater(follow)
        self.play(t.animate.set_value(len(ex.race[0].points) - 1), run_time=4.0, rate_func=lambda s: s)
        race.remove_updater(follow)
        # the winner's whole path draws itself, the others dim; the legend lines up in the order
        # they finished (the lowest loss on top), the winner's entry bright
        names = [trace.name for trace in ex.race]
        lead = names.index(ex.race_ranking[0])
        path = make_polyline(
            np.array([box.point(*p) + place for p in ex.race[lead].points]),
            optimizer_color(names[lead]),
            stroke_width=3.5,
        )
        slots = [entry.get_left() for entry in legend]
        ranked = VGroup(
            *(
                legend[names.index(name)].copy().move_to(slots[rank], aligned_edge=LEFT)
                for rank, name in enumerate(ex.race_ranking)
            )
        )
        for entry in ranked[1:]:
            entry.set_opacity(RACE_DIM)
        self.play(
            Create(path),
            trails.animate.set_stroke(opacity=0),
            *(ball.animate.set_opacity(RACE_DIM) for k, ball in enumerate(balls) if k != lead),
            *fade_through(legend, ranked),
            run_time=1.2,
        )
        self.bring_to_front(balls)
        self.race_tracker, self.race_follow, self.race = t, follow, race

    def play_pulse(self) -> None:
        ex = self.example
        frame = self.panels[2]
        depth = len(ex.pulse["sigmoid"])
        size, gap = 0.4, 0.18
        rows = VGroup()
        for act in ("sigmoid", "relu"):
            boxes = VGroup(
                *(
                    RoundedRectangle(corner_radius=0.06, width=size, height=size).set_stroke(
                        PALETTE.activation, width=2
                    )
                    for _ in range(depth)
                )
            ).arrange(RIGHT, buff=gap)
            name = make_tex(
                r"\sigma" if act == "sigmoid" else r"\mathrm{ReLU}", color=PALETTE.activation, font_size=WORDS
            )
            row = VGroup(name, boxes).arrange(RIGHT, buff=0.25)
            rows.add(row)
        rows.arrange(DOWN, buff=0.55, aligned_edge=RIGHT).move_to(
            frame.get_center() + 0.1 * DOWN + 0.05 * LEFT
        )
        self.say("vanish")
        self.play(FadeIn(rows), run_time=1.0)
        self.pulse_rows = rows
        self._pulse(rows, ex)

    def _pulse_stops(self, rows, ex):
        """For each row: where its pulse stops (the output end, then each box from the last to the
        first) and its width there, the dot's area being the gradient's size."""
        stops = []
        for row, act in zip(rows, ("sigmoid", "relu")):
            boxes, grads = row[1], ex.pulse[act]
            back = range(len(grads) - 1, -1, -1)
            points = [boxes[-1].get_right() + 0.22 * RIGHT] + [boxes[layer].get_center() for layer in back]
            widths = [2 * PULSE_R] + [
                max(2 * PULSE_R * float(np.sqrt(min(grads[layer], 1.6))), 0.005) for layer in back
            ]
            stops.append((points, widths))
        return stops

    def _pulse(self, rows, ex, slow: float = 0.55) -> None:
        """A red dot enters each row at its output end and travels back box by box."""
        stops = self._pulse_stops(rows, ex)
        dots = VGroup(*(Dot(points[0], radius=PULSE_R, color=PALETTE.gradient) for points, _ in stops))
        self.play(FadeIn(dots), run_time=0.3)
        for k in range(1, len(stops[0][0])):
            self.play(
                *(
                    dot.animate.move_to(points[k]).scale_to_fit_width(widths[k])
                    for dot, (points, widths) in zip(dots, stops)
                ),
                run_time=slow,
            )
        self.pulse_dots = dots

    def close(self) -> None:
        """The three loops play again, together, on one clock."""
        ex = self.example
        self.say("close")
        ball, pts = self.diverge_parts
        arcs = [ArcBetweenPoints(a, b, angle=-0.6) for a, b in zip(pts, pts[1:])]
        self.remove(self.pulse_dots)
        stops = self._pulse_stops(self.pulse_rows, ex)
        dots = VGroup(*(Dot(points[0], radius=PULSE_R, color=PALETTE.gradient) for points, _ in stops))
        clock = ValueTracker(0.0)
        steps = len(ex.race[0].points) - 1

        def along(u: float, n: int) -> tuple[int, float]:
            """Leg ``k`` of ``n`` and how far along it, at ``u`` of the whole way."""
            k = min(int(u * n), n - 1)
            return k, min(u * n - k, 1.0)

        def loop(_) -> None:
            u = clock.get_value()
            self.race_tracker.set_value(u * steps)
            self.race_follow(None)
            k, f = along(u, len(arcs))
            ball.move_to(arcs[k].point_from_proportion(f))
            for dot, (points, widths) in zip(dots, stops):
                k, f = along(u, len(points) - 1)
                dot.move_to(points[k] + f * (points[k + 1] - points[k]))
                dot.scale_to_fit_width(widths[k] + f * (widths[k + 1] - widths[k]))

        ball.move_to(pts[0])
        self.play(FadeIn(dots), run_time=0.3)
        loops = VGroup(ball, dots, self.race)
        self.add(loops)  # its updater runs only while it is in the scene
        loops.add_updater(loop)
        self.play(clock.animate.set_value(1.0), run_time=5.0, rate_func=lambda t: t)
        loops.remove_updater(loop)
