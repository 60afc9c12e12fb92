"""A render's fingerprint: what would make its video different if it were rendered again.

The fingerprint hashes the scene's resolved parameters, the quality, every other field of the
task (theme, aspect, voice engine...), the drawing code, the versions of manim and PyAV (whose
wheel bundles the encoder) and, for a voiced render, the speech engine's version, voice and
settings. A video whose stored fingerprint equals the one computed now is up to
date, and ``mathdl-anim lecture`` does not render it again.

The drawing code is every ``.py``/``.tex`` file of the layers that can change a frame
(:data:`PIXEL_LAYERS`: ``core``, ``lesson``, ``draw``, ``scene``, ``engine`` and ``render``)
plus the scene's own module in ``scenes/`` (scenes import the package, never each other), so
editing one scene re-renders that scene only. The layers above them (``publish``, the command
line) only assemble finished videos: editing them re-renders nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
from functools import cache, lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

__all__ = ["PIXEL_LAYERS", "source_digest", "fingerprint"]

_PACKAGE = Path(__file__).resolve().parents[1]

#: The sub-packages whose code can change a frame (the layers below ``publish``).
PIXEL_LAYERS = ("core", "lesson", "draw", "scene", "engine", "render")


def _source_files() -> list[Path]:
    """The package's drawing code (``scenes/`` aside: each scene counts its own module)."""
    return sorted(
        path
        for layer in PIXEL_LAYERS
        for path in (_PACKAGE / layer).rglob("*")
        if path.suffix in (".py", ".tex") and "__pycache__" not in path.parts
    )


def _module_file(module: str) -> Path:
    """The source file of ``module`` (found, not imported)."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ValueError(f"no source for module {module!r}")
    return Path(spec.origin)


@lru_cache(maxsize=1)
def _package_digest() -> str:
    digest = hashlib.sha256(f"manim {version('manim')}; av {version('av')}".encode())
    for path in _source_files():
        digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def source_digest(module: str) -> str:
    """A hash of the code that draws a scene of ``module`` (e.g. ``"scenes.neuron"``).

    Cached for the life of the process.
    """
    digest = hashlib.sha256(_package_digest().encode())
    digest.update(module.encode() + b"\0" + _module_file(module).read_bytes())
    return digest.hexdigest()


def _module_of(task: Any) -> str:
    module = getattr(task, "module", None)
    if module is None:  # a scene of the lesson
        from mathdl_anim.lesson.registry import find_scene

        module = find_scene(task.scene).module
    return module


def fingerprint(task: Any, quality: str, params: dict[str, Any] | None = None) -> str:
    """The fingerprint of rendering ``task`` (a dataclass) at ``quality``.

    Parameters
    ----------
    task : dataclass instance
        Every field counts (scene name, parameters, theme, aspect...). Its scene's module is
        ``task.module`` if it has one, else the lesson's scene named ``task.scene``.
    quality : str
        The ``-q`` letter.
    params : dict, optional
        The parameters with their defaults filled in, to use instead of ``task.params``, so
        that leaving a parameter out and giving its default value are the same render.
    """
    fields = dataclasses.asdict(task)
    if params is not None:
        fields["params"] = params
    record = {"task": fields, "quality": quality, "source": source_digest(_module_of(task))}
    voice = getattr(task, "voice", "")
    if voice:  # the engine, its version, its voice and settings: another voice, another video
        from mathdl_anim.scene.speech import DEFAULT_ENGINE, voice_identity

        record["voice"] = voice_identity(voice if isinstance(voice, str) else DEFAULT_ENGINE)
    text = json.dumps(record, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]
