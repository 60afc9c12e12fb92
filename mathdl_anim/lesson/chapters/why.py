"""Chapter: Why do we need this? Convergence, optimizers, vanishing gradients and a recap."""

from __future__ import annotations

from typing import Any

from mathdl_anim.core import descent, optimizers, recap, vanishing
from mathdl_anim.core import optimization as opt
from mathdl_anim.core.errors import InputError
from mathdl_anim.core.params import Converter, Param, as_choice, as_int, as_number, shown
from mathdl_anim.lesson.spec import SceneSpec

__all__ = ["CHAPTER", "SCENES"]

CHAPTER = "Why do we need this?"

#: Bounds of the parameters.
GD_MAX_LR = 2.0
MAX_STEPS = 60
OPT_MAX_LR = 1.0
MAX_START = 5.0


def _rates(
    max_len: int, hi: float, *, allow_null: bool = False, exact: tuple[int, ...] = ()
) -> Converter[list[float] | None]:
    """Converter for a learning rate in ``(0, hi]`` or a list of them (``max_len`` at most)."""

    def convert(name: str, value: Any) -> list[float] | None:
        if value is None and allow_null:
            return None
        items = value if isinstance(value, list) else [value]
        if not items or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in items):
            raise InputError(f"{name} must be a number or a list of numbers, got {shown(value)}")
        if len(items) > max_len or (exact and len(items) not in exact):
            allowed = " or ".join(str(n) for n in exact) if exact else f"1 to {max_len}"
            raise InputError(f"{name} must hold {allowed} learning rates, got {len(items)}")
        for x in items:
            if not 0 < x <= hi:  # JSON numbers are finite (params.parse_json_value)
                raise InputError(f"{name}: each learning rate must be in (0, {hi:g}], got {shown(x)}")
        return [float(x) for x in items]

    counts = " or ".join(str(n) for n in exact) if exact else f"1 to {max_len}"
    null = "null, or " if allow_null else ""
    return Converter(convert, f"{null}{counts} numbers, each in (0, {hi:g}]")


def _point(lo: float, hi: float) -> Converter[list[float] | None]:
    """Converter for ``[w1, w2]`` with both in ``[lo, hi]`` (``null``: the loss's default)."""

    def convert(name: str, value: Any) -> list[float] | None:
        if value is None:
            return None
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in value)
        ):
            raise InputError(f"{name} must be two numbers [w1, w2], got {shown(value)}")
        for x in value:
            if not lo <= x <= hi:  # JSON numbers are finite (params.parse_json_value)
                raise InputError(f"{name}: each coordinate must be in [{lo:g}, {hi:g}], got {shown(x)}")
        return [float(x) for x in value]

    return Converter(convert, f"null, or two numbers [w1, w2], each in [{lo:g}, {hi:g}]")


def _recap_example() -> recap.RecapExample:
    """The recap, drawn from the default examples (or parameters) of the scenes it recalls."""
    from mathdl_anim.core.digits import load_digit
    from mathdl_anim.core.statistics import summarize
    from mathdl_anim.lesson.chapters import calculus, linear_algebra, probability

    specs = {s.name: s for m in (linear_algebra, probability, calculus) for s in m.SCENES}
    die = specs["RandomVariables"].resolve()
    slope = specs["DerivativeSlope"].resolve()
    return recap.recap_example(
        neuron=specs["Neuron"].example(),
        matmul=specs["MatrixMultiplication"].example(),
        digit=load_digit(specs["TensorShapes"].resolve()["digits"][0]),
        die=(die["weights"], die["n"], die["seed"]),
        gaussian=specs["GaussianSampling"].example(),
        feature=summarize(specs["Normalization"].resolve()["data"]),
        f=slope["f"],
        x0=slope["x0"],
        race={s.name: s for s in SCENES}["Optimizers"].example(),
    )


SCENES: tuple[SceneSpec, ...] = (
    SceneSpec(
        name="GradientDescent",
        module="scenes.gradient_descent",
        chapter=CHAPTER,
        description="L(w) = (w - 1)^2 with a = L'' = 2; four learning rates side by side (slow, good, "
        "oscillating, diverging, its panel zooming out); the error on a log axis, straight lines of "
        "slope log|1 - lr*a|, and the rule lr < 2/a.",
        params=(
            Param(
                "lr",
                [0.1, 0.4, 0.9, 1.05],
                f"learning rate or a list of up to 4, each in (0, {GD_MAX_LR:g}] (diverges past 1)",
                _rates(4, GD_MAX_LR),
            ),
            Param("w0", -2, "starting weight, in [-10, 10], not the minimum 1", as_number(-10, 10)),
            Param("steps", 12, f"gradient steps, 1 to {MAX_STEPS}", as_int(1, MAX_STEPS)),
        ),
        build=lambda lr, w0, steps: descent.descent_example(lr, w0, steps),
    ),
    SceneSpec(
        name="Optimizers",
        module="scenes.optimizers",
        chapter=CHAPTER,
        description="SGD's step split across and along a narrow valley (its rate capped by the steep "
        "direction), momentum's velocity, RMSProp's rescaling, Adam; then a fair race, each at its "
        "best learning rate of a grid.",
        params=(
            Param(
                "lr",
                None,
                f"the grid of learning rates each optimizer tries, 1 to {optimizers.MAX_GRID} numbers "
                f"in (0, {OPT_MAX_LR:g}] (null: 0.003 to 1 on the bowl, 0.0003 to 0.3 on rosenbrock)",
                _rates(optimizers.MAX_GRID, OPT_MAX_LR, allow_null=True),
            ),
            Param("steps", 40, f"optimizer steps, 1 to {MAX_STEPS}", as_int(1, MAX_STEPS)),
            Param(
                "start",
                None,
                f"[w1, w2] in [-{MAX_START:g}, {MAX_START:g}]; null: (-4, 1) on the bowl, "
                "(-1.2, 1) on rosenbrock",
                _point(-MAX_START, MAX_START),
            ),
            Param("loss", "bowl", "bowl or rosenbrock", as_choice(tuple(opt.LOSSES))),
        ),
        build=lambda lr, steps, start, loss: optimizers.optimizers_example(lr, steps, start, loss),
    ),
    SceneSpec(
        name="VanishingGradients",
        module="scenes.vanishing_gradients",
        chapter=CHAPTER,
        description="The gradient flowing back through a deep chain shrinks by |w sigmoid'(z)| per "
        "layer (sigmoid'(z) <= 0.25), so trained, its early layers barely move; with ReLU they do.",
        params=(
            Param(
                "depth",
                10,
                f"layers, {vanishing.MIN_DEPTH} to {vanishing.MAX_DEPTH}",
                as_int(vanishing.MIN_DEPTH, vanishing.MAX_DEPTH),
            ),
            Param("seed", 0, "seed of the random weights and biases, 0 to 2^32 - 1", as_int(0, 2**32 - 1)),
        ),
        build=lambda depth, seed: vanishing.vanishing_example(depth, seed),
    ),
    SceneSpec(
        name="Recap",
        module="scenes.recap",
        chapter=CHAPTER,
        description="The four pillars (linear algebra, probability, statistics, calculus) gathering "
        "key frames of their scenes; the Neuron scene's z = Wx + b; the three whys as three loops.",
        params=(),
        build=lambda: _recap_example(),
    ),
)
