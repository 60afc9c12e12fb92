"""Pictures of arrays: one cell per entry laid out as the array, a digit inked by its grey levels
with its numbers, a block of weights, a readout of shape, ndim and size."""

from __future__ import annotations

import numpy as np
import pytest

from mathdl_anim.draw.arrays import (
    make_cells,
    make_digit_image,
    make_pixel_numbers,
    make_readout,
    make_weight_block,
)
from mathdl_anim.draw.style import PALETTE
from mathdl_anim.draw.text import shape_tex


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


def test_a_digit_is_one_square_per_pixel_inked_by_its_level(tex_config):
    pixels = [[0, 16, 8], [4, 0, 12]]
    image = make_digit_image(pixels, 16, side=0.5)
    assert [len(row) for row in image] == [3, 3]
    centers = np.array([[sq.get_center()[:2] for sq in row] for row in image])
    assert np.allclose(np.diff(centers[:, :, 0], axis=1), 0.5)  # left to right
    assert np.allclose(np.diff(centers[:, :, 1], axis=0), -0.5)  # top to bottom
    fill = [[sq.get_fill_color().to_hex().upper() for sq in row] for row in image]
    assert fill[0][0] == fill[1][1] == PALETTE.background.upper()  # no ink
    assert fill[0][1] == PALETTE.input.upper()  # full ink
    assert fill[0][2] not in (PALETTE.background.upper(), PALETTE.input.upper())  # half ink
    numbers = make_pixel_numbers(pixels, image, 16)
    assert [[n.tex_string for n in row] for row in numbers] == [["0", "16", "8"], ["4", "0", "12"]]
    for row, squares in zip(numbers, image):
        for n, sq in zip(row, squares):
            assert n.get_center() == pytest.approx(sq.get_center())
    # the numbers in the text colour (the theme's own), whatever the ink under them
    assert {n.get_color().to_hex().upper() for row in numbers for n in row} == {PALETTE.text.upper()}


def test_a_weight_block_has_one_cell_per_weight_by_column():
    w = np.array([[1.0, -1.0], [0.0, 0.5], [-0.5, 1.0]])
    block = make_weight_block(w, width=2.0, height=3.0)
    assert len(block) == 2 and all(len(col) == 3 for col in block)
    assert (block.width, block.height) == pytest.approx((2.0, 3.0))
    assert block[0].get_x() < block[1].get_x()
    assert block[0][0].get_y() > block[0][2].get_y()  # row 0 at the top

    # brighter for larger weights
    def brightness(cell):
        return sum(cell.get_fill_color().to_rgb())

    assert brightness(block[0][0]) > brightness(block[0][1]) > brightness(block[0][2])


def test_a_readout_says_shape_ndim_and_size(tex_config):
    readout = make_readout((4, 64), 2, 256)
    assert [line[1].tex_string for line in readout] == [shape_tex((4, 64)), "2", "256"]
    assert readout[0].get_y() > readout[1].get_y() > readout[2].get_y()
