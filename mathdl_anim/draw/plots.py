"""Plots: axes, the curves, points, segments, bars and areas drawn on them, contour lines and
contour maps, paths across a map, bars on a log scale and the loss panel.

Every builder takes numbers computed by the core and only places them on screen; the one piece
of arithmetic here is the mapping from values to screen coordinates (``top`` is the value drawn
at the top of a distribution's axis, so a bar of height ``h`` reaches ``h / top`` of it).

Which axes to use:

* :func:`make_axes`: a plain window ``x_range x y_range`` with round ticks and no numbers (plot
  :func:`make_curve`, :func:`make_point`, :func:`make_segment`, :func:`make_contours` on it).
* :func:`make_value_axes`: a distribution's axes, x labelled, y running from 0 to 1 of ``top``
  (plot :func:`make_bars`, :func:`make_histogram`, :func:`make_bar_chart`,
  :func:`make_density_curve`, :func:`make_area` on it).
* :func:`make_loss_panel`: the loss of one weight, with its curve, ready for a ball.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Dot,
    Line,
    NumberLine,
    Polygon,
    Rectangle,
    VGroup,
    VMobject,
)

from mathdl_anim.draw.style import LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import make_tex, num

__all__ = [
    "make_broken_polyline",
    # axes
    "tick_step",
    "make_axes",
    "make_axis_labels",
    "make_value_axes",
    "fit_top",
    # curves, points and segments on axes
    "make_curve",
    "make_density_curve",
    "make_area",
    "make_segment",
    "make_point",
    # bars
    "make_bars",
    "make_histogram",
    "make_bar_chart",
    # contours and paths
    "make_contours",
    "MapFrame",
    "make_contour_map",
    "clip_segments",
    "make_polyline",
    # bars on a log scale
    "LogBars",
    "log_exponent_range",
    "make_log_bars",
    # the loss of one weight
    "LossPanel",
    "make_loss_panel",
]


# ---------------------------------------------------------------------------------------------
# Axes
# ---------------------------------------------------------------------------------------------
def tick_step(span: float) -> float:
    """A round tick spacing (1, 2 or 5 times a power of ten) giving about 4 to 10 ticks.

    Parameters
    ----------
    span
        The length of the axis' range, in axis units.

    Returns
    -------
    float
        The smallest of 1, 2, 5 or 10 times a power of ten that is at least ``span / 6``.

    Examples
    --------
    ::

        tick_step(3.0)  # 0.5
    """
    raw = max(span, 1e-9) / 6
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def make_axes(
    x_range: Sequence[float],
    y_range: Sequence[float],
    width: float,
    height: float,
    x_labels: Sequence[float] = (),
    y_labels: Sequence[float] = (),
) -> Axes:
    """Axes over the window, muted, with round ticks, numbered at ``x_labels`` and ``y_labels``.

    Use these for a function's graph (:func:`make_curve`), points, segments and contour lines;
    a distribution's bars and density use :func:`make_value_axes` instead.

    Parameters
    ----------
    x_range, y_range
        ``(low, high)`` of each axis, in axis units (the tick step is :func:`tick_step`).
    width, height
        The axes' length on screen, in scene units.
    x_labels, y_labels
        The values that get a number beside their axis (formatted by the policy; default none).

    Returns
    -------
    Axes
        Axes without tips.

    Examples
    --------
    ::

        axes = make_axes((-3, 3), (0, 9), width=6, height=4)
    """
    (xa, xb), (ya, yb) = x_range, y_range
    axes = Axes(
        x_range=[xa, xb, tick_step(xb - xa)],
        y_range=[ya, yb, tick_step(yb - ya)],
        x_length=width,
        y_length=height,
        tips=False,
        axis_config={"color": PALETTE.muted, "include_numbers": False, "tick_size": 0.05, "stroke_width": 2},
    )
    for axis, labels in ((axes.x_axis, x_labels), (axes.y_axis, y_labels)):
        if len(labels):
            axis.add_labels({v: make_tex(num(v), color=PALETTE.muted, font_size=LABEL_SIZE) for v in labels})
    return axes


def make_axis_labels(axes: Axes, x_tex: str, y_tex: str) -> VGroup:
    """Axis names beside the right end of the x-axis and the top of the y-axis.

    Parameters
    ----------
    axes
        The axes to name.
    x_tex, y_tex
        The names, in math mode.

    Returns
    -------
    VGroup
        ``(x_label, y_label)``.

    Examples
    --------
    ::

        labels = make_axis_labels(axes, "x", "f(x)")
    """
    x_label = make_tex(x_tex, color=PALETTE.muted, font_size=SMALL_SIZE)
    x_label.next_to(axes.x_axis.get_right(), RIGHT, buff=0.15)
    y_label = make_tex(y_tex, color=PALETTE.muted, font_size=SMALL_SIZE)
    y_label.next_to(axes.y_axis.get_top(), RIGHT, buff=0.15)
    return VGroup(x_label, y_label)


def make_value_axes(
    x_range: Sequence[float],
    x_labels: Sequence[float],
    x_length: float = 8.0,
    y_length: float = 4.0,
) -> Axes:
    """Axes for a distribution: x labelled at ``x_labels`` (formatted by the policy), y running
    from 0 to 1 of the ``top`` value without ticks (the bars and curve carry the scale).

    Use these for bars, histograms, densities and areas (every builder taking ``top``); a
    function's graph in its own units uses :func:`make_axes`.

    Parameters
    ----------
    x_range
        ``(low, high)`` or ``(low, high, step)`` of the x-axis (step 1 by default).
    x_labels
        The x values that get a number under the axis.
    x_length, y_length
        The axes' size on screen.

    Returns
    -------
    Axes
        Axes whose y-axis is invisible and runs from 0 to 1.

    Examples
    --------
    ::

        axes = make_value_axes((0.5, 6.5), [1, 2, 3, 4, 5, 6])
    """
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
    """The value to draw at the top of the axis so that every height fits, with a margin.

    Parameters
    ----------
    *heights
        Arrays (or numbers) of the heights to be drawn.
    margin
        The factor above the largest height.

    Returns
    -------
    float
        ``margin`` times the largest height.

    Examples
    --------
    ::

        top = fit_top(probabilities, density)
    """
    return margin * max(float(np.max(np.asarray(h, dtype=float))) for h in heights)


# ---------------------------------------------------------------------------------------------
# Curves, areas, points and segments on axes
# ---------------------------------------------------------------------------------------------
def make_broken_polyline(points: np.ndarray, color: str, stroke_width: float) -> VGroup:
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
    """The sampled curve ``(xs, ys)`` (``nan`` for gaps) on ``axes``.

    Straight segments through the samples, in the axes' own units, broken where ``ys`` is
    ``nan``: use it for a function's graph on :func:`make_axes`. A distribution's density,
    scaled by ``top`` and smoothed, is :func:`make_density_curve`.

    Parameters
    ----------
    axes
        The axes the samples are plotted on.
    xs, ys
        The samples; ``nan`` in ``ys`` where the function is undefined.
    color, stroke_width
        The stroke.

    Returns
    -------
    VGroup
        One :class:`~manim.VMobject` per run of at least two finite samples.

    Examples
    --------
    ::

        curve = make_curve(axes, xs, xs**2, PALETTE.output)
    """
    pts = np.array([axes.c2p(x, y) if np.isfinite(y) else (np.nan,) * 3 for x, y in zip(xs, ys)])
    return make_broken_polyline(pts, color, stroke_width)


def make_density_curve(
    axes: Axes, xs, ys, top: float, color: str | None = None, stroke_width: float = 4
) -> VMobject:
    """The smooth graph through ``(xs, ys / top)`` on a distribution's axes.

    Use it for a density (or any curve sharing the scale ``top`` of the bars) on
    :func:`make_value_axes`; a function's graph in the axes' own units, with gaps, is
    :func:`make_curve`.

    Parameters
    ----------
    axes
        Axes from :func:`make_value_axes` (y from 0 to 1).
    xs, ys
        The samples (all finite).
    top
        The value drawn at the top of the y-axis (:func:`fit_top`).
    color, stroke_width
        The stroke (default colour: the output's).

    Returns
    -------
    VMobject
        One smooth path through every sample.

    Examples
    --------
    ::

        density = make_density_curve(axes, xs, pdf, top, color=PALETTE.output)
    """
    points = [axes.c2p(x, y / top) for x, y in zip(xs, ys)]
    curve = VMobject().set_points_smoothly(points)
    return curve.set_stroke(color or PALETTE.output, width=stroke_width)


def make_area(axes: Axes, xs, ys, top: float, color: str | None = None, opacity: float = 0.3) -> Polygon:
    """The region between the x-axis and the graph through ``(xs, ys)``.

    Parameters
    ----------
    axes
        Axes from :func:`make_value_axes`.
    xs, ys
        The samples of the upper edge, from left to right.
    top
        The value drawn at the top of the y-axis.
    color, opacity
        The fill (no stroke; default colour: the output's).

    Returns
    -------
    Polygon
        The filled region, closed along the x-axis.

    Examples
    --------
    ::

        band = make_area(axes, xs[inside], pdf[inside], top)
    """
    points = [axes.c2p(xs[0], 0)] + [axes.c2p(x, y / top) for x, y in zip(xs, ys)] + [axes.c2p(xs[-1], 0)]
    area = Polygon(*points)
    return area.set_fill(color or PALETTE.output, opacity=opacity).set_stroke(width=0)


def make_segment(axes: Axes, ends, color: str, stroke_width: float = 4) -> Line:
    """The segment between two points given in axes coordinates.

    Parameters
    ----------
    axes
        The axes the ends are given in.
    ends
        ``((x1, y1), (x2, y2))``.
    color, stroke_width
        The stroke.

    Returns
    -------
    Line
        The segment on screen.

    Examples
    --------
    ::

        tangent = make_segment(axes, ((0, 1), (2, 5)), PALETTE.gradient)
    """
    (x1, y1), (x2, y2) = ends
    return Line(axes.c2p(x1, y1), axes.c2p(x2, y2), color=color, stroke_width=stroke_width)


def make_point(axes: Axes, x: float, y: float, color: str, radius: float = 0.08) -> Dot:
    """A dot at ``(x, y)`` in axes coordinates.

    Parameters
    ----------
    axes
        The axes ``(x, y)`` is given in.
    x, y
        The point.
    color, radius
        The dot's look.

    Returns
    -------
    Dot
        A dot centred on the point.

    Examples
    --------
    ::

        dot = make_point(axes, 1.0, 1.0, PALETTE.highlight)
    """
    return Dot(axes.c2p(x, y), radius=radius, color=color)


# ---------------------------------------------------------------------------------------------
# Bars
# ---------------------------------------------------------------------------------------------
def make_bars(
    axes: Axes, lefts, rights, heights, top: float, color: str, fill_opacity: float = 0.75
) -> VGroup:
    """One rectangle per ``(left, right, height)`` standing on the x-axis of ``axes``.

    Parameters
    ----------
    axes
        Axes from :func:`make_value_axes`.
    lefts, rights
        Each bar's edges, in x-axis units.
    heights
        Each bar's value; it reaches ``height / top`` of the y-axis (a zero bar is invisible).
    top
        The value drawn at the top of the y-axis.
    color, fill_opacity
        The bars' look.

    Returns
    -------
    VGroup
        One :class:`~manim.Rectangle` per bar, in order.

    Examples
    --------
    ::

        bars = make_bars(axes, [0, 1], [1, 2], [0.3, 0.7], top=1.0, color=PALETTE.input)
    """
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
    """Histogram bars between consecutive ``edges`` (one per bin, however many samples).

    Parameters
    ----------
    axes
        Axes from :func:`make_value_axes`.
    edges
        The ``n + 1`` bin edges.
    heights
        The ``n`` bin heights (densities or counts, on the scale of ``top``).
    top
        The value drawn at the top of the y-axis.
    color, fill_opacity
        The bars' look (default colour: the input's).

    Returns
    -------
    VGroup
        One bar per bin (see :func:`make_bars`).

    Examples
    --------
    ::

        histogram = make_histogram(axes, edges, density, top)
    """
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
    """Bars of ``width`` (axis units) centred at ``centers + offset``.

    Parameters
    ----------
    axes
        Axes from :func:`make_value_axes`.
    centers
        Where each bar stands, in x-axis units.
    heights
        Each bar's value, on the scale of ``top``.
    top
        The value drawn at the top of the y-axis.
    width, offset
        The bars' width and a shift of every bar (two charts side by side), in x-axis units.
    color, fill_opacity
        The bars' look (default colour: the output's).

    Returns
    -------
    VGroup
        One bar per value (see :func:`make_bars`).

    Examples
    --------
    ::

        chart = make_bar_chart(axes, [1, 2, 3, 4, 5, 6], [1 / 6] * 6, top=0.2)
    """
    centers = np.asarray(centers, dtype=float) + offset
    return make_bars(
        axes, centers - width / 2, centers + width / 2, heights, top, color or PALETTE.output, fill_opacity
    )


# ---------------------------------------------------------------------------------------------
# Contour lines, contour maps and paths
# ---------------------------------------------------------------------------------------------
def make_contours(
    axes: Axes, contours: Sequence[np.ndarray], color: str, highlight: int | None = None
) -> VGroup:
    """Level curves (arrays of ``(x, y)`` points, ``nan`` outside the window) on ``axes``.

    Parameters
    ----------
    axes
        The axes the points are given in (:func:`make_axes`).
    contours
        One array of ``(x, y)`` points per level.
    color
        The levels' colour.
    highlight
        The index of a level drawn thicker, opaque and in the highlight colour.

    Returns
    -------
    VGroup
        One group of paths per level (see :func:`make_curve` for the breaks).

    Examples
    --------
    ::

        levels = make_contours(axes, contours, PALETTE.muted, highlight=2)
    """
    group = VGroup()
    for k, curve in enumerate(contours):
        pts = np.array([axes.c2p(x, y) if np.isfinite(x) else (np.nan,) * 3 for x, y in curve])
        width = 3 if k == highlight else 2
        line = make_broken_polyline(pts, PALETTE.highlight if k == highlight else color, width)
        line.set_stroke(opacity=1 if k == highlight else 0.6)
        group.add(line)
    return group


@dataclass
class MapFrame:
    """Maps a box of weight space onto a screen rectangle with equal scales on both axes."""

    box: tuple[tuple[float, float], tuple[float, float]]
    center: np.ndarray
    scale: float

    @classmethod
    def fit(cls, box, width: float, height: float, center) -> MapFrame:
        """The largest frame of ``box`` fitting ``width x height``, centred on ``center``.

        Parameters
        ----------
        box
            ``((x0, x1), (y0, y1))`` in weight space.
        width, height
            The room on screen.
        center
            The screen point at the middle of the box.

        Returns
        -------
        MapFrame
            The frame (one scale for both axes).

        Examples
        --------
        ::

            frame = MapFrame.fit(((-2, 2), (-1, 1)), 6, 4, ORIGIN)
        """
        (x0, x1), (y0, y1) = box
        scale = min(width / (x1 - x0), height / (y1 - y0))
        return cls(box, np.asarray(center, dtype=float), scale)

    @property
    def size(self) -> tuple[float, float]:
        """The box's ``(width, height)`` on screen."""
        (x0, x1), (y0, y1) = self.box
        return (x1 - x0) * self.scale, (y1 - y0) * self.scale

    def point(self, w) -> np.ndarray:
        """Screen point of ``w = (w1, w2)``, clamped to the box.

        Parameters
        ----------
        w
            A point of weight space.

        Returns
        -------
        numpy.ndarray
            The screen point (3 coordinates).

        Examples
        --------
        ::

            ball.move_to(frame.point(path[k]))
        """
        (x0, x1), (y0, y1) = self.box
        x = float(np.clip(w[0], x0, x1))
        y = float(np.clip(w[1], y0, y1))
        return self.center + self.scale * np.array([x - (x0 + x1) / 2, y - (y0 + y1) / 2, 0.0])

    def points(self, ws) -> np.ndarray:
        """Screen points of many points of weight space (see :meth:`point`).

        Parameters
        ----------
        ws
            Points of weight space, any shape ending in 2.

        Returns
        -------
        numpy.ndarray
            One screen point per row, shape ``(n, 3)``.

        Examples
        --------
        ::

            path = make_polyline(frame.points(trajectory), PALETTE.input)
        """
        return np.array([self.point(w) for w in np.asarray(ws, dtype=float).reshape(-1, 2)])


