"""Why isn't my model converging? Gradient descent on one weight, with several learning rates.

One weight of a network, its loss ``L(w)``, and the curvature ``a = L''`` defined by a tangent
sliding along the bowl. Then copies of the bowl side by side, one learning rate each: before every
jump the tangent, then the step arrow ``-lr L'(w)``, then the ball lands; a panel whose ball
would leave it zooms out to follow it (the bowl maps onto itself: ``w`` scales by ``s`` and ``L`` by
``s^2``, so only the ticks and the ball move). Then the distance to the minimum on a log axis:
straight lines of slope ``log|1 - lr a|``; the factor ``1 - lr a`` against ``lr``, folded to its
size, shows the rule ``lr < 2/a``, and why two rates with the same ``|1 - lr a|`` end alike.
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
    Arrow,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    Line,
    MoveAlongPath,
    MoveToTarget,
    NumberLine,
    Transform,
    UpdateFromAlphaFunc,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    always_redraw,
    linear,
)

from mathdl_anim.draw.counters import make_step_counter
from mathdl_anim.draw.plots import tick_step
from mathdl_anim.draw.shapes import make_ball
from mathdl_anim.draw.style import LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import fade_through, first_half, fit_width, make_counter, make_tex, make_text, num
from mathdl_anim.scene.lesson_scene import LessonScene

#: Regimes as the viewer reads them.
REGIME_WORDS = {
    "slow": "slow",
    "good": "good",
    "oscillates": "oscillates",
    "bounces": "bounces forever",
    "diverges": "diverges",
}

#: The band under the title for the formulas.
BAND_Y = 2.85
#: A panel at full size: axis length, height of the bowl at the window's edge.
PANEL_W, PANEL_H = 5.6, 1.55
#: The 2 x 2 grid: the panels' centres and axis heights.
CELL_X = (-3.45, 3.45)
AXIS_Y = (0.4, -2.3)
#: The intro: the first panel this much larger, its axis here.
BIG, BIG_AT = 1.45, (1.35, -1.75)
#: A single learning rate: its panel this much larger, in the middle.
SINGLE, SINGLE_AT = 1.75, (0.0, -1.85)
#: The left column the panels shrink into, and their scale there.
COLUMN_X, COLUMN_SCALE = -4.95, 0.52
#: How much the column's words grow back (they would be under 20 px tall at 1080p).
TEXT_GROWTH = 1.4
TICK_GROWTH = 1.3
READOUT_GROWTH = 1.25
#: The log plot and the factor plot on the right: origin, width, height.
LOG_ORIGIN, LOG_W, LOG_H = (-2.5, 0.4), 7.0, 1.8
FOLD_ORIGIN, FOLD_W, FOLD_H = (-2.5, -2.75), 7.0, 2.1


def series(n: int) -> str:
    """The categorical colour of run ``n`` (no meaning colour: these are just four runs)."""
    return PALETTE.series[n % len(PALETTE.series)]


# ---------------------------------------------------------------------------------------------
class Panel:
    """The bowl of one run: a ``w`` axis whose window (half-width ``half`` around ``w*``) can
    grow, the curve, and the mobjects placed at weights (ball, marks) that follow a zoom.

    Geometry is read from the axis line, so the panel may be moved and scaled as a group."""

    def __init__(self, ex, half: float, color: str, center_x: float, axis_y: float) -> None:
        self.ex, self.half, self.color = ex, half, color
        self.line = NumberLine(
            x_range=[ex.w_star - half, ex.w_star + half, half],
            length=PANEL_W,
            include_ticks=False,
            include_tip=False,
            color=PALETTE.muted,
            stroke_width=2,
        )
        self.line.move_to([center_x, axis_y, 0])
        self.line.labels = self.make_ticks(half)
        self.line.add(self.line.labels)
        u = np.linspace(-1, 1, 81)
        self.curve = VMobject(color=PALETTE.output, stroke_width=3)
        self.curve.set_points_smoothly([self._at(x, x * x) for x in u])
        self.name = make_tex("w", color=PALETTE.weight, font_size=LABEL_SIZE)
        self.name.next_to(self.line.get_end(), RIGHT, buff=0.1)
        self.group = VGroup(self.line, self.curve, self.name)
        self.placed: list[tuple[object, float]] = []  # (mobject, w) on the bowl

    # geometry ---------------------------------------------------------------------------
    @property
    def length(self) -> float:
        """The axis line's length on screen (its labels aside)."""
        return float(np.linalg.norm(self.line.get_end() - self.line.get_start()))

    @property
    def scale(self) -> float:
        return self.length / PANEL_W

    def _at(self, u: float, v: float) -> np.ndarray:
        """Screen point of ``u`` (``(w - w*)/half``) across and ``v`` (``L / L(edge)``) up."""
        c = (self.line.get_start() + self.line.get_end()) / 2
        return np.array([c[0] + u * self.length / 2, c[1] + v * PANEL_H * self.scale, 0.0])

    def point(self, w: float, half: float | None = None) -> np.ndarray:
        """The screen point of ``(w, L(w))`` with the window ``half`` (default: the current)."""
        u = (w - self.ex.w_star) / (half or self.half)
        return self._at(u, u * u)

    def axis_point(self, w: float, half: float | None = None) -> np.ndarray:
        return self._at((w - self.ex.w_star) / (half or self.half), 0.0)

    def tangent(self, w: float, length: float = 1.3) -> Line:
        """The tangent at ``w``, ``length`` long on screen (scaled with the panel)."""
        h, s = self.half, self.scale
        dx = self.length / (2 * h)
        dy = PANEL_H * s * 2 * (w - self.ex.w_star) / h**2
        d = np.array([dx, dy, 0.0]) / math.hypot(dx, dy) * length * s / 2
        p = self.point(w)
        return Line(p - d, p + d, color=PALETTE.text, stroke_width=3)

    def make_ticks(self, half: float) -> VGroup:
        """Tick marks and numbers at round weights inside the window (a label per tick)."""
        step = tick_step(2 * half)
        lo, hi = self.ex.w_star - half, self.ex.w_star + half
        values = [k * step for k in range(math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9) + 1)]
        group = VGroup()
        s = self.scale
        for v in values:
            p = self.axis_point(v, half)
            tick = Line(p + 0.05 * s * UP, p + 0.05 * s * DOWN, color=PALETTE.muted, stroke_width=2)
            label = make_tex(num(v), color=PALETTE.muted, font_size=LABEL_SIZE - 4).scale(s)
            label.next_to(p, DOWN, buff=0.1 * s)
            tick.value, label.value = v, v
            group.add(VGroup(tick, label))
        # wide numbers (10^29 ...): keep every m-th label, the minimum's among them, so none touch
        for m in range(1, len(values) + 1):
            kept = [pair[1] for pair in group if round(pair[1].value / step) % m == 0]
            if all(b.get_left()[0] - a.get_right()[0] > 0.12 * s for a, b in zip(kept, kept[1:])):
                break
        for pair in group:
            if round(pair[1].value / step) % m != 0:
                pair.remove(pair[1])
        return group

    def place(self, mob, w: float):
        """Put ``mob`` on the bowl at ``w``; it follows the zooms."""
        mob.move_to(self.point(w))
        self.placed.append((mob, w))
        return mob

    def zoom(self, new_half: float, scene: LessonScene, run_time: float) -> None:
        """Zoom out to ``new_half``: the old ticks slide in and fade, the new ones fade in, the
        ball and its marks slide down the bowl (which maps onto itself)."""
        old_half, old_ticks = self.half, self.line.labels
        new_ticks = self.make_ticks(new_half)
        placed = list(self.placed)

        def update(_mob, t: float) -> None:
            h = old_half * (new_half / old_half) ** t
            for mob, w in placed:
                mob.move_to(self.point(w, h))
            for pair in old_ticks:
                p = self.axis_point(pair[0].value, h)
                pair[0].move_to(p)
                if len(pair) > 1:
                    pair[1].next_to(p, DOWN, buff=0.1 * self.scale)
                pair.set_opacity(max(0.0, 1 - 2 * t))

        new_ticks.set_opacity(0)
        self.line.add(new_ticks)  # numbers of the axis (never loose labels), fading in

        def reveal(mob, t: float) -> None:
            update(mob, t)
            new_ticks.set_opacity(max(0.0, 2 * t - 1))

        carrier = VGroup(*(m for m, _ in placed), self.line)  # the ticks are the line's own
        scene.play(UpdateFromAlphaFunc(carrier, reveal), run_time=run_time)
        # the play made the carrier one mobject of the scene, taking its parts out of the panel:
        # the carrier goes, the panel and what stands on it come back whole
        if carrier in scene.mobjects:
            scene.mobjects.remove(carrier)
        scene.add(self.group, *(m for m, _ in placed))
        self.line.remove(old_ticks)
        self.line.labels = new_ticks
        self.line.x_range = np.array([self.ex.w_star - new_half, self.ex.w_star + new_half, new_half])
        self.half = new_half


