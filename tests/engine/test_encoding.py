"""The lesson's H.264 encoder thread writes the same bytes as manim's own, only with less work."""

from __future__ import annotations

import av
import numpy as np
import pytest
from manim.scene.scene_file_writer import _PartialMovieEncodeJob

from mathdl_anim.engine.encoding import X264_PRESET, _H264EncodeJob

pytestmark = pytest.mark.render  # plays scenes with manim: not in the fast lane

WIDTH, HEIGHT = 96, 64


def _pictures() -> list[tuple[np.ndarray, int]]:
    """Distinct RGBA frames, some sent once and some held (``wait``), as manim queues them."""
    rng = np.random.default_rng(7)
    pictures = []
    for k, repeat in enumerate([1, 1, 5, 1, 1, 12, 1, 3]):
        picture = np.zeros((HEIGHT, WIDTH, 4), dtype=np.uint8)
        picture[..., 3] = 255
        picture[8 + 4 * k : 30 + 4 * k, 10 + 6 * k : 40 + 6 * k, :3] = rng.integers(0, 255, 3)
        pictures.append((picture, repeat))
    return pictures


def _encode(job_class, path) -> bytes:
    container = av.open(str(path), mode="w")
    stream = container.add_stream("libx264", rate=15, options={"an": "1", "crf": "23"})
    stream.pix_fmt, stream.width, stream.height = "yuv420p", WIDTH, HEIGHT
    stream.codec_context.options = {**stream.codec_context.options, "preset": X264_PRESET}
    job = job_class(path=path, animation_index=0, container=container, stream=stream, frame_queue_size=0)
    for picture, repeat in _pictures():
        job.put(repeat, picture.copy())  # manim queues a private copy of the canvas
    job.seal()
    job.join()
    return path.read_bytes()


def test_same_bytes_as_manims_encoder(tmp_path):
    ours = _encode(_H264EncodeJob, tmp_path / "ours.mp4")
    manims = _encode(_PartialMovieEncodeJob, tmp_path / "manim.mp4")
    assert ours == manims
    with av.open(str(tmp_path / "ours.mp4")) as video:
        assert sum(1 for _ in video.decode(video=0)) == sum(r for _, r in _pictures())
