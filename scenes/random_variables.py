"""A random variable as motion: a die tumbles and drops blocks into bins; the counts become
frequencies that settle onto the probabilities as the rolls speed up; the probabilities stack
into one bar of height 1; a fulcrum balances the bars at E[X]; squared deviations, weighted by
their probabilities, make Var[X], whose root is the spread; and a network's answer is such a
distribution.
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    OUT,
    RIGHT,
    TAU,
    UP,
    Arrow,
    Axes,
    Create,
    DashedLine,
    DoubleArrow,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    LaggedStart,
    Line,
    MoveToTarget,
    Polygon,
    Rectangle,
    ReplacementTransform,
    RoundedRectangle,
    Square,
    Transform,
    UpdateFromAlphaFunc,
    UpdateFromFunc,
    ValueTracker,
    VGroup,
    linear,
    rate_functions,
    smooth,
)
from manim.utils.space_ops import rotation_matrix

from mathdl_anim.core.digits import INK_LEVELS
from mathdl_anim.draw.arrays import make_digit_image
from mathdl_anim.draw.counters import make_step_counter
from mathdl_anim.draw.plots import make_bar_chart, tick_step
from mathdl_anim.draw.shapes import make_die_face
from mathdl_anim.draw.style import LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import fade_through, first_half, make_tex, make_text, num, second_half
from mathdl_anim.scene.lesson_scene import LessonScene

#: The die's column on the left: the die, X, the counter of rolls and the legend.
PANEL_X = -5.45
DIE_Y = 1.55
DIE_SIZE = 1.25
LABEL_Y = 0.35
COUNTER_Y = -0.45
LEGEND_Y = -1.55
#: The bar chart: left and right ends of the x-axis, its height and the height of the y-axis.
CHART_LEFT, CHART_RIGHT = -3.2, 5.95
AXIS_Y = -1.2
CHART_HEIGHT = 3.7
#: A bar's width, as a share of the distance between two faces.
BAR_SHARE = 0.56
#: The row under the axis where the spread E[X] +- sigma is drawn.
SPREAD_Y = AXIS_Y - 0.85
#: The largest variance square's side at most (scene units): the chart's height. The squares are
#: drawn on the x-axis' scale (a deviation of 1 face is one face apart) unless the largest would be
#: taller than this.
SQUARE_ROOM = CHART_HEIGHT
#: The leftmost a note in the die's column may reach (0.3 or more from the frame's edge).
NOTE_LEFT = -6.7
#: How far E[X]'s name steps up while the squares show (the tallest may reach the chart's top).
E_LABEL_LIFT = 0.3
#: Seconds per tenfold growth of the rolls while they speed up.
DECADE_SECONDS = 2.4


def nice_top(largest: float) -> tuple[float, float]:
    """A round value at the top of an axis holding ``largest`` (a little room above), and the
    step between its labels (3 to 6 labels)."""
    step = tick_step(1.2 * largest)
    return step * math.ceil(1.05 * largest / step - 1e-9), step


class RandomVariables(LessonScene):
    """A die rolled into bins, frequencies to probabilities, the sum 1, E[X] and Var[X]."""

    def construct(self) -> None:
        self.show_title("Random variables")
        self.roll_first()
        self.roll_more()
        self.counts_to_frequencies()
        self.speed_up()
        self.stack_to_one()
        self.balance()
        self.spread()
        self.back_to_networks()
        self.wait(2)

    # -- the chart ---------------------------------------------------------------------------
    @property
    def unit(self) -> float:
        """Scene units per unit of the x-axis (one face to the next)."""
        k = len(self.example.rv.outcomes)
        return (CHART_RIGHT - CHART_LEFT) / (k + 0.2)

    def make_chart(self) -> Axes:
        """The x-axis labelled with the faces; a y-axis from 0 to 1 of ``self.top`` (labelled by
        :meth:`y_labels`)."""
        outcomes = self.example.rv.outcomes
        axes = Axes(
            x_range=[outcomes[0] - 0.6, outcomes[-1] + 0.6, 1],
            y_range=[0, 1, 1],
            x_length=CHART_RIGHT - CHART_LEFT,
            y_length=CHART_HEIGHT,
            tips=False,
            axis_config={"color": PALETTE.muted, "stroke_width": 2, "include_ticks": False},
        )
        axes.shift(np.array([CHART_LEFT, AXIS_Y, 0.0]) - axes.c2p(outcomes[0] - 0.6, 0))
        axes.x_axis.add_labels(
            {x: make_tex(num(x), color=PALETTE.muted, font_size=LABEL_SIZE) for x in outcomes}
        )
        return axes

    def y_marks(self, top: float, step: float, name: str) -> VGroup:
        """Labels and ticks of the y-axis for values 0 to ``top`` every ``step``, and its name.

        The labels go into the y-axis (they are its tick labels); the ticks and the name are
        returned with them: ``(labels, ticks, name)``.
        """
        values = [step * j for j in range(int(math.floor(top / step + 1e-9)) + 1)]
        y_axis = self.axes.y_axis
        labels = VGroup()
        ticks = VGroup()
        for v in values:
            point = y_axis.number_to_point(v / top)
            label = make_tex(num(v), color=PALETTE.muted, font_size=LABEL_SIZE)
            labels.add(label.next_to(point, LEFT, buff=0.15))
            ticks.add(Line(point + 0.06 * LEFT, point + 0.06 * RIGHT, color=PALETTE.muted, stroke_width=2))
        title = make_text(name, color=PALETTE.muted, font_size=LABEL_SIZE)  # plain text, $...$ for math
        title.next_to(y_axis.get_end(), RIGHT, buff=0.15).shift(0.1 * UP)
        return VGroup(labels, ticks, title)

    def set_y_marks(self, marks: VGroup) -> None:
        """Make ``marks`` the y-axis' labels (so the axis counts as labelled) without drawing them."""
        y_axis = self.axes.y_axis
        if getattr(y_axis, "labels", None) is not None:
            y_axis.remove(y_axis.labels)
        y_axis.labels = marks[0]
        y_axis.add(marks[0])

    def relabel(self, marks: VGroup, *others, run_time: float = 1.4) -> None:
        """The y-axis changes its unit: its labels, ticks and name cross-fade to ``marks``."""
        old = self.marks
        self.axes.y_axis.remove(old[0])
        self.add(old)
        for part in marks:
            part.set_opacity(0)
        self.set_y_marks(marks)
        self.add(marks[1], marks[2])
        self.play(
            old.animate(rate_func=first_half).set_opacity(0),
            *(part.animate(rate_func=second_half).set_opacity(1) for part in marks),
            *others,
            run_time=run_time,
        )
        self.remove(old)
        self.marks = marks

    def bars(self, heights, color: str) -> VGroup:
        return make_bar_chart(
            self.axes, self.example.rv.outcomes, heights, self.top, width=BAR_SHARE, color=color
        )

    # -- a die that tumbles -----------------------------------------------------------------
    def face(self, pips: int) -> VGroup:
        return make_die_face(pips, size=DIE_SIZE)

    def posed_face(self, pips: int, angle: float, center: np.ndarray) -> VGroup:
        """The face ``pips`` turned by ``angle`` about ``center``: one face per value is built once
        and only its points move (a new die face per frame costs more than the frame)."""
        faces = self.__dict__.setdefault("_faces", {})
        if pips not in faces:
            face = self.face(pips).move_to(ORIGIN)
            faces[pips] = (face, [m.points.copy() for m in face.get_family()])
        face, points = faces[pips]
        turn = rotation_matrix(angle, OUT).T
        for m, pts in zip(face.get_family(), points):
            if len(pts):
                m.points = pts @ turn + center
        return face

    def set_heights(self, bars: VGroup, heights) -> None:
        """Move the tops of ``bars`` (from :meth:`bars`) to ``heights``, in place."""
        for bar, x, h in zip(bars, self.example.rv.outcomes, heights):
            y = float(h) / self.top
            half = BAR_SHARE / 2
            lo, hi = self.axes.c2p(x - half, 0), self.axes.c2p(x + half, y)
            hi[1] = max(hi[1], lo[1] + 1e-3)
            bar.set_points_as_corners([hi, [lo[0], hi[1], 0], lo, [hi[0], lo[1], 0], hi])
            bar.set_fill(opacity=0.8 if y > 0 else 0).set_stroke(width=1 if y > 0 else 0)

    def tumble(self, pips: int, run_time: float, spins: float = 1.0, others=()) -> None:
        """The die hops and turns, its faces flicking, and lands showing ``pips``."""
        outcomes = [int(x) for x in self.example.rv.outcomes]
        flicks = [outcomes[(outcomes.index(pips) + j) % len(outcomes)] for j in range(1, 7)]
        home = np.array([PANEL_X, DIE_Y, 0.0])

        def update(slot: VGroup, alpha: float) -> None:
            shown = pips if alpha > 0.8 else flicks[int(alpha * 7.5) % len(flicks)]
            angle = spins * TAU * (1 - smooth(alpha))
            center = home + 0.55 * math.sin(math.pi * alpha) * UP
            slot.submobjects = [self.posed_face(shown, angle, center)]

        self.play(UpdateFromAlphaFunc(self.die, update), *others, run_time=run_time)

    # -- beats -------------------------------------------------------------------------------
    def roll_first(self) -> None:
        ex = self.example
        n1 = ex.checkpoints[0]
        # the frequency scale, fixed for the whole run: every frequency along the way fits
        path_freq = ex.path_counts / np.array(ex.path_n, dtype=float)[:, None]
        self.freq_top, self.freq_step = nice_top(
            max(float(path_freq.max()), float(ex.rv.probabilities.max()))
        )
        self.top = self.freq_top
        self.die = VGroup(self.face(ex.first_rolls[0]).move_to([PANEL_X, DIE_Y, 0]))
        self.say("roll")
        self.play(FadeIn(self.die, shift=0.3 * DOWN), run_time=0.5)
        self.tumble(ex.first_rolls[0], run_time=1.6, spins=1.5)
        # the chart: counts of the first rolls, on the scale that will read as frequencies
        self.axes = self.make_chart()
        count_top = self.freq_top * n1
        count_step = max(1, int(round(tick_step(1.2 * count_top))))
        self.marks = self.y_marks(count_top, count_step, "count")
        self.marks[0].set_opacity(1)
        self.set_y_marks(self.marks)
        self.count_height = (1 / n1) / self.freq_top * CHART_HEIGHT  # one block
        self.x_name = make_text("face $x$", color=PALETTE.muted, font_size=LABEL_SIZE)
        self.x_name.next_to(self.axes.x_axis, DOWN, buff=0.45).align_to(self.axes.x_axis, RIGHT)
        self.play(Create(self.axes), FadeIn(self.marks[1:]), FadeIn(self.x_name), run_time=1.0)

    def x_label(self, pips: int):
        label = make_tex("X", "=", num(pips), font_size=SMALL_SIZE)
        label[2].set_color(PALETTE.input)
        return label.move_to([PANEL_X, LABEL_Y, 0])

    def drop_block(self, pips: int, count: int, rolled: int, run_time: float) -> None:
        """A block leaves X's value and lands on top of the stack in its bin; n ticks over."""
        width = BAR_SHARE * self.unit
        block = Rectangle(width=width, height=self.count_height)
        block.set_fill(PALETTE.input, opacity=0.8).set_stroke(PALETTE.text, width=1.5)
        block.scale(0.35).move_to(self.label[2])
        bottom = self.axes.c2p(pips, 0)[1] + (count - 1) * self.count_height
        target = np.array([self.axes.c2p(pips, 0)[0], bottom + self.count_height / 2, 0.0])
        self.play(
            block.animate(path_arc=-0.6).scale(1 / 0.35).move_to(target),
            UpdateFromAlphaFunc(self.counter, lambda m, a: self.count_to(rolled if a > 0.5 else rolled - 1))
            if rolled > 1
            else FadeIn(self.counter_row, rate_func=second_half),
            run_time=run_time,
        )
        self.blocks[int(pips) - 1].add(block)

    def count_to(self, n: int) -> None:
        """The counter of rolls shows ``n`` (rebuilt only when it changes), beside ``n =``."""
        if int(self.counter.get_value()) != n:
            self.counter.set_value(n)
            self.counter.next_to(self.counter_row[0], RIGHT, buff=0.15)

    def roll_more(self) -> None:
        ex = self.example
        outcomes = [int(x) for x in ex.rv.outcomes]
        self.blocks = [VGroup() for _ in outcomes]
        first = ex.first_rolls[0]
        self.label = self.x_label(first)
        self.counter = make_step_counter(1, font_size=SMALL_SIZE).set_color(PALETTE.input)
        self.counter.group_with_commas = False  # 10000, as the policy writes it elsewhere
        self.counter.set_value(1)
        n_label = make_tex("n", "=", font_size=SMALL_SIZE)
        self.counter_row = VGroup(n_label, self.counter).arrange(RIGHT, buff=0.15)
        self.counter_row.move_to([PANEL_X, COUNTER_Y, 0])
        self.say("variable", face=first)
        self.play(FadeIn(self.label, shift=0.3 * DOWN), run_time=0.8)
        counts = {x: 0 for x in outcomes}
        counts[first] += 1
        self.drop_block(first, 1, 1, run_time=1.2)
        self.say("counts", n=ex.checkpoints[0])
        for j, pips in enumerate(ex.first_rolls[1:], start=2):
            speed = max(0.35, 0.9 * 0.85 ** (j - 2))  # faster and faster
            new_label = self.x_label(pips)
            self.tumble(pips, run_time=1.1 * speed, spins=0.75, others=fade_through(self.label, new_label))
            self.label = new_label
            counts[pips] += 1
            self.drop_block(pips, counts[pips], j, run_time=0.8 * speed)
        self.wait(0.6)

    def counts_to_frequencies(self) -> None:
        """Dividing by n: the stacks become bars and the axis' unit becomes a share of n."""
        ex = self.example
        n1 = ex.checkpoints[0]
        self.freq_bars = self.bars(ex.checkpoint_frequencies[0], PALETTE.input)
        stacks = [VGroup(*b) for b in self.blocks if len(b)]
        self.say("frequency", n=n1)
        marks = self.y_marks(self.freq_top, self.freq_step, "frequency = count / $n$")
        self.relabel(marks, run_time=1.6)
        # the stacks fuse into one bar each (the same heights: count / n on the new scale)
        self.add(self.freq_bars)
        self.bring_to_front(*stacks)
        self.play(*(FadeOut(s) for s in stacks), run_time=1.0)
        self.remove(*stacks)
        self.wait(0.5)

    def make_legend(self) -> VGroup:
        mark = Line(0.2 * LEFT, 0.2 * RIGHT, color=PALETTE.output, stroke_width=5)
        swatch = Square(0.3).set_fill(PALETTE.input, opacity=0.8).set_stroke(PALETTE.input, width=1)
        rows = VGroup(
            VGroup(mark, make_tex(r"P(X = x)", font_size=LABEL_SIZE)).arrange(RIGHT, buff=0.2),
            VGroup(swatch, make_text("frequency", font_size=LABEL_SIZE)).arrange(RIGHT, buff=0.2),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        return rows.move_to([PANEL_X, LEGEND_Y, 0])

    def prob_marks(self) -> VGroup:
        width = (BAR_SHARE + 0.2) * self.unit
        return VGroup(
            *(
                Line(LEFT * width / 2, RIGHT * width / 2, color=PALETTE.output, stroke_width=5).move_to(
                    self.axes.c2p(x, p / self.top)
                )
                for x, p in zip(self.example.rv.outcomes, self.example.rv.probabilities)
            )
        )

    def speed_up(self) -> None:
        """The rolls speed up: n ticks through 100, 1000 ... while the bars follow the real counts."""
        ex = self.example
        self.marks_p = self.prob_marks()
        self.legend = self.make_legend()
        self.say("probabilities")
        self.play(
            LaggedStart(*(Create(m) for m in self.marks_p), lag_ratio=0.15),
            FadeIn(self.legend, shift=0.2 * UP),
            FadeOut(self.label),  # the batches roll too fast to read
            run_time=1.4,
        )
        self.wait(0.5)
        self.say("large_numbers", n=ex.n)
        path = np.array(ex.path_n)
        freqs = ex.path_counts / path[:, None].astype(float)
        spot = self.die[0].get_center()
        for lo, hi in zip(ex.checkpoints, ex.checkpoints[1:]):
            steps = [j for j, c in enumerate(ex.path_n) if lo <= c <= hi]
            tracker = ValueTracker(steps[0])

            def follow(bars: VGroup, tracker=tracker) -> None:
                self.set_heights(bars, freqs[int(round(tracker.get_value()))])

            def count(m, tracker=tracker) -> None:
                self.count_to(ex.path_n[int(round(tracker.get_value()))])

            def shake(slot: VGroup, alpha: float, lo=lo) -> None:
                spins = 4 * alpha
                outcomes = [int(x) for x in ex.rv.outcomes]
                pips = outcomes[(int(alpha * 40) + lo) % len(outcomes)]
                center = spot + 0.12 * math.sin(60 * alpha) * UP
                slot.submobjects = [self.posed_face(pips, TAU * spins, center)]

            self.freq_bars.add_updater(follow)
            self.counter.add_updater(count)
            seconds = DECADE_SECONDS * math.log10(hi / lo)
            self.play(
                tracker.animate.set_value(steps[-1]),
                UpdateFromAlphaFunc(self.die, shake),
                run_time=max(1.2, seconds),
                rate_func=linear,
            )
            self.freq_bars.remove_updater(follow)
            self.counter.remove_updater(count)
            self.wait(0.4)
        self.wait(0.8)

    def stack_to_one(self) -> None:
        """The probabilities, drawn as bars, slide into one column of height 1."""
        ex = self.example
        rv = ex.rv
        total = float(rv.probabilities.sum())
        self.prob_bars = self.bars(rv.probabilities, PALETTE.output)
        self.say("stack", total=total)
        # the frequencies give way to the probabilities they settled on
        self.play(
            ReplacementTransform(self.freq_bars, self.prob_bars),
            FadeOut(self.marks_p),
            FadeOut(self.legend[1]),
            run_time=1.0,
        )
        # the axis makes room for 1
        stack_top, stack_step = nice_top(total)
        self.top = stack_top
        shrunk = self.bars(rv.probabilities, PALETTE.output)
        self.relabel(self.y_marks(stack_top, stack_step, "$P(X = x)$"), Transform(self.prob_bars, shrunk))
        # the bars slide into one column in the middle, one on top of the other
        middle = (rv.outcomes[0] + rv.outcomes[-1]) / 2
        width = BAR_SHARE * self.unit
        base = self.axes.c2p(middle, 0)
        height = 0.0
        for bar, p in zip(self.prob_bars, rv.probabilities):
            bar.generate_target()
            h = p / self.top * CHART_HEIGHT
            bar.target.stretch_to_fit_width(width).move_to(base + (height + h / 2) * UP)
            bar.target.set_stroke(PALETTE.text, width=1.5)
            height += h
        self.play(LaggedStart(*(MoveToTarget(b) for b in self.prob_bars), lag_ratio=0.2), run_time=2.0)
        one = self.axes.c2p(middle, total / self.top)
        guide = DashedLine(self.axes.c2p(rv.outcomes[0] - 0.6, total / self.top), one, color=PALETTE.output)
        sum_label = make_tex(num(total), color=PALETTE.output).next_to(one, RIGHT, buff=width / 2 + 0.2)
        self.play(Create(guide), FadeIn(sum_label, scale=1.4), run_time=1.0)
        self.wait(1.2)
        # and slide back: the distribution, on a scale that shows it large
        prob_top, prob_step = nice_top(float(rv.probabilities.max()))
        self.top = prob_top
        back = self.bars(rv.probabilities, PALETTE.output)
        self.relabel(
            self.y_marks(prob_top, prob_step, "$P(X = x)$"),
            Transform(self.prob_bars, back),
            FadeOut(guide),
            FadeOut(sum_label),
            run_time=1.6,
        )

    def balance(self) -> None:
        """A fulcrum slides under the beam of bars; the beam tips until it balances at E[X]."""
        ex = self.example
        rv = ex.rv
        e = rv.expectation
        lo = rv.outcomes[0] - 0.45
        beam = VGroup(self.axes, self.prob_bars, self.marks[1], self.marks[2])
        level = [m.points.copy() for m in beam.get_family()]  # the beam at rest
        ref = self.axes.copy()  # the axis at rest, where the fulcrum runs
        spread = max(float(np.max(np.abs(rv.outcomes - e))), 0.5)
        f = ValueTracker(lo)

        def fulcrum_at(x: float) -> Polygon:
            tip = ref.c2p(x, 0)
            tri = Polygon(tip, tip + np.array([-0.22, -0.38, 0]), tip + np.array([0.22, -0.38, 0]))
            return tri.set_fill(PALETTE.muted, opacity=0.9).set_stroke(PALETTE.muted, width=1)

        fulcrum = fulcrum_at(lo)
        fulcrum.add_updater(lambda m: m.shift(ref.c2p(f.get_value(), 0) - m.points[0]))

        def pose(angle: float, about: np.ndarray) -> None:
            turn = rotation_matrix(angle, OUT).T
            for m, pts in zip(beam.get_family(), level):
                if len(pts):
                    m.points = (pts - about) @ turn + about

        def tilt(group: VGroup) -> None:
            x = f.get_value()
            pose(-0.13 * math.tanh(2 * (e - x) / spread), ref.c2p(x, 0))

        self.say("expectation", expectation=e)
        self.play(FadeIn(fulcrum, shift=0.2 * UP), run_time=0.6)
        # the beam (axes, bars and ticks) tips about the fulcrum while it is off balance
        self.remove(*beam)
        self.add(beam, fulcrum)
        self.play(f.animate.set_value(e + 0.35 * spread), UpdateFromFunc(beam, tilt), run_time=2.6)
        self.play(
            f.animate(rate_func=rate_functions.ease_out_back).set_value(e),
            UpdateFromFunc(beam, tilt),
            run_time=1.6,
        )
        fulcrum.clear_updaters()
        pose(0.0, ref.c2p(e, 0))
        self.remove(beam)
        self.add(*beam)
        self.bring_to_front(fulcrum)
        self.fulcrum = fulcrum
        # E[X] marked: a line up from the fulcrum's tip, named at the top
        top_y = AXIS_Y + CHART_HEIGHT
        self.e_line = DashedLine(
            self.axes.c2p(e, 0), [self.axes.c2p(e, 0)[0], top_y, 0], color=PALETTE.output
        )
        mean = ex.sample_mean
        side = LEFT if mean >= e else RIGHT
        self.e_label = make_tex(r"E[X] = " + num(e), color=PALETTE.output, font_size=SMALL_SIZE)
        self.e_label.next_to(self.e_line.get_end(), side, buff=0.12).shift(0.05 * UP)
        self.play(Create(self.e_line), FadeIn(self.e_label), run_time=1.0)
        # the rolls' mean lands beside it
        self.say("sample_mean", n=ex.n, sample_mean=mean)
        x_at = self.axes.c2p(mean, 0)
        marker = Polygon(x_at, x_at + np.array([-0.13, 0.22, 0]), x_at + np.array([0.13, 0.22, 0]))
        marker.set_fill(PALETTE.input, opacity=1).set_stroke(PALETTE.input, width=1)
        m_line = DashedLine(x_at, [x_at[0], top_y, 0], color=PALETTE.input)
        m_label = make_tex(r"\bar{x} = " + num(mean), color=PALETTE.input, font_size=SMALL_SIZE)
        m_label.next_to(m_line.get_end(), -side, buff=0.12).shift(0.05 * UP)
        marker.shift(3 * UP)
        self.play(marker.animate.shift(3 * DOWN), run_time=1.0, rate_func=rate_functions.ease_out_bounce)
        self.play(Create(m_line), FadeIn(m_label), run_time=0.8)
        self.mean_marks = VGroup(marker, m_line, m_label)
        self.wait(1.0)

    def spread(self) -> None:
        """Deviations become squares on the axis' own scale, nested at E[X]; weighted by
        probability they shrink; together they make one square of area Var[X]; its side, laid
        along the axis on both sides of E[X] without changing length, is the spread sigma."""
        ex = self.example
        rv = ex.rv
        e = rv.expectation
        d = ex.deviations
        u = self.unit
        largest = max(float(np.max(np.abs(d))), 1e-9)
        # scene units per unit of the squares: the axis' own, unless the largest square would
        # not fit in the chart's height (then smaller, and said on screen)
        s = min(u, SQUARE_ROOM / largest)
        at_e = self.axes.c2p(e, 0)
        signs = [1.0 if x > e else -1.0 for x in rv.outcomes]
        # the deviations: arrows from E[X] to each face, one row each
        arrows = VGroup()
        for j, x in enumerate(rv.outcomes):
            y = 0.3 + 0.32 * j
            start = self.axes.c2p(e, 0) + y * UP
            end = self.axes.c2p(x, 0) + y * UP
            arrows.add(
                Arrow(
                    start,
                    end,
                    buff=0,
                    color=PALETTE.text,
                    stroke_width=3,
                    max_tip_length_to_length_ratio=0.25,
                )
                if abs(x - e) > 1e-9
                else Line(start, start + 1e-3 * RIGHT, color=PALETTE.text)
            )
        self.say("deviations")
        # the squares are measured along x: the probability scale steps aside while they show,
        # and E[X]'s name steps up out of the tallest square's way
        y_scale = VGroup(self.axes.y_axis, self.marks[1], self.marks[2])
        self.play(
            self.prob_bars.animate.set_fill(opacity=0.25).set_stroke(opacity=0.4),
            FadeOut(self.mean_marks),
            y_scale.animate.set_opacity(0),
            self.e_label.animate.shift(E_LABEL_LIFT * UP),
            LaggedStart(
                *(GrowFromEdge(a, LEFT if x > e else RIGHT) for a, x in zip(arrows, rv.outcomes)),
                lag_ratio=0.1,
            ),
            run_time=1.6,
        )

        # each arrow lies down on the axis and rises into the square on it (the arrow its base),
        # all anchored at E[X]: the squares nest, the farthest faces' largest
        def square(dev: float, sign: float, k: float = 1.0) -> Square:
            side = max(abs(dev) * s * k, 1e-3)
            sq = Square(side).set_fill(PALETTE.text, opacity=0.18).set_stroke(PALETTE.text, width=2)
            return sq.move_to(at_e + side / 2 * (sign * RIGHT + UP))

        squares = VGroup(*(square(dev, sign) for dev, sign in zip(d, signs)))
        bases = VGroup(*(sq.copy().stretch(1e-3, 1, about_edge=DOWN) for sq in squares))
        note = VGroup()
        if s < u - 1e-9:  # the squares are drawn smaller than the axis: say so
            note = VGroup(
                make_text("squares drawn smaller", font_size=LABEL_SIZE),
                make_text("than the axis' scale", font_size=LABEL_SIZE),
            ).arrange(DOWN, buff=0.1)
            # in the die's column, under the legend: clear of any square, label or spread
            note.set_color(PALETTE.muted).move_to([PANEL_X, LEGEND_Y - 0.85, 0])
            note.shift(max(0.0, NOTE_LEFT - note.get_left()[0]) * RIGHT)  # clear of the frame's edge
        self.play(
            LaggedStart(*(ReplacementTransform(a, b) for a, b in zip(arrows, bases)), lag_ratio=0.1),
            run_time=1.0,
        )
        self.play(
            LaggedStart(*(ReplacementTransform(b, q) for b, q in zip(bases, squares)), lag_ratio=0.15),
            FadeIn(note),
            run_time=1.8,
        )
        self.wait(0.6)
        # weighted: each area times its probability (the side times its root), about E[X]
        self.say("weighted")
        weighted = VGroup(
            *(square(dev, sign, math.sqrt(p)) for dev, sign, p in zip(d, signs, rv.probabilities))
        )
        terms = VGroup()
        for q, sign, term in zip(weighted, signs, ex.variance_terms):
            label = make_tex(num(term), font_size=LABEL_SIZE)
            terms.add(label.next_to(q.get_corner(UP + sign * RIGHT), UP + sign * RIGHT, buff=0.06))
        self.play(
            Transform(squares, weighted),
            self.prob_bars.animate.set_fill(opacity=0.45),
            FadeIn(terms, rate_func=second_half),
            run_time=1.8,
        )
        self.wait(0.6)
        # together: one square of area Var[X], centred on E[X]
        self.say("variance", variance=rv.variance)
        side = max(s * ex.std, 1e-3)
        big = Square(side).set_fill(PALETTE.text, opacity=0.3).set_stroke(PALETTE.text, width=2)
        big.move_to(at_e + side / 2 * UP)
        var_label = make_tex(r"\mathrm{Var}[X] = " + num(rv.variance), font_size=SMALL_SIZE)
        var_label.next_to(big, RIGHT, buff=0.25).shift(0.1 * UP)
        self.play(
            ReplacementTransform(squares, big),
            self.prob_bars.animate.set_fill(opacity=0.25),
            # the areas fade where they stand (flown together, six numbers pile into one blot);
            # the squares' merging carries the sum
            *(FadeOut(t, scale=0.6, rate_func=first_half) for t in terms),
            FadeIn(var_label, rate_func=second_half),
            run_time=1.8,
        )
        self.remove(terms)
        self.wait(0.8)
        # its side, laid along the axis on both sides of E[X]: the spread. On the axis' scale
        # the side keeps its length; only squares drawn smaller grow to the axis' scale
        self.say("std", std=ex.std)
        left = Line(
            big.get_corner(DOWN + LEFT), big.get_corner(DOWN + RIGHT), color=PALETTE.highlight, stroke_width=5
        )
        right = left.copy()
        y = SPREAD_Y
        target_l = Line([self.axes.c2p(e - ex.std, 0)[0], y, 0], [self.axes.c2p(e, 0)[0], y, 0])
        target_r = Line([self.axes.c2p(e, 0)[0], y, 0], [self.axes.c2p(e + ex.std, 0)[0], y, 0])
        self.add(left, right)
        self.play(
            left.animate.put_start_and_end_on(target_l.get_start(), target_l.get_end()),
            right.animate.put_start_and_end_on(target_r.get_start(), target_r.get_end()),
            run_time=1.6,
        )
        spread = (
            DoubleArrow(
                target_l.get_start(),
                target_r.get_end(),
                buff=0,
                color=PALETTE.highlight,
                stroke_width=4,
                max_tip_length_to_length_ratio=0.08,
            )
            if ex.std * self.unit > 0.05
            else VGroup()  # no spread: every roll shows the same face
        )
        ends = VGroup(
            *(
                Line(p + 0.12 * UP, p + 0.12 * DOWN, color=PALETTE.highlight, stroke_width=3)
                for p in (target_l.get_start(), target_r.get_end())
            )
        )
        sigma = make_tex(r"\sigma = " + num(ex.std), font_size=SMALL_SIZE).next_to(ends, DOWN, buff=0.15)
        self.play(
            FadeIn(spread),
            FadeIn(ends),
            FadeOut(left),
            FadeOut(right),
            FadeIn(sigma, shift=0.2 * DOWN),
            run_time=1.0,
        )
        self.wait(1.2)
        self.variance_parts = VGroup(big, var_label, spread, ends, sigma, note)

    def back_to_networks(self) -> None:
        """The same picture inside a network: a digit in, a distribution over ten digits out."""
        ex = self.example
        probs = ex.network_probabilities
        digits = list(range(len(probs)))
        net_axes = Axes(
            x_range=[-0.6, len(probs) - 0.4, 1],
            y_range=[0, 1, 1],
            x_length=CHART_RIGHT - CHART_LEFT,
            y_length=CHART_HEIGHT,
            tips=False,
            axis_config={"color": PALETTE.muted, "stroke_width": 2, "include_ticks": False},
        )
        net_axes.shift(np.array([CHART_LEFT, AXIS_Y, 0.0]) - net_axes.c2p(-0.6, 0))
        net_axes.x_axis.add_labels(
            {x: make_tex(num(x), color=PALETTE.muted, font_size=LABEL_SIZE) for x in digits}
        )
        old_axes = self.axes
        self.axes = net_axes
        self.top = 1.0
        marks = self.y_marks(1.0, 0.2, "$P(X = x)$")
        marks[0].set_opacity(1)
        self.set_y_marks(marks)
        name = make_text("digit", color=PALETTE.muted, font_size=LABEL_SIZE)
        name.next_to(net_axes.x_axis, DOWN, buff=0.5).align_to(net_axes.x_axis, RIGHT)
        bars = make_bar_chart(net_axes, digits, probs, 1.0, width=BAR_SHARE, color=PALETTE.output)
        image = make_digit_image(ex.network_pixels, INK_LEVELS, side=0.24, grid=0)
        image.move_to([PANEL_X, DIE_Y + 0.1, 0])
        box = RoundedRectangle(corner_radius=0.12, width=1.6, height=0.6).set_stroke(PALETTE.weight, width=2)
        box.move_to([PANEL_X, COUNTER_Y - 0.2, 0])
        box_name = make_text("network", font_size=LABEL_SIZE).move_to(box)
        down = Arrow(image.get_bottom(), box.get_top(), buff=0.1, color=PALETTE.muted, stroke_width=3)
        out = Arrow(
            box.get_right(),
            [CHART_LEFT - 0.75, box.get_y(), 0],
            buff=0.1,
            color=PALETTE.muted,
            stroke_width=3,
        )
        best = int(np.argmax(probs))
        best_label = make_tex(num(float(probs[best])), color=PALETTE.output, font_size=LABEL_SIZE)
        best_label.next_to(bars[best], UP, buff=0.12)
        self.say("network", label=ex.network_label, prediction=ex.network_prediction)
        leaving = VGroup(
            self.variance_parts,
            self.fulcrum,
            self.e_line,
            self.e_label,
            self.counter_row,
            self.legend[0],
            self.x_name,
        )
        self.play(
            FadeOut(leaving),
            *fade_through(
                VGroup(old_axes, self.marks[1], self.marks[2]), VGroup(net_axes, marks[1], marks[2], name)
            ),
            ReplacementTransform(self.prob_bars, bars),
            ReplacementTransform(self.die, image),
            run_time=1.8,
        )
        self.marks = marks
        self.play(Create(down), FadeIn(box), FadeIn(box_name), run_time=0.8)
        self.play(Create(out), FadeIn(best_label, shift=0.2 * DOWN), run_time=0.8)
        self.wait(1.0)
