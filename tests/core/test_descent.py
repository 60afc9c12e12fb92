"""GradientDescent's core against independent computations: the paths (a plain loop and the
closed form), the error lines' slopes (a least-squares fit of log10 errors, numpy) against
log10|1 - lr*a|, the 2/a threshold (where the fitted slope changes sign), the twins, the windows
that follow the ball, and the tangent sweep."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mathdl_anim.core import descent
from mathdl_anim.core.errors import InputError
from mathdl_anim.core.formatting import iter_numbers


def _loop(lr: float, w0: float, steps: int, a: float, w_star: float) -> list[float]:
    """Gradient descent written out again: w <- w - lr * a (w - w*)."""
    ws = [w0]
    for _ in range(steps):
        ws.append(ws[-1] - lr * a * (ws[-1] - w_star))
    return ws


@pytest.mark.parametrize("lr", [0.05, 0.3, 0.5, 0.75, 1.0, 1.1])
@pytest.mark.parametrize("a, w_star, w0", [(2.0, 1.0, -2.0), (0.5, -3.0, 4.0), (3.0, 0.0, 0.7)])
def test_paths_follow_the_loop_and_the_closed_form(lr, a, w_star, w0):
    steps = 15
    ex = descent.descent_example([lr], w0, steps, a=a, w_star=w_star)
    run = ex.runs[0]
    np.testing.assert_allclose(run.iterates, _loop(lr, w0, steps, a, w_star), rtol=1e-12, atol=1e-12)
    k = np.arange(steps + 1)
    closed = w_star + (1 - lr * a) ** k * (w0 - w_star)
    np.testing.assert_allclose(run.iterates, closed, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(ex.errors(0), np.abs(closed - w_star), rtol=1e-9, atol=1e-9)
    # the step arrows end where the next weight is
    np.testing.assert_allclose(np.array(ex.moves(0)), np.diff(closed), rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("lr", [0.1, 0.3, 0.9, 1.05, 1.4])
def test_error_lines_have_slope_log_of_the_factor(lr):
    a, w0, steps = 2.0, -2.0, 12
    ex = descent.descent_example([lr], w0, steps, a=a)
    k = np.arange(steps + 1)
    slope, _ = np.polyfit(k, np.log10(ex.errors(0)), 1)  # least squares, independent of the core
    assert slope == pytest.approx(math.log10(abs(1 - lr * a)), abs=1e-9)
    assert ex.log_slope(0) == pytest.approx(slope, abs=1e-9)
    # a straight line: every point on the fit
    residual = np.log10(ex.errors(0)) - np.polyval(np.polyfit(k, np.log10(ex.errors(0)), 1), k)
    assert np.max(np.abs(residual)) < 1e-9


def test_the_factor_zero_has_no_slope():
    ex = descent.descent_example([0.5], -2.0, 5)  # lr = 1/a: on the minimum after one step
    assert ex.factor(0) == 0 and ex.log_slope(0) is None
    assert ex.errors(0)[1:] == (0.0,) * 5


@pytest.mark.parametrize("a", [0.5, 2.0, 4.0])
def test_the_threshold_is_where_the_lines_stop_falling(a):
    """Scan rates on a grid: the fitted slope is negative exactly below 2/a."""
    ex = descent.descent_example([0.1], 3.0, 20, a=a, w_star=0.0)
    assert ex.threshold == pytest.approx(2 / a, rel=1e-12)
    assert ex.best_lr == pytest.approx(1 / a, rel=1e-12)
    rates = np.linspace(0.02, 3.0, 150) / a
    falling = []
    for lr in rates:
        if math.isclose(lr, 1 / a, rel_tol=1e-9):
            continue
        run = descent.descent_example([float(lr)], 3.0, 20, a=a, w_star=0.0)
        slope = np.polyfit(np.arange(21), np.log10(run.errors(0)), 1)[0]
        falling.append((lr, slope < 0))
    below = [f for lr, f in falling if lr < 2 / a * (1 - 1e-9)]
    above = [f for lr, f in falling if lr > 2 / a * (1 + 1e-9)]
    assert all(below) and not any(above) and below and above


def test_twins_end_at_the_same_distance_from_opposite_sides():
    ex = descent.descent_example()  # 0.1 and 0.9: 1 - lr*a = 0.8 and -0.8
    assert ex.twins == ((0, 2),)
    slow, osc = np.array(ex.runs[0].iterates) - 1.0, np.array(ex.runs[2].iterates) - 1.0
    np.testing.assert_allclose(np.abs(slow), np.abs(osc), rtol=1e-9)
    assert np.all(np.sign(slow) == -1)  # one side only
    assert np.all(np.sign(osc[1:]) == -np.sign(osc[:-1]))  # changes side every step
    assert descent.descent_example([0.1, 0.4]).twins == ()


def test_windows_hold_every_jump_and_never_shrink():
    for lr, w0, steps in [((0.1, 0.4, 0.9, 1.05), -2.0, 12), ((2.0,), 10.0, 60), ((1.0, 1.2), 0.5, 30)]:
        ex = descent.descent_example(lr, w0, steps)
        for n, windows in enumerate(ex.windows):
            errors = ex.errors(n)
            assert len(windows) == steps
            assert windows[0] >= ex.base_window
            assert all(b >= a for a, b in zip(windows, windows[1:]))
            for k, half in enumerate(windows):
                assert max(errors[k], errors[k + 1]) <= descent.FILL * half * (1 + 1e-12)
                mantissa = half / 10 ** math.floor(math.log10(half))
                assert any(math.isclose(mantissa, m) for m in descent.NICE)


def test_panels_that_converge_keep_the_common_window():
    ex = descent.descent_example()
    assert ex.base_window == 5.0  # 1.25 * |w0 - w*| = 3.75, rounded up to a round size
    for n in range(3):
        assert set(ex.windows[n]) == {5.0}
    assert ex.windows[3][-1] == 20.0  # |w_12 - w*| = 3 * 1.1**12 = 9.42 > 0.9 * 10


@pytest.mark.parametrize(
    ("x", "expected"), [(3.75, 5.0), (5.0, 5.0), (5.37, 10.0), (0.3, 0.5), (21, 25), (1e29, 1e29)]
)
def test_nice_ceil(x, expected):
    assert descent.nice_ceil(x) == pytest.approx(expected, rel=1e-12)


def test_sweep_defines_the_curvature():
    ex = descent.descent_example(w0=-2.0)
    w = np.array(ex.sweep)
    slopes = np.array(ex.values()["sweep_slopes"])
    # finite differences of L, written out here: L'(w) and the slope's rate of change
    h = 1e-5
    fd = [((0.5 * 2 * (x + h - 1) ** 2) - (0.5 * 2 * (x - h - 1) ** 2)) / (2 * h) for x in w]
    np.testing.assert_allclose(slopes, fd, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(np.diff(slopes) / np.diff(w), [ex.a, ex.a], rtol=1e-12)


def test_values_are_finite_and_keep_their_names():
    values = descent.descent_example().values()
    for name in ("a", "w_star", "w0", "steps", "threshold", "lr", "ratios", "regimes", "iterates", "losses"):
        assert name in values
    assert values["regimes"] == ["slow", "good", "oscillates", "diverges"]
    assert all(math.isfinite(x) for x in iter_numbers(values))
    assert values["factors"] == pytest.approx([0.8, 0.2, 0.8, 1.1])


def test_bad_input_is_refused():
    with pytest.raises(InputError):
        descent.descent_example(lr=[0.1] * 5)
    with pytest.raises(InputError):
        descent.descent_example(w0=1.0)  # the minimum itself
    with pytest.raises(InputError):
        descent.descent_example(steps=0)
    with pytest.raises(InputError):
        descent.descent_example(lr=[0.0])


@pytest.mark.parametrize("a, w_star, w0", [(2.0, 1.0, -2.0), (0.5, -3.0, 4.0), (3.0, 0.0, 0.7)])
def test_offsets_are_the_signed_distance_and_give_the_loss(a, w_star, w0):
    """The readout shows w_k - w*: the closed form (w0 - w*)(1 - lr a)^k, signed (the twins'
    alternating one changes sign every step), and the loss is a/2 times its square."""
    lr = 1.6 / a  # 1 - lr a = -0.6: the sign alternates
    ex = descent.descent_example([lr], w0, 9, a=a, w_star=w_star)
    k = np.arange(10)
    closed = (w0 - w_star) * (-0.6) ** k
    np.testing.assert_allclose(ex.offsets(0), closed, rtol=1e-9, atol=1e-12)
    assert np.all(np.diff(np.sign(ex.offsets(0))) != 0)
    np.testing.assert_allclose(ex.runs[0].losses, 0.5 * a * closed**2, rtol=1e-9, atol=1e-12)
    assert ex.values()["offsets"] == [list(ex.offsets(0))]
    assert ex.offset_tex == {1.0: "w - 1", -3.0: "w + 3", 0.0: "w"}[w_star]
