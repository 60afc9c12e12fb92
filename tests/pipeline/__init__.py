"""A short lesson of the scene kit's own (:mod:`tests.pipeline.lesson`), for the tests of the
commands' pipeline, and the command run on it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

#: The repository: the folder the lesson's module is imported from.
ROOT = Path(__file__).resolve().parents[2]


def lesson_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this process's environment) with the commands set to the short lesson."""
    env = dict(os.environ if base is None else base)
    env["MATHDL_ANIM_LESSON"] = "tests.pipeline.lesson"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``mathdl-anim ARGS`` on the short lesson (``env``: the environment to start from)."""
    return subprocess.run(
        [sys.executable, "-m", "mathdl_anim.cli", *map(str, args)],
        capture_output=True,
        text=True,
        env=lesson_env(env),
    )