def _segments_mobject(frame: MapFrame, segments: np.ndarray, **style) -> VMobject:
    mob = VMobject(**style)
    for a, b in segments:
        pa, pb = frame.point(a), frame.point(b)
        mob.start_new_path(pa)
        mob.add_line_to(pb)
    return mob


def make_contour_map(
    box, contours: Sequence[np.ndarray], minimum, width: float, height: float, center=(0.0, 0.0, 0.0)
) -> tuple[VGroup, MapFrame]:
    """A framed map of the loss: one line per contour level and a cross at the minimum.

    Parameters
    ----------
    box
        ``((x0, x1), (y0, y1))``: the window of weight space shown.
    contours
        One array of segments ``((w1, w2), (w1, w2))`` per level, innermost first.
    minimum
        The point of weight space marked with a cross.
    width, height, center
        The room on screen (see :meth:`MapFrame.fit`).

    Returns
    -------
    tuple[VGroup, MapFrame]
        ``(border, lines, cross, labels)`` as one group, and the frame that places points on it.

    Examples
    --------
    ::

        picture, frame = make_contour_map(box, contours, minimum, 6.0, 4.5, center=LEFT)
    """
    frame = MapFrame.fit(box, width, height, center)
    w, h = frame.size
    border = Rectangle(width=w, height=h, color=PALETTE.muted, stroke_width=1.5).move_to(frame.center)
    n = max(len(contours), 1)
    lines = VGroup(
        *(
            _segments_mobject(
                frame,
                seg,
                stroke_color=PALETTE.muted,
                stroke_width=1.6,
                stroke_opacity=0.25 + 0.5 * (1 - k / n),
            )
            for k, seg in enumerate(contours)
            if len(seg)
        )
    )
    cross = (
        VGroup(Line(UP + LEFT, DOWN + RIGHT), Line(UP + RIGHT, DOWN + LEFT))
        .scale(0.09)
        .set_stroke(PALETTE.highlight, 3)
        .move_to(frame.point(minimum))
    )
    labels = VGroup(
        make_tex("w_1", color=PALETTE.weight, font_size=LABEL_SIZE).next_to(border, DOWN, buff=0.1),
        make_tex("w_2", color=PALETTE.weight, font_size=LABEL_SIZE).next_to(border, LEFT, buff=0.1),
    )
    return VGroup(border, lines, cross, labels), frame


