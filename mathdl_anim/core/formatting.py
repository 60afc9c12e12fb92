"""The single rounding and formatting policy for every number shown on screen.

Scenes never format numbers themselves: the drawing layer calls :func:`format_tex`, and the
scene tests compare what is on screen with :func:`format_tex` applied to the recorded values,
so the text tested is the text shown.

Policy
------
* Integral values print without a decimal point: ``19``, ``-3``, ``3072``.
* Other values round to :data:`DECIMALS` places with trailing zeros dropped: ``0.25``,
  ``1.5``, ``0.33``.
* Values too small to survive that rounding (``0 < |x| < 0.005``) or very large
  (``|x| >= 1e6``) use two significant digits of scientific notation: ``1.2 \\times 10^{-5}``.
* Spoken narration and subtitles (:func:`format_spoken`) use the same digits, with scientific
  notation in words: ``1.2 times 10 to the power -5``, and ``12 million`` for ``1.2 \\times 10^{7}``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

__all__ = [
    "DECIMALS",
    "derivative_tex",
    "near_one_tex",
    "product_tex",
    "format_tex",
    "format_plain",
    "format_spoken",
    "format_shape",
    "iter_numbers",
]

DECIMALS = 2
_SMALL = 0.5 * 10**-DECIMALS
_LARGE = 1e6


def _parts(x: float) -> tuple[str, int | None]:
    """Return the mantissa text and, in scientific notation, the exponent."""
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"cannot format non-finite number {x!r}")
    if x == 0:
        return "0", None
    ax = abs(x)
    if ax < _SMALL or ax >= _LARGE:
        mantissa, exponent = f"{x:.1e}".split("e")
        return mantissa, int(exponent)
    if float(x).is_integer():
        return str(int(x)), None
    text = f"{x:.{DECIMALS}f}".rstrip("0").rstrip(".")
    return ("0" if text in ("-0", "") else text), None


def format_tex(x: float) -> str:
    """Format a number for LaTeX math mode.

    Parameters
    ----------
    x : float
        A finite number.

    Returns
    -------
    str
        For example ``"19"``, ``"-0.5"`` or ``"1.2 \\times 10^{-5}"``.
    """
    mantissa, exponent = _parts(x)
    return mantissa if exponent is None else rf"{mantissa} \times 10^{{{exponent}}}"


def derivative_tex(out: str, inp: str, partial: bool = False) -> str:
    r"""The derivative of ``out`` with respect to ``inp`` as a LaTeX fraction.

    Parameters
    ----------
    out, inp : str
        LaTeX of the two quantities (``"L"``, ``"w_1"``).
    partial : bool, optional
        ``\partial`` instead of ``d`` (a function of several variables).

    Examples
    --------
    >>> derivative_tex("y", "x")
    '\\frac{dy}{dx}'
    >>> derivative_tex("L", "w_1", partial=True)
    '\\frac{\\partial L}{\\partial w_1}'
    """
    d = r"\partial " if partial else "d"
    return rf"\frac{{{d}{out}}}{{{d}{inp}}}"


def near_one_tex(x: float) -> str:
    r"""``x`` in LaTeX, written ``1 - (1 - x)`` when the policy's decimals would show it as 1.

    Examples
    --------
    >>> near_one_tex(0.9)
    '0.9'
    >>> near_one_tex(0.999)
    '1 - 1.0 \\times 10^{-3}'
    """
    if format_tex(x) == "1" and x != 1:
        return rf"1 - {format_tex(1 - x)}"
    return format_tex(x)


def product_tex(factors: Sequence[float]) -> tuple[tuple[str, ...], str, str]:
    r"""A product line as shown: the factors, ``=`` or ``\approx``, and the product.

    Every number is shown by the policy (:func:`format_tex`). The relation is ``=`` when the
    factors as shown multiply to the product as shown, and ``\approx`` when rounding the factors
    made that false: a viewer who multiplies what is on screen is never contradicted.

    Examples
    --------
    >>> product_tex([0.73, 0.92])
    (('0.73', '0.92'), '=', '0.67')
    >>> product_tex([3.0, 3.2, -0.8354])
    (('3', '3.2', '-0.84'), '\\approx', '-8.02')
    """
    shown = tuple(format_tex(f) for f in factors)
    product = format_tex(math.prod(factors))
    again = format_tex(math.prod(float(s) for s in shown)) if all(_plain(s) for s in shown) else None
    return shown, ("=" if again == product else r"\approx"), product


def _plain(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def format_plain(x: float) -> str:
    """Format a number as plain text (``"1.2e-05"`` in scientific notation)."""
    mantissa, exponent = _parts(x)
    return mantissa if exponent is None else f"{mantissa}e{exponent:+03d}"


def format_spoken(x: float) -> str:
    """Format a number for narration and subtitles: the digits of :func:`format_tex`.

    Scientific notation is written in words, ``"1.2 times 10 to the power -5"``, so a
    text-to-speech engine and a reader both get it right; large numbers (10⁶ to 10¹⁵) are said
    as a narrator would, in millions, billions or trillions: ``"12 million"`` for 1.2 × 10⁷.

    Examples
    --------
    >>> format_spoken(1.2e7), format_spoken(-3.4e9), format_spoken(1e6)
    ('12 million', '-3.4 billion', '1 million')
    """
    mantissa, exponent = _parts(x)
    if exponent is None:
        return mantissa
    if 6 <= exponent < 15:
        group = exponent // 3 * 3
        scaled = format(Decimal(mantissa).scaleb(exponent - group), "f")
        scaled = scaled.rstrip("0").rstrip(".") if "." in scaled else scaled
        return f"{scaled} {_GROUPS[group]}"
    return f"{mantissa} times 10 to the power {exponent}"


#: The names of large numbers a narrator says (short scale).
_GROUPS = {6: "million", 9: "billion", 12: "trillion"}


def format_shape(shape: tuple[int, ...]) -> str:
    """Format a shape tuple as numpy prints it: ``(2, 3)``, ``(3,)``, ``()``."""
    return repr(tuple(int(n) for n in shape))


def iter_numbers(value: Any) -> Iterator[float]:
    """Yield every number inside a JSON-like value (nested lists and dicts)."""
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        yield float(value)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from iter_numbers(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from iter_numbers(item)
