"""Redrawing less must change no pixel: the narrowed moving set against manim's own.

Each scene here is played twice, with :func:`~mathdl_anim.engine.moving.narrow_moving` and with
manim's ``Scene.get_moving_mobjects``, and every frame of both runs must be equal, while the
narrowed run must really redraw fewer mobjects (so the test can tell the two apart).
"""

from __future__ import annotations

import numpy as np
import pytest
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Circle,
    Create,
    Dot,
    FadeIn,
    LaggedStart,
    Line,
    Rectangle,
    ReplacementTransform,
    Rotate,
    Scene,
    Square,
    Transform,
    TransformFromCopy,
    Write,
    tempconfig,
)
from manim.animation.animation import prepare_animation
from manim.utils.rate_functions import ease_out_back

from mathdl_anim.engine.moving import box, narrow_moving, sweep_boxes
from tests.engine.frames import SMALL
from tests.engine.frames import Recording as FrameRecording

pytestmark = pytest.mark.render  # plays scenes with manim: not in the fast lane


class Recording(FrameRecording):
    """Keeps every frame and counts the mobjects redrawn per play."""

    narrowed = True

    def __init__(self, build, **kwargs):
        self.redrawn: list[int] = []
        super().__init__(build, **kwargs)

    def get_moving_mobjects(self, *animations):
        default = super().get_moving_mobjects(*animations)
        chosen = narrow_moving(default, animations, self.foreground_mobjects) if self.narrowed else default
        self.redrawn.append(sum(1 for m in chosen if m.has_points()))
        return chosen


def _play_both(build):
    runs = []
    for narrowed in (False, True):
        with tempconfig(SMALL):
            scene = type("Run", (Recording,), {"narrowed": narrowed})(build)
            scene.render()
        runs.append(scene)
    return runs


def _overlapping_story(scene):
    """Labels and shapes stacked over and beside things that move, in several orders."""
    mover = Square(side_length=1, fill_opacity=1, color="#3366FF").shift(3 * LEFT)
    under = Rectangle(width=2, height=0.6, fill_opacity=1, color="#FF3333").shift(2 * LEFT)
    scene.add(under, mover)
    over = Circle(radius=0.4, fill_opacity=1, color="#33FF33").shift(1.5 * LEFT)  # in the path
    chained = Rectangle(width=1.5, height=0.3, fill_opacity=1, color="#FFFF33").shift(
        1.5 * LEFT + 0.4 * UP
    )  # overlaps `over` only
    far = Dot(3 * RIGHT + 2 * UP, radius=0.3, color="#FF33FF")  # nowhere near anything
    scene.add(over, chained, far)
    scene.play(mover.animate.shift(3 * RIGHT))
    thick = Line(2 * DOWN + 4 * LEFT, 2 * DOWN + 4 * RIGHT, stroke_width=12, color="#33FFFF")
    scene.play(Create(thick), FadeIn(Dot(3 * DOWN, color="#FFFFFF"), shift=UP))
    target = Square(side_length=0.5, fill_opacity=1, color="#FF9933").shift(2 * UP + 3 * LEFT)
    scene.play(ReplacementTransform(far, target), TransformFromCopy(over, Dot(3 * UP)))
    scene.play(LaggedStart(*(FadeIn(Dot(x * RIGHT + DOWN)) for x in range(-3, 4)), lag_ratio=0.3))
    scene.play(Write(Square(side_length=0.8, stroke_width=6).shift(2 * RIGHT)))
    scene.play(
        AnimationGroup(
            Transform(mover, Circle(radius=0.2).shift(3 * RIGHT)), over.animate.set_color("#000000")
        )
    )
    scene.wait(0.3)


def test_frames_identical_and_fewer_mobjects_redrawn():
    default, narrowed = _play_both(_overlapping_story)
    assert len(default.frames) == len(narrowed.frames) > 20
    for i, (a, b) in enumerate(zip(default.frames, narrowed.frames)):
        assert np.array_equal(a, b), f"frame {i} differs"
    assert sum(narrowed.redrawn) < sum(default.redrawn)
    assert all(n <= d for n, d in zip(narrowed.redrawn, default.redrawn))


def _decision(build_animations):
    """The narrowed moving set of one play, computed the way ``begin_animations`` does."""
    with tempconfig(SMALL):
        scene = Scene()
        animations, mobjects = build_animations(scene)
        animations = [prepare_animation(a) for a in animations]
        for animation in animations:
            animation._setup_scene(scene)
            animation.begin()
        default = Scene.get_moving_mobjects(scene, *animations)
        return default, narrow_moving(default, animations, scene.foreground_mobjects), mobjects


def test_keeps_what_is_drawn_over_the_sweep_and_over_what_is_kept():
    def build(scene):
        mover = Square(side_length=1).shift(3 * LEFT)
        below = Square(side_length=1).shift(3 * LEFT)  # drawn before the mover: stays static
        scene.add(below, mover)
        in_path = Dot(0.5 * LEFT)  # drawn after, in the mover's path
        on_kept = Dot(0.5 * LEFT + 0.1 * UP, radius=0.3)  # overlaps in_path, not the path
        away = Dot(3 * UP + 3 * RIGHT)
        scene.add(in_path, on_kept, away)
        return [mover.animate.shift(3 * RIGHT)], dict(
            mover=mover, below=below, in_path=in_path, on_kept=on_kept, away=away
        )

    default, narrowed, m = _decision(build)
    assert m["away"] in default and m["away"] not in narrowed
    assert m["below"] not in default and m["below"] not in narrowed
    for name in ("mover", "in_path", "on_kept"):
        assert m[name] in narrowed


@pytest.mark.parametrize("kind", ["rotate", "arc", "overshoot", "updater"])
def test_unprovable_animations_keep_manims_answer(kind):
    def build(scene):
        mover = Square(side_length=1).shift(3 * LEFT)
        scene.add(mover, Dot(3 * UP + 3 * RIGHT))
        if kind == "rotate":
            return [Rotate(mover, 1.0)], {}
        if kind == "arc":
            return [Transform(mover, Circle().shift(RIGHT), path_arc=2.0)], {}
        if kind == "overshoot":
            return [mover.animate(rate_func=ease_out_back).shift(RIGHT)], {}
        scene.add(Dot().add_updater(lambda d: d))
        return [mover.animate.shift(RIGHT)], {}

    default, narrowed, _ = _decision(build)
    assert narrowed == default


def test_sweep_box_holds_start_end_and_stroke():
    with tempconfig(SMALL):
        square = Square(side_length=1, stroke_width=10)
        animation = square.animate.shift(4 * RIGHT).build()
        animation.begin()
        (region,) = [b for b in sweep_boxes(animation).values() if b is not None]
        reach = 5 * 0.01 * 10  # miter reach of a 10-wide stroke, in scene units
        assert region[0] <= -0.5 - reach and region[2] >= 4.5 + reach
        assert region[1] <= -0.5 - reach and region[3] >= 0.5 + reach
        assert box(Dot().set_points([])) is None
