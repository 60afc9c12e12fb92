"""The renderer of every lesson scene: manim's Cairo renderer, optionally drawing on several cores.

A scene's animations (``play`` and ``wait`` calls) are numbered in order. With ``helpers=n``
the renderer runs the scene once, in its own process, and hands animations to up to ``n``
helper processes forked at the start of each animation: a helper starts from the scene exactly
as it is at that moment (``os.fork`` copies the process), draws and encodes that one animation
into its partial movie file, and exits. The renderer itself skips a handed-over animation the
way manim's ``-n`` option does (it runs straight to its end state, so the scene is in the same
state when the next animation begins) and draws the next one itself while every helper is busy.
When the scene ends it waits for its helpers and manim joins the partial movies in order, as
for a whole render. On a 2-core machine this renders one scene on both cores without building
the scene twice: the construction, the imports and the sound stay in one process.

Which process draws which animation depends on timing; the frames do not:

* a handed-over animation advances the clock by the frames it would have drawn (same arithmetic
  as manim, whose ``-n`` skip advances it by the run time), so subtitles, narration cues and
  every later animation get the same times as in a whole render;
* a helper is only forked with no encoder thread running (the previous animation's encoding is
  waited for first), and it never touches the encoders it inherited.

This holds for a scene whose state after an animation does not depend on whether its frames were
drawn, as with manim's ``-n``: true of manim's animations and of updaters that follow an animated
value; not of an updater that sums its ``dt`` non-linearly (a skipped animation is one step).

``tests/engine/test_renderer.py`` checks that a scene drawn with helpers has the same frames and
subtitles as the scene drawn whole, with every animation handed over and with every other one.
"""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Callable
from typing import Any

import numpy as np
from manim import config
from manim.renderer.cairo_renderer import CairoRenderer
from tqdm import tqdm

from mathdl_anim.core.errors import one_line
from mathdl_anim.engine import speedups
from mathdl_anim.engine.encoding import LessonFileWriter
from mathdl_anim.engine.patches import Flag, switches
from mathdl_anim.files import die_with_parent

__all__ = ["HelperError", "LessonRenderer", "install", "uninstall", "installed"]

#: On: animations may be handed to forked helper processes; off: one process draws them all.
_FLAG = Flag()
install, uninstall, installed = switches(_FLAG)


class HelperError(RuntimeError):
    """A helper process failed to draw its animation."""


