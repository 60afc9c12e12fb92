"""The one-loop family listing must give exactly manim's family, in manim's order."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Circle, MathTex, Mobject, VGroup

from mathdl_anim.engine import fast_family
from mathdl_anim.engine.patches import manims_own


def _manim_family(mob: Mobject) -> list:
    with manims_own(fast_family):
        return mob.get_family()


def _random_tree(rng, shared: bool) -> Mobject:
    """A random tree of groups; with ``shared``, some mobjects are submobjects twice."""
    nodes = [VGroup() for _ in range(int(rng.integers(1, 40)))]
    for k, node in enumerate(nodes[1:], start=1):
        nodes[int(rng.integers(0, k))].add(node)  # parents come before children: no cycle
    leaves = [Circle() for _ in range(int(rng.integers(0, 20)))]
    for leaf in leaves:
        nodes[int(rng.integers(0, len(nodes)))].add(leaf)
    if shared and len(nodes) > 2:
        for _ in range(int(rng.integers(1, 5))):
            again = nodes[int(rng.integers(1, len(nodes)))]
            parent = nodes[int(rng.integers(0, nodes.index(again)))]
            parent.submobjects.append(again)  # as Group(a, a) or add() without the check
    return nodes[0]


@pytest.mark.parametrize("shared", [False, True])
def test_same_family_as_manim(shared):
    rng = np.random.default_rng(11)
    for _ in range(200):
        root = _random_tree(rng, shared)
        expected = _manim_family(root)
        got = root.get_family()
        assert [id(m) for m in got] == [id(m) for m in expected]
        for member in got[1:6]:  # every member's own family too
            assert [id(m) for m in member.get_family()] == [id(m) for m in _manim_family(member)]


def test_repeated_member_keeps_manims_rule():
    a, b = Circle(), Circle()
    group = VGroup(a, b)
    group.submobjects.append(a)  # `a` twice: manim keeps its last occurrence
    assert [id(m) for m in group.get_family()] == [id(m) for m in _manim_family(group)]
    assert group.get_family()[1:] == [b, a]


def test_a_formula():
    formula = MathTex("z", "=", "Wx + b")
    assert [id(m) for m in formula.get_family()] == [id(m) for m in _manim_family(formula)]
    assert len(formula.get_family()) > 5
