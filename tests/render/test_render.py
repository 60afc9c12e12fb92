"""Where renders go and the manim config of each quality, theme and aspect (nothing rendered)."""

from __future__ import annotations

import pytest
from manim import config, tempconfig

from mathdl_anim.lesson.palette import LIGHT
from mathdl_anim.render.options import FRAME_WIDTH, frame_options, manim_options, output_folder
from mathdl_anim.render.scenes import RenderTask


@pytest.mark.parametrize(
    ("args", "folder"),
    [
        (("h",), "1080p60"),
        (("h", "dark", "16:9"), "1080p60"),
        (("h", "light"), "1080p60-light"),
        (("h", "dark", "9:16"), "1080p60-9x16"),
        (("h", "light", "9:16"), "1080p60-light-9x16"),
        (("l", "light", "9:16"), "480p15-light-9x16"),
        (("h", "dark", "16:9", "", "publish"), "1080p60-publish"),
        (("h", "light", "16:9", "piper", "publish"), "1080p60-light-voice-publish"),
        (("h", "dark", "16:9", "", "fast"), "1080p60"),
    ],
)
def test_output_folder(args, folder):
    assert output_folder(*args) == folder


def test_render_task_defaults():
    task = RenderTask("Neuron")
    assert (task.theme, task.aspect) == ("dark", "16:9")


@pytest.mark.parametrize(
    ("quality", "pixels"),
    [
        ("l", (480, 854)),
        ("m", (720, 1280)),
        ("h", (1080, 1920)),
        ("k", (2160, 3840)),
    ],
)
def test_vertical_frame_keeps_the_width_and_grows_the_height(tmp_path, quality, pixels):
    wide = frame_options(quality)
    tall = frame_options(quality, "9:16")
    assert (tall["pixel_width"], tall["pixel_height"]) == pixels
    assert (wide["pixel_height"], wide["pixel_width"]) == pixels
    assert tall["frame_width"] == wide["frame_width"] == FRAME_WIDTH == pytest.approx(14.2222, abs=1e-4)
    assert wide["frame_height"] == 8.0
    assert tall["frame_height"] == pytest.approx(FRAME_WIDTH * 16 / 9)
    with tempconfig(manim_options(tmp_path, quality, "light", "9:16")):  # not undone by "quality"
        assert (config.pixel_width, config.pixel_height) == pixels
        assert config.frame_height == pytest.approx(FRAME_WIDTH * 16 / 9)
        assert config.background_color.to_hex().upper() == LIGHT.background


def test_unknown_aspect_is_refused():
    with pytest.raises(ValueError, match="unknown aspect '4:3'"):
        frame_options("l", "4:3")


@pytest.mark.render
def test_render_encode_publish_goes_to_its_own_folder_smaller(tmp_path):
    """``--encode publish``: the scene in ``<quality>-publish/``, encoded again (smaller than the
    fast render, the same length, fast start), with its subtitles and values beside it."""
    import av

    from mathdl_anim.render import soundtrack
    from tests import pipeline
    from tests.render.test_soundtrack import top_level_boxes

    scene = "AddingArrows"  # of the short test lesson (tests.pipeline.lesson)
    for extra in ([], ["--encode", "publish"]):
        result = pipeline.run("render", scene, "-q", "l", "--jobs", "1", "--out", tmp_path, *extra)
        assert result.returncode == 0, result.stderr
    fast, publish = tmp_path / "480p15" / f"{scene}.mp4", tmp_path / "480p15-publish" / f"{scene}.mp4"
    assert publish.stat().st_size < 0.8 * fast.stat().st_size
    assert soundtrack.video_seconds(publish) == pytest.approx(soundtrack.video_seconds(fast))
    assert soundtrack.read_subtitles(publish) == soundtrack.read_subtitles(fast)
    assert (publish.parent / f"{scene}.srt").is_file() and (publish.parent / f"{scene}.values.json").is_file()
    with av.open(str(publish)) as container:
        assert container.streams.video[0].codec_context.name == "h264"
    boxes = top_level_boxes(publish)
    assert boxes.index("moov") < boxes.index("mdat")
