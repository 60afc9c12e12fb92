"""Plots: axes span what was asked, bars and curves land where their values say, maps and panels
place points where their coordinates say."""

from __future__ import annotations

import numpy as np
import pytest
from manim import LEFT, UP

from mathdl_anim.draw.plots import (
    MapFrame,
    clip_segments,
    fit_top,
    log_exponent_range,
    make_area,
    make_axes,
    make_bar_chart,
    make_contours,
    make_curve,
    make_density_curve,
    make_histogram,
    make_log_bars,
    make_loss_panel,
    make_point,
    make_polyline,
    make_segment,
    make_value_axes,
    tick_step,
)
from mathdl_anim.draw.style import PALETTE


def hex_of(mob) -> str:
    return mob.get_stroke_color().to_hex().upper()


@pytest.mark.parametrize(("span", "step"), [(6, 1), (3, 0.5), (12, 2), (30, 5), (0.06, 0.01), (50, 10)])
def test_tick_step_is_round_and_gives_four_to_ten_ticks(span, step):
    assert tick_step(span) == pytest.approx(step)
    assert 4 <= span / tick_step(span) <= 10


def test_axes_span_the_ranges_and_lengths_asked_for():
    axes = make_axes((-3, 3), (0, 9), width=6, height=4)
    assert axes.x_range[:2] == [-3, 3] and axes.y_range[:2] == [0, 9]
    assert axes.x_range[2] == tick_step(6) and axes.y_range[2] == tick_step(9)
    origin = axes.c2p(-3, 0)
    assert axes.c2p(3, 0) - origin == pytest.approx(np.array([6.0, 0.0, 0.0]))
    assert axes.c2p(-3, 9) - origin == pytest.approx(np.array([0.0, 4.0, 0.0]))


def test_points_and_segments_sit_at_their_axes_coordinates():
    axes = make_axes((0, 4), (0, 2), width=8, height=4).shift(UP)
    dot = make_point(axes, 1.0, 1.5, PALETTE.highlight)
    assert dot.get_center() == pytest.approx(axes.c2p(1.0, 1.5))
    segment = make_segment(axes, ((0, 0), (4, 2)), PALETTE.gradient)
    assert segment.get_start() == pytest.approx(axes.c2p(0, 0))
    assert segment.get_end() == pytest.approx(axes.c2p(4, 2))


def test_curve_breaks_where_it_is_undefined_and_follows_the_samples():
    axes = make_axes((-2, 2), (0, 4), width=4, height=4)
    xs = np.linspace(-2, 2, 9)
    ys = xs**2
    ys[4] = np.nan  # undefined at 0: two runs of four samples
    curve = make_curve(axes, xs, ys, PALETTE.output)
    assert len(curve) == 2
    left, right = curve
    assert left.get_start() == pytest.approx(axes.c2p(-2, 4))
    assert left.get_end() == pytest.approx(axes.c2p(-0.5, 0.25))
    assert right.get_start() == pytest.approx(axes.c2p(0.5, 0.25))
    assert right.get_end() == pytest.approx(axes.c2p(2, 4))
    # a lone finite sample between gaps draws nothing
    lone = np.array([np.nan, 1.0, np.nan])
    assert len(make_curve(axes, np.array([0.0, 1.0, 2.0]), lone, PALETTE.output)) == 0


def test_contours_highlight_one_level():
    axes = make_axes((-1, 1), (-1, 1), width=4, height=4)
    ring = np.array([[np.cos(t), np.sin(t)] for t in np.linspace(0, 2 * np.pi, 20)])
    levels = make_contours(axes, [0.3 * ring, 0.6 * ring, 0.9 * ring], PALETTE.muted, highlight=1)
    assert len(levels) == 3
    assert hex_of(levels[1][0]) == PALETTE.highlight.upper() and levels[1][0].get_stroke_width() == 3
    assert hex_of(levels[0][0]) == PALETTE.muted.upper() and levels[0][0].get_stroke_width() == 2


