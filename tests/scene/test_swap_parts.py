"""LessonScene.swap_parts: the new part takes the old one's place, wherever the old one is drawn."""

from __future__ import annotations

import pytest
from manim import Circle, Line, Scene, Square, Triangle, VGroup, tempconfig

from mathdl_anim.scene.lesson_scene import LessonScene

SMALL = {
    "pixel_width": 96,
    "pixel_height": 54,
    "frame_rate": 10,
    "write_to_movie": False,
    "disable_caching": True,
    "progress_bar": "none",
    "verbosity": "ERROR",
}


@pytest.fixture
def scene():
    with tempconfig(SMALL):
        yield Scene()


def _swap(scene, swaps, *others):
    LessonScene.swap_parts(scene, swaps, *others, run_time=0.4)


def _drawn(scene):
    return [m for top in scene.mobjects for m in top.get_family()]


def test_a_group_in_the_scene_keeps_its_place(scene):
    first, box, label, last = Square(), Square(), Circle(), Triangle()
    node = VGroup(box, label)
    scene.add(first, node, last)
    new = Circle(color="#FF0000")
    opacities = (new.get_fill_opacity(), new.get_stroke_opacity())
    _swap(scene, [(node, 1, new)])
    assert scene.mobjects == [first, node, last]
    assert node.submobjects == [box, new]
    assert label not in _drawn(scene) and new in _drawn(scene)
    assert (new.get_fill_opacity(), new.get_stroke_opacity()) == opacities  # fully faded in


def test_a_group_of_parts_drawn_on_their_own(scene):
    a, b = Square(), Circle()
    labels = VGroup(a, b)  # not in the scene itself: its parts are
    scene.add(a, b)
    new_a, new_b = Triangle(), Square()
    _swap(scene, [(labels, 0, new_a), (labels, 1, new_b)])
    assert scene.mobjects == [new_a, new_b]
    assert labels.submobjects == [new_a, new_b]


def test_a_group_with_points_of_its_own(scene):
    axis = Line()  # has points, like a number line
    ticks, numbers = VGroup(Square()), VGroup(Circle())
    axis.add(ticks, numbers)
    scene.add(axis)
    new = VGroup(Triangle())
    _swap(scene, [(axis, 1, new)])
    assert axis.submobjects == [ticks, new]
    assert scene.mobjects == [axis]


def test_other_animations_play_alongside(scene):
    node, mover = VGroup(Square(), Circle()), Square()
    scene.add(node, mover)
    _swap(scene, [(node, 1, Triangle())], mover.animate.shift([1, 0, 0]))
    assert mover.get_center()[0] == pytest.approx(1.0)
