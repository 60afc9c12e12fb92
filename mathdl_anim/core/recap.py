"""Recap: the four pillars of the lesson, each with small key frames of its own scenes; the
neuron z = Wx + b of the Neuron scene; and the three "why" points as three short loops.

Every picture of the recap is rebuilt small from the numbers its own scene shows: the examples
(or the parameters) of those scenes come in as arguments (the lesson passes each scene's
defaults), and the three loops are computed here from the public functions of
:mod:`~mathdl_anim.core.optimization` and :mod:`~mathdl_anim.core.vanishing`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from mathdl_anim.core import optimization as opt
from mathdl_anim.core import slope, vanishing
from mathdl_anim.core.calculus import Segment, clip_line, derivative_at, secant_slope
from mathdl_anim.core.digits import Digit
from mathdl_anim.core.expressions import Formula, parse_formula
from mathdl_anim.core.linear_algebra import MatMulExample, NeuronExample
from mathdl_anim.core.optimizers import OptimizersExample
from mathdl_anim.core.probability import GaussianSamplingExample, discrete_rv, histogram
from mathdl_anim.core.statistics import Summary

__all__ = [
    "Pillar",
    "PILLARS",
    "Curve",
    "RaceTrace",
    "RecapExample",
    "recap_example",
]


@dataclass(frozen=True)
class Pillar:
    """One pillar of the lesson.

    Attributes
    ----------
    name : str
        ``"Linear algebra"``, ``"Probability"``, ``"Statistics"`` or ``"Calculus"``.
    appeared : tuple[str, ...]
        The scenes whose key frames it gathers, in the order they are drawn.
    """

    name: str
    appeared: tuple[str, ...]


PILLARS: tuple[Pillar, ...] = (
    Pillar("Linear algebra", ("TensorShapes", "MatrixMultiplication")),
    Pillar("Probability", ("RandomVariables", "GaussianSampling")),
    Pillar("Statistics", ("Normalization", "Normalization")),
    Pillar("Calculus", ("DerivativeSlope", "DerivativeSlope")),
)

#: Samples per curve drawn.
SAMPLES = 81
#: The secants' steps ``h`` and the calculus pillar's loss curve with descent on it: DerivativeSlope's
#: own (its core, :mod:`mathdl_anim.core.slope`).
H_STEPS: tuple[float, ...] = slope.H_STEPS
LOSS_FORMULA = slope.LOSS_FORMULA
LOSS_WINDOW = slope.LOSS_RANGE
LOSS_LR = slope.LOSS_LR
LOSS_START = slope.LOSS_W0
DESCENT_STEPS = slope.LOSS_STEPS
#: The secant-to-tangent miniature: half-width of the window around x0.
SECANT_HALF_WIDTH = 2.5

#: The diverging ball: a learning rate past 2/a on the GradientDescent scene's loss
#: ``a/2 (w - w*)^2`` (a = 2: the cap is 1), its start and its steps.
DIVERGE_LR = 1.1
DIVERGE_START = 1.5
DIVERGE_STEPS = 6
#: Contour levels drawn under the race.
RACE_LEVELS: tuple[float, ...] = (0.5, 2.0, 5.0, 10.0)
#: The vanishing pulse: the VanishingGradients scene's chain, shorter (its seed).
PULSE_DEPTH = 5
PULSE_SEED = 0


@dataclass(frozen=True)
class Curve:
    """A function sampled for drawing: ``y = f(x)`` over ``x``, inside the window ``y_range``."""

    x: np.ndarray
    y: np.ndarray
    y_range: tuple[float, float]

    @property
    def x_range(self) -> tuple[float, float]:
        return float(self.x[0]), float(self.x[-1])


def _sample(formula: Formula, lo: float, hi: float, pad: float = 0.08) -> Curve:
    """``formula`` on ``SAMPLES`` points of ``[lo, hi]``, with a window from 0 (or below) to a
    little above its top."""
    xs = np.linspace(lo, hi, SAMPLES)
    ys = formula.numeric()(xs)
    top, bottom = float(np.nanmax(ys)), float(min(np.nanmin(ys), 0.0))
    return Curve(xs, ys, (bottom, top + pad * (top - bottom)))


@dataclass(frozen=True)
class RaceTrace:
    """One optimizer of the race.

    Attributes
    ----------
    name : str
        A key of :data:`~mathdl_anim.core.optimization.OPTIMIZERS`.
    lr : float
        The rate of the Optimizers scene's grid it ends lowest with.
    points : np.ndarray, shape (steps + 1, 2)
        The start and each iterate.
    final_loss : float
    """

    name: str
    lr: float
    points: np.ndarray
    final_loss: float

    def at(self, t: float) -> np.ndarray:
        """Where the optimizer is at step ``t`` (between steps: on the straight way between them)."""
        last = len(self.points) - 1
        t = min(max(float(t), 0.0), float(last))
        k = min(int(t), last - 1) if last > 0 else 0
        if last == 0:
            return np.asarray(self.points[0], dtype=float)
        return np.asarray(self.points[k] + (t - k) * (self.points[k + 1] - self.points[k]), dtype=float)


@dataclass(frozen=True)
class RecapExample:
    """The pillars with the numbers of their miniatures, the neuron, and the three loops.

    Attributes
    ----------
    pillars : tuple[Pillar, ...]
    digit : Digit
        TensorShapes' first digit (grey levels 0 to :data:`~mathdl_anim.core.digits.INK_LEVELS`).
    A, B, C : np.ndarray
        MatrixMultiplication's ``A``, ``B`` and ``C = A @ B``.
    die_probabilities, die_counts : np.ndarray, shape (k,)
        RandomVariables' die: ``P(X = x)`` of each face and the counts of its seeded rolls.
    gauss_edges, gauss_counts : np.ndarray
        GaussianSampling's bins and final counts.
    gauss_curve : Curve
        Its pdf scaled to counts (``n * bin width * pdf``).
    feature : Summary
        Normalization's feature: data, mean, std and z-scores.
    slope_curve : Curve
        DerivativeSlope's ``f`` around ``x0``.
    x0, f_x0, slope : float
        The point, ``f(x0)`` and ``f'(x0)`` (the secants' limit).
    secant_slopes : tuple[float, ...]
        The secants' slopes for the steps ``h`` of :data:`~mathdl_anim.core.calculus.H_STEPS`.
    loss_curve : Curve
        DerivativeSlope's loss ``L(w)``.
    descent : np.ndarray, shape (DESCENT_STEPS + 1,)
        Weights of gradient descent on it (rate :data:`~mathdl_anim.core.calculus.LOSS_LR`).
    neuron : NeuronExample
        The Neuron scene's example; the recap shows its first neuron.
    diverge : opt.GDRun
        Gradient descent past the cap on the GradientDescent scene's loss.
    diverge_curve : Curve
    race : tuple[RaceTrace, ...]
    race_box : tuple[tuple[float, float], tuple[float, float]]
        The window of weight space the race is drawn in.
    race_contours : tuple[np.ndarray, ...]
        Segments of the loss' level sets :data:`RACE_LEVELS`.
    pulse : dict[str, np.ndarray]
        ``|d a_L / d a_{l-1}|`` of each layer of the chain, with sigmoid and with ReLU.
    """

    pillars: tuple[Pillar, ...]
    digit: Digit
    A: np.ndarray
    B: np.ndarray
    C: np.ndarray
    die_probabilities: np.ndarray
    die_counts: np.ndarray
    gauss_edges: np.ndarray
    gauss_counts: np.ndarray
    gauss_curve: Curve
    feature: Summary
    slope_curve: Curve
    x0: float
    f_x0: float
    slope: float
    secant_slopes: tuple[float, ...]
    loss_curve: Curve
    descent: np.ndarray
    neuron: NeuronExample
    diverge: opt.GDRun
    diverge_curve: Curve
    race: tuple[RaceTrace, ...]
    race_box: tuple[tuple[float, float], tuple[float, float]]
    race_contours: tuple[np.ndarray, ...]
    pulse: dict[str, np.ndarray]
    formula: str = "z = Wx + b"

    # The neuron, as the recap shows it: the Neuron scene's first neuron.
    @property
    def W(self) -> np.ndarray:
        """The first neuron's weights (a row of the Neuron scene's ``W``)."""
        return np.asarray(self.neuron.W[0], dtype=float)

    @property
    def x(self) -> np.ndarray:
        return self.neuron.x

    @property
    def b(self) -> float:
        return float(self.neuron.b[0])

    @property
    def terms(self) -> np.ndarray:
        """``x_j * w_j``."""
        return np.asarray(self.neuron.terms[0], dtype=float)

    @property
    def z(self) -> float:
        return float(self.neuron.z[0])

    def secant(self, slope: float) -> Segment:
        """The line through ``(x0, f(x0))`` with ``slope``, clipped to the curve's window."""
        return clip_line(self.x0, self.f_x0, slope, self.slope_curve.x_range, self.slope_curve.y_range)

    @property
    def race_ranking(self) -> tuple[str, ...]:
        """The optimizers from the lowest final loss to the highest."""
        return tuple(t.name for t in sorted(self.race, key=lambda t: t.final_loss))

    @property
    def diverge_cap(self) -> float:
        """``2 / a``: the largest rate that does not diverge on the loss."""
        return 2.0 / opt.QUADRATIC_A

    def values(self) -> dict[str, Any]:
        return {
            "pillars": [p.name for p in self.pillars],
            "appeared": {p.name: list(p.appeared) for p in self.pillars},
            "formula": self.formula,
            "W": self.W.tolist(),
            "x": self.x.tolist(),
            "b": self.b,
            "terms": self.terms.tolist(),
            "z": self.z,
            "digit": self.digit.index,
            "A": self.A.tolist(),
            "B": self.B.tolist(),
            "C": self.C.tolist(),
            "die_probabilities": self.die_probabilities.tolist(),
            "die_counts": self.die_counts.tolist(),
            "gauss_counts": self.gauss_counts.tolist(),
            "mean": self.feature.mean,
            "std": self.feature.std,
            "normalized": self.feature.normalized.tolist(),
            "normalized_mean": self.feature.normalized_mean,
            "normalized_std": self.feature.normalized_std,
            "x0": self.x0,
            "slope": self.slope,
            "secant_slopes": list(self.secant_slopes),
            "descent": self.descent.tolist(),
            "diverge_lr": self.diverge.lr,
            "diverge_cap": self.diverge_cap,
            "diverge_ratio": self.diverge.ratio,
            "diverge_iterates": list(self.diverge.iterates),
            "race_lrs": {t.name: t.lr for t in self.race},
            "race_losses": {t.name: t.final_loss for t in self.race},
            "race_steps": len(self.race[0].points) - 1,
            "race_ranking": list(self.race_ranking),
            "pulse": {k: v.tolist() for k, v in self.pulse.items()},
            "pulse_depth": PULSE_DEPTH,
        }


