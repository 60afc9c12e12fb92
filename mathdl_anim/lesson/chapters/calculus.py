"""Chapter: Calculus. Derivatives, partial derivatives, the chain rule and backpropagation."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from mathdl_anim.core import backprop as bp
from mathdl_anim.core.activations import ACTIVATIONS
from mathdl_anim.core.errors import InputError
from mathdl_anim.core.params import Converter, Param, as_choice, as_number, shown
from mathdl_anim.lesson.spec import SceneSpec

if TYPE_CHECKING:
    from mathdl_anim.core.expressions import Formula

__all__ = ["CHAPTER", "SCENES", "as_formula_list"]

CHAPTER = "Calculus"


# sympy (about 0.4 s to import) is loaded when a calculus scene is built, not with the lesson
def _calc() -> ModuleType:
    from mathdl_anim.core import calculus

    return calculus


def _surface() -> ModuleType:
    from mathdl_anim.core import surface

    return surface


def _as_formula(variables: tuple[str, ...] = ("x",)) -> Callable[[str, Any], Formula]:
    """:func:`mathdl_anim.core.expressions.as_formula`, importing sympy on first use."""

    def convert(name: str, value: Any) -> Formula:
        from mathdl_anim.core.expressions import as_formula as parse

        return parse(variables)(name, value)

    return convert


def as_formula_list(min_len: int, max_len: int) -> Converter[tuple[Formula, ...]]:
    """Converter for a list of ``min_len`` to ``max_len`` formula strings in ``x``."""
    one = _as_formula(("x",))

    def convert(name: str, value: Any) -> tuple[Formula, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"{name} must be a list of formula strings, got {shown(value)}")
        if not min_len <= len(value) <= max_len:
            raise InputError(f"{name} must have {min_len} to {max_len} functions, got {len(value)}")
        return tuple(one(f"{name}[{k}]", v) for k, v in enumerate(value))

    return Converter(convert, f"{min_len} to {max_len} formula strings")


SCENES: tuple[SceneSpec, ...] = (
    SceneSpec(
        name="DerivativeSlope",
        module="scenes.derivative_slope",
        chapter=CHAPTER,
        description="A secant whose step h shrinks continuously into the tangent; a zoom until the "
        "curve is its tangent; a nudge of x by 0.01 moving f by f'(x0) * 0.01; the tangent sliding "
        "while f'(x) draws itself; six descent steps on a loss curve (values: zoom_factors, nudge, "
        "trace_x, trace_slopes, loss_steps).",
        params=(
            Param(
                "f",
                "x^2",
                "function of x: decimal numbers (0 or 0.0001 to 10000 in magnitude, e.g. 2.5e-3; not "
                "0x10 or 1_000), x, pi, e, + - * / ^ and sin cos tan exp log sqrt tanh sigmoid abs "
                "(at most 120 characters and 80 parts; every value on the way at most 1e100)",
                _as_formula(("x",)),
            ),
            Param("x0", 1, "the point where the slope is taken, in [-10, 10]", as_number(-10, 10)),
        ),
        build=lambda f, x0: _calc().derivative_example(f, x0),
    ),
    SceneSpec(
        name="PartialDerivatives",
        module="scenes.partial_derivatives",
        chapter=CHAPTER,
        description="L(w1, w2) as a 3-D surface cut by the planes w2 = const and w1 = const (both "
        "slices on one scale, their tangents the partials); seen from above, a contour map where the "
        "partials add tip to tail into the gradient, across the contour; a real network's column of "
        "partials (values: descent, slice_top, contour_level, weights_count, column_indices).",
        params=(
            Param("w1", 1, "first weight of the point, in [-2.5, 2.5]", as_number(-2.5, 2.5)),
            Param("w2", -1, "second weight of the point, in [-2.5, 2.5]", as_number(-2.5, 2.5)),
        ),
        build=lambda w1, w2: _surface().loss_surface(w1, w2),
    ),
    SceneSpec(
        name="ChainRule",
        module="scenes.chain_rule",
        chapter=CHAPTER,
        description="Rates multiply along a chain: a nudge dx stretched link by link on stacked "
        "number lines, the product of the factors equal to the derivative of the whole; then the "
        "chain as a graph read backwards (values: dx, nudges, backward_products; output o).",
        params=(
            Param(
                "functions",
                ["3*x + 1", "x^2", "sin(x)"],
                "2 or 3 functions of x, applied in order (same syntax as f of DerivativeSlope)",
                as_formula_list(2, 3),
            ),
            Param("x", 0.28, "the input, in [-10, 10]", as_number(-10, 10)),
        ),
        build=lambda functions, x: _calc().chain_rule_example(functions, x),
    ),
    SceneSpec(
        name="Backpropagation",
        module="scenes.backpropagation",
        chapter=CHAPTER,
        description="The graph of a tiny network: values flow forward into the nodes, a slider on "
        "w2 moves the loss, gradient pulses flow back (local derivative times upstream under each "
        "node), one update and the forward pass again, then twenty steps beside the falling loss "
        "(values: wiggle, w2_window, forward_after, training; y the target, y_hat the prediction).",
        params=(
            Param("x", 2, "input, in [-10, 10]", as_number(-10, 10)),
            Param("y", 1, "target, in [-10, 10]", as_number(-10, 10)),
            Param("w1", 1.5, "hidden weight, in [-10, 10]", as_number(-10, 10)),
            Param("b1", -1, "hidden bias, in [-10, 10]", as_number(-10, 10)),
            Param("w2", 0.5, "output weight, in [-10, 10]", as_number(-10, 10)),
            Param("b2", -0.5, "output bias, in [-10, 10]", as_number(-10, 10)),
            Param("activation", "sigmoid", "relu, sigmoid or tanh", as_choice(tuple(ACTIVATIONS))),
            Param("lr", 0.05, "learning rate, in (0, 2]", as_number(0, 2, open_lo=True)),
        ),
        build=lambda x, y, w1, b1, w2, b2, activation, lr: bp.backprop_example(
            x, y, w1, b1, w2, b2, activation, lr
        ),
    ),
)
