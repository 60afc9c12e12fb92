"""No label leaves the frame and no two labels overlap, at every moment of every scene.

Every case runs in the default look (dark, 16:9). Each scene's defaults also run vertical (9:16:
the scene's own layout is unchanged there, only the title and the caption move and grow) and in
the light theme (which moves nothing, but a theme must not break a scene).
"""

from __future__ import annotations

import pytest

from mathdl_anim.draw.text import make_tex
from mathdl_anim.lesson.registry import scene_names
from tests.scenes.cases import CASES, case_id
from tests.scenes.screen import _labels, labels_off_frame, overlapping_labels

pytestmark = pytest.mark.render  # plays scenes with manim: not in the fast lane

#: (case, theme, aspect): every case in the default look, the defaults in the other looks.
LOOK_CASES = [(case, "dark", "16:9") for case in CASES] + [
    ((name, None), theme, aspect)
    for theme, aspect in (("dark", "9:16"), ("light", "16:9"))
    for name in scene_names()
]


def look_id(look_case) -> str:
    case, theme, aspect = look_case
    suffix = "".join(f"-{x}" for x in (theme, aspect.replace(":", "x")) if x not in ("dark", "16x9"))
    return case_id(case) + suffix


@pytest.mark.parametrize("look_case", LOOK_CASES, ids=look_id)
def test_labels_inside_frame(screen, look_case):
    (name, params), theme, aspect = look_case
    assert labels_off_frame(screen(name, params, theme, aspect)) == []


@pytest.mark.parametrize("look_case", LOOK_CASES, ids=look_id)
def test_labels_do_not_overlap(screen, look_case):
    (name, params), theme, aspect = look_case
    assert overlapping_labels(screen(name, params, theme, aspect)) == []


def test_layout_checks_can_fail(screen):
    run = screen("MatrixMultiplication")
    a = make_tex("x").shift(7.5 * 1.0 * make_tex("x").get_center() + [7.5, 0, 0])
    b, c = make_tex("y"), make_tex("z")  # two different texts in one place
    tampered = type(run)(
        run.spec, run.params, run.values, [_labels([a, b, c], 0)], run.last_frame, run.frame_half
    )
    assert len(labels_off_frame(tampered)) == 1
    assert len(overlapping_labels(tampered)) == 1
