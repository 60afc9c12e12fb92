"""Linear algebra: tensor shapes, matrix multiplication and the neuron z = Wx + b.

Every function validates its input, computes with numpy and returns a frozen dataclass whose
``values()`` is the JSON-ready record of every number a scene shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from mathdl_anim.core.activations import get_activation
from mathdl_anim.core.errors import InputError

__all__ = [
    "ShapeRule",
    "LayerCost",
    "DIGIT_PIXELS",
    "DIGIT_IMAGES",
    "HIDDEN_NEURONS",
    "TensorInfo",
    "TensorShapesExample",
    "tensor_shapes_example",
    "MatMulStep",
    "MatMulExample",
    "matmul_example",
    "NeuronExample",
    "neuron_example",
    "DENSE_UNITS",
]

#: Output units of the dense layer the flattened image batch is fed into.
DENSE_UNITS = 3


def _tolist(a: npt.ArrayLike) -> list[Any]:
    return cast(list[Any], np.asarray(a).tolist())


@dataclass(frozen=True)
class TensorInfo:
    """A named array with the shape, ``ndim`` and ``size`` numpy reports for it.

    Attributes
    ----------
    label : str
        What the array is, e.g. ``"matrix"``.
    shape : tuple[int, ...]
    ndim : int
    size : int
    entries : list or float or None
        The numbers drawn inside it (``None`` when only its outline is drawn).
    """

    label: str
    shape: tuple[int, ...]
    ndim: int
    size: int
    entries: object = None

    @classmethod
    def of(cls, label: str, array: np.ndarray, show_entries: bool = True) -> TensorInfo:
        """Describe ``array`` as numpy does."""
        arr = np.asarray(array)
        entries = (arr.item() if arr.ndim == 0 else arr.tolist()) if show_entries else None
        return cls(label, tuple(int(n) for n in arr.shape), int(arr.ndim), int(arr.size), entries)

    def values(self) -> dict[str, Any]:
        out = {"shape": list(self.shape), "ndim": self.ndim, "size": self.size}
        if self.entries is not None:
            out["entries"] = self.entries
        return out


@dataclass(frozen=True)
class TensorShapesExample:
    """Scalars to 4-D batches, a flatten and a bias broadcast.

    Attributes
    ----------
    tensors : tuple[TensorInfo, ...]
        Scalar, vector, matrix, 3-D tensor and the 4-D image batch, in that order.
    flattened : TensorInfo
        The batch reshaped to ``(N, C*H*W)``, ready for a dense layer.
    weights_shape : tuple[int, int]
        The dense layer's weight shape ``(C*H*W, DENSE_UNITS)``.
    xw, bias, bias_broadcast, broadcast_sum : TensorInfo
        ``XW`` of shape ``(N, DENSE_UNITS)``, the bias of shape ``(DENSE_UNITS,)``, the bias
        as numpy broadcasts it to ``(N, DENSE_UNITS)``, and the sum.
    """

    tensors: tuple[TensorInfo, ...]
    flattened: TensorInfo
    weights_shape: tuple[int, int]
    xw: TensorInfo
    bias: TensorInfo
    bias_broadcast: TensorInfo
    broadcast_sum: TensorInfo

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {t.label: t.values() for t in self.tensors}
        out["flattened"] = self.flattened.values()
        out["weights_shape"] = list(self.weights_shape)
        out["xw"] = self.xw.values()
        out["bias"] = self.bias.values()
        out["bias_broadcast"] = self.bias_broadcast.values()
        out["broadcast_sum"] = self.broadcast_sum.values()
        return out


def tensor_shapes_example(shape: tuple[int, int, int, int] = (2, 3, 32, 32)) -> TensorShapesExample:
    """Build the tensor-shapes tour around an image batch of ``shape = (N, C, H, W)``.

    The batch itself is never allocated: :func:`numpy.broadcast_to` gives an array view with
    the requested shape at no memory cost, and numpy reports its ``ndim`` and ``size``.
    """
    if len(shape) != 4 or any(int(n) < 1 for n in shape):
        raise InputError(f"shape must be 4 positive integers (N, C, H, W), got {shape}")
    n = int(shape[0])
    scalar = np.array(5)
    vector = np.array([1, 2, 3])
    matrix = np.array([[1, 2, 3], [4, 5, 6]])
    cube = np.arange(24).reshape(2, 3, 4)
    batch = np.broadcast_to(np.float32(0), tuple(shape))
    flat = batch.reshape(n, -1)
    xw = np.arange(1, n * DENSE_UNITS + 1).reshape(n, DENSE_UNITS)
    bias = 10 * np.arange(1, DENSE_UNITS + 1)
    return TensorShapesExample(
        tensors=(
            TensorInfo.of("scalar", scalar),
            TensorInfo.of("vector", vector),
            TensorInfo.of("matrix", matrix),
            TensorInfo.of("tensor3d", cube, show_entries=False),
            TensorInfo.of("batch", batch, show_entries=False),
        ),
        flattened=TensorInfo.of("flattened", flat, show_entries=False),
        weights_shape=(int(flat.shape[1]), DENSE_UNITS),
        xw=TensorInfo.of("xw", xw),
        bias=TensorInfo.of("bias", bias),
        bias_broadcast=TensorInfo.of("bias_broadcast", np.broadcast_to(bias, xw.shape)),
        broadcast_sum=TensorInfo.of("broadcast_sum", xw + bias),
    )


@dataclass(frozen=True)
class MatMulStep:
    """One entry of C = AB: row ``i`` of A times column ``j`` of B.

    Attributes
    ----------
    i, j : int
        Zero-based row and column.
    factors : tuple[tuple[float, float], ...]
        The pairs ``(A[i, k], B[k, j])``.
    terms : tuple[float, ...]
        Their products.
    total : float
        The sum of the terms, ``C[i, j]``.
    """

    i: int
    j: int
    factors: tuple[tuple[float, float], ...]
    terms: tuple[float, ...]
    total: float


#: The digit images of the running example: scikit-learn's ``load_digits`` (UCI optical digits),
#: 1,797 images of 8 x 8 = 64 grey levels (scikit-learn documentation, "Optical recognition of
#: handwritten digits dataset").
DIGIT_PIXELS = 64
DIGIT_IMAGES = 1797
#: The width of the digit network's hidden layer.
HIDDEN_NEURONS = 32

#: A small batch of inputs (rows are examples) and a layer's weights (columns are neurons),
#: hand-checkable, for "inputs times weights".
BATCH_INPUTS = ((1.0, 0.0, 2.0, 1.0), (0.0, 1.0, 1.0, 3.0), (2.0, 1.0, 0.0, 1.0))
BATCH_WEIGHTS = ((0.5, -1.0), (1.0, 0.0), (-0.5, 1.0), (0.0, 0.5))


@dataclass(frozen=True)
class ShapeRule:
    """``(m x n) @ (n x p) -> (m x p)``: the inner sizes meet, the outer ones remain.

    Examples
    --------
    >>> ShapeRule((2, 3), (3, 4)).result
    (2, 4)
    """

    left: tuple[int, int]
    right: tuple[int, int]

    def __post_init__(self) -> None:
        if self.left[1] != self.right[0]:
            raise InputError(f"inner sizes differ: {self.left[1]} and {self.right[0]}")

    @property
    def result(self) -> tuple[int, int]:
        return (self.left[0], self.right[1])


@dataclass(frozen=True)
class LayerCost:
    """The multiply-adds of one dense layer: one per weight, for each example.

    Attributes
    ----------
    inputs, neurons, batch : int
    """

    inputs: int
    neurons: int
    batch: int

    @property
    def per_example(self) -> int:
        """``inputs * neurons``: one multiply-add per weight."""
        return self.inputs * self.neurons

    @property
    def per_batch(self) -> int:
        """``batch * inputs * neurons``."""
        return self.batch * self.per_example


@dataclass(frozen=True)
class MatMulExample:
    """The product C = A @ B and its row-by-column steps.

    Attributes
    ----------
    A, B, product : np.ndarray
    steps : tuple[MatMulStep, ...]
        One per entry of C, row by row.
    rule : ShapeRule
        A pair whose inner sizes visibly meet (2 x 3 by 3 x 4).
    inputs, weights, outputs : np.ndarray
        A batch of inputs (rows are examples), a layer's weights (columns are neurons) and
        their product (one weighted sum per example and neuron).
    cost : LayerCost
        The multiply-adds of the digit network's first layer, per image and per batch.
    """

    A: np.ndarray
    B: np.ndarray
    product: np.ndarray
    steps: tuple[MatMulStep, ...]
    rule: ShapeRule = ShapeRule((2, 3), (3, 4))
    inputs: np.ndarray = field(default_factory=lambda: np.array(BATCH_INPUTS))
    weights: np.ndarray = field(default_factory=lambda: np.array(BATCH_WEIGHTS))
    cost: LayerCost = LayerCost(DIGIT_PIXELS, HIDDEN_NEURONS, DIGIT_IMAGES)

    @property
    def outputs(self) -> np.ndarray:
        """``inputs @ weights``."""
        return cast(np.ndarray, self.inputs @ self.weights)

    @property
    def shapes(self) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
        """``((m, n), (n, p), (m, p))``."""
        return self.A.shape, self.B.shape, self.product.shape

    def step(self, i: int, j: int) -> MatMulStep:
        return self.steps[i * int(self.product.shape[1]) + j]

    def values(self) -> dict[str, Any]:
        return {
            "A": _tolist(self.A),
            "B": _tolist(self.B),
            "product": _tolist(self.product),
            "terms": [
                [list(self.step(i, j).terms) for j in range(self.product.shape[1])]
                for i in range(self.product.shape[0])
            ],
            "shapes": [list(s) for s in self.shapes],
            "rule": {
                "left": list(self.rule.left),
                "right": list(self.rule.right),
                "result": list(self.rule.result),
            },
            "inputs": _tolist(self.inputs),
            "weights": _tolist(self.weights),
            "outputs": _tolist(self.outputs),
            "cost": {
                "inputs": self.cost.inputs,
                "neurons": self.cost.neurons,
                "batch": self.cost.batch,
                "per_example": self.cost.per_example,
                "per_batch": self.cost.per_batch,
            },
        }


def matmul_example(A: npt.ArrayLike, B: npt.ArrayLike) -> MatMulExample:
    """Multiply ``A`` (m x n) by ``B`` (n x p), keeping every product shown on screen.

    Raises
    ------
    InputError
        If the inner dimensions differ.
    """
    A = np.atleast_2d(np.asarray(A, dtype=float))
    B = np.atleast_2d(np.asarray(B, dtype=float))
    if A.ndim != 2 or B.ndim != 2:
        raise InputError("A and B must be matrices")
    if A.shape[1] != B.shape[0]:
        raise InputError(
            f"cannot multiply A {A.shape[0]}x{A.shape[1]} by B {B.shape[0]}x{B.shape[1]}: "
            f"A has {A.shape[1]} columns but B has {B.shape[0]} rows"
        )
    product = A @ B
    steps = []
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            factors = tuple((float(A[i, k]), float(B[k, j])) for k in range(A.shape[1]))
            terms = tuple(a * b for a, b in factors)
            steps.append(MatMulStep(i, j, factors, terms, float(product[i, j])))
    return MatMulExample(A, B, product, tuple(steps))


@dataclass(frozen=True)
class NeuronExample:
    """A layer z = Wx + b followed by an activation.

    Attributes
    ----------
    W : np.ndarray, shape (k, n)
    x : np.ndarray, shape (n,)
    b : np.ndarray, shape (k,)
    terms : np.ndarray, shape (k, n)
        ``W[r, j] * x[j]``: the weighted inputs, summed term by term.
    z : np.ndarray, shape (k,)
        The pre-activations ``W @ x + b``.
    activation : str
    a : np.ndarray, shape (k,)
        The activations.
    """

    W: np.ndarray
    x: np.ndarray
    b: np.ndarray
    terms: np.ndarray
    z: np.ndarray
    activation: str
    a: np.ndarray

    @property
    def partial_sums(self) -> np.ndarray:
        """Running sums of the first neuron's terms, then plus its bias: shape (n + 1,)."""
        return np.append(np.cumsum(self.terms[0]), self.z[0])

    def values(self) -> dict[str, Any]:
        return {
            "W": _tolist(self.W),
            "x": _tolist(self.x),
            "b": _tolist(self.b),
            "terms": _tolist(self.terms),
            "partial_sums": _tolist(self.partial_sums),
            "z": _tolist(self.z),
            "a": _tolist(self.a),
            "activation_constants": list(get_activation(self.activation).constants),
        }


def neuron_example(
    W: npt.ArrayLike, x: npt.ArrayLike, b: npt.ArrayLike, activation: str = "relu"
) -> NeuronExample:
    """Compute z = Wx + b and its activation, keeping each weighted input.

    Raises
    ------
    InputError
        If the shapes of ``W``, ``x`` and ``b`` do not fit together.
    """
    W = np.atleast_2d(np.asarray(W, dtype=float))
    x = np.asarray(x, dtype=float).reshape(-1)
    b = np.asarray(b, dtype=float).reshape(-1)
    k, n = W.shape
    if x.shape[0] != n:
        raise InputError(f"W is {k}x{n}, so x needs {n} entries, got {x.shape[0]}")
    if b.shape[0] not in (1, k):
        raise InputError(f"W has {k} rows, so b needs {k} entries (or one), got {b.shape[0]}")
    b = np.broadcast_to(b, (k,)).copy()
    terms = W * x
    z = W @ x + b
    a = get_activation(activation).fn(z)
    return NeuronExample(W, x, b, terms, z, activation, a)
