"""The short lesson's scenes (:mod:`tests.pipeline.lesson`): each about ten seconds, each a
motion per beat, written with the scene kit as any scene of the lesson is."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Circle,
    Create,
    Dot,
    GrowArrow,
    GrowFromEdge,
    Line,
    Rectangle,
    Rotate,
)

from mathdl_anim.draw.style import PALETTE
from mathdl_anim.lesson.narration.script import Beat, Script
from mathdl_anim.scene.lesson_scene import LessonScene
from tests.pipeline.lesson import SCENES

#: Each scene's spec by name: a scene says what it is (SPEC), so it is the same scene when a
#: test builds it in a process whose lesson is the real one.
SPECS = {spec.name: spec for spec in SCENES}

TAU = 6.283185307179586


class AddingArrows(LessonScene):
    """Two arrows on a line, the second starting where the first ends: their sum."""

    SPEC = SPECS["AddingArrows"]
    SCRIPT = Script(
        "AddingArrows",
        (
            Beat("first", "An arrow of length {a}", "Here is an arrow of length {a}."),
            Beat(
                "second",
                "Then one of length {b}",
                "A second arrow, of length {b}, starts where the first one ends, so that the two "
                "lengths add up.",
            ),
            Beat("total", "Together: {total}", "Together they reach {total}."),
        ),
    )

    def construct(self) -> None:
        ex = self.example
        self.show_title("Adding arrows")
        axis = Line(6 * LEFT, 6 * RIGHT, color=PALETTE.muted)
        origin = Dot(color=PALETTE.muted)
        unit = 1.2
        first = Arrow(origin.get_center(), ex.a * unit * RIGHT, buff=0, color=PALETTE.input)
        second = Arrow(first.get_end(), (ex.a + ex.b) * unit * RIGHT, buff=0, color=PALETTE.weight)
        second.shift(0.4 * UP)
        total = Arrow(origin.get_center(), ex.total * unit * RIGHT, buff=0, color=PALETTE.output).shift(
            0.8 * DOWN
        )
        self.say("first", a=ex.a)
        self.play(Create(axis), Create(origin), GrowArrow(first), run_time=1.2)
        self.say("second", b=ex.b)
        self.play(GrowArrow(second), run_time=1.2)
        self.say("total", total=ex.total)
        self.play(GrowArrow(total), run_time=1.2)
        self.wait(1)


class GrowingBar(LessonScene):
    """A bar grows from the floor, then to twice its height."""

    SPEC = SPECS["GrowingBar"]
    SCRIPT = Script(
        "GrowingBar",
        (
            Beat("grow", "A bar grows from the floor", "A bar grows up from the floor."),
            Beat("double", "It doubles its height", "Then it doubles its height."),
            Beat("halve", "And shrinks back to half", "And it shrinks back down to half of that."),
        ),
    )

    def construct(self) -> None:
        self.show_title("A growing bar")
        floor = Line(4 * LEFT, 4 * RIGHT, color=PALETTE.muted).shift(2 * DOWN)
        bar = Rectangle(width=1.5, height=1.5, color=PALETTE.input, fill_opacity=0.8)
        bar.next_to(floor, UP, buff=0)
        self.say("grow")
        self.play(Create(floor), GrowFromEdge(bar, DOWN), run_time=1.2)
        self.say("double")
        self.play(bar.animate.stretch(2, 1, about_edge=DOWN), run_time=1.2)
        self.say("halve")
        self.play(bar.animate.stretch(0.5, 1, about_edge=DOWN), run_time=1.2)
        self.wait(1)


class TurningWheel(LessonScene):
    """A wheel with one spoke turns a full turn."""

    SPEC = SPECS["TurningWheel"]
    SCRIPT = Script(
        "TurningWheel",
        (
            Beat("wheel", "A wheel with one spoke", "Here is a wheel with one spoke."),
            Beat("turn", "It turns once, all the way round", "It turns once, all the way round."),
            Beat("back", "Then back the other way", "Then it turns back the other way, just as far."),
        ),
    )

    def construct(self) -> None:
        self.show_title("A turning wheel")
        wheel = Circle(radius=2, color=PALETTE.muted)
        spoke = Line(wheel.get_center(), wheel.get_top(), color=PALETTE.weight)
        self.say("wheel")
        self.play(Create(wheel), Create(spoke), run_time=1.2)
        self.say("turn")
        self.play(Rotate(spoke, TAU, about_point=wheel.get_center()), run_time=2)
        self.say("back")
        self.play(Rotate(spoke, -TAU, about_point=wheel.get_center()), run_time=2)
        self.wait(1)


class GrowingBar2(GrowingBar):
    """The bar again: a fourth chapter, so a lecture of three is "Chapter 1 of 4" and so on."""

    SPEC = SPECS["GrowingBar2"]
    SCRIPT = Script("GrowingBar2", GrowingBar.SCRIPT.beats)  # type: ignore[union-attr]
