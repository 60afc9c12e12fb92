"""Worker processes that never outlive the command.

The command renders nothing itself: it hands jobs to worker processes and waits. Each worker
runs in a process group of its own, which the helpers it forks for a scene
(:mod:`mathdl_anim.engine.renderer`) join; so a terminal's Ctrl-C reaches the command only, and
the command, told to stop (SIGINT or SIGTERM, see :func:`stop_on_signals`), kills every group
at once with SIGKILL before anything else: no worker or helper survives it and nothing is moved
into a final name after the signal (:func:`mathdl_anim.files.move_into_place` refuses in the
command too). The work folders of the killed workers are then removed (they record their
owner, :mod:`mathdl_anim.render.workdir`), and the command exits with ``128 + signal``.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from mathdl_anim.core.errors import one_line
from mathdl_anim.files import Interrupted, die_with_parent, stop_moving
from mathdl_anim.render.errors import RenderError
from mathdl_anim.render.tex import sweep_private_tex
from mathdl_anim.render.workdir import sweep

__all__ = ["run_pool", "stop_on_signals", "Interrupted", "print_outcome"]

#: The live workers of this process: pid -> process (what a signal kills).
_LIVE: dict[int, Any] = {}
_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def _kill(pid: int) -> None:
    """SIGKILL the process group of worker ``pid`` (its helpers) and the worker itself."""
    for kill in (os.killpg, os.kill):  # before it made its group, the worker is alone
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _kill_all() -> None:
    for pid in list(_LIVE):
        _kill(pid)


def _on_signal(signum: int, frame: Any) -> None:
    if _STARTING:  # see _Worker
        _DEFERRED.append(signum)
        return
    first = not _STOPPING
    _STOPPING.append(signum)
    stop_moving(signum)  # first: nothing moves into place from now on, here or in a worker
    _kill_all()
    if first:
        raise Interrupted(signum)


_STOPPING: list[int] = []
_STARTING: list[bool] = []  # a worker is being started: signals wait
_DEFERRED: list[int] = []  # a signal that came meanwhile


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM kill every worker and helper at once and raise
    :class:`~mathdl_anim.files.Interrupted` (a ``KeyboardInterrupt``): exit ``128 + signum``.
    A second signal kills again and lets the clean-up go on."""
    handlers = {s: signal.signal(s, _on_signal) for s in _SIGNALS}
    try:
        yield
    finally:
        for s, handler in handlers.items():
            signal.signal(s, handler)


def print_outcome(
    job: Any, result: Callable[[], Any], report: Callable[[Any, Any], str], number: int, total: int
) -> bool:
    """Print ``[number/total] report(job, result())``, or the failure in one line; whether it
    succeeded (``result`` and ``report`` turn failures into one-line exceptions)."""
    try:
        line = report(job, result())
    except Exception as exc:  # noqa: BLE001 - report and go on with the others
        print(f"mathdl-anim: error: {exc}", file=sys.stderr, flush=True)
        return False
    print(f"[{number}/{total}] {line}", flush=True)
    return True


def _serve(conn: Connection, work: Callable[..., Any], quality: str, out: Path) -> None:
    """A worker: run ``work(job, quality, out)`` for each job received, send the outcome back."""
    os.setpgid(0, 0)  # a group of its own, which its helpers join: killed as one
    parent = multiprocessing.parent_process()
    if parent is not None and parent.pid is not None:
        die_with_parent(parent.pid)  # a command killed by SIGKILL takes its workers along
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the command decides; it kills the group
    # locks made here (tqdm's) are then unlinked at once, not left to the resource tracker,
    # which would warn of a "leaked semaphore" after a killed worker
    multiprocessing.set_start_method("fork", force=True)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):  # the command is gone
            return
        if job is None:
            return
        try:
            outcome: tuple[str, Any] = ("ok", work(job, quality, out))
        except Exception as exc:  # noqa: BLE001 - `work` makes its failures one line
            outcome = ("error", exc)
        try:
            conn.send(outcome)
        except Exception as exc:  # noqa: BLE001 - an outcome that does not pickle
            conn.send(("error", RenderError(one_line(exc))))


def _raiser(exc: BaseException) -> Callable[[], Any]:
    def result() -> Any:
        raise exc

    return result


class _Worker:
    def __init__(self, ctx: Any, work: Callable[..., Any], quality: str, out: Path) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, work, quality, out))
        # a signal while it starts waits until it is recorded (else a worker nobody kills,
        # or one reading half of what it was sent)
        _STARTING.append(True)
        try:
            self.process.start()
            _LIVE[self.process.pid] = self.process
        finally:
            _STARTING.pop()
            child.close()
        if _DEFERRED:
            _on_signal(_DEFERRED.pop(), None)
        self.job: tuple[int, Any] | None = None

    def give(self, job: tuple[int, Any]) -> None:
        self.job = job
        self.conn.send(job[1])

    def outcome(self) -> Callable[[], Any]:
        """What the job gave: a callable that returns its result or raises its error."""
        self.job = None
        try:
            kind, value = self.conn.recv()
        except (EOFError, OSError):
            self.process.join()
            return _raiser(RenderError(f"a worker process died (exit code {self.process.exitcode})"))
        return (lambda: value) if kind == "ok" else _raiser(value)

    def stop(self, kill: bool) -> None:
        if kill:
            _kill(self.process.pid)
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join()
        self.conn.close()
        _LIVE.pop(self.process.pid, None)


def run_pool(
    jobs: Sequence[Any],
    work: Callable[..., Any],
    quality: str,
    out: Path,
    processes: int,
    report: Callable[[Any, Any], str],
) -> int:
    """Run ``work(job, quality, out)`` for every job in ``processes`` spawned worker processes.

    Prints ``[k/n] report(job, result)`` as each job finishes and one ``mathdl-anim: error:``
    line per failure (``work``, or ``report``, turns failures into one-line exceptions); returns
    the number of failures. An interrupt (:func:`stop_on_signals`) kills every worker and
    helper, removes their work folders and propagates. ``work`` must be picklable (a
    module-level function, or a ``partial`` of one).
    """
    sweep(Path(out) / ".work")  # what killed renders left
    total, failed, printed = len(jobs), 0, 0
    queue = list(enumerate(jobs))
    ctx = multiprocessing.get_context("spawn")
    workers: list[_Worker] = []
    clean = False
    try:
        for _ in range(max(1, min(processes, total))):
            workers.append(_Worker(ctx, work, quality, out))
        for worker in workers:
            if queue:
                worker.give(queue.pop(0))
        while any(w.job is not None for w in workers):
            busy = {w.conn: w for w in workers if w.job is not None}
            for conn in wait(list(busy)):
                worker = busy[conn]
                assert worker.job is not None
                job = worker.job[1]
                if print_outcome(job, worker.outcome(), report, printed + 1, total):
                    printed += 1
                else:
                    failed += 1
                if not worker.process.is_alive():  # it died: a new one for the next jobs
                    worker.stop(kill=True)
                    workers.remove(worker)
                    if queue:
                        workers.append(_Worker(ctx, work, quality, out))
                if queue:
                    idle = next(w for w in workers if w.job is None)
                    idle.give(queue.pop(0))
        clean = True
    finally:
        if not clean:
            _kill_all()
        for worker in workers:
            worker.stop(kill=not clean)
        if not clean:  # the killed workers' folders, now that their owners are gone
            sweep(Path(out) / ".work")
            sweep_private_tex()
        try:
            (Path(out) / ".work").rmdir()  # only when empty: another run may be using it
        except OSError:
            pass
    return failed
