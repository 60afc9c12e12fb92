"""What each scene says, in one place: per scene its beats in order, each a caption and narration.

One module per chapter, like :mod:`mathdl_anim.lesson.chapters`, in lesson order. A scene plays a beat
with ``self.say(key, **fields)``; the caption appears on screen, the narration becomes the
scene's subtitle (and, with ``--voice``, speech) until the next beat. Pure: no manim.
"""

from __future__ import annotations

from mathdl_anim.lesson.narration import calculus, linear_algebra, probability, why
from mathdl_anim.lesson.narration.script import Beat, Cue, Line, Script

__all__ = ["SCRIPTS", "Beat", "Cue", "Line", "Script", "find_script"]

CHAPTER_MODULES = (linear_algebra, probability, calculus, why)

#: Every scene's script, in lesson order.
SCRIPTS: tuple[Script, ...] = tuple(s for module in CHAPTER_MODULES for s in module.SCRIPTS)


def find_script(scene: str) -> Script:
    """The script of the scene class called ``scene``.

    Raises
    ------
    KeyError
        If the scene has no script.
    """
    for script in SCRIPTS:
        if script.scene == scene:
            return script
    raise KeyError(f"no narration script for scene {scene!r}")