def clip_segments(mob: VMobject, lower_left, upper_right) -> VMobject:
    """Cut a path of straight segments to a screen rectangle, in place (Liang and Barsky).

    A contour map that zooms stretches its lines far past its frame; cairo draws everything, so
    the parts outside must go. Each segment (one cubic of a path made with ``start_new_path``
    and ``add_line_to``, as :func:`make_contour_map` and :class:`~manim.Line` make them) keeps
    the part inside the rectangle, with its handles at a third and two thirds as manim puts
    them; a segment wholly outside is dropped.

    Parameters
    ----------
    mob
        A path whose every cubic is a straight segment.
    lower_left, upper_right
        Opposite corners of the rectangle (screen points; only ``x`` and ``y`` are read).

    Returns
    -------
    VMobject
        ``mob``, cut.

    Examples
    --------
    >>> from manim import Line
    >>> line = clip_segments(Line([-2.0, 0.0, 0.0], [2.0, 1.0, 0.0]), (-1, -1), (1, 1))
    >>> line.get_start()[:2].round(3).tolist(), line.get_end()[:2].round(3).tolist()
    ([-1.0, 0.25], [1.0, 0.75])
    """
    n = mob.n_points_per_cubic_curve
    points = mob.points.reshape(-1, n, 3)
    if not len(points):
        return mob
    a, d = points[:, 0], points[:, -1] - points[:, 0]
    t0, t1 = np.zeros(len(a)), np.ones(len(a))
    keep = np.ones(len(a), dtype=bool)
    for axis, lo, hi in ((0, lower_left[0], upper_right[0]), (1, lower_left[1], upper_right[1])):
        for p, q in ((-d[:, axis], a[:, axis] - lo), (d[:, axis], hi - a[:, axis])):
            with np.errstate(divide="ignore", invalid="ignore"):
                r = q / p
            keep &= ~((p == 0) & (q < 0))  # parallel to this edge and outside it
            t0 = np.where(p < 0, np.maximum(t0, r), t0)
            t1 = np.where(p > 0, np.minimum(t1, r), t1)
    keep &= t0 <= t1
    a, b = a + t0[:, None] * d, a + t1[:, None] * d
    thirds = np.linspace(0.0, 1.0, n)[None, :, None]
    mob.points = (a[:, None] + thirds * (b - a)[:, None])[keep].reshape(-1, 3)
    return mob


