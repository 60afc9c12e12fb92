"""Graphs of boxes and arrows: nodes and edges (computational graphs, chains of functions), the
neuron with its inputs, and a chain of layers.

No math here: every number shown comes from the core.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Arrow, Circle, Line, RoundedRectangle, VGroup

from mathdl_anim.draw.style import LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import fit_width, make_tex, num

__all__ = ["make_node", "make_edge", "NeuronDiagram", "make_neuron_diagram", "make_layer_chain"]


def make_node(
    tex: str, color: str, width: float = 1.3, height: float = 0.75, font_size: float = SMALL_SIZE
) -> VGroup:
    """A rounded box with a label (a node of a computational graph or a function of a chain).

    Parameters
    ----------
    tex
        The label, in math mode (shrunk to fit the box).
    color
        The box's and the label's colour.
    width, height, font_size
        The box's size and the label's size.

    Returns
    -------
    VGroup
        ``(box, label)``, the label centred in the box.

    Examples
    --------
    ::

        node = make_node(r"\\sigma", PALETTE.activation).move_to(2 * RIGHT)
    """
    box = RoundedRectangle(corner_radius=0.15, width=width, height=height, color=color, stroke_width=3)
    box.set_fill(PALETTE.background, opacity=1)
    label = fit_width(make_tex(tex, color=color, font_size=font_size), width - 0.2)
    label.move_to(box)
    return VGroup(box, label)


def make_edge(start, end, color: str | None = None, buff: float = 0.08) -> Arrow:
    """An arrow from the border of ``start`` to the border of ``end``.

    Parameters
    ----------
    start, end
        Mobjects: the arrow runs between their boundary points in the direction of the line
        joining their centres (a :class:`~manim.Dot` stands for a point).
    color
        The arrow's colour (default: muted).
    buff
        The gap left at each end.

    Returns
    -------
    Arrow
        The arrow, ``buff`` short of each border.

    Examples
    --------
    ::

        edge = make_edge(node_x, node_y)
    """
    direction = end.get_center() - start.get_center()
    direction = direction / (np.linalg.norm(direction) or 1)
    a = start.get_boundary_point(direction) if hasattr(start, "get_boundary_point") else start
    b = end.get_boundary_point(-direction) if hasattr(end, "get_boundary_point") else end
    return Arrow(
        a,
        b,
        buff=buff,
        color=color or PALETTE.muted,
        stroke_width=3,
        max_tip_length_to_length_ratio=0.2,
        max_stroke_width_to_length_ratio=8,
    )


class NeuronDiagram(VGroup):
    """A neuron with its inputs: a VGroup whose parts have names."""

    inputs: VGroup
    edges: VGroup
    weight_labels: VGroup
    neuron: Circle
    bias_label: VGroup


def make_neuron_diagram(x, weights, bias: float, radius: float = 0.38) -> NeuronDiagram:
    """Input nodes holding ``x``, edges labelled with ``weights``, a neuron with bias ``bias``.

    Parameters
    ----------
    x
        The inputs, one node each (top to bottom).
    weights
        One weight per input; an edge's width grows with ``abs(weight)``.
    bias
        The neuron's bias, written under it.
    radius
        The input nodes' radius.

    Returns
    -------
    NeuronDiagram
        A VGroup ``(edges, inputs, weight_labels, neuron, bias_label)`` with named parts:
        ``inputs``, ``edges``, ``weight_labels``, ``neuron``, ``bias_label``.

    Examples
    --------
    ::

        diagram = make_neuron_diagram([1.0, 2.0], [0.5, -1.0], bias=0.1)
        self.play(Create(diagram.edges))
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


def make_layer_chain(
    n: int, symbol: str, width: float, box_size: float = 0.6, color: str | None = None
) -> tuple[VGroup, VGroup, VGroup]:
    """``x -> [symbol] -> ... -> [symbol] -> y``: returns (whole chain, boxes, arrows).

    Parameters
    ----------
    n
        The number of layers (boxes).
    symbol
        Each box's label, in math mode (set smaller from 4 characters on).
    width
        The chain's width on screen: the gaps between boxes share what the boxes leave.
    box_size, color
        The boxes' side and colour (default: the activation's).

    Returns
    -------
    tuple[VGroup, VGroup, VGroup]
        The whole chain ``(x, boxes, arrows, y)``, the ``n`` boxes (each ``(square, label)``)
        and the ``n + 1`` arrows.

    Examples
    --------
    ::

        chain, boxes, arrows = make_layer_chain(5, r"\\sigma", width=10.0)
    """
    color = color or PALETTE.activation
    gap = (width - n * box_size) / (n + 1)
    boxes = VGroup(
        *(
            VGroup(
                RoundedRectangle(
                    corner_radius=0.08, width=box_size, height=box_size, color=color, stroke_width=2.5
                ),
                make_tex(
                    symbol, color=color, font_size=LABEL_SIZE + 8 if len(symbol) < 4 else LABEL_SIZE - 10
                ),
            )
            for _ in range(n)
        )
    ).arrange(RIGHT, buff=gap)
    x_in = make_tex("x", color=PALETTE.input, font_size=LABEL_SIZE + 4).next_to(boxes, LEFT, buff=gap)
    y_out = make_tex("y", color=PALETTE.output, font_size=LABEL_SIZE + 4).next_to(boxes, RIGHT, buff=gap)
    nodes = [x_in, *boxes, y_out]
    arrows = VGroup(
        *(
            Line(a.get_right(), b.get_left(), buff=0.06, color=PALETTE.muted, stroke_width=2)
            for a, b in zip(nodes, nodes[1:])
        )
    )
    for box in boxes:
        box[1].move_to(box[0])
    return VGroup(x_in, boxes, arrows, y_out), boxes, arrows
