"""Gradient descent with several learning rates side by side: slow, good, oscillating, diverging."""

from __future__ import annotations

import math

from manim import DOWN, LEFT, RIGHT, UP, Create, FadeIn, VGroup, Write

from mathdl_anim.draw.counters import make_step_counter
from mathdl_anim.draw.plots import make_loss_panel
from mathdl_anim.draw.shapes import make_ball
from mathdl_anim.draw.style import LABEL_SIZE, PALETTE, SMALL_SIZE, regime_color
from mathdl_anim.draw.text import fit_width, make_tex, make_text, num
from mathdl_anim.scene.lesson_scene import LessonScene

#: Regimes as the viewer reads them.
REGIME_WORDS = {
    "slow": "slow",
    "good": "good",
    "oscillates": "oscillates",
    "bounces": "bounces forever",
    "diverges": "diverges",
}

#: Vertical band for the panels: between the rule line and the caption.
TOP, BOTTOM = 2.35, -3.0
PANEL_WIDTH = 6.4


class GradientDescent(LessonScene):
    """A ball on ``L(w)`` for each learning rate, all stepping together."""

    def construct(self) -> None:
        self.show_title("Gradient descent: the learning rate decides")
        self.show_rule()
        self.show_panels()
        self.run_steps()
        self.show_threshold()
        self.wait(2)

    # -----------------------------------------------------------------------------------------
    def show_rule(self) -> None:
        ex = self.example
        rule = make_tex(r"w_{k+1} = w_k - \eta\, L'(w_k)", font_size=SMALL_SIZE)
        rule[0].set_color(PALETTE.text)
        loss = make_tex(ex.loss_tex, r"\quad " + ex.derivative_tex, font_size=SMALL_SIZE)
        loss.set_color(PALETTE.output)
        self.counter = make_step_counter(0)
        step = VGroup(make_text("step", font_size=SMALL_SIZE), make_tex("k =", font_size=SMALL_SIZE))
        step.arrange(RIGHT, buff=0.15)
        self.counter.next_to(step, RIGHT, buff=0.15)
        step_group = VGroup(step, self.counter)
        line = VGroup(rule, loss, step_group).arrange(RIGHT, buff=0.8)
        fit_width(line).move_to(2.8 * UP)
        self.say("rule")
        self.play(Write(rule), run_time=1.2)
        self.play(FadeIn(loss), run_time=0.8)
        self.play(FadeIn(step_group), run_time=0.5)

    def panel_size(self) -> tuple[int, int, float, float]:
        n = len(self.example.runs)
        cols = 1 if n == 1 else 2
        rows = math.ceil(n / cols)
        width = 9.0 if n == 1 else PANEL_WIDTH
        height = (TOP - BOTTOM) / rows
        return rows, cols, width, height

    def show_panels(self) -> None:
        ex = self.example
        rows, cols, width, height = self.panel_size()
        self.panels, self.balls, self.readouts, self.headers = [], [], [], []
        groups = []
        for n, run in enumerate(ex.runs):
            r, c = divmod(n, cols)
            cx = 0 if cols == 1 else (-1 + 2 * c) * (PANEL_WIDTH / 2 + 0.25)
            top = TOP - r * height
            panel = make_loss_panel(
                ex.loss,
                ex.w_range,
                ex.loss_max,
                width - 0.8,
                height - 0.75,
            )
            panel.group.move_to([cx, top - 0.45 - (height - 0.75) / 2, 0])
            color = regime_color(run.regime)
            header = VGroup(
                make_tex(rf"\eta = {num(run.lr)}", color=color, font_size=LABEL_SIZE + 2),
                make_text(REGIME_WORDS[run.regime], color=color, font_size=LABEL_SIZE),
            ).arrange(RIGHT, buff=0.25)
            header.next_to(panel.axes, UP, buff=0.12).align_to(panel.axes, LEFT)
            readout = self.make_readout(run, 0, header, panel)
            ball = make_ball().move_to(panel.point(run.iterates[0], run.losses[0]))
            self.panels.append(panel)
            self.balls.append(ball)
            self.readouts.append(readout)
            self.headers.append(header)
            groups.append(VGroup(panel.group, header, readout, ball))
        self.play(*(Create(p.group) for p in self.panels), run_time=1.5)
        self.play(*(FadeIn(g[1:]) for g in groups), run_time=0.8)
        self.say("start", w0=ex.w0)
        self.wait(0.5)

    def make_readout(self, run, k: int, header, panel):
        """``w = ..  L = ..`` at step ``k``, right of the header, within the panel."""
        tex = make_tex(
            rf"w = {num(run.iterates[k])}", rf"\;\; L = {num(run.losses[k])}", font_size=LABEL_SIZE
        )
        tex[0].set_color(PALETTE.weight)
        tex[1].set_color(PALETTE.output)
        fit_width(tex, panel.axes.width - header.width - 0.3)
        tex.next_to(header, RIGHT, buff=0.3).align_to(panel.axes, RIGHT)
        return tex

    def run_steps(self) -> None:
        ex = self.example
        self.say("fates" if len(ex.runs) == 4 else "runs")
        gone: set[int] = set()  # the panels whose ball has left the view (it is never clamped)
        for k in range(1, ex.steps + 1):
            anims, readouts = [], []
            for n, (run, panel, ball, header) in enumerate(
                zip(ex.runs, self.panels, self.balls, self.headers)
            ):
                if ball.get_fill_opacity() > 0:  # a trail mark where the ball was, if it was in view
                    mark = make_ball(regime_color(run.regime), radius=0.045).move_to(ball.get_center())
                    mark.set_opacity(0.6)
                    self.add(mark)
                self.bring_to_front(ball)
                new = self.make_readout(run, k, header, panel)
                inside = panel.is_inside(run.iterates[k], run.losses[k])
                point = panel.point(run.iterates[k], run.losses[k])
                anims.append(ball.animate.move_to(point).set_opacity(1 if inside else 0))
                if not inside and n not in gone:
                    gone.add(n)
                    away = make_text(
                        "the ball has left the view", color=regime_color(run.regime), font_size=LABEL_SIZE
                    )
                    anims.append(
                        FadeIn(away.next_to(header, DOWN, aligned_edge=LEFT, buff=0.12).shift(0.4 * RIGHT))
                    )
                readouts.append(new)
            # numbers tick over, like a counter (a morph or a fade of digits is unreadable):
            # the step number as the step starts, each w and L as its ball lands
            self.counter.set_value(k)
            slow = k <= 3
            self.play(*anims, run_time=0.6 if slow else max(0.15, min(0.4, 8 / ex.steps)))
            self.remove(*self.readouts)
            self.add(*readouts)
            self.readouts = readouts
        self.wait(0.5)

    def show_threshold(self) -> None:
        ex = self.example
        self.say("threshold", threshold=ex.threshold)
        self.wait(1.5)
