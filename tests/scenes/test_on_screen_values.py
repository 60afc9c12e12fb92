"""Every number a scene shows is one of its recorded values, at every moment."""

from __future__ import annotations

import pytest

from mathdl_anim.draw.text import make_number
from mathdl_anim.lesson.registry import find_scene
from tests.scenes.cases import CASES, case_id
from tests.scenes.screen import numbers_in_tex, shown_numbers_not_in_values

pytestmark = pytest.mark.render  # plays scenes with manim: not in the fast lane

REQUIRED = {
    "MatrixMultiplication": {"A", "B", "product"},
    "Neuron": {"W", "x", "b", "z"},
    "ProbabilisticOutput": {"scores", "probabilities", "predicted", "accuracy", "temperature"},
    "GaussianSampling": {"mu", "sigma", "n", "sample_mean", "sample_std", "counts", "bin_edges", "left_out"},
    "Normalization": {"data", "mean", "std", "normalized", "descent"},
    "RandomVariables": {"outcomes", "probabilities", "frequencies"},
    "DerivativeSlope": {"x0", "f_x0", "slope", "secant_slopes"},
    "ChainRule": {"local_derivatives", "derivative"},
    "Backpropagation": {"loss", "grads"},
    "GradientDescent": {"iterates", "losses"},
    "Optimizers": {"trajectories"},
    "VanishingGradients": {"grad_norms"},
}


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_every_number_on_screen_is_a_value(screen, case):
    run = screen(*case)
    assert len(run.moments) >= 3, "the scene should have several moments"
    assert any(label.kind != "decimal" and numbers_in_tex(label.text) for m in run.moments for label in m)
    assert shown_numbers_not_in_values(run) == []


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_recorded_values_are_the_cores(screen, case):
    name, params = case
    run = screen(name, params)
    assert run.values == find_scene(name).values(params)["values"]
    assert REQUIRED.get(name, set()) <= set(run.values)


def test_a_number_typed_by_hand_is_caught(screen):
    """The check fails for a scene that shows a number the core did not compute."""
    run = screen("MatrixMultiplication")
    label = make_number(20)  # 19 + 1: not a value of the default product
    from tests.scenes.screen import _labels

    tampered = type(run)(
        run.spec, run.params, run.values, run.moments + [_labels([label], 99)], run.last_frame, run.frame_half
    )
    assert shown_numbers_not_in_values(tampered) == ["moment 99: '20' in '20'"]


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        (r"1 \cdot 5 + 2 \cdot 7 = 19", ["1", "5", "2", "7", "19"]),
        (r"(-0.5) \cdot 2", ["-0.5", "2"]),
        (r"z - 3", ["3"]),
        (r"1.2 \times 10^{-5}", [r"1.2\times10^{-5}"]),
        (r"\frac{1}{1 + e^{-z}}", ["1", "1"]),
        (r"68-95-99.7", ["68", "95", "99.7"]),
        (r"\mathbb{R}^{2 \times 3}", ["2", "3"]),
    ],
)
def test_numbers_in_tex(tex, expected):
    assert numbers_in_tex(tex) == expected
