"""Small H.264 clips made with PyAV, encoded as the renderer encodes (libx264, yuv420p, ultrafast).

For tests of joining, posters and the gallery that need videos but not manim.
"""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np

__all__ = ["make_clip"]


def make_clip(
    path: Path, frames: int, fps: int = 15, size: tuple[int, int] = (64, 48), shade: int = 40
) -> Path:
    """Write ``frames`` frames of a grey picture at ``fps`` (frame k lighter than k-1)."""
    width, height = size
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.codec_context.options = {"preset": "ultrafast", "crf": "23"}
        for k in range(frames):
            picture = np.full((height, width, 3), (shade + 3 * k) % 256, dtype=np.uint8)
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
    return path
