"""The slide deck of several scenes: one reveal.js HTML file, a PowerPoint file and a PDF.

Each scene's slides are a manim-slides presentation, ``slides/<Scene>.json`` with one video per
slide (written by :mod:`mathdl_anim.publish.slides`). The deck joins them in the given order:

* ``<name>.html``: manim-slides' reveal.js page with every video inside it (``one_file``) and
  reveal.js itself inlined (:mod:`mathdl_anim.publish.revealjs`): a single file that opens offline;
* ``<name>.pptx``: one slide per step, its video playing on entry (manim-slides' converter);
* ``<name>.pdf``: one page per step, the step's last frame (``steps/<Scene>-NN.png``).

Speaker notes (the narration of each step) go into the HTML (press ``S``) and the PPTX.
"""

from __future__ import annotations

import html
import io
import logging
from collections.abc import Sequence
from contextlib import contextmanager, redirect_stderr
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from mathdl_anim.publish.exports import write_pdf, writing
from mathdl_anim.publish.revealjs import CDN_URL, REVEAL_VERSION, inline_reveal, reveal_dist

__all__ = ["DECK_TITLE", "PPTX_LONG_SIDE", "Deck", "scene_json", "load_presentation", "write_deck"]

DECK_TITLE = "The mathematics of deep learning"
#: Long side of the PowerPoint slide in pixels at 96 dpi (1280: a 13.33 in widescreen slide).
PPTX_LONG_SIDE = 1280


@dataclass(frozen=True)
class Deck:
    """The files of a written deck."""

    html: Path
    pptx: Path
    pdf: Path
    slides: int


def scene_json(slides_dir: Path, scene: str) -> Path:
    """``slides_dir/<Scene>.json``: a scene's presentation, as manim-slides reads it."""
    return Path(slides_dir) / f"{scene}.json"


def load_presentation(slides_dir: Path, scene: str):
    """A scene's :class:`manim_slides.config.PresentationConfig` (file paths made absolute)."""
    from manim_slides.config import PresentationConfig

    return PresentationConfig.from_file(scene_json(slides_dir, scene))


@contextmanager
def _quiet():
    """manim-slides' converters log and draw progress bars: keep the command's output short."""
    logger = logging.getLogger("manim-slides")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        with redirect_stderr(io.StringIO()):  # tqdm's bars; errors still come as exceptions
            yield
    finally:
        logger.setLevel(level)


def _reveal_theme(background: str) -> str:
    """reveal.js's ``black`` theme on a dark background, ``white`` on a light one."""
    red, green, blue = (int(background.lstrip("#")[k : k + 2], 16) for k in (0, 2, 4))
    return "black" if 0.2126 * red + 0.7152 * green + 0.0722 * blue < 128 else "white"


def _escaped_notes(presentation):
    """A copy whose notes are HTML text (manim-slides' template puts them in the page as is)."""
    slides = [s.model_copy(update={"notes": html.escape(s.notes)}) for s in presentation.slides]
    return presentation.model_copy(update={"slides": slides})


def write_html(presentations: Sequence[Any], dest: Path, title: str = DECK_TITLE) -> Path:
    """The reveal.js deck as one self-contained HTML file."""
    from manim_slides.convert import RevealJS

    background = presentations[0].background_color.as_hex(format="long")
    dist = reveal_dist()
    # manim-slides' converters are pydantic models: mypy (without pydantic's plugin) takes every
    # field for a required argument of its own type, so the options go in as a plain dict and
    # pydantic validates them (the strings become manim-slides' enums)
    options: dict[str, Any] = dict(
        presentation_configs=[_escaped_notes(p) for p in presentations],
        one_file=True,
        offline=False,  # never download: reveal.js comes from our cache, inlined below
        reveal_version=REVEAL_VERSION,
        cdn_url=CDN_URL.format(version=REVEAL_VERSION),
        reveal_theme=_reveal_theme(background),
        background_color=background,
        title=title,
        controls="true",
        progress="true",
        slide_number="c/t",
    )
    converter = RevealJS(**options)
    with writing(dest) as tmp:
        page = tmp.with_suffix(".page.html")  # manim-slides' page, before reveal.js is inlined
        try:
            with _quiet():
                converter.convert_to(page)
            tmp.write_text(inline_reveal(page.read_text(encoding="utf-8"), dist), encoding="utf-8")
        finally:
            page.unlink(missing_ok=True)
    return Path(dest)


def write_pptx(presentations: Sequence[Any], dest: Path) -> Path:
    """The PowerPoint deck: one slide per step, its video filling the slide."""
    from manim_slides.convert import PowerPoint

    width, height = presentations[0].resolution
    ratio = Fraction(width, height).limit_denominator(16)  # 854x480 is 16:9, not 1.779
    long_side = max(ratio.numerator, ratio.denominator)
    options: dict[str, Any] = dict(  # a plain dict, as in write_html
        presentation_configs=list(presentations),
        width=round(PPTX_LONG_SIDE * ratio.numerator / long_side),
        height=round(PPTX_LONG_SIDE * ratio.denominator / long_side),
    )
    converter = PowerPoint(**options)
    with writing(dest) as tmp, _quiet():
        converter.convert_to(tmp)
    return Path(dest)


def write_deck(scenes: Sequence[str], folder: Path, name: str) -> Deck:
    """Write ``folder/slides/<name>.{html,pptx,pdf}`` from the scenes' slides, in order.

    Parameters
    ----------
    scenes : Sequence[str]
        Scene names whose ``folder/slides/<Scene>.json`` and ``folder/steps/<Scene>-NN.png``
        exist.
    folder : Path
        The render folder, e.g. ``renders/1080p60``.
    name : str
        File name of the deck without extension.
    """
    from mathdl_anim.scene.slide_scene import step_png_name

    slides_dir = Path(folder) / "slides"
    presentations = [load_presentation(slides_dir, scene) for scene in scenes]
    pages = [
        Path(folder) / "steps" / step_png_name(scene, k + 1)
        for scene, p in zip(scenes, presentations)
        for k in range(len(p.slides))
    ]
    html_path = write_html(presentations, slides_dir / f"{name}.html")
    pptx_path = write_pptx(presentations, slides_dir / f"{name}.pptx")
    pdf_path = write_pdf(pages, slides_dir / f"{name}.pdf")
    return Deck(html_path, pptx_path, pdf_path, len(pages))
