"""A lesson scene as a slide deck: one manim-slides slide per step, its last frame as a PNG.

:class:`~mathdl_anim.scene.lesson_scene.LessonScene` calls ``mark_step()`` where each new step of the
explanation begins (before each caption change). :func:`slide_class` builds, from a scene class,
a subclass that also inherits :class:`manim_slides.Slide` and turns each of those marks into
``next_slide()``. The method resolution order is ``Scene-class -> LessonScene -> Slide ->
BaseSlide -> Scene``: the lesson scene's ``__init__`` (parameters) runs first and hands the
remaining keywords (``output_folder``) on to manim-slides; ``Slide.play`` counts animations
and ``Slide.render`` writes ``<output_folder>/<Scene>.json`` with one video per slide in
``<output_folder>/files/<Scene>/``.

So a scene with *k* steps that shows something before its first caption has *k* + 1 slides:
the opening (title and first drawing) and one per caption. A step whose caption is the only
thing changed still counts: the caption's own animation is part of it. Each slide's speaker
notes are the narration of its beat; its last frame is drawn again from the scene (exact
pixels, not a decoded video frame) and saved as ``<steps_folder>/<Scene>-NN.png``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from mathdl_anim.lesson.narration.script import plain_caption

__all__ = ["slide_class", "step_png_name", "speaker_notes", "step_text_items"]


def step_png_name(scene: str, number: int) -> str:
    """The file name of a step's last frame: ``<Scene>-NN.png``, numbered from 1."""
    return f"{scene}-{number:02d}.png"


def step_text_items(line: Any) -> list[tuple[str, str]]:
    """What a step's PNG says in words: ``[("Caption", ...), ("Narration", ...)]`` (none before
    the first caption)."""
    if line is None:
        return []
    return [("Caption", plain_caption(line.caption)), ("Narration", line.narration)]


def speaker_notes(line: Any) -> str:
    """A step's speaker notes: what the narrator says.

    ``line`` is the scene's ``current_line`` (a :class:`~mathdl_anim.lesson.narration.Line`), ``None``
    before the first caption and where the caption is cleared.
    """
    return "" if line is None else line.narration


def slide_class(scene_class: type) -> type:
    """The slide version of a lesson scene class (same name, same construct).

    Parameters
    ----------
    scene_class : type
        A subclass of :class:`~mathdl_anim.scene.lesson_scene.LessonScene`.

    Returns
    -------
    type
        A class taking the scene's ``params``, manim-slides' ``output_folder`` and
        ``steps_folder`` (where each step's last frame is saved as a PNG; ``None``: not saved).
        Reversed videos are not generated (``skip_reversing``): the deck plays forwards only.
    """
    from manim import ManimColor
    from manim_slides.slide import Slide

    class SlideVersion(scene_class, Slide):  # type: ignore[misc, valid-type]
        skip_reversing = True

        def __init__(self, *args: Any, steps_folder: Path | None = None, **kwargs: Any) -> None:
            self._steps_folder = None if steps_folder is None else Path(steps_folder)
            self._steps_saved: list[Path] = []
            self._slide_line: Any = None  # the line narrated on the current slide
            super().__init__(*args, **kwargs)

        def setup(self) -> None:
            super().setup()
            # manim-slides reads the colour with .to_hex(): a str set by the theme must be parsed
            self.camera.background_color = ManimColor.parse(self.camera.background_color)  # type: ignore[union-attr]  # Cairo camera

        def mark_step(self) -> None:
            if self._current_animation > self._start_animation:  # a slide ends here
                _save_step(self, self._slide_line)
            self.next_slide(notes=speaker_notes(self.current_line))
            self._slide_line = self.current_line

        def tear_down(self) -> None:
            super().tear_down()
            if self._current_animation > self._start_animation:  # the last slide
                _save_step(self, self._slide_line)

    SlideVersion.__name__ = scene_class.__name__  # names the JSON, the files and the spec
    SlideVersion.__qualname__ = scene_class.__qualname__
    SlideVersion.__module__ = scene_class.__module__
    SlideVersion.__doc__ = f"{scene_class.__doc__ or scene_class.__name__}\n\n(Slide version.)"
    return SlideVersion


def _save_step(scene, line: Any) -> None:
    """Draw the current state of ``scene`` and save it as the next step's PNG, with the step's
    caption (plain text) and narration in the PNG's text chunks (``Caption``, ``Narration``:
    the PDF's text layer reads them, :func:`step_texts`)."""
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    if scene._steps_folder is None:
        return
    scene.renderer.update_frame(scene, ignore_skipping=True)
    frame = np.asarray(scene.renderer.get_frame())
    if scene.renderer.camera.background_opacity >= 1:
        frame = frame[..., :3]
    path = scene._steps_folder / step_png_name(type(scene).__name__, len(scene._steps_saved) + 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    texts = PngInfo()
    for key, text in step_text_items(line):
        texts.add_itxt(key, text)
    Image.fromarray(frame).save(path, optimize=True, pnginfo=texts)
    scene._steps_saved.append(path)
