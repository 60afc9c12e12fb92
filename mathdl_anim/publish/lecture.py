"""``mathdl-anim lecture``: the whole lesson as one video, with chapters, subtitles and thumbnail.

Every scene is rendered in lesson order (in parallel; a scene whose video is up to date is
reused, see :mod:`mathdl_anim.render.fingerprint`), a title card opens each chapter, and the clips are
joined into ``<folder>/lecture.mp4`` by copying their packets (:func:`mathdl_anim.publish.media.join`).
Beside it:

* ``chapters.txt``: the chapters in YouTube's format, from the clips' real durations (the same
  chapters are inside ``lecture.mp4``, for players' chapter menus);
* ``lecture.srt``: each scene's subtitles moved to where it plays, and a cue per title card
  (the same cues are a soft subtitle track inside ``lecture.mp4``);
* ``thumbnail.png``: 1280x720, the lesson's title over z = Wx + b.

With a voice (``voice="piper"``...) the scenes are the voiced ones, in ``<folder>-voice``, and
the lecture's sound track is their tracks end to end (silence under the cards), normalised
again as a whole. The cards and the lecture's bookkeeping live in ``<folder>/.lecture/``.
Nothing appears under a final name before it is complete.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mathdl_anim.core.errors import InputError
from mathdl_anim.files import write_text_atomic
from mathdl_anim.lesson.narration.pacing import wrap_cue
from mathdl_anim.lesson.outline import lecture_outline
from mathdl_anim.lesson.registry import find_scene
from mathdl_anim.lesson.spec import SceneSpec
from mathdl_anim.publish import subtitles, timeline
from mathdl_anim.publish.media import MediaError, join, probe
from mathdl_anim.publish.subtitles import SubtitleError
from mathdl_anim.publish.title_cards import PARTS_FOLDER, THUMBNAIL, CardTask, card_paths, render_card
from mathdl_anim.render.errors import RenderError
from mathdl_anim.render.fingerprint import fingerprint
from mathdl_anim.render.options import QUALITIES, output_folder
from mathdl_anim.render.scenes import RenderTask, render_all

__all__ = [
    "LECTURE_VIDEO",
    "CHAPTERS_FILE",
    "LECTURE_SRT",
    "LectureFiles",
    "Plan",
    "plan",
    "is_current",
    "render_part",
    "build_lecture",
]

LECTURE_VIDEO = "lecture.mp4"
CHAPTERS_FILE = "chapters.txt"
LECTURE_SRT = "lecture.srt"
_JOIN_RECORD = "lecture.json"


@dataclass(frozen=True)
class LectureFiles:
    """What :func:`build_lecture` wrote, and the clips' places on the lecture's clock."""

    video: Path
    chapters: Path
    subtitles: Path
    thumbnail: Path
    spans: tuple[timeline.Span, ...]


@dataclass(frozen=True)
class Plan:
    """Everything the lecture is made of, in playing order.

    Attributes
    ----------
    order : tuple
        The clips: for each chapter its :class:`~mathdl_anim.publish.title_cards.CardTask`, then its scenes'
        :class:`~mathdl_anim.render.RenderTask`.
    thumbnail : CardTask
    quality : str
    out : Path
        The output root (``renders``).
    folder : Path
        The output folder inside it (``renders/480p15``...).
    encode : str
        ``"fast"`` (the parts' packets copied) or ``"publish"`` (the lecture encoded again
        for upload; its parts stay as they are).
    """

    order: tuple[RenderTask | CardTask, ...]
    thumbnail: CardTask
    quality: str
    out: Path
    folder: Path
    encode: str = "fast"

    @property
    def tasks(self) -> tuple[RenderTask | CardTask, ...]:
        return (*self.order, self.thumbnail)


def plan(
    specs: Sequence[SceneSpec],
    quality: str,
    out: Path,
    theme: str = "dark",
    aspect: str = "16:9",
    voice: str = "",
    encode: str = "fast",
) -> Plan:
    """The lecture of ``specs`` (lesson order, each once) at ``quality`` into ``out``."""
    chapters = lecture_outline(specs)
    order: list[RenderTask | CardTask] = []
    for chapter in chapters:
        order.append(CardTask.card(chapter, theme, aspect, voice))
        order += [RenderTask(name, {}, theme=theme, aspect=aspect, voice=voice) for name in chapter.scenes]
    return Plan(
        tuple(order),
        CardTask.thumbnail(chapters, theme, aspect, voice),
        quality,
        Path(out),
        Path(out) / output_folder(quality, theme, aspect, voice),
        encode,
    )


def _clip_path(task: RenderTask | CardTask, plan_: Plan) -> Path:
    if isinstance(task, CardTask):
        return card_paths(task, plan_.quality, plan_.out)[0]
    return plan_.folder / f"{task.scene}.mp4"


def _stamp(task: RenderTask | CardTask, quality: str) -> str:
    if isinstance(task, CardTask):
        return fingerprint(task, quality)
    return fingerprint(task, quality, find_scene(task.scene).json_params(task.params))


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def is_current(task: RenderTask | CardTask, plan_: Plan) -> bool:
    """Whether ``task``'s output exists and was rendered from what would be rendered now."""
    if isinstance(task, CardTask):
        target, record = card_paths(task, plan_.quality, plan_.out)
    else:
        target, record = _clip_path(task, plan_), plan_.folder / f"{task.scene}.values.json"
    return target.is_file() and _read_json(record).get("fingerprint") == _stamp(task, plan_.quality)


