"""The ``mathdl-anim`` command: list, values, render, lecture, gallery and slides.

Bad input (unknown scene or key, malformed JSON, invalid values) prints one line on stderr and
exits with 2 before anything is written; a failed render exits with 1 and says why; SIGINT or
SIGTERM stops every process of the command and exits with 130 or 143.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from mathdl_anim import __version__
from mathdl_anim.core.errors import InputError
from mathdl_anim.core.params import Param, as_int, parse_assignments, resolve_params
from mathdl_anim.engine.speedups import configured as speedups_configured
from mathdl_anim.lesson.palette import THEMES
from mathdl_anim.render.errors import RenderError
from mathdl_anim.render.options import ASPECTS, ENCODES, QUALITIES

__all__ = ["main", "EXIT_BAD_INPUT", "EXIT_FAILED"]

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1
QUALITY_FLAGS = tuple(QUALITIES)
THEME_NAMES = tuple(THEMES)  # dark first: the default
ASPECT_NAMES = ASPECTS
#: ``--voice-engine`` choices, default first (as in :data:`mathdl_anim.scene.speech.ENGINES`,
#: which imports nothing heavy but is kept out of the command's start-up).
VOICE_ENGINES = ("piper", "espeak")


def _lesson():
    """The lesson's registry, imported when a command needs it, so a bad ``MATHDL_ANIM_LESSON``
    is an input error like any other (one line, exit 2)."""
    from mathdl_anim.lesson import registry

    return registry


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        raise InputError(message)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mathdl-anim", description="Render the mathematics of deep learning.")
    parser.add_argument("--version", action="version", version=f"mathdl-anim {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p_list = sub.add_parser("list", help="the scenes in lesson order")
    p_list.add_argument("--params", action="store_true", help="also list each scene's parameters")

    def add_inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--set",
            dest="sets",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="a scene parameter as JSON, e.g. --set A='[[1,2],[3,4]]'",
        )
        p.add_argument("--seed", type=int, default=None, help="seed of the scenes that sample")

    p_values = sub.add_parser("values", help="print every value a scene shows, as JSON")
    p_values.add_argument("scene")
    add_inputs(p_values)

    p_render = sub.add_parser("render", help="render scenes to renders/<quality>/<Scene>.mp4")
    p_render.add_argument("scenes", nargs="*", metavar="SCENE", help="default: the whole lesson")
    add_output_options(p_render)
    add_encode_option(p_render)
    add_inputs(p_render)

    p_lecture = sub.add_parser(
        "lecture",
        help="the lesson as one video with chapters, subtitles, thumbnail: renders/<quality>/lecture.mp4",
    )
    p_lecture.add_argument(
        "scenes", nargs="*", metavar="SCENE", help="default: the whole lesson (a part keeps lesson order)"
    )
    add_output_options(p_lecture)
    add_encode_option(p_lecture)

    p_gallery = sub.add_parser("gallery", help="write renders/index.html: every rendered clip")
    p_gallery.add_argument("--out", type=Path, default=Path("renders"), help="output folder")

    p_slides = sub.add_parser(
        "slides",
        help="a slide deck (offline HTML, PPTX, PDF), step PNGs, "
        "GIFs, transparent videos: renders/<quality>/slides/lesson.html",
    )
    p_slides.add_argument("scenes", nargs="*", metavar="SCENE", help="default: the whole lesson")
    p_slides.add_argument(
        "--alpha",
        choices=("webm", "mov", "none"),
        default="webm",
        help="transparent version: webm (VP9, default), mov (QuickTime Animation) or none",
    )
    p_slides.add_argument(
        "--deck-files",
        action="store_true",
        help="keep the deck's videos as files in slides/<deck>_files/ beside a small HTML "
        "(still offline) instead of inside one HTML file",
    )
    add_output_options(p_slides)
    add_inputs(p_slides)
    return parser


def add_encode_option(p: argparse.ArgumentParser) -> None:
    """``--encode`` (render, lecture): the final videos as rendered, or encoded again for upload."""
    p.add_argument(
        "--encode",
        choices=ENCODES,
        default=ENCODES[0],
        help="fast (default) or publish: the final video encoded again for upload, about the "
        "size of manim's own encode (render: into <quality>-publish/; lecture: lecture.mp4)",
    )


def add_output_options(p: argparse.ArgumentParser) -> None:
    """The options every rendering command shares (render, lecture, slides)."""
    p.add_argument(
        "-q",
        "--quality",
        choices=QUALITY_FLAGS,
        default="h",
        help="l 480p15, m 720p30, h 1080p60 (default), k 2160p60",
    )
    p.add_argument("--out", type=Path, default=Path("renders"), help="output folder")
    p.add_argument("--jobs", type=int, default=None, help="parallel processes (default: cores)")
    p.add_argument(
        "--theme",
        choices=THEME_NAMES,
        default=THEME_NAMES[0],
        help="dark (default, for video) or light (for white slides)",
    )
    p.add_argument(
        "--aspect",
        choices=ASPECT_NAMES,
        default=ASPECT_NAMES[0],
        help="16:9 (default) or 9:16 (vertical shorts, 1080x1920 at -q h)",
    )
    p.add_argument(
        "--voice",
        action="store_true",
        help="also speak the narration (offline: Piper's en_US-joe-medium voice) into "
        "<quality>-voice/; subtitles are always written",
    )
    p.add_argument(
        "--voice-engine",
        choices=VOICE_ENGINES,
        default=None,
        help="piper (default, natural) or espeak (fallback: apt-get install espeak-ng); implies --voice",
    )


def voice_of(args) -> str:
    """The speech engine the command asks for (``--voice``, ``--voice-engine``), or ``""``."""
    engine = getattr(args, "voice_engine", None)
    if engine:
        return engine
    return VOICE_ENGINES[0] if getattr(args, "voice", False) else ""


def resolve_jobs(jobs: int | None) -> int:
    """``--jobs`` checked (1..64), defaulting to the machine's cores."""
    return resolve_params(
        [Param("jobs", os.cpu_count() or 1, "", as_int(1, 64))],
        {} if jobs is None else {"jobs": jobs},
        "render",
    )["jobs"]


