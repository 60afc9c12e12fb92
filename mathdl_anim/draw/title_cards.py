"""Title cards of the lecture: a chapter's card and the lecture's thumbnail picture."""

from __future__ import annotations

from manim import DL, DOWN, DR, ORIGIN, UP, Line, VGroup

from mathdl_anim.draw.style import BODY_SIZE, LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import fit_width, make_tex, make_text
from mathdl_anim.lesson.outline import ChapterOutline, scene_title

__all__ = [
    "CARD_TITLE_SIZE",
    "make_chapter_heading",
    "make_scene_list",
    "make_chapter_card",
    "make_lecture_title",
]

CARD_TITLE_SIZE = 76


def _underline(mob, color: str) -> Line:
    return Line(mob.get_corner(DL), mob.get_corner(DR), color=color, stroke_width=3).shift(0.28 * DOWN)


def make_chapter_heading(chapter: ChapterOutline, lesson_title: str) -> VGroup:
    """The lesson's title (small), ``Chapter n of N``, the chapter's title and a rule under it.

    Returns ``VGroup(lesson, heading, title, rule)``.
    """
    lesson = make_text(lesson_title, color=PALETTE.muted, font_size=SMALL_SIZE)
    heading = make_text(chapter.heading, color=PALETTE.muted, font_size=BODY_SIZE)
    title = fit_width(make_text(chapter.title, color=PALETTE.highlight, font_size=CARD_TITLE_SIZE))
    title.move_to(0.45 * UP)
    heading.next_to(title, UP, buff=0.45)
    lesson.next_to(heading, UP, buff=0.7)
    fit_width(lesson)
    return VGroup(lesson, heading, title, _underline(title, PALETTE.muted))


def _joined(words, separator: str, color: str, font_size: float):
    """``words`` on one line of one TeX box (so they share a baseline), scaled down if long."""
    return fit_width(make_text(separator.join(words), color=color, font_size=font_size))


def make_scene_list(chapter: ChapterOutline):
    """The chapter's scenes as words separated by dots, on one line."""
    return _joined(
        (scene_title(n) for n in chapter.scenes), r"\enspace$\cdot$\enspace{}", PALETTE.text, LABEL_SIZE + 2
    )


def make_chapter_card(chapter: ChapterOutline, lesson_title: str) -> VGroup:
    """The whole card: :func:`make_chapter_heading` over :func:`make_scene_list`, centred.

    Returns ``VGroup(lesson, heading, title, rule, scenes)``.
    """
    heading = make_chapter_heading(chapter, lesson_title)
    scenes = make_scene_list(chapter).next_to(heading, DOWN, buff=0.8)
    return VGroup(*heading, scenes).move_to(ORIGIN)


def make_lecture_title(lesson_title: str, chapters: tuple[ChapterOutline, ...]) -> VGroup:
    """The thumbnail's picture: the lesson's title over the key formula, chapters below."""
    title = fit_width(make_text(lesson_title, color=PALETTE.highlight, font_size=54))
    formula = make_tex("z", "=", "W", "x", "+", "b", font_size=120)
    for part, role in zip(formula, ("output", "text", "weight", "input", "text", "bias")):
        part.set_color(getattr(PALETTE, role))
    names = _joined((c.title for c in chapters), r"\qquad{}", PALETTE.muted, SMALL_SIZE)
    return VGroup(title, formula, names).arrange(DOWN, buff=0.75)
