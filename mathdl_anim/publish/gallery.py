"""``renders/index.html``: every rendered clip, playable in place, opened straight from disk.

One section per output folder (``480p15``, ``1080p60-light``...): the lecture first (with its
chapters, which seek the video), then each scene under its chapter with its poster, duration and
links to whatever else was made of it (subtitles, GIF, transparent clip, values). The folder's
slide decks are linked at its top; a scene that ``slides`` alone made shows its GIF (or its last
still) with links to its stills, so a ``slides`` run into an empty folder is listed too. The page is one
self-contained file with relative links only: no network, no external script, font or style.
Posters are PNG frames taken from each video near its end, kept in ``renders/.gallery/`` and
taken again only when the video is newer.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from mathdl_anim.files import write_text_atomic
from mathdl_anim.lesson.outline import LECTURE_TITLE, lecture_outline, scene_title
from mathdl_anim.lesson.registry import LESSON
from mathdl_anim.publish.media import MediaError, probe, save_frame

__all__ = ["GALLERY", "POSTERS", "Clip", "link_name", "find_clips", "render_page", "write_gallery"]

GALLERY = "index.html"
#: Inside the output root: the posters, one folder per output folder.
POSTERS = ".gallery"
_LECTURE = "lecture"
_THUMBNAIL = "thumbnail.png"

#: File suffix -> what a link to it is called (files of other suffixes are not linked).
_KINDS = {
    ".srt": "subtitles",
    ".vtt": "subtitles",
    ".gif": "GIF",
    ".html": "slides",
    ".pdf": "PDF",
    ".pptx": "PowerPoint",
    ".webm": "transparent video",
    ".mov": "transparent video",
    ".txt": "chapters",
    ".png": "picture",
}
#: The name of the whole lesson's slide deck; every deck is linked at the top of its folder's section.
_LESSON_DECK = "lesson"
_DECK_SUFFIXES = (".html", ".pptx", ".pdf")


def _decks(folder: Path) -> list[tuple[str, list[Path]]]:
    """The slide decks of ``folder`` (``slides/<name>.html|pptx|pdf``), the lesson's first."""
    found: dict[str, list[Path]] = {}
    for path in sorted((folder / "slides").glob("*")):
        if path.is_file() and path.suffix in _DECK_SUFFIXES and not path.name.startswith("."):
            found.setdefault(path.stem, []).append(path)
    order = sorted(found, key=lambda stem: (stem != _LESSON_DECK, stem))
    return [(stem, sorted(found[stem], key=lambda p: _DECK_SUFFIXES.index(p.suffix))) for stem in order]


def link_name(path: Path) -> str | None:
    """What a link to ``path`` is called in the gallery, or ``None`` for files not linked."""
    if path.name.endswith(".values.json"):
        return "values"
    if path.name == _THUMBNAIL:
        return "thumbnail"
    return _KINDS.get(path.suffix)


@dataclass(frozen=True)
class Clip:
    """One video of the gallery.

    Attributes
    ----------
    video : Path | None
        ``None`` for a scene made by ``slides`` only: it shows its GIF (or its last still).
    title : str
    chapter : str
        The chapter title, or ``""`` (the lecture, or a clip not of the lesson).
    seconds : float | None
        ``None`` when the video cannot be read (it is still listed, and says so).
    poster : Path | None
    extras : tuple[Path, ...]
        Other files made from it: ``<stem>.*`` in its folder or a subfolder.
    stem : str
        The scene's (or clip's) name.
    """

    video: Path | None
    title: str
    chapter: str
    seconds: float | None
    poster: Path | None
    extras: tuple[Path, ...]
    stem: str = ""


def _poster(video: Path, out: Path) -> Path | None:
    target = out / POSTERS / video.parent.relative_to(out) / f"{video.stem}.png"
    try:
        if not target.is_file() or target.stat().st_mtime < video.stat().st_mtime:
            target.parent.mkdir(parents=True, exist_ok=True)
            save_frame(video, target, seconds_before_end=1.0)
        return target
    except MediaError:
        return None


