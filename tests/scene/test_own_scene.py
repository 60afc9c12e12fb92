"""The README's "Write your own scene" page: its examples, run as written: the scene renders with
captions, and the lesson made of it is what the commands work on."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import av
import pytest
import srt

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "write-your-own-scene.md"

pytestmark = pytest.mark.render


def _blocks() -> list[str]:
    blocks = re.findall(r"```python\n(.*?)```", PAGE.read_text(), flags=re.S)
    assert len(blocks) == 2, "the page has two Python examples: a scene and a lesson"
    return blocks


def _example() -> str:
    return _blocks()[0]


def test_the_example_is_about_thirty_lines():
    assert len(_example().strip().splitlines()) <= 40


def test_the_example_renders_with_captions_and_subtitles(tmp_path):
    source = tmp_path / "unit_circle.py"
    source.write_text(_example())
    media = tmp_path / "media"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "manim",
            "-ql",
            "--media_dir",
            str(media),
            "--progress_bar",
            "none",
            str(source),
            "UnitCircle",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    video = media / "videos" / "unit_circle" / "480p15" / "UnitCircle.mp4"
    with av.open(str(video)) as container:
        seconds = float(container.duration) / av.time_base
    cues = list(srt.parse(video.with_suffix(".srt").read_text()))
    assert [c.content.replace("\n", " ") for c in cues] == [  # cues wrap at 42 characters
        "Every point of this circle is one unit from the centre.",
        "Turn the radius by an angle of 2 radians.",
    ]
    assert cues[-1].end.total_seconds() == pytest.approx(seconds, abs=0.1)


def test_the_kit_refuses_a_scene_with_neither_spec_nor_script():
    code = (
        "from mathdl_anim.scene.lesson_scene import LessonScene\n"
        "class Stray(LessonScene):\n    pass\n"
        "try:\n    Stray()\nexcept TypeError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "Stray is not a scene of the lesson: give it a SCRIPT" in out.stdout


def test_the_lesson_example_is_what_the_commands_work_on(tmp_path):
    """``MATHDL_ANIM_LESSON=my_lesson``: ``list`` shows its scene without importing manim, and
    ``lecture`` renders it with its chapter card and subtitles."""
    import os

    (tmp_path / "unit_circle.py").write_text(_example())
    (tmp_path / "my_lesson.py").write_text(_blocks()[1])
    env = {**os.environ, "MATHDL_ANIM_LESSON": "my_lesson", "PYTHONPATH": str(tmp_path)}

    def command(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "mathdl_anim.cli", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
        )

    listed = command("list")
    assert listed.returncode == 0 and listed.stdout.split()[0] == "UnitCircle", listed.stderr
    pure = subprocess.run(
        [sys.executable, "-c", "import my_lesson, sys; print('manim' in sys.modules)"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert pure.stdout.strip() == "False", pure.stderr
    made = command("lecture", "-q", "l", "--out", str(tmp_path / "out"))
    assert made.returncode == 0, made.stderr[-2000:]
    folder = tmp_path / "out" / "480p15"
    cues = [c.content for c in srt.parse((folder / "lecture.srt").read_text(encoding="utf-8"))]
    assert cues[0] == "Chapter 1 of 1: The unit circle"
    assert "Turn the radius by an angle of 2 radians." in [c.replace("\n", " ") for c in cues]
    with av.open(str(folder / "lecture.mp4")) as container:
        assert float(container.duration) / av.time_base > 8