def render_part(task: RenderTask | CardTask, quality: str, out: Path):
    """The worker of :func:`~mathdl_anim.render.render_all` for a lecture: scenes and cards."""
    from mathdl_anim.render.scenes import render_in_worker

    if not isinstance(task, CardTask):
        return render_in_worker(task, quality, out)
    try:
        return render_card(task, quality, out)
    except RenderError:
        raise
    except Exception as exc:  # noqa: BLE001 - reported in one line, like a scene's failure
        raise RenderError.of(task.scene, exc) from None


def _clips(plan_: Plan) -> list[timeline.Clip]:
    clips = []
    for task in plan_.order:
        info = probe(_clip_path(task, plan_))
        if isinstance(task, CardTask):
            chapter = task.chapters[0]
            clips.append(timeline.Clip(chapter.card_name, chapter.title, info.seconds, card=True))
        else:
            clips.append(timeline.Clip(task.scene, find_scene(task.scene).chapter, info.seconds))
    return clips


def _subtitles(plan_: Plan, spans: Sequence[timeline.Span]) -> list:
    """The lecture's cues: each scene's moved to where it plays, one per card."""
    tracks = []
    for task, span in zip(plan_.order, spans):
        if isinstance(task, CardTask):
            chapter = task.chapters[0]
            text = f"{chapter.heading}: {chapter.title}"
            tracks.append([subtitles.cue(wrap_cue(text) or text, span.start, span.end)])
            continue
        srt_file = plan_.folder / f"{task.scene}.srt"
        if srt_file.is_file():
            cues = subtitles.parse(srt_file.read_text(encoding="utf-8"), srt_file.name)
            tracks.append(subtitles.place(cues, span.start, span.end))
    return [c for track in tracks for c in track]


def _sound(plan_: Plan, spans: Sequence[timeline.Span]):
    """The lecture's sound track (``None`` when silent): each clip's audio where it plays,
    silence under the cards, normalised as a whole."""
    import numpy as np

    from mathdl_anim.render import soundtrack

    if not any(isinstance(t, RenderTask) and t.voice for t in plan_.order):
        return None
    pieces = []
    for task, span in zip(plan_.order, spans):
        length = round(span.end * soundtrack.RATE) - round(span.start * soundtrack.RATE)
        audio = None if isinstance(task, CardTask) else soundtrack.decode_audio(_clip_path(task, plan_))
        piece = np.zeros(length)
        if audio is not None:
            piece[: min(length, len(audio))] = audio[:length]
        pieces.append(piece)
    return soundtrack.normalise(np.concatenate(pieces))


