"""Joining clips by copying packets, probing them, and saving frames as PNG (synthetic clips)."""

from __future__ import annotations

import av
import pytest
from PIL import Image

from mathdl_anim.publish.media import MediaError, join, probe, save_frame
from tests.synthetic import make_clip


def decoded_frames(path) -> list:
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="gray")[0, 0] for f in container.decode(video=0)]


def test_probe_reads_duration_from_packets(tmp_path):
    info = probe(make_clip(tmp_path / "a.mp4", frames=30, fps=15))
    assert info.frames == 30
    assert info.seconds == pytest.approx(2.0)  # 30 frames at 15 fps
    assert (info.width, info.height, info.codec, info.pix_fmt) == (64, 48, "h264", "yuv420p")


def test_join_adds_up_and_decodes(tmp_path):
    parts = [make_clip(tmp_path / f"{k}.mp4", frames=n, shade=10 + 80 * k) for k, n in enumerate((15, 23, 8))]
    joined = join(parts, tmp_path / "lecture.mp4")
    assert joined.frames == 15 + 23 + 8
    assert joined.seconds == pytest.approx((15 + 23 + 8) / 15, abs=1 / 15)
    # every frame decodes, in order: each part's first frame has its own shade
    grey = decoded_frames(tmp_path / "lecture.mp4")
    assert len(grey) == 46
    for start, shade in ((0, 10), (15, 90), (38, 170)):
        assert abs(int(grey[start]) - shade) <= 6
    with av.open(str(tmp_path / "lecture.mp4")) as container:
        assert container.duration / 1e6 == pytest.approx(46 / 15, abs=1 / 15)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0.mp4", "1.mp4", "2.mp4", "lecture.mp4"]


def test_join_refuses_clips_that_would_need_re_encoding(tmp_path):
    a = make_clip(tmp_path / "a.mp4", frames=10)
    b = make_clip(tmp_path / "b.mp4", frames=10, size=(96, 48))
    with pytest.raises(MediaError, match="without re-encoding: width 96 != 64"):
        join([a, b], tmp_path / "out.mp4")
    c = make_clip(tmp_path / "c.mp4", frames=10, fps=30)
    with pytest.raises(MediaError, match="rate 30 != 15"):
        join([a, c], tmp_path / "out.mp4")
    assert not (tmp_path / "out.mp4").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left


def test_unreadable_video_is_a_media_error(tmp_path):
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video")
    with pytest.raises(MediaError, match="bad.mp4"):
        probe(bad)
    with pytest.raises(MediaError):
        probe(tmp_path / "missing.mp4")


def test_save_frame_near_the_end_at_a_size(tmp_path):
    clip = make_clip(tmp_path / "a.mp4", frames=30, shade=0)
    png = save_frame(clip, tmp_path / "poster.png", seconds_before_end=0.5, size=(128, 72))
    with Image.open(png) as image:
        assert image.format == "PNG" and image.size == (128, 72)
        # 0.5 s before the end of 2 s: frame 22 or 23 of 0..29, shade 3k
        assert 60 <= image.convert("L").getpixel((64, 36)) <= 75
