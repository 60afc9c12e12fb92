"""Render-time benchmark: prints figures, asserts nothing.

For each scene (default: the whole lesson, one scene after the other) at the chosen quality it
runs ``mathdl-anim render SCENE -q Q --jobs J`` into an empty folder, as a user would, and
prints:

* ``render s``: the time the command reports for its renders (``done in``: starting the worker
  process and its imports, building, drawing, encoding and joining the scene, on ``J`` cores:
  with more cores than scenes, helper processes draw some of a scene's animations);
* ``command s``: the whole command, from the shell's point of view (Python start-up, imports,
  worker processes, the gallery page too);
* the video's duration and both ratios (targets, issues 15 to 18: render at most 0.8 x the
  duration at 1080p60, 0.2 x at 480p15, on the 2-core development machine with caches warm);
* ``peak MB``: the largest resident memory of any one process of the command (ru_maxrss);
* ``values s``: the time of ``mathdl-anim values SCENE`` (target: under 2 s).

Run it with LaTeX and the glyph cache already filled (a second run) for steady figures::

    .venv/bin/python benchmarks/bench.py -q h              # 1080p60
    .venv/bin/python benchmarks/bench.py -q l Neuron       # 480p15, one scene
    .venv/bin/python benchmarks/bench.py -q h --jobs 1     # one process per scene, no helpers
    .venv/bin/python benchmarks/bench.py -q h --speedups both   # and plain manim beside, with the gain
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


def _render(
    name: str, args: argparse.Namespace, out: Path, speedups: str
) -> tuple[float, float, float, float] | str:
    """``(render s, command s, video s, peak MB)`` of one render, or why it failed."""
    env = {**os.environ, "MATHDL_ANIM_SPEEDUPS": speedups}
    start = time.perf_counter()
    command = [sys.executable, "-c", _RUN, "render", name, "-q", args.quality, "--jobs", str(args.jobs)]
    proc = subprocess.run([*command, "--out", str(out)], capture_output=True, text=True, env=env)
    command_s = time.perf_counter() - start
    reported = re.search(r"done in ([0-9.]+) s: 1 rendered", proc.stdout)
    if proc.returncode or not reported:
        return f"failed: {proc.stderr.strip().splitlines()[-1:]}"
    peak = float(re.search(r"PEAK (\d+)", proc.stdout).group(1))  # type: ignore[union-attr]
    with av.open(str(out / QUALITIES[args.quality][1] / f"{name}.mp4")) as video:
        duration = video.duration / 1e6
    return float(reported.group(1)), command_s, duration, peak


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
        "--speedups",
        choices=["on", "off", "both"],
        default="on",
        help="render with the engine room's speed-ups (on), with plain manim (off), or both, "
        "side by side, with the gain (MATHDL_ANIM_SPEEDUPS)",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="render into this folder and keep the videos (default: a temp folder)",
    )
    args = parser.parse_args()
    names = [find_scene(n).name for n in args.scenes] or scene_names()
    modes = ["on", "off"] if args.speedups == "both" else [args.speedups]
    print(
        f"{QUALITIES[args.quality][1]}, --jobs {args.jobs}, {os.cpu_count()} cores, speed-ups {args.speedups}"
    )
    header = f"{'scene':<22}{'render s':>9}{'command s':>10}{'video s':>9}{'ratio':>7}{'cmd ratio':>10}"
    header += f"{'peak MB':>9}{'values s':>9}"
    if len(modes) == 2:
        header += f"{'plain s':>9}{'ratio':>7}{'plain MB':>9}{'gain':>7}"
    print(header)
    totals = {mode: [0.0, 0.0, 0.0] for mode in modes}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.keep or tmp)
        for name in names:
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "mathdl_anim.cli", "values", name], check=True, capture_output=True
            )
            values_s = time.perf_counter() - start
            results = {mode: _render(name, args, out / mode / name, mode) for mode in modes}
            failed = [f"{mode}: {r}" for mode, r in results.items() if isinstance(r, str)]
            if failed:
                print(f"{name:<22} {'; '.join(failed)}")
                continue
            first = results[modes[0]]
            assert not isinstance(first, str)
            render_s, command_s, duration, peak = first
            line = f"{name:<22}{render_s:>9.1f}{command_s:>10.1f}{duration:>9.1f}"
            line += f"{render_s / duration:>7.2f}{command_s / duration:>10.2f}{peak:>9.0f}{values_s:>9.2f}"
            if len(modes) == 2:
                plain = results["off"]
                assert not isinstance(plain, str)
                line += (
                    f"{plain[0]:>9.1f}{plain[0] / plain[2]:>7.2f}{plain[3]:>9.0f}{plain[0] / render_s:>6.1f}x"
                )
            print(line, flush=True)
            for mode, result in results.items():
                assert not isinstance(result, str)
                for i in range(3):
                    totals[mode][i] += result[i]
    render_s, command_s, duration = totals[modes[0]]
    if duration:
        line = f"{'whole lesson':<22}{render_s:>9.1f}{command_s:>10.1f}{duration:>9.1f}"
        line += f"{render_s / duration:>7.2f}{command_s / duration:>10.2f}"
        if len(modes) == 2:
            plain_s, _, plain_d = totals["off"]
            line += f"{'':>18}{plain_s:>9.1f}{plain_s / plain_d:>7.2f}{'':>9}{plain_s / render_s:>6.1f}x"
        print(line + "   (one scene at a time)")


if __name__ == "__main__":
    main()
