"""Scene parameters: declared once, validated from JSON, with one-line errors.

Each scene declares its parameters as :class:`Param` objects. A value arrives as parsed
JSON (from ``--set KEY=VALUE`` or from Python), is checked by the parameter's converter and
comes out as the type the core expects. Every failure raises :class:`InputError` with a
message fit for one line on stderr.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

import numpy as np
import numpy.typing as npt

from mathdl_anim.core.errors import InputError

__all__ = [
    "Param",
    "Converter",
    "resolve_params",
    "parse_json_value",
    "parse_assignment",
    "parse_assignments",
    "shown",
    "as_number",
    "as_int",
    "as_choice",
    "as_vector",
    "as_matrix",
    "as_int_list",
    "as_index_list",
    "MAX_ABS_ENTRY",
]

#: Entries larger than this cannot be drawn legibly in a matrix cell.
MAX_ABS_ENTRY = 1e4
#: Most digits of an integer in ``--set`` JSON (every parameter's range is far smaller; this
#: keeps every number convertible to a float, and Python's 4300-digit limit out of reach).
MAX_DIGITS = 300

_T = TypeVar("_T")


@dataclass(frozen=True)
class Converter(Generic[_T]):
    """A parameter's converter with the limits it enforces, in words.

    Attributes
    ----------
    check : Callable[[str, Any], T]
        Checks a JSON value and returns what the core expects; raises :class:`InputError`.
    limits : str
        What it accepts, shown by ``mathdl-anim list --params`` (e.g. ``"a number in [0, 1]"``).
    """

    check: Callable[[str, Any], _T]
    limits: str

    def __call__(self, name: str, value: Any) -> _T:
        return self.check(name, value)


def shown(value: Any, width: int = 40) -> str:
    """``value`` as the user typed it (JSON), cut to ``width`` characters: ``1000.0000001``,
    never a rounded ``1000``."""
    try:
        text = json.dumps(value)
    except (TypeError, ValueError):  # not JSON (a caller from Python): its repr
        text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True)
class Param:
    """One scene parameter.

    Attributes
    ----------
    name : str
        The key used with ``--set``.
    default : Any
        The JSON value used when the user gives none.
    help : str
        One line shown by ``mathdl-anim list --params``.
    convert : Callable[[str, Any], Any]
        Checks a JSON value and returns what the core expects; raises :class:`InputError`.
        A :class:`Converter` also says what it accepts (:attr:`limits`).
    """

    name: str
    default: Any
    help: str
    convert: Callable[[str, Any], Any]

    @property
    def limits(self) -> str:
        """What the converter accepts, in words (``""`` if it does not say)."""
        return str(getattr(self.convert, "limits", ""))


def resolve_params(params: Sequence[Param], given: Mapping[str, Any], scene: str) -> dict[str, Any]:
    """Merge the user's values with the defaults and convert each one.

    Raises
    ------
    InputError
        For an unknown key (the message lists the valid ones) or an invalid value.
    """
    known = {p.name: p for p in params}
    unknown = sorted(set(given) - set(known))
    if unknown:
        valid = ", ".join(sorted(known)) or "none"
        raise InputError(f"unknown parameter {unknown[0]!r} for {scene} (valid: {valid})")
    return {p.name: p.convert(p.name, given.get(p.name, p.default)) for p in params}


def _reject_constant(token: str) -> Any:
    raise InputError(f"non-finite number {token} is not allowed")


def _parse_int(token: str) -> int:
    digits = len(token.lstrip("-"))
    if digits > MAX_DIGITS:
        raise InputError(f"the number {token[:12]}… has {digits} digits (at most {MAX_DIGITS})")
    return int(token)


def _parse_float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):  # 1e400: beyond a 64-bit float
        raise InputError(f"the number {token[:20]}{'…' if len(token) > 20 else ''} is too large")
    return value


def parse_json_value(key: str, text: str) -> Any:
    """Parse the JSON text of a ``--set`` value, refusing NaN, infinities and numbers too
    large for a float (a 401-digit integer, ``1e400``)."""
    try:
        value = json.loads(
            text, parse_constant=_reject_constant, parse_int=_parse_int, parse_float=_parse_float
        )
    except InputError as exc:
        raise InputError(f"--set {key}: {exc}") from None
    except (json.JSONDecodeError, RecursionError) as exc:
        msg = getattr(exc, "msg", "too deeply nested")
        raise InputError(f"--set {key}: malformed JSON ({msg}): {text[:60]!r}") from None
    for x in _walk(value):
        if isinstance(x, float) and not math.isfinite(x):
            raise InputError(f"--set {key}: non-finite number is not allowed")
    return value


def _walk(value: Any) -> Iterator[Any]:
    if isinstance(value, list):
        for item in value:
            yield from _walk(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _walk(item)
    else:
        yield value


def parse_assignment(text: str) -> tuple[str, Any]:
    """Split ``KEY=VALUE`` and parse the value as JSON."""
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise InputError(f"--set expects KEY=VALUE, got {text[:60]!r}")
    return key, parse_json_value(key, raw)


def parse_assignments(texts: Sequence[str]) -> dict[str, Any]:
    """Every ``--set KEY=VALUE``; a key given twice is refused (never silently the last)."""
    given: dict[str, Any] = {}
    for text in texts:
        key, value = parse_assignment(text)
        if key in given:
            raise InputError(
                f"--set {key} is given twice ({shown(given[key])} and {shown(value)}); give it once"
            )
        given[key] = value
    return given


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _finite(x: float) -> bool:
    """Whether a JSON number is finite (an int always is: no float conversion, no overflow)."""
    return isinstance(x, int) or math.isfinite(x)


def as_number(
    lo: float = -MAX_ABS_ENTRY, hi: float = MAX_ABS_ENTRY, *, open_lo: bool = False
) -> Converter[float]:
    """Converter for a finite number in ``[lo, hi]`` (``(lo, hi]`` when ``open_lo``)."""
    interval = f"{'(' if open_lo else '['}{lo:g}, {hi:g}]"

    def convert(name: str, value: Any) -> float:
        if not _is_number(value) or not _finite(value):
            raise InputError(f"{name} must be a finite number, got {shown(value)}")
        if value > hi or value < lo or (open_lo and value == lo):
            raise InputError(f"{name} must be in {interval}, got {shown(value)}")
        return float(value)

    return Converter(convert, f"a number in {interval}")


def as_int(lo: int, hi: int) -> Converter[int]:
    """Converter for an integer in ``[lo, hi]``."""

    def convert(name: str, value: Any) -> int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            raise InputError(f"{name} must be an integer, got {shown(value)}")
        if not lo <= value <= hi:
            raise InputError(f"{name} must be between {lo} and {hi}, got {shown(value)}")
        return value

    return Converter(convert, f"an integer from {lo} to {hi}")


def as_choice(options: Sequence[str]) -> Converter[str]:
    """Converter for one string out of ``options``."""

    def convert(name: str, value: Any) -> str:
        if value not in options:
            raise InputError(f"{name} must be one of {', '.join(options)}, got {shown(value)}")
        return cast(str, value)

    return Converter(convert, f"one of {', '.join(options)}")


def _check_entries(name: str, arr: np.ndarray) -> None:
    if not np.all(np.isfinite(arr)):
        raise InputError(f"{name} has a non-finite entry")
    if np.any(np.abs(arr) > MAX_ABS_ENTRY):
        raise InputError(f"{name} has an entry larger than {MAX_ABS_ENTRY:g} in magnitude")


def as_vector(min_len: int, max_len: int) -> Converter[npt.NDArray[np.float64]]:
    """Converter for a list of ``min_len`` to ``max_len`` finite numbers."""

    def convert(name: str, value: Any) -> npt.NDArray[np.float64]:
        if _is_number(value) and min_len <= 1:
            value = [value]
        if not isinstance(value, list) or not all(_is_number(x) for x in value):
            raise InputError(f"{name} must be a list of numbers, got {shown(value)}")
        if not min_len <= len(value) <= max_len:
            raise InputError(f"{name} must have {min_len} to {max_len} entries, got {len(value)}")
        arr = np.asarray(value, dtype=float)
        _check_entries(name, arr)
        return arr

    return Converter(
        convert, f"{min_len} to {max_len} numbers, each in [-{MAX_ABS_ENTRY:g}, {MAX_ABS_ENTRY:g}]"
    )


def as_matrix(max_rows: int, max_cols: int) -> Converter[npt.NDArray[np.float64]]:
    """Converter for a rectangular list of lists of finite numbers, at most ``max_rows x max_cols``."""

    def convert(name: str, value: Any) -> npt.NDArray[np.float64]:
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(row, list) and row for row in value)
            or not all(_is_number(x) for row in value for x in row)
        ):
            raise InputError(f"{name} must be a non-empty list of lists of numbers, e.g. [[1,2],[3,4]]")
        widths = {len(row) for row in value}
        if len(widths) != 1:
            raise InputError(f"{name} is not rectangular: its rows have lengths {sorted(widths)}")
        rows, cols = len(value), widths.pop()
        if rows > max_rows or cols > max_cols:
            raise InputError(f"{name} is {rows}x{cols}; at most {max_rows}x{max_cols} can be drawn legibly")
        arr = np.asarray(value, dtype=float)
        _check_entries(name, arr)
        return arr

    return Converter(
        convert,
        f"1x1 to {max_rows}x{max_cols} numbers, each in [-{MAX_ABS_ENTRY:g}, {MAX_ABS_ENTRY:g}]",
    )


def as_int_list(
    length: int, bounds: Sequence[tuple[int, int]], labels: Sequence[str]
) -> Converter[tuple[int, ...]]:
    """Converter for a list of ``length`` integers, the k-th within ``bounds[k]``."""

    def convert(name: str, value: Any) -> tuple[int, ...]:
        if (
            not isinstance(value, list)
            or len(value) != length
            or not all(isinstance(x, int) and not isinstance(x, bool) for x in value)
        ):
            raise InputError(f"{name} must be a list of {length} integers [{', '.join(labels)}]")
        for x, (lo, hi), label in zip(value, bounds, labels):
            if not lo <= x <= hi:
                raise InputError(f"{name}: {label} must be between {lo} and {hi}, got {shown(x)}")
        return tuple(value)

    ranges = ", ".join(f"{label} {lo} to {hi}" for (lo, hi), label in zip(bounds, labels))
    return Converter(convert, f"{length} integers: {ranges}")


def as_index_list(min_len: int, max_len: int, lo: int, hi: int) -> Converter[tuple[int, ...]]:
    """Converter for a list of ``min_len`` to ``max_len`` whole numbers from ``lo`` to ``hi``."""

    def convert(name: str, value: Any) -> tuple[int, ...]:
        if (
            not isinstance(value, list)
            or not min_len <= len(value) <= max_len
            or not all(isinstance(x, int) and not isinstance(x, bool) for x in value)
        ):
            raise InputError(f"{name} must be a list of {min_len} to {max_len} whole numbers")
        for x in value:
            if not lo <= x <= hi:
                raise InputError(f"{name}: each must be from {lo} to {hi}, got {x}")
        return tuple(value)

    return Converter(convert, f"{min_len} to {max_len} whole numbers, each in [{lo}, {hi}]")
