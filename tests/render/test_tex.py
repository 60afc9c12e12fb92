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


# An output folder on another file system (issue 19, item 8) ---------------------------------
def _other_device(monkeypatch, out):
    """Hard links from anywhere into ``out`` fail as across file systems (EXDEV)."""
    import errno
    import os

    link = os.link

    def cross_device_link(src, dst, *args, **kwargs):
        if (str(src).startswith(str(out))) != (str(dst).startswith(str(out))):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return link(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "link", cross_device_link)


def _files_in(folder):
    """Every regular file under ``folder`` (links to folders elsewhere not followed)."""
    return sorted(
        p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()
    )


def _published(tmp_path, monkeypatch, names):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = private_tex_dir(tmp_path / "first")
    for name in names:
        (first / name).write_text(f'<svg id="{name}"/>\n')
    publish_tex(first)


def test_an_output_folder_on_another_file_system_gets_no_copy_of_the_tex_cache(tmp_path, monkeypatch):
    _published(tmp_path, monkeypatch, [f"{k}.svg" for k in range(20)])
    out = tmp_path / "out"
    _other_device(monkeypatch, out)
    private = private_tex_dir(out / ".work" / "Neuron-1234abcd")
    assert (private / "7.svg").read_text() == '<svg id="7.svg"/>\n'  # still seeded
    assert [f for f in _files_in(out) if f.endswith(".svg")] == []  # but not by copying


def test_the_private_tex_folder_goes_with_its_work_folder(tmp_path, monkeypatch):
    from mathdl_anim.render.workdir import remove_folder, work_folder

    _published(tmp_path, monkeypatch, ["a.svg"])
    work = work_folder(tmp_path / "out", "Neuron")
    private = private_tex_dir(work)
    (private / "b.svg").write_text("<svg/>")
    assert private.resolve().is_relative_to((tmp_path / "cache").resolve())
    remove_folder(work)
    assert not work.exists() and not private.exists()
    assert (tmp_path / "cache" / "mathdl-anim" / "tex" / "a.svg").is_file()  # the shared SVGs stay


def test_a_private_tex_folder_of_a_dead_process_is_removed_by_the_next(tmp_path, monkeypatch):
    import json

    from mathdl_anim.render.workdir import OWNER

    _published(tmp_path, monkeypatch, ["a.svg"])
    mine = private_tex_dir(tmp_path / "mine")
    dead = private_tex_dir(tmp_path / "dead")
    owner = dead.parent / OWNER
    owner.write_text(json.dumps({**json.loads(owner.read_text()), "pid": _dead_pid()}))
    private_tex_dir(tmp_path / "next")
    assert mine.is_dir() and not dead.exists()


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid
