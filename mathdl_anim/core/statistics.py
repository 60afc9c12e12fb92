"""Statistics for data normalization: mean, variance, standard deviation and z-scores.

The standard deviation here is the *population* one (``ddof=0``: divide by N, numpy's
default), and the scenes say so on screen. Normalizing ``z = (x - mean) / std`` then gives
data whose mean is 0 and whose population std is 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from mathdl_anim.core.errors import InputError

__all__ = [
    "DDOF",
    "MIN_DATA",
    "MAX_DATA",
    "Summary",
    "summarize",
    "z_scores",
    "FEATURES",
    "NormalizationExample",
    "normalization_example",
]

#: Delta degrees of freedom of every std in this module: 0, the population std (divide by N).
DDOF = 0
#: Bounds of the number of data points a scene draws.
MIN_DATA, MAX_DATA = 2, 20

#: Two features of the same eight people on very different scales: age in years and yearly
#: income in dollars.
FEATURES: dict[str, tuple[float, ...]] = {
    "age": (23, 31, 35, 42, 47, 52, 58, 64),
    "income": (21000, 34000, 38000, 52000, 61000, 67000, 83000, 95000),
}

#: Scale of the round-off that can remain in the normalized mean and std (relative to 1).
_CLEAN = 12


@dataclass(frozen=True)
class Summary:
    """One feature before and after normalization.

    Attributes
    ----------
    data : np.ndarray
    mean, variance, std : float
        Population statistics (``ddof=0``).
    shifted : np.ndarray
        ``data - mean``.
    normalized : np.ndarray
        ``(data - mean) / std``.
    normalized_mean, normalized_std : float
        Mean and std of ``normalized`` (0 and 1 up to round-off, which is rounded away).
    """

    data: np.ndarray
    mean: float
    variance: float
    std: float
    shifted: np.ndarray
    normalized: np.ndarray
    normalized_mean: float
    normalized_std: float

    def values(self) -> dict[str, Any]:
        return {
            "data": self.data.tolist(),
            "mean": self.mean,
            "variance": self.variance,
            "std": self.std,
            "shifted": self.shifted.tolist(),
            "normalized": self.normalized.tolist(),
            "normalized_mean": self.normalized_mean,
            "normalized_std": self.normalized_std,
        }


def _as_data(data: npt.ArrayLike, name: str = "data") -> np.ndarray:
    arr = np.asarray(data, dtype=float).reshape(-1)
    if arr.size < MIN_DATA:
        raise InputError(f"{name} needs at least {MIN_DATA} numbers, got {arr.size}")
    if not np.all(np.isfinite(arr)):
        raise InputError(f"{name} has a non-finite entry")
    return arr


def z_scores(data: npt.ArrayLike) -> np.ndarray:
    """``(x - mean) / std`` with the population std.

    Raises
    ------
    InputError
        If the data are constant (std 0: there is no spread to divide by).
    """
    return summarize(data).normalized


def summarize(data: npt.ArrayLike, name: str = "data") -> Summary:
    """Population mean, variance and std of ``data`` and its z-scores.

    Raises
    ------
    InputError
        For fewer than :data:`MIN_DATA` numbers, a non-finite one, or constant data.
    """
    arr = _as_data(data, name)
    mean = float(arr.mean())
    shifted = arr - mean
    variance = float(np.mean(shifted**2))
    std = float(np.sqrt(variance))
    if std <= 1e-12 * max(1.0, float(np.max(np.abs(arr)))):
        raise InputError(f"{name} is constant (std = 0): there is no spread to normalize by")
    normalized = shifted / std

    def clean(x: float) -> float:
        return round(float(x), _CLEAN) + 0.0  # +0.0 turns -0.0 into 0.0

    return Summary(
        data=arr,
        mean=mean,
        variance=variance,
        std=std,
        shifted=shifted,
        normalized=normalized,
        normalized_mean=clean(normalized.mean()),
        normalized_std=clean(normalized.std(ddof=DDOF)),
    )


@dataclass(frozen=True)
class NormalizationExample:
    """A feature normalized step by step, then two features on very different scales.

    Attributes
    ----------
    feature : Summary
        The user's data.
    features : dict[str, Summary]
        :data:`FEATURES`, each summarized.
    scale_ratio : float
        ``std(income) / std(age)``: how many times wider one raw feature is than the other.
    """

    feature: Summary
    features: dict[str, Summary]
    scale_ratio: float

    def values(self) -> dict[str, Any]:
        out = self.feature.values()
        out["ddof"] = DDOF
        out["features"] = {name: s.values() for name, s in self.features.items()}
        out["scale_ratio"] = self.scale_ratio
        # 1/N in the formulas, the square, and "mean 0, std 1" after normalizing.
        out["constants"] = [0, 1, 2]
        return out


def normalization_example(data: npt.ArrayLike) -> NormalizationExample:
    """Normalize ``data`` and the two example features.

    Raises
    ------
    InputError
        If ``data`` has fewer than :data:`MIN_DATA` numbers or is constant.
    """
    feature = summarize(data)
    features = {name: summarize(values, name) for name, values in FEATURES.items()}
    ratio = features["income"].std / features["age"].std
    return NormalizationExample(feature, features, float(ratio))
