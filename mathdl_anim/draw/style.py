"""The LaTeX template, font sizes and the active palette used by every builder."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from manim import TexTemplate

from mathdl_anim.palette import DARK, Palette

__all__ = ["PALETTE", "TEX_TEMPLATE_FILE", "tex_template", "TITLE_SIZE", "BODY_SIZE", "SMALL_SIZE", "LABEL_SIZE"]

PALETTE: Palette = DARK

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
