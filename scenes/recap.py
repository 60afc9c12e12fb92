"""Recap: the four pillars, where each appeared in the lesson, and the key formula z = Wx + b."""

from __future__ import annotations

from manim import DOWN, RIGHT, UP, FadeIn, FadeOut, LaggedStart, RoundedRectangle, VGroup, Write

from mathdl_anim.draw.style import BODY_SIZE, LABEL_SIZE, PALETTE
from mathdl_anim.draw.text import factor, fit_width, make_tex, make_text, num
from mathdl_anim.scene.lesson_scene import LessonScene

CARD_WIDTH, CARD_HEIGHT = 3.15, 3.6
FORMULA_SIZE = 96


class Recap(LessonScene):
    """Four pillars, then z = Wx + b."""

    def construct(self) -> None:
        self.show_title("The four pillars")
        self.show_pillars()
        self.show_formula()
        self.wait(2)

    def make_card(self, pillar) -> VGroup:
        color = getattr(PALETTE, pillar.role)
        frame = RoundedRectangle(
            corner_radius=0.15, width=CARD_WIDTH, height=CARD_HEIGHT, color=color, stroke_width=2.5
        )
        name = make_text(pillar.name, color=color, font_size=BODY_SIZE - 4)
        fit_width(name, CARD_WIDTH - 0.3)
        items = VGroup(
            *(
                fit_width(make_text(item, font_size=LABEL_SIZE - 2), CARD_WIDTH - 0.35)
                for item in pillar.appeared
            )
        ).arrange(DOWN, buff=0.3)
        name.move_to(frame.get_top() + 0.45 * DOWN)
        items.next_to(name, DOWN, buff=0.45)
        return VGroup(frame, name, items)

    def show_pillars(self) -> None:
        pillars = self.example.pillars
        self.cards = VGroup(*(self.make_card(p) for p in pillars)).arrange(RIGHT, buff=0.25)
        fit_width(self.cards).move_to(0.2 * UP)
        self.say("pillars")
        self.play(
            LaggedStart(*(FadeIn(c[:2], shift=0.2 * UP) for c in self.cards), lag_ratio=0.25), run_time=2
        )
        self.say("appeared")
        for card in self.cards:
            self.play(
                LaggedStart(*(FadeIn(item, shift=0.1 * RIGHT) for item in card[2]), lag_ratio=0.3),
                run_time=1.2,
            )
        self.wait(1)

    def show_formula(self) -> None:
        formula = make_tex("z", "=", "W", "x", "+", "b", font_size=FORMULA_SIZE)
        for part, role in zip(formula, ("output", "text", "weight", "input", "text", "bias")):
            part.set_color(getattr(PALETTE, role))
        formula.move_to(0.4 * UP)
        legend = VGroup(
            *(
                VGroup(
                    make_tex(sym, color=getattr(PALETTE, role), font_size=LABEL_SIZE + 4),
                    make_text(word, color=PALETTE.muted, font_size=LABEL_SIZE),
                ).arrange(RIGHT, buff=0.15)
                for sym, role, word in (
                    ("W", "weight", "weights"),
                    ("x", "input", "inputs"),
                    ("b", "bias", "bias"),
                    ("z", "output", "before activation"),
                )
            )
        ).arrange(RIGHT, buff=0.6)
        legend.next_to(formula, DOWN, buff=0.7)
        self.say("formula")
        self.play(FadeOut(self.cards, shift=0.3 * UP), run_time=0.8)
        self.play(Write(formula), run_time=1.5)
        self.play(FadeIn(legend, lag_ratio=0.2), run_time=1)
        self.show_worked_neuron(legend)

    def show_worked_neuron(self, above) -> None:
        """One neuron with numbers: weights times inputs, plus the bias."""
        ex = self.example
        parts, colors = [], []
        for k, (w, x) in enumerate(zip(ex.W, ex.x)):
            if k:
                parts.append("+")
                colors.append(PALETTE.text)
            parts += [factor(w), r"\cdot", factor(x)]
            colors += [PALETTE.weight, PALETTE.text, PALETTE.input]
        parts += ["+", num(ex.b), "=", num(ex.z)]
        colors += [PALETTE.text, PALETTE.bias, PALETTE.text, PALETTE.output]
        line = make_tex("z =", *parts, font_size=BODY_SIZE)
        line[0].set_color(PALETTE.output)
        for part, color in zip(line[1:], colors):
            part.set_color(color)
        fit_width(line).next_to(above, DOWN, buff=0.6)
        self.say("neuron", bias=ex.b, z=ex.z)
        self.play(Write(line), run_time=1.5)
