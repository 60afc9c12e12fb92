"""Replacing a manim method and putting it back: the mechanism behind every speed-up module.

:mod:`~mathdl_anim.draw.fast_copy`, :mod:`~mathdl_anim.draw.fast_subpaths` and
:mod:`~mathdl_anim.draw.svg_cache` each replace one or two methods of manim 0.21 with an
equivalent that does less work; each exposes ``install``, ``uninstall`` (for the tests that
compare with manim's own method) and ``installed``, made here from :class:`Patch` values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Patch", "switches"]


@dataclass(frozen=True)
class Patch:
    """``owner.name`` replaced by ``replacement``; ``original`` is manim's, read on creation."""

    owner: type
    name: str
    replacement: Callable[..., Any]
    original: Callable[..., Any] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "original", getattr(self.owner, self.name))


def switches(*patches: Patch) -> tuple[Callable[[], None], Callable[[], None], Callable[[], bool]]:
    """``install``, ``uninstall`` and ``installed`` for ``patches`` together (idempotent)."""

    def install() -> None:
        for patch in patches:
            setattr(patch.owner, patch.name, patch.replacement)

    def uninstall() -> None:
        for patch in patches:
            setattr(patch.owner, patch.name, patch.original)

    def installed() -> bool:
        return all(getattr(p.owner, p.name) is p.replacement for p in patches)

    return install, uninstall, installed
