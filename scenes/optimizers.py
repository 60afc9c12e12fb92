"""Four optimizers race from the same start across a contour map of a badly conditioned loss."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Create,
    FadeIn,
    ValueTracker,
    VGroup,
    Write,
    linear,
)

from mathdl_anim.core.formatting import near_one_tex
from mathdl_anim.core.optimization import OPTIMIZER_NAMES, UPDATE_RULES, path_until
from mathdl_anim.draw.counters import make_step_counter
from mathdl_anim.draw.plots import make_contour_map, make_polyline
from mathdl_anim.draw.shapes import make_ball, make_legend_entry
from mathdl_anim.draw.style import LABEL_SIZE, PALETTE, SMALL_SIZE, optimizer_color
from mathdl_anim.draw.text import fit_width, make_tex, make_text, num
from mathdl_anim.scene.lesson_scene import LessonScene

#: How the hyper-parameters are written.
HYPER_TEX = {"beta": r"\beta", "rho": r"\rho", "beta1": r"\beta_1", "beta2": r"\beta_2", "eps": r"\epsilon"}

#: How each optimizer's update rules are laid out: lines of rule indices, and the
#: hyper-parameters written at the end of each line.
RULE_LINES = {
    "sgd": (((0,), ()),),
    "momentum": (((0, 1), ("beta",)),),
    "rmsprop": (((0,), ("rho",)), ((1,), ("eps",))),
    "adam": (((0, 1), ()), ((2,), ()), ((), ("beta1", "beta2"))),
}

#: The map on the left, the legend on the right.
MAP_CENTER = np.array([-3.0, -0.3, 0.0])
MAP_WIDTH, MAP_HEIGHT = 7.2, 5.2
PANEL_LEFT, PANEL_WIDTH = 1.2, 5.6

#: Seconds per optimizer step in the race.
SECONDS_PER_STEP = 0.2


class Optimizers(LessonScene):
    """SGD, momentum, RMSProp and Adam from one start: paths, a step counter, final losses."""

    def construct(self) -> None:
        self.show_title("Optimizers: same start, different paths")
        self.show_map()
        self.show_rules()
        self.race()
        self.show_results()
        self.wait(2)

    # -----------------------------------------------------------------------------------------
    def show_map(self) -> None:
        ex = self.example
        self.map, self.frame = make_contour_map(
            ex.box, ex.contours, ex.loss.minimum, MAP_WIDTH, MAP_HEIGHT, MAP_CENTER
        )
        formula = make_tex(ex.loss.tex, color=PALETTE.output, font_size=SMALL_SIZE)
        fit_width(formula, PANEL_WIDTH)
        formula.move_to([PANEL_LEFT, 2.75, 0], aligned_edge=LEFT)
        self.start_dot = make_ball(PALETTE.highlight, radius=0.08).move_to(self.frame.point(ex.start))
        self.formula = formula
        self.play(Create(self.map[0]), Create(self.map[1]), run_time=1.5)
        self.play(FadeIn(self.map[2:]), Write(formula), FadeIn(self.start_dot), run_time=1)
        self.say("narrow_valley" if ex.loss.name == "bowl" else "curved_valley")

    def rule_lines(self, trace) -> VGroup:
        """The update rules, each line ending with the hyper-parameters it uses."""
        rules = UPDATE_RULES[trace.name]
        hyper = {**trace.hyper, "eps": self.values["epsilon"]}
        lines = VGroup()
        for indices, names in RULE_LINES[trace.name]:
            parts = []
            if indices:
                parts.append(make_tex(r"\quad ".join(rules[i] for i in indices), font_size=LABEL_SIZE - 4))
            if names:
                parts.append(
                    make_tex(
                        r",\; ".join(f"{HYPER_TEX[k]} = {near_one_tex(hyper[k])}" for k in names),
                        color=PALETTE.muted,
                        font_size=LABEL_SIZE - 4,
                    )
                )
            lines.add(VGroup(*parts).arrange(RIGHT, buff=0.4))
        return lines.arrange(DOWN, aligned_edge=LEFT, buff=0.12)

    def show_rules(self) -> None:
        ex = self.example
        self.entries = VGroup()
        for trace in ex.traces:
            color = optimizer_color(trace.name)
            head = make_legend_entry(color, OPTIMIZER_NAMES[trace.name], rf"\eta = {num(trace.lr)}")
            eqs = self.rule_lines(trace)
            entry = VGroup(head, eqs).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
            eqs.shift(0.3 * RIGHT)
            self.entries.add(fit_width(entry, PANEL_WIDTH))
        self.entries.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        counter_row = VGroup(make_text("step", font_size=SMALL_SIZE), make_tex("k =", font_size=SMALL_SIZE))
        counter_row.arrange(RIGHT, buff=0.15)
        self.counter = make_step_counter(0, font_size=SMALL_SIZE)
        self.counter.next_to(counter_row, RIGHT, buff=0.15)
        self.counter_group = VGroup(counter_row, self.counter)
        self.counter_group.move_to(
            [self.map[0].get_left()[0], self.formula.get_center()[1], 0], aligned_edge=LEFT
        )
        panel = self.entries
        top = self.formula.get_bottom()[1] - 0.3
        bottom = -3.1
        if panel.height > top - bottom:
            panel.scale_to_fit_height(top - bottom)
        panel.move_to([PANEL_LEFT, (top + bottom) / 2, 0], aligned_edge=LEFT)
        self.counter.add_updater(lambda m: m.next_to(counter_row, RIGHT, buff=0.15))
        for trace, entry in zip(ex.traces, self.entries):
            self.say(trace.name)  # each optimizer's beat is named like it
            self.play(FadeIn(entry[0], shift=0.2 * RIGHT), Write(entry[1]), run_time=1.2)
            self.wait(0.4)
        self.play(FadeIn(self.counter_group), run_time=0.5)

    def race(self) -> None:
        ex = self.example
        self.say("race")
        t = ValueTracker(0)
        screen = [self.frame.points(trace.trajectory) for trace in ex.traces]
        paths, heads = VGroup(), VGroup()
        for trace, pts in zip(ex.traces, screen):
            color = optimizer_color(trace.name)
            path = make_polyline(pts[:1], color)
            head = make_ball(color, radius=0.08).move_to(pts[0])

            def update_path(mob, pts=pts):
                mob.set_points_as_corners(path_until(pts, t.get_value()))

            def update_head(mob, pts=pts):
                mob.move_to(path_until(pts, t.get_value())[-1])

            path.add_updater(update_path)
            head.add_updater(update_head)
            paths.add(path)
            heads.add(head)

        def tick(counter):  # typeset the step number again only when it changes
            k = int(np.floor(t.get_value() + 1e-9))
            if k != counter.get_value():
                counter.set_value(k)

        self.counter.add_updater(tick)
        self.add(paths, heads)
        self.play(
            t.animate.set_value(ex.steps), run_time=max(3.0, SECONDS_PER_STEP * ex.steps), rate_func=linear
        )
        for mob in (*paths, *heads):
            mob.clear_updaters()
        self.counter.clear_updaters()
        self.counter.set_value(ex.steps)
        self.paths, self.heads = paths, heads

    def show_results(self) -> None:
        ex = self.example
        tags = VGroup()
        for trace, entry in zip(ex.traces, self.entries):
            tag = make_tex(rf"L = {num(trace.losses[-1])}", color=PALETTE.output, font_size=LABEL_SIZE)
            tag.next_to(entry[0], RIGHT, buff=0.5)
            tags.add(tag)
        best = ex.best
        self.say("results", steps=ex.steps, best=OPTIMIZER_NAMES[best.name], loss=best.losses[-1])
        self.play(FadeIn(tags, shift=0.2 * LEFT), run_time=1)
