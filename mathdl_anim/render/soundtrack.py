"""A video's sound and soft subtitles, written with PyAV (no ffmpeg binary needed).

A voiced scene records where each piece of speech starts; after manim wrote the (silent) video,
:func:`mix` lays the speech WAVs on one track exactly as long as the video, :func:`normalise`
brings it to :data:`TARGET_LUFS` integrated loudness (ITU-R BS.1770, measured with pyloudnorm)
with its true peak at most :data:`PEAK_CEILING` dBTP, and :func:`mux` writes the final MP4: the
video's packets copied as they are (never re-encoded), the track in AAC, and the subtitles as a
soft ``mov_text`` track in English, which players can switch on and off. The lecture joins its
clips with the same :func:`mux`.
"""

from __future__ import annotations

import struct
import wave
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from mathdl_anim.files import writing

__all__ = [
    "RATE",
    "TARGET_LUFS",
    "PEAK_CEILING",
    "read_wav",
    "mix",
    "loudness",
    "true_peak",
    "normalise",
    "video_seconds",
    "decode_audio",
    "mux",
    "write_mp4",
    "read_subtitles",
]

#: Sample rate of every track (Hz); mono.
RATE = 48_000
#: Integrated loudness of a voiced track (LUFS): what YouTube and most platforms play at.
TARGET_LUFS = -14.0
#: Highest true peak allowed (dBTP). The limiter aims a little lower: AAC adds overshoot.
PEAK_CEILING = -1.0
_LIMIT_AT = -2.0
_SUBTITLE_TIME_BASE = Fraction(1, 1000)
#: A minimal ASS header: FFmpeg's mov_text encoder reads its default style from it.
_ASS_HEADER = b"""[Script Info]
ScriptType: v4.00+
PlayResX: 384
PlayResY: 288

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, \
Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, \
Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,0

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
"""


