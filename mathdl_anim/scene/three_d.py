"""A lesson scene with a 3-D picture in it: manim's ThreeDScene, with the view turned in the points.

manim's :class:`~manim.ThreeDScene` turns its camera and projects every mobject's points as it
draws them, so a mobject's points no longer say where it is on the screen: the layout and viewer
checks (``tests/scenes``), which read points, would see a different picture from the viewer's,
and so would the speed-up :mod:`~mathdl_anim.engine.moving`. Here the camera of
:class:`LessonThreeDScene` stays where manim starts it (looking straight down, without
perspective), and a :class:`SpaceView` turns the 3-D picture instead: each mobject of it keeps
its points in space, and its screen points are those turned by the view's angles (manim's own
rotation, :func:`view_matrix`), with the depth kept as ``z``. manim's 3-D camera still sorts the
faces of a surface back to front and shades them (:class:`ViewCamera` does both for all faces
at once); everything else is an ordinary flat mobject.

Moving the view (:meth:`LessonThreeDScene.move_view`) animates the angles and re-projects the
picture on each frame, every placed point in one matrix product. Looking straight down
(``phi = 0``, ``theta = -90°``) with heights squashed to zero (``squash = 0``), a picture's
screen points are its points in space, shifted to the view's centre: a surface flattened this
way is an ordinary 2-D picture.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import cairo
import numpy as np
from manim import (
    DEGREES,
    Animation,
    Camera,
    Mobject,
    ThreeDCamera,
    ThreeDScene,
    UpdateFromAlphaFunc,
    ValueTracker,
    VMobject,
    smooth,
)
from manim.mobject.three_d.three_d_utils import get_3d_vmob_end_corner_index, get_3d_vmob_unit_normal

from mathdl_anim.scene.lesson_scene import LessonScene

__all__ = ["view_matrix", "SpaceView", "ViewCamera", "LessonThreeDScene"]

#: manim's 3-D camera without perspective: every point is drawn where its x and y say.
_FAR = 1e6


def view_matrix(phi: float, theta: float) -> np.ndarray:
    """The rotation manim's 3-D camera applies at polar angle ``phi`` and azimuth ``theta``
    (``ThreeDCamera.generate_rotation_matrix`` with ``gamma = 0``); the identity straight down."""
    a = -theta - 90 * DEGREES
    about_z = np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])
    b = -phi
    about_x = np.array([[1, 0, 0], [0, np.cos(b), -np.sin(b)], [0, np.sin(b), np.cos(b)]])
    return about_x @ about_z


class SpaceView:
    """The angles a 3-D picture is seen from, and the mobjects it places.

    Parameters
    ----------
    center : array
        Where the origin of space is drawn on the screen (:meth:`LessonThreeDScene.move_view`
        can move it).
    phi, theta : float
        The starting angles (radians), as manim's ``set_camera_orientation`` takes them.
    squash : float
        The factor of every height (``z``): 1 as built, 0 flat.
    """

    def __init__(self, center, phi: float = 0.0, theta: float = -90 * DEGREES, squash: float = 1.0) -> None:
        self.center_x, self.center_y = ValueTracker(float(center[0])), ValueTracker(float(center[1]))
        self.phi, self.theta, self.squash = ValueTracker(phi), ValueTracker(theta), ValueTracker(squash)
        self._parts: list[Mobject] = []  # family members with points in space
        self._upright: list[tuple[Mobject, np.ndarray, np.ndarray]] = []  # labels, anchors, offsets
        self._part_space: list[np.ndarray] = []  # their points in space
        self._space: np.ndarray | None = None  # every part's points in space, one after the other
        self._ends: list[int] = []  # where each part's points end in it
        self._anchors: np.ndarray | None = None  # the upright mobjects' anchors
        self._drawn: tuple[float, ...] | None = None  # the view the parts were last drawn in

    def _view(self) -> tuple[float, ...]:
        trackers = (self.phi, self.theta, self.squash, self.center_x, self.center_y)
        return tuple(t.get_value() for t in trackers)

    def _project(self, points: np.ndarray, view: tuple[float, ...]) -> np.ndarray:
        phi, theta, squash, x, y = view
        turn = view_matrix(phi, theta).T * [[1.0], [1.0], [squash]]  # heights squashed, then turned
        return points @ turn + [x, y, 0.0]

    def project(self, points) -> np.ndarray:
        """Screen points of points in space (depth as ``z``)."""
        return self._project(np.asarray(points, dtype=float).reshape(-1, 3), self._view())

    def place(self, mobject: Mobject) -> Mobject:
        """Take ``mobject``'s points as points in space and draw them as seen now; returns it."""
        parts = [part for part in mobject.get_family() if len(part.points)]
        if not parts:
            return mobject
        space = [np.array(part.points, dtype=float) for part in parts]
        screen = self.project(np.concatenate(space))
        start = 0
        for part, points in zip(parts, space):
            part._space_points = points  # type: ignore[attr-defined]
            self._part_space.append(points)
            part.points = screen[start : start + len(points)]
            start += len(points)
        self._parts.extend(parts)
        self._space = None  # gathered again at the next refresh
        return mobject

    def place_upright(self, mobject: Mobject, anchor, offset=(0.0, 0.0, 0.0)) -> Mobject:
        """Keep ``mobject`` (a label, a dot) facing the viewer, centred on ``anchor`` in space
        (and ``offset`` from it on the screen)."""
        anchor, offset = np.array(anchor, dtype=float), np.array(offset, dtype=float)
        mobject.move_to(self.project(anchor)[0] + offset)
        self._upright.append((mobject, anchor, offset))
        self._anchors = None
        return mobject

    def space_points(self, mobject: Mobject) -> np.ndarray:
        """The points in space of a placed mobject (its own, not its family's)."""
        return np.array(mobject._space_points)  # type: ignore[attr-defined]

    def refresh(self, *_: Any) -> None:
        """Draw every placed mobject as seen from the current angles: all their points in one
        matrix product (nothing to do if neither the view nor the placed mobjects changed)."""
        view = self._view()
        if self._space is None and self._parts:
            space = self._part_space
            self._space, self._ends = np.concatenate(space), list(np.cumsum([len(p) for p in space]))
            self._drawn = None
        if self._anchors is None:
            self._anchors = np.array([anchor for _, anchor, _ in self._upright]).reshape(-1, 3)
            self._drawn = None
        if view == self._drawn:
            return
        if self._space is not None:
            screen = self._project(self._space, view)
            start = 0
            for part, end in zip(self._parts, self._ends):
                part.points = screen[start:end]
                start = end
        centers = self._project(self._anchors, view)
        for (mobject, _anchor, offset), center in zip(self._upright, centers):
            mobject.move_to(center + offset)
        self._drawn = view

    def redraw(self, *_: Any) -> None:
        """:meth:`refresh`, even when the view has not changed: an animation ending on placed
        mobjects (a ``FadeIn``'s last step) puts back the points it started from."""
        self._drawn = None
        self.refresh()


