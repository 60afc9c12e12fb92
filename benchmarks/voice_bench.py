"""Voice benchmark: what speaking the narration costs. Prints figures, asserts nothing.

For each scene (default: the whole lesson, one after the other) at the chosen quality, it renders
the scene twice into an empty folder, each in a fresh process on one core (no helpers), as
``mathdl-anim render`` does:

* silent, then voiced (``--voice-engine``, default Piper) with an empty speech cache, so the
  speech is made from scratch (LaTeX and glyph caches are shared: run it twice for steady
  figures);

and prints the render time of each, the time the voiced render spent making speech (loading
the voice, synthesising), the voiced render's CPU time (every thread of its process: the
encoder's threads too) and the CPU time of making its speech, the length of each video and what
the voice added. The last line sums them up. With renders side by side (``--parallel``) or an
encoder's threads beside the speech, the wall-clock speech time includes waiting for a core;
the CPU figures do not. ``--parallel N`` benchmarks N scenes at a time (each render still on one core of its
own: on an idle machine with N cores the figures stay those of one core). ::

    .venv/bin/python benchmarks/voice_bench.py -q l MatrixMultiplication ChainRule
    .venv/bin/python benchmarks/voice_bench.py -q h --parallel 2   # the whole lesson at 1080p60
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from mathdl_anim.lesson.registry import find_scene, scene_names
from mathdl_anim.render.options import QUALITIES


def _render(name: str, quality: str, out: str, voice: str, speech_cache: str) -> tuple[float, ...]:
    """``(render s, speech s, video s, render CPU s, speech CPU s)`` of one render, in a fresh
    process: wall-clock seconds, and CPU seconds (the render's process, every thread; the
    threads that made speech, while they made it)."""
    from mathdl_anim.render import scenes, soundtrack
    from mathdl_anim.scene import lesson_scene

    shared = scenes.cache_or_private  # the speech folder alone is made cold (a fresh one)

    def folder(name: str, work: Path) -> Path:
        return Path(speech_cache) if name == "voice" else shared(name, work)

    speech_cpu = [0.0]
    speak = lesson_scene.speak

    def timed_speak(*args, **kwargs):  # type: ignore[no-untyped-def]
        began = time.thread_time()  # Piper runs on the calling thread (one onnxruntime thread)
        try:
            return speak(*args, **kwargs)
        finally:
            speech_cpu[0] += time.thread_time() - began

    scenes.cache_or_private = folder  # type: ignore[assignment]
    lesson_scene.speak = timed_speak  # type: ignore[assignment]
    cpu = time.process_time()
    result = scenes.render_one(scenes.RenderTask(name, voice=voice), quality, Path(out))
    cpu = time.process_time() - cpu
    return result.seconds, result.speaking, soundtrack.video_seconds(result.video), cpu, speech_cpu[0]


def _in_child(*args: str) -> tuple[float, ...]:
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_render, *args).result()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenes", nargs="*", help="default: the whole lesson")
    parser.add_argument("-q", "--quality", choices=tuple(QUALITIES), default="h")
    parser.add_argument("--voice-engine", choices=("piper", "espeak"), default="piper")
    parser.add_argument("--parallel", type=int, default=1, help="scenes benchmarked at a time (1 core each)")
    args = parser.parse_args(argv)
    if args.parallel < 1:
        parser.error("--parallel must be at least 1")
    names = [find_scene(n).name for n in args.scenes] if args.scenes else scene_names()
    print(
        f"voice benchmark at {QUALITIES[args.quality][1]}, engine {args.voice_engine}, one core per "
        f"render, {args.parallel} scene(s) at a time"
    )
    header = (
        f"{'scene':<22}{'silent s':>10}{'voiced s':>10}{'speech s':>10}"
        f"{'voiced CPU':>12}{'speech CPU':>12}{'silent len':>12}{'voiced len':>12}{'longer':>8}"
    )
    print(header)
    totals = [0.0] * 7

    def bench(name: str) -> tuple[str, tuple[float, ...]]:
        with tempfile.TemporaryDirectory(prefix="voice-bench-") as tmp:
            silent, _, silent_len, _, _ = _in_child(name, args.quality, f"{tmp}/silent", "", f"{tmp}/speech")
            voiced, speech, voiced_len, voiced_cpu, speech_cpu = _in_child(
                name, args.quality, f"{tmp}/voiced", args.voice_engine, f"{tmp}/speech"
            )
        return name, (silent, voiced, speech, voiced_cpu, speech_cpu, silent_len, voiced_len)

    def row(name: str, figures: list[float] | tuple[float, ...]) -> str:
        silent, voiced, speech, voiced_cpu, speech_cpu, silent_len, voiced_len = figures
        return (
            f"{name:<22}{silent:>10.1f}{voiced:>10.1f}{speech:>10.1f}{voiced_cpu:>12.1f}{speech_cpu:>12.1f}"
            f"{silent_len:>11.1f}s{voiced_len:>11.1f}s{voiced_len / silent_len - 1:>+8.0%}"
        )

    with ThreadPoolExecutor(args.parallel) as pool:  # each scene's renders: processes of their own
        for name, figures in pool.map(bench, names):
            totals = [t + f for t, f in zip(totals, figures)]
            print(row(name, figures), flush=True)
    print(row("total", totals))
    _, voiced, speech, voiced_cpu, speech_cpu, _, _ = totals
    print(
        f"speech synthesis adds {speech / (voiced - speech):.1%} to the voiced render's time "
        f"({speech:.1f} s) and {speech_cpu / (voiced_cpu - speech_cpu):.1%} to its CPU time "
        f"({speech_cpu:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
