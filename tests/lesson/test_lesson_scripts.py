"""The lesson's narration: a script per scene, every key a scene plays exists, no hand-typed number.

Scenes are read with :mod:`ast`, not imported: each ``self.say("key", field=...)`` call names a
beat of the scene's script and gives exactly that beat's fields.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

import pytest

from mathdl_anim.lesson.narration import SCRIPTS, find_script
from mathdl_anim.lesson.narration.script import template_literal
from mathdl_anim.lesson.registry import LESSON, scene_names


def scene_source(module: str) -> ast.Module:
    origin = importlib.util.find_spec(module).origin
    return ast.parse(Path(origin).read_text())


def say_calls(tree: ast.Module) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "say"
    ]


def constant_keys(call: ast.Call) -> list[str] | None:
    """The beat keys a say() call can play: ``"a"``, ``"a" if c else "b"``; ``None`` if computed."""
    arg = call.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return [arg.value]
    if isinstance(arg, ast.IfExp) and all(isinstance(x, ast.Constant) for x in (arg.body, arg.orelse)):
        return [arg.body.value, arg.orelse.value]
    return None


def test_one_script_per_scene_in_lesson_order():
    assert [script.scene for script in SCRIPTS] == scene_names()


@pytest.mark.parametrize("spec", LESSON, ids=lambda s: s.name)
def test_every_beat_played_exists_with_its_fields(spec):
    script = find_script(spec.name)
    calls = say_calls(scene_source(spec.module))
    assert calls, f"{spec.name} says nothing"
    for call in calls:
        keys = constant_keys(call)
        if keys is None:  # a computed key (e.g. the optimizer's name): checked by the scene runs
            continue
        given = {kw.arg for kw in call.keywords} - {"run_time"}
        for key in keys:
            assert script.beat(key).fields == given, f"{spec.name}.say({key!r}) at line {call.lineno}"


@pytest.mark.parametrize("spec", LESSON, ids=lambda s: s.name)
def test_every_beat_is_used_by_its_scene(spec):
    """Each key appears as a string in the scene's module (no forgotten beats)."""
    strings = {
        node.value
        for node in ast.walk(scene_source(spec.module))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    unused = [key for key in find_script(spec.name).keys if key not in strings]
    assert unused == []


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda s: s.scene)
def test_narration_is_plain_words(script):
    """No digit outside a field (numbers come from the core), no LaTeX, whole sentences."""
    for beat in script.beats:
        literal = template_literal(beat.narration)
        assert not re.search(r"\d", literal), f"{script.scene}.{beat.key}: digit in {literal!r}"
        assert not re.search(r"[$\\^_{}]", literal), f"{script.scene}.{beat.key}: LaTeX in {literal!r}"
        assert beat.narration[0].isupper() and beat.narration.rstrip()[-1] in ".!?", beat.key
        assert beat.caption.strip() and "\n" not in beat.caption