# ---------------------------------------------------------------------------------------------
class Plot:
    """Two number lines meeting at ``origin`` (the x one at the bottom, the y one at the left)."""

    def __init__(self, x_range, y_range, width, height, origin, x_labels, y_labels, x_name, y_name):
        origin = np.array([*origin, 0.0])
        self.x = NumberLine(
            x_range=list(x_range), length=width, include_tip=False, color=PALETTE.muted, stroke_width=2
        )
        self.x.shift(origin - self.x.n2p(x_range[0]))
        self.y = NumberLine(
            x_range=list(y_range),
            length=height,
            rotation=PI / 2,
            include_tip=False,
            color=PALETTE.muted,
            stroke_width=2,
        )
        self.y.shift(origin - self.y.n2p(y_range[0]))
        size = LABEL_SIZE - 4
        self.x.add_labels(
            {v: make_tex(num(v), color=PALETTE.muted, font_size=size) for v in x_labels},
            direction=DOWN,
            buff=0.12,
            font_size=size,
        )
        self.y.add_labels(
            {v: make_tex(t, color=PALETTE.muted, font_size=size) for v, t in y_labels.items()},
            direction=LEFT,
            buff=0.12,
            font_size=size,
        )
        self.x_name = make_tex(x_name, color=PALETTE.muted, font_size=LABEL_SIZE)
        self.x_name.next_to(self.x.get_end(), RIGHT, buff=0.12)
        self.y_name = make_tex(y_name, color=PALETTE.muted, font_size=LABEL_SIZE)
        self.y_name.next_to(self.y.get_end(), UP, buff=0.1).align_to(self.y, LEFT)
        self.group = VGroup(self.x, self.y, self.x_name, self.y_name)

    def c2p(self, x: float, y: float) -> np.ndarray:
        return np.array([self.x.n2p(x)[0], self.y.n2p(y)[1], 0.0])


