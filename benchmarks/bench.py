"""Render-time benchmark: prints figures, asserts nothing.

For each scene (default: the whole lesson, one scene after the other) at the chosen quality it
runs ``mathdl-anim render SCENE -q Q --jobs J`` into an empty folder, as a user would, and
prints:

* ``render s``: the time the command reports for its renders (``done in``: starting the worker
  process and its imports, building, drawing, encoding and joining the scene, on ``J`` cores:
  with more cores than scenes, helper processes draw some of a scene's animations);
* ``command s``: the whole command, from the shell's point of view (Python start-up, imports,
  worker processes, the gallery page too);
* the video's duration and both ratios (targets: render at most 1.3 x the duration at 1080p60,
  0.25 x at 480p15);
* ``peak MB``: the largest resident memory of any one process of the command (ru_maxrss);
* ``values s``: the time of ``mathdl-anim values SCENE`` (target: under 2 s).

Run it with LaTeX and the glyph cache already filled (a second run) for steady figures::

    .venv/bin/python benchmarks/bench.py -q h              # 1080p60
    .venv/bin/python benchmarks/bench.py -q l Neuron       # 480p15, one scene
    .venv/bin/python benchmarks/bench.py -q h --jobs 1     # one process per scene, no helpers
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import av

from mathdl_anim.lesson.registry import find_scene, scene_names
from mathdl_anim.render.options import QUALITIES

# Runs the command in a child and prints the peak memory of its largest process at the end.
_RUN = (
    "import resource, runpy, sys; sys.argv = ['mathdl-anim', *sys.argv[1:]]\n"
    "try:\n    runpy.run_module('mathdl_anim.cli', run_name='__main__')\n"
    "except SystemExit as exit:\n    code = exit.code\nelse:\n    code = 0\n"
    "peak = max(resource.getrusage(w).ru_maxrss for w in "
    "(resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
    "print(f'PEAK {peak / 1024:.0f}'); sys.exit(code)"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenes", nargs="*")
    parser.add_argument("-q", "--quality", choices=list(QUALITIES), default="l")
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="processes per render, as `render --jobs` (default: the cores)",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="render into this folder and keep the videos (default: a temp folder)",
    )
    args = parser.parse_args()
    names = [find_scene(n).name for n in args.scenes] or scene_names()
    folder = QUALITIES[args.quality][1]
    print(f"{QUALITIES[args.quality][1]}, --jobs {args.jobs}, {os.cpu_count()} cores")
    print(
        f"{'scene':<22}{'render s':>9}{'command s':>10}{'video s':>9}{'ratio':>7}"
        f"{'cmd ratio':>10}{'peak MB':>9}{'values s':>9}"
    )
    totals = [0.0, 0.0, 0.0]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.keep or tmp)
        for name in names:
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "mathdl_anim.cli", "values", name], check=True, capture_output=True
            )
            values_s = time.perf_counter() - start
            start = time.perf_counter()
            proc = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    _RUN,
                    "render",
                    name,
                    "-q",
                    args.quality,
                    "--jobs",
                    str(args.jobs),
                    "--out",
                    str(out / name),
                ],
                capture_output=True,
                text=True,
            )
            command_s = time.perf_counter() - start
            reported = re.search(r"done in ([0-9.]+) s: 1 rendered", proc.stdout)
            if proc.returncode or not reported:
                print(f"{name:<22} failed: {proc.stderr.strip().splitlines()[-1:]}")
                continue
            render_s = float(reported.group(1))
            peak = float(re.search(r"PEAK (\d+)", proc.stdout).group(1))
            with av.open(str(out / name / folder / f"{name}.mp4")) as video:
                duration = video.duration / 1e6
            for i, value in enumerate((render_s, command_s, duration)):
                totals[i] += value
            print(
                f"{name:<22}{render_s:>9.1f}{command_s:>10.1f}{duration:>9.1f}"
                f"{render_s / duration:>7.2f}{command_s / duration:>10.2f}{peak:>9.0f}"
                f"{values_s:>9.2f}",
                flush=True,
            )
    render_s, command_s, duration = totals
    if duration:
        print(
            f"{'whole lesson':<22}{render_s:>9.1f}{command_s:>10.1f}{duration:>9.1f}"
            f"{render_s / duration:>7.2f}{command_s / duration:>10.2f}   (one scene at a time)"
        )


if __name__ == "__main__":
    main()
