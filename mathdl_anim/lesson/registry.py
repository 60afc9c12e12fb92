"""The lesson: every scene in order, with its parameters and the core function behind it.

Pure (no manim), so ``mathdl-anim list`` and ``mathdl-anim values`` stay fast. The lesson is a
module with ``TITLE`` (a string) and ``SCENES`` (its :class:`~mathdl_anim.lesson.spec.SceneSpec`
entries in order, each naming its chapter): :mod:`mathdl_anim.lesson.chapters` by default, or
the module that the environment variable ``MATHDL_ANIM_LESSON`` names (``my_lesson``, with its
folder on ``PYTHONPATH``), so every command works on a lesson of your own.
"""

from __future__ import annotations

import difflib
import importlib
import os

from mathdl_anim.core.errors import InputError
from mathdl_anim.lesson.spec import SceneSpec

__all__ = ["LESSON", "CHAPTERS", "TITLE", "LESSON_VARIABLE", "find_scene", "scene_names"]

#: The environment variable naming the lesson's module.
LESSON_VARIABLE = "MATHDL_ANIM_LESSON"
DEFAULT_LESSON = "mathdl_anim.lesson.chapters"


def _load(name: str) -> tuple[str, tuple[SceneSpec, ...]]:
    """The title and the scenes of the lesson module ``name``.

    Raises
    ------
    InputError
        If the module cannot be imported or does not define a title and at least one scene
        spec, each with a name of its own.
    """
    where = f"{LESSON_VARIABLE}={name}"
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        raise InputError(f"{where}: cannot import it ({exc}; is its folder on PYTHONPATH?)") from None
    except Exception as exc:  # noqa: BLE001  # the lesson's own code failed: one line, and how to see where
        why = f"{type(exc).__name__}: {exc}"
        raise InputError(
            f"{where}: importing it failed ({why}; python -c 'import {name}' shows where)"
        ) from None
    title, scenes = getattr(module, "TITLE", None), getattr(module, "SCENES", None)
    if not isinstance(title, str) or not title.strip():
        raise InputError(f"{where}: the module has no TITLE (a string)")
    if (
        not isinstance(scenes, (tuple, list))
        or not all(isinstance(s, SceneSpec) for s in scenes)
        or not scenes
    ):
        raise InputError(f"{where}: the module's SCENES must be a non-empty sequence of SceneSpec")
    names = [spec.name for spec in scenes]
    if len(set(names)) != len(names):
        raise InputError(f"{where}: two scenes share a name")
    return title, tuple(scenes)


TITLE, LESSON = _load(os.environ.get(LESSON_VARIABLE) or DEFAULT_LESSON)

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
