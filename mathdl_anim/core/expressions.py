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
:data:`MAX_EXPONENT` (``9^9^9``) and constant parts larger than :data:`MAX_CONSTANT`.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

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
    "FUNCTIONS",
    "CONSTANTS",
    "Formula",
    "parse_formula",
    "symbol",
    "shown_constants",
    "evaluate",
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


def _fail(text: str, why: str) -> InputError:
    return InputError(f"cannot use formula {text[:40]!r}: {why}")


class _Builder:
    """Walk a checked syntax tree and build the sympy expression."""

    def __init__(self, text: str, variables: Sequence[str]) -> None:
        self.text = text
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

    def _check_constant(self, expr: sp.Expr) -> None:
        value = complex(sp.N(expr, 20))
        if value.imag != 0:
            raise self.fail("a constant part is not a real number")
        if not math.isfinite(value.real) or abs(value.real) > MAX_CONSTANT:
            raise self.fail(f"a constant part is larger than {MAX_CONSTANT:g}")

    def _build(self, node: ast.AST) -> sp.Expr:
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise self.fail(f"{type(value).__name__} constants are not allowed")
            if not math.isfinite(value) or abs(value) > MAX_LITERAL:
                raise self.fail(f"numbers must be at most {MAX_LITERAL:g} in magnitude")
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
        if not right.free_symbols and abs(complex(sp.N(right, 20))) > MAX_EXPONENT:
            raise self.fail(f"constant exponents must be at most {MAX_EXPONENT} in magnitude")
        if not left.free_symbols and not right.free_symbols:
            base = abs(complex(sp.N(left, 20)))
            if base > 1 and float(sp.N(right, 20).as_real_imag()[0]) * math.log10(base) > math.log10(
                MAX_CONSTANT
            ):
                raise self.fail(f"a constant part is larger than {MAX_CONSTANT:g}")
        if left.is_zero and right.is_negative:
            raise self.fail("it divides by zero")
        result = left**right
        for power in result.atoms(sp.Pow):
            if not power.exp.free_symbols and abs(complex(sp.N(power.exp, 20))) > MAX_EXPONENT:
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
    try:
        tree = ast.parse(text.replace("^", "**").strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise _fail(text, "it is not a valid formula") from None
    if sum(1 for _ in ast.walk(tree)) > MAX_NODES:
        raise _fail(text, f"it has more than {MAX_NODES} parts")
    try:
        expr = _Builder(text, variables).build(tree.body)
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


def evaluate(expr: sp.Expr, point: dict[sp.Symbol, float], digits: int = 30) -> float | None:
    """``expr`` at ``point`` with ``digits`` significant digits; ``None`` if undefined or not real."""
    try:
        value = sp.N(expr.subs({s: sp.Float(v, digits + 10) for s, v in point.items()}), digits)
    except (ZeroDivisionError, OverflowError, ValueError, TypeError):
        return None
    if value.has(sp.zoo, sp.oo, -sp.oo, sp.nan) or not value.is_number:
        return None
    re_part, im_part = value.as_real_imag()
    try:
        re_f, im_f = float(re_part), float(im_part)
    except TypeError:
        return None
    if not math.isfinite(re_f) or abs(im_f) > 1e-20 * max(1.0, abs(re_f)):
        return None
    return re_f


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
