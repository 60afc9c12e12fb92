"""The lesson: its title and its scenes, one module per chapter.

Each chapter module has ``CHAPTER`` (its title) and ``SCENES`` (its scene specs in order). This
package is the lesson the commands work on unless ``MATHDL_ANIM_LESSON`` names another module
with the same two names, ``TITLE`` and ``SCENES`` (see :mod:`mathdl_anim.lesson.registry`).
"""

from __future__ import annotations

from mathdl_anim.lesson.chapters import calculus, linear_algebra, probability, why
from mathdl_anim.lesson.spec import SceneSpec

__all__ = ["TITLE", "SCENES", "CHAPTER_MODULES"]

#: The lesson's title (``shared/lesson/math-foundations-dl.md``), shown on the cards.
TITLE = "Mathematical Foundations for Deep Learning"

CHAPTER_MODULES = (linear_algebra, probability, calculus, why)

#: Every scene in lesson order; each spec names its chapter.
SCENES: tuple[SceneSpec, ...] = tuple(spec for module in CHAPTER_MODULES for spec in module.SCENES)
