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
    assert read_pickle(path) is None  # nothing stored yet
    write_pickle(path, {"glyphs": [1.5, 2.5]})
    assert read_pickle(path) == {"glyphs": [1.5, 2.5]}
    assert [p.name for p in path.parent.iterdir()] == ["k.pickle"]
    path.write_bytes(path.read_bytes()[:5])
    assert read_pickle(path) is None
    write_pickle(path, lambda: 0)  # unpicklable: no cache, no error, the old file untouched
    assert len(path.read_bytes()) == 5


def test_cache_problem_says_why_the_cache_cannot_be_written(tmp_path, monkeypatch):
    from mathdl_anim.files import cache_problem

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert cache_problem() is None
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")  # unwritable even for root, unlike chmod
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    problem = cache_problem()
    assert problem is not None and str(blocker) in problem and "\n" not in problem
