"""The one exception type for bad user input, and how any failure is told in one line."""

from __future__ import annotations

__all__ = ["InputError", "one_line"]


class InputError(ValueError):
    """Invalid user input: the command prints its message on one line and exits with code 2."""


def one_line(exc: BaseException) -> str:
    """``exc`` as one line, ``Type: first line of its message`` (or ``Type`` without one)."""
    lines = str(exc).splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
