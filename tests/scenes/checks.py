"""Checks that see what a viewer sees, over the views of a scene run (:mod:`tests.scenes.screen`).

Each check returns a list of findings, one line each, naming the time and the objects; an empty
list passes. They read only what the screen probe recorded, never the scene's code:

* :func:`arithmetic_that_disagrees`: a line on screen joined by ``=`` whose numeric side does not
  give the number shown beside it, at the precision shown;
* :func:`text_collisions`: two different labels overlapping at any instant, during animations
  too (a label fading, at half opacity or less, may overlap; so may a copy and its original);
* :func:`empty_frames`: nothing but the title and the caption on screen, mid-scene or at a step's
  end;
* :func:`unused_frame`: at a step's end the picture fills less than half of the area between
  the title and the caption, or something comes within 0.3 units of the frame's edge;
* :func:`unreadable_axes`: an axis without tick labels, or axes side by side on different scales;
* :func:`stale_labels`: a label bound to a named quantity (``LessonScene.bind``) that does not
  show the quantity's current value;
* :func:`taken_apart`: a visible mobject with an outline of its own (a number line's stroke) that
  manim took apart, and so dropped from the scene, when something holding part of it was added
  or removed (its ticks stay, its stroke is gone).
"""

from __future__ import annotations

import math
import re

from tests.scenes.screen import ScreenRun, collide

__all__ = [
    "arithmetic_that_disagrees",
    "text_collisions",
    "empty_frames",
    "unused_frame",
    "unreadable_axes",
    "stale_labels",
    "taken_apart",
    "evaluate",
    "MARGIN",
    "FILL",
]

#: Nothing closer than this to the frame's edge (scene units).
MARGIN = 0.3
#: At a step's end the picture fills at least this share of the area between title and caption.
FILL = 0.5

# -- arithmetic ------------------------------------------------------------------------------
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SPACING = re.compile(r"\\left|\\right|\\[,;:!]|\\quad|\\qquad|~|\s+")


class _NotNumeric(ValueError):
    pass


def _tokens(text: str) -> list[tuple[str, float, int]]:
    """``(kind, value, decimals)`` tokens of a numeric TeX expression; raises if it has symbols."""
    text = _SPACING.sub("", text)
    text = text.replace(r"\cdot", "*").replace(r"\times", "*").replace(r"\div", "/")
    out: list[tuple[str, float, int]] = []
    i = 0
    while i < len(text):
        m = _NUMBER.match(text, i)
        if m:
            digits = m.group(0)
            rest = text[m.end() :]
            exp = re.match(r"\*10\^\{(-?\d+)\}", rest)
            decimals = len(digits.split(".")[1]) if "." in digits else 0
            if exp:  # a number in scientific notation is one token
                power = int(exp.group(1))
                out.append(("num", float(digits) * 10.0**power, decimals - power))
                i = m.end() + exp.end()
            else:
                out.append(("num", float(digits), decimals))
                i = m.end()
            continue
        if text.startswith(r"\frac", i):
            out.append(("frac", 0.0, 0))
            i += 5
            continue
        if text[i] in "+-*/(){}":
            out.append((text[i], 0.0, 0))
            i += 1
            continue
        raise _NotNumeric(text[i:])
    return out


class _Parser:
    """Recursive descent over the tokens: + - * / ( ) \\frac{}{} and unary minus. No eval."""

    def __init__(self, tokens: list[tuple[str, float, int]]) -> None:
        self.tokens, self.i = tokens, 0

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def take(self, kind: str) -> None:
        if self.peek() != kind:
            raise _NotNumeric(kind)
        self.i += 1

    def expr(self) -> float:
        value = self.term()
        while self.peek() in ("+", "-"):
            op = self.peek()
            self.i += 1
            value = value + self.term() if op == "+" else value - self.term()
        return value

    def term(self) -> float:
        value = self.unary()
        while self.peek() in ("*", "/") or self.peek() in ("(", "frac"):
            op = self.peek()
            if op in ("*", "/"):
                self.i += 1
            right = self.unary()
            value = value / right if op == "/" else value * right
        return value

    def unary(self) -> float:
        if self.peek() == "-":
            self.i += 1
            return -self.unary()
        if self.peek() == "+":
            self.i += 1
            return self.unary()
        return self.atom()

    def atom(self) -> float:
        kind = self.peek()
        if kind == "num":
            value = self.tokens[self.i][1]
            self.i += 1
            return value
        if kind in ("(", "{"):
            close = ")" if kind == "(" else "}"
            self.i += 1
            value = self.expr()
            self.take(close)
            return value
        if kind == "frac":
            self.i += 1
            self.take("{")
            top = self.expr()
            self.take("}")
            self.take("{")
            bottom = self.expr()
            self.take("}")
            return top / bottom
        raise _NotNumeric(str(kind))


def evaluate(text: str) -> float:
    """The value of a numeric TeX expression (``0.73 \\cdot 0.92``); ``ValueError`` if it is not one."""
    tokens = _tokens(text)
    if not tokens:
        raise _NotNumeric(text)
    parser = _Parser(tokens)
    value = parser.expr()
    if parser.i != len(tokens):
        raise _NotNumeric(text)
    return value


def _shown(text: str) -> tuple[float, int] | None:
    """A single number as shown: its value and its decimals (``None`` if the side is not one)."""
    try:
        tokens = _tokens(text)
    except _NotNumeric:
        return None
    sign = 1.0
    if tokens and tokens[0][0] == "-":
        sign, tokens = -1.0, tokens[1:]
    if len(tokens) == 1 and tokens[0][0] == "num":
        return sign * tokens[0][1], tokens[0][2]
    return None


