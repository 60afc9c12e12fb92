"""Redraw only what an animation can change: one documented adjustment to manim 0.21.

During ``play`` manim's Cairo renderer paints the mobjects that do not move once, into a
static background, and redraws the moving ones on every frame. Which ones move is decided by
``Scene.get_moving_mobjects``: the first mobject (in drawing order) that is animated, has an
updater or is in the foreground, *and every mobject drawn after it*, whether it moves or not.
That keeps the stacking order right without knowing where anything goes, but in a lesson
scene, where captions, readouts and labels are added one after another, most of the picture
is redrawn on every frame (GradientDescent: 1415 mobject-frames per second of animation where
618 are animated).

:func:`narrow_moving` keeps manim's answer whenever it cannot prove a smaller one right, and
otherwise returns the animated mobjects plus every later mobject whose box meets the region
they sweep, or meets the box of a mobject already kept (so the order of everything drawn over
a moving pixel is unchanged, hence every frame is identical). The region an animation sweeps
is known exactly for the animations whose points stay inside the boxes of their start and end
states: straight-path transforms (``Transform``, ``ReplacementTransform``, ``FadeIn``,
``FadeOut``, ``Indicate``, ``GrowArrow``, ``.animate``...) and partial drawing (``Create``,
``Write``), with a rate function that stays in [0, 1], alone or in an ``AnimationGroup`` /
``LaggedStart``. Anything else (updaters, arcs, ``Succession``, z-indices, foreground
mobjects, non-vector mobjects) falls back to manim's answer.

``tests/engine/test_moving.py`` checks the decision and that frames are identical to manim's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from manim import VMobject, config
from manim.animation.animation import Animation, Wait
from manim.animation.composition import AnimationGroup, Succession
from manim.animation.creation import DrawBorderThenFill, ShowPartial
from manim.animation.transform import Transform
from manim.mobject.mobject import Mobject
from manim.utils.bezier import interpolate

from mathdl_anim.engine.patches import Flag, switches

if TYPE_CHECKING:
    from manim.mobject.opengl.opengl_mobject import OpenGLMobject

__all__ = ["narrow_moving", "sweep_boxes", "box", "install", "uninstall", "installed"]

_FLAG = Flag()  # off: manim's own answer
install, uninstall, installed = switches(_FLAG)

#: Line width in scene units per unit of ``stroke_width`` (manim's ``cairo_line_width_multiple``).
_LINE_WIDTH_PER_STROKE = 0.01
#: How far ink can reach from a path, in line widths: half a width, or at a sharp corner
#: half of cairo's default miter limit (10) times the width.
_INK_REACH = 5.0
#: Extra pixels around every box for antialiasing.
_AA_PIXELS = 3
_ALPHAS = np.linspace(0.0, 1.0, 201)


def box(mobject: Mobject) -> np.ndarray | None:
    """``[xmin, ymin, xmax, ymax]`` of all the pixels a mobject can ink (``None``: no points).

    The box of its points (a Bézier curve stays in the hull of its control points), widened
    by the reach of its strokes and a few pixels of antialiasing.
    """
    points = mobject.points
    if len(points) == 0:
        return None
    xy = points[:, :2]
    width = 0.0
    if isinstance(mobject, VMobject):
        width = max(mobject.get_stroke_width(), mobject.get_stroke_width(background=True))
    reach = _INK_REACH * _LINE_WIDTH_PER_STROKE * width + _AA_PIXELS * config.frame_width / config.pixel_width
    return np.concatenate([xy.min(axis=0) - reach, xy.max(axis=0) + reach])


def _union(*boxes: np.ndarray | None) -> np.ndarray | None:
    present = [b for b in boxes if b is not None]
    if not present:
        return None
    stacked = np.array(present)
    return np.concatenate([stacked[:, :2].min(axis=0), stacked[:, 2:].max(axis=0)])


def _rate_stays_in_unit(animation: Animation) -> bool:
    try:
        values = np.array([animation.rate_func(a) for a in _ALPHAS], dtype=float)
    except Exception:  # noqa: BLE001 - an unusual rate function: not provable
        return False
    return bool(np.all(np.isfinite(values)) and values.min() >= -1e-9 and values.max() <= 1 + 1e-9)


def sweep_boxes(animation: Animation) -> dict[int, np.ndarray | None] | None:
    """For each animated mobject (by ``id``), a box containing it at every moment of ``animation``.

    Call after ``animation.begin()``. ``None`` when the animation's path cannot be bounded
    this way (see the module docstring). Mobjects without points map to ``None``.
    """
    if isinstance(animation, Wait):
        return {}
    if not _rate_stays_in_unit(animation):
        return None
    if isinstance(animation, AnimationGroup):
        if isinstance(animation, Succession):  # later parts have not begun: no start state yet
            return None
        boxes: dict[int, np.ndarray | None] = {}
        for part in animation.animations:
            inner = sweep_boxes(part)
            if inner is None:
                return None
            for key, value in inner.items():
                boxes[key] = _union(boxes.get(key), value)
        return boxes
    if isinstance(animation, Transform):
        if animation.path_func is not interpolate or not hasattr(animation, "target_copy"):
            return None  # an arc or a custom path, or not begun
    elif not isinstance(animation, (ShowPartial, DrawBorderThenFill)):
        return None
    if not hasattr(animation, "starting_mobject"):
        return None  # not begun
    # every point is between its start and its end (and, for Write, its outline), and every
    # stroke width too: the union of the boxes of the states the animation interpolates
    states: tuple[Mobject | OpenGLMobject, ...]
    if isinstance(animation, Transform):
        states = (animation.mobject, animation.starting_mobject, animation.target_copy)
    else:  # the mobject, its start and, for Write, its outline
        states = tuple(animation.get_all_mobjects())
    members = [state.family_members_with_points() for state in states]
    if len({len(m) for m in members}) != 1:
        return None
    boxes = {id(m): None for m in animation.mobject.get_family()}
    for zipped in zip(*members):
        boxes[id(zipped[0])] = _union(*(box(m) for m in zipped))
    return boxes


def narrow_moving(
    default: Sequence[Mobject], animations: Sequence[Animation], foreground: Sequence[Mobject] = ()
) -> list[Mobject]:
    """The mobjects to redraw on each frame: a sub-list of manim's ``default``, or ``default``.

    Parameters
    ----------
    default : sequence of Mobject
        manim's answer (``Scene.get_moving_mobjects``): family members in drawing order, from
        the first moving one to the end.
    animations : sequence of Animation
        The animations being played, already begun.
    foreground : sequence of Mobject
        The scene's foreground mobjects (any: manim's answer is kept).
    """
    if not _FLAG or not default or foreground:
        return list(default)
    for m in default:
        if m.updaters or m.z_index != 0 or (m.has_points() and not isinstance(m, VMobject)):
            return list(default)
    swept: dict[int, np.ndarray | None] = {}
    for animation in animations:
        boxes = sweep_boxes(animation)
        if boxes is None:
            return list(default)
        for key, value in boxes.items():
            swept[key] = _union(swept.get(key), value)
    dirty = np.empty((len(default), 4))
    n_dirty = 0
    kept: set[int] = set()
    result: list[Mobject] = []
    for m in default:
        own = box(m)
        if id(m) in swept:
            region = swept[id(m)]
            if own is not None and region is None:
                return list(default)  # drawn but not bounded
        else:
            region = own
            hit = (
                own is not None
                and n_dirty
                and bool(
                    np.any(
                        (dirty[:n_dirty, 0] <= own[2])
                        & (own[0] <= dirty[:n_dirty, 2])
                        & (dirty[:n_dirty, 1] <= own[3])
                        & (own[1] <= dirty[:n_dirty, 3])
                    )
                )
            )
            if id(m) not in kept and not hit:
                continue
        kept.update(id(member) for member in m.get_family())
        result.append(m)
        if region is not None:
            dirty[n_dirty] = region
            n_dirty += 1
    return result or list(default)
