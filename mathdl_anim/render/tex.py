"""Compiled LaTeX shared between render processes through the cache folder, and the cache
folders a render writes to (caches are optional: an unwritable cache only costs time).

Each render compiles in a private TeX folder *beside the cache* (``tex-work/``, on the cache's
own file system), seeded with hard links to the shared SVGs: an output folder on another file
system receives only what a render gives it, never a copy of the TeX cache.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import uuid
from pathlib import Path
from typing import Any

from mathdl_anim.files import cache_dir, cache_problem, write_text_atomic, writing
from mathdl_anim.render.options import manim_options
from mathdl_anim.render.workdir import OWNER, owned_folder, remove_folder, sweep

__all__ = [
    "private_tex_dir",
    "publish_tex",
    "discard_tex_dir",
    "sweep_private_tex",
    "cache_or_private",
    "render_options",
]

#: The folder of the cache's that holds the private TeX folders of running renders.
PRIVATE_ROOT = "tex-work"


def _link(src: Path, dst: Path) -> None:
    """``dst`` names the file ``src``: a hard link, else a symbolic one (never a copy)."""
    try:
        os.link(src, dst)
    except OSError:
        os.symlink(src.absolute(), dst)


def cache_or_private(name: str, work: Path) -> Path:
    """``cache_dir() / name`` when the cache can be written, else ``work / name``: a render
    without the cache (the command has said so once, in one warning line)."""
    return cache_dir() / name if cache_problem() is None else Path(work) / name


def _checksum_path(svg: Path) -> Path:
    return svg.with_name(svg.name + ".sha256")


def _intact(svg: Path) -> bool:
    """Whether a shared SVG is what was published: its checksum file matches its bytes (an
    SVG from before checksums were kept must at least end as an SVG does)."""
    data = svg.read_bytes()
    try:
        expected = _checksum_path(svg).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return data.rstrip().endswith(b"</svg>")
    return expected == hashlib.sha256(data).hexdigest()


_WARNED: list[bool] = []


def _warn_damaged(shared: Path, name: str) -> None:
    if not _WARNED:
        _WARNED.append(True)
        print(
            f"mathdl-anim: warning: cache {shared}: {name} does not match its checksum; typesetting it again",
            file=sys.stderr,
        )


def private_tex_dir(work: Path) -> Path:
    """A TeX folder for this process, seeded from the shared cache (if it can be read).

    manim deletes every non-SVG file of its TeX folder after each compile, which breaks other
    processes compiling in the same folder; so each render compiles in its own folder and
    :func:`publish_tex` shares the SVGs (named by a hash of their source) afterwards. Only
    intact SVGs are seeded: a truncated or altered one is typeset again (one warning line).

    The folder is ``tex-work/<id>/tex`` in the cache, on the cache's file system (hard links
    always work, nothing is copied); ``<id>`` is owned by this process and ``work / "tex"``
    links to the folder, so removing the work folder with
    :func:`~mathdl_anim.render.workdir.remove_folder` removes it too, and a later render
    removes it if this process dies first. Without a writable cache it is
    ``work / "tex"`` itself, seeded with links to what the cache has.
    """
    shared = cache_dir() / "tex"
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    if cache_problem() is None:
        root = cache_dir() / PRIVATE_ROOT
        sweep_private_tex()  # the folders of renders that were killed
        owned = owned_folder(root / f"{work.name}-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        private = owned / "tex"  # manim deletes the files of its TeX folder but SVGs: not the owner's
        private.mkdir()
        (work / "tex").symlink_to(private.absolute(), target_is_directory=True)
    else:
        private = work / "tex"
        private.mkdir()
    try:
        for svg in shared.glob("*.svg") if shared.is_dir() else ():
            if _intact(svg):
                _link(svg, private / svg.name)
            else:
                _warn_damaged(shared, svg.name)
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
            if target.exists() and _intact(target):
                continue
            # the checksum first: an SVG is never shared without the means to check it
            write_text_atomic(_checksum_path(target), hashlib.sha256(svg.read_bytes()).hexdigest())
            with writing(target) as tmp:
                shutil.copyfile(svg, tmp)
    except OSError:
        pass


def discard_tex_dir(private: Path) -> None:
    """Remove a folder of :func:`private_tex_dir` (a work folder's removal does it too)."""
    private = Path(private)
    remove_folder(private.parent if (private.parent / OWNER).is_file() else private)


def sweep_private_tex() -> None:
    """Remove the private TeX folders of renders whose process is gone (never fails)."""
    sweep(cache_dir() / PRIVATE_ROOT)


def render_options(
    work: Path, quality: str, theme: str, aspect: str, **extra: Any
) -> tuple[dict[str, Any], Path]:
    """manim's config for one render in the work folder ``work``, and its private TeX folder.

    LaTeX compiles in a private folder beside the cache (publish it with :func:`publish_tex`
    when the render succeeds); Pango's text goes to the shared cache, or to the work folder
    when the cache cannot be written. ``extra`` overrides any option
    (:func:`~mathdl_anim.render.options.manim_options`).
    """
    tex_dir = private_tex_dir(work)
    extra = {"tex_dir": str(tex_dir), "text_dir": str(cache_or_private("text", work)), **extra}
    return manim_options(work, quality, theme, aspect, **extra), tex_dir
