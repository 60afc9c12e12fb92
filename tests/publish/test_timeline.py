"""Clip spans, chapter marks and YouTube's chapter format, against values worked by hand."""

from __future__ import annotations

import math

import pytest

from mathdl_anim.publish.timeline import (
    ChapterMark,
    Clip,
    chapter_marks,
    layout,
    youtube_chapters,
    youtube_problems,
    youtube_time,
)

# Three chapters: card 3.2 s + scenes 21.5 s, 30.0 s | card 3.2 s + 40.1 s | card 3.2 s + 12.0 s
CLIPS = [
    Clip("chapter-1", "Linear algebra", 3.2, card=True),
    Clip("MatrixMultiplication", "Linear algebra", 21.5),
    Clip("Neuron", "Linear algebra", 30.0),
    Clip("chapter-2", "Probability", 3.2, card=True),
    Clip("GaussianSampling", "Probability", 40.1),
    Clip("chapter-3", "Calculus", 3.2, card=True),
    Clip("ChainRule", "Calculus", 12.0),
]


def test_layout_places_clips_end_to_end():
    spans = layout(CLIPS)
    starts = [0, 3.2, 24.7, 54.7, 57.9, 98.0, 101.2]  # running sums, by hand
    assert [s.start for s in spans] == pytest.approx(starts)
    assert spans[-1].end == pytest.approx(113.2)
    assert all(a.end == b.start for a, b in zip(spans, spans[1:]))


def test_chapters_start_at_their_cards():
    marks = chapter_marks(layout(CLIPS))
    assert [m.title for m in marks] == ["Linear algebra", "Probability", "Calculus"]
    assert [m.start for m in marks] == pytest.approx([0, 54.7, 98.0])
    assert [m.end for m in marks] == pytest.approx([54.7, 98.0, 113.2])


def test_a_chapter_seen_twice_apart_is_two_marks():
    clips = [Clip("a", "A", 1), Clip("b", "B", 1), Clip("c", "A", 1)]
    assert [m.title for m in chapter_marks(layout(clips))] == ["A", "B", "A"]


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "00:00"),
        (0.0000001, "00:00"),
        (54.7, "00:55"),
        (59.0, "00:59"),
        (59.2, "01:00"),
        (98.0, "01:38"),
        (600, "10:00"),
        (3599.5, "1:00:00"),
        (3723, "1:02:03"),
    ],
)
def test_youtube_time(seconds, text):
    assert youtube_time(seconds) == text


@pytest.mark.parametrize("bad", [-1, math.nan, math.inf])
def test_youtube_time_rejects(bad):
    with pytest.raises(ValueError):
        youtube_time(bad)


def test_youtube_chapters_text():
    assert youtube_chapters(chapter_marks(layout(CLIPS))) == (
        "00:00 Linear algebra\n00:55 Probability\n01:38 Calculus\n"
    )
    assert youtube_problems(chapter_marks(layout(CLIPS))) == []


def test_youtube_problems():
    two = [ChapterMark("A", 0, 30), ChapterMark("B", 30, 60)]
    assert youtube_problems(two) == ["2 chapter(s): YouTube needs at least 3"]
    short = [ChapterMark("A", 0, 30), ChapterMark("B", 30, 39.5), ChapterMark("C", 39.5, 60)]
    # B is written 00:30 -> 00:40: 10 s, fine; C from 00:40 to 60 s: fine
    assert youtube_problems(short) == []
    short = [ChapterMark("A", 0, 30), ChapterMark("B", 30, 38), ChapterMark("C", 38, 60)]
    assert youtube_problems(short) == ["'B' lasts 8.0 s: YouTube needs at least 10 s"]
    late = [ChapterMark("A", 1.5, 30), ChapterMark("B", 30, 60), ChapterMark("C", 60, 90)]
    assert youtube_problems(late) == ["the first chapter starts at 00:02, not 00:00"]
    tail = [ChapterMark("A", 0, 30), ChapterMark("B", 30, 60), ChapterMark("C", 60, 65)]
    assert youtube_problems(tail) == ["'C' lasts 5.0 s: YouTube needs at least 10 s"]


@pytest.mark.parametrize("bad", [0, -1, math.nan])
def test_clip_needs_a_positive_duration(bad):
    with pytest.raises(ValueError):
        Clip("x", "A", bad)
