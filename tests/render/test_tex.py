"""The TeX folders of a render: caches are optional (issue 19, item 6)."""

from __future__ import annotations

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
