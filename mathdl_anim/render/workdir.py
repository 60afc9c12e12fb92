"""Private folders that name their owner process, so that a later run removes what a killed one left.

A render works in ``<out>/.work/<Scene>-<id>/`` and compiles LaTeX in a folder beside the cache
(:mod:`mathdl_anim.render.tex`); both are removed when the render ends. A process killed with
SIGKILL (or a power cut) cannot remove them: each such folder holds an ``.owner`` file (the pid,
the host and the process's start time), and :func:`sweep` removes every folder of a root whose
owner is gone. A folder without an owner file is another run's, being made, unless it is older
than :data:`UNOWNED_GRACE` seconds (left by a version that did not record owners).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import time
import uuid
from pathlib import Path

__all__ = ["OWNER", "UNOWNED_GRACE", "owned_folder", "work_folder", "remove_folder", "sweep", "owner_alive"]

OWNER = ".owner"
UNOWNED_GRACE = 3600.0


def _stat(pid: int) -> list[str] | None:
    """The fields of ``/proc/<pid>/stat`` after the command name (state first), or ``None``."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None


def _start_ticks(pid: int) -> int | None:
    """When process ``pid`` started (clock ticks after boot, from ``/proc``), or ``None``."""
    fields = _stat(pid)
    return None if fields is None else int(fields[19])  # field 22: starttime


def owned_folder(path: Path) -> Path:
    """Make the folder ``path`` (not there yet) with an owner file naming this process."""
    path = Path(path)
    path.mkdir(parents=True)
    record = {"pid": os.getpid(), "host": socket.gethostname(), "start": _start_ticks(os.getpid())}
    (path / OWNER).write_text(json.dumps(record), encoding="utf-8")
    return path


def work_folder(out: Path, name: str) -> Path:
    """A new private work folder ``out/.work/<name>-<id>`` owned by this process; the folders
    there whose owner is gone are removed first."""
    root = Path(out) / ".work"
    sweep(root)
    return owned_folder(root / f"{name}-{uuid.uuid4().hex[:8]}")


def owner_alive(folder: Path) -> bool:
    """Whether the process that owns ``folder`` may still be running (when in doubt, yes)."""
    try:
        record = json.loads((Path(folder) / OWNER).read_text(encoding="utf-8"))
        pid, host, start = int(record["pid"]), record["host"], record.get("start")
    except FileNotFoundError:
        try:
            return time.time() - Path(folder).stat().st_mtime < UNOWNED_GRACE
        except OSError:
            return False  # gone already
    except (OSError, ValueError, KeyError, TypeError):
        return True  # being written, or not ours to judge
    if host != socket.gethostname():
        return True  # another machine's (a shared output folder)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process: alive
    fields = _stat(pid)
    if fields is not None and fields[0] in ("Z", "X"):
        return False  # dead, not yet reaped (a killed command's orphan, where nobody reaps)
    return start is None or fields is None or int(fields[19]) == start  # not a reused pid


def remove_folder(folder: Path) -> None:
    """Remove ``folder`` and the owned folders its top-level links point into (its TeX folder:
    a link to an owned folder or to a folder in one)."""
    folder = Path(folder)
    try:
        entries = list(folder.iterdir())
    except OSError:
        entries = []
    for entry in entries:
        if entry.is_symlink():
            target = Path(os.path.realpath(entry))
            for owned in (target, target.parent):
                if (owned / OWNER).is_file():
                    shutil.rmtree(owned, ignore_errors=True)
                    break
    shutil.rmtree(folder, ignore_errors=True)


def sweep(root: Path) -> None:
    """Remove the folders of ``root`` whose owner is gone (never fails)."""
    try:
        folders = [p for p in Path(root).iterdir() if p.is_dir() and not p.is_symlink()]
    except OSError:
        return
    for folder in folders:
        if not owner_alive(folder):
            remove_folder(folder)
