"""What one 1080p frame costs the encoder: prints figures, asserts nothing.

For frames decoded from a finished video (default ``renders/1080p60/Neuron.mp4``), it prints the
milliseconds per frame of the two steps every drawn frame goes through after cairo has drawn it:
the RGBA -> YUV 4:2:0 conversion (swscale, through PyAV) and the x264 ``ultrafast`` encode
(:data:`~mathdl_anim.engine.encoding.X264_PRESET`), wall and CPU. At 60 fps on two cores, a
render within 0.8 x the video's length has 2 x 0.8 / 60 s = 26.7 ms of CPU per frame for
everything: these two steps are the floor under it. ::

    .venv/bin/python benchmarks/frame_cost.py renders/1080p60/Neuron.mp4
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import av

from mathdl_anim.engine.encoding import X264_PRESET


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("video", nargs="?", default="renders/1080p60/Neuron.mp4")
    parser.add_argument("--frames", type=int, default=120, help="frames to time (every 10th decoded)")
    args = parser.parse_args()
    frames = []
    with av.open(args.video) as container:
        for k, frame in enumerate(container.decode(video=0)):
            if k % 10 == 0:
                frames.append(frame.to_ndarray(format="rgba"))
            if len(frames) >= args.frames:
                break
    height, width = frames[0].shape[:2]
    start, cpu = time.perf_counter(), time.process_time()
    yuv = [av.VideoFrame.from_numpy_buffer(a, format="rgba").reformat(format="yuv420p") for a in frames]
    wall_ms = (time.perf_counter() - start) / len(frames) * 1e3
    cpu_ms = (time.process_time() - cpu) / len(frames) * 1e3
    print(f"{len(frames)} frames {width}x{height} from {args.video}")
    print(f"convert RGBA -> yuv420p: {wall_ms:6.2f} ms wall {cpu_ms:6.2f} ms CPU per frame")
    with tempfile.TemporaryDirectory() as tmp, av.open(str(Path(tmp) / "out.mp4"), "w") as output:
        stream = output.add_stream("libx264", rate=60, options={"preset": X264_PRESET, "crf": "23"})
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        start, cpu = time.perf_counter(), time.process_time()
        for frame in yuv:
            frame.pts = None
            output.mux(stream.encode(frame))
        output.mux(stream.encode())
        wall_ms = (time.perf_counter() - start) / len(yuv) * 1e3
        cpu_ms = (time.process_time() - cpu) / len(yuv) * 1e3
    print(f"x264 {X264_PRESET} encode:   {wall_ms:6.2f} ms wall {cpu_ms:6.2f} ms CPU per frame")


if __name__ == "__main__":
    main()
