"""Subtitles of the whole lecture from each clip's own (pure: text in, text out).

A scene's ``.srt`` (written beside its video by the narration) counts from the scene's first
frame; in the lecture each cue moves by the scene's start and is cut to the scene's span, so no
cue runs over into the next clip. A title card gets one cue with its chapter's title. Parsing and
writing SRT is the :mod:`srt` library's job (a dependency of manim).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta

import srt

__all__ = ["SubtitleError", "parse", "place", "cue", "compose"]


class SubtitleError(ValueError):
    """A subtitle file that is not valid SRT."""


def parse(text: str, name: str = "subtitles") -> list[srt.Subtitle]:
    """The cues of an SRT text, in time order.

    Raises
    ------
    SubtitleError
        If ``text`` is not SRT; the message names ``name``.
    """
    try:
        return sorted(srt.parse(text), key=lambda s: (s.start, s.end))
    except (srt.SRTParseError, srt.TimestampParseError) as exc:
        raise SubtitleError(f"{name}: not valid SRT ({str(exc).splitlines()[0][:80]})") from None


def _seconds(x: float) -> timedelta:
    return timedelta(milliseconds=round(x * 1000))


def place(cues: Iterable[srt.Subtitle], start: float, end: float) -> list[srt.Subtitle]:
    """``cues`` of a clip moved to start at ``start`` seconds and cut to end by ``end``.

    A cue wholly after the clip's end is dropped; times are whole milliseconds, as SRT writes
    them.
    """
    begin, stop = _seconds(start), _seconds(end)
    out = []
    for c in cues:
        a, b = max(begin, begin + c.start), min(stop, begin + c.end)
        if b > a:
            out.append(srt.Subtitle(index=0, start=a, end=b, content=c.content))
    return out


def cue(text: str, start: float, end: float) -> srt.Subtitle:
    """One cue showing ``text`` from ``start`` to ``end`` seconds."""
    if not end > start:
        raise ValueError(f"a cue must end after it starts: {start} -> {end}")
    return srt.Subtitle(index=0, start=_seconds(start), end=_seconds(end), content=text)


def compose(tracks: Sequence[Iterable[srt.Subtitle]]) -> str:
    """One SRT text from the clips' cues, renumbered from 1 in time order."""
    cues = [c for track in tracks for c in track]
    return srt.compose(sorted(cues, key=lambda s: (s.start, s.end)), reindex=True)
