"""Shared fixtures: one dry run per scene and parameter set, reused by every scene test."""

from __future__ import annotations

import json

import pytest

from mathdl_anim.lesson import find_scene


def pytest_addoption(parser):
    parser.addoption("--update-controls", action="store_true",
                     help="rewrite tests/control/*.png from the current last frames")


@pytest.fixture(scope="session")
def screen(tmp_path_factory):
    """``screen(name, params=None)``: the cached :class:`ScreenRun` of a scene."""
    from tests.scenes.screen import run_scene

    media = tmp_path_factory.mktemp("media")
    cache = {}

    def get(name: str, params: dict | None = None):
        key = (name, json.dumps(params, sort_keys=True))
        if key not in cache:
            cache[key] = run_scene(find_scene(name), media, params)
        return cache[key]

    return get