def test_bar_chart_has_one_bar_per_value_with_heights_in_proportion(tex_config):
    axes = make_value_axes((0.5, 6.5), [1, 2, 3, 4, 5, 6], x_length=6, y_length=4)
    heights = [0.1, 0.2, 0.3, 0.15, 0.05, 0.2]
    top = fit_top(heights)
    assert top == pytest.approx(1.08 * 0.3)
    chart = make_bar_chart(axes, [1, 2, 3, 4, 5, 6], heights, top, width=0.5)
    assert len(chart) == len(heights)
    for bar, x, h in zip(chart, range(1, 7), heights):
        assert bar.height == pytest.approx(h / top * 4)
        assert bar.get_bottom()[1] == pytest.approx(axes.c2p(0, 0)[1])
        assert bar.get_center()[0] == pytest.approx(axes.c2p(x, 0)[0])
        assert bar.width == pytest.approx(0.5)  # one axis unit is one scene unit here


def test_histogram_has_one_bar_per_bin_edge_to_edge(tex_config):
    axes = make_value_axes((-2, 2, 1), [-2, 0, 2], x_length=8, y_length=3)
    edges = np.linspace(-2, 2, 9)
    density = np.array([0.0, 0.1, 0.3, 0.5, 0.5, 0.3, 0.1, 0.0])
    bars = make_histogram(axes, edges, density, top=0.5)
    assert len(bars) == 8
    for bar, lo, hi in zip(bars, edges[:-1], edges[1:]):
        assert bar.get_left()[0] == pytest.approx(axes.c2p(lo, 0)[0])
        assert bar.get_right()[0] == pytest.approx(axes.c2p(hi, 0)[0])
    assert bars[3].get_top()[1] == pytest.approx(axes.c2p(0, 1)[1])  # the tallest reaches the top
    assert bars[0].get_fill_opacity() == 0 and bars[3].get_fill_opacity() == pytest.approx(0.7)


def test_density_curve_and_area_share_the_scale_of_top(tex_config):
    axes = make_value_axes((-3, 3, 1), [0], x_length=6, y_length=4)
    xs = np.linspace(-3, 3, 61)
    pdf = np.exp(-(xs**2) / 2) / np.sqrt(2 * np.pi)
    top = fit_top(pdf)
    curve = make_density_curve(axes, xs, pdf, top)
    assert curve.get_start() == pytest.approx(axes.c2p(-3, pdf[0] / top))
    assert curve.get_top()[1] == pytest.approx(axes.c2p(0, pdf.max() / top)[1], abs=1e-3)
    assert curve.get_top()[1] < axes.c2p(0, 1)[1]  # the margin of fit_top
    inside = np.abs(xs) <= 1
    area = make_area(axes, xs[inside], pdf[inside], top)
    assert area.get_bottom()[1] == pytest.approx(axes.c2p(0, 0)[1])
    assert area.get_left()[0] == pytest.approx(axes.c2p(-1, 0)[0])
    assert area.get_right()[0] == pytest.approx(axes.c2p(1, 0)[0])


def test_map_frame_keeps_one_scale_and_clamps_to_its_box():
    frame = MapFrame.fit(((-2, 2), (-1, 1)), width=6, height=4, center=LEFT)
    assert frame.scale == pytest.approx(1.5)  # the width limits: 6 / 4
    assert frame.size == pytest.approx((6.0, 3.0))
    assert frame.point((0, 0)) == pytest.approx(LEFT)
    assert frame.point((2, 1)) == pytest.approx(LEFT + np.array([3.0, 1.5, 0.0]))
    assert frame.point((10, -10)) == pytest.approx(frame.point((2, -1)))
    assert frame.points([[0, 0], [2, 1]]).shape == (2, 3)


