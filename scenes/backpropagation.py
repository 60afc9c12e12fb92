"""Backpropagation on a computational graph: forward values, backward gradients, one update."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    TransformFromCopy,
    VGroup,
    Write,
)

from mathdl_anim.core.activations import get_activation
from mathdl_anim.core.backprop import LOSS_EXPONENT, PARAMETERS
from mathdl_anim.core.formatting import derivative_tex
from mathdl_anim.draw.graphs import make_edge, make_node
from mathdl_anim.draw.style import PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import factor, fit_width, make_tex, num
from mathdl_anim.scene.lesson_scene import LessonScene

#: How each node is written.
TEX = {
    "x": "x",
    "y": "y",
    "z1": "z_1",
    "a1": "a_1",
    "z2": r"\hat{y}",
    "y_hat": r"\hat{y}",
    "L": "L",
    "w1": "w_1",
    "b1": "b_1",
    "w2": "w_2",
    "b2": "b_2",
}
MAIN_Y = 0.75
PARAM_Y = 2.35
#: x position of each node.
POSITIONS = {
    "x": (-5.6, MAIN_Y),
    "z1": (-2.85, MAIN_Y),
    "a1": (-0.1, MAIN_Y),
    "y_hat": (2.65, MAIN_Y),
    "L": (5.4, MAIN_Y),
    "w1": (-4.25, PARAM_Y),
    "b1": (-1.45, PARAM_Y),
    "w2": (1.3, PARAM_Y),
    "b2": (4.0, PARAM_Y),
    "y": (6.0, PARAM_Y),
}
EDGES = (
    ("x", "z1"),
    ("w1", "z1"),
    ("b1", "z1"),
    ("z1", "a1"),
    ("a1", "y_hat"),
    ("w2", "y_hat"),
    ("b2", "y_hat"),
    ("y_hat", "L"),
    ("y", "L"),
)
#: The node each parameter (or the target) feeds.
FEEDS = {"w1": "z1", "b1": "z1", "w2": "y_hat", "b2": "y_hat", "y": "L"}
EQUATION_Y = -1.35


def partial(name: str) -> str:
    return derivative_tex("L", TEX[name], partial=True)


class Backpropagation(LessonScene):
    """x -> z1 -> a1 -> y_hat -> L: forward values left to right, gradients right to left."""

    def construct(self) -> None:
        self.show_title("Backpropagation")
        self.build_graph()
        self.forward_pass()
        self.backward_pass()
        self.update_weights()
        self.wait(2)

    # Graph -------------------------------------------------------------------------------
    def color(self, name: str) -> str:
        return {
            "x": PALETTE.input,
            "y": PALETTE.input,
            "z1": PALETTE.text,
            "a1": PALETTE.activation,
            "y_hat": PALETTE.output,
            "L": PALETTE.output,
            "w1": PALETTE.weight,
            "w2": PALETTE.weight,
            "b1": PALETTE.bias,
            "b2": PALETTE.bias,
        }[name]

    def node(self, name: str, value: float | None = None):
        tex = TEX[name] if value is None else rf"{TEX[name]} = {num(value)}"
        width = 1.45 if name == "y" else 1.7
        mob = make_node(tex, self.color(name), width=width, height=0.68)
        return mob.move_to([*POSITIONS[name], 0])

    def build_graph(self) -> None:
        ex = self.example
        self.nodes = {}
        for name in ("x", "w1", "b1", "w2", "b2", "y"):
            value = ex.x if name == "x" else ex.y if name == "y" else ex.params[name]
            self.nodes[name] = self.node(name, value)
        for name in ("z1", "a1", "y_hat", "L"):
            self.nodes[name] = self.node(name)
        self.edges = {(a, b): make_edge(self.nodes[a], self.nodes[b]) for a, b in EDGES}
        self.play(*(FadeIn(self.nodes[n]) for n in ("x", "w1", "b1", "w2", "b2", "y")), run_time=1)
        self.play(
            *(FadeIn(self.nodes[n]) for n in ("z1", "a1", "y_hat", "L")),
            *(GrowArrow(e) for e in self.edges.values()),
            run_time=1.2,
        )
        self.say("graph")
        self.wait(0.5)

    def show_equation(self, *parts: str, colors: dict[int, str] | None = None):
        eq = make_tex(*parts, font_size=SMALL_SIZE + 4)
        for k, color in (colors or {}).items():
            eq[k].set_color(color)
        fit_width(eq).move_to(EQUATION_Y * UP)
        return eq

    def swap_equation(self, eq, run_time: float = 1.2) -> None:
        old = getattr(self, "equation", None)
        if old is not None:
            self.play(FadeOut(old), run_time=0.3)
        self.play(Write(eq), run_time=run_time)
        self.equation = eq

    # Forward -----------------------------------------------------------------------------
    def forward_pass(self) -> None:
        ex = self.example
        f, p = ex.forward, ex.params
        act = self.activation_tex()
        equations = {
            "z1": (
                r"z_1 = w_1 x + b_1 = ",
                rf"{num(p['w1'])} \cdot {factor(ex.x)} + {factor(p['b1'])}",
                " = ",
                num(f["z1"]),
            ),
            "a1": (rf"a_1 = {act}(z_1) = ", rf"{act}({num(f['z1'])})", " = ", num(f["a1"])),
            "y_hat": (
                r"\hat{y} = w_2 a_1 + b_2 = ",
                rf"{num(p['w2'])} \cdot {factor(f['a1'])} + {factor(p['b2'])}",
                " = ",
                num(f["y_hat"]),
            ),
            "L": (
                rf"L = (\hat{{y}} - y)^{LOSS_EXPONENT} = ",
                rf"({num(f['y_hat'])} - {factor(ex.y)})^{LOSS_EXPONENT}",
                " = ",
                num(f["L"]),
            ),
        }
        self.say("forward", loss=ex.loss)
        for name, parts in equations.items():
            eq = self.show_equation(*parts, colors={3: self.color(name)})
            self.swap_equation(eq, run_time=1)
            value = "y_hat" if name == "y_hat" else name
            self.swap_parts([(self.nodes[name], 1, self.node(name, f[value])[1])], run_time=0.8)
        self.play(FadeOut(self.equation), run_time=0.3)
        self.equation = None

    def activation_tex(self) -> str:
        return get_activation(self.example.activation).tex

    # Backward ----------------------------------------------------------------------------
    def grad_label(self, name: str, value: float):
        label = make_tex(num(value), color=PALETTE.gradient, font_size=SMALL_SIZE)
        box = self.nodes[name]
        if name in FEEDS:
            side = RIGHT if self.nodes[FEEDS[name]].get_x() < box.get_x() else LEFT
            label.next_to(box, DOWN, buff=0.1).shift(0.5 * box.width * side)
        else:
            label.next_to(box, DOWN, buff=0.15)
        return label

    def backward_pass(self) -> None:
        ex = self.example
        self.say("backward")
        self.grad_labels = {"L": self.grad_label("L", 1.0)}
        self.play(Write(self.grad_labels["L"]), run_time=0.6)
        for k, step in enumerate(ex.steps):
            source = "L" if step.source == "L" else "y_hat" if step.source == "z2" else step.source
            eq = self.show_equation(
                rf"{partial(step.target)} = ",
                step.local_tex,
                r" \cdot ",
                partial(source),
                rf" = {factor(step.local)} \cdot {factor(step.upstream)} = ",
                num(step.grad),
                colors={1: PALETTE.activation, 3: PALETTE.gradient, 5: PALETTE.gradient},
            )
            self.swap_equation(eq, run_time=1.0 if k < 3 else 0.7)
            label = self.grad_label(step.target, step.grad)
            self.play(
                Indicate(self.grad_labels[source], color=PALETTE.gradient),
                TransformFromCopy(eq[5], label),
                run_time=0.8,
            )
            self.grad_labels[step.target] = label
            if k == 0:
                self.say("meaning")
        self.wait(0.5)

    # Update ------------------------------------------------------------------------------
    def update_weights(self) -> None:
        ex = self.example
        self.play(FadeOut(self.equation), run_time=0.3)
        self.say("update", lr=ex.lr)
        lines = VGroup()
        for name in PARAMETERS:
            line = make_tex(
                rf"{TEX[name]} \leftarrow {num(ex.params[name])} - {num(ex.lr)} \cdot ",
                factor(ex.grads[name]),
                " = ",
                num(ex.updated[name]),
                font_size=SMALL_SIZE,
            )
            line[1].set_color(PALETTE.gradient)
            line[3].set_color(self.color(name))
            lines.add(line)
        grid = VGroup(
            VGroup(lines[0], lines[1]).arrange(RIGHT, buff=0.9),
            VGroup(lines[2], lines[3]).arrange(RIGHT, buff=0.9),
        ).arrange(DOWN, buff=0.3)
        fit_width(grid).move_to((EQUATION_Y - 0.25) * UP)
        self.play(Write(lines), run_time=2)
        self.swap_parts(
            [(self.nodes[n], 1, self.node(n, ex.updated[n])[1]) for n in PARAMETERS],
            *(FadeOut(self.grad_labels[n]) for n in PARAMETERS),
            run_time=1,
        )
        loss = make_tex(r"L:\ ", num(ex.loss), r"\ \to\ ", num(ex.loss_after), font_size=SMALL_SIZE + 4)
        loss[1].set_color(PALETTE.output)
        loss[3].set_color(PALETTE.output)
        loss.next_to(grid, DOWN, buff=0.35)
        self.play(Write(loss), run_time=1)
        self.say(
            "learned" if ex.loss_after < ex.loss else "too_large", loss=ex.loss, loss_after=ex.loss_after
        )
