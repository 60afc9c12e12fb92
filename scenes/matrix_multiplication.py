"""C = A @ B as motion: a row of A turns upright against a column of B, products pop and merge.

Then the shape rule (the inner sizes meet and cancel), the same product as a layer of a network
(inputs times weights, and what one layer of the digit network costs), and NumPy's ``A @ B``.
"""

from __future__ import annotations

import re

import numpy as np
from manim import (
    DOWN,
    LEFT,
    PI,
    RIGHT,
    UP,
    ChangeDecimalToValue,
    Create,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    Indicate,
    MoveToTarget,
    Rectangle,
    VGroup,
    Write,
    config,
    rate_functions,
)

from mathdl_anim.draw.counters import make_step_counter
from mathdl_anim.draw.style import BODY_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import fade_through, first_half, make_matrix, make_tex, make_text, num, second_half
from mathdl_anim.scene.lesson_scene import LessonScene

#: Where the operands sit (A, B, =, C in a row) and where each entry is worked out.
TOP_Y = 1.45
BENCH_Y = -1.35
#: The lowest a pair on the bench may sit (its centre), clear of the caption.
BENCH_FLOOR = -2.7
#: Entries worked out slowly before the rest speed up, and the speed-up factor.
SLOW_STEPS = 2
FAST = 0.45
#: The size of the lesson's matrices and of the entries worked out on the bench.
ENTRY_SIZE = BODY_SIZE + 14


