"""``renders/index.html``: every clip listed, relative links only, and every video plays in Chromium.

The clips here are small synthetic videos; ``tests/publish/test_lecture.py`` opens the gallery of a real
rendered lecture too.
"""

from __future__ import annotations

import os
import shutil
from urllib.parse import unquote

import pytest
from PIL import Image

from mathdl_anim.publish.gallery import POSTERS, write_gallery
from tests.browser import assert_self_contained, check_page, read_page
from tests.synthetic import make_clip


@pytest.fixture()
def renders(tmp_path):
    """A renders folder as the commands leave it, with tiny clips."""
    out = tmp_path / "renders"
    low = out / "480p15"
    make_clip(low / "lecture.mp4", frames=45)
    (low / "lecture.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nChapter 1 of 4\n")
    (low / "chapters.txt").write_text("00:00 Linear algebra\n00:01 Calculus\n")
    Image.new("RGB", (1280, 720), "#0F1117").save(low / "thumbnail.png")
    make_clip(low / "Neuron.mp4", frames=40, shade=90)
    (low / "Neuron.srt").write_text("1\n00:00:00,000 --> 00:00:02,000\nz = Wx + b\n")
    (low / "Neuron.values.json").write_text("{}")
    for name in (
        "gif/Neuron.gif",
        "alpha/Neuron.webm",
        "slides/Neuron.html",
        "slides/Neuron.json",
        "slides/lesson.html",
        "slides/lesson.pdf",
        "steps/Neuron-01.png",
    ):
        (low / name).parent.mkdir(exist_ok=True)
        (low / name).write_bytes(b"made by mathdl-anim slides")
    make_clip(low / "ChainRule.mp4", frames=30, shade=150)
    make_clip(low / "Sketch.mp4", frames=20, shade=200)
    make_clip(low / ".lecture" / "chapter-1.mp4", frames=20)
    make_clip(out / "720p30-light" / "Neuron.mp4", frames=20, size=(96, 54))
    return out


def test_gallery_lists_every_clip_with_poster_duration_and_chapter(renders):
    index = write_gallery(renders)
    assert index == renders / "index.html"
    page = read_page(index)
    videos = [v["src"] for v in page.all("video")]
    assert videos == [
        "480p15/lecture.mp4",
        "480p15/Neuron.mp4",
        "480p15/ChainRule.mp4",
        "480p15/Sketch.mp4",
        "720p30-light/Neuron.mp4",
    ]  # lesson order, then others
    for video in page.all("video"):
        assert "controls" in video and video["preload"] == "metadata"
        poster = renders / unquote(video["poster"])
        with Image.open(poster) as image:
            assert image.format == "PNG"
    assert page.all("video")[0]["poster"] == "480p15/thumbnail.png"
    assert page.all("video")[1]["poster"] == f"{POSTERS}/480p15/Neuron.png"
    text = " ".join(page.text)
    assert "Linear algebra · 0:02" in text  # Neuron: 40 frames at 15 fps = 2.67 s
    assert "Calculus · 0:02" in text  # ChainRule: 30 frames
    assert "Other clips" in text and "Sketch" in text
    links = {a["href"]: a for a in page.all("a")}
    expected = {
        "480p15/Neuron.srt": "subtitles",
        "480p15/gif/Neuron.gif": "GIF",
        "480p15/slides/Neuron.html": "HTML",  # a deck: linked at the top of its folder
        "480p15/alpha/Neuron.webm": "transparent video",
        "480p15/Neuron.values.json": "values",
        "480p15/lecture.srt": "subtitles",
        "480p15/chapters.txt": "chapters",
        "480p15/thumbnail.png": "thumbnail",
        "480p15/slides/lesson.html": "HTML",
        "480p15/slides/lesson.pdf": "PDF",
    }
    names = {a["href"]: text for a, text in zip(page.all("a"), page.link_texts)}
    assert {h: names.get(h) for h in expected} == expected
    assert "480p15/slides/Neuron.json" not in links  # manim-slides' own file
    assert [b["data-seek"] for b in page.all("button")] == ["0", "1"]
    assert "chapter-1" not in index.read_text()  # the lecture's parts are not clips
    assert_self_contained(index)


def test_gallery_of_an_empty_folder(tmp_path):
    index = write_gallery(tmp_path)
    assert "Nothing rendered yet" in index.read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]


def test_posters_are_taken_again_only_for_newer_videos(renders):
    write_gallery(renders)
    poster = renders / POSTERS / "480p15" / "Neuron.png"
    first = poster.stat().st_mtime_ns
    write_gallery(renders)
    assert poster.stat().st_mtime_ns == first
    video = renders / "480p15" / "Neuron.mp4"
    os.utime(video, ns=(first + 10**9, first + 10**9))
    write_gallery(renders)
    assert poster.stat().st_mtime_ns > first


def test_every_video_plays_in_chromium(renders, chromium, tmp_path):
    result = check_page(write_gallery(renders), chromium, tmp_path / "profile")
    assert len(result.videos) == 5
    assert all(v.ok for v in result.videos), result.videos
    assert result.errors == ()
    assert all(url.startswith(("file:", "data:")) for url in result.requests), result.requests


def test_the_browser_check_fails_on_a_broken_video(renders, chromium, tmp_path):
    index = write_gallery(renders)
    (renders / "480p15" / "ChainRule.mp4").write_bytes(b"\0" * 1000)  # corrupt
    shutil.move(renders / "480p15" / "Sketch.mp4", renders / "Sketch.mp4")  # missing
    result = check_page(index, chromium, tmp_path / "profile")
    broken = {v.src for v in result.videos if not v.ok}
    assert broken == {"480p15/ChainRule.mp4", "480p15/Sketch.mp4"}
    assert result.errors, "a missing file must show as an error"
