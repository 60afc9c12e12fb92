"""Neurons and their connections, drawn from core values. No math here."""

from __future__ import annotations

import numpy as np
from manim import DOWN, UP, Circle, Line, VGroup

from mathdl_anim.draw.style import LABEL_SIZE, PALETTE
from mathdl_anim.draw.text import make_tex, num

__all__ = ["make_neuron_diagram"]


class NeuronDiagram(VGroup):
    """A neuron with its inputs: a VGroup whose parts have names."""

    inputs: VGroup
    edges: VGroup
    weight_labels: VGroup
    neuron: Circle
    bias_label: VGroup


def make_neuron_diagram(x, weights, bias: float, radius: float = 0.38) -> NeuronDiagram:
    """Input nodes holding ``x``, edges labelled with ``weights``, a neuron with bias ``bias``.

    Returns a VGroup with named parts: ``inputs``, ``edges``, ``weight_labels``, ``neuron``,
    ``bias_label``.
    """
    n = len(x)
    ys = np.linspace(1, -1, n) * min(1.6, 0.8 * (n - 1)) if n > 1 else np.zeros(1)
    inputs = VGroup()
    for value, y in zip(x, ys):
        node = Circle(radius, color=PALETTE.input, stroke_width=3).move_to(np.array([-4.4, y, 0.0]))
        inputs.add(
            VGroup(node, make_tex(num(value), color=PALETTE.input, font_size=LABEL_SIZE).move_to(node))
        )
    neuron = Circle(0.6, color=PALETTE.text, stroke_width=3)
    neuron.move_to(np.array([-0.6, 0.0, 0.0]))
    edges, weight_labels = VGroup(), VGroup()
    for source, w in zip(inputs, weights):
        edge = Line(
            source.get_center(),
            neuron.get_center(),
            buff=radius + 0.05,
            color=PALETTE.weight,
            stroke_width=2 + 2 * min(abs(w), 2),
            stroke_opacity=0.8,
        )
        edges.add(edge)
        label = make_tex(num(w), color=PALETTE.weight, font_size=LABEL_SIZE)
        label.move_to(edge.point_from_proportion(0.42)).shift(0.28 * UP)
        weight_labels.add(label)
    bias_label = VGroup(make_tex("b", "=", num(bias), font_size=LABEL_SIZE, color=PALETTE.bias)).next_to(
        neuron, DOWN, buff=0.25
    )
    group = NeuronDiagram(edges, inputs, weight_labels, neuron, bias_label)
    group.inputs, group.edges, group.weight_labels = inputs, edges, weight_labels
    group.neuron, group.bias_label = neuron, bias_label
    return group
