"""The slide deck of several scenes: one reveal.js HTML file, a PowerPoint file and a PDF.

Each scene's slides are a manim-slides presentation, ``slides/<Scene>.json`` with one video per
slide (written by :mod:`mathdl_anim.publish.slides`). The deck joins them in the given order:

* ``<name>.html``: manim-slides' reveal.js page with every video inside it (``one_file``) and
  reveal.js itself inlined (:mod:`mathdl_anim.publish.revealjs`): a single file that opens offline;
* ``<name>.pptx``: one slide per step, its video playing on entry, the step's last frame as poster;
* ``<name>.pdf``: one page per step, the step's last frame (``steps/<Scene>-NN.png``) with its
  caption and narration as text.

Speaker notes (the narration of each step) go into the HTML (press ``S``) and the PPTX.
"""

from __future__ import annotations

import html
import io
import logging
import os
import re
import shutil
import uuid
from collections.abc import Sequence
from contextlib import contextmanager, redirect_stderr
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from mathdl_anim.files import move_into_place
from mathdl_anim.publish.exports import write_pdf, writing
from mathdl_anim.publish.revealjs import CDN_URL, REVEAL_VERSION, inline_reveal, reveal_dist

__all__ = [
    "DECK_TITLE",
    "PPTX_LONG_SIDE",
    "Deck",
    "scene_json",
    "load_presentation",
    "deck_title",
    "deck_files_dir",
    "write_deck",
]

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


def deck_files_dir(dest: Path) -> Path:
    """Where a deck ``<name>.html`` written with ``files=True`` keeps its videos: ``<name>_files/``."""
    return Path(dest).with_name(f"{Path(dest).stem}_files")


