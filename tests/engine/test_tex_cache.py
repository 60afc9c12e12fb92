"""Labels from the mobject cache must be what a fresh build gives, from memory and from disk."""

from __future__ import annotations

import numpy as np
import pytest
from manim import MathTex, Tex
from manim.mobject.svg import svg_mobject

from mathdl_anim.draw.style import tex_template
from mathdl_anim.engine import tex_cache
from mathdl_anim.files import read_pickle
from tests.engine.test_svg_cache import _assert_same as _assert_same_glyphs

LABELS = {
    "math": (MathTex, (r"L(w) = (w - 3)^2 + 0.5",), {"color": "#FFCC00", "font_size": 40}),
    "parts": (MathTex, ("w", "=", "1.25"), {"substrings_to_isolate": ["w"], "font_size": 32}),
    "words": (Tex, (r"\mbox{the slope at $w$}",), {"color": "#33AAFF", "font_size": 28}),
}


def _fresh(kind):
    # manim's in-memory SVG cache skips the flip that sets the (unused) sheen direction: off
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()
    cls, args, kwargs = LABELS[kind]
    return cls(*args, tex_template=tex_template(), **kwargs)


def _cached(kind):
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()
    cls, args, kwargs = LABELS[kind]
    return tex_cache.build(cls, *args, tex_template=tex_template(), **kwargs)


def _stored():
    folder = tex_cache.cache_folder()
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


def _frame(label) -> np.ndarray:
    """The label drawn alone by manim's camera (a small frame): what a viewer would see."""
    from manim import Camera

    camera = Camera(pixel_width=320, pixel_height=180)
    camera.capture_mobject(label)
    return camera.pixel_array.copy()


def _assert_same(a, b):
    _assert_same_glyphs(a, b)
    assert a.tex_string == b.tex_string
    assert a.font_size == pytest.approx(b.font_size, abs=0)
    np.testing.assert_array_equal(a.get_center(), b.get_center())
    assert (a.width, a.height) == (b.width, b.height)
    assert [p.tex_string for p in a.submobjects] == [p.tex_string for p in b.submobjects]
    assert a.get_color() == b.get_color()


@pytest.mark.parametrize("kind", list(LABELS))
def test_first_memory_and_disk_builds_equal_a_fresh_build(tex_config, kind):
    fresh = _fresh(kind)
    first = _cached(kind)
    assert len(_stored()) == 1
    from_memory = _cached(kind)
    tex_cache._MEMORY.clear()  # as in a new render process
    from_disk = _cached(kind)
    for built in (first, from_memory, from_disk):
        _assert_same(fresh, built)
    assert len({id(first), id(from_memory), id(from_disk)}) == 3  # never the same object twice


def test_copies_are_independent(tex_config):
    one = _cached("math")
    one.shift([2, 0, 0]).set_color("#FF0000")
    _assert_same(_fresh("math"), _cached("math"))


def test_arguments_make_the_key(tex_config):
    cls, args, kwargs = LABELS["math"]
    _cached("math")
    tex_cache.build(cls, *args, tex_template=tex_template(), **{**kwargs, "color": "#00FF00"})
    tex_cache.build(cls, *args, tex_template=tex_template(), **{**kwargs, "font_size": 41})
    words = LABELS["words"][1]
    tex_cache.build(Tex, *words, tex_template=tex_template())
    tex_cache.build(MathTex, *words, tex_template=tex_template())  # same text, another class
    assert len(_stored()) == 5
    green = tex_cache.build(cls, *args, tex_template=tex_template(), **{**kwargs, "color": "#00FF00"})
    assert green.get_color().to_hex() == "#00FF00"


def test_arguments_without_a_text_form_are_built_uncached(tex_config):
    label = tex_cache.build(
        MathTex,
        "w",
        "=",
        "1",
        substrings_to_isolate={"w"},  # a set: no order
        tex_template=tex_template(),
    )
    assert _stored() == [] and tex_cache._MEMORY == {}
    assert [p.tex_string for p in label.submobjects] == ["w", "=", "1"]
    assert tex_cache._key(MathTex, ("w",), {"mystery": object()}) is None


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "another_class"])
def test_damaged_file_is_rebuilt(tex_config, damage):
    _cached("math")
    (path,) = _stored()
    if damage == "another_class":
        _cached("words")
        (other,) = [p for p in _stored() if p != path]
        bad = other.read_bytes()
    else:
        good = path.read_bytes()
        bad = {"garbage": b"\x80\x05not a pickle", "truncated": good[: len(good) // 2], "empty": b""}[damage]
    path.write_bytes(bad)
    tex_cache._MEMORY.clear()
    _assert_same(_fresh("math"), _cached("math"))
    assert path.read_bytes() != bad  # replaced by a good one
    cls, args, kwargs = LABELS["math"]
    _assert_same(
        _fresh("math"),
        read_pickle(path, tex_cache._key(cls, args, {"tex_template": tex_template(), **kwargs})),
    )


def test_unwritable_folder_does_not_break_the_build(tex_config):
    folder = tex_cache.cache_folder()
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the folder should be")
    _assert_same(_fresh("parts"), _cached("parts"))


@pytest.mark.parametrize("damage", ["swapped", "altered", "flipped", "truncated"])
def test_a_cache_file_that_lies_is_never_drawn(tex_config, monkeypatch, capsys, damage):
    """Swapped with another label of the same class (the weight 0.5 drawn as "4"), altered,
    bit-flipped or truncated: the label is built afresh, with one warning naming the cache."""
    from mathdl_anim import files

    monkeypatch.setattr(files, "_WARNED", set())
    half = (MathTex, ("0.5",), {"font_size": 40})
    four = (MathTex, ("4",), {"font_size": 40})

    def build(label, cached=True):
        svg_mobject.SVG_HASH_TO_MOB_MAP.clear()
        cls, args, kwargs = label
        make = tex_cache.build if cached else (lambda c, *a, **k: c(*a, **k))
        return make(cls, *args, tex_template=tex_template(), **kwargs)

    build(half)
    (path,) = _stored()
    good = path.read_bytes()
    if damage == "swapped":
        build(four)
        (other,) = [p for p in _stored() if p != path]
        bad = other.read_bytes()
    else:
        middle = len(good) // 2
        bad = {
            "altered": good[:middle] + bytes(64) + good[middle + 64 :],
            "flipped": good[:middle] + bytes([good[middle] ^ 0x01]) + good[middle + 1 :],
            "truncated": good[:middle],
        }[damage]
    path.write_bytes(bad)
    tex_cache._MEMORY.clear()  # a new render process
    capsys.readouterr()
    for _ in range(2):
        tex_cache._MEMORY.clear()
        fresh, cached = build(half, cached=False), build(half)
        _assert_same(fresh, cached)
        np.testing.assert_array_equal(_frame(cached), _frame(fresh))  # the frames too
    assert np.any(_frame(build(four, cached=False)) != _frame(build(half, cached=False)))  # can tell
    warnings = capsys.readouterr().err.splitlines()
    assert len(warnings) == 1 and str(tex_cache.cache_folder()) in warnings[0]