def _given(spec, sets: Sequence[str], seed: int | None) -> dict:
    """The user's parameter values for one scene (``--set``, ``--seed``), unchecked."""
    given = parse_assignments(sets)
    if seed is not None:
        if "seed" not in {p.name for p in spec.params}:
            raise InputError(f"--seed: {spec.name} draws no random numbers")
        if "seed" in given:
            raise InputError("--seed and --set seed are both given; give one")
        given["seed"] = seed
    return given


def _scene_inputs(spec, sets: Sequence[str], seed: int | None) -> dict:
    """The user's parameter values for one scene, validated by the converters and by the
    scene's core function, as ``values`` validates them (raises InputError)."""
    given = _given(spec, sets, seed)
    spec.values(given)  # the core's own checks (shapes, domains...): before any worker starts
    return given


def _cmd_list(args) -> int:
    for spec in _lesson().LESSON:
        print(f"{spec.name:<22} {spec.description}")
        if args.params:
            for p in spec.params:
                limits = f"; accepts {p.limits}" if p.limits else ""
                print(f"    --set {p.name}={json.dumps(p.default)}  ({p.help}{limits})")
    return 0


def _cmd_values(args) -> int:
    spec = _lesson().find_scene(args.scene)
    print(json.dumps(spec.values(_given(spec, args.sets, args.seed))))
    return 0


def render_tasks(args) -> list:
    """The validated :class:`~mathdl_anim.render.RenderTask` of each chosen scene, in order.

    From ``SCENE ...`` (default: the whole lesson), ``--set``, ``--seed`` and, when the command
    has them, ``--theme``, ``--aspect`` and ``--voice``. Raises :class:`InputError` on bad input.
    """
    from mathdl_anim.render.scenes import RenderTask  # imports nothing heavy until a worker starts

    specs = [_lesson().find_scene(name) for name in args.scenes] if args.scenes else list(_lesson().LESSON)
    if args.sets and len(specs) > 1:
        for s in args.sets:  # a key must belong to every chosen scene
            key = s.partition("=")[0].strip()
            for spec in specs:
                if key not in {p.name for p in spec.params}:
                    raise InputError(
                        f"--set {key}: {spec.name} has no such parameter "
                        f"(valid: {', '.join(p.name for p in spec.params) or 'none'})"
                    )
    look: dict = {key: getattr(args, key) for key in ("theme", "aspect") if hasattr(args, key)}
    if hasattr(args, "voice"):
        look["voice"] = voice_of(args)
    if getattr(args, "encode", "fast") != "fast":
        look["encode"] = args.encode
    return [RenderTask(spec.name, _scene_inputs(spec, args.sets, args.seed), **look) for spec in specs]


