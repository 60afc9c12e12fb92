"""The sound track and the soft subtitles: loudness to -14 LUFS with the true peak under -1 dBTP,
video packets copied as they are, the subtitle track reads back as written."""

from __future__ import annotations

import wave
from pathlib import Path

import av
import numpy as np
import pytest

from mathdl_anim.render import soundtrack
from mathdl_anim.render.soundtrack import PEAK_CEILING, RATE, TARGET_LUFS


def make_video(path: Path, seconds: float = 2.0, rate: int = 15) -> Path:
    with av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=rate)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for k in range(round(seconds * rate)):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), 4 * k % 255, np.uint8), format="rgb24")
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return path


def speechlike(seconds: float, rate: int = RATE) -> np.ndarray:
    """Bursts of a noisy tone with spiky peaks, like syllables (a high crest factor)."""
    rng = np.random.default_rng(1)
    t = np.arange(round(seconds * rate)) / rate
    envelope = (np.sin(2 * np.pi * 3 * t) > 0.2).astype(float)
    signal = 0.05 * np.sin(2 * np.pi * 220 * t) + 0.02 * rng.standard_normal(len(t))
    signal[:: rate // 3] = 0.6  # clicks: peaks far above the loudness
    return signal * envelope


def test_normalise_reaches_the_target_under_the_ceiling():
    out = soundtrack.normalise(speechlike(6.0))
    assert soundtrack.loudness(out) == pytest.approx(TARGET_LUFS, abs=0.2)
    assert soundtrack.true_peak(out) <= PEAK_CEILING


def test_silence_stays_silent():
    assert not np.any(soundtrack.normalise(np.zeros(RATE)))
    assert soundtrack.loudness(np.zeros(RATE)) == float("-inf")


def test_mix_lays_wavs_at_their_times_and_cuts_at_the_end(tmp_path):
    wav = tmp_path / "beep.wav"
    with wave.open(str(wav), "wb") as out:
        out.setnchannels(1), out.setsampwidth(2), out.setframerate(22050)
        out.writeframes((np.full(22050, 0.5) * 32767).astype("<i2").tobytes())  # 1 s
    track = soundtrack.mix([(wav, 0.5), (wav, 2.5)], 3.0)
    assert len(track) == 3 * RATE
    loud = np.abs(track) > 0.25
    assert not loud[: RATE // 2 - 10].any() and loud[RATE // 2 + 10 : 3 * RATE // 2 - 10].all()
    assert loud[-100:].all()  # the second one is cut at the end


def test_mux_copies_the_video_adds_sound_and_subtitles(tmp_path):
    video = make_video(tmp_path / "in.mp4", 2.0)
    seconds = soundtrack.video_seconds(video)
    audio = soundtrack.normalise(speechlike(seconds))
    cues = [("One line", 0.0, 0.8), ("Two\nlines, é", 1.0, 2.0)]
    target = soundtrack.mux([video, video], tmp_path / "out.mp4", np.concatenate([audio, audio]), cues)
    assert soundtrack.video_seconds(target) == pytest.approx(2 * seconds)
    with av.open(str(video)) as a, av.open(str(target)) as b:
        first = [bytes(p) for p in a.demux(a.streams.video[0]) if p.size]
        copied = [bytes(p) for p in b.demux(b.streams.video[0]) if p.size]
        assert copied == first + first  # never re-encoded
        assert b.streams.audio[0].codec_context.name == "aac"
        assert b.streams.subtitles[0].codec_context.name == "mov_text"
        assert b.streams.subtitles[0].language == "eng"
    assert soundtrack.read_subtitles(target) == cues
    decoded = soundtrack.decode_audio(target)
    assert len(decoded) / RATE == pytest.approx(2 * seconds, abs=1 / 15)
    assert soundtrack.loudness(decoded) == pytest.approx(TARGET_LUFS, abs=1)
    assert soundtrack.true_peak(decoded) <= PEAK_CEILING


def test_mux_without_sound_or_cues_is_the_video_alone(tmp_path):
    target = soundtrack.mux([make_video(tmp_path / "in.mp4")], tmp_path / "out.mp4")
    with av.open(str(target)) as b:
        assert [s.type for s in b.streams] == ["video"]
    assert soundtrack.decode_audio(target) is None and soundtrack.read_subtitles(target) == []


def top_level_boxes(path: Path) -> list[str]:
    """The types of an MP4's top-level boxes in file order (ISO/IEC 14496-12, section 4.2:
    a 32-bit big-endian size, a 4-character type; size 1: a 64-bit size follows)."""
    boxes, data, at = [], path.read_bytes(), 0
    while at + 8 <= len(data):
        size, kind = int.from_bytes(data[at : at + 4], "big"), data[at + 4 : at + 8].decode("latin-1")
        if size == 1:
            size = int.from_bytes(data[at + 8 : at + 16], "big")
        boxes.append(kind)
        if size < 8:
            break
        at += size
    return boxes


def test_every_written_mp4_starts_fast(tmp_path):
    video = make_video(tmp_path / "in.mp4")
    assert top_level_boxes(video).index("moov") > top_level_boxes(video).index("mdat")  # the reader works
    target = soundtrack.mux([video], tmp_path / "out.mp4", cues=[("a", 0.0, 1.0)])
    boxes = top_level_boxes(target)
    assert boxes.index("moov") < boxes.index("mdat"), boxes


def test_publish_encode_keeps_frames_sound_and_subtitles(tmp_path):
    """``encode="publish"``: the video encoded again (not copied), as long, frame for frame
    close to the original; sound and subtitles as in a copy; fast start."""
    video = make_video(tmp_path / "in.mp4", 2.0)
    seconds = soundtrack.video_seconds(video)
    audio = soundtrack.normalise(speechlike(seconds))
    cues = [("One line", 0.0, 0.8)]
    copied = soundtrack.mux([video, video], tmp_path / "copy.mp4", np.concatenate([audio, audio]), cues)
    target = soundtrack.mux(
        [video, video], tmp_path / "pub.mp4", np.concatenate([audio, audio]), cues, encode="publish"
    )
    assert soundtrack.video_seconds(target) == pytest.approx(soundtrack.video_seconds(copied))
    with av.open(str(copied)) as a, av.open(str(target)) as b:
        assert [bytes(p) for p in a.demux(a.streams.video[0]) if p.size] != [
            bytes(p) for p in b.demux(b.streams.video[0]) if p.size
        ]
    with av.open(str(copied)) as a, av.open(str(target)) as b:
        before = [f.to_ndarray(format="gray").astype(float) for f in a.decode(video=0)]
        after = [f.to_ndarray(format="gray").astype(float) for f in b.decode(video=0)]
    assert len(before) == len(after) == 60
    assert max(np.abs(x - y).mean() for x, y in zip(before, after)) <= 3.0  # grey levels of 255
    assert soundtrack.read_subtitles(target) == cues
    assert soundtrack.loudness(soundtrack.decode_audio(target)) == pytest.approx(TARGET_LUFS, abs=1)
    boxes = top_level_boxes(target)
    assert boxes.index("moov") < boxes.index("mdat")


def plucks(seconds: float) -> np.ndarray:
    """Plucked notes (a sharp onset, then a fast decay) every quarter second: a track whose
    true peak, limited to -2.3 dBTP, measured -0.29 dBTP once encoded in AAC and decoded
    (speech does it too: a voiced scene encoded a second time went from -2.3 to -0.75)."""
    t = np.arange(int(seconds * RATE)) / RATE
    track = np.zeros(len(t))
    for k, start in enumerate(np.arange(0, seconds, 0.25)):
        after = t[t >= start] - start
        track[t >= start] += np.sin(2 * np.pi * 200 * (1 + 0.1 * k) * after) * np.exp(-30 * after)
    return track


def test_the_peak_is_measured_after_encoding(tmp_path):
    """AAC does not keep a waveform's peaks: the ceiling holds for the decoded track."""
    video = make_video(tmp_path / "in.mp4", 2.0)
    audio = soundtrack.normalise(plucks(soundtrack.video_seconds(video)))
    assert soundtrack.true_peak(audio) <= PEAK_CEILING  # before encoding: already under it
    decoded = soundtrack.decode_audio(soundtrack.mux([video], tmp_path / "out.mp4", audio))
    assert soundtrack.true_peak(decoded) <= PEAK_CEILING
    assert soundtrack.loudness(decoded) == pytest.approx(TARGET_LUFS, abs=1)


def test_the_aac_peak_fix_touches_only_where_the_decoding_overshoots():
    """The gain that mends a decoded overshoot is 1 everywhere but around the overshoot (so the
    loudness stays), and there brings the decoded peak under the ceiling. (Lowering the whole
    track's ceiling instead took the voiced lecture from -14.0 to -17.2 LUFS.)"""
    t = np.arange(2 * RATE) / RATE
    decoded = 0.3 * np.sin(2 * np.pi * 200 * t)
    at = RATE  # one sharp overshoot, a second in
    decoded[at] = 0.99
    gain = soundtrack._local_gain(decoded, len(decoded), PEAK_CEILING - 0.2)
    assert len(gain) == len(decoded)
    far = np.abs(np.arange(len(gain)) - at) > int(0.025 * RATE)
    assert np.all(gain[far] == 1.0)
    ceiling = 10 ** ((PEAK_CEILING - 0.2) / 20)
    assert gain[at] * 0.99 <= ceiling + 1e-9  # the overshoot itself comes under the ceiling
    assert np.all((gain > 0) & (gain <= 1.0))
    # a decoding that never goes over is left alone
    assert np.all(soundtrack._local_gain(0.5 * decoded / 0.99, len(decoded), PEAK_CEILING - 0.2) == 1.0)