def write_html(
    presentations: Sequence[Any], dest: Path, title: str = DECK_TITLE, files: bool = False
) -> Path:
    """The reveal.js deck: one self-contained HTML file, or (``files``) a small HTML file whose
    videos are files in :func:`deck_files_dir` beside it, linked relatively (still offline).

    The address shows the slide (reveal.js's ``hash``): a reload or a shared link opens the
    same slide. Nothing appears under a final name half-written: the page and its folder are
    made in a hidden work folder beside ``dest`` and moved into place, the folder first.
    """
    from manim_slides.convert import RevealJS

    background = presentations[0].background_color.as_hex(format="long")
    dist = reveal_dist()
    # manim-slides' converters are pydantic models: mypy (without pydantic's plugin) takes every
    # field for a required argument of its own type, so the options go in as a plain dict and
    # pydantic validates them (the strings become manim-slides' enums)
    options: dict[str, Any] = dict(
        presentation_configs=[_escaped_notes(p) for p in presentations],
        one_file=not files,
        assets_dir=deck_files_dir(dest).name,
        hash="true",
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
    dest = Path(dest)
    work = dest.with_name(f".{dest.stem}.{uuid.uuid4().hex[:8]}.deck")
    try:
        work.mkdir(parents=True)
        page = work / f"{dest.stem}.page.html"  # manim-slides' page, before reveal.js is inlined
        with _quiet():
            converter.convert_to(page)
        final = work / dest.name
        final.write_text(inline_reveal(page.read_text(encoding="utf-8"), dist), encoding="utf-8")
        assets, target = work / deck_files_dir(dest).name, deck_files_dir(dest)
        if files:
            old = work / "replaced"
            if target.exists():
                os.replace(target, old)
            move_into_place(assets, target)
        elif target.is_dir():  # a deck with files before: its folder goes with it
            os.replace(target, work / "replaced")
        move_into_place(final, dest)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return dest


#: The slide's timing as PowerPoint writes "Start: Automatically" for a video: in the main
#: sequence, a media call ``playFrom(0.0)`` that begins with the slide, after the previous
#: effect (``afterEffect``); then the video's media node, which python-pptx writes alone.
_AUTOPLAY = """<p:timing {ns}><p:tnLst><p:par>
<p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot"><p:childTnLst>
 <p:seq concurrent="1" nextAc="seek"><p:cTn id="2" dur="indefinite" nodeType="mainSeq"><p:childTnLst>
  <p:par><p:cTn id="3" fill="hold"><p:stCondLst><p:cond delay="indefinite"/>
   <p:cond evt="onBegin" delay="0"><p:tn val="2"/></p:cond></p:stCondLst><p:childTnLst>
   <p:par><p:cTn id="4" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>
    <p:par><p:cTn id="5" presetID="1" presetClass="mediacall" presetSubtype="0" fill="hold"
     nodeType="afterEffect"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>
     <p:cmd type="call" cmd="playFrom(0.0)"><p:cBhvr><p:cTn id="6" dur="{ms}" fill="hold"/>
      <p:tgtEl><p:spTgt spid="{spid}"/></p:tgtEl></p:cBhvr></p:cmd>
    </p:childTnLst></p:cTn></p:par>
   </p:childTnLst></p:cTn></p:par>
  </p:childTnLst></p:cTn></p:par>
 </p:childTnLst></p:cTn>
 <p:prevCondLst><p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:prevCondLst>
 <p:nextCondLst><p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:nextCondLst>
 </p:seq>
 <p:video><p:cMediaNode vol="80000"><p:cTn id="7" fill="hold" display="0">
  <p:stCondLst><p:cond delay="indefinite"/></p:stCondLst></p:cTn>
  <p:tgtEl><p:spTgt spid="{spid}"/></p:tgtEl></p:cMediaNode></p:video>
</p:childTnLst></p:cTn></p:par></p:tnLst></p:timing>"""


def _autoplay(slide, movie, seconds: float) -> None:
    """Make ``movie`` start by itself when ``slide`` is shown (see :data:`_AUTOPLAY`)."""
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    timing = parse_xml(
        " ".join(_AUTOPLAY.split())
        .replace("> <", "><")
        .format(ns=nsdecls("p"), ms=max(1, round(seconds * 1000)), spid=movie.shape_id)
    )
    old = slide.element.find(timing.tag)
    if old is not None:
        old.getparent().replace(old, timing)
    else:  # after the slide's common data (and colour map), before any extension list
        slide.element.insert(2, timing)


def _video_seconds(path: Path) -> float:
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        if stream.duration is not None and stream.time_base is not None:
            return float(stream.duration * stream.time_base)
        return (container.duration or 0) / 1_000_000


def write_pptx(
    presentations: Sequence[Any], dest: Path, posters: Sequence[Path], title: str = DECK_TITLE
) -> Path:
    """The PowerPoint deck: one slide per step, its video filling the slide and starting by
    itself on entry (as PowerPoint's "Start: Automatically"), the step's last frame as its
    poster (what thumbnails, a PDF export and the screen before playback show), the narration
    as speaker notes. The file's properties name the deck and ``mathdl-anim``.

    ``posters`` are the steps' last frames, one per slide in order.
    """
    import datetime

    import pptx
    from pptx.util import Emu

    width, height = presentations[0].resolution
    ratio = Fraction(width, height).limit_denominator(16)  # 854x480 is 16:9, not 1.779
    long_side = max(ratio.numerator, ratio.denominator)
    emu_per_px = 9525  # at 96 dpi
    deck = pptx.Presentation()
    deck.slide_width = Emu(round(PPTX_LONG_SIDE * ratio.numerator / long_side) * emu_per_px)
    deck.slide_height = Emu(round(PPTX_LONG_SIDE * ratio.denominator / long_side) * emu_per_px)
    blank = deck.slide_layouts[6]
    slides = [slide for p in presentations for slide in p.slides]
    if len(slides) != len(posters):
        raise ValueError(f"{len(slides)} slides but {len(posters)} posters")
    for config, poster in zip(slides, posters):
        slide = deck.slides.add_slide(blank)
        movie = slide.shapes.add_movie(
            str(config.file),
            0,
            0,
            deck.slide_width,
            deck.slide_height,
            poster_frame_image=str(poster),
            mime_type="video/mp4",
        )
        _autoplay(slide, movie, _video_seconds(Path(config.file)))
        if config.notes:
            slide.notes_slide.notes_text_frame.text = config.notes
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)
    props = deck.core_properties
    props.title, props.subject = title, title
    props.author = props.last_modified_by = "mathdl-anim"
    props.created = props.modified = now
    props.last_printed = datetime.datetime(2000, 1, 1)  # python-pptx's template says 2013
    props.revision = 1
    props.keywords = props.comments = ""
    with writing(dest) as tmp:
        deck.save(str(tmp))
    return Path(dest)


def deck_title(scenes: Sequence[str]) -> str:
    """The lesson's title for a deck of several scenes; a one-scene deck is named by its scene
    (``MatrixMultiplication``: "Matrix multiplication")."""
    if len(scenes) != 1:
        return DECK_TITLE
    words = re.findall(r"[A-Z][a-z]*|[a-z]+|[0-9]+", scenes[0])
    return " ".join([words[0], *(w.lower() for w in words[1:])]) if words else scenes[0]


def write_deck(scenes: Sequence[str], folder: Path, name: str, deck_files: bool = False) -> Deck:
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
    deck_files : bool
        The HTML keeps its videos as files beside it (:func:`write_html`).
    """
    from mathdl_anim.scene.slide_scene import step_png_name

    slides_dir = Path(folder) / "slides"
    presentations = [load_presentation(slides_dir, scene) for scene in scenes]
    pages = [
        Path(folder) / "steps" / step_png_name(scene, k + 1)
        for scene, p in zip(scenes, presentations)
        for k in range(len(p.slides))
    ]
    title = deck_title(scenes)
    html_path = write_html(presentations, slides_dir / f"{name}.html", title, files=deck_files)
    pptx_path = write_pptx(presentations, slides_dir / f"{name}.pptx", pages, title)
    pdf_path = write_pdf(pages, slides_dir / f"{name}.pdf", title=title)
    return Deck(html_path, pptx_path, pdf_path, len(pages))
