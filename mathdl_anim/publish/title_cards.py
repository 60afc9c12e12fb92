"""Rendering the lecture's title cards (short videos) and its thumbnail (a still picture).

A :class:`CardTask` is rendered by :func:`render_card` in a worker process, like a scene by
:func:`~mathdl_anim.render.render_one`: in a private work folder, with the theme and aspect of the
lecture, and moved into place when finished. A card's video goes to the lecture's parts folder
(``<folder>/.lecture/chapter-1.mp4``), the thumbnail to ``<folder>/thumbnail.png``; each has a
``.json`` beside it in the parts folder recording its fingerprint, written last.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mathdl_anim.files import write_text_atomic
from mathdl_anim.lesson.outline import LECTURE_TITLE, ChapterOutline
from mathdl_anim.render.errors import RenderError
from mathdl_anim.render.fingerprint import fingerprint
from mathdl_anim.render.options import output_folder
from mathdl_anim.render.scenes import RenderResult
from mathdl_anim.render.workdir import remove_folder, work_folder

if TYPE_CHECKING:
    import numpy as np

__all__ = ["PARTS_FOLDER", "THUMBNAIL", "THUMBNAIL_SIZE", "CardTask", "card_paths", "render_card"]

#: Inside an output folder: the cards' videos and the lecture's bookkeeping.
PARTS_FOLDER = ".lecture"
#: The thumbnail's file name, beside ``lecture.mp4``.
THUMBNAIL = "thumbnail.png"
#: YouTube's thumbnail size, whatever the quality and aspect of the video.
THUMBNAIL_SIZE = (1280, 720)


@dataclass(frozen=True)
class CardTask:
    """A title card (``kind="card"``, one chapter) or the thumbnail (``kind="thumbnail"``).

    ``scene`` is the name shown in progress lines; every field counts in the fingerprint.
    """

    scene: str
    kind: str
    chapters: tuple[ChapterOutline, ...]
    lesson_title: str = LECTURE_TITLE
    theme: str = "dark"
    aspect: str = "16:9"
    #: the lecture's voice engine (``""``: silent); a card is silent either way, but lives in
    #: the voiced lecture's folder
    voice: str = ""

    @classmethod
    def card(cls, chapter: ChapterOutline, theme: str, aspect: str, voice: str = "") -> CardTask:
        return cls(
            f"card {chapter.number}: {chapter.title}",
            "card",
            (chapter,),
            theme=theme,
            aspect=aspect,
            voice=voice,
        )

    @classmethod
    def thumbnail(
        cls, chapters: tuple[ChapterOutline, ...], theme: str, aspect: str, voice: str = ""
    ) -> CardTask:
        return cls("thumbnail", "thumbnail", tuple(chapters), theme=theme, aspect=aspect, voice=voice)

    @property
    def module(self) -> str:
        """The module of its scene class (its source counts in the fingerprint)."""
        return "scenes.chapter_card" if self.kind == "card" else "scenes.lecture_thumbnail"

    @property
    def stem(self) -> str:
        return self.chapters[0].card_name if self.kind == "card" else "thumbnail"


def card_paths(task: CardTask, quality: str, out: Path) -> tuple[Path, Path]:
    """(the card's video or the thumbnail PNG, its fingerprint record)."""
    folder = Path(out) / output_folder(quality, task.theme, task.aspect, task.voice)
    record = folder / PARTS_FOLDER / f"{task.stem}.json"
    if task.kind == "card":
        return folder / PARTS_FOLDER / f"{task.stem}.mp4", record
    return folder / THUMBNAIL, record


def _draw(task: CardTask, work: Path, quality: str) -> Path | np.ndarray:
    """Run the card's scene; return its movie file or the thumbnail's pixels."""
    from manim import tempconfig

    from mathdl_anim.draw.style import use_theme
    from mathdl_anim.render.options import manim_options
    from mathdl_anim.render.tex import private_tex_dir, publish_tex

    tex_dir = private_tex_dir(work)
    if task.kind == "card":
        from scenes.chapter_card import ChapterCard  # task.module

        options = manim_options(
            work, quality, task.theme, task.aspect, output_file=task.stem, tex_dir=str(tex_dir)
        )
        with tempconfig(options), use_theme(task.theme):
            card = ChapterCard(task.chapters[0], task.lesson_title)
            card.render()
            result: Path | np.ndarray = Path(card.renderer.file_writer.movie_file_path)
    else:
        from scenes.lecture_thumbnail import LectureThumbnail  # task.module

        width, height = THUMBNAIL_SIZE
        options = manim_options(
            work,
            quality,
            task.theme,
            "16:9",
            tex_dir=str(tex_dir),
            write_to_movie=False,
            pixel_width=width,
            pixel_height=height,
        )
        with tempconfig(options), use_theme(task.theme):
            thumbnail = LectureThumbnail(task.chapters, task.lesson_title)
            thumbnail.render()
            thumbnail.renderer.update_frame(thumbnail)
            result = thumbnail.renderer.get_frame().copy()
    publish_tex(tex_dir)
    return result


def render_card(task: CardTask, quality: str, out: Path) -> RenderResult:
    """Render ``task`` into place (call in a worker process: it changes manim's global config)."""
    import logging

    from PIL import Image

    start = time.perf_counter()
    target, record = card_paths(task, quality, out)
    stamp = fingerprint(task, quality)
    work = work_folder(out, task.stem)
    try:
        logging.getLogger("manim").setLevel(logging.WARNING)
        drawn = _draw(task, work, quality)
        record.parent.mkdir(parents=True, exist_ok=True)
        record.unlink(missing_ok=True)  # no record may vouch for a file being replaced
        if isinstance(drawn, Path):  # a card (kind "card"): its video
            if not drawn.is_file():
                raise RenderError(f"{task.scene}: manim wrote no video")
            os.replace(drawn, target)
        else:
            picture = work / THUMBNAIL
            Image.fromarray(drawn).convert("RGB").save(picture, format="PNG")
            os.replace(picture, target)
        write_text_atomic(record, json.dumps({"scene": task.scene, "fingerprint": stamp}, indent=1))
        return RenderResult(task.scene, target, record, time.perf_counter() - start)
    finally:
        remove_folder(work)
