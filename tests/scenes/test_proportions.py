"""A length drawn for a quantity is drawn on the scale of the axis it is read against.

RandomVariables draws the variance as a square whose side is sigma, then lays that side along the
x-axis on both sides of E[X]. The side must not change length on the way (it once grew 2.2 times
between the square and the spread): on screen, the square's side, the spread's half-length and
sigma times the axis' unit are one length.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.render  # plays scenes with manim: not in the fast lane

#: scene units: a box is measured to its stroke's outer edge
TOLERANCE = 0.06


def _width(box) -> float:
    return box[1] - box[0]


@pytest.mark.parametrize("name", ["RandomVariables"])
def test_the_variance_square_side_is_the_spread_on_the_axis(screen, name):
    run = screen(name)
    std = run.values["std"]
    end_of_std = [v for v in run.views if v.beat == "std" and v.kind == "after"][-1]
    squares = [box for kind, box in end_of_std.parts if kind == "Square"]
    spreads = [box for kind, box in end_of_std.parts if kind == "DoubleArrow"]
    x_axes = [a for a in end_of_std.axes if a.direction == "x"]
    assert len(squares) == 1 and len(spreads) == 1 and x_axes
    side, spread = _width(squares[0]), _width(spreads[0])
    unit = x_axes[0].unit
    assert side == pytest.approx(std * unit, abs=TOLERANCE)
    assert spread == pytest.approx(2 * std * unit, abs=TOLERANCE)
