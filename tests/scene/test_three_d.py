"""The view turns the points as manim's 3-D camera would, and ViewCamera draws as manim's.

The references are manim's own :class:`~manim.ThreeDCamera` (its rotation, projection, depth
sort and shading), run beside the code under test on the same random pictures.
"""

from __future__ import annotations

import numpy as np
import pytest
from manim import DEGREES, Dot, Line, ManimColor, ThreeDCamera, VGroup, VMobject, tempconfig
from manim.mobject.three_d.three_dimensions import ThreeDVMobject

from mathdl_anim.scene.three_d import _FAR, SpaceView, ViewCamera, view_matrix

SMALL = {"pixel_width": 160, "pixel_height": 90, "frame_rate": 10}
ANGLES = [(0.0, -90 * DEGREES), (66 * DEGREES, -100 * DEGREES), (40 * DEGREES, -45 * DEGREES), (1.2, 0.7)]


def manim_camera(phi: float, theta: float, focal: float = _FAR) -> ThreeDCamera:
    camera = ThreeDCamera(phi=phi, theta=theta)
    camera.set_phi(phi)
    camera.set_theta(theta)
    camera.set_focal_distance(focal)
    camera.reset_rotation_matrix()
    return camera


def random_faces(rng: np.random.Generator, count: int = 40) -> list[ThreeDVMobject]:
    """Quadrilaterals in space (as a surface's faces), one of them degenerate (a point)."""
    faces = []
    for k in range(count):
        base = rng.uniform(-3, 3, 3)
        corners = base + rng.uniform(-0.6, 0.6, (4, 3))
        if k == 7:
            corners = np.repeat(base[None], 4, axis=0)
        face = ThreeDVMobject()
        face.set_points_as_corners([*corners, corners[0]])
        face.set_fill(ManimColor(rng.uniform(0, 1, 3).tolist()), opacity=0.9)
        face.set_stroke(ManimColor(rng.uniform(0, 1, 3).tolist()), width=0.6, opacity=0.4)
        faces.append(face)
    return faces


@pytest.mark.parametrize(("phi", "theta"), ANGLES)
def test_view_matrix_is_manims_rotation(phi, theta):
    np.testing.assert_allclose(
        view_matrix(phi, theta), manim_camera(phi, theta).get_rotation_matrix(), atol=1e-12
    )


@pytest.mark.parametrize(("phi", "theta"), ANGLES)
def test_placed_points_are_manims_projection(phi, theta):
    """Placed parts (several, of different lengths) and an upright label land where manim's
    camera, turned to the same angles, projects their points (its perspective is negligible at
    its far focal distance: a few millionths of a unit here)."""
    rng = np.random.default_rng(3)
    with tempconfig(SMALL):
        curves = VGroup(*(VMobject().set_points_as_corners(rng.uniform(-3, 3, (n, 3))) for n in (2, 5, 9)))
        space = [c.points.copy() for c in curves]
        view = SpaceView((0.0, 0.0), 0.0, -90 * DEGREES)
        view.place(curves)
        label = Dot()
        anchor = rng.uniform(-2, 2, 3)
        view.place_upright(label, anchor, (0.3, 0.0, 0.0))
        view.phi.set_value(phi)
        view.theta.set_value(theta)
        view.refresh()
        camera = manim_camera(phi, theta)
        for curve, points in zip(curves, space):
            np.testing.assert_allclose(curve.points, camera.project_points(points), atol=1e-4)
            np.testing.assert_array_equal(view.space_points(curve), points)
        np.testing.assert_allclose(label.get_center(), camera.project_point(anchor) + [0.3, 0, 0], atol=1e-4)


def test_squash_and_centre():
    """Flattened and seen from above, a placed point is its ``(x, y)`` shifted to the centre."""
    with tempconfig(SMALL):
        line = Line([1.0, 2.0, 3.0], [-1.0, 0.5, 2.0])
        view = SpaceView((0.5, -1.0), squash=0.0)
        view.place(line)
        np.testing.assert_allclose(line.get_start(), [1.5, 1.0, 0.0], atol=1e-12)
        np.testing.assert_allclose(line.get_end(), [-0.5, -0.5, 0.0], atol=1e-12)


