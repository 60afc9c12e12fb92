"""Build each label once per machine: finished ``MathTex``/``Tex`` mobjects kept on disk.

A label costs about 10 ms to build even when its SVG is typeset and parsed already
(:mod:`~mathdl_anim.engine.svg_cache`): the glyphs are copied, coloured, scaled to the font size
and split into the parts the scene addresses. A lesson scene builds 50 to 100 labels, and the
same labels again on every render. :func:`build` returns a copy of the label as first built,
kept in memory and pickled in ``cache_dir() / "mobjects"``, keyed by a SHA-256 of the class, its
arguments (the LaTeX template by its text) and the versions that shape the result. The key
follows the rule of manim's own TeX cache, which names each typeset SVG by the LaTeX code: a
change of LaTeX code or arguments is a new label; a different TeX installation is not detected
by either (clear ``~/.cache/mathdl-anim`` after changing it).

A copy is what the scene would have built (``tests/engine/test_tex_cache.py`` compares points,
colours, widths and parts with a fresh build); arguments that do not have a stable text form
(anything but strings, numbers, colours, the template and lists or dicts of them) are built the
ordinary way, uncached. A missing, corrupt or unwritable file only costs a build: each file
stores its key and a checksum, verified before it is unpickled (:func:`mathdl_anim.files.read_pickle`),
so a swapped, altered, bit-flipped or truncated file is rebuilt, never drawn.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any, TypeVar, cast

import manim
import numpy as np
from manim import ManimColor, config
from manim.mobject.mobject import Mobject
from manim.utils.tex import TexTemplate

from mathdl_anim.engine.patches import Flag, switches
from mathdl_anim.files import cache_dir, read_pickle, write_pickle

__all__ = ["build", "cache_folder", "FORMAT", "install", "uninstall", "installed"]

FORMAT = 2  # bump when what is stored, or how, changes (2: key and checksum in the file)

_MEMORY: dict[str, Mobject] = {}
_M = TypeVar("_M", bound=Mobject)
_FLAG = Flag()
install, uninstall, installed = switches(_FLAG)


def cache_folder() -> Path:
    return cache_dir() / "mobjects"


def _text_form(value: Any) -> Any:
    """A stable text form of an argument, or raise TypeError."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, ManimColor):
        return ["color", value.to_hex(with_alpha=True)]
    if isinstance(value, TexTemplate):
        return ["template", value.tex_compiler, value.output_format, value.body]
    if isinstance(value, (list, tuple)):
        return [type(value).__name__, [_text_form(v) for v in value]]
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiub":
        return ["array", value.dtype.str, list(value.shape), value.tolist()]
    if isinstance(value, dict):
        return ["dict", sorted((repr(_text_form(k)), _text_form(v)) for k, v in value.items())]
    raise TypeError(type(value).__name__)


def _key(kind: type, args: tuple, kwargs: dict) -> str | None:
    try:
        form = repr(
            [
                FORMAT,
                f"{kind.__module__}.{kind.__qualname__}",
                _text_form(list(args)),
                _text_form(kwargs),
                str(config.renderer),
                manim.__version__,
                np.__version__,
                sys.version_info[:2],
            ]
        )
    except TypeError:
        return None
    return hashlib.sha256(form.encode()).hexdigest()


def build(kind: type[_M], *args: Any, **kwargs: Any) -> _M:
    """``kind(*args, **kwargs)`` (a ``MathTex``, ``Tex``...), from the cache when it has it."""
    key = _key(kind, args, kwargs) if _FLAG else None
    if key is None:
        return kind(*args, **kwargs)
    prototype = cast("_M | None", _MEMORY.get(key))  # stored under a key naming its class
    if prototype is None:
        path = cache_folder() / f"{key}.pickle"
        prototype = read_pickle(path, key)  # verified: its key and checksum
        if type(prototype) is not kind:  # absent or damaged
            prototype = kind(*args, **kwargs)
            write_pickle(path, prototype, key)
        _MEMORY[key] = prototype
    return prototype.copy()
