"""``mathdl-anim slides``: the deck's slide count and offline-ness, and every export's format.

One run of the command on AddingArrows of the short test lesson (:mod:`tests.pipeline.lesson`)
at 480p15 (slides and transparent WebM in two processes)
feeds every test here. The expected number of slides comes from a separate run of the plain
scene without video: the stretches between its ``mark_step()`` calls that play something.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from mathdl_anim.publish.slides import _remove_stale, deck_name
from tests import pipeline
from tests.pipeline import scenes as pipeline_scenes

SCENE = "AddingArrows"  # of the short test lesson: three beats, about 12 s
WIDTH, HEIGHT = 854, 480  # -q l


def run(*args):
    return subprocess.run([sys.executable, "-m", "mathdl_anim.cli", *args], capture_output=True, text=True)


def count_steps(name: str, media: Path) -> int:
    """Slides a scene should have: its runs of plays separated by ``mark_step()`` (no video)."""
    from manim import tempconfig

    from mathdl_anim.render.options import manim_options
    from mathdl_anim.render.tex import private_tex_dir, publish_tex

    plays_at_marks: list[int] = []

    class Probe(getattr(pipeline_scenes, name)):  # type: ignore[misc]
        plays = 0

        def play(self, *args, **kwargs):
            super().play(*args, **kwargs)
            self.plays += 1  # wait() plays too

        def mark_step(self):
            plays_at_marks.append(self.plays)

    tex_dir = private_tex_dir(media)
    with tempconfig(manim_options(media, "l", write_to_movie=False, dry_run=True, tex_dir=str(tex_dir))):
        scene = Probe()
        scene.render()
    publish_tex(tex_dir)
    bounds = [0, *plays_at_marks, scene.plays]
    return sum(1 for a, b in zip(bounds, bounds[1:]) if b > a)


def _notes(folder: Path) -> list[str]:
    """The speaker notes of the deck's slides, in order (manim-slides' JSON)."""
    return [s["notes"] for s in json.loads((folder / "slides" / f"{SCENE}.json").read_text())["slides"]]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Run ``slides AddingArrows -q l`` once: ``(folder, expected slide count, stdout)``."""
    out = tmp_path_factory.mktemp("slides")
    result = pipeline.run("slides", "adding-arrows", "-q", "l", "--out", str(out), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    expected = count_steps(SCENE, tmp_path_factory.mktemp("probe"))
    return out / "480p15", expected, result.stdout


class _Refs(HTMLParser):
    """Every attribute value and every <style> text of a page, and its slides."""

    def __init__(self):
        super().__init__()
        self.attrs: list[tuple[str, str, str]] = []
        self.styles: list[str] = []
        self.videos: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            self.attrs.append((tag, name, value or ""))
        if tag == "section":
            video = dict(attrs).get("data-background-video")
            if video:
                self.videos.append(video)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


@pytest.mark.render
def test_scene_slides_json_and_videos(made):
    from manim_slides.config import PresentationConfig

    folder, expected, _ = made
    # AddingArrows writes its title, then plays three beats: a step each
    assert expected >= 2
    presentation = PresentationConfig.from_file(folder / "slides" / f"{SCENE}.json")
    assert len(presentation.slides) == expected
    names = [s.file.name for s in presentation.slides]
    assert names == [f"{SCENE}-{k:02d}.mp4" for k in range(1, expected + 1)]
    assert sorted(p.name for p in (folder / "slides" / "files" / SCENE).iterdir()) == names
    notes = [s.notes for s in presentation.slides]
    assert notes[0] == "" and all(notes[1:]), "each captioned step has the narration as notes"


def _last_frame(video: Path) -> np.ndarray:
    with av.open(str(video)) as container:
        frame = None
        for frame in container.decode(video=0):  # noqa: B007 - the last one is kept
            pass
        return frame.to_ndarray(format="rgb24")


@pytest.mark.render
def test_step_pngs_are_the_last_frame_of_each_slide(made):
    folder, expected, _ = made
    stills = sorted((folder / "steps").glob(f"{SCENE}-*.png"))
    assert [p.name for p in stills] == [f"{SCENE}-{k:02d}.png" for k in range(1, expected + 1)]
    for k, still in enumerate(stills, 1):
        assert still.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        image = Image.open(still)
        assert image.size == (WIDTH, HEIGHT) and image.mode == "RGB"
        assert 5_000 < still.stat().st_size < 500_000
        video = folder / "slides" / "files" / SCENE / f"{SCENE}-{k:02d}.mp4"
        diff = np.abs(np.asarray(image, dtype=int) - _last_frame(video).astype(int))
        assert diff.mean() < 3, f"step {k}: the PNG is not the slide's last frame"
    first, last = (np.asarray(Image.open(p)) for p in (stills[0], stills[-1]))
    assert np.abs(first.astype(int) - last).mean() > 1  # the steps differ


@pytest.mark.render
def test_html_deck_is_one_file_without_network_references(made):
    folder, expected, _ = made
    page = folder / "slides" / f"{SCENE}.html"  # a subset deck is named after its scenes
    assert deck_name([SCENE]) == SCENE
    text = page.read_text(encoding="utf-8")
    refs = _Refs()
    refs.feed(text)
    assert len(refs.videos) == expected
    assert all(v.startswith("data:video/mp4;base64,") for v in refs.videos)
    loading = {
        "src",
        "href",
        "poster",
        "srcset",
        "data-background-video",
        "data-background-image",
        "data-background-iframe",
        "data",
    }
    for tag, name, value in refs.attrs:
        assert not re.match(r"\s*(https?:)?//", value, re.I), (tag, name, value[:80])
        if name in loading:  # nothing to fetch beside the file either
            assert value.startswith("data:"), (tag, name, value[:80])
    for css in refs.styles:
        assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", css, re.I)
        assert "@import" not in css
    assert "Reveal.initialize" in text and "cdn.jsdelivr" not in text
    embedded = sum(p.stat().st_size for p in (folder / "slides" / "files" / SCENE).iterdir())
    assert embedded * 4 / 3 < page.stat().st_size < embedded * 4 / 3 + 3_000_000


@pytest.mark.render
def test_html_deck_plays_offline_in_chromium(made, tmp_path):
    browser = pytest.importorskip("tests.browser")
    binary = browser.find_chromium()
    if binary is None:
        pytest.skip("no Chromium")
    folder, _, _ = made
    check = browser.check_page(folder / "slides" / f"{SCENE}.html", binary, tmp_path)
    assert check.errors == ()
    assert all(url.split(":", 1)[0] in ("file", "data") for url in check.requests), check.requests
    assert check.videos and all(v.ok for v in check.videos)  # reveal.js loads the nearby slides


_READY = "new Promise(r => Reveal.isReady() ? r() : Reveal.on('ready', () => r()))"


@pytest.mark.render
def test_the_address_shows_the_slide(made, chromium, tmp_path):
    """reveal.js's ``hash``: an address with a slide opens it, and moving changes the address."""
    from tests.browser import evaluate_in_page

    binary = chromium
    folder, expected, _ = made
    deck = folder / "slides" / f"{SCENE}.html"
    opened = evaluate_in_page(
        deck, binary, tmp_path / "a", f"{_READY}.then(() => Reveal.getIndices().h)", "/2"
    )
    assert opened == 2
    moved = evaluate_in_page(
        deck,
        binary,
        tmp_path / "b",
        f"{_READY}.then(() => {{ Reveal.slide({expected - 1}); "
        "return new Promise(r => setTimeout(() => r(location.hash), 2500)); })",
    )
    assert moved == f"#/{expected - 1}"


@pytest.mark.render
def test_a_deck_with_its_videos_as_files(made, chromium, tmp_path):
    """``--deck-files``: a small HTML, its videos in a folder beside it, linked relatively;
    it plays offline in Chromium; the one-file deck stays the default."""
    from mathdl_anim.publish.deck import deck_files_dir, load_presentation, write_html
    from tests.browser import check_page

    folder, expected, _ = made
    presentation = load_presentation(folder / "slides", SCENE)
    dest = write_html([presentation], tmp_path / "deck" / "talk.html", files=True)
    videos = sorted(deck_files_dir(dest).iterdir())
    assert len(videos) == expected and all(v.suffix == ".mp4" for v in videos)
    embedded = (folder / "slides" / f"{SCENE}.html").stat().st_size  # videos inside, as base64
    assert dest.stat().st_size < embedded - sum(v.stat().st_size for v in videos)
    page = dest.read_text(encoding="utf-8")
    assert "data:video" not in page and all(f"talk_files/{v.name}" in page for v in videos)
    assert sorted(p.name for p in dest.parent.iterdir()) == ["talk.html", "talk_files"]  # no work left
    check = check_page(dest, chromium, tmp_path / "chromium")
    assert check.errors == ()
    assert all(url.split(":", 1)[0] in ("file", "data") for url in check.requests), check.requests
    assert sum(1 for url in check.requests if "/talk_files/" in url) >= 1  # the videos, as files
    assert check.videos and all(v.ok for v in check.videos)
    # written again as one file, the folder goes
    write_html([presentation], dest)
    assert sorted(p.name for p in dest.parent.iterdir()) == ["talk.html"]


@pytest.mark.render
def test_pptx_deck(made):
    import pptx

    folder, expected, _ = made
    path = folder / "slides" / f"{SCENE}.pptx"
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    assert len([n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]) == expected
    assert len([n for n in names if re.fullmatch(r"ppt/media/media\d+\.mp4", n)]) == expected
    deck = pptx.Presentation(str(path))
    assert (deck.slide_width, deck.slide_height) == (12_192_000, 6_858_000)  # 13.33 x 7.5 in
    assert 100_000 < path.stat().st_size < 20_000_000
    props = deck.core_properties
    assert props.title == "Adding arrows" and props.author == props.last_modified_by == "mathdl-anim"
    assert props.modified is not None and props.modified.year >= 2026
    p = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    for number, slide in enumerate(deck.slides, 1):
        (movie,) = slide.shapes
        # the poster is the step's last frame, as saved for the PDF
        blip = movie.element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
        rel = blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
        poster = Image.open(io.BytesIO(slide.part.related_part(rel).blob)).convert("RGB")
        last = Image.open(folder / "steps" / f"{SCENE}-{number:02d}.png").convert("RGB")
        assert np.array_equal(np.asarray(poster), np.asarray(last)), number
        # it plays by itself: a media call in the main sequence, after the slide begins
        timing = slide.element.find(f"{p}timing")
        (main,) = [c for c in timing.iter(f"{p}cTn") if c.get("nodeType") == "mainSeq"]
        (call,) = main.iter(f"{p}cmd")
        assert call.get("type") == "call" and call.get("cmd") == "playFrom(0.0)"
        assert call.find(f".//{p}spTgt").get("spid") == str(movie.shape_id)
        (effect,) = [c for c in main.iter(f"{p}cTn") if c.get("presetClass") == "mediacall"]
        assert effect.get("nodeType") == "afterEffect"
        starts = [c for c in main.iter(f"{p}cond") if c.get("evt") == "onBegin"]
        assert starts
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        assert notes == _notes(folder)[number - 1]
    assert sum(1 for n in _notes(folder) if n) >= len(deck.slides) - 1  # only the opening is silent


@pytest.mark.render
def test_pdf_deck(made):
    folder, expected, _ = made
    data = (folder / "slides" / f"{SCENE}.pdf").read_bytes()
    assert data[:5] == b"%PDF-"
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == expected
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert len(boxes) == expected
    width, height = map(float, boxes[0])
    assert width == pytest.approx(960, abs=1) and width / height == pytest.approx(WIDTH / HEIGHT)
    assert 20_000 < len(data) < 5_000_000
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "Adding arrows" and reader.metadata.author == "mathdl-anim"
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    narrations = [" ".join(n.split()) for n in _notes(folder)]
    assert len(texts) == len(narrations) == expected
    for text, narration in zip(texts, narrations):
        assert narration in text  # each page says what its step says, as text
    said = getattr(pipeline_scenes, SCENE).SCRIPT.keys
    assert sum(1 for t in texts if t) >= len(said)  # every beat's page has words


@pytest.mark.render
def test_gif(made):
    folder, _, _ = made
    path = folder / "gif" / f"{SCENE}.gif"
    assert path.read_bytes()[:6] == b"GIF89a"
    image = Image.open(path)
    assert image.size == (480, 270)
    assert image.n_frames > 20
    duration_ms = 0
    for k in range(image.n_frames):
        image.seek(k)
        duration_ms += image.info["duration"]
    slides = sorted((folder / "slides" / "files" / SCENE).iterdir())
    video_s = 0.0
    for video in slides:
        with av.open(str(video)) as container:
            video_s += container.duration / 1e6
    assert duration_ms / 1000 == pytest.approx(video_s, rel=0.1)
    assert 50_000 < path.stat().st_size < 5_000_000


@pytest.mark.render
def test_transparent_webm_has_an_alpha_channel(made):
    folder, _, _ = made
    path = folder / "alpha" / f"{SCENE}.webm"
    assert path.read_bytes()[:4] == b"\x1a\x45\xdf\xa3"  # EBML: Matroska/WebM
    decoder = av.CodecContext.create("libvpx-vp9", "r")  # ffmpeg's own vp9 decoder drops alpha
    frames = 0
    last = None
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        assert (stream.width, stream.height) == (WIDTH, HEIGHT)
        assert stream.codec_context.name == "vp9"
        for packet in container.demux(stream):
            for frame in decoder.decode(packet):
                frames += 1
                last = frame
    assert frames > 30 and last.format.name == "yuva420p"
    alpha = last.to_ndarray(format="rgba")[..., 3]
    assert (alpha == 0).mean() > 0.5  # the background is see-through
    assert (alpha == 255).mean() > 0.005  # the drawing is not
    assert 100_000 < path.stat().st_size < 20_000_000


@pytest.mark.render
def test_progress_lines(made):
    _, _, stdout = made
    assert f"{SCENE} slides:" in stdout and f"{SCENE} webm:" in stdout and "deck of" in stdout


def test_remove_stale_keeps_the_current_steps(tmp_path):
    for name in ("Neuron-01.png", "Neuron-02.png", "Neuron-03.png", "NeuronX-09.png", "Neuron-02.pngx"):
        (tmp_path / name).write_bytes(b"")
    _remove_stale(tmp_path, "Neuron", 2, ".png")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "Neuron-01.png",
        "Neuron-02.png",
        "Neuron-02.pngx",
        "NeuronX-09.png",
    ]


def test_deck_names():
    from mathdl_anim.lesson.registry import scene_names

    assert deck_name(scene_names()) == "lesson"
    assert deck_name(["Neuron", "ChainRule"]) == "Neuron+ChainRule"
    assert deck_name(scene_names()[:-1]).startswith("lesson-")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["slides", "Nope"], "unknown scene 'Nope'"),
        (["slides", "Neuron", "--set", "Q=1"], "unknown parameter 'Q'"),
        (["slides", "--alpha", "gif"], "invalid choice"),
        (["slides", "--jobs", "0"], "jobs must be between"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path, args, message):
    result = run(*args, "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert not (tmp_path / "out").exists()


def test_missing_latex_is_one_line_exit_1(tmp_path):
    import os

    env = {**os.environ, "PATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "mathdl_anim.cli", "slides", "Neuron", "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "latex" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.render
def test_the_gallery_of_a_slides_run_shows_what_it_made(made):
    """``slides`` alone into an empty folder: its page lists the deck, the GIF, the transparent
    clip and the stills (not "Nothing rendered yet")."""
    from urllib.parse import unquote

    from tests.browser import assert_self_contained, read_page

    folder, expected, _ = made
    index = folder.parent / "index.html"
    page = read_page(index)
    assert "Nothing rendered yet" not in index.read_text()
    names = {unquote(a["href"]): text for a, text in zip(page.all("a"), page.link_texts)}
    for suffix, name in ((".html", "HTML"), (".pptx", "PPTX"), (".pdf", "PDF")):
        assert names.get(f"480p15/slides/{SCENE}{suffix}") == name
    assert names.get(f"480p15/gif/{SCENE}.gif") == "GIF"
    assert names.get(f"480p15/alpha/{SCENE}.webm") == "transparent video"
    stills = [h for h in names if h.startswith(f"480p15/steps/{SCENE}-")]
    assert len(stills) == expected
    (shown,) = [img for img in page.all("img")]
    assert unquote(shown["src"]) == f"480p15/gif/{SCENE}.gif" and shown["alt"] == "Adding arrows"
    assert_self_contained(index)
