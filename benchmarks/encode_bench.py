"""Encode benchmark: the size and time of each encode of one finished video. Prints figures,
asserts nothing.

For a video the project wrote (default: ``renders/1080p60/lecture.mp4``, made by
``mathdl-anim lecture``), it prints side by side:

* ``fast``: the file as rendered (x264 ``ultrafast``, packets copied; its render time is the
  renders' and is not measured here);
* ``manim``: the same frames encoded as manim 0.21 encodes them (libx264, ``medium`` preset,
  constant rate factor 23), the reference size of the issue's target;
* ``publish``: what ``--encode publish`` writes (:func:`mathdl_anim.render.soundtrack.mux`
  with ``encode="publish"``: sound and subtitles kept), with its time.

Each line gives the size in MB, its ratio to manim's, and the encode time in seconds. ::

    .venv/bin/mathdl-anim lecture -q h && .venv/bin/python benchmarks/encode_bench.py
    .venv/bin/python benchmarks/encode_bench.py renders/480p15/Neuron.mp4
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import av

from mathdl_anim.render import soundtrack


def manim_encode(src: Path, dest: Path) -> None:
    """``src``'s frames encoded with manim 0.21's settings (libx264 defaults, crf 23)."""
    with av.open(str(src)) as container, av.open(str(dest), "w") as output:
        stream = container.streams.video[0]
        rate = stream.average_rate or stream.guessed_rate
        out = output.add_stream("libx264", rate=rate, options={"crf": "23"})
        out.width, out.height, out.pix_fmt = (
            stream.codec_context.width,
            stream.codec_context.height,
            "yuv420p",
        )
        for k, frame in enumerate(container.decode(stream)):
            frame.pts, frame.time_base = k, 1 / rate
            for packet in out.encode(frame):
                output.mux(packet)
        for packet in out.encode(None):
            output.mux(packet)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("video", nargs="?", type=Path, default=Path("renders/1080p60/lecture.mp4"))
    args = parser.parse_args(argv)
    src: Path = args.video
    if not src.is_file():
        print(f"encode_bench: {src} not found (render it first, e.g. mathdl-anim lecture)", file=sys.stderr)
        return 2
    seconds = soundtrack.video_seconds(src)
    with tempfile.TemporaryDirectory() as folder:
        manim_file, publish_file = Path(folder) / "manim.mp4", Path(folder) / "publish.mp4"
        start = time.perf_counter()
        manim_encode(src, manim_file)
        manim_time = time.perf_counter() - start
        audio = soundtrack.decode_audio(src)
        cues = soundtrack.read_subtitles(src)
        start = time.perf_counter()
        soundtrack.mux([src], publish_file, audio, cues, encode="publish")
        publish_time = time.perf_counter() - start
        reference = manim_file.stat().st_size
        print(f"{src}: {seconds:.1f} s of video")
        print(f"{'encode':<9}{'MB':>9}{'x manim':>9}{'time s':>9}")
        for name, path, spent in (
            ("fast", src, None),
            ("manim", manim_file, manim_time),
            ("publish", publish_file, publish_time),
        ):
            size = path.stat().st_size
            shown = "-" if spent is None else f"{spent:.1f}"
            print(f"{name:<9}{size / 1e6:>9.2f}{size / reference:>9.2f}{shown:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
