"""The one exception type for bad user input."""

from __future__ import annotations

__all__ = ["InputError"]


class InputError(ValueError):
    """Invalid user input: the command prints its message on one line and exits with code 2."""
