"""A safe parser for the formulas users type, e.g. ``"x^2 - 3*sin(x)"``.

User text is never evaluated: it is parsed with :func:`ast.parse` (``mode="eval"``), every node
is checked against a whitelist, and the :mod:`sympy` expression is built here, node by node.
``sympy.sympify`` and ``parse_expr`` evaluate Python and are never called on user text.

Accepted
--------
* numbers (at most :data:`MAX_LITERAL` in magnitude), the variables the caller allows, and the
  constants ``pi`` and ``e``;
* ``+ - * /``, unary ``-`` and ``+``, and powers written ``^`` or ``**``;
* calls of the functions in :data:`FUNCTIONS` with one positional argument.

Anything else (attribute access, subscripts, names outside the whitelist, keyword arguments,
lambdas, comprehensions, strings...) raises :class:`~mathdl_anim.core.errors.InputError` with a
one-line message. So do texts longer than :data:`MAX_LENGTH`, constant exponents larger than
:data:`MAX_EXPONENT` (``9^9^9``), constant parts larger than :data:`MAX_CONSTANT`, and numbers
not written in plain decimal (``0x10``, ``1_000``, ``1e-320``: see :data:`MIN_LITERAL`).

Bounded evaluation
------------------
A formula is evaluated by :func:`evaluate` (and :func:`difference_quotient`), never by
``sympy.N`` or ``subs`` of numbers: the expression tree is walked node by node with mpmath at a
fixed working precision, and every value along the way must stay within
:data:`MAX_MAGNITUDE` (checked *before* an ``exp`` or a power is computed). So an exponent tower
such as ``x^x^x^x`` or ``exp(exp(exp(exp(exp(x)))))`` is refused in microseconds with
:class:`MagnitudeError` instead of growing numbers of billions of digits, whatever the point.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import mpmath
import numpy as np
import numpy.typing as npt
import sympy as sp

from mathdl_anim.core.errors import InputError
from mathdl_anim.core.formatting import format_tex

__all__ = [
    "MAX_LENGTH",
    "MAX_NODES",
    "MAX_LITERAL",
    "MAX_EXPONENT",
    "MAX_CONSTANT",
    "MIN_LITERAL",
    "MAX_MAGNITUDE",
    "MagnitudeError",
    "FUNCTIONS",
    "CONSTANTS",
    "Formula",
    "parse_formula",
    "symbol",
    "shown_constants",
    "evaluate",
    "difference_quotient",
    "as_formula",
]

#: Longest formula accepted, in characters.
MAX_LENGTH = 120
#: Most syntax-tree nodes accepted.
MAX_NODES = 80
#: Largest number literal accepted, in magnitude.
MAX_LITERAL = 1e4
#: Largest constant exponent accepted, in magnitude.
MAX_EXPONENT = 12
#: Largest magnitude of any constant sub-expression (e.g. ``10^6`` is refused).
MAX_CONSTANT = 1e8
#: Smallest non-zero number literal accepted, in magnitude (``1e-320`` is refused).
MIN_LITERAL = 1e-4
#: Largest magnitude of any value met while evaluating a formula at a point.
MAX_MAGNITUDE = 1e100

# what a number literal may look like: plain decimal, optionally with an exponent
_DECIMAL = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def _sigmoid(arg: sp.Expr) -> sp.Expr:
    return 1 / (1 + sp.exp(-arg))


#: The functions a formula may call, each with one argument.
FUNCTIONS: dict[str, Callable[[sp.Expr], sp.Expr]] = {
    "sin": sp.sin,
    "cos": sp.cos,
    "tan": sp.tan,
    "exp": sp.exp,
    "log": sp.log,
    "ln": sp.log,
    "sqrt": sp.sqrt,
    "tanh": sp.tanh,
    "sigmoid": _sigmoid,
    "abs": sp.Abs,
}

#: Named constants.
CONSTANTS: dict[str, sp.Expr] = {"pi": sp.pi, "e": sp.E}

_NODE_NAMES = "numbers, variables, + - * / ^ and " + ", ".join(sorted(set(FUNCTIONS)))


def symbol(name: str) -> sp.Symbol:
    """The real sympy symbol used for variable ``name``."""
    return sp.Symbol(name, real=True)


@dataclass(frozen=True)
class Formula:
    """A parsed formula.

    Attributes
    ----------
    text : str
        What the user typed.
    expr : sympy.Expr
        The expression built from the checked syntax tree.
    variables : tuple[str, ...]
        The variable names it may use, in order.
    """

    text: str
    expr: sp.Expr
    variables: tuple[str, ...]

    @property
    def symbols(self) -> tuple[sp.Symbol, ...]:
        return tuple(symbol(v) for v in self.variables)

    @property
    def tex(self) -> str:
        """The formula as LaTeX (``sympy.latex`` of the parsed expression)."""
        return cast(str, sp.latex(self.expr))

    def constants(self) -> list[float]:
        """Every number appearing in :attr:`tex`."""
        return shown_constants(self.expr)

    def numeric(self) -> Callable[..., npt.NDArray[np.float64]]:
        """A numpy function of the variables (vectorised; nan where undefined)."""
        fn = sp.lambdify(self.symbols, self.expr, modules="numpy")

        def call(*args: npt.ArrayLike) -> npt.NDArray[np.float64]:
            with np.errstate(all="ignore"):
                out = np.asarray(fn(*args), dtype=complex if _may_be_complex(self.expr) else float)
            if np.iscomplexobj(out):
                out = np.where(np.abs(out.imag) < 1e-12, out.real, np.nan)
            out = np.broadcast_to(out, np.broadcast(*[np.asarray(a) for a in args]).shape)
            return np.where(np.isfinite(out), out, np.nan).astype(float)

        return call


def _may_be_complex(expr: sp.Expr) -> bool:
    return bool(expr.atoms(sp.log)) or any(
        isinstance(p, sp.Pow) and not p.exp.is_integer for p in expr.atoms(sp.Pow)
    )


class MagnitudeError(InputError):
    """A value met while evaluating a formula exceeds :data:`MAX_MAGNITUDE` in magnitude."""


def _fail(text: str, why: str) -> InputError:
    return InputError(f"cannot use formula {text[:40]!r}: {why}")


class _Builder:
    """Walk a checked syntax tree and build the sympy expression."""

    def __init__(self, text: str, variables: Sequence[str], source: str = "") -> None:
        self.text = text
        self.source = source  # what ast parsed (``^`` written ``**``)
        self.variables = {v: symbol(v) for v in variables}

    def fail(self, why: str) -> InputError:
        return _fail(self.text, why)

    def build(self, node: ast.AST) -> sp.Expr:
        expr = self._build(node)
        if expr.has(sp.zoo, sp.oo, -sp.oo, sp.nan):
            raise self.fail("it divides by zero")
        if not expr.free_symbols:
            self._check_constant(expr)
        return expr

    def _number(self, expr: sp.Expr) -> complex:
        """The value of a constant sub-expression (bounded: see :func:`evaluate`)."""
        try:
            value = _Evaluator({}, 30).value(expr)
        except MagnitudeError:
            raise self.fail(f"a constant part is larger than {MAX_CONSTANT:g}") from None
        if value is None:
            raise self.fail("a constant part is not defined")
        return value

    def _check_constant(self, expr: sp.Expr) -> None:
        value = self._number(expr)
        if abs(value.imag) > 1e-20 * max(1.0, abs(value.real)):
            raise self.fail("a constant part is not a real number")
        if not math.isfinite(value.real) or abs(value.real) > MAX_CONSTANT:
            raise self.fail(f"a constant part is larger than {MAX_CONSTANT:g}")

    def _build(self, node: ast.AST) -> sp.Expr:
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise self.fail(f"{type(value).__name__} constants are not allowed")
            written = ast.get_source_segment(self.source, node) or ""
            if not _DECIMAL.fullmatch(written):
                raise self.fail(f"number {written[:20]!r} is not plain decimal (such as 16, 0.5, 2.5e-3)")
            if not math.isfinite(value) or abs(value) > MAX_LITERAL:
                raise self.fail(f"numbers must be at most {MAX_LITERAL:g} in magnitude")
            if value != 0 and abs(value) < MIN_LITERAL:
                raise self.fail(f"non-zero numbers must be at least {MIN_LITERAL:g} in magnitude")
            # Exact decimal: 0.1 is 1/10, so what is shown is what was typed.
            return sp.Rational(repr(value)) if isinstance(value, float) else sp.Integer(value)
        if isinstance(node, ast.Name):
            if node.id in self.variables:
                return self.variables[node.id]
            if node.id in CONSTANTS:
                return CONSTANTS[node.id]
            allowed = ", ".join(list(self.variables) + list(CONSTANTS))
            raise self.fail(f"unknown name {node.id[:20]!r} (allowed: {allowed})")
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                return -self.build(node.operand)
            if isinstance(node.op, ast.UAdd):
                return self.build(node.operand)
            raise self.fail(f"operator {type(node.op).__name__} is not allowed")
        if isinstance(node, ast.BinOp):
            return self._binop(node)
        if isinstance(node, ast.Call):
            return self._call(node)
        raise self.fail(f"{type(node).__name__} is not allowed (only {_NODE_NAMES})")

    def _binop(self, node: ast.BinOp) -> sp.Expr:
        if not isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)):
            raise self.fail(f"operator {type(node.op).__name__} is not allowed (only + - * / ^)")
        left = self.build(node.left)
        right = self.build(node.right)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        if isinstance(node.op, ast.Div):
            if right.is_zero:
                raise self.fail("it divides by zero")
            return left / right
        if not right.free_symbols and abs(self._number(right)) > MAX_EXPONENT:
            raise self.fail(f"constant exponents must be at most {MAX_EXPONENT} in magnitude")
        if not left.free_symbols and not right.free_symbols:
            base = abs(self._number(left))
            if base > 1 and self._number(right).real * math.log10(base) > math.log10(MAX_CONSTANT):
                raise self.fail(f"a constant part is larger than {MAX_CONSTANT:g}")
        if left.is_zero and right.is_negative:
            raise self.fail("it divides by zero")
        result = left**right
        for power in result.atoms(sp.Pow):
            if not power.exp.free_symbols and abs(self._number(power.exp)) > MAX_EXPONENT:
                raise self.fail(f"constant exponents must be at most {MAX_EXPONENT} in magnitude")
        return result

    def _call(self, node: ast.Call) -> sp.Expr:
        if not isinstance(node.func, ast.Name):
            raise self.fail("only plain function names can be called (no attributes)")
        name = node.func.id
        if name not in FUNCTIONS:
            raise self.fail(f"unknown function {name[:20]!r} (allowed: {', '.join(FUNCTIONS)})")
        if node.keywords or len(node.args) != 1 or isinstance(node.args[0], ast.Starred):
            raise self.fail(f"{name} takes exactly one argument")
        return FUNCTIONS[name](self.build(node.args[0]))


def parse_formula(text: str, variables: Sequence[str] = ("x",)) -> Formula:
    """Parse ``text`` safely into a :class:`Formula` of ``variables``.

    Parameters
    ----------
    text : str
        E.g. ``"x^2 - 3*sin(x)"``; ``^`` is a power, as in mathematics.
    variables : sequence of str
        The variable names allowed.

    Raises
    ------
    InputError
        For anything outside the whitelist (see the module docstring).
    """
    if not isinstance(text, str):
        raise InputError(f"a formula must be a string, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise _fail(text, f"it is longer than {MAX_LENGTH} characters")
    if not text.strip():
        raise _fail(text, "it is empty")
    if not re.fullmatch(r"[A-Za-z0-9_.+\-*/^() \t]*", text):
        bad = next(c for c in text if not re.fullmatch(r"[A-Za-z0-9_.+\-*/^() \t]", c))
        raise _fail(text, f"character {bad!r} is not allowed")
    source = text.replace("^", "**").strip()
    try:
        tree = ast.parse(source, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise _fail(text, "it is not a valid formula") from None
    if sum(1 for _ in ast.walk(tree)) > MAX_NODES:
        raise _fail(text, f"it has more than {MAX_NODES} parts")
    try:
        expr = _Builder(text, variables, source).build(tree.body)
    except (RecursionError, OverflowError, ZeroDivisionError, TypeError, ValueError) as exc:
        if isinstance(exc, InputError):
            raise
        raise _fail(text, "it cannot be evaluated") from None
    try:
        shown_constants(expr)
    except InputError as exc:
        raise _fail(text, str(exc)) from None
    return Formula(text, expr, tuple(variables))


def _numbers_in(expr: sp.Expr) -> set[sp.Rational]:
    out: set[sp.Rational] = set()
    for atom in expr.atoms(sp.Number):
        if isinstance(atom, sp.Rational):
            out.update({abs(atom.p), atom.q})
        else:
            out.add(abs(atom))
    return out


_TEX_NUMBER = re.compile(r"(?<![A-Za-z\\])\d+(?:\.\d+)?")


def shown_constants(expr: sp.Expr) -> list[float]:
    """Every number written in ``sympy.latex(expr)``, from the expression tree.

    The tree gives the magnitudes of its numbers (a rational ``p/q`` gives ``p`` and ``q``), so
    ``x - 1`` gives 1 and ``x^2/2`` gives 2. Each number written in the LaTeX is then checked
    to be one of them, formatted as the project formats numbers.

    Raises
    ------
    InputError
        If the LaTeX shows a number the formatting policy would write differently
        (e.g. ``1000000`` or a long decimal).
    """
    found = {float(n) for n in _numbers_in(expr) | {sp.Integer(1)}}
    for sym in expr.free_symbols:  # subscripts of names such as w1 -> w_{1}
        found.update(float(d) for d in _TEX_NUMBER.findall(sp.latex(sym)))
    numbers = sorted(found)
    formatted = {format_tex(n) for n in numbers}
    for token in _TEX_NUMBER.findall(sp.latex(expr)):
        if token not in formatted:
            raise InputError(f"it would show the number {token}, which cannot be displayed; simplify it")
    return numbers


_LOG_MAX = math.log(MAX_MAGNITUDE)
_Number = Any  # an mpmath mpf or mpc


class _Evaluator:
    """Evaluate a sympy expression at a point with mpmath, every value bounded in magnitude.

    Each node is computed at ``digits + 40`` significant digits in a private mpmath context;
    an ``exp`` or a power whose result would exceed :data:`MAX_MAGNITUDE` raises
    :class:`MagnitudeError` before it is computed, and so does any other value beyond it. A
    node that is undefined there (a pole, ``log(0)``) or not known to this evaluator makes the
    whole value ``None``. Shared sub-expressions are computed once.
    """

    def __init__(self, point: dict[sp.Symbol, Any], digits: int) -> None:
        self.ctx = mpmath.MPContext()
        self.ctx.dps = digits + 40
        self.at(point)
        c = self.ctx
        self.functions: dict[type, Callable[..., _Number]] = {
            sp.sin: c.sin,
            sp.cos: c.cos,
            sp.tan: c.tan,
            sp.tanh: c.tanh,
            sp.log: c.log,
            sp.Abs: c.fabs,
            sp.re: c.re,
            sp.im: c.im,
            sp.arg: c.arg,
            sp.atan: c.atan,
            sp.atan2: self._atan2,
            sp.sign: self._sign,
            sp.Heaviside: self._heaviside,
            sp.DiracDelta: self._dirac,
        }

    def at(self, point: dict[sp.Symbol, Any]) -> _Evaluator:
        """Evaluate at ``point`` from now on (numbers, or mpmath numbers of this context)."""
        self.point = {s: self._mp(v) for s, v in point.items()}
        self.memo: dict[sp.Basic, _Number | None] = {}
        return self

    def _mp(self, value: Any) -> _Number:
        if isinstance(value, sp.Float):
            return self.ctx.mpf(value._mpf_)
        if isinstance(value, sp.Rational):
            return self.ctx.mpf(int(value.p)) / int(value.q)
        if isinstance(value, (int, float)):
            return self.ctx.mpf(value)
        return value  # already an mpmath number

    def value(self, expr: sp.Expr) -> complex | None:
        """``expr`` as a Python complex, ``None`` if undefined."""
        out = self.mp_value(expr)
        return None if out is None else complex(out)

    def mp_value(self, expr: sp.Basic) -> _Number | None:
        if expr not in self.memo:
            self.memo[expr] = self._node(expr)
        return self.memo[expr]

    def _checked(self, v: _Number) -> _Number | None:
        c = self.ctx
        if c.isnan(v) or c.isinf(v):
            return None
        if abs(v) > MAX_MAGNITUDE:
            raise MagnitudeError(f"a value on the way exceeds {MAX_MAGNITUDE:.0e} in magnitude")
        return v

    def _node(self, e: sp.Basic) -> _Number | None:
        c = self.ctx
        if isinstance(e, sp.Symbol):
            return self.point.get(e)
        if isinstance(e, (sp.Float, sp.Rational)):
            return self._mp(e)
        if e is sp.pi:
            return c.pi
        if e is sp.E:
            return c.e
        if e is sp.I:
            return c.mpc(0, 1)
        if e.has(sp.zoo, sp.oo, -sp.oo, sp.nan):
            return None
        args = [self.mp_value(a) for a in e.args]
        if any(a is None for a in args):
            return None
        try:
            if isinstance(e, sp.Add):
                return self._checked(c.fsum(args))
            if isinstance(e, sp.Mul):
                return self._checked(c.fprod(args))
            if isinstance(e, sp.Pow):
                return self._power(*args)
            if isinstance(e, sp.exp):
                return self._exp(args[0])
            function = self.functions.get(type(e))
            if function is None or len(args) != len(e.args):
                return None  # not a function this evaluator knows: undefined for us
            return self._checked(function(*args))
        except MagnitudeError:
            raise
        except (ZeroDivisionError, ValueError, OverflowError):
            return None

    def _exp(self, z: _Number) -> _Number | None:
        if self.ctx.re(z) > _LOG_MAX + 1:
            raise MagnitudeError(f"a value on the way exceeds {MAX_MAGNITUDE:.0e} in magnitude")
        return self._checked(self.ctx.exp(z))

    def _power(self, base: _Number, exponent: _Number) -> _Number | None:
        c = self.ctx
        if base == 0:
            if c.re(exponent) < 0:
                return None  # division by zero
            if c.im(exponent) != 0:
                return None  # 0 to a power that is not real: undefined (sympy's nan)
            return c.mpf(1) if exponent == 0 else c.mpf(0)
        # |base^exponent| = exp(re(exponent * log(base))): bounded before it is computed
        if c.re(exponent * c.log(base)) > _LOG_MAX + 1:
            raise MagnitudeError(f"a value on the way exceeds {MAX_MAGNITUDE:.0e} in magnitude")
        if c.im(exponent) == 0 and c.isint(c.re(exponent)):
            return self._checked(c.power(base, int(c.re(exponent))))
        return self._checked(c.power(base, exponent))

    def _atan2(self, y: _Number, x: _Number) -> _Number:
        return self.ctx.atan2(self.ctx.re(y), self.ctx.re(x))

    def _sign(self, z: _Number) -> _Number:
        return self.ctx.mpf(0) if z == 0 else z / abs(z)

    def _heaviside(self, z: _Number, *rest: _Number) -> _Number:
        if z == 0:
            raise ValueError("Heaviside(0)")
        return self.ctx.mpf(1) if self.ctx.re(z) > 0 else self.ctx.mpf(0)

    def _dirac(self, z: _Number, *rest: _Number) -> _Number:
        if z == 0:
            raise ValueError("DiracDelta(0)")
        return self.ctx.mpf(0)


def _real(value: _Number | None) -> float | None:
    """The float of a real ``value``: ``None`` if undefined, not finite or not real."""
    if value is None:
        return None
    z = complex(value)
    if not math.isfinite(z.real) or abs(z.imag) > 1e-20 * max(1.0, abs(z.real)):
        return None
    return z.real


def evaluate(expr: sp.Expr, point: dict[sp.Symbol, float], digits: int = 30) -> float | None:
    """``expr`` at ``point`` to at least ``digits`` significant digits.

    Returns ``None`` if it is undefined or not real there.

    Raises
    ------
    MagnitudeError
        If a value met on the way exceeds :data:`MAX_MAGNITUDE` (an exponent tower, say): the
        evaluation stops at once, at any point, instead of computing a number of billions of
        digits.
    """
    return _real(_Evaluator(point, digits).mp_value(expr))


def difference_quotient(
    expr: sp.Expr, var: sp.Symbol, x0: float, h: float | sp.Rational, digits: int = 30
) -> float | None:
    """``(expr(x0 + h) - expr(x0)) / h`` with ``digits + 40`` digits (no cancellation).

    ``None`` where undefined; raises :class:`MagnitudeError` as :func:`evaluate` does.
    """
    ev = _Evaluator({}, digits)
    x = ev._mp(x0)
    step = ev._mp(h)
    right = ev.at({var: x + step}).mp_value(expr)
    left = ev.at({var: x}).mp_value(expr)
    if right is None or left is None:
        return None
    return _real((right - left) / step)


def as_formula(variables: Sequence[str] = ("x",)) -> Callable[[str, Any], Formula]:
    """Params converter: a formula string, parsed safely (see :func:`parse_formula`)."""

    def convert(name: str, value: Any) -> Formula:
        if not isinstance(value, str):
            raise InputError(f'{name} must be a formula string such as "x^2", got {value!r:.40}')
        try:
            return parse_formula(value, variables)
        except InputError as exc:
            raise InputError(f"{name}: {exc}") from None

    return convert
