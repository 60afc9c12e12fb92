"""An output folder on another file system receives the video and its companions only, never a
copy of the TeX cache (issue 19, item 8): the render compiles LaTeX beside the cache."""

from __future__ import annotations

import pytest

from mathdl_anim.render import scenes
from mathdl_anim.render.options import output_folder
from mathdl_anim.render.scenes import RenderTask, render_one
from tests.render.test_tex import _files_in, _other_device

pytestmark = pytest.mark.render  # renders a scene with manim

SCENE = "GradientDescent"  # the shortest scene


def test_a_render_into_another_file_system_writes_only_its_files(tmp_path, monkeypatch):
    out = tmp_path / "out"
    _other_device(monkeypatch, out)
    during = []  # what the output folder holds when the scene is drawn, before any clean-up
    publish = scenes.publish_tex
    monkeypatch.setattr(scenes, "publish_tex", lambda tex: (during.extend(_files_in(out)), publish(tex)))
    render_one(RenderTask(SCENE), "l", out)
    assert during and not [f for f in during if f.endswith(".svg")]
    folder = output_folder("l")
    assert _files_in(out) == [f"{folder}/{SCENE}.{kind}" for kind in ("mp4", "srt", "values.json")]
