"""A lesson of four short scenes in four chapters, for the tests of the pipeline.

The tests of ``lecture``, ``slides``, voiced renders, signals and the render's files run the
commands with ``MATHDL_ANIM_LESSON=tests.pipeline.lesson``: every part of the pipeline (cards,
chapters, subtitles, speech, decks, the gallery) at the cost of about ten seconds of video a
scene, where the lesson's own scenes last 70 to 120 s. The lesson's scenes are rendered whole by
their own tests and by ``render`` in ``tests/test_cli.py``. Pure: no manim.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mathdl_anim.core.params import Param, as_number
from mathdl_anim.lesson.spec import NoValues, SceneSpec

TITLE = "A Short Lesson"

MODULE = "tests.pipeline.scenes"


@dataclass(frozen=True)
class Sum:
    """Two numbers and their sum: the values the first scene shows."""

    a: float
    b: float

    @property
    def total(self) -> float:
        return self.a + self.b

    def values(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "total": self.total}


SCENES = (
    SceneSpec(
        "AddingArrows",
        MODULE,
        "Adding",
        "Two arrows laid tip to tail on a number line.",
        (
            Param("a", 2.0, "the first arrow, in [-4, 4]", as_number(-4, 4)),
            Param("b", 1.5, "the second arrow, in [-4, 4]", as_number(-4, 4)),
        ),
        Sum,
    ),
    SceneSpec("GrowingBar", MODULE, "Growing", "A bar that grows to its height.", (), NoValues),
    SceneSpec("TurningWheel", MODULE, "Turning", "A wheel that turns once.", (), NoValues),
    SceneSpec("GrowingBar2", MODULE, "Growing again", "The bar again, in a fourth chapter.", (), NoValues),
)

#: The chapters' titles in order.
CHAPTERS = tuple(dict.fromkeys(spec.chapter for spec in SCENES))
