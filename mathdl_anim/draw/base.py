"""The base class of every lesson scene: parameters in, core example out, theme applied."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from manim import UP, FadeIn, FadeOut, ReplacementTransform, RendererType, Scene, Write, config
from manim.renderer.cairo_renderer import CairoRenderer

from mathdl_anim.draw.encoding import LessonFileWriter

from mathdl_anim.draw.style import PALETTE
from mathdl_anim.draw.text import make_caption, make_title
from mathdl_anim.lesson import find_scene
from mathdl_anim.spec import SceneSpec

__all__ = ["LessonScene"]


class LessonScene(Scene):
    """A scene of the lesson.

    The class name selects its :class:`~mathdl_anim.lesson.SceneSpec`; ``params`` (JSON values,
    defaults filled in) go through the core, and the result is ``self.example``: the only source
    of numbers for the scene. ``self.values`` is what the scene records and shows.

    Parameters
    ----------
    params : Mapping[str, Any], optional
        Overrides of the scene's parameters, as JSON values.
    """

    def __init__(self, params: Mapping[str, Any] | None = None, **kwargs: Any) -> None:
        self.spec: SceneSpec = self._find_spec()
        self.params = self.spec.resolve(params)
        self.example = self.spec.build(**self.params)
        self.values = self.example.values()
        self.caption = None
        if kwargs.get("renderer") is None and config.renderer == RendererType.CAIRO:
            kwargs["renderer"] = CairoRenderer(file_writer_class=LessonFileWriter)
        super().__init__(**kwargs)

    @classmethod
    def _find_spec(cls) -> SceneSpec:
        for klass in cls.__mro__:
            if klass is LessonScene:
                break
            try:
                return find_scene(klass.__name__)
            except ValueError:
                continue
        raise TypeError(f"{cls.__name__} is not a scene of the lesson")

    def setup(self) -> None:
        self.camera.background_color = PALETTE.background

    def mark_step(self) -> None:
        """Called where a new step of the explanation begins (before each caption change).

        A no-op for videos; the slide and narration layers hook in here.
        """

    # Small steps shared by every scene -------------------------------------------------
    def show_title(self, text: str):
        """Write the title at the top and keep it."""
        title = make_title(text)
        self.play(Write(title), run_time=1)
        return title

    def say(self, text: str | None, run_time: float = 0.6) -> None:
        """Show ``text`` as the caption at the bottom (``None`` clears it).

        Each call starts a new step of the scene: :meth:`mark_step` runs first.
        """
        self.mark_step()
        new = make_caption(text) if text is not None else None
        if self.caption is None and new is not None:
            self.play(FadeIn(new, shift=0.2 * UP), run_time=run_time)
        elif new is None and self.caption is not None:
            self.play(FadeOut(self.caption), run_time=run_time)
        elif new is not None:
            self.play(ReplacementTransform(self.caption, new), run_time=run_time)
        self.caption = new
