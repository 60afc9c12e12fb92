"""How fast words go by: reading rates, subtitle cues and the length of a beat (pure arithmetic).

A beat shows a caption and says a narration. It lasts at least as long as

* its caption takes to read at :data:`CAPTION_RATE` characters per second;
* each subtitle cue of its narration takes to read at :data:`CUE_RATE` characters per second;
* with a voice, each cue takes to say, plus :data:`CUE_GAP` between cues and :data:`PAUSE`
  after the last.

The narration is split into subtitle cues (:func:`split_cues`) of at most :data:`MAX_LINES` lines
of at most :data:`LINE_CHARS` characters, at phrase boundaries: sentence ends first, then other
punctuation, then between words. Each cue has its *slot* (:func:`cue_slots`); a beat that runs
longer than the sum of its slots shares the extra time among them (:func:`place_cues`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

__all__ = [
    "CAPTION_RATE",
    "CUE_RATE",
    "LINE_CHARS",
    "MAX_LINES",
    "PAUSE",
    "CUE_GAP",
    "visible_text",
    "reading_seconds",
    "cue_chars",
    "wrap_cue",
    "split_cues",
    "cue_slots",
    "beat_seconds",
    "place_cues",
]

#: At most this many characters per second of on-screen caption.
CAPTION_RATE = 15.0
#: At most this many characters per second of subtitle cue.
CUE_RATE = 17.0
#: A subtitle line holds at most this many characters, and a cue at most this many lines.
LINE_CHARS = 42
MAX_LINES = 2
#: Silence after a beat's last spoken word, and between two spoken cues of a beat (seconds).
PAUSE = 0.3
CUE_GAP = 0.15

_MATH = re.compile(r"\$([^$]*)\$")
_COMMAND = re.compile(r"\\[a-zA-Z]+\s*|\\.")


def visible_text(caption: str) -> str:
    r"""The characters a reader sees in a LaTeX text-mode caption.

    A command (``\eta``, ``\times``) counts as one character, braces, ``$``, ``^`` and ``_``
    as none; spaces inside math are dropped (TeX does not show them).

    >>> visible_text(r"Same start $w_0 = 1.5$, only $\eta$ changes")
    'Same start w0=1.5, only x changes'
    """

    def math(match: re.Match[str]) -> str:
        inner = _COMMAND.sub("x", match.group(1))
        return re.sub(r"[\s{}^_]", "", inner)

    text = _MATH.sub(math, caption)
    text = _COMMAND.sub("x", text)
    return re.sub(r"\s+", " ", text.replace("{", "").replace("}", "")).strip()


def cue_chars(text: str) -> int:
    """The characters of a subtitle cue, line breaks not counted."""
    return len(" ".join(text.split("\n")))


def reading_seconds(text: str, rate: float) -> float:
    """How long ``text`` takes to read at ``rate`` characters per second (line breaks aside)."""
    if rate <= 0:
        raise ValueError(f"a reading rate is positive, got {rate}")
    return cue_chars(text) / rate


def _fits(line: str) -> bool:
    return len(line) <= LINE_CHARS


def wrap_cue(text: str) -> str | None:
    """``text`` on at most :data:`MAX_LINES` lines of at most :data:`LINE_CHARS` characters.

    One line when it fits; otherwise two, broken after punctuation when that fits, else at the
    space that balances the lines best. ``None`` if it cannot fit.

    >>> wrap_cue("The gradient points uphill, so we step the other way.")
    'The gradient points uphill,\\nso we step the other way.'
    """
    text = " ".join(text.split())
    if _fits(text):
        return text
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    fitting = [i for i in spaces if _fits(text[:i]) and _fits(text[i + 1 :])]
    if not fitting:
        return None
    after_punctuation = [i for i in fitting if text[i - 1] in ",;:.!?"]
    candidates = after_punctuation or fitting
    best = min(candidates, key=lambda i: abs(len(text[:i]) - len(text[i + 1 :])))
    return text[:best] + "\n" + text[best + 1 :]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+")


def _split_words(phrase: str) -> list[str]:
    """A phrase too long for one cue, in as few cues as fit, of balanced lengths."""
    words = phrase.split()
    for n in range(max(2, math.ceil(len(phrase) / (LINE_CHARS * MAX_LINES))), len(words) + 1):
        target = len(phrase) / n
        parts: list[list[str]] = [[]]
        for word in words:
            current = " ".join(parts[-1])
            if parts[-1] and len(parts) < n and len(current) + 1 + len(word) / 2 > target:
                parts.append([])
            parts[-1].append(word)
        texts = [" ".join(p) for p in parts]
        if all(wrap_cue(t) is not None for t in texts):
            return texts
    raise ValueError(f"a word is longer than a subtitle line: {phrase!r}")


def _sentence_cues(sentence: str) -> list[str]:
    """One sentence as few cues as possible, of balanced lengths, cut between clauses."""
    clauses = _CLAUSE_END.split(sentence)
    # best[i]: (cue count, sum of squared lengths, cues) for the first i clauses
    best: list[tuple[int, int, list[str]] | None] = [(0, 0, [])] + [None] * len(clauses)
    for i in range(1, len(clauses) + 1):
        for j in range(i):
            before = best[j]
            if before is None:
                continue
            group = " ".join(clauses[j:i])
            if wrap_cue(group) is not None:
                parts = [group]
            elif i == j + 1:  # one clause too long for a cue: cut between words
                parts = _split_words(group)
            else:
                continue
            cost = (before[0] + len(parts), before[1] + sum(len(p) ** 2 for p in parts), before[2] + parts)
            current = best[i]
            if current is None or cost[:2] < current[:2]:
                best[i] = cost
    done = best[-1]
    assert done is not None  # a single clause always has a way
    return done[2]


def split_cues(narration: str) -> list[str]:
    """``narration`` as subtitle cues in order, each already wrapped by :func:`wrap_cue`.

    Every sentence starts a cue; a sentence too long for one cue is cut between clauses (ended
    by ``,;:``) into as few cues as fit, of balanced lengths; a clause too long for one cue is
    cut between words into cues of similar lengths. Joined with spaces, the cues give back the
    narration (whitespace normalised).

    >>> split_cues("Hello, world. This is short.")
    ['Hello, world.', 'This is short.']
    """
    text = " ".join(narration.split())
    if not text:
        return []
    cues = [cue for sentence in _SENTENCE_END.split(text) for cue in _sentence_cues(sentence)]
    wrapped = [wrap_cue(c) for c in cues]
    return [w for w in wrapped if w is not None]


def cue_slots(cues: Sequence[str], spoken: Sequence[float] | None = None) -> list[float]:
    """The least time each cue needs (seconds): its reading time at :data:`CUE_RATE`, and with
    ``spoken`` (seconds per cue, same order) its speech followed by :data:`CUE_GAP`, or by
    :data:`PAUSE` after the last."""
    if spoken is not None and len(spoken) != len(cues):
        raise ValueError(f"{len(cues)} cues but {len(spoken)} speech lengths")
    slots = []
    for k, cue in enumerate(cues):
        slot = reading_seconds(cue, CUE_RATE)
        if spoken is not None:
            slot = max(slot, spoken[k] + (PAUSE if k == len(cues) - 1 else CUE_GAP))
        slots.append(slot)
    return slots


def beat_seconds(caption: str, slots: Sequence[float]) -> float:
    """The least time a beat lasts: its caption's reading time and the sum of its cue slots."""
    return max(reading_seconds(visible_text(caption), CAPTION_RATE), sum(slots))


def place_cues(
    cues: Sequence[str], slots: Sequence[float], start: float, end: float, anchored: bool = False
) -> list[tuple[str, float, float]]:
    """``(text, start, end)`` of each cue in a beat that played from ``start`` to ``end``.

    The cues follow each other without gaps and the last ends at ``end``. When the beat is
    longer than its slots, the extra time is shared in proportion to the slots; with
    ``anchored`` (speech was scheduled at each slot's start) every cue keeps its slot and the
    last one takes the extra time. A beat shorter than its slots (it should not be) shrinks
    them all in proportion.
    """
    if len(cues) != len(slots):
        raise ValueError(f"{len(cues)} cues but {len(slots)} slots")
    if not cues:
        return []
    total = sum(slots)
    span = end - start
    if anchored and total <= span + 1e-9:
        lengths = list(slots)
        lengths[-1] += span - total
    else:
        lengths = [span * s / total for s in slots] if total > 0 else [span / len(cues)] * len(cues)
    placed, t = [], start
    for k, (cue, length) in enumerate(zip(cues, lengths)):
        stop = end if k == len(cues) - 1 else t + length
        placed.append((cue, t, stop))
        t = stop
    return placed
