"""Normalization: the mean balances a beam, squared deviations average into the variance, sigma
is its root; shift and scale give z-scores; and why: gradient descent on two features thousands
of times apart in scale stalls in a needle-thin valley, and walks straight down once normalized.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Flash,
    Indicate,
    LaggedStart,
    Line,
    MoveToTarget,
    Polygon,
    Rectangle,
    ReplacementTransform,
    Restore,
    Rotate,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    smooth,
    squish_rate_func,
    there_and_back,
    wiggle,
)

from mathdl_anim.core.formatting import format_plain
from mathdl_anim.core.statistics import OVERVIEW, WINDOW, head_to_tail
from mathdl_anim.draw.number_lines import make_dot_plot, make_fitting_number_line, make_number_line
from mathdl_anim.draw.plots import clip_segments, make_axes
from mathdl_anim.draw.style import BODY_SIZE, LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import (
    fade_through,
    fade_to,
    first_half,
    fit_width,
    make_counter,
    make_tex,
    make_text,
    num,
    second_half,
)
from mathdl_anim.scene.lesson_scene import LessonScene

#: The number line: its height, its longest length, and the beam's height above it.
LINE_Y, LINE_MAX = -2.4, 12.4
BEAM_LIFT = 0.8
#: The tallest square of a deviation (screen units): the line is shortened to keep it.
SQUARE_MAX = 3.0
#: The list of values, and the formulas under it.
ROW_Y, FORMULA_Y = 2.6, 1.72
#: The two maps of weight space side by side: their side, their centres' x, their centre's y.
MAP_SIZE, MAP_X, MAP_Y = 3.5, 4.1, 0.1
#: The raw map while it is alone: larger, left of the side column (it makes room later).
BIG_SIZE, BIG_X, BIG_Y = 4.7, -3.0, -0.05
#: The side column while the raw map is alone: the model, the rate, the raw map's readouts
#: (then the model and the rate move to x = 0, the readouts over and under their map).
SIDE_X = 3.4


def _at(axes, w, window=WINDOW) -> np.ndarray:
    """The screen point of the weights ``w`` on a map whose axes count from the window's corner."""
    (x0, _), (y0, _) = window
    return axes.c2p(float(w[0]) - x0, float(w[1]) - y0)


def _step(a: np.ndarray, b: np.ndarray) -> Line:
    """One step of a descent's trail on a map."""
    return Line(a, b, color=PALETTE.weight, stroke_width=4)


def _tilt(f: float, mean: float, scale: float, largest: float) -> float:
    """The beam's angle with the fulcrum at ``f``: tipped towards the heavier side, level at the
    mean (a picture of the torque's sign, not a physical simulation)."""
    return -largest * float(np.tanh((mean - f) / scale))


