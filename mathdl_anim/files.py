"""Writing a file so that its final name never holds half of it (pure: no manim).

Every output of the project (videos, values, subtitles, decks, the gallery) is written under a
temporary name in its final folder and moved into place with :func:`os.replace`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["writing", "write_text_atomic"]


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
