"""Rendering scenes into ``renders/<folder>/<Scene>.mp4`` with their values beside them.

The folder is named by the quality, then the theme and aspect when they are not the defaults
(:func:`output_folder`: ``1080p60``, ``1080p60-light``, ``1080p60-9x16``, ``1080p60-light-9x16``).

Aspect 9:16 (vertical shorts) keeps the frame 14.22 units wide, as in 16:9, and makes it
16/9 times taller (1080x1920 pixels at ``-q h``). Every scene lays out its content in absolute
coordinates within the central 14.22 x 8 "stage", so nothing a scene draws can leave the frame;
only the title and the caption, which :mod:`mathdl_anim.draw.text` places, move into the bands
above and below the stage.

Each scene renders in its own process (``--jobs`` of them at once) inside a private work folder;
the finished video, its ``.values.json`` and its subtitles (``.srt``, from the narration) are
moved to their final names with :func:`os.replace`, so an interrupted or failed render never
leaves a half-written file there.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from mathdl_anim.core.errors import InputError, one_line
from mathdl_anim.files import write_text_atomic, writing
from mathdl_anim.fingerprint import fingerprint
from mathdl_anim.lesson import find_scene

__all__ = [
    "QUALITIES",
    "ASPECTS",
    "FRAME_WIDTH",
    "RenderTask",
    "RenderResult",
    "RenderError",
    "check_tools",
    "manim_options",
    "output_folder",
    "frame_options",
    "cache_dir",
    "render_one",
    "render_all",
    "run_pool",
    "private_tex_dir",
    "publish_tex",
]

#: ``-q`` flag -> (manim quality name, folder name).
QUALITIES: dict[str, tuple[str, str]] = {
    "l": ("low_quality", "480p15"),
    "m": ("medium_quality", "720p30"),
    "h": ("high_quality", "1080p60"),
    "k": ("fourk_quality", "2160p60"),
}


#: ``--aspect`` values, default first.
ASPECTS = ("16:9", "9:16")
#: Width of the frame in scene units in every aspect (manim's default: 8 units high at 16:9).
FRAME_WIDTH = 8.0 * 16 / 9


class RenderError(RuntimeError):
    """A render that could not be done (exit code 1)."""

    @classmethod
    def of(cls, scene: str, exc: Exception) -> RenderError:
        """An unexpected failure while rendering ``scene``, told in one line (no traceback)."""
        return cls(f"{scene}: {one_line(exc)}")


@dataclass(frozen=True)
class RenderTask:
    """One scene to render with the user's parameter values (JSON, validated).

    ``theme`` is a key of :data:`~mathdl_anim.palette.THEMES`, ``aspect`` one of :data:`ASPECTS`;
    with ``voice`` the narration is spoken too (espeak-ng).
    """

    scene: str
    params: dict[str, Any] = field(default_factory=dict)
    theme: str = "dark"
    aspect: str = "16:9"
    voice: bool = False


@dataclass(frozen=True)
class RenderResult:
    """Where a scene's video went and how long it took."""

    scene: str
    video: Path
    values: Path
    seconds: float


