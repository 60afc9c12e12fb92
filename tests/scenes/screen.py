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
from manim.utils.family import extract_mobject_family_members

from mathdl_anim.core.formatting import format_tex, iter_numbers
from mathdl_anim.draw.style import use_theme
from mathdl_anim.engine.renderer import LessonRenderer
from mathdl_anim.lesson.spec import SceneSpec
from mathdl_anim.render.options import manim_options

__all__ = [
    "Label",
    "ScreenRun",
    "run_scene",
    "numbers_in_tex",
    "shown_numbers_not_in_values",
    "labels_off_frame",
    "collide",
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
    opacity: float = 1.0  # the most opaque of its glyphs


@dataclass(frozen=True)
class Axis:
    """One visible axis (a number line, or an axis of a coordinate system) at one moment."""

    box: tuple[float, float, float, float]
    ticks_labelled: bool
    #: screen units per unit of value along the axis, and the axis's direction ("x" or "y")
    unit: float
    direction: str
    owner: int  # id of the coordinate system it belongs to (or of itself)


@dataclass(frozen=True)
class View:
    """What a viewer sees at one instant: when, its labels, its axes and the boxes of its parts.

    ``kind`` is ``"after"`` (after a play or wait), ``"mid"`` (during an animation, at
    :data:`MID_FRACTIONS` of its run time) or ``"step"`` (at the end of a step: just before the
    next beat starts, and at the end of the scene).
    """

    kind: str
    time: float
    labels: list[Label]
    axes: list[Axis]
    #: union box of everything visible but the title and the caption (``None``: nothing)
    content: tuple[float, float, float, float] | None
    #: the box of every visible top-level part, title and caption included, with its class name
    parts: list[tuple[str, tuple[float, float, float, float]]]
    title_bottom: float | None
    caption_top: float | None
    beat: str | None  # the beat being played (``None`` before the first)


#: Fractions of an animation's run time at which a view is taken during it.
MID_FRACTIONS = tuple(k / 8 for k in range(1, 8))


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
    #: every view taken: after each play and wait, during each animation, at each step's end
    views: list[View] = field(default_factory=list)
    #: bound labels (``LessonScene.bind``) that showed something else than their quantity's value
    stale: list[str] = field(default_factory=list)
    #: visible mobjects that manim took apart when something was added or removed (see
    #: :func:`_taken_apart`): their own stroke or fill left the scene, their parts stayed
    taken_apart: list[str] = field(default_factory=list)


def _visible(mob) -> bool:
    parts = mob.family_members_with_points()
    return any(p.get_fill_opacity() > 0.05 or p.get_stroke_opacity() > 0.05 for p in parts)


def _extent(points: list) -> tuple[float, float, float, float]:
    """``(left, right, bottom, top)`` of arrays of points."""
    xy = np.concatenate(points)[:, :2]
    return (float(xy[:, 0].min()), float(xy[:, 0].max()), float(xy[:, 1].min()), float(xy[:, 1].max()))


def _box(mob) -> tuple[float, float, float, float]:
    """``(left, right, bottom, top)`` of all of ``mob``'s points (as manim's get_left... give)."""
    points = [p.points for p in mob.get_family() if len(p.points)]
    if not points:
        x, y = mob.get_center()[:2]
        return (float(x), float(x), float(y), float(y))
    return _extent(points)


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


def _opacity(mob) -> float:
    parts = mob.family_members_with_points() or [mob]
    return float(max(max(p.get_fill_opacity(), p.get_stroke_opacity()) for p in parts))


def _labels(mobjects, moment: int) -> list[Label]:
    out: list[Label] = []

    def walk(mob, in_axes: bool) -> None:
        in_axes = in_axes or isinstance(mob, (CoordinateSystem, NumberLine))
        if isinstance(mob, DecimalNumber):
            if _visible(mob):
                out.append(
                    Label("decimal", "", float(mob.get_value()), _box(mob), in_axes, moment, _opacity(mob))
                )
            return
        if isinstance(mob, SingleStringMathTex):  # MathTex and Tex
            if _visible(mob):
                out.append(Label("tex", mob.tex_string, None, _box(mob), in_axes, moment, _opacity(mob)))
            return
        if isinstance(mob, (Text, MarkupText)):
            if _visible(mob):
                out.append(Label("text", mob.text, None, _box(mob), in_axes, moment, _opacity(mob)))
            return
        for sub in mob.submobjects:
            walk(sub, in_axes)

    for mob in mobjects:
        walk(mob, False)
    return out


def _inked(part) -> bool:
    """Whether ``part``'s own points leave ink: a visible fill, or a visible stroke of some width."""
    return part.get_fill_opacity() > 0.05 or (
        part.get_stroke_opacity() > 0.05 and part.get_stroke_width() > 0
    )


def _visible_box(mob) -> tuple[float, float, float, float] | None:
    """The box of the visible parts of ``mob`` (``None`` if nothing of it is visible)."""
    points = [
        p.points
        for p in mob.family_members_with_points()
        if isinstance(p, VMobject) and _inked(p)  # a ValueTracker has points but is never drawn
    ]
    return _extent(points) if points else None


def _union(boxes) -> tuple[float, float, float, float] | None:
    boxes = [b for b in boxes if b is not None]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        max(b[1] for b in boxes),
        min(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _axes(mobjects) -> list[Axis]:
    out: list[Axis] = []

    def line_axis(line, owner: int) -> None:
        box = _visible_box(line)
        if box is None:
            return
        labelled = len(getattr(line, "numbers", ()) or ()) > 0 or len(getattr(line, "labels", ()) or ()) > 0
        start, end = line.get_start(), line.get_end()
        lo, hi = line.x_range[0], line.x_range[1]
        length = float(np.linalg.norm(end - start))
        unit = length / (hi - lo) if hi > lo else 0.0
        vertical = abs(end[1] - start[1]) > abs(end[0] - start[0])
        out.append(Axis(box, labelled, unit, "y" if vertical else "x", owner))

    def walk(mob) -> None:
        if isinstance(mob, CoordinateSystem):
            for axis in mob.get_axes():
                line_axis(axis, id(mob))
            return
        if isinstance(mob, NumberLine):
            line_axis(mob, id(mob))
            return
        for sub in mob.submobjects:
            walk(sub)

    for mob in mobjects:
        walk(mob)
    return out


def _view(scene, kind: str, moment: int, title, time: float | None = None) -> View:
    when = float(scene.renderer.time if time is None else time)
    if kind == "mid":  # during an animation only the labels are checked (collisions): keep it light
        return View(kind, when, _labels(scene.mobjects, moment), [], None, [], None, None, None)
    caption = getattr(scene, "caption", None)
    framing = {id(m) for m in (title, caption) if m is not None}
    parts, content = [], []
    for mob in scene.mobjects:
        box = _visible_box(mob)
        if box is None:
            continue
        parts.append((type(mob).__name__, box))
        if id(mob) not in framing:
            content.append(box)
    title_box = _visible_box(title) if title is not None else None
    caption_box = _visible_box(caption) if caption is not None else None
    line = getattr(scene, "current_line", None)
    beat = line.key if line is not None else None
    if kind == "step" and getattr(scene, "cues", None):
        beat = scene.cues[-1].key  # the step that ends here
    return View(
        kind,
        when,
        _labels(scene.mobjects, moment),
        _axes(scene.mobjects),
        _union(content),
        parts,
        title_box[2] if title_box else None,
        caption_box[3] if caption_box else None,
        beat,
    )


def _shown_number(mob) -> str | None:
    """The number a bound label shows, as text (its last number, for ``w_1 = 0.5``)."""
    if isinstance(mob, DecimalNumber):
        return format_tex(float(mob.get_value()))
    texts = [m.tex_string for m in mob.get_family() if isinstance(m, SingleStringMathTex)]
    tokens = numbers_in_tex(" ".join(texts))
    return tokens[-1] if tokens else None


def _taken_apart(scene, before: list, to_remove) -> list[str]:
    """The visible mobjects with points of their own that a ``Scene.restructure_mobjects`` call
    dropped from the scene although they were not among those added or removed.

    manim adds and removes a mobject by first taking apart every mobject on screen whose family
    holds part of it: the owner leaves the list and its other submobjects take its place. A
    number line whose numbers fade in a group of their own loses its stroke that way, and keeps
    its ticks.
    """
    removed = set(map(id, extract_mobject_family_members(to_remove)))  # with all their parts
    drawn = set(map(id, scene.get_mobject_family_members()))
    bad = []
    for mob in before:
        for part in mob.get_family():
            if id(part) in removed or id(part) in drawn or not len(part.points):
                continue
            if _inked(part):
                bad.append(
                    f"{scene.renderer.time:.1f} s: a {type(part).__name__} was taken apart: its own "
                    "outline left the scene, its parts stayed"
                )
    return bad


def _stale(scene) -> list[str]:
    on_screen = set(map(id, scene.get_mobject_family_members()))
    bad = []
    for name, mobs in getattr(scene, "bound", {}).items():
        want = re.sub(r"\s+", "", format_tex(scene.state[name]))
        for mob in mobs:
            if id(mob) in on_screen and _visible(mob):
                shown = _shown_number(mob)
                if shown is not None and re.sub(r"\s+", "", shown) != want:
                    bad.append(f"{scene.renderer.time:.1f} s: {name} shows {shown}, but it is {want} now")
    return bad


def run_scene(
    spec: SceneSpec,
    media_dir: Path,
    params: dict[str, Any] | None = None,
    frames: list | None = None,
    theme: str = "dark",
    aspect: str = "16:9",
    during: bool = True,
) -> ScreenRun:
    """Run a scene with animations skipped, recording its labels after every play and wait.

    With ``during`` (default), views are also taken during each animation (see
    :data:`MID_FRACTIONS`): the collision check needs them, and they cost time.

    With a list as ``frames``, the frame at every moment is appended to it (for looking at).
    ``theme`` and ``aspect`` are those of ``mathdl-anim render --theme --aspect``.
    """
    moments: list[list[Label]] = []
    views: list[View] = []
    stale: list[str] = []
    taken_apart: list[str] = []
    inks: dict[str, str] = {}

    def record(scene) -> None:
        _inks(scene.mobjects, len(moments), inks)
        moments.append(_labels(scene.mobjects, len(moments)))
        views.append(_view(scene, "after", len(moments) - 1, scene._probe_title))
        stale.extend(_stale(scene))
        if frames is not None:
            scene.renderer.update_frame(scene, ignore_skipping=True)
            frames.append(np.array(scene.renderer.get_frame())[..., :3])

    base = spec.scene_class()

    class Probe(base):  # type: ignore[misc, valid-type]
        _probe_title = None

        def show_title(self, *args, **kwargs):
            self._probe_title = super().show_title(*args, **kwargs)
            return self._probe_title

        def play(self, *args, **kwargs):
            self._probe_clock = self.renderer.time  # when this play starts
            super().play(*args, **kwargs)
            record(self)

        def wait(self, *args, **kwargs):
            super().wait(*args, **kwargs)
            record(self)

        def play_internal(self, skip_rendering: bool = False) -> None:
            # look during the animation too: where things are while they move
            duration = self.get_run_time(self.animations)
            if during and duration > 0 and not self.is_current_animation_frozen_frame():
                start = self._probe_clock
                for fraction in MID_FRACTIONS:
                    self.update_to_time(fraction * duration)
                    views.append(
                        _view(self, "mid", len(moments), self._probe_title, start + fraction * duration)
                    )
            super().play_internal(skip_rendering)

        def restructure_mobjects(
            self, to_remove, mobject_list_name: str = "mobjects", extract_families: bool = True
        ):
            before = list(getattr(self, mobject_list_name))
            result = super().restructure_mobjects(to_remove, mobject_list_name, extract_families)
            if mobject_list_name == "mobjects":
                taken_apart.extend(_taken_apart(self, before, to_remove))
            return result

        def mark_step(self) -> None:
            # a step ends where the next beat begins (the previous beat's picture is complete)
            if self.cues:
                views.append(_view(self, "step", len(moments), self._probe_title))
            super().mark_step()

        def tear_down(self) -> None:
            super().tear_down()
            views.append(_view(self, "step", len(moments), self._probe_title))

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
        # nothing is drawn but what is looked at: every animation runs to its end state, the
        # clock moving as drawing would move it (as in a render whose helpers draw everything)
        renderer = LessonRenderer(draw=False, camera_class=base.CAMERA)
        scene = Probe(params=params, renderer=renderer)
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
        views,
        sorted(set(stale)),
        sorted(set(taken_apart)),
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


def collide(a: Label, b: Label, tolerance: float = 0.03) -> bool:
    """Whether two labels on screen at once are two texts in one place.

    Tick labels of axes among themselves, and a label with an identical one (a copy leaving or
    beside its original: one text, not two), never collide.
    """
    if (a.in_axes and b.in_axes) or (a.kind == b.kind and a.text == b.text and a.number == b.number):
        return False
    dx = min(a.box[1], b.box[1]) - max(a.box[0], b.box[0])
    dy = min(a.box[3], b.box[3]) - max(a.box[2], b.box[2])
    return dx > tolerance and dy > tolerance


def overlapping_labels(run: ScreenRun, tolerance: float = 0.03) -> list[str]:
    """Pairs of labels that :func:`collide`, after each play and wait."""
    bad = []
    for moment in run.moments:
        for n, a in enumerate(moment):
            for b in moment[n + 1 :]:
                if collide(a, b, tolerance):
                    bad.append(f"moment {a.moment}: {a.text or a.number!r} overlaps {b.text or b.number!r}")
    return bad
