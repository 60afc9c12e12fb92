"""SIGINT and SIGTERM stop the command and every process it started (issue 19, item 7).

The command is started in a session of its own; a signal is sent to it alone (as ``kill``
does; a terminal's Ctrl-C reaches the command only too, the workers having groups of their
own) at several moments. Then: exit 130 or 143 with one line on stderr, no process of the
session left, nothing moved into a final name, no work folder left. Work folders of a process
that died are removed by the next run. Time limits here are only guards against a hang.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mathdl_anim.render.options import output_folder

SCENE = "GradientDescent"  # the shortest scene
ROOT = Path(__file__).resolve().parents[2]


# The processes of a session ------------------------------------------------------------------
def _session(sid: int) -> dict[int, int]:
    """pid -> parent pid of the live (not zombie) processes of session ``sid``."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        state, ppid, session = fields[0], int(fields[1]), int(fields[3])
        if session == sid and state not in "ZX":
            found[int(entry.name)] = ppid
    return found


def _until(condition, guard: float, what: str):
    """Wait for ``condition()`` to be true (a hang guard, not a measure of time)."""
    end = time.monotonic() + guard
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"still waiting after {guard} s: {what}")


def _stop(proc: subprocess.Popen, signum: int) -> tuple[int, str]:
    proc.send_signal(signum)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError("the command did not stop") from None
    try:
        _until(lambda: not _session(proc.pid), 10, "processes of the command")
    finally:
        for pid in _session(proc.pid):  # leave nothing behind, even when failing
            os.kill(pid, signal.SIGKILL)
    return proc.returncode, err


