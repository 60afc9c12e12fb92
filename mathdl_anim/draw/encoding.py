"""How partial movies are encoded: libx264 with the ``ultrafast`` preset.

manim 0.21 encodes with libx264 at ``crf 23`` and x264's default ``medium`` preset. At 1080p60
that encoder, not the drawing, was the bottleneck on a 2-core machine (Neuron: 54.9 s to render
25.9 s of video, half of it waiting for the encoder; ``ultrafast``: 32.9 s, peak memory 963 ->
557 MB because the frame queue no longer backs up). The constant rate factor is kept, so the
picture quality per frame is the same; files are larger (1.5 -> 5.2 MB for that scene), which
suits flat-colour animation meant for upload or slides. Measure with ``benchmarks/bench.py``.

Transparent WebM (VP9 with alpha, ``mathdl-anim slides``) is encoded with libvpx's real-time
settings: with its defaults ChainRule at 480p15 took 58.6 s, with ``deadline=realtime``,
``cpu-used=8`` and row multithreading 20.9 s (MP4: 7 s); by eye its frames match the lossless
MOV (qtrle) of the same scene.
"""

from __future__ import annotations

from manim.scene.scene_file_writer import SceneFileWriter

__all__ = ["X264_PRESET", "VP9_OPTIONS", "LessonFileWriter"]

#: x264 speed/compression trade-off used for every partial movie.
X264_PRESET = "ultrafast"
#: libvpx-vp9 speed settings (transparent WebM).
VP9_OPTIONS = {"deadline": "realtime", "cpu-used": "8", "row-mt": "1"}


class LessonFileWriter(SceneFileWriter):
    """manim's file writer with faster x264 and VP9 settings (other codecs untouched)."""

    def open_partial_movie_stream(self, file_path=None) -> None:
        super().open_partial_movie_stream(file_path)
        codec = self._current_encode_job.stream.codec_context
        if codec.name == "libx264":
            codec.options = {**codec.options, "preset": X264_PRESET}
        elif codec.name == "libvpx-vp9":
            codec.options = {**codec.options, **VP9_OPTIONS}
