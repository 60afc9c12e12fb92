"""Moving a clip's subtitles to its place in the lecture, cutting them to its span, merging."""

from __future__ import annotations

from datetime import timedelta

import pytest
import srt

from mathdl_anim.publish.subtitles import SubtitleError, compose, cue, parse, place

SCENE_SRT = """1
00:00:01,000 --> 00:00:04,500
First line

2
00:00:04,500 --> 00:00:09,000
Second line
over two rows

3
00:00:12,000 --> 00:00:13,000
After the end
"""


def ms(t: timedelta) -> int:
    return round(t.total_seconds() * 1000)


def test_parse_keeps_text_and_times():
    cues = parse(SCENE_SRT)
    assert [c.content for c in cues] == ["First line", "Second line\nover two rows", "After the end"]
    assert [(ms(c.start), ms(c.end)) for c in cues] == [(1000, 4500), (4500, 9000), (12000, 13000)]


def test_malformed_srt_is_an_error_naming_the_file():
    with pytest.raises(SubtitleError, match="Neuron.srt: not valid SRT"):
        parse("this is not\nSRT at all\n", "Neuron.srt")


def test_place_shifts_and_cuts_to_the_span():
    # the clip plays from 60.25 s to 68.25 s of the lecture (8 s long)
    placed = place(parse(SCENE_SRT), 60.25, 68.25)
    assert [(ms(c.start), ms(c.end)) for c in placed] == [(61250, 64750), (64750, 68250)]
    assert [c.content for c in placed] == ["First line", "Second line\nover two rows"]


def test_cue_and_compose_renumber_in_time_order():
    later = place(parse(SCENE_SRT), 10, 20)
    card = [cue("Chapter 1 of 4: Linear algebra", 0, 3.3335)]
    text = compose([later, card])
    cues = list(srt.parse(text))
    assert [c.index for c in cues] == [1, 2, 3]  # the third scene cue is past the span
    assert cues[0].content == "Chapter 1 of 4: Linear algebra"
    assert (ms(cues[0].start), ms(cues[0].end)) == (0, 3334)  # whole milliseconds
    assert text.startswith("1\n00:00:00,000 --> 00:00:03,334\nChapter 1 of 4: Linear algebra\n\n2\n")


def test_cue_must_end_after_it_starts():
    with pytest.raises(ValueError):
        cue("x", 2, 2)


def test_compose_of_nothing_is_empty():
    assert compose([]) == ""
