"""The base class of every scene: parameters in, core example out, theme applied, words said.

It is the kit a scene is written with, inside the lesson or outside it: a scene of the lesson
is found in the lesson's registry by its class name; any other scene says what it is with the
class attributes :attr:`LessonScene.SCRIPT` (its beats: captions and narration) and, if it has
parameters or values, :attr:`LessonScene.SPEC`. Either way it gets captions, subtitles, themes,
``say()``, speech and the fast renderer. README's "Write your own scene" shows one.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from manim import UP, FadeIn, FadeOut, RendererType, Scene, Write, config

from mathdl_anim.draw.style import PALETTE
from mathdl_anim.draw.text import first_half, make_caption, make_title, second_half
from mathdl_anim.engine.moving import narrow_moving
from mathdl_anim.engine.renderer import LessonRenderer
from mathdl_anim.lesson.narration import Cue, Line, Script, find_script
from mathdl_anim.lesson.narration.pacing import beat_seconds, cue_slots, place_cues, split_cues
from mathdl_anim.lesson.registry import find_scene
from mathdl_anim.lesson.spec import NoValues, SceneSpec
from mathdl_anim.scene.speech import DEFAULT_ENGINE, speak

__all__ = ["LessonScene", "NoValues"]


class LessonScene(Scene):
    """A scene of the lesson, or of your own.

    The scene's :class:`~mathdl_anim.lesson.spec.SceneSpec` is :attr:`SPEC` when the class sets
    it, else the lesson's scene of the same class name, else an empty one (no parameters, no
    values). ``params`` (JSON values, defaults filled in) go through the spec's core function,
    and the result is ``self.example``: the only source of numbers for the scene.
    ``self.values`` is what the scene records and shows.

    The scene's words come from its :class:`~mathdl_anim.lesson.narration.Script`: ``self.say(key,
    **fields)`` plays a beat. ``self.current_line`` is the beat being played (``None`` between
    beats) and ``self.cues`` the beats played so far with their times and subtitle cues, which
    also go to manim's subtitle file (``<movie>.srt``). Narration sets the pace: a beat lasts
    at least as long as its caption and its subtitle cues take to read, and with a voice as
    long as its narration takes to say (:mod:`~mathdl_anim.lesson.narration.pacing`).

    Parameters
    ----------
    params : Mapping[str, Any], optional
        Overrides of the scene's parameters, as JSON values.
    voice : Path, optional
        A folder for speech files: each beat's narration is also spoken, cue by cue (see
        :mod:`~mathdl_anim.scene.speech`), and the beat lasts at least as long as its speech.
        ``None`` (default): silent. ``self.speech`` lists each WAV with the time it starts;
        the render mixes them into the video's sound track.
    voice_engine : str, optional
        ``"piper"`` (default) or ``"espeak"``.
    helpers : int, optional
        Helper processes that draw some of the animations at the same time (see
        :mod:`~mathdl_anim.engine.renderer`). 0 (default): every animation is drawn here.

    Examples
    --------
    A scene outside the lesson needs only its script (README, "Write your own scene")::

        class Hello(LessonScene):
            SCRIPT = Script("Hello", (Beat("hi", "Hello", "Hello, world."),))

            def construct(self):
                self.say("hi")
    """

    #: The scene's spec, for a scene outside the lesson that has parameters or values.
    SPEC: ClassVar[SceneSpec | None] = None
    #: The scene's script, for a scene outside the lesson (the lesson's are in its registry).
    SCRIPT: ClassVar[Script | None] = None
    #: The camera class (``None``: manim's flat camera; a 3-D scene names its own).
    CAMERA: ClassVar[type | None] = None

    def __init__(
        self,
        params: Mapping[str, Any] | None = None,
        voice: Path | None = None,
        helpers: int = 0,
        voice_engine: str = DEFAULT_ENGINE,
        **kwargs: Any,
    ) -> None:
        self.spec: SceneSpec = self._find_spec()
        self.params = self.spec.resolve(params)
        self.example = self.spec.build(**self.params)
        self.values = self.example.values()
        self.script: Script = self._find_script(self.spec)
        self.caption = None
        self.current_line: Line | None = None
        self.cues: list[Cue] = []
        self._line_start = 0.0
        self.voice = None if voice is None else Path(voice)
        self.voice_engine = voice_engine
        #: each piece of speech (a WAV) and the scene time it starts at
        self.speech: list[tuple[Path, float]] = []
        self.speaking = 0.0  # seconds spent making speech (cached files are quick)
        self._beat_due = 0.0  # the earliest time the current beat may end
        self._line_cues: list[str] = []
        self._line_slots: list[float] = []
        if kwargs.get("renderer") is None and config.renderer == RendererType.CAIRO:
            kwargs["renderer"] = LessonRenderer(helpers=helpers, camera_class=self.CAMERA)
        super().__init__(**kwargs)

    @classmethod
    def _find_spec(cls) -> SceneSpec:
        if cls.SPEC is not None:
            return cls.SPEC
        for klass in cls.__mro__:
            if klass is LessonScene:
                break
            try:
                return find_scene(klass.__name__)
            except ValueError:
                continue
        if cls.SCRIPT is None:
            raise TypeError(f"{cls.__name__} is not a scene of the lesson: give it a SCRIPT (and a SPEC)")
        doc = (cls.__doc__ or cls.__name__).strip().splitlines()[0]
        return SceneSpec(cls.__name__, cls.__module__, "", doc, (), NoValues)

    @classmethod
    def _find_script(cls, spec: SceneSpec) -> Script:
        return cls.SCRIPT if cls.SCRIPT is not None else find_script(spec.name)

    def setup(self) -> None:
        self.camera.background_color = PALETTE.background  # type: ignore[union-attr]  # Cairo camera

    def get_moving_mobjects(self, *animations):
        """What to redraw on each frame: only what the animations can change (same frames)."""
        return narrow_moving(super().get_moving_mobjects(*animations), animations, self.foreground_mobjects)

    def get_moving_and_static_mobjects(self, animations):
        """Nothing, for an animation a helper process draws (nothing of it is drawn here)."""
        if getattr(self.renderer, "handed_over", False):
            return [], []
        return super().get_moving_and_static_mobjects(animations)

    def mark_step(self) -> None:
        """Called where a new step of the explanation begins (before each caption change).

        A no-op for videos; the slide layer hooks in here. :attr:`current_line` is the beat
        starting (``None`` when the caption is cleared).
        """

    # Small steps shared by every scene -------------------------------------------------
    def show_title(self, text: str):
        """Write the title at the top and keep it."""
        title = make_title(text)
        self.play(Write(title), run_time=1)
        return title

    def swap_parts(self, swaps, *others, run_time: float = 0.8) -> None:
        """Replace parts of groups, such as a value in a box.

        For each ``(group, index, new)``, the submobject ``group.submobjects[index]`` fades out in
        the first half of ``run_time`` and ``new`` fades in in the second half, so a label is never
        a mix of two texts (a glyph-by-glyph morph is unreadable while it runs); ``others`` play
        alongside. Afterwards ``new`` is that submobject and is drawn where the old part was,
        whether the group is in the scene or only its parts are. (``group[index]`` would count a
        group with points of its own, such as a number line, as its own first part.)
        """
        olds = [group.submobjects[index] for group, index, _ in swaps]
        self.play(
            *(old.animate(rate_func=first_half).set_opacity(0) for old in olds),
            *(FadeIn(new, rate_func=second_half) for _, _, new in swaps),
            *others,
            run_time=run_time,
        )
        for old, (group, index, new) in zip(olds, swaps):
            self.mobjects.remove(new)  # FadeIn put it on top: it takes the old part's place
            self.replace(old, new)
            if group.submobjects[index] is old:  # a group that is not itself in the scene
                group.submobjects[index] = new

    def say(self, key: str | None, /, *, run_time: float = 0.6, **fields: Any) -> None:
        """Play the beat ``key`` of the scene's script (``None``: clear the caption, end the beat).

        The beat's caption replaces the one at the bottom; its narration is the subtitle from
        now until the next call or the end of the scene. ``fields`` fill the beat's numbers and
        words (see :class:`~mathdl_anim.lesson.narration.Beat`). Each call starts a new step of the
        scene: :meth:`mark_step` runs first, with :attr:`current_line` already the new beat.
        """
        line = self.script.beat(key).fill(**fields) if key is not None else None
        self.end_line()
        self.current_line = line
        self.mark_step()
        self.start_line()
        new = make_caption(line.caption) if line is not None else None
        if self.caption is None and new is not None:
            self.play(FadeIn(new, shift=0.2 * UP), run_time=run_time)
        elif new is None and self.caption is not None:
            self.play(FadeOut(self.caption), run_time=run_time)
        elif new is not None:  # the sentence rises out, then the next rises in (never glyph soup)
            self.play(FadeOut(self.caption, shift=0.2 * UP), run_time=run_time / 2)
            self.play(FadeIn(new, shift=0.2 * UP), run_time=run_time / 2)
        self.caption = new

    # Narration ---------------------------------------------------------------------------
    def start_line(self) -> None:
        """Begin narrating :attr:`current_line` (if any) at the current time: split it into
        subtitle cues, speak each (with a voice), and set when the beat may end at the earliest."""
        self._line_start = self.time
        line = self.current_line
        if line is None:
            return
        cues = split_cues(line.narration)
        spoken = None
        if self.voice is not None:
            began = time.perf_counter()
            speeches = [speak(" ".join(cue.split()), self.voice, self.voice_engine) for cue in cues]
            spoken = [speech.seconds for speech in speeches]
            self.speaking += time.perf_counter() - began
        slots = cue_slots(cues, spoken)
        if spoken is not None:  # each cue's speech starts with its slot
            at = self.time
            for speech, slot in zip(speeches, slots):
                self.speech.append((speech.path, at))
                at += slot
        self._line_cues, self._line_slots = cues, slots
        self._beat_due = self.time + beat_seconds(line.caption, slots)

    def end_line(self) -> None:
        """End the line being narrated once it has been read (and spoken): its subtitle cues
        share the beat, from its start until now."""
        if self.current_line is None:
            return
        left = self._beat_due - self.time
        if left > 1e-6:  # the animation waits for the reader and the narrator, in whole frames
            frames = math.ceil(left * config.frame_rate - 1e-6)
            self.wait((frames + 0.5) / config.frame_rate)  # manim writes int(...) frames of a still
        line, start, end = self.current_line, self._line_start, self.time
        self.current_line = None
        placed = place_cues(self._line_cues, self._line_slots, start, end, anchored=self.voice is not None)
        if config.write_to_movie:  # manim writes the cues beside the movie (none in a dry run)
            for text, a, b in placed:
                self.add_subcaption(text, duration=b - a, offset=a - end)
        self.cues.append(Cue(line.key, line.narration, start, end, line.caption, tuple(placed)))

    def tear_down(self) -> None:
        """The last line's subtitle lasts until the end of the scene."""
        self.end_line()
        super().tear_down()

    # What is shown is the current state ----------------------------------------------------
    def bind(self, name: str, mobject: Any, value: float) -> Any:
        """Say that ``mobject`` shows the quantity ``name``, whose value is now ``value``.

        The scene tests then check, after every animation, that each bound label on screen
        shows its quantity's current value (:meth:`set_state` changes it): a label left standing
        after its quantity changed is a stale picture. Returns ``mobject``.
        """
        self.bound.setdefault(name, []).append(mobject)
        self.state[name] = float(value)
        return mobject

    def set_state(self, **values: float) -> None:
        """The quantities have these values from now on (the labels bound to them must follow)."""
        self.state.update({name: float(value) for name, value in values.items()})

    @property
    def bound(self) -> dict[str, list[Any]]:
        """The labels bound to each quantity (:meth:`bind`)."""
        return self.__dict__.setdefault("_bound", {})

    @property
    def state(self) -> dict[str, float]:
        """The current value of each bound quantity."""
        return self.__dict__.setdefault("_state", {})
