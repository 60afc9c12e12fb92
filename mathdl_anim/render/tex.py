"""Compiled LaTeX shared between render processes through the cache folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mathdl_anim.files import cache_dir, writing

__all__ = ["private_tex_dir", "publish_tex"]


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def private_tex_dir(work: Path) -> Path:
    """A TeX folder for this process, seeded from the shared cache.

    manim deletes every non-SVG file of its TeX folder after each compile, which breaks other
    processes compiling in the same folder; so each render compiles in its own folder and
    :func:`publish_tex` shares the SVGs (named by a hash of their source) afterwards.
    """
    shared = cache_dir() / "tex"
    private = work / "tex"
    private.mkdir(parents=True)
    for svg in shared.glob("*.svg") if shared.is_dir() else ():
        _link_or_copy(svg, private / svg.name)
    return private


def publish_tex(private: Path) -> None:
    shared = cache_dir() / "tex"
    shared.mkdir(parents=True, exist_ok=True)
    for svg in private.glob("*.svg"):
        target = shared / svg.name
        if not target.exists():
            with writing(target) as tmp:
                shutil.copyfile(svg, tmp)
