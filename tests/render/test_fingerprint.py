"""A render's fingerprint changes with anything that changes its video, and only with that."""

from __future__ import annotations

import pytest

from mathdl_anim.lesson.outline import lecture_outline
from mathdl_anim.lesson.registry import find_scene
from mathdl_anim.publish.title_cards import CardTask
from mathdl_anim.render import fingerprint as fp
from mathdl_anim.render.scenes import RenderTask


def stamp(task: RenderTask, quality: str = "l") -> str:
    return fp.fingerprint(task, quality, find_scene(task.scene).json_params(task.params))


@pytest.fixture
def fresh_digests():
    fp._package_digest.cache_clear()
    fp.source_digest.cache_clear()
    yield
    fp._package_digest.cache_clear()
    fp.source_digest.cache_clear()


def test_same_render_same_fingerprint():
    assert stamp(RenderTask("Neuron")) == stamp(RenderTask("Neuron"))


def test_default_given_or_left_out_is_the_same_render():
    assert stamp(RenderTask("Neuron", {"x": [2, 1, 4]})) == stamp(RenderTask("Neuron"))


@pytest.mark.parametrize(
    "other",
    [
        RenderTask("Neuron", {"x": [2, 1, 5]}),
        RenderTask("Neuron", theme="light"),
        RenderTask("Neuron", aspect="9:16"),
        RenderTask("Recap"),
    ],
)
def test_anything_shown_changes_it(other):
    assert stamp(other) != stamp(RenderTask("Neuron"))


def test_quality_changes_it():
    assert stamp(RenderTask("Neuron"), "l") != stamp(RenderTask("Neuron"), "h")


def test_package_source_changes_every_scene(tmp_path, monkeypatch, fresh_digests):
    drawing = tmp_path / "draw.py"
    drawing.write_text("RADIUS = 1\n")
    monkeypatch.setattr(fp, "_PACKAGE", tmp_path)
    monkeypatch.setattr(fp, "_source_files", lambda: [drawing])
    before = stamp(RenderTask("Neuron")), stamp(RenderTask("Recap"))
    drawing.write_text("RADIUS = 2\n")
    fp._package_digest.cache_clear()
    fp.source_digest.cache_clear()
    after = stamp(RenderTask("Neuron")), stamp(RenderTask("Recap"))
    assert before[0] != after[0] and before[1] != after[1]


def test_a_scene_module_changes_only_its_scene(tmp_path, monkeypatch, fresh_digests):
    neuron = tmp_path / "neuron.py"
    neuron.write_text("class Neuron: ...\n")
    real = fp._module_file
    monkeypatch.setattr(fp, "_module_file", lambda m: neuron if m == "scenes.neuron" else real(m))
    before = stamp(RenderTask("Neuron")), stamp(RenderTask("Recap"))
    neuron.write_text("class Neuron: pass\n")
    fp.source_digest.cache_clear()
    after = stamp(RenderTask("Neuron")), stamp(RenderTask("Recap"))
    assert before[0] != after[0] and before[1] == after[1]


def test_cards_have_their_own_module():
    chapters = lecture_outline()
    card = CardTask.card(chapters[0], "dark", "16:9")
    thumbnail = CardTask.thumbnail(chapters, "dark", "16:9")
    assert fp._module_file(card.module).name == "chapter_card.py"
    assert fp._module_file(thumbnail.module).name == "lecture_thumbnail.py"
    assert fp.fingerprint(card, "l") != fp.fingerprint(CardTask.card(chapters[1], "dark", "16:9"), "l")


def test_the_hashed_source_is_the_drawing_code():
    package = fp._PACKAGE
    names = {str(p.relative_to(package)) for p in fp._source_files()}
    assert {
        "core/linear_algebra.py",
        "scene/lesson_scene.py",
        "draw/text.py",
        "render/__init__.py",
        "draw/tex_template.tex",
        "engine/renderer.py",
        "lesson/narration/script.py",
    } <= names
    # every layer above render only assembles finished videos; scenes count their own module
    assert not {n for n in names if n.split("/")[0] not in fp.PIXEL_LAYERS}
    assert not names & {"cli.py", "publish/gallery.py", "publish/lecture.py", "files.py"}


def test_a_new_module_in_a_drawing_layer_is_hashed_without_being_listed(tmp_path, monkeypatch):
    for layer in fp.PIXEL_LAYERS + ("publish",):
        (tmp_path / layer).mkdir()
        (tmp_path / layer / "new_module.py").write_text("X = 1\n")
    monkeypatch.setattr(fp, "_PACKAGE", tmp_path)
    hashed = {p.parent.name for p in fp._source_files()}
    assert hashed == set(fp.PIXEL_LAYERS)
