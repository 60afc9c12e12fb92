"""The registry of speed-ups: what each replaces, which manim it was checked with, on and off.

Every speed-up gives the same frames as plain manim, only sooner (each module's test compares
the two). None is installed by importing anything: :func:`install` installs the ones that
``MATHDL_ANIM_SPEEDUPS`` names, and the lesson's renderer calls it before every scene.

``MATHDL_ANIM_SPEEDUPS``
    unset, ``on`` or ``all``: every speed-up; ``off`` or ``none``: plain manim; or a
    comma-separated list of names from :data:`SPEEDUPS` (``fast_copy,svg_cache``): those only.

With a manim version that is not in a speed-up's ``checked_with``, that speed-up stays off and
one warning line says so: manim's internals change between releases (0.22 drives rendering
from a ``Manager`` and encodes differently), so a speed-up is trusted only where it was checked.

Examples
--------
>>> from mathdl_anim.engine import speedups
>>> speedups.parse("fast_copy, moving")
('fast_copy', 'moving')
>>> speedups.parse("off")
()
"""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass
from types import ModuleType

from mathdl_anim.core.errors import InputError

__all__ = ["Speedup", "SPEEDUPS", "ENV", "NAMES", "parse", "configured", "install", "active"]

#: The environment variable that chooses the speed-ups.
ENV = "MATHDL_ANIM_SPEEDUPS"

#: The manim releases the speed-ups were checked against (their tests pass with it).
_CHECKED = ("0.21.0",)


@dataclass(frozen=True)
class Speedup:
    """One speed-up of the engine room.

    Parameters
    ----------
    name : str
        Its name in ``MATHDL_ANIM_SPEEDUPS`` (the module's name in :mod:`mathdl_anim.engine`).
    replaces : str
        What of manim it replaces or bypasses.
    checked_with : tuple of str
        The manim versions whose frames it was checked to leave unchanged.
    """

    name: str
    replaces: str
    checked_with: tuple[str, ...] = _CHECKED

    @property
    def module(self) -> ModuleType:
        """The module with its ``install``, ``uninstall`` and ``installed`` (imported on use)."""
        return importlib.import_module(f"mathdl_anim.engine.{self.name}")


#: Every speed-up, in the order they are installed.
SPEEDUPS: tuple[Speedup, ...] = (
    Speedup("fast_copy", "Mobject.__deepcopy__; VMobjectFromSVGPath.generate_points keeps no path"),
    Speedup("fast_family", "Mobject.get_family (one pre-order loop)"),
    Speedup("fast_path", "Camera.set_cairo_context_path (Python floats to cairo)"),
    Speedup("fast_subpaths", "VMobject.get_subpaths_from_points (vectorized split)"),
    Speedup("svg_cache", "SVGMobject.generate_mobject (parsed glyphs kept on disk)"),
    Speedup("tex_cache", "building MathTex/Tex labels (finished labels kept on disk)"),
    Speedup("fast_number", "DecimalNumber.set_value (the same digits keep their glyphs)"),
    Speedup("moving", "Scene.get_moving_mobjects (redraw only what an animation can reach)"),
    Speedup("encoding", "SceneFileWriter's H.264 encode job (no frame copies)"),
    Speedup("renderer", "CairoRenderer.play (animations drawn by forked helper processes)"),
)

#: The names, in order.
NAMES: tuple[str, ...] = tuple(s.name for s in SPEEDUPS)

_warned: set[str] = set()


def parse(value: str | None) -> tuple[str, ...]:
    """The speed-ups a value of ``MATHDL_ANIM_SPEEDUPS`` names, in registry order.

    Raises
    ------
    InputError
        For a name that is not a speed-up.
    """
    text = (value or "").strip().lower()
    if text in ("", "on", "all"):
        return NAMES
    if text in ("off", "none"):
        return ()
    asked = {name.strip() for name in text.split(",") if name.strip()}
    unknown = sorted(asked - set(NAMES))
    if unknown:
        raise InputError(
            f"{ENV}: unknown speed-up {', '.join(unknown)} (valid: on, off, or some of {', '.join(NAMES)})"
        )
    return tuple(name for name in NAMES if name in asked)


def configured() -> tuple[str, ...]:
    """The speed-ups the environment asks for (:data:`ENV`)."""
    return parse(os.environ.get(ENV))


def _manim_version() -> str:
    from importlib.metadata import version

    return version("manim")


def install(names: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """Install ``names`` (default: :func:`configured`), uninstall the rest; what is installed.

    A speed-up not checked with the installed manim stays off, with one warning line on stderr
    (once per process).
    """
    wanted = configured() if names is None else names
    manim = _manim_version()
    for speedup in SPEEDUPS:
        trusted = manim in speedup.checked_with
        if speedup.name in wanted and not trusted and manim not in _warned:
            _warned.add(manim)
            print(
                f"mathdl-anim: warning: speed-ups not checked with manim {manim} "
                f"(checked: {', '.join(_CHECKED)}); rendering with plain manim",
                file=sys.stderr,
            )
        if speedup.name in wanted and trusted:
            speedup.module.install()
        else:
            speedup.module.uninstall()
    return active()


def active() -> tuple[str, ...]:
    """The speed-ups installed now."""
    return tuple(s.name for s in SPEEDUPS if s.module.installed())
