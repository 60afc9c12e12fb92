"""A final name holds the whole old file or the whole new one, never a part."""

import pytest

from mathdl_anim.files import write_text_atomic, writing


def test_text_replaces_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "sub" / "a.values.json"
    write_text_atomic(target, "old")
    write_text_atomic(target, "new é")
    assert target.read_text(encoding="utf-8") == "new é"
    assert [p.name for p in target.parent.iterdir()] == ["a.values.json"]


def test_a_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "clip.mp4"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with writing(target) as tmp:
            assert tmp.suffix == ".mp4" and tmp.parent == tmp_path
            tmp.write_text("half")
            raise RuntimeError("encoder died")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["clip.mp4"]


def test_pickles_round_trip_and_a_damaged_one_is_a_miss(tmp_path):
    from mathdl_anim.files import read_pickle, write_pickle

    path = tmp_path / "cache" / "k.pickle"
    assert read_pickle(path, "k") is None  # nothing stored yet
    write_pickle(path, {"glyphs": [1.5, 2.5]}, "k")
    assert read_pickle(path, "k") == {"glyphs": [1.5, 2.5]}
    assert [p.name for p in path.parent.iterdir()] == ["k.pickle"]
    path.write_bytes(path.read_bytes()[:5])
    assert read_pickle(path, "k") is None
    write_pickle(path, lambda: 0, "k")  # unpicklable: no cache, no error, the old file untouched
    assert len(path.read_bytes()) == 5


@pytest.mark.parametrize("damage", ["swapped", "altered", "flipped", "truncated", "old format"])
def test_a_cache_file_that_lies_is_a_miss_with_one_warning(tmp_path, capsys, monkeypatch, damage):
    import pickle

    from mathdl_anim import files

    monkeypatch.setattr(files, "_WARNED", set())
    half, four = tmp_path / "c" / "half.pickle", tmp_path / "c" / "four.pickle"
    files.write_pickle(half, {"label": "0.5", "points": list(range(50))}, "half")
    files.write_pickle(four, {"label": "4", "points": list(range(50))}, "four")
    good = half.read_bytes()
    bad = {
        "swapped": four.read_bytes(),  # a valid file under another key's name
        "altered": good.replace(b"0.5", b"9.5"),
        "flipped": good[:-40] + bytes([good[-40] ^ 0x10]) + good[-39:],
        "truncated": good[: len(good) - 10],
        "old format": pickle.dumps({"label": "0.5"}),  # a plain pickle, no key, no checksum
    }[damage]
    assert bad != good
    half.write_bytes(bad)
    assert files.read_pickle(half, "half") is None
    assert files.read_pickle(half, "half") is None
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and str(half.parent) in lines[0] and "warning" in lines[0]


def test_cache_problem_says_why_the_cache_cannot_be_written(tmp_path, monkeypatch):
    from mathdl_anim.files import cache_problem

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert cache_problem() is None
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")  # unwritable even for root, unlike chmod
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    problem = cache_problem()
    assert problem is not None and str(blocker) in problem and "\n" not in problem
