"""Normalization: shift a feature by its mean, scale it by its std; why training needs it."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    LaggedStart,
    ReplacementTransform,
    Transform,
    VGroup,
    Write,
)

from mathdl_anim.draw.number_lines import (
    make_dot_plot,
    make_fitting_number_line,
    make_marker,
    make_span,
)
from mathdl_anim.draw.style import PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import fade_through, fit_width, make_tex, make_text, num
from mathdl_anim.scene.lesson_scene import LessonScene

LINE_LENGTH = 12.2
LINE_Y = -1.5
MARK_HEIGHT = 1.25


class Normalization(LessonScene):
    """Mean and population std on a number line; x -> x - mu -> (x - mu) / sigma; two features."""

    def construct(self) -> None:
        self.show_title("Normalization")
        self.show_data()
        self.show_mean()
        self.show_std()
        self.shift_by_mean()
        self.scale_by_std()
        self.compare_features()
        self.wait(2)

    # The user's feature -----------------------------------------------------------------
    def list_tex(self, lhs: str, values):
        text = make_tex(lhs + r" = [" + ",\\ ".join(num(v) for v in values) + "]", color=PALETTE.input)
        return fit_width(text, 12.5).move_to(2.45 * UP)

    def show_data(self) -> None:
        f = self.example.feature
        self.line = make_fitting_number_line(
            list(f.data) + list(f.shifted) + list(f.normalized) + [-1, 1], LINE_LENGTH
        ).move_to(LINE_Y * UP)
        self.dots = make_dot_plot(self.line, f.data)
        self.row = self.list_tex("x", f.data)
        self.play(Write(self.row), run_time=1.2)
        self.play(Create(self.line), run_time=0.8)
        self.play(LaggedStart(*(FadeIn(d, shift=0.3 * DOWN) for d in self.dots), lag_ratio=0.08), run_time=1)
        self.say("data")
        self.wait(0.8)

    def marks(self, center: float, std: float):
        """The mean's mark and the mean +- std band, with their names."""
        marker = make_marker(self.line, center, MARK_HEIGHT)
        band = make_span(self.line, center - std, center + std, height=MARK_HEIGHT)
        mu = make_tex(r"\mu", color=PALETTE.highlight, font_size=SMALL_SIZE).next_to(marker, UP, buff=0.1)
        sigma = make_tex(r"\mu \pm \sigma", color=PALETTE.output, font_size=SMALL_SIZE)
        sigma.next_to(band, UP, buff=0.1).align_to(band, RIGHT)
        if sigma.get_left()[0] < mu.get_right()[0] + 0.15:
            sigma.next_to(mu, RIGHT, buff=0.25)
        return marker, band, mu, sigma

    def show_mean(self) -> None:
        f = self.example.feature
        self.mean_tex = make_tex(rf"\mu = \frac{{1}}{{N}} \sum_i x_i = {num(f.mean)}", font_size=SMALL_SIZE)
        self.mean_tex.move_to([-3.4, 1.3, 0])
        self.marker, self.band, self.mu_label, self.sigma_label = self.marks(f.mean, f.std)
        self.say("mean", mean=f.mean)
        self.play(Write(self.mean_tex), run_time=1.2)
        self.play(Create(self.marker), FadeIn(self.mu_label), run_time=0.8)
        self.wait(0.8)

    def show_std(self) -> None:
        f = self.example.feature
        self.std_tex = make_tex(
            rf"\sigma = \sqrt{{\frac{{1}}{{N}} \sum_i (x_i - \mu)^{{2}}}} = {num(f.std)}",
            font_size=SMALL_SIZE,
            color=PALETTE.output,
        ).move_to([3.2, 1.3, 0])
        self.say("std", std=f.std)
        self.play(Write(self.std_tex), run_time=1.4)
        self.play(FadeIn(self.band), FadeIn(self.sigma_label), run_time=0.8)
        self.bring_to_front(self.marker)
        self.wait(1.2)

    def move_marks(self, values, center: float, std: float, row, formula, beat: str) -> None:
        dots = make_dot_plot(self.line, values)
        marker, band, mu, sigma = self.marks(center, std)
        self.say(beat)
        self.play(*fade_through(self.row, row), run_time=0.8)
        self.play(
            Transform(self.dots, dots),
            Transform(self.marker, marker),
            Transform(self.band, band),
            Transform(self.mu_label, mu),
            Transform(self.sigma_label, sigma),
            FadeIn(formula),
            run_time=1.6,
        )
        self.row = row
        self.wait(1)

    def shift_by_mean(self) -> None:
        f = self.example.feature
        self.play(FadeOut(self.mean_tex), FadeOut(self.std_tex), run_time=0.5)
        step = make_tex(r"x \mapsto x - \mu", font_size=SMALL_SIZE).move_to([-3.4, 1.3, 0])
        self.move_marks(f.shifted, 0.0, f.std, self.list_tex(r"x - \mu", f.shifted), step, "shift")
        self.step = step

    def scale_by_std(self) -> None:
        f = self.example.feature
        step = make_tex(r"z = \frac{x - \mu}{\sigma}", font_size=SMALL_SIZE).move_to([-3.4, 1.3, 0])
        self.play(FadeOut(self.step), run_time=0.4)
        self.move_marks(f.normalized, 0.0, 1.0, self.list_tex("z", f.normalized), step, "scale")
        result = make_tex(
            rf"\text{{mean}}(z) = {num(f.normalized_mean)},\quad "
            rf"\text{{std}}(z) = {num(f.normalized_std)}",
            font_size=SMALL_SIZE,
            color=PALETTE.output,
        ).move_to([3.2, 1.3, 0])
        self.play(Write(result), run_time=1)
        self.say("normalized")
        self.wait(1.2)
        self.play(
            FadeOut(
                VGroup(
                    self.row,
                    self.line,
                    self.dots,
                    self.marker,
                    self.band,
                    self.mu_label,
                    self.sigma_label,
                    step,
                    result,
                )
            ),
            run_time=0.8,
        )

    # Two features -------------------------------------------------------------------------
    def feature_rows(self, normalized: bool):
        """Age and income dot plots on one shared scale: raw or normalized."""
        feats = self.example.features
        key = "normalized" if normalized else "data"
        every = [v for s in feats.values() for v in getattr(s, key)]
        rows = VGroup()
        for y, (name, summary) in zip((0.75, -1.55), feats.items()):
            line = make_fitting_number_line(every + ([0.0] if not normalized else []), 10.4, max_ticks=6)
            line.move_to([0.9, y, 0])
            dots = make_dot_plot(line, getattr(summary, key), color=PALETTE.input)
            label = make_text(name, font_size=SMALL_SIZE).next_to(line, LEFT, buff=0.4)
            rows.add(VGroup(line, dots, label))
        return rows

    def compare_features(self) -> None:
        ex = self.example
        before = self.feature_rows(normalized=False)
        ratio = make_tex(
            rf"\sigma_{{\text{{income}}}} \,/\, \sigma_{{\text{{age}}}} = {num(ex.scale_ratio)}",
            color=PALETTE.output,
            font_size=SMALL_SIZE,
        ).move_to(2.3 * UP)
        self.say("two_features")
        self.play(FadeIn(before), run_time=1.2)
        self.wait(0.6)
        self.play(Write(ratio), run_time=1)
        self.say("raw", ratio=ex.scale_ratio)
        self.wait(1.5)
        after = self.feature_rows(normalized=True)
        self.say("both_normalized")
        # the dots glide to their new places; the scales fade out, then the new ones fade in;
        # the ratio of the raw scales goes with them (the normalized ones are both 1)
        self.play(
            FadeOut(ratio),
            *(
                anim
                for b, a in zip(before, after)
                for anim in (
                    *fade_through(b[0], a[0]),
                    ReplacementTransform(b[1], a[1]),
                    ReplacementTransform(b[2], a[2]),
                )
            ),
            run_time=2,
        )
        self.wait(1.5)
