"""The lecture's outline: its title and its chapters, numbered, with their scenes (pure).

A lecture may be made of a part of the lesson (tests do that); its chapters keep their number
in the whole lesson, so chapter 3 is "Chapter 3 of 4" whatever else is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from mathdl_anim.lesson.registry import CHAPTERS, LESSON, TITLE
from mathdl_anim.lesson.spec import SceneSpec

__all__ = ["LECTURE_TITLE", "ChapterOutline", "lecture_outline", "scene_title"]

#: The lesson's title, shown on the cards.
LECTURE_TITLE = TITLE


@dataclass(frozen=True)
class ChapterOutline:
    """One chapter of the lecture.

    Attributes
    ----------
    number : int
        Its place in the whole lesson, from 1.
    of : int
        How many chapters the whole lesson has.
    title : str
    scenes : tuple[str, ...]
        Class names of its scenes in the lecture, in lesson order.
    """

    number: int
    of: int
    title: str
    scenes: tuple[str, ...]

    @property
    def card_name(self) -> str:
        """The file stem of its title card: ``chapter-1``."""
        return f"chapter-{self.number}"

    @property
    def heading(self) -> str:
        """``Chapter 1 of 4``."""
        return f"Chapter {self.number} of {self.of}"


def scene_title(name: str) -> str:
    """A scene class name as words: ``MatrixMultiplication`` -> ``Matrix multiplication``."""
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", name).split()
    return " ".join([words[0], *(w.lower() for w in words[1:])]) if words else name


def lecture_outline(specs: Sequence[SceneSpec] = LESSON) -> tuple[ChapterOutline, ...]:
    """The chapters of a lecture made of ``specs``, in lesson order (duplicates once).

    Examples
    --------
    >>> from mathdl_anim.lesson.registry import find_scene
    >>> [c.heading for c in lecture_outline([find_scene("Recap"), find_scene("Neuron")])]
    ['Chapter 1 of 4', 'Chapter 4 of 4']
    """
    chosen = {spec.name for spec in specs}
    chapters = []
    for number, title in enumerate(CHAPTERS, 1):
        scenes = tuple(s.name for s in LESSON if s.chapter == title and s.name in chosen)
        if scenes:
            chapters.append(ChapterOutline(number, len(CHAPTERS), title, scenes))
    return tuple(chapters)
