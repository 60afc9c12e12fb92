"""Builders for the "why do we need this?" chapter: loss curves with a ball, contour maps with
trajectories and a legend, and bars on a log scale.

They only map core results to screen coordinates; every number comes from the core.
"""

from __future__ import annotations

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
    Rectangle,
    RoundedRectangle,
    VGroup,
    VMobject,
)

from mathdl_anim.draw.style import LABEL_SIZE, PALETTE
from mathdl_anim.draw.text import make_counter, make_tex, make_text

__all__ = [
    "REGIME_COLORS",
    "OPTIMIZER_COLORS",
    "regime_color",
    "optimizer_color",
    "LossPanel",
    "make_loss_panel",
    "MapFrame",
    "make_contour_map",
    "make_polyline",
    "make_ball",
    "make_step_counter",
    "make_legend_entry",
    "LogBars",
    "make_log_bars",
    "log_exponent_range",
    "make_layer_chain",
]

#: Colour role of each gradient-descent regime.
REGIME_COLORS = {
    "slow": "muted",
    "good": "bias",
    "oscillates": "output",
    "bounces": "output",
    "diverges": "gradient",
}

#: Colour role of each optimizer.
OPTIMIZER_COLORS = {"sgd": "gradient", "momentum": "weight", "rmsprop": "bias", "adam": "input"}


def regime_color(regime: str) -> str:
    return getattr(PALETTE, REGIME_COLORS[regime])


def optimizer_color(name: str) -> str:
    return getattr(PALETTE, OPTIMIZER_COLORS[name])


# ---------------------------------------------------------------------------------------------
# A loss curve with a ball
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
        """Screen point of ``(w, loss)``, clamped to the axes' window."""
        lo, hi = self.w_range
        return self.axes.c2p(float(np.clip(w, lo, hi)) - lo, float(np.clip(loss, 0, self.loss_max)))

    def is_inside(self, w: float, loss: float) -> bool:
        lo, hi = self.w_range
        return lo <= w <= hi and 0 <= loss <= self.loss_max


def make_loss_panel(
    loss_fn, w_range: tuple[float, float], loss_max: float, width: float, height: float
) -> LossPanel:
    """Axes of ``w`` (horizontal) and the loss (vertical), with the curve ``loss_fn``.

    The horizontal coordinate is ``w - w_range[0]`` so that the vertical axis stands at the left.
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


def make_ball(color: str | None = None, radius: float = 0.1) -> Dot:
    return Dot(radius=radius, color=color or PALETTE.weight)


# ---------------------------------------------------------------------------------------------
# A contour map with trajectories
# ---------------------------------------------------------------------------------------------
@dataclass
class MapFrame:
    """Maps a box of weight space onto a screen rectangle with equal scales on both axes."""

    box: tuple[tuple[float, float], tuple[float, float]]
    center: np.ndarray
    scale: float

    @classmethod
    def fit(cls, box, width: float, height: float, center) -> MapFrame:
        (x0, x1), (y0, y1) = box
        scale = min(width / (x1 - x0), height / (y1 - y0))
        return cls(box, np.asarray(center, dtype=float), scale)

    @property
    def size(self) -> tuple[float, float]:
        (x0, x1), (y0, y1) = self.box
        return (x1 - x0) * self.scale, (y1 - y0) * self.scale

    def point(self, w) -> np.ndarray:
        """Screen point of ``w = (w1, w2)``, clamped to the box."""
        (x0, x1), (y0, y1) = self.box
        x = float(np.clip(w[0], x0, x1))
        y = float(np.clip(w[1], y0, y1))
        return self.center + self.scale * np.array([x - (x0 + x1) / 2, y - (y0 + y1) / 2, 0.0])

    def points(self, ws) -> np.ndarray:
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
    """A framed map of the loss: one line per contour level and a cross at the minimum."""
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


def make_polyline(points: np.ndarray, color: str, stroke_width: float = 3) -> VMobject:
    """A path through screen ``points`` (at least one)."""
    pts = np.asarray(points, dtype=float)
    if len(pts) == 1:
        pts = np.vstack([pts, pts])
    return VMobject(stroke_color=color, stroke_width=stroke_width).set_points_as_corners(pts)


def make_step_counter(k: int, font_size: float = LABEL_SIZE + 4):
    """A live integer counter (a DecimalNumber without decimals)."""
    counter = make_counter(k, font_size=font_size)
    counter.num_decimal_places = 0
    counter.set_value(k)
    return counter


def make_legend_entry(color: str, name: str, detail: str, font_size: float = LABEL_SIZE) -> VGroup:
    """A coloured dot, a name (plain text) and a detail (math)."""
    dot = Dot(radius=0.08, color=color)
    label = make_text(name, color=color, font_size=font_size)
    info = make_tex(detail, font_size=font_size - 2)
    row = VGroup(dot, label, info).arrange(RIGHT, buff=0.18)
    return row


# ---------------------------------------------------------------------------------------------
# Bars on a log scale and a chain of layers
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
        """Screen height of a bar of ``value`` (values below the axis' floor get a stub)."""
        unit = self.axis.get_unit_size()
        exp = np.log10(max(float(value), 10.0**self.low_exp))
        return max((exp - self.low_exp) * unit, 0.02)


def log_exponent_range(values: Sequence[float]) -> tuple[int, int]:
    """Integer exponents below all positive ``values`` and a decade above them."""
    arr = np.asarray([v for v in values if v > 0], dtype=float)
    lo = int(np.floor(np.log10(arr.min()))) if arr.size else -1
    hi = int(np.ceil(np.log10(arr.max()))) + 1 if arr.size else 1
    return min(lo, -1), max(hi, lo + 1, 1)


def make_log_bars(
    xs: Sequence[float], low_exp: int, high_exp: int, height: float, bar_width: float, color: str, origin
) -> LogBars:
    """Bars at screen abscissas ``xs`` standing on ``origin``'s height, with a log axis on the left.

    The bars start with zero height; :meth:`LogBars.height_of` gives each value's height.
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


def make_layer_chain(
    n: int, symbol: str, width: float, box_size: float = 0.6, color: str | None = None
) -> tuple[VGroup, VGroup, VGroup]:
    """``x -> [symbol] -> ... -> [symbol] -> y``: returns (whole chain, boxes, arrows)."""
    color = color or PALETTE.activation
    gap = (width - n * box_size) / (n + 1)
    boxes = VGroup(
        *(
            VGroup(
                RoundedRectangle(
                    corner_radius=0.08, width=box_size, height=box_size, color=color, stroke_width=2.5
                ),
                make_tex(
                    symbol, color=color, font_size=LABEL_SIZE + 8 if len(symbol) < 4 else LABEL_SIZE - 10
                ),
            )
            for _ in range(n)
        )
    ).arrange(RIGHT, buff=gap)
    x_in = make_tex("x", color=PALETTE.input, font_size=LABEL_SIZE + 4).next_to(boxes, LEFT, buff=gap)
    y_out = make_tex("y", color=PALETTE.output, font_size=LABEL_SIZE + 4).next_to(boxes, RIGHT, buff=gap)
    nodes = [x_in, *boxes, y_out]
    arrows = VGroup(
        *(
            Line(a.get_right(), b.get_left(), buff=0.06, color=PALETTE.muted, stroke_width=2)
            for a, b in zip(nodes, nodes[1:])
        )
    )
    for box in boxes:
        box[1].move_to(box[0])
    return VGroup(x_in, boxes, arrows, y_out), boxes, arrows
