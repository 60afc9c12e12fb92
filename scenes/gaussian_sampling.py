"""Samples of a Gaussian rain into count bins; the axis turns to density and the pdf lies on the
bars; a shaded area sweeps out to 1, 2, 3 sigma; sliders move the curve and a new batch follows
it; a seeded draw fills a layer's weight matrix.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Create,
    DashedLine,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    Line,
    Rectangle,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    linear,
    rush_into,
)

from mathdl_anim.core.probability import SIGMA_MULTIPLES, nice_ticks
from mathdl_anim.draw.plots import make_area
from mathdl_anim.draw.style import LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import (
    first_half,
    fit_width,
    make_matrix,
    make_tex,
    make_text,
    num,
    second_half,
)
from mathdl_anim.scene.lesson_scene import LessonScene

#: The plot: the corner where the axes meet, and their size on screen.
ORIGIN_XY = (-5.75, -2.2)
PLOT_WIDTH, PLOT_HEIGHT = 7.65, 4.75
#: The right-hand panel: the left edge of its words, where the numbers start, and its right edge.
PANEL_X, NUMBER_X, PANEL_RIGHT = 2.55, 3.55, 6.75
#: Heights of the panel's rows: n, mean, std, left out, the two sliders, then the table.
ROW_Y = {"n": 2.65, "mean": 2.1, "std": 1.55, "out": 1.0, "mu": 0.3, "sigma": -0.3}
TABLE_TOP = -1.0
#: Where the sliders' tracks run (x), and the share of its track the slider's value sits at.
TRACK = (4.95, 6.7)
#: Seconds: the first samples fall slowly, the later ones quickly.
RAIN_TIMES = (1.0, 0.8, 0.6, 0.45)
RAIN_FAST = 0.3
GROW_TIME = 2.2
#: Seconds of each zoom of the count axis while the samples pour in.
ZOOM_TIME = 3.1
#: Bars: fill opacity when drawn, and as a ghost behind the next batch.
BAR_OPACITY = 0.7
GHOST_OPACITY = 0.12
#: Opacity of the shaded area (drawn over the bars, thin enough that they stay readable).
AREA_OPACITY = 0.32


#: Light copies of the glyphs of live numbers, by string (see :class:`LiveNumber`).
_GLYPHS: dict[tuple, tuple[VGroup, float]] = {}


class LiveNumber(DecimalNumber):
    """A DecimalNumber whose glyphs are copied as plain paths: ``set_value`` runs every frame
    while samples rain in, and copying a whole MathTex per digit was most of a frame's cost."""

    def _string_to_mob(self, string, mob_class=None, **kwargs):
        key = (string, mob_class, tuple(sorted(kwargs.items())))
        if key not in _GLYPHS:
            tex = super()._string_to_mob(string, mob_class, **kwargs)
            light = VGroup()
            for part in tex.family_members_with_points():
                path = VMobject().set_points(part.points.copy())
                light.add(path.match_style(part))
            _GLYPHS[key] = (light, tex.font_size)
        light, size = _GLYPHS[key]
        return light.copy().scale(self._font_size / size)


def fixed(x: float, decimals: int, color: str, size: float = SMALL_SIZE, unit: str | None = None):
    """A live number with a fixed number of decimals (one format for a quantity everywhere)."""
    return LiveNumber(x, num_decimal_places=decimals, color=color, font_size=size, unit=unit)


def settle(counter, x: float) -> None:
    """``counter.set_value(x)``, skipped when the digits shown would not change (it rebuilds
    its glyphs, the costliest part of a frame)."""
    d = counter.num_decimal_places
    if round(float(counter.get_value()), d) != round(float(x), d):
        counter.set_value(x)
    else:  # the same digits: only the value changes (what the values check reads)
        counter.number = x


