"""The lecture's chapters: lesson order and numbering, whatever part of the lesson is chosen."""

from __future__ import annotations

import pytest

from mathdl_anim.lesson.outline import lecture_outline, scene_title
from mathdl_anim.lesson.registry import CHAPTERS, LESSON, find_scene


def test_whole_lesson():
    chapters = lecture_outline()
    assert [c.title for c in chapters] == list(CHAPTERS)
    assert [c.number for c in chapters] == [1, 2, 3, 4]
    assert [name for c in chapters for name in c.scenes] == [s.name for s in LESSON]
    assert chapters[0].heading == "Chapter 1 of 4" and chapters[0].card_name == "chapter-1"


def test_a_part_keeps_lesson_order_and_numbers():
    chosen = [find_scene(n) for n in ("ChainRule", "Neuron", "TensorShapes", "Neuron")]
    chapters = lecture_outline(chosen)
    assert [(c.number, c.scenes) for c in chapters] == [(1, ("TensorShapes", "Neuron")), (3, ("ChainRule",))]
    assert chapters[1].heading == "Chapter 3 of 4"


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("MatrixMultiplication", "Matrix multiplication"),
        ("Neuron", "Neuron"),
        ("VanishingGradients", "Vanishing gradients"),
    ],
)
def test_scene_title(name, title):
    assert scene_title(name) == title
