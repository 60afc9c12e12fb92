"""Builders for distributions: bars, histograms, curves, shaded bands, dot plots, die faces.

Every builder takes numbers computed by the core and only places them on screen; the one
piece of arithmetic here is the mapping from values to screen coordinates (``top`` is the
value drawn at the top of an axis, so a bar of height ``h`` reaches ``h / top`` of it).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    Axes,
    Dot,
    Line,
    NumberLine,
    Polygon,
    Rectangle,
    RoundedRectangle,
    VGroup,
    VMobject,
)

from mathdl_anim.draw.style import LABEL_SIZE, PALETTE
from mathdl_anim.draw.text import make_tex, num

__all__ = [
    "make_value_axes",
    "fit_top",
    "make_bars",
    "make_histogram",
    "make_bar_chart",
    "make_curve",
    "make_area",
    "make_number_line",
    "make_fitting_number_line",
    "make_dot_plot",
    "make_marker",
    "make_span",
    "make_die_face",
]

#: Pip positions of die faces 1 to 6, on a 3x3 grid from -1 to 1.
_PIPS = {
    1: [(0, 0)],
    2: [(-1, 1), (1, -1)],
    3: [(-1, 1), (0, 0), (1, -1)],
    4: [(-1, 1), (1, 1), (-1, -1), (1, -1)],
    5: [(-1, 1), (1, 1), (0, 0), (-1, -1), (1, -1)],
    6: [(-1, 1), (1, 1), (-1, 0), (1, 0), (-1, -1), (1, -1)],
}


def make_value_axes(
    x_range: Sequence[float],
    x_labels: Sequence[float],
    x_length: float = 8.0,
    y_length: float = 4.0,
) -> Axes:
    """Axes for a distribution: x labelled at ``x_labels`` (formatted by the policy), y running
    from 0 to 1 of the ``top`` value without ticks (the bars and curve carry the scale)."""
    axes = Axes(
        x_range=[x_range[0], x_range[1], x_range[2] if len(x_range) > 2 else 1],
        y_range=[0, 1, 1],
        x_length=x_length,
        y_length=y_length,
        tips=False,
        axis_config={"color": PALETTE.muted, "stroke_width": 2},
        y_axis_config={"include_ticks": False},
    )
    axes.y_axis.set_stroke(opacity=0)  # the scale lives in the bars and the curve, not in ticks
    axes.x_axis.add_labels({x: make_tex(num(x), color=PALETTE.muted, font_size=LABEL_SIZE) for x in x_labels})
    return axes


def fit_top(*heights, margin: float = 1.08) -> float:
    """The value to draw at the top of the axis so that every height fits, with a margin."""
    return margin * max(float(np.max(np.asarray(h, dtype=float))) for h in heights)


def make_bars(
    axes: Axes, lefts, rights, heights, top: float, color: str, fill_opacity: float = 0.75
) -> VGroup:
    """One rectangle per ``(left, right, height)`` standing on the x-axis of ``axes``."""
    bars = VGroup()
    for left, right, height in zip(lefts, rights, heights):
        y = float(height) / top
        lo, hi = axes.c2p(left, 0), axes.c2p(right, y)
        bar = Rectangle(width=max(hi[0] - lo[0], 1e-3), height=max(hi[1] - lo[1], 1e-3))
        bar.move_to((lo + hi) / 2)
        bar.set_fill(color, opacity=fill_opacity if y > 0 else 0)
        bar.set_stroke(color, width=1 if y > 0 else 0, opacity=1)
        bars.add(bar)
    return bars


def make_histogram(
    axes: Axes, edges, heights, top: float, color: str | None = None, fill_opacity: float = 0.7
) -> VGroup:
    """Histogram bars between consecutive ``edges`` (one per bin, however many samples)."""
    edges = np.asarray(edges, dtype=float)
    return make_bars(axes, edges[:-1], edges[1:], heights, top, color or PALETTE.input, fill_opacity)


def make_bar_chart(
    axes: Axes,
    centers,
    heights,
    top: float,
    width: float = 0.6,
    offset: float = 0.0,
    color: str | None = None,
    fill_opacity: float = 0.8,
) -> VGroup:
    """Bars of ``width`` (axis units) centred at ``centers + offset``."""
    centers = np.asarray(centers, dtype=float) + offset
    return make_bars(
        axes, centers - width / 2, centers + width / 2, heights, top, color or PALETTE.output, fill_opacity
    )


def make_curve(axes: Axes, xs, ys, top: float, color: str | None = None, stroke_width: float = 4) -> VMobject:
    """The graph through ``(xs, ys)``."""
    points = [axes.c2p(x, y / top) for x, y in zip(xs, ys)]
    curve = VMobject().set_points_smoothly(points)
    return curve.set_stroke(color or PALETTE.output, width=stroke_width)


def make_area(axes: Axes, xs, ys, top: float, color: str | None = None, opacity: float = 0.3) -> Polygon:
    """The region between the x-axis and the graph through ``(xs, ys)``."""
    points = [axes.c2p(xs[0], 0)] + [axes.c2p(x, y / top) for x, y in zip(xs, ys)] + [axes.c2p(xs[-1], 0)]
    area = Polygon(*points)
    return area.set_fill(color or PALETTE.output, opacity=opacity).set_stroke(width=0)


def make_number_line(lo: float, hi: float, step: float, length: float, labels: Sequence[float]) -> NumberLine:
    """A number line from ``lo`` to ``hi`` labelled at ``labels`` by the formatting policy."""
    line = NumberLine(x_range=[lo, hi, step], length=length, color=PALETTE.muted, stroke_width=2)
    line.add_labels({x: make_tex(num(x), color=PALETTE.muted, font_size=LABEL_SIZE) for x in labels})
    return line


def make_dot_plot(line: NumberLine, values, color: str | None = None, radius: float = 0.09) -> VGroup:
    """A dot above ``line`` for every value; equal values stack upwards."""
    dots = VGroup()
    seen: dict[float, int] = {}
    for v in values:
        key = round(float(v), 9)
        level = seen.get(key, 0)
        seen[key] = level + 1
        point = line.n2p(float(v)) + (0.22 + 2.4 * radius * level) * np.array([0, 1, 0])
        dots.add(Dot(point, radius=radius, color=color or PALETTE.input))
    return dots


def make_marker(line: NumberLine, value: float, height: float = 1.1, color: str | None = None) -> Line:
    """A vertical mark standing on ``line`` at ``value`` (e.g. the mean)."""
    start = line.n2p(value)
    return Line(
        start + 0.05 * DOWN,
        start + height * np.array([0, 1, 0]),
        color=color or PALETTE.highlight,
        stroke_width=4,
    )


def make_span(
    line: NumberLine,
    lo: float,
    hi: float,
    color: str | None = None,
    opacity: float = 0.25,
    height: float = 1.1,
) -> Rectangle:
    """A translucent band over ``line`` from ``lo`` to ``hi`` (e.g. mean +- one std)."""
    a, b = line.n2p(lo), line.n2p(hi)
    band = Rectangle(width=max(b[0] - a[0], 1e-3), height=height)
    band.move_to((a + b) / 2 + height / 2 * np.array([0, 1, 0]))
    return band.set_fill(color or PALETTE.output, opacity=opacity).set_stroke(
        color or PALETTE.output, width=1.5
    )


def make_die_face(pips: int, size: float = 1.0, color: str | None = None) -> VGroup:
    """A die face showing ``pips`` (1 to 6) dots."""
    face = RoundedRectangle(corner_radius=0.15 * size, width=size, height=size)
    face.set_stroke(color or PALETTE.text, width=3).set_fill(PALETTE.background, opacity=1)
    step = 0.27 * size
    dots = VGroup(
        *(
            Dot(
                face.get_center() + step * np.array([x, y, 0]),
                radius=0.08 * size,
                color=color or PALETTE.text,
            )
            for x, y in _PIPS[pips]
        )
    )
    return VGroup(face, dots)


def make_fitting_number_line(values, length: float, max_ticks: int = 14) -> NumberLine:
    """A number line with a round step, long enough to hold every number in ``values``."""
    values = np.asarray(values, dtype=float).reshape(-1)
    lo, hi = float(values.min()), float(values.max())
    span = max(hi - lo, 1e-9)
    step = next(m * 10.0**e for e in range(-6, 9) for m in (1, 2, 5) if span / (m * 10.0**e) <= max_ticks - 2)
    # one more step at an end whose outermost value sits just inside the last tick
    start = step * np.floor(lo / step)
    stop = step * np.ceil(hi / step)
    start -= step if 0 < lo - start < 0.08 * step else 0
    stop += step if 0 < stop - hi < 0.08 * step else 0
    ticks = np.arange(start, stop + step / 2, step)
    labels = (
        [float(round(t, 9)) for t in ticks] if len(ticks) <= 16 else [float(round(t, 9)) for t in ticks[::2]]
    )
    return make_number_line(start, stop, step, length, labels)
