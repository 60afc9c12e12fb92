"""The scenes and parameter sets every scene test runs: defaults, plus harder cases."""

from __future__ import annotations

from mathdl_anim.lesson import scene_names

#: Parameter sets beyond the defaults, chosen to stress layout and formatting.
EXTRA_CASES: dict[str, list[dict]] = {
    "TensorShapes": [{"shape": [4, 1, 28, 28]}],
    "MatrixMultiplication": [
        {"A": [[1.5, -2, 0.25, 3], [0, 1, -1, 2], [2, 2, 2, 2]], "B": [[1, 0], [-0.5, 2], [3, 1], [1, -1]]},
        {"A": [[2], [3]], "B": [[4, 5, 6]]},
    ],
    "Neuron": [{"W": [[0.3, -0.2], [0.1, 0.4]], "x": [1.5, -2], "b": [0.1, -0.3], "activation": "sigmoid"}],
    "RandomVariables": [{"weights": [1, 3], "n": 7}],
    "GaussianSampling": [{"mu": 250, "sigma": 40, "n": 100000, "bins": 60}],
    "Normalization": [{"data": [0.1, 0.2]}],
}

CASES = [(name, None) for name in scene_names()] + [
    (name, params) for name, sets in EXTRA_CASES.items() for params in sets
]


def case_id(case) -> str:
    name, params = case
    return name if params is None else f"{name}-{abs(hash(str(params))) % 10_000:04d}"
