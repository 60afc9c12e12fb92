"""Chapter 1, linear algebra: tensor shapes, matrix multiplication, the neuron."""

from __future__ import annotations

from mathdl_anim.core import linear_algebra as la
from mathdl_anim.core.activations import ACTIVATIONS
from mathdl_anim.core.digits import DIGIT_IMAGES
from mathdl_anim.core.params import Param, as_choice, as_index_list, as_matrix, as_vector
from mathdl_anim.lesson.spec import SceneSpec

__all__ = ["CHAPTER", "SCENES"]

CHAPTER = "Linear algebra"

SCENES: tuple[SceneSpec, ...] = (
    SceneSpec(
        name="TensorShapes",
        module="scenes.tensor_shapes",
        chapter=CHAPTER,
        description="A real handwritten digit as an 8x8 matrix; the ranks built one axis at a time; "
        "a batch flattened into rows, scored by the network's weights, and a bias broadcast.",
        params=(
            Param(
                "digits",
                [0, 1, 2, 3],
                f"indices of {la.MIN_BATCH} to {la.MAX_BATCH} images of scikit-learn's digits (0 to "
                f"{DIGIT_IMAGES - 1}); the batch size is their count, the first is shown number by number",
                as_index_list(la.MIN_BATCH, la.MAX_BATCH, 0, DIGIT_IMAGES - 1),
            ),
        ),
        build=lambda digits: la.tensor_shapes_example(digits),
    ),
    SceneSpec(
        name="MatrixMultiplication",
        module="scenes.matrix_multiplication",
        chapter=CHAPTER,
        description="C = A @ B row by column: each entry as a sum of products, then the shape rule.",
        params=(
            Param("A", [[1, 2], [3, 4]], "left matrix, up to 4x4", as_matrix(4, 4)),
            Param("B", [[5, 6], [7, 8]], "right matrix, up to 4x4", as_matrix(4, 4)),
        ),
        build=lambda A, B: la.matmul_example(A, B),
    ),
    SceneSpec(
        name="Neuron",
        module="scenes.neuron",
        chapter=CHAPTER,
        description="The key formula z = Wx + b: one neuron term by term, a layer as a matrix "
        "product, then an activation.",
        params=(
            Param(
                "W",
                [[0.5, -1, 0.25], [1, 0.5, -0.5], [-0.5, 0.25, 1]],
                "weights, one row per neuron (up to 4x4)",
                as_matrix(4, 4),
            ),
            Param("x", [2, 1, 4], "inputs (one per column of W)", as_vector(1, 4)),
            Param("b", [0.5, -1, 0], "biases (one per row of W, or one number)", as_vector(1, 4)),
            Param("activation", "relu", "relu, sigmoid or tanh", as_choice(tuple(ACTIVATIONS))),
        ),
        build=lambda W, x, b, activation: la.neuron_example(W, x, b, activation),
    ),
)
