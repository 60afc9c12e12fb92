"""A real render writes the narration as subtitles: ``renders/<quality>/<Scene>.srt`` and, the
same cues, a soft subtitle track inside the MP4.

One scene of the lesson is rendered at 480p15; its ``.srt`` must parse, hold the subtitle cues the scene
played (the same texts and times as a run without video), in order, not overlapping, inside the
video's duration (read with PyAV), each of at most two lines of at most 42 characters, read at
no more than 17 characters per second. With ``--voice`` (Piper), on a scene of the short test
lesson, the video goes to its own
folder with a sound track as long as the video, at -14 LUFS, and speech in every cue's span.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from mathdl_anim.lesson.narration.pacing import CUE_RATE, LINE_CHARS, MAX_LINES, cue_chars
from mathdl_anim.render import soundtrack
from mathdl_anim.scene.speech import speech_available

SCENE = "MatrixMultiplication"
FRAME = 1 / 15  # seconds per frame at 480p15


def render(out, *extra, env=None):
    return subprocess.run(
        [sys.executable, "-m", "mathdl_anim.cli", "render", SCENE, "-q", "l", "--out", str(out), *extra],
        capture_output=True,
        text=True,
        env=env,
    )


#: The voiced render's scene: of the short test lesson (:mod:`tests.pipeline.lesson`), with a
#: beat spoken over two cues.
VOICED = "AddingArrows"


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


def assert_readable(cues) -> None:
    for text, start, stop in cues:
        lines = text.split("\n")
        assert len(lines) <= MAX_LINES and all(len(line) <= LINE_CHARS for line in lines), text
        assert cue_chars(text) / (stop - start) <= CUE_RATE + 0.05, (text, start, stop)  # ms rounding


def assert_soft_track_is_the_srt(video, cues) -> None:
    assert soundtrack.read_subtitles(video) == [(t, round(a, 3), round(b, 3)) for t, a, b in cues]


@pytest.mark.render
def test_render_writes_subtitles_timed_inside_the_video(tmp_path, screen):
    result = render(tmp_path)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "480p15"
    video = folder / f"{SCENE}.mp4"
    cues = read_cues(folder / f"{SCENE}.srt")
    assert_in_order_inside(cues, video_duration(video))
    assert_readable(cues)
    assert_soft_track_is_the_srt(video, cues)

    played = [c for beat in screen(SCENE).cues for c in beat.subtitles]  # run without video
    assert [text for text, _, _ in cues] == [text for text, _, _ in played]
    for (_, start, stop), (_, a, b) in zip(cues, played):
        assert (start, stop) == pytest.approx((a, b), abs=1e-3)
    import av

    with av.open(str(video)) as container:
        assert not container.streams.audio, "a silent render has no sound track"


def speech_energy(audio: np.ndarray, start: float, stop: float) -> float:
    """The loudest 50 ms of ``audio`` between ``start`` and ``stop`` (dBFS RMS)."""
    part = audio[int(start * soundtrack.RATE) : int(stop * soundtrack.RATE)]
    size = soundtrack.RATE // 20
    windows = part[: len(part) // size * size].reshape(-1, size)
    return float(20 * np.log10(np.sqrt((windows**2).mean(axis=1)).max() + 1e-12))


@pytest.mark.render
def test_render_with_piper_voice(tmp_path):
    """The default voice: its own folder, a sound track as long as the video, loud enough and
    no louder, speech in each cue and none before the first; no manim warning."""
    import av

    from tests import pipeline
    from tests.pipeline.scenes import AddingArrows

    result = pipeline.run("render", VOICED, "-q", "l", "--out", tmp_path, "--voice")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", "no warning on a voiced render"
    folder = tmp_path / "480p15-voice"
    video = folder / f"{VOICED}.mp4"
    assert not (tmp_path / "480p15").exists(), "a voiced render has its own folder"
    with av.open(str(video)) as container:
        assert len(container.streams.audio) == 1 and container.streams.audio[0].codec_context.name == "aac"
    seconds = soundtrack.video_seconds(video)
    audio = soundtrack.decode_audio(video)
    assert audio is not None
    assert len(audio) / soundtrack.RATE == pytest.approx(seconds, abs=FRAME), "audio and video end together"
    assert soundtrack.loudness(audio) == pytest.approx(-14, abs=1)
    assert soundtrack.true_peak(audio) <= -1.0
    cues = read_cues(folder / f"{VOICED}.srt")
    assert_in_order_inside(cues, video_duration(video))
    assert_readable(cues)
    assert_soft_track_is_the_srt(video, cues)
    assert len(cues) > len(AddingArrows.SCRIPT.keys), "a beat spoken over two cues"
    for text, start, stop in cues:
        assert speech_energy(audio, start, stop) > -35, f"no speech in {text!r}"
    assert speech_energy(audio, 0, cues[0][1]) < -50, "nothing is said before the first cue"


@pytest.mark.render
@pytest.mark.skipif(not speech_available("espeak"), reason="espeak-ng is not installed")
def test_render_with_espeak_voice(tmp_path):
    result = render(tmp_path, "--voice-engine", "espeak")
    assert result.returncode == 0, result.stderr
    video = tmp_path / "480p15-voice" / f"{SCENE}.mp4"
    audio = soundtrack.decode_audio(video)
    assert audio is not None and soundtrack.loudness(audio) == pytest.approx(-14, abs=1)


def test_espeak_voice_without_espeak_is_one_line(tmp_path):
    """``--voice-engine espeak`` checks for espeak-ng before rendering anything (exit 1, one line)."""
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("latex", "dvisvgm"):
        found = shutil.which(tool)
        if found is None:
            pytest.skip("LaTeX is not installed")
        os.symlink(found, tools / tool)
    env = {**os.environ, "PATH": str(tools)}
    result = render(tmp_path / "out", "--voice-engine", "espeak", env=env)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "espeak-ng" in result.stderr
    assert not (tmp_path / "out").exists()
