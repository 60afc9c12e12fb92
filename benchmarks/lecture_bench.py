"""Lecture benchmark: prints figures, asserts nothing.

For each quality (default: 480p15 and 1080p60), the wall time of ``mathdl-anim lecture`` into an
empty folder (every scene, card and the thumbnail rendered, then joined), the length of the
lecture it made, and the time of a second run with nothing changed (everything reused)::

    .venv/bin/python benchmarks/lecture_bench.py                     # whole lesson, -q l and -q h
    .venv/bin/python benchmarks/lecture_bench.py -q l MatrixMultiplication RandomVariables ChainRule
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import av

from mathdl_anim.lesson.registry import find_scene
from mathdl_anim.render.options import QUALITIES


def timed_lecture(args: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mathdl_anim.cli", "lecture", *args], capture_output=True, text=True
    )
    return time.perf_counter() - start, proc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenes", nargs="*", help="default: the whole lesson")
    parser.add_argument(
        "-q", "--quality", action="append", choices=list(QUALITIES), help="repeatable (default: -q l -q h)"
    )
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument(
        "--keep", type=Path, default=None, help="render into this folder and keep it (default: a temp folder)"
    )
    args = parser.parse_args()
    names = [find_scene(n).name for n in args.scenes]
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    print(f"{'quality':<10}{'first run s':>13}{'lecture s':>11}{'ratio':>8}{'second run s':>14}")
    with tempfile.TemporaryDirectory() as tmp:
        for quality in args.quality or ["l", "h"]:
            out = Path(args.keep or tmp) / f"bench-{quality}"
            command = [*names, "-q", quality, "--out", str(out), *jobs]
            first_s, first = timed_lecture(command)
            if first.returncode:
                print(f"{QUALITIES[quality][1]:<10} failed: {first.stderr.strip().splitlines()[-1:]}")
                continue
            second_s, _ = timed_lecture(command)
            with av.open(str(out / QUALITIES[quality][1] / "lecture.mp4")) as video:
                length = video.duration / 1e6
            print(
                f"{QUALITIES[quality][1]:<10}{first_s:>13.1f}{length:>11.1f}{first_s / length:>8.2f}"
                f"{second_s:>14.2f}",
                flush=True,
            )
    print("first run: an empty output folder (LaTeX cache kept); second run: nothing changed.")


if __name__ == "__main__":
    main()
