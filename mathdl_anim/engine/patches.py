"""Switching a speed-up on and off: the mechanism behind every module of the engine room.

A speed-up either replaces manim methods (:class:`Patch`: :mod:`~mathdl_anim.engine.fast_copy`,
:mod:`~mathdl_anim.engine.fast_subpaths`, :mod:`~mathdl_anim.engine.svg_cache`...) or is a
branch of the project's own code that can fall back to what manim does (:class:`Flag`:
:mod:`~mathdl_anim.engine.moving`, :mod:`~mathdl_anim.engine.tex_cache`...). Either way the
module exposes ``install``, ``uninstall`` and ``installed``, made here by :func:`switches`;
:func:`manims_own` switches one off for the length of a block. Nothing is installed on import:
:mod:`~mathdl_anim.engine.speedups` installs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

__all__ = ["Patch", "Flag", "switches", "manims_own"]


@dataclass(frozen=True)
class Patch:
    """``owner.name`` replaced by ``replacement``; ``original`` is manim's, read on creation."""

    owner: type
    name: str
    replacement: Callable[..., Any]
    original: Callable[..., Any] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "original", getattr(self.owner, self.name))


class Flag:
    """A speed-up of the project's own code: ``on`` says whether to take the fast branch.

    Off until installed. ``bool(flag)`` is ``flag.on``.
    """

    def __init__(self) -> None:
        self.on = False

    def __bool__(self) -> bool:
        return self.on


def switches(*parts: Patch | Flag) -> tuple[Callable[[], None], Callable[[], None], Callable[[], bool]]:
    """``install``, ``uninstall`` and ``installed`` for ``parts`` together (idempotent)."""

    def install() -> None:
        for part in parts:
            if isinstance(part, Flag):
                part.on = True
            else:
                setattr(part.owner, part.name, part.replacement)

    def uninstall() -> None:
        for part in parts:
            if isinstance(part, Flag):
                part.on = False
            else:
                setattr(part.owner, part.name, part.original)

    def installed() -> bool:
        return all(p.on if isinstance(p, Flag) else getattr(p.owner, p.name) is p.replacement for p in parts)

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