class MatrixMultiplication(LessonScene):
    """Row times column, entry by entry; the shape rule; inputs times weights; NumPy."""

    def construct(self) -> None:
        self.show_title("Matrix multiplication")
        self.show_operands()
        self.fill_product()
        self.show_shape_rule()
        self.show_layer()
        self.show_numpy()
        self.wait(2)

    # -- A and B, and an empty C --------------------------------------------------------------
    def show_operands(self) -> None:
        ex = self.example
        self.A = make_matrix(ex.A, color=PALETTE.input, font_size=ENTRY_SIZE)
        self.B = make_matrix(ex.B, color=PALETTE.weight, font_size=ENTRY_SIZE)
        self.C = make_matrix(ex.product, color=PALETTE.output, font_size=ENTRY_SIZE)
        self.equals = make_tex("=", font_size=ENTRY_SIZE)
        row = VGroup(self.A, self.B, self.equals, self.C).arrange(RIGHT, buff=0.5)
        row.move_to(TOP_Y * UP)
        if row.width > 12.5 or row.height > 2.5:
            row.scale(min(12.5 / row.width, 2.5 / row.height))
        self.names = VGroup(
            *(
                make_tex(name, color=color, font_size=ENTRY_SIZE).next_to(m, UP, buff=0.3)
                for name, m, color in (
                    ("A", self.A, PALETTE.input),
                    ("B", self.B, PALETTE.weight),
                    ("C", self.C, PALETTE.output),
                )
            )
        )
        top = VGroup(row, self.names)
        top.shift((2.95 - top.get_top()[1]) * UP)  # just under the title, whatever the sizes
        for entry in self.C.get_entries():
            entry.set_opacity(0)
        # first large in the middle; they step up to make room for the working when it starts
        top.generate_target()
        top.scale(min(13.4 / top.width, 5.0 / top.height)).move_to(0.1 * DOWN)
        self.top = top
        self.say("operands")
        self.play(FadeIn(self.A, shift=0.3 * RIGHT), FadeIn(self.B, shift=0.3 * LEFT), run_time=1.2)
        self.play(Write(self.names[:2]), run_time=0.8)
        self.play(Write(self.equals), Create(self.C.get_brackets()), Write(self.names[2]), run_time=1.0)
        self.wait(0.8)

    # -- row times column ---------------------------------------------------------------------
    def fill_product(self) -> None:
        self.bench = None  # what the last entry left on the bench
        for n, step in enumerate(self.example.steps):
            if n == 0:
                self.say("entry")
                self.play(MoveToTarget(self.top), run_time=1.2)
            elif n == 1:
                self.say("again", total=step.total)
            elif n == SLOW_STEPS:
                self.say("every")
            self.work_out(step, speed=1.0 if n == 0 else 0.7 if n < SLOW_STEPS else FAST)
        self.play(*(e.animate.set_opacity(1) for e in (*self.A.get_entries(), *self.B.get_entries())))

    def bench_positions(self, count: int) -> np.ndarray:
        """Heights of the pairs on the bench, top to bottom: the top pair clears the matrices'
        brackets (the column's copies slide left at these heights), the bottom one the caption."""
        gap = 0.7 if count > 2 else 1.0
        top = min(BENCH_Y + gap * (count - 1) / 2, min(self.A.get_bottom()[1], self.B.get_bottom()[1]) - 0.5)
        if count > 1:
            gap = min(gap, (top - BENCH_FLOOR) / (count - 1))
        return top - gap * np.arange(count)

    def work_out(self, step, speed: float) -> None:
        """Row ``i`` of A turns upright against column ``j`` of B; products pop, merge, fly to C."""
        A_row = self.A.get_rows()[step.i]
        B_col = self.B.get_columns()[step.j]
        active = (*A_row, *B_col)
        others = [e for e in (*self.A.get_entries(), *self.B.get_entries()) if e not in active]
        ys = self.bench_positions(len(step.factors))
        left_x, right_x = -3.0, -1.2
        size = A_row[0].font_size
        # the last entry's bench clears as this row and column light up
        self.play(
            *(e.animate.set_opacity(0.25) for e in others),
            *(e.animate.set_opacity(1) for e in active),
            *([FadeOut(self.bench)] if self.bench is not None else []),
            run_time=0.6 * speed,
        )
        # copies drop to the bench (between the columns, over nothing but dimmed entries)...
        drop = min(self.A.get_bottom()[1], self.B.get_bottom()[1]) - 0.35  # just under the matrices
        # (as ghosts, below half opacity, while they pass over the entries under them)
        row = VGroup(*(e.copy().set_opacity(0.45) for e in A_row))
        col = VGroup(*(e.copy().set_opacity(0.45) for e in B_col))
        self.play(
            *(m.animate.shift((drop - m.get_y()) * UP) for m in row),
            *(m.animate.set_y(y) for m, y in zip(col, ys)),  # each straight down to its pair's height
            run_time=0.7 * speed,
        )
        # ...the row stands up, and lies against the column, pair by pair
        self.play(
            *(m.animate(path_arc=-PI / 3).move_to([left_x, y, 0]).set_opacity(1) for m, y in zip(row, ys)),
            *(m.animate.move_to([right_x, y, 0]).set_opacity(1) for m, y in zip(col, ys)),
            run_time=1.3 * speed,
        )
        dots = VGroup(
            *(make_tex(r"\cdot", font_size=size).move_to([(left_x + right_x) / 2, y, 0]) for y in ys)
        )
        products = VGroup(
            *(
                make_tex(num(t), color=PALETTE.text, font_size=size).move_to([1.2, y, 0])
                for t, y in zip(step.terms, ys)
            )
        )
        arrows = VGroup(
            *(make_tex(r"\to", color=PALETTE.muted, font_size=size).move_to([0.0, y, 0]) for y in ys)
        )
        self.play(FadeIn(dots), FadeIn(arrows), run_time=0.5 * speed)
        self.play(
            *(GrowFromCenter(p) for p in products),  # each pair's product pops out
            run_time=0.8 * speed,
            rate_func=rate_functions.ease_out_back,
        )
        self.wait(0.4 * speed)
        # the products slide together and merge into the entry
        merge_at = np.array([3.4, BENCH_Y, 0])
        total = make_tex(num(step.total), color=PALETTE.output, font_size=size * 1.25).move_to(merge_at)
        plus = VGroup(
            *(
                make_tex("+", color=PALETTE.muted, font_size=size).move_to([1.2, (a + b) / 2, 0])
                for a, b in zip(ys, ys[1:])
            )
        )
        self.play(FadeIn(plus), run_time=0.4 * speed)
        self.play(
            *(p.animate(rate_func=first_half).move_to(merge_at).set_opacity(0) for p in products),
            *(p.animate(rate_func=first_half).move_to(merge_at).set_opacity(0) for p in plus),
            FadeIn(total, scale=0.5, rate_func=second_half),
            run_time=1.2 * speed,
        )
        self.remove(products, plus)
        # ...and a copy of the entry flies into its place in C (the bench keeps the sum)
        cell = self.C.get_entries()[step.i * self.example.product.shape[1] + step.j]
        flying = total.copy()
        self.play(flying.animate(path_arc=PI / 6).move_to(cell).scale(1 / 1.25), run_time=1.0 * speed)
        self.remove(flying)
        cell.set_opacity(1)
        self.add(cell)
        self.bench = VGroup(row, col, dots, arrows, total)
        self.wait(0.3 * speed)

    # -- the shape rule ------------------------------------------------------------------------
    def grid(self, rows: int, cols: int, color: str, side: float = 0.62) -> VGroup:
        cells = VGroup(
            *(
                Rectangle(width=side, height=side, stroke_color=color, stroke_width=2.5)
                .set_fill(color, opacity=0.18)
                .move_to([c * side, -r * side, 0])
                for r in range(rows)
                for c in range(cols)
            )
        )
        return cells

    def show_shape_rule(self) -> None:
        rule = self.example.rule
        (m, n), (_, p) = rule.left, rule.right
        # the lesson's matrices step back to the corner: they come back for NumPy
        self.corner = VGroup(self.A, self.B, self.equals, self.C, self.names)
        self.say("shapes", rows=m, inner=n, cols=p)
        self.play(
            self.corner.animate.scale(0.45).to_corner(UP + LEFT, buff=0.45).shift(0.55 * DOWN),
            FadeOut(self.bench),
        )
        left = self.grid(m, n, PALETTE.input).move_to(3.9 * LEFT + 0.5 * UP)
        right = self.grid(n, p, PALETTE.weight).move_to(0.3 * LEFT + 0.5 * UP)
        times = make_tex(r"\times").move_to((left.get_right() + right.get_left()) / 2)

        def size(a: int, b: int, color: str, under) -> VGroup:
            label = VGroup(
                make_tex(num(a), color=color),
                make_tex(r"\times", color=PALETTE.muted),
                make_tex(num(b), color=color),
            ).arrange(RIGHT, buff=0.15)
            return label.next_to(under, DOWN, buff=0.35)

        left_size = size(m, n, PALETTE.input, left)
        right_size = size(n, p, PALETTE.weight, right)
        self.play(Create(left), Create(right), FadeIn(times), run_time=1.5)
        self.play(FadeIn(left_size, shift=0.2 * UP), FadeIn(right_size, shift=0.2 * UP), run_time=0.8)
        self.wait(0.6)
        # the inner sizes slide together and cancel
        meet = (left_size[2].get_center() + right_size[0].get_center()) / 2 + 0.8 * DOWN
        self.play(
            left_size[2].animate.move_to(meet + 0.18 * LEFT),
            right_size[0].animate.move_to(meet + 0.18 * RIGHT),
            run_time=1.0,
        )
        self.play(*(Indicate(s, color=PALETTE.text) for s in (left_size[2], right_size[0])), run_time=0.8)
        self.play(FadeOut(VGroup(left_size[2], right_size[0]), scale=0.3), run_time=0.6)
        # the outer sizes drop to the result, and the result takes its shape
        result = self.grid(m, p, PALETTE.output).move_to(4.3 * RIGHT + 0.5 * UP)
        equals = make_tex("=").move_to((right.get_right() + result.get_left()) / 2)
        result_size = VGroup(
            make_tex(num(m), color=PALETTE.output),
            make_tex(r"\times", color=PALETTE.muted),
            make_tex(num(p), color=PALETTE.output),
        ).arrange(RIGHT, buff=0.15)
        result_size.next_to(result, DOWN, buff=0.35)
        self.play(FadeIn(equals), run_time=0.4)
        self.play(FadeOut(VGroup(left_size[1], right_size[1])), run_time=0.4)
        self.play(
            left_size[0].animate(path_arc=PI / 4).move_to(result_size[0]).set_color(PALETTE.output),
            right_size[2].animate.move_to(result_size[2]).set_color(PALETTE.output),
            FadeIn(result_size[1], rate_func=second_half),
            run_time=1.2,
        )
        # one row of the result per row of the left, one column per column of the right
        self.play(Create(result), run_time=1.2)
        self.wait(1.0)
        self.shape_parts = VGroup(
            left, right, times, equals, result, left_size[0], right_size[2], result_size[1]
        )

    # -- inputs times weights: a layer ---------------------------------------------------------
    def show_layer(self) -> None:
        ex = self.example
        X = make_matrix(ex.inputs, color=PALETTE.input)
        W = make_matrix(ex.weights, color=PALETTE.weight)
        Z = make_matrix(ex.outputs, color=PALETTE.output)
        equals = make_tex("=")
        layer = VGroup(X, W, equals, Z).arrange(RIGHT, buff=0.5)
        layer.scale(min(12.5 / layer.width, 3.3 / layer.height)).move_to(0.75 * UP)
        heads = VGroup(
            make_text("examples $\\times$ inputs", color=PALETTE.input, font_size=SMALL_SIZE).next_to(X, UP),
            make_text("inputs $\\times$ neurons", color=PALETTE.weight, font_size=SMALL_SIZE).next_to(W, UP),
            make_text("one sum per neuron", color=PALETTE.output, font_size=SMALL_SIZE).next_to(Z, UP),
        )
        self.say("layer")
        self.play(
            # the shapes leave before the layer comes: they share its place
            FadeOut(self.shape_parts, shift=0.3 * DOWN, rate_func=first_half),
            FadeOut(self.corner, rate_func=first_half),
            FadeIn(layer, rate_func=second_half),
            FadeIn(heads, rate_func=second_half),
            run_time=1.6,
        )
        # one entry, as in A @ B: one example's inputs lie on one neuron's weights, pair by pair
        step = ex.layer_step
        x_row, w_col = X.get_rows()[step.i], W.get_columns()[step.j]
        entry = Z.get_entries()[step.i * ex.outputs.shape[1] + step.j]
        dim = [
            e
            for e in (*X.get_entries(), *W.get_entries(), *Z.get_entries())
            if e not in (*x_row, *w_col, entry)
        ]
        self.play(*(e.animate.set_opacity(0.3) for e in dim), entry.animate.set_opacity(0.3), run_time=0.8)
        self.work_layer_entry(step, x_row, w_col, entry, layer.get_bottom()[1])
        self.play(*(e.animate.set_opacity(1) for e in dim), run_time=0.6)
        self.layer = VGroup(layer, heads)
        self.show_cost()

    def work_layer_entry(self, step, x_row, w_col, entry, top: float) -> None:
        """Under the layer: the example's inputs in a row, the neuron's weights turned to lie
        under them, each pair merging into its product, the products into the entry."""
        size = ENTRY_SIZE * 0.8
        n = len(step.factors)
        xs = (np.arange(n) - (n - 1) / 2) * 1.9 - 0.6
        y_x, y_w, y_p = top - 0.55, top - 1.15, top - 1.85
        inputs = VGroup(*(e.copy().set_opacity(0.45) for e in x_row))  # ghosts while they cross
        weights = VGroup(*(e.copy().set_opacity(0.45) for e in w_col))
        # the weights first, to the lower row: they come down past the row the inputs will fill
        self.play(
            *(m.animate.scale(size / m.font_size).move_to([x, y_w, 0]) for m, x in zip(weights, xs)),
            run_time=1.0,
        )
        self.play(
            *(m.animate.scale(size / m.font_size).move_to([x, y_x, 0]) for m, x in zip(inputs, xs)),
            run_time=1.0,
        )
        dots = VGroup(
            *(
                make_tex(r"\times", color=PALETTE.muted, font_size=size).move_to([x, (y_x + y_w) / 2, 0])
                for x in xs
            )
        )
        products = VGroup(
            *(make_tex(num(t), font_size=size).move_to([x, y_p, 0]) for t, x in zip(step.terms, xs))
        )
        plus = VGroup(
            *(
                make_tex("+", color=PALETTE.muted, font_size=size).move_to([(a + b) / 2, y_p, 0])
                for a, b in zip(xs, xs[1:])
            )
        )
        # (ghosts while they travel over the matrices; solid once they lie in place)
        self.play(inputs.animate.set_opacity(1), weights.animate.set_opacity(1), FadeIn(dots), run_time=0.4)
        self.wait(0.4)
        self.play(FadeOut(dots), run_time=0.3)  # the pairs then meet where the signs stood
        # each pair slides down into its product
        self.play(
            *(
                a
                for pair, p in zip(zip(inputs, weights), products)
                for a in (
                    *(m.animate(rate_func=first_half).move_to(p).set_opacity(0) for m in pair),
                    FadeIn(p, scale=0.6, rate_func=second_half),
                )
            ),
            run_time=1.2,
        )
        self.remove(inputs, weights)
        total = make_tex("=", num(step.total), font_size=size)
        total[1].set_color(PALETTE.output)
        total.next_to(products[-1], RIGHT, buff=0.5)
        self.play(FadeIn(plus), FadeIn(total, shift=0.2 * LEFT), run_time=1.0)
        # the sum flies up into the entry
        flying = total[1].copy()
        total[1].set_opacity(0)  # the sum leaves the line (not a copy beside it: it would double)
        self.play(
            flying.animate.move_to(entry).match_height(entry).set_opacity(0),
            entry.animate.set_opacity(1),
            run_time=1.0,
        )
        self.remove(flying)
        self.play(Indicate(entry, color=PALETTE.output, scale_factor=1.3), run_time=0.8)
        self.play(FadeOut(VGroup(products, plus, total)), run_time=0.5)

    def show_cost(self) -> None:
        """Two counters run up: the multiply-adds of one image, then of every digit."""
        cost = self.example.cost
        rows = VGroup(
            VGroup(
                make_text("one image:", font_size=BODY_SIZE),
                make_tex(num(cost.inputs), r"\times", num(cost.neurons), "=", font_size=BODY_SIZE),
            ).arrange(RIGHT, buff=0.25),
            VGroup(
                make_text(f"all {num(cost.batch)} digits:", font_size=BODY_SIZE),
                make_tex(num(cost.batch), r"\times", num(cost.per_example), "=", font_size=BODY_SIZE),
            ).arrange(RIGHT, buff=0.25),
        ).arrange(DOWN, buff=0.35, aligned_edge=RIGHT)
        counters = VGroup(
            make_step_counter(0, font_size=BODY_SIZE), make_step_counter(0, font_size=BODY_SIZE)
        )
        counters.set_color(PALETTE.output)
        unit = make_text("multiply-adds", font_size=SMALL_SIZE, color=PALETTE.muted)
        table = VGroup(rows, unit).arrange(RIGHT, buff=3.2)
        table.next_to(self.layer, DOWN, buff=0.5)
        right_edge = unit.get_left()[0] - 0.35  # the counters end here, whatever their width
        for counter, row in zip(counters, rows):
            counter.next_to(row, RIGHT, buff=0.25).set_y(row[1].get_y())
            counter.add_updater(
                lambda m, row=row: m.align_to([right_edge, 0, 0], RIGHT).set_y(row[1].get_y())
            )
        unit.set_y(rows.get_y())
        self.say("cost", pixels=cost.inputs, neurons=cost.neurons, images=cost.batch)
        self.play(FadeIn(rows[0], shift=0.2 * UP), FadeIn(counters[0]), FadeIn(unit), run_time=1.0)
        self.play(ChangeDecimalToValue(counters[0], cost.per_example), run_time=2.0)
        self.wait(0.6)
        self.play(FadeIn(rows[1], shift=0.2 * UP), FadeIn(counters[1]), run_time=1.0)
        self.play(
            ChangeDecimalToValue(counters[1], cost.per_batch, rate_func=rate_functions.ease_in_cubic),
            run_time=3.0,
        )
        for counter in counters:
            counter.clear_updaters()
        self.wait(1.5)
        self.cost_lines = VGroup(rows, counters, unit)

    # -- NumPy ---------------------------------------------------------------------------------
    def show_numpy(self) -> None:
        ex = self.example
        self.say("numpy")
        self.corner.scale(1 / 0.45).move_to(1.0 * UP)
        self.play(
            FadeOut(VGroup(self.layer, self.cost_lines), shift=0.3 * DOWN, rate_func=first_half),
            FadeIn(self.corner, scale=0.8, rate_func=second_half),
            run_time=1.6,
        )
        code = make_tex(r"\texttt{>>>~A~@~B}", font_size=BODY_SIZE, color=PALETTE.text)
        # NumPy's own print; C's entries fly into its numbers
        made = [_numpy_line(line) for line in ex.numpy_lines]
        printed = VGroup(*(tex for tex, _, _ in made)).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        indent = make_tex(r"\texttt{array(}", font_size=BODY_SIZE).width  # NumPy's own indent
        for line in printed[1:]:
            line.shift((indent + 0.04) * RIGHT)
        # a notebook's line: the code on the left, NumPy's print under C, nothing in between
        printed.next_to(self.C, DOWN, buff=1.1).align_to(self.C, LEFT).shift(0.4 * LEFT)
        edge = config.frame_x_radius - 0.4
        if printed.get_right()[0] > edge:  # a wide print (floats) stays inside the frame
            printed.shift((edge - printed.get_right()[0]) * RIGHT)
        code.next_to(printed[0], LEFT, buff=0.6)
        if code.get_left()[0] < -config.frame_x_radius + 0.5:  # a wide print: the code goes above it
            code.next_to(printed, UP, buff=0.3, aligned_edge=LEFT)
        numbers = [n for _, line_numbers, _ in made for n in line_numbers]
        frame = VGroup(*(rest for _, _, rest in made))
        self.play(Write(code), run_time=1.0)
        entries = self.C.get_entries()
        if len(numbers) != len(entries):  # a print not read number by number: shown whole
            self.play(FadeIn(printed, shift=0.2 * DOWN), run_time=0.8)
        else:
            # C's entries drop straight down into the print, take its typewriter type, and
            # NumPy's brackets close round them
            # (as ghosts, below half opacity, while they pass over the entries under them)
            drops = [e.copy().set_opacity(0.45) for e in entries]
            below = self.C.get_bottom()[1] - 0.45
            top = max(d.get_y() for d in drops)
            self.play(*(d.animate.shift((below - top) * UP) for d in drops), run_time=0.8)
            # the last row first: the rows above never pass through the ones still waiting
            cols = self.example.product.shape[1]
            for start in reversed(range(0, len(drops), cols)):
                row = zip(drops[start : start + cols], numbers[start : start + cols])
                self.play(
                    *(d.animate.scale(n.height / d.height).move_to(n).set_opacity(1) for d, n in row),
                    run_time=max(0.4, 1.4 / self.example.product.shape[0]),
                )
            self.play(*(a for d, n in zip(drops, numbers) for a in fade_through(d, n)), run_time=0.6)
            self.play(FadeIn(frame), run_time=0.6)
        self.play(Indicate(self.C, color=PALETTE.output, scale_factor=1.05), run_time=1.0)


