"""Samples of a Gaussian fill a histogram that converges onto the density curve."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Transform,
    VGroup,
    Write,
)

from mathdl_anim.core.probability import ONE_BY_ONE, SIGMA_MULTIPLES
from mathdl_anim.draw.plots import (
    fit_top,
    make_area,
    make_density_curve,
    make_histogram,
    make_value_axes,
)
from mathdl_anim.draw.style import LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import fit_width, make_tex, make_text, num, swap_text
from mathdl_anim.scene.lesson_scene import LessonScene

#: Where the right-hand panel starts (x) and its width.
PANEL_LEFT = 2.05
PANEL_WIDTH = 4.8
#: Opacity of the bands for 1, 2 and 3 sigmas.
BAND_OPACITY = {1: 0.45, 2: 0.3, 3: 0.18}


class GaussianSampling(LessonScene):
    """Sample N(mu, sigma^2) one by one, then in batches; watch x-bar and the std converge."""

    def construct(self) -> None:
        self.show_title("Sampling a Gaussian")
        self.show_density()
        self.show_counters()
        self.sample_one_by_one()
        self.sample_in_batches()
        self.show_bands()
        self.wait(2)

    # Steps ---------------------------------------------------------------------------
    def show_density(self) -> None:
        ex = self.example
        labels = [ex.mu] + [x for band in ex.band_edges for x in band]
        self.axes = make_value_axes(
            [ex.bin_edges[0], ex.bin_edges[-1], ex.sigma], labels, x_length=8.2, y_length=4.3
        ).move_to(2.65 * LEFT + 0.35 * DOWN)
        self.top = fit_top(ex.curve_pdf)
        self.curve = make_density_curve(self.axes, ex.curve_x, ex.curve_pdf, self.top)
        self.formula = make_tex(
            r"p(x) = \frac{1}{\sigma\sqrt{2\pi}}\, e^{-\frac{(x - \mu)^2}{2\sigma^2}}",
            color=PALETTE.output,
            font_size=SMALL_SIZE,
        )
        self.truth = make_tex(rf"\mu = {num(ex.mu)},\quad \sigma = {num(ex.sigma)}", color=PALETTE.output)
        fit_width(self.formula, PANEL_WIDTH)
        fit_width(self.truth, PANEL_WIDTH)
        self.formula.move_to([PANEL_LEFT + PANEL_WIDTH / 2, 2.3, 0])
        self.truth.next_to(self.formula, DOWN, buff=0.35)
        self.play(Create(self.axes), run_time=1)
        self.play(Create(self.curve), Write(self.formula), run_time=1.5)
        self.play(FadeIn(self.truth), run_time=0.6)
        self.say("density")
        self.wait(1)

    def show_counters(self) -> None:
        self.counters = self.make_counters(None)
        self.note = make_text(
            r"population std (divide by $n$, ddof = 0)", color=PALETTE.muted, font_size=LABEL_SIZE
        )
        fit_width(self.note, PANEL_WIDTH - 0.4)
        self.note.next_to(self.counters, DOWN, buff=0.3).align_to(self.counters, LEFT)
        self.bars = make_histogram(self.axes, self.example.bin_edges, [0] * self.example.bins, self.top)
        self.add(self.bars)
        self.bring_to_front(self.curve)
        self.play(FadeIn(self.counters), FadeIn(self.note), run_time=0.8)

    def make_counters(self, checkpoint) -> VGroup:
        """``n``, the sample mean and the sample std (placeholders before the first sample)."""
        if checkpoint is None:
            lines = [r"n", r"\bar{x}", r"\hat{\sigma}"]
        else:
            lines = [
                rf"n = {num(checkpoint.n)}",
                rf"\bar{{x}} = {num(checkpoint.mean)}",
                rf"\hat{{\sigma}} = {num(checkpoint.std)}",
            ]
        colors = [PALETTE.text, PALETTE.input, PALETTE.input]
        group = VGroup(*(make_tex(t, color=c) for t, c in zip(lines, colors)))
        group.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        group.next_to(self.truth, DOWN, buff=0.55).align_to([PANEL_LEFT + 0.4, 0, 0], LEFT)
        return group

    def update_to(self, checkpoint, run_time: float) -> None:
        """Bars, curve scale and counters after ``checkpoint.n`` samples, in one animation."""
        ex = self.example
        top = fit_top(ex.curve_pdf, checkpoint.density)
        bars = make_histogram(self.axes, ex.bin_edges, checkpoint.density, top)
        curve = make_density_curve(self.axes, ex.curve_x, ex.curve_pdf, top)
        counters = self.make_counters(checkpoint)
        self.play(
            Transform(self.bars, bars),
            Transform(self.curve, curve),
            *swap_text(self.counters, counters),
            run_time=run_time,
        )
        self.counters = counters
        self.top = top

    def sample_one_by_one(self) -> None:
        ex = self.example
        self.say("one_by_one")
        shown = [c for c in ex.checkpoints if c.n <= ONE_BY_ONE]
        for checkpoint, x in zip(shown, ex.first_samples):
            dot = Dot(self.axes.c2p(x, 1.0), radius=0.09, color=PALETTE.input)
            self.play(FadeIn(dot, scale=0.5), run_time=0.25)
            self.play(dot.animate.move_to(self.axes.c2p(x, 0)), run_time=0.45)
            self.remove(dot)
            self.update_to(checkpoint, run_time=0.5)
            if checkpoint.n == 1:
                self.say("density_bars")
        self.wait(0.5)

    def sample_in_batches(self) -> None:
        batches = [c for c in self.example.checkpoints if c.n > ONE_BY_ONE]
        if not batches:
            return
        self.say("batches")
        for checkpoint in batches:
            self.update_to(checkpoint, run_time=1.2)
            self.wait(0.6)
        last = batches[-1]
        self.say("converge", n=last.n, sample_mean=last.mean, sample_std=last.std)
        self.wait(1.5)

    def show_bands(self) -> None:
        ex = self.example
        areas = VGroup()
        for k in sorted(SIGMA_MULTIPLES, reverse=True):
            xs, ys = ex.band_curve(k)
            areas.add(make_area(self.axes, xs, ys, self.top, opacity=BAND_OPACITY[k]))
        table = self.make_band_table()
        (r1, r2, r3), (k1, k2, k3) = self.values["rule_percent"], SIGMA_MULTIPLES
        self.say("rule", r1=r1, r2=r2, r3=r3, k1=k1, k2=k2, k3=k3)
        self.play(
            self.bars.animate.set_fill(opacity=0.2).set_stroke(opacity=0.3),
            FadeOut(self.formula),
            FadeOut(self.truth),
            run_time=0.8,
        )
        self.bring_to_front(self.curve)
        for area, row in zip(reversed(areas), table[1:]):
            self.play(FadeIn(area), FadeIn(row, shift=0.2 * RIGHT), run_time=0.9)
            if row is table[1]:
                self.play(FadeIn(table[0]), run_time=0.4)
        self.wait(1)
        self.say("agree")

    def make_band_table(self) -> VGroup:
        """Rows ``mu +- k sigma | exact % | samples %`` under a header."""
        ex = self.example
        header = VGroup(
            make_text("within", color=PALETTE.muted, font_size=LABEL_SIZE),
            make_text("Gaussian", color=PALETTE.output, font_size=LABEL_SIZE),
            make_text("samples", color=PALETTE.input, font_size=LABEL_SIZE),
        )
        rows = [header]
        for k, exact, sample in zip(SIGMA_MULTIPLES, ex.true_share_percent, ex.sample_share_percent):
            rows.append(
                VGroup(
                    make_tex(rf"\mu \pm {num(k)}\sigma", font_size=SMALL_SIZE),
                    make_tex(rf"{num(exact)}\%", color=PALETTE.output, font_size=SMALL_SIZE),
                    make_tex(rf"{num(sample)}\%", color=PALETTE.input, font_size=SMALL_SIZE),
                )
            )
        columns = [PANEL_LEFT + 0.75, PANEL_LEFT + 2.35, PANEL_LEFT + 3.85]
        for r, row in enumerate(rows):
            for cell, x in zip(row, columns):
                cell.move_to([x, 2.55 - 0.5 * r, 0])
        return VGroup(*rows)
