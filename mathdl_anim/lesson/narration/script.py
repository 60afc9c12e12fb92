"""A scene's script: its beats in order, each a caption on screen and a sentence spoken.

A beat's texts are :meth:`str.format` templates. Their fields are filled with the scene's core
values when the scene plays the beat: a number goes through the one formatting policy
(:func:`~mathdl_anim.core.formatting.format_tex` in the caption,
:func:`~mathdl_anim.core.formatting.format_spoken` in the narration), a string is inserted as
it is. So no number is typed by hand, and LaTeX braces in a caption are doubled (``a_{{l-1}}``).
"""

from __future__ import annotations

import numbers
import re
import string
from collections.abc import Callable
from dataclasses import dataclass

from mathdl_anim.core.formatting import format_spoken, format_tex

__all__ = ["Beat", "Line", "Cue", "Script", "template_fields", "template_literal", "plain_caption"]


def template_fields(template: str) -> frozenset[str]:
    """The names of the fields of a :meth:`str.format` template."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def template_literal(template: str) -> str:
    """The literal text of a template: everything but its fields (doubled braces undone)."""
    return "".join(text for text, _, _, _ in string.Formatter().parse(template))


#: LaTeX commands of the captions, as plain text (any other command is dropped, its argument kept).
_TEX_PLAIN = {
    "cdot": "·",
    "times": "×",
    "to": "→",
    "rightarrow": "→",
    "approx": "≈",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "ne": "≠",
    "neq": "≠",
    "pm": "±",
    "infty": "∞",
    "dots": "…",
    "ldots": "…",
    "sum": "Σ",
    "partial": "∂",
    "nabla": "∇",
    "sqrt": "√",
    "alpha": "α",
    "beta": "β",
    "eta": "η",
    "theta": "θ",
    "lambda": "λ",
    "mu": "μ",
    "sigma": "σ",
    "Sigma": "Σ",
    "top": "ᵀ",
    "%": "%",
}


def plain_caption(caption: str) -> str:
    """A caption (LaTeX text mode) as plain text, for a PDF's text layer or a search index.

    Math shifts, braces and sub- or superscript marks go; known commands become their symbol
    (``\\cdot`` -> ``·``, ``\\sigma`` -> ``σ``), other commands are dropped with their
    argument kept (``\\hat{{y}}`` -> ``y``), spacing commands become spaces.

    Examples
    --------
    >>> plain_caption(r"$z = Wx + b$: row $\\cdot$ column, $\\sigma = 1.5$")
    'z = Wx + b: row · column, σ = 1.5'
    """
    text = re.sub(r"\\([,;:! ])", " ", caption.replace("$", ""))
    text = re.sub(r"\\(%|[A-Za-z]+)", lambda m: _TEX_PLAIN.get(m[1], ""), text)
    text = re.sub(r"[{}_\\]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _fill(template: str, fields: dict[str, object], number: Callable[[float], str], tex: bool = False) -> str:
    """``template`` with its fields filled; with ``tex`` (a caption), a number whose LaTeX needs
    math mode (``2.7 \\times 10^{-218}``) is put in ``$...$`` where the template is in text mode."""

    def show(value: object, in_math: bool) -> str:
        if isinstance(value, str):
            return value
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            text = number(float(value))
            return f"${text}$" if tex and not in_math and re.search(r"[\\^_{]", text) else text
        raise TypeError(f"a beat field is a number or a string, got {type(value).__name__}")

    out, in_math = [], False
    for literal, name, spec, conversion in string.Formatter().parse(template):
        out.append(literal)
        in_math ^= len(re.findall(r"(?<!\\)\$", literal)) % 2 == 1
        if name is not None:
            if spec or conversion:
                raise ValueError(f"a beat field takes no format or conversion: {{{name}}}")
            out.append(show(fields[name], in_math))
    return "".join(out)


@dataclass(frozen=True)
class Line:
    """A beat with its fields filled: what is shown and what is said.

    Attributes
    ----------
    key : str
    caption : str
        LaTeX text-mode caption (``$...$`` for math).
    narration : str
        Plain text for subtitles and speech.
    """

    key: str
    caption: str
    narration: str


@dataclass(frozen=True)
class Beat:
    """One step of a scene's explanation.

    Attributes
    ----------
    key : str
        The name the scene plays it by: ``self.say(key, **fields)``.
    caption : str
        The short caption at the bottom of the screen: a template in LaTeX text mode.
    narration : str
        The sentence(s) a narrator says for a learner, also the subtitle: a plain-text
        template (no LaTeX, no digits outside fields).
    """

    key: str
    caption: str
    narration: str

    @property
    def fields(self) -> frozenset[str]:
        """The field names the scene must give, from both templates."""
        return template_fields(self.caption) | template_fields(self.narration)

    def fill(self, **fields: object) -> Line:
        """The caption and narration with ``fields`` filled in.

        Raises
        ------
        TypeError
            If a field is missing, unknown, or neither a number nor a string.
        """
        given = set(fields)
        if given != self.fields:
            missing, extra = sorted(self.fields - given), sorted(given - self.fields)
            raise TypeError(
                f"beat {self.key!r} takes fields {sorted(self.fields)}; missing {missing}, unknown {extra}"
            )
        return Line(
            self.key,
            _fill(self.caption, fields, format_tex, tex=True),
            _fill(self.narration, fields, format_spoken),
        )


@dataclass(frozen=True)
class Cue:
    """A line as it was played: its narration from ``start`` to ``end`` (seconds of the scene).

    ``caption`` is the caption shown meanwhile; ``subtitles`` the narration's subtitle cues
    ``(text, start, end)`` as written to the ``.srt``, in order, sharing the beat's span (see
    :mod:`~mathdl_anim.lesson.narration.pacing`).
    """

    key: str
    text: str
    start: float
    end: float
    caption: str = ""
    subtitles: tuple[tuple[str, float, float], ...] = ()


@dataclass(frozen=True)
class Script:
    """The beats of one scene, in the order the scene plays them.

    Attributes
    ----------
    scene : str
        The Scene class name.
    beats : tuple[Beat, ...]
    """

    scene: str
    beats: tuple[Beat, ...]

    def __post_init__(self) -> None:
        keys = [beat.key for beat in self.beats]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise ValueError(f"{self.scene}: beat keys used twice: {duplicates}")

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(beat.key for beat in self.beats)

    def beat(self, key: str) -> Beat:
        """The beat called ``key``.

        Raises
        ------
        KeyError
            If the script has no such beat; the message lists the keys.
        """
        for beat in self.beats:
            if beat.key == key:
                return beat
        raise KeyError(f"{self.scene} has no beat {key!r} (beats: {', '.join(self.keys)})")
