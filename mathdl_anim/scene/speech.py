"""Spoken narration, offline: espeak-ng reads a line into a WAV file, made once per text.

Only ``mathdl-anim render --voice`` uses this; nothing else needs an audio package. espeak-ng
is a system program (Debian: ``apt-get install espeak-ng``), called directly: the text goes in
on stdin, a 16-bit mono WAV comes out, and its length is read with :mod:`wave`. Files are named
by a hash of the engine settings and the text, so a re-render reuses them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import uuid
import wave
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ENGINE", "VOICE", "WORDS_PER_MINUTE", "Speech", "speech_available", "speak"]

#: The text-to-speech program, its voice and its speed.
ENGINE = "espeak-ng"
VOICE = "en-us"
WORDS_PER_MINUTE = 150


@dataclass(frozen=True)
class Speech:
    """A line read aloud: the WAV file and how long it plays (seconds)."""

    path: Path
    seconds: float


def speech_available() -> bool:
    """Whether :data:`ENGINE` is on the ``PATH``."""
    return shutil.which(ENGINE) is not None


def speak(text: str, folder: Path) -> Speech:
    """``text`` read aloud into ``folder`` (reused when that text was read before).

    Raises
    ------
    RuntimeError
        If the engine is missing or fails.
    """
    if not speech_available():
        raise RuntimeError(f"{ENGINE} not found: install it (Debian: apt-get install espeak-ng)")
    settings = f"{ENGINE}|{VOICE}|{WORDS_PER_MINUTE}|{text}"
    folder = Path(folder)
    path = folder / f"{hashlib.sha256(settings.encode()).hexdigest()[:20]}.wav"
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        part = folder / f".{path.name}.{uuid.uuid4().hex}.part"
        command = [ENGINE, "-v", VOICE, "-s", str(WORDS_PER_MINUTE), "--stdin", "-w", str(part)]
        done = subprocess.run(command, input=text, text=True, capture_output=True)
        if done.returncode != 0 or not part.is_file():
            part.unlink(missing_ok=True)
            raise RuntimeError(f"{ENGINE} failed: {done.stderr.strip()[:200]}")
        os.replace(part, path)
    with wave.open(str(path)) as audio:
        seconds = audio.getnframes() / audio.getframerate()
    return Speech(path, seconds)
