"""Rendering scenes into ``renders/<folder>/<Scene>.mp4`` with their values beside them.

Each scene renders in its own process (``--jobs`` of them at once) inside a private work folder;
the finished video, its ``.values.json`` and its subtitles (``.srt``, from the narration) are
moved to their final names with :func:`os.replace`, so an interrupted or failed render never
leaves a half-written file there; after an interrupt nothing is moved
(:mod:`mathdl_anim.render.pool`). manim writes a silent video; its packets are then copied into
the final MP4 with the subtitles as a soft track and, for a voiced render, the speech mixed
into one normalised sound track (:mod:`mathdl_anim.render.soundtrack`).
"""

from __future__ import annotations

import dataclasses
import gc
import json
import multiprocessing
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol, overload

from mathdl_anim.core.errors import InputError
from mathdl_anim.files import move_into_place, write_text_atomic
from mathdl_anim.lesson.registry import find_scene
from mathdl_anim.render.errors import RenderError
from mathdl_anim.render.fingerprint import fingerprint
from mathdl_anim.render.options import QUALITIES, output_folder
from mathdl_anim.render.pool import run_pool
from mathdl_anim.render.tex import cache_or_private, publish_tex, render_options
from mathdl_anim.render.workdir import remove_folder, work_folder

__all__ = ["RenderTask", "RenderResult", "render_one", "render_in_worker", "render_all", "run_pool"]


@dataclass(frozen=True)
class RenderTask:
    """One scene to render with the user's parameter values (JSON, validated).

    ``theme`` is a key of :data:`~mathdl_anim.lesson.palette.THEMES`, ``aspect`` one of :data:`ASPECTS`;
    ``voice`` names the speech engine (``"piper"``, ``"espeak"``) that speaks the narration
    too, or is empty (silent). ``encode`` is ``"fast"`` or ``"publish"``: the final video
    encoded again for upload, into its own folder (:data:`~mathdl_anim.render.soundtrack.ENCODES`).
    """

    scene: str
    params: dict[str, Any] = field(default_factory=dict)
    theme: str = "dark"
    aspect: str = "16:9"
    voice: str = ""
    encode: str = "fast"


@dataclass(frozen=True)
class Drawn:
    """What a scene's render left in its work folder: the silent movie, its values, the
    speech to lay on it ``(wav, start)``, its subtitle cues ``(text, start, end)``."""

    values: dict
    movie: Path
    speech: tuple[tuple[Path, float], ...]
    cues: tuple[tuple[str, float, float], ...]
    speaking: float


@dataclass(frozen=True)
class RenderResult:
    """Where a scene's video went and how long it took (``speaking``: of it, making speech)."""

    scene: str
    video: Path
    values: Path
    seconds: float
    speaking: float = 0.0


def _draw(task: RenderTask, quality: str, work: Path, helpers: int = 0) -> Drawn:
    """Run the scene in manim with ``work`` as its media folder (in a worker process).

    ``helpers`` more processes may draw some of its animations (:mod:`mathdl_anim.engine.renderer`).
    """
    import logging

    from manim import tempconfig

    from mathdl_anim.draw.style import use_theme

    spec = find_scene(task.scene)
    scene_class = spec.scene_class()  # imported with everything it needs
    if multiprocessing.parent_process() is not None and not gc.get_freeze_count():
        # the first scene of a worker process: only imports so far, which live as long as
        # the process; the collector need not visit them again
        gc.freeze()
    logging.getLogger("manim").setLevel(logging.WARNING)
    options, tex_dir = render_options(work, quality, task.theme, task.aspect, output_file=spec.name)
    with tempconfig(options), use_theme(task.theme):
        voice = cache_or_private("voice", work) if task.voice else None  # where the speech WAVs go
        engine = {"voice_engine": task.voice} if isinstance(task.voice, str) and task.voice else {}
        scene = scene_class(params=task.params, voice=voice, helpers=helpers, **engine)
        try:
            scene.render()
        finally:
            scene.renderer.stop_helpers()
        movie = Path(scene.renderer.file_writer.movie_file_path)
    publish_tex(tex_dir)
    cues = tuple(c for beat in scene.cues for c in beat.subtitles)
    return Drawn(scene.values, movie, tuple(scene.speech), cues, scene.speaking)


def read_srt(path: Path) -> tuple[tuple[str, float, float], ...]:
    """The cues of an ``.srt`` file: ``(text, start, end)`` in seconds."""
    import srt

    cues = srt.parse(Path(path).read_text(encoding="utf-8"))
    return tuple((c.content, c.start.total_seconds(), c.end.total_seconds()) for c in cues)


def finish_video(drawn: Drawn, target: Path, encode: str = "fast") -> Path:
    """The final video at ``target``: ``drawn``'s movie with its subtitles as a soft track and,
    if it has speech, its normalised sound track as long as the video."""
    from manim import __version__

    from mathdl_anim.render import soundtrack

    audio = None
    if drawn.speech:
        track = soundtrack.mix(drawn.speech, soundtrack.video_seconds(drawn.movie))
        audio = soundtrack.normalise(track)
    comment = f"Rendered with Manim Community v{__version__}"
    return soundtrack.mux([drawn.movie], target, audio, drawn.cues, comment=comment, encode=encode)