def _agrees(computed: float, shown: float, decimals: int) -> bool:
    step = 10.0 ** (-decimals)
    return abs(computed - shown) <= step / 2 + 1e-9 * max(1.0, abs(shown))


def arithmetic_that_disagrees(run: ScreenRun) -> list[str]:
    """Lines joined by ``=`` whose numeric side does not give the number shown beside it."""
    bad = set()
    for view in run.views:
        if view.kind == "mid":
            continue
        for label in view.labels:
            if label.kind != "tex" or label.in_axes or "=" not in label.text:
                continue
            sides = [s for s in re.split(r"(?<![<>!\\])=", label.text)]
            for left, right in zip(sides, sides[1:]):
                shown = _shown(right)
                if shown is None:
                    continue
                try:
                    computed = evaluate(left)
                except (ValueError, ZeroDivisionError):
                    continue
                if _shown(left) is not None:  # "x = 3 = 3": a number restated, not arithmetic
                    continue
                if not _agrees(computed, *shown):
                    bad.add(
                        f"{view.time:.1f} s: {left.strip()!r} is {computed:.6g}, shown as "
                        f"{right.strip()!r} (in {label.text!r})"
                    )
    return sorted(bad)


# -- collisions ------------------------------------------------------------------------------
def text_collisions(run: ScreenRun) -> list[str]:
    """Labels overlapping at any instant (tick labels of axes among themselves, and a label below
    half opacity, fading, excepted)."""
    bad = set()
    for view in run.views:
        labels = [label for label in view.labels if label.opacity > 0.5]
        for n, a in enumerate(labels):
            for b in labels[n + 1 :]:
                if collide(a, b):
                    what = f"{a.text or a.number!r} overlaps {b.text or b.number!r}"
                    bad.add(f"{view.time:.1f} s ({view.kind}): {what}")
    return sorted(bad)


# -- empty frames ----------------------------------------------------------------------------
def empty_frames(run: ScreenRun) -> list[str]:
    """Instants after the title with nothing on screen but the title and the caption."""
    bad = []
    titled = False
    for view in run.views:
        titled = titled or view.title_bottom is not None
        if titled and view.content is None and view.kind in ("after", "step"):
            bad.append(f"{view.time:.1f} s ({view.kind}, beat {view.beat}): only the title and caption")
    return bad


# -- the frame is used -----------------------------------------------------------------------
def unused_frame(run: ScreenRun, fill: float = FILL, margin: float = MARGIN) -> list[str]:
    """Steps whose picture fills less than ``fill`` of the stage, and parts within ``margin`` of
    the frame's edge."""
    hx, hy = run.frame_half
    bad = []
    for view in run.views:
        if view.kind != "step":
            continue
        top = view.title_bottom if view.title_bottom is not None else hy
        bottom = view.caption_top if view.caption_top is not None else -hy
        stage = 2 * hx * (top - bottom)
        if view.content is not None and stage > 0:
            left, right, low, high = view.content
            area = (right - left) * (min(high, top) - max(low, bottom))
            if area < fill * stage:
                bad.append(
                    f"{view.time:.1f} s (end of beat {view.beat}): the picture fills "
                    f"{100 * area / stage:.0f}% of the stage"
                )
    for view in run.views:
        if view.kind == "mid":
            continue
        for name, (left, right, low, high) in view.parts:
            if left < -hx + margin or right > hx - margin or low < -hy + margin or high > hy - margin:
                bad.append(f"{view.time:.1f} s: {name} within {margin} of the frame's edge")
    return sorted(set(bad))


# -- axes ------------------------------------------------------------------------------------
def unreadable_axes(run: ScreenRun) -> list[str]:
    """Axes without tick labels; value axes side by side (same direction, level with each other)
    on different scales."""
    bad = set()
    for view in run.views:
        if view.kind == "mid":
            continue
        for axis in view.axes:
            if not axis.ticks_labelled:
                bad.add(f"{view.time:.1f} s: a {axis.direction}-axis at {_fmt(axis.box)} has no tick labels")
        ys = [a for a in view.axes if a.direction == "y"]
        for n, a in enumerate(ys):
            for b in ys[n + 1 :]:
                if a.owner == b.owner:
                    continue
                level = min(a.box[3], b.box[3]) - max(a.box[2], b.box[2])
                if level > 0.5 * min(a.box[3] - a.box[2], b.box[3] - b.box[2]) and not math.isclose(
                    a.unit, b.unit, rel_tol=1e-6
                ):
                    bad.add(
                        f"{view.time:.1f} s: plots side by side on different scales "
                        f"({a.unit:.3g} vs {b.unit:.3g} units per unit)"
                    )
    return sorted(bad)


def _fmt(box) -> str:
    return "(" + ", ".join(f"{v:.1f}" for v in box) + ")"


# -- stale state -----------------------------------------------------------------------------
def stale_labels(run: ScreenRun) -> list[str]:
    """Bound labels (``LessonScene.bind``) showing something other than their quantity's value."""
    return list(getattr(run, "stale", []))


def taken_apart(run: ScreenRun) -> list[str]:
    """Mobjects that lost their own outline when manim took them apart (``screen._taken_apart``)."""
    return list(getattr(run, "taken_apart", []))


def findings(run: ScreenRun) -> dict[str, list[str]]:
    """Every check's findings for a run."""
    return {
        "arithmetic": arithmetic_that_disagrees(run),
        "collisions": text_collisions(run),
        "empty": empty_frames(run),
        "frame": unused_frame(run),
        "axes": unreadable_axes(run),
        "stale": stale_labels(run),
        "apart": taken_apart(run),
    }