def make_polyline(points: np.ndarray, color: str, stroke_width: float = 3) -> VMobject:
    """A path through screen ``points`` (at least one).

    Parameters
    ----------
    points
        Screen points (e.g. :meth:`MapFrame.points`); one point gives a path of zero length.
    color, stroke_width
        The stroke.

    Returns
    -------
    VMobject
        Straight segments through the points.

    Examples
    --------
    ::

        trail = make_polyline(frame.points(path[: k + 1]), optimizer_color("adam"))
    """
    pts = np.asarray(points, dtype=float)
    if len(pts) == 1:
        pts = np.vstack([pts, pts])
    return VMobject(stroke_color=color, stroke_width=stroke_width).set_points_as_corners(pts)


# ---------------------------------------------------------------------------------------------
# Bars on a log scale
# ---------------------------------------------------------------------------------------------
@dataclass
class LogBars:
    """Vertical bars whose heights are ``log10`` of positive values, on one axis."""

    group: VGroup
    axis: NumberLine
    bars: VGroup
    low_exp: int
    high_exp: int

    def height_of(self, value: float) -> float:
        """Screen height of a bar of ``value`` (values below the axis' floor get a stub).

        Parameters
        ----------
        value
            A positive value (zero and values below ``10**low_exp`` get a stub).

        Returns
        -------
        float
            The bar's height in scene units, at least 0.02.

        Examples
        --------
        ::

            bar.stretch_to_fit_height(log_bars.height_of(1e-3))
        """
        unit = self.axis.get_unit_size()
        exp = np.log10(max(float(value), 10.0**self.low_exp))
        return max((exp - self.low_exp) * unit, 0.02)


