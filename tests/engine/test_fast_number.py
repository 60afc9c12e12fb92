"""A counter that keeps its glyphs must draw every frame as manim's rebuilt counter does.

Each story is played twice, with manim's ``DecimalNumber.set_value`` and with
:mod:`~mathdl_anim.engine.fast_number`, and every frame of both runs must be equal, while the
fast run must really have kept glyphs (so the test can tell the two apart).
"""

from __future__ import annotations

import numpy as np
import pytest
from manim import (
    DOWN,
    LEFT,
    PI,
    RIGHT,
    UP,
    DecimalNumber,
    FadeIn,
    Integer,
    Rotate,
    ValueTracker,
    tempconfig,
)

from mathdl_anim.engine import fast_number
from tests.engine.frames import SMALL as FRAMES
from tests.engine.frames import Recording

pytestmark = pytest.mark.render  # plays scenes with manim: not in the fast lane

SMALL = {**FRAMES, "pixel_width": 320, "pixel_height": 180, "frame_rate": 15}


def _story(scene):
    """Counters on updaters that tick, hold, move, fade in with a shift, change colour and sign."""
    t = ValueTracker(0.0)
    slow = DecimalNumber(0, num_decimal_places=2, font_size=40).shift(2 * LEFT + UP)
    slow.add_updater(lambda m: m.set_value(t.get_value() / 10))  # the same digits for frames
    signed = DecimalNumber(0, num_decimal_places=1, include_sign=True).shift(2 * RIGHT + UP)
    signed.add_updater(lambda m: m.set_value(1 - t.get_value()))  # crosses zero: "-0.0" shown as 0
    count = Integer(0, color="#FFCC00").shift(DOWN)
    count.add_updater(lambda m: m.set_value(int(t.get_value() * 3)))
    scene.add(slow, signed, count)
    scene.play(t.animate.set_value(2.0), run_time=2)
    scene.play(t.animate.set_value(2.05), slow.animate.shift(0.5 * RIGHT), run_time=0.6)  # moved
    late = DecimalNumber(3.14159, num_decimal_places=3).shift(2 * DOWN + 2 * LEFT)
    late.add_updater(lambda m: m.set_value(3.14159 + t.get_value() / 1000))
    scene.play(FadeIn(late, shift=UP, scale=0.5), t.animate.set_value(2.2), run_time=0.8)
    scene.play(count.animate.set_color("#33FFCC").scale(1.5), t.animate.set_value(2.4), run_time=0.6)
    slow.set_color("#FF3366")  # a colour set between frames, with the digits unchanged
    scene.play(t.animate.set_value(2.45), run_time=0.4)
    # the digits unchanged while an animation turns or recolours them (manim draws them
    # upright and in their own colour: its rebuild undoes both)
    scene.play(Rotate(count, PI / 3), signed.animate.set_color("#3366FF"), run_time=0.6)
    signed[-1].set_color("#FF0000")  # one glyph recoloured: manim's rebuild gives it the number's
    scene.play(t.animate.set_value(2.46), run_time=0.4)  # colour back
    scene.wait(0.2)


def _play(monkeypatch, fast: bool) -> tuple[Recording, int]:
    """The story's run and how many times manim's ``set_value`` ran (a rebuild)."""
    rebuilds = []
    original = fast_number._ORIGINAL

    def rebuild(self, number):
        rebuilds.append(number)
        return original(self, number)

    with monkeypatch.context() as patch:
        if fast:
            fast_number.install()
            patch.setattr(fast_number, "_ORIGINAL", rebuild)
        else:
            patch.setattr(DecimalNumber, "set_value", rebuild)
        try:
            with tempconfig(SMALL):
                scene = Recording(_story)
                scene.render()
        finally:
            fast_number.uninstall()
    return scene, len(rebuilds)


def test_frames_equal_to_manims_and_glyphs_kept(monkeypatch):
    fast_number.uninstall()
    plain, calls = _play(monkeypatch, fast=False)
    kept, rebuilt = _play(monkeypatch, fast=True)
    assert len(plain.frames) == len(kept.frames) > 60
    for i, (a, b) in enumerate(zip(plain.frames, kept.frames)):
        assert np.array_equal(a, b), f"frame {i} differs"
    assert 0 < rebuilt < calls / 2  # most calls kept their glyphs


def test_a_copy_is_rebuilt_and_independent():
    fast_number.install()
    try:
        a = DecimalNumber(1.5)
        a.set_value(1.5)  # built by set_value: remembered
        before = [m.points.copy() for m in a.family_members_with_points()]
        b = a.copy()
        b.set_value(2.5)
        a.set_value(1.5)
        assert [m.get_tex_string() for m in b.submobjects] == ["2", ".", "5", "0"]
        assert [m.get_tex_string() for m in a.submobjects] == ["1", ".", "5", "0"]
        after = [m.points for m in a.family_members_with_points()]
        assert all(np.array_equal(x, y) for x, y in zip(before, after))
    finally:
        fast_number.uninstall()


def test_installs_and_uninstalls():
    fast_number.uninstall()
    assert DecimalNumber.set_value is fast_number._ORIGINAL
    fast_number.install()
    assert DecimalNumber.set_value is fast_number._set_value
    fast_number.uninstall()
    assert not fast_number.installed()
