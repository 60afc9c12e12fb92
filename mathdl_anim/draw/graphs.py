"""Graphs of boxes and arrows: nodes and edges (computational graphs, chains of functions), the
neuron with its inputs, and a chain of layers.

No math here: every number shown comes from the core.
"""

from __future__ import annotations

import numpy as np
from manim import LEFT, RIGHT, UP, Arrow, Circle, Line, RoundedRectangle, VGroup

from mathdl_anim.draw.style import LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import fit_width, make_tex, num

__all__ = ["make_node", "make_edge", "LayerDiagram", "make_layer_diagram", "make_layer_chain"]


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


class LayerDiagram(VGroup):
    """A layer of neurons with its inputs: a VGroup whose parts have names."""

    inputs: VGroup
    neurons: VGroup
    edges: VGroup
    weight_labels: VGroup


def make_layer_diagram(
    x, W, left: float = -6.0, right: float = -2.6, height: float = 3.2, radius: float = 0.36
) -> LayerDiagram:
    """Input nodes holding ``x`` on the left, one neuron per row of ``W`` on the right, an edge
    from every input to every neuron whose width grows with ``abs(weight)``.

    Parameters
    ----------
    x
        The inputs, one node each (top to bottom).
    W
        One row of weights per neuron (top to bottom), one column per input.
    left, right
        The x of the inputs and of the neurons.
    height
        The vertical span of the inputs and of the neurons (a single one stands in the middle).
    radius
        The nodes' radius (neurons are 1.4 times larger).

    Returns
    -------
    LayerDiagram
        A VGroup ``(edges, inputs, neurons, weight_labels)`` with named parts: ``inputs[j]`` is
        ``(circle, value)``; ``neurons[r]`` a circle; ``edges[r][j]`` the line from input ``j``
        to neuron ``r``; ``weight_labels[j]`` the first neuron's weight ``W[0, j]``, on its edge.

    Examples
    --------
    ::

        diagram = make_layer_diagram([2, 1, 4], [[0.5, -1, 0.25]])
        self.play(Create(diagram.edges[0]))
    """
    W = np.atleast_2d(np.asarray(W, dtype=float))
    n, k = len(x), W.shape[0]

    def column(count: int) -> np.ndarray:
        return np.linspace(height / 2, -height / 2, count) if count > 1 else np.zeros(1)

    inputs = VGroup()
    for value, y in zip(x, column(n)):
        node = Circle(radius, color=PALETTE.input, stroke_width=3).move_to(np.array([left, y, 0.0]))
        inputs.add(
            VGroup(node, make_tex(num(value), color=PALETTE.input, font_size=LABEL_SIZE).move_to(node))
        )
    ys = column(k)  # a single neuron in the middle; more spread over the same height
    neurons = VGroup(
        *(
            Circle(1.4 * radius, color=PALETTE.text, stroke_width=3)
            .set_fill(PALETTE.background, opacity=1)
            .move_to(np.array([right, y, 0.0]))
            for y in ys
        )
    )
    span = float(np.abs(W).max()) or 1.0
    gap = 0.04

    def edge(source, neuron, w: float) -> Line:
        a, b = source.get_center(), neuron.get_center()
        u = (b - a) / np.linalg.norm(b - a)
        return Line(
            a + (radius + gap) * u,
            b - (1.4 * radius + gap) * u,
            color=PALETTE.weight,
            stroke_width=1.5 + 6 * abs(w) / span,
            stroke_opacity=0.85,
        )

    edges = VGroup(
        *(
            VGroup(*(edge(source, neuron, w) for source, w in zip(inputs, row)))
            for row, neuron in zip(W, neurons)
        )
    )
    weight_labels = VGroup(
        *(
            make_tex(num(w), color=PALETTE.weight, font_size=LABEL_SIZE)
            .move_to(edge.point_from_proportion(0.3))
            .shift(0.26 * UP)
            for w, edge in zip(W[0], edges[0])
        )
    )
    group = LayerDiagram(edges, inputs, neurons, weight_labels)
    group.inputs, group.neurons, group.edges, group.weight_labels = inputs, neurons, edges, weight_labels
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
