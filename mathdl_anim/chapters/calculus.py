"""Chapter: Calculus."""

from __future__ import annotations

from mathdl_anim.spec import SceneSpec

__all__ = ["CHAPTER", "SCENES"]

CHAPTER = "Calculus"

SCENES: tuple[SceneSpec, ...] = ()
