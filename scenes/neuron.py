"""The key formula z = Wx + b: one neuron, then a layer, then an activation."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
    Write,
)

from mathdl_anim.core.activations import get_activation
from mathdl_anim.draw.graphs import make_neuron_diagram
from mathdl_anim.draw.style import PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import factor, fit_width, make_matrix, make_tex, num, swap_text
from mathdl_anim.scene.lesson_scene import LessonScene


class Neuron(LessonScene):
    """A weighted sum built term by term, the same for a whole layer as Wx + b, then ReLU."""

    def construct(self) -> None:
        self.show_title(r"The neuron: $z = Wx + b$")
        self.show_one_neuron()
        self.build_weighted_sum()
        self.show_layer()
        self.apply_activation()
        self.wait(2)

    def show_one_neuron(self) -> None:
        ex = self.example
        self.diagram = make_neuron_diagram(ex.x, ex.W[0], ex.b[0]).shift(0.7 * UP)
        d = self.diagram
        self.play(FadeIn(d.inputs, lag_ratio=0.2), run_time=1)
        self.say("inputs")
        self.play(Create(d.edges), FadeIn(d.weight_labels), Create(d.neuron), run_time=1.4)
        self.play(FadeIn(d.bias_label, shift=0.2 * UP), run_time=0.7)

    def build_weighted_sum(self) -> None:
        ex, d = self.example, self.diagram
        parts = ["z", "="]
        for j, (w, x) in enumerate(zip(ex.W[0], ex.x)):
            parts += (["+"] if j else []) + [factor(w), r"\cdot", factor(x)]
        parts += ["+", factor(ex.b[0])]
        eq = fit_width(make_tex(*parts)).move_to(1.55 * DOWN)
        eq[0].set_color(PALETTE.output)
        self.say("weighted_sum")
        self.play(Write(eq[:2]), run_time=0.5)
        running = None
        for j in range(len(ex.x)):
            k = 2 + 4 * j  # index of this term's weight inside eq
            sign = [eq[k - 1]] if j else []
            weight, dot, inp = eq[k], eq[k + 1], eq[k + 2]
            weight.set_color(PALETTE.weight)
            inp.set_color(PALETTE.input)
            self.play(
                Indicate(d.edges[j], color=PALETTE.highlight, scale_factor=1),
                TransformFromCopy(d.weight_labels[j], weight),
                TransformFromCopy(d.inputs[j][1], inp),
                *(FadeIn(m) for m in (*sign, dot)),
                run_time=0.9,
            )
            running = self.update_running_sum(running, ex.partial_sums[j], eq)
        self.say("bias", bias=ex.b[0], z=ex.z[0])
        eq[-1].set_color(PALETTE.bias)
        self.play(FadeIn(eq[-2]), TransformFromCopy(d.bias_label[0][2], eq[-1]), run_time=0.8)
        running = self.update_running_sum(running, ex.partial_sums[-1], eq, final=True)
        out = Arrow(d.neuron.get_right(), d.neuron.get_right() + 1.6 * RIGHT, color=PALETTE.output, buff=0.1)
        z_label = make_tex("z", "=", num(ex.z[0]), color=PALETTE.output, font_size=SMALL_SIZE)
        z_label.next_to(out, RIGHT, buff=0.15)
        self.play(Create(out), TransformFromCopy(running, z_label), run_time=1)
        self.wait(1)
        self.play(FadeOut(VGroup(d, eq, running, out, z_label)), run_time=0.8)

    def update_running_sum(self, running, value: float, eq, final: bool = False):
        new = make_tex("=", num(value), font_size=SMALL_SIZE if not final else 38)
        new[1].set_color(PALETTE.output if final else PALETTE.text)
        new.next_to(eq, DOWN, buff=0.35).align_to(eq[1], LEFT)
        if running is None:
            self.play(FadeIn(new), run_time=0.4)
        else:
            self.play(*swap_text(running, new), run_time=0.4)
        return new

    def show_layer(self) -> None:
        ex = self.example
        act = get_activation(ex.activation)
        W = make_matrix(ex.W, color=PALETTE.weight)
        x = make_matrix(ex.x, color=PALETTE.input)
        b = make_matrix(ex.b, color=PALETTE.bias)
        z = make_matrix(ex.z, color=PALETTE.output)
        a = make_matrix(ex.a, color=PALETTE.activation)
        plus, equals = make_tex("+"), make_tex("=")
        arrow = make_tex(r"\xrightarrow{\;" + act.tex + r"\;}", color=PALETTE.activation)
        row = VGroup(W, x, plus, b, equals, z, arrow, a).arrange(RIGHT, buff=0.3)
        fit_width(row).move_to(0.5 * UP)
        names = VGroup(
            *(
                make_tex(s, color=m.get_entries()[0].get_color(), font_size=SMALL_SIZE)
                .next_to(row, UP, buff=0.25)
                .set_x(m.get_x())
                for s, m in (("W", W), ("x", x), ("b", b), ("z", z), ("a", a))
            )
        )
        self.say("layer")
        self.play(FadeIn(VGroup(W, x, plus, b, equals)), FadeIn(names[:3]), run_time=1.2)
        first = SurroundingRectangle(W.get_rows()[0], color=PALETTE.highlight, buff=0.1)
        self.play(Create(first), run_time=0.6)
        self.play(
            FadeIn(z.get_brackets()),
            FadeIn(names[3]),
            TransformFromCopy(W.get_rows()[0], z.get_rows()[0]),
            run_time=1,
        )
        self.say("first_row")
        self.wait(1)
        self.play(FadeOut(first), TransformFromCopy(W.get_rows()[1:], z.get_rows()[1:]), run_time=1.4)
        self.z, self.a, self.arrow, self.a_name = z, a, arrow, names[4]

    def apply_activation(self) -> None:
        act = get_activation(self.example.activation)
        rule = make_tex(rf"a = {act.tex}(z)", "=", act.formula, font_size=SMALL_SIZE)
        rule.set_color(PALETTE.activation).next_to(self.a, DOWN, buff=0.6).set_x(0)
        self.say("activation")
        self.play(Write(rule), run_time=1.2)
        self.play(Write(self.arrow), TransformFromCopy(self.z, self.a), FadeIn(self.a_name), run_time=1.4)
