"""The registry of speed-ups: nothing installs itself, the environment chooses, manim is checked."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mathdl_anim.core.errors import InputError
from mathdl_anim.engine import speedups


@pytest.fixture
def restore():
    before = speedups.active()
    yield
    for s in speedups.SPEEDUPS:  # as the session had them, whatever the test patched
        (s.module.install if s.name in before else s.module.uninstall)()


def test_importing_the_package_installs_nothing():
    code = (
        "import importlib, pkgutil, mathdl_anim\n"
        "for m in pkgutil.walk_packages(mathdl_anim.__path__, 'mathdl_anim.'):\n"
        "    importlib.import_module(m.name)\n"
        "import scenes.neuron\n"
        "from mathdl_anim.engine import speedups\n"
        "print(speedups.active())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "()"


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, speedups.NAMES),
        ("", speedups.NAMES),
        ("on", speedups.NAMES),
        ("ALL", speedups.NAMES),
        ("off", ()),
        ("none", ()),
        ("moving, fast_copy", ("fast_copy", "moving")),  # registry order, spaces allowed
    ],
)
def test_parse(value, expected):
    assert speedups.parse(value) == expected


def test_an_unknown_name_is_one_clear_error():
    with pytest.raises(InputError, match="unknown speed-up fast_cpy"):
        speedups.parse("fast_copy,fast_cpy")


def test_every_speedup_switches_on_and_off(restore):
    assert speedups.install(()) == ()
    for s in speedups.SPEEDUPS:
        assert not s.module.installed(), s.name
    assert speedups.install(("svg_cache", "moving")) == ("svg_cache", "moving")
    assert speedups.install(speedups.NAMES) == speedups.NAMES


def test_the_environment_chooses(monkeypatch, restore):
    monkeypatch.setenv(speedups.ENV, "off")
    assert speedups.install() == ()
    monkeypatch.setenv(speedups.ENV, "fast_family")
    assert speedups.install() == ("fast_family",)


def test_an_unchecked_manim_runs_plain_with_one_warning(monkeypatch, capsys, restore):
    monkeypatch.setattr(speedups, "_manim_version", lambda: "9.9.9")
    monkeypatch.setattr(speedups, "_warned", set())
    assert speedups.install(speedups.NAMES) == ()
    assert speedups.install(speedups.NAMES) == ()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "manim 9.9.9" in err[0] and "plain manim" in err[0]


def test_the_registry_names_the_modules_it_switches():
    for s in speedups.SPEEDUPS:
        assert s.module.__name__ == f"mathdl_anim.engine.{s.name}"
        assert s.replaces and s.checked_with
