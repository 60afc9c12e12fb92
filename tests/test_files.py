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
