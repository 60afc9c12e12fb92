"""Writing a file so that its final name never holds half of it (pure: no manim).

Every output of the project (videos, values, subtitles, decks, the gallery) is written under a
temporary name in its final folder and moved into place with :func:`os.replace`. The caches of
built mobjects keep pickles the same way, each with its key and checksum, verified on load
(:func:`read_pickle`, :func:`write_pickle`).
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import logging
import os
import pickle
import signal
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = [
    "cache_dir",
    "cache_problem",
    "writing",
    "write_text_atomic",
    "move_into_place",
    "Interrupted",
    "stop_moving",
    "die_with_parent",
    "read_pickle",
    "write_pickle",
]

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


class Interrupted(KeyboardInterrupt):
    """The command was told to stop by signal ``signum`` (SIGINT, SIGTERM): exit ``128 + signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


#: The signal that stopped the command, once one has: nothing is moved into place after it.
_STOPPED: list[int] = []


def stop_moving(signum: int) -> None:
    """From now on :func:`move_into_place` (and :func:`writing`) refuse, raising :class:`Interrupted`."""
    _STOPPED.append(signum)


def die_with_parent(parent: int) -> None:
    """Let the kernel kill this process (SIGKILL) when its parent process ``parent`` dies.

    For the command's workers and their helpers: a command killed with SIGKILL (which it cannot
    catch) takes them with it, so none goes on drawing, or moving a file into place, for nobody.
    Linux only (``prctl(PR_SET_PDEATHSIG)``); elsewhere it does nothing. If the parent died
    before this call, exit at once.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl to call: the signals still stop everything
        return
    if os.getppid() != parent:
        os._exit(1)


#: ``prctl`` option: the signal a process gets when its parent dies (``<linux/prctl.h>``).
_PR_SET_PDEATHSIG = 1


def move_into_place(src: Path, dest: Path) -> None:
    """:func:`os.replace` unless the command has been interrupted (then raise :class:`Interrupted`)."""
    if _STOPPED:
        raise Interrupted(_STOPPED[0])
    os.replace(src, dest)


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
        move_into_place(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through :func:`writing`."""
    with writing(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


#: What every cache file starts with; a JSON line with its key and checksum follows, then the pickle.
_MAGIC = b"mathdl-anim cache 1\n"
_WARNED: set[Path] = set()


def _warn_damaged(folder: Path, why: str) -> None:
    """One warning line per cache folder and process: damaged files are rebuilt."""
    if folder not in _WARNED:
        _WARNED.add(folder)
        print(f"mathdl-anim: warning: cache {folder}: {why}; rebuilding what it held", file=sys.stderr)


def read_pickle(path: Path, key: str) -> Any | None:
    """What the cache file ``path`` holds for ``key``; ``None`` for a miss.

    The file must name ``key`` and match its SHA-256 checksum before anything in it is
    unpickled: a file swapped with another (a label ``4`` under the key of ``0.5``), altered,
    bit-flipped or truncated is a miss, told once per folder in one warning line (the caller
    builds the value again and stores it over the damaged one). A missing file is a plain miss.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:  # unreadable: no cache
        _log.debug("cache: cannot read %s: %r", path.name, error)
        return None
    head, newline, payload = data[len(_MAGIC) :].partition(b"\n")
    try:
        record = json.loads(head) if data.startswith(_MAGIC) and newline else {}
    except ValueError:
        record = {}
    if not isinstance(record, dict) or record.get("key") != key:
        _warn_damaged(path.parent, f"{path.name} is not the file of its key")
        return None
    if record.get("sha256") != hashlib.sha256(payload).hexdigest():
        _warn_damaged(path.parent, f"{path.name} does not match its checksum")
        return None
    try:
        return pickle.loads(payload)
    except Exception as error:  # noqa: BLE001 - written by another version of a library, say
        _warn_damaged(path.parent, f"{path.name} cannot be read ({type(error).__name__})")
        return None


def write_pickle(path: Path, value: Any, key: str) -> None:
    """Store ``value`` for ``key`` at ``path`` (with the key and a checksum, see
    :func:`read_pickle`) through :func:`writing`; a failure (read-only or full disk, something
    unpicklable) only means no cache."""
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        head = json.dumps({"key": key, "sha256": hashlib.sha256(payload).hexdigest()}).encode()
        with writing(path) as tmp:
            tmp.write_bytes(_MAGIC + head + b"\n" + payload)
    except Exception as error:  # noqa: BLE001
        _log.debug("cache: not stored %s: %r", Path(path).name, error)
