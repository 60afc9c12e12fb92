"""How partial movies are encoded: libx264 with the ``ultrafast`` preset.

manim 0.21 encodes with libx264 at ``crf 23`` and x264's default ``medium`` preset. At 1080p60
that encoder, not the drawing, was the bottleneck on a 2-core machine (Neuron: 54.9 s to render
25.9 s of video, half of it waiting for the encoder; ``ultrafast``: 32.9 s, peak memory 963 ->
557 MB because the frame queue no longer backs up). The constant rate factor is kept, so the
picture quality per frame is the same; files are larger (1.5 -> 5.2 MB for that scene), which
suits flat-colour animation meant for upload or slides. Measure with ``benchmarks/bench.py``.
"""

from __future__ import annotations

from manim.scene.scene_file_writer import SceneFileWriter

__all__ = ["X264_PRESET", "LessonFileWriter"]

#: x264 speed/compression trade-off used for every partial movie.
X264_PRESET = "ultrafast"


class LessonFileWriter(SceneFileWriter):
    """manim's file writer with a faster x264 preset (other codecs untouched)."""

    def open_partial_movie_stream(self, file_path=None) -> None:
        super().open_partial_movie_stream(file_path)
        codec = self._current_encode_job.stream.codec_context
        if codec.name == "libx264":
            codec.options = {**codec.options, "preset": X264_PRESET}