#: A number in NumPy's print: ``19``, ``-0.5``, ``1.``, ``4.7e-99``.
_NUMPY_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?")


def _numpy_line(line: str) -> tuple[VGroup, list[VGroup], VGroup]:
    """One line of NumPy's print in typewriter type, set by LaTeX as one piece; its numbers'
    glyphs (one group per number, coloured as outputs) and the rest (brackets, commas, text).

    In ``\\texttt`` every character but a space is one glyph, in order, so a number's glyphs
    are found by its place in the line with the spaces left out.
    """
    tex = make_tex(r"\texttt{" + line.replace(" ", "~") + "}", font_size=BODY_SIZE, color=PALETTE.text)
    glyphs = tex[0]
    inked = [k for k, ch in enumerate(line) if ch != " "]  # line index of each glyph
    if len(glyphs) != len(inked):  # not one glyph per character: no number picked out
        return tex, [], VGroup(*glyphs)
    glyph_at = {k: g for k, g in zip(inked, glyphs)}
    numbers = []
    for match in _NUMPY_NUMBER.finditer(line):
        number = VGroup(*(glyph_at[k] for k in range(match.start(), match.end())))
        number.set_color(PALETTE.output)
        numbers.append(number)
    taken = {id(g) for n in numbers for g in n}
    return tex, numbers, VGroup(*(g for g in glyphs if id(g) not in taken))
