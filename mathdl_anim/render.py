"""Rendering scenes into ``renders/<quality>/<Scene>.mp4`` with their values beside them.

Each scene renders in its own process (``--jobs`` of them at once) inside a private work folder;
the finished video and its ``.values.json`` are moved to their final names with
:func:`os.replace`, so an interrupted or failed render never leaves a half-written file there.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import sys
import time
import uuid
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mathdl_anim.core.errors import InputError
from mathdl_anim.lesson import find_scene

__all__ = [
    "QUALITIES",
    "RenderTask",
    "RenderResult",
    "RenderError",
    "check_tools",
    "manim_options",
    "cache_dir",
    "render_one",
    "render_all",
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


class RenderError(RuntimeError):
    """A render that could not be done (exit code 1)."""


@dataclass(frozen=True)
class RenderTask:
    """One scene to render with the user's parameter values (JSON, validated)."""

    scene: str
    params: dict[str, Any] = field(default_factory=dict)


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


def check_tools() -> None:
    """Fail with one line if LaTeX or dvisvgm is missing."""
    missing = [tool for tool in ("latex", "dvisvgm") if shutil.which(tool) is None]
    if missing:
        raise RenderError(
            f"{' and '.join(missing)} not found: install LaTeX (Debian: apt-get install "
            "texlive-latex-base dvisvgm) or run ./setup.sh render"
        )


def manim_options(media_dir: Path, quality: str = "l", **extra: Any) -> dict[str, Any]:
    """The manim config used for every render and test: for :func:`manim.tempconfig`."""
    from mathdl_anim.draw.style import tex_template

    media_dir = Path(media_dir)
    options = {
        "quality": QUALITIES[quality][0],
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


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
    tmp.write_text(text)
    os.replace(tmp, path)


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
            tmp = shared / f".{svg.name}.{uuid.uuid4().hex}.part"
            shutil.copyfile(svg, tmp)
            os.replace(tmp, target)


def render_one(task: RenderTask, quality: str, out: Path) -> RenderResult:
    """Render one scene (call in a worker process: it changes manim's global config)."""
    import logging

    from manim import tempconfig

    spec = find_scene(task.scene)
    start = time.perf_counter()
    final_dir = Path(out) / QUALITIES[quality][1]
    work = Path(out) / ".work" / f"{spec.name}-{uuid.uuid4().hex[:8]}"
    work.mkdir(parents=True)
    try:
        logging.getLogger("manim").setLevel(logging.WARNING)
        tex_dir = private_tex_dir(work)
        with tempconfig(manim_options(work, quality, output_file=spec.name, tex_dir=str(tex_dir))):
            scene = spec.scene_class()(params=task.params)
            scene.render()
            movie = Path(scene.renderer.file_writer.movie_file_path)
        publish_tex(tex_dir)
        values = {"scene": spec.name, "params": spec.json_params(task.params), "values": scene.values}
        if not movie.is_file():
            raise RenderError(f"{spec.name}: manim wrote no video")
        final_dir.mkdir(parents=True, exist_ok=True)
        video = final_dir / f"{spec.name}.mp4"
        values_path = final_dir / f"{spec.name}.values.json"
        _write_atomic(values_path, json.dumps(values, indent=1))
        os.replace(movie, video)
        return RenderResult(spec.name, video, values_path, time.perf_counter() - start)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _render_in_worker(task: RenderTask, quality: str, out: Path) -> RenderResult:
    try:
        return render_one(task, quality, out)
    except (RenderError, InputError):
        raise
    except Exception as exc:  # a failed render is reported, not dumped as a traceback
        raise RenderError(f"{task.scene}: {type(exc).__name__}: {exc}".splitlines()[0]) from None


def render_all(tasks: list[RenderTask], quality: str, out: Path, jobs: int) -> int:
    """Render ``tasks`` with ``jobs`` processes, printing progress; return the exit code."""
    label = QUALITIES[quality][1]
    total = len(tasks)
    failed = 0
    start = time.perf_counter()
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, total)), mp_context=ctx) as pool:
        pending = {}
        for n, task in enumerate(tasks, 1):
            pending[pool.submit(_render_in_worker, task, quality, out)] = (n, task)
        print(f"rendering {total} scene(s) at {label} with {min(jobs, total)} process(es)", flush=True)
        try:
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    n, task = pending.pop(future)
                    try:
                        result = future.result()
                    except Exception as exc:  # noqa: BLE001 - report and go on with the others
                        failed += 1
                        print(f"mathdl-anim: error: {exc}", file=sys.stderr, flush=True)
                        continue
                    finished = total - len(pending)
                    print(f"[{finished}/{total}] {task.scene}: {result.seconds:.1f} s -> {result.video}",
                          flush=True)
        except KeyboardInterrupt:
            for future in pending:
                future.cancel()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    try:
        (Path(out) / ".work").rmdir()  # only when empty: another run may be using it
    except OSError:
        pass
    print(f"done in {time.perf_counter() - start:.1f} s: {total - failed} rendered, {failed} failed",
          flush=True)
    return 1 if failed else 0
