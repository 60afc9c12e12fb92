"""The loss over two weights as a surface: its mesh, its slices on one scale, the gradient's geometry.

PartialDerivatives draws ``L(w1, w2)`` as a 3-D surface, cuts it along ``w2 = const`` and
``w1 = const``, looks at it from above as a contour map and adds the two partial slopes into the
gradient. :func:`loss_surface` computes every number it shows, on top of
:func:`~mathdl_anim.core.calculus.partial_derivatives_example` (the point, the partials, the
contours), which it keeps as :attr:`LossSurfaceExample.base`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from mathdl_anim.core.calculus import (
    PARTIAL_FORMULA,
    PartialDerivativesExample,
    Segment,
    clip_line,
    partial_derivatives_example,
)
from mathdl_anim.core.expressions import Formula

__all__ = [
    "SURFACE_STEPS",
    "SLICE_SAMPLES",
    "NETWORK_WEIGHTS",
    "NETWORK_NAME",
    "NETWORK_LAYERS",
    "COLUMN_ROWS",
    "ARROW_LENGTH",
    "round_up",
    "numbered_ticks",
    "surface_mesh",
    "LossSurfaceExample",
    "loss_surface",
]

#: Faces of the surface along each weight: coarse enough to draw fast (16 x 16 = 256 faces).
SURFACE_STEPS = 16
#: Samples of each slice curve.
SLICE_SAMPLES = 97
#: A real network's count of weights (its trainable parameters): torchvision's ResNet-18,
#: whose model card lists ``num_params = 11689512``.
NETWORK_WEIGHTS = 11_689_512
NETWORK_NAME, NETWORK_LAYERS = "ResNet", 18
#: The drawn length of the gradient arrow, in units of weight (if it fits in the window).
ARROW_LENGTH = 2.2
#: A gradient shorter than this is zero: the point is the minimum (no direction to draw).
FLAT = 1e-9
#: Partials named one by one at the top of the tall column (the rest are dots and the last).
COLUMN_ROWS = 12


def round_up(x: float) -> float:
    """The smallest multiple of a round step (1, 2 or 5 times a power of ten, about a fifth of
    ``x``) that is at least ``x``: the top of an axis holding ``x``.

    >>> round_up(22.0)
    25.0
    >>> round_up(3.2)
    4.0
    """
    if x <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(x / 5))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= x / 5)
    return float(math.ceil(x / step - 1e-12) * step)


def numbered_ticks(lo: float, hi: float, skip_first: bool = False) -> tuple[float, ...]:
    """Every other round tick of ``[lo, hi]`` (a 1, 2 or 5 step giving about six ticks, as
    the axes draw them), from ``lo``; without ``lo`` itself with ``skip_first``.

    >>> numbered_ticks(-3, 3)
    (-3.0, -1.0, 1.0, 3.0)
    >>> numbered_ticks(0, 25, skip_first=True)
    (10.0, 20.0)
    """
    raw = (hi - lo) / 6
    power = 10 ** math.floor(math.log10(raw))
    step = 2 * next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    count = int(math.floor((hi - lo) / step + 1e-9))
    ticks = tuple(float(lo + k * step) for k in range(count + 1))
    return ticks[1:] if skip_first else ticks


def surface_mesh(
    formula: Formula, window: tuple[float, float], steps: int = SURFACE_STEPS
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """The corners of a ``steps x steps`` mesh of ``L`` over the square ``window``.

    Returns
    -------
    ws : ndarray, shape (steps + 1,)
        The weights along each side.
    heights : ndarray, shape (steps + 1, steps + 1)
        ``heights[i, j] = L(ws[i], ws[j])`` (``i`` along ``w1``, ``j`` along ``w2``).
    """
    ws = np.linspace(window[0], window[1], steps + 1)
    w1, w2 = np.meshgrid(ws, ws, indexing="ij")
    return ws, formula.numeric()(w1, w2)


@dataclass(frozen=True)
class LossSurfaceExample:
    """Everything PartialDerivatives shows: the point and its partials (``base``), the surface,
    the two slices on one vertical scale, the gradient as the sum of two arrows, and the column of
    partials of a real network.

    Attributes
    ----------
    base : PartialDerivativesExample
        The function, the point, its value, the partials, the contours.
    mesh_w, mesh_L : ndarray
        The surface (:func:`surface_mesh`).
    slices : tuple
        For ``k = 0, 1``: ``(ws, Ls)``, ``L`` along ``w_{k+1}`` with the other weight held at the
        point (not clipped: both fit under :attr:`slice_top`).
    slice_top : float
        The top of the shared vertical axis of both slices (a round number above both).
    slice_tangents : tuple
        For each slice, the ends of its tangent at the point inside ``w_range x [0, slice_top]``.
    contour_direction : tuple[float, float]
        A unit vector along the contour through the point, ``(-g2, g1) / |g|`` (zero at the
        minimum): the gradient is perpendicular to it.
    arrow_scale : float
        The arrows are drawn as ``arrow_scale`` times their vectors: as long as
        :data:`ARROW_LENGTH` for the gradient, less where a tip would leave the window.
    arrows : tuple
        The drawn arrows in weight space, ``(start, end)``: ``dL/dw1`` along ``w1`` from the
        point, ``dL/dw2`` along ``w2`` from its tip (tip to tail), their sum ``grad L`` from the
        point, ``-grad L`` from the point.
    w_ticks, l_ticks : tuple[float, ...]
        The numbered ticks of the weight axes and of the loss axis (``0`` is left to the floor).
    weights_count : int
        The weights of a real network (:data:`NETWORK_WEIGHTS`), one partial each.
    column_indices : tuple[int, ...]
        The indices of the partials named at the top of the column.
    """

    base: PartialDerivativesExample
    mesh_w: npt.NDArray[np.float64]
    mesh_L: npt.NDArray[np.float64]
    slices: tuple[tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]], ...]
    slice_top: float
    slice_tangents: tuple[Segment, ...]
    contour_direction: tuple[float, float]
    arrow_scale: float
    arrows: tuple[Segment, ...]
    w_ticks: tuple[float, ...]
    l_ticks: tuple[float, ...]
    weights_count: int
    column_indices: tuple[int, ...]

    @property
    def network_name(self) -> str:
        """The real network's name, without its depth (``ResNet`` for ResNet-18)."""
        return NETWORK_NAME

    @property
    def network_layers(self) -> int:
        """Its depth, the number in its name."""
        return NETWORK_LAYERS

    @property
    def descent(self) -> tuple[float, float]:
        """``-grad L``, the direction of a gradient-descent step."""
        g1, g2 = self.base.gradient
        return (0.0 - g1, 0.0 - g2)

    @property
    def is_minimum(self) -> bool:
        """Whether the gradient is zero at the point (shorter than :data:`FLAT`)."""
        return bool(np.hypot(*self.base.gradient) < FLAT)

    def values(self) -> dict[str, Any]:
        return {
            **self.base.values(),
            "descent": list(self.descent),
            "slice_top": self.slice_top,
            "contour_level": self.base.value,
            "arrow_scale": self.arrow_scale,
            "w_ticks": list(self.w_ticks),
            "l_ticks": list(self.l_ticks),
            "weights_count": self.weights_count,
            "network_layers": self.network_layers,
            "column_indices": list(self.column_indices),
        }