def _start(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def _assert_stopped(code: int, err: str, signum: int, out: Path) -> None:
    assert code == 128 + signum, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == f"mathdl-anim: interrupted ({signal.Signals(signum).name})"
    work = out / ".work"
    assert not work.exists() or not list(work.iterdir())


# A dry pool: jobs that fork a helper and would publish a file a minute later ------------------
def slow_job(job: str, quality: str, out: Path) -> str:
    """A stand-in for a render: a work folder, a forked helper, a final name after a minute."""
    from mathdl_anim.files import die_with_parent
    from mathdl_anim.render.workdir import work_folder

    work = work_folder(out, job)
    me = os.getpid()
    if os.fork() == 0:  # a helper, as the renderer forks them
        die_with_parent(me)
        time.sleep(120)
        os._exit(0)
    (work / "partial").write_text("drawing")
    (out / f"started-{job}").write_text("")
    time.sleep(60)
    os.replace(work / "partial", out / f"final-{job}")
    return job


def quick_job(job: str, quality: str, out: Path) -> str:
    return job


DRIVER = """
import sys
from pathlib import Path
from mathdl_anim.render.pool import run_pool, stop_on_signals
from tests.render.test_signals import slow_job
try:
    with stop_on_signals():
        run_pool(["a", "b"], slow_job, "l", Path(sys.argv[1]), 2, lambda job, result: result)
except KeyboardInterrupt as exc:
    print("mathdl-anim: interrupted", exc.signum, file=sys.stderr)
    sys.exit(128 + exc.signum)
"""


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("moment", ["starting", "working"])
def test_a_signal_stops_every_worker_and_helper(tmp_path, signum, moment):
    out = tmp_path / "out"
    out.mkdir()
    proc = _start([sys.executable, "-c", DRIVER, str(out)])
    if moment == "starting":  # a worker exists, maybe not yet in its group
        _until(lambda: len(_session(proc.pid)) >= 2, 60, "a worker")
    else:  # both jobs running, each with a forked helper
        _until(lambda: len(list(out.glob("started-*"))) == 2, 60, "both jobs")
        assert len(_session(proc.pid)) >= 5  # the command, two workers, two helpers
    code, err = _stop(proc, signum)
    assert code == 128 + signum, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not list(out.glob("final-*"))
    work = out / ".work"
    assert not work.exists() or not list(work.iterdir())


def _killed(proc: subprocess.Popen) -> dict[int, int]:
    """SIGKILL the command alone (it cannot catch it); what of its session is left after 10 s."""
    proc.kill()
    proc.communicate(timeout=60)
    try:
        _until(lambda: not _session(proc.pid), 10, "processes of a killed command")
    except AssertionError:
        pass
    left = _session(proc.pid)
    for pid in left:  # leave nothing behind, even when failing
        os.kill(pid, signal.SIGKILL)
    return left


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_sigkill_of_the_command_takes_every_worker_and_helper_along(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    proc = _start([sys.executable, "-c", DRIVER, str(out)])
    _until(lambda: len(list(out.glob("started-*"))) == 2, 60, "both jobs")
    assert len(_session(proc.pid)) >= 5  # the command, two workers, two helpers
    assert _killed(proc) == {}
    assert not list(out.glob("final-*"))


def test_work_folders_of_a_dead_process_are_removed_by_the_next_run(tmp_path):
    from mathdl_anim.render.scenes import run_pool

    out = tmp_path / "out"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = out / ".work" / f"{SCENE}-0123abcd"
    (stale / "partial").mkdir(parents=True)
    (stale / "partial" / "uncached_00000.mp4").write_bytes(b"\0" * 1000)
    (stale / ".owner").write_text(json.dumps({"pid": dead.pid, "host": os.uname().nodename, "start": None}))
    alive = out / ".work" / "Neuron-4567cdef"  # a folder of a running render (this one)
    alive.mkdir()
    (alive / ".owner").write_text(
        json.dumps({"pid": os.getpid(), "host": os.uname().nodename, "start": None})
    )
    assert run_pool(["x"], quick_job, "l", out, 1, lambda job, result: result) == 0
    assert not stale.exists() and alive.is_dir()


# The command itself, rendering a scene with a helper ------------------------------------------
def _helper_drawing(sid: int) -> bool:
    """Whether a helper is drawing: a process whose parent is a worker (not the command)."""
    processes = _session(sid)
    return any(parent in processes and parent != sid for parent in processes.values())


@pytest.mark.render
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("moment", ["building", "helping"])
def test_a_signal_stops_a_render(tmp_path, signum, moment):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "mathdl_anim.cli", "render", SCENE, "-q", "l", "--jobs", "2"]
    proc = _start([*command, "--out", str(out)])
    if moment == "building":  # the scene has its work folder
        _until(lambda: list(out.glob(f".work/{SCENE}-*/.owner")), 120, "a work folder")
    else:  # a helper process is drawing an animation
        _until(lambda: _helper_drawing(proc.pid), 120, "a helper")
    code, err = _stop(proc, signum)
    _assert_stopped(code, err, signum, out)
    assert not (out / output_folder("l")).exists() or not list((out / output_folder("l")).iterdir())


@pytest.mark.render
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_sigkill_of_a_render_leaves_no_process_and_the_next_run_cleans_up(tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "mathdl_anim.cli", "render", SCENE, "-q", "l", "--jobs", "2"]
    proc = _start([*command, "--out", str(out)])
    _until(lambda: _helper_drawing(proc.pid), 120, "a helper")
    assert _killed(proc) == {}
    assert not (out / output_folder("l")).exists() or not list((out / output_folder("l")).iterdir())
    from mathdl_anim.render.workdir import sweep

    sweep(out / ".work")  # what the next run does first: the dead command's folder goes
    assert not list((out / ".work").iterdir())


@pytest.mark.render
@pytest.mark.parametrize("command", [["lecture"], ["slides", "--alpha", "none"]], ids=["lecture", "slides"])
def test_a_signal_stops_a_lecture_or_a_deck(tmp_path, command):
    out = tmp_path / "out"
    args = [sys.executable, "-m", "mathdl_anim.cli", *command, SCENE, "-q", "l", "--jobs", "2"]
    proc = _start([*args, "--out", str(out)])
    # the scene is being drawn (helpers are forked only when a process is left over, which
    # depends on timing: not waited for)
    _until(lambda: list(out.glob(f".work/{SCENE}-*/.owner")), 180, "the scene's work folder")
    code, err = _stop(proc, signal.SIGTERM)
    _assert_stopped(code, err, signal.SIGTERM, out)
    folder = out / output_folder("l")
    published = [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []
    assert not [p for p in published if p.suffix in (".mp4", ".html", ".pptx", ".pdf", ".srt")], published