class Normalization(LessonScene):
    """A balance at the mean; deviations, squares, the variance and its root; x -> z; descent."""

    def construct(self) -> None:
        self.show_title("Normalization")
        self.show_data()
        self.balance()
        self.show_deviations()
        self.square_deviations()
        self.take_root()
        self.shift_by_mean()
        self.scale_by_std()
        self.show_two_features()
        self.show_raw_loss()
        self.descend_raw()
        self.show_rule()
        self.descend_normalized()
        self.compare()
        self.wait(2)

    # -- one feature ---------------------------------------------------------------------------
    def list_tex(self, lhs: str, values):
        text = make_tex(lhs + r" = [" + ",\\ ".join(num(v) for v in values) + "]", color=PALETTE.input)
        return fit_width(text, 12.5).move_to(ROW_Y * UP)

    def beam_y(self) -> float:
        return LINE_Y + BEAM_LIFT

    def on_beam(self, values) -> VGroup:
        """Dots for ``values`` standing on the beam (equal values stack)."""
        return make_dot_plot(self.line, values).shift((BEAM_LIFT - 0.1) * UP)

    def show_data(self) -> None:
        f = self.example.feature
        every = list(f.data) + list(f.shifted)
        line = make_fitting_number_line(every, LINE_MAX)
        self.unit = LINE_MAX / (line.x_range[1] - line.x_range[0])
        largest = float(np.max(np.abs(f.shifted)))
        if largest * self.unit > SQUARE_MAX:  # the tallest square must fit under the formulas
            line = make_fitting_number_line(every, LINE_MAX * SQUARE_MAX / (largest * self.unit))
            self.unit = SQUARE_MAX / largest
        self.line = line.move_to(LINE_Y * UP)
        self.dots = self.on_beam(f.data)
        lo, hi = float(f.data.min()), float(f.data.max())
        pad = 0.35
        y = self.beam_y()
        self.beam = Line(
            [self.line.n2p(lo)[0] - pad, y, 0], [self.line.n2p(hi)[0] + pad, y, 0], color=PALETTE.muted
        ).set_stroke(width=6)
        self.row = self.list_tex("x", f.data)
        self.say("data", n=f.data.size)
        self.play(Write(self.row), Create(self.line), run_time=1.2)
        self.play(Create(self.beam), run_time=0.5)
        self.play(
            LaggedStart(*(FadeIn(d, shift=0.5 * DOWN) for d in self.dots), lag_ratio=0.12), run_time=1.4
        )

    def fulcrum(self, value: float) -> Polygon:
        x = self.line.n2p(value)[0]
        top, bottom = self.beam_y() - 0.04, LINE_Y + 0.04
        return (
            Polygon([x, top, 0], [x - 0.22, bottom, 0], [x + 0.22, bottom, 0])
            .set_stroke(PALETTE.highlight, 2)
            .set_fill(PALETTE.highlight, 0.85)
        )

    def balance(self) -> None:
        """The fulcrum slides from under the smallest value to the mean; the beam levels there."""
        f = self.example.feature
        lo, hi = float(f.data.min()), float(f.data.max())
        start = lo
        spread = max(hi - lo, 1e-9)
        half = max(abs(self.line.n2p(start)[0] - self.beam.get_start()[0]), self.beam.get_end()[0])
        largest = min(0.55 / max(half, 1e-6), 0.25)  # the beam's end drops 0.55 at most
        rest = VGroup(self.beam.copy(), self.dots.copy())
        where = ValueTracker(start)

        def tipped(group):
            value = where.get_value()
            angle = _tilt(value, f.mean, 0.35 * spread, largest)
            pivot = np.array([self.line.n2p(value)[0], self.beam_y(), 0.0])
            group.become(rest.copy().rotate(angle, about_point=pivot))

        seesaw = VGroup(self.beam, self.dots)
        pivot = self.fulcrum(start)
        pivot.add_updater(lambda m: m.become(self.fulcrum(where.get_value())))
        self.mean_tex = make_tex(rf"\mu = \frac{{1}}{{N}} \sum_i x_i = {num(f.mean)}", font_size=SMALL_SIZE)
        self.mean_tex.set_color(PALETTE.highlight).move_to([-3.6, FORMULA_Y, 0])
        self.mu_tag = make_tex(r"\mu", color=PALETTE.highlight, font_size=LABEL_SIZE)
        self.mu_tag.move_to([self.line.n2p(f.mean)[0] + 0.42, LINE_Y + 0.3, 0])
        self.say("mean", mean=f.mean)
        self.play(
            FadeIn(pivot, shift=0.3 * UP),
            seesaw.animate.rotate(
                _tilt(start, f.mean, 0.35 * spread, largest),
                about_point=np.array([self.line.n2p(start)[0], self.beam_y(), 0.0]),
            ),
            run_time=1.0,
        )
        seesaw.add_updater(tipped)
        self.play(where.animate.set_value(f.mean), run_time=3.0, rate_func=smooth)
        seesaw.clear_updaters()
        pivot.clear_updaters()
        seesaw.become(rest)  # exactly level
        self.pivot = pivot
        self.play(Write(self.mean_tex), FadeIn(self.mu_tag, shift=0.2 * UP), run_time=1.0)

    def show_deviations(self) -> None:
        """An arrow from the mean to each value, one row per value."""
        f = self.example.feature
        n = f.data.size
        gap = min(0.28, 2.3 / n)
        order = np.argsort(f.data, kind="stable")
        self.arrows: list[tuple[int, VMobject]] = []
        for row, i in enumerate(order):
            y = self.beam_y() + 0.42 + row * gap
            a, b = self.line.n2p(f.mean)[0], self.line.n2p(float(f.data[i]))[0]
            if abs(b - a) < 0.04:
                continue  # a value at the mean has no deviation to draw
            tip = min(0.18, 0.5 * abs(b - a))
            arrow = Arrow(
                [a, y, 0],
                [b, y, 0],
                buff=0,
                stroke_width=3,
                tip_length=tip,
                max_tip_length_to_length_ratio=0.5,
            ).set_color(PALETTE.input)
            self.arrows.append((int(i), arrow))
        self.mean_line = Line(
            [self.line.n2p(f.mean)[0], self.beam_y() + 0.2, 0],
            [self.line.n2p(f.mean)[0], self.beam_y() + 0.55 + n * gap, 0],
            color=PALETTE.highlight,
            stroke_width=2,
        ).set_opacity(0.6)
        self.say("deviations")
        self.play(Create(self.mean_line), run_time=0.5)
        self.play(LaggedStart(*(Create(a) for _, a in self.arrows), lag_ratio=0.15), run_time=2.0)
        self.cancel_out(gap)

    def cancel_out(self, gap: float) -> None:
        """The arrows line up head to tail, one row each, left and right in turn; the last head
        lands on the mean (they sum to zero); then they go back to start at the mean."""
        f = self.example.feature
        if not self.arrows:
            return
        order, starts = head_to_tail([float(f.data[i]) - f.mean for i, _ in self.arrows])
        chain = [self.arrows[k][1] for k in order]
        for row, (arrow, before) in enumerate(zip(chain, starts)):
            arrow.save_state()
            arrow.generate_target()
            tail = [self.line.n2p(f.mean + before)[0], self.beam_y() + 0.42 + row * gap, 0]
            arrow.target.shift(np.array(tail) - arrow.get_start())
        self.play(LaggedStart(*(MoveToTarget(a) for a in chain), lag_ratio=0.25), run_time=2.6)
        self.play(Flash(chain[-1].get_end(), color=PALETTE.highlight, flash_radius=0.35), run_time=0.8)
        self.wait(0.8)
        self.play(*(Restore(a) for a in chain), run_time=1.2)

    def square_of(self, left: float, right: float, side: float) -> Rectangle:
        """A square standing on the beam between the screen abscissas ``left`` and ``right``."""
        square = Rectangle(width=right - left, height=side)
        square.move_to([(left + right) / 2, self.beam_y() + side / 2, 0])
        return square.set_stroke(PALETTE.output, 2).set_fill(PALETTE.output, 0.12)

    def square_deviations(self) -> None:
        """Each arrow becomes the square of its deviation; the squares average into one square."""
        f = self.example.feature
        ex = self.example
        mu_x = self.line.n2p(f.mean)[0]
        squares = VGroup()
        for i, _ in self.arrows:
            x = self.line.n2p(float(f.data[i]))[0]
            squares.add(self.square_of(min(mu_x, x), max(mu_x, x), abs(x - mu_x)))
        side = f.std * self.unit
        self.var_square = self.square_of(mu_x, mu_x + side, side).set_fill(PALETTE.output, 0.45)
        n = f.data.size
        # the sum over N is written out only when the numbers as shown reproduce the variance
        fraction = rf"\frac{{{num(ex.sum_squares)}}}{{{n}}} = "
        if num(float(format_plain(ex.sum_squares)) / n) != num(f.variance):
            fraction = ""
        self.var_tex = make_tex(
            rf"\sigma^2 = \frac{{1}}{{N}} \sum_i (x_i - \mu)^2 = {fraction}{num(f.variance)}",
            color=PALETTE.output,
            font_size=SMALL_SIZE,
        ).move_to([3.3, FORMULA_Y, 0])
        self.say("squares", variance=f.variance)
        self.play(
            *(ReplacementTransform(a, s) for (_, a), s in zip(self.arrows, squares)),
            FadeOut(self.mean_line),
            run_time=2.0,
        )
        self.bring_to_front(self.dots)
        self.wait(0.6)
        # the average: every square shrinks into the one whose area is the mean of theirs
        targets = [self.var_square.copy().set_fill(opacity=0.45 / len(squares)) for _ in squares]
        self.play(
            *(ReplacementTransform(s, t) for s, t in zip(squares, targets)),
            Write(self.var_tex),
            run_time=2.2,
        )
        self.remove(*targets)
        self.add(self.var_square)
        self.bring_to_front(self.dots, self.pivot)

    def take_root(self) -> None:
        """The square's side is sigma: it lies down around the mean as the spread mu +- sigma."""
        f = self.example.feature
        mu_x = self.line.n2p(f.mean)[0]
        side = f.std * self.unit
        y = self.beam_y()
        # the square's bottom side, from mu to mu + sigma, lit up: it then spreads to both sides
        edge = Rectangle(width=side, height=0.07).move_to([mu_x + side / 2, y, 0])
        edge.set_stroke(PALETTE.output, 1.5).set_fill(PALETTE.output, 1)
        self.std_tex = make_tex(
            rf"\sigma = \sqrt{{{num(f.variance)}}} = {num(f.std)}", color=PALETTE.output, font_size=SMALL_SIZE
        ).move_to([3.3, FORMULA_Y - 0.75, 0])
        self.band = (
            Rectangle(width=2 * side, height=BEAM_LIFT - 0.08)
            .move_to([mu_x, LINE_Y + BEAM_LIFT / 2, 0])
            .set_stroke(PALETTE.output, 1.5)
            .set_fill(PALETTE.output, 0.3)
        )
        self.say("std", std=f.std)
        self.play(FadeIn(edge), Write(self.std_tex), run_time=1.2)
        self.play(
            FadeOut(self.var_square),
            ReplacementTransform(edge, self.band),
            run_time=1.6,
        )
        self.bring_to_front(self.pivot)
        self.wait(0.6)

    def shift_by_mean(self) -> None:
        """The dots, the beam, the fulcrum and the spread glide left by the mean; the axis stays."""
        f = self.example.feature
        shift = self.line.n2p(0.0) - self.line.n2p(f.mean)
        row = self.list_tex(r"x - \mu", f.shifted)
        self.formula = make_tex(r"x \mapsto x - \mu", font_size=BODY_SIZE).move_to([0, FORMULA_Y - 1.0, 0])
        self.say("shift", mean=f.mean)
        self.play(
            *fade_through(self.row, row),
            FadeIn(self.formula, rate_func=second_half),
            FadeOut(VGroup(self.mean_tex, self.var_tex, self.std_tex, self.mu_tag)),
            run_time=0.8,
        )
        self.row = row
        self.play(VGroup(self.dots, self.beam, self.pivot, self.band).animate.shift(shift), run_time=2.0)
        self.wait(0.4)

    def scale_by_std(self) -> None:
        """The ticks spread so that one sigma is one unit; the dots stay where they are."""
        f = self.example.feature
        old = self.line
        lo, hi = old.x_range[0], old.x_range[1]
        zero = old.n2p(0.0)
        unit = self.unit * f.std  # screen units per z unit
        span = (hi - lo) / f.std
        step = next(m * 10.0**e for e in range(-6, 9) for m in (1, 2, 5) if span / (m * 10.0**e) <= 8)
        a, b = step * np.floor(lo / f.std / step), step * np.ceil(hi / f.std / step)
        if (b - a) * unit > 13.0:  # rounding outwards would leave the frame: round inwards
            a, b = step * np.ceil(lo / f.std / step), step * np.floor(hi / f.std / step)
        ticks = np.arange(a, b + step / 2, step)
        labels = [float(round(t, 9)) for t in (ticks if len(ticks) <= 16 else ticks[::2])]
        new = make_number_line(a, b, step, (b - a) * unit, labels)
        self.z_labels = dict(zip(labels, new.labels))  # value -> its label under the z axis
        new.shift(zero - new.n2p(0.0))
        # ghost ticks: each old tick slides to where the tick with the same index from 0 goes
        old_step = old.x_range[2]
        ghosts, targets = VGroup(), []
        for t in np.arange(lo, hi + old_step / 2, old_step):
            k = round(t / old_step)
            ghost = Line(old.n2p(t) + 0.1 * DOWN, old.n2p(t) + 0.1 * UP, color=PALETTE.muted, stroke_width=2)
            target = zero[0] + k * step * unit
            ghosts.add(ghost)
            targets.append(target)
        body = Line(old.get_start(), old.get_end(), color=PALETTE.muted, stroke_width=2)
        row = self.list_tex("z", f.normalized)
        self.say("scale", std=f.std)
        self.add(body, ghosts)
        formula = make_tex(r"z = \frac{x - \mu}{\sigma}", font_size=BODY_SIZE)
        formula.move_to([0, FORMULA_Y - 1.0, 0])
        self.play(
            *fade_through(self.row, row),
            *fade_through(self.formula, formula),
            old.animate(rate_func=first_half).set_opacity(0),
            run_time=0.8,
        )
        self.formula = formula
        self.row = row
        inside = [new.get_start()[0] - 0.01 <= x <= new.get_end()[0] + 0.01 for x in targets]
        self.play(
            *(g.animate.set_x(x).set_opacity(1 if ok else 0) for g, x, ok in zip(ghosts, targets, inside)),
            body.animate.put_start_and_end_on(new.get_start(), new.get_end()),
            run_time=2.0,
        )
        self.play(FadeIn(new), run_time=0.6)
        self.remove(old, ghosts, body)
        self.line = new
        self.result = make_tex(
            rf"\text{{mean}}(z) = {num(f.normalized_mean)},",
            rf"\quad \text{{std}}(z) = {num(f.normalized_std)}",
            color=PALETTE.output,
            font_size=SMALL_SIZE,
        ).move_to([0, FORMULA_Y + 0.05, 0])
        self.say("normalized")
        # the beam, tapped, rocks and settles level on the fulcrum at 0: mean 0; the band's edges
        # stand on -1 and 1: std 1
        tip = np.array([self.line.n2p(0.0)[0], self.beam_y(), 0.0])
        zero = self.z_labels.get(0.0)
        self.play(
            Rotate(VGroup(self.beam, self.dots), angle=0.1, about_point=tip, rate_func=wiggle),
            *([Indicate(zero, color=PALETTE.output)] if zero is not None else []),
            FadeIn(self.result[0], rate_func=second_half),
            run_time=1.8,
        )
        ones = [self.z_labels[v] for v in (-1.0, 1.0) if v in self.z_labels]
        self.play(
            *(Indicate(m, color=PALETTE.output) for m in ones),
            self.band.animate(rate_func=there_and_back).set_fill(opacity=0.6),
            FadeIn(self.result[1], rate_func=second_half),
            run_time=1.4,
        )
        self.add(self.result)
        self.wait(0.6)

    # -- why: two features ---------------------------------------------------------------------
    def show_two_features(self) -> None:
        """Rooms and land on one shared scale: the land is a single point."""
        ex = self.example
        rooms, land = ex.features["rooms"], ex.features["land"]
        every = list(rooms.data) + list(land.data) + [0.0]
        rows = VGroup()
        for y, (name, summary) in zip((0.35, -1.75), (("rooms", rooms), (r"land (km$^2$)", land))):
            line = make_fitting_number_line(every, 10.0, max_ticks=10).move_to([0.9, y, 0])
            dots = make_dot_plot(line, summary.data, radius=0.07)
            label = make_text(name, font_size=SMALL_SIZE).next_to(line, LEFT, buff=0.35)
            rows.add(VGroup(line, dots, label))
        ratio = make_tex(
            rf"\sigma_{{\text{{rooms}}}} \,/\, \sigma_{{\text{{land}}}} = {num(ex.scale_ratio)}",
            color=PALETTE.output,
            font_size=SMALL_SIZE,
        ).move_to([0, 2.3, 0])
        part_one = VGroup(
            self.row, self.line, self.dots, self.beam, self.pivot, self.band, self.result, self.formula
        )
        self.say("two_features", houses=len(rooms.data), ratio=ex.scale_ratio)
        self.play(
            FadeOut(part_one, shift=0.3 * UP, rate_func=first_half),
            FadeIn(rows[0], shift=0.3 * UP, rate_func=second_half),
            run_time=1.4,
        )
        self.play(FadeIn(rows[1], shift=0.3 * UP), run_time=1.0)
        self.play(Write(ratio), run_time=1.0)
        self.rows, self.ratio = rows, ratio

    def make_map(
        self, contours, x: float, window=WINDOW, labels=((0, 1, 2), (0, 1, 2)), size=MAP_SIZE, y=MAP_Y
    ):
        """Axes over a window of weight space (``size`` square, centred at ``(x, y)``), the
        contour lines, and the axes' names."""
        (x0, x1), (y0, y1) = window
        # the axes stand at the window's lower and left edges (their coordinates count from the
        # window's corner); the tick labels name the weights
        axes = make_axes((0, x1 - x0), (0, y1 - y0), size, size)
        for axis, lo, values in ((axes.x_axis, x0, labels[0]), (axes.y_axis, y0, labels[1])):
            axis.add_labels(
                {v - lo: make_tex(num(v), color=PALETTE.muted, font_size=LABEL_SIZE) for v in values}
            )
        axes.shift(np.array([x, y, 0.0]) - axes.c2p((x1 - x0) / 2, (y1 - y0) / 2))  # the box's centre
        lines = VGroup()
        for k, segments in enumerate(contours):
            mob = VMobject(
                stroke_color=PALETTE.muted, stroke_width=1.8, stroke_opacity=0.35 + 0.5 * k / len(contours)
            )
            for p, q in segments:
                mob.start_new_path(_at(axes, p, window))
                mob.add_line_to(_at(axes, q, window))
            lines.add(mob)
        names = VGroup(
            make_tex("w_1", color=PALETTE.weight, font_size=LABEL_SIZE).next_to(
                axes.x_axis.get_right(), RIGHT, buff=0.1
            ),
            make_tex("w_2", color=PALETTE.weight, font_size=LABEL_SIZE).next_to(
                axes.y_axis.get_end(), UP, buff=0.1
            ),
        )
        return axes, lines, names

    def show_raw_loss(self) -> None:
        ex = self.example
        raw = ex.raw
        # alone, the raw map is drawn large; it makes room for the normalized one later
        self.raw_axes, self.raw_lines, self.raw_names = self.make_map(
            raw.contours, BIG_X, size=BIG_SIZE, y=BIG_Y
        )
        whole_axes, whole_lines, whole_names = self.make_map(
            raw.overview, BIG_X + 0.3, OVERVIEW, ((-10, 0, 10), (0, 4000, 8000)), BIG_SIZE, BIG_Y
        )
        cross = VGroup(Line(UP + LEFT, DOWN + RIGHT), Line(UP + RIGHT, DOWN + LEFT)).scale(0.09)
        cross.set_stroke(PALETTE.highlight, 3).move_to(_at(whole_axes, raw.minimum, OVERVIEW))
        model = VGroup(
            make_tex(r"\hat y =", "w_1", "x_1", "+", "w_2", "x_2", font_size=SMALL_SIZE),
            make_tex(r"L(w) = \frac{1}{2N} \sum (\hat y - y)^2", font_size=SMALL_SIZE),
        )
        model.arrange(DOWN, buff=0.3).move_to([SIDE_X, 1.05, 0])
        for k, color in ((1, PALETTE.weight), (2, PALETTE.input), (4, PALETTE.weight), (5, PALETTE.input)):
            model[0][k].set_color(color)
        self.kappa_raw = make_tex(
            rf"\kappa = \lambda_{{\max}} / \lambda_{{\min}} = {num(raw.condition)}", font_size=SMALL_SIZE
        ).move_to([SIDE_X, -1.55, 0])
        # the minimum is far up the valley, off the map: an arrow at the top points to it
        self.far = self.far_arrow(self.raw_axes)
        self.say("loss", condition=raw.condition)
        # the two features become the model's two inputs: once their lines have gone, their
        # names rise over x1 and x2, and the model comes in under them
        (rooms, land), names = ([row[:2] for row in self.rows], VGroup(*(row[2] for row in self.rows)))
        # (one after the other, so their paths never cross; they stand apart over their symbols)
        for name, k, side in zip(names, (2, 5), (RIGHT, LEFT)):
            name.generate_target().scale(0.75).next_to(model[0][k], UP, buff=0.15)
            name.target.align_to(model[0][k], side)
        self.play(
            FadeOut(VGroup(rooms, land, self.ratio), rate_func=squish_rate_func(smooth, 0.0, 0.3)),
            *(
                MoveToTarget(name, rate_func=squish_rate_func(smooth, *span))
                for name, span in zip(names, ((0.1, 0.55), (0.3, 0.8)))
            ),
            FadeIn(model, rate_func=squish_rate_func(smooth, 0.75, 1.0)),
            run_time=2.4,
        )
        self.input_names = names
        # the whole valley first (w2 squeezed thousands of times more than w1)...
        self.play(Create(whole_axes), FadeIn(whole_names), run_time=1.0)
        self.play(LaggedStart(*(Create(m) for m in whole_lines), lag_ratio=0.2), FadeIn(cross), run_time=2.0)
        self.wait(1.5)
        # ...then zoom in on the start at equal scales: only the valley's walls are in the window
        (ox0, ox1), (oy0, oy1) = OVERVIEW
        (x0, x1), (y0, y1) = WINDOW
        start = _at(whole_axes, (0.0, 0.0), OVERVIEW)
        zoom = VGroup(whole_lines, cross)
        rest, moved = zoom.copy(), _at(self.raw_axes, (0.0, 0.0)) - start
        fx, fy = (ox1 - ox0) / (x1 - x0), (oy1 - oy0) / (y1 - y0)
        depth = ValueTracker(0.0)
        # the frame the lines are cut to goes from the whole valley's box to the map's
        corners = [
            (axes.c2p(0, 0), axes.c2p(w[0][1] - w[0][0], w[1][1] - w[1][0]))
            for axes, w in ((whole_axes, OVERVIEW), (self.raw_axes, WINDOW))
        ]

        def zoomed(group):  # a geometric zoom about the start; the old lines fade as the new come
            t = depth.get_value()
            group.become(
                rest.copy().stretch(fx**t, 0, about_point=start).stretch(fy**t, 1, about_point=start)
            )
            group.shift(t * moved).set_stroke(opacity=0.8 * (1 - t))
            (a0, b0), (a1, b1) = corners
            for line in group.family_members_with_points():
                clip_segments(line, a0 + t * (a1 - a0), b0 + t * (b1 - b0))

        self.remove(whole_lines, cross)
        self.add(zoom)
        zoom.add_updater(zoomed)
        self.play(
            depth.animate.set_value(1.0),
            # the ticks of the two scales share places: the old go before the new come
            FadeOut(whole_axes, rate_func=first_half),
            FadeIn(self.raw_axes, rate_func=second_half),
            ReplacementTransform(whole_names, self.raw_names),
            FadeIn(self.raw_lines, rate_func=second_half),
            run_time=2.0,
        )
        zoom.clear_updaters()
        self.remove(zoom)
        self.bring_to_front(self.raw_axes, self.raw_names)
        self.play(
            FadeIn(self.kappa_raw), FadeIn(self.far, shift=0.3 * UP), FadeOut(self.input_names), run_time=1.0
        )
        self.model = model

    def far_arrow(self, axes) -> VGroup:
        """An arrow at the map's top, under the minimum far up the valley, and its w2."""
        raw = self.example.raw
        top = _at(axes, (raw.minimum[0], WINDOW[1][1]))
        far = VGroup(
            Arrow(
                top + 0.6 * DOWN,
                top + 0.05 * UP,
                buff=0,
                color=PALETTE.highlight,
                stroke_width=3,
                tip_length=0.18,
            ),
            make_tex(
                rf"w^*:\ w_2 = {num(raw.minimum[1])}", color=PALETTE.highlight, font_size=LABEL_SIZE
            ).add_background_rectangle(color=PALETTE.background, opacity=0.9, buff=0.05),
        )
        far[1].next_to(far[0], RIGHT, buff=0.12).shift(0.15 * DOWN)
        return far

    def header(self, which: str, x: float, y: float = MAP_Y + MAP_SIZE / 2 + 0.62):
        d = getattr(self.example, which)
        title = make_text("raw scales" if which == "raw" else "normalized", font_size=SMALL_SIZE)
        eq = make_tex(r"L =", font_size=SMALL_SIZE)
        counter = make_counter(float(d.losses[0]), font_size=SMALL_SIZE)
        group = VGroup(title, eq, counter).arrange(RIGHT, buff=0.25)
        group.move_to([x, y, 0])
        counter.add_updater(lambda m: m.next_to(eq, RIGHT, buff=0.2))
        return group, counter

    def walk(self, which: str, axes, counter) -> VGroup:
        """The weights step down the loss, leaving a trail; the loss ticks over at each step."""
        d = getattr(self.example, which)
        points = [_at(axes, w) for w in d.path]
        dot = Dot(points[0], radius=0.07, color=PALETTE.weight)
        trail = VGroup()
        self.add(dot)
        for k in range(1, len(points)):
            segment = _step(points[k - 1], points[k])
            slow = k <= 4
            self.play(Create(segment), dot.animate.move_to(points[k]), run_time=0.6 if slow else 0.12)
            counter.set_value(float(d.losses[k]))
            trail.add(segment)
        self.bring_to_front(dot)
        return VGroup(trail, dot)

    def descend_raw(self) -> None:
        ex = self.example
        raw = ex.raw
        self.raw_header, self.raw_counter = self.header("raw", SIDE_X, 2.45)
        lr = make_tex(rf"\eta = {num(ex.raw.lr)}", color=PALETTE.text, font_size=SMALL_SIZE).move_to(
            [SIDE_X, -0.45, 0]
        )
        first = Arrow(
            _at(self.raw_axes, raw.path[0]),
            _at(self.raw_axes, raw.path[1]),
            buff=0,
            color=PALETTE.gradient,
            stroke_width=4,
            tip_length=0.18,
        )
        grad = make_tex(r"-\eta \nabla L", color=PALETTE.gradient, font_size=LABEL_SIZE).next_to(
            first, DOWN, buff=0.12
        )
        self.say("raw_descent", lr=raw.lr, final=raw.final_loss)
        self.play(FadeIn(self.raw_header), FadeIn(lr), run_time=0.8)
        self.play(Create(first), FadeIn(grad), run_time=1.0)
        self.play(FadeOut(VGroup(first, grad)), run_time=0.4)
        self.raw_walk = self.walk("raw", self.raw_axes, self.raw_counter)
        self.lr_tex = lr

    def show_rule(self) -> None:
        raw = self.example.raw
        rule = make_tex(
            rf"\eta = {num(raw.lr)} < \frac{{2}}{{\lambda_{{\max}}}} = {num(raw.max_stable_lr)}",
            font_size=SMALL_SIZE,
        ).move_to(self.lr_tex)
        self.raw_steps = make_tex(
            rf"{num(raw.steps_to_converge)}\ \text{{steps to the minimum}}",
            color=PALETTE.output,
            font_size=LABEL_SIZE,
        ).next_to(self.kappa_raw, DOWN, buff=0.15)
        self.say("rule", max_lr=raw.max_stable_lr, raw_steps=raw.steps_to_converge)
        self.play(*fade_through(self.lr_tex, rule), run_time=1.0)
        self.too_fast()
        self.play(FadeIn(self.raw_steps, shift=0.2 * UP), run_time=0.8)
        self.lr_tex = rule

    def too_fast(self) -> None:
        """A rate just above the cap, from the same start: each bounce across the valley wider
        than the last, until it leaves the map. The descent's own trail dims meanwhile (both run
        along the same line)."""
        raw = self.example.raw
        points = [_at(self.raw_axes, w) for w in raw.too_fast_path]
        if len(points) < 2:
            return
        label = make_tex(rf"\eta = {num(raw.too_fast_lr)}", color=PALETTE.gradient, font_size=LABEL_SIZE)
        label.add_background_rectangle(color=PALETTE.background, opacity=0.85, buff=0.05)
        label.move_to(_at(self.raw_axes, (1.0, 0.5)))
        ball = Dot(points[0], radius=0.07, color=PALETTE.gradient)
        self.play(self.raw_walk.animate.set_opacity(0.25), FadeIn(label), FadeIn(ball, scale=2), run_time=0.6)
        trail = VGroup()
        for a, b in zip(points, points[1:]):
            segment = Line(a, b, color=PALETTE.gradient, stroke_width=4).set_stroke(opacity=0.8)
            self.play(Create(segment), ball.animate.move_to(b), run_time=0.45)
            trail.add(segment)
        self.play(Flash(ball, color=PALETTE.gradient), run_time=0.6)
        self.wait(0.6)
        self.play(FadeOut(VGroup(trail, ball, label)), self.raw_walk.animate.set_opacity(1), run_time=0.6)

    def descend_normalized(self) -> None:
        ex = self.example
        norm = ex.normalized
        axes, lines, names = self.make_map(norm.contours, MAP_X)
        cross = VGroup(Line(UP + LEFT, DOWN + RIGHT), Line(UP + RIGHT, DOWN + LEFT)).scale(0.09)
        cross.set_stroke(PALETTE.highlight, 3).move_to(_at(axes, norm.minimum))
        header, counter = self.header("normalized", MAP_X)
        self.kappa_norm = make_tex(
            rf"\kappa = \lambda_{{\max}} / \lambda_{{\min}} = {num(norm.condition)}", font_size=SMALL_SIZE
        ).move_to([MAP_X, MAP_Y - MAP_SIZE / 2 - 0.85, 0])
        self.say("normalized_descent", condition=norm.condition, norm_steps=norm.steps_to_converge)
        self.make_room()
        self.play(Create(axes), FadeIn(names), FadeIn(header), run_time=1.0)
        self.play(LaggedStart(*(Create(m) for m in lines), lag_ratio=0.2), FadeIn(cross), run_time=1.6)
        self.bring_to_front(axes, names, cross)
        self.play(FadeIn(self.kappa_norm), run_time=0.6)
        self.walk("normalized", axes, counter)
        self.norm_steps = make_tex(
            rf"{num(norm.steps_to_converge)}\ \text{{steps to the minimum}}",
            color=PALETTE.output,
            font_size=LABEL_SIZE,
        ).next_to(self.kappa_norm, DOWN, buff=0.15)
        self.play(FadeIn(self.norm_steps, shift=0.2 * UP), run_time=0.8)

    def make_room(self) -> None:
        """The raw map shrinks to the left with its walk; its readouts go over and under it; the
        model and the rate move to the middle: the normalized map takes the side column."""
        raw = self.example.raw
        axes, lines, names = self.make_map(raw.contours, -MAP_X)
        trail, dot = self.raw_walk
        points = [_at(axes, w) for w in raw.path]
        small_trail = VGroup(*(_step(a, b) for a, b in zip(points, points[1:])))
        small_dot = dot.copy().move_to(points[-1])
        far = self.far_arrow(axes)
        below = MAP_Y - MAP_SIZE / 2 - 0.85
        self.play(
            ReplacementTransform(self.raw_axes, axes, rate_func=first_half),
            ReplacementTransform(self.raw_lines, lines, rate_func=first_half),
            ReplacementTransform(self.raw_names, names, rate_func=first_half),
            ReplacementTransform(trail, small_trail, rate_func=first_half),
            ReplacementTransform(dot, small_dot, rate_func=first_half),
            ReplacementTransform(self.far, far, rate_func=first_half),
            # the map lands in the first half; the readouts fade out meanwhile and back in at their
            # new places after it (flown, they would cross the shrinking map)
            fade_to(self.raw_header, [-MAP_X, MAP_Y + MAP_SIZE / 2 + 0.62, 0]),
            fade_to(self.kappa_raw, [-MAP_X, below, 0]),
            fade_to(
                self.raw_steps,
                [-MAP_X, below - (self.kappa_raw.height + self.raw_steps.height) / 2 - 0.15, 0],
            ),
            VGroup(self.model, self.lr_tex).animate(rate_func=first_half).shift(SIDE_X * LEFT),
            run_time=2.0,
        )
        self.raw_axes, self.raw_lines, self.raw_names, self.far = axes, lines, names, far
        self.raw_walk = VGroup(small_trail, small_dot)

    def compare(self) -> None:
        ex = self.example
        self.say("compare", raw_steps=ex.raw.steps_to_converge, norm_steps=ex.normalized.steps_to_converge)
        self.play(
            self.raw_steps.animate.scale(1.1),
            self.norm_steps.animate.scale(1.1),
            rate_func=lambda t: smooth(1 - abs(2 * t - 1)),
            run_time=1.2,
        )
