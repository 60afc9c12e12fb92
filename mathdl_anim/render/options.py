"""What a render looks like: qualities, aspects, output folders and manim's config.

The folder is named by the quality, then the theme and aspect when they are not the defaults,
then ``-voice`` for a voiced render (:func:`output_folder`: ``1080p60``, ``1080p60-light``,
``1080p60-9x16``, ``1080p60-light-9x16``, ``1080p60-voice``), so a silent render never replaces
a voiced one.

Aspect 9:16 (vertical shorts) keeps the frame 14.22 units wide, as in 16:9, and makes it
16/9 times taller (1080x1920 pixels at ``-q h``). Every scene lays out its content in absolute
coordinates within the central 14.22 x 8 "stage", so nothing a scene draws can leave the frame;
only the title and the caption, which :mod:`mathdl_anim.draw.text` places, move into the bands
above and below the stage. Importing this module imports no manim.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from mathdl_anim.files import cache_dir
from mathdl_anim.render.errors import RenderError

__all__ = [
    "QUALITIES",
    "ASPECTS",
    "ENCODES",
    "FRAME_WIDTH",
    "check_tools",
    "output_folder",
    "frame_options",
    "manim_options",
]

#: ``-q`` flag -> (manim quality name, folder name).
QUALITIES: dict[str, tuple[str, str]] = {
    "l": ("low_quality", "480p15"),
    "m": ("medium_quality", "720p30"),
    "h": ("high_quality", "1080p60"),
    "k": ("fourk_quality", "2160p60"),
}


#: ``--encode`` values, default first: ``fast`` keeps the renders' packets (x264 ``ultrafast``,
#: :mod:`mathdl_anim.engine.encoding`), ``publish`` encodes the final video again for upload
#: (:data:`mathdl_anim.render.soundtrack.PUBLISH_X264`).
ENCODES = ("fast", "publish")
#: ``--aspect`` values, default first.
ASPECTS = ("16:9", "9:16")
#: Width of the frame in scene units in every aspect (manim's default: 8 units high at 16:9).
FRAME_WIDTH = 8.0 * 16 / 9


def check_tools(voice: str = "") -> None:
    """Fail with one line if LaTeX or dvisvgm is missing (or the voice engine ``voice``, if any)."""
    missing = [tool for tool in ("latex", "dvisvgm") if shutil.which(tool) is None]
    if missing:
        raise RenderError(
            f"{' and '.join(missing)} not found: install LaTeX (Debian: apt-get install "
            "texlive-latex-base dvisvgm) or run ./setup.sh render"
        )
    if voice:
        from mathdl_anim.scene.speech import missing_reason, speech_available

        if not speech_available(voice):
            raise RenderError(f"--voice: {missing_reason(voice)}")


def output_folder(
    quality: str, theme: str = "dark", aspect: str = "16:9", voice: object = "", encode: str = "fast"
) -> str:
    """The folder name of a render: ``1080p60``, plus ``-light``, ``-9x16``, ``-voice`` and
    ``-publish`` when chosen (``voice``: the engine's name, or anything true, for a voiced
    render; ``encode``: ``"publish"`` for scenes encoded again for upload)."""
    name = QUALITIES[quality][1]
    if theme != "dark":
        name += f"-{theme}"
    if aspect != ASPECTS[0]:
        name += "-" + aspect.replace(":", "x")
    if voice:
        name += "-voice"
    if encode == "publish":
        name += "-publish"
    return name


def frame_options(quality: str, aspect: str = "16:9") -> dict[str, Any]:
    """Frame rate, pixel size and frame size (scene units) of a quality in an aspect."""
    from manim import constants

    if aspect not in ASPECTS:
        raise ValueError(f"unknown aspect {aspect!r} (valid: {', '.join(ASPECTS)})")
    q = constants.QUALITIES[QUALITIES[quality][0]]
    wide, high = q["pixel_width"], q["pixel_height"]
    vertical = aspect == "9:16"
    return {
        "frame_rate": q["frame_rate"],
        "pixel_width": high if vertical else wide,
        "pixel_height": wide if vertical else high,
        "frame_width": FRAME_WIDTH,
        "frame_height": FRAME_WIDTH * 16 / 9 if vertical else 8.0,
    }


def manim_options(
    media_dir: Path, quality: str = "l", theme: str = "dark", aspect: str = "16:9", **extra: Any
) -> dict[str, Any]:
    """The manim config used for every render and test: for :func:`manim.tempconfig`.

    The theme's colours come from :func:`~mathdl_anim.draw.style.use_theme`, which the caller
    enters too; here it only sets manim's own background colour.
    """
    from mathdl_anim.draw.style import tex_template
    from mathdl_anim.lesson.palette import THEMES

    media_dir = Path(media_dir)
    options = {
        # pixel sizes, not manim's "quality": tempconfig applies that key last, overriding them
        **frame_options(quality, aspect),
        "background_color": THEMES[theme].background,
        "media_dir": str(media_dir),
        "video_dir": str(media_dir / "video"),
        "images_dir": str(media_dir / "images"),
        "partial_movie_dir": str(media_dir / "partial"),
        "tex_dir": str(cache_dir() / "tex"),
        "text_dir": str(cache_dir() / "text"),
        "tex_template": tex_template(),
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "WARNING",
        "write_to_movie": True,
        "save_last_frame": False,
        "format": "mp4",
        "max_inflight_encoders": 2,  # encode the last animation while drawing the next; bounded queue
    }
    options.update(extra)
    return options
