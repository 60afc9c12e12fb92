"""The active palette: chosen per process or per ``with`` block, read at use, never captured."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mathdl_anim.draw.style import PALETTE, THEME_ENV, active_theme, use_theme
from mathdl_anim.draw.text import make_tex
from mathdl_anim.lesson.palette import DARK, LIGHT

ROOT = Path(__file__).resolve().parents[2]


def test_palette_follows_the_theme_in_force(monkeypatch):
    monkeypatch.delenv(THEME_ENV, raising=False)
    assert active_theme() == "dark" and PALETTE.input == DARK.input
    with use_theme("light") as palette:
        assert palette is LIGHT
        assert PALETTE.input == LIGHT.input and PALETTE.bias == LIGHT.bias
        with use_theme("dark"):
            assert PALETTE.background == DARK.background
        assert active_theme() == "light"
    assert PALETTE.input == DARK.input


def test_builders_draw_in_the_theme_in_force(monkeypatch):
    monkeypatch.delenv(THEME_ENV, raising=False)
    with use_theme("light"):
        light = make_tex("x").get_color().to_hex().upper()
    assert light == LIGHT.text
    assert make_tex("x").get_color().to_hex().upper() == DARK.text


def test_environment_variable_chooses_the_theme_for_native_manim(monkeypatch):
    monkeypatch.setenv(THEME_ENV, "light")
    assert PALETTE.background == LIGHT.background
    with use_theme("dark"):  # an explicit choice wins
        assert PALETTE.background == DARK.background
    monkeypatch.setenv(THEME_ENV, "blue")
    with pytest.raises(ValueError, match="unknown theme 'blue'"):
        _ = PALETTE.background


def test_unknown_theme_is_refused():
    with pytest.raises(ValueError, match=r"unknown theme 'blue' \(valid: dark, light\)"):
        with use_theme("blue"):
            pass
    assert active_theme() == "dark"


def _captures(tree: ast.AST) -> list[int]:
    """Lines where ``PALETTE`` is read outside a function body or in a default argument."""
    lines = []

    def walk(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                defaults = child.args.defaults + [d for d in child.args.kw_defaults if d]
                lines.extend(
                    n.lineno
                    for d in defaults
                    for n in ast.walk(d)
                    if isinstance(n, ast.Name) and n.id == "PALETTE"
                )
                continue
            if (
                isinstance(child, ast.Attribute)
                and isinstance(child.value, ast.Name)
                and child.value.id == "PALETTE"
            ):
                lines.append(child.lineno)
            walk(child)

    walk(tree)
    return lines


def test_no_module_captures_a_colour_at_import_time():
    files = sorted((ROOT / "mathdl_anim").rglob("*.py")) + sorted((ROOT / "scenes").glob("*.py"))
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in files
        for line in _captures(ast.parse(path.read_text()))
    ]
    assert found == []


def test_capture_check_can_fail():
    source = "X = PALETTE.input\ndef f(c=PALETTE.bias):\n    return PALETTE.text\n"
    assert _captures(ast.parse(source)) == [1, 2]