def read_wav(path: Path) -> np.ndarray:
    """A 16-bit PCM WAV file as mono float samples at :data:`RATE`."""
    from scipy.signal import resample_poly

    with wave.open(str(path)) as audio:
        rate, channels, width = audio.getframerate(), audio.getnchannels(), audio.getsampwidth()
        raw = audio.readframes(audio.getnframes())
    if width != 2:
        raise ValueError(f"{Path(path).name}: {8 * width}-bit WAV, expected 16-bit")
    samples = np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768.0
    samples = samples.reshape(-1, channels).mean(axis=1)
    if rate != RATE:
        divisor = np.gcd(RATE, rate)
        samples = resample_poly(samples, RATE // divisor, rate // divisor)
    return samples


def mix(clips: Sequence[tuple[Path, float]], seconds: float) -> np.ndarray:
    """One track ``seconds`` long with each WAV ``(path, start)`` laid at ``start`` (cut at the end)."""
    track = np.zeros(round(seconds * RATE))
    for path, start in clips:
        samples = read_wav(path)
        at = round(start * RATE)
        if at >= len(track):
            continue
        piece = samples[: len(track) - at]
        track[at : at + len(piece)] += piece
    return track


def loudness(samples: np.ndarray, rate: int = RATE) -> float:
    """Integrated loudness (LUFS, ITU-R BS.1770-4); ``-inf`` for silence or a too-short track."""
    import pyloudnorm

    if len(samples) < int(0.4 * rate) or not np.any(samples):
        return float("-inf")
    return float(pyloudnorm.Meter(rate).integrated_loudness(samples))


def true_peak(samples: np.ndarray, rate: int = RATE) -> float:
    """True peak (dBTP): the highest sample after 4x oversampling (ITU-R BS.1770-4, annex 2)."""
    from scipy.signal import resample_poly

    if not np.any(samples):
        return float("-inf")
    peak = float(np.max(np.abs(resample_poly(samples, 4, 1))))
    return 20 * np.log10(peak)


def _envelope(samples: np.ndarray) -> tuple[np.ndarray, float]:
    """The peak around each sample of the 4x oversampled track (or the sample, if higher), and
    the true peak as a linear amplitude. Both scale with the track: ``k * samples`` has
    ``k`` times this envelope, so a gain search oversamples once."""
    from scipy.signal import resample_poly

    over = np.abs(resample_poly(samples, 4, 1))
    peak = float(np.max(over)) if len(over) else 0.0
    over = over[: 4 * len(samples)]
    over = np.pad(over, (0, 4 * len(samples) - len(over)))
    return np.maximum(over.reshape(-1, 4).max(axis=1), np.abs(samples)), peak


def _limit(
    samples: np.ndarray, ceiling_db: float, rate: int = RATE, envelope: np.ndarray | None = None
) -> np.ndarray:
    """``samples`` with their (oversampled) peaks brought down to ``ceiling_db`` dBFS.

    The gain each sample needs is spread 10 ms around it (a moving minimum) then smoothed (a
    moving average no wider), so the gain changes gently and is never more than needed.
    ``envelope``: the samples' :func:`_envelope`, if known.
    """
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    if envelope is None:
        envelope, _ = _envelope(samples)
    ceiling = 10 ** (ceiling_db / 20)
    gain = np.minimum(1.0, ceiling / np.maximum(envelope, 1e-12))
    window = max(1, int(0.010 * rate))
    gain = minimum_filter1d(gain, size=2 * window + 1, mode="nearest")
    gain = uniform_filter1d(gain, size=window, mode="nearest")
    return samples * gain


def _local_gain(decoded: np.ndarray, length: int, ceiling_db: float, rate: int = RATE) -> np.ndarray:
    """The gain (``length`` samples) that brings the places where ``decoded`` (a decoding of
    the track, sample-aligned with it) peaks over ``ceiling_db`` dBTP down to it, and leaves
    the rest at 1: :func:`_limit`'s gain, driven by the decoding's envelope."""
    envelope, _ = _envelope(decoded[:length])
    envelope = np.pad(envelope, (0, max(0, length - len(envelope))))
    return _limit(np.ones(length), ceiling_db, rate, envelope=envelope)


def normalise(samples: np.ndarray, rate: int = RATE, target: float = TARGET_LUFS) -> np.ndarray:
    """``samples`` at ``target`` LUFS with their true peak under :data:`PEAK_CEILING` dBTP.

    A gain, then a peak limiter where the peaks go over. Limiting lowers the loudness, so the
    gain is searched for until the limited track is within 0.1 LU of the target. Silence stays
    silent.
    """
    start = loudness(samples, rate)
    if not np.isfinite(start):
        return samples
    envelope, peak = _envelope(samples)  # oversampled once: each gain scales it

    def attempt(gain_db: float) -> tuple[np.ndarray, float]:
        k = 10 ** (gain_db / 20)
        out = samples * k
        if 20 * np.log10(k * peak) > _LIMIT_AT:  # the true peak of out
            out = _limit(out, _LIMIT_AT - 0.3, rate, envelope=k * envelope)
        return out, loudness(out, rate) - target

    # limiting only lowers the loudness, so the gain that hits the target lies above g0: bracket
    # it, then narrow the bracket (regula falsi, Illinois variant: it never stalls)
    lo = target - start
    out, e_lo = attempt(lo)
    if abs(e_lo) < 0.1:
        return out
    step, most = max(1.0, -e_lo), lo + 30.0  # a track that needs more gain is not speech
    for _ in range(8):
        hi = min(lo + step, most)
        out, e_hi = attempt(hi)
        if e_hi >= 0:
            break
        if hi >= most:  # the limited track cannot get that loud: as close as it gets
            return out
        lo, e_lo, step = hi, e_hi, 2 * step
    side = 0
    for _ in range(12):
        if abs(e_hi) < 0.1:
            break
        g = hi - e_hi * (hi - lo) / (e_hi - e_lo)
        out, e = attempt(g)
        if abs(e) < 0.1:
            return out
        if e > 0:
            hi, e_hi = g, e
            if side == 1:
                e_lo /= 2
            side = 1
        else:
            lo, e_lo = g, e
            if side == -1:
                e_hi /= 2
            side = -1
    return out


def video_seconds(path: Path) -> float:
    """Duration of ``path``'s video stream, from its packets (frames times frame duration)."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        end = 0
        for packet in container.demux(stream):
            if packet.pts is not None:
                end = max(end, packet.pts + (packet.duration or 0))
        if stream.time_base is None:
            raise ValueError(f"{Path(path).name}: no time base")
        return float(end * stream.time_base)


def decode_audio(path: Path | Any) -> np.ndarray | None:
    """``path``'s first audio stream as mono float samples at :data:`RATE` (``None``: no audio);
    ``path`` may also be an open binary file."""
    import av

    with av.open(path if hasattr(path, "read") else str(path)) as container:
        if not container.streams.audio:
            return None
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="flt", layout="mono", rate=RATE)
        chunks = []
        for frame in container.decode(stream):
            for out in resampler.resample(frame):
                chunks.append(out.to_ndarray().reshape(-1))
        for out in resampler.resample(None):
            chunks.append(out.to_ndarray().reshape(-1))
    return np.concatenate(chunks).astype(np.float64) if chunks else np.zeros(0)


def _audio_packets(output, samples: np.ndarray) -> list:
    """``samples`` in AAC on a new stream of ``output`` (language ``eng``), whose decoded true
    peak is at most :data:`PEAK_CEILING` dBTP.

    AAC does not keep a waveform's peaks: a track limited to -2.3 dBTP can decode to -0.4
    dBTP at a sharp onset (measured on the voiced lecture's track). So the track is encoded,
    decoded and measured; where the decoded sound goes over, the track is brought down there,
    by that place's excess (and 0.2 dB more), and it is encoded again, at most four times. Only
    the places that overshoot are touched, so the loudness stays where :func:`normalise` put
    it. (Lowering the whole track's ceiling by the worst excess instead limited every louder
    syllable: the voiced lecture came out at -15 to -17 LUFS.) The packets of the last
    encoding are the ones written.
    """
    import io

    import av

    out = samples
    for _ in range(4):
        buffer = io.BytesIO()
        with av.open(buffer, mode="w", format="mp4") as container:
            for packet in _aac_packets(container, out):
                container.mux(packet)
        buffer.seek(0)
        decoded = decode_audio(buffer)
        if decoded is None or true_peak(decoded, RATE) <= PEAK_CEILING:
            break
        out = out * _local_gain(decoded, len(out), PEAK_CEILING - 0.2, RATE)
    buffer.seek(0)
    source = av.open(buffer, mode="r")
    encoded = source.streams.audio[0]
    stream = output.add_stream_from_template(encoded)
    stream.time_base = encoded.time_base
    stream.metadata["language"] = "eng"
    packets = []
    for packet in source.demux(encoded):
        if packet.pts is None:  # the empty packet that ends demuxing
            continue
        packet.stream = stream
        packets.append(packet)
    return packets


def _aac_packets(output, samples: np.ndarray) -> list:
    import av

    stream = output.add_stream("aac", rate=RATE, layout="mono")
    stream.bit_rate = 128_000
    packets = []
    data = np.clip(samples, -1.0, 1.0).astype(np.float32)
    step = 1024
    for at in range(0, len(data), step):
        frame = av.AudioFrame.from_ndarray(data[None, at : at + step], format="fltp", layout="mono")
        frame.sample_rate = RATE
        frame.pts = at
        frame.time_base = Fraction(1, RATE)
        packets += stream.encode(frame)
    packets += stream.encode(None)
    return packets


def _subtitle_packets(output, cues: Sequence[tuple[str, float, float]]) -> list:
    from av.subtitles.subtitle import SubtitleSet

    stream = output.add_stream("mov_text")
    stream.codec_context.subtitle_header = _ASS_HEADER
    stream.codec_context.time_base = _SUBTITLE_TIME_BASE
    stream.time_base = _SUBTITLE_TIME_BASE
    stream.metadata["language"] = "eng"
    packets = []
    for k, (text, start, end) in enumerate(cues):
        a, b = round(start * 1000), round(end * 1000)
        if b <= a:
            continue
        dialogue = text.replace("{", "(").replace("}", ")").replace("\n", "\\N")
        packet = stream.codec_context.encode_subtitle(
            SubtitleSet.create(f"{k},0,Default,,0,0,0,,{dialogue}".encode(), 0, b - a, a)
        )
        packet.stream = stream
        packet.time_base = _SUBTITLE_TIME_BASE
        packets.append(packet)
    return packets


def _seconds(packet) -> float:
    when = packet.dts if packet.dts is not None else packet.pts
    return float(when * packet.time_base)


def mux(
    videos: Sequence[Path],
    target: Path,
    audio: np.ndarray | None = None,
    cues: Sequence[tuple[str, float, float]] = (),
    comment: str = "",
    encode: str = "fast",
) -> Path:
    """Write ``target``: the video packets of ``videos`` end to end, ``audio``, soft subtitles.

    The video is copied packet by packet (the clips must come from the same encoder settings,
    see :func:`mathdl_anim.publish.media.join`); ``audio`` (mono at :data:`RATE`, as long as
    the video) is encoded in AAC; ``cues`` ``(text, start, end)`` in seconds become a
    ``mov_text`` track, language ``eng``. Packets are interleaved by time. ``target`` appears
    atomically. ``encode="publish"`` encodes the video again instead (:data:`PUBLISH_X264`).
    """
    target = Path(target)
    with writing(target) as tmp:
        write_mp4(videos, tmp, audio, cues, comment, encode)
    return target


#: ``--encode publish``: the final file encoded again with manim's own x264 settings (``medium``
#: preset, constant rate factor 23: the same picture quality per frame as the render) tuned for
#: animation: about the size of manim's own encode (1.07 times it for MatrixMultiplication at
#: 480p15, where the render's ``ultrafast`` file is 1.9 times it), in about the time it takes.
PUBLISH_X264 = {"preset": "medium", "tune": "animation", "crf": "23"}


def write_mp4(
    videos: Sequence[Path],
    path: Path,
    audio: np.ndarray | None = None,
    cues: Sequence[tuple[str, float, float]] = (),
    comment: str = "",
    encode: str = "fast",
    chapters: Sequence[tuple[str, float, float]] = (),
) -> None:
    """:func:`mux` without the atomic move: write straight to ``path``.

    ``chapters`` ``(title, start, end)`` in seconds are written as the file's chapters, which
    players offer as a menu (to the millisecond)."""
    import av

    # fast start: the index (``moov``) before the media, so a browser plays while downloading
    with av.open(str(path), mode="w", format="mp4", options={"movflags": "+faststart"}) as output:
        if comment:
            output.metadata["comment"] = comment
        if chapters:
            output.set_chapters(
                [
                    {
                        "id": k,
                        "start": round(start * 1000),
                        "end": round(end * 1000),
                        "time_base": Fraction(1, 1000),
                        "metadata": {"title": title},
                    }
                    for k, (title, start, end) in enumerate(chapters, start=1)
                ]
            )
        with ExitStack() as stack:
            inputs = [stack.enter_context(av.open(str(video))) for video in videos]
            first = inputs[0].streams.video[0]
            if encode == "publish":
                rate = first.average_rate or first.guessed_rate
                if rate is None:
                    raise ValueError(f"{Path(videos[0]).name}: no frame rate")
                out_video = output.add_stream("libx264", rate=rate, options=dict(PUBLISH_X264))
                out_video.width, out_video.height = first.codec_context.width, first.codec_context.height
                out_video.pix_fmt = "yuv420p"
                packets = _encoded(inputs, out_video, 1 / Fraction(rate))
            else:
                out_video = output.add_stream_from_template(first)
                out_video.time_base = first.time_base
                packets = _copied(inputs, out_video)
            extra = []  # the other streams' packets, all made before the video's
            if audio is not None:
                extra += _audio_packets(output, audio)
            if cues:
                extra += _subtitle_packets(output, cues)
            extra.sort(key=_seconds)
            pending = 0
            for packet in packets:  # interleaved by time
                now = _seconds(packet)
                while pending < len(extra) and _seconds(extra[pending]) <= now:
                    output.mux(extra[pending])
                    pending += 1
                output.mux(packet)
            for packet in extra[pending:]:
                output.mux(packet)


def _copied(inputs: Sequence[Any], out_video: Any) -> Iterator[Any]:
    """The video packets of ``inputs`` end to end, retimed onto ``out_video`` (the time base
    of the first input, which every input shares)."""
    offset = 0  # ticks of the shared time base
    for container in inputs:
        stream = container.streams.video[0]
        end = 0
        for packet in container.demux(stream):
            if packet.pts is None:  # the empty packet that ends demuxing
                continue
            end = max(end, packet.pts + (packet.duration or 0))
            packet.pts += offset
            packet.dts = None if packet.dts is None else packet.dts + offset
            packet.stream = out_video
            yield packet
        offset += end


def _encoded(inputs: Sequence[Any], out_video: Any, tick: Fraction) -> Iterator[Any]:
    """The frames of ``inputs`` end to end, encoded by ``out_video``; ``tick``: a frame's time."""
    count = 0
    for container in inputs:
        for frame in container.decode(video=0):
            frame = frame.reformat(format="yuv420p") if frame.format.name != "yuv420p" else frame
            frame.pts, frame.time_base = count, tick
            count += 1
            yield from out_video.encode(frame)
    yield from out_video.encode(None)


def read_subtitles(path: Path) -> list[tuple[str, float, float]]:
    """The cues of ``path``'s first ``mov_text`` stream: ``(text, start, end)`` in seconds."""
    import av

    cues = []
    with av.open(str(path)) as container:
        if not container.streams.subtitles:
            return []
        stream = container.streams.subtitles[0]
        for packet in container.demux(stream):
            if packet.pts is None or stream.time_base is None:
                continue
            payload = bytes(packet)
            (length,) = struct.unpack(">H", payload[:2]) if len(payload) >= 2 else (0,)
            if not length:  # the empty samples between cues
                continue
            start = float(packet.pts * stream.time_base)
            end = float((packet.pts + (packet.duration or 0)) * stream.time_base)
            cues.append((payload[2 : 2 + length].decode("utf-8"), start, end))
    return cues
