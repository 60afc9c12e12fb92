"""Number lines and what stands on them: dot plots, markers (a mean), spans (mean +- std), and a
number line fitted to the values it must hold.

The builders only place core results on screen; the tick step of a fitted line is the one
choice made here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, Dot, Line, NumberLine, Rectangle, VGroup

from mathdl_anim.draw.style import LABEL_SIZE, PALETTE
from mathdl_anim.draw.text import make_tex, num

__all__ = [
    "make_number_line",
    "make_fitting_number_line",
    "make_dot_plot",
    "make_marker",
    "make_span",
]


def make_number_line(lo: float, hi: float, step: float, length: float, labels: Sequence[float]) -> NumberLine:
    """A number line from ``lo`` to ``hi`` labelled at ``labels`` by the formatting policy.

    Parameters
    ----------
    lo, hi, step
        The range and the tick spacing.
    length
        The line's length on screen.
    labels
        The values that get a number under the line.

    Returns
    -------
    NumberLine
        A muted line with formatted labels.

    Examples
    --------
    ::

        line = make_number_line(-2, 2, 1, 8.0, [-2, 0, 2])
    """
    line = NumberLine(x_range=[lo, hi, step], length=length, color=PALETTE.muted, stroke_width=2)
    line.add_labels({x: make_tex(num(x), color=PALETTE.muted, font_size=LABEL_SIZE) for x in labels})
    return line


def make_fitting_number_line(values, length: float, max_ticks: int = 14) -> NumberLine:
    """A number line with a round step, long enough to hold every number in ``values``.

    Parameters
    ----------
    values
        The numbers the line must hold (any shape).
    length
        The line's length on screen.
    max_ticks
        The most ticks wanted (the step is 1, 2 or 5 times a power of ten).

    Returns
    -------
    NumberLine
        A :func:`make_number_line` from a tick at or below the smallest value to one at or
        above the largest (a step further where a value would sit on the end), labelled at
        every tick, or every other one past 16 ticks.

    Examples
    --------
    ::

        line = make_fitting_number_line(batch, length=9.0)
    """
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


def make_dot_plot(line: NumberLine, values, color: str | None = None, radius: float = 0.09) -> VGroup:
    """A dot above ``line`` for every value; equal values stack upwards.

    Parameters
    ----------
    line
        The number line the values are read on.
    values
        One dot per value, in order.
    color, radius
        The dots' look (default colour: the input's).

    Returns
    -------
    VGroup
        One :class:`~manim.Dot` per value.

    Examples
    --------
    ::

        dots = make_dot_plot(line, [1.0, 2.0, 2.0])  # the second 2.0 sits on the first
    """
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
    """A vertical mark standing on ``line`` at ``value`` (e.g. the mean).

    Parameters
    ----------
    line
        The number line.
    value
        Where the mark stands.
    height, color
        The mark's look (default colour: the highlight).

    Returns
    -------
    Line
        A vertical line from just under the number line upwards.

    Examples
    --------
    ::

        mean = make_marker(line, example.mean)
    """
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
    """A translucent band over ``line`` from ``lo`` to ``hi`` (e.g. mean +- one std).

    Parameters
    ----------
    line
        The number line.
    lo, hi
        The band's ends, in the line's units.
    color, opacity, height
        The band's look (default colour: the output's).

    Returns
    -------
    Rectangle
        A band standing on the line.

    Examples
    --------
    ::

        band = make_span(line, mean - std, mean + std)
    """
    a, b = line.n2p(lo), line.n2p(hi)
    band = Rectangle(width=max(b[0] - a[0], 1e-3), height=height)
    band.move_to((a + b) / 2 + height / 2 * np.array([0, 1, 0]))
    return band.set_fill(color or PALETTE.output, opacity=opacity).set_stroke(
        color or PALETTE.output, width=1.5
    )
