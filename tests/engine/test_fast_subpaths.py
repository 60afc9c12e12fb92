"""The vectorized subpath split must give exactly manim's subpaths."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Arrow, Circle, DashedLine, Square, VGroup, VMobject

from mathdl_anim.engine import fast_subpaths
from mathdl_anim.engine.patches import manims_own


def _both(mob: VMobject, points: np.ndarray):
    with manims_own(fast_subpaths):
        expected = mob.get_subpaths_from_points(points)
    return expected, mob.get_subpaths_from_points(points)


def _paths(rng):
    """Random paths of curves, with joins that touch, nearly touch, or hold NaN or inf."""
    tol = VMobject().tolerance_for_point_equality
    for n_curves in (0, 1, 2, 7, 40):
        points = rng.normal(size=(4 * n_curves, 3))
        for k in range(1, n_curves):
            kind = rng.integers(0, 6)
            if kind < 3:  # joined
                points[4 * k] = points[4 * k - 1]
            elif kind == 3:  # a hair apart: within or just outside the tolerance
                points[4 * k] = points[4 * k - 1] + rng.choice([0.5, 2.0]) * tol
            elif kind == 4:
                points[4 * k - 1, rng.integers(0, 3)] = rng.choice([np.nan, np.inf, -np.inf])
                points[4 * k] = points[4 * k - 1]
            # kind 5: a gap
        yield points
    yield rng.normal(size=(10, 3))  # not a whole number of curves
    yield rng.normal(size=(3, 3))


def test_same_subpaths_as_manim():
    rng = np.random.default_rng(3)
    mob = VMobject()
    checked = 0
    for _ in range(30):
        for points in _paths(rng):
            expected, got = _both(mob, points)
            assert len(got) == len(expected)
            for a, b in zip(expected, got):
                np.testing.assert_array_equal(a, b)
            checked += len(expected)
    assert checked > 500


@pytest.mark.parametrize(
    "mob",
    [Square(), VGroup(Circle(), Square()), Arrow(), DashedLine()],
    ids=["square", "group", "arrow", "dashed"],
)
def test_same_subpaths_on_real_shapes(mob):
    for member in mob.family_members_with_points():
        expected, got = _both(member, member.points)
        assert [a.tolist() for a in expected] == [b.tolist() for b in got]