class LessonRenderer(CairoRenderer):
    """manim's Cairo renderer with the lesson's encoder settings and, optionally, helpers.

    Parameters
    ----------
    helpers : int, optional
        How many helper processes may draw animations at the same time as this one (0, the
        default: draw everything here). Needs ``os.fork``; ignored where it is missing.
    hand_over : callable, optional
        ``hand_over(number)`` says whether animation ``number`` goes to a helper (for tests,
        which need a fixed split). Default: whenever a helper is free.
    draw : bool, optional
        ``False``: no animation is drawn at all. Each runs straight to its end state with the
        clock advanced as drawing it would have, exactly as a handed-over animation runs in this
        process, and no helper is started (the scene tests' runs: they need every state and
        time, and frames only where they ask with ``update_frame(..., ignore_skipping=True)``).
        Default ``True``.
    """

    def __init__(
        self,
        helpers: int = 0,
        hand_over: Callable[[int], bool] | None = None,
        draw: bool = True,
        **kwargs: Any,
    ) -> None:
        speedups.install()  # as MATHDL_ANIM_SPEEDUPS says (all by default)
        kwargs.setdefault("file_writer_class", LessonFileWriter)
        super().__init__(**kwargs)
        self.helpers = helpers if hasattr(os, "fork") and _FLAG else 0
        self.hand_over = hand_over
        self.draw = draw
        self.handed_over = False  # the animation being played is not drawn here
        self._running: dict[int, tuple[int, int]] = {}  # pid -> (animation number, pipe)
        self._finished: list[tuple[int, bool, str]] = []  # (animation, drawn, file or error)

    # Handing an animation over ------------------------------------------------------------
    def _should_hand_over(self) -> bool:
        if not self.helpers or not config.write_to_movie:
            return False
        self.skip_animations = self._original_skipping_status  # as manim's play decides
        self.update_skipping_status()
        if self.skip_animations:  # skipped anyway (manim's -n, a section, a still image)
            return False
        self._reap(block=False)
        if len(self._running) >= self.helpers:
            return False
        return self.hand_over(self.num_plays) if self.hand_over is not None else True

    def play(self, scene, *args: Any, **kwargs: Any) -> None:
        if not self.draw:
            self._play_undrawn(scene, args, kwargs)
            return
        if not self._should_hand_over():
            super().play(scene, *args, **kwargs)
            return
        self.file_writer.join_all_encode_jobs()  # no encoder thread may be copied mid-frame
        # tqdm (manim's progress bars) makes a named semaphore on first use; made in a helper,
        # it would never be released (a helper leaves with os._exit): make it here
        tqdm.get_lock()
        number, (read, write), me = self.num_plays, os.pipe(), os.getpid()
        try:
            pid = os.fork()
        except OSError:  # no room for another process: draw it here
            os.close(read)
            os.close(write)
            super().play(scene, *args, **kwargs)
            return
        if pid == 0:  # the helper: draw this animation, report, and leave
            die_with_parent(me)  # a killed worker takes its helpers along
            os.close(read)
            self._draw_and_exit(scene, write, args, kwargs)
        os.close(write)
        self._running[pid] = (number, read)
        self._play_undrawn(scene, args, kwargs)

    def _play_undrawn(self, scene, args, kwargs) -> None:
        """Play an animation without drawing it here: straight to its end state (manim's ``-n``
        skip), the clock advanced by the frames drawing it would have made."""
        start = self.time
        self.handed_over = True
        try:
            super().play(scene, *args, **kwargs)
            if not scene.is_current_animation_frozen_frame():
                scene.update_mobjects(0)  # as a drawn play ends (manim skips it when skipping)
            self.time = start
            self._advance_like_a_drawn_play(scene)
        finally:
            self.handed_over = False
            # as after a drawn animation: manim drops sounds added while it is skipping
            self.skip_animations = self._original_skipping_status

    def _draw_and_exit(self, scene, pipe: int, args, kwargs) -> None:
        """In a helper: draw the animation into its partial movie, write the file to ``pipe``."""
        status, message = 1, "interrupted"
        try:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            gc.disable()  # a short life: no collection copying every page shared with the parent
            self.helpers, self._running = 0, {}
            writer = self.file_writer  # the encoders it holds belong to the parent: forget them
            writer._inflight_encode_jobs, writer._inflight_by_path = [], {}
            writer._current_encode_job = None
            super().play(scene, *args, **kwargs)
            writer.join_all_encode_jobs()
            status, message = 0, str(writer.partial_movie_files[-1])
        except BaseException as exc:  # noqa: BLE001 - reported by the parent, in one line
            message = one_line(exc)
        finally:
            try:
                os.write(pipe, message.encode()[:4000])
            finally:
                os._exit(status)

    def _reap(self, block: bool) -> None:
        """Collect helpers that have finished (all of them, waiting, with ``block``)."""
        for pid in list(self._running):
            done, code = os.waitpid(pid, 0 if block else os.WNOHANG)
            if not done:
                continue
            number, read = self._running.pop(pid)
            with os.fdopen(read, "rb") as pipe:
                message = pipe.read().decode(errors="replace")
            drawn = os.waitstatus_to_exitcode(code) == 0 and bool(message)
            self._finished.append((number, drawn, message or f"exit status {code}"))

    def stop_helpers(self) -> None:
        """Stop the helpers still running (the scene failed); no file of theirs is used."""
        for pid in self._running:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._reap(block=True)

    def scene_finished(self, scene) -> None:
        self._reap(block=True)
        for number, drawn, message in sorted(self._finished):
            if not drawn:
                raise HelperError(f"animation {number} (drawn by a helper): {message}")
            self.file_writer.partial_movie_files[number] = message
        super().scene_finished(scene)

    # A handed-over animation, in this process: straight to its end, no drawing -----------
    def update_skipping_status(self) -> None:
        super().update_skipping_status()
        if self.handed_over:
            self.skip_animations = True

    def _advance_like_a_drawn_play(self, scene) -> None:
        """Move the clock as drawing the animation would have (``add_frame``'s arithmetic)."""
        dt = 1 / self.camera.frame_rate
        if scene.is_current_animation_frozen_frame():  # freeze_current_frame: one add_frame
            self.time += int(scene.duration / dt) * dt
        else:  # play_internal: one add_frame per time of get_time_progression
            for _ in np.arange(0, scene.duration, 1 / config["frame_rate"]):
                self.time += 1 * dt

    def update_frame(self, scene, *args: Any, **kwargs: Any) -> None:
        if self.handed_over:
            return  # a helper draws it
        super().update_frame(scene, *args, **kwargs)

    def save_static_frame_data(self, scene, static_mobjects):
        if self.handed_over:
            self.static_image = None
            return None
        return super().save_static_frame_data(scene, static_mobjects)

    def freeze_current_frame(self, duration: float) -> None:
        if self.handed_over:
            return
        super().freeze_current_frame(duration)

    def render(self, scene, time: float, moving_mobjects=None) -> None:
        if self.handed_over:
            return
        super().render(scene, time, moving_mobjects)
