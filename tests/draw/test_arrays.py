"""Pictures of arrays: one cell per entry laid out as the array, stacks and batches of the right
size, a tensor card with the shape, ndim and size numpy reports."""

from __future__ import annotations

import numpy as np
import pytest

from mathdl_anim.core.linear_algebra import TensorInfo
from mathdl_anim.draw.arrays import make_cells, make_grid_stack, make_image_batch, make_tensor_card
from mathdl_anim.draw.style import PALETTE


@pytest.mark.parametrize(
    ("entries", "rows", "cols"),
    [(7.0, 1, 1), ([1.0, 2.0, 3.0], 3, 1), ([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], 2, 3)],
)
def test_cells_have_one_cell_per_entry_laid_out_as_the_array(tex_config, entries, rows, cols):
    grid = make_cells(entries, PALETTE.input, side=0.5)
    assert len(grid) == rows * cols
    assert (grid.width, grid.height) == pytest.approx((cols * 0.5, rows * 0.5), abs=0.05)  # plus stroke
    assert grid.get_center() == pytest.approx(np.zeros(3))
    centers = np.array([cell.get_center() for cell, _ in grid]).reshape(rows, cols, 3)
    if cols > 1:  # a row runs left to right
        assert np.all(np.diff(centers[:, :, 0], axis=1) == pytest.approx(0.5))
    if rows > 1:  # rows run top to bottom
        assert np.all(np.diff(centers[:, :, 1], axis=0) == pytest.approx(-0.5))
    for cell, label in grid:
        assert label.get_center() == pytest.approx(cell.get_center())


def test_cells_show_each_number_by_the_policy(tex_config):
    grid = make_cells([[1.0, -2.5]], PALETTE.weight)
    assert [label.tex_string for _, label in grid] == ["1", "-2.5"]


def test_grid_stack_has_depth_grids_of_rows_by_cols():
    stack = make_grid_stack(3, 2, 4, PALETTE.weight, side=0.3)
    assert len(stack) == 3
    assert all(len(grid) == 8 for grid in stack)
    # back to front: the first grid drawn is the one furthest up and right
    assert stack[0].get_center()[0] > stack[-1].get_center()[0]
    assert stack[0].get_center()[1] > stack[-1].get_center()[1]
    assert stack[-1].width == pytest.approx(4 * 0.3, abs=0.02)


@pytest.mark.parametrize("channels", [3, 1])
def test_image_batch_has_batch_images_of_channel_squares(channels):
    images = make_image_batch(2, channels)
    assert len(images) == 2
    assert all(len(image) == channels for image in images)
    tints = {square.get_fill_color().to_hex().upper() for image in images for square in image}
    expected = set(PALETTE.channels) if channels == 3 else {PALETTE.muted}
    assert tints == {c.upper() for c in expected}


def test_tensor_card_has_one_cell_per_entry_and_numpys_shape(tex_config):
    info = TensorInfo.of("matrix", np.arange(6.0).reshape(2, 3))
    picture = make_cells(info.entries, PALETTE.input)
    card = make_tensor_card(info, info.label, picture, width=2.5)
    shown, lines = card
    assert shown is picture and len(shown) == info.size == 6
    assert len(lines) == 4
    assert lines.get_top()[1] < picture.get_bottom()[1]  # under the picture
    assert all(line.width <= 2.5 + 1e-6 for line in lines)
    shape, ndim, size = (line.tex_string for line in lines[1:])
    assert "2" in shape and "3" in shape
    assert ndim.endswith("= 2") and size.endswith("= 6")
