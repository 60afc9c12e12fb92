"""Vanishing gradients: the gradient flowing back through a deep sigmoid chain shrinks layer by
layer (each factor w * sigmoid'(z) with sigmoid'(z) <= 0.25); with ReLU it does not."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    FadeIn,
    LaggedStart,
    Rectangle,
    Transform,
    VGroup,
    Write,
)

from mathdl_anim.core.activations import get_activation
from mathdl_anim.core.vanishing import VANISHING_ACTIVATIONS
from mathdl_anim.draw.graphs import make_layer_chain
from mathdl_anim.draw.plots import log_exponent_range, make_log_bars
from mathdl_anim.draw.style import LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import fit_width, make_tex, make_text, num
from mathdl_anim.scene.lesson_scene import LessonScene

CHAIN_Y = 2.35
FACTOR_Y = 1.6
FORMULA_Y = 0.95
BARS_BOTTOM, BARS_HEIGHT = -2.95, 3.3
CHAIN_WIDTH = 12.4

#: Bar colour of each activation.
BAR_COLORS = {"sigmoid": "gradient", "relu": "input"}
NAMES = {"sigmoid": "sigmoid", "relu": "ReLU"}


class VanishingGradients(LessonScene):
    """A chain of layers; per-layer factors; the gradient reaching each layer on a log scale."""

    def construct(self) -> None:
        self.show_title("Vanishing gradients")
        self.show_chain()
        self.show_bound()
        self.show_factors("sigmoid")
        self.backpropagate("sigmoid")
        self.switch_to_relu()
        self.conclude()
        self.wait(2)

    # -----------------------------------------------------------------------------------------
    def show_chain(self) -> None:
        ex = self.example
        self.chain, self.boxes, self.arrows = make_layer_chain(
            ex.depth, get_activation("sigmoid").tex, CHAIN_WIDTH
        )
        fit_width(self.chain).move_to(CHAIN_Y * UP)
        self.play(FadeIn(self.chain, lag_ratio=0.05), run_time=1.5)
        self.say("chain", depth=ex.depth)
        self.wait(0.5)

    def show_bound(self) -> None:
        v = self.values
        formula = make_tex(
            r"\frac{\partial y}{\partial a_{l-1}} = \prod_{k \ge l} w_k\, \sigma'(z_k)",
            r"\qquad \sigma'(z) = \sigma(z)\,(1 - \sigma(z)) \le " + num(v["bound"]),
            font_size=SMALL_SIZE,
        )
        formula[0].set_color(PALETTE.gradient)
        self.formula = fit_width(formula).move_to(FORMULA_Y * UP)
        self.say("backprop")
        self.play(Write(formula[0]), run_time=1.5)
        self.say("bound", bound=v["bound"])
        self.play(Write(formula[1]), run_time=1.5)
        self.wait(0.5)

    def make_factor_labels(self, activation: str) -> VGroup:
        factors = self.example.trace(activation).factors
        labels = VGroup()
        for box, f in zip(self.boxes, factors):
            label = make_tex(num(f), color=PALETTE.gradient, font_size=LABEL_SIZE - 4)
            fit_width(label, box.width * 1.25)
            labels.add(label.move_to([box.get_center()[0], FACTOR_Y, 0]))
        return labels

    def show_factors(self, activation: str) -> None:
        self.factor_labels = self.make_factor_labels(activation)
        self.say("factors")
        self.play(
            LaggedStart(*(FadeIn(label, shift=0.15 * DOWN) for label in self.factor_labels), lag_ratio=0.15),
            run_time=1.5,
        )

    def make_bars(self) -> None:
        ex = self.example
        norms = [x for act in VANISHING_ACTIVATIONS for x in ex.trace(act).grad_norms]
        low, high = log_exponent_range(norms)
        xs = [box.get_center()[0] for box in self.boxes]
        spacing = (xs[1] - xs[0]) if len(xs) > 1 else 1.0
        width = 0.26 * spacing
        origin = [self.chain[0].get_center()[0] + 0.35, BARS_BOTTOM, 0]
        self.bar_sets = {}
        for k, act in enumerate(VANISHING_ACTIVATIONS):
            offset = (k - 0.5) * width * 1.1
            color = getattr(PALETTE, BAR_COLORS[act])
            self.bar_sets[act] = make_log_bars(
                [x + offset for x in xs], low, high, BARS_HEIGHT, width, color, origin
            )
        self.axis = self.bar_sets["sigmoid"].axis
        self.baseline = VGroup(
            *(
                Rectangle(
                    width=xs[-1] - xs[0] + spacing, height=0.01, stroke_width=1, color=PALETTE.muted
                ).move_to([(xs[0] + xs[-1]) / 2, BARS_BOTTOM, 0])
                for _ in range(1)
            )
        )
        legend = VGroup(
            *(
                VGroup(
                    Rectangle(
                        width=0.25,
                        height=0.18,
                        stroke_width=0,
                        fill_color=getattr(PALETTE, BAR_COLORS[act]),
                        fill_opacity=0.9,
                    ),
                    make_text(NAMES[act], font_size=LABEL_SIZE - 2),
                ).arrange(RIGHT, buff=0.12)
                for act in VANISHING_ACTIVATIONS
            )
        ).arrange(RIGHT, buff=0.4)
        legend.move_to([self.chain.get_right()[0], FORMULA_Y, 0], aligned_edge=RIGHT)
        self.play(self.formula.animate.next_to(legend, LEFT, buff=0.6), run_time=0.6)
        self.legend = legend

    def grown_bar(self, bars, index: int, value: float) -> Rectangle:
        bar = bars.bars[index]
        new = bar.copy()
        new.stretch_to_fit_height(bars.height_of(value))
        new.move_to(bar.get_bottom(), aligned_edge=DOWN)
        return new

    def backpropagate(self, activation: str) -> None:
        ex = self.example
        if not hasattr(self, "bar_sets"):
            self.make_bars()
            self.play(FadeIn(self.axis), FadeIn(self.baseline), FadeIn(self.legend[0]), run_time=0.8)
        bars = self.bar_sets[activation]
        norms = ex.trace(activation).grad_norms
        self.add(bars.bars)
        self.say("flow", activation=NAMES[activation])
        color = PALETTE.gradient
        steps = []
        for layer in range(ex.depth - 1, -1, -1):
            steps.append(
                AnimationGroup(
                    self.arrows[layer + 1].animate.set_color(color),
                    Transform(bars.bars[layer], self.grown_bar(bars, layer, norms[layer])),
                )
            )
        self.play(LaggedStart(*steps, lag_ratio=0.6), run_time=min(6.0, 0.5 * ex.depth + 1))
        first, last = norms[0], norms[-1]
        layers = self.values["layers"]
        self.say(
            "reach", first_layer=layers[0], first=first, last_layer=layers[-1], last=last, depth=ex.depth
        )
        self.wait(1.5)

    def switch_to_relu(self) -> None:
        relu = get_activation("relu")
        swaps = []
        for box in self.boxes:
            new = make_tex(relu.tex, color=PALETTE.activation, font_size=LABEL_SIZE - 10)
            swaps.append((box, 1, fit_width(new, box[0].width * 0.9).move_to(box[0])))
        new_labels = self.make_factor_labels("relu")
        swaps += [(self.factor_labels, k, label) for k, label in enumerate(new_labels)]
        self.say("relu")
        self.swap_parts(
            swaps,
            self.arrows.animate.set_color(PALETTE.muted),
            self.bar_sets["sigmoid"].bars.animate.set_opacity(0.45),
            run_time=1.5,
        )
        self.play(FadeIn(self.legend[1]), run_time=0.5)
        self.backpropagate("relu")

    def conclude(self) -> None:
        v = self.values
        self.say("conclusion", bound=v["bound"])
        self.wait(1.5)
