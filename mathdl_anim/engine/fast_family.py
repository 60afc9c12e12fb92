"""List a mobject's family without building a list per level: one adjustment to manim 0.21.

``Mobject.get_family`` is called everywhere (adding and removing mobjects, finding what moves,
drawing, colouring): manim builds it recursively, one list per submobject, and removes repeated
members at every level (``remove_list_redundancies``, keeping the last occurrence). In a lesson
scene that was about a fifth of the time spent building the scene. A family without a repeated
member, the usual case, is its members in pre-order, which one loop lists; a family with a
repeated member (a mobject that is a submobject twice) goes to manim's own method, as does a
cycle (which makes manim's method raise). ``tests/engine/test_fast_family.py`` compares both on
random trees, shared members included. Applied once, on import of :mod:`mathdl_anim.draw`.
"""

from __future__ import annotations

from manim.mobject.mobject import Mobject

from mathdl_anim.engine.patches import Patch, switches

__all__ = ["install", "uninstall", "installed"]


def _family_in_preorder(self, recurse: bool = True) -> list:
    family, seen, stack = [], set(), [self]
    while stack:
        member = stack.pop()
        if member in seen:  # a repeated member: manim's rule decides which occurrence stays
            return _PATCH.original(self, recurse)
        seen.add(member)
        family.append(member)
        if member.submobjects:
            stack.extend(reversed(member.submobjects))
    return family


_PATCH = Patch(Mobject, "get_family", _family_in_preorder)
install, uninstall, installed = switches(_PATCH)
