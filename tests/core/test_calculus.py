"""Derivatives, partial derivatives and the chain rule against sympy and finite differences."""

from __future__ import annotations

import json

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from mathdl_anim.core import calculus as calc
from mathdl_anim.core.errors import InputError
from mathdl_anim.core.formatting import iter_numbers
from mathdl_anim.lesson.registry import find_scene

X = sp.Symbol("x")

# (text, numpy function, its derivative written by hand)
FUNCTIONS = [
    ("x^2", lambda x: x**2, lambda x: 2 * x),
    ("x^3/4 - x + 1", lambda x: x**3 / 4 - x + 1, lambda x: 3 * x**2 / 4 - 1),
    ("sin(x)", np.sin, np.cos),
    ("exp(-x^2)", lambda x: np.exp(-(x**2)), lambda x: -2 * x * np.exp(-(x**2))),
    ("sigmoid(x)", lambda x: 1 / (1 + np.exp(-x)), lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2),
    ("tanh(2*x)", lambda x: np.tanh(2 * x), lambda x: 2 / np.cosh(2 * x) ** 2),
    (
        "x*cos(x) + 2^x",
        lambda x: x * np.cos(x) + 2.0**x,
        lambda x: np.cos(x) - x * np.sin(x) + np.log(2) * 2.0**x,
    ),
]


def central(fn, x, h=1e-5):
    return (fn(x + h) - fn(x - h)) / (2 * h)


@pytest.mark.parametrize("text, fn, dfn", FUNCTIONS)
@settings(max_examples=25, deadline=None)
@given(x0=st.floats(-2.5, 2.5))
def test_slope_matches_closed_form_and_finite_differences(text, fn, dfn, x0):
    ex = calc.derivative_example(text, x0)
    assert ex.f_x0 == pytest.approx(fn(x0), rel=1e-12, abs=1e-12)
    assert ex.slope == pytest.approx(dfn(x0), rel=1e-10, abs=1e-10)
    assert ex.slope == pytest.approx(central(fn, x0), rel=1e-6, abs=1e-6)


