"""``--voice`` and ``--voice-engine`` on every rendering command; voiced renders have their own
folder and fingerprint, so a silent render never replaces a voiced one."""

from __future__ import annotations

import pytest

from mathdl_anim.cli import VOICE_ENGINES, _build_parser, render_tasks, voice_of
from mathdl_anim.render.fingerprint import fingerprint
from mathdl_anim.render.options import output_folder
from mathdl_anim.render.scenes import RenderTask
from mathdl_anim.scene.speech import ENGINES


def test_the_command_knows_the_engines():
    assert VOICE_ENGINES == ENGINES


@pytest.mark.parametrize("command", ["render", "lecture", "slides"])
@pytest.mark.parametrize(
    ("flags", "voice"),
    [([], ""), (["--voice"], "piper"), (["--voice-engine", "espeak"], "espeak"), (["--voice"], "piper")],
)
def test_every_rendering_command_takes_the_voice(command, flags, voice):
    args = _build_parser().parse_args([command, *flags])
    assert voice_of(args) == voice


def test_tasks_carry_the_engine():
    args = _build_parser().parse_args(["render", "neuron", "--voice"])
    assert [t.voice for t in render_tasks(args)] == ["piper"]


def test_voiced_renders_have_their_own_folder():
    assert output_folder("l") == "480p15"
    assert output_folder("h", voice="piper") == "1080p60-voice"
    assert output_folder("h", "light", "9:16", "espeak") == "1080p60-light-9x16-voice"


def test_the_fingerprint_covers_engine_and_voice():
    silent, piper, espeak = (RenderTask("Neuron", voice=v) for v in ("", "piper", "espeak"))
    prints = {fingerprint(t, "l") for t in (silent, piper, espeak)}
    assert len(prints) == 3
