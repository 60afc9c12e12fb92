"""No label leaves the frame and no two labels overlap, at every moment of every scene."""

from __future__ import annotations

import pytest

from mathdl_anim.draw.text import make_tex
from tests.scenes.cases import CASES, case_id
from tests.scenes.screen import _labels, labels_off_frame, overlapping_labels


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_labels_inside_frame(screen, case):
    assert labels_off_frame(screen(*case)) == []


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_labels_do_not_overlap(screen, case):
    assert overlapping_labels(screen(*case)) == []


def test_layout_checks_can_fail(screen):
    run = screen("MatrixMultiplication")
    a = make_tex("x").shift(7.5 * 1.0 * make_tex("x").get_center() + [7.5, 0, 0])
    b, c = make_tex("y"), make_tex("y")
    tampered = type(run)(run.spec, run.params, run.values, [_labels([a, b, c], 0)],
                         run.last_frame, run.frame_half)
    assert len(labels_off_frame(tampered)) == 1
    assert len(overlapping_labels(tampered)) == 1