def recap_example(
    neuron: NeuronExample,
    matmul: MatMulExample,
    digit: Digit,
    die: tuple[npt.ArrayLike, int, int],
    gaussian: GaussianSamplingExample,
    feature: Summary,
    f: Formula,
    x0: float,
    race: OptimizersExample,
) -> RecapExample:
    """The recap, from the examples (or parameters) of the scenes it recalls.

    Parameters
    ----------
    neuron, matmul, gaussian : the Neuron, MatrixMultiplication and GaussianSampling examples.
    digit : TensorShapes' first digit.
    die : RandomVariables' ``(weights, n, seed)``: its die and its seeded rolls.
    feature : Normalization's feature.
    f, x0 : DerivativeSlope's function and point.
    race : the Optimizers example: its race (each optimizer at its best rate of its grid).
    """
    # probability: the die's rolls, counted per face
    rv = discrete_rv(die[0])
    rolls = rv.sample(int(die[1]), int(die[2]))
    die_counts = histogram(rolls, np.append(rv.outcomes - 0.5, rv.outcomes[-1] + 0.5))
    # statistics: the Gaussian's final histogram and its pdf in counts
    final = gaussian.final
    width = float(gaussian.bin_edges[1] - gaussian.bin_edges[0])
    scaled = final.n * width * gaussian.curve_pdf
    gauss_curve = Curve(gaussian.curve_x, scaled, (0.0, 1.08 * float(max(scaled.max(), final.counts.max()))))
    # calculus: secants turning into the tangent, and descent on the loss curve
    slope_curve = _sample(f, x0 - SECANT_HALF_WIDTH, x0 + SECANT_HALF_WIDTH)
    secants = tuple(secant_slope(f, x0, h) for h in H_STEPS)
    loss = parse_formula(LOSS_FORMULA, ("w",))
    loss_curve = _sample(loss, *LOSS_WINDOW)
    w = LOSS_START
    descent = [w]
    for _ in range(DESCENT_STEPS):
        w = w - LOSS_LR * derivative_at(loss, w)
        descent.append(w)
    # why 1: a rate past the cap
    diverge = opt.gradient_descent(DIVERGE_LR, DIVERGE_START, DIVERGE_STEPS)
    spread = max(abs(v - opt.QUADRATIC_MIN) for v in diverge.iterates) * 1.1
    lo, hi = opt.QUADRATIC_MIN - spread, opt.QUADRATIC_MIN + spread
    ws = np.linspace(lo, hi, SAMPLES)
    ls = 0.5 * opt.QUADRATIC_A * (ws - opt.QUADRATIC_MIN) ** 2
    diverge_curve = Curve(ws, ls, (0.0, 1.05 * float(ls.max())))
    # why 2: the race, each optimizer at its best rate of the grid
    bowl = race.loss
    start = np.asarray(race.start, dtype=float)
    traces = [RaceTrace(r.name, r.lr, np.asarray(r.trajectory, dtype=float), r.final_loss) for r in race.runs]
    every = np.vstack([t.points for t in traces] + [start[None, :], np.array(bowl.minimum)[None, :]])
    reach = np.abs(every).max(axis=0) * 1.12
    box = ((-float(reach[0]), float(reach[0])), (-float(reach[1]), float(reach[1])))
    contours = tuple(opt.contour_segments(bowl.fn, box, level) for level in RACE_LEVELS)
    # why 3: the pulse travelling back through a chain
    chain = vanishing.vanishing_example(PULSE_DEPTH, PULSE_SEED)
    pulse = {act: chain.trace(act).grad_norms for act in vanishing.VANISHING_ACTIVATIONS}
    f_x0 = float(f.numeric()(float(x0)))
    return RecapExample(
        pillars=PILLARS,
        digit=digit,
        A=np.asarray(matmul.A, dtype=float),
        B=np.asarray(matmul.B, dtype=float),
        C=np.asarray(matmul.product, dtype=float),
        die_probabilities=rv.probabilities,
        die_counts=np.asarray(die_counts),
        gauss_edges=np.asarray(gaussian.bin_edges, dtype=float),
        gauss_counts=np.asarray(final.counts),
        gauss_curve=gauss_curve,
        feature=feature,
        slope_curve=slope_curve,
        x0=float(x0),
        f_x0=f_x0,
        slope=derivative_at(f, float(x0)),
        secant_slopes=secants,
        loss_curve=loss_curve,
        descent=np.array(descent),
        neuron=neuron,
        diverge=diverge,
        diverge_curve=diverge_curve,
        race=tuple(traces),
        race_box=box,
        race_contours=contours,
        pulse=pulse,
    )
