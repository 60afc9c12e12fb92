"""The TeX folders of a render: caches are optional (issue 19, item 6)."""

from __future__ import annotations

import pytest

from mathdl_anim.render.tex import cache_or_private, private_tex_dir, publish_tex


def _unwritable_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")  # unwritable even for root, unlike chmod
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setenv("HOME", str(blocker))


def test_publishing_to_an_unwritable_cache_never_fails(tmp_path, monkeypatch):
    _unwritable_cache(tmp_path, monkeypatch)
    private = private_tex_dir(tmp_path / "work")
    (private / "abc.svg").write_text("<svg/>")
    publish_tex(private)  # after the video is finished: must not raise
    assert (private / "abc.svg").is_file()


def test_an_unwritable_cache_gives_private_folders(tmp_path, monkeypatch):
    work = tmp_path / "work"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert cache_or_private("text", work) == tmp_path / "cache" / "mathdl-anim" / "text"
    _unwritable_cache(tmp_path, monkeypatch)
    assert cache_or_private("text", work) == work / "text"
    assert cache_or_private("voice", work) == work / "voice"


def test_published_svgs_seed_the_next_private_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = private_tex_dir(tmp_path / "one")
    (first / "abc.svg").write_text("<svg/>")
    publish_tex(first)
    assert (private_tex_dir(tmp_path / "two") / "abc.svg").read_text() == "<svg/>"


@pytest.mark.parametrize("damage", ["truncated", "altered"])
def test_a_damaged_shared_svg_is_typeset_again_and_replaced(tmp_path, monkeypatch, capsys, damage):
    from mathdl_anim.render import tex

    monkeypatch.setattr(tex, "_WARNED", [])
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    good = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M 0 0 L 1 1"/></svg>\n'
    first = private_tex_dir(tmp_path / "one")
    (first / "abc.svg").write_text(good)
    publish_tex(first)
    shared = tmp_path / "cache" / "mathdl-anim" / "tex" / "abc.svg"
    shared.write_text({"truncated": good[:30], "altered": good.replace("1 1", "9 9")}[damage])
    capsys.readouterr()
    second = private_tex_dir(tmp_path / "two")
    assert not (second / "abc.svg").exists()  # manim typesets it again
    private_tex_dir(tmp_path / "three")
    warnings = capsys.readouterr().err.splitlines()
    assert len(warnings) == 1 and str(shared.parent) in warnings[0]
    (second / "abc.svg").write_text(good)
    publish_tex(second)
    assert shared.read_text() == good
    assert (private_tex_dir(tmp_path / "four") / "abc.svg").read_text() == good
