"""Replacing a manim method and putting it back: the mechanism behind every speed-up module.

:mod:`~mathdl_anim.draw.fast_copy`, :mod:`~mathdl_anim.draw.fast_subpaths` and
:mod:`~mathdl_anim.draw.svg_cache` each replace one or two methods of manim 0.21 with an
equivalent that does less work; each exposes ``install``, ``uninstall`` (for the tests that
compare with manim's own method) and ``installed``, made here from :class:`Patch` values;
:func:`manims_own` switches one off for the length of a block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

__all__ = ["Patch", "switches", "manims_own"]


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


@contextmanager
def manims_own(module: ModuleType) -> Iterator[None]:
    """Within the block, manim's own methods instead of ``module``'s (for the tests that
    compare both); ``module`` is installed again afterwards."""
    module.uninstall()
    try:
        yield
    finally:
        module.install()
