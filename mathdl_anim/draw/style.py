"""The LaTeX template, font sizes and the active palette used by every builder.

The theme is chosen per process, never at import time: :func:`use_theme` (the renderer and the
tests), else the environment variable ``MATHDL_ANIM_THEME`` (native ``manim``), else ``dark``.
:data:`PALETTE` reads its colours from the active theme each time one is asked for, so modules
may import it freely but must not copy its colours into module-level constants or default
arguments.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import cast

from manim import TexTemplate

from mathdl_anim.lesson.palette import THEMES, Palette

__all__ = [
    "PALETTE",
    "THEME_ENV",
    "active_theme",
    "use_theme",
    "TEX_TEMPLATE_FILE",
    "tex_template",
    "TITLE_SIZE",
    "BODY_SIZE",
    "SMALL_SIZE",
    "LABEL_SIZE",
    "OPTIMIZER_COLORS",
    "optimizer_color",
]

#: The environment variable naming the theme when no :func:`use_theme` is in force.
THEME_ENV = "MATHDL_ANIM_THEME"
DEFAULT_THEME = "dark"

_chosen: list[str] = []  # the themes of the enclosing use_theme() blocks, innermost last


def _checked(name: str, source: str) -> str:
    if name not in THEMES:
        raise ValueError(f"{source}: unknown theme {name!r} (valid: {', '.join(THEMES)})")
    return name


def active_theme() -> str:
    """The name of the theme in force (see the module docstring for the order)."""
    if _chosen:
        return _chosen[-1]
    return _checked(os.environ.get(THEME_ENV) or DEFAULT_THEME, THEME_ENV)


@contextmanager
def use_theme(name: str) -> Iterator[Palette]:
    """Draw with the theme ``name`` inside the ``with`` block (blocks nest); yields its palette.

    Raises
    ------
    ValueError
        If ``name`` is not a key of :data:`~mathdl_anim.lesson.palette.THEMES`.
    """
    _chosen.append(_checked(name, "use_theme"))
    try:
        yield THEMES[name]
    finally:
        _chosen.pop()


class _ActivePalette:
    """Stands for the :class:`Palette` of the active theme: every attribute is read at use."""

    __slots__ = ()

    def __getattr__(self, name: str):
        return getattr(THEMES[active_theme()], name)

    def __repr__(self) -> str:
        return f"PALETTE<{active_theme()}>"


#: The active theme's colours (``PALETTE.input`` ...), looked up each time.
PALETTE: Palette = cast(Palette, _ActivePalette())

#: Place of each optimizer in the theme's categorical series (``Palette.series``): a comparison
#: of optimizers never borrows a meaning colour (storyboard rule 7).
OPTIMIZER_COLORS = {"sgd": 0, "momentum": 1, "rmsprop": 2, "adam": 3}


def optimizer_color(name: str) -> str:
    """The active theme's colour of an optimizer.

    Parameters
    ----------
    name
        A key of :data:`OPTIMIZER_COLORS` (``"sgd"``, ``"momentum"``, ``"rmsprop"``, ``"adam"``).

    Returns
    -------
    str
        The colour, read from :data:`PALETTE` now.

    Examples
    --------
    ::

        path = make_polyline(points, optimizer_color("adam"))
    """
    return PALETTE.series[OPTIMIZER_COLORS[name]]


TITLE_SIZE = 44
BODY_SIZE = 38
SMALL_SIZE = 30
LABEL_SIZE = 26


#: The template file; ``manim.cfg`` and :func:`manim_config` point manim at it too, so that
#: mobjects built inside manim (matrix brackets, DecimalNumber digits) use it as well.
TEX_TEMPLATE_FILE = Path(__file__).with_name("tex_template.tex")


@lru_cache(maxsize=1)
def tex_template() -> TexTemplate:
    """The project's LaTeX template (see ``tex_template.tex``)."""
    return TexTemplate.from_file(TEX_TEMPLATE_FILE)
