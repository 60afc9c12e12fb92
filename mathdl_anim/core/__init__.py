"""The numerical core: pure functions returning frozen dataclasses. Never imports manim."""

from __future__ import annotations

from mathdl_anim.core.errors import InputError

__all__ = ["InputError"]
