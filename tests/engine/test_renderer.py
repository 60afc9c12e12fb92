"""A scene drawn with helper processes is the scene drawn whole.

Same frames (every pixel of every frame), same number of frames, same subtitles and values,
whichever animations the helpers draw; and a helper's failure fails the render.
"""

from __future__ import annotations

import json
import subprocess
import sys
import wave
from functools import partial
from pathlib import Path

import av
import numpy as np
import pytest
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Scene,
    Square,
    Transform,
    ValueTracker,
    always_redraw,
    tempconfig,
)

from mathdl_anim.engine.renderer import HelperError, LessonRenderer
from mathdl_anim.render.options import output_folder
from mathdl_anim.render.scenes import RenderTask, render_all

pytestmark = pytest.mark.render  # plays scenes with manim: not in the fast lane

SCENE = "GradientDescent"  # the shortest scene, with waits, transforms and a loop of steps


def _frames(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as video:
        return [frame.to_ndarray(format="rgb24") for frame in video.decode(video=0)]


def _assert_same_frames(whole: Path, helped: Path) -> None:
    a, b = _frames(whole), _frames(helped)
    assert len(a) == len(b) > 20
    for k, (x, y) in enumerate(zip(a, b)):
        assert np.array_equal(x, y), f"frame {k} differs"


# A lesson scene through the command's own path: one scene, two cores -----------------------
@pytest.fixture(scope="module")
def renders(tmp_path_factory):
    """The scene rendered whole (--jobs 1) and, by the command, with a helper (--jobs 2)."""
    folders = {1: tmp_path_factory.mktemp("jobs1"), 2: tmp_path_factory.mktemp("jobs2")}
    assert render_all([RenderTask(SCENE)], "l", folders[1], jobs=1) == 0
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mathdl_anim.cli",
            "render",
            SCENE,
            "-q",
            "l",
            "--jobs",
            "2",
            "--out",
            str(folders[2]),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    folders["stderr"] = done.stderr
    return folders


def test_helped_render_is_quiet(renders):
    assert renders["stderr"] == ""  # no warning either (e.g. a semaphore left by a helper)


def test_helped_frames_equal_whole_frames(renders):
    name = f"{output_folder('l')}/{SCENE}.mp4"
    _assert_same_frames(renders[1] / name, renders[2] / name)


def test_helped_subtitles_and_values_equal_whole(renders):
    folder = output_folder("l")
    srt = [(renders[j] / folder / f"{SCENE}.srt").read_text() for j in (1, 2)]
    assert srt[0] == srt[1] and srt[0].count("-->") >= 3
    values = [json.loads((renders[j] / folder / f"{SCENE}.values.json").read_text()) for j in (1, 2)]
    assert values[0] == values[1]
    for out in (renders[1], renders[2]):
        assert not (out / ".work").exists()


# Fixed splits, on a small scene of every kind of animation --------------------------------
SMALL = {
    "pixel_width": 192,
    "pixel_height": 108,
    "frame_rate": 10,
    "disable_caching": True,
    "progress_bar": "none",
    "verbosity": "ERROR",
    "write_to_movie": True,
    "format": "mp4",
    "max_inflight_encoders": 2,
}


class Mixed(Scene):
    """Creation, fades with shifts, a transform, waits, an updater driven by a tracker."""

    def construct(self):
        square, circle = Square().shift(LEFT), Circle().shift(RIGHT)
        self.play(Create(square), run_time=0.7)
        self.play(FadeIn(circle, shift=UP))
        self.wait(0.5)
        self.play(Transform(square, Circle(color="#FF8800").shift(LEFT + DOWN)), run_time=0.8)
        tracker = ValueTracker(0)
        dot = always_redraw(lambda: Dot().move_to([tracker.get_value(), 1.5, 0]))
        self.add(dot)
        self.play(tracker.animate.set_value(3), run_time=1.1)
        self.wait(0.3)
        self.play(FadeOut(circle, shift=DOWN), square.animate.scale(0.5))
        self.wait(0.4)


def _render_small(folder: Path, scene_class=Mixed, **renderer) -> Path:
    with tempconfig({**SMALL, "media_dir": str(folder), "output_file": "Mixed"}):
        scene = scene_class(renderer=LessonRenderer(**renderer))
        scene.render()
        return Path(scene.renderer.file_writer.movie_file_path)


@pytest.fixture(scope="module")
def small_whole(tmp_path_factory):
    return _render_small(tmp_path_factory.mktemp("whole"))


@pytest.mark.parametrize("split", ["all", "even", "odd", "first-and-last"])
def test_any_split_gives_the_whole_frames(small_whole, tmp_path, split):
    chosen = {
        "all": lambda n: True,
        "even": lambda n: n % 2 == 0,
        "odd": lambda n: n % 2 == 1,
        "first-and-last": lambda n: n in (0, 7),
    }[split]
    drawn_by_helpers = []

    def hand_over(number):
        if chosen(number):
            drawn_by_helpers.append(number)
            return True
        return False

    helped = _render_small(tmp_path, helpers=8, hand_over=hand_over)
    assert drawn_by_helpers  # the split really went to helpers
    _assert_same_frames(small_whole, helped)


class Breaks(Animation):
    """Fine at its start and end (all a handed-over animation does here), fails in between."""

    def interpolate_mobject(self, alpha):
        if 0 < alpha < 1:
            raise ValueError("boom in the middle")


class BreaksWhenDrawn(Scene):
    def construct(self):
        self.play(Create(Square()), run_time=0.5)
        self.play(Breaks(Circle()), run_time=0.5)
        self.wait(0.2)


def test_a_helper_failure_fails_the_render(tmp_path):
    with pytest.raises(HelperError, match="animation 1 .*boom in the middle"):
        _render_small(tmp_path, BreaksWhenDrawn, helpers=2, hand_over=lambda n: n == 1)
    assert not list(tmp_path.rglob("Mixed.mp4"))  # no movie joined from a partial set


def test_no_helpers_without_fork(monkeypatch):
    monkeypatch.delattr("os.fork")
    assert LessonRenderer(helpers=3).helpers == 0


def test_a_failed_fork_draws_here(small_whole, tmp_path, monkeypatch):
    def no_room():
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr("os.fork", no_room)
    _assert_same_frames(small_whole, _render_small(tmp_path, helpers=2))


class WithSound(Scene):
    """Sounds added between animations, some of which go to helpers."""

    def __init__(self, wav: Path, **kwargs):
        self.wav = wav
        super().__init__(**kwargs)

    def construct(self):
        for k in range(4):
            self.add_sound(str(self.wav))
            self.play(FadeIn(Square().shift((k - 1.5) * RIGHT)), run_time=0.6)
        self.wait(0.3)


def _beep(path: Path, seconds: float = 0.2, rate: int = 22050) -> Path:
    t = np.arange(int(seconds * rate)) / rate
    samples = (0.3 * 32767 * np.sin(2 * np.pi * 440 * t)).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return path


def _audio(path: Path) -> np.ndarray:
    with av.open(str(path)) as video:
        assert len(video.streams.audio) == 1
        return np.concatenate([f.to_ndarray().ravel() for f in video.decode(audio=0)])


def test_sounds_between_handed_over_animations_are_kept(tmp_path):
    wav = _beep(tmp_path / "beep.wav")
    scene = partial(WithSound, wav)
    whole = _render_small(tmp_path / "whole", scene)
    helped = _render_small(tmp_path / "helped", scene, helpers=4, hand_over=lambda n: n % 2 == 0)
    _assert_same_frames(whole, helped)
    np.testing.assert_array_equal(_audio(whole), _audio(helped))
