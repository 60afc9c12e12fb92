"""A small scene that keeps every frame it draws: what the speed-up tests compare, run by run."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from manim import Scene

__all__ = ["SMALL", "Recording"]

#: manim's config for these runs: small frames, nothing written.
SMALL = {
    "pixel_width": 192,
    "pixel_height": 108,
    "frame_rate": 10,
    "write_to_movie": False,
    "disable_caching": True,
    "progress_bar": "none",
    "verbosity": "ERROR",
}


class Recording(Scene):
    """Plays ``build(scene)`` and keeps a copy of every frame in :attr:`frames`."""

    def __init__(self, build: Callable[[Scene], None], **kwargs):
        self.build = build
        self.frames: list[np.ndarray] = []
        super().__init__(**kwargs)
        original = self.renderer.add_frame

        def add_frame(frame, num_frames=1):
            self.frames.extend([frame.copy()] * num_frames)
            original(frame, num_frames)

        self.renderer.add_frame = add_frame

    def construct(self):
        self.build(self)
