"""The chain rule: a chain of boxes, values forward, local derivatives multiplied together."""

from __future__ import annotations

from manim import (
    DOWN,
    RIGHT,
    UP,
    Circle,
    FadeIn,
    GrowArrow,
    TransformFromCopy,
    VGroup,
    Write,
)

from mathdl_anim.core.formatting import derivative_tex, product_tex
from mathdl_anim.draw.graphs import make_edge, make_node
from mathdl_anim.draw.style import PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import fit_width, make_tex, num
from mathdl_anim.scene.lesson_scene import LessonScene

ROW_Y = 1.75
NODE_RADIUS = 0.36


class ChainRule(LessonScene):
    """Values flow forward through a chain of functions; dy/dx is the product of local derivatives."""

    def construct(self) -> None:
        self.show_title("The chain rule")
        self.build_chain()
        self.forward_pass()
        self.local_derivatives()
        self.multiply()
        self.check_whole()
        self.wait(2)

    def value_color(self, k: int) -> str:
        last = len(self.example.stages)
        return PALETTE.input if k == 0 else PALETTE.output if k == last else PALETTE.activation

    def build_chain(self) -> None:
        ex = self.example
        n = len(ex.stages)
        box_width = 1.9 if n == 3 else 2.8
        self.nodes, self.boxes = [], []
        row = VGroup()
        for k, name in enumerate(ex.names):
            circle = Circle(radius=NODE_RADIUS, color=self.value_color(k), stroke_width=3)
            label = make_tex(name, color=self.value_color(k), font_size=SMALL_SIZE).move_to(circle)
            node = VGroup(circle, label)
            self.nodes.append(node)
            row.add(node)
            if k < n:
                box = make_node(ex.stages[k].tex, PALETTE.text, width=box_width, height=0.8)
                self.boxes.append(box)
                row.add(box)
        row.arrange(RIGHT, buff=0.62)
        fit_width(row).move_to(ROW_Y * UP)
        self.edges = VGroup(*(make_edge(row[k], row[k + 1]) for k in range(len(row) - 1)))
        self.play(FadeIn(self.nodes[0]), run_time=0.6)
        for k in range(n):
            self.play(GrowArrow(self.edges[2 * k]), FadeIn(self.boxes[k]), run_time=0.7)
            self.play(GrowArrow(self.edges[2 * k + 1]), FadeIn(self.nodes[k + 1]), run_time=0.5)
        self.say("composition")

    def forward_pass(self) -> None:
        ex = self.example
        values = [ex.x] + [s.output_value for s in ex.stages]
        self.values_shown = VGroup()
        self.say("forward", x=values[0], y=values[-1])
        for k, value in enumerate(values):
            text = make_tex(num(value), color=self.value_color(k), font_size=SMALL_SIZE)
            text.next_to(self.nodes[k], DOWN, buff=0.2)
            self.values_shown.add(text)
            if k == 0:
                self.play(Write(text), run_time=0.6)
            else:
                self.play(TransformFromCopy(self.values_shown[k - 1], text), run_time=0.8)
        self.wait(0.5)

    def local_derivatives(self) -> None:
        ex = self.example
        self.locals = VGroup()
        self.say("local")
        for stage, box in zip(ex.stages, self.boxes):
            symbolic = make_tex(
                derivative_tex(stage.output_name, stage.input_name),
                " = ",
                stage.local_tex,
                font_size=SMALL_SIZE,
            )
            value = make_tex("= ", num(stage.local_value), font_size=SMALL_SIZE)
            value[1].set_color(PALETTE.gradient)
            block = VGroup(symbolic, value).arrange(DOWN, buff=0.15)
            fit_width(block, box.width + 1.4).next_to(box, DOWN, buff=0.75)
            self.locals.add(block)
            self.play(Write(symbolic), run_time=0.9)
            self.play(Write(value), run_time=0.6)
        self.wait(0.5)

    def multiply(self) -> None:
        ex = self.example
        # the factors in the order of the symbols above them (outermost first)
        shown, relation, total = product_tex(tuple(reversed(ex.local_derivatives)))
        factors = r" \cdot ".join(f"({s})" if s.startswith("-") else s for s in shown)
        chain = r" \cdot ".join(derivative_tex(s.output_name, s.input_name) for s in reversed(ex.stages))
        names = ex.names
        rule = make_tex(derivative_tex(names[-1], names[0]), " = ", chain)
        product = make_tex("= ", factors, f" {relation} ", total)
        product[1].set_color(PALETTE.gradient)
        product[3].set_color(PALETTE.gradient)
        self.result = VGroup(rule, product).arrange(RIGHT, buff=0.2)
        fit_width(self.result).move_to(1.45 * DOWN)
        self.say("multiply", product=ex.product)
        self.play(Write(rule), run_time=1.2)
        self.play(
            TransformFromCopy(VGroup(*(b[1] for b in self.locals)), product[1]),
            FadeIn(product[0]),
            run_time=1.2,
        )
        self.play(Write(product[2:]), run_time=0.8)
        self.wait(1)

    def check_whole(self) -> None:
        ex = self.example
        whole = make_tex(
            r"\frac{d}{dx}\left[",
            ex.composition_tex,
            r"\right]",
            " = ",
            num(ex.derivative),
            font_size=SMALL_SIZE,
        )
        whole[4].set_color(PALETTE.gradient)
        fit_width(whole).next_to(self.result, DOWN, buff=0.4)
        self.say("whole", derivative=ex.derivative)
        self.play(Write(whole), run_time=1.5)
