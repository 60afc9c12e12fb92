"""``slides --voice``: every clip of the deck carries its part of the narration (issue 13), as long
as the clip, and the deck still has its speaker notes."""

from __future__ import annotations

import pytest

from mathdl_anim.render import soundtrack
from tests import pipeline

pytestmark = pytest.mark.render


def test_voiced_slides(tmp_path):
    # a scene of the short test lesson (tests.pipeline.lesson): a title and three spoken beats
    done = pipeline.run("slides", "AddingArrows", "-q", "l", "--voice", "--jobs", "2", "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "480p15-voice" / "slides"
    clips = sorted((folder / "files" / "AddingArrows").glob("*.mp4"))
    assert len(clips) >= 3
    spoken = 0
    for clip in clips:
        audio = soundtrack.decode_audio(clip)
        assert audio is not None, f"{clip.name} has no sound track"
        assert len(audio) / soundtrack.RATE == pytest.approx(soundtrack.video_seconds(clip), abs=0.1)
        spoken += abs(audio).max() > 0.05  # speech, not silence
    assert spoken >= len(clips) - 1  # every step but possibly the title's says something
    deck = (folder / "AddingArrows.html").read_text(encoding="utf-8")
    assert "<aside" in deck and "notes" in deck
