"""Graphs: edges run between their nodes' borders, the neuron has one input and one edge per
weight, a chain of layers links its boxes left to right."""

from __future__ import annotations

import numpy as np
import pytest
from manim import DOWN, LEFT, RIGHT, UP, Circle

from mathdl_anim.draw.graphs import make_edge, make_layer_chain, make_layer_diagram, make_node
from mathdl_anim.draw.style import PALETTE


def unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


def test_edge_starts_and_ends_at_its_nodes_boundaries():
    a, b = Circle(0.5).move_to(3 * LEFT), Circle(0.5).move_to(2 * RIGHT + 2 * UP)
    edge = make_edge(a, b, buff=0.08)
    direction = unit(b.get_center() - a.get_center())
    on_a, on_b = a.get_boundary_point(direction), b.get_boundary_point(-direction)
    along = unit(on_b - on_a)
    assert edge.get_start() == pytest.approx(on_a + 0.08 * along)
    assert edge.get_end() == pytest.approx(on_b - 0.08 * along)
    # outside each circle, a buff away from it
    for circle, end in ((a, edge.get_start()), (b, edge.get_end())):
        assert np.linalg.norm(end - circle.get_center()) == pytest.approx(0.5 + 0.08, abs=0.03)


def test_edge_between_boxes_side_by_side_spans_the_gap(tex_config):
    left, right = (
        make_node("x", PALETTE.input).move_to(3 * LEFT),
        make_node("y", PALETTE.output).move_to(RIGHT),
    )
    edge = make_edge(left, right)
    # the boundary points may be corners at different heights: the arrow is nearly level
    assert edge.get_start()[0] == pytest.approx(left.get_right()[0] + 0.08, abs=0.005)
    assert edge.get_end()[0] == pytest.approx(right.get_left()[0] - 0.08, abs=0.005)
    assert abs(edge.get_start()[1]) <= left.height / 2 and abs(edge.get_end()[1]) <= right.height / 2
    assert edge.get_color().to_hex().upper() == PALETTE.muted.upper()


def test_node_is_a_box_of_the_size_asked_with_its_label_inside(tex_config):
    node = make_node(r"\sigma(z) + \tanh(z) + \mathrm{ReLU}(z)", PALETTE.activation, width=1.3, height=0.75)
    box, label = node
    assert (box.width, box.height) == pytest.approx((1.3, 0.75))
    assert label.width <= 1.3 - 0.2 + 1e-6  # a long label is shrunk to fit
    assert label.get_center() == pytest.approx(box.get_center())


@pytest.mark.parametrize(("n", "k"), [(1, 1), (3, 1), (3, 3), (2, 4)])
def test_layer_diagram_has_an_edge_from_every_input_to_every_neuron(tex_config, n, k):
    x = [1.0, -2.0, 0.5][:n]
    W = np.array([[0.5, -1.5, 3.0], [1.0, 0.0, -0.25], [2.0, 1.0, 1.0], [-1.0, 0.5, 0.5]])[:k, :n]
    diagram = make_layer_diagram(x, W)
    assert len(diagram.inputs) == len(diagram.weight_labels) == n and len(diagram.neurons) == k
    assert [len(row) for row in diagram.edges] == [n] * k
    for neuron, row in zip(diagram.neurons, diagram.edges):
        for source, edge in zip(diagram.inputs, row):
            assert np.linalg.norm(edge.get_start() - source.get_center()) == pytest.approx(0.36 + 0.04)
            assert np.linalg.norm(edge.get_end() - neuron.get_center()) == pytest.approx(1.4 * 0.36 + 0.04)
    widths = np.array([[edge.get_stroke_width() for edge in row] for row in diagram.edges])
    assert widths == pytest.approx(1.5 + 6 * np.abs(W) / np.abs(W).max())  # the widest for the largest |w|
    for nodes in (diagram.inputs, diagram.neurons):
        ys = [node.get_center()[1] for node in nodes]
        assert ys == sorted(ys, reverse=True)  # the first at the top
    if k > 1 and n > 1:  # the first neuron level with the first input, the last with the last
        assert diagram.neurons[0].get_y() == pytest.approx(diagram.inputs[0].get_y())
        assert diagram.neurons[-1].get_y() == pytest.approx(diagram.inputs[-1].get_y())
    if k == 1:  # a single neuron in the middle of its inputs
        assert diagram.neurons[0].get_y() == pytest.approx(diagram.inputs.get_y())
    assert [label.tex_string for label in diagram.weight_labels] == ["0.5", "-1.5", "3"][:n]


def test_layer_chain_links_x_boxes_and_y_left_to_right(tex_config):
    chain, boxes, arrows = make_layer_chain(4, r"\sigma", width=8.0)
    assert len(boxes) == 4 and len(arrows) == 5
    x_in, _, _, y_out = chain
    nodes = [x_in, *boxes, y_out]
    for arrow, a, b in zip(arrows, nodes, nodes[1:]):
        assert arrow.get_start()[0] == pytest.approx(a.get_right()[0] + 0.06)
        assert arrow.get_end()[0] == pytest.approx(b.get_left()[0] - 0.06)
    gap = (8.0 - 4 * 0.6) / 5
    for a, b in zip(boxes, boxes[1:]):
        assert b.get_left()[0] - a.get_right()[0] == pytest.approx(gap)
    for box in boxes:
        assert box[1].get_center() == pytest.approx(box[0].get_center())
    assert boxes.get_center()[1] == pytest.approx(x_in.get_center()[1])
    assert chain.get_bottom()[1] > DOWN[1]  # a single row
