"""Number lines: the range and length asked for, a fitted line holds every value, dots, marks and
spans stand where their values are."""

from __future__ import annotations

import numpy as np
import pytest

from mathdl_anim.draw.number_lines import (
    make_dot_plot,
    make_fitting_number_line,
    make_marker,
    make_number_line,
    make_span,
)


def test_number_line_spans_the_range_and_length_asked_for(tex_config):
    line = make_number_line(-2, 4, 1, 9.0, [-2, 0, 2, 4])
    assert list(line.x_range[:3]) == [-2, 4, 1]
    assert line.n2p(4)[0] - line.n2p(-2)[0] == pytest.approx(9.0)
    assert [label.tex_string for label in line.labels] == ["-2", "0", "2", "4"]


@pytest.mark.parametrize(
    "values",
    [
        [0.3, 1.7, 2.2, 5.9],
        [-0.031, 0.012, 0.047],
        [120.0, 480.0, 950.0],
        list(np.linspace(-1.0, 1.0, 40)),
    ],
)
def test_fitting_number_line_holds_every_value_with_a_round_step(tex_config, values):
    line = make_fitting_number_line(values, length=10.0)
    lo, hi, step = line.x_range[:3]
    assert lo <= min(values) and max(values) <= hi
    mantissa = step / 10 ** np.floor(np.log10(step))
    assert min(abs(mantissa - m) for m in (1, 2, 5)) < 1e-9
    assert lo / step == pytest.approx(round(lo / step)) and hi / step == pytest.approx(round(hi / step))
    assert (hi - lo) / step <= 14
    assert line.n2p(hi)[0] - line.n2p(lo)[0] == pytest.approx(10.0)


@pytest.mark.xfail(
    raises=ZeroDivisionError,
    strict=True,
    reason="known limit: values all equal to a multiple of the step give a line of zero length",
)
def test_fitting_number_line_of_equal_values(tex_config):
    line = make_fitting_number_line([2.0, 2.0, 2.0], length=10.0)
    assert line.x_range[0] <= 2.0 <= line.x_range[1]


def test_fitting_number_line_leaves_room_past_a_value_just_inside_the_end(tex_config):
    line = make_fitting_number_line([0.0, 9.96], length=10.0)  # 9.96 would sit on the tick 10
    assert line.x_range[1] == pytest.approx(11.0)


def test_dot_plot_has_a_dot_per_value_and_stacks_equal_values(tex_config):
    line = make_number_line(0, 4, 1, 8.0, [0, 4])
    dots = make_dot_plot(line, [1.0, 3.0, 1.0, 1.0], radius=0.1)
    assert len(dots) == 4
    for dot, v in zip(dots, [1.0, 3.0, 1.0, 1.0]):
        assert dot.get_center()[0] == pytest.approx(line.n2p(v)[0])
        assert dot.get_center()[1] > line.n2p(v)[1]
    first, _, second, third = (dot.get_center()[1] for dot in dots)
    assert first < second < third and second - first == pytest.approx(third - second)
    assert dots[1].get_center()[1] == pytest.approx(first)  # alone at 3: the bottom level
    assert second - first >= 2 * 0.1  # stacked dots do not overlap


def test_marker_and_span_stand_on_their_values(tex_config):
    line = make_number_line(-3, 3, 1, 6.0, [0])
    mark = make_marker(line, 0.5, height=1.1)
    assert mark.get_start()[0] == pytest.approx(line.n2p(0.5)[0])
    assert mark.get_end()[0] == pytest.approx(line.n2p(0.5)[0])
    assert mark.get_end()[1] - line.n2p(0.5)[1] == pytest.approx(1.1)
    band = make_span(line, -1.0, 2.0, height=1.1)
    assert band.get_left()[0] == pytest.approx(line.n2p(-1.0)[0])
    assert band.get_right()[0] == pytest.approx(line.n2p(2.0)[0])
    assert band.get_bottom()[1] == pytest.approx(line.n2p(0)[1])
    assert band.height == pytest.approx(1.1)
