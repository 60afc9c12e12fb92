"""Data as arrays: scalar, vector, matrix, tensor, image batch; a flatten and a broadcast."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    Rectangle,
    ReplacementTransform,
    TransformFromCopy,
    VGroup,
    Write,
)

from mathdl_anim.draw.arrays import (
    make_cells,
    make_grid_stack,
    make_image_batch,
    make_tensor_card,
)
from mathdl_anim.draw.style import LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import fit_width, make_matrix, make_tex, num, shape_tex, swap_text
from mathdl_anim.scene.lesson_scene import LessonScene

NAMES = ("scalar", "vector", "matrix", "3-D tensor", "4-D batch")


class TensorShapes(LessonScene):
    """From a single number to a batch of images, each with numpy's shape, ndim and size."""

    def construct(self) -> None:
        self.show_title("Tensors: shape, ndim and size")
        self.show_tensor_cards()
        self.flatten_batch()
        self.broadcast_bias()
        self.wait(2)

    def show_tensor_cards(self) -> None:
        scalar, vector, matrix, cube, batch = self.example.tensors
        pictures = [
            make_cells(scalar.entries, PALETTE.input),
            make_cells(vector.entries, PALETTE.input),
            make_cells(matrix.entries, PALETTE.input),
            make_grid_stack(*cube.shape, PALETTE.input, side=0.26),
            make_image_batch(batch.shape[0], batch.shape[1], side=0.7),
        ]
        for picture in pictures:
            fit_width(picture, 2.3)
            if picture.height > 2.2:
                picture.scale_to_fit_height(2.2)
        cards = VGroup(
            *(
                make_tensor_card(info, name, pic)
                for info, name, pic in zip(self.example.tensors, NAMES, pictures)
            )
        )
        for card in cards:  # align the pictures' centres and the text blocks' tops
            card[0].move_to(card[1].get_top() + 1.45 * UP)
        cards.arrange(RIGHT, buff=0.45, aligned_edge=DOWN)
        fit_width(cards).move_to(0.1 * DOWN)
        self.say("arrays")
        for card in cards:
            self.play(FadeIn(card[0], shift=0.2 * UP), Write(card[1]), run_time=0.9)
        self.say("shape")
        self.wait(2)
        self.cards = cards

    def flatten_batch(self) -> None:
        ex = self.example
        flat = ex.flattened
        n, features = flat.shape
        batch_card = self.cards[-1]
        self.play(
            FadeOut(self.cards[:-1]), batch_card.animate.scale(1.2).move_to(4.2 * LEFT + 0.2 * UP), run_time=1
        )
        rows = VGroup(
            *(
                Rectangle(width=5.2, height=0.32, color=PALETTE.input, fill_opacity=0.35, stroke_width=2)
                for _ in range(n)
            )
        ).arrange(DOWN, buff=0.12)
        rows.move_to(2.3 * RIGHT + 0.9 * UP)
        code = make_tex(rf"\texttt{{X.reshape({num(n)}, {num(features)})}}", font_size=SMALL_SIZE)
        code.next_to(rows, UP, buff=0.3)
        new_shape = make_tex(shape_tex(flat.shape), color=PALETTE.input, font_size=SMALL_SIZE)
        new_shape.next_to(rows, DOWN, buff=0.25)
        arrow = Arrow(batch_card.get_right(), rows.get_left(), buff=0.3, color=PALETTE.muted)
        self.say("flatten", images=n, features=features)
        self.play(Write(code), GrowFromCenter(arrow), run_time=1)
        self.play(TransformFromCopy(batch_card[0], rows), run_time=1.5)
        self.play(Write(new_shape), run_time=0.7)
        rule = make_tex(
            shape_tex(flat.shape),
            "@",
            shape_tex(ex.weights_shape),
            r"\to",
            shape_tex(ex.xw.shape),
            font_size=SMALL_SIZE,
        )
        rule[0].set_color(PALETTE.input)
        rule[2].set_color(PALETTE.weight)
        rule[4].set_color(PALETTE.output)
        rule.next_to(new_shape, DOWN, buff=0.45)
        fit_width(rule, 6.8)
        self.say("weights")
        self.play(Write(rule), run_time=1.2)
        self.wait(1.5)
        self.play(FadeOut(VGroup(batch_card, rows, code, new_shape, arrow, rule)), run_time=0.8)

    def broadcast_bias(self) -> None:
        ex = self.example
        xw = make_matrix(ex.xw.entries, color=PALETTE.output)
        bias = make_matrix([ex.bias.entries], color=PALETTE.bias)
        stretched = make_matrix(ex.bias_broadcast.entries, color=PALETTE.bias)
        total = make_matrix(ex.broadcast_sum.entries, color=PALETTE.output)
        plus, equals = make_tex("+"), make_tex("=")
        row = VGroup(xw, plus, stretched, equals, total).arrange(RIGHT, buff=0.35).move_to(0.6 * UP)
        bias.move_to(stretched)
        shape_of = {}
        for info, m in (
            (ex.xw, xw),
            (ex.bias, bias),
            (ex.bias_broadcast, stretched),
            (ex.broadcast_sum, total),
        ):
            shape_of[info.label] = make_tex(
                shape_tex(info.shape), font_size=LABEL_SIZE, color=PALETTE.muted
            ).next_to(row, DOWN, buff=0.3)
            shape_of[info.label].set_x(m.get_x())
        self.say("bias")
        self.play(FadeIn(xw), Write(plus), FadeIn(bias), run_time=1)
        self.play(FadeIn(shape_of["xw"]), FadeIn(shape_of["bias"]), run_time=0.6)
        self.say("repeat")
        self.play(
            ReplacementTransform(bias, stretched),
            *swap_text(shape_of["bias"], shape_of["bias_broadcast"]),
            run_time=1.5,
        )
        self.play(
            Write(equals),
            TransformFromCopy(VGroup(xw, stretched), total),
            FadeIn(shape_of["broadcast_sum"]),
            run_time=1.5,
        )
