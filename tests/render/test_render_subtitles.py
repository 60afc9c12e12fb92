"""A real render writes the narration as subtitles: ``renders/<quality>/<Scene>.srt``.

One scene is rendered at 480p15; its ``.srt`` must parse, hold one cue per beat the scene
played (the same beats, texts and times as a run without video), in order, not overlapping,
and inside the video's duration (read with PyAV). With ``--voice`` the video has a sound track
and each beat lasts at least as long as its speech.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from mathdl_anim.scene.speech import ENGINE, speak, speech_available

SCENE = "MatrixMultiplication"
FRAME = 1 / 15  # seconds per frame at 480p15


def render(out, *extra, env=None):
    return subprocess.run(
        [sys.executable, "-m", "mathdl_anim.cli", "render", SCENE, "-q", "l", "--out", str(out), *extra],
        capture_output=True,
        text=True,
        env=env,
    )


def video_duration(path) -> float:
    import av

    with av.open(str(path)) as video:
        stream = video.streams.video[0]
        return float(stream.frames / stream.average_rate)


def read_cues(path) -> list[tuple[str, float, float]]:
    import srt

    return [
        (c.content, c.start.total_seconds(), c.end.total_seconds())
        for c in srt.parse(path.read_text(encoding="utf-8"))
    ]


def assert_in_order_inside(cues, duration: float) -> None:
    end = 0.0
    for _, start, stop in cues:
        assert end <= start < stop <= duration + FRAME + 1e-3  # srt rounds to milliseconds
        end = stop
    assert end == pytest.approx(duration, abs=FRAME + 1e-3), "the last cue lasts until the end"


@pytest.mark.render
def test_render_writes_subtitles_timed_inside_the_video(tmp_path, screen):
    result = render(tmp_path)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "480p15"
    cues = read_cues(folder / f"{SCENE}.srt")
    assert_in_order_inside(cues, video_duration(folder / f"{SCENE}.mp4"))

    played = screen(SCENE).cues  # the same scene run without video
    assert [text for text, _, _ in cues] == [c.text for c in played]
    for (_, start, stop), beat in zip(cues, played):
        assert (start, stop) == pytest.approx((beat.start, beat.end), abs=1e-3)


@pytest.mark.render
@pytest.mark.skipif(not speech_available(), reason="espeak-ng is not installed")
def test_render_with_voice_waits_for_the_narrator(tmp_path, screen):
    import av

    result = render(tmp_path, "--voice")
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "480p15"
    video = folder / f"{SCENE}.mp4"
    with av.open(str(video)) as container:
        assert len(container.streams.audio) == 1
    cues = read_cues(folder / f"{SCENE}.srt")
    assert_in_order_inside(cues, video_duration(video))
    assert [text for text, _, _ in cues] == [c.text for c in screen(SCENE).cues]
    for text, start, stop in cues:
        spoken = speak(text, tmp_path / "voice").seconds
        assert stop - start >= spoken - 1e-3, text


def test_voice_without_espeak_is_one_line(tmp_path):
    """``--voice`` checks for espeak-ng before rendering anything (exit 1, one line)."""
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("latex", "dvisvgm"):
        found = shutil.which(tool)
        if found is None:
            pytest.skip("LaTeX is not installed")
        os.symlink(found, tools / tool)
    result = render(tmp_path / "out", "--voice", env={**os.environ, "PATH": str(tools)})
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and ENGINE in result.stderr
    assert not (tmp_path / "out").exists()