def _join(
    plan_: Plan,
    stamps: list[str],
    spans: Sequence[timeline.Span],
    cues: list,
    marks: Sequence[timeline.ChapterMark],
) -> tuple[Path, bool]:
    """Join the clips into ``lecture.mp4`` (its chapters inside it) unless it was joined from
    these very clips."""
    video = plan_.folder / LECTURE_VIDEO
    record = plan_.folder / PARTS_FOLDER / _JOIN_RECORD
    known = _read_json(record)
    chapters = [[m.title, m.start, m.end] for m in marks]
    same = (
        known.get("parts") == stamps
        and known.get("encode", "fast") == plan_.encode
        and known.get("chapters") == chapters
    )
    if video.is_file() and same and known.get("size") == video.stat().st_size:
        return video, False
    record.parent.mkdir(parents=True, exist_ok=True)
    record.unlink(missing_ok=True)
    joined = join(
        [_clip_path(t, plan_) for t in plan_.order],
        video,
        comment="mathdl-anim lecture: " + ", ".join(t.scene for t in plan_.order),
        audio=_sound(plan_, spans),
        cues=[(c.content, c.start.total_seconds(), c.end.total_seconds()) for c in cues],
        encode=plan_.encode,
        chapters=[(m.title, m.start, m.end) for m in marks],
    )
    write_text_atomic(
        record,
        json.dumps(
            {
                "parts": stamps,
                "encode": plan_.encode,
                "chapters": chapters,
                "size": video.stat().st_size,
                "seconds": joined.seconds,
            },
            indent=1,
        ),
    )
    return video, True


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def assemble(plan_: Plan) -> LectureFiles:
    """Join the rendered clips and write the chapters and subtitles (see the module docstring).

    Raises
    ------
    RenderError
        If a clip cannot be read or joined, or a scene's subtitles are not SRT.
    """
    try:
        spans = timeline.layout(_clips(plan_))
        cues = _subtitles(plan_, spans)
        marks = timeline.chapter_marks(spans)
        video, joined = _join(plan_, [_stamp(t, plan_.quality) for t in plan_.order], spans, cues, marks)
        chapters = plan_.folder / CHAPTERS_FILE
        write_text_atomic(chapters, timeline.youtube_chapters(marks))
        srt_path = plan_.folder / LECTURE_SRT
        write_text_atomic(srt_path, subtitles.compose([cues]))
    except (MediaError, SubtitleError, OSError) as exc:
        raise RenderError(str(exc)) from None
    total = spans[-1].end
    size = video.stat().st_size / 1e6
    print(
        f"{'joined' if joined else 'unchanged'}: {len(spans)} clips, {_minutes(total)} "
        f"({size:.1f} MB) -> {video}",
        flush=True,
    )
    print(f"chapters -> {chapters}", flush=True)
    for problem in timeline.youtube_problems(marks):
        print(f"note: YouTube will not show these chapters: {problem}", flush=True)
    print(f"subtitles -> {srt_path}", flush=True)
    print(f"thumbnail -> {plan_.folder / THUMBNAIL}", flush=True)
    return LectureFiles(video, chapters, srt_path, plan_.folder / THUMBNAIL, spans)


def build_lecture(
    specs: Sequence[SceneSpec],
    quality: str,
    out: Path,
    jobs: int,
    theme: str = "dark",
    aspect: str = "16:9",
    voice: str = "",
    encode: str = "fast",
) -> int:
    """Render what is missing or changed, then :func:`assemble`; return the exit code.

    ``encode="publish"``: the joined lecture is encoded again for upload (its parts, shared
    with ``render``, stay as they are)."""
    from mathdl_anim.render.options import check_tools

    if not specs:
        raise InputError("a lecture needs at least one scene")
    start = time.perf_counter()
    plan_ = plan(specs, quality, out, theme, aspect, voice, encode)
    # the scenes first, the short cards last: the processes finish close together
    stale = sorted(
        (t for t in plan_.tasks if not is_current(t, plan_)), key=lambda t: isinstance(t, CardTask)
    )
    label = QUALITIES[quality][1]
    print(
        f"lecture at {label}: {len(plan_.tasks) - len(stale)} of {len(plan_.tasks)} part(s) "
        f"up to date, {len(stale)} to render",
        flush=True,
    )
    if stale:
        check_tools(voice)
        code = render_all(stale, quality=quality, out=out, jobs=jobs, worker=render_part)
        if code:
            return code
    assemble(plan_)
    from mathdl_anim.publish.gallery import write_gallery

    try:
        print(f"gallery -> {write_gallery(out)}", flush=True)
    except OSError as exc:
        print(f"mathdl-anim: warning: gallery not written: {exc}", file=sys.stderr, flush=True)
    print(f"lecture done in {time.perf_counter() - start:.1f} s", flush=True)
    return 0
