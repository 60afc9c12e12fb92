"""A counter told the number it already shows keeps its glyphs: one adjustment to manim 0.21.

``DecimalNumber.set_value`` rebuilds the whole number every call: it copies one cached glyph per
character (a deep copy of a ``SingleStringMathTex`` each), scales and arranges them, matches their
style to the old glyphs and resets the colours. A counter driven by an updater calls it on every
frame, and most frames show the same digits as the frame before (ChainRule at 480p15: 1,208 of
1,397 calls), so rebuilding was about half of that scene's render.

When the new number formats to the string already shown, and no point of the counter moved since
it was last built (an animation that moves or reshapes it, a ``shift``, a ``scale``), the rebuild
would give the same points in the same places: this keeps the glyphs, stores the number and
resets the colours exactly as manim does last (``init_colors``), so the frames are the same
(``tests/engine/test_fast_number.py`` compares both, also mid-animation). Anything else goes
through manim's own ``set_value``.
"""

from __future__ import annotations

import numpy as np
from manim import DecimalNumber

from mathdl_anim.engine.patches import Patch, switches

__all__ = ["install", "uninstall", "installed"]

_ORIGINAL = DecimalNumber.set_value
#: The attribute holding what a counter showed when it was last built.
_SHOWN = "_mathdl_shown"


def _snapshot(number: DecimalNumber) -> tuple[tuple[int, ...], np.ndarray]:
    """The identity and points of every member of ``number``'s family, as built."""
    family = number.get_family()
    points = [m.points for m in family if len(m.points)]
    flat = np.concatenate(points) if points else np.zeros((0, 3))
    return tuple(id(m) for m in family), flat.copy()


def _unmoved(number: DecimalNumber, shown: tuple[str, tuple[int, ...], np.ndarray]) -> bool:
    ids, points = _snapshot(number)
    return ids == shown[1] and points.shape == shown[2].shape and np.array_equal(points, shown[2])


def _set_value(self: DecimalNumber, number: float) -> DecimalNumber:
    string = self._get_num_string(number)
    shown = getattr(self, _SHOWN, None)
    if shown is not None and shown[0] == string and _unmoved(self, shown):
        self.number = number
        self.init_colors()
        return self
    _ORIGINAL(self, number)
    setattr(self, _SHOWN, (string, *_snapshot(self)))
    return self


install, uninstall, installed = switches(Patch(DecimalNumber, "set_value", _set_value))
