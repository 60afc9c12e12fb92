"""Narration of chapter 1, linear algebra: tensor shapes, matrix multiplication, the neuron."""

from __future__ import annotations

from mathdl_anim.lesson.narration.script import Beat, Script

__all__ = ["SCRIPTS"]

SCRIPTS: tuple[Script, ...] = (
    Script(
        "TensorShapes",
        (
            Beat(
                "digit",
                "A real handwritten {label}, made of {side} by {side} squares of ink",
                "A handwritten {label}, one of scikit-learn's {images} scanned digits: {side} by "
                "{side} squares of ink.",
            ),
            Beat(
                "numbers",
                "To the computer each square is a number: {blank} (no ink) to {full} (full ink)",
                "To the computer each square is a number, from {blank} for no ink up to {full}. The "
                "image is a matrix: {side} rows of {side} numbers.",
            ),
            Beat(
                "shape",
                "shape: the length of each axis; ndim: how many axes; size: how many numbers",
                "NumPy describes an array by its shape, the length of each axis; its ndim, how many "
                "axes; its size, how many entries: {size}.",
            ),
            Beat(
                "scalar",
                "One number alone is a scalar: no axes, shape ()",
                "Build it one axis at a time. One number, {value}, is a scalar: no axes, an empty shape.",
            ),
            Beat(
                "vector",
                "It stretches into a row: a vector, one axis, shape ({side},)",
                "Stretch it into a row of {side} numbers: a vector, with one axis.",
            ),
            Beat(
                "matrix",
                "The row sweeps down: a matrix, two axes, shape ({side}, {side})",
                "Sweep the row down: a matrix, with two axes. The image again.",
            ),
            Beat(
                "batch",
                "Images stacked into a batch: a tensor with three axes, shape ({n}, {side}, {side})",
                "A network reads many images at once. Stack {n} of them: a tensor with three axes, "
                "the first one counting images.",
            ),
            Beat(
                "channels",
                "Frameworks add a channel axis: (N, C, H, W), C = {grey} for grey, {colour} for colour",
                "PyTorch adds a channel axis: {grey} for grey images, {colour} for red, green and blue. "
                "N, C, H, W.",
            ),
            Beat(
                "flatten",
                "Flatten: each image's rows laid end to end, one row of {pixels} numbers",
                "A dense layer wants each example as one row, so each image is flattened: its rows laid "
                "end to end, {pixels} numbers. The batch is now {n} by {pixels}.",
            ),
            Beat(
                "weights",
                "The network's weights: {pixels} rows, one column per digit",
                "The weights of a small network trained on these digits: {pixels} rows, one per pixel, "
                "and {classes} columns, one per digit.",
            ),
            Beat(
                "scores",
                "Each image's row slides across the weights: one score per column",
                "Each image's row slides across the weights. Against each column, it gives one number: "
                "a score for that digit. The batch, {n} by {pixels}, times the weights, {pixels} by "
                "{classes}, gives {n} by {classes}: {classes} scores per image.",
            ),
            Beat(
                "bias",
                "Adding a bias of shape ({classes},) to shape ({n}, {classes}): broadcasting",
                "Then it adds a bias of shape {classes} to shape {n} by {classes}. The shapes differ, "
                "so NumPy broadcasts.",
            ),
            Beat(
                "repeat",
                "NumPy copies the bias down the rows, and adds entry by entry",
                "It copies the bias row down, once for every image, and adds entry by entry.",
            ),
            Beat(
                "guess",
                "In each row the largest score is the network's guess",
                "In each row the largest score is the network's guess. The next chapter turns scores "
                "into probabilities.",
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
                "The shapes say whether a product exists: {rows} by {inner}, times {inner} by {cols}. "
                "The inner sizes must match, and they cancel. The outer sizes, {rows} by "
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
                "The digit network's layer: over a million multiply-adds",
                "The digit network's layer takes the {pixels} pixels of a digit to {neurons} scores: "
                "{pixels} times {neurons} multiply-adds per image. For all {images} digits, over a "
                "million. Bigger networks do billions.",
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
                "Inputs arrive along connections; each connection has a weight",
                "A neuron receives inputs, here {n} numbers. Each arrives along a connection with its "
                "own weight: the thicker the line, the larger the weight.",
            ),
            Beat(
                "weighted_sum",
                "Each input is multiplied by its weight, and the neuron adds the products",
                "As an input travels along its connection, it is multiplied by the weight. The neuron "
                "adds up what arrives.",
            ),
            Beat(
                "bias",
                "Then it adds its bias, one number: $z = {z}$",
                "Then it adds its bias, a single number, {bias}. The result is z, {z}.",
            ),
            Beat(
                "row",
                "The inputs are a column, the weights a row: row times column",
                "Take the inputs out of the picture: they form a column. The weights form a row beside "
                "it. The neuron's sum is exactly that row times that column, plus the bias.",
            ),
            Beat(
                "layer",
                "More neurons, same inputs: each neuron is one row of $W$",
                "A layer has many neurons reading the same inputs. Each one brings its own row of "
                "weights, and the rows stack into the matrix W.",
            ),
            Beat(
                "single",
                "A layer of one neuron: $W$ is a single row",
                "This layer has a single neuron, so W is a single row of weights. A wider layer "
                "stacks one row per neuron.",
            ),
            Beat(
                "vector",
                "One bias per neuron: $b$ becomes a vector, and the layer is $Wx + b$",
                "Each neuron also has its own bias, so the bias becomes a vector. The whole layer is "
                "one line: W x plus b.",
            ),
            Beat(
                "batch",
                "One example: $Wx + b$. A batch, one example per row: $XW^T + b$",
                "That is for one example, a column x. For a batch, the examples are the rows of a "
                "matrix X, as in the tensor scene, and the same layer reads X times W transposed, plus "
                "b.",
            ),
            Beat(
                "activation",
                "An activation bends each z: here $a = {act}(z)$",
                "Finally, each z goes through an activation function that bends it. Read each z on the "
                "curve, and out comes a.",
            ),
            Beat(
                "collapse",
                "Without the bend, two layers are one matrix: $W_2 W_1$",
                "Why bend at all? Without it, a second layer on top of the first is just another "
                "matrix, and two matrices multiply into one. Stacking would add nothing. The bend is "
                "what lets deep networks learn curved patterns.",
            ),
        ),
    ),
)
