"""Data is arrays: a real digit is an 8 x 8 matrix; the ranks built one axis at a time; a batch
flattened into rows, slid across the network's weights into scores; a bias broadcast down the rows.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    PI,
    RIGHT,
    UP,
    AnimationGroup,
    Brace,
    Create,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    GrowFromPoint,
    LaggedStart,
    ReplacementTransform,
    Rotate,
    SurroundingRectangle,
    Transform,
    TransformFromCopy,
    VGroup,
    rate_functions,
)

from mathdl_anim.core.digits import CLASSES, DIGIT_IMAGES, DIGIT_PIXELS, DIGIT_SIDE, INK_LEVELS
from mathdl_anim.core.linear_algebra import WALL_SLOT
from mathdl_anim.draw.arrays import (
    DIM_INK,
    ink_color,
    make_cells,
    make_digit_image,
    make_pixel_numbers,
    make_readout,
    make_weight_block,
)
from mathdl_anim.draw.style import BODY_SIZE, LABEL_SIZE, PALETTE, SMALL_SIZE
from mathdl_anim.draw.text import fade_through, make_tex, num, second_half, shape_tex
from mathdl_anim.scene.lesson_scene import LessonScene

#: The digit at full size: a square's side and the image's centre.
SIDE = 0.66
IMAGE_AT = np.array([-3.0, -0.4, 0.0])
#: The wall of digits the first one is picked from: a square's side and the wall's centre.
WALL_SIDE, WALL_AT = 0.1, np.array([3.5, -0.2, 0.0])
#: Where the readout of shape, ndim and size stands (its left edge and centre height).
READOUT_X, READOUT_Y = 1.6, 0.2
#: The batch: a square's side, and the step between images stacked back to front.
STACK_SIDE, STACK_STEP = 0.48, 0.42
#: The flattened batch (one strip per image, bottom left) and the network (top right); the scores
#: sit under the weights, one row per strip, one column per column of weights.
STRIP_LEFT, STRIP_WIDTH, ROW_H = -5.8, 5.0, 0.62
FIRST_ROW_Y = -0.78
WEIGHTS_LEFT, WEIGHTS_TOP, WEIGHTS_HEIGHT = -0.6, 2.55, 2.6
SCORE_SIZE = 20
#: The readout's height once the batch is flattened (above the strips).
FLAT_READOUT_Y = 1.4
#: The scores, enlarged in the middle for the bias.
#: (a batch of three has room for larger cells than a batch of four)
BOARD_SCALE, BOARD_AT = {3: 1.55, 4: 1.35}, np.array([0.0, -1.25, 0.0])


class TensorShapes(LessonScene):
    """A real digit as a matrix, the ranks one axis at a time, a batch flattened and scored."""

    def construct(self) -> None:
        self.show_title("Tensors: shape, ndim and size")
        self.show_digit()
        self.build_ranks()
        self.stack_batch()
        self.flatten_batch()
        self.score_batch()
        self.broadcast_bias()
        self.show_guesses()
        self.wait(2)

    # -- a digit is a matrix ------------------------------------------------------------------
    def show_digit(self) -> None:
        ex = self.example
        first = ex.digits[0]
        # a wall of the data set's digits; one of them steps out and grows
        wall = VGroup(
            *(make_digit_image(d.pixels, INK_LEVELS, side=WALL_SIDE, grid=0) for d in ex.wall)
        ).arrange_in_grid(rows=4, buff=0.16)
        wall.move_to(WALL_AT)
        self.image = make_digit_image(first.pixels, INK_LEVELS, side=SIDE).move_to(IMAGE_AT)
        self.numbers = make_pixel_numbers(first.pixels, self.image, INK_LEVELS, font_size=LABEL_SIZE + 2)
        picked = wall[WALL_SLOT]
        self.say("digit", label=first.label, images=DIGIT_IMAGES, side=DIGIT_SIDE)
        self.play(LaggedStart(*(FadeIn(w, scale=0.8) for w in wall), lag_ratio=0.05), run_time=2.0)
        self.play(picked.animate.set_opacity(0.2), TransformFromCopy(picked, self.image), run_time=1.8)
        self.say("numbers", blank=0, full=INK_LEVELS, side=DIGIT_SIDE)
        # the grey levels rise into the squares, row by row, as the ink dims behind them
        self.play(
            LaggedStart(*(FadeIn(row, shift=0.1 * UP) for row in self.numbers), lag_ratio=0.25),
            *self.inked(DIM_INK),
            run_time=3.0,
        )
        # the two axes: a brace along the top (columns) and down the side (rows)
        top = Brace(self.image, UP, buff=0.08, color=PALETTE.muted)
        side = Brace(self.image, LEFT, buff=0.08, color=PALETTE.muted)
        top_n = make_tex(num(DIGIT_SIDE), font_size=BODY_SIZE).next_to(top, UP, buff=0.08)
        side_n = make_tex(num(DIGIT_SIDE), font_size=BODY_SIZE).next_to(side, LEFT, buff=0.1)
        self.play(
            GrowFromEdge(top, LEFT), GrowFromEdge(side, UP), FadeIn(top_n), FadeIn(side_n), run_time=1.2
        )
        # the wall clears; the axis lengths travel round the picture into the shape (rows first),
        # ndim counts them, size multiplies them
        matrix = ex.tensors[2]
        self.readout = self.readout_for(matrix)
        self.say("shape", size=matrix.size)
        shape = self.readout[0]
        self.play(FadeOut(wall, shift=0.5 * RIGHT), FadeIn(shape[0]), run_time=0.9)
        glyphs = shape[1]  # "(", "8", ",", "8", ")"
        rows_n, cols_n = side_n.copy(), top_n.copy()
        above = top_n.get_y()
        self.play(
            rows_n.animate.move_to([side_n.get_x(), above, 0]),
            cols_n.animate.move_to([glyphs[3].get_x(), above, 0]),
            run_time=0.8,
        )
        self.play(
            rows_n.animate.move_to([glyphs[1].get_x(), above, 0]),
            cols_n.animate.move_to(glyphs[3]).match_height(glyphs[3]),
            run_time=0.8,
        )
        self.play(rows_n.animate.move_to(glyphs[1]).match_height(glyphs[1]), run_time=0.6)
        self.add(shape[1])
        self.remove(rows_n, cols_n)
        self.play(FadeIn(self.readout[1], shift=0.1 * DOWN), run_time=0.8)
        self.play(FadeIn(self.readout[2], shift=0.1 * DOWN), run_time=0.8)
        self.braces = VGroup(top, side, top_n, side_n)

    def inked(self, share: float) -> list:
        """Animations: the first digit's squares take ``share`` of their ink."""
        pixels = self.example.digits[0].pixels
        return [
            square.animate.set_fill(ink_color(level * share, INK_LEVELS))
            for row, levels in zip(self.image, pixels)
            for square, level in zip(row, levels)
        ]

    def readout_for(self, info, y: float = READOUT_Y) -> VGroup:
        readout = make_readout(info.shape, info.ndim, info.size, font_size=BODY_SIZE)
        readout.move_to([0, y, 0]).align_to([READOUT_X, 0, 0], LEFT)
        return readout

    def show_readout(self, info, *others, y: float = READOUT_Y, run_time: float = 1.0) -> None:
        """The readout cross-fades in place to ``info``'s shape, ndim and size."""
        self.play(self.readout_change(info, y), *others, run_time=run_time)

    # -- scalar, vector, matrix ------------------------------------------------------------------
    def build_ranks(self) -> None:
        ex = self.example
        scalar, vector, matrix = ex.tensors[:3]
        r, c = ex.pixel
        cell = VGroup(self.image[r][c], self.numbers[r][c])
        others = [
            VGroup(self.image[i][j], self.numbers[i][j])
            for i in range(DIGIT_SIDE)
            for j in range(DIGIT_SIDE)
            if (i, j) != (r, c)
        ]
        self.say("scalar", value=scalar.entries)
        self.show_readout(
            scalar,
            FadeOut(self.braces),
            *(sq.animate.set_opacity(0.07) for sq, _ in others),
            *(n.animate.set_opacity(0) for _, n in others),
            run_time=1.5,
        )
        self.play(cell.animate.scale(1.35), rate_func=rate_functions.there_and_back, run_time=1.0)
        # the pixel stretches along its row
        self.say("vector", side=DIGIT_SIDE)
        row = VGroup(self.image[r], self.numbers[r])
        lit = row.copy().set_opacity(1)
        for square in lit[0]:  # a copy keeps the ink, not the dimmed fill
            square.set_fill(opacity=1).set_stroke(opacity=0.5)
        # the squares stretch out of the pixel; their numbers appear once they stand apart
        self.play(
            GrowFromPoint(lit[0], cell.get_center()),
            FadeIn(lit[1], rate_func=second_half),
            run_time=1.4,
        )
        self.swap_in(row, lit)
        row_brace = Brace(self.image[r], UP, buff=0.06, color=PALETTE.muted)
        row_n = make_tex(num(DIGIT_SIDE), font_size=BODY_SIZE).next_to(row_brace, UP, buff=0.08)
        self.show_readout(vector, GrowFromEdge(row_brace, LEFT), FadeIn(row_n), run_time=1.0)
        # the row sweeps down (and up) into the whole grid
        self.say("matrix", side=DIGIT_SIDE)
        rows = [i for i in range(DIGIT_SIDE) if i != r]
        lits = {i: VGroup(self.image[i], self.numbers[i]).copy() for i in rows}
        for group in lits.values():
            group.set_opacity(1)
            for square in group[0]:
                square.set_stroke(opacity=0.5)
        self.play(FadeOut(VGroup(row_brace, row_n)), run_time=0.4)
        # each row unrolls from the edge of the row before it, outwards from r: a shade drawn
        # down (and up). Rows that slid out of row r together squeezed their numbers into soup
        by_distance = sorted(rows, key=lambda i: abs(i - r))
        shades = {
            i: lits[i].copy().stretch(0.02, 1, about_edge=UP if i > r else DOWN).set_opacity(0) for i in rows
        }
        self.play(
            LaggedStart(*(Transform(shades[i], lits[i]) for i in by_distance), lag_ratio=0.35),
            run_time=2.0,
        )
        self.remove(*shades.values())
        self.add(*(lits[i] for i in rows))
        for i in rows:
            self.swap_in(VGroup(self.image[i], self.numbers[i]), lits[i])
        self.show_readout(matrix, FadeIn(self.braces), run_time=1.0)

    def swap_in(self, group: VGroup, lit: VGroup) -> None:
        """``lit`` (a bright copy of ``group`` drawn over it) becomes ``group`` again."""
        group.set_opacity(1)
        for square in group[0]:
            square.set_stroke(opacity=0.5)
        self.remove(lit, *lit)  # and its parts, if an animation added them one by one

    # -- a batch, and channels -----------------------------------------------------------------
    def stack_batch(self) -> None:
        ex = self.example
        batch, channels, colour = ex.tensors[3:]
        n = len(ex.digits)
        front = self.image
        # the digit steps back and shrinks; the batch's other images slide in behind it
        corner = np.array([-5.6, -2.6, 0]) + np.array([STACK_SIDE * DIGIT_SIDE / 2] * 2 + [0])
        self.say("batch", n=n, side=DIGIT_SIDE)
        self.play(FadeOut(self.numbers), FadeOut(self.braces), *self.inked(1.0), run_time=0.6)
        self.play(front.animate.scale(STACK_SIDE / SIDE).move_to(corner), run_time=1.0)
        self.images = [front]
        backs = []
        for k, digit in enumerate(ex.digits[1:], start=1):
            image = make_digit_image(digit.pixels, INK_LEVELS, side=STACK_SIDE)
            image.move_to(corner + k * STACK_STEP * (UP + RIGHT))
            self.images.append(image)
            backs.append(image)
        for image in backs:  # each behind the ones before it
            self.add(image)
            self.bring_to_back(image)
        # (a batch of one: nothing arrives, the axis is there with length 1)
        arrivals = []
        if backs:
            arrivals.append(LaggedStart(*(FadeIn(im, shift=1.5 * LEFT) for im in backs), lag_ratio=0.4))
        self.play(
            *arrivals,
            self.readout_change(batch),
            run_time=max(1.5, 0.7 * len(backs)),
        )
        # the channel axis: 1 for grey; a colour photo would split into red, green and blue
        self.say("channels", grey=channels.shape[1], colour=colour.shape[1])
        self.show_readout(channels, run_time=1.0)
        planes = VGroup(
            *(
                make_digit_image(ex.digits[0].pixels, INK_LEVELS, side=STACK_SIDE, ink=tint).move_to(front)
                for tint in PALETTE.channels
            )
        )
        # a colour image is three images: red, green and blue; they fan out above the readout
        fanned = planes.copy().scale(0.34).arrange(RIGHT, buff=0.3).move_to([3.2, 2.0, 0])
        names = VGroup(
            *(
                make_tex(name, color=tint, font_size=SMALL_SIZE).next_to(plane, UP, buff=0.1)
                for name, tint, plane in zip("RGB", PALETTE.channels, fanned)
            )
        )
        self.play(
            LaggedStart(*(Transform(p, f) for p, f in zip(planes, fanned)), lag_ratio=0.2),
            self.readout_change(colour),
            run_time=1.8,
        )
        self.play(FadeIn(names), run_time=0.6)
        self.wait(1.2)
        self.play(
            *(plane.animate.move_to(front).match_height(front).set_opacity(0) for plane in planes),
            FadeOut(names),
            self.readout_change(channels),
            run_time=1.4,
        )
        self.remove(planes)

    def readout_change(self, info, y: float = READOUT_Y):
        """An animation: the readout cross-fades to ``info`` (play it with others)."""
        new = self.readout_for(info, y)
        old = self.readout
        self.readout = new
        return AnimationGroup(*fade_through(old, new))

    # -- flatten ---------------------------------------------------------------------------------
    def strip_y(self, i: int) -> float:
        return FIRST_ROW_Y - ROW_H * i

    def flatten_batch(self) -> None:
        ex = self.example
        n = len(ex.digits)
        cell_w = STRIP_WIDTH / DIGIT_PIXELS
        self.say("flatten", pixels=DIGIT_PIXELS, n=n)
        # the stack steps up to the top left, out of the strips' way; thumbnails stay by the strips
        stack = VGroup(*reversed(self.images))
        self.play(stack.animate.scale(0.62).to_corner(UP + LEFT, buff=0.4).shift(0.55 * DOWN), run_time=1.0)
        self.thumbs = VGroup(
            *(
                image.copy()
                .scale_to_fit_height(ROW_H * 0.85)
                .move_to([STRIP_LEFT - 0.45, self.strip_y(i), 0])
                for i, image in enumerate(self.images)
            )
        )
        counter_at = np.array([STRIP_LEFT + STRIP_WIDTH + 0.9, self.strip_y(0), 0])
        counter = make_tex(num(0), font_size=BODY_SIZE).move_to(counter_at)

        def segment(i: int, r: int) -> list[np.ndarray]:
            """Where the squares of row ``r`` of image ``i`` lie in its strip."""
            x0 = STRIP_LEFT + (r * DIGIT_SIDE + 0.5) * cell_w
            return [np.array([x0 + c * cell_w, self.strip_y(i), 0]) for c in range(DIGIT_SIDE)]

        def peel(i: int, r: int):
            return [
                square.animate.stretch_to_fit_width(cell_w)
                .stretch_to_fit_height(ROW_H * 0.9)
                .set_stroke(width=0)
                .move_to(at)
                for square, at in zip(self.images[i][r], segment(i, r))
            ]

        # the front image, row by row, with a running count
        self.play(TransformFromCopy(self.images[0], self.thumbs[0]), FadeIn(counter), run_time=0.8)
        for r in range(DIGIT_SIDE):
            count = make_tex(num((r + 1) * DIGIT_SIDE), font_size=BODY_SIZE).move_to(counter_at)
            self.play(*peel(0, r), *fade_through(counter, count), run_time=0.75 if r < 2 else 0.45)
            counter = count
        # the rest of the batch at once
        if n > 1:
            self.play(
                *(TransformFromCopy(self.images[i], self.thumbs[i]) for i in range(1, n)),
                run_time=0.8,
            )
            self.play(*(a for i in range(1, n) for r in range(DIGIT_SIDE) for a in peel(i, r)), run_time=1.6)
        self.strips = VGroup(*self.images)
        self.show_readout(ex.flattened, FadeOut(counter), y=FLAT_READOUT_Y, run_time=1.0)

    # -- the weights, and the scores -------------------------------------------------------------
    def score_batch(self) -> None:
        ex = self.example
        n = len(ex.digits)
        net_W = ex.weights
        block_w = CLASSES * ROW_H
        self.weights = make_weight_block(net_W, block_w, WEIGHTS_HEIGHT)
        self.weights.move_to([WEIGHTS_LEFT + block_w / 2, WEIGHTS_TOP - WEIGHTS_HEIGHT / 2, 0])
        self.heads = VGroup(
            *(
                make_tex(num(k), color=PALETTE.muted, font_size=SCORE_SIZE).next_to(column, UP, buff=0.1)
                for k, column in enumerate(self.weights)
            )
        )
        flat_shape, w_shape, out_shape = ex.flattened.shape, ex.weights_shape, ex.xw.shape
        rule = make_tex(
            shape_tex(flat_shape), "@", shape_tex(w_shape), r"\to", shape_tex(out_shape), font_size=BODY_SIZE
        )
        rule[0].set_color(PALETTE.input)
        rule[2].set_color(PALETTE.weight)
        rule[4].set_color(PALETTE.output)
        rule.move_to([-3.55, 1.3, 0])
        self.say("weights", pixels=DIGIT_PIXELS, classes=CLASSES)
        # the readout's shape becomes the rule's first operand while the weights grow in beside
        self.play(
            FadeOut(
                VGroup(self.readout[0][0], self.readout[1:]),
                rate_func=rate_functions.squish_rate_func(rate_functions.smooth, 0, 0.3),
            ),
            ReplacementTransform(self.readout[0][1], rule[0]),
            # once the shape has left the place where the weights stand
            GrowFromEdge(
                self.weights, UP, rate_func=rate_functions.squish_rate_func(rate_functions.smooth, 0.3, 1)
            ),
            run_time=1.6,
        )
        self.play(FadeIn(rule[1:3], shift=0.2 * RIGHT), FadeIn(self.heads, lag_ratio=0.1), run_time=1.2)
        # the scores: one cell per image and digit, under the weights' columns
        self.scores = make_cells(ex.xw.entries, PALETTE.output, side=ROW_H, font_size=SCORE_SIZE)
        self.scores.move_to([WEIGHTS_LEFT + block_w / 2, self.strip_y((n - 1) / 2), 0])
        for cell in self.scores:
            cell[1].set_opacity(0)
        self.say("scores", n=n, pixels=DIGIT_PIXELS, classes=CLASSES)
        self.play(Create(VGroup(*(cell[0] for cell in self.scores))), run_time=1.0)
        for i in range(n):
            self.slide_row(i, slow=i == 0)
        self.play(FadeIn(rule[3:], shift=0.2 * RIGHT), run_time=0.8)
        self.rule = rule

    def slide_row(self, i: int, slow: bool) -> None:
        """A copy of image ``i``'s strip turns upright, lies on the first column of weights and
        slides across them; each column it passes gives that image's score for that digit."""
        strip = self.strips[i].copy()
        column = self.weights[0]
        self.play(
            Rotate(strip, -PI / 2, about_point=strip.get_center()),
            strip.animate.set_opacity(0.75),
            run_time=0.9 if slow else 0.35,
        )
        self.play(
            strip.animate.stretch_to_fit_height(WEIGHTS_HEIGHT)
            .stretch_to_fit_width(ROW_H * 0.8)
            .move_to(column),
            run_time=0.9 if slow else 0.35,
        )
        cells = [self.scores[i * CLASSES + j] for j in range(CLASSES)]
        if slow:
            for j, cell in enumerate(cells):
                if j:
                    self.play(strip.animate.move_to(self.weights[j]), run_time=0.3)
                self.play(cell[1].animate.set_opacity(1), run_time=0.25 if j else 0.6)
        else:
            self.play(
                strip.animate(rate_func=rate_functions.linear).move_to(self.weights[-1]),
                LaggedStart(*(cell[1].animate.set_opacity(1) for cell in cells), lag_ratio=0.9),
                run_time=1.2,
            )
        self.play(FadeOut(strip), run_time=0.3)

    # -- broadcasting ------------------------------------------------------------------------------
    def broadcast_bias(self) -> None:
        ex = self.example
        n = len(ex.digits)
        scale = self.board_scale = BOARD_SCALE[n]
        # the weights and strips step aside; the scores move to the middle, each image's
        # thumbnail beside its row
        self.say("bias", n=n, classes=CLASSES)
        board = self.scores.copy().scale(scale).move_to(BOARD_AT)
        bias = make_cells([ex.bias.entries], PALETTE.bias, side=ROW_H, font_size=SCORE_SIZE).scale(scale)
        bias.next_to(board, UP, buff=0.5)
        heads_at = [h.copy().scale(scale).next_to(cell, UP, buff=0.1) for h, cell in zip(self.heads, bias)]
        thumbs_at = [
            [board.get_left()[0] - 0.5, board[i * CLASSES].get_y(), 0] for i in range(len(self.thumbs))
        ]
        # the weights go first: the scores would slide across them
        self.play(FadeOut(VGroup(self.weights, self.strips, self.rule)), run_time=0.6)
        self.play(
            self.scores.animate.scale(scale).move_to(board),
            *(h.animate.scale(scale).move_to(at) for h, at in zip(self.heads, heads_at)),
            *(t.animate.move_to(at) for t, at in zip(self.thumbs, thumbs_at)),
            run_time=1.2,
        )
        bias_shape = make_tex(shape_tex(ex.bias.shape), color=PALETTE.bias, font_size=SMALL_SIZE)
        bias_shape.next_to(bias, RIGHT, buff=0.35)
        score_shape = make_tex(shape_tex(ex.xw.shape), color=PALETTE.output, font_size=SMALL_SIZE)
        score_shape.next_to(self.scores, RIGHT, buff=0.35)
        self.play(FadeIn(bias, shift=0.3 * DOWN), FadeIn(bias_shape), FadeIn(score_shape), run_time=1.2)
        # a ghost of the bias row slides down onto each row, and the row becomes its sums
        self.say("repeat")
        for i in range(n):
            self.add_bias_to_row(i, bias, slow=i == 0)
        self.bias, self.shapes = bias, VGroup(bias_shape, score_shape)

    def add_bias_to_row(self, i: int, bias: VGroup, slow: bool) -> None:
        ex = self.example
        row = [self.scores[i * CLASSES + j] for j in range(CLASSES)]
        ghost = bias.copy().set_opacity(0.35)
        for cell in ghost:  # the ghost is the row's green cells: the sums are what show its numbers
            cell[1].set_opacity(0)
        self.play(ghost.animate.move_to(VGroup(*row)), run_time=1.2 if slow else 0.6)
        sums = [
            make_tex(num(ex.broadcast_sum.entries[i][j]), color=PALETTE.output, font_size=SCORE_SIZE)
            .scale(self.board_scale)
            .move_to(cell[0])
            for j, cell in enumerate(row)
        ]
        self.swap_parts(
            [(cell, 1, new) for cell, new in zip(row, sums)], FadeOut(ghost), run_time=1.0 if slow else 0.6
        )

    # -- the guesses ---------------------------------------------------------------------------------
    def show_guesses(self) -> None:
        ex = self.example
        self.say("guess")
        rings, guesses = VGroup(), VGroup()
        for i, guess in enumerate(ex.guesses):
            cell = self.scores[i * CLASSES + guess]
            rings.add(SurroundingRectangle(cell[0], color=PALETTE.highlight, buff=0.0, stroke_width=4))
            guesses.add(
                make_tex(num(guess), color=PALETTE.highlight, font_size=BODY_SIZE).move_to(
                    [self.scores.get_right()[0] + 0.5, cell.get_y(), 0]
                )
            )
        self.play(FadeOut(self.shapes), run_time=0.5)
        self.play(LaggedStart(*(Create(r) for r in rings), lag_ratio=0.4), run_time=1.6)
        self.play(
            LaggedStart(*(FadeIn(mark, shift=0.3 * RIGHT) for mark in guesses), lag_ratio=0.3),
            *(self.heads[g].animate.set_color(PALETTE.highlight) for g in set(ex.guesses)),
            run_time=1.2,
        )