class GaussianSampling(LessonScene):
    """Rain, density, the curve, 1-2-3 sigma, sliders, and a layer's initial weights."""

    def construct(self) -> None:
        self.show_title("Sampling a Gaussian")
        self.build_plot()
        self.rain()
        self.grow()
        self.to_density()
        self.draw_curve()
        self.compare_moments()
        self.sweep_area()
        self.move_sliders()
        self.fill_weights()
        self.wait(2)

    # Geometry ------------------------------------------------------------------------------
    def y_of(self, fraction: float) -> float:
        """Screen height of a fraction of the y-axis."""
        return ORIGIN_XY[1] + PLOT_HEIGHT * fraction

    def c2p(self, x: float, y: float):
        """Screen point of ``(x, y)``: x in data units, y a fraction of the y-axis. (The axes run
        from 0 to ``hi - lo`` so that their y-axis stands at the left end, whatever mu is.)"""
        return self.axes.c2p(x - self.lo, y)

    def screen_points(self, xs, fractions) -> np.ndarray:
        """Screen points of many ``(x, fraction)`` at once (the axes are linear)."""
        xs, fractions = np.asarray(xs, dtype=float), np.asarray(fractions, dtype=float)
        left, right = self.edge_x[0], self.edge_x[-1]
        lo, hi = self.example.bin_edges[0], self.example.bin_edges[-1]
        sx = left + (xs - lo) / (hi - lo) * (right - left)
        return np.column_stack([sx, ORIGIN_XY[1] + PLOT_HEIGHT * fractions, np.zeros_like(sx)])

    def x_of(self, x: float) -> float:
        """Screen abscissa of a value of x."""
        return float(self.c2p(x, 0)[0])

    def bar_fractions(self, heights, top: float) -> None:
        """Set each bar to ``height / top`` of the axis (a zero bar is a hairline, invisible)."""
        xs = self.edge_x
        base = ORIGIN_XY[1]
        for bar, left, right, h in zip(self.bars, xs[:-1], xs[1:], heights):
            top_y = base + max(PLOT_HEIGHT * float(h) / top, 1e-3)
            bar.set_points_as_corners(
                [[left, base, 0], [right, base, 0], [right, top_y, 0], [left, top_y, 0], [left, base, 0]]
            )
            shown = h > 0
            if shown != getattr(bar, "shown", None):  # colours only when a bar appears
                bar.set_fill(opacity=self.bar_opacity if shown else 0)
                bar.set_stroke(opacity=1 if shown else 0)
                bar.shown = shown

    # The plot and the panel ----------------------------------------------------------------
    def build_plot(self) -> None:
        ex = self.example
        lo, hi = float(ex.bin_edges[0]), float(ex.bin_edges[-1])
        self.lo = lo
        self.axes = Axes(
            x_range=[0, hi - lo, hi - lo],
            y_range=[0, 1, 1],
            x_length=PLOT_WIDTH,
            y_length=PLOT_HEIGHT,
            tips=False,
            axis_config={"color": PALETTE.muted, "stroke_width": 2, "include_ticks": False},
        )
        self.axes.shift(np.array([*ORIGIN_XY, 0]) - self.axes.c2p(0, 0))
        self.edge_x = np.array([self.x_of(e) for e in ex.bin_edges])
        # x: round ticks in data units, with their decimals
        values, decimals = ex.x_ticks()
        ticks, labels = VGroup(), VGroup()
        for v in values:
            x = self.x_of(v)
            ticks.add(
                Line([x, ORIGIN_XY[1], 0], [x, ORIGIN_XY[1] - 0.08, 0], color=PALETTE.muted, stroke_width=2)
            )
            labels.add(
                fixed(v, decimals, PALETTE.muted, LABEL_SIZE).next_to([x, ORIGIN_XY[1] - 0.08, 0], DOWN, 0.1)
            )
        self.axes.x_axis.add(ticks, labels)
        self.axes.x_axis.labels = labels
        self.x_name = make_tex("x", color=PALETTE.muted, font_size=SMALL_SIZE)
        self.x_name.next_to(self.axes.x_axis.get_right(), RIGHT, buff=0.15)
        self.y_name = make_text("count", color=PALETTE.muted, font_size=LABEL_SIZE)
        self.y_name.next_to([ORIGIN_XY[0], self.y_of(1), 0], RIGHT, buff=0.2)
        # y: counts, to the top of the first stop
        self.top = ex.count_tops[ex.rain - 1]
        self.yticks = self.make_yticks(self.top)
        self.axes.y_axis.add(self.yticks)
        self.axes.y_axis.labels = VGroup(*(item[1] for item in self.yticks))
        self.bar_opacity = BAR_OPACITY
        self.bars = VGroup(
            *(
                VMobject(stroke_color=PALETTE.input, stroke_width=1, fill_color=PALETTE.input)
                for _ in range(ex.bins)
            )
        )
        self.bar_fractions(np.zeros(ex.bins), 1.0)
        self.build_counters()
        self.play(Create(self.axes), FadeIn(self.x_name), FadeIn(self.y_name), run_time=1.2)
        self.play(FadeIn(self.counter_rows), run_time=0.6)

    def make_yticks(self, top: float) -> VGroup:
        """Ticks and labels of the y-axis for an axis whose top is ``top`` (counts or density)."""
        values, decimals = nice_ticks(0.0, top)
        group = VGroup()
        for v in values[1:]:
            y = self.y_of(v / top)
            tick = Line(
                [ORIGIN_XY[0] - 0.08, y, 0], [ORIGIN_XY[0], y, 0], color=PALETTE.muted, stroke_width=2
            )
            label = fixed(v, decimals, PALETTE.muted, LABEL_SIZE).next_to(tick, LEFT, buff=0.1)
            item = VGroup(tick, label)
            item.value = float(v)
            group.add(item)
        return group

    def build_counters(self) -> None:
        ex = self.example
        d = ex.decimals

        def row(key: str, name, counter) -> VGroup:
            name.move_to([0, ROW_Y[key], 0]).align_to([NUMBER_X - 0.15, 0, 0], RIGHT)
            counter.next_to(name, RIGHT, buff=0.15)
            counter.set_y(name[0].get_y() if key != "out" else ROW_Y[key])
            return VGroup(name, counter)

        self.n_counter = fixed(0, 0, PALETTE.text)
        self.mean_counter = fixed(ex.mu, d, PALETTE.input)
        self.std_counter = fixed(0, d, PALETTE.input)
        self.out_counter = fixed(0, 0, PALETTE.muted, LABEL_SIZE + 2)
        self.counter_rows = VGroup(
            row("n", make_tex("n =", font_size=SMALL_SIZE), self.n_counter),
            row("mean", make_tex(r"\bar{x} =", color=PALETTE.input, font_size=SMALL_SIZE), self.mean_counter),
            row(
                "std",
                make_tex(r"\hat{\sigma} =", color=PALETTE.input, font_size=SMALL_SIZE),
                self.std_counter,
            ),
            row("out", make_text("left out:", color=PALETTE.muted, font_size=LABEL_SIZE), self.out_counter),
        )
        # x-bar and sigma-hat appear with the first sample
        self.mean_counter.set_opacity(0)
        self.std_counter.set_opacity(0)

    def set_counters(self, k: int, batch=None) -> None:
        """The counters after the first ``k`` samples (of the next batch, when given)."""
        ex = self.example
        means, stds = (
            (ex.running_mean, ex.running_std) if batch is None else (batch.running_mean, batch.running_std)
        )
        settle(self.n_counter, k)
        if k > 0:
            settle(self.mean_counter, means[k - 1])
            settle(self.std_counter, stds[k - 1])
        settle(self.out_counter, ex.left_out_after(k, batch))

    # Beat 1: the rain ----------------------------------------------------------------------
    def rain(self) -> None:
        ex = self.example
        self.say("rain")
        edges = ex.bin_edges
        unit = PLOT_HEIGHT / self.top
        stacks = np.zeros(ex.bins, dtype=int)
        self.blocks = VGroup()
        self.add(self.bars)
        for i, x in enumerate(ex.first_samples):
            run = RAIN_TIMES[i] if i < len(RAIN_TIMES) else RAIN_FAST
            k = i + 1
            inside = edges[0] <= x <= edges[-1]
            if inside:
                b = min(int(np.searchsorted(edges, x, side="right")) - 1, ex.bins - 1)
                land_y = ORIGIN_XY[1] + stacks[b] * unit
                sx = self.x_of(x)
            else:  # beyond the axis: it lands past the end and is left out
                b = -1
                land_y = ORIGIN_XY[1]
                sx = self.x_of(edges[0]) - 0.25 if x < edges[0] else self.x_of(edges[-1]) + 0.25
            dot = Dot([sx, self.y_of(1.0), 0], radius=0.08, color=PALETTE.input)
            self.add(dot)
            self.play(
                dot.animate(rate_func=rush_into).move_to([sx, land_y, 0]),
                run_time=run,
            )
            self.set_counters(k)  # it has landed: n, the mean and the std take it in
            if i == 0:  # (a mean and a std exist from the first sample on)
                self.mean_counter.set_opacity(1)
                self.std_counter.set_opacity(1)
            if inside:
                left, right = self.x_of(edges[b]), self.x_of(edges[b + 1])
                block = Rectangle(width=right - left, height=unit, stroke_color=PALETTE.input, stroke_width=1)
                block.set_fill(PALETTE.input, opacity=BAR_OPACITY).move_to(
                    [(left + right) / 2, land_y + unit / 2, 0]
                )
                self.play(Transform(dot, block), run_time=0.25 if i < len(RAIN_TIMES) else 0.12)
                self.blocks.add(dot)
                stacks[b] += 1
            else:
                self.play(FadeOut(dot, scale=0.5), run_time=0.3)
        self.wait(0.5)
        self.counts_shown = stacks

    # Beat 2: hundreds, thousands -----------------------------------------------------------
    def lift_old_ticks(self) -> None:
        """Take the outgoing ticks out of the axes while they leave: manim paints a mobject's
        whole family into the still background of an animation, so a tick that fades or slides
        inside the axes would also stay painted where it was."""
        self.axes.y_axis.remove(self.yticks)
        self.add(self.yticks)

    def grow(self) -> None:
        ex = self.example
        stops = [(i, c) for i, c in enumerate(ex.checkpoints) if c.n > ex.rain]
        # the blocks become bars of the same shape
        self.bar_fractions(ex.counts_after(ex.rain), self.top)
        self.remove(*self.blocks)
        if not stops:
            return
        self.say("batches", n=ex.n)
        k = ValueTracker(ex.rain)
        self.remove(self.n_counter, self.mean_counter, self.std_counter, self.out_counter)
        self.add(self.n_counter, self.mean_counter, self.std_counter, self.out_counter)

        # the count axis zooms out while the samples pour in, both geometrically: the bars keep
        # their shape as they grow, and every tick on screen stands where its count is (the old
        # ticks slide down and fade, the new ones come down from the top and fade in)
        progress = ValueTracker(0.0)
        for i, checkpoint in stops:
            n0, n1 = int(round(k.get_value())), checkpoint.n
            old_top, new_top = self.top, ex.count_tops[i]
            old, new = self.yticks, self.make_yticks(new_top)
            # both sets stay ticks of the axis; the updater rides on the axes, so manim redraws
            # them (and all drawn after them: the bars) on every frame
            self.axes.y_axis.add(new)

            def update(_, n0=n0, n1=n1, old_top=old_top, new_top=new_top, old=old, new=new):
                a = progress.get_value()
                top = old_top * (new_top / old_top) ** a
                kk = int(round(n0 * (n1 / n0) ** a))
                self.bar_fractions(ex.counts_after(kk), top)
                self.set_counters(kk)
                # the old ticks go before they crowd; the new ones come while they stand apart
                for items, opacity in ((old, 1 - 5 * a), (new, 4 * a - 0.6)):
                    for item in items:
                        item.shift((self.y_of(item.value / top) - item[0].get_y()) * UP)
                        inside = item.value <= top * 1.001
                        item.set_opacity(min(max(opacity, 0.0), 1.0) if inside else 0.0)

            progress.set_value(0.0)
            self.axes.add_updater(update)
            self.play(progress.animate.set_value(1.0), run_time=ZOOM_TIME, rate_func=linear)
            self.axes.remove_updater(update)
            self.axes.y_axis.remove(old)
            self.yticks = new
            self.axes.y_axis.labels = VGroup(*(item[1] for item in new))
            self.top = new_top
            k.set_value(n1)
            self.set_counters(n1)
        self.wait(0.6)

    # Beat 3: density -----------------------------------------------------------------------
    def to_density(self) -> None:
        ex = self.example
        self.say("density", left_out=ex.left_out)
        dtop = ex.density_top
        new = self.make_yticks(dtop)
        for item in new:
            item.set_opacity(0)
        self.axes.y_axis.add(new)
        self.lift_old_ticks()
        name = make_text("density", color=PALETTE.muted, font_size=LABEL_SIZE).move_to(
            self.y_name, aligned_edge=LEFT
        )
        self.play(
            *(item.animate(rate_func=first_half).set_opacity(0) for item in self.yticks),
            *(item.animate(rate_func=second_half).set_opacity(1) for item in new),
            FadeOut(self.y_name, rate_func=first_half),
            FadeIn(name, rate_func=second_half),
            run_time=1.4,
        )
        self.remove(self.yticks)
        self.yticks, self.y_name = new, name
        self.axes.y_axis.labels = VGroup(*(item[1] for item in new))
        self.play(Indicate(self.counter_rows[3], color=PALETTE.text), run_time=1.0)
        self.wait(0.5)

    # Beat 4: the curve ---------------------------------------------------------------------
    def curve_points(self, mu: float, sigma: float) -> VMobject:
        xs, ys = self.example.pdf_curve(mu, sigma)
        points = self.screen_points(xs, ys / self.example.density_top)
        return VMobject().set_points_smoothly(points).set_stroke(PALETTE.output, width=4)

    def build_sliders(self) -> None:
        ex = self.example
        d = ex.decimals
        self.mu_t, self.sigma_t = ValueTracker(ex.mu), ValueTracker(ex.sigma)
        self.mu_counter = fixed(ex.mu, d, PALETTE.output)
        self.sigma_counter = fixed(ex.sigma, d, PALETTE.output)
        spans = {"mu": (ex.mu - 2 * ex.sigma, ex.mu + 2 * ex.sigma), "sigma": (0.0, 2 * ex.sigma)}
        self.slider_spans = spans
        rows = VGroup()
        self.knobs = {}
        for key, tex, counter in (
            ("mu", r"\mu =", self.mu_counter),
            ("sigma", r"\sigma =", self.sigma_counter),
        ):
            name = make_tex(tex, color=PALETTE.output, font_size=SMALL_SIZE)
            name.move_to([0, ROW_Y[key], 0]).align_to([NUMBER_X - 0.15, 0, 0], RIGHT)
            counter.next_to(name, RIGHT, buff=0.15).set_y(name.get_y())
            y = ROW_Y[key]
            track = Line([TRACK[0], y, 0], [TRACK[1], y, 0], color=PALETTE.muted, stroke_width=3)
            knob = Dot(
                self.knob_point(key, ex.mu if key == "mu" else ex.sigma), radius=0.09, color=PALETTE.output
            )
            self.knobs[key] = knob
            rows.add(VGroup(name, counter, track, knob))
        self.slider_rows = rows

    def knob_point(self, key: str, value: float):
        lo, hi = self.slider_spans[key]
        y = ROW_Y[key]
        return np.array([TRACK[0] + (TRACK[1] - TRACK[0]) * (value - lo) / (hi - lo), y, 0])

    def draw_curve(self) -> None:
        ex = self.example
        self.say("curve")
        self.build_sliders()
        self.curve = self.curve_points(ex.mu, ex.sigma)
        self.p_name = make_tex("p(x)", color=PALETTE.output, font_size=SMALL_SIZE)
        self.p_name.next_to(self.curve.point_from_proportion(0.6), UP + RIGHT, buff=0.15)
        self.play(FadeIn(self.slider_rows), run_time=0.8)
        self.play(Create(self.curve), run_time=2.0)
        self.play(FadeIn(self.p_name), run_time=0.5)
        self.wait(0.8)

    # Beat 5: x-bar near mu, sigma-hat near sigma -------------------------------------------
    def compare_moments(self) -> None:
        self.say("converge")
        rows, sliders = self.counter_rows, self.slider_rows
        self.play(
            Indicate(VGroup(rows[1]), color=PALETTE.text),
            Indicate(VGroup(sliders[0][:2]), color=PALETTE.text),
            run_time=1.2,
        )
        self.play(
            Indicate(VGroup(rows[2]), color=PALETTE.text),
            Indicate(VGroup(sliders[1][:2]), color=PALETTE.text),
            run_time=1.2,
        )
        self.wait(0.5)

    # Beat 6: the shaded area ---------------------------------------------------------------
    def sweep_area(self) -> None:
        ex = self.example
        shares = dict(zip(SIGMA_MULTIPLES, ex.true_share_percent))
        (k1, k2, k3), (p1, p2, p3) = SIGMA_MULTIPLES, ex.true_share_percent
        self.say("area", k1=k1, k2=k2, k3=k3, p1=p1, p2=p2, p3=p3)
        columns = [PANEL_X + 0.5, PANEL_X + 2.0, PANEL_X + 3.45]
        header = VGroup(
            make_text("within", color=PALETTE.muted, font_size=LABEL_SIZE),
            make_text("Gaussian", color=PALETTE.output, font_size=LABEL_SIZE),
            make_text("samples", color=PALETTE.input, font_size=LABEL_SIZE),
        )
        for cell, x in zip(header, columns):
            cell.move_to([x, TABLE_TOP, 0])
        self.play(FadeIn(header, shift=0.2 * DOWN), run_time=0.6)
        s = ValueTracker(0.0)

        xs, ys = ex.band_curve(1e-3)
        shade = VGroup(
            make_area(self.axes, xs - self.lo, ys, ex.density_top, opacity=AREA_OPACITY),
            *(
                DashedLine(self.c2p(x, 0), self.c2p(x, 1), color=PALETTE.output, stroke_width=2)
                for x in xs[[0, -1]]
            ),
        )

        def sweep(group) -> None:  # the area and its two edges, moved in place
            xs, ys = ex.band_curve(max(s.get_value(), 1e-3))
            top = self.screen_points(xs, ys / ex.density_top)
            foot = self.screen_points(xs[[-1, 0]], np.zeros(2))
            group[0].set_points_as_corners(np.vstack([top, foot, top[:1]]))
            group[1].put_start_and_end_on(foot[1], top[0])
            group[2].put_start_and_end_on(foot[0], top[-1])

        sweep(shade)
        shade.add_updater(sweep)
        self.add(shade)  # over the bars, translucent: the bars inside take its tint
        rows = VGroup()
        for k in SIGMA_MULTIPLES:
            y = TABLE_TOP - 0.55 * k
            label = make_tex(rf"\pm {num(k)}\sigma", font_size=SMALL_SIZE).move_to([columns[0], y, 0])
            exact = fixed(ex.exact_share_percent(k - 1), 2, PALETTE.output, SMALL_SIZE, unit=r"\%")
            sample = fixed(ex.samples_share_percent(k - 1), 2, PALETTE.input, SMALL_SIZE, unit=r"\%")
            exact.move_to([columns[1], y, 0])
            sample.move_to([columns[2], y, 0])
            exact.add_updater(lambda m: settle(m, ex.exact_share_percent(s.get_value())))
            sample.add_updater(lambda m: settle(m, ex.samples_share_percent(s.get_value())))
            self.play(FadeIn(label), FadeIn(exact), FadeIn(sample), run_time=0.4)
            self.play(s.animate.set_value(k), run_time=2.0)
            exact.clear_updaters()
            sample.clear_updaters()
            exact.set_value(shares[k])
            sample.set_value(ex.sample_share_percent[k - 1])
            rows.add(VGroup(label, exact, sample))
            self.wait(0.7)
        shade.clear_updaters()
        self.shade, self.table = shade, VGroup(header, rows)
        r1, r2, r3 = self.values["rule_percent"]
        self.say("agree", r1=r1, r2=r2, r3=r3)
        self.play(
            LaggedStart(*(Indicate(row[1:], color=PALETTE.text) for row in rows), lag_ratio=0.5), run_time=2.0
        )
        self.wait(0.5)

    # Beat 7: sliders -----------------------------------------------------------------------
    def move_sliders(self) -> None:
        ex = self.example
        nb = ex.next_batch
        self.say("sliders", next_n=nb.samples.size)
        self.play(
            FadeOut(self.shade),
            FadeOut(self.table),
            FadeOut(self.p_name),
            self.bars.animate.set_fill(opacity=GHOST_OPACITY).set_stroke(opacity=0.35),
            run_time=0.8,
        )
        self.ghost = self.bars
        self.bar_opacity = BAR_OPACITY

        def follow(curve):
            xs, ys = ex.pdf_curve(self.mu_t.get_value(), self.sigma_t.get_value())
            curve.set_points_smoothly(self.screen_points(xs, ys / ex.density_top))

        # what the sliders move is drawn on its own (not painted into the still background)
        movers = (*self.knobs.values(), self.mu_counter, self.sigma_counter)
        self.remove(*movers)
        self.add(*movers)
        self.curve.add_updater(follow)
        self.knobs["mu"].add_updater(lambda m: m.move_to(self.knob_point("mu", self.mu_t.get_value())))
        self.knobs["sigma"].add_updater(
            lambda m: m.move_to(self.knob_point("sigma", self.sigma_t.get_value()))
        )
        self.mu_counter.add_updater(lambda m: m.set_value(self.mu_t.get_value()))
        self.sigma_counter.add_updater(lambda m: m.set_value(self.sigma_t.get_value()))
        self.play(self.mu_t.animate.set_value(nb.mu), run_time=2.0)
        self.play(self.sigma_t.animate.set_value(nb.sigma), run_time=2.0)
        # the next batch grows under the new curve
        new_bars = VGroup(
            *(
                VMobject(stroke_color=PALETTE.input, stroke_width=1, fill_color=PALETTE.input)
                for _ in range(ex.bins)
            )
        )
        self.bars = new_bars
        self.bar_fractions(np.zeros(ex.bins), 1.0)
        self.add(new_bars)
        scale = nb.samples.size * ex.bin_width * ex.density_top  # counts -> fraction of the axis
        k = ValueTracker(0)

        def update(_):
            kk = int(round(k.get_value()))
            self.bar_fractions(ex.counts_after(kk, nb), scale)
            self.set_counters(kk, nb)

        self.remove(self.n_counter, self.mean_counter, self.std_counter, self.out_counter)
        self.add(self.n_counter, self.mean_counter, self.std_counter, self.out_counter)
        new_bars.add_updater(update)
        self.play(k.animate.set_value(nb.samples.size), run_time=GROW_TIME + 0.6, rate_func=linear)
        new_bars.remove_updater(update)
        self.set_counters(nb.samples.size, nb)
        self.wait(1.0)

    # Beat 8: a layer's weights -------------------------------------------------------------
    def fill_weights(self) -> None:
        ex = self.example
        rows, cols = ex.weights.shape
        self.say("weights", rows=rows, cols=cols)
        # back to the first Gaussian; the counters make room for the layer's weights
        self.play(
            self.mu_t.animate.set_value(ex.mu),
            self.sigma_t.animate.set_value(ex.sigma),
            FadeOut(self.bars),
            self.ghost.animate.set_fill(opacity=BAR_OPACITY * 0.5).set_stroke(opacity=0.6),
            FadeOut(self.counter_rows),
            run_time=1.5,
        )
        for mob in (self.curve, self.knobs["mu"], self.knobs["sigma"], self.mu_counter, self.sigma_counter):
            mob.clear_updaters()
        law = make_tex(r"W \sim N(\mu, \sigma^2)", color=PALETTE.weight, font_size=SMALL_SIZE + 4)
        law.move_to([(PANEL_X + PANEL_RIGHT) / 2, ROW_Y["std"] - 0.2, 0])
        self.play(self.slider_rows.animate.shift((ROW_Y["n"] - ROW_Y["mu"]) * UP), run_time=0.8)
        self.play(FadeIn(law, shift=0.2 * UP), run_time=0.6)
        # the draw: yellow samples fall onto the axis, under the curve they come from
        lo, hi = ex.bin_edges[0], ex.bin_edges[-1]
        dots = VGroup(
            *(
                Dot(
                    [self.x_of(float(np.clip(w, lo, hi))), self.y_of(1.0), 0],
                    radius=0.09,
                    color=PALETTE.weight,
                )
                for w in ex.weights.reshape(-1)
            )
        )
        self.add(dots)
        self.play(
            LaggedStart(
                *(
                    d.animate(rate_func=rush_into).move_to([d.get_x(), ORIGIN_XY[1] + 0.1 * (1 + (i % 3)), 0])
                    for i, d in enumerate(dots)
                ),
                lag_ratio=0.15,
            ),
            run_time=2.0,
        )
        # ...and fly into the weight matrix of a layer
        matrix = make_matrix(ex.weights, color=PALETTE.weight, font_size=SMALL_SIZE + 4)
        fit_width(matrix, PANEL_RIGHT - PANEL_X)
        matrix.move_to([(PANEL_X + PANEL_RIGHT) / 2, -0.3, 0])
        shape = make_text(
            rf"${num(rows)} \times {num(cols)}$: a layer's initial weights",
            color=PALETTE.muted,
            font_size=LABEL_SIZE,
        )
        fit_width(shape, PANEL_RIGHT - PANEL_X)
        shape.next_to(matrix, DOWN, buff=0.3)
        entries = matrix.get_entries()
        for e in entries:
            e.set_opacity(0)
        self.play(FadeIn(matrix.get_brackets()), FadeIn(shape), run_time=0.8)
        self.play(
            LaggedStart(
                *(d.animate.move_to(e.get_center()).set_opacity(0) for d, e in zip(dots, entries)),
                lag_ratio=0.12,
            ),
            LaggedStart(*(e.animate(rate_func=second_half).set_opacity(1) for e in entries), lag_ratio=0.12),
            run_time=3.0,
        )
        self.remove(dots)
        self.wait(1.0)