# ---------------------------------------------------------------------------------------------
class GradientDescent(LessonScene):
    """The bowl, its curvature, one ball per learning rate, then why some converge."""

    def construct(self) -> None:
        self.show_title("Why isn't my model converging?")
        self.trace_loss()
        self.define_curvature()
        self.split()
        self.first_steps()
        self.more_steps()
        self.plot_errors()
        self.fold()
        self.twins()
        self.wait(1.5)

    # -----------------------------------------------------------------------------------------
    def trace_loss(self) -> None:
        """A small network with one weight lit; sweeping that weight traces the bowl."""
        ex = self.example
        net = self.make_network()
        net.move_to([-4.9, -0.6, 0])
        panel = Panel(ex, ex.base_window, series(0), CELL_X[0], AXIS_Y[0])
        panel.group.scale(BIG, about_point=panel.line.get_center())
        panel.group.shift(np.array([*BIG_AT, 0]) - panel.line.get_center())
        self.big = panel
        self.net = net
        formula = make_tex(ex.loss_tex, color=PALETTE.output, font_size=SMALL_SIZE)
        formula.move_to([0, BAND_Y, 0])
        self.band = formula
        self.say("loss", w_star=ex.w_star)
        self.play(FadeIn(net), Create(panel.line), FadeIn(panel.name), run_time=1.0)
        ball = make_ball(PALETTE.weight, radius=0.11)
        ball.move_to(panel.curve.get_start())
        trace = panel.curve.copy()
        self.play(
            Create(trace, rate_func=linear),
            MoveAlongPath(ball, panel.curve, rate_func=linear),
            Write(formula),
            run_time=3.0,
        )
        self.remove(trace)
        self.add(panel.curve, ball)
        self.sweep_ball = ball

    def make_network(self) -> VGroup:
        """Inputs, a hidden layer and an output; the edge of weight ``w`` lit in the weight colour."""
        layers = [(-1.6, 3, PALETTE.input), (0.0, 3, PALETTE.activation), (1.6, 1, PALETTE.output)]
        nodes = []
        for x, n, color in layers:
            nodes.append(
                [
                    Circle(radius=0.22, color=color, stroke_width=3).move_to([x, (n - 1) / 2 - k, 0])
                    for k in range(n)
                ]
            )
        edges = VGroup()
        lit = None
        for a, b in ((0, 1), (1, 2)):
            for p in nodes[a]:
                for q in nodes[b]:
                    edge = Line(
                        p.get_center(), q.get_center(), buff=0.24, color=PALETTE.muted, stroke_width=1.5
                    )
                    if lit is None and a == 0 and q is nodes[1][0] and p is nodes[0][2]:
                        edge.set_stroke(PALETTE.weight, width=5)
                        lit = edge
                    edges.add(edge)
        label = make_tex("w", color=PALETTE.weight, font_size=SMALL_SIZE)
        label.next_to(lit.get_center(), DOWN + RIGHT, buff=0.02).shift(0.15 * DOWN)
        return VGroup(edges, *(VGroup(*layer) for layer in nodes), label)

    def define_curvature(self) -> None:
        """The tangent slides from the start to its mirror; its slope ticks, steadily."""
        ex, panel = self.example, self.big
        w0, w_mid, w1 = ex.sweep
        tracker = ValueTracker(w0)
        ball = self.sweep_ball
        self.play(ball.animate.move_to(panel.point(w0)), run_time=0.8)
        tangent = always_redraw(lambda: panel.tangent(tracker.get_value(), 1.8))
        ball.add_updater(lambda m: m.move_to(panel.point(tracker.get_value())))
        slope_tex = make_tex("L'(w) =", font_size=SMALL_SIZE)
        slope = make_counter(ex.slope(w0), color=PALETTE.gradient, font_size=SMALL_SIZE)
        slope.add_updater(lambda m: m.set_value(ex.slope(tracker.get_value())))
        readout = VGroup(slope_tex, slope).arrange(RIGHT, buff=0.15)
        readout.move_to([-4.9, 2.0, 0])
        slope.add_updater(lambda m: m.next_to(slope_tex, RIGHT, buff=0.15))
        curvature = make_tex(r"a = L''(w) = ", num(ex.a), font_size=SMALL_SIZE)
        curvature[1].set_color(PALETTE.gradient)
        curvature.next_to(readout, DOWN, buff=0.3).align_to(readout, LEFT)
        derivative = make_tex(ex.derivative_tex, color=PALETTE.gradient, font_size=SMALL_SIZE)
        self.say("curvature", a=ex.a, s0=ex.slope(w0), s1=ex.slope(w1))
        band = VGroup(self.band.copy(), derivative).arrange(RIGHT, buff=0.8).move_to([0, BAND_Y, 0])
        self.play(
            self.band.animate.move_to(band[0]),
            FadeIn(derivative, shift=0.2 * LEFT),
            Create(tangent),
            FadeIn(readout),
            run_time=1.0,
        )
        self.band = VGroup(self.band, derivative)
        self.settle(self.band)
        self.play(tracker.animate.set_value(w_mid), run_time=2.0)
        self.play(tracker.animate.set_value(w1), run_time=2.0)
        self.play(FadeIn(curvature, shift=0.2 * UP), run_time=0.8)
        self.play(tracker.animate.set_value(w0), run_time=2.0)
        slope.clear_updaters()
        ball.clear_updaters()
        tangent.clear_updaters()
        self.play(FadeOut(tangent), run_time=0.4)
        self.curvature = VGroup(readout, curvature)

    # -----------------------------------------------------------------------------------------
    def cell(self, n: int) -> tuple[float, float]:
        runs = len(self.example.runs)
        if runs == 1:
            return 0.0, -1.0
        r, c = divmod(n, 2)
        return CELL_X[c], AXIS_Y[r]

    def split(self) -> None:
        """The big bowl shrinks into the first cell; copies fill the others, one rate each."""
        ex = self.example
        self.panels: list[Panel] = []
        for n in range(len(ex.runs)):
            x, y = self.cell(n)
            panel = Panel(ex, ex.base_window, series(n), x, y)
            if len(ex.runs) == 1:  # one rate: its panel takes the middle, larger still
                panel.group.scale(SINGLE, about_point=panel.line.get_center())
                panel.group.shift(np.array([*SINGLE_AT, 0]) - panel.line.get_center())
            self.panels.append(panel)
        self.balls, self.headers, self.readouts = [], [], []
        for n, (run, panel) in enumerate(zip(ex.runs, self.panels)):
            ball = panel.place(make_ball(series(n), radius=0.1), ex.w0)
            header = make_tex(rf"\eta = {num(run.lr)}", color=series(n), font_size=LABEL_SIZE + 2)
            header.scale(panel.scale)
            header.next_to(panel.line.get_start(), UP, buff=(PANEL_H + 0.15) * panel.scale, aligned_edge=LEFT)
            readout = self.make_readout(n, 0)
            self.balls.append(ball)
            self.headers.append(header)
            self.readouts.append(readout)
        self.say("split", w0=ex.w0)
        big = self.big
        first = self.panels[0]
        self.play(
            FadeOut(self.net),
            FadeOut(self.curvature),
            Transform(big.line, first.line),
            Transform(big.curve, first.curve),
            Transform(big.name, first.name),
            Transform(self.sweep_ball, self.balls[0]),
            run_time=1.2,
        )
        self.remove(big.line, big.curve, big.name, self.sweep_ball)
        self.drop(self.net)
        self.drop(self.curvature)
        self.add(first.group, self.balls[0])
        others = self.panels[1:]
        # the copies travel bare (axis, curve, ball): tick numbers crossing each other would be
        # glyph soup; each panel's numbers and name fade in where it lands
        copies = [VGroup(first.line.copy(), first.curve.copy()) for _ in others]
        for c in copies:
            c[0].remove(c[0].labels)
        targets = [VGroup(p.line.copy(), p.curve.copy()) for p in others]
        for t in targets:
            t[0].remove(t[0].labels)
        ball_copies = [self.balls[0].copy() for _ in others]
        if others:
            self.play(
                *(Transform(c, t) for c, t in zip(copies, targets)),
                *(Transform(c, b) for c, b in zip(ball_copies, self.balls[1:])),
                run_time=1.2,
            )
            self.remove(*copies, *ball_copies)
        for p in others:
            VGroup(p.line.labels, p.name).set_opacity(0)
        for p, b in zip(others, self.balls[1:]):
            self.add(p.group, b)
        # the axis with its numbers, and the name (the axis itself is already at full opacity)
        numbers = [VGroup(p.line, p.name) for p in others]
        self.play(
            *(FadeIn(h) for h in self.headers),
            *(FadeIn(r) for r in self.readouts),
            *(group.animate.set_opacity(1) for group in numbers),
            run_time=0.8,
        )
        # the play made each group one mobject of the scene, taking its parts out of the panel:
        # the groups go, the panels and their balls come back whole
        for group in numbers:
            if group in self.mobjects:
                self.mobjects.remove(group)
        for p, b in zip(others, self.balls[1:]):
            self.add(p.group, b)

    def settle(self, group) -> None:
        """Make ``group`` one mobject of the scene (its parts were added one by one)."""
        self.remove(*group.get_family())
        self.add(group)

    def drop(self, group) -> None:
        """Take ``group`` and all its parts out of the scene."""
        self.remove(*group.get_family())

    def make_readout(self, n: int, k: int) -> VGroup:
        """``w - w* = ..`` of run ``n`` at step ``k`` (the signed distance to the minimum, which
        the log plot shows later), at the right above its panel. No ``L`` beside it: at the
        policy's two decimals ``w = 1`` and ``L = 2.3e-5`` would contradict ``L = (w - 1)^2``."""
        ex, panel = self.example, self.panels[n]
        tex = make_tex(rf"{ex.offset_tex} = {num(ex.offsets(n)[k])}", font_size=LABEL_SIZE - 2)
        tex.set_color(PALETTE.weight)
        fit_width(tex.scale(panel.scale), panel.length * 0.45)
        tex.next_to(panel.line.get_end(), UP, buff=(PANEL_H + 0.15) * panel.scale, aligned_edge=RIGHT)
        return tex

    # -----------------------------------------------------------------------------------------
    def first_steps(self) -> None:
        ex = self.example
        rule = make_tex(r"w_{k+1} = w_k - \eta\, L'(w_k)", font_size=SMALL_SIZE)
        step = make_tex("k =", font_size=SMALL_SIZE)
        self.counter = make_step_counter(0, font_size=SMALL_SIZE)
        counter_group = VGroup(step, self.counter).arrange(RIGHT, buff=0.15)
        band = VGroup(rule, self.band.copy(), counter_group).arrange(RIGHT, buff=0.7)
        fit_width(band).move_to([0, BAND_Y, 0])
        self.say("rule")
        self.play(self.band.animate.move_to(band[1]), run_time=0.6)
        self.play(Write(rule), FadeIn(counter_group), run_time=1.0)
        self.band = VGroup(rule, self.band, counter_group)
        self.settle(self.band)
        for k in range(min(3, ex.steps)):
            self.step(k, slow=True, arrow_label=k == 0)

    def more_steps(self) -> None:
        ex = self.example
        if ex.steps > 3:  # one beat for the rest of the steps; it names the zoom if one comes
            zooms = any(w[k] > w[k - 1] for w in ex.windows for k in range(3, ex.steps))
            self.say("zoom" if zooms else "fates")
        run_time = max(0.2, min(0.9, 9.0 / max(ex.steps - 3, 1)))
        for k in range(3, ex.steps):
            self.step(k, slow=False, run_time=run_time)
        words = VGroup()
        for n, run in enumerate(ex.runs):
            word = make_text(REGIME_WORDS[run.regime], color=series(n), font_size=LABEL_SIZE)
            word.scale(self.panels[n].scale).next_to(self.headers[n], RIGHT, buff=0.25)
            words.add(word)
        self.play(FadeIn(words), run_time=0.8)
        self.words = words

    def step(self, k: int, slow: bool, arrow_label: bool = False, run_time: float = 1.0) -> None:
        """Step ``k -> k+1`` in every panel: zoom if needed, tangent, arrow, the ball lands."""
        ex = self.example
        zooms = [(n, p) for n, p in enumerate(self.panels) if p.half < ex.windows[n][k]]
        for n, p in zooms:
            p.zoom(ex.windows[n][k], self, run_time=1.2 if slow or k < 6 else max(0.1, run_time / 2))
        tangents, arrows, paths, marks = [], [], [], []
        for n, (run, p) in enumerate(zip(ex.runs, self.panels)):
            w, w_next = run.iterates[k], run.iterates[k + 1]
            tangents.append(p.tangent(w))
            start = p.point(w)
            end = np.array([p.point(w_next)[0], start[1], 0.0])
            if np.linalg.norm(end - start) > 0.08:
                arrows.append(
                    Arrow(
                        start,
                        end,
                        buff=0,
                        color=PALETTE.gradient,
                        stroke_width=5,
                        max_tip_length_to_length_ratio=0.3,
                        max_stroke_width_to_length_ratio=20,
                    )
                )
            path = VMobject().set_points_as_corners([start, end, p.point(w_next)])
            paths.append(path)
            mark = make_ball(series(n), radius=0.045).set_opacity(0.55)
            marks.append(p.place(mark, w))
        p_done = self.counter
        labels = []
        if arrow_label:
            for a in arrows:
                lab = make_tex(r"-\eta\, L'(w)", color=PALETTE.gradient, font_size=LABEL_SIZE - 2)
                lab.next_to(a, UP, buff=0.08)
                labels.append(lab)
        if slow:
            self.play(*(Create(t) for t in tangents), run_time=0.7)
            if arrows:
                self.play(*(GrowArrow(a) for a in arrows), *(FadeIn(lab) for lab in labels), run_time=0.8)
            else:  # every ball already on the minimum: no step to draw
                self.wait(0.8)
        else:
            self.play(*(Create(t) for t in tangents), *(GrowArrow(a) for a in arrows), run_time=run_time / 2)
        self.add(*marks)
        self.bring_to_front(*self.balls)
        news = [self.make_readout(n, k + 1) for n in range(len(ex.runs))]
        swaps = [anim for old, new in zip(self.readouts, news) for anim in fade_through(old, new)]
        p_done.set_value(k + 1)
        self.play(
            *(MoveAlongPath(b, path) for b, path in zip(self.balls, paths)),
            *(FadeOut(t) for t in tangents),
            *(FadeOut(a) for a in arrows),
            *(FadeOut(lab) for lab in labels),
            *swaps,
            run_time=0.9 if slow else run_time / 2,
        )
        self.readouts = news
        for run, p, ball in zip(ex.runs, self.panels, self.balls):
            p.placed = [(m, w) for m, w in p.placed if m is not ball]
            p.place(ball, run.iterates[k + 1])
        if slow:
            self.wait(0.3)

    # -----------------------------------------------------------------------------------------
    def plot_errors(self) -> None:
        """The distance to the minimum, a bar on each axis; the panels move to the left; the
        distances at every step on a log axis: straight lines."""
        ex = self.example
        bars = VGroup()
        for n, (run, p) in enumerate(zip(ex.runs, self.panels)):
            a, b = p.axis_point(ex.w_star), p.axis_point(run.iterates[-1])
            bars.add(Line(a, b, color=series(n), stroke_width=7))
        self.say("errors")
        self.play(Create(bars), run_time=0.8)
        self.bars = bars
        # the panels shrink into a column on the left
        rows = len(self.panels)
        moves = []
        for n, p in enumerate(self.panels):
            group = VGroup(p.group, self.headers[n], self.readouts[n], self.words[n], bars[n])
            group.add(*(m for m, _ in p.placed))
            target_y = 1.78 - n * 1.4 if rows > 1 else 0.0
            moves.append((group, target_y))
        # the left panels shrink into the column; the right ones shrink and drop to their row,
        # then slide left between the others (no panel crosses another)
        first, then = [], []
        for n, (group, target_y) in enumerate(moves):
            if n % 2 == 0 or rows == 1:
                first.append(
                    group.animate.scale(
                        COLUMN_SCALE / self.panels[n].scale, about_point=group.get_center()
                    ).move_to([COLUMN_X, target_y, 0])
                )
            else:
                first.append(
                    group.animate.scale(
                        COLUMN_SCALE / self.panels[n].scale, about_point=group.get_center()
                    ).move_to([group.get_x(), target_y, 0])
                )
                then.append(group)
        self.play(*first, run_time=1.0)
        if then:
            self.play(*(g.animate.set_x(COLUMN_X) for g in then), run_time=1.0)
        low, high = ex.error_exponents
        every = max(1, math.ceil((high - low) / 5))
        y_labels = {e: f"10^{{{e}}}" for e in range(low, high + 1) if (e - low) % every == 0}
        x_step = max(1, int(tick_step(ex.steps)))
        log_plot = Plot(
            (0, ex.steps, x_step),
            (low, high, 1),
            LOG_W,
            LOG_H,
            LOG_ORIGIN,
            list(range(0, ex.steps + 1, x_step)),
            y_labels,
            "k",
            r"|w_k - w^*|",
        )
        marks = [m for p in self.panels for m, _ in p.placed if m not in self.balls]
        self.play(
            FadeIn(log_plot.group),
            *(m.animate.scale(1.8) for m in marks),  # the trail stays visible at the panels' new size
            *self.column_text(),
            run_time=0.8,
        )
        # the play took the grown words out of their panels' groups: the groups come back whole
        self.add(*(group for group, _ in moves))
        self.log_plot = log_plot
        lines, dots = VGroup(), VGroup()
        for n in range(len(ex.runs)):
            pts = [
                log_plot.c2p(k, math.log10(e))
                for k, e in enumerate(ex.errors(n))
                if e > 0 and math.log10(e) >= low
            ]
            line = VMobject(color=series(n), stroke_width=3)
            line.set_points_as_corners(pts if len(pts) > 1 else [pts[0], pts[0]])
            lines.add(line)
            dots.add(VGroup(*(Dot(q, radius=0.04, color=series(n)) for q in pts)))
        closed = make_tex(r"|w_k - w^*| = |1 - \eta a|^k\, |w_0 - w^*|", font_size=SMALL_SIZE)
        logged = make_tex(r"\log|w_k - w^*| = \log|w_0 - w^*| + k\,\log|1 - \eta a|", font_size=SMALL_SIZE)
        formulas = VGroup(closed, logged).arrange(DOWN, buff=0.35)
        fit_width(formulas, 8.8).move_to([2.0, -1.5, 0])
        self.play(
            *(Create(line, rate_func=linear) for line in lines),
            *(FadeIn(d, lag_ratio=0.5) for d in dots),
            FadeIn(closed),
            run_time=2.2,
        )
        self.lines, self.dots, self.formulas = lines, dots, formulas
        # one label per distinct factor, at the right end of its line
        self.say("slopes")
        labels, taken = VGroup(), []
        for n in range(len(ex.runs)):
            f = ex.factor(n)
            if any(math.isclose(f, g, rel_tol=1e-9) for g in taken):
                continue
            taken.append(f)
            shared = sum(math.isclose(f, ex.factor(m), rel_tol=1e-9) for m in range(len(ex.runs))) > 1
            color = PALETTE.text if shared else series(n)  # two lines on top of each other: no one colour
            tex = make_tex(rf"|1 - \eta a| = {num(f)}", color=color, font_size=LABEL_SIZE - 2)
            end = lines[n].get_end()
            tex.next_to(end, RIGHT, buff=0.15)
            tex.set_x(max(tex.get_x(), log_plot.x.get_end()[0] + 0.55 + tex.width / 2))
            labels.add(tex)
        self.spread(labels)
        self.play(
            *(Indicate(line, color=line.get_color(), scale_factor=1.0) for line in lines),
            FadeIn(labels),
            FadeIn(logged, shift=0.2 * DOWN),
            run_time=1.5,
        )
        self.factor_labels = labels

    def column_text(self) -> list:
        """The small panels' words grow back to a readable size: the tick numbers, the header
        and its regime word; the readout moves into the bowl (the row has no room for it)."""
        anims = []
        for n, p in enumerate(self.panels):
            for pair in p.line.labels:
                if len(pair) > 1:
                    anims.append(pair[1].animate.scale(TICK_GROWTH, about_edge=UP))
            header, word, readout = self.headers[n], self.words[n], self.readouts[n]
            header.generate_target()
            header.target.scale(TEXT_GROWTH, about_edge=DOWN + LEFT)
            word.generate_target()
            word.target.scale(TEXT_GROWTH).next_to(header.target, RIGHT, buff=0.15)
            readout.generate_target()
            readout.target.scale(READOUT_GROWTH).move_to(p._at(0.0, 0.68))  # clear of both arms
            anims += [MoveToTarget(header), MoveToTarget(word), MoveToTarget(readout)]
        return anims

    def spread(self, labels: VGroup, gap: float = 0.32) -> None:
        """Move labels apart vertically (same column) so that none overlaps the next."""
        items = sorted(labels, key=lambda m: m.get_y())
        for a, b in zip(items, items[1:]):
            if b.get_y() - a.get_y() < gap:
                b.set_y(a.get_y() + gap)
        top = LOG_ORIGIN[1] + LOG_H + 0.1
        if items and items[-1].get_y() > top:
            shift = items[-1].get_y() - top
            for m in items:
                m.shift(shift * DOWN)

    # -----------------------------------------------------------------------------------------
    def fold(self) -> None:
        """``1 - lr a`` against ``lr``: a straight line; folded to its size, below 1 only for
        ``lr < 2/a``."""
        ex = self.example
        lo, hi = ex.ratio_range
        y_step = 1.0 if hi - lo <= 4 else tick_step(hi - lo)
        y_values = [v for v in np.arange(math.ceil(lo / y_step) * y_step, hi + 1e-9, y_step)]
        top = ex.lr_range
        x_step = tick_step(top)
        plot = Plot(
            (0, top, x_step),
            (lo, hi, y_step),
            FOLD_W,
            FOLD_H,
            FOLD_ORIGIN,
            [v for v in np.arange(0, top + 1e-9, x_step)],
            {float(v): num(float(v)) for v in y_values},
            r"\eta",
            r"1 - \eta a",
        )
        # the formulas rise into the band
        band = VGroup(*self.formulas.copy()).arrange(RIGHT, buff=0.6)
        fit_width(band, 10.0).move_to([1.6, BAND_Y, 0])
        self.say("fold")
        self.play(
            FadeOut(self.band, rate_func=first_half),  # gone before the formulas take its row
            *fade_through(self.formulas, band),
            FadeIn(plot.group),
            run_time=1.2,
        )
        self.drop(self.band)
        self.drop(self.formulas)
        self.formulas = band
        zero = DashedLine(plot.c2p(0, 0), plot.c2p(top, 0), color=PALETTE.muted, stroke_width=1.5)
        # the line 1 - lr a, clipped to the window, split at its zero lr = 1/a
        eta_low = min(top, (1 - lo) / ex.a)
        left = Line(plot.c2p(0, 1), plot.c2p(min(ex.best_lr, top), 1 - min(ex.best_lr, top) * ex.a))
        right = Line(plot.c2p(ex.best_lr, 0), plot.c2p(eta_low, 1 - eta_low * ex.a))
        for part in (left, right):
            part.set_stroke(PALETTE.text, width=3)
        dots = VGroup(
            *(Dot(plot.c2p(run.lr, run.ratio), radius=0.08, color=series(n)) for n, run in enumerate(ex.runs))
        )
        sources = [self.lines[n].get_end() for n in range(len(ex.runs))]
        self.play(Create(zero), Create(left), Create(right), run_time=1.2)
        self.play(
            *(FadeIn(d, target_position=s, scale=0.5) for d, s in zip(dots, sources)),
            run_time=1.2,
        )
        self.wait(0.5)
        # fold: the part below zero turns up; each dot below zero goes to its mirror
        eta_high = min(top, (1 + hi) / ex.a)
        mirror = Line(plot.c2p(ex.best_lr, 0), plot.c2p(eta_high, eta_high * ex.a - 1))
        mirror.set_stroke(PALETTE.text, width=3)
        new_name = make_tex(r"|1 - \eta a|", color=PALETTE.muted, font_size=LABEL_SIZE)
        new_name.move_to(plot.y_name, aligned_edge=LEFT)
        self.say("threshold", threshold=ex.threshold)
        self.play(
            Transform(right, mirror),
            *(
                dots[n].animate.move_to(plot.c2p(run.lr, abs(run.ratio)))
                for n, run in enumerate(ex.runs)
                if run.ratio < 0
            ),
            *fade_through(plot.y_name, new_name),
            run_time=1.8,
        )
        one = DashedLine(plot.c2p(0, 1), plot.c2p(top, 1), color=PALETTE.highlight, stroke_width=2)
        cut = DashedLine(
            plot.c2p(ex.threshold, lo), plot.c2p(ex.threshold, hi), color=PALETTE.highlight, stroke_width=2
        )
        cut_label = make_tex(
            rf"\eta = 2/a = {num(ex.threshold)}", color=PALETTE.highlight, font_size=LABEL_SIZE
        )
        cut_label.next_to(plot.c2p(ex.threshold, (lo - 0.6) / 2), RIGHT, buff=0.15)
        good = Line(
            plot.c2p(0, lo), plot.c2p(min(ex.threshold, top), lo), color=PALETTE.highlight, stroke_width=8
        )
        self.play(Create(one), run_time=0.8)
        self.play(Create(cut), Create(good), FadeIn(cut_label), run_time=1.2)
        self.fold_plot, self.fold_dots = plot, dots

    def twins(self) -> None:
        """Two rates with the same ``|1 - lr a|``: one from one side, one alternating; same end."""
        ex = self.example
        if not ex.twins:
            return
        i, j = ex.twins[0]
        ri, rj = ex.runs[i], ex.runs[j]
        plot = self.fold_plot
        link = DashedLine(
            plot.c2p(ri.lr, abs(ri.ratio)),
            plot.c2p(rj.lr, abs(rj.ratio)),
            color=PALETTE.text,
            stroke_width=2,
            buff=0.12,
        )
        self.say("twins", i=ri.lr, j=rj.lr, f=ex.factor(i), d=ex.errors(i)[-1])
        # the negative one came from below zero: its ghost there, folded up onto the other's height
        neg = i if ri.ratio < 0 else j
        ghost = Dot(plot.c2p(ex.runs[neg].lr, ex.runs[neg].ratio), radius=0.08, color=series(neg))
        ghost.set_opacity(0.4)
        fold_arrow = DashedLine(
            ghost.get_center(), self.fold_dots[neg].get_center(), color=series(neg), stroke_width=2, buff=0.1
        )
        self.play(FadeIn(ghost), Create(fold_arrow), Create(link), run_time=1.2)
        # each twin's marks flash in turn: one stays on its side, the other changes side each step
        for n in (i, j):
            marks = VGroup(*(m for m, _ in self.panels[n].placed))
            self.play(Indicate(marks, color=series(n), scale_factor=1.6, lag_ratio=0.15), run_time=1.6)
        # the same distance at the end, and the same line
        self.play(
            Indicate(self.bars[i], color=series(i), scale_factor=1.3),
            Indicate(self.bars[j], color=series(j), scale_factor=1.3),
            Indicate(self.readouts[i], color=series(i), scale_factor=1.2),
            Indicate(self.readouts[j], color=series(j), scale_factor=1.2),
            Indicate(self.lines[i], color=series(i), scale_factor=1.0),
            Indicate(self.lines[j], color=series(j), scale_factor=1.0),
            run_time=1.4,
        )
