"""Builders for the calculus chapter: plotted curves, lines, contour maps and graphs of nodes.

Everything here maps core results (samples, segment ends, contour points) to screen
coordinates; no mathematics of its own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from manim import (
    RIGHT,
    Arrow,
    Axes,
    Dot,
    Line,
    RoundedRectangle,
    VGroup,
    VMobject,
)

from mathdl_anim.draw.style import PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import fit_width, make_tex

__all__ = [
    "tick_step",
    "make_axes",
    "make_axis_labels",
    "make_curve",
    "make_segment",
    "make_point",
    "make_contours",
    "make_node",
    "make_edge",
]


def tick_step(span: float) -> float:
    """A round tick spacing (1, 2 or 5 times a power of ten) giving about 4 to 10 ticks."""
    raw = max(span, 1e-9) / 6
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def make_axes(x_range: Sequence[float], y_range: Sequence[float], width: float, height: float) -> Axes:
    """Axes over the window, muted, with round ticks and no numbers."""
    (xa, xb), (ya, yb) = x_range, y_range
    axes = Axes(
        x_range=[xa, xb, tick_step(xb - xa)],
        y_range=[ya, yb, tick_step(yb - ya)],
        x_length=width,
        y_length=height,
        tips=False,
        axis_config={"color": PALETTE.muted, "include_numbers": False, "tick_size": 0.05, "stroke_width": 2},
    )
    return axes


def make_axis_labels(axes: Axes, x_tex: str, y_tex: str) -> VGroup:
    """Axis names beside the right end of the x-axis and the top of the y-axis."""
    x_label = make_tex(x_tex, color=PALETTE.muted, font_size=SMALL_SIZE)
    x_label.next_to(axes.x_axis.get_right(), RIGHT, buff=0.15)
    y_label = make_tex(y_tex, color=PALETTE.muted, font_size=SMALL_SIZE)
    y_label.next_to(axes.y_axis.get_top(), RIGHT, buff=0.15)
    return VGroup(x_label, y_label)


def _polyline(points: np.ndarray, color: str, stroke_width: float) -> VGroup:
    """One VMobject per run of finite points (a curve breaks where it is undefined)."""
    group = VGroup()
    finite = np.all(np.isfinite(points), axis=1)
    start = None
    for k, ok in enumerate(list(finite) + [False]):
        if ok and start is None:
            start = k
        elif not ok and start is not None:
            if k - start >= 2:
                group.add(
                    VMobject(color=color, stroke_width=stroke_width).set_points_as_corners(points[start:k])
                )
            start = None
    return group


def make_curve(axes: Axes, xs: np.ndarray, ys: np.ndarray, color: str, stroke_width: float = 4) -> VGroup:
    """The sampled curve ``(xs, ys)`` (``nan`` for gaps) on ``axes``."""
    pts = np.array([axes.c2p(x, y) if np.isfinite(y) else (np.nan,) * 3 for x, y in zip(xs, ys)])
    return _polyline(pts, color, stroke_width)


def make_segment(axes: Axes, ends, color: str, stroke_width: float = 4) -> Line:
    """The segment between two points given in axes coordinates."""
    (x1, y1), (x2, y2) = ends
    return Line(axes.c2p(x1, y1), axes.c2p(x2, y2), color=color, stroke_width=stroke_width)


def make_point(axes: Axes, x: float, y: float, color: str, radius: float = 0.08) -> Dot:
    """A dot at ``(x, y)`` in axes coordinates."""
    return Dot(axes.c2p(x, y), radius=radius, color=color)


def make_contours(
    axes: Axes, contours: Sequence[np.ndarray], color: str, highlight: int | None = None
) -> VGroup:
    """Level curves (arrays of ``(x, y)`` points, ``nan`` outside the window) on ``axes``."""
    group = VGroup()
    for k, curve in enumerate(contours):
        pts = np.array([axes.c2p(x, y) if np.isfinite(x) else (np.nan,) * 3 for x, y in curve])
        width = 3 if k == highlight else 2
        line = _polyline(pts, PALETTE.highlight if k == highlight else color, width)
        line.set_stroke(opacity=1 if k == highlight else 0.6)
        group.add(line)
    return group


def make_node(
    tex: str, color: str, width: float = 1.3, height: float = 0.75, font_size: float = SMALL_SIZE
) -> VGroup:
    """A rounded box with a label (a node of a computational graph or a function of a chain)."""
    box = RoundedRectangle(corner_radius=0.15, width=width, height=height, color=color, stroke_width=3)
    box.set_fill(PALETTE.background, opacity=1)
    label = fit_width(make_tex(tex, color=color, font_size=font_size), width - 0.2)
    label.move_to(box)
    return VGroup(box, label)


def make_edge(start, end, color: str | None = None, buff: float = 0.08) -> Arrow:
    """An arrow from the border of ``start`` to the border of ``end``."""
    direction = end.get_center() - start.get_center()
    direction = direction / (np.linalg.norm(direction) or 1)
    a = start.get_boundary_point(direction) if hasattr(start, "get_boundary_point") else start
    b = end.get_boundary_point(-direction) if hasattr(end, "get_boundary_point") else end
    return Arrow(
        a,
        b,
        buff=buff,
        color=color or PALETTE.muted,
        stroke_width=3,
        max_tip_length_to_length_ratio=0.2,
        max_stroke_width_to_length_ratio=8,
    )