def test_clipped_segments_keep_exactly_their_part_inside_the_box():
    # reference: each segment sampled densely, the samples inside the box kept
    from manim import VMobject

    rng = np.random.default_rng(7)
    ends = rng.uniform(-3, 3, size=(300, 2, 2))
    ends[:40, 1] = ends[:40, 0] + rng.uniform(-0.2, 0.2, size=(40, 2))  # short ones, some inside
    path = VMobject()
    for a, b in ends:
        path.start_new_path(np.array([*a, 0.0]))
        path.add_line_to(np.array([*b, 0.0]))
    lo, hi = np.array([-1.0, -0.5]), np.array([1.5, 2.0])
    cut = clip_segments(path, lo, hi).points.reshape(-1, 4, 3)[:, :, :2]
    s = np.linspace(0.0, 1.0, 20001)[:, None]
    expected = []
    for a, b in ends:
        samples = a + s * (b - a)
        inside = np.all((samples >= lo) & (samples <= hi), axis=1)
        if inside.any():
            expected.append((samples[inside][0], samples[inside][-1]))
    step = np.linalg.norm(ends[:, 1] - ends[:, 0], axis=1).max() / 20000
    assert len(cut) == len(expected) > 40
    for segment, (first, last) in zip(cut, expected):
        assert np.abs(segment[0] - first).max() <= step + 1e-9
        assert np.abs(segment[-1] - last).max() <= step + 1e-9
        # still straight, handles at a third and two thirds (as manim's add_line_to puts them)
        assert segment[1] == pytest.approx(segment[0] + (segment[3] - segment[0]) / 3)
        assert segment[2] == pytest.approx(segment[0] + 2 * (segment[3] - segment[0]) / 3)


def test_polyline_of_one_point_is_a_path_of_zero_length():
    single = make_polyline(np.array([[1.0, 2.0, 0.0]]), PALETTE.input)
    assert single.get_start() == pytest.approx(single.get_end())
    path = make_polyline(np.array([[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [1.0, 1.0, 0.0]]), PALETTE.input)
    assert path.get_end() == pytest.approx(np.array([1.0, 1.0, 0.0]))


@pytest.mark.parametrize(
    ("values", "expected"),
    [([1e-4, 0.3], (-4, 1)), ([0.5, 2.0], (-1, 2)), ([0.0, -1.0], (-1, 1)), ([1e3], (-1, 4))],
)
def test_log_exponent_range_holds_every_positive_value(values, expected):
    assert log_exponent_range(values) == expected


def test_log_bar_heights_grow_by_one_unit_per_decade(tex_config):
    log_bars = make_log_bars(
        [0.0, 1.0], -4, 1, height=5.0, bar_width=0.3, color=PALETTE.gradient, origin=(0, -2, 0)
    )
    assert len(log_bars.bars) == 2
    assert log_bars.axis.n2p(-4) == pytest.approx(np.array([0.0, -2.0, 0.0]))
    assert log_bars.height_of(1e-3) == pytest.approx(1.0)  # 5 scene units for 5 decades
    assert log_bars.height_of(1.0) - log_bars.height_of(1e-2) == pytest.approx(2.0)
    assert log_bars.height_of(0.0) == pytest.approx(0.02)  # below the floor: a stub


def test_loss_panel_places_and_clamps_points(tex_config):
    panel = make_loss_panel(lambda w: (w - 1) ** 2, (-1.0, 3.0), 4.0, width=8, height=4)
    assert panel.point(1.0, 0.0) == pytest.approx(panel.axes.c2p(2.0, 0.0))
    assert panel.point(-1.0, 4.0) - panel.point(3.0, 0.0) == pytest.approx(np.array([-8.0, 4.0, 0.0]))
    assert panel.point(5.0, 9.0) == pytest.approx(panel.point(3.0, 4.0))
    assert panel.is_inside(0.0, 1.0) and not panel.is_inside(0.0, 4.5) and not panel.is_inside(-2.0, 1.0)
    assert panel.curve.get_start() == pytest.approx(panel.point(-1.0, 4.0))
