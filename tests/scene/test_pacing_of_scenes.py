"""Narration sets the pace: in every scene (run without video), every beat lasts long enough to
read its caption at 15 characters per second, and each of its subtitle cues, at most two lines
of 42 characters, at 17; the cues share the beat, in order, without gaps."""

from __future__ import annotations

import pytest

from mathdl_anim.lesson.narration.pacing import (
    CAPTION_RATE,
    CUE_RATE,
    LINE_CHARS,
    MAX_LINES,
    cue_chars,
    visible_text,
)
from tests.scenes.cases import CASES, case_id

pytestmark = pytest.mark.render  # plays scenes with manim: not in the fast lane


def rates(run) -> tuple[float, float]:
    """The fastest caption and the fastest cue of a run (characters per second)."""
    caption = max(len(visible_text(b.caption)) / (b.end - b.start) for b in run.cues)
    cue = max(cue_chars(t) / (end - start) for b in run.cues for t, start, end in b.subtitles)
    return caption, cue


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_every_beat_can_be_read(screen, case):
    run = screen(*case)
    for beat in run.cues:
        assert beat.caption and beat.subtitles, beat.key
        seconds = beat.end - beat.start
        assert len(visible_text(beat.caption)) / seconds <= CAPTION_RATE + 1e-9, (beat.key, beat.caption)
        assert " ".join(t.replace("\n", " ") for t, _, _ in beat.subtitles) == " ".join(beat.text.split())
        at = beat.start
        for text, start, end in beat.subtitles:
            lines = text.split("\n")
            assert len(lines) <= MAX_LINES and all(len(line) <= LINE_CHARS for line in lines), text
            assert start == pytest.approx(at) and end > start
            assert cue_chars(text) / (end - start) <= CUE_RATE + 1e-9, (beat.key, text)
            at = end
        assert at == pytest.approx(beat.end)
    caption, cue = rates(run)
    print(f"{run.spec.name}: fastest caption {caption:.2f}, fastest cue {cue:.2f} chars/s")
