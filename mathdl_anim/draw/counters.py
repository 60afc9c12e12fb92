"""Counters: live numbers a scene updates with ``set_value`` (the step counter).

The general counter with the policy's decimals is :func:`mathdl_anim.draw.text.make_counter`;
this module holds the counters built on it.
"""

from __future__ import annotations

from manim import DecimalNumber

from mathdl_anim.draw.style import LABEL_SIZE
from mathdl_anim.draw.text import make_counter

__all__ = ["make_step_counter"]


def make_step_counter(k: int, font_size: float = LABEL_SIZE + 4) -> DecimalNumber:
    """A live integer counter (a DecimalNumber without decimals).

    Parameters
    ----------
    k
        The first value shown.
    font_size
        The digits' size.

    Returns
    -------
    DecimalNumber
        A counter showing whole numbers; update it with ``set_value``.

    Examples
    --------
    ::

        step = make_step_counter(0)
        step.set_value(12)
    """
    counter = make_counter(k, font_size=font_size)
    counter.num_decimal_places = 0
    counter.set_value(k)
    return counter