@pytest.mark.parametrize("text, fn, dfn", FUNCTIONS)
def test_slope_matches_sympy(text, fn, dfn):
    expr = sp.sympify(text.replace("^", "**").replace("sigmoid(x)", "1/(1+exp(-x))"))  # trusted text
    for x0 in (-1.5, 0.3, 2.0):
        ex = calc.derivative_example(text, x0)
        assert ex.slope == pytest.approx(float(sp.diff(expr, X).subs(X, x0)), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("text, fn, dfn", FUNCTIONS)
def test_secants_are_difference_quotients_converging_on_the_slope(text, fn, dfn):
    x0 = 0.7
    ex = calc.derivative_example(text, x0)
    for h, s, (px, py) in zip(ex.hs, ex.secant_slopes, ex.secant_points):
        assert s == pytest.approx((fn(x0 + h) - fn(x0)) / h, rel=1e-9, abs=1e-9)
        assert (px, py) == pytest.approx((x0 + h, fn(x0 + h)), rel=1e-9, abs=1e-9)
    errors = [abs(s - ex.slope) for s in ex.secant_slopes]
    assert errors[-1] < 0.05 * max(errors[0], 1e-12) + 1e-9
    assert errors[-1] <= errors[-2] + 1e-12


@settings(max_examples=40, deadline=None)
@given(x0=st.floats(-5, 5))
def test_parabola_secants_closed_form(x0):
    ex = calc.derivative_example("x^2", x0)
    np.testing.assert_allclose(ex.secant_slopes, [2 * x0 + h for h in ex.hs], rtol=1e-12, atol=1e-12)


def test_tangent_line_is_on_the_line_and_inside_the_window():
    ex = calc.derivative_example("x^3/4 - x + 1", 1.5)
    (xa, ya), (xb, yb) = ex.tangent
    for x, y in ((xa, ya), (xb, yb)):
        assert y == pytest.approx(ex.f_x0 + ex.slope * (x - ex.x0))
        assert ex.x_range[0] - 1e-9 <= x <= ex.x_range[1] + 1e-9
        assert ex.y_range[0] - 1e-9 <= y <= ex.y_range[1] + 1e-9
    assert xa < ex.x0 < xb


@pytest.mark.parametrize(
    "text, x0",
    [
        ("abs(x)", 0),
        ("abs(x - 1)", 1),
        ("0.0001*abs(x)", 0),
        ("sqrt(x)", 0),
        ("sqrt(x)", -1),
        ("log(x)", 0),
        ("log(x)", -2),
        ("1/x", 0),
        ("x^(1/3)", 0),
        ("tan(x)", float(np.pi / 2)),
    ],
)
def test_undefined_or_not_differentiable_is_refused(text, x0):
    with pytest.raises(InputError) as info:
        calc.derivative_example(text, x0)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("text, x0, slope", [("abs(x)", 1, 1), ("abs(x)", -2, -1), ("abs(x^3)", 0, 0)])
def test_kinks_elsewhere_are_fine(text, x0, slope):
    assert calc.derivative_example(text, x0).slope == pytest.approx(slope, abs=1e-12)


def test_secants_come_from_the_left_when_f_is_undefined_to_the_right():
    ex = calc.derivative_example("sqrt(1 - x)", 0.5)
    assert all(h < 0 for h in ex.hs)
    for h, s in zip(ex.hs, ex.secant_slopes):
        assert s == pytest.approx((np.sqrt(1 - 0.5 - h) - np.sqrt(0.5)) / h)


def test_secants_shrink_to_fit_the_domain():
    # h = 2 or 1 would leave the domain [-1, 1] on both sides: the sweep starts at h = 0.5
    ex = calc.derivative_example("sqrt(1 - x^2)", 0)
    assert ex.hs[0] == 0.5
    with pytest.raises(InputError):  # no smooth piece at all beside x0
        calc.derivative_example("sqrt(0.0001 - x^2)", 0)


def test_loss_steps_move_against_the_slope():
    ex = calc.derivative_example("x^2", 1)
    for step in ex.loss_steps:
        slope = 2 * (step.w - 4)  # L(w) = (w - 4)^2 + 1
        assert step.slope == pytest.approx(slope)
        assert step.w_new == pytest.approx(step.w - 0.25 * slope)  # eta = 0.25
        assert np.sign(step.w_new - step.w) == -np.sign(slope) == step.direction
        assert step.loss_new == pytest.approx((step.w_new - 4) ** 2 + 1)
        assert step.loss_new < step.loss


# Partial derivatives -----------------------------------------------------------------------
def L(w1, w2):
    return w1**2 + w1 * w2 + 2 * w2**2


@settings(max_examples=50, deadline=None)
@given(w1=st.floats(-2.5, 2.5), w2=st.floats(-2.5, 2.5))
def test_partials_against_closed_form_and_finite_differences(w1, w2):
    ex = calc.partial_derivatives_example(w1, w2)
    assert ex.value == pytest.approx(L(w1, w2), abs=1e-12)
    g1, g2 = 2 * w1 + w2, w1 + 4 * w2
    assert ex.gradient == pytest.approx((g1, g2), abs=1e-12)
    assert ex.gradient[0] == pytest.approx(central(lambda t: L(t, w2), w1), abs=1e-6)
    assert ex.gradient[1] == pytest.approx(central(lambda t: L(w1, t), w2), abs=1e-6)
    for k, (ws, ls) in enumerate(ex.slices):
        expected = L(ws, w2) if k == 0 else L(w1, ws)
        ok = np.isfinite(ls)
        np.testing.assert_allclose(ls[ok], expected[ok], rtol=1e-12, atol=1e-12)
    for k in range(2):
        tip = ex.arrow_tip[k], ex.descent_tip[k]
        assert all(ex.w_range[0] - 1e-9 <= t <= ex.w_range[1] + 1e-9 for t in tip)


def test_partials_match_sympy():
    w1, w2 = sp.symbols("w1 w2")
    expr = w1**2 + w1 * w2 + 2 * w2**2
    ex = calc.partial_derivatives_example(1.25, -0.75)
    for k, s in enumerate((w1, w2)):
        assert ex.gradient[k] == pytest.approx(float(sp.diff(expr, s).subs({w1: 1.25, w2: -0.75})))


def test_contours_are_level_sets():
    ex = calc.partial_derivatives_example(1, -1)
    assert any(level == pytest.approx(ex.value) for level in ex.contour_levels)
    assert ex.contour_levels[ex.point_level] == pytest.approx(ex.value)
    for level, pts in zip(ex.contour_levels, ex.contours):
        ok = np.all(np.isfinite(pts), axis=1)
        assert ok.any()
        np.testing.assert_allclose(L(pts[ok, 0], pts[ok, 1]), level, rtol=1e-9)


@pytest.mark.parametrize("f", ["w1^2 - w2^2", "w1^3 + w2^2", "sin(w1) + w2^2"])
def test_partial_function_must_be_a_bowl(f):
    with pytest.raises(InputError):
        calc.partial_derivatives_example(1, 1, f)


# Chain rule -------------------------------------------------------------------------------
@settings(max_examples=50, deadline=None)
@given(x=st.floats(-3, 3))
def test_chain_rule_default_chain(x):
    ex = calc.chain_rule_example(["3*x + 1", "x^2", "sin(x)"], x)
    u = 3 * x + 1
    v = u**2
    assert [s.output_value for s in ex.stages] == pytest.approx([u, v, np.sin(v)], abs=1e-10)
    assert ex.local_derivatives == pytest.approx((3, 2 * u, np.cos(v)), abs=1e-10)
    closed = np.cos(v) * 2 * u * 3
    assert ex.derivative == pytest.approx(closed, rel=1e-9, abs=1e-9)
    assert ex.product == pytest.approx(ex.derivative, rel=1e-9, abs=1e-9)
    assert ex.derivative == pytest.approx(
        central(lambda t: np.sin((3 * t + 1) ** 2), x, 1e-6), rel=1e-4, abs=1e-4
    )


def test_the_default_chain_multiplies_out_on_screen():
    """At the lesson's default input, every product the scene shows reproduces from the numbers
    beside it as shown (two decimals): the nudges link by link, the backward readouts, the
    product line. (At x = 0.2, cos(2.56) = -0.8356 shows as -0.84 and 3.2 * -0.84 = -2.69 stood
    beside do/du = -2.67.)"""
    from mathdl_anim.core.formatting import format_tex

    spec = find_scene("ChainRule")
    ex = spec.example()
    shown = [float(format_tex(d)) for d in ex.local_derivatives]

    def as_shown(value: float) -> float:
        return float(format_tex(value))

    for k, rate in enumerate(shown):  # each nudge is the one before it times the link's rate
        assert format_tex(as_shown(ex.nudges[k]) * rate) == format_tex(ex.nudges[k + 1])
    for k, rate in enumerate(reversed(shown)):  # read backwards from do/do = 1
        assert format_tex(as_shown(ex.backward_products[k]) * rate) == format_tex(ex.backward_products[k + 1])
    assert format_tex(float(np.prod(shown))) == format_tex(ex.product)


CHAINS = [
    (["x^2", "exp(x)"], lambda x: np.exp(x**2), sp.exp(X**2)),
    (["2*x - 1", "sigmoid(x)"], lambda x: 1 / (1 + np.exp(-(2 * x - 1))), 1 / (1 + sp.exp(1 - 2 * X))),
    (["tanh(x)", "x^3", "cos(x)"], lambda x: np.cos(np.tanh(x) ** 3), sp.cos(sp.tanh(X) ** 3)),
    (["x^2 + 1", "log(x)", "sqrt(x)"], lambda x: np.sqrt(np.log(x**2 + 1)), sp.sqrt(sp.log(X**2 + 1))),
]


@pytest.mark.parametrize("chain, fn, whole", CHAINS)
@pytest.mark.parametrize("x", [-1.3, 0.4, 1.7])
def test_chain_rule_product_is_the_whole_derivative(chain, fn, whole, x):
    ex = calc.chain_rule_example(chain, x)
    assert ex.product == pytest.approx(ex.derivative, rel=1e-9, abs=1e-12)
    assert ex.derivative == pytest.approx(central(fn, x, 1e-6), rel=1e-5, abs=1e-6)
    assert ex.partial_products == pytest.approx(np.cumprod(ex.local_derivatives))
    assert ex.derivative == pytest.approx(float(sp.diff(whole, X).subs(X, x)), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("chain, fn, whole", CHAINS)
@pytest.mark.parametrize("x", [-1.3, 0.4, 1.7])
def test_chain_factors_are_sympy_derivatives_of_each_link(chain, fn, whole, x):
    # each link's factor: sympy's derivative of that function (parsed by sympy here, not by the
    # project's parser) at the value flowing into it
    ex = calc.chain_rule_example(chain, x)
    value = x
    for text, stage in zip(chain, ex.stages):
        g = sp.sympify(text.replace("^", "**"), locals={"sigmoid": lambda t: 1 / (1 + sp.exp(-t))})
        assert stage.local_value == pytest.approx(float(sp.diff(g, X).subs(X, value)), rel=1e-12, abs=1e-12)
        value = float(g.subs(X, value))
    assert ex.names[-1] == "o"  # y is the lesson's target, never a chain's output


@pytest.mark.parametrize("chain, fn, whole", CHAINS)
@pytest.mark.parametrize("x", [-1.3, 0.4, 1.7])
def test_chain_nudges_are_finite_difference_images(chain, fn, whole, x):
    # the nudge on each line is dx times the rate of that line's value in x, measured here by a
    # central difference of the composition up to that line (numpy, no sympy)
    ex = calc.chain_rule_example(chain, x)
    steps = {"x^2": np.square, "exp(x)": np.exp, "2*x - 1": lambda t: 2 * t - 1}
    steps |= {"sigmoid(x)": lambda t: 1 / (1 + np.exp(-t)), "tanh(x)": np.tanh, "x^3": lambda t: t**3}
    steps |= {"cos(x)": np.cos, "x^2 + 1": lambda t: t**2 + 1, "log(x)": np.log, "sqrt(x)": np.sqrt}
    assert len(ex.nudges) == len(chain) + 1 and ex.nudges[0] == ex.dx
    for k in range(1, len(chain) + 1):

        def upto(t, k=k):
            for text in chain[:k]:
                t = steps[text](t)
            return t

        assert ex.nudges[k] == pytest.approx(ex.dx * central(upto, x, 1e-6), rel=1e-6, abs=1e-9)
    # the product read backwards from o ends at the same derivative
    assert ex.backward_products[0] == 1
    assert ex.backward_products[-1] == pytest.approx(ex.derivative, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize(
    "chain, x, dx",
    [
        (["3*x + 1", "x^2", "sin(x)"], 0.2, 0.1),  # |du/dx|, |dv/dx|, |do/dx| = 3, 9.6, 8.02: 0.2 * 9.6 > 1.5
        (["x^2", "exp(x)"], -0.7, 0.2),  # 1.4 and 2.29: 0.2 * 2.29 = 0.46 fits
        (["exp(x)", "exp(x)"], 1.9, 0.01),  # e^1.9 * e^(e^1.9) is about 5.4e3: none fits, the smallest
    ],
)
def test_chain_nudge_is_the_largest_that_fits(chain, x, dx):
    ex = calc.chain_rule_example(chain, x)
    assert ex.dx == dx
    drawn = [abs(n) for n in ex.nudges]
    assert max(drawn) <= calc.CHAIN_ROOM or dx == min(calc.CHAIN_NUDGES)


def test_chain_values_name_the_new_quantities():
    v = find_scene("ChainRule").values()["values"]
    # by hand from the chain 3x + 1, x^2, sin at the default 0.28: u = 1.84, v = 3.3856,
    # the rates 3, 2u = 3.68 and cos(3.3856)
    assert v["nudges"] == pytest.approx([0.1, 0.3, 0.3 * 3.68, 0.1 * v["derivative"]], rel=1e-9)
    c = np.cos(3.3856)
    assert v["backward_products"] == pytest.approx([1, c, 3.68 * c, 3 * 3.68 * c])


@pytest.mark.parametrize(
    "chain, x", [(["x - 1", "sqrt(x)"], 1), (["x^2", "log(x)"], 0), (["x"], 1), (["x", "x", "x", "x"], 1)]
)
def test_chain_refuses_bad_chains(chain, x):
    with pytest.raises(InputError):
        calc.chain_rule_example(chain, x)


# The chapter ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["DerivativeSlope", "PartialDerivatives", "ChainRule", "Backpropagation"])
def test_values_are_json_with_finite_numbers(name):
    record = find_scene(name).values()
    text = json.dumps(record, allow_nan=False)
    assert all(np.isfinite(v) for v in iter_numbers(json.loads(text)))


def test_required_values():
    v = find_scene("DerivativeSlope").values()["values"]
    assert {"x0", "f_x0", "slope", "secant_slopes", "formula_constants"} <= set(v)
    v = find_scene("ChainRule").values()["values"]
    assert {"local_derivatives", "derivative"} <= set(v)
    v = find_scene("Backpropagation").values()["values"]
    assert set(v["grads"]) == {"w1", "b1", "w2", "b2"} and "loss" in v


def test_chain_functions_parameter_is_checked():
    with pytest.raises(InputError):
        find_scene("ChainRule").example({"functions": ["x", "__import__('os')"]})
    with pytest.raises(InputError):
        find_scene("ChainRule").example({"functions": "x^2"})


def test_clip_samples_ends_the_curve_on_the_window_edge():
    from mathdl_anim.core.calculus import clip_samples

    # y = 2x over x = 0..3 in the window y in [1, 4]: it enters at x = 0.5 and leaves at x = 2
    xs, ys = clip_samples(np.array([0.0, 1.0, 2.0, 3.0]), np.array([0.0, 2.0, 4.0, 6.0]), (1.0, 4.0))
    assert list(xs) == pytest.approx([0.0, 0.5, 1.0, 2.0, 3.0])
    assert np.isnan(ys[0]) and np.isnan(ys[-1])
    assert list(ys[1:4]) == pytest.approx([1.0, 2.0, 4.0])
