"""The one error a render reports (exit code 1), told in one line."""

from __future__ import annotations

from mathdl_anim.core.errors import one_line

__all__ = ["RenderError"]


class RenderError(RuntimeError):
    """A render that could not be done (exit code 1)."""

    @classmethod
    def of(cls, scene: str, exc: Exception) -> RenderError:
        """An unexpected failure while rendering ``scene``, told in one line (no traceback)."""
        return cls(f"{scene}: {one_line(exc)}")
