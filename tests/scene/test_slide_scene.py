"""The slide version of a scene class: its bases, name and settings (nothing rendered)."""

from __future__ import annotations

from manim_slides import Slide

from mathdl_anim.lesson.registry import find_scene
from mathdl_anim.scene.lesson_scene import LessonScene
from mathdl_anim.scene.slide_scene import slide_class, speaker_notes, step_png_name


def test_slide_class_keeps_the_scene_and_adds_slide():
    scene = find_scene("ChainRule").scene_class()
    slides = slide_class(scene)
    assert slides.__name__ == "ChainRule"  # names the JSON and finds the scene's spec
    assert slides._find_spec().name == "ChainRule"
    mro = slides.__mro__
    assert mro.index(scene) < mro.index(LessonScene) < mro.index(Slide)
    assert slides.skip_reversing is True
    assert slides.construct is scene.construct


def test_names_and_notes():
    assert step_png_name("Neuron", 3) == "Neuron-03.png"
    assert speaker_notes(None) == ""

    class Line:
        narration = "Said aloud."

    assert speaker_notes(Line()) == "Said aloud."
