"""Save scenes' last frames as PNG files, to look at them in a theme and an aspect.

No video is written: each scene runs as in the scene tests (animations skipped)::

    .venv/bin/python -m tests.scenes.look Neuron Optimizers --theme light --aspect 9:16 --out /tmp/look

writes ``/tmp/look/Neuron-light-9x16.png`` ... (854x480, or 480x854 in 9:16).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PIL import Image

from mathdl_anim.lesson.palette import THEMES
from mathdl_anim.lesson.registry import find_scene, scene_names
from mathdl_anim.render.options import ASPECTS
from mathdl_anim.render.tex import private_tex_dir, publish_tex
from tests.scenes.screen import run_scene


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenes", nargs="*", help="default: every scene")
    parser.add_argument("--theme", choices=list(THEMES), default="dark")
    parser.add_argument("--aspect", choices=ASPECTS, default=ASPECTS[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "mathdl-anim-look")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = f"{args.theme}-{args.aspect.replace(':', 'x')}"
    with tempfile.TemporaryDirectory() as media:
        tex = private_tex_dir(Path(media))
        for name in args.scenes or scene_names():
            spec = find_scene(name)
            try:
                run = run_scene(spec, Path(media), theme=args.theme, aspect=args.aspect)
            except Exception as exc:  # noqa: BLE001 - say which scene failed, look at the others
                print(f"{spec.name}: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
                continue
            path = args.out / f"{spec.name}-{suffix}.png"
            Image.fromarray(run.last_frame[..., :3]).save(path)
            print(path, flush=True)
        publish_tex(tex)


if __name__ == "__main__":
    main()