def loss_surface(w1: float, w2: float, f: Formula | str = PARTIAL_FORMULA) -> LossSurfaceExample:
    """The surface, slices and gradient geometry of ``f`` at ``(w1, w2)``.

    Raises
    ------
    InputError
        As :func:`~mathdl_anim.core.calculus.partial_derivatives_example`.
    """
    base = partial_derivatives_example(w1, w2, f)
    fn = base.formula.numeric()
    lo, hi = base.w_range
    mesh_w, mesh_L = surface_mesh(base.formula, base.w_range)

    ws = np.linspace(lo, hi, SLICE_SAMPLES)
    slices = ((ws, fn(ws, np.full_like(ws, w2))), (ws, fn(np.full_like(ws, w1), ws)))
    top = round_up(max(float(np.max(ls)) for _, ls in slices))
    tangents = tuple(
        clip_line((w1, w2)[k], base.value, base.gradient[k], (lo, hi), (0.0, top)) for k in range(2)
    )

    g1, g2 = base.gradient
    norm = math.hypot(g1, g2)
    flat = norm < FLAT
    direction = (0.0, 0.0) if flat else (-g2 / norm, g1 / norm)
    s = 1.0 if flat else ARROW_LENGTH / norm
    for p, g in zip((w1, w2), base.gradient):  # every tip stays inside the window
        if g != 0:
            s = min(s, (hi - abs(p)) / abs(g))
    corner = (w1 + s * g1, w2)
    tip = (w1 + s * g1, w2 + s * g2)
    arrows = (
        ((w1, w2), corner),
        (corner, tip),
        ((w1, w2), tip),
        ((w1, w2), (w1 - s * g1, w2 - s * g2)),
    )
    return LossSurfaceExample(
        base,
        mesh_w,
        mesh_L,
        slices,
        top,
        tangents,
        direction,
        s,
        arrows,
        numbered_ticks(lo, hi),
        numbered_ticks(0.0, top, skip_first=True),
        NETWORK_WEIGHTS,
        tuple(range(1, COLUMN_ROWS + 1)),
    )
