"""C = A @ B, one entry at a time: a row of A times a column of B."""

from __future__ import annotations

from manim import (
    DOWN,
    UP,
    Create,
    FadeIn,
    FadeOut,
    ReplacementTransform,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
    Write,
)

from mathdl_anim.draw.style import PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import factor, fit_width, make_matrix, make_tex, num
from mathdl_anim.scene.lesson_scene import LessonScene

#: Steps shown slowly before the rest speed up.
SLOW_STEPS = 2


class MatrixMultiplication(LessonScene):
    """Step through C = AB row by column, then the shape rule and numpy's ``A @ B``."""

    def construct(self) -> None:
        self.show_title("Matrix multiplication")
        self.show_operands()
        self.fill_product()
        self.show_shape_rule()
        self.wait(2)

    def show_operands(self) -> None:
        ex = self.example
        self.A = make_matrix(ex.A, color=PALETTE.input)
        self.B = make_matrix(ex.B, color=PALETTE.weight)
        self.C = make_matrix(ex.product, color=PALETTE.output)
        equals = make_tex("=")
        row = VGroup(self.A, self.B, equals, self.C).arrange(buff=0.35)
        names = VGroup(
            *(
                make_tex(name, color=m.get_entries()[0].get_color()).next_to(m, UP, buff=0.2)
                for name, m in (("A", self.A), ("B", self.B), ("C", self.C))
            )
        )
        self.operands = fit_width(VGroup(row, names), 9.5).move_to(0.9 * UP)
        self.play(FadeIn(self.A), FadeIn(self.B), Write(names[:2]), run_time=1.2)
        self.play(Write(equals), Create(self.C.get_brackets()), Write(names[2]), run_time=0.8)
        self.say("entry")

    def fill_product(self) -> None:
        rects = None
        eq = None
        for n, step in enumerate(self.example.steps):
            slow = n < SLOW_STEPS
            new_rects = VGroup(
                SurroundingRectangle(self.A.get_rows()[step.i], color=PALETTE.input, buff=0.12),
                SurroundingRectangle(self.B.get_columns()[step.j], color=PALETTE.weight, buff=0.12),
            )
            new_eq = self.make_step_equation(step)
            if rects is None:
                self.play(Create(new_rects), run_time=0.8)
            else:
                self.play(ReplacementTransform(rects, new_rects), FadeOut(eq), run_time=0.6 if slow else 0.3)
            rects = new_rects
            eq = new_eq
            self.write_step_equation(eq, slow)
            cell = self.C.get_entries()[step.i * self.example.product.shape[1] + step.j]
            self.play(TransformFromCopy(eq[-1], cell), run_time=0.8 if slow else 0.4)
            if n == SLOW_STEPS - 1:
                self.say("every")
        self.play(FadeOut(rects), FadeOut(eq), run_time=0.5)

    def make_step_equation(self, step):
        """``a1·b1 + a2·b2 = t1 + t2 = total``, factors in their matrix's colour."""
        parts, colors = [], []
        for k, (a, b) in enumerate(step.factors):
            if k:
                parts.append("+")
                colors.append(PALETTE.text)
            parts += [factor(a), r"\cdot", factor(b)]
            colors += [PALETTE.input, PALETTE.text, PALETTE.weight]
        if len(step.terms) > 1:
            parts.append("=")
            colors.append(PALETTE.text)
            parts.append(" + ".join(num(t) if k == 0 else factor(t) for k, t in enumerate(step.terms)))
            colors.append(PALETTE.text)
        parts += ["=", num(step.total)]
        colors += [PALETTE.text, PALETTE.output]
        eq = make_tex(*parts)
        for part, color in zip(eq, colors):
            part.set_color(color)
        return fit_width(eq).next_to(self.operands, DOWN, buff=0.8)

    def write_step_equation(self, eq, slow: bool) -> None:
        has_terms = len(eq) > 2 + 3 and len(self.example.steps[0].terms) > 1
        if not slow:
            self.play(FadeIn(eq), run_time=0.4)
            return
        products = eq[:-4] if has_terms else eq[:-2]
        self.play(Write(products), run_time=1.2)
        if has_terms:
            self.play(Write(eq[-4:-2]), run_time=0.8)
        self.play(Write(eq[-2:]), run_time=0.6)
        self.wait(0.5)

    def show_shape_rule(self) -> None:
        (m, n), (_, p), _ = self.example.shapes
        general = make_tex(r"(m \times n)", r"(n \times p)", r"\to", r"(m \times p)")
        specific = make_tex(
            rf"({num(m)} \times {num(n)})",
            rf"({num(n)} \times {num(p)})",
            r"\to",
            rf"({num(m)} \times {num(p)})",
        )
        for line in (general, specific):
            line[0].set_color(PALETTE.input)
            line[1].set_color(PALETTE.weight)
            line[3].set_color(PALETTE.output)
        code = make_tex(
            r"\texttt{C = A @ B}", r"\quad\texttt{\#\,same as np.dot(A, B)}", font_size=SMALL_SIZE
        )
        code[1].set_color(PALETTE.muted)
        block = VGroup(general, specific, code).arrange(DOWN, buff=0.3)
        block.next_to(self.operands, DOWN, buff=0.6)
        self.say("shapes", rows=m, inner=n, cols=p)
        self.play(Write(general), run_time=1)
        self.play(TransformFromCopy(general, specific), run_time=1)
        self.play(FadeIn(code, shift=0.2 * UP), run_time=0.8)
