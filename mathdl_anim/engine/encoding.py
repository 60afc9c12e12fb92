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

Two copies and conversions per frame are saved in the H.264 encoder thread, with the same
bytes out (``tests/engine/test_encoding.py``): the frame manim queues (already a private copy of
the canvas) is wrapped without copying (``VideoFrame.from_numpy_buffer`` instead of
``from_ndarray``), and a still frame repeated ``n`` times (a ``wait``) is converted to YUV once
instead of ``n`` times. manim creates a new frame per repetition because reusing one made PyAV
repeat its timestamp; resetting ``pts`` before each send avoids that. At 1080p60 this took the
encoder from about 25 to 17-20 ms per frame.
"""

from __future__ import annotations

import av
from av.video.stream import VideoStream
from manim.scene.scene_file_writer import SceneFileWriter, _PartialMovieEncodeJob

from mathdl_anim.engine.patches import Flag, switches

__all__ = ["X264_PRESET", "VP9_OPTIONS", "LessonFileWriter", "install", "uninstall", "installed"]

#: On: the copy-free H.264 encoder job (a speed-up); off: manim's own job. The presets below
#: are output settings, not speed-ups: they apply either way, so the frames are the same.
_FLAG = Flag()
install, uninstall, installed = switches(_FLAG)

#: x264 speed/compression trade-off used for every partial movie.
X264_PRESET = "ultrafast"
#: libvpx-vp9 speed settings (transparent WebM).
VP9_OPTIONS = {"deadline": "realtime", "cpu-used": "8", "row-mt": "1"}


class _H264EncodeJob(_PartialMovieEncodeJob):
    """manim's encoder thread for one partial movie, minus a copy and repeated conversions."""

    stream: VideoStream  # manim declares a Stream; the job of a partial movie encodes video

    def _encode_and_write_frame(self, frame, num_frames: int) -> None:
        av_frame = av.VideoFrame.from_numpy_buffer(frame, format="rgba")  # the job owns `frame`
        if num_frames > 1:
            av_frame = av_frame.reformat(format=self.stream.pix_fmt)
        for _ in range(num_frames):
            av_frame.pts = None  # let PyAV number each repetition, as for a new frame
            for packet in self.stream.encode(av_frame):
                self.container.mux(packet)


class LessonFileWriter(SceneFileWriter):
    """manim's file writer with faster x264 and VP9 settings (other codecs untouched)."""

    def open_partial_movie_stream(self, file_path=None) -> None:
        super().open_partial_movie_stream(file_path)
        job = self._current_encode_job
        assert job is not None  # super() has just opened it
        codec = job.stream.codec_context
        if codec.name == "libx264":
            codec.options = {**codec.options, "preset": X264_PRESET}
            if _FLAG and type(job) is _PartialMovieEncodeJob:  # no frame yet
                job.__class__ = _H264EncodeJob
        elif codec.name == "libvpx-vp9":
            codec.options = {**codec.options, **VP9_OPTIONS}
