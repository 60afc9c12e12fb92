"""The renderer of every lesson scene: manim's Cairo renderer, optionally drawing one shard.

A scene's animations (``play`` and ``wait`` calls) are numbered in order. With a
:class:`Shard` ``(index, count)`` the renderer draws and encodes only the animations whose
number is ``index`` modulo ``count`` and skips the others the way manim's ``-n`` option does:
each skipped animation still runs, straight to its end state, so the scene is in the same state
when the next owned animation begins. ``count`` processes, one per shard, together draw every
animation once, each into its own partial movie file; :mod:`mathdl_anim.render` joins the files
in order. On a 2-core machine this renders one scene on both cores.

Two details keep the shards in step with a whole render:

* manim advances the clock of a skipped animation by its run time, but a drawn one by whole
  frames; a skipped animation here advances it by the frames it would have drawn (same
  arithmetic as manim), so subtitles and narration cues get the same times in every shard;
* a skipped animation draws nothing (manim would still draw a static background and one
  frame for it).

``tests/test_shards.py`` checks that a sharded render has the same frames and subtitles as a
whole one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from manim import config
from manim.renderer.cairo_renderer import CairoRenderer

from mathdl_anim.draw.encoding import LessonFileWriter

__all__ = ["Shard", "LessonRenderer"]


@dataclass(frozen=True)
class Shard:
    """Animations ``index``, ``index + count``, ``index + 2 count``... of a scene."""

    index: int
    count: int

    def __post_init__(self) -> None:
        if not 0 <= self.index < self.count:
            raise ValueError(f"shard {self.index} of {self.count}")

    def owns(self, play: int) -> bool:
        """Whether this shard draws animation number ``play`` (from 0)."""
        return play % self.count == self.index


class LessonRenderer(CairoRenderer):
    """manim's Cairo renderer with the lesson's encoder settings and, optionally, a shard.

    Parameters
    ----------
    shard : Shard, optional
        Draw only this shard's animations. ``None`` (default): draw them all.
    """

    def __init__(self, shard: Shard | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("file_writer_class", LessonFileWriter)
        super().__init__(**kwargs)
        self.shard = shard
        self.shard_skipping = False  # the animation being played belongs to another shard

    def update_skipping_status(self) -> None:
        super().update_skipping_status()
        self.shard_skipping = (self.shard is not None and not self.skip_animations
                               and not self.shard.owns(self.num_plays))
        if self.shard_skipping:
            self.skip_animations = True

    def play(self, scene, *args: Any, **kwargs: Any) -> None:
        start = self.time
        try:
            super().play(scene, *args, **kwargs)
            if self.shard_skipping:
                self.time = start
                self._advance_like_a_drawn_play(scene)
        finally:
            self.shard_skipping = False

    def _advance_like_a_drawn_play(self, scene) -> None:
        """Move the clock as drawing the animation would have (``add_frame``'s arithmetic)."""
        dt = 1 / self.camera.frame_rate
        if scene.is_current_animation_frozen_frame():  # freeze_current_frame: one add_frame
            self.time += int(scene.duration / dt) * dt
        else:  # play_internal: one add_frame per time of get_time_progression
            for _ in np.arange(0, scene.duration, 1 / config["frame_rate"]):
                self.time += 1 * dt

    def update_frame(self, scene, *args: Any, **kwargs: Any) -> None:
        if self.shard_skipping:
            return  # nothing of another shard's animation reaches a file
        super().update_frame(scene, *args, **kwargs)

    def save_static_frame_data(self, scene, static_mobjects):
        if self.shard_skipping:
            self.static_image = None
            return None
        return super().save_static_frame_data(scene, static_mobjects)

    def freeze_current_frame(self, duration: float) -> None:
        if self.shard_skipping:
            return
        super().freeze_current_frame(duration)

    def render(self, scene, time: float, moving_mobjects=None) -> None:
        if self.shard_skipping:
            return
        super().render(scene, time, moving_mobjects)

    def drawn_partials(self) -> list[tuple[int, str]]:
        """``(animation number, partial movie file)`` of every animation this renderer drew."""
        files = self.file_writer.partial_movie_files
        return [(number, str(path)) for number, path in enumerate(files) if path is not None]
