"""Scenes built to break one viewer check each (and one that breaks none), with the scene kit.

``tests/scenes/test_viewer_checks.py`` runs them through the screen probe: each check must
find its defect here, so none of the checks can pass by seeing nothing.
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, Axes, Circle, FadeIn, FadeOut, NumberLine, Square, VGroup, linear

from mathdl_anim.draw.style import PALETTE
from mathdl_anim.draw.text import make_tex
from mathdl_anim.lesson.narration.script import Beat, Script
from mathdl_anim.scene.lesson_scene import LessonScene


def _script(name: str, *keys: str) -> Script:
    return Script(name, tuple(Beat(key, f"Step {key}", f"This is step {key}.") for key in keys))


class _Base(LessonScene):
    def big_picture(self):
        """A picture that fills the stage, so only the intended defect is found."""
        return (
            Square(side_length=5.4, color=PALETTE.muted).scale_to_fit_width(12.5).stretch_to_fit_height(5.4)
        )


class CleanScene(_Base):
    """Breaks no check."""

    SCRIPT = _script("CleanScene", "one", "two")

    def construct(self):
        self.show_title("Clean")
        self.say("one")
        axes = Axes(
            x_range=[0, 4, 1],
            y_range=[0, 4, 1],
            x_length=5,
            y_length=4,
            axis_config={"include_numbers": True},
        )
        axes.move_to(3 * LEFT + 0.1 * DOWN)
        sum_line = make_tex(r"0.73 \cdot 0.92 = 0.67").move_to(3 * RIGHT + UP)
        self.play(FadeIn(self.big_picture()), FadeIn(axes), FadeIn(sum_line))
        self.say("two")
        self.wait(1)


class WrongArithmetic(_Base):
    SCRIPT = _script("WrongArithmetic", "one")

    def construct(self):
        self.show_title("Arithmetic")
        self.say("one")
        self.play(FadeIn(self.big_picture()), FadeIn(make_tex(r"z = 0.73 \cdot 0.92 = 0.68")))
        self.wait(1)


class CollidingText(_Base):
    SCRIPT = _script("CollidingText", "one")

    def construct(self):
        self.show_title("Collision")
        self.say("one")
        a, b = make_tex("a = 1").move_to(3 * LEFT), make_tex("b = 2").move_to(3 * RIGHT)
        self.play(FadeIn(self.big_picture()), FadeIn(a), FadeIn(b))
        self.play(
            a.animate(rate_func=linear).move_to(5 * RIGHT), run_time=2
        )  # passes through b three quarters of the way
        self.wait(1)


class EmptyFrame(_Base):
    SCRIPT = _script("EmptyFrame", "one", "two")

    def construct(self):
        self.show_title("Empty")
        self.say("one")
        picture = self.big_picture()
        self.play(FadeIn(picture))
        self.play(FadeOut(picture))
        self.say("two")
        self.play(FadeIn(self.big_picture()))


class SmallPicture(_Base):
    SCRIPT = _script("SmallPicture", "one", "two")

    def construct(self):
        self.show_title("Small")
        self.say("one")
        self.play(FadeIn(Circle(radius=0.5, color=PALETTE.output)))
        self.say("two")
        self.wait(1)


class BareAxes(_Base):
    SCRIPT = _script("BareAxes", "one")

    def construct(self):
        self.show_title("Axes")
        self.say("one")
        left = Axes(x_range=[0, 4, 1], y_range=[0, 4, 1], x_length=5, y_length=4).move_to(3.3 * LEFT)
        right = Axes(x_range=[0, 4, 1], y_range=[0, 8, 1], x_length=5, y_length=4).move_to(3.3 * RIGHT)
        self.play(FadeIn(left), FadeIn(right))
        self.wait(1)


class StaleLabel(_Base):
    SCRIPT = _script("StaleLabel", "one", "two")

    def construct(self):
        self.show_title("Stale")
        self.say("one")
        loss = self.bind("loss", make_tex(r"L = 0.21").move_to(UP), 0.21)
        self.play(FadeIn(self.big_picture()), FadeIn(loss))
        self.set_state(loss=0.06)  # the weights were updated: the loss is now 0.06...
        self.say("two")
        self.wait(1)  # ...but the label still says 0.21


class TakenApart(_Base):
    SCRIPT = _script("TakenApart", "one")

    def construct(self):
        self.show_title("Taken apart")
        self.say("one")
        line = NumberLine(x_range=[0, 4, 1], length=8, include_numbers=True)
        self.play(FadeIn(self.big_picture()), FadeIn(line))
        # its numbers fade in a group of their own: manim takes the line apart to let the group
        # in, and the line's stroke leaves the scene while its ticks stay
        self.play(FadeOut(VGroup(line.numbers)))
        self.wait(1)


BROKEN = {
    "arithmetic": "WrongArithmetic",
    "collisions": "CollidingText",
    "empty": "EmptyFrame",
    "frame": "SmallPicture",
    "axes": "BareAxes",
    "stale": "StaleLabel",
    "apart": "TakenApart",
}
