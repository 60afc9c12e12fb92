"""Writing a file so that its final name never holds half of it (pure: no manim).

Every output of the project (videos, values, subtitles, decks, the gallery) is written under a
temporary name in its final folder and moved into place with :func:`os.replace`. The caches of
built mobjects keep pickles the same way (:func:`read_pickle`, :func:`write_pickle`).
"""

from __future__ import annotations

import logging
import os
import pickle
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "cache_problem", "writing", "write_text_atomic", "read_pickle", "write_pickle"]

_log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """The per-user cache folder, ``$XDG_CACHE_HOME/mathdl-anim`` (default ``~/.cache``).

    It holds compiled LaTeX, parsed glyphs, built labels, speech and reveal.js; every file in it
    can be made again, so deleting it is safe.
    """
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mathdl-anim"


def cache_problem() -> str | None:
    """Why the cache folder cannot be written (one line), or ``None`` when it can.

    Caches are optional: a render without a writable cache works the same, only slower.
    """
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".probe-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return f"{folder}: {exc.strerror or type(exc).__name__}"
    return None


@contextmanager
def writing(dest: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``dest``; move it to ``dest`` if the block succeeds.

    The temporary name keeps ``dest``'s suffix (encoders pick the format from it). On failure
    the temporary file is removed and ``dest`` is left as it was.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.stem}.{uuid.uuid4().hex[:8]}.part{dest.suffix}")
    try:
        yield tmp
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through :func:`writing`."""
    with writing(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def read_pickle(path: Path) -> Any | None:
    """What the cache file ``path`` holds; ``None`` if it is missing or cannot be read (corrupt,
    truncated, from another layout): a miss. The file is trusted as the cache folder is."""
    try:
        return pickle.loads(Path(path).read_bytes())
    except FileNotFoundError:
        return None
    except Exception as error:  # noqa: BLE001 - a damaged cache file only costs a miss
        _log.debug("cache: ignoring %s: %r", Path(path).name, error)
        return None


def write_pickle(path: Path, value: Any) -> None:
    """Store ``value`` at ``path`` through :func:`writing`; a failure (read-only or full disk,
    something unpicklable) only means no cache."""
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        with writing(path) as tmp:
            tmp.write_bytes(payload)
    except Exception as error:  # noqa: BLE001
        _log.debug("cache: not stored %s: %r", Path(path).name, error)
