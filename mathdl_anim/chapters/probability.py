"""Chapter: Probability and statistics."""

from __future__ import annotations

from mathdl_anim.spec import SceneSpec

__all__ = ["CHAPTER", "SCENES"]

CHAPTER = "Probability and statistics"

SCENES: tuple[SceneSpec, ...] = ()
