"""Shared fixtures: one dry run per scene and parameter set, reused by every scene test."""

from __future__ import annotations

import json
import os

import pytest

from mathdl_anim.lesson.registry import find_scene

#: fixtures shared by several test folders (``chromium``)
pytest_plugins = ["tests.browser"]


@pytest.fixture(scope="session", autouse=True)
def speedups():
    """The speed-ups that ``MATHDL_ANIM_SPEEDUPS`` names (all by default), installed for every
    test, as the renderer installs them for every scene; what is installed."""
    from mathdl_anim.engine import speedups as registry

    return registry.install()


@pytest.fixture
def tex_config(tmp_path, monkeypatch, speedups):
    """manim's config for building labels outside a scene, with cold, private glyph and label
    caches (the user's ``~/.cache/mathdl-anim`` is only read, for typeset SVGs); the speed-ups as
    the session had them after."""
    from manim import tempconfig

    from mathdl_anim.engine import speedups as registry
    from mathdl_anim.engine import tex_cache
    from mathdl_anim.render.options import manim_options
    from mathdl_anim.render.tex import discard_tex_dir, private_tex_dir

    tex_dir = private_tex_dir(tmp_path)  # seeded with the typeset SVGs we have (LaTeX is slow)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # glyph and label caches: cold
    monkeypatch.setattr(tex_cache, "_MEMORY", {})
    with tempconfig(manim_options(tmp_path, tex_dir=str(tex_dir))):
        yield
    registry.install(speedups)
    discard_tex_dir(tex_dir)


def _scene_of(value) -> str | None:
    """The scene a test parameter names: a scene name or spec, or a case ``(name, params)``, or a
    look ``((name, params), theme, aspect)``."""
    from mathdl_anim.lesson.registry import scene_names

    if isinstance(value, str):
        return value if value in scene_names() else None
    if isinstance(getattr(value, "name", None), str):  # a SceneSpec
        return _scene_of(value.name)
    if isinstance(value, (tuple, list)) and value:
        return _scene_of(value[0])
    return None


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (``-n 2 --dist loadgroup``, as ``./setup.sh test`` runs the tests),
    every test of one scene goes to the same worker: the scene's runs (the slow part, cached per
    process by ``screen``) then happen once, not once per worker. Any other test goes with the
    rest of its file, whose module fixtures (a rendered lecture, a deck) are then built once."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        scenes = {s for s in map(_scene_of, params.values()) if s}
        if len(scenes) == 1:
            item.add_marker(pytest.mark.xdist_group(scenes.pop()))
        elif "broken_runs" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("broken scenes"))
        else:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))


def pytest_addoption(parser):
    parser.addoption(
        "--update-controls",
        action="store_true",
        help="rewrite tests/control/*.png from the current last frames",
    )


@pytest.fixture(scope="session")
def screen(tmp_path_factory):
    """``screen(name, params=None, theme="dark", aspect="16:9")``: the cached :class:`ScreenRun`
    of a scene."""
    from mathdl_anim.render.tex import discard_tex_dir, private_tex_dir, publish_tex
    from tests.scenes.screen import run_scene

    media = tmp_path_factory.mktemp("media")
    tex_dir = private_tex_dir(media)  # compile in a private folder, share the SVGs at the end
    cache = {}

    def get(name: str, params: dict | None = None, theme: str = "dark", aspect: str = "16:9"):
        key = (name, json.dumps(params, sort_keys=True), theme, aspect)
        if key not in cache:
            # views during animations are for the viewer checks, which run in the default look
            # (a run of other scene tests alone can skip them: MATHDL_ANIM_TEST_DURING=0)
            during = (theme, aspect) == ("dark", "16:9") and os.environ.get("MATHDL_ANIM_TEST_DURING") != "0"
            cache[key] = run_scene(find_scene(name), media, params, theme=theme, aspect=aspect, during=during)
        return cache[key]

    yield get
    publish_tex(tex_dir)
    discard_tex_dir(tex_dir)
