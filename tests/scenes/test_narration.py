"""The narration as each scene plays it: every subtitle cue lies inside the scene's span.

The scene runs without video (the shared ``screen`` fixture); ``run.cues`` are its beats with
their start and end in seconds of the scene, the same times manim writes to the ``.srt``.
"""

from __future__ import annotations

import pytest

from mathdl_anim.lesson.narration import find_script
from tests.scenes.cases import CASES, case_id

pytestmark = pytest.mark.render  # plays scenes with manim: not in the fast lane


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_cues_are_ordered_and_inside_the_scene(screen, case):
    run = screen(*case)
    cues = run.cues
    assert len(cues) >= 3, "a scene has several beats"
    previous_end = 0.0
    for cue in cues:
        assert 0 <= previous_end <= cue.start < cue.end <= run.duration + 1e-9, cue
        previous_end = cue.end
    assert cues[-1].end == pytest.approx(run.duration), "the last cue lasts until the end"


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_cue_texts_are_the_scripts_narration(screen, case):
    run = screen(*case)
    script = find_script(run.spec.name)
    for cue in run.cues:
        beat = script.beat(cue.key)
        if not beat.fields:
            assert cue.text == beat.narration
        assert "{" not in cue.text and "$" not in cue.text and "\\" not in cue.text
