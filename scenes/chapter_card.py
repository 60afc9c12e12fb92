"""A chapter's title card for the lecture: about three seconds, not a scene of the lesson.

``mathdl-anim lecture`` renders one per chapter; natively,
``manim -ql scenes/chapter_card.py ChapterCard`` renders the first chapter's.
"""

from __future__ import annotations

from typing import Any

from manim import UP, Create, FadeIn, FadeOut, Group, RendererType, Scene, config

from mathdl_anim.draw.style import PALETTE
from mathdl_anim.draw.title_cards import make_chapter_card
from mathdl_anim.engine.renderer import LessonRenderer
from mathdl_anim.lesson.outline import LECTURE_TITLE, ChapterOutline, lecture_outline


class ChapterCard(Scene):
    """``Chapter n of N``, the chapter's title and its scenes; fades in, holds, fades out.

    Parameters
    ----------
    chapter : ChapterOutline, optional
        Default: the lesson's first chapter.
    lesson_title : str, optional
    """

    def __init__(
        self, chapter: ChapterOutline | None = None, lesson_title: str = LECTURE_TITLE, **kwargs: Any
    ) -> None:
        self.chapter = chapter or lecture_outline()[0]
        self.lesson_title = lesson_title
        # the lesson's encoder settings, so the card joins the scenes' videos without re-encoding
        if kwargs.get("renderer") is None and config.renderer == RendererType.CAIRO:
            kwargs["renderer"] = LessonRenderer()
        super().__init__(**kwargs)

    def setup(self) -> None:
        self.camera.background_color = PALETTE.background  # type: ignore[union-attr]  # Cairo camera

    def construct(self) -> None:
        lesson, heading, title, rule, scenes = make_chapter_card(self.chapter, self.lesson_title)
        self.play(
            FadeIn(lesson), FadeIn(heading, shift=0.2 * UP), FadeIn(title, shift=0.2 * UP), run_time=0.8
        )
        self.play(Create(rule), FadeIn(scenes, lag_ratio=0.15), run_time=0.8)
        self.wait(1.2)
        self.play(FadeOut(Group(*self.mobjects)), run_time=0.5)
