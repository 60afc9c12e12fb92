"""The lecture's thumbnail: one still picture, the lesson's title over z = Wx + b.

``mathdl-anim lecture`` saves it as a 1280x720 PNG (YouTube's thumbnail size).
"""

from __future__ import annotations

from typing import Any

from manim import Scene

from mathdl_anim.draw.style import PALETTE
from mathdl_anim.draw.title_cards import make_lecture_title
from mathdl_anim.lesson.outline import LECTURE_TITLE, ChapterOutline, lecture_outline


class LectureThumbnail(Scene):
    """A still: nothing moves, the last (only) frame is the picture.

    Parameters
    ----------
    chapters : tuple[ChapterOutline, ...], optional
        Default: every chapter of the lesson.
    lesson_title : str, optional
    """

    def __init__(
        self,
        chapters: tuple[ChapterOutline, ...] | None = None,
        lesson_title: str = LECTURE_TITLE,
        **kwargs: Any,
    ) -> None:
        self.chapters = chapters or lecture_outline()
        self.lesson_title = lesson_title
        super().__init__(**kwargs)

    def setup(self) -> None:
        self.camera.background_color = PALETTE.background  # type: ignore[union-attr]  # Cairo camera

    def construct(self) -> None:
        self.add(make_lecture_title(self.lesson_title, self.chapters))
