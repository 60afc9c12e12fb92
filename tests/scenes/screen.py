"""Reading a scene's screen without a video: its labels, their numbers and boxes, its last frame.

A scene runs with animations skipped (as ``manim -s`` does) and writes nothing. After every
``play()`` and ``wait()`` the probe records each visible label: a TeX string, a
``DecimalNumber`` value or a Text string, with its bounding box and whether it is a tick label
of an axis or a number line (the only numbers exempt from the values check), and every colour
drawn with ink (see :func:`_inks`). A run is in one theme and aspect (``dark`` and ``16:9`` unless
told).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from manim import (
    CoordinateSystem,
    DecimalNumber,
    MarkupText,
    NumberLine,
    SingleStringMathTex,
    Text,
    VMobject,
    config,
    tempconfig,
)
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

from mathdl_anim.core.formatting import format_tex, iter_numbers
from mathdl_anim.draw.style import use_theme
from mathdl_anim.lesson.spec import SceneSpec
from mathdl_anim.render.options import manim_options

__all__ = [
    "Label",
    "ScreenRun",
    "run_scene",
    "numbers_in_tex",
    "shown_numbers_not_in_values",
    "labels_off_frame",
    "overlapping_labels",
]

_SCI = re.compile(r"-?\d+(?:\.\d+)?\s*\\times\s*10\^\{-?\d+\}")
_PLAIN = re.compile(r"(?:(?<![\w)}\].])-)?(?<![\d.])\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Label:
    """One visible text mobject at one moment."""

    kind: str  # "tex", "decimal" or "text"
    text: str
    number: float | None
    box: tuple[float, float, float, float]  # left, right, bottom, top
    in_axes: bool
    moment: int


@dataclass
class ScreenRun:
    """Everything a test needs from one run of a scene."""

    spec: SceneSpec
    params: dict[str, Any]
    values: dict[str, Any]
    moments: list[list[Label]]
    last_frame: np.ndarray
    frame_half: tuple[float, float]
    theme: str = "dark"
    aspect: str = "16:9"
    #: "stroke #RRGGBB", "glyph ..." or "fill ..." -> where first drawn, e.g. "moment 3: Line"
    inks: dict[str, str] = field(default_factory=dict)
    #: the narration's beats as played (:class:`~mathdl_anim.lesson.narration.Cue`), and the scene's length
    cues: list = field(default_factory=list)
    duration: float = 0.0


def _visible(mob) -> bool:
    parts = mob.family_members_with_points()
    return any(p.get_fill_opacity() > 0.05 or p.get_stroke_opacity() > 0.05 for p in parts)


def _box(mob) -> tuple[float, float, float, float]:
    return (
        float(mob.get_left()[0]),
        float(mob.get_right()[0]),
        float(mob.get_bottom()[1]),
        float(mob.get_top()[1]),
    )


#: A stroke or fill at least this opaque is ink that must be readable on the background.
INK_OPACITY = 0.5


def _inks(mobjects, moment: int, seen: dict[str, str]) -> None:
    """Add to ``seen`` every opaque colour on screen, as ``"<use> #RRGGBB"`` -> where first seen.

    The use is ``stroke``, ``glyph`` (the fill of a letter or digit) or ``fill`` (of a shape, which
    may be the background colour: a box hiding what is behind it).
    """
    for mob in mobjects:
        for part in mob.family_members_with_points():
            if not isinstance(part, VMobject):  # a ValueTracker has points but no colours
                continue
            fill = "glyph" if isinstance(part, VMobjectFromSVGPath) else "fill"
            for use, opacity, color in (
                (
                    "stroke",
                    part.get_stroke_opacity() * (part.get_stroke_width() > 0),
                    part.get_stroke_color(),
                ),
                (fill, part.get_fill_opacity(), part.get_fill_color()),
            ):
                if opacity >= INK_OPACITY:
                    seen.setdefault(
                        f"{use} {color.to_hex().upper()}", f"moment {moment}: {type(part).__name__}"
                    )


def _labels(mobjects, moment: int) -> list[Label]:
    out: list[Label] = []

    def walk(mob, in_axes: bool) -> None:
        in_axes = in_axes or isinstance(mob, (CoordinateSystem, NumberLine))
        if isinstance(mob, DecimalNumber):
            if _visible(mob):
                out.append(Label("decimal", "", float(mob.get_value()), _box(mob), in_axes, moment))
            return
        if isinstance(mob, SingleStringMathTex):  # MathTex and Tex
            if _visible(mob):
                out.append(Label("tex", mob.tex_string, None, _box(mob), in_axes, moment))
            return
        if isinstance(mob, (Text, MarkupText)):
            if _visible(mob):
                out.append(Label("text", mob.text, None, _box(mob), in_axes, moment))
            return
        for sub in mob.submobjects:
            walk(sub, in_axes)

    for mob in mobjects:
        walk(mob, False)
    return out


def run_scene(
    spec: SceneSpec,
    media_dir: Path,
    params: dict[str, Any] | None = None,
    frames: list | None = None,
    theme: str = "dark",
    aspect: str = "16:9",
) -> ScreenRun:
    """Run a scene with animations skipped, recording its labels after every play and wait.

    With a list as ``frames``, the frame at every moment is appended to it (for looking at).
    ``theme`` and ``aspect`` are those of ``mathdl-anim render --theme --aspect``.
    """
    moments: list[list[Label]] = []
    inks: dict[str, str] = {}

    def record(scene) -> None:
        _inks(scene.mobjects, len(moments), inks)
        moments.append(_labels(scene.mobjects, len(moments)))
        if frames is not None:
            scene.renderer.update_frame(scene, ignore_skipping=True)
            frames.append(np.array(scene.renderer.get_frame())[..., :3])

    base = spec.scene_class()

    class Probe(base):  # type: ignore[misc, valid-type]
        def play(self, *args, **kwargs):
            super().play(*args, **kwargs)
            record(self)

        def wait(self, *args, **kwargs):
            super().wait(*args, **kwargs)
            record(self)

    options = manim_options(
        media_dir,
        "l",
        theme,
        aspect,
        write_to_movie=False,
        save_last_frame=True,
        dry_run=True,
        tex_dir=str(Path(media_dir) / "tex"),
    )
    with tempconfig(options), use_theme(theme):
        scene = Probe(params=params)
        scene.render()
        scene.renderer.update_frame(scene, ignore_skipping=True)
        frame = np.array(scene.renderer.get_frame())
        half = (config.frame_width / 2, config.frame_height / 2)
    return ScreenRun(
        spec,
        dict(params or {}),
        scene.values,
        moments,
        frame,
        half,
        theme,
        aspect,
        inks,
        list(scene.cues),
        float(scene.time),
    )


def numbers_in_tex(tex: str) -> list[str]:
    """The numbers written in a TeX (or plain) string, whitespace removed."""
    tokens = [re.sub(r"\s+", "", m) for m in _SCI.findall(tex)]
    rest = _SCI.sub(" ", tex)
    rest = re.sub(r"\\[a-zA-Z]+", " ", rest)  # \frac, \times, \cdot ... carry no digits
    return tokens + _PLAIN.findall(rest)


def shown_numbers_not_in_values(run: ScreenRun) -> list[str]:
    """Every number on screen (tick labels excepted) that is not a recorded value."""
    numbers = list(iter_numbers(run.values))
    allowed = {re.sub(r"\s+", "", format_tex(v)) for v in numbers}
    array = np.array(numbers) if numbers else np.zeros(0)
    bad = []
    for moment in run.moments:
        for label in moment:
            if label.in_axes:
                continue
            if label.kind == "decimal":
                if not np.any(np.isclose(array, label.number, rtol=1e-9, atol=1e-12)):
                    bad.append(f"moment {label.moment}: counter {label.number!r}")
                continue
            for token in numbers_in_tex(label.text):
                if token not in allowed:
                    bad.append(f"moment {label.moment}: {token!r} in {label.text!r}")
    return sorted(set(bad))


def labels_off_frame(run: ScreenRun, margin: float = 0.02) -> list[str]:
    """Labels reaching outside the visible frame."""
    hx, hy = run.frame_half
    bad = []
    for moment in run.moments:
        for label in moment:
            left, right, bottom, top = label.box
            if left < -hx - margin or right > hx + margin or bottom < -hy - margin or top > hy + margin:
                bad.append(f"moment {label.moment}: {label.text or label.number!r} at {label.box}")
    return bad


def overlapping_labels(run: ScreenRun, tolerance: float = 0.03) -> list[str]:
    """Pairs of labels whose boxes overlap (tick labels of one axis with each other excepted)."""
    bad = []
    for moment in run.moments:
        for n, a in enumerate(moment):
            for b in moment[n + 1 :]:
                if a.in_axes and b.in_axes:
                    continue
                dx = min(a.box[1], b.box[1]) - max(a.box[0], b.box[0])
                dy = min(a.box[3], b.box[3]) - max(a.box[2], b.box[2])
                if dx > tolerance and dy > tolerance:
                    bad.append(f"moment {a.moment}: {a.text or a.number!r} overlaps {b.text or b.number!r}")
    return bad
