"""Beats and scripts: fields filled by the one formatting policy, unknown keys and fields refused."""

from __future__ import annotations

import numpy as np
import pytest

from mathdl_anim.lesson.narration.script import Beat, Script, template_fields, template_literal

BEAT = Beat("step", r"Learning rate $\eta = {lr}$, $a_{{l}}$", "One step with learning rate {lr} on {name}.")


def test_fields_come_from_both_templates():
    assert BEAT.fields == {"lr", "name"}
    assert template_fields(r"$a_{{l-1}}$ and {x}") == {"x"}
    assert template_literal(r"$a_{{l-1}}$ and {x}") == "$a_{l-1}$ and "


@pytest.mark.parametrize(
    ("value", "caption", "spoken"),
    [
        (0.1, "0.1", "0.1"),
        (np.float64(2.0), "2", "2"),
        (3, "3", "3"),
        (-1.234e-5, r"-1.2 \times 10^{-5}", "-1.2 times 10 to the power -5"),
    ],
)
def test_numbers_are_formatted_by_the_policy(value, caption, spoken):
    line = BEAT.fill(lr=value, name="a bowl")
    assert line.caption == rf"Learning rate $\eta = {caption}$, $a_{{l}}$"
    assert line.narration == f"One step with learning rate {spoken} on a bowl."
    assert line.key == "step"


@pytest.mark.parametrize(
    ("value", "caption"),
    [
        (43, "Next column: 43, $z = 43$"),
        (-2.7e-218, r"Next column: $-2.7 \times 10^{-218}$, $z = -2.7 \times 10^{-218}$"),
    ],
)
def test_a_number_needing_math_mode_gets_it_in_a_text_caption(value, caption):
    # MatrixMultiplication's "Same row, next column: {total}" failed LaTeX on a total of 2.7e-218
    beat = Beat("again", "Next column: {total}, $z = {total}$", "It gives {total}.")
    assert beat.fill(total=value).caption == caption


def test_a_dollar_sign_escaped_is_not_math():
    beat = Beat("price", r"Costs \$ {x}, then $y = {x}$", "x")
    assert beat.fill(x=-1.234e-5).caption == r"Costs \$ $-1.2 \times 10^{-5}$, then $y = -1.2 \times 10^{-5}$"


@pytest.mark.parametrize("fields", [{"lr": 0.1}, {"lr": 0.1, "name": "x", "extra": 1}])
def test_missing_or_unknown_fields_are_refused(fields):
    with pytest.raises(TypeError, match="missing|unknown"):
        BEAT.fill(**fields)


@pytest.mark.parametrize("bad", [True, [1, 2], None])
def test_a_field_is_a_number_or_a_string(bad):
    with pytest.raises(TypeError):
        BEAT.fill(lr=bad, name="x")


def test_script_finds_beats_by_key():
    script = Script("Demo", (BEAT, Beat("end", "Done", "That is all.")))
    assert script.keys == ("step", "end")
    assert script.beat("end").narration == "That is all."
    with pytest.raises(KeyError, match="no beat 'nope'.*step, end"):
        script.beat("nope")


def test_duplicate_keys_are_refused():
    with pytest.raises(ValueError, match="used twice"):
        Script("Demo", (BEAT, BEAT))


@pytest.mark.parametrize(
    ("caption", "plain"),
    [
        (r"$z = Wx + b$: row $\cdot$ column", "z = Wx + b: row · column"),
        (r"$\hat{y}_{i}$ at 50\%, $\sigma \approx 1.5$", "yi at 50%, σ ≈ 1.5"),
        (r"$\left( x \right)$ and a\,b", "( x ) and a b"),  # \left is not \le
        ("no LaTeX at all", "no LaTeX at all"),
    ],
)
def test_plain_caption(caption, plain):
    from mathdl_anim.lesson.narration.script import plain_caption

    assert plain_caption(caption) == plain


def test_every_caption_of_the_lesson_is_plain_text_after_plain_caption():
    from mathdl_anim.lesson.narration import SCRIPTS
    from mathdl_anim.lesson.narration.script import plain_caption

    for script in SCRIPTS:
        for beat in script.beats:
            text = plain_caption(beat.caption)
            assert not set(text) & set("$\\_^") - {"^"} and "{{" not in text, (script.scene, beat.key, text)
