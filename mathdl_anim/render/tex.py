"""Compiled LaTeX shared between render processes through the cache folder, and the cache
folders a render writes to (caches are optional: an unwritable cache only costs time)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mathdl_anim.files import cache_dir, cache_problem, writing

__all__ = ["private_tex_dir", "publish_tex", "cache_or_private"]


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def cache_or_private(name: str, work: Path) -> Path:
    """``cache_dir() / name`` when the cache can be written, else ``work / name``: a render
    without the cache (the command has said so once, in one warning line)."""
    return cache_dir() / name if cache_problem() is None else Path(work) / name


def private_tex_dir(work: Path) -> Path:
    """A TeX folder for this process, seeded from the shared cache (if it can be read).

    manim deletes every non-SVG file of its TeX folder after each compile, which breaks other
    processes compiling in the same folder; so each render compiles in its own folder and
    :func:`publish_tex` shares the SVGs (named by a hash of their source) afterwards.
    """
    shared = cache_dir() / "tex"
    private = work / "tex"
    private.mkdir(parents=True)
    try:
        for svg in shared.glob("*.svg") if shared.is_dir() else ():
            _link_or_copy(svg, private / svg.name)
    except OSError:  # an unreadable cache: compile everything
        pass
    return private


def publish_tex(private: Path) -> None:
    """Share the SVGs compiled in ``private``; never fails (it runs after the video is
    finished, and a cache that cannot be written only means no cache)."""
    shared = cache_dir() / "tex"
    try:
        shared.mkdir(parents=True, exist_ok=True)
        for svg in private.glob("*.svg"):
            target = shared / svg.name
            if not target.exists():
                with writing(target) as tmp:
                    shutil.copyfile(svg, tmp)
    except OSError:
        pass
