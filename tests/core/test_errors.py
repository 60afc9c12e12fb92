"""Any failure is told in one line: its type and the first line of its message."""

from mathdl_anim.core.errors import InputError, one_line


def test_one_line():
    assert one_line(ValueError("bad shape\nTraceback (most recent call last)")) == "ValueError: bad shape"
    assert one_line(InputError("A must be 2-D")) == "InputError: A must be 2-D"
    assert one_line(KeyboardInterrupt()) == "KeyboardInterrupt"
    assert one_line(RuntimeError("")) == "RuntimeError"
