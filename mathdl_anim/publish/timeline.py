"""Where each clip of the lecture starts, and its chapters in YouTube's format (pure: no video).

The lecture is a sequence of clips (a title card, then the chapter's scenes, for each chapter);
their real durations, read from the rendered files, give each clip's span and each chapter's
start. YouTube reads chapters from a description whose lines are ``MM:SS Title`` (``H:MM:SS``
past an hour), when the first is ``00:00``, there are at least three, and each lasts at least
ten seconds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "Clip",
    "Span",
    "ChapterMark",
    "YOUTUBE_MIN_CHAPTERS",
    "YOUTUBE_MIN_SECONDS",
    "layout",
    "chapter_marks",
    "youtube_time",
    "youtube_chapters",
    "youtube_problems",
]

YOUTUBE_MIN_CHAPTERS = 3
YOUTUBE_MIN_SECONDS = 10


@dataclass(frozen=True)
class Clip:
    """One clip of the lecture.

    Attributes
    ----------
    name : str
        The scene's class name, or the card's name.
    chapter : str
        The chapter title it belongs to.
    seconds : float
        Its real duration.
    card : bool
        Whether it is a chapter's title card.
    """

    name: str
    chapter: str
    seconds: float
    card: bool = False

    def __post_init__(self) -> None:
        if not (math.isfinite(self.seconds) and self.seconds > 0):
            raise ValueError(f"{self.name}: duration must be positive, got {self.seconds}")


@dataclass(frozen=True)
class Span:
    """A clip placed on the lecture's clock: it plays from ``start`` to ``end`` seconds."""

    clip: Clip
    start: float
    end: float


@dataclass(frozen=True)
class ChapterMark:
    """A chapter of the lecture: its title and where it starts and ends, in seconds."""

    title: str
    start: float
    end: float

    @property
    def seconds(self) -> float:
        return self.end - self.start


def layout(clips: Iterable[Clip]) -> tuple[Span, ...]:
    """Place ``clips`` end to end from 0: each starts where the previous one ends."""
    spans, clock = [], 0.0
    for clip in clips:
        spans.append(Span(clip, clock, clock + clip.seconds))
        clock += clip.seconds
    return tuple(spans)


def chapter_marks(spans: Sequence[Span]) -> tuple[ChapterMark, ...]:
    """One mark per run of consecutive spans of the same chapter, in order."""
    marks: list[ChapterMark] = []
    for span in spans:
        if marks and marks[-1].title == span.clip.chapter:
            marks[-1] = ChapterMark(marks[-1].title, marks[-1].start, span.end)
        else:
            marks.append(ChapterMark(span.clip.chapter, span.start, span.end))
    return tuple(marks)


def youtube_time(seconds: float) -> str:
    """A timestamp as YouTube reads it: ``MM:SS``, or ``H:MM:SS`` from one hour on.

    Rounded up to the whole second (a microsecond of float error is ignored), so a chapter's
    link never lands on the last frames of the chapter before it.

    Examples
    --------
    >>> youtube_time(0), youtube_time(61.2), youtube_time(3600)
    ('00:00', '01:02', '1:00:00')
    """
    if not (math.isfinite(seconds) and seconds >= 0):
        raise ValueError(f"a timestamp must be a finite number >= 0, got {seconds}")
    whole = math.ceil(seconds - 1e-6)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def _timestamps(marks: Sequence[ChapterMark]) -> list[int]:
    return [math.ceil(m.start - 1e-6) for m in marks]


def youtube_chapters(marks: Sequence[ChapterMark]) -> str:
    """The chapter list for a YouTube description: one ``MM:SS Title`` line per chapter."""
    return "".join(f"{youtube_time(m.start)} {m.title}\n" for m in marks)


def youtube_problems(marks: Sequence[ChapterMark]) -> list[str]:
    """Why YouTube would ignore these chapters (an empty list when it would show them).

    The rules are checked on the timestamps as written (whole seconds), the last chapter
    lasting until the end of the video.
    """
    problems = []
    if len(marks) < YOUTUBE_MIN_CHAPTERS:
        problems.append(f"{len(marks)} chapter(s): YouTube needs at least {YOUTUBE_MIN_CHAPTERS}")
    if not marks:
        return problems
    stamps = _timestamps(marks)
    if stamps[0] != 0:
        problems.append(f"the first chapter starts at {youtube_time(marks[0].start)}, not 00:00")
    ends = stamps[1:] + [marks[-1].end]
    for mark, start, end in zip(marks, stamps, ends):
        if end - start < YOUTUBE_MIN_SECONDS:
            problems.append(
                f"{mark.title!r} lasts {end - start:.1f} s: YouTube needs at least {YOUTUBE_MIN_SECONDS} s"
            )
    return problems
