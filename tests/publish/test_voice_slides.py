"""``slides --voice``: every clip of the deck carries its part of the narration (issue 13), as long
as the clip, and the deck still has its speaker notes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mathdl_anim.render import soundtrack

pytestmark = pytest.mark.render


def test_voiced_slides(tmp_path):
    args = ["slides", "GradientDescent", "-q", "l", "--voice", "--jobs", "2", "--out", str(tmp_path)]
    done = subprocess.run([sys.executable, "-m", "mathdl_anim.cli", *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "480p15-voice" / "slides"
    clips = sorted((folder / "files" / "GradientDescent").glob("*.mp4"))
    assert len(clips) >= 3
    spoken = 0
    for clip in clips:
        audio = soundtrack.decode_audio(clip)
        assert audio is not None, f"{clip.name} has no sound track"
        assert len(audio) / soundtrack.RATE == pytest.approx(soundtrack.video_seconds(clip), abs=0.1)
        spoken += abs(audio).max() > 0.05  # speech, not silence
    assert spoken >= len(clips) - 1  # every step but possibly the title's says something
    deck = (folder / "GradientDescent.html").read_text(encoding="utf-8")
    assert "<aside" in deck and "notes" in deck
