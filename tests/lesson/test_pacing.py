"""The pure pacing rules: reading times, subtitle cues of at most two lines of 42 characters,
split at phrase boundaries, and their times within a beat."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathdl_anim.lesson.narration import SCRIPTS
from mathdl_anim.lesson.narration.pacing import (
    CAPTION_RATE,
    CUE_GAP,
    CUE_RATE,
    LINE_CHARS,
    MAX_LINES,
    PAUSE,
    beat_seconds,
    cue_chars,
    cue_slots,
    place_cues,
    reading_seconds,
    split_cues,
    visible_text,
    wrap_cue,
)


def assert_cue_rules(cue: str) -> None:
    lines = cue.split("\n")
    assert 1 <= len(lines) <= MAX_LINES, cue
    assert all(0 < len(line) <= LINE_CHARS and line == line.strip() for line in lines), cue


def test_rates_are_the_issue_s():
    assert (CAPTION_RATE, CUE_RATE, LINE_CHARS, MAX_LINES) == (15, 17, 42, 2)
    assert 0.2 <= PAUSE <= 0.5


def test_reading_time_counts_characters_not_line_breaks():
    assert reading_seconds("a" * 34, CUE_RATE) == pytest.approx(2.0)
    assert reading_seconds("ab\ncd", 1) == 5  # the break reads as a space
    assert cue_chars("ab\ncd") == 5
    with pytest.raises(ValueError):
        reading_seconds("x", 0)


def test_visible_text_of_a_caption():
    assert visible_text(r"Same start $w_0 = {w0}$, same loss; only $\eta$ changes") == (
        "Same start w0=w0, same loss; only x changes"
    )
    assert visible_text(r"$z = Wx + b$") == "z=Wx+b"
    assert visible_text("plain  words") == "plain words"


def test_a_short_line_is_one_line_and_a_long_one_breaks_after_punctuation():
    assert wrap_cue("Short.") == "Short."
    assert wrap_cue("The gradient points uphill, so we step the other way.") == (
        "The gradient points uphill,\nso we step the other way."
    )
    assert wrap_cue("x" * 43) is None
    assert wrap_cue(" ".join(["word"] * 30)) is None  # 149 characters: no two lines hold it


def test_sentences_start_cues_and_long_sentences_split_between_clauses():
    text = (
        "Gradient descent moves the weight against the slope, and the learning rate, eta, "
        "scales every step. Only the learning rate changes."
    )
    assert split_cues(text) == [
        "Gradient descent moves the\nweight against the slope,",
        "and the learning rate,\neta, scales every step.",
        "Only the learning rate changes.",
    ]


def test_a_clause_too_long_for_a_cue_splits_between_words_evenly():
    text = " ".join(f"word{k}" for k in range(40))  # 269 characters, no punctuation
    cues = split_cues(text)
    for cue in cues:
        assert_cue_rules(cue)
    lengths = [cue_chars(c) for c in cues]
    assert len(cues) == 4 and max(lengths) - min(lengths) <= 12
    assert " ".join(c.replace("\n", " ") for c in cues) == text


@given(
    st.lists(st.text(alphabet="abcdefgh", min_size=1, max_size=12), min_size=1, max_size=60),
    st.lists(st.sampled_from(["", "", "", ",", ".", ":", "?"]), min_size=60, max_size=60),
)
def test_any_narration_splits_into_cues_that_follow_the_rules(words, marks):
    text = " ".join(w + m for w, m in zip(words, marks))
    cues = split_cues(text)
    for cue in cues:
        assert_cue_rules(cue)
    assert " ".join(c.replace("\n", " ") for c in cues) == text


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda s: s.scene)
def test_every_narration_of_the_lesson_splits_into_readable_cues(script):
    for beat in script.beats:
        narration = beat.narration.replace("{", "").replace("}", "")  # a field's name for its value
        for cue in split_cues(narration):
            assert_cue_rules(cue)


def test_slots_cover_reading_and_speech():
    cues = ["a" * 34, "b" * 17]
    assert cue_slots(cues) == pytest.approx([2.0, 1.0])
    assert cue_slots(cues, [1.0, 3.0]) == pytest.approx([2.0, 3.0 + PAUSE])
    assert cue_slots(cues, [2.5, 0.1]) == pytest.approx([2.5 + CUE_GAP, 1.0])
    with pytest.raises(ValueError):
        cue_slots(cues, [1.0])


def test_a_beat_lasts_as_long_as_its_caption_or_its_cues_take():
    assert beat_seconds("c" * 30, [1.0, 0.5]) == pytest.approx(2.0)  # caption at 15 chars/s
    assert beat_seconds("c" * 3, [1.0, 2.5]) == pytest.approx(3.5)


def test_cues_share_a_longer_beat_in_proportion_and_end_with_it():
    placed = place_cues(["a", "b"], [1.0, 3.0], 10.0, 18.0)
    assert placed == [("a", 10.0, 12.0), ("b", 12.0, 18.0)]
    anchored = place_cues(["a", "b"], [1.0, 3.0], 10.0, 18.0, anchored=True)
    assert anchored == [("a", 10.0, 11.0), ("b", 11.0, 18.0)]  # speech starts at each slot
    assert place_cues([], [], 0, 1) == []
