"""The scenes and parameter sets every scene test runs: defaults, plus harder cases."""

from __future__ import annotations

import json
import os
import zlib

from mathdl_anim.lesson.registry import scene_names

#: Parameter sets beyond the defaults, chosen to stress layout and formatting.
EXTRA_CASES: dict[str, list[dict]] = {
    "TensorShapes": [{"digits": [5, 900, 1796]}],
    "MatrixMultiplication": [
        {"A": [[1.5, -2, 0.25, 3], [0, 1, -1, 2], [2, 2, 2, 2]], "B": [[1, 0], [-0.5, 2], [3, 1], [1, -1]]},
        {"A": [[2], [3]], "B": [[4, 5, 6]]},
    ],
    "Neuron": [{"W": [[0.3, -0.2], [0.1, 0.4]], "x": [1.5, -2], "b": [0.1, -0.3], "activation": "sigmoid"}],
    # the least confident test digit first (the ambiguous one is then the next), at a high temperature
    "ProbabilisticOutput": [{"digit": 1595, "temperature": 3}],
    # a loaded two-faced die: the largest variance square is drawn smaller (and says so)
    "RandomVariables": [{"weights": [1, 9], "n": 7}],
    "GaussianSampling": [{"mu": 250, "sigma": 40, "n": 100000, "bins": 60}],
    "Normalization": [{"data": [0.1, 0.2]}],
    # calculus and "why" chapters: a pole near x0, a long formula, a zero gradient, a dead ReLU,
    # divergence, a curved valley, the deepest chain
    "DerivativeSlope": [
        {"f": "1/x", "x0": -0.5},
        {"f": "sigmoid(x) + 0.3*exp(-x^2)*cos(3*x) - log(x + 4)", "x0": -1.25},
    ],
    "PartialDerivatives": [{"w1": 0, "w2": 0}],
    "ChainRule": [{"functions": ["x^2", "exp(x)"], "x": -0.7}],
    "Backpropagation": [{"activation": "relu", "w1": -1, "x": 2, "b1": 0.5}],
    "GradientDescent": [{"lr": [2], "w0": 10, "steps": 60}],
    "Optimizers": [{"loss": "rosenbrock", "steps": 60}],
    "VanishingGradients": [{"depth": 12, "seed": 5}],
}

#: Every scene with its defaults, then the extra cases (``MATHDL_ANIM_TEST_CASES=defaults``: the
#: defaults only, for the second run of the scene tests on plain manim).
CASES = [(name, None) for name in scene_names()] + [
    (name, params)
    for name, sets in EXTRA_CASES.items()
    for params in sets
    if os.environ.get("MATHDL_ANIM_TEST_CASES") != "defaults"
]


def case_id(case) -> str:
    name, params = case
    return (
        name
        if params is None
        else f"{name}-{zlib.crc32(json.dumps(params, sort_keys=True).encode()) % 10_000:04d}"
    )