def _publish(
    task: RenderTask,
    quality: str,
    out: Path,
    movie: Path,
    subtitles: Path | None,
    values: dict,
    start: float,
    speaking: float = 0.0,
) -> RenderResult:
    """Move a finished video (and its subtitles) to their final names; write its values last."""
    spec = find_scene(task.scene)
    final_dir = Path(out) / output_folder(quality, task.theme, task.aspect, task.voice, task.encode)
    record = {
        "scene": spec.name,
        "params": spec.json_params(task.params),
        "theme": task.theme,
        "aspect": task.aspect,
        "voice": task.voice,
        "values": values,
        "fingerprint": fingerprint(task, quality, spec.json_params(task.params)),
    }
    if not movie.is_file():
        raise RenderError(f"{spec.name}: manim wrote no video")
    final_dir.mkdir(parents=True, exist_ok=True)
    video = final_dir / f"{spec.name}.mp4"
    values_path = final_dir / f"{spec.name}.values.json"
    # no record may vouch for a video being replaced (a stop in between re-renders it)
    values_path.unlink(missing_ok=True)
    if subtitles is not None and subtitles.is_file():
        move_into_place(subtitles, final_dir / f"{spec.name}.srt")
    move_into_place(movie, video)
    # the values file carries the fingerprint that lets `lecture` reuse this video: it is
    # written last, so a crash in between can only cause a re-render, never a stale reuse
    write_text_atomic(values_path, json.dumps(record, indent=1))
    return RenderResult(spec.name, video, values_path, time.perf_counter() - start, speaking)


def render_one(task: RenderTask, quality: str, out: Path, helpers: int = 0) -> RenderResult:
    """Render one scene (call in a worker process: it changes manim's global config).

    ``helpers``: how many more processes may draw its animations at the same time.
    """
    start = time.perf_counter()
    work = work_folder(out, find_scene(task.scene).name)
    try:
        drawn = _draw(task, quality, work, helpers)
        # manim writes the narration's cues beside the movie: the soft track carries the same
        srt = drawn.movie.with_suffix(".srt")
        if srt.is_file():
            drawn = dataclasses.replace(drawn, cues=read_srt(srt))
        video = finish_video(drawn, work / f"{drawn.movie.stem}.final.mp4", task.encode)
        return _publish(task, quality, out, video, srt, drawn.values, start, drawn.speaking)
    finally:
        remove_folder(work)


def render_in_worker(task: RenderTask, quality: str, out: Path, helpers: int = 0) -> RenderResult:
    try:
        return render_one(task, quality, out, helpers)
    except (RenderError, InputError):
        raise
    except Exception as exc:  # noqa: BLE001 - a failed render is reported, not dumped as a traceback
        raise RenderError.of(task.scene, exc) from None


class NamedTask(Protocol):
    """A task of :func:`render_all` as its progress lines see it: the name of its scene."""

    @property
    def scene(self) -> str: ...


@overload
def render_all(
    tasks: Sequence[RenderTask], quality: str, out: Path, jobs: int, worker: None = None
) -> int: ...


@overload
def render_all(
    tasks: Sequence[NamedTask], quality: str, out: Path, jobs: int, worker: Callable[..., RenderResult]
) -> int: ...


def render_all(
    tasks: Sequence[NamedTask],
    quality: str,
    out: Path,
    jobs: int,
    worker: Callable[..., RenderResult] | None = None,
) -> int:
    """Render ``tasks`` with ``jobs`` processes, printing progress; return the exit code.

    ``worker(task, quality, out)`` renders one task in a worker process (a module-level
    function; default: :func:`render_one`, errors as one line); the lecture passes its own to
    render title cards among the scenes.

    With the default worker and more processes than scenes, each scene gets ``jobs // len(tasks)``
    processes: the scene's own and helpers forked to draw some of its animations at the same
    time (:mod:`mathdl_anim.engine.renderer`), so rendering one scene uses every core.
    """
    start = time.perf_counter()
    total = len(tasks)
    cores = 1 if worker is not None or not tasks else max(1, jobs // total)
    print(
        f"rendering {total} video(s) at {QUALITIES[quality][1]} with {min(jobs, total * cores)} process(es)",
        flush=True,
    )
    on = f" on {cores} cores" if cores > 1 else ""

    def report(task: NamedTask, result: RenderResult) -> str:
        return f"{task.scene}: {result.seconds:.1f} s{on} -> {result.video}"

    # even one scene renders in a worker process: the command only waits, so that a signal
    # stops every process at once (:mod:`mathdl_anim.render.pool`)
    failed = run_pool(
        tasks,
        worker or partial(render_in_worker, helpers=cores - 1),
        quality,
        out,
        min(jobs, total),
        report,
    )
    print(
        f"done in {time.perf_counter() - start:.1f} s: {total - failed} rendered, {failed} failed", flush=True
    )
    return 1 if failed else 0
