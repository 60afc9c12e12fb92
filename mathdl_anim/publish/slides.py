"""``mathdl-anim slides``: the lesson as a slide deck, and stills, GIFs and transparent videos.

For each scene two renders run in worker processes (``--jobs`` at once), each in a private work
folder like :func:`mathdl_anim.render.render_one`:

* the slide version of the scene (:func:`~mathdl_anim.scene.slide_scene.slide_class`): one
  video per step and the step's last frame, then a GIF of the whole scene;
* the plain scene with a transparent background (``--alpha webm``: VP9 with alpha; ``mov``:
  QuickTime Animation with alpha; ``none``: skipped).

When every scene succeeded, the deck of the chosen scenes is written (:mod:`mathdl_anim.publish.deck`).
Files land in the render folder (``renders/1080p60`` at ``-q h``) by :func:`os.replace`::

    slides/lesson.html  lesson.pptx  lesson.pdf     the deck (another name for a subset)
    slides/<Scene>.json, slides/files/<Scene>/<Scene>-NN.mp4
                                                     each scene's slides, for manim-slides
    steps/<Scene>-NN.png                             the last frame of each step
    gif/<Scene>.gif                                  the scene, 480 px (long side), 10 fps
    alpha/<Scene>.webm (or .mov)                     the scene on a transparent background
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mathdl_anim.core.errors import InputError, one_line
from mathdl_anim.lesson.registry import find_scene, scene_names
from mathdl_anim.render.errors import RenderError
from mathdl_anim.render.options import output_folder
from mathdl_anim.render.scenes import RenderTask, run_pool
from mathdl_anim.render.tex import cache_or_private, publish_tex, render_options
from mathdl_anim.render.workdir import remove_folder, work_folder

__all__ = [
    "ALPHA_FORMATS",
    "SlidesJob",
    "JobResult",
    "deck_name",
    "render_slides",
    "render_alpha",
    "make_slides",
]

#: ``--alpha`` choices, default first: the container of the transparent version.
ALPHA_FORMATS = ("webm", "mov", "none")


@dataclass(frozen=True)
class SlidesJob:
    """One render for the slides command: ``kind`` is ``"slides"`` or an alpha format."""

    task: RenderTask
    kind: str


@dataclass(frozen=True)
class JobResult:
    """What a job wrote and how long it took."""

    scene: str
    kind: str
    files: tuple[Path, ...]
    seconds: float


def deck_name(scenes: Sequence[str]) -> str:
    """``lesson`` for the whole lesson, else the scene names joined by ``+`` (or a digest).

    >>> deck_name(["ChainRule"])
    'ChainRule'
    """
    if list(scenes) == scene_names():
        return "lesson"
    joined = "+".join(scenes)
    if len(joined) <= 100:
        return joined
    return "lesson-" + hashlib.sha1(joined.encode()).hexdigest()[:10]


@contextmanager
def _rendering(task: RenderTask, quality: str, out: Path, **extra) -> Iterator[tuple]:
    """Yield ``(spec, work, folder)`` inside manim's config for ``task``; clean up after.

    ``work`` is a private folder (removed afterwards), ``folder`` the final render folder.
    """
    from manim import tempconfig

    from mathdl_anim.draw.style import use_theme

    spec = find_scene(task.scene)
    folder = Path(out) / output_folder(quality, task.theme, task.aspect, task.voice)
    work = work_folder(out, spec.name)
    try:
        for name in ("manim", "manim-slides"):
            logging.getLogger(name).setLevel(logging.WARNING)
        logging.getLogger("manim").addFilter(_expected_warnings)
        options, tex_dir = render_options(
            work, quality, task.theme, task.aspect, output_file=spec.name, **extra
        )
        with tempconfig(options), use_theme(task.theme):
            yield spec, work, folder
        publish_tex(tex_dir)
    finally:
        remove_folder(work)


def _expected_warnings(record: logging.LogRecord) -> bool:
    """Drop manim's warnings that transparency changes the container and webm is slower."""
    return not str(record.msg).startswith(("Output format changed", "Output format set as webm"))