def log_exponent_range(values: Sequence[float]) -> tuple[int, int]:
    """Integer exponents below all positive ``values`` and a decade above them.

    Parameters
    ----------
    values
        The values to be drawn (non-positive ones are ignored).

    Returns
    -------
    tuple[int, int]
        ``(low, high)``, with ``low <= -1``, ``high >= 1`` and ``high > low``.

    Examples
    --------
    ::

        low, high = log_exponent_range([1e-4, 0.3])  # (-4, 1)
    """
    arr = np.asarray([v for v in values if v > 0], dtype=float)
    lo = int(np.floor(np.log10(arr.min()))) if arr.size else -1
    hi = int(np.ceil(np.log10(arr.max()))) + 1 if arr.size else 1
    return min(lo, -1), max(hi, lo + 1, 1)


def make_log_bars(
    xs: Sequence[float], low_exp: int, high_exp: int, height: float, bar_width: float, color: str, origin
) -> LogBars:
    """Bars at screen abscissas ``xs`` standing on ``origin``'s height, with a log axis on the left.

    The bars start with zero height; :meth:`LogBars.height_of` gives each value's height.

    Parameters
    ----------
    xs
        The screen abscissa of each bar.
    low_exp, high_exp
        The axis runs from ``10**low_exp`` to ``10**high_exp`` (:func:`log_exponent_range`).
    height
        The axis' length on screen.
    bar_width, color
        The bars' look.
    origin
        The screen point of ``10**low_exp`` at the foot of the axis.

    Returns
    -------
    LogBars
        The group (axis and bars), its parts and its exponents.

    Examples
    --------
    ::

        log_bars = make_log_bars(xs, *log_exponent_range(values), 3.0, 0.4, PALETTE.gradient, ORIGIN)
    """
    origin = np.asarray(origin, dtype=float)
    axis = NumberLine(
        x_range=[low_exp, high_exp, 1],
        length=height,
        rotation=np.pi / 2,
        color=PALETTE.muted,
        stroke_width=2,
        include_tip=False,
    )
    axis.shift(origin - axis.n2p(low_exp))
    size = LABEL_SIZE - 6
    labels: dict[float, str | float | VMobject] = {
        k: make_tex(f"10^{{{k}}}", color=PALETTE.muted, font_size=size)
        for k in range(low_exp, high_exp + 1, max(1, (high_exp - low_exp + 3) // 4))
    }
    axis.add_labels(labels, direction=LEFT, buff=0.15, font_size=size)
    bars = VGroup(
        *(
            Rectangle(
                width=bar_width, height=0.02, stroke_width=0, fill_color=color, fill_opacity=0.9
            ).move_to(np.array([x, origin[1], 0.0]), aligned_edge=DOWN)
            for x in xs
        )
    )
    return LogBars(VGroup(axis, bars), axis, bars, low_exp, high_exp)


# ---------------------------------------------------------------------------------------------
# The loss of one weight
# ---------------------------------------------------------------------------------------------
@dataclass
class LossPanel:
    """Axes with the loss curve of one weight, and how to place a ball on it."""

    group: VGroup
    axes: Axes
    curve: VMobject
    w_range: tuple[float, float]
    loss_max: float

    def point(self, w: float, loss: float) -> np.ndarray:
        """Screen point of ``(w, loss)``, clamped to the axes' window.

        Parameters
        ----------
        w, loss
            A weight and its loss.

        Returns
        -------
        numpy.ndarray
            The screen point (3 coordinates).

        Examples
        --------
        ::

            ball.move_to(panel.point(w, loss))
        """
        lo, hi = self.w_range
        return self.axes.c2p(float(np.clip(w, lo, hi)) - lo, float(np.clip(loss, 0, self.loss_max)))

    def is_inside(self, w: float, loss: float) -> bool:
        """Whether ``(w, loss)`` lies in the axes' window (no clamping needed).

        Parameters
        ----------
        w, loss
            A weight and its loss.

        Returns
        -------
        bool
            True inside the window, edges included.

        Examples
        --------
        ::

            if not panel.is_inside(w, loss): ...
        """
        lo, hi = self.w_range
        return lo <= w <= hi and 0 <= loss <= self.loss_max


def make_loss_panel(
    loss_fn, w_range: tuple[float, float], loss_max: float, width: float, height: float
) -> LossPanel:
    """Axes of ``w`` (horizontal) and the loss (vertical), with the curve ``loss_fn``.

    The horizontal coordinate is ``w - w_range[0]`` so that the vertical axis stands at the left.

    Parameters
    ----------
    loss_fn
        The loss as a function of the weight (from the core).
    w_range
        ``(low, high)`` of the weights shown.
    loss_max
        The loss at the top of the vertical axis.
    width, height
        The axes' size on screen.

    Returns
    -------
    LossPanel
        The group (axes, curve, ``w`` and ``L`` labels), its parts and its window.

    Examples
    --------
    ::

        panel = make_loss_panel(example.loss, (-1.0, 3.0), 4.0, width=6, height=3.5)
    """
    lo, hi = w_range
    axes = Axes(
        x_range=[0, hi - lo, (hi - lo) / 4],
        y_range=[0, loss_max, loss_max / 2],
        x_length=width,
        y_length=height,
        tips=False,
        axis_config={"color": PALETTE.muted, "stroke_width": 2, "include_ticks": False},
    )
    curve = axes.plot(lambda u: loss_fn(u + lo), x_range=[0, hi - lo], color=PALETTE.output, stroke_width=3)
    w_label = make_tex("w", color=PALETTE.weight, font_size=LABEL_SIZE)
    w_label.next_to(axes.x_axis.get_end(), DOWN, buff=0.1)
    l_label = make_tex("L", color=PALETTE.output, font_size=LABEL_SIZE)
    l_label.next_to(axes.y_axis.get_end(), LEFT, buff=0.1)
    group = VGroup(axes, curve, w_label, l_label)
    return LossPanel(group, axes, curve, w_range, loss_max)