def _unit_normals(points: np.ndarray, i: int, tol: float = 1e-6) -> np.ndarray:
    """manim's ``get_3d_vmob_unit_normal(vmob, i)`` for a stack of paths ``(m, n, 3)`` with the
    same number ``n`` of points (more than two anchors each), all at once."""
    n = points.shape[1]
    before = i - 3 if i > 2 else n - 4
    after = i + 3 if i < n - 3 else 3
    v1, v2 = points[:, after] - points[:, i], points[:, before] - points[:, i]
    # as get_unit_normal: each side divided by its largest component, then the cross product
    div1, div2 = np.abs(v1).max(axis=1), np.abs(v2).max(axis=1)
    ok = (div1 > 0) & (div2 > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        cross = np.cross(v1 / div1[:, None], v2 / div2[:, None])
        size = np.sqrt((cross * cross).sum(axis=1))
        normals = cross / size[:, None]
    ok &= size > tol
    return np.where(ok[:, None], normals, np.nan)  # nan: manim's own rules for that path


class ViewCamera(ThreeDCamera):
    """manim's :class:`~manim.ThreeDCamera` as :class:`LessonThreeDScene` uses it: the same
    frames, computed for all the faces of a frame at once.

    The camera never turns there (a :class:`SpaceView` turns the points), so a point is drawn
    where its ``x`` and ``y`` say, without manim's per-mobject projection (whose perspective,
    at the camera's focal distance of a million units, moved a point by under a millionth of
    its distance from the centre). The faces (``shade_in_3d``) are sorted back to front by the
    depth of their centres and lit by manim's rule (``get_shaded_rgb`` at the first and the
    middle corner, with the normals of ``get_3d_vmob_unit_normal``) as manim does, but in a
    few array operations per frame instead of a few hundred small ones per face.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._lights: dict[int, tuple[VMobject, np.ndarray]] = {}  # id -> face, light at 2 corners
        #: How much of manim's light the faces get (1: all of it, 0: their own colours); see
        #: :meth:`LessonThreeDScene.dim_light`.
        self.light_scale = 1.0

    def reset_rotation_matrix(self) -> None:
        super().reset_rotation_matrix()
        # whether manim's projection would move points: the camera turned, moved or zoomed
        self._turned = bool(
            not np.allclose(self.rotation_matrix, np.identity(3), rtol=0, atol=1e-12)
            or np.any(self.frame_center != 0)
            or self.get_zoom() != 1
            or self.get_focal_distance() < _FAR
        )

    def transform_points_pre_display(self, mobject: Mobject, points) -> np.ndarray:
        if self._turned or mobject in self.fixed_orientation_mobjects:
            return super().transform_points_pre_display(mobject, points)
        return Camera.transform_points_pre_display(self, mobject, points)

    def get_mobjects_to_display(self, *args: Any, **kwargs: Any) -> list[Mobject]:
        mobjects = Camera.get_mobjects_to_display(self, *args, **kwargs)
        self._lights = {}
        faces = [m for m in mobjects if getattr(m, "shade_in_3d", False)]
        if not faces:
            return mobjects
        to_depth = self.get_rotation_matrix()[2]  # a point's depth: its dot product with this
        depth: dict[int, float] = {}
        rows: dict[int, list[VMobject]] = defaultdict(list)  # faces by their number of points
        for face in faces:
            n = len(face.points)
            plain = not face.submobjects and not hasattr(face, "z_index_group")
            if isinstance(face, VMobject) and plain and n >= 8 and n % 4 == 0:
                rows[n].append(face)
            else:  # manim's own key
                depth[id(face)] = float(np.dot(face.get_z_index_reference_point(), to_depth))

        light_source = self.light_source.points[0]
        for n, group in rows.items():
            points = np.stack([face.points for face in group])
            # the centre of the anchors' box (manim's get_center of a path), then its depth
            anchors = points.reshape(len(group), n // 4, 4, 3)[:, :, [0, 3]].reshape(len(group), -1, 3)
            centers = (anchors.min(axis=1) + anchors.max(axis=1)) / 2
            for face, d in zip(group, centers @ to_depth):
                depth[id(face)] = float(d)
            if self.should_apply_shading:
                self._light_group(group, points, light_source)
        return sorted(mobjects, key=lambda m: depth.get(id(m), np.inf))

    def _light_group(self, group: list[VMobject], points: np.ndarray, light_source: np.ndarray) -> None:
        """The light manim's ``get_shaded_rgb`` adds at the first and the middle corner of each face."""
        n = points.shape[1]
        lights = []
        for i in (0, (n - 1) // 6 * 3):
            normals = _unit_normals(points, i)
            for k in np.flatnonzero(np.isnan(normals[:, 0])):  # a degenerate face: manim decides
                normals[k] = get_3d_vmob_unit_normal(group[k], i)
            to_sun = light_source - points[:, i]
            size = np.sqrt((to_sun * to_sun).sum(axis=1))
            to_sun = np.divide(to_sun, size[:, None], out=np.zeros_like(to_sun), where=size[:, None] > 0)
            light = 0.5 * (normals * to_sun).sum(axis=1) ** 3
            lights.append(self.light_scale * np.where(light < 0, 0.5 * light, light))
        for face, light in zip(group, np.stack(lights, axis=1)):
            self._lights[id(face)] = (face, light)

    def modified_rgbas(self, vmobject: VMobject, rgbas: np.ndarray) -> np.ndarray:
        entry = self._lights.get(id(vmobject))
        if (
            entry is None
            or entry[0] is not vmobject
            or not (self.should_apply_shading and vmobject.shade_in_3d)
        ):
            return super().modified_rgbas(vmobject, rgbas)
        shaded = rgbas.repeat(2, axis=0) if len(rgbas) < 2 else np.array(rgbas[:2])
        shaded[:, :3] += entry[1][:, None]
        return shaded

    def set_cairo_context_color(self, ctx: cairo.Context, rgbas: Any, vmobject: VMobject) -> ViewCamera:
        # manim's, for a lit face (two colours from its first to its middle corner) in fewer steps
        if len(rgbas) != 2 or not vmobject.shade_in_3d or self._turned or not len(vmobject.points):
            return super().set_cairo_context_color(ctx, rgbas, vmobject)
        start, end = vmobject.points[0], vmobject.points[get_3d_vmob_end_corner_index(vmobject)]
        ends = (float(start[0]), float(start[1]), float(end[0]), float(end[1]))
        if not all(map(math.isfinite, ends)):
            return super().set_cairo_context_color(ctx, rgbas, vmobject)
        pattern = cairo.LinearGradient(*ends)
        for offset, rgba in zip((0.0, 1.0), rgbas):
            red, green, blue, alpha = (float(c) for c in rgba)
            pattern.add_color_stop_rgba(offset, blue, green, red, alpha)  # cairo's order, as manim
        ctx.set_source(pattern)
        return self


class LessonThreeDScene(LessonScene, ThreeDScene):
    """A :class:`LessonScene` whose 3-D picture is turned by :attr:`view` (see the module)."""

    CAMERA = ViewCamera

    def setup(self) -> None:
        super().setup()
        self.renderer.camera.set_focal_distance(_FAR)  # type: ignore[union-attr]  # a ThreeDCamera

    def dim_light(self, scale: float, rate_func: Callable[[float], float] = smooth) -> Animation:
        """An animation taking the light on the faces (:attr:`ViewCamera.light_scale`) from its
        value now to ``scale``: play it beside a move whose faces would turn towards
        the light and glare."""
        camera: ViewCamera = self.renderer.camera  # type: ignore[assignment]

        def update(_: Mobject, alpha: float) -> None:
            camera.light_scale = start + (scale - start) * alpha

        start = camera.light_scale
        return UpdateFromAlphaFunc(Mobject(), update, rate_func=rate_func, remover=True)  # type: ignore[arg-type]  # manim calls it with (mobject, alpha)

    def move_view(self, *others: Any, run_time: float = 2.0, **angles: Any) -> None:
        """Animate the view's ``phi``, ``theta``, ``squash`` and ``center`` (where the origin of
        space is drawn) to the values given, the 3-D picture following on every frame; ``others``
        play alongside."""
        view: SpaceView = self.view  # type: ignore[attr-defined]
        driver = Mobject()
        driver.add_updater(view.redraw)  # also after the animations' last step
        self.mobjects.insert(0, driver)  # everything after it is redrawn on every frame
        targets = dict(angles)
        if "center" in targets:
            targets["center_x"], targets["center_y"] = targets.pop("center")[:2]
        moves = [getattr(view, name).animate.set_value(float(value)) for name, value in targets.items()]
        self.play(*moves, *others, run_time=run_time)
        driver.clear_updaters()
        self.remove(driver)
        view.redraw()
