"""The key formula z = Wx + b: inputs travel along weighted edges into a neuron; the weights are a
row, the inputs a column; more neurons stack their rows into W; an activation bends each z; and
without the bend two layers collapse into one matrix.
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    Indicate,
    LaggedStart,
    Line,
    MoveAlongPath,
    ReplacementTransform,
    TransformFromCopy,
    VGroup,
)

from mathdl_anim.core.activations import get_activation
from mathdl_anim.draw.graphs import make_layer_diagram
from mathdl_anim.draw.plots import make_axes, make_curve
from mathdl_anim.draw.style import BODY_SIZE, LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import (
    factor,
    fade_through,
    first_half,
    fit_width,
    ghost_under,
    make_matrix,
    make_tex,
    num,
    second_half,
)
from mathdl_anim.scene.lesson_scene import LessonScene

#: One neuron, large in the middle: its inputs' and its own x, the inputs' span, their centre.
ONE = {"left": -5.4, "right": 0.6, "height": 4.2, "radius": 0.42}
ONE_Y = 0.35
#: The layer, on the left beside its equation.
LAYER = {"left": -6.2, "right": -3.1, "height": 4.4, "radius": 0.36}
LAYER_Y = 0.15
#: Where a travelling input turns into its product, as a share of its edge.
PRODUCT_AT = 0.58
#: Two layers, small on the left of the collapse: the x of inputs, middle and outputs; their size.
TWO_LAYERS_X = (-6.3, -5.0, -3.7)
TWO_LAYERS_SIZE = {"height": 2.4, "radius": 0.27}
TWO_LAYERS_Y = -1.15
#: The collapsing matrices, right of the two layers: their centre's x and their width.
COLLAPSE_X, COLLAPSE_WIDTH = 1.75, 8.6
#: The matrix equation's centre height, its left edge and its widest.
ROW_Y, EQ_LEFT, EQ_WIDTH = 0.35, -1.8, 8.4


class Neuron(LessonScene):
    """A weighted sum that travels and adds up; row times column; a layer as Wx + b; a bend."""

    def construct(self) -> None:
        self.show_title(r"The neuron: $z = Wx + b$")
        self.show_inputs()
        self.sum_inputs()
        self.show_row_times_column()
        self.grow_layer()
        self.show_notation()
        self.apply_activation()
        self.collapse_layers()
        self.wait(2)

    # -- one neuron ------------------------------------------------------------------------------
    def show_inputs(self) -> None:
        ex = self.example
        d = make_layer_diagram(ex.x, ex.W[:1], **ONE).shift(ONE_Y * UP)
        self.diagram = d
        neuron = d.neurons[0]
        self.out_arrow = Line(
            neuron.get_right() + 0.08 * RIGHT, neuron.get_right() + 2.2 * RIGHT, color=PALETTE.output
        ).add_tip(tip_length=0.2)
        self.z_name = make_tex("z", color=PALETTE.output, font_size=SMALL_SIZE).next_to(self.out_arrow, RIGHT)
        self.say("inputs", n=len(ex.x))
        self.play(LaggedStart(*(GrowFromCenter(node) for node in d.inputs), lag_ratio=0.25), run_time=1.4)
        self.play(GrowFromCenter(neuron), Create(self.out_arrow), FadeIn(self.z_name), run_time=1.0)
        self.play(
            LaggedStart(*(Create(edge) for edge in d.edges[0]), lag_ratio=0.3),
            LaggedStart(*(FadeIn(w, shift=0.1 * UP) for w in d.weight_labels), lag_ratio=0.3),
            run_time=1.8,
        )

    def sum_inputs(self) -> None:
        """Each input travels along its edge, turns into input times weight, and joins the sum in
        the neuron; the sum is also written out term by term under the diagram."""
        ex, d = self.example, self.diagram
        neuron = d.neurons[0]
        parts = ["z", "="]
        for j, (w, x) in enumerate(zip(ex.W[0], ex.x)):
            parts += (["+"] if j else []) + [num(x) + r"\cdot " + factor(w)]
        parts += ["+", num(ex.b[0]), "=", num(ex.z[0])]
        self.sum_line = fit_width(make_tex(*parts, font_size=BODY_SIZE), 11.0)
        self.sum_line.move_to([0, -2.65, 0])
        self.sum_line[0].set_color(PALETTE.output)
        self.sum_line[-1].set_color(PALETTE.output)
        self.say("weighted_sum")
        self.play(FadeIn(self.sum_line[:2]), run_time=0.5)
        total = None
        for j, edge in enumerate(d.edges[0]):
            slow = j == 0
            traveller = d.inputs[j][1].copy()
            product = make_tex(num(ex.terms[0, j]), font_size=LABEL_SIZE).move_to(
                edge.point_from_proportion(PRODUCT_AT) + 0.26 * DOWN
            )
            # the input rides its edge (under the line: the weight is written above it)...
            path = edge.copy().shift(0.26 * DOWN)
            path.put_start_and_end_on(edge.get_start() + 0.26 * DOWN, product.get_center())
            self.play(MoveAlongPath(traveller, path), run_time=1.2 if slow else 0.7)
            # ...and is multiplied by the weight: the term joins the written sum
            k = 2 + 2 * j
            term = self.sum_line[k]
            sign = [self.sum_line[k - 1]] if j else []
            self.play(
                *fade_through(traveller, product),
                FadeIn(term, rate_func=second_half),
                *(FadeIn(m) for m in sign),
                run_time=0.9 if slow else 0.6,
            )
            # the product flows into the neuron, and the neuron's running sum ticks over
            new_total = make_tex(num(ex.partial_sums[j]), font_size=LABEL_SIZE).move_to(neuron)
            self.play(
                product.animate(rate_func=first_half).move_to(neuron).set_opacity(0),
                *(
                    fade_through(total, new_total)
                    if total is not None
                    else [FadeIn(new_total, rate_func=second_half)]
                ),
                run_time=0.8 if slow else 0.6,
            )
            self.remove(product)
            total = new_total
        # the bias: one number, beside the neuron, joins the sum
        self.say("bias", bias=ex.b[0], z=ex.z[0])
        bias = make_tex("+", num(ex.b[0]), color=PALETTE.bias, font_size=SMALL_SIZE)
        bias.next_to(neuron, UP + RIGHT, buff=0.1)
        self.play(FadeIn(bias, shift=0.2 * DOWN), FadeIn(self.sum_line[-4:-2]), run_time=0.8)
        z_total = make_tex(num(ex.z[0]), color=PALETTE.output, font_size=LABEL_SIZE).move_to(neuron)
        self.play(
            bias.animate(rate_func=first_half).move_to(neuron).set_opacity(0),
            *fade_through(total, z_total),
            FadeIn(self.sum_line[-2:], rate_func=second_half),
            neuron.animate.set_stroke(PALETTE.output),
            run_time=1.0,
        )
        self.remove(bias)
        z_value = make_tex("z", "=", num(ex.z[0]), color=PALETTE.output, font_size=SMALL_SIZE)
        z_value.next_to(self.out_arrow, RIGHT)
        self.play(
            TransformFromCopy(z_total, z_value[2]),
            ReplacementTransform(self.z_name, z_value[0]),
            FadeIn(z_value[1]),
            run_time=0.8,
        )
        self.totals, self.z_value = [z_total], z_value

    # -- row times column ------------------------------------------------------------------------
    def show_row_times_column(self) -> None:
        ex, d = self.example, self.diagram
        row = make_matrix([ex.W[0]], color=PALETTE.weight, font_size=BODY_SIZE)
        column = make_matrix(ex.x, color=PALETTE.input, font_size=BODY_SIZE)
        plus = make_tex("+", font_size=BODY_SIZE)
        bias = make_tex(num(ex.b[0]), color=PALETTE.bias, font_size=BODY_SIZE)
        equals = make_tex("=", font_size=BODY_SIZE)
        z = make_tex(num(ex.z[0]), color=PALETTE.output, font_size=BODY_SIZE)
        line = VGroup(row, column, plus, bias, equals, z).arrange(RIGHT, buff=0.3)
        fit_width(line, EQ_WIDTH).move_to([0, ROW_Y, 0]).align_to([EQ_LEFT, 0, 0], LEFT)
        self.say("row")
        # the neuron steps to the left, to its place at the top of a layer
        layer = make_layer_diagram(ex.x, ex.W, **LAYER).shift(LAYER_Y * UP)
        z_value = self.z_value.copy().next_to(layer.neurons[0], RIGHT, buff=0.15)
        self.play(
            FadeOut(VGroup(self.sum_line, self.out_arrow)),
            *(ReplacementTransform(a, b) for a, b in zip(d.inputs, layer.inputs)),
            ReplacementTransform(d.neurons[0], layer.neurons[0]),
            *(ReplacementTransform(a, b) for a, b in zip(d.edges[0], layer.edges[0])),
            *(ReplacementTransform(a, b) for a, b in zip(d.weight_labels, layer.weight_labels)),
            self.totals[0].animate.move_to(layer.neurons[0]),
            ReplacementTransform(self.z_value, z_value),
            run_time=1.4,
        )
        layer.neurons[0].set_stroke(PALETTE.output)
        self.diagram, self.z_value, d = layer, z_value, layer
        # the inputs leave the picture as a column, then the weights as a row beside it
        self.play(
            *(TransformFromCopy(node[1], e) for node, e in zip(d.inputs, column.get_entries())),
            run_time=1.4,
        )
        self.play(FadeIn(column.get_brackets()), run_time=0.4)
        self.play(
            *(TransformFromCopy(w, e) for w, e in zip(d.weight_labels, row.get_entries())),
            run_time=1.4,
        )
        self.play(FadeIn(row.get_brackets()), run_time=0.4)
        self.play(FadeIn(VGroup(plus, bias)), run_time=0.6)
        # z travels round the equation (right along its own line, then down): it crosses nothing
        carried = self.z_value[2].copy().set_opacity(0.45)  # a ghost until it lands
        self.play(carried.animate.set_x(z.get_x()), run_time=0.8)
        # it lands by moving and scaling, not morphing (a morph between two typesettings of "1.5"
        # turns the glyphs over on the way)
        self.play(carried.animate.match_height(z).move_to(z).set_opacity(1), run_time=0.6)
        self.remove(carried)
        self.add(z)
        self.play(FadeIn(equals), run_time=0.5)
        self.wait(0.6)
        self.row_line = line

    # -- a layer ---------------------------------------------------------------------------------
    def grow_layer(self) -> None:
        ex, d = self.example, self.diagram
        k = ex.W.shape[0]
        W = make_matrix(ex.W, color=PALETTE.weight, font_size=BODY_SIZE)
        x = make_matrix(ex.x, color=PALETTE.input, font_size=BODY_SIZE)
        b = make_matrix(ex.b, color=PALETTE.bias, font_size=BODY_SIZE)
        z = make_matrix(ex.z, color=PALETTE.output, font_size=BODY_SIZE)
        plus, equals = make_tex("+", font_size=BODY_SIZE), make_tex("=", font_size=BODY_SIZE)
        layer = VGroup(W, x, plus, b, equals, z).arrange(RIGHT, buff=0.3)
        fit_width(layer, EQ_WIDTH).move_to([0, ROW_Y, 0]).align_to([EQ_LEFT, 0, 0], LEFT)
        old_row, old_col, old_plus, old_b, old_eq, old_z = self.row_line
        rows = W.get_rows()
        self.say("layer" if k > 1 else "single")  # a layer of one neuron says so
        # the other neurons appear in the diagram, with their edges (a W of one row has none)
        others = [LaggedStart(*(GrowFromCenter(n) for n in d.neurons[1:]), lag_ratio=0.3)] if k > 1 else []
        self.play(FadeOut(VGroup(d.weight_labels, self.z_value)), *others, run_time=1.0)
        if k > 1:
            self.play(LaggedStart(*(Create(row) for row in d.edges[1:]), lag_ratio=0.3), run_time=1.4)
        # the first row takes its place in W; each other neuron's row slides out of it. The
        # bias and z become columns at once, their other entries still empty (a frame never
        # shows a W of several rows beside one bias and one output)
        self.play(
            *(ReplacementTransform(e, t) for e, t in zip(old_row.get_entries(), rows[0])),
            FadeOut(old_row.get_brackets()),
            ReplacementTransform(old_col, x),
            *(fade_through(m, n)[i] for m, n in ((old_plus, plus),) for i in (0, 1)),
            ReplacementTransform(old_b, b.get_entries()[0]),
            ReplacementTransform(old_eq, equals),
            ReplacementTransform(old_z, z.get_entries()[0]),
            FadeIn(VGroup(b.get_brackets(), z.get_brackets()), rate_func=second_half),
            run_time=1.0,
        )
        self.play(FadeIn(W.get_brackets()), run_time=0.4)
        for r in range(1, k):
            self.play(
                FadeIn(rows[r], shift=rows[r].get_center() - d.neurons[r].get_center()),
                d.edges[r].animate.set_stroke(opacity=1),
                run_time=1.0,
            )
        # one bias per neuron: the bias becomes a vector, and z a column
        self.say("vector")
        totals = [
            make_tex(num(ex.z[r]), color=PALETTE.output, font_size=LABEL_SIZE).move_to(d.neurons[r])
            for r in range(1, k)
        ]
        if k > 1:  # the other neurons' biases, then their outputs, fill the empty entries
            self.play(FadeIn(b.get_entries()[1:], shift=0.2 * DOWN), run_time=1.0)
            self.play(
                *(FadeIn(e, shift=0.2 * RIGHT) for e in z.get_entries()[1:]),
                *(FadeIn(t) for t in totals),
                *(n.animate.set_stroke(PALETTE.output) for n in d.neurons[1:]),
                run_time=1.4,
            )
        else:  # one neuron: its bias is already the (one-entry) vector b
            self.play(Indicate(b, color=PALETTE.bias), run_time=1.0)
        self.totals += totals
        names = VGroup(
            *(
                make_tex(s, color=c, font_size=SMALL_SIZE).next_to(m, UP, buff=0.15)
                for s, c, m in (
                    ("W", PALETTE.weight, W),
                    ("x", PALETTE.input, x),
                    ("b", PALETTE.bias, b),
                    ("z", PALETTE.output, z),
                )
            )
        )
        self.play(FadeIn(names), run_time=0.6)
        self.layer, self.names = VGroup(W, x, plus, b, equals, z), names
        self.W, self.z = W, z

    def show_notation(self) -> None:
        one = make_tex(r"\text{one example: }", "z = Wx + b", font_size=SMALL_SIZE)
        many = make_tex(r"\text{a batch: }", "Z = XW^{T} + b", font_size=SMALL_SIZE)
        lines = VGroup(one, many).arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        lines.next_to(self.layer, DOWN, buff=0.6).align_to(self.layer, LEFT)
        self.say("batch")
        self.play(FadeIn(one, shift=0.2 * UP), run_time=0.8)
        self.play(FadeIn(many, shift=0.2 * UP), run_time=0.8)
        self.notation = lines

    # -- the activation --------------------------------------------------------------------------
    def apply_activation(self) -> None:
        ex = self.example
        act = get_activation(ex.activation)
        zt, at = ex.z_ticks, ex.a_ticks
        a_labels = [t for t in at if t != 0]  # a = 0 is the z-axis itself, already marked 0
        axes = make_axes(
            (zt[0], zt[-1]), (at[0], at[-1]), width=6.0, height=3.0, x_labels=zt, y_labels=a_labels
        )
        axes.move_to([-3.1, -1.15, 0])
        zs, ys = ex.curve()
        curve = make_curve(axes, zs, ys, PALETTE.activation)
        labels = VGroup(
            make_tex("z", color=PALETTE.output, font_size=SMALL_SIZE).next_to(axes.x_axis, RIGHT, buff=0.15),
            make_tex("a", color=PALETTE.activation, font_size=SMALL_SIZE).next_to(axes.y_axis, UP, buff=0.1),
        )
        a_col = make_matrix(ex.a, color=PALETTE.activation, font_size=SMALL_SIZE)
        a_name = make_tex(rf"a = {act.tex}(z)", color=PALETTE.activation, font_size=SMALL_SIZE)
        # the diagram gives way to the plot; the layer's equation moves up, out of its way
        self.say("activation", act=act.tex)
        top = VGroup(self.layer, self.names)
        self.play(
            FadeOut(VGroup(self.diagram, *self.totals, self.notation)),
            top.animate.scale(0.85).move_to([0.8, 2.0, 0]),
            run_time=1.2,
        )
        a_col.move_to([3.6, axes.get_y(), 0])
        a_name.next_to(a_col, UP, buff=0.2)
        self.play(Create(axes), FadeIn(labels), run_time=1.2)
        self.play(Create(curve), run_time=1.2)
        self.play(FadeIn(a_col.get_brackets()), FadeIn(a_name), run_time=0.6)
        self.dots = []
        for r, (z, a) in enumerate(zip(ex.z, ex.a)):
            self.bend(axes, r, float(z), float(a), a_col.get_entries()[r], slow=r == 0)
        self.plot = VGroup(axes, curve, labels)
        self.a_col, self.a_name = a_col, a_name

    def bend(self, axes, r: int, z: float, a: float, a_entry, slow: bool) -> None:
        """z_r drops from the equation onto the z-axis, rises to the curve, and leaves as a_r."""
        source = self.z.get_entries()[r]
        base = axes.c2p(z, 0)
        on_curve = axes.c2p(z, a)
        dot = Dot(base, color=PALETTE.output, radius=0.07)
        drop = source.copy().set_opacity(0.45)  # a ghost: it passes over the column on its way
        self.play(drop.animate.scale(0.8).move_to(base + 0.3 * UP), run_time=0.9 if slow else 0.6)
        self.play(FadeOut(drop, shift=0.3 * DOWN), GrowFromCenter(dot), run_time=0.5 if slow else 0.3)
        rise = DashedLine(base, on_curve, color=PALETTE.muted, stroke_width=2)
        self.play(Create(rise), dot.animate.move_to(on_curve).set_color(PALETTE.activation), run_time=0.8)
        across = DashedLine(on_curve, axes.c2p(axes.x_range[0], a), color=PALETTE.muted, stroke_width=2)
        self.play(Create(across), run_time=0.5 if slow else 0.3)
        # the value leaves the plot into the column a
        start = make_tex(num(a), color=PALETTE.activation, font_size=SMALL_SIZE).move_to(a_entry)
        self.play(FadeIn(start, shift=0.4 * RIGHT), run_time=0.6)
        self.remove(start)
        self.add(a_entry)
        self.play(FadeOut(VGroup(rise, across)), dot.animate.set_opacity(0.6), run_time=0.4)
        self.dots.append(dot)

    # -- why bend: two linear layers are one -----------------------------------------------------
    def two_layers(self) -> tuple[VGroup, VGroup, VGroup]:
        """The layer and a second one after it, small on the left: ``(first, second, one)``, the
        last the single layer ``W2 W1`` they are without a bend (same inputs, same outputs)."""
        ex = self.example
        (x0, x1, x2), size = TWO_LAYERS_X, TWO_LAYERS_SIZE
        first = make_layer_diagram(ex.x, ex.W, left=x0, right=x1, **size).shift(TWO_LAYERS_Y * UP)
        hidden = [0.0] * len(ex.W)  # the second layer's inputs are the first one's neurons
        second = make_layer_diagram(hidden, ex.second, left=x1, right=x2, **size).shift(TWO_LAYERS_Y * UP)
        one = make_layer_diagram(ex.x, ex.collapsed, left=x0, right=x2, **size).shift(TWO_LAYERS_Y * UP)
        return first, second, one

    def collapse_layers(self) -> None:
        ex = self.example
        W2 = make_matrix(ex.second, color=PALETTE.weight, font_size=BODY_SIZE)
        W1 = make_matrix(ex.W, color=PALETTE.weight, font_size=BODY_SIZE)
        M = make_matrix(ex.collapsed, color=PALETTE.weight, font_size=BODY_SIZE)
        eq = make_tex("=", font_size=BODY_SIZE)
        group = VGroup(W2, W1, eq, M).arrange(RIGHT, buff=0.35)
        fit_width(group, COLLAPSE_WIDTH).move_to([COLLAPSE_X, -1.0, 0])
        names = VGroup(
            make_tex("W_2", color=PALETTE.weight, font_size=SMALL_SIZE).next_to(W2, UP, buff=0.15),
            make_tex("W_1", color=PALETTE.weight, font_size=SMALL_SIZE).next_to(W1, UP, buff=0.15),
            make_tex("W_2 W_1", color=PALETTE.weight, font_size=SMALL_SIZE).next_to(M, UP, buff=0.15),
        )
        rule = make_tex(r"W_2(W_1 x) = (W_2 W_1)\,x", font_size=BODY_SIZE).next_to(group, DOWN, buff=0.35)
        first, second, one = self.two_layers()
        # the network: the layer's edges, its neurons, then the second layer's edges and outputs
        network = VGroup(second.edges, second.neurons, first.edges, first.inputs, first.neurons)
        self.say("collapse")
        # the plot leaves first (its ticks sit where the matrices come), then the layer's W
        # comes down beside a second layer's weights, and the two layers stand on the left
        self.play(
            FadeOut(VGroup(self.plot, self.a_col, self.a_name), shift=0.5 * LEFT),
            *(FadeOut(dot) for dot in self.dots),
            run_time=0.7,
        )
        self.play(
            FadeIn(W2, shift=0.5 * LEFT),
            FadeIn(names[0]),
            FadeIn(W1, shift=0.6 * DOWN),
            self.W.get_entries().animate.set_color(PALETTE.highlight),
            FadeIn(names[1], rate_func=second_half),
            FadeIn(network),
            run_time=1.2,
        )
        # each matrix is one layer's edges
        self.play(
            self.W.get_entries().animate.set_color(PALETTE.weight),
            Indicate(first.edges, color=PALETTE.highlight),
            Indicate(names[1], color=PALETTE.highlight),
            run_time=0.8,
        )
        self.play(
            Indicate(second.edges, color=PALETTE.highlight),
            Indicate(names[0], color=PALETTE.highlight),
            run_time=0.8,
        )
        # without a bend the middle layer adds nothing: its neurons go, each of the second
        # layer's edges reaches back to an input, and the two layers are one. Ghosts of the two
        # matrices dip under the row (clear of W_1 and "=") and merge into one matrix
        centre = M.get_center()
        self.play(
            FadeIn(eq),
            *(ghost_under(m.copy().set_opacity(0.4), centre) for m in (W2, W1)),
            FadeIn(M, rate_func=second_half, scale=0.6),
            FadeIn(names[2], rate_func=second_half),
            FadeOut(VGroup(first.edges, first.neurons), scale=0.6, rate_func=first_half),
            ReplacementTransform(second.edges, one.edges),
            run_time=1.8,
        )
        self.play(FadeIn(rule, shift=0.2 * UP), run_time=0.8)
        self.wait(1.0)
