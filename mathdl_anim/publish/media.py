"""Reading and joining the rendered videos with PyAV (no ffmpeg binary needed).

A joined video may get a sound track and soft subtitles too (written by
:func:`mathdl_anim.render.soundtrack.write_mp4`): the video's packets are copied all the same.

Every clip of the lesson comes out of the same encoder with the same settings (H.264 by
libx264, ``yuv420p``, one frame size and rate per quality, see
:mod:`mathdl_anim.engine.encoding`), so clips are joined by copying their compressed packets one
after the other with shifted timestamps: nothing is decoded or encoded again. Clips that differ
in any of those settings cannot be joined that way, and :func:`join` says which and why.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

import av

from mathdl_anim.files import writing
from mathdl_anim.render.soundtrack import write_mp4

if TYPE_CHECKING:
    import numpy as np

__all__ = ["MediaError", "VideoInfo", "probe", "join", "save_frame"]


class MediaError(RuntimeError):
    """A video that cannot be read or joined."""


@dataclass(frozen=True)
class VideoInfo:
    """What a video file holds, as far as joining and showing it goes.

    Attributes
    ----------
    path : Path
    seconds : float
        Duration of its video stream: frames times frame duration.
    frames : int
        Number of video packets (one frame each).
    width, height : int
    rate : Fraction
        Frames per second.
    codec : str
    pix_fmt : str or None
        ``None`` when FFmpeg does not know the pixel format.
    time_base : Fraction
    extradata : str
        A digest of the codec's setup data (SPS/PPS for H.264); clips joined into one stream
        must share it.
    """

    path: Path
    seconds: float
    frames: int
    width: int
    height: int
    rate: Fraction
    codec: str
    pix_fmt: str | None
    time_base: Fraction
    extradata: str

    def joinable_with(self, other: VideoInfo) -> list[str]:
        """How ``other`` differs from this clip in what a stream copy needs (empty: joinable)."""
        fields = ("codec", "pix_fmt", "width", "height", "rate", "time_base", "extradata")
        return [
            f"{name} {getattr(other, name)} != {getattr(self, name)}"
            for name in fields
            if getattr(other, name) != getattr(self, name)
        ]


def _stream_ticks(container, stream) -> tuple[int, int]:
    """(packets, end of the last packet in stream ticks) read from the packets themselves."""
    frames, end = 0, 0
    for packet in container.demux(stream):
        if packet.pts is None:
            continue
        frames += 1
        end = max(end, packet.pts + (packet.duration or 0))
    return frames, end


def probe(path: Path) -> VideoInfo:
    """Read ``path``'s video stream (its packets, not its pixels).

    Raises
    ------
    MediaError
        If the file is missing, unreadable, or has no video stream.
    """
    path = Path(path)
    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise MediaError(f"{path.name}: no video stream")
            stream = container.streams.video[0]
            codec = stream.codec_context
            frames, end = _stream_ticks(container, stream)
            if not frames:
                raise MediaError(f"{path.name}: no frames")
            time_base, rate = stream.time_base, stream.average_rate
            if time_base is None or rate is None:
                raise MediaError(f"{path.name}: no time base or frame rate")
            return VideoInfo(
                path=path,
                seconds=float(end * time_base),
                frames=frames,
                width=codec.width,
                height=codec.height,
                rate=Fraction(rate),
                codec=codec.name,
                pix_fmt=codec.pix_fmt,
                time_base=Fraction(time_base),
                extradata=hashlib.sha256(bytes(codec.extradata or b"")).hexdigest()[:16],
            )
    except av.FFmpegError as exc:
        raise MediaError(f"{path.name}: cannot read video ({exc})") from None


def join(
    parts: Sequence[Path],
    target: Path,
    comment: str = "",
    audio: np.ndarray | None = None,
    cues: Sequence[tuple[str, float, float]] = (),
    encode: str = "fast",
    chapters: Sequence[tuple[str, float, float]] = (),
) -> VideoInfo:
    """Join ``parts`` end to end into ``target`` by copying packets, and check the result.

    ``encode="publish"`` encodes the joined video again for upload instead of copying it
    (:data:`~mathdl_anim.render.soundtrack.PUBLISH_X264`).

    ``target`` appears atomically (written under a temporary name in its folder, then moved);
    its duration is the sum of the parts' and its frame count their total. ``audio`` (mono
    samples at :data:`~mathdl_anim.render.soundtrack.RATE`, as long as the video) becomes its
    sound track, ``cues`` ``(text, start, end)`` its soft subtitles, ``chapters``
    ``(title, start, end)`` its chapters.

    Raises
    ------
    MediaError
        If a part cannot be read, differs from the first in codec, size, frame rate or
        encoder setup, or the joined file does not add up.
    """
    if not parts:
        raise MediaError("nothing to join")
    infos = [probe(p) for p in parts]
    first = infos[0]
    for info in infos[1:]:
        differences = first.joinable_with(info)
        if differences:
            raise MediaError(
                f"cannot join {info.path.name} to {first.path.name} without "
                f"re-encoding: {', '.join(differences)}"
            )
    target = Path(target)
    with writing(target) as tmp:
        write_mp4([i.path for i in infos], tmp, audio, cues, comment, encode, chapters)
        joined = probe(tmp)
        frames, seconds = sum(i.frames for i in infos), sum(i.seconds for i in infos)
        if joined.frames != frames or abs(joined.seconds - seconds) > 1 / first.rate:
            raise MediaError(
                f"{target.name}: joined {joined.frames} frames ({joined.seconds:.3f} s), "
                f"expected {frames} ({seconds:.3f} s)"
            )
    return VideoInfo(
        target,
        joined.seconds,
        joined.frames,
        joined.width,
        joined.height,
        joined.rate,
        joined.codec,
        joined.pix_fmt,
        joined.time_base,
        joined.extradata,
    )


def save_frame(
    video: Path, target: Path, seconds_before_end: float = 1.0, size: tuple[int, int] | None = None
) -> Path:
    """Save the frame ``seconds_before_end`` before the end of ``video`` as a PNG.

    Written atomically; ``size`` (width, height) scales the frame to exactly that size.
    """
    info = probe(video)
    at = max(0.0, info.seconds - seconds_before_end)
    frame = None
    try:
        with av.open(str(video)) as container:
            stream = container.streams.video[0]
            # info.time_base is this stream's time base, read by probe
            container.seek(int(at / info.time_base), stream=stream, backward=True, any_frame=False)
            for decoded in container.decode(stream):
                frame = decoded
                if decoded.pts is not None and decoded.pts * info.time_base >= at:
                    break
    except av.FFmpegError as exc:
        raise MediaError(f"{Path(video).name}: cannot decode ({exc})") from None
    if frame is None:
        raise MediaError(f"{Path(video).name}: no frame to save")
    image = frame.to_image()
    if size is not None and image.size != size:
        from PIL import Image

        image = image.resize(size, Image.Resampling.LANCZOS)
    target = Path(target)
    with writing(target) as tmp:
        image.save(tmp, format="PNG")
    return target
