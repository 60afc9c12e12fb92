"""``lecture --voice``: the voiced scenes end to end in ``480p15-voice/lecture.mp4``, with one
sound track as long as the video at -14 LUFS (silence under the cards) and the soft subtitles."""

from __future__ import annotations

import pytest
import srt

from mathdl_anim.render import soundtrack
from tests import pipeline

pytestmark = pytest.mark.render


def test_voiced_lecture(tmp_path):
    # two chapters of the short test lesson (tests.pipeline.lesson): card, scene, card, scene
    done = pipeline.run(
        "lecture", "AddingArrows", "TurningWheel", "-q", "l", "--voice", "--jobs", "2", "--out", tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    folder = tmp_path / "480p15-voice"
    video = folder / "lecture.mp4"
    audio = soundtrack.decode_audio(video)
    assert audio is not None
    assert len(audio) / soundtrack.RATE == pytest.approx(soundtrack.video_seconds(video), abs=1 / 15)
    assert soundtrack.loudness(audio) == pytest.approx(-14, abs=1)
    assert soundtrack.true_peak(audio) <= -1.0
    card = soundtrack.video_seconds(folder / ".lecture" / "chapter-1.mp4")
    assert not abs(audio[: int(card * soundtrack.RATE) - 100]).max() > 1e-3, "the card is silent"
    cues = srt.parse((folder / "lecture.srt").read_text(encoding="utf-8"))
    assert soundtrack.read_subtitles(video) == [
        (c.content, c.start.total_seconds(), c.end.total_seconds()) for c in cues
    ]
