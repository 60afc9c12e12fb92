"""The lesson: every scene in order, with its parameters and the core function behind it.

Pure (no manim), so ``mathdl-anim list`` and ``mathdl-anim values`` stay fast. A chapter is a
module of :mod:`mathdl_anim.lesson.chapters` with ``CHAPTER`` (its title) and ``SCENES`` (its
:class:`~mathdl_anim.lesson.spec.SceneSpec` entries in order); adding one means adding it to
:data:`CHAPTER_MODULES`.
"""

from __future__ import annotations

import difflib

from mathdl_anim.core.errors import InputError
from mathdl_anim.lesson.chapters import calculus, linear_algebra, probability, why
from mathdl_anim.lesson.spec import SceneSpec

__all__ = ["LESSON", "CHAPTERS", "find_scene", "scene_names"]

CHAPTER_MODULES = (linear_algebra, probability, calculus, why)

LESSON: tuple[SceneSpec, ...] = tuple(spec for module in CHAPTER_MODULES for spec in module.SCENES)

CHAPTERS: tuple[str, ...] = tuple(dict.fromkeys(spec.chapter for spec in LESSON))


def scene_names() -> list[str]:
    """Scene class names in lesson order."""
    return [spec.name for spec in LESSON]


def find_scene(name: str) -> SceneSpec:
    """Find a scene by class name or its snake/kebab alias (case-insensitive).

    Raises
    ------
    InputError
        If no scene has that name; the message lists the valid ones.
    """
    key = name.strip().lower()
    for spec in LESSON:
        if key in spec.aliases:
            return spec
    aliases = {alias: spec.name for spec in LESSON for alias in spec.aliases}
    starts = {spec for alias, spec in aliases.items() if key and alias.startswith(key)}
    near = difflib.get_close_matches(key, aliases, n=1, cutoff=0.75)
    guess = starts.pop() if len(starts) == 1 else aliases[near[0]] if near else None
    hint = f"did you mean {guess}? " if guess else ""
    raise InputError(f"unknown scene {name!r} ({hint}valid: {', '.join(scene_names())})")
