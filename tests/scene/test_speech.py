"""Spoken narration: espeak-ng reads a line into a WAV once; a second request reuses the file."""

from __future__ import annotations

import pytest

from mathdl_anim.scene.speech import speak, speech_available

pytestmark = pytest.mark.skipif(not speech_available(), reason="espeak-ng is not installed")


def test_a_line_is_read_once_into_a_wav(tmp_path):
    first = speak("The chain rule multiplies local derivatives.", tmp_path)
    assert first.path.parent == tmp_path and first.path.suffix == ".wav"
    assert 1 < first.seconds < 10
    stamp = first.path.stat().st_mtime_ns
    again = speak("The chain rule multiplies local derivatives.", tmp_path)
    assert again == first and again.path.stat().st_mtime_ns == stamp
    other = speak("A longer sentence takes longer to say, of course, than a short one.", tmp_path)
    assert other.path != first.path and other.seconds > first.seconds
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftovers
