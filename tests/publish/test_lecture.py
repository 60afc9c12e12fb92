"""``mathdl-anim lecture`` end to end at 480p15, on three scenes of three chapters of the short
test lesson (:mod:`tests.pipeline.lesson`, four chapters).

Expected values are computed here from the files themselves (container durations read with
PyAV, frame counts by demuxing), not with the lecture's own timeline code.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import av
import pytest
import srt
from PIL import Image

from tests.browser import assert_self_contained, check_page
from tests.pipeline import run
from tests.pipeline.lesson import CHAPTERS

pytestmark = pytest.mark.render

#: One scene from each of three chapters: the fewest chapters YouTube accepts.
SUBSET = ("TurningWheel", "AddingArrows", "GrowingBar")  # any order: lesson order wins
IN_ORDER = ("AddingArrows", "GrowingBar", "TurningWheel")


@dataclass(frozen=True)
class Runs:
    out: Path
    first: subprocess.CompletedProcess
    second: subprocess.CompletedProcess
    second_seconds: float
    second_mtime: int
    third: subprocess.CompletedProcess
    third_mtime: int
    fourth: subprocess.CompletedProcess

    @property
    def folder(self) -> Path:
        return self.out / "480p15"


@pytest.fixture(scope="module")
def lecture(tmp_path_factory) -> Runs:
    out = tmp_path_factory.mktemp("renders")
    args = ("lecture", *SUBSET, "-q", "l", "--jobs", "2", "--out", out)
    first = run(*args)
    assert first.returncode == 0, first.stderr
    mtime = (out / "480p15" / "lecture.mp4").stat().st_mtime_ns
    start = time.perf_counter()
    second = run(*args)
    second_seconds = time.perf_counter() - start
    second_mtime = (out / "480p15" / "lecture.mp4").stat().st_mtime_ns
    assert second_mtime == mtime, "nothing changed: the lecture must not be joined again"
    # a card whose record no longer matches is rendered again, and only it
    record = out / "480p15" / ".lecture" / "chapter-2.json"
    record.write_text(json.dumps({"fingerprint": "stale"}))
    third = run(*args)
    third_mtime = (out / "480p15" / "lecture.mp4").stat().st_mtime_ns
    # a lecture joined from other parts is joined again, rendering nothing
    joined = out / "480p15" / ".lecture" / "lecture.json"
    joined.write_text(json.dumps({"parts": ["other"]}))
    fourth = run(*args)
    return Runs(out, first, second, second_seconds, second_mtime, third, third_mtime, fourth)


def clip_files(folder: Path) -> list[Path]:
    """The lecture's clips in playing order: each chapter's card, then its scene."""
    return [
        p
        for k, name in enumerate(IN_ORDER, 1)
        for p in (folder / ".lecture" / f"chapter-{k}.mp4", folder / f"{name}.mp4")
    ]


def seconds(path: Path) -> float:
    with av.open(str(path)) as container:
        return container.duration / 1e6


def packets(path: Path) -> int:
    with av.open(str(path)) as container:
        return sum(1 for p in container.demux(video=0) if p.size)


def starts(folder: Path) -> list[float]:
    clock, out = 0.0, []
    for clip in clip_files(folder):
        out.append(clock)
        clock += seconds(clip)
    return out


def test_lecture_writes_its_files(lecture):
    assert lecture.first.stderr == ""
    names = {p.name for p in lecture.folder.iterdir()}
    assert {
        "lecture.mp4",
        "chapters.txt",
        "lecture.srt",
        "thumbnail.png",
        *(f"{n}.mp4" for n in IN_ORDER),
    } <= names
    assert not any(n.endswith(".part") or ".part." in n for n in names)
    assert not (lecture.out / ".work").exists()


def test_lecture_video_is_the_clips_end_to_end(lecture):
    video = lecture.folder / "lecture.mp4"
    clips = clip_files(lecture.folder)
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        assert (stream.codec_context.name, stream.codec_context.pix_fmt) == ("h264", "yuv420p")
        assert (stream.width, stream.height, stream.average_rate) == (854, 480, 15)
        decoded = sum(1 for _ in container.decode(stream))
    assert decoded == packets(video) == sum(packets(c) for c in clips)
    assert seconds(video) == pytest.approx(sum(seconds(c) for c in clips), abs=1 / 15)
    assert video.stat().st_size < sum(c.stat().st_size for c in clips) * 1.02  # copied, not re-encoded


def test_chapters_match_the_real_durations(lecture):
    at = starts(lecture.folder)
    card_starts = at[0::2]  # each chapter starts at its card
    expected = [
        f"{math.ceil(t - 1e-6) // 60:02d}:{math.ceil(t - 1e-6) % 60:02d} {CHAPTERS[k]}"
        for k, t in enumerate(card_starts)
    ]
    lines = (lecture.folder / "chapters.txt").read_text().splitlines()
    assert lines == expected
    # YouTube: first at 00:00, at least three, each at least ten seconds
    assert lines[0].startswith("00:00 ") and len(lines) >= 3
    ends = card_starts[1:] + [seconds(lecture.folder / "lecture.mp4")]
    assert all(e - s >= 10 for s, e in zip(card_starts, ends))
    assert "YouTube will not show" not in lecture.first.stdout


def test_the_lecture_carries_its_chapters_for_players(lecture):
    """The chapters are inside lecture.mp4 too (a player's chapter menu): each starts at its
    card, to the millisecond, and the last ends with the video."""
    card_starts = starts(lecture.folder)[0::2]
    with av.open(str(lecture.folder / "lecture.mp4")) as container:
        chapters = container.chapters()
    assert [c["metadata"]["title"] for c in chapters] == [CHAPTERS[k] for k in range(len(card_starts))]
    got = [float(c["start"] * c["time_base"]) for c in chapters]
    assert got == pytest.approx(card_starts, abs=1e-3)
    ends = [float(c["end"] * c["time_base"]) for c in chapters]
    assert ends[:-1] == pytest.approx(got[1:], abs=1e-3)
    assert ends[-1] == pytest.approx(seconds(lecture.folder / "lecture.mp4"), abs=1 / 15)


def test_subtitles_stay_inside_their_scene(lecture):
    cues = list(srt.parse((lecture.folder / "lecture.srt").read_text(encoding="utf-8")))
    at = starts(lecture.folder)
    clips = clip_files(lecture.folder)
    spans = [(a, a + seconds(c)) for a, c in zip(at, clips)]
    ms = timedelta(milliseconds=1)
    for c in cues:
        assert any(
            timedelta(seconds=a) - ms <= c.start < c.end <= timedelta(seconds=b) + ms for a, b in spans
        ), f"cue {c.index} crosses a clip's edge"
    assert [c.index for c in cues] == list(range(1, len(cues) + 1))
    assert cues == sorted(cues, key=lambda c: c.start)
    for k, (a, _b) in enumerate(spans[0::2]):  # one cue per card: its chapter
        card = [c for c in cues if abs(c.start.total_seconds() - a) < 0.002]
        assert [c.content for c in card] == [f"Chapter {k + 1} of 4: {CHAPTERS[k]}"]
    for name, (a, b) in zip(IN_ORDER, spans[1::2]):  # a scene's own cues, moved by its start
        own_file = lecture.folder / f"{name}.srt"
        if not own_file.is_file():
            continue
        own = [c for c in srt.parse(own_file.read_text(encoding="utf-8")) if c.start.total_seconds() < b - a]
        here = [c for c in cues if a - 0.002 <= c.start.total_seconds() < b - 0.002]  # srt: ms
        assert [c.content for c in here] == [c.content for c in own]
        first = a + own[0].start.total_seconds()
        assert here[0].start.total_seconds() == pytest.approx(first, abs=0.002)


def test_thumbnail_is_youtube_sized(lecture):
    with Image.open(lecture.folder / "thumbnail.png") as image:
        assert (image.format, image.size) == ("PNG", (1280, 720))
        assert len(image.convert("RGB").getcolors(1 << 20)) > 50  # a picture, not a blank frame


def test_second_run_renders_nothing(lecture):
    assert lecture.second.returncode == 0, lecture.second.stderr
    assert "7 of 7 part(s) up to date, 0 to render" in lecture.second.stdout
    assert "rendering" not in lecture.second.stdout
    print(f"second run with nothing changed: {lecture.second_seconds:.1f} s")


def test_a_changed_part_alone_is_rendered_again(lecture):
    assert lecture.third.returncode == 0, lecture.third.stderr
    assert "6 of 7 part(s) up to date, 1 to render" in lecture.third.stdout
    assert f"card 2: {CHAPTERS[1]}" in lecture.third.stdout
    # rendered from the same inputs, the card is the same clip: the lecture is not joined again
    assert lecture.third_mtime == lecture.second_mtime


def test_a_lecture_from_other_parts_is_joined_again(lecture):
    assert lecture.fourth.returncode == 0, lecture.fourth.stderr
    assert "7 of 7 part(s) up to date, 0 to render" in lecture.fourth.stdout
    assert "joined: 6 clips" in lecture.fourth.stdout
    assert (lecture.folder / "lecture.mp4").stat().st_mtime_ns != lecture.third_mtime


def test_gallery_plays_the_lecture(lecture, chromium, tmp_path):
    index = lecture.out / "index.html"
    assert_self_contained(index)
    result = check_page(index, chromium, tmp_path / "profile")
    expected = ["480p15/lecture.mp4", *(f"480p15/{n}.mp4" for n in IN_ORDER)]
    assert [v.src for v in result.videos] == expected
    assert all(v.ok for v in result.videos), result.videos
    assert result.errors == ()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lecture", "Nope"], "unknown scene 'Nope'"),
        (["lecture", "--jobs", "0"], "jobs must be between"),
        (["lecture", "-q", "x"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path, args, message):
    result = run(*args, "--out", tmp_path / "out")
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert not (tmp_path / "out").exists()


def test_failed_render_is_exit_1_with_the_reason(tmp_path):
    env = {**os.environ, "PATH": str(tmp_path)}  # no latex, no dvisvgm
    result = run("lecture", "AddingArrows", "-q", "l", "--out", tmp_path / "out", env=env)
    assert result.returncode == 1
    assert "latex" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "480p15" / "lecture.mp4").exists()


def test_lecture_and_its_clips_carry_the_subtitles_as_a_soft_track(lecture):
    from mathdl_anim.render.soundtrack import read_subtitles

    for video in [lecture.folder / "lecture.mp4", *(lecture.folder / f"{n}.mp4" for n in IN_ORDER)]:
        name = "lecture.srt" if video.stem == "lecture" else f"{video.stem}.srt"
        cues = srt.parse((lecture.folder / name).read_text(encoding="utf-8"))
        expected = [(c.content, c.start.total_seconds(), c.end.total_seconds()) for c in cues]
        assert read_subtitles(video) == expected, video.name


def test_lecture_encode_publish_is_joined_again_smaller(lecture):
    """``--encode publish`` (last: it replaces the lecture): nothing rendered again, the lecture
    encoded again: smaller, as long, the same subtitles; then a fast lecture is joined again."""
    from mathdl_anim.render import soundtrack

    video = lecture.folder / "lecture.mp4"
    fast_size, fast_seconds = video.stat().st_size, seconds(video)
    cues = soundtrack.read_subtitles(video)
    args = ("lecture", *SUBSET, "-q", "l", "--jobs", "2", "--out", lecture.out)
    published = run(*args, "--encode", "publish")
    assert published.returncode == 0, published.stderr
    assert "7 of 7 part(s) up to date, 0 to render" in published.stdout
    assert "joined: 6 clips" in published.stdout
    assert video.stat().st_size < 0.8 * fast_size
    assert seconds(video) == pytest.approx(fast_seconds, abs=0.1)
    assert soundtrack.read_subtitles(video) == cues
    again = run(*args)
    assert again.returncode == 0 and "joined: 6 clips" in again.stdout  # the fast one back