def _remove_stale(folder: Path, scene: str, count: int, suffix: str) -> None:
    """Delete ``<scene>-NN<suffix>`` with NN > count, left by an earlier, longer version."""
    pattern = re.compile(rf"{re.escape(scene)}-(\d+){re.escape(suffix)}")
    for path in folder.glob(f"{scene}-*{suffix}") if folder.is_dir() else ():
        match = pattern.fullmatch(path.name)
        if match and int(match.group(1)) > count:
            path.unlink(missing_ok=True)


def _voice(task: RenderTask, work: Path) -> dict:
    """The scene's keyword arguments for ``task``'s voice (none when silent)."""
    if not task.voice:
        return {}
    return {"voice": cache_or_private("voice", work), "voice_engine": task.voice}


def _slide_pieces(scene, movie: Path, clips: Sequence[Path]) -> list[tuple]:
    """For each slide's clip, in order: ``(audio or None, cues)`` of its span of the scene.

    The clips are the scene's movie cut at each step, end to end; each gets its part of the
    scene's normalised sound track and its subtitle cues, moved to start with it.
    """
    import numpy as np

    from mathdl_anim.render import soundtrack

    track = None
    if scene.speech:
        track = soundtrack.normalise(soundtrack.mix(scene.speech, soundtrack.video_seconds(movie)))
    cues = [c for beat in scene.cues for c in beat.subtitles]
    pieces, offset = [], 0.0
    for clip in clips:
        seconds = soundtrack.video_seconds(clip)
        audio = None
        if track is not None:
            a, n = round(offset * soundtrack.RATE), round(seconds * soundtrack.RATE)
            audio = np.zeros(n)
            part = track[a : a + n]
            audio[: len(part)] = part
        mine = [
            (text, max(start, offset) - offset, min(end, offset + seconds) - offset)
            for text, start, end in cues
            if min(end, offset + seconds) - max(start, offset) > 1e-3
        ]
        pieces.append((audio, mine))
        offset += seconds
    return pieces


def render_slides(task: RenderTask, quality: str, out: Path) -> JobResult:
    """Render the slide version of a scene; publish its slides, step PNGs and GIF.

    Call in a worker process: it changes manim's global config.
    """
    from mathdl_anim.publish.exports import write_gif, writing
    from mathdl_anim.render.soundtrack import mux
    from mathdl_anim.scene.slide_scene import slide_class, step_png_name

    start = time.perf_counter()
    with _rendering(task, quality, out) as (spec, work, folder):
        name = spec.name
        scene = slide_class(spec.scene_class())(
            params=task.params,
            output_folder=work / "slides",
            steps_folder=work / "steps",
            **_voice(task, work),
        )
        scene.render()
        movie = Path(scene.renderer.file_writer.movie_file_path)
        presentation = json.loads((work / "slides" / f"{name}.json").read_text())
        count = len(presentation["slides"])
        stills = [work / "steps" / step_png_name(name, k) for k in range(1, count + 1)]
        if not movie.is_file() or not all(p.is_file() for p in stills):
            raise RenderError(f"{name}: manim-slides wrote {count} slide(s) but not every file")
        files_dir = folder / "slides" / "files" / name
        files_dir.mkdir(parents=True, exist_ok=True)
        (folder / "steps").mkdir(parents=True, exist_ok=True)
        relative = []
        pieces = _slide_pieces(scene, movie, [Path(slide["file"]) for slide in presentation["slides"]])
        for k, (slide, still, (audio, cues)) in enumerate(zip(presentation["slides"], stills, pieces), 1):
            video = files_dir / f"{name}-{k:02d}.mp4"
            mux([Path(slide["file"])], video, audio, cues)  # its sound and subtitles, video copied
            os.replace(still, folder / "steps" / still.name)
            relative.append(video.relative_to(folder).as_posix())  # what manim-slides expects
        gif = write_gif(movie, folder / "gif" / f"{name}.gif")
        presentation["slides"] = [
            dict(slide, file=rel, rev_file=rel) for slide, rel in zip(presentation["slides"], relative)
        ]
        json_path = folder / "slides" / f"{name}.json"
        with writing(json_path) as tmp:
            tmp.write_text(json.dumps(presentation, indent=2))
    _remove_stale(folder / "steps", name, count, ".png")
    _remove_stale(files_dir, name, count, ".mp4")
    return JobResult(name, "slides", (json_path, gif), time.perf_counter() - start)