def _cmd_render(args) -> int:
    from mathdl_anim.render.options import check_tools
    from mathdl_anim.render.scenes import render_all

    tasks = render_tasks(args)
    jobs = resolve_jobs(args.jobs)
    check_tools(voice=voice_of(args))
    code = render_all(tasks, quality=args.quality, out=args.out, jobs=jobs)
    _refresh_gallery(args.out)
    return code


def _refresh_gallery(out: Path) -> None:
    """Rewrite ``out/index.html`` after a command added videos (a failure only warns)."""
    from mathdl_anim.publish.gallery import write_gallery

    try:
        print(f"gallery -> {write_gallery(out)}", flush=True)
    except OSError as exc:
        print(f"mathdl-anim: warning: gallery not written: {exc}", file=sys.stderr)


def _cmd_slides(args) -> int:
    from mathdl_anim.publish import slides
    from mathdl_anim.render.options import check_tools

    tasks = render_tasks(args)
    jobs = resolve_jobs(args.jobs)
    check_tools(voice=voice_of(args))
    code = slides.make_slides(
        tasks, quality=args.quality, out=args.out, jobs=jobs, alpha=args.alpha, deck_files=args.deck_files
    )
    _refresh_gallery(args.out)  # links the deck, GIFs and transparent videos
    return code


def _cmd_lecture(args) -> int:
    from mathdl_anim.publish.lecture import build_lecture

    specs = [_lesson().find_scene(name) for name in args.scenes] if args.scenes else list(_lesson().LESSON)
    jobs = resolve_jobs(args.jobs)
    for spec in specs:  # the core's checks, as render's, before anything is written
        spec.values()
    return build_lecture(
        specs,
        args.quality,
        args.out,
        jobs,
        theme=getattr(args, "theme", "dark"),
        aspect=getattr(args, "aspect", "16:9"),
        voice=voice_of(args),
        encode=args.encode,
    )


def _cmd_gallery(args) -> int:
    from mathdl_anim.publish.gallery import write_gallery

    if not args.out.is_dir():
        raise InputError(f"--out {args.out}: no such folder (render something first)")

    try:
        print(f"gallery -> {write_gallery(args.out)}")
    except OSError as exc:  # an unwritable folder, say: exit 1 with the reason
        raise RenderError(f"gallery not written: {exc}") from None
    return 0


#: sub-command -> handler(args) -> exit code. A command in its own module adds its parser in
#: :func:`_build_parser` and its handler here.
COMMANDS = {
    "list": _cmd_list,
    "values": _cmd_values,
    "render": _cmd_render,
    "lecture": _cmd_lecture,
    "gallery": _cmd_gallery,
    "slides": _cmd_slides,
}


def _warn_without_cache() -> None:
    """Caches are optional: one warning line when the cache folder cannot be written."""
    from mathdl_anim.files import cache_problem

    problem = cache_problem()
    if problem is not None:
        print(f"mathdl-anim: warning: cache not writable ({problem}); rendering without it", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``mathdl-anim``; returns the exit code."""
    try:
        args = _build_parser().parse_args(argv)
        if args.command in ("render", "lecture", "slides"):
            from mathdl_anim.render.pool import stop_on_signals

            speedups_configured()  # an unknown name in MATHDL_ANIM_SPEEDUPS: one line, exit 2
            _warn_without_cache()
            with stop_on_signals():  # SIGINT, SIGTERM: every worker and helper killed at once
                return COMMANDS[args.command](args)
        return COMMANDS[args.command](args)
    except InputError as exc:
        print(f"mathdl-anim: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # e.g. `mathdl-anim values X | head`: the reader left, stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except RenderError as exc:
        print(f"mathdl-anim: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt as exc:
        signum = getattr(exc, "signum", signal.SIGINT)
        print(f"mathdl-anim: interrupted ({signal.Signals(signum).name})", file=sys.stderr)
        return 128 + signum


if __name__ == "__main__":
    sys.exit(main())