def _extras(folder: Path, stem: str, video: Path | None) -> tuple[Path, ...]:
    """Files made of ``stem``: ``<stem>.*`` in ``folder`` or a subfolder (hidden ones aside),
    and its steps' stills for a scene without its own video."""
    prefix = f"{stem}."
    found = [p for p in folder.iterdir() if p.is_file() and p.name.startswith(prefix)]
    for sub in folder.iterdir():
        if sub.is_dir() and not sub.name.startswith("."):
            found += [p for p in sub.rglob(f"{_glob_escape(stem)}.*") if p.is_file()]
    if stem == _LECTURE:
        found += [folder / n for n in ("chapters.txt", _THUMBNAIL) if (folder / n).is_file()]
    if video is None:
        found += _steps(folder, stem)
    shown = (
        p
        for p in found
        if p != video
        and link_name(p)
        and not (p.parent == folder / "slides" and p.suffix in _DECK_SUFFIXES)  # decks: at the top
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
    return tuple(sorted(shown, key=lambda p: (p.suffix != ".srt", str(p))))


def _steps(folder: Path, stem: str) -> list[Path]:
    """The stills ``steps/<stem>-NN.png`` written by ``slides``, in order."""
    pattern = re.compile(rf"{re.escape(stem)}-\d+\.png")
    return sorted(p for p in (folder / "steps").glob("*.png") if pattern.fullmatch(p.name))


def _made_without_video(folder: Path) -> set[str]:
    """Names of the scenes ``slides`` made something of: a GIF, a transparent clip, stills."""
    names = {p.stem for p in (folder / "gif").glob("*.gif")}
    names |= {p.stem for p in (folder / "alpha").glob("*") if p.suffix in (".webm", ".mov")}
    names |= {m[1] for p in (folder / "steps").glob("*.png") if (m := re.fullmatch(r"(.+)-\d+", p.stem))}
    return {n for n in names if not n.startswith(".")}


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def find_clips(folder: Path, out: Path) -> list[Clip]:
    """The clips of one output folder: the lecture, the lesson's scenes in order, then others."""
    videos = {p.stem: p for p in sorted(folder.glob("*.mp4")) if not p.name.startswith(".")}
    made = set(videos) | _made_without_video(folder)
    chapter_of = {spec.name: spec.chapter for spec in LESSON}
    order = [_LECTURE] + [s.name for s in LESSON] + sorted(made - set(chapter_of) - {_LECTURE})
    clips = []
    for stem in order:
        if stem not in made:
            continue
        title = "The whole lecture" if stem == _LECTURE else scene_title(stem)
        video = videos.get(stem)
        if video is None:  # made by `slides` alone: its GIF plays, else its last still shows
            gif, steps = folder / "gif" / f"{stem}.gif", _steps(folder, stem)
            still = gif if gif.is_file() else steps[-1] if steps else None
            extras = _extras(folder, stem, None)
            clips.append(Clip(None, title, chapter_of.get(stem, ""), None, still, extras, stem))
            continue
        try:
            seconds: float | None = probe(video).seconds
        except MediaError:
            seconds = None
        if stem == _LECTURE and (folder / _THUMBNAIL).is_file():
            poster: Path | None = folder / _THUMBNAIL
        else:
            poster = _poster(video, out) if seconds is not None else None
        extras = _extras(folder, stem, video)
        clips.append(Clip(video, title, chapter_of.get(stem, ""), seconds, poster, extras, stem))
    return clips


def _href(path: Path, out: Path) -> str:
    return quote(path.relative_to(out).as_posix())


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "unreadable"
    whole = int(seconds)  # as video players show it
    return f"{whole // 60}:{whole % 60:02d}"


def _chapter_links(clip: Clip) -> str:
    """The lecture's chapters (from ``chapters.txt``) as buttons that seek its video."""
    if clip.video is None:
        return ""
    chapters = clip.video.parent / "chapters.txt"
    if not chapters.is_file():
        return ""
    items = []
    for line in chapters.read_text(encoding="utf-8").splitlines():
        stamp, _, title = line.partition(" ")
        parts = stamp.split(":")
        if not title or not all(p.isdigit() for p in parts):
            continue
        seconds = sum(int(p) * 60**k for k, p in enumerate(reversed(parts)))
        items.append(
            f'<li><button type="button" data-seek="{seconds}">{html.escape(stamp)}</button> '
            f"{html.escape(title)}</li>"
        )
    return f'<ol class="chapters">{"".join(items)}</ol>' if items else ""


def _article(clip: Clip, out: Path) -> str:
    facts = [html.escape(clip.chapter)] if clip.chapter else []
    links = [f'<a href="{_href(p, out)}">{link_name(p)}</a>' for p in clip.extras]
    lecture = clip.stem == _LECTURE
    if clip.video is not None:
        poster = f' poster="{_href(clip.poster, out)}"' if clip.poster else ""
        facts.append(_duration(clip.seconds))
        shown = f'<video controls preload="metadata"{poster} src="{_href(clip.video, out)}"></video>'
    else:  # slides only: the GIF, or the last still
        facts.append("slides")
        alt = html.escape(clip.title)
        shown = f'<img alt="{alt}" src="{_href(clip.poster, out)}">' if clip.poster else ""
    return (
        f'<article class="{"lecture" if lecture else "clip"}">'
        + shown
        + f"<h4>{html.escape(clip.title)}</h4>"
        f'<p class="facts">{" &middot; ".join(facts)}</p>'
        + (f'<p class="links">{" ".join(links)}</p>' if links else "")
        + (_chapter_links(clip) if lecture else "")
        + "</article>"
    )


def _section(folder: Path, clips: list[Clip], out: Path) -> str:
    name = folder.relative_to(out).as_posix()
    parts = [f'<section id="{html.escape(name)}"><h2>{html.escape(name)}</h2>']
    for stem, deck in _decks(folder):
        what = "Slide deck of the lesson" if stem == _LESSON_DECK else f"Slide deck {html.escape(stem)}"
        parts.append(
            f'<p class="links">{what}: '
            + " ".join(f'<a href="{_href(p, out)}">{p.suffix.lstrip(".").upper()}</a>' for p in deck)
            + "</p>"
        )
    lecture = [c for c in clips if c.stem == _LECTURE]
    parts += [_article(c, out) for c in lecture]
    for chapter in lecture_outline():
        here = [c for c in clips if c.chapter == chapter.title]
        if here:
            parts.append(f"<h3>{html.escape(chapter.heading)}: {html.escape(chapter.title)}</h3>")
            parts.append(f'<div class="grid">{"".join(_article(c, out) for c in here)}</div>')
    others = [c for c in clips if not c.chapter and c.stem != _LECTURE]
    if others:
        parts.append("<h3>Other clips</h3>")
        parts.append(f'<div class="grid">{"".join(_article(c, out) for c in others)}</div>')
    parts.append("</section>")
    return "".join(parts)


_STYLE = """
body{margin:0;padding:1.5rem 2rem;background:#0F1117;color:#ECECEC;
font:15px/1.45 system-ui,sans-serif}
h1{font-weight:500;margin:0 0 .3rem}
h2{margin:2rem 0 .5rem;border-bottom:1px solid #333;padding-bottom:.3rem}
h3{color:#8A8F98;font-weight:500;margin:1.4rem 0 .6rem}h4{margin:.4rem 0 .1rem;font-weight:500}
nav a,a{color:#58C4DD}nav a{margin-right:1rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:1.2rem}
video,article img{width:100%;background:#000;border-radius:4px;display:block}
.lecture{max-width:960px}.facts{color:#8A8F98;margin:0}.links a{margin-right:.7rem}
.chapters{padding-left:1.2rem}.chapters button{font:inherit;color:#58C4DD;background:none;border:0;
cursor:pointer;padding:0}
"""

_SCRIPT = """
document.querySelectorAll('button[data-seek]').forEach(function (b) {
  b.addEventListener('click', function () {
    var v = b.closest('article').querySelector('video');
    v.currentTime = Number(b.dataset.seek); v.play();
  });
});
"""


def render_page(sections: Iterable[tuple[Path, list[Clip]]], out: Path) -> str:
    """The HTML of the gallery for these folders and their clips."""
    sections = [(f, c) for f, c in sections if c or _decks(f)]
    nav = " ".join(
        f'<a href="#{quote(f.relative_to(out).as_posix())}">{html.escape(f.relative_to(out).as_posix())}</a>'
        for f, _ in sections
    )
    body = "".join(_section(f, c, out) for f, c in sections) or "<p>Nothing rendered yet.</p>"
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(LECTURE_TITLE)}</title><style>{_STYLE}</style></head>"
        f"<body><h1>{html.escape(LECTURE_TITLE)}</h1><nav>{nav}</nav>{body}"
        f"<script>{_SCRIPT}</script></body></html>\n"
    )


def _has_outputs(folder: Path) -> bool:
    """Whether ``folder`` holds a command's outputs: videos, or what ``slides`` makes."""
    return any(folder.glob("*.mp4")) or bool(_decks(folder)) or bool(_made_without_video(folder))


def write_gallery(out: Path) -> Path:
    """Write ``out/index.html`` for every output folder of ``out``; return its path."""
    out = Path(out)
    folders = (
        sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".") and _has_outputs(p))
        if out.is_dir()
        else []
    )
    page = render_page(((f, find_clips(f, out)) for f in folders), out)
    out.mkdir(parents=True, exist_ok=True)
    target = out / GALLERY
    write_text_atomic(target, page)
    return target
