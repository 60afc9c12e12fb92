"""Parse each typeset SVG once per machine, not once per render: one adjustment to manim 0.21.

Every ``Tex``/``MathTex``/``Text`` is an ``SVGMobject`` whose ``generate_mobject`` parses the SVG
file with ``svgelements`` and turns its paths into ``VMobjectFromSVGPath`` glyphs. manim keeps
the result only in memory (``SVG_HASH_TO_MOB_MAP``, keyed by the file's *path*), so every render
process parsed every formula again: about 17% of a 480p render.

``generate_mobject`` is wrapped to keep its result on disk, in ``cache_dir() / "svg"``, keyed
by a SHA-256 of the SVG's *bytes* and of everything else the result depends on
(:func:`cache_key`; never the path: each render compiles TeX in its own folder). A hit restores
exactly what manim would have built: the same glyphs (points, colours, widths, sheen), the same
``id_to_vgroup_dict`` (sharing those glyphs) and the state ``flip(RIGHT)`` leaves on the
mobject itself; the rest of manim's ``__init__`` (``set_style``, ``move_into_position``,
``MathTex``'s substring split) runs as before. A miss runs manim's own method and writes the
result with :func:`mathdl_anim.files.writing` (temporary name, then :func:`os.replace`). A
missing, corrupt, truncated or stale file, or one that cannot be written, only costs a parse.

Glyphs are stored as built: with :mod:`~mathdl_anim.engine.fast_copy` installed they hold no
``svgelements`` path; without it they do, and the key tells the two apart. Only the Cairo
renderer is cached (OpenGL mobjects carry shader state). ``tests/engine/test_svg_cache.py``
compares cached builds with manim's own. Applied once, on import of :mod:`mathdl_anim.draw`.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import manim
import numpy as np
import svgelements
from manim import RIGHT, config
from manim.constants import RendererType
from manim.mobject.mobject import Mobject
from manim.mobject.svg.svg_mobject import SVGMobject, VMobjectFromSVGPath

from mathdl_anim.engine.patches import Patch, switches
from mathdl_anim.files import cache_dir, read_pickle, write_pickle

__all__ = ["install", "uninstall", "installed", "cache_key", "cache_folder", "FORMAT"]

FORMAT = 2  # bump when what is stored, or how, changes (2: key and checksum in the file)

_ORIGINAL = SVGMobject.generate_mobject


def cache_folder() -> Path:
    return cache_dir() / "svg"


def _glyph_builder() -> str:
    """The ``generate_points`` in effect: fast_copy's drops the parsed path, manim's keeps it."""
    method = VMobjectFromSVGPath.generate_points
    return f"{method.__module__}.{method.__qualname__}"


def cache_key(mob: SVGMobject, svg: bytes) -> str:
    """SHA-256 of the SVG's bytes and of everything else ``generate_mobject`` depends on."""
    cls = type(mob)
    # subclasses add what else shapes their result to manim's hash_seed (Typst: track_baselines)
    seed = [
        part
        for part in mob.hash_seed
        if not (part is mob.file_name or part == mob.file_name or part == str(mob.file_name))
    ]
    settings = {
        "format": FORMAT,
        "class": f"{cls.__module__}.{cls.__qualname__}",
        "svg_default": mob.svg_default,
        "path_string_config": mob.path_string_config,
        "style": mob.generate_config_style_dict(),  # what modify_xml_tree injects
        "hash_seed": seed,
        "renderer": str(config.renderer),
        "glyphs": _glyph_builder(),
        "manim": manim.__version__,
        "svgelements": getattr(svgelements, "SVGELEMENTS_VERSION", "?"),
        "numpy": np.__version__,  # pickled arrays
        "python": sys.version_info[:2],
    }
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=repr).encode())
    digest.update(b"\0")
    digest.update(svg)
    return digest.hexdigest()


def _load(path: Path, key: str):
    """The stored ``(glyphs, id_to_vgroup_dict)``, or None if absent or unusable."""
    data: Any = read_pickle(path, key)  # verified: its key and checksum; None or the record
    try:
        glyphs, groups = data["glyphs"], data["groups"]
        if (
            data["format"] != FORMAT
            or data["key"] != key
            or not isinstance(glyphs, list)
            or not isinstance(groups, dict)
            or not all(isinstance(m, Mobject) for m in [*glyphs, *groups.values()])
        ):
            return None
    except (TypeError, KeyError):  # nothing stored, or something else
        return None
    return glyphs, groups


def _generate_mobject_cached(self):
    if (
        config.renderer != RendererType.CAIRO
        or self.submobjects
        or len(self.points)
        or self.file_name is None
    ):
        return _ORIGINAL(self)
    try:
        key = cache_key(self, self.get_file_path().read_bytes())
        path = cache_folder() / f"{key}.pickle"
    except Exception:  # noqa: BLE001 - no such file and the like: manim's own method reports it
        return _ORIGINAL(self)
    stored = _load(path, key)
    if stored is None:
        _ORIGINAL(self)
        write_pickle(
            path,
            {"format": FORMAT, "key": key, "glyphs": self.submobjects, "groups": self.id_to_vgroup_dict},
            key,
        )
        return self
    glyphs, groups = stored
    self.flip(RIGHT)  # no points yet: leaves on self alone what manim's flip leaves (sheen)
    self.add(*glyphs)  # stored after manim's flip
    self.id_to_vgroup_dict = groups
    return self


install, uninstall, installed = switches(Patch(SVGMobject, "generate_mobject", _generate_mobject_cached))
