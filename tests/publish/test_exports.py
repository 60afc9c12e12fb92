"""GIF and PDF exports on small synthetic inputs (no manim), and the atomic write."""

from __future__ import annotations

import re
from fractions import Fraction

import av
import numpy as np
import pytest
from PIL import Image

from mathdl_anim.publish.exports import write_gif, write_pdf, writing


@pytest.fixture
def video(tmp_path):
    """3 s at 30 fps, 320x180: a white square crossing a dark background."""
    path = tmp_path / "in.mp4"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=30)
        stream.width, stream.height, stream.pix_fmt = 320, 180, "yuv420p"
        stream.time_base = Fraction(1, 30)
        for k in range(90):
            image = np.full((180, 320, 3), 16, np.uint8)
            image[60:120, 3 * k : 3 * k + 40] = 240
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts = k
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def test_gif_size_rate_and_duration(video, tmp_path):
    dest = write_gif(video, tmp_path / "out.gif", size=160, fps=10)
    assert dest.read_bytes()[:6] == b"GIF89a"
    gif = Image.open(dest)
    assert gif.size == (160, 90)
    assert 25 <= gif.n_frames <= 30  # 10 fps of 3 s, identical neighbours merged
    total = 0
    for k in range(gif.n_frames):
        gif.seek(k)
        total += gif.info["duration"]
    assert total == pytest.approx(3000, abs=100)
    gif.seek(gif.n_frames - 1)
    last = np.asarray(gif.convert("RGB"), dtype=int)
    assert last[45, 140] == pytest.approx([240] * 3, abs=12)  # the square, at 2.9 s: x 130..150
    assert last[10, 10] == pytest.approx([16] * 3, abs=12)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_gif_is_never_wider_than_the_video(video, tmp_path):
    assert Image.open(write_gif(video, tmp_path / "out.gif", size=1000)).size == (320, 180)


def test_pdf_has_one_widescreen_page_per_image(tmp_path):
    vertical = tmp_path / "v.png"
    Image.new("RGB", (480, 854), "white").save(vertical)
    data = write_pdf([vertical], tmp_path / "v.pdf").read_bytes()
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", data).groups()
    assert float(box[1]) == pytest.approx(960)  # the long side, upright

    pages = []
    for k, color in enumerate(("red", "green", "blue")):
        pages.append(tmp_path / f"{k}.png")
        Image.new("RGB", (854, 480), color).save(pages[-1])
    data = write_pdf(pages, tmp_path / "deck.pdf").read_bytes()
    assert data[:5] == b"%PDF-"
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 3
    width, height = map(float, re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", data).groups())
    assert width == pytest.approx(960) and height == pytest.approx(960 * 480 / 854)  # 13.33 in
    with pytest.raises(ValueError):
        write_pdf([], tmp_path / "empty.pdf")
    assert not (tmp_path / "empty.pdf").exists()


def test_writing_keeps_the_old_file_when_the_block_fails(tmp_path):
    dest = tmp_path / "a.txt"
    dest.write_text("old")
    with pytest.raises(RuntimeError):
        with writing(dest) as tmp:
            tmp.write_text("half")
            raise RuntimeError("interrupted")
    assert dest.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    with writing(dest) as tmp:
        tmp.write_text("new")
    assert dest.read_text() == "new"


def test_pdf_pages_carry_their_step_words_as_text(tmp_path):
    import pypdf
    from PIL.PngImagePlugin import PngInfo

    pages = []
    for k in range(2):
        info = PngInfo()
        info.add_itxt("Caption", f"Step {k}: row · column, σ = 1.5")
        info.add_itxt("Narration", f"Narration of step {k}, " + "long enough to wrap " * 8)
        pages.append(tmp_path / f"{k}.png")
        Image.new("RGB", (854, 480), "black").save(pages[-1], pnginfo=info)
    Image.new("RGB", (854, 480), "black").save(tmp_path / "silent.png")  # an opening: no words
    path = write_pdf([*pages, tmp_path / "silent.png"], tmp_path / "deck.pdf", title="Chain rule")
    reader = pypdf.PdfReader(str(path))
    assert reader.metadata.title == "Chain rule" and reader.metadata.author == "mathdl-anim"
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    for k in range(2):
        assert f"Step {k}: row" in texts[k] and f"Narration of step {k}, long enough" in texts[k]
    assert texts[2] == ""
    assert (
        path.read_bytes()
        == write_pdf(
            [*pages, tmp_path / "silent.png"], tmp_path / "again.pdf", title="Chain rule"
        ).read_bytes()
    )  # the same bytes again