def cache_dir() -> Path:
    """Per-user cache for compiled LaTeX (safe to delete)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mathdl-anim"


def check_tools(voice: bool = False) -> None:
    """Fail with one line if LaTeX or dvisvgm is missing (or, with ``voice``, espeak-ng)."""
    missing = [tool for tool in ("latex", "dvisvgm") if shutil.which(tool) is None]
    if missing:
        raise RenderError(
            f"{' and '.join(missing)} not found: install LaTeX (Debian: apt-get install "
            "texlive-latex-base dvisvgm) or run ./setup.sh render"
        )
    from mathdl_anim.narration.speech import ENGINE, speech_available

    if voice and not speech_available():
        raise RenderError(f"--voice: {ENGINE} not found: install it (Debian: apt-get install espeak-ng)")


def output_folder(quality: str, theme: str = "dark", aspect: str = "16:9") -> str:
    """The folder name of a render: ``1080p60``, plus ``-light`` and ``-9x16`` when chosen."""
    name = QUALITIES[quality][1]
    if theme != "dark":
        name += f"-{theme}"
    if aspect != ASPECTS[0]:
        name += "-" + aspect.replace(":", "x")
    return name


def frame_options(quality: str, aspect: str = "16:9") -> dict[str, Any]:
    """Frame rate, pixel size and frame size (scene units) of a quality in an aspect."""
    from manim import constants

    if aspect not in ASPECTS:
        raise ValueError(f"unknown aspect {aspect!r} (valid: {', '.join(ASPECTS)})")
    q = constants.QUALITIES[QUALITIES[quality][0]]
    wide, high = q["pixel_width"], q["pixel_height"]
    vertical = aspect == "9:16"
    return {
        "frame_rate": q["frame_rate"],
        "pixel_width": high if vertical else wide,
        "pixel_height": wide if vertical else high,
        "frame_width": FRAME_WIDTH,
        "frame_height": FRAME_WIDTH * 16 / 9 if vertical else 8.0,
    }


def manim_options(media_dir: Path, quality: str = "l", theme: str = "dark", aspect: str = "16:9",
                  **extra: Any) -> dict[str, Any]:
    """The manim config used for every render and test: for :func:`manim.tempconfig`.

    The theme's colours come from :func:`~mathdl_anim.draw.style.use_theme`, which the caller
    enters too; here it only sets manim's own background colour.
    """
    from mathdl_anim.draw.style import tex_template
    from mathdl_anim.palette import THEMES

    media_dir = Path(media_dir)
    options = {
        # pixel sizes, not manim's "quality": tempconfig applies that key last, overriding them
        **frame_options(quality, aspect),
        "background_color": THEMES[theme].background,
        "media_dir": str(media_dir),
        "video_dir": str(media_dir / "video"),
        "images_dir": str(media_dir / "images"),
        "partial_movie_dir": str(media_dir / "partial"),
        "tex_dir": str(cache_dir() / "tex"),
        "text_dir": str(cache_dir() / "text"),
        "tex_template": tex_template(),
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "WARNING",
        "write_to_movie": True,
        "save_last_frame": False,
        "format": "mp4",
        "max_inflight_encoders": 2,  # encode the last animation while drawing the next; bounded queue
    }
    options.update(extra)
    return options


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def private_tex_dir(work: Path) -> Path:
    """A TeX folder for this process, seeded from the shared cache.

    manim deletes every non-SVG file of its TeX folder after each compile, which breaks other
    processes compiling in the same folder; so each render compiles in its own folder and
    :func:`publish_tex` shares the SVGs (named by a hash of their source) afterwards.
    """
    shared = cache_dir() / "tex"
    private = work / "tex"
    private.mkdir(parents=True)
    for svg in shared.glob("*.svg") if shared.is_dir() else ():
        _link_or_copy(svg, private / svg.name)
    return private


def publish_tex(private: Path) -> None:
    shared = cache_dir() / "tex"
    shared.mkdir(parents=True, exist_ok=True)
    for svg in private.glob("*.svg"):
        target = shared / svg.name
        if not target.exists():
            with writing(target) as tmp:
                shutil.copyfile(svg, tmp)


def _draw(task: RenderTask, quality: str, work: Path, helpers: int = 0):
    """Run the scene in manim with ``work`` as its media folder (in a worker process).

    ``helpers`` more processes may draw some of its animations (:mod:`mathdl_anim.draw.renderer`).
    Returns the scene's values and the movie manim wrote.
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
    tex_dir = private_tex_dir(work)
    options = manim_options(work, quality, task.theme, task.aspect, output_file=spec.name,
                            tex_dir=str(tex_dir))
    with tempconfig(options), use_theme(task.theme):
        voice = cache_dir() / "voice" if task.voice else None  # where the speech WAVs go
        scene = scene_class(params=task.params, voice=voice, helpers=helpers)
        try:
            scene.render()
        finally:
            scene.renderer.stop_helpers()
        movie = Path(scene.renderer.file_writer.movie_file_path)
    publish_tex(tex_dir)
    return scene.values, movie


def _publish(task: RenderTask, quality: str, out: Path, movie: Path, subtitles: Path | None,
             values: dict, start: float) -> RenderResult:
    """Move a finished video (and its subtitles) to their final names; write its values last."""
    spec = find_scene(task.scene)
    final_dir = Path(out) / output_folder(quality, task.theme, task.aspect)
    record = {"scene": spec.name, "params": spec.json_params(task.params), "theme": task.theme,
              "aspect": task.aspect, "values": values,
              "fingerprint": fingerprint(task, quality, spec.json_params(task.params))}
    if not movie.is_file():
        raise RenderError(f"{spec.name}: manim wrote no video")
    final_dir.mkdir(parents=True, exist_ok=True)
    video = final_dir / f"{spec.name}.mp4"
    values_path = final_dir / f"{spec.name}.values.json"
    if subtitles is not None and subtitles.is_file():
        os.replace(subtitles, final_dir / f"{spec.name}.srt")
    os.replace(movie, video)
    # the values file carries the fingerprint that lets `lecture` reuse this video: it is
    # written last, so a crash in between can only cause a re-render, never a stale reuse
    write_text_atomic(values_path, json.dumps(record, indent=1))
    return RenderResult(spec.name, video, values_path, time.perf_counter() - start)


