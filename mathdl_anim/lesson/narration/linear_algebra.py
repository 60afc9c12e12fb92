"""Narration of chapter 1, linear algebra: tensor shapes, matrix multiplication, the neuron."""

from __future__ import annotations

from mathdl_anim.lesson.narration.script import Beat, Script

__all__ = ["SCRIPTS"]

SCRIPTS: tuple[Script, ...] = (
    Script(
        "TensorShapes",
        (
            Beat(
                "arrays",
                "Deep learning stores all data as arrays of numbers",
                "Deep learning stores all of its data as arrays of numbers: a single scalar, a vector, "
                "a matrix, or a tensor with even more axes.",
            ),
            Beat(
                "shape",
                "shape: length of each axis, ndim: number of axes, size: number of entries",
                "Every array has a shape, the length of each axis; an ndim, the number of axes; and a "
                "size, the number of entries.",
            ),
            Beat(
                "flatten",
                "Flatten each image into one row of numbers for a dense layer",
                "A dense layer wants one row per example, so every image of the batch, {images} in all, "
                "is flattened into a single row of {features} numbers.",
            ),
            Beat(
                "weights",
                "A weight matrix then maps each row to a few outputs",
                "A weight matrix then maps each long row to just a few outputs, the whole batch in one "
                "matrix product.",
            ),
            Beat(
                "bias",
                "Adding a bias of shape (k,) to a whole batch: broadcasting",
                "Now we add a bias, one number per output, to the whole batch at once. This is called "
                "broadcasting.",
            ),
            Beat(
                "repeat",
                "numpy repeats b down the batch, one copy per row",
                "NumPy repeats the bias down the batch, one copy for every row, so that the shapes "
                "match and the entries add up one by one.",
            ),
        ),
    ),
    Script(
        "MatrixMultiplication",
        (
            Beat(
                "operands",
                "The lesson's A and B; their product C starts empty",
                "Here are the lesson's two matrices, A and B. Their product, C, starts empty.",
            ),
            Beat(
                "entry",
                "A row of A stands against a column of B: multiply pairs, add",
                "To fill the top left entry of C, take the first row of A and stand it up against the "
                "first column of B. Multiply each pair, then add the products.",
            ),
            Beat(
                "again",
                "Same row, next column: {total}",
                "The same row against the next column of B gives {total}.",
            ),
            Beat(
                "every",
                "Row times column fills every entry",
                "Row times column: the same rule fills in every other entry of C.",
            ),
            Beat(
                "shapes",
                "Inner sizes meet and cancel; the outer ones give the shape",
                "The shapes say whether a product exists. A {rows} by {inner} matrix times an {inner} by "
                "{cols} matrix: the inner sizes must match, and they cancel. The outer sizes, {rows} by "
                "{cols}, are the shape of the result.",
            ),
            Beat(
                "layer",
                "Inputs times weights: a sum per example and neuron",
                "This is what a layer of a network computes. Each row of the inputs is one example, each "
                "column of the weights is one neuron, and one entry of the result is one neuron's "
                "weighted sum for one example.",
            ),
            Beat(
                "cost",
                "One layer of the digit network: millions of multiply-adds",
                "A layer that takes the {pixels} pixels of a digit into {neurons} neurons costs {pixels} "
                "times {neurons} multiply-adds per image. For all {images} digits, that is millions.",
            ),
            Beat(
                "numpy",
                "In NumPy, all of it is A @ B",
                "In NumPy, all of this is one line: A at B.",
            ),
        ),
    ),
    Script(
        "Neuron",
        (
            Beat(
                "inputs",
                "Inputs $x$ arrive, each along a connection with a weight $w$",
                "Inputs x arrive at the neuron, each along a connection that carries a weight w.",
            ),
            Beat(
                "weighted_sum",
                "Multiply each input by its weight and add them up",
                "The neuron multiplies each input by its weight and adds the products up.",
            ),
            Beat("bias", "then add the bias", "Then it adds the bias, {bias}. The result, z, is {z}."),
            Beat(
                "layer",
                "A layer is many neurons: one row of $W$ per neuron",
                "A layer is many neurons side by side. Each row of the weight matrix W holds the "
                "weights of one neuron.",
            ),
            Beat(
                "first_row",
                "The neuron we just computed is the first row of $Wx + b$",
                "The neuron we just computed is the first row of W x plus b. The other rows work "
                "exactly the same way.",
            ),
            Beat(
                "activation",
                "An activation bends the output, so layers can learn non-linear patterns",
                "Finally an activation function bends the output. Without it, stacked layers would "
                "collapse into one linear map; with it, they can learn non-linear patterns.",
            ),
        ),
    ),
)
