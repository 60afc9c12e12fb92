"""The ends of a log axis: one rule for every scene that plots a falling loss or error.

Examples
--------
>>> log_exponents([1.12, 0.3, 3.4e-4])
(-4, 1)
>>> log_exponents([1e-12, 2.0])  # clipped to eight decades
(-7, 1)
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

__all__ = ["MAX_DECADES", "log_exponents", "log_heights"]

#: A log axis spans at most this many decades (lower values sit on its floor).
MAX_DECADES = 8


def log_exponents(values: npt.ArrayLike, max_decades: int | None = MAX_DECADES) -> tuple[int, int]:
    """Integer exponents ``(low, high)`` of a log axis holding ``values``.

    Every positive finite value lies in ``[10**low, 10**high]``, unless they span more than
    ``max_decades`` decades (then the lowest are clipped to ``10**low``); the axis spans at least
    one decade; ``(-1, 1)`` when no value is positive and finite.

    Parameters
    ----------
    values : array_like
        The values to hold (zeros, negatives and non-finite values are ignored).
    max_decades : int or None
        The most decades the axis spans (``None``: no limit).
    """
    arr = np.asarray(values, dtype=float).ravel()
    positive = arr[np.isfinite(arr) & (arr > 0)]
    if positive.size == 0:
        return -1, 1
    high = math.ceil(math.log10(float(positive.max())))
    low = math.floor(math.log10(float(positive.min())))
    if max_decades is not None:
        low = max(low, high - max_decades)
    return low, max(high, low + 1)


def log_heights(values: npt.ArrayLike, low: int, high: int) -> np.ndarray:
    """Each value's height on the log axis from ``10**low`` to ``10**high``, in decades above its
    floor: ``log10(value) - low``, clipped to ``[0, high - low]`` (zeros and values below the
    floor sit on it).

    >>> log_heights([1.0, 0.01, 1e-9, 100.0], -2, 1).tolist()
    [2.0, 0.0, 0.0, 3.0]
    """
    arr = np.asarray(values, dtype=float)
    heights: np.ndarray = np.clip(np.log10(np.maximum(arr, 10.0**low)), low, high) - low
    return heights