def test_refresh_skips_an_unchanged_view_and_follows_a_new_part():
    with tempconfig(SMALL):
        view = SpaceView((0.0, 0.0), 1.0, 0.3)
        first = view.place(Line([0.0, 0, 0], [1.0, 1, 1]))
        view.refresh()
        drawn = first.points
        view.refresh()
        assert first.points is drawn  # nothing changed: nothing redrawn
        second = view.place(Line([0.0, 0, 1], [2.0, 0, 0]))
        view.theta.set_value(0.9)
        view.refresh()
        camera = manim_camera(1.0, 0.9)
        np.testing.assert_allclose(first.points, camera.project_points(view.space_points(first)), atol=1e-4)
        np.testing.assert_allclose(second.points, camera.project_points(view.space_points(second)), atol=1e-4)


def test_view_camera_sorts_and_shades_as_manim():
    """The same order of drawing and the same colours as manim's ThreeDCamera, for faces (a
    degenerate one included), a shaded line and flat mobjects mixed."""
    rng = np.random.default_rng(5)
    with tempconfig(SMALL):
        faces = random_faces(rng)
        line = Line([0.0, 0, 0], [1.0, 2, 3], shade_in_3d=True)
        flat = [VMobject().set_points_as_corners(rng.uniform(-3, 3, (4, 3))) for _ in range(3)]
        scene = [flat[0], *faces[:20], line, flat[1], *faces[20:], flat[2]]
        ours, theirs = ViewCamera(), manim_camera(0.0, -90 * DEGREES)
        ours.set_focal_distance(_FAR)
        ours.reset_rotation_matrix()
        order = ours.get_mobjects_to_display(scene)
        assert [id(m) for m in order] == [id(m) for m in theirs.get_mobjects_to_display(scene)]
        assert order[0] is not flat[0] and order[-3:] == flat  # the faces first, back to front
        for mob in order:
            np.testing.assert_allclose(ours.get_fill_rgbas(mob), theirs.get_fill_rgbas(mob), atol=1e-12)
            np.testing.assert_allclose(ours.get_stroke_rgbas(mob), theirs.get_stroke_rgbas(mob), atol=1e-12)
        # shading really happened (the test could tell a camera that skips it)
        assert not np.allclose(ours.get_fill_rgbas(faces[0])[:, :3], faces[0].get_fill_rgbas()[0, :3])


def test_light_scale_scales_manims_light():
    """light_scale s: a face's colour is its own plus s times the light manim's camera adds (0:
    its own colours, as manim's camera without shading)."""
    rng = np.random.default_rng(6)
    with tempconfig(SMALL):
        faces = random_faces(rng)
        lit, plain = manim_camera(0.0, -90 * DEGREES), manim_camera(0.0, -90 * DEGREES)
        plain.should_apply_shading = False
        for scale in (0.0, 0.3, 1.0):
            ours = ViewCamera()
            ours.set_focal_distance(_FAR)
            ours.reset_rotation_matrix()
            ours.light_scale = scale
            ours.get_mobjects_to_display(faces)
            lit.get_mobjects_to_display(faces)
            for face in faces:
                own = plain.get_fill_rgbas(face)
                own = own.repeat(2, axis=0) if len(own) < 2 else own[:2]
                light = lit.get_fill_rgbas(face) - own
                np.testing.assert_allclose(ours.get_fill_rgbas(face), own + scale * light, atol=1e-12)


def test_view_camera_draws_manims_frame():
    rng = np.random.default_rng(8)
    with tempconfig(SMALL):
        picture = VGroup(*random_faces(rng, 30), Line([-3.0, -2, 0], [3.0, 2, 0]))
        frames = []
        for camera in (ViewCamera(), manim_camera(0.0, -90 * DEGREES)):
            camera.set_focal_distance(_FAR)
            camera.capture_mobjects([picture])
            frames.append(camera.get_image().convert("RGB"))
        a, b = (np.asarray(f, dtype=int) for f in frames)
        assert np.abs(a - b).max() <= 2
        assert a.std() > 5  # something was drawn


def test_redraw_puts_back_what_an_animation_reset():
    with tempconfig(SMALL):
        view = SpaceView((0.0, 0.0), 1.0, 0.3)
        label = view.place_upright(Dot(), [1.0, 1.0, 1.0])
        view.refresh()
        where = label.get_center().copy()
        label.move_to([0.0, 0.0, 0.0])  # as a FadeIn's last step puts back where it started
        view.refresh()  # the same view: skipped
        np.testing.assert_allclose(label.get_center(), [0.0, 0.0, 0.0], atol=1e-12)
        view.redraw()
        np.testing.assert_allclose(label.get_center(), where, atol=1e-12)
        assert np.linalg.norm(where) > 0.1