def render_alpha(task: RenderTask, quality: str, out: Path, fmt: str = "webm") -> JobResult:
    """Render a scene on a transparent background to ``alpha/<Scene>.<fmt>`` (webm or mov)."""
    if fmt not in ALPHA_FORMATS[:-1]:
        raise ValueError(f"unknown alpha format {fmt!r}")
    start = time.perf_counter()
    with _rendering(task, quality, out, format=fmt, transparent=True) as (spec, work, folder):
        scene = spec.scene_class()(params=task.params, **_voice(task, work))  # the same pace, no sound
        scene.render()
        movie = Path(scene.renderer.file_writer.movie_file_path)
        if movie.suffix != f".{fmt}" or not movie.is_file():
            raise RenderError(f"{spec.name}: manim wrote no transparent .{fmt}")
        dest = folder / "alpha" / f"{spec.name}.{fmt}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(movie, dest)
    return JobResult(spec.name, fmt, (dest,), time.perf_counter() - start)


def _run_job(job: SlidesJob, quality: str, out: Path) -> JobResult:
    try:
        if job.kind == "slides":
            return render_slides(job.task, quality, out)
        return render_alpha(job.task, quality, out, job.kind)
    except (RenderError, InputError):
        raise
    except Exception as exc:  # noqa: BLE001 - a failed render is reported, not dumped as a traceback
        raise RenderError.of(job.task.scene, exc) from None


def _run_jobs(jobs: list[SlidesJob], quality: str, out: Path, processes: int) -> int:
    """Run ``jobs`` in ``processes`` worker processes, printing progress; return the failures."""
    return run_pool(
        jobs,
        _run_job,
        quality,
        out,
        processes,
        lambda job, result: f"{result.scene} {result.kind}: {result.seconds:.1f} s -> "
        f"{', '.join(map(str, result.files))}",
    )


def make_slides(
    tasks: list[RenderTask], quality: str, out: Path, jobs: int, alpha: str = "webm", deck_files: bool = False
) -> int:
    """Render the scenes' slides and exports, then their deck; return the exit code.

    Parameters
    ----------
    tasks : list[RenderTask]
        The scenes in lesson order, with their parameters, theme and aspect (all the same).
    quality : str
        ``-q`` flag: l, m, h or k.
    out : Path
        The ``--out`` folder; files go to its render folder (``renders/1080p60``...).
    jobs : int
        Worker processes.
    alpha : str
        One of :data:`ALPHA_FORMATS`.
    deck_files : bool
        The HTML deck keeps its videos as files beside it (else inside it).
    """
    from mathdl_anim.publish.deck import write_deck
    from mathdl_anim.publish.revealjs import RevealError, reveal_dist

    if alpha not in ALPHA_FORMATS:
        raise InputError(f"--alpha: {alpha!r} is not one of {', '.join(ALPHA_FORMATS)}")
    try:
        reveal_dist()  # before the long renders: fail now if reveal.js cannot be had
    except RevealError as exc:
        raise RenderError(str(exc)) from None
    start = time.perf_counter()
    kinds = ("slides",) if alpha == "none" else ("slides", alpha)
    work = [SlidesJob(task, kind) for task in tasks for kind in kinds]
    folder = Path(out) / output_folder(quality, tasks[0].theme, tasks[0].aspect, tasks[0].voice)
    print(
        f"making slides of {len(tasks)} scene(s) in {folder} with {min(jobs, len(work))} process(es)",
        flush=True,
    )
    failed = _run_jobs(work, quality, out, jobs)
    if failed:
        print(
            f"done in {time.perf_counter() - start:.1f} s: {failed} of {len(work)} render(s) "
            "failed, no deck written",
            flush=True,
        )
        return 1
    scenes = [task.scene for task in tasks]
    try:
        deck = write_deck(scenes, folder, deck_name(scenes), deck_files=deck_files)
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback
        print(f"mathdl-anim: error: deck: {one_line(exc)}", file=sys.stderr, flush=True)
        return 1
    print(f"deck of {deck.slides} slides -> {deck.html}, {deck.pptx.name}, {deck.pdf.name}", flush=True)
    print(f"done in {time.perf_counter() - start:.1f} s", flush=True)
    return 0
