"""Chapter: Why do we need this?."""

from __future__ import annotations

from mathdl_anim.spec import SceneSpec

__all__ = ["CHAPTER", "SCENES"]

CHAPTER = "Why do we need this?"

SCENES: tuple[SceneSpec, ...] = ()
