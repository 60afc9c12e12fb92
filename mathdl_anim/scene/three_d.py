"""A lesson scene with a 3-D picture in it: manim's ThreeDScene, with the view turned in the points.

manim's :class:`~manim.ThreeDScene` turns its camera and projects every mobject's points as it
draws them, so a mobject's points no longer say where it is on the screen: the layout and viewer
checks (``tests/scenes``), which read points, would see a different picture from the viewer's,
and so would the speed-up :mod:`~mathdl_anim.engine.moving`. Here the camera of
:class:`LessonThreeDScene` stays where manim starts it (looking straight down, without
perspective), and a :class:`SpaceView` turns the 3-D picture instead: each mobject of it keeps
its points in space, and its screen points are those turned by the view's angles (manim's own
rotation, :func:`view_matrix`), with the depth kept as ``z``. manim's 3-D camera still sorts the
faces of a surface back to front and shades them; everything else is an ordinary flat mobject.

Moving the view (:meth:`LessonThreeDScene.move_view`) animates the angles and re-projects the
picture on each frame. Looking straight down (``phi = 0``, ``theta = -90°``) with heights squashed
to zero (``squash = 0``), a picture's screen points are its points in space, shifted to
the view's centre: a surface flattened this way is an ordinary 2-D picture.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import DEGREES, Mobject, ThreeDCamera, ThreeDScene, ValueTracker

from mathdl_anim.scene.lesson_scene import LessonScene

__all__ = ["view_matrix", "SpaceView", "LessonThreeDScene"]

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

    def project(self, points) -> np.ndarray:
        """Screen points of points in space (depth as ``z``)."""
        pts = np.asarray(points, dtype=float).reshape(-1, 3) * [1.0, 1.0, self.squash.get_value()]
        center = np.array([self.center_x.get_value(), self.center_y.get_value(), 0.0])
        return pts @ view_matrix(self.phi.get_value(), self.theta.get_value()).T + center

    def place(self, mobject: Mobject) -> Mobject:
        """Take ``mobject``'s points as points in space and draw them as seen now; returns it."""
        for part in mobject.get_family():
            if len(part.points):
                part._space_points = part.points.copy()  # type: ignore[attr-defined]
                part.points = self.project(part._space_points)  # type: ignore[attr-defined]
                self._parts.append(part)
        return mobject

    def place_upright(self, mobject: Mobject, anchor, offset=(0.0, 0.0, 0.0)) -> Mobject:
        """Keep ``mobject`` (a label, a dot) facing the viewer, centred on ``anchor`` in space
        (and ``offset`` from it on the screen)."""
        anchor, offset = np.array(anchor, dtype=float), np.array(offset, dtype=float)
        mobject.move_to(self.project(anchor)[0] + offset)
        self._upright.append((mobject, anchor, offset))
        return mobject

    def space_points(self, mobject: Mobject) -> np.ndarray:
        """The points in space of a placed mobject (its own, not its family's)."""
        return np.array(mobject._space_points)  # type: ignore[attr-defined]

    def refresh(self, *_: Any) -> None:
        """Draw every placed mobject as seen from the current angles."""
        for part in self._parts:
            part.points = self.project(part._space_points)  # type: ignore[attr-defined]
        for mobject, anchor, offset in self._upright:
            mobject.move_to(self.project(anchor)[0] + offset)


class LessonThreeDScene(LessonScene, ThreeDScene):
    """A :class:`LessonScene` whose 3-D picture is turned by :attr:`view` (see the module)."""

    CAMERA = ThreeDCamera

    def setup(self) -> None:
        super().setup()
        self.renderer.camera.set_focal_distance(_FAR)  # type: ignore[union-attr]  # a ThreeDCamera

    def move_view(self, *others: Any, run_time: float = 2.0, **angles: Any) -> None:
        """Animate the view's ``phi``, ``theta``, ``squash`` and ``center`` (where the origin of
        space is drawn) to the values given, the 3-D picture following on every frame; ``others``
        play alongside."""
        view: SpaceView = self.view  # type: ignore[attr-defined]
        driver = Mobject()
        driver.add_updater(view.refresh)
        self.mobjects.insert(0, driver)  # everything after it is redrawn on every frame
        targets = dict(angles)
        if "center" in targets:
            targets["center_x"], targets["center_y"] = targets.pop("center")[:2]
        moves = [getattr(view, name).animate.set_value(float(value)) for name, value in targets.items()]
        self.play(*moves, *others, run_time=run_time)
        driver.clear_updaters()
        self.remove(driver)
        view.refresh()