def _work_folder(out: Path, name: str) -> Path:
    work = Path(out) / ".work" / f"{name}-{uuid.uuid4().hex[:8]}"
    work.mkdir(parents=True)
    return work


def render_one(task: RenderTask, quality: str, out: Path, helpers: int = 0) -> RenderResult:
    """Render one scene (call in a worker process: it changes manim's global config).

    ``helpers``: how many more processes may draw its animations at the same time.
    """
    start = time.perf_counter()
    work = _work_folder(out, find_scene(task.scene).name)
    try:
        values, movie = _draw(task, quality, work, helpers)
        # manim writes the narration's cues beside the movie
        return _publish(task, quality, out, movie, movie.with_suffix(".srt"), values, start)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _render_in_worker(task: RenderTask, quality: str, out: Path, helpers: int = 0) -> RenderResult:
    try:
        return render_one(task, quality, out, helpers)
    except (RenderError, InputError):
        raise
    except Exception as exc:  # a failed render is reported, not dumped as a traceback
        raise RenderError.of(task.scene, exc) from None


def _print_outcome(job: Any, result: Callable[[], Any], report: Callable[[Any, Any], str],
                   number: int, total: int) -> bool:
    """Print ``[number/total] report(job, result())``, or the failure in one line; whether it
    succeeded (``result`` and ``report`` turn failures into one-line exceptions)."""
    try:
        line = report(job, result())
    except Exception as exc:  # noqa: BLE001 - report and go on with the others
        print(f"mathdl-anim: error: {exc}", file=sys.stderr, flush=True)
        return False
    print(f"[{number}/{total}] {line}", flush=True)
    return True


def _remove_work_root(out: Path) -> None:
    try:
        (Path(out) / ".work").rmdir()  # only when empty: another run may be using it
    except OSError:
        pass


def _run_here(task: RenderTask, quality: str, out: Path, helpers: int,
              report: Callable[[Any, Any], str]) -> int:
    """Render one scene in this process, printing as :func:`run_pool` does; the failures."""
    ok = _print_outcome(task, lambda: _render_in_worker(task, quality, out, helpers), report, 1, 1)
    _remove_work_root(out)
    return 0 if ok else 1


def run_pool(jobs: Sequence[Any], work: Callable[..., Any], quality: str, out: Path, processes: int,
             report: Callable[[Any, Any], str]) -> int:
    """Run ``work(job, quality, out)`` for every job in ``processes`` spawned processes.

    Prints ``[k/n] report(job, result)`` as each job finishes and one ``mathdl-anim: error:``
    line per failure (``work``, or ``report``, turns failures into one-line exceptions); returns
    the number of failures. Ctrl-C cancels what has not started. ``work`` must be a
    module-level function.
    """
    total, failed, printed = len(jobs), 0, 0
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, min(processes, total)), mp_context=ctx) as pool:
        pending = {pool.submit(work, job, quality, out): job for job in jobs}
        try:
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    job = pending.pop(future)
                    if _print_outcome(job, future.result, report, printed + 1, total):
                        printed += 1
                    else:
                        failed += 1
        except KeyboardInterrupt:
            for future in pending:
                future.cancel()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    _remove_work_root(out)
    return failed


def render_all(tasks: list[RenderTask], quality: str, out: Path, jobs: int,
               worker: Callable[..., RenderResult] | None = None) -> int:
    """Render ``tasks`` with ``jobs`` processes, printing progress; return the exit code.

    ``worker(task, quality, out)`` renders one task in a worker process (a module-level
    function; default: :func:`render_one`, errors as one line); the lecture passes its own to
    render title cards among the scenes.

    With the default worker and more processes than scenes, each scene gets ``jobs // len(tasks)``
    processes: the scene's own and helpers forked to draw some of its animations at the same
    time (:mod:`mathdl_anim.draw.renderer`), so rendering one scene uses every core.
    """
    start = time.perf_counter()
    total = len(tasks)
    cores = 1 if worker is not None or not tasks else max(1, jobs // total)
    print(f"rendering {total} video(s) at {QUALITIES[quality][1]} with {min(jobs, total * cores)} "
          "process(es)", flush=True)
    on = f" on {cores} cores" if cores > 1 else ""

    def report(task: RenderTask, result: RenderResult) -> str:
        return f"{task.scene}: {result.seconds:.1f} s{on} -> {result.video}"

    if worker is None and total == 1:  # one scene: drawn here, no second interpreter to start
        failed = _run_here(tasks[0], quality, out, cores - 1, report)
    else:
        failed = run_pool(tasks, worker or partial(_render_in_worker, helpers=cores - 1),
                          quality, out, min(jobs, total), report)
    print(f"done in {time.perf_counter() - start:.1f} s: {total - failed} rendered, {failed} failed",
          flush=True)
    return 1 if failed else 0
