"""Render-time benchmark: prints figures, asserts nothing.

For each scene (default: the whole lesson) at the chosen quality: render wall time, video
duration, their ratio, and the render process's peak memory; and the time of
``mathdl-anim values``. Run it with LaTeX already cached (a second run) for steady figures::

    .venv/bin/python benchmarks/bench.py -q h            # 1080p60, target ratio <= 1.3
    .venv/bin/python benchmarks/bench.py -q l Neuron     # 480p15, target ratio <= 0.25
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import av

from mathdl_anim.lesson import find_scene, scene_names
from mathdl_anim.render import QUALITIES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenes", nargs="*")
    parser.add_argument("-q", "--quality", choices=list(QUALITIES), default="l")
    parser.add_argument("--keep", type=Path, default=None,
                        help="render into this folder and keep the videos (default: a temp folder)")
    args = parser.parse_args()
    names = [find_scene(n).name for n in args.scenes] or scene_names()
    folder = QUALITIES[args.quality][1]
    print(f"{'scene':<22}{'render s':>10}{'video s':>10}{'ratio':>8}{'peak MB':>10}{'values s':>10}")
    total_render = total_video = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        out = str(args.keep or tmp)
        for name in names:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "mathdl_anim.cli", "values", name],
                           check=True, capture_output=True)
            values_s = time.perf_counter() - start
            # one process per render, so ru_maxrss of the children is this render's peak
            start = time.perf_counter()
            code = ("import resource; from pathlib import Path;"
                    "from mathdl_anim.render import render_one, RenderTask, check_tools;"
                    f"check_tools(); render_one(RenderTask({name!r}), {args.quality!r}, Path({out!r}));"
                    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
            proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
            render_s = time.perf_counter() - start
            if proc.returncode:
                print(f"{name:<22} failed: {proc.stderr.strip().splitlines()[-1:]}")
                continue
            peak = float(proc.stdout.split()[-1])  # this render process's own peak RSS
            with av.open(str(Path(out) / folder / f"{name}.mp4")) as video:
                duration = video.duration / 1e6
            total_render += render_s
            total_video += duration
            print(f"{name:<22}{render_s:>10.1f}{duration:>10.1f}{render_s / duration:>8.2f}"
                  f"{peak:>10.0f}{values_s:>10.2f}", flush=True)
    if total_video:
        print(f"{'whole lesson':<22}{total_render:>10.1f}{total_video:>10.1f}"
              f"{total_render / total_video:>8.2f}   (sequential, one process at a time)")
    print("peak MB: the render process's own peak resident memory (ru_maxrss).")


if __name__ == "__main__":
    main()
