"""Tracing outlines with Python floats must make exactly manim's cairo calls, in order."""

from __future__ import annotations

from contextlib import nullcontext

import numpy as np
import pytest
from manim import Circle, MathTex, Square, VGroup, VMobject
from manim.camera.camera import Camera

from mathdl_anim.engine import fast_path
from mathdl_anim.engine.patches import manims_own


class Recorder:
    """Stands for a cairo context: keeps every call with its arguments (as Python floats)."""

    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        def record(*args):
            self.calls.append((name, tuple(float(a) for a in args)))

        return record


def _calls(camera, mob, fast: bool):
    with nullcontext() if fast else manims_own(fast_path):
        ctx = Recorder()
        camera.set_cairo_context_path(ctx, mob)
        return ctx.calls


def _outlines(rng):
    """Random outlines: joined, nearly joined (inside and just outside manim's tolerance),
    gaps, closed loops, stray points, non-finite points, and long ones (manim's split)."""
    tol = VMobject().tolerance_for_point_equality
    for n_curves in (0, 1, 2, 3, 7, 30, 150):
        points = rng.normal(scale=rng.choice([0.01, 1.0, 1e4]), size=(4 * n_curves, 3))
        for k in range(1, n_curves):
            kind = rng.integers(0, 6)
            if kind < 3:
                points[4 * k] = points[4 * k - 1]
            elif kind == 3:
                points[4 * k] = points[4 * k - 1]
                points[4 * k, rng.integers(0, 2)] += rng.choice([0.5, 0.999, 1.001, 2.0]) * tol
            elif kind == 4 and rng.random() < 0.3:
                points[4 * k, 2] += 5.0  # differs in z only: the same subpath in 2-D
        if n_curves and rng.random() < 0.5:
            points[-1] = points[0]  # a closed loop
        yield points
    yield rng.normal(size=(10, 3))  # not a whole number of curves
    yield rng.normal(size=(3, 3))  # fewer points than one curve
    bad = rng.normal(size=(8, 3))
    bad[3, 0] = np.nan
    yield bad


def test_same_calls_as_manim_on_random_outlines():
    rng = np.random.default_rng(7)
    camera, mob, checked = Camera(), VMobject(), 0
    for _ in range(40):
        for points in _outlines(rng):
            mob.points = points
            expected = _calls(camera, mob, fast=False)
            assert _calls(camera, mob, fast=True) == expected
            checked += len(expected)
    assert checked > 10_000


@pytest.mark.parametrize("threshold", [0, 10**6])  # every outline split by each method
def test_both_splits_agree(monkeypatch, threshold):
    monkeypatch.setattr(fast_path, "VECTORIZED_FROM", threshold)
    rng = np.random.default_rng(8)
    camera, mob = Camera(), VMobject()
    for points in _outlines(rng):
        mob.points = points
        assert _calls(camera, mob, fast=True) == _calls(camera, mob, fast=False)


def test_shapes_and_a_formula():
    camera = Camera()
    shapes = VGroup(Circle(), Square().shift([2, 1, 0]), MathTex(r"\frac{\partial L}{\partial w}"))
    traced = 0
    for mob in shapes.family_members_with_points():
        expected = _calls(camera, mob, fast=False)
        assert _calls(camera, mob, fast=True) == expected
        traced += sum(name == "close_path" for name, _ in expected)
    assert traced > 3  # closed glyph outlines were part of it
